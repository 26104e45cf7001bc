import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AddKnowledgeInput, AddThreatActorInput, AddThreatLinkInput, ThreatAnalysis, UpdateThreatActorInput } from '../../contracts/threats.ts';
import { useSubmit } from '../lib/useSubmit.ts';
import { lifecycleKeys } from './caseLifecycle.ts';
import { api, apiPath, get, post, put } from './client.ts';
import { CASE_CACHE } from './queries.ts';

/**
 * The threat analysis of a case. Read only while the tab shows it (every read
 * is audited; nothing lingers in the cache); writes are plain calls through
 * `useSubmit`, so what staff type never sits in a mutation cache.
 */
export const threatKeys = { analysis: (caseId: string) => ['cases', 'threats', caseId] as const };

export function useThreats(caseId: string) {
  return useQuery({
    queryKey: threatKeys.analysis(caseId),
    queryFn: () => get<ThreatAnalysis>(apiPath('/api/cases', caseId, 'threats')),
    ...CASE_CACHE,
  });
}

const path = (caseId: string, ...rest: string[]) => apiPath('/api/cases', caseId, 'threats', ...rest);

export const addThreatActor = (caseId: string, input: AddThreatActorInput) => post<{ id: string; revision: number }>(path(caseId, 'actors'), input);
export const updateThreatActor = (caseId: string, actorId: string, input: UpdateThreatActorInput) => put<{ revision: number }>(path(caseId, 'actors', actorId), input);
export const removeThreatActor = (caseId: string, actorId: string) => api<{ removedLinks: number }>('DELETE', path(caseId, 'actors', actorId));
export const addThreatLink = (caseId: string, input: AddThreatLinkInput) => post<{ id: string }>(path(caseId, 'links'), input);
export const removeThreatLink = (caseId: string, linkId: string) => api<Record<string, never>>('DELETE', path(caseId, 'links', linkId));
export const addKnowledge = (caseId: string, input: AddKnowledgeInput) => post<{ id: string }>(path(caseId, 'knowledge'), input);
export const removeKnowledge = (caseId: string, entryId: string) => api<Record<string, never>>('DELETE', path(caseId, 'knowledge', entryId));

/** `useSubmit` for a change to the threat analysis: afterwards it is read again (awaited), and the timeline if open. */
export function useThreatChange<A extends unknown[], R>(caseId: string, fn: (...args: A) => Promise<R>) {
  const qc = useQueryClient();
  const wrapped = useCallback(async (...args: A): Promise<R> => {
    const out = await fn(...args);
    void qc.invalidateQueries({ queryKey: lifecycleKeys.timeline(caseId) });
    await qc.invalidateQueries({ queryKey: threatKeys.analysis(caseId) });
    return out;
  }, [qc, caseId, fn]);
  return useSubmit(wrapped);
}

/** Reads the analysis again (after "Reload" on a stale edit). */
export function useRefreshThreats(caseId: string) {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: threatKeys.analysis(caseId) }), [qc, caseId]);
}
