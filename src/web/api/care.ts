import { useQuery } from '@tanstack/react-query';
import type { CareDue, CareRecord } from '../../contracts/care.ts';
import { get } from './client.ts';

export const careKeys = {
  all: ['care'] as const,
  record: (staffId: string) => ['care', 'record', staffId] as const,
  due: ['care', 'due'] as const,
};

/** Care records hold a private note: memory only, dropped as soon as no screen shows them. */
export function useCareRecord(staffId: string, enabled: boolean) {
  return useQuery({ queryKey: careKeys.record(staffId), queryFn: () => get<CareRecord>(`/api/care/staff/${encodeURIComponent(staffId)}`), enabled, gcTime: 0, staleTime: 0 });
}

export function useCareDue(enabled: boolean) {
  return useQuery({ queryKey: careKeys.due, queryFn: () => get<CareDue>('/api/care/due'), enabled, gcTime: 0 });
}
