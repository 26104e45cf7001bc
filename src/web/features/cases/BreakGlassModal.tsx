import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { breakGlassSchema } from '../../../contracts/identity.ts';
import { breakGlass } from '../../api/reviews.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsByCode } from '../../lib/codeFieldErrors.ts';
import { validateWith } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { useSubmit } from '../../lib/useSubmit.ts';

const FIELDS = ['codename', 'reason', 'hours'] as const;

/**
 * Break the glass: open a case one is not on, in an emergency. The exact
 * codename is needed (there is no browsing), every manager is alerted at once
 * and the access is reviewed afterwards. The reason is sent once and never cached.
 */
export function BreakGlassModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const submit = useSubmit(breakGlass);
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { codename: '', reason: '', hours: '1' },
    validate: (v) => validateWith(t, breakGlassSchema, { ...v, hours: Number(v.hours) }),
  });

  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const r = await submit.run({ codename: values.codename.trim(), reason: values.reason.trim(), hours: Number(values.hours) });
    if (r.ok) {
      notify(t('cases.breakGlassForm.opened'), 'teal');
      onClose();
      void navigate(`/cases/${encodeURIComponent(r.value.caseId)}`);
      return;
    }
    const { fields, other: rest } = fieldErrorsByCode(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AppModal onClose={onClose} title={t('cases.breakGlassForm.title')} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Alert color="red" variant="light" title={t('cases.breakGlassForm.warningTitle')}>
            <Stack gap={4}>
              <Text size="sm">{t('cases.breakGlassForm.warningAlert')}</Text>
              <Text size="sm">{t('cases.breakGlassForm.warningReview')}</Text>
            </Stack>
          </Alert>
          <FormError error={submit.error} other={other} />
          <TextInput
            label={t('cases.breakGlassForm.codename')}
            description={t('cases.breakGlassForm.codenameHelp')}
            required
            maxLength={60}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
            {...form.getInputProps('codename')}
          />
          <Textarea
            label={t('cases.breakGlassForm.reason')}
            description={t('cases.breakGlassForm.reasonHelp')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps('reason')}
          />
          <NativeSelect
            label={t('cases.breakGlassForm.duration')}
            description={t('cases.breakGlassForm.durationHelp')}
            required
            w={{ base: '100%', xs: 220 }}
            data={[1, 2, 3, 4].map((h) => ({ value: String(h), label: t('cases.breakGlassForm.hours', { count: h }) }))}
            {...form.getInputProps('hours')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" color="red.8" loading={submit.pending} disabled={submit.pending}>{t('cases.breakGlassForm.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
