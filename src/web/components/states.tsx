import { Alert, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { errorMessage } from '../lib/errors.ts';
import { useSession } from '../session.tsx';

/** A spinner that screen readers announce as "Loading…". */
export function Loading({ label, minHeight = 160 }: { label?: string; minHeight?: number | string }) {
  const { t } = useTranslation();
  return (
    <Center mih={minHeight} role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden="true" />
        <Text c="dimmed" size="sm">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

export function FullPageLoading() {
  return (
    <main>
      <Loading minHeight="100vh" />
    </main>
  );
}

/** Calm, informative "nothing here yet" block. */
export function Empty({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="xl" bg="gray.0">
      <Stack align="center" gap="xs" ta="center">
        <Text fw={600}>{title}</Text>
        {children ? <Text c="dimmed" size="sm" maw={460}>{children}</Text> : null}
        {action}
      </Stack>
    </Paper>
  );
}

/** A failed load, translated, with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('common.loadFailedTitle')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {onRetry ? <Button size="xs" variant="default" onClick={onRetry}>{t('common.retry')}</Button> : null}
      </Stack>
    </Alert>
  );
}

/** Summary above a form: the translated error plus field problems that have no field of their own. */
export function FormError({ error, other = [] }: { error: unknown; other?: string[] }) {
  const { t } = useTranslation();
  const { restart } = useSession();
  if (!error) return null;
  const sessionGone = isApiError(error) && error.code === 'unauthenticated';
  return (
    <Alert color="red" variant="light" role="alert">
      {/* When every problem is shown at its field, the summary points there instead of repeating it. */}
      <Text size="sm" fw={500}>{isApiError(error) && error.fields.length > 0 && other.length === 0 ? t('errors.see_fields') : errorMessage(t, error)}</Text>
      {sessionGone ? (
        <Button size="xs" mt="xs" variant="default" onClick={() => restart({ notice: 'sessionEnded' })}>
          {t('auth.signInAgain')}
        </Button>
      ) : null}
      {other.length > 0 ? (
        <Stack component="ul" gap={2} mt={4} pl="md" style={{ margin: 0 }}>
          {other.map((m, i) => <Text component="li" size="sm" key={i}>{m}</Text>)}
        </Stack>
      ) : null}
    </Alert>
  );
}
