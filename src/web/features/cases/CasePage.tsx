import { Button, Grid, Group, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { isApiError } from '../../api/client.ts';
import { useCase } from '../../api/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { can } from '../../lib/roles.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser } from '../../session.tsx';
import { AccessLogPanel } from './AccessLogPanel.tsx';
import { CaseStatusBadge, TeamRoleBadge } from './badges.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { TeamPanel } from './TeamPanel.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function CasePage() {
  const { id = '' } = useParams();
  // Not a case id at all: the same neutral answer as a case one may not see.
  if (!UUID.test(id)) return <CaseNotFound />;
  return <CaseView key={id} id={id} />;
}

/** One neutral page for "does not exist" and "not on its team": the two must look the same. */
export function CaseNotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('case.notFoundTitle'));
  return (
    <Stack gap="md" align="flex-start" py="xl">
      <PageHeader title={t('case.notFoundTitle')} back={{ to: '/cases', label: t('case.backToCases') }} />
      <Text c="dimmed" maw={560}>{t('case.notFoundBody')}</Text>
      <Button component={Link} to="/cases" variant="light">{t('case.backToCases')}</Button>
    </Stack>
  );
}

/** Team beside the notes on wide screens; team first, then notes, on a phone. */
function Overview({ detail }: { detail: CaseDetail }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
        <TeamPanel detail={detail} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
        <NotesPanel caseId={detail.id} />
      </Grid.Col>
    </Grid>
  );
}

type Tab = 'overview' | 'access';

function CaseView({ id }: { id: string }) {
  const { t } = useTranslation();
  // The tab title is kept generic: it ends up in browser history.
  useDocumentTitle(t('case.documentTitle'));
  const me = useCurrentUser();
  const fmt = useFormat();
  const detail = useCase(id);
  const [tab, setTab] = useState<Tab>('overview');

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    if (isApiError(detail.error) && detail.error.status === 404) return <CaseNotFound />;
    return (
      <Stack gap="lg">
        <PageHeader title={t('case.documentTitle')} back={{ to: '/cases', label: t('case.backToCases') }} />
        <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
      </Stack>
    );
  }
  const c = detail.data;

  return (
    <Stack gap="lg">
      <PageHeader
        back={{ to: '/cases', label: t('case.backToCases') }}
        title={c.codename}
        meta={
          <Group gap="xs" mt={4}>
            <CaseStatusBadge status={c.status} />
            {c.myTeamRole ? <TeamRoleBadge role={c.myTeamRole} /> : null}
            <Text size="sm" c="dimmed">{t('case.openedOn', { date: fmt.date(c.createdAt) })}</Text>
          </Group>
        }
      />
      {can.readAccessLog(me) ? (
        <Tabs value={tab} onChange={(v) => setTab(v === 'access' ? 'access' : 'overview')} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="overview">{t('case.tabs.overview')}</Tabs.Tab>
            <Tabs.Tab value="access">{t('case.tabs.access')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="overview" pt="lg">
            <Overview detail={c} />
          </Tabs.Panel>
          <Tabs.Panel value="access" pt="lg">
            {/* Mounted only when opened: reading the log is itself recorded. */}
            <AccessLogPanel caseId={c.id} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Overview detail={c} />
      )}
    </Stack>
  );
}
