// The HTTP API as a Fastify app: validation at the edge, problem details, security headers, who is asking
// (session or token, with the token's scopes), and the audit trail. Keeps no state between requests, so
// several processes can share one database.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchemaCompiler,
  type FastifyServerOptions,
} from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import type { KnowledgeBase } from '../kb/types.js';
import { RecordError } from '../service/records.js';
import { parseBody } from '../service/schemas.js';
import { DEFAULT_WRITE_LIMITS, type WriteLimits } from '../service/write-limits.js';
import { PersonGone } from '../store/errors.js';
import type { AuditAction, CredentialRecord, Role, Store } from '../store/types.js';
import {
  HashQueueFull,
  hashSecret,
  PasswordHasher,
  SESSION_COOKIE,
  type HasherOptions,
} from './auth.js';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './limits.js';
import { securityHeaders } from './security-headers.js';
import {
  ApiError,
  forbidden,
  frameworkSlug,
  InputProblems,
  problemBody,
  recordProblem,
  unauthorized,
  validationBody,
} from './problems.js';
import { badTextProblems } from './text.js';
import { audit, type Access, type AppContext, type ClinicianSignup } from './request-context.js';

export type { Access, AppContext, ClinicianSignup } from './request-context.js';

/** Fastify's trustProxy: true (any proxy), or the proxy's addresses or CIDR ranges (`loopback` too). */
export type TrustProxy = boolean | string | string[];

export interface AppOptions {
  store: Store;
  kb: KnowledgeBase;
  /** The clock, passed in so tests can move time. */
  now?: () => Date;
  /** Pino logger options, or false for none (tests). */
  logger?: FastifyServerOptions['logger'];
  loginLimits?: Partial<LoginLimits>;
  /**
   * Per-person limits on writes (docs/api.md, "Limits"): the defaults when left out, none with false
   * (a bench or an import that must not be slowed).
   */
  writeLimits?: WriteLimits | false;
  /** Password hashing's own queue: how many at once and how many may wait. */
  hashing?: HasherOptions;
  /**
   * Trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy: the client's address for the
   * limits and the audit trail, and HTTPS for Secure cookies and HSTS. Only set it behind a proxy.
   */
  trustProxy?: TrustProxy;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Extra setup after the API routes (the web app's static files). */
  extend?: (app: FastifyInstance) => Promise<void>;
  /**
   * Who may sign up as a clinician: anyone (`open`, the default; they still see only people who accept
   * their invitation), or only with a single-use code from the operator (`code`: `backchain clinician-code`).
   */
  clinicianSignup?: ClinicianSignup;
}

export type Api = FastifyInstance;
export type TypedApi = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** HSTS for a year, sent only on responses to HTTPS requests (behind a trusted proxy, as it reports). */
const HSTS = 'max-age=31536000; includeSubDomains';

/** Whether an Origin or Referer names this site: the same scheme and host as the request. */
function sameSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin ?? request.headers.referer;
  if (origin === undefined || origin === '') return true;
  try {
    const url = new URL(origin);
    return url.protocol === `${request.protocol}:` && url.host === request.host;
  } catch {
    return false;
  }
}

/** The token used when a token's last use is noted again: once a minute is enough to show. */
const TOUCH_EVERY_MS = 60_000;

/** Resolves the credential from the session cookie or a bearer token; null when neither is valid. */
async function resolveCredential(
  request: FastifyRequest,
  ctx: AppContext,
): Promise<{ credential: CredentialRecord; kind: 'cookie' | 'bearer' } | null> {
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
  // A session secret is never accepted as a token, nor a token as a session cookie.
  if ((kind === 'bearer') !== (found.kind === 'token')) return null;
  const now = ctx.now();
  if (found.expiresAt <= now.toISOString()) {
    await ctx.store.deleteCredential(found.tokenHash);
    return null;
  }
  if (
    found.kind === 'token' &&
    (found.lastUsedAt === null || now.getTime() - Date.parse(found.lastUsedAt) >= TOUCH_EVERY_MS)
  ) {
    await ctx.store.touchCredential(found.tokenHash, now.toISOString());
  }
  return { credential: found, kind };
}

const ACTION_OF: Record<string, AuditAction> = {
  GET: 'read',
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

/** Refuses a request its credential does not allow: 401 without one, 403 for a token out of scope. */
function checkAccess(request: FastifyRequest, access: Access): void {
  if (access === 'public') return;
  const credential = request.credential;
  if (!credential) throw unauthorized();
  if (credential.kind === 'session' || access === 'signed-in') return;
  if (access === 'account') {
    throw forbidden(
      'browser-session-required',
      'Only from a signed-in browser',
      'Tokens cannot change the account (tokens, password, deletion): sign in to do that.',
    );
  }
  if (!credential.scopes.includes(access)) {
    throw forbidden(
      'insufficient-scope',
      'This token may not do that',
      `This route needs a token with the "${access}" scope; this one has ${credential.scopes.length > 0 ? credential.scopes.join(', ') : 'none'}.`,
    );
  }
}

/** How many accounts' roles a process remembers (a few hundred kilobytes at most). */
const ROLE_CACHE_SIZE = 10_000;

/**
 * Account roles already read, by account id. A role is fixed when the account is made and ids are never
 * reused, so each process reads an account's role once instead of on every request; only ids and roles
 * are kept, and the oldest goes when it is full.
 */
export class RoleCache {
  private readonly roles = new Map<string, Role>();
  constructor(private readonly size = ROLE_CACHE_SIZE) {}

  /** The account's role (older accounts are people), or undefined when there is no such account. */
  async of(store: Store, userId: string): Promise<Role | undefined> {
    const known = this.roles.get(userId);
    if (known !== undefined) return known;
    const user = await store.getUser(userId);
    if (!user) return undefined;
    const role = user.role ?? 'person';
    this.roles.set(userId, role);
    if (this.roles.size > this.size) {
      const oldest = this.roles.keys().next();
      if (!oldest.done) this.roles.delete(oldest.value);
    }
    return role;
  }
}

/**
 * Refuses an account of the wrong kind for the route: a clinician account holds no health record of its
 * own, and a person is not a clinician. The role is read from the account (older accounts are people).
 */
async function checkRole(
  request: FastifyRequest,
  ctx: AppContext,
  role: Role,
  roles: RoleCache,
): Promise<void> {
  const userId = request.userId;
  if (userId === null) throw unauthorized();
  const own = await roles.of(ctx.store, userId);
  // A credential outliving its account: as if there were none.
  if (own === undefined) throw unauthorized();
  request.role = own;
  if (own === role) return;
  if (own === 'clinician') {
    throw forbidden(
      'clinician-account',
      'A clinician account holds no health record of its own',
      'This route is for a person’s own record. Sign in with a personal account to keep your own record, or use the clinician routes (/api/clinician/…) to follow the people linked to you.',
    );
  }
  throw forbidden(
    'not-a-clinician',
    'This is for clinician accounts',
    'Only a clinician account can use this route. A person links to their clinician by accepting an invitation.',
  );
}

/** Checks each part of a request against its zod schema (see `buildApp`, where it is set). */
const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const zschema = schema as z.ZodType;
  return (data: unknown) => {
    const part = httpPart ?? 'body';
    const bad = badTextProblems(data);
    if (bad.length > 0) return { error: new InputProblems(part, bad) };
    const result = parseBody(zschema, data);
    if (result.ok) return { value: result.value };
    return { error: new InputProblems(part, result.problems) };
  };
};

/** Every response as plain JSON. */
const jsonSerializerCompiler = () => (data: unknown) => JSON.stringify(data);

/**
 * The two compilers as Fastify's `compilersFactory`. Its types name ajv's and fast-json-stringify's
 * compiler shapes, though Fastify calls any compiler the same way (as `setValidatorCompiler` does).
 */
const OWN_COMPILERS = {
  buildValidator: () => zodValidatorCompiler,
  buildSerializer: () => jsonSerializerCompiler,
} as unknown as NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

/**
 * Fastify's request log in one line per request, written when it is answered, saying what its two lines
 * said ("incoming request" and "request completed"): every line is a write to the log, and on a busy
 * server the second cost more than some routes' own work.
 */
class OneLineRequestLog extends LogController {
  override incomingRequest(): void {
    // Said when the request is answered.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** Builds the app (not listening). Routes are registered by the route modules. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Our own compilers (set again below) from the first moment: Fastify then never loads its
    // defaults, ajv and fast-json-stringify (some 230 files), which would only slow the start.
    schemaController: { compilersFactory: OWN_COMPILERS },
    logger: opts.logger ?? false,
    logController: new OneLineRequestLog(),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: opts.bodyLimit ?? 64 * 1024,
    trustProxy: opts.trustProxy ?? false,
    routerOptions: { ignoreTrailingSlash: true },
    // A request Node cannot even parse (headers too large, malformed) is answered as a problem too.
    clientErrorHandler: (error, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? 431
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? 408
            : 400;
      const title = STATUS_CODES[status] ?? 'Bad Request';
      const requestId = randomUUID();
      const body = JSON.stringify({
        ...problemBody(status, frameworkSlug(status), title, 'The request could not be read.'),
        requestId,
      });
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
    // A URL the router cannot read (bad percent-encoding) is a problem like any other.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      void sendProblem(
        request,
        reply,
        400,
        problemBody(400, 'bad-request', 'The request could not be handled', error.message),
      );
    },
  });
  const ctx: AppContext = {
    store: opts.store,
    kb: opts.kb,
    now: opts.now ?? (() => new Date()),
    loginLimits: { ...DEFAULT_LOGIN_LIMITS, ...opts.loginLimits },
    writeLimits:
      opts.writeLimits === false ? undefined : (opts.writeLimits ?? DEFAULT_WRITE_LIMITS),
    hasher: new PasswordHasher(opts.hashing),
    clinicianSignup: opts.clinicianSignup ?? 'open',
  };
  app.decorate('ctx', ctx);
  app.decorateRequest('userId', null);
  app.decorateRequest('authKind', null);
  app.decorateRequest('credential', null);
  app.decorateRequest('role', null);

  // Our own validator: zod at the edge, with problems that name the path, the expectation and the value
  // (`parseBody`, which the web app uses too, so both say the same). Text the databases cannot store
  // the same way (NUL, lone surrogates) is refused first, in every part of every request.
  app.setValidatorCompiler(zodValidatorCompiler);
  // Responses are engine values already typed; the schemas describe them for the OpenAPI document.
  app.setSerializerCompiler(jsonSerializerCompiler);

  await app.register(cookie);
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

  // Helmet's headers, worked out once (security-headers.ts); HSTS below, only over HTTPS.
  const security = securityHeaders();
  const roles = new RoleCache();
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(security);
    reply.header('x-request-id', request.id);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    if (!request.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');
    const who = await resolveCredential(request, ctx);
    request.credential = who?.credential ?? null;
    request.userId = who?.credential.userId ?? null;
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
    const config = request.routeOptions.config;
    checkAccess(request, config.access ?? 'public');
    if (config.role !== undefined && (config.access ?? 'public') !== 'public') {
      await checkRole(request, ctx, config.role, roles);
    }
  });

  app.setErrorHandler(async (thrown, request, reply) => {
    // The record service's refusals are outcomes, not failures: this is where they get a status.
    // A refusal naming fields (a check-in missing answers) is a validation problem like any other.
    const err =
      thrown instanceof PersonGone
        ? recordProblem(
            new RecordError(
              'not-found',
              'account-gone',
              'This account no longer exists',
              'The account was deleted, so nothing was saved.',
            ),
          )
        : thrown instanceof HashQueueFull
          ? new ApiError(
              429,
              'busy',
              'Too many sign-ins at this moment',
              'The server is checking many passwords right now. Please try again in a moment.',
              { 'retry-after': String(thrown.retryAfterSeconds) },
            )
          : thrown instanceof RecordError
            ? thrown.problems.length > 0
              ? new InputProblems('body', thrown.problems)
              : recordProblem(thrown)
            : thrown;
    let status: number;
    let body: object;
    let headers: Record<string, string> = {};
    if (err instanceof InputProblems) {
      status = 400;
      body = validationBody(err);
    } else if (err instanceof ApiError) {
      status = err.status;
      body = problemBody(err.status, err.slug, err.title, err.detail, err.extra);
      headers = err.headers;
    } else {
      const code = (err as { statusCode?: number }).statusCode;
      if (typeof code === 'number' && code >= 400 && code < 500) {
        status = code;
        const message = err instanceof Error ? err.message : 'The request could not be handled.';
        body = problemBody(code, frameworkSlug(code), 'The request could not be handled', message);
      } else {
        request.log.error({ err, requestId: request.id }, 'unhandled error');
        return sendProblem(
          request,
          reply,
          500,
          problemBody(
            500,
            'internal',
            'Something went wrong on our side',
            `Please try again. If it keeps happening, quote request ${request.id}.`,
          ),
        );
      }
    }
    // A refusal of someone known is an access on the record too: refused attempts are audited.
    const gone = err instanceof ApiError && err.slug === 'account-gone';
    if (request.userId !== null && status !== 401 && !gone && request.url.startsWith('/api/')) {
      const route = request.routeOptions.url ?? '';
      const action: AuditAction =
        route === '/api/export' ? 'export' : (ACTION_OF[request.method] ?? 'read');
      await audit(request, ctx, action, 'refused').catch((auditErr: unknown) => {
        request.log.error({ err: auditErr, requestId: request.id }, 'audit write failed');
      });
    }
    return sendProblem(request, reply, status, body, headers);
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendProblem(
      request,
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

/** Every error response: problem+json with the request id, in the body and the header. */
function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: object,
  headers: Record<string, string> = {},
) {
  return reply
    .code(status)
    .headers(headers)
    .type('application/problem+json')
    .send({ ...body, requestId: request.id });
}
