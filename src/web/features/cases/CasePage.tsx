import { Alert, Button, Grid, Group, Stack, Tabs, Text } from '@mantine/core';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { isApiError } from '../../api/client.ts';
import { useCase } from '../../api/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { AccessLogPanel } from './AccessLogPanel.tsx';
import { AgreementTab } from './AgreementTab.tsx';
import { TeamRoleBadge } from './badges.tsx';
import { CaseProvider, CaseStateBadge, type CaseScreen } from './caseShared.tsx';
import { ConductTab } from './ConductTab.tsx';
import { GateSummary } from './GatePanel.tsx';
import { IdentityPanel } from './IdentityPanel.tsx';
import { IntakeTab } from './IntakeTab.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { ClosureNote, StateActions } from './StateActions.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { TimelinePanel } from './TimelinePanel.tsx';
import { WhoKnowsPanel } from './WhoKnowsPanel.tsx';
// The chart and network libraries are large: their tabs load when first opened.
const RiskTab = lazy(() => import('../risk/RiskTab.tsx').then((m) => ({ default: m.RiskTab })));
const ThreatsTab = lazy(() => import('../protection/ThreatsTab.tsx').then((m) => ({ default: m.ThreatsTab })));
import { ProtectionTab } from '../protection/ProtectionTab.tsx';
import { LogbookTab } from '../protection/LogbookTab.tsx';
import { HighRiskGapBanner } from '../protection/plans/HighRiskGapBanner.tsx';

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

/**
 * Team and sealed identity beside the notes on wide screens; on a phone team
 * and identity come first, then the notes. A closed case says why first; while
 * the case is in referral or intake, the safeguarding checklist leads.
 */
function Overview({ detail, openIntake }: { detail: CaseDetail; openIntake: () => void }) {
  const inIntake = detail.status === 'referral' || detail.status === 'intake';
  return (
    <Stack gap="lg">
      <ClosureNote detail={detail} />
      <HighRiskGapBanner caseId={detail.id} />
      {inIntake ? <GateSummary detail={detail} onOpen={openIntake} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <TeamPanel detail={detail} />
            <IdentityPanel detail={detail} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <NotesPanel detail={detail} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

type Tab = 'overview' | 'intake' | 'agreement' | 'conduct' | 'risk' | 'threats' | 'protection' | 'logbook' | 'timeline' | 'whoKnows' | 'access';
const TABS: readonly Tab[] = ['overview', 'intake', 'agreement', 'conduct', 'risk', 'threats', 'protection', 'logbook', 'timeline', 'whoKnows', 'access'];

/** Clock time in the reader's language (for the end of emergency access). */
function useClock() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(lng === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
    return (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? '' : f.format(d);
    };
  }, [lng]);
}

/** Break-the-glass access: impossible to overlook, on every view of the case. */
function BreakGlassBanner({ until }: { until: string | null }) {
  const { t } = useTranslation();
  const clock = useClock();
  return (
    <Alert color="red.9" variant="filled" role="alert">
      <Text size="sm" fw={600}>
        {until ? t('lifecycle.breakGlass.until', { time: clock(until) }) : t('lifecycle.breakGlass.noEnd')}
      </Text>
    </Alert>
  );
}

function ProgrammeLine({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Text span size="sm" c="dimmed">
      {c.programmeVersionAccepted !== null
        ? t('lifecycle.header.programmeAccepted', { name: c.programmeName, version: c.programmeVersionAccepted })
        : t('lifecycle.header.programmeReferred', { name: c.programmeName, version: c.programmeVersionAtReferral })}
    </Text>
  );
}

function CaseView({ id }: { id: string }) {
  const { t } = useTranslation();
  // The tab title is kept generic: it ends up in browser history.
  useDocumentTitle(t('case.documentTitle'));
  const fmt = useFormat();
  const detail = useCase(id);
  const [tab, setTab] = useState<Tab>('overview');
  const { refetch } = detail;
  const reload = useCallback(async () => (await refetch()).data, [refetch]);
  const screen = useMemo<CaseScreen | null>(() => (detail.data ? { detail: detail.data, reload } : null), [detail.data, reload]);

  if (detail.isPending) return <Loading />;
  if (detail.isError || !screen) {
    if (isApiError(detail.error) && detail.error.status === 404) return <CaseNotFound />;
    return (
      <Stack gap="lg">
        <PageHeader title={t('case.documentTitle')} back={{ to: '/cases', label: t('case.backToCases') }} />
        <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
      </Stack>
    );
  }
  const c = screen.detail;
  const managerTabs = c.may.readAccessLog;
  // Risk, threats and the logbook are for managers and the case team; an emergency reader sees the emergency plan (Protection tab).
  const teamTabs = c.basis !== 'break_glass';
  const hidden = (!managerTabs && (tab === 'whoKnows' || tab === 'access')) || (!teamTabs && (tab === 'risk' || tab === 'threats' || tab === 'logbook'));
  const current: Tab = hidden ? 'overview' : tab;

  return (
    <CaseProvider value={screen}>
      <Stack gap="lg">
        {c.basis === 'break_glass' ? <BreakGlassBanner until={c.breakGlassUntil} /> : null}
        <PageHeader
          back={{ to: '/cases', label: t('case.backToCases') }}
          title={c.codename}
          meta={
            <Stack gap={4} mt={4}>
              <Group gap="xs">
                <CaseStateBadge state={c.status} />
                {c.myTeamRole ? <TeamRoleBadge role={c.myTeamRole} /> : null}
                <Text span size="sm" c="dimmed">{t('case.openedOn', { date: fmt.date(c.createdAt) })}</Text>
              </Group>
              <ProgrammeLine c={c} />
              <Text span size="sm" c="dimmed">
                {c.leadName ? t('lifecycle.header.lead', { name: c.leadName }) : t('lifecycle.header.noLead')}
              </Text>
            </Stack>
          }
          actions={<StateActions detail={c} />}
        />
        <Tabs value={current} onChange={(v) => setTab(TABS.includes(v as Tab) ? (v as Tab) : 'overview')} keepMounted={false}>
          <Tabs.List className="no-print">
            <Tabs.Tab value="overview">{t('case.tabs.overview')}</Tabs.Tab>
            <Tabs.Tab value="intake">{t('lifecycle.tabs.intake')}</Tabs.Tab>
            <Tabs.Tab value="agreement">{t('agreement.tabs.agreement')}</Tabs.Tab>
            <Tabs.Tab value="conduct">{t('agreement.tabs.conduct')}</Tabs.Tab>
            {teamTabs ? <Tabs.Tab value="risk">{t('risk.tab')}</Tabs.Tab> : null}
            {teamTabs ? <Tabs.Tab value="threats">{t('protection.threatsTab')}</Tabs.Tab> : null}
            <Tabs.Tab value="protection">{t('protection.tab')}</Tabs.Tab>
            {teamTabs ? <Tabs.Tab value="logbook">{t('logbook.tab')}</Tabs.Tab> : null}
            <Tabs.Tab value="timeline">{t('lifecycle.tabs.timeline')}</Tabs.Tab>
            {managerTabs ? <Tabs.Tab value="whoKnows">{t('lifecycle.tabs.whoKnows')}</Tabs.Tab> : null}
            {managerTabs ? <Tabs.Tab value="access">{t('case.tabs.access')}</Tabs.Tab> : null}
          </Tabs.List>
          {/* Panels are mounted only when opened: reading the agreement, conduct, timeline, who-knows and the log is itself recorded. */}
          <Tabs.Panel value="overview" pt="lg">
            <Overview detail={c} openIntake={() => setTab('intake')} />
          </Tabs.Panel>
          <Tabs.Panel value="intake" pt="lg">
            <IntakeTab detail={c} />
          </Tabs.Panel>
          <Tabs.Panel value="agreement" pt="lg">
            <AgreementTab detail={c} />
          </Tabs.Panel>
          <Tabs.Panel value="conduct" pt="lg">
            <ConductTab detail={c} />
          </Tabs.Panel>
          {teamTabs ? (
            <Tabs.Panel value="risk" pt="lg">
              <Suspense fallback={<Loading />}><RiskTab detail={c} /></Suspense>
            </Tabs.Panel>
          ) : null}
          {teamTabs ? (
            <Tabs.Panel value="threats" pt="lg">
              <Suspense fallback={<Loading />}><ThreatsTab detail={c} /></Suspense>
            </Tabs.Panel>
          ) : null}
          <Tabs.Panel value="protection" pt="lg">
            <ProtectionTab detail={c} />
          </Tabs.Panel>
          {teamTabs ? (
            <Tabs.Panel value="logbook" pt="lg">
              <LogbookTab detail={c} />
            </Tabs.Panel>
          ) : null}
          <Tabs.Panel value="timeline" pt="lg">
            <TimelinePanel caseId={c.id} />
          </Tabs.Panel>
          {managerTabs ? (
            <Tabs.Panel value="whoKnows" pt="lg">
              <WhoKnowsPanel caseId={c.id} />
            </Tabs.Panel>
          ) : null}
          {managerTabs ? (
            <Tabs.Panel value="access" pt="lg">
              <AccessLogPanel caseId={c.id} />
            </Tabs.Panel>
          ) : null}
        </Tabs>
      </Stack>
    </CaseProvider>
  );
}
