import { randomUUID } from 'node:crypto';
import type { TestEnv } from '../../../testing/harness.ts';
import { HOST, ORIGIN } from '../../../testing/factories.ts';

/** Test helpers for the plans' integration tests (not used by the app). */

export function del(env: TestEnv, cookie: string, url: string) {
  return env.app.inject({ method: 'DELETE', url, headers: { origin: ORIGIN, host: HOST, cookie } });
}

/** Every audit entry's free columns as one text, to show that no field value ever reaches the log. */
export async function auditText(env: TestEnv, caseId: string): Promise<string> {
  const rows = await env.owner.query(`select action, object_type, object_id, reason from audit_events where case_id = $1`, [caseId]);
  return JSON.stringify(rows.rows);
}

/** Every byte of a table's rows for a case, to show ciphertext holds no plaintext. */
export async function rawRows(env: TestEnv, table: string, caseId: string): Promise<Buffer> {
  const rows = await env.owner.query(`select * from ${table} where case_id = $1`, [caseId]);
  return Buffer.concat(rows.rows.flatMap((r: Record<string, unknown>) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v))))));
}

const instruments = new WeakMap<TestEnv, string>();

/**
 * A signed risk assessment rating the case, written directly (the assessment
 * module has its own tests): only the plain columns the gap reads matter here.
 */
export async function signAssessment(env: TestEnv, caseId: string, by: string, level: 'low' | 'moderate' | 'high' | 'imminent'): Promise<void> {
  let instrumentId = instruments.get(env);
  if (!instrumentId) {
    instrumentId = randomUUID();
    instruments.set(env, instrumentId);
    await env.owner.query(`insert into risk_instruments (id, key, version, name, definition, requires_certification, review_interval_days)
      values ($1, $2, '1', 'Test screening', '{}'::jsonb, false, 90)`, [instrumentId, `test-${instrumentId}`]);
  }
  await env.owner.query(`insert into risk_assessments (id, case_id, instrument_id, number, status, ratings_enc, judgement_enc, risk_level, next_review_on, created_by, updated_by, signed_by, signed_at)
    values ($1, $2, $3, coalesce((select max(number) from risk_assessments where case_id = $2), 0) + 1, 'signed', '\\x00'::bytea, '\\x00'::bytea, $4, current_date + 90, $5, $5, $5, now())`,
  [randomUUID(), caseId, instrumentId, level, by]);
}
