import { Alert, Button, Card, Group, Paper, Stack, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.tsx';
import { notify } from '../../lib/notify.ts';
import { revealProtectedSchema, setProtectedSchema, type StaffSummary } from '../../../contracts/staff.ts';
import { revealProtected, setProtected, type ProtectedField } from '../../api/queries.ts';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

const FIELDS: ProtectedField[] = ['homeAddress', 'privatePhone', 'emergencyContacts'];
const MAX: Record<ProtectedField, number> = { homeAddress: 500, privatePhone: 50, emergencyContacts: 1000 };
const REVEAL_MS = 120_000;

/**
 * Home address and private phone: encrypted on the server, never listed.
 * Setting a value and revealing one (with a reason, audited) both happen here;
 * a revealed value exists only inside the open dialog.
 */
export function ProtectedDetails({ person, isMe }: { person: Pick<StaffSummary, 'id' | 'name'>; isMe: boolean }) {
  const { t } = useTranslation();
  const [revealing, setRevealing] = useState<ProtectedField | null>(null);
  const [editing, setEditing] = useState<ProtectedField | null>(null);

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="protected-heading">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h4" id="protected-heading">{t('protected.title')}</Title>
          <Text size="sm" c="dimmed">{isMe ? t('protected.introSelf') : t('protected.intro')}</Text>
        </Stack>
        {FIELDS.map((field) => (
          <Paper key={field} withBorder radius="md" p="sm">
            {editing === field ? (
              <EditField staffId={person.id} field={field} onDone={() => setEditing(null)} />
            ) : (
              <Group justify="space-between" gap="sm">
                <Stack gap={0}>
                  <Text fw={500}>{t(`protected.fields.${field}`)}</Text>
                  <Text size="sm" c="dimmed">{t('protected.hidden')}</Text>
                </Stack>
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => setRevealing(field)}>
                    {t('protected.reveal')}<VisuallyHidden> {t(`protected.fields.${field}`)}</VisuallyHidden>
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setEditing(field)}>
                    {t('protected.change')}<VisuallyHidden> {t(`protected.fields.${field}`)}</VisuallyHidden>
                  </Button>
                </Group>
              </Group>
            )}
          </Paper>
        ))}
      </Stack>
      {revealing ? <RevealModal staffId={person.id} name={person.name} field={revealing} onClose={() => setRevealing(null)} /> : null}
    </Card>
  );
}

function EditField({ staffId, field, onDone }: { staffId: string; field: ProtectedField; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSubmit((value: string | null) => setProtected(staffId, { [field]: value }));
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { value: '' },
    validate: (v) => {
      const errors = validateWith(t, setProtectedSchema, { [field]: v.value });
      return errors[field] ? { value: errors[field] } : {};
    },
  });

  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const trimmed = values.value.trim();
    const r = await save.run(trimmed === '' ? null : trimmed);
    if (r.ok) {
      notify(trimmed === '' ? t('protected.cleared') : t('protected.saved'));
      onDone();
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['value'], { [field]: 'value' });
    form.setErrors(fields);
    setOther(rest);
  });

  const label = t(`protected.fields.${field}`);
  const common = {
    label,
    description: t('protected.editHelp'),
    maxLength: MAX[field],
    autoComplete: 'off',
    spellCheck: false,
    autoFocus: true,
    ...form.getInputProps('value'),
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormError error={save.error} other={other} />
        {field !== 'privatePhone'
          ? <Textarea {...common} autosize minRows={2} maxRows={5} />
          : <TextInput {...common} type="tel" inputMode="tel" />}
        <Group gap="sm">
          <Button type="submit" size="sm" loading={save.pending} disabled={save.pending}>{t('common.save')}</Button>
          <Button size="sm" variant="default" onClick={onDone} disabled={save.pending}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Asks for a reason, reveals the value, shows it only here, forgets it on close. */
function RevealModal({ staffId, name, field, onClose }: { staffId: string; name: string; field: ProtectedField; onClose: () => void }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState<{ value: string | null } | null>(null);
  const [other, setOther] = useState<string[]>([]);
  const reveal = useSubmit((reason: string) => revealProtected(staffId, field, reason));
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: (v) => {
      const errors = validateWith(t, revealProtectedSchema, { field, reason: v.reason });
      return errors.reason ? { reason: errors.reason } : {};
    },
  });

  const close = () => {
    setRevealed(null);
    form.reset();
    onClose();
  };

  // Forget the value when the dialog goes away, after two minutes, or when the tab is hidden.
  const shown = revealed !== null;
  useEffect(() => {
    if (!shown) return;
    const hide = () => { setRevealed(null); onClose(); };
    const timer = window.setTimeout(hide, REVEAL_MS);
    const onVisibility = () => { if (document.visibilityState === 'hidden') hide(); };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [shown, onClose]);
  useEffect(() => () => setRevealed(null), []);

  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const r = await reveal.run(values.reason.trim());
    if (r.ok) {
      setRevealed({ value: r.value.value });
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['reason']);
    form.setErrors(fields);
    setOther(rest);
  });

  const label = t(`protected.fields.${field}`);

  return (
    <AppModal onClose={close} title={t('protected.revealTitle', { field: label, name })}>
      {revealed ? (
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" c="dimmed">{label}</Text>
            <Paper withBorder radius="md" p="md" bg="gray.0">
              {revealed.value
                ? <Text className="note-text" fw={500}>{revealed.value}</Text>
                : <Text c="dimmed">{t('protected.nothingRecorded')}</Text>}
            </Paper>
          </Stack>
          <Text size="xs" c="dimmed">{t('protected.afterReveal')}</Text>
          <Group justify="flex-end">
            <Button onClick={close} data-autofocus>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Alert color="indigo" variant="light">
              <Text size="sm">{t('protected.revealWarning')}</Text>
            </Alert>
            <FormError error={reveal.error} other={other} />
            <Textarea
              label={t('protected.reason')}
              description={t('protected.reasonHelp')}
              required
              autosize
              minRows={2}
              maxLength={500}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              {...form.getInputProps('reason')}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
              <Button type="submit" loading={reveal.pending} disabled={reveal.pending}>{t('protected.revealSubmit')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  );
}
