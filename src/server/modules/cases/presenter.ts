import type { CaseDetail, Note, TimelineEntry } from '../../../contracts/cases.ts';
import { emptyEligibilityFacts, type EligibilityFacts } from '../../../contracts/intake.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FieldPlace } from '../../platform/crypto/envelope.ts';
import type { Keyring } from '../../platform/crypto/keyring.ts';
import { eventPlace } from './case-command.ts';
import { discussionPlace } from './commands/record-discussion.ts';
import { screeningPlace } from './commands/record-screening.ts';
import { caseActions } from './policy.ts';
import type { NoteRow, TimelineRow, VisibleCase } from './queries.ts';

export const casePlace = (caseId: string, column: string): FieldPlace => ({ table: 'cases', column, rowId: caseId });
export const notePlace = (noteId: string): FieldPlace => ({ table: 'case_notes', column: 'text_enc', rowId: noteId });

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * Decryption happens here and only here, after the scope allowed the read and
 * its audit entry was written. The sealed identity is never part of a case read.
 */
export async function presentCase(keyring: Keyring, c: VisibleCase, viewer: Actor): Promise<CaseDetail> {
  const open = async (column: string, b64: string | null) => (b64 ? keyring.decrypt(casePlace(c.id, column), Buffer.from(b64, 'base64')) : null);
  const facts: EligibilityFacts = c.eligibilityFactsEnc ? JSON.parse((await open('eligibility_facts_enc', c.eligibilityFactsEnc))!) : emptyEligibilityFacts;
  const d = c.discussion;
  const s = c.screening;
  const lead = c.team.find((t) => t.role === 'lead');
  return {
    id: c.id,
    codename: c.codename,
    status: c.status,
    version: c.version,
    programmeId: c.programmeId,
    programmeName: c.programmeName,
    programmeVersionAtReferral: c.programmeVersionAtReferral,
    programmeVersionAccepted: c.programmeVersionAccepted,
    leadName: lead?.name ?? null,
    screeningLevel: c.screeningLevel,
    protectionNeeded: c.protectionNeeded,
    createdAt: iso(c.createdAt),
    myTeamRole: c.team.find((t) => t.staffId === viewer.id)?.role ?? null,
    team: c.team,
    basis: c.basis,
    breakGlassUntil: c.basis === 'break_glass' && c.breakGlassUntil ? iso(c.breakGlassUntil) : null,
    referral: {
      route: c.referralRoute as CaseDetail['referral']['route'],
      referredOn: c.referredOn,
      referrer: (await open('referrer_enc', c.referrerEnc)) ?? '',
      firstInformation: (await open('first_information_enc', c.firstInformationEnc)) ?? '',
    },
    facts,
    outsideTargetReason: await open('outside_target_reason_enc', c.outsideTargetReasonEnc),
    discussion: d ? {
      heldOn: d.heldOn, decision: d.decision, recordedByName: d.recordedByName, recordedAt: iso(d.recordedAt),
      participants: await keyring.decrypt(discussionPlace(d.id, 'participants_enc'), Buffer.from(d.participantsEnc, 'base64')),
      reasons: await keyring.decrypt(discussionPlace(d.id, 'reasons_enc'), Buffer.from(d.reasonsEnc, 'base64')),
    } : null,
    screening: s ? {
      riskToStaff: s.riskToStaff, threatFromGroup: s.threatFromGroup, immediateProtectionNeeded: s.immediateProtectionNeeded,
      recordedByName: s.recordedByName, recordedAt: iso(s.recordedAt),
      notes: await keyring.decrypt(screeningPlace(s.id), Buffer.from(s.notesEnc, 'base64')),
    } : null,
    closure: c.closureReason ? { reason: c.closureReason as NonNullable<CaseDetail['closure']>['reason'], text: (await open('closure_text_enc', c.closureTextEnc)) ?? '' } : null,
    identity: { recorded: c.identity !== null, updatedAt: c.identity ? iso(c.identity.updatedAt) : null },
    may: {
      editIntake: caseActions.mayEditIntake(viewer, c, c.status),
      screen: caseActions.mayScreen(viewer, c, c.status),
      transition: caseActions.mayTransition(viewer, c, 'suspended'),
      accept: caseActions.mayTransition(viewer, c, 'active'),
      closeOrReopen: caseActions.mayTransition(viewer, c, 'closed'),
      setTeam: caseActions.maySetTeam(viewer),
      revealIdentity: caseActions.mayUseIdentity(viewer, c),
      writeIdentity: caseActions.mayUseIdentity(viewer, c),
      writeNote: caseActions.mayWriteNote(viewer, c),
      readAccessLog: caseActions.mayReadAccessLog(viewer),
      recordAgreement: caseActions.mayRecordAgreement(viewer, c, c.status),
      recordIncident: caseActions.mayRecordIncident(viewer, c, c.status),
      decideConduct: caseActions.mayDecideConduct(viewer),
    },
  };
}

/** Groups note versions under their first version; the newest version leads. */
export async function presentNotes(keyring: Keyring, rows: NoteRow[], viewer: Actor, facts: Parameters<typeof caseActions.mayCorrectNote>[1]): Promise<Note[]> {
  const texts = await Promise.all(rows.map((r) => keyring.decrypt(notePlace(r.id), Buffer.from(r.textEnc, 'base64'))));
  const byRoot = new Map<string, { row: NoteRow; text: string }[]>();
  rows.forEach((row, i) => {
    const list = byRoot.get(row.rootId) ?? [];
    list.push({ row, text: texts[i]! });
    byRoot.set(row.rootId, list);
  });
  const notes: Note[] = [];
  for (const [rootId, versions] of byRoot) {
    versions.sort((a, b) => b.row.version - a.row.version);
    const [latest, ...earlier] = versions;
    const first = versions[versions.length - 1]!;
    notes.push({
      id: rootId, level: latest!.row.level, version: latest!.row.version, text: latest!.text,
      authorId: first.row.authorId, authorName: first.row.authorName, createdAt: iso(first.row.createdAt),
      earlier: earlier.map((v) => ({ version: v.row.version, text: v.text, authorName: v.row.authorName, createdAt: iso(v.row.createdAt) })),
      mayCorrect: caseActions.mayCorrectNote(viewer, facts, first.row.authorId),
    });
  }
  // Newest first by when each note was first written: a correction does not move a note.
  return notes.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export async function presentTimeline(keyring: Keyring, rows: TimelineRow[]): Promise<TimelineEntry[]> {
  return Promise.all(rows.map(async (r) => ({
    at: iso(r.at), kind: r.kind, actorName: r.actorName, data: r.data,
    text: r.textEnc ? await keyring.decrypt(eventPlace(r.id), Buffer.from(r.textEnc, 'base64')) : null,
  })));
}
