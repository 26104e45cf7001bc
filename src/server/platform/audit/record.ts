import type { Tx } from '../db/client.ts';
import { auditEvents } from './tables.ts';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export type AuditActor = { id: string; role: string } | null;

export type AuditEntry = {
  action: string;
  outcome: AuditOutcome;
  objectType?: string;
  objectId?: string;
  caseId?: string;
  reason?: string;
  /** How the actor came to see the case; set on every case-bound entry so break-glass use is marked. */
  basis?: 'manager' | 'team' | 'break_glass';
};

export type AuditContext = { actor: AuditActor; requestId: string };

/**
 * Writes one entry inside the caller's transaction, so the entry and the change
 * (or the read it records) commit or fail together. Never pass field values.
 */
export async function recordAudit(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(ctx, entry));
}

/** The row for one entry; shared by every path that writes the audit trail. */
export function auditRow(ctx: AuditContext, entry: AuditEntry) {
  return {
    actorId: ctx.actor?.id ?? null,
    actorRole: ctx.actor?.role ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    caseId: entry.caseId ?? null,
    outcome: entry.outcome,
    requestId: ctx.requestId,
    reason: entry.reason ?? null,
    basis: entry.basis ?? null,
  };
}
