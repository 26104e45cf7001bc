import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';

/** Risk instruments and structured risk assessments. */
export function riskRoutes(_app: FastifyInstance, _ctx: AppContext): void {
}
