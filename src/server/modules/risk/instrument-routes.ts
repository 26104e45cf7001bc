import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contracts/errors.ts';
import type { InstrumentDefinition } from '../../../contracts/risk.ts';
import { instrumentDetailSchema, instrumentParams, instrumentSummarySchema, reviewsDueSchema } from '../../../contracts/risk-assessment.ts';
import { auditedRead } from '../../platform/audit/audited-read.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { importInstrument } from './commands/import-instrument.ts';
import { presentInstrument } from './presenter.ts';
import { instrumentSql, instrumentsSql, reviewsDueSql, type InstrumentRow, type ReviewRow } from './queries.ts';

const tags = ['risk assessment'];
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Instruments (list, one, import) and the due-review list for dashboards. */
export function instrumentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/risk/instruments', {
    config: { access: { permission: 'risk:instruments:read' } },
    schema: { tags, summary: 'The instruments that can be used, the shipped one first', response: { 200: z.object({ instruments: z.array(instrumentSummarySchema) }), ...errors } },
  }, async () => ({ instruments: (await ctx.db.execute<InstrumentRow>(instrumentsSql())).rows.map(presentInstrument) }));

  r.get('/api/risk/instruments/:instrumentId', {
    config: { access: { permission: 'risk:instruments:read' } },
    schema: { tags, summary: 'One instrument with its whole definition', params: instrumentParams, response: { 200: instrumentDetailSchema, ...errors } },
  }, async (request) => {
    const row = (await ctx.db.execute<InstrumentRow & { definition: InstrumentDefinition }>(instrumentSql(request.params.instrumentId))).rows[0];
    if (!row) throw notFound();
    return { ...presentInstrument(row), definition: row.definition };
  });

  r.post('/api/risk/instruments', {
    config: { access: { permission: 'risk:instruments:import' } },
    schema: {
      tags, summary: 'Load an instrument definition (the JSON file, docs/risk-instrument.md); 400 lists every problem with its place, 409 when this version is loaded',
      // Checked by checkInstrument, which names places the way the file's author sees them (domains[1].items[3].code).
      body: z.record(z.string(), z.unknown()),
      response: { 201: z.object({ id: z.string().uuid(), key: z.string(), version: z.string() }), ...errors, 409: errorBodySchema },
    },
  }, async (request, reply) => reply.code(201).send(await importInstrument({ db: ctx.db, actor: actorOf(request), requestId: request.id, raw: request.body })));

  r.get('/api/risk/reviews', {
    config: { access: { permission: 'risk:assess' } },
    schema: { tags, summary: 'Risk reviews overdue or due within 14 days (managers: every open case; others: the cases they lead)', response: { 200: reviewsDueSchema, ...errors } },
  }, async (request) => {
    const actor = actorOf(request);
    const entry = { action: 'risk.reviews.list', outcome: 'success', objectType: 'risk_assessment' } as const;
    const rows = await auditedRead<ReviewRow>(ctx.db, { actor, requestId: request.id }, { select: reviewsDueSql(actor), entry, whenEmpty: entry });
    return { reviews: rows.map((x) => ({ ...x, status: x.daysOverdue > 0 ? 'overdue' as const : 'due_soon' as const })) };
  });
}
