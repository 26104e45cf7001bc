import crypto from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { makeDeniedRecorder, makeSessionIdHash, makeSessionLoader } from './platform/auth/session-loader.ts';
import { loggerOptions } from './platform/config/logger.ts';
import type { AppContext } from './platform/context.ts';
import { installCsrfCheck, installHostCheck } from './platform/http/csrf.ts';
import { installErrorHandling } from './platform/http/errors.ts';
import { installSecurityHeaders, setSecurityHeaders } from './platform/http/security-headers.ts';
import { installTextInputCheck } from './platform/http/text-input.ts';
import { installWebAssets } from './platform/http/web-assets.ts';
import { installAccessControl, type Access } from './platform/policy/access.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { caseLifecycleRoutes } from './modules/cases/lifecycle-routes.ts';
import { caseIdentityRoutes } from './modules/cases/identity-routes.ts';
import { caseAgreementRoutes } from './modules/cases/agreement-routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { liveRoute } from './modules/notifications/live-route.ts';
import { safetyRoutes } from './modules/safety/routes.ts';
import { careRoutes } from './modules/care/routes.ts';
import { riskRoutes } from './modules/risk/routes.ts';
import { protectionRoutes } from './modules/protection/routes.ts';
import { logbookRoutes } from './modules/protection/logbook-routes.ts';
import { programmeRoutes } from './modules/programmes/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { setupRoutes } from './modules/setup/routes.ts';
import { staffRoutes } from './modules/staff/routes.ts';

export type RouteRecord = { method: string | string[]; url: string; access: Access | undefined; schema: FastifySchema | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its access declaration, for the deny-by-default test. */
    routeTable: RouteRecord[];
  }
}

export type BuildOptions = { logger?: boolean | object; withWeb?: boolean };

/** Assembles Exitdesk: plugins, then modules. No logic lives here. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const https = ctx.config.publicUrl?.startsWith('https:') ?? false;
  const app = Fastify({
    logger: opts.logger === false ? false : {
      ...loggerOptions(ctx.config.logLevel),
      // Query strings (searches) stay out of the logs; paths hold only ids.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
      },
      ...(typeof opts.logger === 'object' ? opts.logger : {}),
    },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 256 * 1024,
    // Behind a reverse proxy, EXITDESK_TRUST_PROXY names it (e.g. "127.0.0.1") so the login throttle sees client addresses.
    trustProxy: ctx.config.trustProxy ?? false,
    // Malformed URLs and the like go through our error handler: JSON body, security headers, no echo.
    frameworkErrors: (_error, request, reply) => {
      // Sent before routing, so onSend hooks do not run: set the headers here.
      setSecurityHeaders(reply as never, request, https);
      void (reply as unknown as { code: (n: number) => { send: (b: unknown) => void } }).code(400)
        .send({ error: { code: 'bad_request', message: 'The request could not be read' }, correlationId: request.id });
    },
    routerOptions: { maxParamLength: 200 },
    // Validation is ours (zod); Fastify's ajv is not used.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const routeTable: RouteRecord[] = [];
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installSecurityHeaders(app, { https });
  installHostCheck(app, { publicUrl: ctx.config.publicUrl, listenHost: ctx.config.host });
  installTextInputCheck(app);
  installCsrfCheck(app, { publicOrigin: ctx.config.publicUrl ? new URL(ctx.config.publicUrl).origin : undefined });
  await app.register(fastifyCookie);
  installAccessControl(app, { loadSession: makeSessionLoader(ctx), onDenied: makeDeniedRecorder(ctx), sessionIdHash: makeSessionIdHash(ctx) });

  // Swagger UI's own routes are explicitly public: the API description holds no data.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), access: { public: 'API documentation' } };
    routeTable.push({ method: route.method, url: route.url, access: route.config?.access, schema: route.schema });
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Exitdesk API',
        version: '0.1.0',
        description: 'Sign in with POST /api/auth/login then POST /api/auth/mfa; the session cookie carries the rest. State-changing requests must carry an Origin header equal to the address called (e.g. http://127.0.0.1:3000). Errors are `{error:{code,message,fields?},correlationId}`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: ctx.cookie.name } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  healthRoutes(app, ctx);
  setupRoutes(app, ctx);
  authRoutes(app, ctx);
  staffRoutes(app, ctx);
  programmeRoutes(app, ctx);
  caseRoutes(app, ctx);
  caseLifecycleRoutes(app, ctx);
  caseIdentityRoutes(app, ctx);
  caseAgreementRoutes(app, ctx);
  notificationRoutes(app, ctx);
  liveRoute(app, ctx);
  safetyRoutes(app, ctx);
  careRoutes(app, ctx);
  riskRoutes(app, ctx);
  protectionRoutes(app, ctx);
  await logbookRoutes(app, ctx);
  if (opts.withWeb !== false) await installWebAssets(app);
  return app;
}
