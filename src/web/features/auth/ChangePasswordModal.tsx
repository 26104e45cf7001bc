import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordSchema } from '../../../contracts/auth.ts';
import { changePassword } from '../../api/queries.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Own password change: the current password is needed; other sessions end on the server. */
export function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<string[]>([]);
  const submit = useSubmit(changePassword);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: (v) => validateWith(t, changePasswordSchema, v),
  });
  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const r = await submit.run(values);
    if (r.ok) {
      notify(t('password.done'));
      onClose();
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });
  return (
    <AppModal onClose={onClose} title={t('password.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={submit.error} other={other} />
          <PasswordInput label={t('password.current')} required autoComplete="current-password" data-autofocus {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('password.new')} description={t('password.newHelp')} required autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={submit.pending} disabled={submit.pending}>{t('password.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
