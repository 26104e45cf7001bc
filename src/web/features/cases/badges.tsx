import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function CaseStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'active' ? 'teal' : 'gray';
  return <Badge variant="light" color={color}>{t(`caseStatus.${status}`, { defaultValue: status })}</Badge>;
}

export function TeamRoleText({ role }: { role: 'lead' | 'member' | null }) {
  const { t } = useTranslation();
  return <>{role ? t(`teamRoles.${role}`) : t('cases.notOnTeam')}</>;
}

export function TeamRoleBadge({ role }: { role: 'lead' | 'member' }) {
  const { t } = useTranslation();
  return <Badge variant={role === 'lead' ? 'filled' : 'light'} color="indigo">{t(`teamRoles.${role}`)}</Badge>;
}
