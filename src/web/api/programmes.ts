import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Programme, ProgrammeProfile, ProgrammeSummary } from '../../contracts/programmes.ts';
import { apiPath, get, post, put } from './client.ts';

/** Programme profiles hold no client data; they may stay cached for a while like the staff list. */
export const programmeKeys = {
  all: ['programmes'] as const,
  list: ['programmes', 'list'] as const,
  one: (id: string) => ['programmes', 'detail', id] as const,
  version: (id: string, version: number) => ['programmes', 'version', id, version] as const,
};

export function fetchProgramme(id: string) {
  return get<Programme>(apiPath('/api/programmes', id));
}

export function useProgrammes() {
  return useQuery({
    queryKey: programmeKeys.list,
    queryFn: async () => (await get<{ programmes: ProgrammeSummary[] }>('/api/programmes')).programmes,
  });
}

export function useProgramme(id: string | null) {
  return useQuery({
    queryKey: programmeKeys.one(id ?? ''),
    queryFn: () => fetchProgramme(id!),
    enabled: !!id,
  });
}

export type ProgrammeVersion = { name: string; version: number; profile: ProgrammeProfile; createdAt: string };

export function useProgrammeVersion(id: string, version: number) {
  return useQuery({
    queryKey: programmeKeys.version(id, version),
    queryFn: () => get<ProgrammeVersion>(apiPath('/api/programmes', id, 'versions', String(version))),
    // A saved version never changes.
    staleTime: Infinity,
  });
}

export type SaveProgrammeInput = { name: string; profile: ProgrammeProfile };

/** Creates a programme, or (with an id) saves the next version of its profile. */
export function useSaveProgramme(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveProgrammeInput & { expectedVersion?: number }) => (id
      ? put<{ id: string; version: number }>(apiPath('/api/programmes', id), input)
      : post<{ id: string; version: number }>('/api/programmes', { name: input.name, profile: input.profile })),
    onSuccess: () => qc.invalidateQueries({ queryKey: programmeKeys.all }),
  });
}
