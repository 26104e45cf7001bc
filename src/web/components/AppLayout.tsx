import { Anchor, AppShell, Avatar, Badge, Burger, Container, Group, Menu, NavLink, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal.tsx';
import { useTranslation } from 'react-i18next';
import { notify } from '../lib/notify.ts';
import { Link, useLocation, useNavigate } from 'react-router';
import { post } from '../api/client.ts';
import { errorMessage } from '../lib/errors.ts';
import { can } from '../lib/roles.ts';
import { useSubmit } from '../lib/useSubmit.ts';
import { useIsMobile } from '../lib/useIsMobile.ts';
import { useCurrentUser, useSession } from '../session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { useReviewCounts } from '../api/reviews.ts';
import { useLiveUpdates, useOpenAlertCount } from '../api/safety.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? parts[parts.length - 1]?.[0] ?? '' : '';
  return (first + last).toUpperCase();
}

function AccountMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { restart } = useSession();
  const signOut = useSubmit(() => post<{ ok: true }>('/api/auth/logout'));
  const [passwordOpen, setPasswordOpen] = useState(false);

  const onSignOut = async () => {
    const r = await signOut.run();
    if (r.ok) restart({ to: '/', notice: 'signedOut' });
    else notify(errorMessage(t, r.error), 'red', t('account.signOutFailed'));
  };

  return (
    <>
    <Menu position="bottom-end" width={260} shadow="md" withinPortal={false} withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <UnstyledButton p={4} style={{ borderRadius: 'var(--mantine-radius-md)' }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={32} radius="xl" color="indigo" aria-hidden="true" visibleFrom="sm">{initials(me.name)}</Avatar>
            <VisuallyHidden>{t('account.menu')}: </VisuallyHidden>
            <Text size="sm" fw={500} maw={{ base: 84, xs: 140, md: 200 }} truncate>{me.name}</Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <div role="group" aria-label={t('account.menu')}>
          <Stack gap={2} px="sm" py="xs">
            <Text size="sm" fw={600}>{me.name}</Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{me.email}</Text>
            <Group gap={6} mt={4}>
              <Badge variant="light" size="sm">{t(`roles.${me.role}`)}</Badge>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>{me.organisation}</Text>
          </Stack>
        </div>
        <Menu.Divider />
        <Menu.Item onClick={() => void navigate(`/staff/${encodeURIComponent(me.id)}`)}>{t('account.myDetails')}</Menu.Item>
        <Menu.Item onClick={() => setPasswordOpen(true)}>{t('password.menu')}</Menu.Item>
        <Menu.Item color="red.9" onClick={() => void onSignOut()} disabled={signOut.pending}>
          {signOut.pending ? t('account.signingOut') : t('account.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
    {passwordOpen ? <ChangePasswordModal onClose={() => setPasswordOpen(false)} /> : null}
    </>
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the `sm` breakpoint the navigation slides away; make it unreachable by keyboard too.
  const isMobile = useIsMobile();

  const reviewer = can.review(me);
  const counts = useReviewCounts(reviewer);
  const waiting = counts.data ? counts.data.grants + counts.data.duplicates : 0;
  // Alerts arrive live (server-sent events); the count in the navigation points to the safety page.
  useLiveUpdates();
  const openAlerts = useOpenAlertCount().data ?? 0;

  const links: { to: string; label: string; badge?: number }[] = [
    ...(can.workCases(me) ? [{ to: '/', label: t('nav.start') }, { to: '/cases', label: t('nav.cases') }] : []),
    { to: '/programmes', label: t('nav.programmes') },
    ...(reviewer ? [{ to: '/reviews', label: t('nav.reviews'), badge: waiting }] : []),
    { to: '/safety', label: t('safety.nav'), badge: openAlerts },
    { to: '/staff', label: t('nav.staff') },
  ];

  return (
    <>
      <a className="skip-link" href="#main-content">{t('nav.skipToContent')}</a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={opened}
                aria-controls="app-navigation"
              />
              <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="indigo.8" onClick={close}>
                {t('app.name')}
              </Anchor>
              <Text size="sm" c="dimmed" truncate visibleFrom="sm">{me.organisation}</Text>
            </Group>
            <Group gap={6} wrap="nowrap">
              <LanguageSwitch />
              <NotificationBell />
              <AccountMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" id="app-navigation" aria-label={t('nav.label')} inert={isMobile && !opened}>
          <Stack gap={4}>
            {links.map((l) => {
              const active = location.pathname === l.to || location.pathname.startsWith(`${l.to}/`);
              return (
                <NavLink
                  key={l.to}
                  component={Link}
                  to={l.to}
                  label={l.badge ? (
                    <>
                      {l.label}
                      <span className="sr-only"> ({t('nav.waiting', { count: l.badge })})</span>
                    </>
                  ) : l.label}
                  rightSection={l.badge ? <Badge size="sm" variant="filled" color="red.8" aria-hidden="true">{l.badge}</Badge> : undefined}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={close}
                  variant="light"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                />
              );
            })}
          </Stack>
        </AppShell.Navbar>

        <AppShell.Main id="main-content" tabIndex={-1} bg="gray.0">
          <Container size="lg" px={0}>
            {children}
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
