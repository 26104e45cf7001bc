import { NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addKnowledgeSchema, knowledgeCategories, type AddKnowledgeInput } from '../../../../contracts/threats.ts';
import { addKnowledge, useThreatChange } from '../../../api/threats.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { validateWith } from '../../../lib/errors.ts';
import { notify } from '../../../lib/notify.ts';
import { FormButtons } from '../../cases/caseShared.tsx';
import { threatFieldErrors, ThreatFormError } from './shared.tsx';

const FIELDS = ['category', 'notes'] as const;

/** Dangerous knowledge the client holds: what kind (plain, for lists) and what exactly (encrypted). */
export function KnowledgeModal({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useThreatChange(caseId, (input: AddKnowledgeInput) => addKnowledge(caseId, input));
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { category: '', notes: '' },
    validate: (v) => {
      const errors = validateWith(t, addKnowledgeSchema, { category: v.category, notes: v.notes.trim() });
      if (errors.category) errors.category = t('protection.threats.chooseOne');
      return errors;
    },
  });

  const onSubmit = form.onSubmit(async (v) => {
    setOther([]);
    const r = await save.run({ category: v.category as AddKnowledgeInput['category'], notes: v.notes.trim() });
    if (r.ok) {
      notify(t('protection.threats.knowledgeAdded'));
      onClose();
      return;
    }
    const { fields, other: rest } = threatFieldErrors(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal title={t('protection.threats.addKnowledge')} onClose={onClose} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('protection.threats.knowledgeHelp')}</Text>
          <ThreatFormError error={save.error} other={other} />
          <NativeSelect
            label={t('protection.threats.fields.category')} required
            data={[{ value: '', label: t('protection.threats.choose'), disabled: true }, ...knowledgeCategories.map((c) => ({ value: c, label: t(`protection.threats.categories.${c}`) }))]}
            {...form.getInputProps('category')}
          />
          <Textarea label={t('protection.threats.fields.knowledgeNotes')} required autosize minRows={3} maxRows={10} maxLength={5000} autoComplete="off" spellCheck={false} {...form.getInputProps('notes')} />
          <FormButtons pending={save.pending} submit={t('protection.threats.saveKnowledge')} onCancel={onClose} />
        </Stack>
      </form>
    </AppModal>
  );
}
