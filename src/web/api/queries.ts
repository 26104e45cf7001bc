import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../contracts/auth.ts';
import type { AccessLogEntry, CaseDetail, CaseSummary, Note, NoteLevel } from '../../contracts/cases.ts';
import type { CaseState, Referral } from '../../contracts/intake.ts';
import type { Role, StaffSummary } from '../../contracts/staff.ts';
import { apiPath, get, isApiError, post, put } from './client.ts';

/**
 * Case data is kept in memory only while a screen shows it: gcTime 0 drops it
 * from the cache as soon as nothing uses it. Nothing is ever persisted.
 */
export const CASE_CACHE = { gcTime: 0, staleTime: 0 } as const;

export const keys = {
  setupStatus: ['setup-status'] as const,
  me: ['me'] as const,
  staff: ['staff'] as const,
  cases: (q: string, filters: CaseFilters) => ['cases', 'list', q, filters] as const,
  casesAll: ['cases'] as const,
  case: (id: string) => ['cases', 'detail', id] as const,
  notes: (id: string) => ['cases', 'notes', id] as const,
  accessLog: (id: string) => ['cases', 'access-log', id] as const,
};

export function useSetupStatus() {
  return useQuery({
    queryKey: keys.setupStatus,
    queryFn: () => get<{ needsSetup: boolean }>('/api/setup/status'),
    staleTime: Infinity,
  });
}

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await get<Me>('/api/auth/me');
      } catch (err) {
        if (isApiError(err) && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Infinity,
  });
}

export function useStaff() {
  return useQuery({
    queryKey: keys.staff,
    queryFn: async () => (await get<{ staff: StaffSummary[] }>('/api/staff')).staff,
    gcTime: 30_000,
  });
}

/** Filters of the case list: ids and codes only, so they may stand in the address bar (the search text never does). */
export type CaseFilters = { programme?: string; state?: CaseState; lead?: string; screening?: ScreeningFilter };
export type ScreeningFilter = 'none' | 'low' | 'moderate' | 'high' | 'protection';
export const CASE_PAGE_SIZE = 50;

/** The case list, one server page at a time ("Load more" asks for the next one). */
export function useCases(q: string, filters: CaseFilters) {
  return useInfiniteQuery({
    queryKey: keys.cases(q, filters),
    queryFn: async ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(CASE_PAGE_SIZE) });
      if (q) params.set('q', q);
      for (const k of ['programme', 'state', 'lead', 'screening'] as const) {
        const v = filters[k];
        if (v) params.set(k, v);
      }
      if (pageParam) params.set('after', pageParam);
      return get<{ cases: CaseSummary[]; nextCursor: string | null }>(`/api/cases?${params.toString()}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    ...CASE_CACHE,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: keys.case(id),
    queryFn: () => get<CaseDetail>(apiPath('/api/cases', id)),
    ...CASE_CACHE,
  });
}

export function useNotes(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.notes(id),
    queryFn: async () => (await get<{ notes: Note[] }>(apiPath('/api/cases', id, 'notes'))).notes,
    enabled,
    ...CASE_CACHE,
  });
}

export function useAccessLog(id: string) {
  return useQuery({
    queryKey: keys.accessLog(id),
    queryFn: async () => (await get<{ entries: AccessLogEntry[] }>(`${apiPath('/api/cases', id, 'access-log')}?limit=500`)).entries,
    ...CASE_CACHE,
  });
}

export type CreateCaseInput = { codename: string; programmeId: string; referral: Referral };

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCaseInput) => post<{ id: string }>('/api/cases', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.casesAll }),
  });
}

export function useAddNote(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; level: NoteLevel }) => post<{ id: string }>(apiPath('/api/cases', caseId, 'notes'), input),
    // Not awaited: the form clears at once, the list follows a moment later.
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.notes(caseId) });
      void qc.invalidateQueries({ queryKey: ['cases', 'timeline', caseId] });
    },
    // The note text is not kept once the form no longer needs it.
    gcTime: 0,
  });
}

export type TeamDraft = { staffId: string; role: 'lead' | 'member'; identityAccess: boolean }[];

export function useSetTeam(caseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { members: TeamDraft; expectedVersion: number }) => put<{ version: number }>(apiPath('/api/cases', caseId, 'team'), input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['cases', 'timeline', caseId] });
      return qc.invalidateQueries({ queryKey: keys.case(caseId) });
    },
  });
}

export type CreateStaffInput = { name: string; email: string; role: Role; password: string };

/** Plain call (not a mutation) so the initial password never sits in the mutation cache. */
export function createStaff(input: CreateStaffInput) {
  return post<{ id: string }>('/api/staff', input);
}

export function useDisableStaff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (staffId: string) => post<{ ok: true }>(apiPath('/api/staff', staffId, 'disable')),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.staff }),
  });
}

/** Plain calls: passwords never enter a query or mutation cache. */
export function changePassword(input: { currentPassword: string; newPassword: string }) {
  return post<{ ok: true }>('/api/auth/password', input);
}

export function resetSignIn(staffId: string, password: string, reason: string) {
  return post<{ ok: true }>(apiPath('/api/staff', staffId, 'reset-sign-in'), { password, reason });
}

export type ProtectedField = 'homeAddress' | 'privatePhone' | 'emergencyContacts';

/** Plain call: protected values never enter the TanStack cache. */
export function setProtected(staffId: string, input: Partial<Record<ProtectedField, string | null>>) {
  return put<{ ok: true }>(apiPath('/api/staff', staffId, 'protected'), input);
}

/**
 * Deliberately not a query or mutation: the revealed value must never enter
 * the TanStack cache. The caller keeps it in component state and drops it.
 */
export function revealProtected(staffId: string, field: ProtectedField, reason: string) {
  return post<{ field: ProtectedField; value: string | null }>(apiPath('/api/staff', staffId, 'protected', 'reveal'), { field, reason });
}
