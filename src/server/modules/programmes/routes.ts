import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { createProgrammeSchema, programmeIdParams, programmeProfileSchema, programmeSchema, programmeSummarySchema, programmeVersionParams, updateProgrammeSchema } from '../../../contracts/programmes.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { createProgramme, updateProgramme } from './commands/save-programme.ts';
import { findProgramme, findProgrammeVersion, listProgrammes } from './queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const saved = z.object({ id: z.string().uuid(), version: z.number().int() });

/** Programme profiles hold no client data: every signed-in role may read them (staff are shown the goal). */
export function programmeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/programmes', {
    config: { access: { permission: 'programme:read' } },
    schema: { tags: ['programmes'], summary: 'Programmes of the organisation', response: { 200: z.object({ programmes: z.array(programmeSummarySchema) }), ...errors } },
  }, async () => ({ programmes: await listProgrammes(ctx.db) }));

  r.get('/api/programmes/:id', {
    config: { access: { permission: 'programme:read' } },
    schema: { tags: ['programmes'], summary: 'A programme with its current profile and version history', params: programmeIdParams, response: { 200: programmeSchema, ...errors } },
  }, async (request) => {
    const found = await findProgramme(ctx.db, request.params.id);
    if (!found) throw notFound();
    return found;
  });

  r.get('/api/programmes/:id/versions/:version', {
    config: { access: { permission: 'programme:read' } },
    schema: {
      tags: ['programmes'], summary: 'One saved version of a profile', params: programmeVersionParams,
      response: { 200: z.object({ name: z.string(), version: z.number().int(), profile: programmeProfileSchema, createdAt: z.string() }), ...errors },
    },
  }, async (request) => {
    const found = await findProgrammeVersion(ctx.db, request.params.id, request.params.version);
    if (!found) throw notFound();
    return { ...found, version: request.params.version };
  });

  r.post('/api/programmes', {
    config: { access: { permission: 'programme:write' } },
    schema: { tags: ['programmes'], summary: 'Define a programme (managers)', body: createProgrammeSchema, response: { 201: saved, ...errors } },
  }, async (request, reply) => reply.code(201).send(await createProgramme({ db: ctx.db, actor: actorOf(request), requestId: request.id, input: request.body })));

  r.put('/api/programmes/:id', {
    config: { access: { permission: 'programme:write' } },
    schema: { tags: ['programmes'], summary: 'Save a new version of the profile (managers)', params: programmeIdParams, body: updateProgrammeSchema, response: { 200: saved, ...errors, 409: errorBodySchema } },
  }, async (request) => {
    const { expectedVersion, ...input } = request.body;
    return updateProgramme({ db: ctx.db, actor: actorOf(request), requestId: request.id, id: request.params.id, input, expectedVersion });
  });
}
