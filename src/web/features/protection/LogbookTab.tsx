import type { CaseDetail } from '../../../contracts/cases.ts';

/** Placeholder until this tab is built (issue 5). */
export function LogbookTab(_props: { detail: CaseDetail }) {
  return null;
}
