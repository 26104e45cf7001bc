import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseIdParams } from '../../../contracts/cases.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { EVIDENCE_FIELD, MAX_EVIDENCE_BYTES, evidenceFileSchema, evidenceParams, logbookEntryParams, logbookSchema, recordThreatSchema } from '../../../contracts/logbook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { actorOf } from '../../platform/policy/access.ts';
import { caseErrors } from '../cases/routes.ts';
import { recordThreat } from './logbook/commands/record-threat.ts';
import { removeEvidence } from './logbook/commands/remove-evidence.ts';
import { checkMayUploadEvidence, uploadEvidence } from './logbook/commands/upload-evidence.ts';
import { evidenceErrors, prepareEvidence } from './logbook/evidence.ts';
import { downloadName, presentLogbook } from './logbook/presenter.ts';
import { readEvidence, readLogbook } from './logbook/queries.ts';

const tags = ['threat logbook'];
const uploadErrors = { ...caseErrors, 413: errorBodySchema, 415: errorBodySchema };

/**
 * The one file of an upload request, read into memory (never to disk) and cut
 * off at MAX_EVIDENCE_BYTES: a larger file is refused before anything is stored.
 */
async function readUpload(request: FastifyRequest): Promise<{ bytes: Buffer; filename: string | undefined }> {
  if (!request.isMultipart()) throw new AppError(415, 'multipart_required', `Send the file as multipart/form-data in the field "${EVIDENCE_FIELD}"`);
  let part;
  try {
    part = await request.file();
  } catch {
    throw new AppError(400, 'bad_request', 'The request could not be read');
  }
  if (!part) throw evidenceErrors.missing();
  if (part.fieldname !== EVIDENCE_FIELD) {
    part.file.resume();
    throw evidenceErrors.missing();
  }
  try {
    return { bytes: await part.toBuffer(), filename: part.filename };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw evidenceErrors.tooLarge();
    throw new AppError(400, 'bad_request', 'The request could not be read');
  }
}

/** The client's threat logbook and its evidence files. */
export async function logbookRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = (request: FastifyRequest) => ({ db: ctx.db, keyring: ctx.keyring, actor: actorOf(request), requestId: request.id });

  r.get('/api/cases/:id/logbook', {
    config: { access: { permission: 'protection:read' } },
    schema: { tags, summary: 'The threat logbook of a case, newest first, with its evidence files (managers and the case team)', params: caseIdParams, response: { 200: logbookSchema, ...caseErrors } },
  }, async (request) => {
    const actor = actorOf(request);
    const { rows, found } = await readLogbook({ ...base(request), caseId: request.params.id });
    return presentLogbook(ctx.keyring, rows, actor, found);
  });

  r.post('/api/cases/:id/logbook', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Record a threat the client received (encrypted at rest)', params: caseIdParams, body: recordThreatSchema, response: { 201: z.object({ id: z.string().uuid() }), ...caseErrors } },
  }, async (request, reply) => reply.code(201).send(await recordThreat({ ...base(request), caseId: request.params.id, input: request.body })));

  r.get('/api/cases/:id/logbook/evidence/:fileId', {
    config: { access: { permission: 'protection:read' } },
    schema: { tags, summary: 'Download one evidence file (as an attachment under a generic name)', params: evidenceParams, response: { ...caseErrors } },
  }, async (request, reply) => {
    const { mediaType, bytes } = await readEvidence({ ...base(request), caseId: request.params.id, fileId: request.params.fileId });
    // The zod reply type knows only JSON bodies; this one is the file itself.
    return (reply as unknown as FastifyReply)
      .header('content-type', mediaType)
      .header('content-disposition', `attachment; filename="${downloadName(request.params.fileId, mediaType)}"`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  r.delete('/api/cases/:id/logbook/evidence/:fileId', {
    config: { access: { permission: 'protection:write' } },
    schema: { tags, summary: 'Remove an evidence file (managers)', params: evidenceParams, response: { 204: z.null(), ...caseErrors } },
  }, async (request, reply) => {
    await removeEvidence({ ...base(request), caseId: request.params.id, fileId: request.params.fileId });
    return reply.code(204).send(null);
  });

  // Multipart parsing exists only in this scope, for the upload route; every other route keeps JSON only.
  // Hooks installed on the root before this (access control, route table, security headers) apply here too.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 50 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/cases/:id/logbook/:entryId/evidence', {
      config: { access: { permission: 'protection:write' } },
      schema: {
        tags, params: logbookEntryParams, response: { 201: evidenceFileSchema, ...uploadErrors },
        summary: `Attach one evidence file to an entry (multipart/form-data, field "${EVIDENCE_FIELD}", at most ${MAX_EVIDENCE_BYTES / (1024 * 1024)} MB; JPEG, PNG, WebP or PDF by content; image metadata removed; encrypted with the case key)`,
      },
    }, async (request, reply) => {
      await checkMayUploadEvidence({ ...base(request), caseId: request.params.id, entryId: request.params.entryId });
      const upload = await readUpload(request);
      const file = await prepareEvidence(upload.bytes);
      const stored = await uploadEvidence({ ...base(request), caseId: request.params.id, entryId: request.params.entryId, file, name: upload.filename });
      return reply.code(201).send({ ...stored, uploadedByName: actorOf(request).name });
    });
  });
}
