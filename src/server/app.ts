// The HTTP API as a Fastify app: validation at the edge, problem details, security headers, sessions from the store.
// Keeps no state between requests, so several processes can share one database.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { KnowledgeBase } from '../kb/types.js';
import { RecordError } from '../service/records.js';
import { parseBody } from '../service/schemas.js';
import { newId } from '../store/ids.js';
import type { AuditRecord, Store } from '../store/types.js';
import { DEFAULT_LOGIN_LIMITS, hashSecret, SESSION_COOKIE, type LoginLimits } from './auth.js';
import {
  ApiError,
  InputProblems,
  problemBody,
  recordProblem,
  unauthorized,
  validationBody,
} from './problems.js';

export interface AppOptions {
  store: Store;
  kb: KnowledgeBase;
  /** The clock, passed in so tests can move time. */
  now?: () => Date;
  /** Pino logger options, or false for none (tests). */
  logger?: FastifyServerOptions['logger'];
  loginLimits?: LoginLimits;
  /** Trust X-Forwarded-* from a reverse proxy (for the client address and HTTPS detection). */
  trustProxy?: boolean;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Extra setup after the API routes (the web app's static files). */
  extend?: (app: FastifyInstance) => Promise<void>;
}

export interface AppContext {
  store: Store;
  kb: KnowledgeBase;
  now: () => Date;
  loginLimits: LoginLimits;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, set by `authenticate`. */
    userId: string | null;
    /** How the request was authenticated: cookie sessions need the cross-site check. */
    authKind: 'cookie' | 'bearer' | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
}

export type Api = FastifyInstance;
export type TypedApi = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether an Origin or Referer names the same site as the request's host. */
function sameSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin ?? request.headers.referer;
  if (origin === undefined || origin === '') return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Resolves the person from the session cookie or a bearer token; null when neither is valid. */
async function resolveUser(
  request: FastifyRequest,
  ctx: AppContext,
): Promise<{ userId: string; kind: 'cookie' | 'bearer' } | null> {
  const auth = request.headers.authorization;
  let secret: string | undefined;
  let kind: 'cookie' | 'bearer' = 'cookie';
  if (auth?.startsWith('Bearer ')) {
    secret = auth.slice(7).trim();
    kind = 'bearer';
  } else {
    secret = request.cookies[SESSION_COOKIE];
  }
  if (!secret) return null;
  const found = await ctx.store.getCredential(hashSecret(secret));
  if (!found) return null;
  if (kind === 'bearer' && found.kind !== 'token') return null;
  if (found.expiresAt <= ctx.now().toISOString()) {
    await ctx.store.deleteCredential(found.tokenHash);
    return null;
  }
  return { userId: found.userId, kind };
}

/** The signed-in person's id, or a 401 problem. */
export function requireUser(request: FastifyRequest): string {
  if (request.userId === null) throw unauthorized();
  return request.userId;
}

const AUDIT_ACTION: Record<string, AuditRecord['action']> = {
  GET: 'read',
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

function sendProblem(
  reply: FastifyReply,
  status: number,
  body: object,
  headers: Record<string, string> = {},
) {
  return reply.code(status).headers(headers).type('application/problem+json').send(body);
}

/** Builds the app (not listening). Routes are registered by the route modules. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: opts.bodyLimit ?? 64 * 1024,
    trustProxy: opts.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const ctx: AppContext = {
    store: opts.store,
    kb: opts.kb,
    now: opts.now ?? (() => new Date()),
    loginLimits: opts.loginLimits ?? DEFAULT_LOGIN_LIMITS,
  };
  app.decorate('ctx', ctx);
  app.decorateRequest('userId', null);
  app.decorateRequest('authKind', null);

  // Our own validator: zod at the edge, with problems that name the path, the expectation and the value
  // (`parseBody`, which the web app uses too, so both say the same).
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const zschema = schema as z.ZodType;
    return (data: unknown) => {
      const result = parseBody(zschema, data);
      if (result.ok) return { value: result.value };
      return { error: new InputProblems(httpPart ?? 'body', result.problems) };
    };
  });
  // Responses are engine values already typed; the schemas describe them for the OpenAPI document.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Backchain API',
        version: '1',
        description:
          'Self-care and triage coach for low back pain linked to the hamstrings and sciatica.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');
    const who = await resolveUser(request, ctx);
    request.userId = who?.userId ?? null;
    request.authKind = who?.kind ?? null;
    // Cross-site request forgery: a state-changing request whose Origin (or Referer) names another site is refused.
    if (STATE_CHANGING.has(request.method) && request.authKind !== 'bearer' && !sameSite(request)) {
      throw new ApiError(
        403,
        'cross-site',
        'Cross-site request refused',
        'This request came from another site, so it was refused to protect your account.',
      );
    }
  });

  // Every read or change of a person's data is written to their audit trail.
  app.addHook('onResponse', async (request, reply) => {
    const userId = request.userId;
    const route = request.routeOptions.url;
    if (!userId || !route?.startsWith('/api/') || reply.statusCode >= 400) return;
    if (route.startsWith('/api/auth/') || route === '/api/me' || route === '/api/audit') return;
    const params = request.params as Record<string, string> | undefined;
    const action = route === '/api/export' ? 'export' : (AUDIT_ACTION[request.method] ?? 'read');
    const resource = `${route}${params?.id ? `#${params.id}` : ''}${route === '/api/export' ? `?format=${(request.query as { format?: string }).format ?? ''}` : ''}`;
    const now = ctx.now();
    try {
      await ctx.store.addAudit({
        userId,
        id: newId(now),
        at: now.toISOString(),
        actor: userId,
        action,
        resource,
      });
    } catch (err) {
      request.log.error({ err }, 'audit write failed');
    }
  });

  app.setErrorHandler(async (thrown, request, reply) => {
    // The record service's refusals are outcomes, not failures: this is where they get a status.
    // A refusal naming fields (a check-in missing answers) is a validation problem like any other.
    const err =
      thrown instanceof RecordError
        ? thrown.problems.length > 0
          ? new InputProblems('body', thrown.problems)
          : recordProblem(thrown)
        : thrown;
    if (err instanceof InputProblems) return sendProblem(reply, 400, validationBody(err));
    if (err instanceof ApiError) {
      return sendProblem(
        reply,
        err.status,
        problemBody(err.status, err.slug, err.title, err.detail),
        err.headers,
      );
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = err instanceof Error ? err.message : 'The request could not be handled.';
      return sendProblem(
        reply,
        status,
        problemBody(status, 'bad-request', 'The request could not be handled', message),
      );
    }
    request.log.error({ err, requestId: request.id }, 'unhandled error');
    return sendProblem(
      reply,
      500,
      problemBody(
        500,
        'internal',
        'Something went wrong on our side',
        `Please try again. If it keeps happening, quote request ${request.id}.`,
        {
          requestId: request.id,
        },
      ),
    );
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(
      reply,
      404,
      problemBody(
        404,
        'not-found',
        'Not found',
        `There is no ${request.method} ${request.url.split('?')[0] ?? ''} here.`,
      ),
    ),
  );

  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { registerRoutes } = await import('./routes/index.js');
  await registerRoutes(typed);
  if (opts.extend) await opts.extend(app);
  await app.ready();
  return app;
}
