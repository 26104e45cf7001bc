import { NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LinkTarget, ThreatAnalysis } from '../../../../contracts/threats.ts';
import { addThreatLink, useThreatChange } from '../../../api/threats.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { notify } from '../../../lib/notify.ts';
import { FormButtons } from '../../cases/caseShared.tsx';
import { actorNode, CLIENT, staffNode } from './layout.ts';
import { threatFieldErrors, ThreatFormError } from './shared.tsx';

const FIELDS = ['fromActorId', 'to', 'relation'] as const;
/** The server names the other end's part; the form has one field for it. */
const RENAME = { 'to.kind': 'to', 'to.actorId': 'to', 'to.staffId': 'to' };

/** Parses the "to" field's value (a node id) back into the link target. */
export function targetOf(value: string): LinkTarget | null {
  if (value === CLIENT) return { kind: 'client' };
  const [kind, id] = value.split(':');
  if (kind === 'actor' && id) return { kind: 'actor', actorId: id };
  if (kind === 'staff' && id) return { kind: 'staff', staffId: id };
  return null;
}

/** "X is linked to Y": X an actor of the case; Y the client, another actor, or someone on the case team. */
export function LinkModal({ caseId, codename, analysis, fromActorId, onClose }: { caseId: string; codename: string; analysis: ThreatAnalysis; fromActorId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useThreatChange(caseId, (input: { fromActorId: string; to: LinkTarget; relation: string }) => addThreatLink(caseId, input));
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { fromActorId: fromActorId ?? '', to: '', relation: '' },
    validate: {
      fromActorId: (v) => (v ? null : t('protection.threats.chooseOne')),
      to: (v, all) => (!v ? t('protection.threats.chooseOne') : v === actorNode(all.fromActorId) ? t('protection.threats.errors.link_to_self') : null),
      relation: (v) => (v.trim() ? null : t('validation.required')),
    },
  });

  const byKind = (kind: 'group' | 'person') => analysis.actors.filter((a) => a.kind === kind).map((a) => ({ value: a.id, label: a.name }));
  const fromData = [
    { value: '', label: t('protection.threats.choose'), disabled: true },
    { group: t('protection.threats.legend.groups'), items: byKind('group') },
    { group: t('protection.threats.legend.persons'), items: byKind('person') },
  ].filter((g) => !('group' in g) || (g.items?.length ?? 0) > 0);
  const others = (kind: 'group' | 'person') => analysis.actors.filter((a) => a.kind === kind && a.id !== form.values.fromActorId).map((a) => ({ value: actorNode(a.id), label: a.name }));
  const team = analysis.staff.filter((s) => s.teamRole !== null).map((s) => ({ value: staffNode(s.staffId), label: `${s.name} (${t(`roles.${s.staffRole}`, { defaultValue: s.staffRole })})` }));
  const toData = [
    { value: '', label: t('protection.threats.choose'), disabled: true },
    { value: CLIENT, label: t('protection.threats.clientNamed', { codename }) },
    { group: t('protection.threats.legend.groups'), items: others('group') },
    { group: t('protection.threats.legend.persons'), items: others('person') },
    { group: t('protection.threats.legend.staff'), items: team },
  ].filter((g) => !('group' in g) || (g.items?.length ?? 0) > 0);

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const to = targetOf(v.to);
    if (!to) return;
    const r = await save.run({ fromActorId: v.fromActorId, to, relation: v.relation.trim() });
    if (r.ok) {
      notify(t('protection.threats.linkAdded'));
      onClose();
      return;
    }
    const { fields, other: rest } = threatFieldErrors(t, r.error, FIELDS, RENAME);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t('protection.threats.addLink')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('protection.threats.linkHelp')}</Text>
          <ThreatFormError error={save.error} other={other} />
          <NativeSelect label={t('protection.threats.fields.from')} required data={fromData} {...form.getInputProps('fromActorId')} />
          <NativeSelect label={t('protection.threats.fields.to')} required data={toData} {...form.getInputProps('to')} />
          <TextInput label={t('protection.threats.fields.relation')} description={t('protection.threats.fields.relationHelp')} required maxLength={500} autoComplete="off" {...form.getInputProps('relation')} />
          <FormButtons pending={save.pending} submit={t('protection.threats.saveLink')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}
