import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordThreatSchema, threatChannels, type RecordThreatInput } from '../../../../contracts/logbook.ts';
import { recordThreat, useRefreshLogbook } from '../../../api/logbook.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormError } from '../../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../../lib/errors.ts';
import { notify } from '../../../lib/notify.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { today } from '../../cases/caseShared.tsx';
import { EvidenceQueue, useEvidenceQueue } from './EvidenceQueue.tsx';

const FIELDS = ['occurredOn', 'channel', 'what', 'who'] as const;

/**
 * "Record a threat": the entry, then its evidence files. The entry is saved
 * first; each file is uploaded after it with its own progress and result. When
 * a file fails, the entry stays saved and the form stays open with what was
 * typed (now read-only), so the files can be tried again or replaced.
 */
export function RecordThreatModal({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshLogbook(caseId);
  const save = useSubmit((input: RecordThreatInput) => recordThreat(caseId, input));
  const queue = useEvidenceQueue(caseId);
  const [entryId, setEntryId] = useState<string | null>(null);
  const [filesFailed, setFilesFailed] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { occurredOn: today(), channel: '', what: '', who: '' },
    validate: (v) => {
      const errors = validateWith(t, recordThreatSchema, v);
      if (errors.channel) errors.channel = t('lifecycle.chooseOne');
      return errors;
    },
  });

  const uploadFiles = async (id: string) => {
    const ok = await queue.uploadAll(id);
    void refresh();
    if (ok) {
      notify(queue.items.length ? t('logbook.form.savedWithFiles') : t('logbook.form.saved'));
      onClose();
    } else {
      setFilesFailed(true);
    }
  };

  const onSubmit = form.onSubmit(async (v) => {
    if (entryId) return uploadFiles(entryId);
    setOther([]);
    const r = await save.run({ occurredOn: v.occurredOn, channel: v.channel as RecordThreatInput['channel'], what: v.what.trim(), who: v.who.trim() });
    if (!r.ok) {
      const { fields, other: rest } = fieldErrorsFor(t, r.error, FIELDS);
      form.setErrors(fields);
      setOther(rest);
      return;
    }
    setEntryId(r.value.id);
    await uploadFiles(r.value.id);
  });

  const saved = entryId !== null;
  const working = save.pending || queue.busy;
  const close = () => {
    if (saved) void refresh();
    onClose();
  };

  return (
    <AppModal title={t('logbook.form.title')} onClose={close} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={save.error} other={other} />
          <TextInput type="date" label={t('logbook.fields.occurredOn')} required max={today()} readOnly={saved} {...form.getInputProps('occurredOn')} />
          <NativeSelect label={t('logbook.fields.channel')} required disabled={saved} {...form.getInputProps('channel')}
            data={[{ value: '', label: t('logbook.fields.chooseChannel'), disabled: true }, ...threatChannels.map((c) => ({ value: c, label: t(`logbook.channels.${c}`) }))]} />
          <Textarea label={t('logbook.fields.what')} description={t('logbook.fields.whatHelp')} required readOnly={saved}
            autosize minRows={3} maxRows={10} maxLength={10_000} autoComplete="off" spellCheck={false} {...form.getInputProps('what')} />
          <TextInput label={t('logbook.fields.who')} description={t('logbook.fields.whoHelp')} readOnly={saved}
            maxLength={2000} autoComplete="off" spellCheck={false} {...form.getInputProps('who')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('logbook.evidence.title')}</Text>
            <EvidenceQueue queue={queue} disabled={working} />
          </Stack>
          {/* Next to the buttons: after saving, this is where the eye is. */}
          {saved ? (
            <Alert color={filesFailed ? 'orange' : 'teal'} variant="light" role="status">
              <Text size="sm" fw={500}>{t('logbook.form.entrySaved')}</Text>
              {filesFailed ? <Text size="sm">{t('logbook.form.someFilesFailed')}</Text> : null}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={working}>{saved ? t('logbook.form.done') : t('common.cancel')}</Button>
            {saved && queue.retryable.length === 0 ? null : (
              <Button type="submit" loading={working} disabled={working}>
                {saved ? t('logbook.form.retryUploads') : queue.items.length ? t('logbook.form.saveAndUpload') : t('logbook.form.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
