import { Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { threatActorDetailsSchema, threatLevels, type ThreatActor, type ThreatActorDetails, type ThreatActorKind, type ThreatAnalysis } from '../../../../contracts/threats.ts';
import { addThreatActor, updateThreatActor, useThreatChange } from '../../../api/threats.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { validateWith } from '../../../lib/errors.ts';
import { notify } from '../../../lib/notify.ts';
import { FormButtons, today } from '../../cases/caseShared.tsx';
import { threatFieldErrors, ThreatFormError } from './shared.tsx';

type Values = Omit<ThreatActorDetails, 'lastActivityOn'> & { lastActivityOn: string };
const FIELDS = ['name', 'role', 'relationToClient', 'capability', 'intent', 'lastKnownActivity', 'lastActivityOn', 'notes'] as const;

const empty: Values = { name: '', role: '', relationToClient: '', capability: 'unknown', intent: 'unknown', lastKnownActivity: '', lastActivityOn: '', notes: '' };
const valuesOf = (a: ThreatActor): Values => ({
  name: a.name, role: a.role, relationToClient: a.relationToClient, capability: a.capability, intent: a.intent,
  lastKnownActivity: a.lastKnownActivity, lastActivityOn: a.lastActivityOn ?? '', notes: a.notes,
});
const detailsOf = (v: Values): ThreatActorDetails => ({
  name: v.name.trim(), role: v.role.trim(), relationToClient: v.relationToClient.trim(), capability: v.capability, intent: v.intent,
  lastKnownActivity: v.lastKnownActivity.trim(), lastActivityOn: v.lastActivityOn || null, notes: v.notes.trim(),
});

function useActorForm(initial: Values) {
  const { t } = useTranslation();
  return useForm<Values>({ mode: 'controlled', initialValues: initial, validate: (v) => validateWith(t, threatActorDetailsSchema, detailsOf(v)) });
}

/** The fields of a group or person; the same for adding and editing. */
function ActorFields({ form, kind }: { form: ReturnType<typeof useActorForm>; kind: ThreatActorKind }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`protection.threats.fields.${key}`);
  return (
    <>
      <TextInput label={kind === 'group' ? k('groupName') : k('personName')} required maxLength={200} autoComplete="off" spellCheck={false} data-autofocus {...form.getInputProps('name')} />
      <TextInput label={k('role')} description={kind === 'group' ? k('roleHelpGroup') : k('roleHelpPerson')} maxLength={500} autoComplete="off" {...form.getInputProps('role')} />
      <Textarea label={k('relationToClient')} autosize minRows={2} maxRows={6} maxLength={2000} autoComplete="off" {...form.getInputProps('relationToClient')} />
      {(['capability', 'intent'] as const).map((what) => (
        <Radio.Group key={what} label={t(`protection.threats.${what}`)} description={k(`${what}Help`)} required {...form.getInputProps(what)}>
          <Group gap="md" mt={6}>
            {threatLevels.map((l) => <Radio key={l} value={l} label={t(`protection.threats.levels.${l}`)} />)}
          </Group>
        </Radio.Group>
      ))}
      <Textarea label={k('lastKnownActivity')} autosize minRows={2} maxRows={6} maxLength={2000} autoComplete="off" {...form.getInputProps('lastKnownActivity')} />
      <TextInput type="date" label={k('lastActivityOn')} max={today()} {...form.getInputProps('lastActivityOn')} />
      <Textarea label={k('notes')} autosize minRows={2} maxRows={10} maxLength={5000} autoComplete="off" {...form.getInputProps('notes')} />
    </>
  );
}

export function AddActorModal({ caseId, kind, onClose }: { caseId: string; kind: ThreatActorKind; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useActorForm(empty);
  const save = useThreatChange(caseId, (v: Values) => addThreatActor(caseId, { kind, ...detailsOf(v) }));
  const [other, setOther] = useState<string[]>([]);

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(v);
    if (r.ok) {
      notify(t(kind === 'group' ? 'protection.threats.groupAdded' : 'protection.threats.personAdded'));
      onClose();
      return;
    }
    const { fields, other: rest } = threatFieldErrors(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t(kind === 'group' ? 'protection.threats.addGroup' : 'protection.threats.addPerson')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('protection.threats.encryptedHelp')}</Text>
          <ThreatFormError error={save.error} other={other} />
          <ActorFields form={form} kind={kind} />
          <FormButtons pending={save.pending} submit={t(kind === 'group' ? 'protection.threats.saveGroup' : 'protection.threats.savePerson')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}

/**
 * Edits an actor in place (inside the node drawer). The edit is based on the
 * revision shown when it opened; after a colleague's change, "Reload" reads
 * the analysis again and the form keeps what was typed.
 */
export function EditActorForm({ caseId, actor, reload, onDone }: { caseId: string; actor: ThreatActor; reload: () => Promise<ThreatAnalysis | undefined>; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useActorForm(valuesOf(actor));
  const [base, setBase] = useState(actor.revision);
  const [reloaded, setReloaded] = useState(false);
  const save = useThreatChange(caseId, (v: Values) => updateThreatActor(caseId, actor.id, { ...detailsOf(v), expectedRevision: base }));
  const [other, setOther] = useState<string[]>([]);

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run(v);
    if (r.ok) {
      notify(t('protection.threats.actorSaved'));
      onDone();
      return;
    }
    const { fields, other: rest } = threatFieldErrors(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  const onReload = async () => {
    save.reset();
    const fresh = (await reload())?.actors.find((a) => a.id === actor.id);
    if (fresh) setBase(fresh.revision);
    setReloaded(true);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <ThreatFormError error={save.error} other={other} onReload={onReload} reloaded={reloaded} />
        <ActorFields form={form} kind={actor.kind} />
        <FormButtons pending={save.pending} submit={t('protection.threats.saveChanges')} onCancel={onDone} />
      </Stack>
    </form>
  );
}
