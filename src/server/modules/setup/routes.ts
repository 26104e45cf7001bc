import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginResultSchema, setupSchema, setupStatusSchema } from '../../../contracts/auth.ts';
import { errorBodySchema } from '../../../contracts/errors.ts';
import { setSessionCookie } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import { completeSetup } from './commands/complete-setup.ts';
import { needsSetup } from './setup-token.ts';

export function setupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/setup/status', {
    config: { access: { public: 'the setup page must know whether to show itself' } },
    schema: { tags: ['setup'], summary: 'Whether the first manager still has to be created', response: { 200: setupStatusSchema } },
  }, async () => ({ needsSetup: await needsSetup(ctx.db) }));

  r.post('/api/setup', {
    config: { access: { public: 'guarded by the one-time setup token printed at first start' } },
    schema: {
      tags: ['setup'], summary: 'Create the organisation and the first manager with the one-time setup token',
      body: setupSchema, response: { 200: loginResultSchema, 410: errorBodySchema },
    },
  }, async (request, reply) => {
    const { sessionToken } = await completeSetup({ db: ctx.db, input: request.body, requestId: request.id, ip: request.ip });
    setSessionCookie(reply, ctx.cookie, sessionToken);
    return { next: 'enrol' as const };
  });
}
