import { ActionIcon, Button, FileButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceErrorCodes, MAX_EVIDENCE_BYTES } from '../../../../contracts/logbook.ts';
import { isApiError } from '../../../api/client.ts';
import { uploadEvidence } from '../../../api/logbook.ts';
import { ACCEPT, checkFile, fileProblemMessage, formatSize, type FileProblem } from './fileChecks.ts';

/** A refusal that trying again cannot change. */
const refusedForGood = (problem: unknown) => typeof problem === 'string' || (isApiError(problem) && (evidenceErrorCodes as readonly string[]).includes(problem.code));

type Item = {
  key: number;
  file: File;
  status: 'ready' | 'uploading' | 'done' | 'failed';
  progress: number;
  /** What the browser or the server said against the file. */
  problem: FileProblem | unknown;
};

/**
 * The files chosen for one logbook entry, each with its own state: checked in
 * the browser when chosen (too large, wrong kind), then uploaded one at a time
 * with progress. A refused file stays in the list with its reason; the others
 * go on. The files live only in this component's memory.
 */
export function useEvidenceQueue(caseId: string) {
  const [items, setItems] = useState<Item[]>([]);
  const next = useRef(0);
  const aborter = useRef<AbortController | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => aborter.current?.abort(), []);

  const add = useCallback((files: File[]) => {
    setItems((list) => [...list, ...files.map((file) => {
      const problem = checkFile(file);
      return { key: next.current++, file, status: problem ? 'failed' as const : 'ready' as const, progress: 0, problem };
    })]);
  }, []);
  const drop = useCallback((key: number) => setItems((list) => list.filter((i) => i.key !== key)), []);
  const patch = (key: number, p: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...p } : i)));

  /**
   * Uploads every file not yet uploaded, except those refused for good (too
   * large, wrong kind…); a network or server failure is tried again. True when
   * every file in the list is uploaded.
   */
  const uploadAll = useCallback(async (entryId: string, current: Item[]): Promise<boolean> => {
    const todo = current.filter((i) => i.status !== 'done' && !refusedForGood(i.problem));
    aborter.current = new AbortController();
    setBusy(true);
    let allOk = todo.length === current.filter((i) => i.status !== 'done').length;
    try {
      for (const item of todo) {
        patch(item.key, { status: 'uploading', progress: 0, problem: null });
        try {
          await uploadEvidence(caseId, entryId, item.file, (f) => patch(item.key, { progress: f }), aborter.current.signal);
          patch(item.key, { status: 'done', progress: 1 });
        } catch (err) {
          allOk = false;
          patch(item.key, { status: 'failed', problem: err });
          if (aborter.current.signal.aborted) break;
        }
      }
    } finally {
      setBusy(false);
    }
    return allOk;
  }, [caseId]);

  /** Files an upload would still send. */
  const retryable = items.filter((i) => i.status !== 'done' && !refusedForGood(i.problem));
  return { items, add, drop, uploadAll: (entryId: string) => uploadAll(entryId, items), busy, retryable };
}

export type EvidenceQueueState = ReturnType<typeof useEvidenceQueue>;

/** The chooser and the list of chosen files with their state. */
export function EvidenceQueue({ queue, disabled }: { queue: EvidenceQueueState; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'de' ? 'de-DE' : 'en-GB';
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <FileButton onChange={(files) => queue.add(files)} accept={ACCEPT} multiple disabled={disabled || queue.busy}>
          {(props) => <Button variant="default" {...props}>{queue.items.length ? t('logbook.evidence.chooseMore') : t('logbook.evidence.choose')}</Button>}
        </FileButton>
        <Text size="xs" c="dimmed">{t('logbook.evidence.help', { size: formatSize(MAX_EVIDENCE_BYTES, locale) })}</Text>
      </Group>
      <Text size="xs" c="dimmed">{t('logbook.evidence.privacy')}</Text>
      {queue.items.length > 0 ? (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('logbook.evidence.filesLabel')}>
          {queue.items.map((item) => (
            <Paper component="li" key={item.key} withBorder radius="sm" p="xs">
              <Stack gap={4}>
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>{item.file.name}</Text>
                    <Text size="xs" c="dimmed">{formatSize(item.file.size, locale)}</Text>
                  </Stack>
                  {item.status !== 'uploading' && item.status !== 'done' ? (
                    <ActionIcon variant="subtle" color="gray" onClick={() => queue.drop(item.key)} disabled={queue.busy}
                      aria-label={t('logbook.evidence.dropFromList', { name: item.file.name })}>
                      <span aria-hidden="true">×</span>
                    </ActionIcon>
                  ) : null}
                </Group>
                <ItemStatus item={item} locale={locale} />
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function ItemStatus({ item, locale }: { item: Item; locale: string }) {
  const { t } = useTranslation();
  if (item.status === 'uploading') {
    const percent = Math.round(item.progress * 100);
    return (
      <Stack gap={2}>
        <Progress value={percent} size="sm" aria-label={t('logbook.evidence.progressLabel', { name: item.file.name })} />
        <Text size="xs" c="dimmed" role="status">{t('logbook.evidence.status.uploading', { percent })}</Text>
      </Stack>
    );
  }
  if (item.status === 'failed') {
    return <Text size="xs" c="red.8" role="alert">{t('logbook.evidence.status.failed')}: {fileProblemMessage(t, locale, item.problem)}</Text>;
  }
  return <Text size="xs" c={item.status === 'done' ? 'teal.8' : 'dimmed'}>{t(`logbook.evidence.status.${item.status}`)}</Text>;
}
