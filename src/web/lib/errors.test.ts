import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseSchema } from '../../contracts/cases.ts';
import { createStaffSchema } from '../../contracts/staff.ts';
import { ApiError } from '../api/client.ts';
import { de } from '../i18n/de.ts';
import { en } from '../i18n/en.ts';
import { errorMessage, fieldErrorsFor, fieldMessage, validateWith } from './errors.ts';

let t: TFunction;
let tDe: TFunction;

beforeAll(async () => {
  const make = async (lng: string) => {
    const i = createInstance();
    await i.init({ lng, resources: { en: { translation: en }, de: { translation: de } }, fallbackLng: 'en', interpolation: { escapeValue: false } });
    return i.t;
  };
  t = await make('en');
  tDe = await make('de');
});

describe('errorMessage', () => {
  it('translates the stable code, German too', () => {
    const err = new ApiError(401, 'invalid_credentials', 'server text');
    expect(errorMessage(t, err)).toBe('The e-mail address or the password is not right.');
    expect(errorMessage(tDe, err)).toBe('E-Mail-Adresse oder Passwort stimmen nicht.');
  });
  it('falls back to the server message for unknown codes', () => {
    expect(errorMessage(t, new ApiError(400, 'brand_new_code', 'Server says so'))).toBe('Server says so');
  });
  it('shows the reference for 5xx and the database text for 503', () => {
    expect(errorMessage(t, new ApiError(500, 'internal', 'x', [], 'abc-123'))).toBe('Something went wrong. Reference: abc-123');
    expect(errorMessage(t, new ApiError(503, 'database_unavailable', 'x', [], 'r'))).toMatch(/database is not reachable/);
  });
  it('uses the wait time of a throttled sign-in', () => {
    const err = new ApiError(429, 'too_many_attempts', 'x', [{ path: 'email', code: 'too_many_attempts', message: 'x', params: { minutes: 15 } }]);
    expect(errorMessage(t, err)).toBe('Too many attempts. Please try again in 15 minutes.');
  });
});

describe('field errors', () => {
  it('maps server paths to form fields and keeps the rest for the summary', () => {
    const err = new ApiError(400, 'validation_failed', 'x', [
      { path: 'email', code: 'invalid_format', message: 'x', params: { format: 'email' } },
      { path: 'password', code: 'too_small', message: 'x', params: { minimum: 12, origin: 'string' } },
      { path: 'extra', code: 'unrecognized_keys', message: 'x' },
    ]);
    const { fields, other } = fieldErrorsFor(t, err, ['email', 'password']);
    expect(fields).toEqual({ email: 'Enter a valid e-mail address.', password: 'Use at least 12 characters.' });
    expect(other).toEqual(['This field is not expected.']);
  });
  it('translates our own codes', () => {
    expect(fieldMessage(t, { path: 'codename', code: 'codename_taken', message: 'x' })).toBe('Another case already uses this codename.');
    expect(fieldMessage(tDe, { path: 'members.0.staffId', code: 'role_cannot_work_cases', message: 'x' })).toMatch(/Fallteam/);
  });
});

describe('validateWith (client side, same messages)', () => {
  it('reports empty and malformed fields', () => {
    const errors = validateWith(t, createStaffSchema, { name: '', email: 'nope', role: 'manager', password: 'short' });
    expect(errors).toEqual({ name: 'Please fill this in.', email: 'Enter a valid e-mail address.', password: 'Use at least 12 characters.' });
  });
  it('explains the codename rule', () => {
    expect(validateWith(t, createCaseSchema, { codename: '-bad' }).codename).toMatch(/Start with a letter or number/);
    const referral = { route: 'self', referrer: '', referredOn: '2025-03-01', firstInformation: '' };
    expect(validateWith(t, createCaseSchema, { codename: 'Kestrel', programmeId: '00000000-0000-4000-8000-000000000001', referral })).toEqual({});
  });
  it('names nested referral fields by their path, as the referral form shows them', () => {
    const errors = validateWith(t, createCaseSchema, { codename: 'Kestrel', programmeId: '', referral: { route: '', referrer: '', referredOn: '', firstInformation: '' } });
    expect(errors).toEqual({ programmeId: 'Please fill this in.', 'referral.route': 'Please fill this in.', 'referral.referredOn': 'Please fill this in.' });
  });
});
