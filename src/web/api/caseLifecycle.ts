import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TimelineEntry, WhoKnows } from '../../contracts/cases.ts';
import type { Identity } from '../../contracts/identity.ts';
import type { ClosureReason, EligibilityFacts, Referral, RiskLevel } from '../../contracts/intake.ts';
import type { ProgrammeProfile } from '../../contracts/programmes.ts';
import { useSubmit } from '../lib/useSubmit.ts';
import { apiPath, get, post, put } from './client.ts';
import { CASE_CACHE, keys } from './queries.ts';

/**
 * The case lifecycle: intake, the safeguarding gate, state changes, note
 * corrections, the sealed identity, the timeline and "who knows what".
 *
 * Writes are plain calls run through `useSubmit` (pending and error live in the
 * component), not TanStack mutations: what staff type about a client never
 * sits in a mutation cache. Reads use the same "only while shown" cache rule as
 * every other case read.
 */
export const lifecycleKeys = {
  timeline: (id: string) => ['cases', 'timeline', id] as const,
  whoKnows: (id: string) => ['cases', 'who-knows', id] as const,
  /** Under "programmes" so that saving a programme elsewhere refreshes it here too. */
  programmeForCase: (id: string, version: number | null) => ['programmes', 'for-case', id, version ?? 'current'] as const,
};

export type ProgrammeForCase = { name: string; version: number; profile: ProgrammeProfile };

/**
 * The programme profile a case is measured against: the version it was
 * accepted under, or (before acceptance) the current one, which is what the
 * server's gate uses.
 */
export function useProgrammeForCase(programmeId: string, acceptedVersion: number | null) {
  return useQuery({
    queryKey: lifecycleKeys.programmeForCase(programmeId, acceptedVersion),
    queryFn: async (): Promise<ProgrammeForCase> => {
      if (acceptedVersion !== null) {
        const v = await get<ProgrammeForCase>(apiPath('/api/programmes', programmeId, 'versions', String(acceptedVersion)));
        return { name: v.name, version: v.version, profile: v.profile };
      }
      const p = await get<ProgrammeForCase>(apiPath('/api/programmes', programmeId));
      return { name: p.name, version: p.version, profile: p.profile };
    },
    gcTime: 30_000,
    staleTime: 0,
  });
}

export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: lifecycleKeys.timeline(caseId),
    queryFn: async () => (await get<{ events: TimelineEntry[] }>(apiPath('/api/cases', caseId, 'timeline'))).events,
    ...CASE_CACHE,
  });
}

export function useWhoKnows(caseId: string) {
  return useQuery({
    queryKey: lifecycleKeys.whoKnows(caseId),
    queryFn: async () => (await get<WhoKnows>(apiPath('/api/cases', caseId, 'who-knows'))).people,
    ...CASE_CACHE,
  });
}

type Versioned = { version: number };

export function updateIntake(caseId: string, input: { referral: Referral; facts: EligibilityFacts; expectedVersion: number }) {
  return put<Versioned>(apiPath('/api/cases', caseId, 'intake'), input);
}

export type DiscussionInput = { heldOn: string; participants: string; decision: 'accept' | 'decline' | 'more_information'; reasons: string; expectedVersion: number };
export function recordDiscussion(caseId: string, input: DiscussionInput) {
  return post<Versioned>(apiPath('/api/cases', caseId, 'discussion'), input);
}

export type ScreeningInput = { riskToStaff: RiskLevel; threatFromGroup: RiskLevel; immediateProtectionNeeded: boolean; notes: string; expectedVersion: number };
export function recordScreening(caseId: string, input: ScreeningInput) {
  return post<Versioned>(apiPath('/api/cases', caseId, 'screening'), input);
}

export type TransitionBody =
  | { to: 'intake'; expectedVersion: number }
  | { to: 'active'; expectedVersion: number; outsideTargetReason?: string }
  | { to: 'suspended'; expectedVersion: number; reason: string }
  | { to: 'resumed'; expectedVersion: number }
  | { to: 'closed'; expectedVersion: number; closureReason: Exclude<ClosureReason, 'dismissed'>; text: string }
  | { to: 'reopened'; expectedVersion: number; reason: string };
export function transitionCase(caseId: string, body: TransitionBody) {
  return post<{ version: number; status: string }>(apiPath('/api/cases', caseId, 'transition'), body);
}

export function correctNote(caseId: string, noteId: string, input: { text: string; expectedVersion: number }) {
  return post<Versioned>(apiPath('/api/cases', caseId, 'notes', noteId, 'corrections'), input);
}

/** A fresh second factor for the next five minutes (before revealing the sealed identity). */
export function confirmMfa(code: string) {
  return post<{ confirmedAt: string }>('/api/auth/confirm', { code });
}

/**
 * Deliberately not a query or mutation: the revealed identity must never enter
 * the TanStack cache. The caller keeps it in component state and drops it.
 */
export function revealIdentity(caseId: string, reason: string) {
  return post<{ identity: Identity | null; version: number }>(apiPath('/api/cases', caseId, 'identity', 'reveal'), { reason });
}

export type DuplicateOutcome = { kind: 'none' } | { kind: 'checked' } | { kind: 'matches'; cases: { id: string; codename: string }[] };

/** Plain call: the identity typed in never enters a cache. */
export function setIdentity(caseId: string, identity: Identity, expectedVersion: number) {
  return put<{ version: number; duplicate: DuplicateOutcome }>(apiPath('/api/cases', caseId, 'identity'), { identity, expectedVersion });
}

/**
 * `useSubmit` for a change to one case: afterwards the case is read again
 * (awaited, so the next form starts from the new version) and its timeline
 * follows if it is open. A note's correction re-reads only the notes: every
 * read is recorded, so nothing is read again without need.
 */
export function useCaseChange<A extends unknown[], R>(caseId: string, fn: (...args: A) => Promise<R>, opts: { notesOnly?: boolean } = {}) {
  const qc = useQueryClient();
  const notesOnly = opts.notesOnly ?? false;
  const wrapped = useCallback(async (...args: A): Promise<R> => {
    const out = await fn(...args);
    void qc.invalidateQueries({ queryKey: lifecycleKeys.timeline(caseId) });
    // A note's correction leaves the case itself (and its version) as it was.
    await qc.invalidateQueries({ queryKey: notesOnly ? keys.notes(caseId) : keys.case(caseId) });
    return out;
  }, [qc, caseId, fn, notesOnly]);
  return useSubmit(wrapped);
}
