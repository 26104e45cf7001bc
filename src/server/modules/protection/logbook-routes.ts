import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';

/** The client's threat logbook and its evidence files. */
export async function logbookRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {
}
