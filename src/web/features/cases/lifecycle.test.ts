import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { evaluateEligibility, type EligibilityFacts } from '../../../contracts/intake.ts';
import type { ProgrammeProfile } from '../../../contracts/programmes.ts';
import { ApiError } from '../../api/client.ts';
import { de } from '../../i18n/de.ts';
import { en } from '../../i18n/en.ts';
import { caseFieldErrors } from './caseShared.tsx';
import { gateState, mayScreen } from './GatePanel.tsx';
import { writableLevels } from './NotesPanel.tsx';
import { availableActions } from './StateActions.tsx';
import { describeEvent } from './TimelinePanel.tsx';

let t: TFunction;
let tDe: TFunction;
beforeAll(async () => {
  const make = async (lng: string) => {
    const i = createInstance();
    await i.init({ lng, resources: { en: { translation: en }, de: { translation: de } }, fallbackLng: 'en', interpolation: { escapeValue: false } });
    return i.t;
  };
  t = await make('en');
  tDe = await make('de');
});

const may = (over: Partial<CaseDetail['may']> = {}): CaseDetail['may'] => ({
  editIntake: false, screen: false, transition: false, accept: false, closeOrReopen: false, setTeam: false,
  revealIdentity: false, writeIdentity: false, writeNote: false, readAccessLog: false,
  recordAgreement: false, recordIncident: false, decideConduct: false, ...over,
});

describe('state actions offered', () => {
  it('follow the state and what the server says the viewer may do', () => {
    const manager = may({ transition: true, accept: true, closeOrReopen: true });
    expect(availableActions({ status: 'referral', may: manager })).toEqual(['intake', 'closed']);
    expect(availableActions({ status: 'intake', may: manager })).toEqual(['active', 'closed']);
    expect(availableActions({ status: 'active', may: manager })).toEqual(['suspended', 'closed']);
    expect(availableActions({ status: 'suspended', may: manager })).toEqual(['resumed', 'closed']);
    expect(availableActions({ status: 'closed', may: manager })).toEqual(['reopened']);
    const lead = may({ transition: true });
    expect(availableActions({ status: 'intake', may: lead })).toEqual([]);
    expect(availableActions({ status: 'active', may: lead })).toEqual(['suspended']);
    expect(availableActions({ status: 'active', may: may() })).toEqual([]);
  });
});

describe('note levels one may write at', () => {
  it('are the levels one may read', () => {
    expect(writableLevels({ basis: 'manager', myTeamRole: null })).toEqual(['team', 'restricted', 'sealed']);
    expect(writableLevels({ basis: 'team', myTeamRole: 'lead' })).toEqual(['team', 'restricted']);
    expect(writableLevels({ basis: 'team', myTeamRole: 'member' })).toEqual(['team']);
    expect(writableLevels({ basis: 'break_glass', myTeamRole: null })).toEqual(['team']);
  });
});

const profile: ProgrammeProfile = {
  targetGroup: { narratives: ['jihadist'], ageMin: 18, ageMax: null, organisationTypes: [], militancy: 'both', positions: 'both' },
  goal: 'disengagement', goalExplanation: 'x', accessRoutes: ['self'], transparencyStatement: 'x',
  jurisdiction: { country: 'DE', closedCaseRetentionYears: 10, unacceptedReferralRetentionMonths: 12 },
};
const facts: EligibilityFacts = { narrative: 'jihadist', age: null, organisationType: null, militant: null, position: null };

describe('safeguarding gate on the page', () => {
  const base = { discussion: null, screening: null, outsideTargetReason: null } as unknown as CaseDetail;
  const discussion = { heldOn: '2026-01-01', participants: 'a', decision: 'accept', reasons: 'r', recordedByName: null, recordedAt: '' } as const;
  const screening = { riskToStaff: 'low', threatFromGroup: 'low', immediateProtectionNeeded: false, notes: '', recordedByName: null, recordedAt: '' } as const;
  it('reads the gate as the server does', () => {
    const unknownAge = evaluateEligibility(profile, facts);
    expect(unknownAge.criteria.age).toBe('unknown');
    expect(gateState(base, unknownAge)).toMatchObject({ discussion: false, screening: false, eligibility: false, done: 0 });
    expect(gateState({ ...base, discussion: { ...discussion, decision: 'decline' } }, unknownAge).discussion).toBe(false);
    const all = gateState({ ...base, discussion, screening }, evaluateEligibility(profile, { ...facts, age: 30 }));
    expect(all).toMatchObject({ discussion: true, screening: true, eligibility: true, done: 3 });
    expect(gateState({ ...base, outsideTargetReason: 'why' }, unknownAge).eligibility).toBe(true);
  });
  it('offers screening exactly when the server says so', () => {
    expect(mayScreen({ may: may({ screen: true }) })).toBe(true);
    expect(mayScreen({ may: may() })).toBe(false);
  });
  it('translates the gate codes of a 409, German too', () => {
    const err = new ApiError(409, 'gate_incomplete', 'x', [
      { path: 'gate', code: 'gate_risk_screening', message: 'Record the initial risk screening' },
      { path: 'outsideTargetReason', code: 'gate_eligibility_reason', message: 'english' },
    ]);
    expect(caseFieldErrors(t, err, ['outsideTargetReason'])).toEqual({
      fields: { outsideTargetReason: en.errors.gate_eligibility_reason },
      other: [en.errors.gate_risk_screening],
    });
    expect(caseFieldErrors(tDe, err, []).other).toEqual([de.errors.gate_risk_screening, de.errors.gate_eligibility_reason]);
  });
});

describe('timeline sentences', () => {
  const ev = (kind: string, data: Record<string, string | number | boolean | null> = {}) => ({ at: '', kind, actorName: null, data, text: null });
  it('name what happened from codes only', () => {
    expect(describeEvent(t, ev('state.changed', { from: 'intake', to: 'active', programmeVersion: 3, outsideTargetGroup: false }))).toBe('Case accepted under programme version 3');
    expect(describeEvent(t, ev('state.changed', { from: 'active', to: 'closed', closureReason: 'no_contact' }))).toBe('Case closed: No contact');
    expect(describeEvent(t, ev('state.changed', { from: 'closed', to: 'intake' }))).toBe('Case reopened (Intake)');
    expect(describeEvent(t, ev('state.changed', { from: 'suspended', to: 'active' }))).toBe('Case resumed');
    expect(describeEvent(t, ev('team.changed', { members: 1, withIdentityAccess: 0 }))).toBe('Case team changed: 1 person, 0 with identity access');
    expect(describeEvent(t, ev('break_glass.opened', { hours: 2 }))).toBe('Emergency access opened for 2 hours');
    expect(describeEvent(tDe, ev('note.corrected', { version: 2, level: 'sealed' }))).toBe('Notiz korrigiert: Version 2 (Versiegelt)');
    expect(describeEvent(t, ev('agreement.recorded', { agreementVersion: 2, givenHow: 'verbal', programmeVersion: 1 }))).toBe('Client agreement recorded: version 2 (Given verbally)');
    expect(describeEvent(t, ev('conduct.incident', { kind: 'threat_to_staff', severity: 'high' }))).toBe('Conduct incident recorded: Threat against staff, severity High');
    expect(describeEvent(tDe, ev('conduct.warning'))).toBe('Die Leitung hat eine Verwarnung ausgesprochen');
    // Every event the server writes has its own sentence, none falls through to the generic one.
    for (const kind of ['referral.recorded', 'intake.updated', 'discussion.recorded', 'screening.recorded', 'note.added', 'identity.updated', 'break_glass.reviewed', 'duplicate.resolved', 'agreement.recorded', 'conduct.incident', 'conduct.warning']) {
      expect(describeEvent(t, ev(kind))).not.toMatch(/^Recorded:/);
    }
    expect(describeEvent(t, ev('something.new'))).toBe('Recorded: something.new');
  });
});
