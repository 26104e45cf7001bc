import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseIdParams } from '../../../../contracts/cases.ts';
import { errorBodySchema } from '../../../../contracts/errors.ts';
import {
  caseGapSchema, emergencyPlanInputSchema, emergencyPlanSchema, gapListSchema, informationInputSchema, informationUpdateSchema, measureInputSchema,
  measureUpdateSchema, planEntryParams, pocketCardQuery, pocketCardSchema, relocationInputSchema, relocationSchema, removeEntryQuery, shieldPlanSchema,
} from '../../../../contracts/plans.ts';
import { auditedRead } from '../../../platform/audit/audited-read.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { actorOf } from '../../../platform/policy/access.ts';
import { findCaseKey } from '../../cases/case-keys.ts';
import { caseErrors } from '../../cases/routes.ts';
import { protectionPolicy } from '../policy.ts';
import { addInformation } from './commands/add-information.ts';
import { addMeasure } from './commands/add-measure.ts';
import { recordRelocation } from './commands/record-relocation.ts';
import { removeInformation } from './commands/remove-information.ts';
import { removeMeasure } from './commands/remove-measure.ts';
import { saveEmergencyPlan } from './commands/save-emergency-plan.ts';
import { updateInformation } from './commands/update-information.ts';
import { updateMeasure } from './commands/update-measure.ts';
import { presentGap, presentPlan, presentPocketCard, presentRelocations, presentShieldPlan } from './presenter.ts';
import { caseGapSql, gapListSql, loadCurrentPlan, loadRelocations, loadShieldPlan, type GapRow } from './queries.ts';
import { protectedRead } from './read.ts';

const errors = { ...caseErrors, 409: errorBodySchema };
const tags = ['shielding and emergency plan'];
const created = z.object({ id: z.string().uuid(), revision: z.number().int() });
const revised = z.object({ revision: z.number().int() });
const removed = z.object({ removed: z.literal(true) });
const noPlan = () => new AppError(409, 'emergency_plan_missing', 'This case has no emergency plan yet.');

/** The shielding plan, the emergency plan and its pocket card, relocation, and the high-risk gap. */
export function planRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: FastifyRequest) => ({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id });
  const read = { permission: 'protection:read' } as const;
  const write = { permission: 'protection:write' } as const;

  // Shielding plan: the information plan and the measures.
  r.get('/api/cases/:id/shield-plan', {
    config: { access: read },
    schema: { tags, summary: 'The shielding plan: who may know what about the exit, and the measures as tasks (managers and the case team)', params: caseIdParams, response: { 200: shieldPlanSchema, ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const { rows, mayWrite } = await protectedRead({ ...base(request), caseId: id, action: 'case.shield.read', part: 'shield' },
      async (tx, found) => ({ rows: await loadShieldPlan(tx, actor, id), mayWrite: protectionPolicy.mayWrite(actor, found, 'shield', found.status) }));
    return presentShieldPlan(ctx.keyring, rows, mayWrite);
  });

  r.post('/api/cases/:id/shield-plan/information', {
    config: { access: write },
    schema: { tags, summary: 'Add a person or institution to the information plan', params: caseIdParams, body: informationInputSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.code(201).send(await addInformation({ ...base(request), caseId: request.params.id, input: request.body })));

  r.put('/api/cases/:id/shield-plan/information/:entryId', {
    config: { access: write },
    schema: { tags, summary: 'Change a line of the information plan (409 when someone changed it meanwhile)', params: planEntryParams, body: informationUpdateSchema, response: { 200: revised, ...errors } },
  }, async (request) => updateInformation({ ...base(request), caseId: request.params.id, entryId: request.params.entryId, input: request.body }));

  r.delete('/api/cases/:id/shield-plan/information/:entryId', {
    config: { access: write },
    schema: { tags, summary: 'Remove a line of the information plan', params: planEntryParams, querystring: removeEntryQuery, response: { 200: removed, ...errors } },
  }, async (request) => removeInformation({ ...base(request), caseId: request.params.id, entryId: request.params.entryId, revision: request.query.revision }));

  r.post('/api/cases/:id/shield-plan/measures', {
    config: { access: write },
    schema: { tags, summary: 'Add a measure (owner: a team member or a manager)', params: caseIdParams, body: measureInputSchema, response: { 201: created, ...errors } },
  }, async (request, reply) => reply.code(201).send(await addMeasure({ ...base(request), caseId: request.params.id, input: request.body })));

  r.put('/api/cases/:id/shield-plan/measures/:entryId', {
    config: { access: write },
    schema: { tags, summary: 'Change a measure (409 when someone changed it meanwhile)', params: planEntryParams, body: measureUpdateSchema, response: { 200: revised, ...errors } },
  }, async (request) => updateMeasure({ ...base(request), caseId: request.params.id, entryId: request.params.entryId, input: request.body }));

  r.delete('/api/cases/:id/shield-plan/measures/:entryId', {
    config: { access: write },
    schema: { tags, summary: 'Remove a measure', params: planEntryParams, querystring: removeEntryQuery, response: { 200: removed, ...errors } },
  }, async (request) => removeMeasure({ ...base(request), caseId: request.params.id, entryId: request.params.entryId, revision: request.query.revision }));

  // Emergency plan: also for emergency (break-the-glass) readers; safe locations only for readers of sealed parts.
  r.get('/api/cases/:id/emergency-plan', {
    config: { access: read },
    schema: { tags, summary: 'The current emergency plan (safe locations only for managers and the case\'s security officer)', params: caseIdParams, response: { 200: emergencyPlanSchema, ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    return protectedRead({ ...base(request), caseId: id, action: 'case.emergency.read', part: 'emergency' }, async (tx, found) => {
      const readSealed = protectionPolicy.mayRead(actor, found, 'sealed');
      const row = await loadCurrentPlan(tx, actor, id);
      const sealedKey = readSealed && row?.safeLocationsEnc ? await findCaseKey(tx, ctx.keyring, id) : null;
      return presentPlan(ctx.keyring, row, {
        sealedKey, readSealed,
        may: { write: protectionPolicy.mayWrite(actor, found, 'emergency', found.status), readSealed, writeSealed: protectionPolicy.mayWrite(actor, found, 'sealed', found.status) },
      });
    });
  });

  r.put('/api/cases/:id/emergency-plan', {
    config: { access: write },
    schema: { tags, summary: 'Save the emergency plan as its next version (409 when someone saved meanwhile)', params: caseIdParams, body: emergencyPlanInputSchema, response: { 200: z.object({ version: z.number().int() }), ...errors } },
  }, async (request) => saveEmergencyPlan({ ...base(request), caseId: request.params.id, input: request.body }));

  r.get('/api/cases/:id/emergency-plan/pocket-card', {
    config: { access: read },
    schema: {
      tags, summary: 'The printable pocket card: steps and call tree; safe locations only when a reader of sealed parts asks; never relocation. Each print is audited.',
      params: caseIdParams, querystring: pocketCardQuery, response: { 200: pocketCardSchema, ...errors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const withSealed = request.query.safeLocations === 'include';
    const card = await protectedRead({
      ...base(request), caseId: id, action: 'case.emergency.pocket-card.read', part: 'emergency', objectType: 'emergency_plan',
      ...(withSealed ? { reason: 'with safe locations', extraCheck: (found) => protectionPolicy.mayRead(actor, found, 'sealed') } : {}),
    }, async (tx, found) => {
      const row = await loadCurrentPlan(tx, actor, id);
      if (!row) return null;
      return presentPocketCard(ctx.keyring, found.codename, row, withSealed ? { key: row.safeLocationsEnc ? await findCaseKey(tx, ctx.keyring, id) : null } : null);
    });
    if (!card) throw noPlan();
    return card;
  });

  // Relocation: sealed. Anyone else who sees the case is refused (403) without learning whether there is one.
  r.get('/api/cases/:id/relocations', {
    config: { access: read },
    schema: { tags, summary: 'Relocations of the client, newest first (managers and the case\'s security officer only)', params: caseIdParams, response: { 200: z.object({ relocations: z.array(relocationSchema) }), ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    return protectedRead({ ...base(request), caseId: id, action: 'case.relocation.read', part: 'sealed' }, async (tx) => {
      const rows = await loadRelocations(tx, actor, id);
      return { relocations: presentRelocations(rows.length ? await findCaseKey(tx, ctx.keyring, id) : null, rows) };
    });
  });

  r.post('/api/cases/:id/relocations', {
    config: { access: write },
    schema: { tags, summary: 'Record a relocation: new area, date and measures (sealed)', params: caseIdParams, body: relocationInputSchema, response: { 201: z.object({ id: z.string().uuid() }), ...errors } },
  }, async (request, reply) => reply.code(201).send(await recordRelocation({ ...base(request), caseId: request.params.id, input: request.body })));

  // The high-risk gap: on the case for everyone who sees it, and as a list for those responsible.
  r.get('/api/cases/:id/high-risk-gap', {
    config: { access: { permission: 'case:read' } },
    schema: { tags, summary: 'What a case rated high or imminent still lacks (emergency plan, security officer); null when nothing, and for emergency (break-the-glass) readers', params: caseIdParams, response: { 200: caseGapSchema, ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const id = request.params.id;
    const entry = { action: 'case.high-risk-gap.read', objectType: 'case', objectId: id, caseId: id } as const;
    const [row] = await auditedRead<GapRow & { status: string }>(ctx.db, { actor, requestId: request.id }, {
      select: caseGapSql(actor, id), entry: { ...entry, outcome: 'success' }, whenEmpty: { ...entry, outcome: 'denied', reason: 'not visible' }, basis: sql`(select basis from r limit 1)`,
    });
    if (!row) throw notFound();
    // The gap names the risk level, which an emergency (break-the-glass) reader is not shown anywhere else.
    const basis = (row as { basis?: string }).basis;
    return { gap: row.status === 'closed' || basis === 'break_glass' ? null : presentGap(row) };
  });

  r.get('/api/protection/high-risk-gaps', {
    config: { access: read },
    schema: {
      tags, summary: 'Open cases rated high or imminent without an emergency plan or security officer (managers: all; others: their case teams)',
      response: { 200: gapListSchema, ...caseErrors },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const entry = { action: 'protection.high-risk-gaps.list', outcome: 'success', objectType: 'case' } as const;
    const rows = await auditedRead<GapRow>(ctx.db, { actor, requestId: request.id }, { select: gapListSql(actor, 200), entry, whenEmpty: entry });
    return { gaps: rows.flatMap((row) => { const gap = presentGap(row); return gap ? [{ ...gap, caseId: row.caseId, codename: row.codename }] : []; }) };
  });
}
