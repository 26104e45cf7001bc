import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agreementSchema, conductDecisionSchema, conductSchema, recordAgreementSchema, recordIncidentSchema } from '../../../contracts/agreement.ts';
import { caseIdParams } from '../../../contracts/cases.ts';
import { caseStateSchema } from '../../../contracts/intake.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { auditedRead } from '../../platform/audit/audited-read.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { agreementsSql, conductSql, presentAgreements, presentConduct } from './agreement-queries.ts';
import { decideConduct } from './commands/decide-conduct.ts';
import { recordAgreement } from './commands/record-agreement.ts';
import { recordIncident } from './commands/record-incident.ts';
import { caseErrors } from './routes.ts';

const errors = { ...caseErrors, 409: errorBodySchema };
const basis = sql`(select basis from r limit 1)`;
const denied = (action: string, id: string) => ({ action, outcome: 'denied', objectType: 'case', objectId: id, caseId: id, reason: 'not visible' }) as const;
const read = (action: string, id: string) => ({ action, outcome: 'success', objectType: 'case', objectId: id, caseId: id }) as const;

/** The client agreement, conduct incidents, and a manager's warning or dismissal. */
export function caseAgreementRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: { id: string }) => ({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request as never), requestId: request.id });

  r.get('/api/cases/:id/agreements', {
    config: { access: { permission: 'case:read' } },
    schema: { tags: ['agreement and conduct'], summary: 'The client agreements of a case, newest first (printable)', params: caseIdParams, response: { 200: z.object({ agreements: z.array(agreementSchema) }), ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const [found] = await auditedRead<{ agreements: Parameters<typeof presentAgreements>[1] }>(ctx.db, { actor, requestId: request.id }, {
      select: agreementsSql(actor, request.params.id), entry: read('case.agreement.read', request.params.id), whenEmpty: denied('case.agreement.read', request.params.id), basis,
    });
    if (!found) throw notFound();
    return { agreements: await presentAgreements(ctx.keyring, found.agreements) };
  });

  r.post('/api/cases/:id/agreements', {
    config: { access: { permission: 'case:intake:write' } },
    schema: { tags: ['agreement and conduct'], summary: 'Record the client agreement (a new version; earlier ones stay)', params: caseIdParams, body: recordAgreementSchema, response: { 201: z.object({ version: z.number().int(), agreementVersion: z.number().int() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await recordAgreement({ ...base(request), caseId: request.params.id, input: request.body })));

  r.get('/api/cases/:id/conduct', {
    config: { access: { permission: 'case:read' } },
    schema: { tags: ['agreement and conduct'], summary: 'Conduct incidents and decisions of a case', params: caseIdParams, response: { 200: conductSchema, ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const [found] = await auditedRead<Parameters<typeof presentConduct>[1]>(ctx.db, { actor, requestId: request.id }, {
      select: conductSql(actor, request.params.id), entry: read('case.conduct.read', request.params.id), whenEmpty: denied('case.conduct.read', request.params.id), basis,
    });
    if (!found) throw notFound();
    return presentConduct(ctx.keyring, found);
  });

  r.post('/api/cases/:id/conduct/incidents', {
    config: { access: { permission: 'case:intake:write' } },
    schema: { tags: ['agreement and conduct'], summary: 'Record a threat, aggression against staff or a broken rule', params: caseIdParams, body: recordIncidentSchema, response: { 201: z.object({ version: z.number().int(), id: z.string().uuid() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await recordIncident({ ...base(request), caseId: request.params.id, input: request.body })));

  r.post('/api/cases/:id/conduct/decision', {
    config: { access: { permission: 'case:transition' } },
    schema: { tags: ['agreement and conduct'], summary: 'Warn or dismiss the client (managers); a dismissal closes the case with reason "dismissed"', params: caseIdParams, body: conductDecisionSchema, response: { 200: z.object({ version: z.number().int(), status: caseStateSchema }), ...errors } },
  }, async (request) => decideConduct({ ...base(request), caseId: request.params.id, ...request.body }) as never);
}
