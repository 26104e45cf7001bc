import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  AssessmentDetail, AssessmentSummary, DomainChart, InstrumentDetail, InstrumentSummary, JudgementDraft, Ratings, ReviewDue, SignAssessmentInput,
} from '../../contracts/risk-assessment.ts';
import { apiPath, get, post, put } from './client.ts';
import { CASE_CACHE } from './queries.ts';

/**
 * Risk assessments of a case and the instruments behind them. Like every case
 * read: fetched only while shown (each read is recorded), nothing kept in the
 * cache afterwards, writes as plain calls so ratings never sit in a mutation cache.
 */
export const riskKeys = {
  all: ['risk'] as const,
  instruments: ['risk', 'instruments'] as const,
  instrument: (id: string) => ['risk', 'instruments', id] as const,
  caseAll: (caseId: string) => ['cases', 'risk', caseId] as const,
  assessments: (caseId: string) => ['cases', 'risk', caseId, 'list'] as const,
  assessment: (caseId: string, id: string) => ['cases', 'risk', caseId, 'one', id] as const,
  chart: (caseId: string) => ['cases', 'risk', caseId, 'chart'] as const,
  reviews: ['risk', 'reviews'] as const,
};

export function useInstruments(enabled = true) {
  return useQuery({
    queryKey: riskKeys.instruments,
    queryFn: async () => (await get<{ instruments: InstrumentSummary[] }>('/api/risk/instruments')).instruments,
    enabled,
    gcTime: 60_000,
  });
}

export function useInstrument(id: string | null) {
  return useQuery({
    queryKey: riskKeys.instrument(id ?? ''),
    queryFn: () => get<InstrumentDetail>(apiPath('/api/risk/instruments', id ?? '')),
    enabled: id !== null,
    gcTime: 60_000,
  });
}

export function useAssessments(caseId: string) {
  return useQuery({
    queryKey: riskKeys.assessments(caseId),
    queryFn: async () => (await get<{ assessments: AssessmentSummary[] }>(apiPath('/api/cases', caseId, 'risk', 'assessments'))).assessments,
    ...CASE_CACHE,
  });
}

/** One assessment. Not read again on window focus: a form open on it must not be reset under the typist. */
export function useAssessment(caseId: string, id: string) {
  return useQuery({
    queryKey: riskKeys.assessment(caseId, id),
    queryFn: () => get<AssessmentDetail>(apiPath('/api/cases', caseId, 'risk', 'assessments', id)),
    refetchOnWindowFocus: false,
    ...CASE_CACHE,
  });
}

export function useDomainChart(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: riskKeys.chart(caseId),
    queryFn: () => get<DomainChart>(apiPath('/api/cases', caseId, 'risk', 'chart')),
    enabled,
    ...CASE_CACHE,
  });
}

/** Reviews overdue or due soon: managers every open case's, others those of the cases they lead. */
export function useReviewsDue(enabled = true) {
  return useQuery({
    queryKey: riskKeys.reviews,
    queryFn: async () => (await get<{ reviews: ReviewDue[] }>('/api/risk/reviews')).reviews,
    enabled,
    gcTime: 0,
  });
}

export function startAssessment(caseId: string, instrumentId: string) {
  return post<{ id: string; number: number; created: boolean }>(apiPath('/api/cases', caseId, 'risk', 'assessments'), { instrumentId });
}

export function saveAssessment(caseId: string, id: string, body: { revision: number; ratings: Ratings; judgement?: JudgementDraft }) {
  return put<{ revision: number; savedAt: string }>(apiPath('/api/cases', caseId, 'risk', 'assessments', id), body);
}

export function signAssessment(caseId: string, id: string, body: SignAssessmentInput) {
  return post<{ number: number; revision: number; nextReviewOn: string }>(apiPath('/api/cases', caseId, 'risk', 'assessments', id, 'sign'), body);
}

/** The parsed file as it is; the server checks it and names every problem's place. */
export function importInstrument(file: unknown) {
  return post<{ id: string; key: string; version: string }>('/api/risk/instruments', file);
}

/**
 * After a change, what it changed is read again when next shown: a save changes
 * the list only (the open form keeps its own state); a start or sign also the
 * timeline, a sign the chart, the due reviews and the assessment itself.
 */
export function useRefreshRisk(caseId: string) {
  const qc = useQueryClient();
  return useCallback(async (after: 'start' | 'save' | 'sign', assessmentId?: string) => {
    const jobs = [qc.invalidateQueries({ queryKey: riskKeys.assessments(caseId) })];
    if (after !== 'save') jobs.push(qc.invalidateQueries({ queryKey: ['cases', 'timeline', caseId] }));
    if (after === 'sign') {
      jobs.push(qc.invalidateQueries({ queryKey: riskKeys.chart(caseId) }), qc.invalidateQueries({ queryKey: riskKeys.reviews }));
      if (assessmentId) jobs.push(qc.invalidateQueries({ queryKey: riskKeys.assessment(caseId, assessmentId) }));
    }
    await Promise.all(jobs);
  }, [qc, caseId]);
}

/** After an import the instrument list is read again. */
export function useRefreshInstruments() {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: riskKeys.instruments }), [qc]);
}
