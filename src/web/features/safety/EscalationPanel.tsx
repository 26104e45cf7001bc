import { Button, Card, Group, NumberInput, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Escalation } from '../../../contracts/safety.ts';
import { put } from '../../api/client.ts';
import { useProgrammes } from '../../api/programmes.ts';
import { safetyKeys, useDeliveries, useEscalation } from '../../api/safety.ts';
import { FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

/** Managers: the organisation's escalation chain (in minutes here, seconds on the wire) and failed outside messages. */
export function EscalationPanel() {
  const { t } = useTranslation();
  const chains = useEscalation();
  const programmes = useProgrammes();
  const [scope, setScope] = useState('default');
  if (chains.isPending) return <Loading />;
  if (chains.isError) return <LoadError error={chains.error} onRetry={() => void chains.refetch()} />;
  const fallback = chains.data.find((c) => c.scope === 'default')!.config;
  // A programme without a chain of its own uses the organisation's: start editing from that.
  const current = chains.data.find((c) => c.scope === scope)?.config ?? fallback;
  const options = [
    { value: 'default', label: t('safety.escalation.scopeDefault') },
    ...(programmes.data ?? []).map((p) => ({ value: p.id, label: t('safety.escalation.scopeProgramme', { name: p.name }) })),
  ];
  return (
    <Stack gap="md">
      <Select label={t('safety.escalation.scope')} description={t('safety.escalation.scopeHelp')} data={options} value={scope}
        onChange={(v) => setScope(v ?? 'default')} allowDeselect={false} maw={420} />
      <ChainForm key={scope} scope={scope} initial={current} />
      <DeliveriesCard />
    </Stack>
  );
}

const STEPS = ['reminder', 'buddy', 'managers', 'emergency'] as const;

function ChainForm({ scope, initial }: { scope: string; initial: Escalation }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [minutes, setMinutes] = useState<Record<(typeof STEPS)[number], number>>({
    reminder: initial.reminderAfterS / 60, buddy: initial.buddyAfterS / 60, managers: initial.managersAfterS / 60, emergency: initial.emergencyAfterS / 60,
  });
  const [procedure, setProcedure] = useState(initial.emergencyProcedure);
  const save = useSubmit(() => put<Escalation>(`/api/safety/escalation/${encodeURIComponent(scope)}`, {
    reminderAfterS: Math.round(minutes.reminder * 60), buddyAfterS: Math.round(minutes.buddy * 60),
    managersAfterS: Math.round(minutes.managers * 60), emergencyAfterS: Math.round(minutes.emergency * 60), emergencyProcedure: procedure,
  }));
  const { fields, other } = fieldErrorsFor(t, save.error, ['reminderAfterS', 'buddyAfterS', 'managersAfterS', 'emergencyAfterS', 'emergencyProcedure']);
  return (
    <Card withBorder radius="md" p="md" component="form" noValidate onSubmit={(e) => { e.preventDefault(); void save.run().then((r) => {
      if (r.ok) { notify(t('safety.escalation.saved')); void qc.invalidateQueries({ queryKey: safetyKeys.escalation }); }
    }); }}>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('safety.escalation.title')}</Title>
        <Text size="sm" c="dimmed">{t('safety.escalation.help')}</Text>
        <Group grow align="flex-start">
          {STEPS.map((s) => (
            <NumberInput key={s} label={t(`safety.escalation.${s}`)} suffix=" min" min={0} max={1440} value={minutes[s]}
              onChange={(v) => setMinutes({ ...minutes, [s]: typeof v === 'number' ? v : 0 })} error={fields[`${s}AfterS`]} />
          ))}
        </Group>
        <Textarea label={t('safety.escalation.procedure')} description={t('safety.escalation.procedureHelp')} value={procedure} maxLength={4000}
          autosize minRows={3} onChange={(e) => setProcedure(e.currentTarget.value)} error={fields.emergencyProcedure} />
        <FormError error={save.error} other={other} />
        <Group><Button type="submit" loading={save.pending}>{t('safety.escalation.save')}</Button></Group>
      </Stack>
    </Card>
  );
}

function DeliveriesCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const deliveries = useDeliveries(true);
  return (
    <Card withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">{t('safety.escalation.deliveriesTitle')}</Title>
        <Text size="sm" c="dimmed">{t('safety.escalation.deliveriesHelp')}</Text>
        {deliveries.isPending ? <Loading minHeight={40} /> : deliveries.isError ? <LoadError error={deliveries.error} /> : deliveries.data.length === 0 ? (
          <Text size="sm">{t('safety.escalation.deliveriesNone')}</Text>
        ) : (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
            {deliveries.data.map((d) => (
              <Text component="li" size="sm" key={d.id} c={d.status === 'failed' ? 'red.9' : undefined}>
                {fmt.dateTime(d.createdAt)}: {t('safety.escalation.delivery', { channel: d.channel, name: d.recipientName, status: t(`safety.escalation.deliveryStatus.${d.status}`), attempts: d.attempts })}
                {d.lastError ? ` (${t('safety.escalation.lastError', { code: d.lastError })})` : ''}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
