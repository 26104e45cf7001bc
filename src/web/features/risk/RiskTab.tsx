import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../contracts/cases.ts';
import type { AssessmentSummary } from '../../../contracts/risk-assessment.ts';
import { useAssessments } from '../../api/risk.ts';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useCurrentUser } from '../../session.tsx';
import { AssessmentPanel } from './AssessmentPanel.tsx';
import { DomainChartPanel } from './DomainChart.tsx';
import { InstrumentsModal } from './InstrumentsModal.tsx';
import { LevelBadge, StatusBadge, useLocalText } from './riskShared.tsx';
import { StartAssessmentModal } from './StartAssessmentModal.tsx';

/**
 * The case's structured risk assessments: the versions so far, one open at a
 * time (a draft as a form, a signed one read-only), the domain chart, and for
 * managers the instruments. Shown to managers and the case team only.
 */
export function RiskTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useAssessments(detail.id);
  const [open, setOpen] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [instruments, setInstruments] = useState(false);
  // The server's rule (riskPolicy.mayDraft): managers and the team, while the case is not closed.
  const mayDraft = detail.status !== 'closed' && detail.basis !== 'break_glass';
  const isManager = me.role === 'manager';

  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const signed = list.data.filter((a) => a.status === 'signed').length;

  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} maw={640}>
          <Title order={2} size="h4">{t('risk.title')}</Title>
          <Text size="sm" c="dimmed">{t('risk.intro')}</Text>
        </Stack>
        <Group gap="xs">
          {isManager ? <Button variant="default" size="sm" onClick={() => setInstruments(true)}>{t('risk.instruments')}</Button> : null}
          {mayDraft ? <Button size="sm" onClick={() => setStarting(true)}>{t('risk.start')}</Button> : null}
        </Group>
      </Group>
      {detail.status === 'closed' ? <Text size="sm" c="dimmed">{t('risk.readOnlyClosed')}</Text> : null}

      {open ? (
        <AssessmentPanel key={open} caseId={detail.id} assessmentId={open} onClose={() => setOpen(null)} />
      ) : null}

      {list.data.length === 0 ? (
        <Empty title={t('risk.none')}>{t('risk.noneHelp')}</Empty>
      ) : (
        <Stack gap="xs" component="section" aria-labelledby="risk-list-heading">
          <Title order={3} size="h5" id="risk-list-heading">{t('risk.list.title')}</Title>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {list.data.map((a) => <AssessmentLine key={a.id} a={a} current={a.id === open} onOpen={() => setOpen(a.id)} />)}
          </Stack>
        </Stack>
      )}

      <DomainChartPanel caseId={detail.id} signedCount={signed} />

      {starting ? <StartAssessmentModal caseId={detail.id} onClose={() => setStarting(false)} onStarted={(id) => { setStarting(false); setOpen(id); }} /> : null}
      {instruments ? <InstrumentsModal onClose={() => setInstruments(false)} /> : null}
    </Stack>
  );
}

function AssessmentLine({ a, current, onOpen }: { a: AssessmentSummary; current: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useLocalText();
  return (
    <Card component="li" withBorder radius="md" padding="sm" bg={current ? 'indigo.0' : undefined}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600} size="sm">{t('risk.list.number', { number: a.number })}</Text>
            <StatusBadge status={a.status} />
            {a.riskLevel ? <LevelBadge level={a.riskLevel} /> : null}
          </Group>
          <Text size="sm">{t('risk.list.instrument', { name: text(a.instrument.name, a.instrument.languages), version: a.instrument.version })}</Text>
          <Text size="xs" c="dimmed">
            {a.status === 'signed' && a.signedAt
              ? t('risk.list.signed', { name: a.signedByName ?? t('risk.unknownPerson'), date: fmt.date(a.signedAt) })
              : t('risk.list.draft', { name: a.createdByName ?? t('risk.unknownPerson'), date: fmt.dateTime(a.updatedAt) })}
            {a.nextReviewOn ? ` · ${t('risk.list.nextReview', { date: fmt.date(a.nextReviewOn) })}` : ''}
          </Text>
        </Stack>
        <Button size="xs" variant={current ? 'filled' : 'light'} onClick={onOpen}>
          {a.status === 'draft' ? t('risk.list.continue') : t('risk.list.open')}
          <span className="sr-only"> {t('risk.list.number', { number: a.number })}</span>
        </Button>
      </Group>
    </Card>
  );
}
