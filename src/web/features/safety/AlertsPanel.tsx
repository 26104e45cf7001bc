import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SafetyAlert } from '../../../contracts/safety.ts';
import { isApiError, post } from '../../api/client.ts';
import { safetyKeys, useAlerts } from '../../api/safety.ts';
import { LoadError, Loading } from '../../components/states.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useCurrentUser } from '../../session.tsx';

/** Alerts sent to me (managers: all recent), open ones first, each with "I take this over". */
export function AlertsPanel() {
  const { t } = useTranslation();
  const alerts = useAlerts();
  return (
    <Stack gap="sm" component="section" aria-labelledby="alerts-title">
      <Title order={2} size="h4" id="alerts-title">{t('safety.alerts.title')}</Title>
      {alerts.isPending ? <Loading minHeight={60} /> : alerts.isError ? <LoadError error={alerts.error} onRetry={() => void alerts.refetch()} /> : alerts.data.length === 0 ? (
        <Text size="sm" c="dimmed">{t('safety.alerts.none')}</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {alerts.data.map((a) => <AlertItem key={a.id} alert={a} />)}
        </Stack>
      )}
    </Stack>
  );
}

const urgent = (kind: SafetyAlert['kind']) => kind === 'panic' || kind === 'duress' || kind === 'emergency';

function AlertItem({ alert }: { alert: SafetyAlert }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const ack = useSubmit(() => post<{ acknowledgedAt: string }>(`/api/safety/alerts/${encodeURIComponent(alert.id)}/acknowledge`));
  const open = !alert.acknowledgedAt;
  const onAck = async () => {
    const r = await ack.run();
    if (r.ok) notify(t('safety.alerts.takenOver'));
    else notify(isApiError(r.error) && r.error.code === 'already_acknowledged' ? t('safety.alerts.alreadyTaken') : errorMessage(t, r.error), 'red');
    void qc.invalidateQueries({ queryKey: safetyKeys.all });
  };
  return (
    <Card component="li" withBorder radius="md" p="md" bg={open ? (urgent(alert.kind) ? 'red.0' : 'yellow.0') : undefined} data-testid="safety-alert">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={700} c={open && urgent(alert.kind) ? 'red.9' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {t(`safety.alerts.kinds.${alert.kind}`, { name: alert.staffName })}
          </Text>
          {open ? <Badge color="red.8" variant="filled">{t('safety.board.overdue')}</Badge> : null}
        </Group>
        {alert.visit?.location ? <Text size="sm">{t('safety.alerts.where', { location: alert.visit.location })}</Text> : null}
        {alert.visit?.dueAt ? <Text size="xs" c="dimmed">{t('safety.alerts.dueWas', { time: fmt.dateTime(alert.visit.dueAt) })}</Text> : null}
        <Text size="xs" c="dimmed">{t('safety.alerts.firedAt', { time: fmt.dateTime(alert.firedAt) })}</Text>
        {alert.emergencyProcedure ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>{t('safety.alerts.procedure')}</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{alert.emergencyProcedure}</Text>
          </Stack>
        ) : null}
        {open ? (
          alert.kind !== 'reminder' && alert.staffId !== me.id ? (
            <Button size="md" color="red.8" onClick={() => void onAck()} loading={ack.pending} w={{ base: '100%', sm: 'auto' }}>{t('safety.alerts.takeOver')}</Button>
          ) : null
        ) : (
          <Text size="sm" c="teal.9">{t('safety.alerts.takenBy', { name: alert.acknowledgedByName ?? '', time: fmt.dateTime(alert.acknowledgedAt!) })}</Text>
        )}
      </Stack>
    </Card>
  );
}
