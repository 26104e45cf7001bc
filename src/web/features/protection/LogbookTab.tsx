import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { useLogbook } from '../../api/logbook.ts';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { EntryCard } from './logbook/EntryCard.tsx';
import { RecordThreatModal } from './logbook/RecordThreatModal.tsx';

/**
 * The client's threat logbook: dated threats with their evidence files, newest
 * first. Managers and the case team only (the page hides the tab from an
 * emergency reader; the server refuses them as well).
 */
export function LogbookTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const logbook = useLogbook(detail.id);
  const [recording, setRecording] = useState(false);
  const may = logbook.data?.may;

  return (
    <Stack gap="md" component="section" aria-labelledby="logbook-heading">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 18rem' }}>
          <Title order={2} size="h4" id="logbook-heading">{t('logbook.title')}</Title>
          <Text size="sm" c="dimmed">{t('logbook.help')}</Text>
        </Stack>
        {may?.record ? <Button onClick={() => setRecording(true)}>{t('logbook.record')}</Button> : null}
      </Group>
      {detail.status === 'closed' ? <Text size="sm" c="dimmed">{t('logbook.readOnlyClosed')}</Text> : null}
      {logbook.isPending ? <Loading /> : logbook.isError ? (
        <LoadError error={logbook.error} onRetry={() => void logbook.refetch()} />
      ) : logbook.data.entries.length === 0 ? (
        <Empty title={t('logbook.empty')}>{t('logbook.emptyHelp')}</Empty>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {logbook.data.entries.map((e) => (
            <EntryCard key={e.id} caseId={detail.id} entry={e} mayAdd={logbook.data.may.record} mayRemove={logbook.data.may.removeEvidence} />
          ))}
        </Stack>
      )}
      {recording ? <RecordThreatModal caseId={detail.id} onClose={() => setRecording(false)} /> : null}
    </Stack>
  );
}
