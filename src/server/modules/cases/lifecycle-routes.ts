import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseIdParams, setTeamSchema } from '../../../contracts/cases.ts';
import { caseStateSchema as caseStateSchemaOut } from '../../../contracts/intake.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { recordDiscussionSchema, recordScreeningSchema, transitionSchema, updateIntakeSchema } from '../../../contracts/intake.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { recordDiscussion } from './commands/record-discussion.ts';
import { recordScreening } from './commands/record-screening.ts';
import { setTeam } from './commands/set-team.ts';
import { transitionCase } from './commands/transition-case.ts';
import { updateIntake } from './commands/update-intake.ts';
import { caseErrors } from './routes.ts';

const versioned = z.object({ version: z.number().int() });
const errors = { ...caseErrors, 409: errorBodySchema };

/** Changing a case: intake, the safeguarding gate, its state and its team. Every change names the version it was based on. */
export function caseLifecycleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: { id: string }, actor: ReturnType<typeof actorOf>) => ({ db: ctx.db, keyring: ctx.keyring, actor, requestId: request.id });

  r.put('/api/cases/:id/intake', {
    config: { access: { permission: 'case:intake:write' } },
    schema: { tags: ['case lifecycle'], summary: 'Update the referral and the eligibility facts (before acceptance)', params: caseIdParams, body: updateIntakeSchema, response: { 200: versioned, ...errors } },
  }, async (request) => updateIntake({ ...base(request, actorOf(request)), caseId: request.params.id, ...request.body }));

  r.post('/api/cases/:id/discussion', {
    config: { access: { permission: 'case:intake:write' } },
    schema: { tags: ['case lifecycle'], summary: 'Record the intake case discussion (safeguarding gate)', params: caseIdParams, body: recordDiscussionSchema, response: { 200: versioned, ...errors } },
  }, async (request) => recordDiscussion({ ...base(request, actorOf(request)), caseId: request.params.id, input: request.body }));

  r.post('/api/cases/:id/screening', {
    config: { access: { permission: 'case:intake:write' } },
    schema: { tags: ['case lifecycle'], summary: 'Record a risk screening (the initial one is part of the safeguarding gate)', params: caseIdParams, body: recordScreeningSchema, response: { 200: versioned, ...errors } },
  }, async (request) => recordScreening({ ...base(request, actorOf(request)), caseId: request.params.id, input: request.body }));

  r.post('/api/cases/:id/transition', {
    config: { access: { permission: 'case:transition' } },
    schema: {
      tags: ['case lifecycle'], summary: 'Move the case: intake, active (accept), suspended, resumed, closed, reopened',
      description: '409 `transition_not_allowed` when the case is in another state; 409 `gate_incomplete` with one field per missing gate item when acceptance is not yet possible.',
      params: caseIdParams, body: transitionSchema, response: { 200: z.object({ version: z.number().int(), status: caseStateSchemaOut }), ...errors },
    },
  }, async (request) => transitionCase({ ...base(request, actorOf(request)), caseId: request.params.id, input: request.body }) as never);

  r.put('/api/cases/:id/team', {
    config: { access: { permission: 'case:team:set' } },
    schema: { tags: ['case lifecycle'], summary: 'Replace the case team and who of it has identity access (managers)', params: caseIdParams, body: setTeamSchema, response: { 200: z.object({ version: z.number().int() }), ...caseErrors } },
  }, async (request) => setTeam({ ...base(request, actorOf(request)), caseId: request.params.id, members: request.body.members, expectedVersion: request.body.expectedVersion }));
}
