import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { fieldError } from '../../../platform/http/errors.ts';
import { caseCommand } from '../../cases/case-command.ts';
import { riskPolicy } from '../policy.ts';
import { ratingsPlace } from '../presenter.ts';
import { riskAssessments, riskInstruments } from '../tables.ts';

/**
 * Starts an assessment of the case with an instrument, as the next number of the
 * case's assessments. One open draft per case and instrument: starting again
 * continues that draft (`created: false`) instead of making a second one.
 */
export async function startAssessment(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; instrumentId: string }): Promise<{ id: string; number: number; created: boolean }> {
  return caseCommand({ ...opts, action: 'risk.assessment.start' }, async ({ tx, found, audit, event, refuse }) => {
    if (!riskPolicy.mayDraft(opts.actor, found, found.status)) return refuse();
    const instrument = (await tx.select({ id: riskInstruments.id, retiredAt: riskInstruments.retiredAt }).from(riskInstruments).where(eq(riskInstruments.id, opts.instrumentId)))[0];
    if (!instrument || instrument.retiredAt) throw fieldError(400, 'instrumentId', 'instrument_unknown', 'This instrument is not loaded');
    // The case row is locked (caseCommand), so two starts at once cannot both miss the draft or take one number.
    const open = (await tx.select({ id: riskAssessments.id, number: riskAssessments.number }).from(riskAssessments)
      .where(and(eq(riskAssessments.caseId, opts.caseId), eq(riskAssessments.instrumentId, opts.instrumentId), eq(riskAssessments.status, 'draft'))))[0];
    if (open) {
      await audit({ objectType: 'risk_assessment', objectId: open.id });
      return { ...open, created: false };
    }
    const number = (await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0)::int + 1 as n from risk_assessments where case_id = ${opts.caseId}`)).rows[0]!.n;
    const id = randomUUID();
    await tx.insert(riskAssessments).values({
      id, caseId: opts.caseId, instrumentId: opts.instrumentId, number, status: 'draft', revision: 1,
      ratingsEnc: opts.keyring.encrypt(ratingsPlace(id), '{}'), createdBy: opts.actor.id, updatedBy: opts.actor.id,
    });
    await event('risk.assessment.started', { number });
    await audit({ objectType: 'risk_assessment', objectId: id });
    return { id, number, created: true };
  });
}
