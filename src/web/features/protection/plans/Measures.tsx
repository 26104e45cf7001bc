import { Badge, Button, Card, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { measureInputSchema, measureStatuses, type Measure, type MeasureInput, type MeasureStatus, type ShieldPlan } from '../../../../contracts/plans.ts';
import { addMeasure, removeMeasure, updateMeasure, usePlanChange, useRefreshPlan } from '../../../api/plans.ts';
import { Empty } from '../../../components/states.tsx';
import { validateWith } from '../../../lib/errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { notify } from '../../../lib/notify.ts';
import { FormButtons, today } from '../../cases/caseShared.tsx';
import { ConfirmRemove, isOverdue, PlanFormError, planFieldErrors } from './planShared.tsx';

const STATUS_COLORS: Record<MeasureStatus, string> = { open: 'gray', in_progress: 'indigo', done: 'teal' };

/** The measures of the exit procedure, as tasks: owner, due date, status; overdue ones stand out. */
export function Measures({ caseId, plan }: { caseId: string; plan: ShieldPlan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const remove = usePlanChange(caseId, 'shield', (m: Measure) => removeMeasure(caseId, m.id, m.revision));
  const mayWrite = plan.may.write;
  const edited = editing && editing !== 'new' ? plan.measures.find((m) => m.id === editing) ?? null : null;
  const now = today();

  const onRemove = async (m: Measure) => {
    setRemoveError(null);
    const r = await remove.run(m);
    if (r.ok) notify(t('protection.plans.measures.removed'));
    else setRemoveError(r.error);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="measures-heading">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={0}>
          <Title order={3} size="h5" id="measures-heading">{t('protection.plans.measures.title')}</Title>
          <Text size="sm" c="dimmed">{t('protection.plans.measures.help')}</Text>
        </Stack>
        {mayWrite && editing === null ? <Button size="xs" variant="light" onClick={() => setEditing('new')}>{t('protection.plans.measures.add')}</Button> : null}
      </Group>
      {editing !== null && mayWrite ? <MeasureForm key={editing} caseId={caseId} measure={edited} owners={plan.owners} onDone={() => setEditing(null)} /> : null}
      <PlanFormError error={removeError} />
      {plan.measures.length === 0 ? (
        <Empty title={t('protection.plans.measures.empty')} />
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="measures-heading">
          {plan.measures.map((m) => {
            const overdue = isOverdue(m.dueOn, m.status, now);
            return (
              <Card component="li" key={m.id} withBorder radius="sm" padding="sm" style={overdue ? { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } : undefined}>
                <Stack gap={6}>
                  <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500} className="note-text" td={m.status === 'done' ? 'line-through' : undefined}>{m.title}</Text>
                    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                      {overdue ? <Badge color="red.8" variant="filled">{t('protection.plans.measures.overdue')}</Badge> : null}
                      <Badge variant="light" color={STATUS_COLORS[m.status]}>{t(`protection.plans.measures.statuses.${m.status}`)}</Badge>
                    </Group>
                  </Group>
                  <Group justify="space-between" gap="xs">
                    <Text size="xs" c={overdue ? 'red.9' : 'dimmed'}>
                      {t('protection.plans.measures.owner')}: {m.ownerName ?? '—'} · {m.dueOn ? t('protection.plans.measures.due', { date: fmt.date(m.dueOn) }) : t('protection.plans.measures.noDue')}
                    </Text>
                    {mayWrite ? (
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(m.id)} disabled={editing !== null}>{t('protection.plans.edit')}</Button>
                        <ConfirmRemove what={m.title} pending={remove.pending} onConfirm={() => void onRemove(m)} />
                      </Group>
                    ) : null}
                  </Group>
                </Stack>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

type Values = { title: string; ownerId: string; dueOn: string; status: string };
const FIELDS = ['title', 'ownerId', 'dueOn', 'status'] as const;
const toInput = (v: Values) => ({ title: v.title.trim(), ownerId: v.ownerId, dueOn: v.dueOn || null, status: v.status as MeasureStatus }) satisfies MeasureInput;

function MeasureForm({ caseId, measure, owners, onDone }: { caseId: string; measure: Measure | null; owners: ShieldPlan['owners']; onDone: () => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<string[]>([]);
  const refresh = useRefreshPlan(caseId, 'shield');
  const save = usePlanChange(caseId, 'shield', (input: MeasureInput) =>
    measure ? updateMeasure(caseId, measure.id, { ...input, revision: measure.revision }) : addMeasure(caseId, input));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { title: measure?.title ?? '', ownerId: measure?.ownerId ?? '', dueOn: measure?.dueOn ?? '', status: measure?.status ?? 'open' },
    validate: (v) => {
      const errors = validateWith(t, measureInputSchema, toInput(v));
      if (errors.ownerId) errors.ownerId = t('protection.plans.errors.owner_cannot_work_case');
      return errors;
    },
  });
  // Someone who has left the team stays choosable on their own measure, until it is handed over.
  const choices = measure && !owners.some((o) => o.staffId === measure.ownerId) ? [...owners, { staffId: measure.ownerId, name: measure.ownerName ?? '—' }] : owners;
  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(toInput(v));
    if (r.ok) {
      notify(t(measure ? 'protection.plans.measures.saved' : 'protection.plans.measures.added'));
      onDone();
      return;
    }
    const { fields, other: rest } = planFieldErrors(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });
  const headingId = `measure-form-${measure?.id ?? 'new'}`;
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
        <Stack gap="sm">
          <Title order={4} size="h6" id={headingId}>{t(measure ? 'protection.plans.measures.formTitleEdit' : 'protection.plans.measures.formTitleNew')}</Title>
          <PlanFormError error={save.error} other={other} onReload={async () => { save.reset(); await refresh(); }} />
          <TextInput label={t('protection.plans.measures.titleField')} required maxLength={500} autoComplete="off" {...form.getInputProps('title')} />
          <NativeSelect
            label={t('protection.plans.measures.owner')} description={t('protection.plans.measures.ownerHelp')} required
            data={[{ value: '', label: t('protection.plans.measures.chooseOwner'), disabled: true }, ...choices.map((o) => ({ value: o.staffId, label: o.name }))]}
            {...form.getInputProps('ownerId')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput type="date" label={t('protection.plans.measures.dueOn')} {...form.getInputProps('dueOn')} />
            <NativeSelect
              label={t('protection.plans.measures.status')} required
              data={measureStatuses.map((s) => ({ value: s, label: t(`protection.plans.measures.statuses.${s}`) }))}
              {...form.getInputProps('status')}
            />
          </SimpleGrid>
          <FormButtons pending={save.pending} submit={t('protection.plans.save')} onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}
