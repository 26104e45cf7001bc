import { Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../components/AppModal.tsx';
import { notify } from '../../lib/notify.ts';
import type { StaffSummary } from '../../../contracts/staff.ts';
import { useDisableStaff } from '../../api/queries.ts';
import { FormError } from '../../components/states.tsx';

/** "Disable" with a confirmation dialog. Ends the person's sessions at once. */
export function DisableStaffButton({ person, size = 'xs' }: { person: Pick<StaffSummary, 'id' | 'name'>; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="light" color="red" size={size} onClick={() => setOpen(true)}>
        {t('staff.disable.button')}<VisuallyHidden> {person.name}</VisuallyHidden>
      </Button>
      {open ? <ConfirmDisable person={person} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ConfirmDisable({ person, onClose }: { person: Pick<StaffSummary, 'id' | 'name'>; onClose: () => void }) {
  const { t } = useTranslation();
  const disable = useDisableStaff();
  const confirm = () => disable.mutate(person.id, {
    onSuccess: () => {
      notify(t('staff.disable.done'));
      onClose();
    },
  });
  return (
    <AppModal onClose={onClose} title={t('staff.disable.title', { name: person.name })}>
      <Stack gap="md">
        <FormError error={disable.error} />
        <Text size="sm">{t('staff.disable.body')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} data-autofocus>{t('common.cancel')}</Button>
          <Button color="red.9" onClick={confirm} loading={disable.isPending} disabled={disable.isPending}>{t('staff.disable.confirm')}</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
