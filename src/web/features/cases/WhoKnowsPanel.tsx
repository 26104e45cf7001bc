import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WhoKnows } from '../../../contracts/cases.ts';
import { useWhoKnows } from '../../api/caseLifecycle.ts';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { BasisBadge, Fact } from './caseShared.tsx';

type Person = WhoKnows['people'][number];

function Bases({ p }: { p: Person }) {
  return <Group gap={4}>{p.bases.map((b) => <BasisBadge key={b} basis={b} />)}</Group>;
}

function OnTeam({ p }: { p: Person }) {
  const { t } = useTranslation();
  return p.onTeamNow
    ? <Badge variant="light" color="teal">{t('lifecycle.yes')}</Badge>
    : <Badge variant="light" color="gray">{t('lifecycle.no')}</Badge>;
}

function Who({ p }: { p: Person }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>{p.name}</Text>
      <Text size="xs" c="dimmed">{t(`roles.${p.role}`, { defaultValue: p.role })}</Text>
    </Stack>
  );
}

/** Who knows what: one line per person who read or changed the case, and on what basis (managers). */
export function WhoKnowsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const who = useWhoKnows(caseId);

  return (
    <Stack gap="md" component="section" aria-labelledby="who-knows-heading">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2} size="h4" id="who-knows-heading">{t('lifecycle.whoKnows.title')}</Title>
          <Text size="sm" c="dimmed">{t('lifecycle.whoKnows.help')}</Text>
        </Stack>
        <Button variant="default" size="xs" onClick={() => void who.refetch()} loading={who.isFetching} disabled={who.isFetching}>
          {t('common.refresh')}
        </Button>
      </Group>
      {who.isPending ? (
        <Loading />
      ) : who.isError ? (
        <LoadError error={who.error} onRetry={() => void who.refetch()} />
      ) : who.data.length === 0 ? (
        <Empty title={t('lifecycle.whoKnows.empty')} />
      ) : mobile ? (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {who.data.map((p) => (
            <Card component="li" key={p.staffId} withBorder radius="md" padding="sm">
              <Group justify="space-between" gap="xs" align="flex-start" mb={6}>
                <Who p={p} />
                <Bases p={p} />
              </Group>
              <SimpleGrid cols={3} spacing="xs" verticalSpacing={6}>
                <Fact label={t('lifecycle.whoKnows.reads')}>{p.reads}</Fact>
                <Fact label={t('lifecycle.whoKnows.changes')}>{p.changes}</Fact>
                <Fact label={t('lifecycle.whoKnows.reveals')}>{p.identityReveals}</Fact>
              </SimpleGrid>
              <Text size="xs" c="dimmed" mt={6}>{t('lifecycle.whoKnows.span', { first: fmt.dateTime(p.firstAt), last: fmt.dateTime(p.lastAt) })}</Text>
              <Group gap="xs" mt={4}>
                <Text size="xs" c="dimmed">{t('lifecycle.whoKnows.onTeamNow')}</Text>
                <OnTeam p={p} />
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="xs" horizontalSpacing="md" striped>
              <Table.Caption className="sr-only">{t('lifecycle.whoKnows.title')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('lifecycle.whoKnows.person')}</Table.Th>
                  <Table.Th>{t('lifecycle.whoKnows.basis')}</Table.Th>
                  <Table.Th ta="right">{t('lifecycle.whoKnows.reads')}</Table.Th>
                  <Table.Th ta="right">{t('lifecycle.whoKnows.changes')}</Table.Th>
                  <Table.Th ta="right">{t('lifecycle.whoKnows.reveals')}</Table.Th>
                  <Table.Th>{t('lifecycle.whoKnows.first')}</Table.Th>
                  <Table.Th>{t('lifecycle.whoKnows.last')}</Table.Th>
                  <Table.Th>{t('lifecycle.whoKnows.onTeamNow')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {who.data.map((p) => (
                  <Table.Tr key={p.staffId}>
                    <Table.Td><Who p={p} /></Table.Td>
                    <Table.Td style={{ minWidth: 130 }}><Bases p={p} /></Table.Td>
                    <Table.Td ta="right">{p.reads}</Table.Td>
                    <Table.Td ta="right">{p.changes}</Table.Td>
                    <Table.Td ta="right">{p.identityReveals > 0 ? <Text span size="sm" fw={700}>{p.identityReveals}</Text> : 0}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm" component="time" dateTime={p.firstAt}>{fmt.dateTime(p.firstAt)}</Text></Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm" component="time" dateTime={p.lastAt}>{fmt.dateTime(p.lastAt)}</Text></Table.Td>
                    <Table.Td><OnTeam p={p} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
