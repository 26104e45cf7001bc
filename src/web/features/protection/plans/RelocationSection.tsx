import { Button, Card, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { relocationInputSchema, type RelocationInput } from '../../../../contracts/plans.ts';
import { recordRelocation, usePlanChange, useRelocations } from '../../../api/plans.ts';
import { Empty, LoadError, Loading } from '../../../components/states.tsx';
import { validateWith } from '../../../lib/errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { notify } from '../../../lib/notify.ts';
import { Fact, FormButtons } from '../../cases/caseShared.tsx';
import { PlanFormError, planFieldErrors, SealedBadge } from './planShared.tsx';

/**
 * Relocation, at the sealed level: rendered only for managers and the case's
 * security officer (the emergency plan read says whether the reader is one), so
 * nobody else's browser even asks for it.
 */
export function RelocationSection({ caseId, mayWrite }: { caseId: string; mayWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useRelocations(caseId, true);
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="relocation-heading" style={{ borderColor: 'var(--mantine-color-red-8)' }}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" gap="xs">
          <Stack gap={0}>
            <Group gap="xs">
              <Title order={2} size="h4" id="relocation-heading">{t('protection.plans.relocation.title')}</Title>
              <SealedBadge />
            </Group>
            <Text size="sm" c="dimmed">{t('protection.plans.relocation.help')}</Text>
          </Stack>
          {mayWrite && !adding ? <Button size="xs" variant="light" color="red.9" onClick={() => setAdding(true)}>{t('protection.plans.relocation.record')}</Button> : null}
        </Group>
        {adding ? <RelocationForm caseId={caseId} onDone={() => setAdding(false)} /> : null}
        {list.isPending ? <Loading minHeight={60} /> : list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : list.data.length === 0 ? (
          <Empty title={t('protection.plans.relocation.empty')} />
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="relocation-heading">
            {list.data.map((r) => (
              <Card component="li" key={r.id} withBorder radius="sm" padding="sm">
                <Stack gap={6}>
                  <Group gap="lg" align="flex-start">
                    <Fact label={t('protection.plans.relocation.area')}>{r.area}</Fact>
                    <Fact label={t('protection.plans.relocation.movedOn')}>{fmt.date(r.movedOn)}</Fact>
                  </Group>
                  {r.measures ? <Fact label={t('protection.plans.relocation.measures')}>{r.measures}</Fact> : null}
                  <Text size="xs" c="dimmed">{t('protection.plans.relocation.recordedBy', { name: r.recordedByName ?? '—', date: fmt.dateTime(r.recordedAt) })}</Text>
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

type Values = { area: string; movedOn: string; measures: string };
const FIELDS = ['area', 'movedOn', 'measures'] as const;
const toInput = (v: Values): RelocationInput => ({ area: v.area.trim(), movedOn: v.movedOn, measures: v.measures.trim() });

function RelocationForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<string[]>([]);
  const save = usePlanChange(caseId, 'relocations', (input: RelocationInput) => recordRelocation(caseId, input));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { area: '', movedOn: '', measures: '' },
    validate: (v) => validateWith(t, relocationInputSchema, toInput(v)),
  });
  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(toInput(v));
    if (r.ok) {
      notify(t('protection.plans.relocation.saved'));
      onDone();
      return;
    }
    const { fields, other: rest } = planFieldErrors(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="relocation-form-heading">
        <Stack gap="sm">
          <Title order={3} size="h6" id="relocation-form-heading">{t('protection.plans.relocation.formTitle')}</Title>
          <PlanFormError error={save.error} other={other} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput label={t('protection.plans.relocation.area')} required maxLength={500} autoComplete="off" spellCheck={false} {...form.getInputProps('area')} />
            <TextInput type="date" label={t('protection.plans.relocation.movedOn')} required {...form.getInputProps('movedOn')} />
          </SimpleGrid>
          <Textarea label={t('protection.plans.relocation.measures')} autosize minRows={2} maxRows={10} maxLength={5000} autoComplete="off" {...form.getInputProps('measures')} />
          <FormButtons pending={save.pending} submit={t('protection.plans.save')} onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}
