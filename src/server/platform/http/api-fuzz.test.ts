import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Role } from '../../../contracts/staff.ts';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';
import { makeCase, makeStaff, sessionFor } from '../../testing/factories.ts';
import { HOSTILE_STRINGS, arbitraryFor, queryArbitrary, type JsonSchema } from './fuzz-arbitraries.ts';

/**
 * Property-based fuzzer over every API route, signed in as each role (and as
 * nobody): generated params, queries and bodies never produce a 5xx, a stack
 * trace or SQL error text, a body outside the route's declared schema, or a
 * response without the security headers; an out-of-scope case answers exactly
 * like a case that does not exist. FUZZ_RUNS sets the runs per route (default 25).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const ORIGIN = 'http://127.0.0.1:3000';
const HOST = '127.0.0.1:3000';
const MISSING = '00000000-0000-4000-8000-00000000abcd';

// These end or change the fuzzing actor's own session or credentials; their behaviour has its own tests.
// The live stream never ends by itself (it has its own test in safety); logout and password change end the fuzzing session.
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'GET /api/live']);

type Actor = 'anonymous' | Role;
const roles: Role[] = ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'];

const strictError = z.strictObject({
  error: z.strictObject({
    code: z.string().regex(/^[a-z0-9_]+$/), message: z.string(),
    fields: z.array(z.strictObject({ path: z.string(), code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() })).optional(),
  }),
  correlationId: z.string(),
});
// Internals that must never reach a client: stack frames, source paths, database error texts.
const LEAK = /\n\s+at \S+ \(|node_modules|\/src\/server\/|syntax error at|violates \w+ constraint|relation "|column "|invalid input syntax|duplicate key value|SQLSTATE|TypeError|ReferenceError|drizzle/;

let env: TestEnv;
const cookies = {} as Record<Actor, string | undefined>;
let teamCase: string;
let otherCase: string;
const tally = { requests: 0, byClass: {} as Record<string, number>, scopeComparisons: 0 };

beforeAll(async () => {
  env = await createTestEnv();
  const people = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await makeStaff(env, { role: r })] as const))) as unknown as Record<Role, { id: string }>;
  for (const r of roles) cookies[r] = await sessionFor(env, people[r]);
  cookies.anonymous = undefined;
  // The worker leads one case; the other case belongs to nobody but the managers.
  teamCase = await makeCase(env, cookies.manager!, { team: [{ staffId: people.exit_worker.id, role: 'lead' }] });
  otherCase = await makeCase(env, cookies.manager!);
});
afterAll(async () => {
  // One plain line for the CI log.
  console.log(`API fuzzer: ${tally.requests} requests over ${RUNS} runs per route and role; by status class ${JSON.stringify(tally.byClass)}; ${tally.scopeComparisons} out-of-scope vs nonexistent comparisons`);
  await env?.close();
});

type Route = { method: string; url: string; schema: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType; response?: Record<string, z.ZodType> } };

function apiRoutes(): Route[] {
  return env.app.routeTable.flatMap((r) => [r.method].flat().filter((m) => m !== 'HEAD' && m !== 'OPTIONS').map((m) => ({ method: m, url: r.url, schema: (r.schema ?? {}) as Route['schema'] })))
    .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && !SKIPPED.has(`${r.method} ${r.url}`));
}

const jsonSchemaOf = (s: z.ZodType | undefined): JsonSchema | undefined => (s ? z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema : undefined);

/** Path parameters: real case ids (in and out of the actor's scope), a missing one, or garbage. */
function paramArbitrary(name: string, url: string): fc.Arbitrary<string> {
  const garbage = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('0', '-1', '99999999999999999999', 'null', '%2e%2e', ...HOSTILE_STRINGS.filter((s) => s.length > 0 && s.length < 100)));
  if (name === 'id' && url.startsWith('/api/cases/')) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(teamCase, otherCase, MISSING) }, { weight: 1, arbitrary: garbage });
  if (name === 'version') return fc.oneof(fc.integer({ min: -5, max: 5 }).map(String), garbage);
  return fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: garbage });
}

function buildUrl(url: string, params: Record<string, string>, query: Record<string, string>): string {
  const path = url.replace(/:(\w+)/g, (_m, k: string) => encodeURIComponent(params[k] ?? ''));
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(method: string, url: string, actor: Actor, body: unknown) {
  const cookie = cookies[actor];
  const headers: Record<string, string> = { origin: ORIGIN, host: HOST, ...(cookie ? { cookie } : {}) };
  const withBody = method !== 'GET' && method !== 'DELETE';
  if (withBody) headers['content-type'] = 'application/json';
  const res = await env.app.inject({ method: method as 'GET', url, headers, ...(withBody ? { payload: JSON.stringify(body ?? null) } : {}) });
  tally.requests++;
  const cls = `${Math.floor(res.statusCode / 100)}xx`;
  tally.byClass[cls] = (tally.byClass[cls] ?? 0) + 1;
  return res;
}

function checkResponse(route: Route, res: Awaited<ReturnType<typeof send>>, what: string) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers['content-security-policy'], what).toMatch(/frame-ancestors 'none'/);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBeTruthy();
  expect(String(res.headers['cache-control']), what).toMatch(/no-store/);
  if (res.statusCode === 204 || res.body === '') return;
  const body = res.json();
  if (res.statusCode >= 400) {
    expect(strictError.safeParse(body).success, `${what}: error body ${res.body.slice(0, 300)}`).toBe(true);
    expect(res.body, what).not.toMatch(LEAK);
    return;
  }
  const schema = route.schema.response?.[String(res.statusCode)];
  expect(schema, `${what}: ${res.statusCode} is not a declared response`).toBeDefined();
  const parsed = schema!.safeParse(body);
  expect(parsed.success, `${what}: response outside its schema`).toBe(true);
  // Parsing drops keys the schema does not know: any difference is a field outside the schema.
  expect(JSON.parse(JSON.stringify(parsed.data)), `${what}: fields outside the schema`).toEqual(body);
}

describe('API fuzzer (every route × every role)', () => {
  it('finds the routes to fuzz', () => {
    expect(apiRoutes().length).toBeGreaterThan(40);
  });

  it.each(['anonymous', ...roles] as Actor[])('as %s: no 5xx, no leaks, declared shapes only, out of scope = nonexistent', async (actor) => {
    for (const route of apiRoutes()) {
      const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const params = fc.record(Object.fromEntries(paramNames.map((n) => [n, paramArbitrary(n, route.url)]))) as fc.Arbitrary<Record<string, string>>;
      const query = queryArbitrary(jsonSchemaOf(route.schema.querystring));
      const bodySchema = jsonSchemaOf(route.schema.body);
      const body = bodySchema ? arbitraryFor(bodySchema) : fc.constant(undefined);
      await fc.assert(fc.asyncProperty(params, query, body, async (p, q, b) => {
        const what = `${actor} ${route.method} ${route.url} params=${JSON.stringify(p).slice(0, 200)} query=${JSON.stringify(q).slice(0, 200)} body=${JSON.stringify(b)?.slice(0, 300)}`;
        const res = await send(route.method, buildUrl(route.url, p, q), actor, b);
        checkResponse(route, res, what);
        // A case the actor may not see must be indistinguishable from one that does not exist.
        const outOfScope = p.id === otherCase && actor !== 'manager' || p.id === teamCase && actor !== 'manager' && actor !== 'exit_worker';
        if (outOfScope && route.url.startsWith('/api/cases/')) {
          const twin = await send(route.method, buildUrl(route.url, { ...p, id: MISSING }, q), actor, b);
          tally.scopeComparisons++;
          // The whole answer, but for the per-request correlation id.
          const answer = (r: typeof res) => ({ status: r.statusCode, body: r.body ? { ...(r.json() as object), correlationId: undefined } : null });
          expect(answer(res), `${what} (vs nonexistent)`).toEqual(answer(twin));
        }
      }), { numRuns: RUNS });
    }
  }, 600_000);
});
