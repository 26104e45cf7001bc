import { Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { informationInputSchema, informationStatuses, type InformationEntry, type InformationInput, type InformationStatus } from '../../../../contracts/plans.ts';
import { addInformation, removeInformation, updateInformation, usePlanChange, useRefreshPlan } from '../../../api/plans.ts';
import { Empty } from '../../../components/states.tsx';
import { validateWith } from '../../../lib/errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { notify } from '../../../lib/notify.ts';
import { FormButtons } from '../../cases/caseShared.tsx';
import { ConfirmRemove, PlanFormError, planFieldErrors } from './planShared.tsx';

const STATUS_COLORS: Record<InformationStatus, string> = { to_inform: 'yellow', informed: 'teal', must_not_know: 'red' };

export function InformationStatusBadge({ status }: { status: InformationStatus }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={STATUS_COLORS[status]} style={{ flexShrink: 0 }}>{t(`protection.plans.information.statuses.${status}`)}</Badge>;
}

/** The information plan: who may know what about the exit, and who told them. */
export function InformationPlan({ caseId, entries, mayWrite }: { caseId: string; entries: InformationEntry[]; mayWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // null: no form; 'new': adding; otherwise the id of the entry being changed.
  const [editing, setEditing] = useState<string | null>(null);
  const remove = usePlanChange(caseId, 'shield', (e: InformationEntry) => removeInformation(caseId, e.id, e.revision));
  const [removeError, setRemoveError] = useState<unknown>(null);
  const editedEntry = editing && editing !== 'new' ? entries.find((e) => e.id === editing) ?? null : null;

  const onRemove = async (e: InformationEntry) => {
    setRemoveError(null);
    const r = await remove.run(e);
    if (r.ok) notify(t('protection.plans.information.removed'));
    else setRemoveError(r.error);
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="information-plan-heading">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={0}>
          <Title order={3} size="h5" id="information-plan-heading">{t('protection.plans.information.title')}</Title>
          <Text size="sm" c="dimmed">{t('protection.plans.information.help')}</Text>
        </Stack>
        {mayWrite && editing === null ? <Button size="xs" variant="light" onClick={() => setEditing('new')}>{t('protection.plans.information.add')}</Button> : null}
      </Group>
      {editing !== null && mayWrite ? (
        <InformationForm key={editing} caseId={caseId} entry={editedEntry} onDone={() => setEditing(null)} />
      ) : null}
      <PlanFormError error={removeError} />
      {entries.length === 0 ? (
        <Empty title={t('protection.plans.information.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="xs" striped>
            <Table.Caption className="sr-only">{t('protection.plans.information.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('protection.plans.information.who')}</Table.Th>
                <Table.Th>{t('protection.plans.information.status')}</Table.Th>
                <Table.Th>{t('protection.plans.information.mayKnow')}</Table.Th>
                <Table.Th>{t('protection.plans.information.toldBy')}</Table.Th>
                {mayWrite ? <Table.Th><span className="sr-only">{t('common.actions')}</span></Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td><Text size="sm" className="note-text">{e.who}</Text></Table.Td>
                  <Table.Td><InformationStatusBadge status={e.status} /></Table.Td>
                  <Table.Td><Text size="sm" className="note-text">{e.mayKnow}</Text></Table.Td>
                  <Table.Td>
                    <Text size="sm" className="note-text">{[e.toldBy, e.toldOn ? fmt.date(e.toldOn) : ''].filter(Boolean).join(', ')}</Text>
                  </Table.Td>
                  {mayWrite ? (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end" role="group" aria-label={t('protection.plans.information.actionsFor', { who: e.who })}>
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(e.id)} disabled={editing !== null}>{t('protection.plans.edit')}</Button>
                        <ConfirmRemove what={e.who} pending={remove.pending} onConfirm={() => void onRemove(e)} />
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

type Values = { status: string; who: string; mayKnow: string; toldBy: string; toldOn: string };
const FIELDS = ['status', 'who', 'mayKnow', 'toldBy', 'toldOn'] as const;

const toInput = (v: Values) => ({ status: v.status as InformationStatus, who: v.who.trim(), mayKnow: v.mayKnow.trim(), toldBy: v.toldBy.trim(), toldOn: v.toldOn || null }) satisfies InformationInput;

function InformationForm({ caseId, entry, onDone }: { caseId: string; entry: InformationEntry | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<string[]>([]);
  const refresh = useRefreshPlan(caseId, 'shield');
  // The entry's revision is read at save time: after "Reload" it is the colleague's, and what was typed stays.
  const save = usePlanChange(caseId, 'shield', (input: InformationInput) =>
    entry ? updateInformation(caseId, entry.id, { ...input, revision: entry.revision }) : addInformation(caseId, input));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { status: entry?.status ?? 'to_inform', who: entry?.who ?? '', mayKnow: entry?.mayKnow ?? '', toldBy: entry?.toldBy ?? '', toldOn: entry?.toldOn ?? '' },
    validate: (v) => validateWith(t, informationInputSchema, toInput(v)),
  });
  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(toInput(v));
    if (r.ok) {
      notify(t(entry ? 'protection.plans.information.saved' : 'protection.plans.information.added'));
      onDone();
      return;
    }
    const { fields, other: rest } = planFieldErrors(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });
  const headingId = `information-form-${entry?.id ?? 'new'}`;
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
        <Stack gap="sm">
          <Title order={4} size="h6" id={headingId}>{t(entry ? 'protection.plans.information.formTitleEdit' : 'protection.plans.information.formTitleNew')}</Title>
          <PlanFormError error={save.error} other={other} onReload={async () => { save.reset(); await refresh(); }} />
          <TextInput label={t('protection.plans.information.who')} description={t('protection.plans.information.whoHelp')} required maxLength={300} autoComplete="off" {...form.getInputProps('who')} />
          <NativeSelect
            label={t('protection.plans.information.status')} required
            data={informationStatuses.map((s) => ({ value: s, label: t(`protection.plans.information.statuses.${s}`) }))}
            {...form.getInputProps('status')}
          />
          <Textarea label={t('protection.plans.information.mayKnow')} autosize minRows={2} maxRows={8} maxLength={2000} autoComplete="off" {...form.getInputProps('mayKnow')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput label={t('protection.plans.information.toldBy')} maxLength={300} autoComplete="off" {...form.getInputProps('toldBy')} />
            <TextInput type="date" label={t('protection.plans.information.toldOn')} {...form.getInputProps('toldOn')} />
          </SimpleGrid>
          <FormButtons pending={save.pending} submit={t('protection.plans.save')} onCancel={onDone} />
        </Stack>
      </form>
    </Paper>
  );
}
