import { randomUUID } from 'node:crypto';
import type { TestEnv } from '../../testing/harness.ts';
import { api } from '../../testing/factories.ts';

/** A small valid instrument file (two domains, a three-step scale); `patch` changes it for a test. */
export function smallInstrument(patch: (f: Record<string, unknown>) => void = () => undefined, key = `test-${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  const file: Record<string, unknown> = {
    format: 'exitdesk-instrument/1', key, version: '1', name: { en: 'Test instrument', de: 'Testinstrument' }, licence: 'Test only',
    requiresCertification: false, reviewIntervalDays: 30,
    scale: [
      { code: 'L', value: 0, label: 'Low' }, { code: 'H', value: 2, label: 'High' }, { code: 'N', insufficientInformation: true, label: 'Insufficient information' },
    ],
    domains: [
      { code: 'T', name: 'Threat', items: [{ code: 'T1', kind: 'risk', text: 'Threatened', guidance: 'Look at it' }, { code: 'T2', kind: 'risk', text: 'Followed' }] },
      { code: 'P', name: 'Protection', items: [{ code: 'P1', kind: 'protective', text: 'Has work' }, { code: 'P2', kind: 'protective', text: 'Has housing' }] },
    ],
  };
  patch(file);
  return file;
}

export async function importAs(env: TestEnv, cookie: string, file: unknown): Promise<string> {
  const res = await api(env, cookie).post('/api/risk/instruments', file);
  if (res.statusCode !== 201) throw new Error(`import failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** A certification on the staff record, as the care records keep it. */
export async function certify(env: TestEnv, staffId: string, name: string, obtainedOn: string, expiresOn: string | null): Promise<void> {
  await env.owner.query(`insert into staff_qualifications (id, staff_id, kind, name, obtained_on, expires_on) values ($1, $2, 'certification', $3, $4, $5)`,
    [randomUUID(), staffId, name, obtainedOn, expiresOn]);
}

export const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
