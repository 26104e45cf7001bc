import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseIdParams } from '../../../../contracts/cases.ts';
import { errorBodySchema } from '../../../../contracts/errors.ts';
import {
  addKnowledgeSchema, addThreatActorSchema, addThreatLinkSchema, knowledgeParams, threatActorParams, threatAnalysisSchema, threatLinkParams, updateThreatActorSchema,
} from '../../../../contracts/threats.ts';
import type { AppContext } from '../../../platform/context.ts';
import { actorOf } from '../../../platform/policy/access.ts';
import { addThreatActor } from './commands/add-actor.ts';
import { addKnowledge } from './commands/add-knowledge.ts';
import { addThreatLink } from './commands/add-link.ts';
import { removeThreatActor } from './commands/remove-actor.ts';
import { removeKnowledge } from './commands/remove-knowledge.ts';
import { removeThreatLink } from './commands/remove-link.ts';
import { updateThreatActor } from './commands/update-actor.ts';
import { presentThreatAnalysis } from './presenter.ts';
import { readThreatAnalysis } from './queries.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['threat analysis'];
const created = z.object({ id: z.string().uuid() });
const done = z.object({});

/**
 * The threat analysis of a case: actors (groups and persons), who is linked to
 * whom, and the dangerous knowledge the client holds. Managers and the case team
 * only (protectionPolicy part "threats"); an emergency reader gets a 403.
 */
export function threatRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: { id: string; params: { id: string } }) => ({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request as never), requestId: request.id, caseId: request.params.id });

  r.get('/api/cases/:id/threats', {
    config: { access: { permission: 'protection:read' } },
    schema: { tags, summary: 'The threat analysis of a case: actors, links, dangerous knowledge and the staff involved', params: caseIdParams, response: { 200: threatAnalysisSchema, ...errors } },
  }, async (request) => {
    const { rows, mayEdit } = await readThreatAnalysis({ db: ctx.db, actor: actorOf(request), requestId: request.id, caseId: request.params.id });
    return presentThreatAnalysis(ctx.keyring, rows, mayEdit);
  });

  r.post('/api/cases/:id/threats/actors', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Add a group or person who threatens the client', params: caseIdParams, body: addThreatActorSchema, response: { 201: created.extend({ revision: z.number().int() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await addThreatActor({ ...base(request), input: request.body })));

  r.put('/api/cases/:id/threats/actors/:actorId', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Change an actor (409 when someone changed it since expectedRevision)', params: threatActorParams, body: updateThreatActorSchema, response: { 200: z.object({ revision: z.number().int() }), ...errors } },
  }, async (request) => updateThreatActor({ ...base(request), actorId: request.params.actorId, input: request.body }));

  r.delete('/api/cases/:id/threats/actors/:actorId', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Remove an actor and its links', params: threatActorParams, response: { 200: z.object({ removedLinks: z.number().int() }), ...errors } },
  }, async (request) => removeThreatActor({ ...base(request), actorId: request.params.actorId }));

  r.post('/api/cases/:id/threats/links', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Link an actor to the client, another actor or someone on the case team', params: caseIdParams, body: addThreatLinkSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.code(201).send(await addThreatLink({ ...base(request), input: request.body })));

  r.delete('/api/cases/:id/threats/links/:linkId', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Remove a link', params: threatLinkParams, response: { 200: done, ...errors } },
  }, async (request) => removeThreatLink({ ...base(request), linkId: request.params.linkId }));

  r.post('/api/cases/:id/threats/knowledge', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Record dangerous knowledge the client holds', params: caseIdParams, body: addKnowledgeSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.code(201).send(await addKnowledge({ ...base(request), input: request.body })));

  r.delete('/api/cases/:id/threats/knowledge/:entryId', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Remove a dangerous-knowledge entry', params: knowledgeParams, response: { 200: done, ...errors } },
  }, async (request) => removeKnowledge({ ...base(request), entryId: request.params.entryId }));
}
