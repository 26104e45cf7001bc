import type { CaseDetail } from '../../../contracts/cases.ts';

/** Placeholder until this tab is built (issue 5). */
export function RiskTab(_props: { detail: CaseDetail }) {
  return null;
}
