import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile, LogbookEntry } from '../../../../contracts/logbook.ts';
import { evidenceUrl, removeEvidence, useRefreshLogbook } from '../../../api/logbook.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormError } from '../../../components/states.tsx';
import { useFormat } from '../../../lib/format.ts';
import { notify } from '../../../lib/notify.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { Fact } from '../../cases/caseShared.tsx';
import { EvidenceQueue, useEvidenceQueue } from './EvidenceQueue.tsx';
import { formatSize } from './fileChecks.ts';

const useLocale = () => {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage === 'de' ? 'de-DE' : 'en-GB';
};

/** One logbook entry: when, how, what, who, and its evidence files. */
export function EntryCard({ caseId, entry, mayAdd, mayRemove }: { caseId: string; entry: LogbookEntry; mayAdd: boolean; mayRemove: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [adding, setAdding] = useState(false);
  const headingId = `threat-${entry.id}`;
  return (
    <Paper component="li" withBorder radius="sm" p="sm" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text size="sm" fw={600} id={headingId}>{fmt.date(entry.occurredOn)}</Text>
          <Badge variant="light" color="red">{t(`logbook.channels.${entry.channel}`)}</Badge>
        </Group>
        <Fact label={t('logbook.fields.what')}>{entry.what}</Fact>
        {entry.who ? <Fact label={t('logbook.fields.who')}>{entry.who}</Fact> : null}
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={500}>{t('logbook.evidence.title')}</Text>
          {entry.evidence.length === 0 ? <Text size="sm" c="dimmed">{t('logbook.evidence.none')}</Text> : (
            <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
              {entry.evidence.map((f) => <EvidenceRow key={f.id} caseId={caseId} file={f} mayRemove={mayRemove} />)}
            </Stack>
          )}
        </Stack>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">{t('logbook.recordedBy', { name: entry.recordedByName ?? t('logbook.unknownPerson'), date: fmt.dateTime(entry.recordedAt) })}</Text>
          {mayAdd ? <Button size="xs" variant="light" onClick={() => setAdding(true)}>{t('logbook.evidence.add')}</Button> : null}
        </Group>
      </Stack>
      {adding ? <AddEvidenceModal caseId={caseId} entry={entry} onClose={() => setAdding(false)} /> : null}
    </Paper>
  );
}

function EvidenceRow({ caseId, file, mayRemove }: { caseId: string; file: EvidenceFile; mayRemove: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  return (
    <Group component="li" justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Stack gap={0} style={{ minWidth: 0 }}>
        {/* A plain GET with the session cookie; the server answers with an attachment under a generic name. */}
        <Anchor href={evidenceUrl(caseId, file.id)} download size="sm" style={{ overflowWrap: 'anywhere' }} aria-label={t('logbook.evidence.download', { name: file.name })}>
          {file.name}
        </Anchor>
        <Text size="xs" c="dimmed">{t('logbook.evidence.meta', { type: t(`logbook.evidence.types.${file.mediaType}`), size: formatSize(file.size, locale) })}</Text>
      </Stack>
      {mayRemove ? (
        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={t('logbook.evidence.removeLabel', { name: file.name })}>
          {t('logbook.evidence.remove')}
        </Button>
      ) : null}
      {confirming ? <RemoveEvidenceModal caseId={caseId} file={file} onClose={() => setConfirming(false)} /> : null}
    </Group>
  );
}

function RemoveEvidenceModal({ caseId, file, onClose }: { caseId: string; file: EvidenceFile; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshLogbook(caseId);
  const remove = useSubmit(() => removeEvidence(caseId, file.id));
  return (
    <AppModal title={t('logbook.evidence.removeTitle')} onClose={onClose}>
      <Stack gap="md">
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>{file.name}</Text>
        <Text size="sm">{t('logbook.evidence.removeBody')}</Text>
        <FormError error={remove.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={remove.pending}>{t('common.cancel')}</Button>
          <Button color="red.8" loading={remove.pending} disabled={remove.pending} onClick={async () => {
            const r = await remove.run();
            if (!r.ok) return;
            notify(t('logbook.evidence.removed'));
            await refresh();
            onClose();
          }}>{t('logbook.evidence.removeConfirm')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** Files for an entry that already exists (added later, or tried again). */
function AddEvidenceModal({ caseId, entry, onClose }: { caseId: string; entry: LogbookEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const refresh = useRefreshLogbook(caseId);
  const queue = useEvidenceQueue(caseId);
  const [someFailed, setSomeFailed] = useState(false);
  const close = () => {
    if (queue.items.some((i) => i.status === 'done')) void refresh();
    onClose();
  };
  const upload = async () => {
    const ok = await queue.uploadAll(entry.id);
    void refresh();
    if (ok) {
      notify(t('logbook.form.savedWithFiles'));
      onClose();
    } else {
      setSomeFailed(true);
    }
  };
  return (
    <AppModal title={t('logbook.evidence.addTitle', { date: fmt.date(entry.occurredOn) })} onClose={close} size="lg">
      <Stack gap="md">
        {someFailed ? <Text size="sm" c="orange.9" role="status">{t('logbook.evidence.someFailed')}</Text> : null}
        <EvidenceQueue queue={queue} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={queue.busy}>{someFailed ? t('logbook.form.done') : t('common.cancel')}</Button>
          <Button onClick={() => void upload()} loading={queue.busy} disabled={queue.busy || queue.retryable.length === 0}>{t('logbook.evidence.upload')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
