import { Alert, Badge, Button, Checkbox, Grid, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { conductDecisionSchema, incidentKinds, incidentSeverities, recordIncidentSchema, type Conduct } from '../../../contracts/agreement.ts';
import type { CaseDetail } from '../../../contracts/cases.ts';
import { decideConduct, recordIncident, useAgreementChange, useConduct, useRefreshList, type ConductDecision, type DecisionInput, type IncidentInput } from '../../api/agreement.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { LoadError, Loading } from '../../components/states.tsx';
import { validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { CaseFormError, caseFieldErrors, Fact, FormButtons, today, useBaseVersion } from './caseShared.tsx';
import { ClosureNote } from './StateActions.tsx';

type CaseFacts = Pick<CaseDetail, 'status' | 'may'>;
type Incident = Conduct['incidents'][number];
type Decision = Conduct['decisions'][number];

/** The server's rule, as the case detail states it. */
export function mayRecordIncident(d: CaseFacts): boolean {
  return d.may.recordIncident;
}

/** Only managers warn or dismiss (the server's rule); a closed case is past that. */
export function mayDecideConduct(d: CaseFacts): boolean {
  return d.may.decideConduct && d.status !== 'closed';
}

const KIND_COLORS: Record<Incident['kind'], string> = { threat_to_staff: 'red', aggression_to_staff: 'red', rule_violation: 'yellow', other: 'gray' };
const SEVERITY_COLORS: Record<Incident['severity'], string> = { low: 'gray', medium: 'orange', high: 'red' };

/** Threats, aggression and broken rules, and a manager's warnings or dismissal (guideline §2.1). */
export function ConductTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const conduct = useConduct(detail.id);
  const [open, setOpen] = useState<'incident' | ConductDecision | null>(null);
  const recordable = mayRecordIncident(detail);
  const decidable = mayDecideConduct(detail);

  return (
    <Stack gap="lg">
      <ClosureNote detail={detail} />
      {recordable || decidable ? (
        <Group gap="xs">
          {recordable ? <Button variant="light" onClick={() => setOpen('incident')}>{t('agreement.conduct.recordIncident')}</Button> : null}
          {decidable ? <Button variant="default" onClick={() => setOpen('warning')}>{t('agreement.conduct.warn')}</Button> : null}
          {decidable ? <Button variant="default" color="red" onClick={() => setOpen('dismissal')}>{t('agreement.conduct.dismiss')}</Button> : null}
        </Group>
      ) : detail.basis === 'break_glass' ? (
        <Text size="sm" c="dimmed">{t('agreement.conduct.readOnlyBreakGlass')}</Text>
      ) : null}
      {conduct.isPending ? <Loading /> : conduct.isError ? (
        <LoadError error={conduct.error} onRetry={() => void conduct.refetch()} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
            <Decisions decisions={conduct.data.decisions} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
            <Incidents incidents={conduct.data.incidents} />
          </Grid.Col>
        </Grid>
      )}
      {open === 'incident' ? <IncidentModal detail={detail} onClose={() => setOpen(null)} /> : null}
      {open === 'warning' || open === 'dismissal' ? <DecisionModal detail={detail} decision={open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
}

/** A titled card holding a list, or a line saying it is empty. */
function ListSection({ id, title, empty, count, children }: { id: string; title: string; empty: string; count: number; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>{title}</Title>
        {count === 0 ? <Text size="sm" c="dimmed">{empty}</Text> : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>{children}</Stack>
        )}
      </Stack>
    </Paper>
  );
}

function Incidents({ incidents }: { incidents: Incident[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ListSection id="incidents-heading" title={t('agreement.conduct.incidentsTitle')} empty={t('agreement.conduct.noIncidents')} count={incidents.length}>
      {incidents.map((i) => (
        <Paper component="li" key={i.id} withBorder radius="sm" p="sm">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" align="flex-start">
              <Text size="sm" fw={600}>{fmt.date(i.occurredOn)}</Text>
              <Group gap={6}>
                <Badge variant="light" color={KIND_COLORS[i.kind]}>{t(`agreement.kinds.${i.kind}`)}</Badge>
                <Badge variant="dot" color={SEVERITY_COLORS[i.severity]}>{t(`agreement.severityBadge.${i.severity}`)}</Badge>
              </Group>
            </Group>
            <Fact label={t('agreement.conduct.description')}>{i.description}</Fact>
            {i.actionsTaken ? <Fact label={t('agreement.conduct.actionsTaken')}>{i.actionsTaken}</Fact> : null}
            <Text size="xs" c="dimmed">{t('lifecycle.recordedBy', { name: i.recordedByName ?? t('accessLog.unknownActor'), date: fmt.dateTime(i.recordedAt) })}</Text>
          </Stack>
        </Paper>
      ))}
    </ListSection>
  );
}

function Decisions({ decisions }: { decisions: Decision[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ListSection id="decisions-heading" title={t('agreement.conduct.decisionsTitle')} empty={t('agreement.conduct.noDecisions')} count={decisions.length}>
      {decisions.map((d, n) => (
        <Paper component="li" key={`${d.decidedAt}-${n}`} withBorder radius="sm" p="sm">
          <Stack gap={6}>
            <Group justify="space-between" gap="xs" align="flex-start">
              <Badge variant={d.decision === 'dismissal' ? 'filled' : 'light'} color={d.decision === 'dismissal' ? 'red.9' : 'orange'}>
                {t(`agreement.decisions.${d.decision}`)}
              </Badge>
              <Text size="xs" c="dimmed">{fmt.dateTime(d.decidedAt)}</Text>
            </Group>
            <Fact label={t('agreement.conduct.reasons')}>{d.reasons}</Fact>
            <Text size="xs" c="dimmed">{t('agreement.conduct.decidedBy', { name: d.decidedByName ?? t('accessLog.unknownActor') })}</Text>
          </Stack>
        </Paper>
      ))}
    </ListSection>
  );
}

const INCIDENT_FIELDS = ['occurredOn', 'kind', 'severity', 'description', 'actionsTaken'] as const;

function IncidentModal({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const save = useAgreementChange(detail.id, 'conduct', (input: IncidentInput) => recordIncident(detail.id, input));
  const refreshList = useRefreshList(detail.id, 'conduct');
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { occurredOn: today(), kind: '', severity: '', description: '', actionsTaken: '' },
    validate: (v) => {
      const errors = validateWith(t, recordIncidentSchema, { ...v, expectedVersion: base });
      for (const k of ['kind', 'severity']) if (errors[k]) errors[k] = t('lifecycle.chooseOne');
      return errors;
    },
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run({
      occurredOn: v.occurredOn, kind: v.kind as IncidentInput['kind'], severity: v.severity as IncidentInput['severity'],
      description: v.description.trim(), actionsTaken: v.actionsTaken.trim(), expectedVersion: base,
    });
    if (r.ok) {
      notify(t('agreement.conduct.incidentSaved'));
      onClose();
      return;
    }
    const { fields, other: rest } = caseFieldErrors(t, r.error, INCIDENT_FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t('agreement.conduct.incidentTitle')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('agreement.conduct.incidentHelp')}</Text>
          <CaseFormError error={save.error} other={other} onReload={async () => { save.reset(); await reloadBase(); void refreshList(); }} reloaded={reloaded} />
          <TextInput type="date" label={t('agreement.conduct.occurredOn')} required max={today()} {...form.getInputProps('occurredOn')} />
          <Radio.Group label={t('agreement.conduct.kind')} required {...form.getInputProps('kind')}>
            <Stack gap={6} mt={6}>
              {incidentKinds.map((k) => <Radio key={k} value={k} label={t(`agreement.kinds.${k}`)} />)}
            </Stack>
          </Radio.Group>
          <Radio.Group label={t('agreement.conduct.severity')} required {...form.getInputProps('severity')}>
            <Group gap="md" mt={6}>
              {incidentSeverities.map((s) => <Radio key={s} value={s} label={t(`agreement.severity.${s}`)} />)}
            </Group>
          </Radio.Group>
          <Textarea
            label={t('agreement.conduct.description')} description={t('agreement.conduct.descriptionHelp')}
            required autosize minRows={3} maxRows={10} maxLength={5000} autoComplete="off" spellCheck={false}
            {...form.getInputProps('description')}
          />
          <Textarea
            label={t('agreement.conduct.actionsTaken')} description={t('agreement.conduct.actionsTakenHelp')}
            autosize minRows={2} maxRows={10} maxLength={5000} autoComplete="off" spellCheck={false}
            {...form.getInputProps('actionsTaken')}
          />
          <FormButtons pending={save.pending} submit={t('agreement.conduct.saveIncident')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}

/**
 * A manager's warning or dismissal, with reasons. A dismissal closes the case
 * (reason "dismissed"), so it is confirmed explicitly; the case is read again
 * afterwards and shows as closed.
 */
function DecisionModal({ detail, decision, onClose }: { detail: CaseDetail; decision: ConductDecision; onClose: () => void }) {
  const { t } = useTranslation();
  const { base, reloadBase, reloaded } = useBaseVersion();
  const save = useAgreementChange(detail.id, 'conduct', (input: DecisionInput) => decideConduct(detail.id, input));
  const refreshList = useRefreshList(detail.id, 'conduct');
  const [other, setOther] = useState<string[]>([]);
  const dismissal = decision === 'dismissal';
  const form = useForm({
    mode: 'controlled',
    initialValues: { reasons: '', confirmed: false },
    validate: (v) => ({
      ...validateWith(t, conductDecisionSchema, { decision, reasons: v.reasons, expectedVersion: base }),
      ...(dismissal && !v.confirmed ? { confirmed: t('agreement.dismissal.confirmRequired') } : {}),
    }),
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run({ decision, reasons: v.reasons.trim(), expectedVersion: base });
    if (r.ok) {
      notify(t(dismissal ? 'agreement.dismissal.done' : 'agreement.warning.done'));
      onClose();
      return;
    }
    const { fields, other: rest } = caseFieldErrors(t, r.error, ['reasons']);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={dismissal ? t('agreement.dismissal.title') : t('agreement.warning.title')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {dismissal ? (
            <Alert color="red" variant="light" title={t('agreement.dismissal.closesTitle')}>
              <Text size="sm">{t('agreement.dismissal.body')}</Text>
            </Alert>
          ) : <Text size="sm">{t('agreement.warning.body')}</Text>}
          <CaseFormError error={save.error} other={other} onReload={async () => { save.reset(); await reloadBase(); void refreshList(); }} reloaded={reloaded} />
          <Textarea
            label={t('agreement.conduct.reasons')}
            description={dismissal ? t('agreement.dismissal.reasonsHelp') : t('agreement.warning.reasonsHelp')}
            required autosize minRows={3} maxRows={10} maxLength={5000} autoComplete="off" spellCheck={false} data-autofocus
            {...form.getInputProps('reasons')}
          />
          {dismissal ? (
            <Checkbox label={t('agreement.dismissal.confirm')} {...form.getInputProps('confirmed', { type: 'checkbox' })} />
          ) : null}
          <FormButtons
            pending={save.pending}
            submit={dismissal ? t('agreement.dismissal.submit') : t('agreement.warning.submit')}
            onCancel={onClose}
            {...(dismissal ? { color: 'red.8' } : {})}
          />
        </Stack>
      </form>
    </AppModal>
  );
}
