import { z } from 'zod';
import type { FieldError } from './errors.ts';

/**
 * Structured risk assessment (issue 5). Instruments are data: an organisation loads
 * the definition of an instrument it holds a licence for as a JSON file in the format
 * below (docs/risk-instrument.md); Exitdesk ships only its own open screening instrument.
 */
export const INSTRUMENT_FORMAT = 'exitdesk-instrument/1';
export const itemKinds = ['risk', 'protective', 'motivational', 'other'] as const;
export type ItemKind = (typeof itemKinds)[number];
export const assessmentLevels = ['low', 'moderate', 'high', 'imminent'] as const;
export const assessmentLevelSchema = z.enum(assessmentLevels);
export type AssessmentLevel = z.infer<typeof assessmentLevelSchema>;

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);
/** A text in one language, or the same text in several: {"en": "…", "de": "…"}. */
export const localTextSchema = (max: number) => z.union([
  z.string().trim().min(1).max(max),
  z.record(languageTag, z.string().trim().min(1).max(max)).refine((o) => Object.keys(o).length > 0, { message: 'no_language' }),
]);
export type LocalText = string | Record<string, string>;

const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/);

const scaleOptionSchema = z.strictObject({
  code,
  label: localTextSchema(200),
  description: localTextSchema(1000).optional(),
  /** A rated option has a value; the one "insufficient information" option has none. */
  value: z.number().finite().min(-1000).max(1000).optional(),
  insufficientInformation: z.literal(true).optional(),
});

const itemSchema = z.strictObject({
  code,
  kind: z.enum(itemKinds),
  text: localTextSchema(2000),
  guidance: localTextSchema(4000).optional(),
});

const domainSchema = z.strictObject({
  code,
  name: localTextSchema(200),
  description: localTextSchema(2000).optional(),
  items: z.array(itemSchema).min(1).max(200),
});

/** One instrument file. Unknown fields are refused, so a typo never silently drops a part. */
export const instrumentFileSchema = z.strictObject({
  format: z.literal(INSTRUMENT_FORMAT),
  key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/),
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,31}$/),
  name: localTextSchema(200),
  /** Languages in order of preference; the first is shown when the reader's is missing. */
  languages: z.array(languageTag).min(1).max(20).optional(),
  licence: localTextSchema(4000),
  description: localTextSchema(4000).optional(),
  requiresCertification: z.boolean(),
  /** The staff certification that lets someone sign; defaults to the instrument's name. */
  certificationName: z.string().trim().min(1).max(200).optional(),
  reviewIntervalDays: z.number().int().min(1).max(3650),
  scale: z.array(scaleOptionSchema).min(1).max(20),
  domains: z.array(domainSchema).min(1).max(50),
});
export type InstrumentFile = z.infer<typeof instrumentFileSchema>;
/** What is stored and served: the file with its language order settled. */
export type InstrumentDefinition = InstrumentFile & { languages: string[] };
export type ScaleOption = InstrumentFile['scale'][number];
export type Domain = InstrumentFile['domains'][number];
export type Item = Domain['items'][number];

/** `domains[1].items[3].code`, the way the file's author sees it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

type Issue = z.core.$ZodIssue;
const valueAt = (root: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function describe(issue: Issue, root: unknown, base: readonly PropertyKey[] = []): FieldError[] {
  const path = [...base, ...issue.path];
  const at = formatPath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ path: formatPath([...path, k]), code: 'unknown_field', message: `unknown field "${k}"`, params: { field: k } }));
    case 'invalid_union': {
      // A text is a string or an object of language → text: report the errors of the form that was given.
      const given = valueAt(root, path);
      if (given === undefined) return [{ path: at, code: 'required', message: 'required' }];
      const branch = typeof given === 'string' ? issue.errors[0] : isObject(given) ? issue.errors[1] : undefined;
      if (branch) return branch.flatMap((i) => describe(i, root, path));
      return [{ path: at, code: 'invalid_text', message: 'expected a text, or an object of language → text' }];
    }
    case 'invalid_key':
      return [{ path: at, code: 'invalid_language', message: 'expected a language code such as "en" or "de"' }];
    case 'too_small':
      if (issue.origin === 'array' && Number(issue.minimum) === 1) return [{ path: at, code: 'empty', message: 'must not be empty' }];
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return [{ path: at, code: 'empty', message: 'must not be empty' }];
      return [{ path: at, code: 'too_small', message: issue.message, params: { minimum: Number(issue.minimum) } }];
    case 'too_big':
      return [{ path: at, code: 'too_big', message: issue.message, params: { maximum: Number(issue.maximum) } }];
    case 'invalid_value':
      return [{ path: at, code: 'invalid_value', message: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}` }];
    case 'invalid_type':
      return [{ path: at, code: valueAt(root, path) === undefined ? 'required' : 'invalid_type', message: valueAt(root, path) === undefined ? 'required' : `expected ${issue.expected}`, params: { expected: issue.expected } }];
    case 'custom':
      if (issue.message === 'no_language') return [{ path: at, code: 'empty', message: 'must not be empty' }];
      return [{ path: at, code: 'invalid', message: issue.message }];
    default:
      return [{ path: at, code: issue.code, message: issue.message }];
  }
}

/**
 * Checks across the file (codes unique, the scale's shape) on whatever parts have
 * the right shape, so one upload reports every problem, not only the first kind.
 */
function crossChecks(raw: unknown): FieldError[] {
  const out: FieldError[] = [];
  if (!isObject(raw)) return out;
  const dup = (path: string, value: string, first: string): FieldError =>
    ({ path, code: 'duplicate_code', message: `duplicate code "${value}" (first at ${first})`, params: { value, firstAt: first } });
  const seen = (map: Map<string, string>, c: unknown, where: string) => {
    if (typeof c !== 'string') return;
    const first = map.get(c);
    if (first) out.push(dup(`${where}.code`, c, first));
    else map.set(c, where);
  };

  if (Array.isArray(raw.scale) && raw.scale.length > 0) {
    const codes = new Map<string, string>();
    let insufficientAt: string | null = null;
    let rated = 0;
    let last: { value: number; at: string } | null = null;
    raw.scale.forEach((o, i) => {
      const where = `scale[${i}]`;
      if (!isObject(o)) return;
      seen(codes, o.code, where);
      const hasValue = typeof o.value === 'number';
      const insufficient = o.insufficientInformation === true;
      if (hasValue && insufficient) out.push({ path: where, code: 'scale_option_both', message: 'an option has a value or is "insufficient information", not both' });
      else if (!hasValue && !insufficient && o.value === undefined && o.insufficientInformation === undefined) {
        out.push({ path: where, code: 'scale_option_neither', message: 'give a "value", or mark the option "insufficientInformation": true' });
      }
      if (insufficient && !hasValue) {
        if (insufficientAt) out.push({ path: `${where}.insufficientInformation`, code: 'scale_insufficient_twice', message: `only one option may be "insufficient information" (first at ${insufficientAt})`, params: { firstAt: insufficientAt } });
        else insufficientAt = where;
      }
      if (hasValue && !insufficient) {
        rated++;
        const value = o.value as number;
        if (last && value <= last.value) out.push({ path: `${where}.value`, code: 'scale_not_ascending', message: `rated options go from the lowest value to the highest: this one must be above ${last.value} (${last.at})`, params: { previous: last.value, previousAt: last.at } });
        last = { value, at: where };
      }
    });
    if (!insufficientAt) out.push({ path: 'scale', code: 'scale_no_insufficient', message: 'the scale needs exactly one "insufficient information" option ("insufficientInformation": true)' });
    if (rated === 0) out.push({ path: 'scale', code: 'scale_no_rated', message: 'the scale needs at least one rated option (with a "value")' });
  }

  if (Array.isArray(raw.domains)) {
    const domainCodes = new Map<string, string>();
    const itemCodes = new Map<string, string>();
    raw.domains.forEach((d, i) => {
      if (!isObject(d)) return;
      seen(domainCodes, d.code, `domains[${i}]`);
      if (Array.isArray(d.items)) d.items.forEach((it, k) => { if (isObject(it)) seen(itemCodes, it.code, `domains[${i}].items[${k}]`); });
    });
    if (itemCodes.size > 1000) out.push({ path: 'domains', code: 'too_many_items', message: 'an instrument has at most 1000 items' });
  }
  if (raw.requiresCertification === false && raw.certificationName !== undefined) {
    out.push({ path: 'certificationName', code: 'certification_unused', message: 'a certification name only makes sense with "requiresCertification": true' });
  }
  return out;
}

/** The language order of a definition: as declared, else the order of the first multilingual text. */
function languagesOf(file: InstrumentFile): string[] {
  if (file.languages) return file.languages;
  const texts: LocalText[] = [file.name, file.licence, ...file.scale.map((s) => s.label), ...file.domains.flatMap((d) => [d.name, ...d.items.map((i) => i.text)])];
  const first = texts.find((t) => typeof t !== 'string');
  return first && typeof first !== 'string' ? Object.keys(first) : [];
}

export type InstrumentCheck = { ok: true; definition: InstrumentDefinition } | { ok: false; errors: FieldError[] };

/** Every problem of an instrument file, each with its exact place; or the definition to store. */
export function checkInstrument(raw: unknown): InstrumentCheck {
  // Arrays far beyond their limits are refused before anything walks them: zod checks every
  // element even past `.max()`, and a 240 KB file of empty objects would otherwise keep the
  // process busy for seconds (with the staff-safety timers waiting behind it).
  const oversized = oversizedArrays(raw);
  if (oversized.length > 0) return { ok: false, errors: oversized };
  const parsed = instrumentFileSchema.safeParse(raw);
  const errors = [...(parsed.success ? [] : parsed.error.issues.flatMap((i) => describe(i, raw))), ...crossChecks(raw)];
  const seen = new Set<string>();
  const unique: FieldError[] = [];
  for (const e of errors) {
    const key = `${e.path}\u0000${e.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(e);
    if (unique.length === MAX_REPORTED_ERRORS) break;
  }
  if (unique.length > 0 || !parsed.success) return { ok: false, errors: unique };
  return { ok: true, definition: { ...parsed.data, languages: languagesOf(parsed.data) } };
}

const MAX_REPORTED_ERRORS = 200;
const LIMITS = { scale: 20, domains: 50, items: 200 } as const;

function oversizedArrays(raw: unknown): FieldError[] {
  const tooMany = (path: string, maximum: number): FieldError => ({ path, code: 'too_big', message: `at most ${maximum} entries`, params: { maximum } });
  if (!isObject(raw)) return [];
  const out: FieldError[] = [];
  if (Array.isArray(raw.scale) && raw.scale.length > LIMITS.scale) out.push(tooMany('scale', LIMITS.scale));
  if (Array.isArray(raw.domains)) {
    if (raw.domains.length > LIMITS.domains) out.push(tooMany('domains', LIMITS.domains));
    else raw.domains.forEach((d, i) => { if (isObject(d) && Array.isArray(d.items) && d.items.length > LIMITS.items) out.push(tooMany(`domains[${i}].items`, LIMITS.items)); });
  }
  return out;
}

/** The text in the reader's language, else in the instrument's first language, else any. */
export function pickText(text: LocalText | undefined, language: string, order: readonly string[] = []): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  for (const l of [language, ...order]) if (text[l]) return text[l];
  return Object.values(text)[0] ?? '';
}

export const insufficientOption = (def: Pick<InstrumentFile, 'scale'>) => def.scale.find((s) => s.insufficientInformation === true);

/** What the instrument's certification is called: as declared, else its name. */
export function certificationNameOf(def: InstrumentDefinition): string | null {
  if (!def.requiresCertification) return null;
  return def.certificationName ?? pickText(def.name, def.languages[0] ?? 'en', def.languages);
}
