import { Button, CloseButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentDetail } from '../../../contracts/risk-assessment.ts';
import { isApiError } from '../../api/client.ts';
import { useAssessment } from '../../api/risk.ts';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { AssessmentEditor } from './AssessmentEditor.tsx';
import { LevelBadge, StatusBadge, useLocalText } from './riskShared.tsx';
import { SignedView } from './SignedView.tsx';

/** One assessment: a draft the reader may change as a form, anything else read-only. */
export function AssessmentPanel({ caseId, assessmentId, onClose }: { caseId: string; assessmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const one = useAssessment(caseId, assessmentId);
  if (one.isPending) return <Loading />;
  // A failed refresh keeps the form (and what was typed) on screen; only a first load that failed shows the error.
  if (one.isError && !one.data) {
    return (
      <Stack gap="xs">
        <LoadError error={one.error} onRetry={isApiError(one.error) && one.error.status === 404 ? undefined : () => void one.refetch()} />
        <Button variant="default" size="xs" onClick={onClose} style={{ alignSelf: 'flex-start' }}>{t('risk.form.close')}</Button>
      </Stack>
    );
  }
  const a = one.data;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="risk-assessment-heading">
      <Stack gap="lg">
        <Header a={a} onClose={onClose} />
        {one.isError ? <LoadError error={one.error} onRetry={() => void one.refetch()} /> : null}
        {a.may.edit
          ? <AssessmentEditor detail={a} reload={async () => (await one.refetch()).data} />
          : <SignedView a={a} />}
      </Stack>
    </Paper>
  );
}

function Header({ a, onClose }: { a: AssessmentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useLocalText();
  const def = a.instrument.definition;
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
      <Stack gap={4}>
        <Title order={3} size="h4" id="risk-assessment-heading">
          {t('risk.form.title', { number: a.number, instrument: text(def.name, def.languages) })}
        </Title>
        <Group gap="xs">
          <StatusBadge status={a.status} />
          {a.riskLevel ? <LevelBadge level={a.riskLevel} /> : null}
          <Text size="xs" c="dimmed">{t('risk.form.version', { version: a.instrument.version })}</Text>
        </Group>
        <Text size="xs" c="dimmed">
          {a.status === 'signed' && a.signedAt
            ? t('risk.view.signedBy', { name: a.signedByName ?? t('risk.unknownPerson'), date: fmt.dateTime(a.signedAt) })
            : t('risk.form.startedBy', { name: a.createdByName ?? t('risk.unknownPerson'), date: fmt.date(a.createdAt) })}
        </Text>
        {def.description ? <Text size="sm" maw={720}>{text(def.description, def.languages)}</Text> : null}
      </Stack>
      <CloseButton onClick={onClose} aria-label={t('risk.form.close')} />
    </Group>
  );
}
