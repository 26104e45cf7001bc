import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldError } from '../../contracts/errors.ts';
import { isApiError } from '../api/client.ts';

/** A translated sentence for any failure: API error code, 5xx with reference, or network trouble. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (!isApiError(err)) return t('errors.unexpected');
  if (err.code === 'database_unavailable') return t('errors.database_unavailable');
  if (err.code === 'network') return t('errors.network');
  if (err.code === 'mfa_code_wrong' && err.fields.some((f) => f.path === 'recoveryCode')) return t('errors.recovery_code_wrong');
  if (err.code === 'too_many_attempts') {
    const minutes = err.fields.find((f) => typeof f.params?.minutes === 'number')?.params?.minutes;
    return typeof minutes === 'number' ? t('errors.too_many_attempts_minutes', { count: minutes }) : t('errors.too_many_attempts');
  }
  if (err.status >= 500 || err.code === 'internal') {
    return err.correlationId ? t('errors.server', { reference: err.correlationId }) : t('errors.serverNoReference');
  }
  return t(`errors.${err.code}`, { defaultValue: err.message || t('errors.unexpected') });
}

type FieldIssue = Pick<FieldError, 'path' | 'code' | 'message' | 'params'>;

/** A translated message for one field problem, from the server or from client-side checks (same zod codes). */
export function fieldMessage(t: TFunction, f: FieldIssue): string {
  const p = f.params ?? {};
  const leaf = f.path.split('.').pop() ?? '';
  switch (f.code) {
    case 'too_small':
      if (p.origin === 'array') return t('validation.too_small_array', { minimum: p.minimum });
      if (p.minimum === 1 || p.minimum === undefined) return t('validation.required');
      return t('validation.too_small', { minimum: p.minimum, count: Number(p.minimum) });
    case 'too_big':
      if (p.origin === 'array') return t('validation.too_big_array', { maximum: p.maximum });
      return t('validation.too_big', { maximum: p.maximum, count: Number(p.maximum) });
    case 'invalid_format':
      if (p.format === 'email') return t('validation.invalid_email');
      if (leaf === 'codename') return t('validation.invalid_codename');
      if (leaf === 'code') return t('validation.invalid_code');
      return t('validation.invalid_format');
    case 'too_many_attempts':
      return typeof p.minutes === 'number'
        ? t('validation.too_many_attempts_minutes', { count: p.minutes })
        : t('validation.too_many_attempts');
    case 'custom':
      if (leaf === 'members') return t('validation.team_duplicate');
      // Our own refinements carry a translation key as their message (e.g. "end_before_start").
      return t(`validation.${f.message}`, { defaultValue: f.message || t('validation.invalid') });
    default:
      return t(`validation.${f.code}`, { defaultValue: f.message || t('validation.invalid') });
  }
}

/**
 * Splits an API error's field errors into those a form shows next to its own
 * fields (keyed by path, first message wins) and the rest, for a summary.
 */
export function fieldErrorsFor(t: TFunction, err: unknown, formFields: readonly string[], rename: Record<string, string> = {}) {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  if (isApiError(err)) {
    for (const f of err.fields) {
      // Throttling is about the whole form, not a field: the summary says it.
      if (f.code === 'too_many_attempts') continue;
      const key = rename[f.path] ?? f.path;
      if (formFields.includes(key)) {
        fields[key] ??= fieldMessage(t, f);
      } else {
        other.push(fieldMessage(t, f));
      }
    }
  }
  return { fields, other };
}

/** Client-side check with the shared contract schema; messages use the same translations as server errors. */
export function validateWith<S extends z.ZodType>(t: TFunction, schema: S, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    const params: Record<string, string | number | boolean> = {};
    for (const k of ['minimum', 'maximum', 'origin', 'format'] as const) {
      const v = (issue as unknown as Record<string, unknown>)[k];
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') params[k] = v;
      if (typeof v === 'bigint') params[k] = Number(v);
    }
    // An empty field gets "Please fill this in", whatever rule it broke first.
    const given = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), value);
    if (typeof given === 'string' && given.trim() === '') {
      errors[path] ??= t('validation.required');
      continue;
    }
    errors[path] ??= fieldMessage(t, { path, code: issue.code, message: '', params });
  }
  return errors;
}
