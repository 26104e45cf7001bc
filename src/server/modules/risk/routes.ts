import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseIdParams } from '../../../contracts/cases.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import {
  assessmentDetailSchema, assessmentParams, assessmentSummarySchema, domainChartSchema, saveAssessmentSchema, signAssessmentSchema, startAssessmentSchema,
} from '../../../contracts/risk-assessment.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { saveAssessment } from './commands/save-assessment.ts';
import { signAssessment } from './commands/sign-assessment.ts';
import { startAssessment } from './commands/start-assessment.ts';
import { instrumentRoutes } from './instrument-routes.ts';
import { certifiedSql, riskPolicy } from './policy.ts';
import { presentAssessment, presentChart, presentSummary } from './presenter.ts';
import { assessmentListSql, assessmentSql, signedAssessmentsSql, type AssessmentListRow, type AssessmentRow, type SignedRow } from './queries.ts';
import { riskRead } from './risk-read.ts';

const tags = ['risk assessment'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const writeErrors = { ...errors, 409: errorBodySchema };

/** Risk instruments and structured risk assessments. */
export function riskRoutes(app: FastifyInstance, ctx: AppContext): void {
  instrumentRoutes(app, ctx);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: { id: string }) => ({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request as never), requestId: request.id });

  r.get('/api/cases/:id/risk/assessments', {
    config: { access: { permission: 'risk:assess' } },
    schema: { tags, summary: 'The risk assessments of a case, newest number first (managers and the case team)', params: caseIdParams, response: { 200: z.object({ assessments: z.array(assessmentSummarySchema) }), ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const rows = await riskRead({ ...base(request), caseId: request.params.id, action: 'risk.assessment.list' },
      async (tx) => (await tx.execute<AssessmentListRow>(assessmentListSql(actor, request.params.id))).rows);
    return { assessments: rows.map(presentSummary) };
  });

  r.post('/api/cases/:id/risk/assessments', {
    config: { access: { permission: 'risk:assess' } },
    schema: {
      tags, summary: 'Start an assessment with an instrument (201); an open draft with that instrument is continued instead (200)', params: caseIdParams, body: startAssessmentSchema,
      response: { 200: z.object({ id: z.string().uuid(), number: z.number().int(), created: z.boolean() }), 201: z.object({ id: z.string().uuid(), number: z.number().int(), created: z.boolean() }), ...writeErrors },
    },
  }, async (request, reply) => {
    const out = await startAssessment({ ...base(request), caseId: request.params.id, instrumentId: request.body.instrumentId });
    return reply.code(out.created ? 201 : 200).send(out);
  });

  r.get('/api/cases/:id/risk/assessments/:assessmentId', {
    config: { access: { permission: 'risk:assess' } },
    schema: { tags, summary: 'One assessment with its instrument, ratings and judgement', params: assessmentParams, response: { 200: assessmentDetailSchema, ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const { id, assessmentId } = request.params;
    const { row, mayDraft, certified } = await riskRead({ ...base(request), caseId: id, action: 'risk.assessment.read', objectType: 'risk_assessment', objectId: assessmentId }, async (tx, found) => {
      const row = (await tx.execute<AssessmentRow>(assessmentSql(actor, id, assessmentId))).rows[0];
      if (!row) return null;
      const name = row.instrumentRow.certificationName;
      const certified = row.instrumentRow.requiresCertification && name
        ? (await tx.execute<{ ok: boolean }>(sql`select ${certifiedSql(actor.id, name, row.today)} as ok`)).rows[0]!.ok : false;
      return { row, mayDraft: riskPolicy.mayDraft(actor, found, found.status), certified };
    });
    return presentAssessment(ctx.keyring, row, { mayDraft, certified });
  });

  r.put('/api/cases/:id/risk/assessments/:assessmentId', {
    config: { access: { permission: 'risk:assess' } },
    schema: { tags, summary: 'Save a draft as far as it goes (ratings, and the judgement so far); 409 when someone saved in between or it is signed', params: assessmentParams, body: saveAssessmentSchema, response: { 200: z.object({ revision: z.number().int(), savedAt: z.string() }), ...writeErrors } },
  }, async (request) => saveAssessment({ ...base(request), caseId: request.params.id, assessmentId: request.params.assessmentId, input: request.body }));

  r.post('/api/cases/:id/risk/assessments/:assessmentId/sign', {
    config: { access: { permission: 'risk:assess' } },
    schema: {
      tags, summary: 'Sign the assessment with the overall judgement; needs a current certification when the instrument asks for one (403 certification_required)',
      params: assessmentParams, body: signAssessmentSchema, response: { 200: z.object({ number: z.number().int(), revision: z.number().int(), nextReviewOn: z.string() }), ...writeErrors },
    },
  }, async (request) => signAssessment({ ...base(request), caseId: request.params.id, assessmentId: request.params.assessmentId, input: request.body }));

  r.get('/api/cases/:id/risk/chart', {
    config: { access: { permission: 'risk:assess' } },
    schema: { tags, summary: 'Each domain\'s score over the signed assessments of a case (mean of the rated items; one series per instrument)', params: caseIdParams, response: { 200: domainChartSchema, ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const rows = await riskRead({ ...base(request), caseId: request.params.id, action: 'risk.chart.read' },
      async (tx) => (await tx.execute<SignedRow>(signedAssessmentsSql(actor, request.params.id))).rows);
    return presentChart(ctx.keyring, rows);
  });
}
