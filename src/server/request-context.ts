// Who is asking and what the app holds, for the route modules: the signed-in person, the audit trail and
// the record service's context. Apart from app.ts, so the routes need not import the app that loads them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KnowledgeBase } from '../kb/types.js';
import { auditRecord, type AuditContext, type RecordContext } from '../service/records.js';
import type { WriteLimits } from '../service/write-limits.js';
import type {
  AuditAction,
  AuditOutcome,
  CredentialRecord,
  Role,
  Store,
  TokenScope,
} from '../store/types.js';
import type { PasswordHasher } from './auth.js';
import type { LoginLimits } from './limits.js';
import { unauthorized } from './problems.js';

/** Who may sign up as a clinician (docs/clinician.md, "Accounts and roles"). */
export type ClinicianSignup = 'open' | 'code';

export interface AppContext {
  store: Store;
  kb: KnowledgeBase;
  now: () => Date;
  loginLimits: LoginLimits;
  /** Passed to the record service with every write (`recordContext`); undefined: no limits. */
  writeLimits: WriteLimits | undefined;
  hasher: PasswordHasher;
  clinicianSignup: ClinicianSignup;
}

/**
 * Who may use a route. `public`: anyone. `read`, `write`, `export`: a browser session, or a token with
 * that scope. `account`: changes to the account itself (tokens, password, deletion), a browser session
 * only. `signed-in`: any valid credential (logging out).
 */
export type Access = 'public' | TokenScope | 'account' | 'signed-in';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, set when the request carried a valid session or token. */
    userId: string | null;
    /** How the request was authenticated: cookie sessions need the cross-site check. */
    authKind: 'cookie' | 'bearer' | null;
    /** The credential itself (its public id, kind and scopes), when there was one. */
    credential: CredentialRecord | null;
    /** The account's role, read when the route names one (`config.role`); null otherwise. */
    role: Role | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyContextConfig {
    /** Who may use the route (`Access`); routes without one are public. */
    access?: Access;
    /**
     * Which kind of account the route is for: `person` routes hold a person's own record (a clinician
     * account has none), `clinician` routes are a clinician's; routes without one take any account.
     */
    role?: Role;
  }
}

/** The signed-in person's id, or a 401 problem. */
export function requireUser(request: FastifyRequest): string {
  if (request.userId === null) throw unauthorized();
  return request.userId;
}

/** Who is acting, for an audit row: the person, their credential, their address, what they asked for. */
export function auditContext(
  request: FastifyRequest,
  resource = resourceOf(request),
): AuditContext {
  return {
    actor: request.userId ?? 'anonymous',
    credentialKind: request.credential?.kind ?? null,
    credentialId: request.credential?.id ?? null,
    address: request.ip,
    resource,
  };
}

/** The record service's context for this request: writes leave their audit row in their own transaction. */
export function recordContext(request: FastifyRequest, app: FastifyInstance): RecordContext {
  return { ...app.ctx, audit: auditContext(request) };
}

/** What a request touched, for the audit trail: its route, its id, the export format. */
function resourceOf(request: FastifyRequest): string {
  const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
  const params = request.params as Record<string, unknown> | undefined;
  const id = typeof params?.id === 'string' ? `#${params.id}` : '';
  const query = request.query as Record<string, unknown> | undefined;
  const format =
    route === '/api/export' && typeof query?.format === 'string' ? `?format=${query.format}` : '';
  return `${route}${id}${format}`;
}

/**
 * Writes an audit row for this request's person and waits for it: a read or an export answers only
 * once its row is stored (no row, no data). Throws when the row cannot be written.
 */
export async function audit(
  request: FastifyRequest,
  ctx: AppContext,
  action: AuditAction,
  outcome: AuditOutcome = 'ok',
  resourceId: string | null = null,
  userId: string | null = request.userId,
): Promise<void> {
  if (userId === null) return;
  // The actor is the person the row is for: a failed login or sign-up names the account it tried.
  const who = { ...auditContext(request), actor: userId };
  await ctx.store.addAudit(auditRecord(who, userId, action, resourceId, outcome, ctx.now()));
}
