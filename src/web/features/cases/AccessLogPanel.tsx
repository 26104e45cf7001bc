import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AccessLogEntry } from '../../../contracts/cases.ts';
import { useAccessLog } from '../../api/queries.ts';
import { Empty, LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { BasisBadge } from './caseShared.tsx';

function actionText(t: TFunction, action: string, outcome: string): string {
  // Keys use "_" for the dots in action names ("case.notes.read" → "case_notes_read").
  // A refused attempt reads "Tried to view the case", never "Viewed the case".
  const group = outcome === 'success' ? 'actions' : 'attempts';
  const key = action.replaceAll('.', '_');
  // The lifecycle's actions (transitions, identity, notes' corrections…) have their texts in the lifecycle section.
  return t(`lifecycle.accessLog.${group}.${key}`, { defaultValue: t(`accessLog.${group}.${key}`, { defaultValue: action }) });
}

function reasonText(t: TFunction, reason: string): string {
  // System reasons are codes ("not visible"); anything else is shown as recorded.
  return t(`accessLog.reasons.${reason.replaceAll(' ', '_')}`, { defaultValue: reason });
}

function outcomeColor(outcome: string): string {
  return outcome === 'success' ? 'teal' : outcome === 'denied' ? 'red' : 'orange';
}

function Actor({ e }: { e: AccessLogEntry }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>{e.actorName ?? t('accessLog.unknownActor')}</Text>
      {e.actorRole ? <Text size="xs" c="dimmed">{t(`roles.${e.actorRole}`, { defaultValue: e.actorRole })}</Text> : null}
    </Stack>
  );
}

function Outcome({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={outcomeColor(outcome)}>{t(`accessLog.outcomes.${outcome}`, { defaultValue: outcome })}</Badge>;
}

/** Who read or changed this case, newest first (managers). */
export function AccessLogPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const mobile = useIsMobile();
  const log = useAccessLog(caseId);

  return (
    <Stack gap="md" component="section" aria-labelledby="access-log-heading">
      <Group justify="space-between">
        <Stack gap={2}>
          <Title order={2} size="h4" id="access-log-heading">{t('accessLog.title')}</Title>
          <Text size="sm" c="dimmed">{t('accessLog.help')}</Text>
        </Stack>
        <Button variant="default" size="xs" onClick={() => void log.refetch()} loading={log.isFetching} disabled={log.isFetching}>
          {t('common.refresh')}
        </Button>
      </Group>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <LoadError error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.length === 0 ? (
        <Empty title={t('accessLog.emptyTitle')} />
      ) : mobile ? (
        <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {log.data.map((e, i) => (
            <Card component="li" key={i} withBorder radius="md" padding="sm">
              <Group justify="space-between" gap="xs" mb={4}>
                <Text size="xs" c="dimmed" component="time" dateTime={e.at}>{fmt.dateTime(e.at)}</Text>
                <Outcome outcome={e.outcome} />
              </Group>
              <Group justify="space-between" gap="xs" align="flex-start">
                <Actor e={e} />
                {e.basis ? <BasisBadge basis={e.basis} /> : null}
              </Group>
              <Text size="sm" mt={4}>{actionText(t, e.action, e.outcome)}</Text>
              {e.reason ? <Text size="xs" c="dimmed">{t('accessLog.reason')}: {reasonText(t, e.reason)}</Text> : null}
            </Card>
          ))}
        </Stack>
      ) : (
        <Card withBorder radius="md" padding={0}>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" horizontalSpacing="md" striped>
              <Table.Caption className="sr-only">{t('accessLog.title')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('accessLog.when')}</Table.Th>
                  <Table.Th>{t('accessLog.who')}</Table.Th>
                  <Table.Th>{t('lifecycle.accessLog.basis')}</Table.Th>
                  <Table.Th>{t('accessLog.what')}</Table.Th>
                  <Table.Th>{t('accessLog.outcome')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" component="time" dateTime={e.at}>{fmt.dateTime(e.at)}</Text>
                    </Table.Td>
                    <Table.Td><Actor e={e} /></Table.Td>
                    <Table.Td style={{ minWidth: 130 }}>{e.basis ? <BasisBadge basis={e.basis} /> : null}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{actionText(t, e.action, e.outcome)}</Text>
                      {e.reason ? <Text size="xs" c="dimmed">{t('accessLog.reason')}: {reasonText(t, e.reason)}</Text> : null}
                    </Table.Td>
                    <Table.Td><Outcome outcome={e.outcome} /></Table.Td>
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
