import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useStaff } from '../../api/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { can } from '../../lib/roles.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useCurrentUser } from '../../session.tsx';
import { StaffStatus } from './badges.tsx';
import { DisableStaffButton } from './DisableStaff.tsx';
import { ResetSignInButton } from './ResetSignIn.tsx';
import { ProtectedDetails } from './ProtectedDetails.tsx';
import { CarePanel } from './CarePanel.tsx';

export function StaffMemberPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('staffMember.documentTitle'));
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const staff = useStaff();
  const back = { to: '/staff', label: t('staffMember.back') };

  if (staff.isPending) return <Loading />;
  if (staff.isError) {
    return (
      <Stack gap="lg">
        <PageHeader title={t('staffMember.documentTitle')} back={back} />
        <LoadError error={staff.error} onRetry={() => void staff.refetch()} />
      </Stack>
    );
  }
  const person = staff.data.find((p) => p.id === id);
  if (!person) {
    return (
      <Stack gap="md" align="flex-start" py="xl">
        <PageHeader title={t('staffMember.notFoundTitle')} back={back} />
        <Text c="dimmed">{t('staffMember.notFoundBody')}</Text>
        <Button component={Link} to="/staff" variant="light">{t('staffMember.back')}</Button>
      </Stack>
    );
  }
  const isMe = person.id === me.id;

  return (
    <Stack gap="lg">
      <PageHeader
        back={back}
        title={person.name}
        meta={
          <Group gap="xs" mt={4}>
            <Badge variant="light">{t(`roles.${person.role}`)}</Badge>
            <StaffStatus person={person} />
            {isMe ? <Text size="sm" c="dimmed">{t('staffMember.thisIsYou')}</Text> : null}
          </Group>
        }
        actions={!person.disabled && (can.disableStaff(me, person) || can.resetSignIn(me, person)) ? (
          <Group gap="xs">
            {can.resetSignIn(me, person) ? <ResetSignInButton person={person} /> : null}
            {can.disableStaff(me, person) ? <DisableStaffButton person={person} size="sm" /> : null}
          </Group>
        ) : null}
      />
      <Card withBorder radius="md" padding="md">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">{t('auth.email')}</Text>
          <Text style={{ overflowWrap: 'anywhere' }}>{person.email}</Text>
        </Stack>
      </Card>
      {can.protectedDetails(me, person.id) ? <ProtectedDetails person={person} isMe={isMe} /> : null}
      {can.careRecord(me, person.id) ? <CarePanel staffId={person.id} /> : null}
    </Stack>
  );
}
