import { ActionIcon, Badge, Box, Menu, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AppNotification } from '../../contracts/identity.ts';
import { useMarkNotificationsRead, useNotifications } from '../api/notifications.ts';
import { reviewKeys } from '../api/reviews.ts';
import { useFormat } from '../lib/format.ts';
import { can } from '../lib/roles.ts';
import { useCurrentUser } from '../session.tsx';

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** Where an alert leads: the review queue for those who review, else the case. */
function targetOf(n: AppNotification, reviewer: boolean): string | null {
  if (n.kind.startsWith('safety_')) return '/safety';
  if (reviewer) return '/reviews';
  return n.caseId && n.codename ? `/cases/${encodeURIComponent(n.caseId)}` : null;
}

/**
 * The bell in the header: polls the signed-in person's alerts (memory only,
 * gone at sign-out) and marks them read when the menu is opened. A new alert
 * also refreshes the review counts in the navigation.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const fmt = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  const reviewer = can.review(me);
  /** The alerts that were unread when the menu opened: they stay highlighted while it is open. */
  const [freshIds, setFreshIds] = useState<Set<string>>(new Set());
  const unread = notifications.data?.unread ?? 0;
  const list = notifications.data?.notifications ?? [];

  const newest = list[0]?.id;
  const seenNewest = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!newest || !reviewer) return;
    if (seenNewest.current !== undefined && seenNewest.current !== newest) void qc.invalidateQueries({ queryKey: reviewKeys.all });
    seenNewest.current = newest;
  }, [newest, reviewer, qc]);

  const onOpen = () => {
    const ids = new Set(list.filter((n) => !n.readAt).map((n) => n.id));
    setFreshIds(ids);
    if (ids.size > 0) void markRead();
  };

  const text = (n: AppNotification) => {
    const vars = { codename: n.codename ?? t('programmes.notifications.hiddenCase'), name: n.actorName ?? t('programmes.notifications.someone') };
    if (n.kind.startsWith('safety_')) return t(`safety.notification.${n.kind as 'safety_panic'}`, vars);
    return n.kind === 'break_glass' ? t('programmes.notifications.breakGlass', vars) : t('programmes.notifications.duplicate', vars);
  };

  return (
    <Box pos="relative" style={{ flexShrink: 0 }}>
    <Menu position="bottom-end" width={320} shadow="md" withinPortal={false} onOpen={onOpen} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray.8"
          size="lg"
          aria-label={unread > 0 ? t('programmes.notifications.buttonUnread', { count: unread }) : t('programmes.notifications.button')}
        >
          <BellIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown maw="calc(100vw - 16px)">
        <Menu.Label>{t('programmes.notifications.title')}</Menu.Label>
        {notifications.isError && list.length === 0 ? (
          <Text size="sm" c="dimmed" px="sm" py="xs">{t('programmes.notifications.loadFailed')}</Text>
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed" px="sm" py="xs">{t('programmes.notifications.empty')}</Text>
        ) : (
          <Stack gap={0} mah={360} style={{ overflowY: 'auto' }}>
            {list.map((n) => {
              const to = targetOf(n, reviewer);
              const fresh = freshIds.has(n.id);
              const body = (
                <Stack gap={2}>
                  <Text size="sm" fw={fresh ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
                    {fresh ? <span className="sr-only">{t('programmes.notifications.new')}: </span> : null}
                    {text(n)}
                  </Text>
                  <Text size="xs" c="dimmed">{fmt.dateTime(n.createdAt)}</Text>
                </Stack>
              );
              return to ? (
                <Menu.Item key={n.id} onClick={() => void navigate(to)} bg={fresh ? 'indigo.0' : undefined}>{body}</Menu.Item>
              ) : (
                <Box key={n.id} px="sm" py={6}>{body}</Box>
              );
            })}
          </Stack>
        )}
      </Menu.Dropdown>
    </Menu>
    {unread > 0 ? (
      <Badge size="xs" variant="filled" color="red.8" circle={unread < 10} pos="absolute" top={-4} right={-6} aria-hidden="true" style={{ pointerEvents: 'none' }}>
        {unread > 99 ? '99+' : unread}
      </Badge>
    ) : null}
    </Box>
  );
}
