import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';

/** Threat analysis, shielding and emergency plans, relocation. */
export function protectionRoutes(_app: FastifyInstance, _ctx: AppContext): void {
}
