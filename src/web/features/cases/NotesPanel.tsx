import { Badge, Button, Collapse, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../lib/notify.ts';
import { correctNoteSchema, createNoteSchema, type CaseDetail, type Note, type NoteLevel } from '../../../contracts/cases.ts';
import { correctNote, useCaseChange } from '../../api/caseLifecycle.ts';
import { useAddNote, useNotes } from '../../api/queries.ts';
import { Empty, FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { CaseFormError, NoteLevelBadge } from './caseShared.tsx';

const MAX_NOTE = 20_000;

/** The levels the viewer may write at: the ones they may read (the server's `mayWriteNoteAt`). */
export function writableLevels(detail: Pick<CaseDetail, 'basis' | 'myTeamRole'>): NoteLevel[] {
  const manager = detail.basis === 'manager';
  return ['team', ...(manager || detail.myTeamRole === 'lead' ? ['restricted' as const] : []), ...(manager ? ['sealed' as const] : [])];
}

export function NotesPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const notes = useNotes(detail.id, true);

  return (
    <Stack gap="xl">
      {detail.may.writeNote ? <AddNote detail={detail} /> : null}

      <Stack gap="sm" component="section" aria-labelledby="notes-heading">
        <Title order={2} size="h4" id="notes-heading">{t('notes.title')}</Title>
        {notes.isPending ? (
          <Loading />
        ) : notes.isError ? (
          <LoadError error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.data.length === 0 ? (
          <Empty title={t('notes.emptyTitle')}>{detail.may.writeNote ? t('notes.emptyBody') : t('lifecycle.notes.emptyReadOnly')}</Empty>
        ) : (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {notes.data.map((n) => <NoteItem key={n.id} caseId={detail.id} note={n} reloadNotes={async () => (await notes.refetch()).data} />)}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

function AddNote({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const add = useAddNote(detail.id);
  const levels = writableLevels(detail);
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { text: '', level: 'team' as NoteLevel },
    validate: (v) => validateWith(t, createNoteSchema, v),
  });

  const onSubmit = form.onSubmit((values) => {
    setOther([]);
    add.mutate({ text: values.text, level: values.level }, {
      onSuccess: () => {
        form.reset();
        notify(t('notes.added'));
      },
      onError: (err) => {
        const { fields, other: rest } = fieldErrorsFor(t, err, ['text', 'level']);
        form.setErrors(fields);
        setOther(rest);
      },
    });
  });

  const length = form.values.text.length;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="add-note-heading">
      <Title order={2} size="h4" id="add-note-heading" mb="sm">{t('notes.addTitle')}</Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <FormError error={add.error} other={other} />
          <Textarea
            label={t('notes.newNote')}
            description={t('lifecycle.notes.newNoteHelp')}
            autosize
            minRows={3}
            maxRows={14}
            maxLength={MAX_NOTE}
            autoComplete="off"
            spellCheck={false}
            required
            {...form.getInputProps('text')}
          />
          <NativeSelect
            label={t('lifecycle.notes.level')}
            description={t(`lifecycle.notes.levelHelp.${form.values.level}`)}
            data={levels.map((l) => ({ value: l, label: t(`lifecycle.notes.levels.${l}`) }))}
            disabled={levels.length === 1}
            {...form.getInputProps('level')}
          />
          <Group justify="space-between" gap="sm">
            <Text size="xs" c="dimmed">{length > MAX_NOTE * 0.9 ? t('notes.remaining', { count: MAX_NOTE - length }) : ''}</Text>
            <Button type="submit" loading={add.isPending} disabled={add.isPending}>{t('notes.add')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function NoteItem({ caseId, note: n, reloadNotes }: { caseId: string; note: Note; reloadNotes: () => Promise<Note[] | undefined> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [correcting, setCorrecting] = useState(false);
  const [showEarlier, setShowEarlier] = useState(false);
  const earlierId = useId();

  return (
    <Paper component="li" withBorder radius="md" p="md">
      <Group justify="space-between" gap="xs" mb={6} align="flex-start">
        <Stack gap={2} miw={0}>
          <Text size="sm" fw={600}>{n.authorName}</Text>
          <Text size="xs" c="dimmed" component="time" dateTime={n.createdAt}>{fmt.dateTime(n.createdAt)}</Text>
        </Stack>
        <Group gap={4}>
          {n.version > 1 ? <Badge variant="light" color="indigo">{t('lifecycle.notes.corrected', { version: n.version })}</Badge> : null}
          <NoteLevelBadge level={n.level} />
        </Group>
      </Group>
      {correcting ? (
        <CorrectNote caseId={caseId} note={n} reloadNotes={reloadNotes} onDone={() => setCorrecting(false)} />
      ) : (
        <Text size="sm" className="note-text">{n.text}</Text>
      )}
      {(n.mayCorrect && !correcting) || n.earlier.length > 0 ? (
        <Group gap="xs" mt="xs">
          {n.mayCorrect && !correcting ? <Button size="compact-sm" variant="subtle" onClick={() => setCorrecting(true)}>{t('lifecycle.notes.correct')}</Button> : null}
          {n.earlier.length > 0 ? (
            <Button size="compact-sm" variant="subtle" color="gray" aria-expanded={showEarlier} aria-controls={earlierId} onClick={() => setShowEarlier((v) => !v)}>
              {showEarlier ? t('lifecycle.notes.hideEarlier') : t('lifecycle.notes.showEarlier', { count: n.earlier.length })}
            </Button>
          ) : null}
        </Group>
      ) : null}
      {n.earlier.length > 0 ? (
        <Collapse expanded={showEarlier} keepMounted={false} id={earlierId}>
          <Stack component="ol" gap="xs" p={0} mt="xs" mb={0} style={{ listStyle: 'none' }} aria-label={t('lifecycle.notes.earlierLabel')}>
            {n.earlier.map((v) => (
              <Paper component="li" key={v.version} radius="sm" p="sm" bg="gray.0">
                <Text size="xs" c="dimmed" mb={4}>
                  {t('lifecycle.notes.versionBy', { version: v.version, name: v.authorName, date: fmt.dateTime(v.createdAt) })}
                </Text>
                <Text size="sm" className="note-text">{v.text}</Text>
              </Paper>
            ))}
          </Stack>
        </Collapse>
      ) : null}
    </Paper>
  );
}

/** A correction is the note's next version; the text opens as it is now. */
function CorrectNote({ caseId, note, reloadNotes, onDone }: { caseId: string; note: Note; reloadNotes: () => Promise<Note[] | undefined>; onDone: () => void }) {
  const { t } = useTranslation();
  const [base, setBase] = useState(note.version);
  const [reloaded, setReloaded] = useState(false);
  const save = useCaseChange(caseId, (text: string, expectedVersion: number) => correctNote(caseId, note.id, { text, expectedVersion }), { notesOnly: true });
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { text: note.text },
    validate: (v) => validateWith(t, correctNoteSchema, { text: v.text, expectedVersion: base }),
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(v.text, base);
    if (r.ok) {
      notify(t('lifecycle.notes.correctionSaved'));
      onDone();
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['text']);
    form.setErrors(fields);
    setOther(rest);
  });

  const reload = async () => {
    save.reset();
    const fresh = (await reloadNotes())?.find((x) => x.id === note.id);
    if (fresh) {
      setBase(fresh.version);
      setReloaded(true);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <CaseFormError error={save.error} other={other} onReload={reload} reloaded={reloaded} />
        <Textarea
          label={t('lifecycle.notes.correctLabel')}
          description={t('lifecycle.notes.correctHelp')}
          autosize minRows={3} maxRows={14} maxLength={MAX_NOTE} autoComplete="off" spellCheck={false} required data-autofocus
          {...form.getInputProps('text')}
        />
        <Group justify="flex-end" gap="sm">
          <Button size="sm" variant="default" onClick={onDone} disabled={save.pending}>{t('common.cancel')}</Button>
          <Button size="sm" type="submit" loading={save.pending} disabled={save.pending}>{t('lifecycle.notes.saveCorrection')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
