import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { threatRoutes } from './threats/routes.ts';
import { planRoutes } from './plans/routes.ts';

/** Threat analysis, shielding and emergency plans, relocation. */
export function protectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  threatRoutes(app, ctx);
  planRoutes(app, ctx);
}
