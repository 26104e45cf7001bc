import { sql } from 'drizzle-orm';
import type { BreakGlassGrant } from '../../../contracts/identity.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { auditedRead } from '../../platform/audit/audited-read.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { grantReasonPlace } from './commands/break-glass.ts';
import { grantReviewPlace } from './commands/review-grant.ts';
import { caseScopeFor, caseScopeSql } from './policy.ts';

type GrantRow = Omit<BreakGlassGrant, 'reason' | 'review'> & { reasonEnc: string; reviewOutcome: 'justified' | 'not_justified' | null; reviewNoteEnc: string | null; reviewedByName: string | null; reviewedAt: string | null };

const iso = (v: string) => new Date(v).toISOString();

/** The break-glass review queue (callers hold the review permission; the case scope still applies). */
export async function listGrants(opts: { db: Db; keyring: Keyring; actor: Actor; requestId: string; state: 'unreviewed' | 'all' }): Promise<BreakGlassGrant[]> {
  const rows = await auditedRead<GrantRow>(opts.db, { actor: opts.actor, requestId: opts.requestId }, {
    select: sql`select g.id, g.case_id as "caseId", c.codename, g.staff_id as "staffId", st.display_name as "staffName",
        encode(g.reason_enc, 'base64') as "reasonEnc", g.granted_at as "grantedAt", g.expires_at as "expiresAt",
        g.review_outcome as "reviewOutcome", encode(g.review_note_enc, 'base64') as "reviewNoteEnc", rv.display_name as "reviewedByName", g.reviewed_at as "reviewedAt"
      from break_glass_grants g join cases c on c.id = g.case_id join staff st on st.id = g.staff_id left join staff rv on rv.id = g.reviewed_by
      where ${caseScopeSql(caseScopeFor(opts.actor), 'c.id')} ${opts.state === 'unreviewed' ? sql`and g.reviewed_at is null` : sql``}
      order by (g.reviewed_at is null) desc, g.granted_at desc limit 500`,
    entry: { action: 'break-glass.list', outcome: 'success', objectType: 'break-glass-grant' },
    whenEmpty: { action: 'break-glass.list', outcome: 'success', objectType: 'break-glass-grant' },
  });
  return Promise.all(rows.map(async (g) => ({
    id: g.id, caseId: g.caseId, codename: g.codename, staffId: g.staffId, staffName: g.staffName,
    reason: await opts.keyring.decrypt(grantReasonPlace(g.id), Buffer.from(g.reasonEnc, 'base64')),
    grantedAt: iso(g.grantedAt), expiresAt: iso(g.expiresAt),
    review: g.reviewOutcome && g.reviewedAt ? {
      outcome: g.reviewOutcome, byName: g.reviewedByName, at: iso(g.reviewedAt),
      note: g.reviewNoteEnc ? await opts.keyring.decrypt(grantReviewPlace(g.id), Buffer.from(g.reviewNoteEnc, 'base64')) : '',
    } : null,
  })));
}

type DuplicateRow = { id: string; caseId: string; codename: string; matchedCaseId: string; matchedCodename: string; raisedByName: string | null; raisedAt: string; resolvedAt: string | null; outcome: 'same_person' | 'different_person' | null };

export async function listDuplicateReviews(opts: { db: Db; actor: Actor; requestId: string; state: 'open' | 'all' }) {
  const rows = await auditedRead<DuplicateRow>(opts.db, { actor: opts.actor, requestId: opts.requestId }, {
    select: sql`select d.id, d.case_id as "caseId", c.codename, d.matched_case_id as "matchedCaseId", m.codename as "matchedCodename",
        st.display_name as "raisedByName", d.raised_at as "raisedAt", d.resolved_at as "resolvedAt", d.outcome
      from duplicate_reviews d join cases c on c.id = d.case_id join cases m on m.id = d.matched_case_id left join staff st on st.id = d.raised_by
      where ${caseScopeSql(caseScopeFor(opts.actor), 'c.id')} and ${caseScopeSql(caseScopeFor(opts.actor), 'm.id')}
        ${opts.state === 'open' ? sql`and d.resolved_at is null` : sql``}
      order by d.raised_at desc limit 500`,
    entry: { action: 'duplicate-review.list', outcome: 'success', objectType: 'duplicate-review' },
    whenEmpty: { action: 'duplicate-review.list', outcome: 'success', objectType: 'duplicate-review' },
  });
  return rows.map((d) => ({ ...d, raisedAt: iso(d.raisedAt), resolvedAt: d.resolvedAt ? iso(d.resolvedAt) : null }));
}
