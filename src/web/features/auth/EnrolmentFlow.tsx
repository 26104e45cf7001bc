import { Anchor, Box, Button, Center, Code, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, isApiError, post } from '../../api/client.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { FormError, LoadError } from '../../components/states.tsx';
import { fieldErrorsFor } from '../../lib/errors.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { CodeInput, normaliseCode } from './CodeInput.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

type Enrolment = { secret: string; otpauthUri: string; qr: string };

function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? [secret]).join(' ');
}

/**
 * First sign-in: scan the secret, confirm one code, then see the recovery
 * codes once. The secret is fetched here and kept in component state only.
 */
export function EnrolmentFlow({ onDone, onBack }: { onDone: () => void; onBack: (why: 'expired' | 'cancel') => void }) {
  const { t } = useTranslation();
  useDocumentTitle(t('enrol.title'));
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [showKey, setShowKey] = useState(false);
  const started = useRef(-1);

  useEffect(() => {
    // Each request makes a new secret on the server: ask once per attempt (StrictMode runs effects twice).
    if (started.current === attempt) return;
    started.current = attempt;
    setLoadError(null);
    (async () => {
      try {
        const e = await get<{ secret: string; otpauthUri: string }>('/api/auth/mfa/enrolment');
        const qr = await QRCode.toDataURL(e.otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 400 });
        setEnrolment({ ...e, qr });
      } catch (err) {
        if (isApiError(err) && err.code === 'mfa_session_expired') onBack('expired');
        else setLoadError(err);
      }
    })();
  }, [attempt, onBack]);

  const verify = useSubmit((code: string) => post<{ recoveryCodes?: string[] }>('/api/auth/mfa', { code }));
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(normaliseCode(v)) ? null : t('validation.invalid_code')) },
  });
  const [other, setOther] = useState<string[]>([]);

  const onSubmit = form.onSubmit(async (values) => {
    const r = await verify.run(normaliseCode(values.code));
    if (r.ok) {
      // The secret is no longer needed on screen.
      setEnrolment(null);
      if (r.value.recoveryCodes?.length) setRecoveryCodes(r.value.recoveryCodes);
      else onDone();
      return;
    }
    if (isApiError(r.error) && r.error.code === 'mfa_session_expired') { onBack('expired'); return; }
    const { fields, other: rest } = fieldErrorsFor(t, r.error, ['code']);
    form.setErrors(fields);
    setOther(rest);
  });

  if (recoveryCodes) {
    return (
      <AuthLayout title={t('enrol.recovery.title')} width={520}>
        <RecoveryCodes codes={recoveryCodes} onContinue={onDone} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('enrol.title')} subtitle={t('enrol.subtitle')} width={520}>
      {loadError ? (
        <Stack>
          <LoadError error={loadError} onRetry={() => setAttempt((a) => a + 1)} />
          <Button variant="subtle" onClick={() => onBack('cancel')}>{t('auth.backToSignIn')}</Button>
        </Stack>
      ) : !enrolment ? (
        <Center mih={240} role="status">
          <Loader size="sm" aria-hidden="true" />
          <Text c="dimmed" size="sm" ml="sm">{t('common.loading')}</Text>
        </Center>
      ) : (
        <Stack gap="lg">
          <Box>
            <Title order={2} size="h5" mb={4}>{t('enrol.step1Title')}</Title>
            <Text size="sm" c="dimmed">{t('enrol.step1Body')}</Text>
          </Box>
          <Box>
            <Title order={2} size="h5" mb="xs">{t('enrol.step2Title')}</Title>
            <Stack align="center" gap="xs">
              <Paper withBorder p={4} radius="md" bg="white">
                <img className="qr-image" src={enrolment.qr} alt={t('enrol.qrAlt')} width={200} height={200} />
              </Paper>
              <Anchor component="button" type="button" size="sm" onClick={() => setShowKey((s) => !s)} aria-expanded={showKey}>
                {showKey ? t('enrol.hideKey') : t('enrol.cantScan')}
              </Anchor>
              {showKey ? (
                <Stack gap={4} align="center">
                  <Text size="sm" c="dimmed">{t('enrol.keyHelp')}</Text>
                  <Code block className="secret-text" fz="md">{groupSecret(enrolment.secret)}</Code>
                  <Text size="xs" c="dimmed">{t('enrol.keyDetails')}</Text>
                </Stack>
              ) : null}
            </Stack>
          </Box>
          <Box>
            <Title order={2} size="h5" mb="xs">{t('enrol.step3Title')}</Title>
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="md">
                <FormError error={verify.error} other={other} />
                <CodeInput label={t('auth.code')} description={t('auth.codeHelp')} required {...form.getInputProps('code')} />
                <Button type="submit" loading={verify.pending} disabled={verify.pending} fullWidth>{t('auth.verify')}</Button>
              </Stack>
            </form>
          </Box>
          <Button variant="subtle" color="gray" onClick={() => onBack('cancel')}>{t('auth.backToSignIn')}</Button>
        </Stack>
      )}
    </AuthLayout>
  );
}
