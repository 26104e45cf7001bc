import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import type { boardSchema, deliverySchema, Escalation, SafetyAlert, VisitDetail } from '../../contracts/safety.ts';
import { get } from './client.ts';
import { notificationKeys } from './notifications.ts';

export const safetyKeys = {
  all: ['safety'] as const,
  board: (date: string) => ['safety', 'board', date] as const,
  visit: (id: string) => ['safety', 'visit', id] as const,
  alerts: ['safety', 'alerts'] as const,
  settings: ['safety', 'settings'] as const,
  escalation: ['safety', 'escalation'] as const,
  deliveries: ['safety', 'deliveries'] as const,
};

export type Board = z.infer<typeof boardSchema>;
export type Delivery = z.infer<typeof deliverySchema>;

/** Safety data is kept in memory only and refetched often: where colleagues are changes by the minute. */
// The live stream refreshes these at once; polling is the fallback (and catches colleagues' board entries).
const LIVE = { gcTime: 0, staleTime: 0, refetchInterval: 60_000, refetchOnWindowFocus: true } as const;

/** The reader's own calendar day (the board runs from their midnight to midnight). */
export const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function useBoard(date: string) {
  return useQuery({ queryKey: safetyKeys.board(date), queryFn: () => get<Board>(`/api/safety/board?date=${encodeURIComponent(date)}&tzOffsetMinutes=${new Date().getTimezoneOffset()}`), ...LIVE });
}

export function useVisit(id: string | null) {
  return useQuery({ queryKey: safetyKeys.visit(id ?? ''), queryFn: () => get<VisitDetail>(`/api/safety/visits/${encodeURIComponent(id!)}`), enabled: !!id, ...LIVE });
}

export function useAlerts() {
  return useQuery({ queryKey: safetyKeys.alerts, queryFn: async () => (await get<{ alerts: SafetyAlert[] }>('/api/safety/alerts')).alerts, ...LIVE });
}

/** The navigation badge: a count only, so every page does not fetch (and audit) alert details. */
export function useOpenAlertCount() {
  return useQuery({ queryKey: [...safetyKeys.all, 'open'], queryFn: async () => (await get<{ open: number }>('/api/safety/alerts/open')).open, gcTime: 0, refetchInterval: 30_000, refetchOnWindowFocus: true });
}

export function useSafetySettings() {
  return useQuery({ queryKey: safetyKeys.settings, queryFn: () => get<{ buddyId: string | null; pinsSet: boolean }>('/api/safety/settings'), gcTime: 0 });
}

export function useEscalation() {
  return useQuery({ queryKey: safetyKeys.escalation, queryFn: async () => (await get<{ chains: { scope: string; config: Escalation }[] }>('/api/safety/escalation')).chains });
}

export function useDeliveries(enabled: boolean) {
  return useQuery({ queryKey: safetyKeys.deliveries, queryFn: async () => (await get<{ deliveries: Delivery[] }>('/api/safety/deliveries')).deliveries, enabled, ...LIVE });
}

/**
 * The live stream: the server says only "something for you changed"; the page
 * then refetches alerts, the board and the bell through the ordinary routes.
 * The browser reconnects by itself; polling stays as the fallback.
 */
export function useLiveUpdates() {
  const qc = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/live');
    const refresh = () => {
      void qc.invalidateQueries({ queryKey: safetyKeys.all });
      void qc.invalidateQueries({ queryKey: notificationKeys.all });
    };
    source.addEventListener('changed', refresh);
    return () => source.close();
  }, [qc]);
}
