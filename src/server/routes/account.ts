// Account routes: sign up, log in, log out, change password, personal access tokens, read and delete the account.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { newId } from '../../store/ids.js';
import { requireUser } from '../app.js';
import {
  checkLoginAllowed,
  credential,
  hashPassword,
  hashSecret,
  newSecret,
  passwordProblem,
  recordLoginFailure,
  SESSION_COOKIE,
  SESSION_DAYS,
  verifyPassword,
} from '../auth.js';
import { ApiError, InputProblems, unauthorized } from '../problems.js';
import { changePasswordBody, credentialsBody } from '../schemas.js';
import type { ZApi } from './types.js';

const me = z.object({ id: z.string(), email: z.string(), createdAt: z.string() });

function weakPassword(path: string, expected: string, given: string): InputProblems {
  const received = `a password of ${given.length} characters`;
  return new InputProblems('body', [
    { path, expected, received, message: `${path}: expected ${expected}, got ${received}` },
  ]);
}

async function startSession(
  app: ZApi,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
) {
  const { secret, hash } = newSecret();
  await app.ctx.store.addCredential(credential(userId, 'session', app.ctx.now(), hash));
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function accountRoutes(app: ZApi): void {
  const { store } = app.ctx;

  app.post(
    '/api/auth/signup',
    { schema: { tags: ['account'], body: credentialsBody, response: { 201: me } } },
    async (request, reply) => {
      const { email, password } = request.body;
      const why = passwordProblem(password, email);
      if (why) throw weakPassword('password', why, password);
      const now = app.ctx.now();
      const user = {
        id: newId(now),
        email: email.toLowerCase(),
        passwordHash: await hashPassword(password),
        createdAt: now.toISOString(),
      };
      if (!(await store.createUser(user))) {
        throw new ApiError(
          409,
          'email-taken',
          'That email already has an account',
          'Log in instead, or use another email address.',
        );
      }
      await startSession(app, request, reply, user.id);
      return reply.code(201).send({ id: user.id, email: user.email, createdAt: user.createdAt });
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { tags: ['account'], body: credentialsBody, response: { 200: me } } },
    async (request, reply) => {
      const { email, password } = request.body;
      const now = app.ctx.now();
      await checkLoginAllowed(store, email, request.ip, now, app.ctx.loginLimits);
      const user = await store.getUserByEmail(email);
      if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
        await recordLoginFailure(store, email, request.ip, now);
        throw new ApiError(
          401,
          'wrong-credentials',
          'Email or password not recognised',
          'Check the email address and password and try again.',
        );
      }
      await store.clearLoginFailures(`account:${email.toLowerCase()}`);
      await startSession(app, request, reply, user.id);
      return { id: user.id, email: user.email, createdAt: user.createdAt };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['account'] } }, async (request, reply) => {
    requireUser(request);
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) await store.deleteCredential(hashSecret(secret));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.post(
    '/api/auth/password',
    { schema: { tags: ['account'], body: changePasswordBody } },
    async (request, reply) => {
      const userId = requireUser(request);
      const user = await store.getUser(userId);
      if (!user) throw unauthorized();
      const { currentPassword, newPassword } = request.body;
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new ApiError(
          403,
          'wrong-password',
          'Current password not recognised',
          'Type your current password to change it.',
        );
      }
      const why = passwordProblem(newPassword, user.email);
      if (why) throw weakPassword('newPassword', why, newPassword);
      await store.updatePasswordHash(userId, await hashPassword(newPassword));
      // Every other session and token ends: whoever knew the old password is signed out.
      const secret = request.cookies[SESSION_COOKIE];
      await store.deleteCredentialsOf(
        userId,
        ['session', 'token'],
        secret ? hashSecret(secret) : undefined,
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['account'],
        response: { 201: z.object({ token: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const userId = requireUser(request);
      const { secret, hash } = newSecret();
      const record = credential(userId, 'token', app.ctx.now(), hash);
      await store.addCredential(record);
      return reply.code(201).send({ token: secret, expiresAt: record.expiresAt });
    },
  );

  app.get('/api/me', { schema: { tags: ['account'], response: { 200: me } } }, async (request) => {
    const user = await store.getUser(requireUser(request));
    if (!user) throw unauthorized();
    return { id: user.id, email: user.email, createdAt: user.createdAt };
  });

  app.delete('/api/me', { schema: { tags: ['account'] } }, async (request, reply) => {
    const userId = requireUser(request);
    await store.deleteUser(userId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
