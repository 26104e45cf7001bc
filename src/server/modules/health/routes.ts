import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';

const healthSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['up', 'down']) });

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get('/healthz', {
    config: { access: { public: 'load balancers and the fault tests poll it' } },
    schema: {
      tags: ['health'],
      summary: 'Liveness and database readiness',
      description: 'Answers 200 {"status":"ok"} once the database is ready, 503 otherwise.',
      response: { 200: healthSchema, 503: healthSchema },
    },
  }, async (_request, reply) => {
    try {
      await ctx.db.execute(sql`select 1`);
      ctx.health.databaseUp = true;
      return { status: 'ok' as const, database: 'up' as const };
    } catch {
      ctx.health.databaseUp = false;
      return reply.code(503).send({ status: 'unavailable', database: 'down' });
    }
  });
}
