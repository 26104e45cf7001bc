import { Button, Fieldset, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emergencyPlanInputSchema, type EmergencyPlan, type EmergencyPlanInput } from '../../../../contracts/plans.ts';
import { saveEmergencyPlan, usePlanChange, useRefreshPlan } from '../../../api/plans.ts';
import { validateWith } from '../../../lib/errors.ts';
import { notify } from '../../../lib/notify.ts';
import { FormButtons } from '../../cases/caseShared.tsx';
import { PlanFormError, planFieldErrors, SealedBadge, withPhoneMessages } from './planShared.tsx';

type Item = { key: string; text: string };
type Call = { key: string; role: string; name: string; phone: string; fallback: string };
type Values = { triggers: Item[]; steps: Item[]; callTree: Call[]; agencyContact: string; agencyAgreement: string; safeLocations: string };
// The form's type, from the hook (the package's type export does not resolve under this module setting).
type Form = Pick<ReturnType<typeof useForm<Values>>, 'getValues' | 'errors' | 'getInputProps' | 'reorderListItem' | 'removeListItem' | 'insertListItem'>;
type Plan = NonNullable<EmergencyPlan['plan']>;

const item = (text = ''): Item => ({ key: randomId(), text });
const call = (c?: Omit<Call, 'key'>): Call => ({ key: randomId(), role: c?.role ?? '', name: c?.name ?? '', phone: c?.phone ?? '', fallback: c?.fallback ?? '' });

function initialValues(plan: Plan | null): Values {
  return {
    triggers: (plan?.triggers ?? []).map((x) => item(x)),
    steps: plan ? plan.steps.map((x) => item(x)) : [item()],
    callTree: plan ? plan.callTree.map((c) => call(c)) : [call()],
    agencyContact: plan?.agencyContact ?? '',
    agencyAgreement: plan?.agencyAgreement ?? '',
    safeLocations: plan?.safeLocations ?? '',
  };
}

function toInput(v: Values, withSealed: boolean, expectedVersion: number): EmergencyPlanInput {
  return {
    triggers: v.triggers.map((x) => x.text.trim()),
    steps: v.steps.map((x) => x.text.trim()),
    callTree: v.callTree.map((c) => ({ role: c.role.trim(), name: c.name.trim(), phone: c.phone.trim(), fallback: c.fallback.trim() })),
    agencyContact: v.agencyContact.trim(),
    agencyAgreement: v.agencyAgreement.trim(),
    ...(withSealed ? { safeLocations: v.safeLocations.trim() } : {}),
    expectedVersion,
  };
}

/** The contract's paths (steps.2) as the form's (steps.2.text); an empty list gets a sentence of its own. */
function formErrors(t: TFunction, errors: Record<string, string>, v: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, msg] of Object.entries(withPhoneMessages(t, errors))) out[/^(triggers|steps)\.\d+$/.test(k) ? `${k}.text` : k] = msg;
  if (v.steps.length === 0) out.steps = t('protection.plans.validation.stepsRequired');
  if (v.callTree.length === 0) out.callTree = t('protection.plans.validation.callTreeRequired');
  return out;
}

function formFields(v: Values): { fields: string[]; rename: Record<string, string> } {
  const rename: Record<string, string> = {};
  const fields = ['triggers', 'steps', 'callTree', 'agencyContact', 'agencyAgreement', 'safeLocations'];
  for (const list of ['triggers', 'steps'] as const) v[list].forEach((_, i) => { rename[`${list}.${i}`] = `${list}.${i}.text`; fields.push(`${list}.${i}.text`); });
  v.callTree.forEach((_, i) => { for (const f of ['role', 'name', 'phone', 'fallback']) fields.push(`callTree.${i}.${f}`); });
  return { fields, rename };
}

/** After a move, keep the keyboard on the moved item (on its other button when it reached an end). */
function focusMoved(key: string, dir: 'up' | 'down') {
  requestAnimationFrame(() => {
    const same = document.getElementById(`${key}-${dir}`) as HTMLButtonElement | null;
    (same && !same.disabled ? same : document.getElementById(`${key}-${dir === 'up' ? 'down' : 'up'}`))?.focus();
  });
}

function ItemControls({ form, list, index, count, what }: { form: Form; list: 'triggers' | 'steps' | 'callTree'; index: number; count: number; what: string }) {
  const { t } = useTranslation();
  const key = form.getValues()[list][index]!.key;
  const move = (to: number, dir: 'up' | 'down') => { form.reorderListItem(list, { from: index, to }); focusMoved(key, dir); };
  return (
    <Group gap={4} wrap="nowrap">
      {list !== 'triggers' ? (
        <>
          <Button id={`${key}-up`} size="compact-sm" variant="subtle" disabled={index === 0} onClick={() => move(index - 1, 'up')} aria-label={`${t('protection.plans.emergency.moveUp')}: ${what}`}>↑</Button>
          <Button id={`${key}-down`} size="compact-sm" variant="subtle" disabled={index === count - 1} onClick={() => move(index + 1, 'down')} aria-label={`${t('protection.plans.emergency.moveDown')}: ${what}`}>↓</Button>
        </>
      ) : null}
      <Button size="compact-sm" variant="subtle" color="red" onClick={() => form.removeListItem(list, index)} aria-label={`${t('protection.plans.emergency.removeItem')}: ${what}`}>
        {t('protection.plans.emergency.removeItem')}
      </Button>
    </Group>
  );
}

function TextList({ form, list, label, addLabel, legend, help }: { form: Form; list: 'triggers' | 'steps'; label: (n: number) => string; addLabel: string; legend: string; help: string }) {
  const items = form.getValues()[list];
  const listError = form.errors[list];
  return (
    <Fieldset legend={<Text span size="sm" fw={600}>{legend}</Text>} variant="unstyled">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">{help}</Text>
        {items.map((x, i) => (
          <Stack key={x.key} gap={2}>
            <Textarea label={label(i + 1)} required={list === 'steps'} autosize minRows={1} maxRows={6} maxLength={list === 'steps' ? 2000 : 1000} autoComplete="off" {...form.getInputProps(`${list}.${i}.text`)} />
            <Group justify="flex-end"><ItemControls form={form} list={list} index={i} count={items.length} what={label(i + 1)} /></Group>
          </Stack>
        ))}
        {listError ? <Text size="sm" c="red.9" role="alert">{listError}</Text> : null}
        <Group><Button size="xs" variant="light" onClick={() => form.insertListItem(list, item())} disabled={items.length >= 30}>{addLabel}</Button></Group>
      </Stack>
    </Fieldset>
  );
}

function CallTreeEditor({ form }: { form: Form }) {
  const { t } = useTranslation();
  const entries = form.getValues().callTree;
  return (
    <Fieldset legend={<Text span size="sm" fw={600}>{t('protection.plans.emergency.callTree')}</Text>} variant="unstyled">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('protection.plans.emergency.callTreeHelp')}</Text>
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {entries.map((c, i) => {
            const what = t('protection.plans.emergency.call', { n: i + 1 });
            return (
              <Paper component="li" key={c.key} withBorder radius="sm" p="sm" aria-label={what}>
                <Stack gap="xs">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>{what}</Text>
                    <ItemControls form={form} list="callTree" index={i} count={entries.length} what={what} />
                  </Group>
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
                    <TextInput label={t('protection.plans.emergency.role')} required maxLength={100} autoComplete="off" {...form.getInputProps(`callTree.${i}.role`)} />
                    <TextInput label={t('protection.plans.emergency.name')} required maxLength={200} autoComplete="off" {...form.getInputProps(`callTree.${i}.name`)} />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
                    <TextInput type="tel" inputMode="tel" label={t('protection.plans.emergency.phone')} required maxLength={40} autoComplete="off" {...form.getInputProps(`callTree.${i}.phone`)} />
                    <TextInput label={t('protection.plans.emergency.fallback')} maxLength={300} autoComplete="off" {...form.getInputProps(`callTree.${i}.fallback`)} />
                  </SimpleGrid>
                </Stack>
              </Paper>
            );
          })}
        </Stack>
        {form.errors.callTree ? <Text size="sm" c="red.9" role="alert">{form.errors.callTree}</Text> : null}
        <Group><Button size="xs" variant="light" onClick={() => form.insertListItem('callTree', call())} disabled={entries.length >= 20}>{t('protection.plans.emergency.addCall')}</Button></Group>
      </Stack>
    </Fieldset>
  );
}

/** Writes the next version of the emergency plan; safe locations only for those who may change sealed parts. */
export function EmergencyPlanForm({ caseId, data, onDone }: { caseId: string; data: EmergencyPlan; onDone: () => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<string[]>([]);
  const refresh = useRefreshPlan(caseId, 'emergency');
  const withSealed = data.may.writeSealed;
  // The version is read at save time: after "Reload" it is the colleague's, and what was typed stays.
  const expectedVersion = data.plan?.version ?? 0;
  const save = usePlanChange(caseId, 'emergency', (input: EmergencyPlanInput) => saveEmergencyPlan(caseId, input));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initialValues(data.plan),
    validate: (v) => formErrors(t, validateWith(t, emergencyPlanInputSchema, toInput(v, withSealed, expectedVersion)), v),
  });
  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(toInput(v, withSealed, expectedVersion));
    if (r.ok) {
      notify(t('protection.plans.emergency.saved', { version: r.value.version }));
      onDone();
      return;
    }
    const { fields, rename } = formFields(v);
    const found = planFieldErrors(t, r.error, fields, rename);
    form.setErrors(formErrors(t, found.fields, v));
    setOther(found.other);
  }, (errors) => {
    // Show the first problem: lists can be long.
    const first = Object.keys(errors)[0];
    if (first) requestAnimationFrame(() => (document.querySelector<HTMLElement>('[aria-invalid="true"]'))?.focus());
  });

  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="emergency-form-heading">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={3} size="h5" id="emergency-form-heading">
              {data.plan ? t('protection.plans.emergency.formTitleNext', { version: data.plan.version + 1 }) : t('protection.plans.emergency.formTitle')}
            </Title>
            <Text size="sm" c="dimmed">{t('protection.plans.emergency.formHelp')}</Text>
          </Stack>
          <PlanFormError error={save.error} other={other} onReload={async () => { save.reset(); await refresh(); }} />
          <TextList form={form} list="triggers" legend={t('protection.plans.emergency.triggers')} help={t('protection.plans.emergency.triggersHelp')}
            label={(n) => t('protection.plans.emergency.trigger', { n })} addLabel={t('protection.plans.emergency.addTrigger')} />
          <TextList form={form} list="steps" legend={t('protection.plans.emergency.steps')} help={t('protection.plans.emergency.stepsHelp')}
            label={(n) => t('protection.plans.emergency.step', { n })} addLabel={t('protection.plans.emergency.addStep')} />
          <CallTreeEditor form={form} />
          <Fieldset legend={<Text span size="sm" fw={600}>{t('protection.plans.emergency.agency')}</Text>} variant="unstyled">
            <Stack gap="sm">
              <Textarea label={t('protection.plans.emergency.agencyContact')} autosize minRows={2} maxRows={6} maxLength={1000} autoComplete="off" {...form.getInputProps('agencyContact')} />
              <Textarea label={t('protection.plans.emergency.agencyAgreement')} autosize minRows={2} maxRows={10} maxLength={5000} autoComplete="off" {...form.getInputProps('agencyAgreement')} />
            </Stack>
          </Fieldset>
          {withSealed ? (
            <Paper radius="sm" p="sm" withBorder style={{ borderColor: 'var(--mantine-color-red-8)' }}>
              <Textarea
                label={<Group gap="xs" component="span">{t('protection.plans.emergency.safeLocations')}<SealedBadge /></Group>}
                description={t('protection.plans.emergency.safeLocationsHelp')}
                autosize minRows={2} maxRows={10} maxLength={5000} autoComplete="off" spellCheck={false}
                {...form.getInputProps('safeLocations')}
              />
            </Paper>
          ) : null}
          <FormButtons pending={save.pending} submit={t('protection.plans.save')} onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}
