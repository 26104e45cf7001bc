import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Agreement, AgreementInput, Conduct, incidentKinds, incidentSeverities } from '../../contracts/agreement.ts';
import { useCaseChange } from './caseLifecycle.ts';
import { apiPath, get, post } from './client.ts';
import { CASE_CACHE } from './queries.ts';

/**
 * The client agreement and conduct of a case (guideline §1, §2.1).
 *
 * Like the rest of the case lifecycle: reads only while a tab shows them
 * (every read is audited, nothing lingers in the cache), writes as plain calls
 * through `useCaseChange`, so what staff type never sits in a mutation cache.
 */
export const agreementKeys = {
  agreements: (id: string) => ['cases', 'agreements', id] as const,
  conduct: (id: string) => ['cases', 'conduct', id] as const,
};

/** Every agreement of the case, newest (the current one) first. */
export function useAgreements(caseId: string) {
  return useQuery({
    queryKey: agreementKeys.agreements(caseId),
    queryFn: async () => (await get<{ agreements: Agreement[] }>(apiPath('/api/cases', caseId, 'agreements'))).agreements,
    ...CASE_CACHE,
  });
}

/** Incidents (newest first) and a manager's warnings and dismissal. */
export function useConduct(caseId: string) {
  return useQuery({
    queryKey: agreementKeys.conduct(caseId),
    queryFn: () => get<Conduct>(apiPath('/api/cases', caseId, 'conduct')),
    ...CASE_CACHE,
  });
}

type Versioned = { version: number };

export function recordAgreement(caseId: string, input: AgreementInput) {
  return post<Versioned & { agreementVersion: number }>(apiPath('/api/cases', caseId, 'agreements'), input);
}

export type IncidentInput = {
  occurredOn: string;
  kind: (typeof incidentKinds)[number];
  severity: (typeof incidentSeverities)[number];
  description: string;
  actionsTaken: string;
  expectedVersion: number;
};
export function recordIncident(caseId: string, input: IncidentInput) {
  return post<Versioned & { id: string }>(apiPath('/api/cases', caseId, 'conduct', 'incidents'), input);
}

export type ConductDecision = 'warning' | 'dismissal';
export type DecisionInput = { decision: ConductDecision; reasons: string; expectedVersion: number };
/** A manager's warning, or a dismissal (which closes the case with reason "dismissed"). */
export function decideConduct(caseId: string, input: DecisionInput) {
  return post<Versioned & { status: string }>(apiPath('/api/cases', caseId, 'conduct', 'decision'), input);
}

/** Reads the list again (after "Reload" on a stale form: a colleague's change may be in it). */
export function useRefreshList(caseId: string, list: keyof typeof agreementKeys) {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: agreementKeys[list](caseId) }), [qc, caseId, list]);
}

/**
 * `useCaseChange` for the agreement or conduct: the case is read again (its
 * version, and for a dismissal its state), and so is the list that changed,
 * which is shown at that moment anyway.
 */
export function useAgreementChange<A extends unknown[], R>(caseId: string, list: keyof typeof agreementKeys, fn: (...args: A) => Promise<R>) {
  const qc = useQueryClient();
  const withList = useCallback(async (...args: A): Promise<R> => {
    const out = await fn(...args);
    void qc.invalidateQueries({ queryKey: agreementKeys[list](caseId) });
    return out;
  }, [qc, caseId, list, fn]);
  return useCaseChange(caseId, withList);
}
