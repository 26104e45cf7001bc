import i18n, { type TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';
import { fieldErrorsFor } from './errors.ts';

/**
 * fieldErrorsFor, plus: a field error whose code has no text under
 * `validation.*` but one under `errors.*` (codename_not_found,
 * programme_unknown, …) shows that translated sentence instead of the
 * server's English message.
 */
export function fieldErrorsByCode(t: TFunction, err: unknown, formFields: readonly string[]) {
  const out = fieldErrorsFor(t, err, formFields);
  if (!isApiError(err)) return out;
  for (const f of err.fields) {
    if (!formFields.includes(f.path)) continue;
    if (!i18n.exists(`validation.${f.code}`) && i18n.exists(`errors.${f.code}`)) out.fields[f.path] = t(`errors.${f.code}`);
  }
  return out;
}
