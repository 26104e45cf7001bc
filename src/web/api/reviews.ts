import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BreakGlassGrant } from '../../contracts/identity.ts';
import { apiPath, get, post } from './client.ts';

export type DuplicateReview = {
  id: string; caseId: string; codename: string; matchedCaseId: string; matchedCodename: string;
  raisedByName: string | null; raisedAt: string; resolvedAt: string | null; outcome: 'same_person' | 'different_person' | null;
};
export type GrantState = 'unreviewed' | 'all';
export type DuplicateState = 'open' | 'all';

/**
 * The review queue holds case data (codenames, reasons): like cases it is kept
 * only while a screen shows it. Every fetch is an audited read on the server.
 */
const REVIEW_CACHE = { gcTime: 0, staleTime: 0 } as const;

export const reviewKeys = {
  all: ['reviews'] as const,
  grants: (state: GrantState) => ['reviews', 'grants', state] as const,
  duplicates: (state: DuplicateState) => ['reviews', 'duplicates', state] as const,
  counts: ['reviews', 'counts'] as const,
};

const fetchGrants = async (state: GrantState) => (await get<{ grants: BreakGlassGrant[] }>(`/api/break-glass?state=${state}`)).grants;
const fetchDuplicates = async (state: DuplicateState) => (await get<{ reviews: DuplicateReview[] }>(`/api/duplicate-reviews?state=${state}`)).reviews;

export function useGrants(state: GrantState) {
  return useQuery({ queryKey: reviewKeys.grants(state), queryFn: () => fetchGrants(state), ...REVIEW_CACHE });
}

export function useDuplicateReviews(state: DuplicateState) {
  return useQuery({ queryKey: reviewKeys.duplicates(state), queryFn: () => fetchDuplicates(state), ...REVIEW_CACHE });
}

/**
 * How many items wait for a manager (the navigation badge). Only the two
 * numbers are cached, never the items. Refreshed when a new alert arrives
 * (see useReviewCount) and after each review, not on a timer: each fetch is audited.
 */
export function useReviewCounts(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.counts,
    queryFn: async () => {
      const [grants, duplicates] = await Promise.all([fetchGrants('unreviewed'), fetchDuplicates('open')]);
      return { grants: grants.length, duplicates: duplicates.length };
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useReviewGrant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; outcome: 'justified' | 'not_justified'; note: string }) =>
      post<{ ok: true }>(apiPath('/api/break-glass', input.id, 'review'), { outcome: input.outcome, note: input.note }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

export function useResolveDuplicate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; outcome: 'same_person' | 'different_person' }) =>
      post<{ ok: true }>(apiPath('/api/duplicate-reviews', input.id, 'resolve'), { outcome: input.outcome }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

/** Plain call (not a mutation): the emergency reason never sits in a cache. */
export function breakGlass(input: { codename: string; reason: string; hours: number }) {
  return post<{ caseId: string; expiresAt: string }>('/api/break-glass', input);
}
