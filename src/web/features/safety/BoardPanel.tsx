import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { whereaboutsKinds } from '../../../contracts/safety.ts';
import { post } from '../../api/client.ts';
import { localToday, safetyKeys, type Board } from '../../api/safety.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormError } from '../../components/states.tsx';
import { errorMessage, fieldErrorsFor } from '../../lib/errors.ts';
import { useCurrentUser } from '../../session.tsx';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

type Entry = Board['entries'][number];

/** Who is where today. Colleagues outside a case team see only "field visit, back by 15:30". */
export function BoardPanel({ board }: { board: Board }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="board-title">
      <Group justify="space-between">
        <Title order={2} size="h4" id="board-title">{t('safety.board.title')}</Title>
        <Button variant="default" size="xs" onClick={() => setAdding(true)}>{t('safety.board.add')}</Button>
      </Group>
      {board.entries.length === 0 ? <Text size="sm" c="dimmed">{t('safety.board.empty')}</Text> : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="board">
          {board.entries.map((e) => <BoardRow key={e.id} entry={e} />)}
        </Stack>
      )}
      {board.staffWithoutEntry.length > 0 ? (
        <Text size="xs" c="dimmed">{t('safety.board.noEntry')}: {board.staffWithoutEntry.map((s) => s.name).join(', ')}</Text>
      ) : null}
      {adding ? <AddEntryModal onClose={() => setAdding(false)} /> : null}
    </Stack>
  );
}

function BoardRow({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const start = useSubmit(() => post<{ dueAt: string }>(`/api/safety/visits/${encodeURIComponent(entry.id)}/start`));
  const startable = entry.staffId === me.id && entry.kind === 'field' && entry.status === 'planned';
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '');
  const when = entry.kind === 'field' && entry.status === 'active' ? t('safety.board.backBy', { time: time(entry.dueAt) }) : t('safety.board.untilTime', { time: time(entry.plannedEnd) });
  return (
    <Card component="li" withBorder radius="md" p="sm" bg={entry.overdue ? 'red.0' : undefined}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0} miw={0}>
          <Text fw={600} size="sm">{entry.staffName}</Text>
          <Text size="sm">{t(`safety.kinds.${entry.kind}`)}, {when}</Text>
          {entry.detail ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {[entry.detail.location, entry.detail.codename, entry.detail.purpose].filter(Boolean).join(' · ')}
            </Text>
          ) : entry.kind === 'field' ? <Text size="xs" c="dimmed">{t('safety.board.hidden')}</Text> : null}
        </Stack>
        <Group gap={4}>
          {entry.overdue ? <Badge color="red.8" variant="filled">{t('safety.board.overdue')}</Badge> : null}
          <Badge variant="light" color={entry.status === 'active' ? 'indigo' : 'gray'} title={fmt.dateTime(entry.plannedStart)}>{t(`safety.board.statuses.${entry.status}`)}</Badge>
          {startable ? (
            <Button size="compact-sm" loading={start.pending} onClick={() => void start.run().then((r) => {
              if (r.ok) { notify(t('safety.visit.started')); void qc.invalidateQueries({ queryKey: safetyKeys.all }); }
              else notify(errorMessage(t, r.error), 'red');
            })}>{t('safety.board.startPlanned')}</Button>
          ) : null}
        </Group>
      </Group>
    </Card>
  );
}

/** Office, off, elsewhere, or a field visit planned for later. */
function AddEntryModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // The times typed are local: build the date from the local calendar too.
  const today = localToday();
  const [form, setForm] = useState({ kind: 'office', from: '09:00', until: '17:00', location: '' });
  const save = useSubmit(() => post<{ id: string }>('/api/safety/visits', {
    kind: form.kind, location: form.location, locationType: form.kind === 'office' ? 'office' : 'area',
    plannedStart: new Date(`${today}T${form.from}`).toISOString(), plannedEnd: new Date(`${today}T${form.until}`).toISOString(),
  }));
  const { fields, other } = fieldErrorsFor(t, save.error, ['kind', 'location', 'plannedStart', 'plannedEnd'], { plannedStart: 'from', plannedEnd: 'until' });
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await save.run();
    if (r.ok) { notify(t('safety.board.added')); void qc.invalidateQueries({ queryKey: safetyKeys.all }); onClose(); }
  };
  return (
    <AppModal onClose={onClose} title={t('safety.board.addTitle')}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="sm">
        <Select label={t('safety.board.kind')} data={whereaboutsKinds.map((k) => ({ value: k, label: t(`safety.kinds.${k}`) }))} value={form.kind}
          onChange={(v) => setForm({ ...form, kind: v ?? 'office' })} allowDeselect={false} />
        <Group grow>
          <TextInput type="time" label={t('safety.board.from')} value={form.from} onChange={(e) => setForm({ ...form, from: e.currentTarget.value })} error={fields.from} />
          <TextInput type="time" label={t('safety.board.until')} value={form.until} onChange={(e) => setForm({ ...form, until: e.currentTarget.value })} error={fields.until} />
        </Group>
        {form.kind === 'field' || form.kind === 'other' ? (
          <TextInput label={t('safety.visit.location')} description={t('safety.visit.locationHelp')} value={form.location} maxLength={300}
            onChange={(e) => setForm({ ...form, location: e.currentTarget.value })} error={fields.location} />
        ) : null}
        <FormError error={save.error} other={other} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={save.pending}>{t('safety.board.add')}</Button>
        </Group>
      </Stack>
      </form>
    </AppModal>
  );
}
