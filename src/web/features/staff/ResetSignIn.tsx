import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resetSignInSchema, type StaffSummary } from '../../../contracts/staff.ts';
import { resetSignIn } from '../../api/queries.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { NewPasswordInput } from '../../components/NewPasswordInput.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';

/** For a colleague who lost their phone and recovery codes: a new first password, two-factor set up again. */
export function ResetSignInButton({ person }: { person: Pick<StaffSummary, 'id' | 'name'> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="light" size="sm" onClick={() => setOpen(true)}>{t('resetSignIn.button')}</Button>
      {open ? <ResetSignInModal person={person} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ResetSignInModal({ person, onClose }: { person: Pick<StaffSummary, 'id' | 'name'>; onClose: () => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<string[]>([]);
  const submit = useSubmit((password: string, reason: string) => resetSignIn(person.id, password, reason));
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', reason: '' },
    validate: (v) => validateWith(t, resetSignInSchema, v),
  });
  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const r = await submit.run(values.password, values.reason.trim());
    if (r.ok) {
      notify(t('resetSignIn.done', { name: person.name }));
      onClose();
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['password', 'reason'] as const);
    form.setErrors(fields);
    setOther(rest);
  });
  return (
    <AppModal onClose={onClose} title={t('resetSignIn.title', { name: person.name })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={submit.error} other={other} />
          <Text size="sm">{t('resetSignIn.body')}</Text>
          <Textarea label={t('resetSignIn.reason')} description={t('resetSignIn.reasonHelp')} required autosize minRows={2} autoComplete="off" spellCheck={false} {...form.getInputProps('reason')} />
          <NewPasswordInput label={t('resetSignIn.password')} data-autofocus onSuggest={(pw) => form.setFieldValue('password', pw)} {...form.getInputProps('password')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" color="red.9" loading={submit.pending} disabled={submit.pending}>{t('resetSignIn.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
