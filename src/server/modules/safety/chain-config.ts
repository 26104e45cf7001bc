import { eq } from 'drizzle-orm';
import { defaultEscalation, escalationSchema, type Escalation } from '../../../contracts/safety.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { cases } from '../cases/tables.ts';
import { escalationChains } from './tables.ts';

/** The chain for a visit: its case's programme's, else the organisation's, else the built-in default. */
export async function chainFor(db: Db | Tx, caseId: string | null): Promise<Escalation> {
  const scopes = ['default'];
  if (caseId) {
    const c = await db.select({ programmeId: cases.programmeId }).from(cases).where(eq(cases.id, caseId));
    if (c[0]) scopes.unshift(c[0].programmeId);
  }
  for (const scope of scopes) {
    const row = await db.select({ config: escalationChains.config }).from(escalationChains).where(eq(escalationChains.scope, scope));
    const parsed = row[0] ? escalationSchema.safeParse(row[0].config) : null;
    if (parsed?.success) return parsed.data;
  }
  return defaultEscalation;
}
