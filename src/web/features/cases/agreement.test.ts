import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { consentsOf, mayRecordAgreement } from './AgreementTab.tsx';
import { mayDecideConduct, mayRecordIncident } from './ConductTab.tsx';

type Facts = Pick<CaseDetail, 'status' | 'basis' | 'myTeamRole'>;
const states = ['referral', 'intake', 'active', 'suspended', 'closed'] as const;
const manager = (status: Facts['status']): Facts => ({ status, basis: 'manager', myTeamRole: null });
const member = (status: Facts['status']): Facts => ({ status, basis: 'team', myTeamRole: 'member' });
const emergency = (status: Facts['status']): Facts => ({ status, basis: 'break_glass', myTeamRole: null });

describe('who may record the agreement and conduct (mirrors the server policy)', () => {
  it('agreements: managers and team members from intake until closed', () => {
    expect(states.filter((s) => mayRecordAgreement(manager(s)))).toEqual(['intake', 'active', 'suspended']);
    expect(states.filter((s) => mayRecordAgreement(member(s)))).toEqual(['intake', 'active', 'suspended']);
  });
  it('incidents: managers and team members in every state but closed', () => {
    expect(states.filter((s) => mayRecordIncident(manager(s)))).toEqual(['referral', 'intake', 'active', 'suspended']);
    expect(states.filter((s) => mayRecordIncident({ ...member(s), myTeamRole: 'lead' }))).toEqual(['referral', 'intake', 'active', 'suspended']);
  });
  it('an emergency reader records nothing', () => {
    for (const s of states) {
      expect(mayRecordAgreement(emergency(s))).toBe(false);
      expect(mayRecordIncident(emergency(s))).toBe(false);
      expect(mayDecideConduct(emergency(s))).toBe(false);
    }
  });
  it('only managers warn or dismiss, and not once the case is closed', () => {
    expect(states.filter((s) => mayDecideConduct(manager(s)))).toEqual(['referral', 'intake', 'active', 'suspended']);
    expect(states.some((s) => mayDecideConduct({ ...member(s), myTeamRole: 'lead' }))).toBe(false);
  });
});

describe('consentsOf', () => {
  it('names every partner category, "not asked" where nothing (or nonsense) is recorded', () => {
    const c = consentsOf({ consents: { police: 'yes', family: 'no', school: 'maybe' as never } });
    expect(c.police).toBe('yes');
    expect(c.family).toBe('no');
    expect(c.school).toBe('not_asked');
    expect(Object.keys(c)).toHaveLength(9);
    expect(Object.values(consentsOf(null)).every((v) => v === 'not_asked')).toBe(true);
  });
});
