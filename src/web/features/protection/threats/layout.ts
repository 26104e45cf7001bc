import type { ThreatAnalysis, ThreatLink } from '../../../../contracts/threats.ts';

/**
 * Where each node of the network picture sits: a fixed, deterministic layout
 * (the same analysis always looks the same, so colleagues can point at it).
 *
 * - The client in the centre.
 * - Groups on an arc to the left of the client.
 * - Persons fanned out behind the first group they are linked to; persons
 *   linked to no group on an arc below the client.
 * - Staff in a column to the right.
 *
 * On a phone the picture is turned a quarter (groups above the client, staff
 * in a row below, persons of no group in a row between), which suits a
 * narrow, tall screen.
 *
 * Positions are node centres; `topLeft` turns them into what xyflow places.
 */
export type NodeId = string;
export type Point = { x: number; y: number };

export const CLIENT: NodeId = 'client';
export const actorNode = (id: string): NodeId => `actor:${id}`;
export const staffNode = (id: string): NodeId => `staff:${id}`;

export function targetNode(to: ThreatLink['to']): NodeId {
  switch (to.kind) {
    case 'client': return CLIENT;
    case 'actor': return actorNode(to.actorId);
    case 'staff': return staffNode(to.staffId);
  }
}

/** The nodes' box sizes (the picture draws them at these sizes; heights are the usual ones, long names wrap). */
export const NODE_SIZE = { client: { w: 112, h: 112 }, group: { w: 150, h: 56 }, person: { w: 140, h: 48 }, staff: { w: 140, h: 48 } } as const;
export type NodeKind = keyof typeof NODE_SIZE;
export const topLeft = (p: Point, kind: NodeKind): Point => ({ x: p.x - NODE_SIZE[kind].w / 2, y: p.y - NODE_SIZE[kind].h / 2 });

const GROUP_RADIUS = 260;
const PERSON_DISTANCE = 190;
const LOOSE_RADIUS = 330;
const LOOSE_ROW_Y = 190;
const STAFF_X = 340;
const STAFF_GAP = 96;
/** In the turned layout staff stand side by side: their width, not their height, sets the gap. */
const STAFF_GAP_ROW = 160;
const rad = (deg: number) => (deg * Math.PI) / 180;
const at = (centre: Point, deg: number, r: number): Point => ({ x: Math.round(centre.x + Math.cos(rad(deg)) * r), y: Math.round(centre.y + Math.sin(rad(deg)) * r) });

/** Angles for n items centred on `middle`, at most `step` apart and within `span` degrees in all. */
function spread(n: number, middle: number, step: number, span: number): number[] {
  if (n <= 1) return n === 1 ? [middle] : [];
  const gap = Math.min(step, span / (n - 1));
  return Array.from({ length: n }, (_, i) => middle + (i - (n - 1) / 2) * gap);
}

export function layoutNetwork(a: Pick<ThreatAnalysis, 'actors' | 'links' | 'staff'>, opts: { vertical?: boolean } = {}): Map<NodeId, Point> {
  const pos = new Map<NodeId, Point>();
  const centre = { x: 0, y: 0 };
  pos.set(CLIENT, centre);

  // Screen coordinates: 180° is left, 90° is down.
  const groups = a.actors.filter((x) => x.kind === 'group');
  const groupAngle = new Map<string, number>();
  spread(groups.length, 180, 40, 160).forEach((deg, i) => {
    const g = groups[i]!;
    groupAngle.set(g.id, deg);
    pos.set(actorNode(g.id), at(centre, deg, GROUP_RADIUS));
  });

  const groupOf = (personId: string): string | null => {
    for (const l of a.links) {
      if (l.fromActorId === personId && l.to.kind === 'actor' && groupAngle.has(l.to.actorId)) return l.to.actorId;
      if (l.to.kind === 'actor' && l.to.actorId === personId && groupAngle.has(l.fromActorId)) return l.fromActorId;
    }
    return null;
  };
  const byGroup = new Map<string, string[]>();
  const loose: string[] = [];
  for (const p of a.actors.filter((x) => x.kind === 'person')) {
    const g = groupOf(p.id);
    if (g) byGroup.set(g, [...(byGroup.get(g) ?? []), p.id]);
    else loose.push(p.id);
  }
  for (const [g, persons] of byGroup) {
    const deg = groupAngle.get(g)!;
    const from = pos.get(actorNode(g))!;
    // Side by side when turned: persons then need their width apart, not their height.
    spread(persons.length, deg, opts.vertical ? 50 : 32, 150).forEach((d, i) => pos.set(actorNode(persons[i]!), at(from, d, PERSON_DISTANCE)));
  }
  if (!opts.vertical) spread(loose.length, 90, 40, 160).forEach((d, i) => pos.set(actorNode(loose[i]!), at(centre, d, LOOSE_RADIUS)));

  const gap = opts.vertical ? STAFF_GAP_ROW : STAFF_GAP;
  a.staff.forEach((s, i) => pos.set(staffNode(s.staffId), { x: STAFF_X, y: Math.round((i - (a.staff.length - 1) / 2) * gap) }));
  if (!opts.vertical) return pos;
  // A quarter turn: left becomes up, right becomes down; persons of no group in a row between the client and the staff.
  const turned = new Map([...pos].map(([id, p]) => [id, { x: p.y, y: p.x }]));
  loose.forEach((id, i) => turned.set(actorNode(id), { x: Math.round((i - (loose.length - 1) / 2) * STAFF_GAP_ROW), y: LOOSE_ROW_Y }));
  return turned;
}
