import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StaffSummary } from '../../../contracts/staff.ts';

export function StaffStatus({ person }: { person: Pick<StaffSummary, 'disabled' | 'mfaEnrolled'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      {person.disabled
        ? <Badge variant="light" color="gray">{t('staff.status.disabled')}</Badge>
        : <Badge variant="light" color="teal">{t('staff.status.active')}</Badge>}
      {!person.disabled && !person.mfaEnrolled
        ? <Badge variant="light" color="orange">{t('staff.status.mfaPending')}</Badge>
        : null}
    </Group>
  );
}

export const staffPath = (id: string) => `/staff/${encodeURIComponent(id)}`;
