import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { createContext, use, useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessBasis, CaseDetail, NoteLevel } from '../../../contracts/cases.ts';
import type { CriterionStatus } from '../../../contracts/intake.ts';
import { ApiError, isApiError } from '../../api/client.ts';
import { FormError } from '../../components/states.tsx';
import { errorMessage, fieldErrorsFor } from '../../lib/errors.ts';

/** The case on screen, and a way to read it again (after a colleague changed it). */
export type CaseScreen = { detail: CaseDetail; reload: () => Promise<CaseDetail | undefined> };
const CaseContext = createContext<CaseScreen | null>(null);
export const CaseProvider = CaseContext;

export function useCaseScreen(): CaseScreen {
  const c = use(CaseContext);
  if (!c) throw new Error('useCaseScreen outside a case page');
  return c;
}

/**
 * The case version a form is based on: taken when the form opens, so a
 * colleague's change in between is a 409 rather than silently overwritten.
 * After "Reload" the form keeps what was typed and is based on the new version.
 */
export function useBaseVersion() {
  const { detail, reload } = useCaseScreen();
  const [base, setBase] = useState(detail.version);
  const [reloaded, setReloaded] = useState(false);
  const reloadBase = useCallback(async () => {
    const fresh = await reload();
    if (fresh) {
      setBase(fresh.version);
      setReloaded(true);
    }
  }, [reload]);
  return { base, setBase, reloadBase, reloaded };
}

/** Errors whose cure is to read the case (or note) again. */
const STALE = new Set(['case_changed', 'transition_not_allowed', 'note_changed']);

/** The gate's field codes are translated under errors.* (they are whole sentences). */
function translateGateFields(t: TFunction, err: unknown): unknown {
  if (!isApiError(err) || !err.fields.some((f) => f.code.startsWith('gate_'))) return err;
  return new ApiError(err.status, err.code, err.message,
    err.fields.map((f) => (f.code.startsWith('gate_') ? { ...f, message: t(`errors.${f.code}`, { defaultValue: f.message }) } : f)), err.correlationId);
}

/** `fieldErrorsFor` that also knows the safeguarding gate's codes. */
export function caseFieldErrors(t: TFunction, err: unknown, formFields: readonly string[], rename: Record<string, string> = {}) {
  return fieldErrorsFor(t, translateGateFields(t, err), formFields, rename);
}

/**
 * The summary above a case form. A stale version gets a "Reload" button: the
 * case is read again and the form keeps what was typed.
 */
export function CaseFormError({ error, other, onReload, reloaded }: { error: unknown; other?: string[]; onReload?: () => Promise<void>; reloaded?: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!error) {
    return reloaded ? (
      <Alert color="indigo" variant="light" role="status">
        <Text size="sm">{t('lifecycle.conflict.reloaded')}</Text>
      </Alert>
    ) : null;
  }
  if (isApiError(error) && STALE.has(error.code) && onReload) {
    return (
      <Alert color="orange" variant="light" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm" fw={500}>{errorMessage(t, error)}</Text>
          <Text size="sm">{t('lifecycle.conflict.keepTyped')}</Text>
          <Button size="xs" variant="default" loading={busy} disabled={busy} onClick={() => {
            setBusy(true);
            void onReload().finally(() => setBusy(false));
          }}>
            {t('lifecycle.conflict.reload')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <FormError error={error} other={other ?? []} />;
}

/** One state badge everywhere: the list's. */
export { CaseStateBadge } from './listBadges.tsx';

export function BasisBadge({ basis }: { basis: AccessBasis }) {
  const { t } = useTranslation();
  const color = basis === 'break_glass' ? 'red.9' : basis === 'manager' ? 'indigo' : 'gray';
  return <Badge variant={basis === 'break_glass' ? 'filled' : 'light'} color={color} style={{ flexShrink: 0 }}>{t(`lifecycle.basis.${basis}`)}</Badge>;
}

const LEVEL_COLORS: Record<NoteLevel, string> = { team: 'gray', restricted: 'orange', sealed: 'red' };

export function NoteLevelBadge({ level }: { level: NoteLevel }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={LEVEL_COLORS[level]} style={{ flexShrink: 0 }}>{t(`lifecycle.notes.levels.${level}`)}</Badge>;
}

const CRITERION_COLORS: Record<CriterionStatus, string> = { met: 'teal', not_met: 'red', unknown: 'yellow' };

export function CriterionBadge({ status }: { status: CriterionStatus }) {
  const { t } = useTranslation();
  return <Badge variant="light" color={CRITERION_COLORS[status]} style={{ flexShrink: 0 }}>{t(`lifecycle.eligibility.status.${status}`)}</Badge>;
}

/** Done / missing marker for one item of the safeguarding gate. */
export function GateBadge({ done, label }: { done: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={done ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
      {label ?? (done ? t('lifecycle.gate.done') : t('lifecycle.gate.missing'))}
    </Badge>
  );
}

/** A label and its value, for read-only case facts. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={500}>{label}</Text>
      <Text component="div" size="sm" className="note-text">{children}</Text>
    </Stack>
  );
}

/** Shown instead of a value that nobody recorded. */
export function NotRecorded() {
  const { t } = useTranslation();
  return <Text span size="sm" c="dimmed">{t('lifecycle.notRecorded')}</Text>;
}

/** Today's date as YYYY-MM-DD in the reader's time zone (for date fields). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function FormButtons({ pending, submit, onCancel, color }: { pending: boolean; submit: string; onCancel: () => void; color?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel} disabled={pending}>{t('common.cancel')}</Button>
      <Button type="submit" loading={pending} disabled={pending} {...(color ? { color } : {})}>{submit}</Button>
    </Group>
  );
}
