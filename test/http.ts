// Helpers for in-process API tests: an app on a given store, sign-up, and requests with a cookie or token.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { knowledgeBase } from '../src/kb/index.js';
import { createMemoryStore } from '../src/store/memory.js';
import type { Store } from '../src/store/types.js';

export const HOST = 'backchain.test';
export const ORIGIN = `http://${HOST}`;

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  clock: { now: Date };
}

export async function makeApp(
  store: Store = createMemoryStore(),
  start = '2026-11-02T09:00:00.000Z',
): Promise<TestApp> {
  const clock = { now: new Date(start) };
  const app = await buildApp({ store, kb: knowledgeBase, now: () => clock.now });
  return { app, store, clock };
}

export interface Caller {
  cookie?: string;
  token?: string;
}

/** Sends a request the way the web app would: same-origin, JSON, with the caller's cookie or token. */
export function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  who: Caller = {},
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const h: Record<string, string> = { host: HOST, origin: ORIGIN, ...headers };
  if (who.cookie) h.cookie = who.cookie;
  if (who.token) h.authorization = `Bearer ${who.token}`;
  return app.inject({
    method,
    url,
    headers: h,
    ...(body === undefined ? {} : { payload: body as object }),
  });
}

export function cookieOf(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  if (!first) throw new Error(`no cookie set (status ${res.statusCode}: ${res.body})`);
  return first.split(';')[0] ?? '';
}

export async function signUp(
  app: FastifyInstance,
  email: string,
  password = 'correct horse battery',
): Promise<Caller> {
  const res = await call(app, 'POST', '/api/auth/signup', {}, { email, password });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  return { cookie: cookieOf(res) };
}

export { ANSWERS, NO_WARNING_SIGNS } from './fixtures.js';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it expects
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}
