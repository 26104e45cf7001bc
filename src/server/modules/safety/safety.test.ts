import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeCase, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';
import { advanceEscalation } from './commands/advance-escalation.ts';

let env: TestEnv;
let manager: TestStaff; let worker: TestStaff; let buddy: TestStaff; let colleague: TestStaff; let teamMate: TestStaff;
const cookie: Record<string, string> = {};
let caseId: string;

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

beforeAll(async () => {
  env = await createTestEnv({ jobs: true });
  manager = await makeStaff(env, { role: 'manager', name: 'Manager M' });
  worker = await makeStaff(env, { role: 'exit_worker', name: 'Worker W' });
  buddy = await makeStaff(env, { role: 'exit_worker', name: 'Buddy B' });
  colleague = await makeStaff(env, { role: 'exit_worker', name: 'Colleague C' });
  teamMate = await makeStaff(env, { role: 'exit_worker', name: 'Teammate T' });
  for (const p of [manager, worker, buddy, colleague, teamMate]) cookie[p.id] = await sessionFor(env, p);
  caseId = await makeCase(env, cookie[manager.id]!, { codename: 'Kestrel', team: [{ staffId: worker.id, role: 'lead' }, { staffId: teamMate.id, role: 'member' }] });
});
afterAll(async () => { await env.close(); });

async function startVisit(person: TestStaff, extra: Record<string, unknown> = {}) {
  const res = await api(env, cookie[person.id]).post('/api/safety/visits', {
    kind: 'field', caseId, purpose: 'Meeting about the flat', location: 'Café Lindenhof, Marktplatz', locationType: 'safe_place',
    plannedStart: inMinutes(0), plannedEnd: inMinutes(60), buddyId: buddy.id, startNow: true, ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const visitRow = async (id: string) => (await env.owner.query('select status, due_at, taken_over_by from visits where id = $1', [id])).rows[0];
const alertsOf = async (visitId: string) => (await env.owner.query<{ kind: string; n: number }>(
  `select a.kind, count(n.id)::int as n from safety_alerts a left join notifications n on n.alert_id = a.id where a.visit_id = $1 group by a.id, a.kind order by min(a.fired_at)`, [visitId])).rows;

describe('visits: start, check in, check out', () => {
  it('runs a visit and refuses what no longer makes sense, changing nothing', async () => {
    const id = await startVisit(worker);
    const checkIn = await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-in`, { extendMinutes: 30 });
    expect(checkIn.statusCode).toBe(200);
    expect(Math.abs(Date.parse(checkIn.json().dueAt) - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);
    // Someone else cannot check the worker out, even a manager.
    expect((await api(env, cookie[manager.id]).post(`/api/safety/visits/${id}/check-out`, {})).statusCode).toBe(403);
    const out = await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-out`, {});
    expect(out.statusCode).toBe(200);
    const again = await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-out`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('visit_not_active');
    const late = await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-in`, { extendMinutes: 30 });
    expect(late.statusCode).toBe(409);
    const detail = (await api(env, cookie[worker.id]).get(`/api/safety/visits/${id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['started', 'checked_in', 'checked_out']);
  });

  it('refuses a visit that ends before it starts, a field visit without a place, and a client home without a reason', async () => {
    const res = await api(env, cookie[worker.id]).post('/api/safety/visits', { kind: 'field', location: 'x', plannedStart: inMinutes(60), plannedEnd: inMinutes(30) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['plannedEnd']);
    const noPlace = await api(env, cookie[worker.id]).post('/api/safety/visits', { kind: 'field', plannedStart: inMinutes(0), plannedEnd: inMinutes(30) });
    expect(noPlace.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['location']);
    const home = await api(env, cookie[worker.id]).post('/api/safety/visits', { kind: 'field', location: 'Street 1', locationType: 'client_home', plannedStart: inMinutes(0), plannedEnd: inMinutes(30) });
    expect(home.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['homeVisitReason']);
    const n = (await env.owner.query('select count(*)::int as n from visits where staff_id = $1', [worker.id])).rows[0].n;
    expect(n).toBe(1);
  });

  it('queues the escalation job in the same transaction as the start', async () => {
    const id = await startVisit(worker);
    const jobs = (await env.owner.query(`select start_after from pgboss.job where name = 'visit-escalation' and data->>'visitId' = $1`, [id])).rows;
    expect(jobs).toHaveLength(1);
    const due = (await visitRow(id)).due_at;
    expect(new Date(jobs[0].start_after).getTime()).toBe(new Date(due).getTime());
    await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-out`, {});
  });
});

describe('escalation chain (controllable clock)', () => {
  it('fires each step at its time, exactly once however often it runs, and an acknowledgement stops it', async () => {
    await api(env, cookie[manager.id]).put('/api/safety/escalation/default', { reminderAfterS: 0, buddyAfterS: 300, managersAfterS: 600, emergencyAfterS: 900, emergencyProcedure: 'Call the duty phone, then the police.' });
    const id = await startVisit(worker);
    const due = new Date((await visitRow(id)).due_at);
    const at = (s: number) => new Date(due.getTime() + s * 1000);
    const run = (s: number) => advanceEscalation({ ctx: env.ctx, visitId: id, now: at(s), runId: `test-${s}` });

    expect((await run(-1)).fired).toEqual([]);
    expect(await run(0)).toMatchObject({ fired: ['reminder'], next: at(300) });
    expect((await run(299)).fired).toEqual([]);
    // Many runs at once (as several instances would): the step exists once.
    const parallel = await Promise.all(Array.from({ length: 8 }, () => run(301)));
    expect(parallel.flatMap((p) => p.fired)).toEqual(['buddy']);
    expect(await alertsOf(id)).toEqual([{ kind: 'reminder', n: 1 }, { kind: 'buddy', n: 1 }]);

    // The buddy sees where the worker is, and takes it over.
    const alerts = (await api(env, cookie[buddy.id]).get('/api/safety/alerts')).json().alerts;
    const buddyAlert = alerts.find((a: { visitId: string; kind: string }) => a.visitId === id && a.kind === 'buddy');
    expect(buddyAlert.visit.location).toBe('Café Lindenhof, Marktplatz');
    const ack = await api(env, cookie[buddy.id]).post(`/api/safety/alerts/${buddyAlert.id}/acknowledge`);
    expect(ack.statusCode).toBe(200);
    expect((await visitRow(id)).taken_over_by).toBe(buddy.id);
    expect((await run(2000)).fired).toEqual([]);
    expect((await alertsOf(id)).map((a) => a.kind)).toEqual(['reminder', 'buddy']);
    // Asking for the same run again (sweep, retries) queues nothing more: the job id is fixed.
    const { transactionWithClient } = await import('../../platform/db/client.ts');
    const { scheduleEscalation } = await import('./commands/advance-escalation.ts');
    const later = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < 3; i++) await transactionWithClient(env.ctx.db, (_tx, client) => scheduleEscalation({ ctx: env.ctx, client, visitId: id, at: later }));
    expect((await env.owner.query(`select count(*)::int as n from pgboss.job where data->>'visitId' = $1 and start_after = $2`, [id, later])).rows[0].n).toBe(1);
    const second = await api(env, cookie[manager.id]).post(`/api/safety/alerts/${buddyAlert.id}/acknowledge`);
    expect(second.statusCode).toBe(409);
    const timeline = (await api(env, cookie[manager.id]).get(`/api/safety/visits/${id}`)).json().events.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(['started', 'alert_reminder', 'alert_buddy', 'acknowledged_buddy']);
    // The worker's own reminder is theirs to answer by checking in, not to "take over": 403, not 404.
    const reminder = (await api(env, cookie[worker.id]).get('/api/safety/alerts')).json().alerts.find((a: { visitId: string; kind: string }) => a.visitId === id && a.kind === 'reminder');
    expect((await api(env, cookie[worker.id]).post(`/api/safety/alerts/${reminder.id}/acknowledge`)).statusCode).toBe(403);
    // The take-over answered that due time only: after a check-in, a new missed time escalates again.
    const checkedIn = await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-in`, { extendMinutes: 120 });
    const newDue = new Date(checkedIn.json().dueAt);
    const again = await advanceEscalation({ ctx: env.ctx, visitId: id, now: new Date(newDue.getTime() + 301_000), runId: 'after-check-in' });
    expect(again.fired).toEqual(['reminder', 'buddy']);
    await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-out`, {});
    const audited = (await env.owner.query(`select action from audit_events where object_id = $1 and action like 'safety.alert.%' order by seq`, [id])).rows.map((r) => r.action);
    expect(audited).toEqual(['safety.alert.reminder', 'safety.alert.buddy', 'safety.alert.reminder', 'safety.alert.buddy']);
  });

  it('without acknowledgement runs to managers and the emergency procedure; a check-in restarts the count', async () => {
    const id = await startVisit(worker);
    const due = new Date((await visitRow(id)).due_at);
    const run = (s: number) => advanceEscalation({ ctx: env.ctx, visitId: id, now: new Date(due.getTime() + s * 1000), runId: 't' });
    // A late run fires every step that is due, in order.
    expect((await run(901)).fired).toEqual(['reminder', 'buddy', 'managers', 'emergency']);
    const kinds = await alertsOf(id);
    expect(kinds.map((k) => k.kind)).toEqual(['reminder', 'buddy', 'managers', 'emergency']);
    const managerAlerts = (await api(env, cookie[manager.id]).get('/api/safety/alerts')).json().alerts.filter((a: { visitId: string }) => a.visitId === id);
    expect(managerAlerts.find((a: { kind: string }) => a.kind === 'emergency').emergencyProcedure).toBe('Call the duty phone, then the police.');

    const other = await startVisit(worker);
    const dueOther = new Date((await visitRow(other)).due_at);
    await advanceEscalation({ ctx: env.ctx, visitId: other, now: dueOther, runId: 't' });
    await api(env, cookie[worker.id]).post(`/api/safety/visits/${other}/check-in`, { extendMinutes: 120 });
    // Past the old buddy time, but the worker checked in: nothing more fires until the new due time.
    expect((await advanceEscalation({ ctx: env.ctx, visitId: other, now: new Date(dueOther.getTime() + 400_000), runId: 't' })).fired).toEqual([]);
    for (const v of [id, other]) await api(env, cookie[worker.id]).post(`/api/safety/visits/${v}/check-out`, {});
  });
});

describe('whereabouts board', () => {
  it('shows client details to the team and managers only; colleagues see "field visit, back by"', async () => {
    const id = await startVisit(worker);
    const entry = async (p: TestStaff) => (await api(env, cookie[p.id]).get('/api/safety/board')).json().entries.find((e: { id: string }) => e.id === id);
    for (const p of [manager, worker, teamMate]) {
      expect((await entry(p)).detail).toMatchObject({ location: 'Café Lindenhof, Marktplatz', codename: 'Kestrel' });
    }
    const seen = await entry(colleague);
    expect(seen.detail).toBeNull();
    expect(seen.kind).toBe('field');
    expect(seen.dueAt).toBeTruthy();
    const shown = async (p: TestStaff) => (await env.owner.query(`select case_id from audit_events where action = 'visit.detail.read' and object_id = $1 and actor_id = $2`, [id, p.id])).rows;
    expect(await shown(teamMate)).toEqual([expect.objectContaining({ case_id: caseId })]);
    expect(await shown(worker)).toEqual([]);
    const raw = JSON.stringify((await api(env, cookie[colleague.id]).get('/api/safety/board')).json());
    expect(await shown(colleague)).toEqual([]);
    expect(raw).not.toContain('Lindenhof');
    expect(raw).not.toContain('Kestrel');
    // The single record says "not found", exactly as for a visit that does not exist.
    const one = await api(env, cookie[colleague.id]).get(`/api/safety/visits/${id}`);
    const none = await api(env, cookie[colleague.id]).get('/api/safety/visits/00000000-0000-4000-8000-000000000000');
    expect(one.statusCode).toBe(404);
    expect(one.json().error).toEqual(none.json().error);
    await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-out`, {});
  });
});

describe('the board\'s day', () => {
  it('runs from the reader\'s midnight to midnight', async () => {
    // 22:30–23:30 UTC on the 9th is 00:30–01:30 on the 10th in UTC+2 (getTimezoneOffset() = -120).
    const res = await api(env, cookie[colleague.id]).post('/api/safety/visits', { kind: 'office', plannedStart: '2031-05-09T22:30:00Z', plannedEnd: '2031-05-09T23:30:00Z' });
    expect(res.statusCode).toBe(201);
    const ids = async (q: string) => (await api(env, cookie[colleague.id]).get(`/api/safety/board?${q}`)).json().entries.map((e: { id: string }) => e.id);
    expect(await ids('date=2031-05-10&tzOffsetMinutes=-120')).toContain(res.json().id);
    expect(await ids('date=2031-05-10')).not.toContain(res.json().id);
    expect(await ids('date=2031-05-09')).toContain(res.json().id);
  });
});

describe('panic and duress', () => {
  it('panic alerts managers and the buddy at once, with where the worker is', async () => {
    const id = await startVisit(worker);
    const res = await api(env, cookie[worker.id]).post('/api/safety/panic', {});
    expect(res.statusCode).toBe(200);
    expect(res.json().notified).toBe(2);
    for (const p of [manager, buddy]) {
      const a = (await api(env, cookie[p.id]).get('/api/safety/alerts')).json().alerts.find((x: { kind: string; visitId: string }) => x.kind === 'panic' && x.visitId === id);
      expect(a.visit.location).toBe('Café Lindenhof, Marktplatz');
    }
    expect((await api(env, cookie[colleague.id]).get('/api/safety/alerts')).json().alerts).toEqual([]);
    await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-out`, {});
  });

  it('a buddy whose account was disabled is not told; the managers still are', async () => {
    const leaving = await makeStaff(env, { role: 'exit_worker', name: 'Leaving L' });
    const id = await startVisit(worker, { buddyId: leaving.id });
    await env.owner.query('update staff set disabled_at = now() where id = $1', [leaving.id]);
    const res = await api(env, cookie[worker.id]).post('/api/safety/panic', { visitId: id });
    expect(res.json().notified).toBe(1);
    const told = (await env.owner.query('select recipient_id from notifications where alert_id = $1', [res.json().alertId])).rows.map((r) => r.recipient_id);
    expect(told).toEqual([manager.id]);
    await api(env, cookie[worker.id]).post(`/api/safety/visits/${id}/check-out`, {});
  });

  it('a duress check-out looks like a normal one to the worker and raises a silent alarm', async () => {
    const pins = await api(env, cookie[worker.id]).put('/api/safety/settings/pins', { currentPassword: worker.password, pin: '2468', duressPin: '1357' });
    expect(pins.statusCode).toBe(200);
    const normal = await startVisit(worker);
    const forced = await startVisit(worker);
    expect((await api(env, cookie[worker.id]).post(`/api/safety/visits/${normal}/check-out`, {})).json().error.fields[0].code).toBe('pin_required');
    expect((await api(env, cookie[worker.id]).post(`/api/safety/visits/${normal}/check-out`, { pin: '0000' })).json().error.fields[0].code).toBe('pin_wrong');
    const a = await api(env, cookie[worker.id]).post(`/api/safety/visits/${normal}/check-out`, { pin: '2468' });
    const b = await api(env, cookie[worker.id]).post(`/api/safety/visits/${forced}/check-out`, { pin: '1357' });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(Object.keys(b.json())).toEqual(Object.keys(a.json()));
    expect(b.json().status).toBe(a.json().status);
    // The worker's own views: same timeline shape, no alarm anywhere.
    const view = async (id: string) => (await api(env, cookie[worker.id]).get(`/api/safety/visits/${id}`)).json();
    const [va, vb] = [await view(normal), await view(forced)];
    expect(vb.events.map((e: { kind: string }) => e.kind)).toEqual(va.events.map((e: { kind: string }) => e.kind));
    expect(vb.status).toBe('checked_out');
    expect((await api(env, cookie[worker.id]).get('/api/safety/alerts')).json().alerts.filter((x: { kind: string }) => x.kind === 'duress')).toEqual([]);
    expect(JSON.stringify((await api(env, cookie[worker.id]).get('/api/notifications')).json())).not.toContain('duress');
    // Managers and the buddy have it.
    for (const p of [manager, buddy]) {
      const alarm = (await api(env, cookie[p.id]).get('/api/safety/alerts')).json().alerts.find((x: { kind: string; visitId: string }) => x.kind === 'duress' && x.visitId === forced);
      expect(alarm, p.name).toBeTruthy();
    }
    const mv = (await api(env, cookie[manager.id]).get(`/api/safety/visits/${forced}`)).json();
    expect(mv.events.map((e: { kind: string }) => e.kind)).toContain('alert_duress');
    // A teammate who may see the visit does not see the alarm: they might call the worker's phone.
    const tv = await api(env, cookie[teamMate.id]).get(`/api/safety/visits/${forced}`);
    expect(tv.statusCode).toBe(200);
    expect(tv.json().events.map((e: { kind: string }) => e.kind)).toEqual(va.events.map((e: { kind: string }) => e.kind));
    // Taking the alarm over is not shown to the worker either.
    const alarm = (await api(env, cookie[buddy.id]).get('/api/safety/alerts')).json().alerts.find((x: { kind: string; visitId: string }) => x.kind === 'duress' && x.visitId === forced);
    expect((await api(env, cookie[buddy.id]).post(`/api/safety/alerts/${alarm.id}/acknowledge`)).statusCode).toBe(200);
    expect((await view(forced)).events.map((e: { kind: string }) => e.kind)).toEqual(va.events.map((e: { kind: string }) => e.kind));
    expect((await api(env, cookie[worker.id]).post(`/api/safety/alerts/${alarm.id}/acknowledge`)).statusCode).toBe(404);
  });
});

describe('one rule for visit details', () => {
  it('the SQL filter and the single-record check agree for every visit and person', async () => {
    const { sql } = await import('drizzle-orm');
    const { visitDetailAllows, visitDetailSql, visitScopeFor } = await import('./policy.ts');
    const people = [manager, worker, buddy, colleague, teamMate];
    const visits = (await env.owner.query<{ id: string; staff_id: string; case_id: string | null }>('select id, staff_id, case_id from visits')).rows;
    expect(visits.length).toBeGreaterThan(5);
    let allowed = 0; let refused = 0;
    for (const v of visits) {
      const caseTeam = v.case_id ? (await env.owner.query('select staff_id from case_team where case_id = $1', [v.case_id])).rows.map((r) => r.staff_id) : [];
      const alertRecipients = (await env.owner.query('select n.recipient_id from notifications n join safety_alerts a on a.id = n.alert_id where a.visit_id = $1', [v.id])).rows.map((r) => r.recipient_id);
      for (const p of people) {
        const scope = visitScopeFor({ id: p.id, role: p.role });
        const bySql = (await env.ctx.db.execute<{ ok: boolean }>(sql`select ${visitDetailSql(scope)} as ok from visits v where v.id = ${v.id}`)).rows[0]!.ok;
        const byCheck = visitDetailAllows(scope, { staffId: v.staff_id, caseTeam, alertRecipients });
        expect(bySql, `${p.name} on ${v.id}`).toBe(byCheck);
        if (byCheck) allowed++; else refused++;
      }
    }
    // Both answers occur, so the comparison means something.
    expect(allowed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
