import { Alert, Badge, Button, Card, FileInput, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { importInstrument, useInstruments, useRefreshInstruments } from '../../api/risk.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { importProblem, riskErrorMessage, useLocalText } from './riskShared.tsx';

/** The largest file the server accepts as a request (its body limit). */
const MAX_BYTES = 256 * 1024;

/** Managers: the loaded instruments, and loading the file of a licensed one. */
export function InstrumentsModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useLocalText();
  const list = useInstruments();
  return (
    <AppModal title={t('risk.instrumentsModal.title')} onClose={onClose} size="lg">
      <Stack gap="lg">
        <ImportForm />
        <Stack gap="xs" component="section" aria-labelledby="risk-instruments-loaded">
          <Title order={3} size="h5" id="risk-instruments-loaded">{t('risk.instrumentsModal.loaded')}</Title>
          {list.isPending ? <Loading minHeight={60} /> : list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {list.data.map((i) => (
                <Card component="li" key={i.id} withBorder radius="md" padding="sm">
                  <Stack gap={2}>
                    <Group gap="xs">
                      <Text fw={600} size="sm">{t('risk.list.instrument', { name: text(i.name, i.languages), version: i.version })}</Text>
                      {i.builtin ? <Badge size="sm" variant="light">{t('risk.instrumentsModal.builtin')}</Badge> : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {[
                        t('risk.instrumentsModal.size', { domains: i.domainCount, items: i.itemCount }),
                        i.requiresCertification ? t('risk.startModal.certification', { name: i.certificationName ?? '' }) : t('risk.startModal.noCertification'),
                        t('risk.startModal.review', { count: i.reviewIntervalDays }),
                        i.builtin ? null : t('risk.instrumentsModal.importedAt', { date: fmt.date(i.importedAt) }),
                      ].filter(Boolean).join(' · ')}
                    </Text>
                    <Text size="xs">{text(i.licence, i.languages)}</Text>
                  </Stack>
                </Card>
              ))}
            </Stack>
          )}
        </Stack>
      </Stack>
    </AppModal>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const text = useLocalText();
  const refresh = useRefreshInstruments();
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const upload = useSubmit((doc: unknown) => importInstrument(doc));

  const submit = async () => {
    setLocal(null);
    upload.reset();
    if (!file) { setLocal(t('risk.instrumentsModal.chooseFile')); return; }
    if (file.size > MAX_BYTES) { setLocal(t('risk.instrumentsModal.tooLarge')); return; }
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      setLocal(t('risk.instrumentsModal.notJson'));
      return;
    }
    const r = await upload.run(doc);
    if (!r.ok) return;
    await refresh();
    const name = doc && typeof doc === 'object' && 'name' in doc ? text((doc as { name: string | Record<string, string> }).name) : r.value.key;
    notify(t('risk.instrumentsModal.imported', { name, version: r.value.version }));
    setFile(null);
  };

  const problems = isApiError(upload.error) && upload.error.code === 'instrument_invalid' ? upload.error.fields : [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="risk-import-heading">
      <Stack gap={2}>
        <Title order={3} size="h5" id="risk-import-heading">{t('risk.instrumentsModal.importTitle')}</Title>
        <Text size="sm" c="dimmed">{t('risk.instrumentsModal.importHelp')}</Text>
      </Stack>
      <FileInput label={t('risk.instrumentsModal.file')} accept="application/json,.json" value={file} clearable
        clearButtonProps={{ 'aria-label': t('risk.instrumentsModal.clearFile') }}
        onChange={(f) => { setFile(f); setLocal(null); upload.reset(); }} error={local} />
      {problems.length > 0 ? (
        <Alert color="red" variant="light" role="alert" title={t('risk.instrumentsModal.problems', { count: problems.length })}>
          <Stack component="ul" gap={2} p={0} m={0} pl="md" data-testid="instrument-problems">
            {problems.map((f, i) => <Text component="li" size="sm" key={i} style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{importProblem(t, f)}</Text>)}
          </Stack>
        </Alert>
      ) : upload.error ? (
        <Alert color="red" variant="light" role="alert"><Text size="sm">{riskErrorMessage(t, upload.error)}</Text></Alert>
      ) : null}
      <Group justify="flex-end">
        <Button onClick={() => void submit()} loading={upload.pending} disabled={upload.pending}>{t('risk.instrumentsModal.import')}</Button>
      </Group>
    </Stack>
  );
}
