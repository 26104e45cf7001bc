/**
 * HOOK (threat history): the issue asks for "the history of threats and
 * incidents" beside the analysis. That history is the client's threat logbook,
 * built as its own part (its own read, audit entry and policy part "logbook");
 * connect it here — e.g. the logbook's list for `caseId`, newest first — when
 * it lands. Until then this renders nothing, so the tab never shows an empty
 * promise.
 */
export function ThreatHistory(_props: { caseId: string }) {
  return null;
}
