import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { AppNotification } from '../../contracts/identity.ts';
import { get, post } from './client.ts';

export const notificationKeys = { all: ['notifications'] as const };

/** Every 15 seconds while the tab is visible, and when it comes back into view. Kept in memory only. */
export const NOTIFICATION_POLL_MS = 15_000;

export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: () => get<{ unread: number; notifications: AppNotification[] }>('/api/notifications'),
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
    // A failed poll is tried again at the next interval rather than at once.
    retry: false,
  });
}

/**
 * Marks all my alerts as read, then shows the server's answer. A failure is
 * not shown: the alerts simply stay unread and are marked the next time.
 */
export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useCallback(async (): Promise<void> => {
    try {
      await post<{ ok: true }>('/api/notifications/read', {});
    } catch {
      // Stays unread; nothing is lost.
    }
    await qc.invalidateQueries({ queryKey: notificationKeys.all });
  }, [qc]);
}
