import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../platform/auth/totp.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { type TestStaff, api, auditReasonText, makeCase, makeStaff, sessionFor } from '../../testing/factories.ts';

let env: TestEnv;
let manager: TestStaff;
let withAccess: TestStaff;
let without: TestStaff;
let mc: string;
let wc: string;
let nc: string;

const person = (over: Record<string, unknown> = {}) => ({
  legalName: 'Erika Mustermann-Probe', aliases: ['Rikki'], dateOfBirth: '1999-04-01', addresses: ['Beispielweg 1, Nirgendwo'], phones: ['+49 000 000'], idDocuments: [{ kind: 'ID card', number: 'T00000000' }], ...over,
});

beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  withAccess = await makeStaff(env, { role: 'exit_worker' });
  without = await makeStaff(env, { role: 'exit_worker' });
  [mc, wc, nc] = await Promise.all([sessionFor(env, manager), sessionFor(env, withAccess), sessionFor(env, without)]);
});
afterAll(() => env.close());

const team = () => [{ staffId: withAccess.id, role: 'lead' as const, identityAccess: true }, { staffId: without.id, role: 'member' as const, identityAccess: false }];
const ageMfa = (staffId: string) => env.owner.query(`update sessions set mfa_at = now() - interval '6 minutes' where staff_id = $1`, [staffId]);

describe('the sealed identity', () => {
  it('is encrypted with the case key, revealed only with a reason and a fresh second factor, and audited with the reason', async () => {
    const id = await makeCase(env, mc, { team: team() });
    const put = await api(env, wc).put(`/api/cases/${id}/identity`, { identity: person(), expectedVersion: 0 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ version: 1, duplicate: { kind: 'checked' } });
    const raw = await env.owner.query('select data_enc from case_identity where case_id = $1', [id]);
    expect(Buffer.from(raw.rows[0].data_enc).includes(Buffer.from('Mustermann'))).toBe(false);
    // The ordinary case read never carries it.
    expect((await api(env, wc).get(`/api/cases/${id}`)).body).not.toContain('Mustermann');

    const fresh = await api(env, wc).post(`/api/cases/${id}/identity/reveal`, { reason: 'Court letter needs the legal name' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().identity.legalName).toBe('Erika Mustermann-Probe');

    await ageMfa(withAccess.id);
    const stale = await api(env, wc).post(`/api/cases/${id}/identity/reveal`, { reason: 'Court letter needs the legal name' });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('fresh_mfa_required');
    expect(stale.body).not.toContain('Mustermann');

    const wrong = await api(env, wc).post('/api/auth/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const ok = await api(env, wc).post('/api/auth/confirm', { code: totpCode(withAccess.totpSecret, Date.now()) });
    expect(ok.statusCode).toBe(200);
    expect((await api(env, wc).post(`/api/cases/${id}/identity/reveal`, { reason: 'Court letter needs the legal name' })).statusCode).toBe(200);

    const audit = await env.owner.query(`select outcome, reason, basis from audit_events where case_id = $1 and action = 'case.identity.reveal' order by seq`, [id]);
    // The person's reason is stored encrypted; the audit entry keeps a reference (a system code stays plain).
    expect(await Promise.all(audit.rows.map(async (r) => ({ ...r, reason: r.reason.startsWith('ref:') ? await auditReasonText(env, r.reason) : r.reason })))).toEqual([
      { outcome: 'success', reason: 'Court letter needs the legal name', basis: 'team' },
      { outcome: 'denied', reason: 'second factor not fresh', basis: 'team' },
      { outcome: 'success', reason: 'Court letter needs the legal name', basis: 'team' },
    ]);
    const plain = await env.owner.query(`select count(*)::int as n from audit_events where reason like '%Court letter%'`);
    expect(plain.rows[0].n).toBe(0);
    // The manager's access log shows the reason in words.
    const log = (await api(env, mc).get(`/api/cases/${id}/access-log`)).json().entries as { action: string; reason: string | null }[];
    expect(log.filter((e) => e.action === 'case.identity.reveal').map((e) => e.reason)).toEqual(['Court letter needs the legal name', 'second factor not fresh', 'Court letter needs the legal name']);
  });

  it('is refused to team members without identity access (403) and absent for outsiders (404)', async () => {
    const id = await makeCase(env, mc, { team: team() });
    expect((await api(env, nc).post(`/api/cases/${id}/identity/reveal`, { reason: 'curious about it' })).statusCode).toBe(403);
    expect((await api(env, nc).put(`/api/cases/${id}/identity`, { identity: person(), expectedVersion: 0 })).statusCode).toBe(403);
    const outsider = await makeStaff(env, { role: 'exit_worker' });
    const oc = await sessionFor(env, outsider);
    expect((await api(env, oc).post(`/api/cases/${id}/identity/reveal`, { reason: 'curious about it' })).statusCode).toBe(404);
  });

  it('is gone for good once the case key is destroyed', async () => {
    const id = await makeCase(env, mc, { team: team() });
    await api(env, mc).put(`/api/cases/${id}/identity`, { identity: person(), expectedVersion: 0 });
    await env.owner.query('delete from case_keys where case_id = $1', [id]);
    const res = await api(env, mc).post(`/api/cases/${id}/identity/reveal`, { reason: 'after erasure' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ identity: null, version: 1 });
  });

  it('detects a concurrent change of the identity', async () => {
    const id = await makeCase(env, mc, { team: team() });
    await api(env, mc).put(`/api/cases/${id}/identity`, { identity: person(), expectedVersion: 0 });
    const stale = await api(env, wc).put(`/api/cases/${id}/identity`, { identity: person({ aliases: [] }), expectedVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('identity_changed');
  });
});

describe('writers that wait for the case lock', () => {
  /** Holds the case row locked in its own transaction until `release` runs, after `meanwhile` changed things. */
  async function holdCase(id: string) {
    const holder = await env.owner.connect();
    await holder.query('begin');
    await holder.query('select 1 from cases where id = $1 for update', [id]);
    const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    return {
      holder,
      waiting: async (n: number) => {
        for (let i = 0; i < 500; i++) {
          // pg_locks, not pg_stat_activity: a non-superuser owner (external PostgreSQL) does not see other roles' wait events.
          // A second waiter waits behind the first one, not behind the holder: count every blocked backend of this database.
          const r = await env.owner.query(`select count(distinct l.pid)::int as n from pg_locks l where not l.granted and l.pid <> $1
            and cardinality(pg_blocking_pids(l.pid)) > 0
            and exists (select 1 from pg_locks mine where mine.pid = l.pid and mine.database = (select oid from pg_database where datname = current_database()))`, [pid]);
          if (r.rows[0].n >= n) return;
          await new Promise((res) => setTimeout(res, 10));
        }
        throw new Error(`fewer than ${n} requests waiting for the lock`);
      },
      release: async () => { await holder.query('commit'); holder.release(); },
    };
  }

  it('see the identity version the writer before them committed: one of two saves of version 0 is told, none is lost', async () => {
    const id = await makeCase(env, mc, { team: team() });
    const lock = await holdCase(id);
    const first = api(env, wc).put(`/api/cases/${id}/identity`, { identity: person({ legalName: 'Lara Wartend', aliases: ['from worker'] }), expectedVersion: 0 });
    const second = api(env, mc).put(`/api/cases/${id}/identity`, { identity: person({ legalName: 'Lara Wartend', aliases: ['from manager'] }), expectedVersion: 0 });
    await lock.waiting(2);
    await lock.release();
    const codes = (await Promise.all([first, second])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    expect((await env.owner.query('select version from case_identity where case_id = $1', [id])).rows).toEqual([{ version: 1 }]);
  });

  it('see a team change committed while they waited: a member removed meanwhile reveals nothing', async () => {
    const id = await makeCase(env, mc, { team: team() });
    await api(env, mc).put(`/api/cases/${id}/identity`, { identity: person({ legalName: 'Erika Entfernt' }), expectedVersion: 0 });
    const lock = await holdCase(id);
    const reveal = api(env, wc).post(`/api/cases/${id}/identity/reveal`, { reason: 'Needed for the court letter' });
    await lock.waiting(1);
    await lock.holder.query('delete from case_team where case_id = $1 and staff_id = $2', [id, withAccess.id]);
    await lock.release();
    const res = await reveal;
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Entfernt');
  });
});

describe('duplicate check at intake', () => {
  it('tells a manager which case matches, and a worker the same neutral answer whether or not anything matched', async () => {
    const first = await makeCase(env, mc, { codename: 'Original' });
    await api(env, mc).put(`/api/cases/${first}/identity`, { identity: person({ legalName: 'Jonas Beispiel', aliases: [] }), expectedVersion: 0 });

    const second = await makeCase(env, mc, { team: team() });
    // Same person written differently: capitals, accents, order of names.
    const asWorker = await api(env, wc).put(`/api/cases/${second}/identity`, { identity: person({ legalName: 'BEISPIEL, Jónas', aliases: [] }), expectedVersion: 0 });
    // The same answer a worker gets when nothing matched: the check is no oracle.
    expect(asWorker.json().duplicate).toEqual({ kind: 'checked' });
    expect(asWorker.body).not.toContain(first);
    expect(asWorker.body).not.toContain('Original');

    const timeline = (await api(env, wc).get(`/api/cases/${second}/timeline`)).json();
    expect(JSON.stringify(timeline)).not.toMatch(/duplicate|match/i);
    const unrelated = await makeCase(env, mc, { team: team() });
    const noMatch = await api(env, wc).put(`/api/cases/${unrelated}/identity`, { identity: person({ legalName: 'Niemand Sonst', aliases: [] }), expectedVersion: 0 });
    expect(noMatch.json().duplicate).toEqual({ kind: 'checked' });

    const queue = (await api(env, mc).get('/api/duplicate-reviews')).json().reviews;
    expect(queue).toEqual([expect.objectContaining({ caseId: second, matchedCaseId: first, matchedCodename: 'Original', raisedByName: withAccess.name })]);
    const alerts = (await api(env, mc).get('/api/notifications')).json();
    expect(alerts.notifications.some((n: { kind: string; caseId: string }) => n.kind === 'duplicate_check' && n.caseId === second)).toBe(true);

    const third = await makeCase(env, mc);
    const asManager = await api(env, mc).put(`/api/cases/${third}/identity`, { identity: person({ legalName: 'Jonas Beispiel', aliases: [] }), expectedVersion: 0 });
    expect(asManager.json().duplicate.kind).toBe('matches');
    expect(asManager.json().duplicate.cases.map((c: { id: string }) => c.id).sort()).toEqual([first, second].sort());

    expect((await api(env, wc).get('/api/duplicate-reviews')).statusCode).toBe(403);
    const resolved = await api(env, mc).post(`/api/duplicate-reviews/${queue[0].id}/resolve`, { outcome: 'same_person' });
    expect(resolved.statusCode).toBe(200);
    // The manager's finding never reaches the team's timeline: "same" or "different" would both tell.
    expect(JSON.stringify((await api(env, wc).get(`/api/cases/${second}/timeline`)).json())).not.toMatch(/duplicate|same_person|different_person/i);
    expect((await api(env, mc).post(`/api/duplicate-reviews/${queue[0].id}/resolve`, { outcome: 'same_person' })).statusCode).toBe(409);
    expect((await api(env, mc).get('/api/duplicate-reviews')).json().reviews).toEqual([]);
  });

  it('does not match on a name alone (no date of birth)', async () => {
    const a = await makeCase(env, mc);
    await api(env, mc).put(`/api/cases/${a}/identity`, { identity: person({ legalName: 'Max Muster', dateOfBirth: null }), expectedVersion: 0 });
    const b = await makeCase(env, mc);
    const res = await api(env, mc).put(`/api/cases/${b}/identity`, { identity: person({ legalName: 'Max Muster', dateOfBirth: null }), expectedVersion: 0 });
    expect(res.json().duplicate).toEqual({ kind: 'none' });
  });
});

describe('step-up window', () => {
  it('follows EXITDESK_STEP_UP_SECONDS: a second factor older than the window must be confirmed again', async () => {
    const strict = await createTestEnv({ config: { stepUpSeconds: 10 } });
    try {
      const m = await makeStaff(strict, { role: 'manager' });
      const cookie = await sessionFor(strict, m);
      const id = await makeCase(strict, cookie);
      expect((await api(strict, cookie).post(`/api/cases/${id}/identity/reveal`, { reason: 'within the window' })).statusCode).toBe(200);
      await strict.owner.query(`update sessions set mfa_at = now() - interval '11 seconds' where staff_id = $1`, [m.id]);
      const stale = await api(strict, cookie).post(`/api/cases/${id}/identity/reveal`, { reason: 'after the window' });
      expect(stale.json().error.code).toBe('fresh_mfa_required');
    } finally {
      await strict.close();
    }
  });
});
