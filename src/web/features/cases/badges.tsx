import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function TeamRoleText({ role }: { role: 'lead' | 'member' | null }) {
  const { t } = useTranslation();
  return <>{role ? t(`teamRoles.${role}`) : t('cases.notOnTeam')}</>;
}

export function TeamRoleBadge({ role }: { role: 'lead' | 'member' }) {
  const { t } = useTranslation();
  // Never squeezed: the name beside it wraps instead (German role names are long).
  return <Badge variant={role === 'lead' ? 'filled' : 'light'} color="indigo" style={{ flexShrink: 0 }}>{t(`teamRoles.${role}`)}</Badge>;
}
