import { Badge, Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { qualificationKinds, sessionKinds, type CareRecord } from '../../../contracts/care.ts';
import { post } from '../../api/client.ts';
import { careKeys, useCareRecord } from '../../api/care.ts';
import { FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useCurrentUser } from '../../session.tsx';

const today = () => new Date().toISOString().slice(0, 10);
const list = { component: 'ul' as const, gap: 6, p: 0, m: 0, style: { listStyle: 'none' } };

/** A person's care record: for themself and for managers. Session notes appear only for their author. */
export function CarePanel({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const record = useCareRecord(staffId, true);
  return (
    <Stack gap="md" component="section" aria-labelledby="care-title">
      <Title order={2} size="h3" id="care-title">{t('care.title')}</Title>
      {record.isPending ? <Loading /> : record.isError ? <LoadError error={record.error} onRetry={() => void record.refetch()} /> : (
        <>
          <Checkups staffId={staffId} checkups={record.data.checkups} />
          <Sessions staffId={staffId} sessions={record.data.sessions} />
          <Qualifications staffId={staffId} items={record.data.qualifications} />
        </>
      )}
    </Stack>
  );
}

function useRefresh(staffId: string) {
  const qc = useQueryClient();
  return () => { void qc.invalidateQueries({ queryKey: careKeys.record(staffId) }); void qc.invalidateQueries({ queryKey: careKeys.due }); };
}

function Checkups({ staffId, checkups }: { staffId: string; checkups: CareRecord['checkups'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useCurrentUser();
  const refresh = useRefresh(staffId);
  const [dueOn, setDueOn] = useState('');
  const [doneOn, setDoneOn] = useState(today());
  const schedule = useSubmit(() => post<{ id: string }>(`/api/care/staff/${encodeURIComponent(staffId)}/checkups`, { dueOn }));
  const markDone = useSubmit((id: string) => post<{ nextDueOn: string }>(`/api/care/checkups/${encodeURIComponent(id)}/done`, { doneOn }));
  const { fields } = fieldErrorsFor(t, schedule.error, ['dueOn']);
  const manager = me.role === 'manager';
  return (
    <Card withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">{t('care.checkups.title')}</Title>
        <Text size="sm" c="dimmed">{t('care.checkups.privacy')}</Text>
        {checkups.length === 0 ? <Text size="sm">{t('care.checkups.none')}</Text> : (
          <Stack {...list}>
            {checkups.map((c) => (
              <Group component="li" key={c.id} justify="space-between" gap="xs">
                <Text size="sm" c={c.status === 'overdue' ? 'red.9' : undefined} fw={c.status === 'overdue' ? 600 : undefined}>
                  {c.status === 'done' ? t('care.checkups.done', { date: fmt.date(c.doneOn!) }) : t(`care.checkups.${c.status}`, { date: fmt.date(c.dueOn) })}
                </Text>
                {manager && c.status !== 'done' ? (
                  <Group gap="xs">
                    <TextInput type="date" aria-label={t('care.checkups.doneOn')} size="xs" value={doneOn} onChange={(e) => setDoneOn(e.currentTarget.value)} />
                    <Button size="xs" loading={markDone.pending} onClick={() => void markDone.run(c.id).then((r) => {
                      if (r.ok) { notify(t('care.checkups.marked', { date: fmt.date(r.value.nextDueOn) })); refresh(); }
                    })}>{t('care.checkups.markDone')}</Button>
                  </Group>
                ) : null}
              </Group>
            ))}
          </Stack>
        )}
        <FormError error={markDone.error} />
        {manager ? (
          <Group align="flex-end" gap="xs">
            <TextInput type="date" label={t('care.checkups.schedule')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={fields.dueOn} />
            <Button variant="light" loading={schedule.pending} onClick={() => void schedule.run().then((r) => {
              if (r.ok) { setDueOn(''); notify(t('care.checkups.scheduled')); refresh(); }
            })}>{t('care.checkups.scheduleButton')}</Button>
          </Group>
        ) : null}
        <FormError error={schedule.error} />
      </Stack>
    </Card>
  );
}

function Sessions({ staffId, sessions }: { staffId: string; sessions: CareRecord['sessions'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useCurrentUser();
  const refresh = useRefresh(staffId);
  const [form, setForm] = useState({ heldOn: today(), kind: 'supervision', withWhom: '', note: '' });
  const save = useSubmit(() => post<{ id: string }>(`/api/care/staff/${encodeURIComponent(staffId)}/sessions`, form));
  const { fields, other } = fieldErrorsFor(t, save.error, ['heldOn', 'kind', 'withWhom', 'note']);
  return (
    <Card withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">{t('care.sessions.title')}</Title>
        {sessions.length === 0 ? <Text size="sm">{t('care.sessions.none')}</Text> : (
          <Stack {...list}>
            {sessions.map((s) => (
              <Stack component="li" key={s.id} gap={0}>
                <Text size="sm"><b>{fmt.date(s.heldOn)}</b>: {t('care.sessions.item', { kind: t(`care.sessions.kinds.${s.kind}`), withWhom: s.withWhom })}</Text>
                {s.note ? <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>{s.note}</Text> : null}
              </Stack>
            ))}
          </Stack>
        )}
        {me.id === staffId ? (
          <form noValidate onSubmit={(e) => { e.preventDefault(); void save.run().then((r) => {
            if (r.ok) { setForm({ heldOn: today(), kind: 'supervision', withWhom: '', note: '' }); notify(t('care.sessions.recorded')); refresh(); }
          }); }}>
            <Stack gap="xs">
              <Group grow align="flex-start">
                <TextInput type="date" label={t('care.sessions.heldOn')} value={form.heldOn} onChange={(e) => setForm({ ...form, heldOn: e.currentTarget.value })} error={fields.heldOn} />
                <Select label={t('care.sessions.kind')} data={sessionKinds.map((k) => ({ value: k, label: t(`care.sessions.kinds.${k}`) }))} value={form.kind} allowDeselect={false} onChange={(v) => setForm({ ...form, kind: v ?? 'supervision' })} />
              </Group>
              <TextInput label={t('care.sessions.withWhom')} value={form.withWhom} maxLength={200} onChange={(e) => setForm({ ...form, withWhom: e.currentTarget.value })} error={fields.withWhom} />
              <Textarea label={t('care.sessions.note')} description={t('care.sessions.noteHelp')} value={form.note} maxLength={4000} autosize minRows={2} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} error={fields.note} />
              <FormError error={save.error} other={other} />
              <Group><Button type="submit" variant="light" loading={save.pending}>{t('care.sessions.record')}</Button></Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Card>
  );
}

function Qualifications({ staffId, items }: { staffId: string; items: CareRecord['qualifications'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const refresh = useRefresh(staffId);
  const empty = { kind: 'training', name: '', issuer: '', obtainedOn: today(), expiresOn: '' };
  const [form, setForm] = useState(empty);
  const save = useSubmit(() => post<{ id: string }>(`/api/care/staff/${encodeURIComponent(staffId)}/qualifications`, { ...form, expiresOn: form.expiresOn || null }));
  const { fields, other } = fieldErrorsFor(t, save.error, ['kind', 'name', 'issuer', 'obtainedOn', 'expiresOn']);
  const color = { valid: 'teal', expiring: 'yellow', expired: 'red' } as const;
  return (
    <Card withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">{t('care.qualifications.title')}</Title>
        {items.length === 0 ? <Text size="sm">{t('care.qualifications.none')}</Text> : (
          <Stack {...list}>
            {items.map((q) => (
              <Group component="li" key={q.id} gap="xs" justify="space-between">
                <Text size="sm">{t(`care.qualifications.kinds.${q.kind}`)}: <b>{q.name}</b>{q.issuer ? ` (${q.issuer})` : ''}, {q.expiresOn ? t('care.qualifications.expires', { date: fmt.date(q.expiresOn) }) : t('care.qualifications.noExpiry')}</Text>
                <Badge variant="light" color={color[q.status]}>{t(`care.qualifications.status.${q.status}`)}</Badge>
              </Group>
            ))}
          </Stack>
        )}
        <form noValidate onSubmit={(e) => { e.preventDefault(); void save.run().then((r) => {
          if (r.ok) { setForm(empty); notify(t('care.qualifications.recorded')); refresh(); }
        }); }}>
          <Stack gap="xs">
            <Group grow align="flex-start">
              <Select label={t('care.qualifications.kind')} data={qualificationKinds.map((k) => ({ value: k, label: t(`care.qualifications.kinds.${k}`) }))} value={form.kind} allowDeselect={false} onChange={(v) => setForm({ ...form, kind: v ?? 'training' })} />
              <TextInput label={t('care.qualifications.name')} value={form.name} maxLength={200} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={fields.name} />
            </Group>
            <TextInput label={t('care.qualifications.issuer')} value={form.issuer} maxLength={200} onChange={(e) => setForm({ ...form, issuer: e.currentTarget.value })} error={fields.issuer} />
            <Group grow align="flex-start">
              <TextInput type="date" label={t('care.qualifications.obtainedOn')} value={form.obtainedOn} onChange={(e) => setForm({ ...form, obtainedOn: e.currentTarget.value })} error={fields.obtainedOn} />
              <TextInput type="date" label={t('care.qualifications.expiresOn')} value={form.expiresOn} onChange={(e) => setForm({ ...form, expiresOn: e.currentTarget.value })} error={fields.expiresOn} />
            </Group>
            <FormError error={save.error} other={other} />
            <Group><Button type="submit" variant="light" loading={save.pending}>{t('care.qualifications.record')}</Button></Group>
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}
