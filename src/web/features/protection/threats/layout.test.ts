import { describe, expect, it } from 'vitest';
import type { ThreatAnalysis } from '../../../../contracts/threats.ts';
import { targetOf } from './LinkModal.tsx';
import { actorNode, CLIENT, layoutNetwork, NODE_SIZE, staffNode, type NodeKind, type Point } from './layout.ts';

const actor = (id: string, kind: 'group' | 'person') => ({
  id, kind, name: id, role: '', relationToClient: '', capability: 'unknown', intent: 'unknown', lastKnownActivity: '', lastActivityOn: null, notes: '',
  revision: 1, createdByName: null, updatedAt: '2026-01-01T00:00:00.000Z',
}) as const;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [g1, g2, p1, p2, p3, s1, s2] = [1, 2, 3, 4, 5, 6, 7].map(uuid) as [string, string, string, string, string, string, string];

const analysis: Pick<ThreatAnalysis, 'actors' | 'links' | 'staff'> = {
  actors: [actor(g1, 'group'), actor(p1, 'person'), actor(g2, 'group'), actor(p2, 'person'), actor(p3, 'person')],
  links: [
    // p1 belongs to g1 (link from the person), p2 to g2 (link from the group); p3 only to the client.
    { id: uuid(10), fromActorId: p1, to: { kind: 'actor', actorId: g1 }, relation: '', createdByName: null, createdAt: '' },
    { id: uuid(11), fromActorId: g2, to: { kind: 'actor', actorId: p2 }, relation: '', createdByName: null, createdAt: '' },
    { id: uuid(12), fromActorId: p3, to: { kind: 'client' }, relation: '', createdByName: null, createdAt: '' },
  ],
  staff: [{ staffId: s1, name: 'A', staffRole: 'exit_worker', teamRole: 'lead' }, { staffId: s2, name: 'B', staffRole: 'security_officer', teamRole: 'member' }],
};

describe('network layout', () => {
  const pos = layoutNetwork(analysis);
  const p = (id: string) => pos.get(id)!;
  const dist = (a: string, b: string) => Math.hypot(p(a).x - p(b).x, p(a).y - p(b).y);

  it('places every node, the client in the centre, groups left of it and staff right of it', () => {
    expect(pos.size).toBe(1 + 5 + 2);
    expect(p(CLIENT)).toEqual({ x: 0, y: 0 });
    for (const g of [g1, g2]) expect(p(actorNode(g)).x).toBeLessThan(-100);
    for (const s of [s1, s2]) expect(p(staffNode(s)).x).toBeGreaterThan(200);
  });

  it('turned for a phone: groups above the client, staff in a row below it', () => {
    const v = layoutNetwork(analysis, { vertical: true });
    for (const g of [g1, g2]) expect(v.get(actorNode(g))!.y).toBeLessThan(-100);
    for (const s of [s1, s2]) expect(v.get(staffNode(s))!.y).toBeGreaterThan(200);
    expect(v.get(staffNode(s1))!.y).toBe(v.get(staffNode(s2))!.y);
  });

  it('never puts two boxes on top of each other, either way round, with four groups, their persons, persons of no group and six staff', () => {
    const many: typeof analysis = {
      actors: [...[1, 2, 3, 4].map((n) => actor(uuid(100 + n), 'group')), ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => actor(uuid(200 + n), 'person'))],
      links: [1, 2, 3, 4, 5, 6].map((n) => ({ id: uuid(300 + n), fromActorId: uuid(200 + n), to: { kind: 'actor' as const, actorId: uuid(100 + (n % 4) + 1) }, relation: '', createdByName: null, createdAt: '' })),
      staff: [1, 2, 3, 4, 5, 6].map((n) => ({ staffId: uuid(400 + n), name: `S${n}`, staffRole: 'exit_worker', teamRole: 'member' as const })),
    };
    const kindOf = (id: string): NodeKind => (id === CLIENT ? 'client' : id.startsWith('staff:') ? 'staff' : many.actors.find((x) => actorNode(x.id) === id)!.kind);
    const overlap = (a: [string, Point], b: [string, Point]) => {
      const [sa, sb] = [NODE_SIZE[kindOf(a[0])], NODE_SIZE[kindOf(b[0])]];
      return Math.abs(a[1].x - b[1].x) < (sa.w + sb.w) / 2 && Math.abs(a[1].y - b[1].y) < (sa.h + sb.h) / 2;
    };
    for (const vertical of [false, true]) {
      const all = [...layoutNetwork(many, { vertical }).entries()];
      expect(all).toHaveLength(1 + 12 + 6);
      const clashes = all.flatMap((a, i) => all.slice(i + 1).filter((b) => overlap(a, b)).map((b) => `${a[0]} × ${b[0]}`));
      expect({ vertical, clashes }).toEqual({ vertical, clashes: [] });
    }
  });

  it('puts a person next to the group it is linked to (in either direction), further out than the group', () => {
    expect(dist(actorNode(p1), actorNode(g1))).toBeLessThan(dist(actorNode(p1), actorNode(g2)));
    expect(dist(actorNode(p2), actorNode(g2))).toBeLessThan(dist(actorNode(p2), actorNode(g1)));
    expect(dist(actorNode(p1), CLIENT)).toBeGreaterThan(dist(actorNode(g1), CLIENT));
    // A person linked to no group sits below the client.
    expect(p(actorNode(p3)).y).toBeGreaterThan(100);
  });

  it('is deterministic', () => {
    expect([...layoutNetwork(analysis).entries()]).toEqual([...pos.entries()]);
  });

  it('reads the link form\'s "to" value back into a target', () => {
    expect(targetOf(CLIENT)).toEqual({ kind: 'client' });
    expect(targetOf(actorNode(g1))).toEqual({ kind: 'actor', actorId: g1 });
    expect(targetOf(staffNode(s1))).toEqual({ kind: 'staff', staffId: s1 });
    expect(targetOf('')).toBeNull();
  });
});
