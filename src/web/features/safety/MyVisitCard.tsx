import { Alert, Button, Card, Group, NumberInput, PasswordInput, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { locationTypes } from '../../../contracts/safety.ts';
import { post } from '../../api/client.ts';
import { useCases, useStaff } from '../../api/queries.ts';
import { can } from '../../lib/roles.ts';
import { safetyKeys, useSafetySettings, type Board } from '../../api/safety.ts';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useCurrentUser } from '../../session.tsx';

type Entry = Board['entries'][number];
const DURATIONS = [30, 60, 90, 120, 180, 240];
const EXTENSIONS = [15, 30, 60, 120];

/** The worker's own field visit: start it, or (while it runs) check in, check out. */
export function MyVisitCard({ active }: { active: Entry | null }) {
  return active ? <ActiveVisit visit={active} /> : <StartVisit />;
}

function StartVisit() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const staff = useStaff();
  const settings = useSafetySettings();
  const [form, setForm] = useState({ location: '', locationType: 'area', purpose: '', homeVisitReason: '', minutes: 60, buddyId: '' as string, caseId: null as string | null });
  // The visit's case (optional): the case team then sees the visit's details; others only "field visit".
  const [caseSearch, setCaseSearch] = useState('');
  const workCases = can.workCases(me);
  const cases = useCases(workCases ? caseSearch : '', {});
  const caseOptions = workCases ? (cases.data?.pages[0]?.cases ?? []).map((c) => ({ value: c.id, label: c.codename })) : [];
  const buddyId = form.buddyId || settings.data?.buddyId || '';
  const start = useSubmit(() => post<{ id: string }>('/api/safety/visits', {
    kind: 'field', location: form.location, locationType: form.locationType, purpose: form.purpose,
    homeVisitReason: form.locationType === 'client_home' ? form.homeVisitReason : '',
    plannedStart: new Date().toISOString(), plannedEnd: new Date(Date.now() + form.minutes * 60_000).toISOString(),
    buddyId: buddyId || null, caseId: form.caseId, startNow: true,
  }));
  const { fields, other } = fieldErrorsFor(t, start.error, ['location', 'locationType', 'purpose', 'homeVisitReason', 'plannedEnd', 'buddyId', 'caseId']);
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await start.run();
    if (r.ok) {
      notify(t('safety.visit.started'));
      setForm((f) => ({ ...f, location: '', purpose: '', homeVisitReason: '', caseId: null }));
      void qc.invalidateQueries({ queryKey: safetyKeys.all });
    }
  };
  const colleagues = (staff.data ?? []).filter((s) => !s.disabled && s.id !== me.id).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Card withBorder radius="md" p="md" component="form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('safety.visit.startTitle')}</Title>
        <Text size="sm" c="dimmed">{t('safety.visit.startHelp')}</Text>
        <TextInput label={t('safety.visit.location')} description={t('safety.visit.locationHelp')} required value={form.location} maxLength={300}
          onChange={(e) => setForm({ ...form, location: e.currentTarget.value })} error={fields.location} />
        <Select label={t('safety.visit.locationType')} data={locationTypes.map((l) => ({ value: l, label: t(`safety.locationTypes.${l}`) }))}
          value={form.locationType} onChange={(v) => setForm({ ...form, locationType: v ?? 'area' })} allowDeselect={false} />
        {form.locationType === 'client_home' ? (
          <Textarea label={t('safety.visit.homeVisitReason')} required value={form.homeVisitReason} maxLength={500} autosize minRows={2}
            onChange={(e) => setForm({ ...form, homeVisitReason: e.currentTarget.value })} error={fields.homeVisitReason} />
        ) : null}
        {workCases ? (
          <Select label={t('safety.visit.case')} description={t('safety.visit.caseHelp')} data={caseOptions} value={form.caseId}
            onChange={(v) => setForm({ ...form, caseId: v })} searchable clearable searchValue={caseSearch} onSearchChange={setCaseSearch}
            nothingFoundMessage={t('safety.visit.caseNone')} error={fields.caseId} />
        ) : null}
        <TextInput label={t('safety.visit.purpose')} description={t('safety.visit.purposeHelp')} value={form.purpose} maxLength={200}
          onChange={(e) => setForm({ ...form, purpose: e.currentTarget.value })} error={fields.purpose} />
        <Group grow align="flex-start">
          <Select label={t('safety.visit.duration')} data={DURATIONS.map((m) => ({ value: String(m), label: t('safety.visit.minutes', { count: m }) }))}
            value={String(form.minutes)} onChange={(v) => setForm({ ...form, minutes: Number(v ?? 60) })} allowDeselect={false} error={fields.plannedEnd} />
          <Select label={t('safety.visit.buddy')} data={colleagues} value={buddyId || null} placeholder={t('safety.visit.buddyNone')}
            onChange={(v) => setForm({ ...form, buddyId: v ?? '' })} clearable searchable error={fields.buddyId} />
        </Group>
        <FormError error={start.error} other={other} />
        <Button type="submit" size="lg" loading={start.pending}>{t('safety.visit.start')}</Button>
      </Stack>
    </Card>
  );
}

function ActiveVisit({ visit }: { visit: Entry }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const settings = useSafetySettings();
  const [extend, setExtend] = useState(30);
  const [pin, setPin] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: safetyKeys.all });
  const checkIn = useSubmit(() => post<{ dueAt: string }>(`/api/safety/visits/${encodeURIComponent(visit.id)}/check-in`, { extendMinutes: extend }));
  const { run: runCheckOut, ...checkOut } = useSubmit(() => post<{ status: string }>(`/api/safety/visits/${encodeURIComponent(visit.id)}/check-out`, pin ? { pin } : {}));
  const { fields, other } = fieldErrorsFor(t, checkOut.error, ['pin']);
  // Ask for the PIN when the settings say so, or when the server asked for it (settings not loaded).
  const askPin = settings.data?.pinsSet === true || fields.pin !== undefined;
  const time = (iso: string | null) => (iso ? fmt.dateTime(iso) : '');
  return (
    <Card withBorder radius="md" p="md" bg={visit.overdue ? 'red.0' : 'indigo.0'}>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('safety.visit.activeTitle')}</Title>
        {visit.detail ? <Text size="sm">{visit.detail.location}</Text> : null}
        {visit.overdue ? (
          <Alert color="red" variant="filled" role="alert">{t('safety.visit.overdue', { time: time(visit.dueAt) })}</Alert>
        ) : (
          <Text fw={600} aria-live="polite">{t('safety.visit.dueBack', { time: time(visit.dueAt) })}</Text>
        )}
        <Group align="flex-end" grow>
          <NumberInput label={t('safety.visit.extendBy')} value={extend} min={5} max={480} step={15} suffix=" min"
            onChange={(v) => setExtend(typeof v === 'number' ? v : 30)} />
          <Button size="lg" variant="light" loading={checkIn.pending} onClick={() => void checkIn.run().then((r) => {
            if (r.ok) { notify(t('safety.visit.checkedIn', { time: time(r.value.dueAt) })); refresh(); }
          })}>{t('safety.visit.checkIn')}</Button>
        </Group>
        <Group gap={6}>
          {EXTENSIONS.map((m) => <Button key={m} size="compact-sm" variant="default" onClick={() => setExtend(m)} aria-pressed={extend === m}>{t('safety.visit.minutes', { count: m })}</Button>)}
        </Group>
        <FormError error={checkIn.error} />
        {askPin ? (
          <PasswordInput label={t('safety.visit.pin')} inputMode="numeric" autoComplete="off" value={pin} maxLength={8}
            onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, ''))} error={fields.pin} />
        ) : null}
        <FormError error={checkOut.error} other={other} />
        <Button size="lg" color="teal.9" loading={checkOut.pending} onClick={() => void runCheckOut().then((r) => {
          if (r.ok) { setPin(''); notify(t('safety.visit.checkedOut')); refresh(); }
        })}>{t('safety.visit.checkOut')}</Button>
      </Stack>
    </Card>
  );
}
