import { Alert, Badge, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import i18n, { type TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../../api/client.ts';
import { FormError } from '../../../components/states.tsx';
import { errorMessage, fieldErrorsFor } from '../../../lib/errors.ts';

const PREFIX = 'protection.plans';

/** Marks what only managers and the case's security officer see. */
export function SealedBadge() {
  const { t } = useTranslation();
  return <Badge color="red.9" variant="light" title={t('protection.plans.sealedHelp')} style={{ flexShrink: 0 }}>{t('protection.plans.sealed')}</Badge>;
}

/**
 * The plans' own error codes are translated here (the shared error texts do not
 * know them): the error keeps its code and fields, with messages in the reader's language.
 */
export function translatePlanError(t: TFunction, err: unknown): unknown {
  if (!isApiError(err)) return err;
  const own = (code: string) => i18n.exists(`${PREFIX}.errors.${code}`);
  if (!own(err.code) && !err.fields.some((f) => own(f.code))) return err;
  return new ApiError(err.status, err.code, own(err.code) ? t(`${PREFIX}.errors.${err.code}`) : err.message,
    err.fields.map((f) => (own(f.code) ? { ...f, message: t(`${PREFIX}.errors.${f.code}`) } : f)), err.correlationId);
}

/** A phone number in the wrong shape gets its own sentence, from the server or from the check in the browser. */
export function withPhoneMessages(t: TFunction, errors: Record<string, string>): Record<string, string> {
  const out = { ...errors };
  for (const key of Object.keys(out)) if (key.endsWith('.phone') && out[key] === t('validation.invalid_format')) out[key] = t('protection.plans.validation.phone');
  return out;
}

/** Field errors of a plan form (server paths renamed to the form's), and the rest for the summary. */
export function planFieldErrors(t: TFunction, err: unknown, formFields: readonly string[], rename: Record<string, string> = {}) {
  const { fields, other } = fieldErrorsFor(t, translatePlanError(t, err), formFields, rename);
  return { fields: withPhoneMessages(t, fields), other };
}

const STALE = new Set(['plan_entry_changed', 'emergency_plan_changed']);

/** The summary above a plan form; a stale revision gets "Reload" (the form keeps what was typed). */
export function PlanFormError({ error, other, onReload }: { error: unknown; other?: string[]; onReload?: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!error) return null;
  if (isApiError(error) && STALE.has(error.code) && onReload) {
    return (
      <Alert color="orange" variant="light" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm" fw={500}>{errorMessage(t, translatePlanError(t, error))}</Text>
          <Button size="xs" variant="default" loading={busy} disabled={busy} onClick={() => {
            setBusy(true);
            void onReload().finally(() => setBusy(false));
          }}>
            {t('protection.plans.reload')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <FormError error={translatePlanError(t, error)} other={other ?? []} />;
}

/** "Remove", then "Yes, remove" / cancel in place: one slip of the finger does not delete a line of a plan. */
export function ConfirmRemove({ what, pending, onConfirm }: { what: string; pending: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setAsking(true)}>
        {t('protection.plans.remove')}<VisuallyHidden> {what}</VisuallyHidden>
      </Button>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-sm" color="red" loading={pending} disabled={pending} onClick={onConfirm}>
        {t('protection.plans.confirmRemove')}<VisuallyHidden> {what}</VisuallyHidden>
      </Button>
      <Button size="compact-sm" variant="default" disabled={pending} onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
    </Group>
  );
}

/** A measure is overdue when it is not done and its due date (YYYY-MM-DD) is before today. */
export function isOverdue(dueOn: string | null, status: string, today: string): boolean {
  return dueOn !== null && status !== 'done' && dueOn < today;
}
