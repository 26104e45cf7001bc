import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { setupSchema } from '../../../contracts/auth.ts';
import { post } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { forgetSetupToken, setupToken } from '../../lib/setupToken.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useSession } from '../../session.tsx';
import { EnrolmentFlow } from './EnrolmentFlow.tsx';

const FIELDS = ['organisationName', 'name', 'email', 'password'] as const;

/** First start: create the organisation and the first manager with the token from the setup link. */
export function SetupPage({ needsSetup }: { needsSetup: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { restart } = useSession();
  const [step, setStep] = useState<'form' | 'enrol'>('form');
  const finish = useCallback(() => restart({ to: '/' }), [restart]);
  const back = useCallback((why: 'expired' | 'cancel') => {
    // Turning back ends the half-open session that set-up started.
    if (why === 'cancel') void post('/api/auth/logout').catch(() => undefined);
    restart({ to: '/' });
  }, [restart]);

  if (step === 'enrol') return <EnrolmentFlow onDone={finish} onBack={back} />;

  if (!needsSetup) {
    return (
      <AuthLayout title={t('setup.doneTitle')}>
        <Text size="sm">{t('setup.doneBody')}</Text>
        <Button onClick={() => void navigate('/', { replace: true })}>{t('setup.goToSignIn')}</Button>
      </AuthLayout>
    );
  }
  const token = setupToken();
  if (!token) {
    return (
      <AuthLayout title={t('setup.title')}>
        <Alert color="indigo" variant="light">
          <Text size="sm">{t('setup.needLink')}</Text>
        </Alert>
      </AuthLayout>
    );
  }
  return <SetupForm token={token} onDone={() => setStep('enrol')} />;
}

function SetupForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.title'));
  const [other, setOther] = useState<string[]>([]);
  const submit = useSubmit((body: Record<string, string>) => post<{ next: 'enrol' }>('/api/setup', body));
  const form = useForm({
    mode: 'controlled',
    initialValues: { organisationName: '', name: '', email: '', password: '' },
    validate: (v) => validateWith(t, setupSchema, { ...v, token }),
  });

  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const r = await submit.run({ token, ...values });
    if (r.ok) {
      forgetSetupToken();
      onDone();
      return;
    }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, FIELDS);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')} width={480}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={submit.error} other={other} />
          <TextInput label={t('setup.organisationName')} required autoComplete="organization" autoFocus {...form.getInputProps('organisationName')} />
          <TextInput label={t('setup.yourName')} required autoComplete="name" {...form.getInputProps('name')} />
          <TextInput label={t('auth.email')} type="email" required autoComplete="username" {...form.getInputProps('email')} />
          <PasswordInput
            label={t('auth.password')}
            description={t('setup.passwordHelp')}
            required
            autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': t('auth.toggleVisibility') }}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={submit.pending} disabled={submit.pending} fullWidth mt="xs">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
