import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schema that zod gives for a route's
 * input (`z.toJSONSchema`): mostly well-formed values, so requests reach deep
 * into the handlers, mixed with hostile ones at every level (wrong types,
 * injection strings, huge and odd strings, out-of-range numbers, unknown keys).
 * Test-only: used by the API fuzzer.
 */
export type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; enum?: unknown[]; const?: unknown;
  format?: string; pattern?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number;
  exclusiveMinimum?: number; exclusiveMaximum?: number; minItems?: number; maxItems?: number;
  additionalProperties?: boolean | JsonSchema; default?: unknown;
};

export const HOSTILE_STRINGS = [
  "' OR '1'='1", "'; drop table cases; --", '"; select pg_sleep(1); --', '\u0000', '\\', '%00', '../../../../etc/passwd',
  '<script>alert(1)</script>', '{{constructor.constructor("return process")()}}', '${jndi:ldap://x/a}', '__proto__', 'constructor',
  '\u202E\u0645\u0631\u062D\u0628\u0627', '👩‍👩‍👧‍👦'.repeat(50), 'NaN', '-1', '1e309', '0x7fffffff', 'null', 'undefined', '   ', '',
  'a'.repeat(70_000), '0000-00-00', '9999-99-99T99:99:99Z', '00000000-0000-0000-0000-000000000000',
];

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(null, true, false, 0, -1, 2 ** 53, -(2 ** 63), 1.5, Number.MAX_VALUE, [], {}, { __proto__: { admin: true } }),
  fc.string({ maxLength: 40, unit: 'binary' }),
);

/** Anything at all, for replacing a value: a hostile scalar or arbitrary JSON. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: hostileScalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

function isoDate(): fc.Arbitrary<string> {
  return fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
}

function wellFormedString(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid': return fc.uuid();
    case 'date': return isoDate();
    case 'date-time': return fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email': return fc.emailAddress();
    default: break;
  }
  if (s.pattern) {
    try { return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 200)); } catch { /* a pattern JS cannot read: plain strings */ }
  }
  const min = s.minLength ?? 0;
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(s.maxLength ?? 40, 40)) });
}

function wellFormed(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => arbitraryFor(a, depth + 1)));
  if (s.allOf?.length) return arbitraryFor(s.allOf[0]!, depth + 1);
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => wellFormed({ ...s, type: t }, depth)));
  switch (type[0]) {
    case 'string': return wellFormedString(s);
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
    }
    case 'number': return fc.double({ noNaN: true, noDefaultInfinity: true, min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      const minLength = s.minItems ?? 0;
      return fc.array(s.items ? arbitraryFor(s.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      const record = fc.record(Object.fromEntries(keys.map((k) => [k, arbitraryFor(props[k]!, depth + 1)])), { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) });
      // Now and then an unknown key (strict schemas must refuse it) or a required one missing.
      return fc.oneof(
        { weight: 6, arbitrary: record },
        { weight: 1, arbitrary: fc.tuple(record, fc.constantFrom('isAdmin', '__proto__', 'role', 'staffId', 'x')).map(([r, k]) => ({ ...(r as object), [k]: true })) },
        { weight: 1, arbitrary: fc.tuple(record, fc.constantFrom(...(keys.length ? keys : ['x']))).map(([r, k]) => { const c = { ...(r as Record<string, unknown>) }; delete c[k]; return c; }) },
      );
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for `s`: usually well-formed, sometimes replaced by something hostile (deeper levels less often). */
export function arbitraryFor(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  return fc.oneof({ weight: 8 + depth * 4, arbitrary: wellFormed(s, depth) }, { weight: 1, arbitrary: hostileValue });
}

/** Query strings carry text only: each value as a string (or left out). */
export function queryArbitrary(s: JsonSchema | undefined): fc.Arbitrary<Record<string, string>> {
  if (!s?.properties) return fc.constant({});
  const props = s.properties;
  return fc.record(Object.fromEntries(Object.keys(props).map((k) => [k, fc.oneof(
    { weight: 6, arbitrary: wellFormed(props[k]!, 1).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((x) => x.length < 1000)) },
  )])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}
