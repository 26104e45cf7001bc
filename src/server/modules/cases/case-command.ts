import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit, type AuditEntry } from '../../platform/audit/record.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findVisibleCase, type VisibleCase } from './queries.ts';
import { caseEvents, cases } from './tables.ts';

const REFUSED = Symbol('refused');
const NOT_VISIBLE = Symbol('not visible');

export type CaseCommandScope = {
  tx: Tx;
  found: VisibleCase;
  /** Writes this command's audit entry (success unless told), marked with the actor's basis. */
  audit: (entry?: Partial<AuditEntry>) => Promise<void>;
  /** Adds an entry to the case timeline; free text is encrypted. */
  event: (kind: string, data?: Record<string, string | number | boolean | null>, text?: string) => Promise<void>;
  /** Ends the command with a 403 (or the given error); the refusal is recorded and committed. */
  refuse: (reason?: string, error?: AppError) => typeof REFUSED;
  /** 409 unless the client read the current version; then moves the case to the next version. */
  claimVersion: (expected: number) => Promise<number>;
};

export const eventPlace = (eventId: string) => ({ table: 'case_events', column: 'text_enc', rowId: eventId });

/**
 * The shape every case command shares: in one transaction, lock the case if the
 * actor may see it (else record the denial and answer 404, exactly like a case
 * that does not exist), let the command check its policy and write, and record
 * the audit entry beside the change.
 */
export async function caseCommand<T>(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; caseId: string; action: string },
  run: (scope: CaseCommandScope) => Promise<T | typeof REFUSED>): Promise<T> {
  const ctx = { actor: opts.actor, requestId: opts.requestId };
  const base = { action: opts.action, objectType: 'case', objectId: opts.caseId, caseId: opts.caseId };
  const result = await opts.db.transaction(async (tx) => {
    const found = await findVisibleCase(tx, opts.actor, opts.caseId, { lock: true });
    if (!found) {
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', reason: 'not visible' });
      return NOT_VISIBLE;
    }
    let refused: { reason?: string | undefined; error?: AppError | undefined } | null = null;
    const scope: CaseCommandScope = {
      tx,
      found,
      audit: (entry = {}) => recordAudit(tx, ctx, { ...base, outcome: 'success', basis: found.basis, ...entry }),
      event: async (kind, data = {}, text) => {
        const id = randomUUID();
        await tx.insert(caseEvents).values({ id, caseId: opts.caseId, actorId: opts.actor.id, kind, data, textEnc: text ? opts.keyring.encrypt(eventPlace(id), text) : null });
      },
      refuse: (reason, error) => { refused = { reason, error }; return REFUSED; },
      claimVersion: async (expected) => {
        if (expected !== found.version) throw caseChanged();
        await tx.update(cases).set({ version: sql`${cases.version} + 1`, updatedAt: new Date() }).where(eq(cases.id, opts.caseId));
        found.version += 1;
        return found.version;
      },
    };
    const out = await run(scope);
    if (out === REFUSED) {
      const why = refused as { reason?: string; error?: AppError } | null;
      await recordAudit(tx, ctx, { ...base, outcome: 'denied', basis: found.basis, ...(why?.reason ? { reason: why.reason } : {}) });
      return { refusedWith: why?.error ?? forbidden() };
    }
    return { value: out };
  });
  if (result === NOT_VISIBLE) throw notFound();
  if ('refusedWith' in result) throw result.refusedWith;
  return result.value as T;
}

export const caseChanged = () => new AppError(409, 'case_changed', 'Someone else changed this case since you opened it. Reload to see their change, then try again.');
