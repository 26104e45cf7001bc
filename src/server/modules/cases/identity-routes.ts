import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseIdParams } from '../../../contracts/cases.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import {
  breakGlassGrantSchema, breakGlassSchema, duplicateReviewSchema, resolveDuplicateSchema, revealedIdentitySchema, revealIdentitySchema,
  reviewGrantSchema, setIdentityResultSchema, setIdentitySchema,
} from '../../../contracts/identity.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { breakGlass } from './commands/break-glass.ts';
import { resolveDuplicate } from './commands/resolve-duplicate.ts';
import { revealIdentity } from './commands/reveal-identity.ts';
import { reviewGrant } from './commands/review-grant.ts';
import { setIdentity } from './commands/set-identity.ts';
import { listDuplicateReviews, listGrants } from './review-queries.ts';
import { caseErrors } from './routes.ts';

const idParams = z.strictObject({ id: z.string().uuid() });
const ok = z.object({ ok: z.literal(true) });
const errors = { ...caseErrors, 409: errorBodySchema };

/** The sealed identity, the duplicate check, and break-the-glass access with its review queue. */
export function caseIdentityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: { id: string }) => ({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request as never), requestId: request.id });

  r.put('/api/cases/:id/identity', {
    config: { access: { permission: 'case:identity:write' } },
    schema: {
      tags: ['identity'], summary: 'Write the sealed identity (encrypted with the case key) and check for the same person in another case',
      params: caseIdParams, body: setIdentitySchema, response: { 200: setIdentityResultSchema, ...errors },
    },
  }, async (request) => setIdentity({ ...base(request), caseId: request.params.id, identity: request.body.identity, expectedVersion: request.body.expectedVersion }));

  r.post('/api/cases/:id/identity/reveal', {
    config: { access: { permission: 'case:identity:reveal' } },
    schema: {
      tags: ['identity'], summary: 'Reveal the sealed identity: needs a reason and a second factor given in the last 5 minutes (POST /api/auth/confirm)',
      params: caseIdParams, body: revealIdentitySchema, response: { 200: revealedIdentitySchema, ...caseErrors },
    },
  }, async (request) => revealIdentity({ ...base(request), caseId: request.params.id, reason: request.body.reason, stepUpSeconds: ctx.config.stepUpSeconds }));

  r.post('/api/break-glass', {
    config: { access: { permission: 'case:break-glass' } },
    schema: {
      tags: ['break the glass'], summary: 'Open a case you are not on in an emergency: exact codename, reason, 1–4 hours; every manager is alerted',
      body: breakGlassSchema, response: { 201: z.object({ caseId: z.string().uuid(), expiresAt: z.string() }), ...errors },
    },
  }, async (request, reply) => reply.code(201).send(await breakGlass({ ...base(request), ...request.body })));

  r.get('/api/break-glass', {
    config: { access: { permission: 'case:break-glass:review' } },
    schema: {
      tags: ['break the glass'], summary: 'Emergency accesses, unreviewed first (managers)',
      querystring: z.strictObject({ state: z.enum(['unreviewed', 'all']).default('unreviewed') }),
      response: { 200: z.object({ grants: z.array(breakGlassGrantSchema) }), ...caseErrors },
    },
  }, async (request) => ({ grants: await listGrants({ ...base(request), state: request.query.state }) }));

  r.post('/api/break-glass/:id/review', {
    config: { access: { permission: 'case:break-glass:review' } },
    schema: { tags: ['break the glass'], summary: 'Mark an emergency access as justified or not (managers)', params: idParams, body: reviewGrantSchema, response: { 200: ok, ...errors } },
  }, async (request) => {
    await reviewGrant({ ...base(request), grantId: request.params.id, ...request.body });
    return { ok: true as const };
  });

  r.get('/api/duplicate-reviews', {
    config: { access: { permission: 'case:duplicates:review' } },
    schema: {
      tags: ['identity'], summary: 'Possible duplicate persons raised at intake (managers)',
      querystring: z.strictObject({ state: z.enum(['open', 'all']).default('open') }),
      response: { 200: z.object({ reviews: z.array(duplicateReviewSchema) }), ...caseErrors },
    },
  }, async (request) => ({ reviews: await listDuplicateReviews({ ...base(request), state: request.query.state }) }));

  r.post('/api/duplicate-reviews/:id/resolve', {
    config: { access: { permission: 'case:duplicates:review' } },
    schema: { tags: ['identity'], summary: 'Record whether the two cases are the same person (managers)', params: idParams, body: resolveDuplicateSchema, response: { 200: ok, ...errors } },
  }, async (request) => {
    await resolveDuplicate({ db: ctx.db, actor: actorOf(request), requestId: request.id, reviewId: request.params.id, outcome: request.body.outcome });
    return { ok: true as const };
  });
}
