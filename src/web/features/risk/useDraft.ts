import { useCallback, useEffect, useRef, useState } from 'react';
import type { AssessmentDetail, JudgementDraft, Rating, Ratings } from '../../../contracts/risk-assessment.ts';
import { saveAssessment, useRefreshRisk } from '../../api/risk.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { emptyRating } from './RatingItem.tsx';

export const emptyJudgement: JudgementDraft = { riskLevel: null, scenarios: '', whatWouldChange: '', nextReviewOn: null };

/** Only entries with something in them travel (the server drops empty ones too). */
export function filledRatings(ratings: Ratings): Ratings {
  return Object.fromEntries(Object.entries(ratings).filter(([, r]) => r.scale !== null || r.evidenceFor.trim() || r.evidenceAgainst.trim() || r.source.trim()));
}

/**
 * The draft as the person types it, kept in this component only (never in a
 * cache or browser storage), and saved on demand. `edits` counts changes so a
 * save that was under way while someone kept typing does not mark the newer
 * text as saved. Leaving the form with unsaved changes saves them on the way out.
 */
export function useDraft(detail: AssessmentDetail) {
  const refresh = useRefreshRisk(detail.caseId);
  const [ratings, setRatings] = useState<Ratings>(detail.ratings);
  const [judgement, setJudgement] = useState<JudgementDraft>(detail.judgement ?? emptyJudgement);
  const [revision, setRevision] = useState(detail.revision);
  const [savedAt, setSavedAt] = useState<string | null>(detail.revision > 1 ? detail.updatedAt : null);
  const [edits, setEdits] = useState(0);
  const [savedEdits, setSavedEdits] = useState(0);
  const latest = useRef({ ratings, judgement, revision, edits, savedEdits });
  latest.current = { ratings, judgement, revision, edits, savedEdits };
  const dirty = edits !== savedEdits;

  const setRating = useCallback((code: string, patch: Partial<Rating>) => {
    setRatings((rs) => ({ ...rs, [code]: { ...(rs[code] ?? emptyRating), ...patch } }));
    setEdits((n) => n + 1);
  }, []);
  const patchJudgement = useCallback((patch: Partial<JudgementDraft>) => {
    setJudgement((j) => ({ ...j, ...patch }));
    setEdits((n) => n + 1);
  }, []);

  const saver = useSubmit(async () => {
    const now = latest.current;
    const out = await saveAssessment(detail.caseId, detail.id, { revision: now.revision, ratings: filledRatings(now.ratings), judgement: now.judgement });
    return { ...out, edits: now.edits };
  });
  const save = useCallback(async () => {
    const r = await saver.run();
    if (!r.ok) return false;
    setRevision(r.value.revision);
    setSavedAt(r.value.savedAt);
    setSavedEdits(r.value.edits);
    void refresh('save');
    return true;
  }, [saver, refresh]);

  /** After a colleague's save: continue on their revision, keeping what was typed here. */
  const rebase = useCallback((fresh: AssessmentDetail) => {
    setRevision(fresh.revision);
    saver.reset();
  }, [saver]);

  /** Signed (which saved everything): nothing is left to save on the way out. */
  const markSaved = useCallback(() => {
    latest.current.savedEdits = latest.current.edits;
    setSavedEdits(latest.current.edits);
  }, []);

  // Leaving (another assessment, another tab of the case, another page) with unsaved changes: save them.
  useEffect(() => () => {
    const now = latest.current;
    if (now.edits === now.savedEdits) return;
    void saveAssessment(detail.caseId, detail.id, { revision: now.revision, ratings: filledRatings(now.ratings), judgement: now.judgement })
      .then(() => refresh('save'), () => undefined);
  }, [detail.caseId, detail.id, refresh]);

  // Closing the browser tab cannot wait for a save: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => { e.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return { ratings, judgement, revision, savedAt, dirty, setRating, patchJudgement, save, saving: saver.pending, saveError: saver.error, rebase, markSaved };
}
