import { Button, Card, Group, PasswordInput, Select, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { put } from '../../api/client.ts';
import { useStaff } from '../../api/queries.ts';
import { safetyKeys, useSafetySettings } from '../../api/safety.ts';
import { FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useCurrentUser } from '../../session.tsx';

/** My buddy, and my check-out PIN with its duress twin. PINs live in component state only. */
export function SafetySettingsPanel() {
  const { t } = useTranslation();
  const settings = useSafetySettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Stack gap="md">
      <BuddyCard current={settings.data.buddyId} />
      <PinsCard pinsSet={settings.data.pinsSet} />
    </Stack>
  );
}

function BuddyCard({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const staff = useStaff();
  const qc = useQueryClient();
  const [buddyId, setBuddyId] = useState<string | null>(current);
  const save = useSubmit(() => put<{ buddyId: string | null }>('/api/safety/settings/buddy', { buddyId }));
  const { fields, other } = fieldErrorsFor(t, save.error, ['buddyId']);
  return (
    <Card withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('safety.settings.buddyTitle')}</Title>
        <Text size="sm" c="dimmed">{t('safety.settings.buddyHelp')}</Text>
        <Select label={t('safety.visit.buddy')} data={(staff.data ?? []).filter((s) => !s.disabled && s.id !== me.id).map((s) => ({ value: s.id, label: s.name }))}
          value={buddyId} onChange={setBuddyId} clearable searchable placeholder={t('safety.visit.buddyNone')} error={fields.buddyId} />
        <FormError error={save.error} other={other} />
        <Group><Button loading={save.pending} onClick={() => void save.run().then((r) => {
          if (r.ok) { notify(t('safety.settings.saved')); void qc.invalidateQueries({ queryKey: safetyKeys.settings }); }
        })}>{t('safety.settings.save')}</Button></Group>
      </Stack>
    </Card>
  );
}

function PinsCard({ pinsSet }: { pinsSet: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ pin: '', duressPin: '', currentPassword: '' });
  const save = useSubmit((clear: boolean) => put<{ pinsSet: boolean }>('/api/safety/settings/pins', {
    currentPassword: form.currentPassword, pin: clear ? null : form.pin, duressPin: clear ? null : form.duressPin,
  }));
  const { fields, other } = fieldErrorsFor(t, save.error, ['pin', 'duressPin', 'currentPassword']);
  const digits = (v: string) => v.replace(/\D/g, '').slice(0, 8);
  const submit = async (clear: boolean) => {
    const r = await save.run(clear);
    if (r.ok) {
      setForm({ pin: '', duressPin: '', currentPassword: '' });
      notify(r.value.pinsSet ? t('safety.settings.pinsSaved') : t('safety.settings.pinsCleared'));
      void qc.invalidateQueries({ queryKey: safetyKeys.settings });
    }
  };
  return (
    <Card withBorder radius="md" p="md" component="form" onSubmit={(e) => { e.preventDefault(); void submit(false); }} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('safety.settings.pinsTitle')}</Title>
        <Text size="sm" c="dimmed">{t('safety.settings.pinsHelp')}</Text>
        <Text size="sm" fw={600}>{pinsSet ? t('safety.settings.pinsSet') : t('safety.settings.pinsNotSet')}</Text>
        <Group grow align="flex-start">
          <PasswordInput label={t('safety.settings.pin')} inputMode="numeric" autoComplete="off" value={form.pin} onChange={(e) => setForm({ ...form, pin: digits(e.currentTarget.value) })} error={fields.pin} />
          <PasswordInput label={t('safety.settings.duressPin')} inputMode="numeric" autoComplete="off" value={form.duressPin} onChange={(e) => setForm({ ...form, duressPin: digits(e.currentTarget.value) })} error={fields.duressPin} />
        </Group>
        <PasswordInput label={t('safety.settings.currentPassword')} autoComplete="current-password" value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })} error={fields.currentPassword} />
        <FormError error={save.error} other={other} />
        <Group>
          <Button type="submit" loading={save.pending}>{t('safety.settings.setPins')}</Button>
          {pinsSet ? <Button variant="default" onClick={() => void submit(true)} disabled={save.pending}>{t('safety.settings.clearPins')}</Button> : null}
        </Group>
      </Stack>
    </Card>
  );
}
