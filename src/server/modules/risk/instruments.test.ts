import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInstrument } from '../../../contracts/risk.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { api, makeStaff, sessionFor, type TestStaff } from '../../testing/factories.ts';
import { shippedInstrument } from './builtin.ts';
import { smallInstrument } from './test-helpers.ts';

let env: TestEnv;
let manager: TestStaff;
let mc: string;
let wc: string;
beforeAll(async () => {
  env = await createTestEnv();
  manager = await makeStaff(env, { role: 'manager' });
  const worker = await makeStaff(env, { role: 'exit_worker' });
  [mc, wc] = await Promise.all([sessionFor(env, manager), sessionFor(env, worker)]);
});
afterAll(() => env.close());

type Problem = { path: string; code: string; message: string };
const problems = async (file: unknown) => {
  const res = await api(env, mc).post('/api/risk/instruments', file);
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('instrument_invalid');
  return res.json().error.fields as Problem[];
};

describe('instrument import: bad files are refused with the exact place of each problem', () => {
  it('names unknown fields at every level', async () => {
    const fields = await problems(smallInstrument((f) => {
      f.colour = 'red';
      (f.domains as { items: Record<string, unknown>[] }[])[1]!.items[1]!.weight = 3;
      (f.scale as Record<string, unknown>[])[0]!.colour = 'green';
    }));
    expect(fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'colour', code: 'unknown_field', message: 'unknown field "colour"' }),
      expect.objectContaining({ path: 'domains[1].items[1].weight', code: 'unknown_field' }),
      expect.objectContaining({ path: 'scale[0].colour', code: 'unknown_field' }),
    ]));
    expect(fields).toHaveLength(3);
  });

  it('names duplicate item codes across domains, duplicate domain and scale codes, with where the code was first used', async () => {
    const fields = await problems(smallInstrument((f) => {
      const domains = f.domains as { code: string; items: { code: string }[] }[];
      domains[1]!.items[1]!.code = 'T2';
      domains.push({ ...domains[0]!, items: [{ ...domains[0]!.items[0]!, code: 'X1' }] });
      (f.scale as { code: string }[])[1]!.code = 'L';
    }));
    expect(fields).toEqual([
      { path: 'scale[1].code', code: 'duplicate_code', message: 'duplicate code "L" (first at scale[0])', params: { value: 'L', firstAt: 'scale[0]' } },
      { path: 'domains[1].items[1].code', code: 'duplicate_code', message: 'duplicate code "T2" (first at domains[0].items[1])', params: { value: 'T2', firstAt: 'domains[0].items[1]' } },
      { path: 'domains[2].code', code: 'duplicate_code', message: 'duplicate code "T" (first at domains[0])', params: { value: 'T', firstAt: 'domains[0]' } },
    ]);
  });

  it('refuses an empty scale, empty domains and an empty domain', async () => {
    expect(await problems(smallInstrument((f) => { f.scale = []; f.domains = []; }))).toEqual([
      { path: 'scale', code: 'empty', message: 'must not be empty' },
      { path: 'domains', code: 'empty', message: 'must not be empty' },
    ]);
    const fields = await problems(smallInstrument((f) => { (f.domains as { items: unknown[] }[])[1]!.items = []; }));
    expect(fields).toEqual([{ path: 'domains[1].items', code: 'empty', message: 'must not be empty' }]);
  });

  it('requires exactly one "insufficient information" option, at least one rated one, rising values', async () => {
    const none = await problems(smallInstrument((f) => { f.scale = [{ code: 'L', value: 0, label: 'Low' }]; }));
    expect(none.map((p) => `${p.path} ${p.code}`)).toEqual(['scale scale_no_insufficient']);
    const onlyInsufficient = await problems(smallInstrument((f) => { f.scale = [{ code: 'N', insufficientInformation: true, label: 'n/a' }]; }));
    expect(onlyInsufficient.map((p) => `${p.path} ${p.code}`)).toEqual(['scale scale_no_rated']);
    const twice = await problems(smallInstrument((f) => {
      f.scale = [{ code: 'H', value: 2, label: 'High' }, { code: 'L', value: 1, label: 'Low' }, { code: 'N', insufficientInformation: true, label: 'n/a' },
        { code: 'M', insufficientInformation: true, label: 'unknown' }, { code: 'B', value: 3, insufficientInformation: true, label: 'both' }];
    }));
    expect(twice.map((p) => `${p.path} ${p.code}`)).toEqual([
      'scale[1].value scale_not_ascending', 'scale[3].insufficientInformation scale_insufficient_twice', 'scale[4] scale_option_both',
    ]);
  });

  it('checks texts in several languages, types, the format tag and required fields', async () => {
    const fields = await problems(smallInstrument((f) => {
      f.format = 'exitdesk-instrument/9';
      f.name = { EN: 'Upper-case language', de: '' };
      delete f.licence;
      f.reviewIntervalDays = 'ninety';
      (f.domains as { items: Record<string, unknown>[] }[])[0]!.items[0]!.kind = 'danger';
      (f.domains as { items: Record<string, unknown>[] }[])[0]!.items[1]!.text = 7;
    }));
    expect(fields.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'domains[0].items[0].kind invalid_value', 'domains[0].items[1].text invalid_text', 'format invalid_value', 'licence required',
      'name.EN invalid_language', 'name.de empty', 'reviewIntervalDays invalid_type',
    ]);
  });

  it('refuses arrays far beyond their limits at once, and reports each problem once', () => {
    // 80,000 empty scale options (about 240 KB) took 16 s when every element was checked and de-duplicated pairwise.
    const huge = checkInstrument({ ...smallInstrument(), scale: Array.from({ length: 80_000 }, () => ({})) });
    expect(huge).toEqual({ ok: false, errors: [{ path: 'scale', code: 'too_big', message: 'at most 20 entries', params: { maximum: 20 } }] });
    const items = checkInstrument({ ...smallInstrument(), domains: [{ code: 'D', name: 'D', items: Array.from({ length: 5000 }, () => ({})) }] });
    expect(items.ok ? [] : items.errors.map((e) => e.path)).toEqual(['domains[0].items']);
    // Within the limits, many bad elements still give one error per place, at most 200.
    const many = checkInstrument({ ...smallInstrument(), domains: Array.from({ length: 50 }, (_, i) => ({ code: `D${i}`, name: 'D', items: Array.from({ length: 200 }, () => ({ extra: 1 })) })) });
    expect(many.ok).toBe(false);
    if (!many.ok) {
      expect(many.errors.length).toBe(200);
      expect(new Set(many.errors.map((e) => `${e.path} ${e.code}`)).size).toBe(200);
    }
  });

  it('is for managers only', async () => {
    expect((await api(env, wc).post('/api/risk/instruments', smallInstrument())).statusCode).toBe(403);
  });
});

describe('instrument import: a good file', () => {
  it('is stored once per version, audited; the same version again is a 409, a new version is loaded beside it', async () => {
    const file = smallInstrument((f) => { f.requiresCertification = true; });
    const first = await api(env, mc).post('/api/risk/instruments', file);
    expect(first.statusCode).toBe(201);
    const again = await api(env, mc).post('/api/risk/instruments', file);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('instrument_exists');
    expect(again.json().error.message).toContain(`Version "1" of the instrument "${file.key}" is already loaded`);
    expect((await api(env, mc).post('/api/risk/instruments', { ...file, version: '2' })).statusCode).toBe(201);

    const list = (await api(env, wc).get('/api/risk/instruments')).json().instruments as { id: string; key: string; version: string; certificationName: string | null; itemCount: number }[];
    const mine = list.filter((i) => i.key === file.key).map((i) => i.version).sort();
    expect(mine).toEqual(['1', '2']);
    // Without a certification name, the instrument's name (in its first language) is the certification asked for.
    expect(list.find((i) => i.id === first.json().id)).toMatchObject({ certificationName: 'Test instrument', itemCount: 4 });
    const detail = (await api(env, wc).get(`/api/risk/instruments/${first.json().id}`)).json();
    expect(detail.definition.domains[1].items.map((i: { code: string }) => i.code)).toEqual(['P1', 'P2']);
    expect(detail.definition.languages).toEqual(['en', 'de']);

    const audit = await env.owner.query(`select action, outcome, actor_id, object_id from audit_events where action = 'risk.instrument.import' order by seq`);
    expect(audit.rows).toEqual([expect.objectContaining({ outcome: 'success', actor_id: manager.id, object_id: first.json().id }), expect.objectContaining({ outcome: 'success' })]);
  });
});

describe('the shipped instrument', () => {
  it('is in every database, once, marked as built in, in English and German, without certification and with a 90-day review', async () => {
    const rows = await env.owner.query(`select key, version, builtin, requires_certification, review_interval_days, definition from risk_instruments where builtin`);
    expect(rows.rows).toHaveLength(1);
    const row = rows.rows[0];
    expect(row).toMatchObject({ key: 'exitdesk-exit-risk-screening', version: '1.0', requires_certification: false, review_interval_days: 90 });
    expect(checkInstrument(row.definition).ok).toBe(true);
    const def = shippedInstrument();
    expect(def.domains.map((d) => d.code)).toEqual(['G', 'V', 'K', 'P', 'M']);
    for (const d of def.domains) {
      expect(d.items.length).toBeGreaterThanOrEqual(4);
      for (const i of d.items) for (const t of [i.text, i.guidance]) expect(Object.keys(t as object).sort()).toEqual(['de', 'en']);
    }
    const list = (await api(env, wc).get('/api/risk/instruments')).json().instruments;
    expect(list[0]).toMatchObject({ key: 'exitdesk-exit-risk-screening', builtin: true, licence: expect.objectContaining({ en: expect.stringContaining('CC BY 4.0') }) });
  });

  it('the file format is documented with the same tag the checker reads', () => {
    const doc = fs.readFileSync(new URL('../../../../docs/risk-instrument.md', import.meta.url), 'utf8');
    expect(doc).toContain('"format": "exitdesk-instrument/1"');
  });
});
