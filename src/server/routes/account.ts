// Account routes: sign up, log in, log out, change password, personal access tokens (create, list, revoke),
// read and delete the account. Every event is audited in the transaction that makes it happen.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { meView, noContent, tokenList, tokenMade } from '../../service/responses.js';
import { newId } from '../../store/ids.js';
import { normalizeEmail } from '../../store/keys.js';
import type {
  AuditAction,
  AuditOutcome,
  CredentialRecord,
  PersonStore,
  UserRecord,
} from '../../store/types.js';
import { audit, auditContext, requireUser } from '../request-context.js';
import {
  erasureSubject,
  hashSecret,
  MAX_TOKEN_DAYS,
  newSecret,
  passwordProblem,
  SESSION_COOKIE,
  SESSION_DAYS,
  sessionCredential,
  TOKEN_DAYS,
  TOKEN_SCOPES,
  tokenCredential,
} from '../auth.js';
import { hashClinicianCode } from '../clinician-codes.js';
import { passwordKeys, settleAttempt, signupKeys, takeAttempt } from '../limits.js';
import { ApiError, InputProblems, unauthorized } from '../problems.js';
import {
  changePasswordBody,
  credentialsBody,
  idParams,
  newTokenBody,
  signupBody,
} from '../schemas.js';
import type { ZApi } from './types.js';

/** The account as it is shown back: accounts made before roles were people. */
const meOf = (user: UserRecord) => ({
  id: user.id,
  email: user.email,
  createdAt: user.createdAt,
  role: user.role ?? 'person',
  displayName: user.displayName ?? null,
});

/** A clinician sign-up code that is missing, wrong, used or expired: a problem naming the field. */
function badClinicianCode(received: string): InputProblems {
  const expected = 'the clinician sign-up code the operator gave you (single use, valid 14 days)';
  return new InputProblems('body', [
    {
      path: 'clinicianCode',
      expected,
      received,
      message: `clinicianCode: expected ${expected}, got ${received}`,
    },
  ]);
}

function weakPassword(path: string, expected: string, given: string): InputProblems {
  const received = `a password of ${given.length} characters`;
  return new InputProblems('body', [
    { path, expected, received, message: `${path}: expected ${expected}, got ${received}` },
  ]);
}

const wrongCredentials = () =>
  new ApiError(
    401,
    'wrong-credentials',
    'Email or password not recognised',
    'Check the email address and password and try again.',
  );

/** A token as the person sees it in the list: never its secret, nor the secret's hash. */
const tokenOf = (c: CredentialRecord) => ({
  id: c.id,
  name: c.name ?? 'Personal access token',
  scopes: c.scopes,
  createdAt: c.createdAt,
  expiresAt: c.expiresAt,
  lastUsedAt: c.lastUsedAt,
});

export function accountRoutes(app: ZApi): void {
  const { store, hasher, loginLimits } = app.ctx;

  /** An audit row inside a person's transaction, for this request. */
  const auditIn = async (
    tx: PersonStore,
    request: FastifyRequest,
    userId: string,
    action: AuditAction,
    outcome: AuditOutcome,
    extra: { resourceId?: string | null; credential?: CredentialRecord } = {},
  ) => {
    const who = auditContext(request);
    const now = app.ctx.now();
    await tx.addAudit({
      userId,
      id: newId(now),
      at: now.toISOString(),
      actor: userId,
      action,
      resource: who.resource,
      resourceId: extra.resourceId ?? null,
      credentialKind: extra.credential?.kind ?? who.credentialKind,
      credentialId: extra.credential?.id ?? who.credentialId,
      address: who.address,
      outcome,
    });
  };

  /** Starts a browser session, with its audit row, in the person's transaction. */
  const startSession = async (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    action: AuditAction,
  ) => {
    const { secret, hash } = newSecret();
    const session = sessionCredential(userId, app.ctx.now(), hash);
    await store.withPerson(userId, async (tx) => {
      await tx.addCredential(session);
      await auditIn(tx, request, userId, action, 'ok', { credential: session });
    });
    reply.setCookie(SESSION_COOKIE, secret, {
      httpOnly: true,
      sameSite: 'lax',
      // Behind a reverse proxy this needs --trust-proxy, so the request is seen as HTTPS.
      secure: request.protocol === 'https',
      path: '/',
      maxAge: SESSION_DAYS * 86_400,
    });
  };

  /**
   * Checks a password under the limits: the attempt is counted before the hash is checked, then
   * settled. A refusal of an existing account's attempt (429) is audited for that account.
   */
  const checkPassword = async (
    request: FastifyRequest,
    email: string,
    passwordHash: string | undefined,
    password: string,
    userId: string | undefined,
    action: AuditAction,
  ): Promise<boolean> => {
    const keys = passwordKeys(email, request.ip);
    try {
      await takeAttempt(store, keys, app.ctx.now(), loginLimits, 'sign-in');
    } catch (e) {
      if (userId !== undefined) await audit(request, app.ctx, action, 'refused', null, userId);
      throw e;
    }
    let right: boolean;
    try {
      right = await hasher.verify(passwordHash, password);
    } catch (e) {
      // Not checked (the hashing queue is full): the attempt is given back.
      await settleAttempt(store, keys, 'unchecked', loginLimits);
      throw e;
    }
    await settleAttempt(store, keys, right ? 'right' : 'wrong', loginLimits);
    return right;
  };

  app.post(
    '/api/auth/signup',
    {
      config: { access: 'public', problems: [409, 429] },
      schema: {
        tags: ['account'],
        description:
          'Makes an account and signs it in (201). `role` is `person` (the default: a record of your own) or `clinician` (with the `displayName` people see; when this deployment asks for it, see `GET /api/config`, a `clinicianCode` from the operator).',
        body: signupBody,
        response: { 201: meView },
      },
    },
    async (request, reply) => {
      const { password, role } = request.body;
      const email = normalizeEmail(request.body.email);
      const code = request.body.clinicianCode;
      const needsCode = role === 'clinician' && app.ctx.clinicianSignup === 'code';
      if (needsCode && code === undefined) throw badClinicianCode('nothing');
      const why = passwordProblem(password, email);
      if (why) throw weakPassword('password', why, password);
      const keys = signupKeys(request.ip);
      const now = app.ctx.now();
      await takeAttempt(store, keys, now, loginLimits, 'sign-up');
      let passwordHash: string;
      try {
        passwordHash = await hasher.hash(password);
      } catch (e) {
        await settleAttempt(store, keys, 'unchecked', loginLimits);
        throw e;
      }
      const user: UserRecord = {
        id: newId(now),
        email,
        passwordHash,
        createdAt: now.toISOString(),
        role,
        displayName: role === 'clinician' ? (request.body.displayName ?? null) : null,
      };
      // With a code, the account and the code's use are one step: a code makes one account only.
      const made =
        needsCode && code !== undefined
          ? await store.createClinician(user, hashClinicianCode(code), now.toISOString())
          : await store.createUser(user);
      if (made === false && needsCode)
        throw badClinicianCode('a code that is unknown, used or expired');
      if (made !== true) {
        throw new ApiError(
          409,
          'email-taken',
          'That email already has an account',
          'Log in instead, or use another email address.',
        );
      }
      await startSession(request, reply, user.id, 'login');
      return reply.code(201).send(meOf(user));
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', problems: [401, 429] },
      schema: { tags: ['account'], body: credentialsBody, response: { 200: meView } },
    },
    async (request, reply) => {
      const { password } = request.body;
      const email = normalizeEmail(request.body.email);
      const user = await store.getUserByEmail(email);
      const right = await checkPassword(
        request,
        email,
        user?.passwordHash,
        password,
        user?.id,
        'login',
      );
      if (!right || !user) {
        if (user) await audit(request, app.ctx, 'login', 'failed', null, user.id);
        throw wrongCredentials();
      }
      await startSession(request, reply, user.id, 'login');
      return meOf(user);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        description:
          'Ends this session (204). Sent with a bearer token instead, it revokes that token.',
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const credential = request.credential;
      await store.withPerson(userId, async (tx) => {
        if (credential) await tx.deleteCredential(credential.tokenHash);
        await auditIn(
          tx,
          request,
          userId,
          credential?.kind === 'token' ? 'token-revoke' : 'logout',
          'ok',
          { resourceId: credential?.id ?? null },
        );
      });
      if (request.authKind === 'cookie') reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'account', problems: [429] },
      schema: {
        tags: ['account'],
        body: changePasswordBody,
        description:
          'Changes the password (204) and signs every other session and token out. Wrong current passwords count against the same limits as logins.',
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const user = await store.getUser(userId);
      if (!user) throw unauthorized();
      const { currentPassword, newPassword } = request.body;
      const right = await checkPassword(
        request,
        user.email,
        user.passwordHash,
        currentPassword,
        userId,
        'password-change',
      );
      if (!right) {
        await audit(request, app.ctx, 'password-change', 'failed');
        throw new ApiError(
          403,
          'wrong-password',
          'Current password not recognised',
          'Type your current password to change it.',
        );
      }
      const why = passwordProblem(newPassword, user.email);
      if (why) throw weakPassword('newPassword', why, newPassword);
      const newHash = await hasher.hash(newPassword);
      // Every other session and token ends: whoever knew the old password is signed out.
      const keep = request.cookies[SESSION_COOKIE];
      await store.withPerson(userId, async (tx) => {
        await tx.updatePasswordHash(userId, newHash);
        await tx.deleteCredentialsOf(
          userId,
          ['session', 'token'],
          keep ? hashSecret(keep) : undefined,
        );
        await auditIn(tx, request, userId, 'password-change', 'ok');
      });
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: 'account' },
      schema: {
        tags: ['account'],
        description: `Creates a personal access token (201), shown once. \`scopes\` (default all three): \`read\` the person's data, \`write\` records, \`export\` the record. \`expiresInDays\` 1 to ${MAX_TOKEN_DAYS}, default ${TOKEN_DAYS}. Only from a signed-in browser.`,
        body: newTokenBody,
        response: { 201: tokenMade },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const body = request.body ?? {};
      const { secret, hash } = newSecret();
      const record = tokenCredential(userId, app.ctx.now(), hash, {
        name: body.name ?? 'Personal access token',
        scopes: body.scopes ?? [...TOKEN_SCOPES],
        days: body.expiresInDays ?? TOKEN_DAYS,
      });
      await store.withPerson(userId, async (tx) => {
        await tx.addCredential(record);
        await auditIn(tx, request, userId, 'token-create', 'ok', { resourceId: record.id });
      });
      return reply.code(201).send({ ...tokenOf(record), token: secret });
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { access: 'account' },
      schema: {
        tags: ['account'],
        description:
          'The personal access tokens that still work, newest first; never their secrets.',
        response: { 200: tokenList },
      },
    },
    async (request) => {
      const userId = requireUser(request);
      const now = app.ctx.now().toISOString();
      const tokens = (await store.listCredentials(userId, 'token')).filter(
        (c) => c.expiresAt > now,
      );
      await audit(request, app.ctx, 'read');
      return { items: tokens.map(tokenOf), nextCursor: null };
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: 'account', problems: [404] },
      schema: {
        tags: ['account'],
        description:
          'Revokes one personal access token (204); 404 for an id that is not one of yours.',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const { id } = request.params;
      const revoked = await store.withPerson(userId, async (tx) => {
        const tokens = await tx.listCredentials(userId, 'token');
        if (!tokens.some((t) => t.id === id)) return false;
        await tx.deleteCredentialById(userId, id);
        await auditIn(tx, request, userId, 'token-revoke', 'ok', { resourceId: id });
        return true;
      });
      if (!revoked) {
        throw new ApiError(404, 'not-found', 'Not found', 'There is no token with that id here.');
      }
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'read' },
      schema: {
        tags: ['account'],
        description:
          'The signed-in account: its role (`person` or `clinician`) and, for a clinician, the name people see.',
        response: { 200: meView },
      },
    },
    async (request) => {
      const user = await store.getUser(requireUser(request));
      if (!user) throw unauthorized();
      await audit(request, app.ctx, 'read');
      return meOf(user);
    },
  );

  app.delete(
    '/api/me',
    {
      config: { access: 'account' },
      schema: {
        tags: ['account'],
        description:
          'Deletes the account and every row of its data (204), after any of its writes in progress; only a record that an account was erased (a one-way hash of its id, and when) is kept.',
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const now = app.ctx.now();
      await store.deleteUser(userId, {
        id: newId(now),
        subjectHash: erasureSubject(userId),
        at: now.toISOString(),
        requestedBy: 'person',
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );
}
