import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../lib/notify.ts';
import { createNoteSchema } from '../../../contracts/cases.ts';
import { useAddNote, useNotes } from '../../api/queries.ts';
import { Empty, FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';

const MAX_NOTE = 20_000;

export function NotesPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notes = useNotes(caseId, true);
  const add = useAddNote(caseId);
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { text: '' },
    validate: (v) => validateWith(t, createNoteSchema, v),
  });

  const onSubmit = form.onSubmit((values) => {
    setOther([]);
    add.mutate({ text: values.text }, {
      onSuccess: () => {
        form.reset();
        notify(t('notes.added'));
      },
      onError: (err) => {
        const { fields, other: rest } = fieldErrorsFor(t, err, ['text']);
        form.setErrors(fields);
        setOther(rest);
      },
    });
  });

  const length = form.values.text.length;

  return (
    <Stack gap="xl">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-note-heading">
        <Title order={2} size="h4" id="add-note-heading" mb="sm">{t('notes.addTitle')}</Title>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <FormError error={add.error} other={other} />
            <Textarea
              label={t('notes.newNote')}
              description={t('notes.newNoteHelp')}
              autosize
              minRows={3}
              maxRows={14}
              maxLength={MAX_NOTE}
              autoComplete="off"
              spellCheck={false}
              required
              {...form.getInputProps('text')}
            />
            <Group justify="space-between" gap="sm">
              <Text size="xs" c="dimmed">{length > MAX_NOTE * 0.9 ? t('notes.remaining', { count: MAX_NOTE - length }) : ''}</Text>
              <Button type="submit" loading={add.isPending} disabled={add.isPending}>{t('notes.add')}</Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Stack gap="sm" component="section" aria-labelledby="notes-heading">
        <Title order={2} size="h4" id="notes-heading">{t('notes.title')}</Title>
        {notes.isPending ? (
          <Loading />
        ) : notes.isError ? (
          <LoadError error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.data.length === 0 ? (
          <Empty title={t('notes.emptyTitle')}>{t('notes.emptyBody')}</Empty>
        ) : (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {notes.data.map((n) => (
              <Paper component="li" key={n.id} withBorder radius="md" p="md">
                <Group justify="space-between" gap="xs" mb={6}>
                  <Text size="sm" fw={600}>{n.authorName}</Text>
                  <Text size="xs" c="dimmed" component="time" dateTime={n.createdAt}>{fmt.dateTime(n.createdAt)}</Text>
                </Group>
                <Text size="sm" className="note-text">{n.text}</Text>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}
