import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  EmergencyPlan, EmergencyPlanInput, GapList, HighRiskGap, InformationInput, MeasureInput, PocketCard, Relocation, RelocationInput, ShieldPlan,
} from '../../contracts/plans.ts';
import { useSubmit } from '../lib/useSubmit.ts';
import { api, apiPath, get, post, put } from './client.ts';
import { lifecycleKeys } from './caseLifecycle.ts';
import { CASE_CACHE } from './queries.ts';

/**
 * The shielding plan, the emergency plan, relocation and the high-risk gap.
 *
 * Like the rest of a case: read only while a screen shows them (every read is
 * audited, gcTime 0 drops them from memory), written as plain calls through
 * `useSubmit`, so what staff type never sits in a mutation cache.
 */
export const planKeys = {
  shield: (id: string) => ['cases', 'shield-plan', id] as const,
  emergency: (id: string) => ['cases', 'emergency-plan', id] as const,
  relocations: (id: string) => ['cases', 'relocations', id] as const,
  pocketCard: (id: string, withSafeLocations: boolean) => ['cases', 'pocket-card', id, withSafeLocations] as const,
  gap: (id: string) => ['cases', 'high-risk-gap', id] as const,
  gaps: ['protection', 'high-risk-gaps'] as const,
};

const casePath = (caseId: string, ...rest: string[]) => apiPath('/api/cases', caseId, ...rest);

export function useShieldPlan(caseId: string, enabled = true) {
  return useQuery({ queryKey: planKeys.shield(caseId), queryFn: () => get<ShieldPlan>(casePath(caseId, 'shield-plan')), enabled, ...CASE_CACHE });
}

export function useEmergencyPlan(caseId: string) {
  return useQuery({ queryKey: planKeys.emergency(caseId), queryFn: () => get<EmergencyPlan>(casePath(caseId, 'emergency-plan')), ...CASE_CACHE });
}

/** Sealed: asked only when the emergency plan said the reader may see sealed parts. */
export function useRelocations(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.relocations(caseId),
    queryFn: async () => (await get<{ relocations: Relocation[] }>(casePath(caseId, 'relocations'))).relocations,
    enabled, ...CASE_CACHE,
  });
}

/** Each fetch is an audited print; it runs only while the print view is open. */
export function usePocketCard(caseId: string, withSafeLocations: boolean) {
  return useQuery({
    queryKey: planKeys.pocketCard(caseId, withSafeLocations),
    queryFn: () => get<PocketCard>(`${casePath(caseId, 'emergency-plan', 'pocket-card')}?safeLocations=${withSafeLocations ? 'include' : 'omit'}`),
    ...CASE_CACHE, retry: false,
  });
}

export function useCaseGap(caseId: string) {
  return useQuery({ queryKey: planKeys.gap(caseId), queryFn: async () => (await get<{ gap: HighRiskGap | null }>(casePath(caseId, 'high-risk-gap'))).gap, ...CASE_CACHE });
}

export function useHighRiskGaps() {
  return useQuery({ queryKey: planKeys.gaps, queryFn: async () => (await get<GapList>('/api/protection/high-risk-gaps')).gaps, gcTime: 0 });
}

export const addInformation = (caseId: string, input: InformationInput) => post<{ id: string; revision: number }>(casePath(caseId, 'shield-plan', 'information'), input);
export const updateInformation = (caseId: string, entryId: string, input: InformationInput & { revision: number }) =>
  put<{ revision: number }>(casePath(caseId, 'shield-plan', 'information', entryId), input);
export const removeInformation = (caseId: string, entryId: string, revision: number) =>
  api<{ removed: true }>('DELETE', `${casePath(caseId, 'shield-plan', 'information', entryId)}?revision=${revision}`);

export const addMeasure = (caseId: string, input: MeasureInput) => post<{ id: string; revision: number }>(casePath(caseId, 'shield-plan', 'measures'), input);
export const updateMeasure = (caseId: string, entryId: string, input: MeasureInput & { revision: number }) =>
  put<{ revision: number }>(casePath(caseId, 'shield-plan', 'measures', entryId), input);
export const removeMeasure = (caseId: string, entryId: string, revision: number) =>
  api<{ removed: true }>('DELETE', `${casePath(caseId, 'shield-plan', 'measures', entryId)}?revision=${revision}`);

export const saveEmergencyPlan = (caseId: string, input: EmergencyPlanInput) => put<{ version: number }>(casePath(caseId, 'emergency-plan'), input);
export const recordRelocation = (caseId: string, input: RelocationInput) => post<{ id: string }>(casePath(caseId, 'relocations'), input);

/**
 * `useSubmit` for a change to a plan: afterwards the part that changed is read
 * again, and so are the timeline and the high-risk gap (a saved emergency plan
 * may close it).
 */
export function usePlanChange<A extends unknown[], R>(caseId: string, part: 'shield' | 'emergency' | 'relocations', fn: (...args: A) => Promise<R>) {
  const qc = useQueryClient();
  const wrapped = useCallback(async (...args: A): Promise<R> => {
    const out = await fn(...args);
    void qc.invalidateQueries({ queryKey: lifecycleKeys.timeline(caseId) });
    void qc.invalidateQueries({ queryKey: planKeys.gap(caseId) });
    void qc.invalidateQueries({ queryKey: planKeys.gaps });
    await qc.invalidateQueries({ queryKey: planKeys[part](caseId) });
    return out;
  }, [qc, caseId, part, fn]);
  return useSubmit(wrapped);
}

/** Reads a part again (after "Reload" on a stale form: a colleague's change may be in it). */
export function useRefreshPlan(caseId: string, part: 'shield' | 'emergency' | 'relocations') {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: planKeys[part](caseId) }), [qc, caseId, part]);
}
