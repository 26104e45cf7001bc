import { Grid, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localToday, useBoard } from '../../api/safety.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser } from '../../session.tsx';
import { AlertsPanel } from './AlertsPanel.tsx';
import { BoardPanel } from './BoardPanel.tsx';
import { EscalationPanel } from './EscalationPanel.tsx';
import { MyVisitCard } from './MyVisitCard.tsx';
import { PanicButton } from './PanicButton.tsx';
import { SafetySettingsPanel } from './SafetySettingsPanel.tsx';

type Tab = 'today' | 'settings' | 'escalation';

/** Staff safety: the panic button first, then my visit, alerts and the board. Built for a phone. */
export function SafetyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('safety.title'));
  const me = useCurrentUser();
  const [tab, setTab] = useState<Tab>('today');
  const board = useBoard(localToday());
  const mine = board.data?.entries.find((e) => e.staffId === me.id && e.kind === 'field' && e.status === 'active') ?? null;
  return (
    <Stack gap="lg">
      <PageHeader title={t('safety.title')} meta={t('safety.subtitle')} />
      <PanicButton visitId={mine?.id ?? null} />
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'today')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="today">{t('safety.tabs.today')}</Tabs.Tab>
          <Tabs.Tab value="settings">{t('safety.tabs.settings')}</Tabs.Tab>
          {me.role === 'manager' ? <Tabs.Tab value="escalation">{t('safety.tabs.escalation')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="today" pt="md">
          {board.isPending ? <Loading /> : !board.data ? <LoadError error={board.error} onRetry={() => void board.refetch()} /> : (
            <Grid gap="lg">
              {/* A failed refresh (poor signal in the field) keeps the last board and the visit card on screen. */}
              {board.isError ? <Grid.Col span={12}><LoadError error={board.error} onRetry={() => void board.refetch()} /></Grid.Col> : null}
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Stack gap="lg">
                  <MyVisitCard key={mine?.id ?? 'none'} active={mine} />
                  <AlertsPanel />
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}><BoardPanel board={board.data} /></Grid.Col>
            </Grid>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md"><SafetySettingsPanel /></Tabs.Panel>
        {me.role === 'manager' ? <Tabs.Panel value="escalation" pt="md"><EscalationPanel /></Tabs.Panel> : null}
      </Tabs>
    </Stack>
  );
}
