import type { ProgrammeProfile } from '../../../contracts/programmes.ts';

/** Two fictional programme profiles, for the demo and for generated data. */
export const DEMO_PROFILES: ProgrammeProfile[] = [0, 1].map((i) => ({
  targetGroup: { narratives: ['right_wing_extremist', 'jihadist', 'left_wing_extremist'], ageMin: i === 0 ? 14 : 18, ageMax: null, organisationTypes: ['Street group', 'Online network', 'Party youth wing'], militancy: 'both', positions: 'both' },
  goal: i === 0 ? 'disengagement' : 'deradicalisation',
  goalExplanation: i === 0 ? 'We help people leave the group and its violence behind; changing their beliefs is welcome but not required.' : 'In prison we work on the beliefs behind the offence as well as on leaving the group.',
  accessRoutes: i === 0 ? ['self', 'family_friends', 'police', 'social_work', 'school', 'youth_work', 'anonymous_contact'] : ['prison', 'probation', 'self'],
  transparencyStatement: 'We share information with police or authorities only with your consent, or when there is a concrete danger to life or of a serious crime. (Fictional demo programme.)',
  jurisdiction: { country: 'DE', closedCaseRetentionYears: 10, unacceptedReferralRetentionMonths: 12 },
}));
