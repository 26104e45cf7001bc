import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.tsx';
import { notify } from '../../lib/notify.ts';
import { createStaffSchema, roles, type Role } from '../../../contracts/staff.ts';
import { createStaff, keys } from '../../api/queries.ts';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { NewPasswordInput } from '../../components/NewPasswordInput.tsx';
import { can } from '../../lib/roles.ts';
import { useCurrentUser } from '../../session.tsx';

const FIELDS = ['name', 'email', 'role', 'password'] as const;


export function CreateStaffModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [other, setOther] = useState<string[]>([]);
  const submit = useSubmit(createStaff);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', email: '', role: (me.role === 'manager' ? 'exit_worker' : 'finance') as Role, password: '' },
    validate: (v) => validateWith(t, createStaffSchema, v),
  });

  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const r = await submit.run({ ...values, name: values.name.trim(), email: values.email.trim() });
    if (r.ok) {
      notify(t('staff.create.done'));
      onClose();
      void qc.invalidateQueries({ queryKey: keys.staff });
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal onClose={onClose} title={t('staff.create.title')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={submit.error} other={other} />
          <TextInput label={t('staff.name')} required autoComplete="off" data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('auth.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
          <NativeSelect
            label={t('staff.role')}
            required
            data={roles.filter((r) => can.createRole(me, r)).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <NewPasswordInput label={t('auth.password')} onSuggest={(pw) => form.setFieldValue('password', pw)} {...form.getInputProps('password')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={submit.pending} disabled={submit.pending}>{t('staff.create.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
