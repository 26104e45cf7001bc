import { Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffSummary } from '../../../contracts/staff.ts';
import { useStaff } from '../../api/queries.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CareDueCard } from './CareDueCard.tsx';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { can } from '../../lib/roles.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useCurrentUser } from '../../session.tsx';
import { StaffStatus, staffPath } from './badges.tsx';
import { CreateStaffModal } from './CreateStaffModal.tsx';
import { DisableStaffButton } from './DisableStaff.tsx';

export function StaffPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.title'));
  const me = useCurrentUser();
  const staff = useStaff();
  const [creating, { open, close }] = useDisclosure(false);

  const sorted = useMemo(
    () => [...(staff.data ?? [])].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name)),
    [staff.data],
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('staff.title')}
        meta={t('staff.subtitle')}
        actions={can.createStaff(me) ? <Button onClick={open}>{t('staff.create.button')}</Button> : null}
      />
      {can.seeCareDue(me) ? <CareDueCard /> : null}
      {staff.isPending ? (
        <Loading />
      ) : staff.isError ? (
        <LoadError error={staff.error} onRetry={() => void staff.refetch()} />
      ) : sorted.length === 0 ? (
        <Empty title={t('staff.emptyTitle')} />
      ) : (
        <StaffList staff={sorted} />
      )}
      {creating ? <CreateStaffModal onClose={close} /> : null}
    </Stack>
  );
}

function StaffList({ staff }: { staff: StaffSummary[] }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const mobile = useIsMobile();
  const showActions = staff.some((p) => !p.disabled && can.disableStaff(me, p));

  const nameLink = (p: StaffSummary) => (
    <Text component={Link} to={staffPath(p.id)} className="row-link" c="indigo.8" style={{ overflowWrap: 'anywhere' }}>
      {p.name}
      {p.id === me.id ? <Text span c="dimmed" fw={400} size="sm"> ({t('team.you')})</Text> : null}
    </Text>
  );

  if (mobile) {
    return (
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('staff.listLabel')}>
        {staff.map((p) => (
          <Card component="li" key={p.id} withBorder radius="md" padding="md">
            <Stack gap={4}>
              {nameLink(p)}
              <Text size="sm">{t(`roles.${p.role}`)}</Text>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{p.email}</Text>
              <Group justify="space-between" mt={4}>
                <StaffStatus person={p} />
                {!p.disabled && can.disableStaff(me, p) ? <DisableStaffButton person={p} /> : null}
              </Group>
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Card withBorder radius="md" padding={0}>
      <Table.ScrollContainer minWidth={720}>
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
          <Table.Caption className="sr-only">{t('staff.listLabel')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staff.name')}</Table.Th>
              <Table.Th>{t('staff.role')}</Table.Th>
              <Table.Th>{t('auth.email')}</Table.Th>
              <Table.Th>{t('staff.statusLabel')}</Table.Th>
              {showActions ? <Table.Th><span className="sr-only">{t('common.actions')}</span></Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{nameLink(p)}</Table.Td>
                <Table.Td><Text size="sm">{t(`roles.${p.role}`)}</Text></Table.Td>
                <Table.Td><Text size="sm" c="dimmed">{p.email}</Text></Table.Td>
                <Table.Td><StaffStatus person={p} /></Table.Td>
                {showActions ? (
                  <Table.Td ta="end">
                    {!p.disabled && can.disableStaff(me, p) ? <DisableStaffButton person={p} /> : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
