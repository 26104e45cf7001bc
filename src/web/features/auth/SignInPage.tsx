import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loginSchema } from '../../../contracts/auth.ts';
import { isApiError, post } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { FormError } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useSession } from '../../session.tsx';
import { CodeInput, normaliseCode } from './CodeInput.tsx';
import { EnrolmentFlow } from './EnrolmentFlow.tsx';

type Step = 'credentials' | 'mfa' | 'enrol';

/** Ends a half-open (password-only) session when the person turns back. */
function abandonPendingSession(): void {
  void post('/api/auth/logout').catch(() => undefined);
}

export function SignInPage() {
  const { restart, notice } = useSession();
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [banner, setBanner] = useState<'sessionEnded' | 'signedOut' | 'mfaExpired' | null>(notice);

  const back = useCallback((why: 'expired' | 'cancel') => {
    if (why === 'cancel') abandonPendingSession();
    setBanner(why === 'expired' ? 'mfaExpired' : null);
    setStep('credentials');
  }, []);
  const done = useCallback(() => restart(), [restart]);

  if (step === 'enrol') return <EnrolmentFlow onDone={done} onBack={back} />;
  if (step === 'mfa') return <MfaStep onDone={done} onBack={back} />;
  return (
    <CredentialsStep
      initialEmail={email}
      banner={banner}
      onNext={(next, typedEmail) => {
        setEmail(typedEmail);
        setBanner(null);
        setStep(next);
      }}
    />
  );
}

function CredentialsStep({ initialEmail, banner, onNext }: {
  initialEmail: string;
  banner: 'sessionEnded' | 'signedOut' | 'mfaExpired' | null;
  onNext: (next: 'mfa' | 'enrol', email: string) => void;
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signInTitle'));
  const login = useSubmit((values: { email: string; password: string }) => post<{ next: 'mfa' | 'enrol' }>('/api/auth/login', values));
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: initialEmail, password: '' },
    validate: (v) => validateWith(t, loginSchema, v),
  });

  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const r = await login.run({ email: values.email.trim(), password: values.password });
    if (r.ok) { onNext(r.value.next, values.email.trim()); return; }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['email', 'password']);
    form.setErrors(fields);
    setOther(rest);
  });

  return (
    <AuthLayout title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      {banner ? (
        <Alert color={banner === 'signedOut' ? 'teal' : 'yellow'} variant="light" role="status">
          <Text size="sm">{t(`auth.notice.${banner}`)}</Text>
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={login.error} other={other} />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            visibilityToggleButtonProps={{ 'aria-label': t('auth.toggleVisibility') }}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.pending} disabled={login.pending} fullWidth mt="xs">
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

function MfaStep({ onDone, onBack }: { onDone: () => void; onBack: (why: 'expired' | 'cancel') => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.mfaTitle'));
  const [useRecovery, setUseRecovery] = useState(false);
  const [other, setOther] = useState<string[]>([]);
  const verify = useSubmit((body: { code: string } | { recoveryCode: string }) => post<{ recoveryCodes?: string[] }>('/api/auth/mfa', body));
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '', recoveryCode: '' },
    validate: {
      code: (v) => (useRecovery || /^\d{6}$/.test(normaliseCode(v)) ? null : t('validation.invalid_code')),
      recoveryCode: (v) => (!useRecovery || v.trim().length >= 8 ? null : t('validation.invalid_recovery_code')),
    },
  });

  const onSubmit = form.onSubmit(async (values) => {
    setOther([]);
    const body = useRecovery ? { recoveryCode: values.recoveryCode.trim() } : { code: normaliseCode(values.code) };
    const r = await verify.run(body);
    if (r.ok) { onDone(); return; }
    if (isApiError(r.error) && r.error.code === 'mfa_session_expired') { onBack('expired'); return; }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['code', 'recoveryCode']);
    form.setErrors(fields);
    setOther(rest);
  });

  const toggle = () => {
    setUseRecovery((u) => !u);
    form.clearErrors();
    verify.reset();
    setOther([]);
  };

  return (
    <AuthLayout title={t('auth.mfaTitle')} subtitle={useRecovery ? t('auth.recoverySubtitle') : t('auth.mfaSubtitle')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormError error={verify.error} other={other} />
          {useRecovery ? (
            <TextInput
              key="recovery"
              label={t('auth.recoveryCode')}
              autoComplete="off"
              spellCheck={false}
              required
              autoFocus
              {...form.getInputProps('recoveryCode')}
            />
          ) : (
            <CodeInput key="code" label={t('auth.code')} description={t('auth.codeHelp')} required autoFocus {...form.getInputProps('code')} />
          )}
          <Button type="submit" loading={verify.pending} disabled={verify.pending} fullWidth>
            {t('auth.verify')}
          </Button>
          <Stack gap={6} align="center">
            <Anchor component="button" type="button" size="sm" onClick={toggle}>
              {useRecovery ? t('auth.useAuthenticatorCode') : t('auth.useRecoveryCode')}
            </Anchor>
            <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => onBack('cancel')}>
              {t('auth.backToSignIn')}
            </Anchor>
          </Stack>
        </Stack>
      </form>
    </AuthLayout>
  );
}
