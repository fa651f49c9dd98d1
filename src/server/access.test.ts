// The access matrix: every API route against every kind of caller — nobody, another person, a browser
// session, and personal access tokens of each scope (and expired or revoked ones). A token may do what its
// scopes say and nothing else; account changes need a signed-in browser; nobody gets another's data.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import { ANSWERS, call, json, NO_WARNING_SIGNS, signUp, type Caller } from '../../test/http.js';
import { buildApp, type Access } from './app.js';

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  access: Access;
  body?: object;
}

const ENTRY = {
  exerciseId: 'abdominal-brace',
  done: {},
  tooEasy: false,
  painSharper: false,
  painSpread: false,
};

/** Every route of the API with who may use it; `:assessment` and `:token` are filled in per test. */
const ROUTES: Route[] = [
  { method: 'GET', url: '/api/health', access: 'public' },
  { method: 'GET', url: '/api/openapi.json', access: 'public' },
  { method: 'GET', url: '/api/fhir/Questionnaire/intake', access: 'public' },
  {
    method: 'POST',
    url: '/api/auth/signup',
    access: 'public',
    body: { email: 'zed@example.org', password: 'correct horse battery' },
  },
  {
    method: 'POST',
    url: '/api/auth/login',
    access: 'public',
    body: { email: 'ana@example.org', password: 'correct horse battery' },
  },
  { method: 'GET', url: '/api/me', access: 'read' },
  { method: 'DELETE', url: '/api/me', access: 'account' },
  { method: 'POST', url: '/api/auth/logout', access: 'signed-in' },
  { method: 'POST', url: '/api/auth/tokens', access: 'account', body: { scopes: ['read'] } },
  { method: 'GET', url: '/api/auth/tokens', access: 'account' },
  { method: 'DELETE', url: '/api/auth/tokens/:token', access: 'account' },
  {
    method: 'POST',
    url: '/api/auth/password',
    access: 'account',
    body: { currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase' },
  },
  { method: 'POST', url: '/api/assessments', access: 'write', body: { answers: ANSWERS } },
  { method: 'GET', url: '/api/assessments', access: 'read' },
  { method: 'GET', url: '/api/assessments/:assessment', access: 'read' },
  { method: 'GET', url: '/api/today', access: 'read' },
  { method: 'GET', url: '/api/programme', access: 'read' },
  { method: 'GET', url: '/api/programmes', access: 'read' },
  { method: 'POST', url: '/api/sessions', access: 'write', body: { entries: [ENTRY] } },
  { method: 'GET', url: '/api/sessions', access: 'read' },
  { method: 'GET', url: '/api/sittings', access: 'read' },
  {
    method: 'POST',
    url: '/api/checkins',
    access: 'write',
    body: {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    },
  },
  { method: 'GET', url: '/api/checkins', access: 'read' },
  {
    method: 'POST',
    url: '/api/measurements',
    access: 'write',
    body: { kind: 'slr-angle', side: 'left', value: 60 },
  },
  { method: 'GET', url: '/api/measurements', access: 'read' },
  { method: 'GET', url: '/api/progress', access: 'read' },
  { method: 'GET', url: '/api/export?format=json', access: 'export' },
  { method: 'GET', url: '/api/export?format=fhir', access: 'export' },
  { method: 'GET', url: '/api/export?format=csv', access: 'export' },
  { method: 'GET', url: '/api/audit', access: 'read' },
];

type Actor =
  | 'nobody'
  | 'session'
  | 'token:read'
  | 'token:write'
  | 'token:export'
  | 'token:all'
  | 'token:expired'
  | 'token:revoked';
const ACTORS: Actor[] = [
  'nobody',
  'token:read',
  'token:write',
  'token:export',
  'token:all',
  'token:expired',
  'token:revoked',
  // Last: the session's account changes (deletion, a new password) end the others' credentials.
  'session',
];

/** What the actor should get: allowed, 401 or 403. */
function expected(route: Route, actor: Actor): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  if (actor === 'nobody' || actor === 'token:expired' || actor === 'token:revoked') return 401;
  if (actor === 'session' || route.access === 'signed-in') return 'allowed';
  if (route.access === 'account') return 403;
  const scopes = actor === 'token:all' ? ['read', 'write', 'export'] : [actor.slice(6)];
  return scopes.includes(route.access) ? 'allowed' : 403;
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
});

let clockNow = new Date('2026-11-02T09:00:00.000Z');

async function world() {
  clockNow = new Date('2026-11-02T09:00:00.000Z');
  app = await buildApp({ store: createMemoryStore(), kb: knowledgeBase, now: () => clockNow });
  const a = app;
  const ana = await signUp(a, 'ana@example.org');
  const assessment = json<{ id: string }>(
    await call(a, 'POST', '/api/assessments', ana, { answers: ANSWERS }),
  ).id;
  const token = async (body: object): Promise<Caller & { id: string }> => {
    const res = await call(a, 'POST', '/api/auth/tokens', ana, body);
    expect(res.statusCode).toBe(201);
    const made = json<{ token: string; id: string }>(res);
    return { token: made.token, id: made.id };
  };
  const callers: Record<Actor, Caller> = {
    nobody: {},
    session: ana,
    'token:read': await token({ scopes: ['read'] }),
    'token:write': await token({ scopes: ['write'] }),
    'token:export': await token({ scopes: ['export'] }),
    'token:all': await token({ scopes: ['read', 'write', 'export'] }),
    'token:expired': await token({ scopes: ['read', 'write', 'export'], expiresInDays: 1 }),
    'token:revoked': await token({ scopes: ['read', 'write', 'export'] }),
  };
  const revoked = callers['token:revoked'] as Caller & { id: string };
  expect((await call(a, 'DELETE', `/api/auth/tokens/${revoked.id}`, ana)).statusCode).toBe(204);
  const victim = await token({ scopes: ['read'] });
  // The expired token's day has passed; sessions and the other tokens still have theirs.
  clockNow = new Date(clockNow.getTime() + 2 * 86_400_000);
  const url = (route: Route) =>
    route.url.replace(':assessment', assessment).replace(':token', victim.id);
  return { a, ana, callers, url };
}

describe('access matrix: every route, every caller', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', async (_name, route) => {
    const { a, callers, url } = await world();
    const seen: string[] = [];
    for (const actor of ACTORS) {
      const res = await call(a, route.method, url(route), callers[actor], route.body);
      const want = expected(route, actor);
      const got = res.statusCode;
      const ok = want === 'allowed' ? got !== 401 && got !== 403 && got < 500 : got === want;
      if (!ok)
        seen.push(`${actor}: expected ${String(want)}, got ${got} ${res.body.slice(0, 200)}`);
      if (want !== 'allowed') {
        expect(res.headers['content-type'], actor).toMatch(/problem\+json/);
        if (want === 403) {
          expect(json(res).type, actor).toMatch(
            route.access === 'account' ? /browser-session-required$/ : /insufficient-scope$/,
          );
        }
      }
    }
    expect(seen).toStrictEqual([]);
  });

  it('covers every route the API has', async () => {
    const routes: string[] = [];
    const a = await buildApp({ store: createMemoryStore(), kb: knowledgeBase });
    app = a;
    for (const line of a.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /(\/api\/\S*) \(([A-Z, ]+)\)/.exec(line);
      if (!m?.[1] || !m[2]) continue;
      for (const method of m[2].split(', ')) {
        if (method !== 'HEAD') routes.push(`${method} ${m[1]}`);
      }
    }
    const covered = new Set(
      ROUTES.map(
        (r) =>
          `${r.method} ${r.url.split('?')[0]?.replace(':assessment', ':id').replace(':token', ':id') ?? ''}`,
      ),
    );
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !covered.has(r))).toStrictEqual([]);
  });
});

describe('personal access tokens', () => {
  it('last 90 days unless asked otherwise (1 to 365), are listed without secrets, and revoked one by one', async () => {
    const { a, ana } = await world();
    const made = await call(a, 'POST', '/api/auth/tokens', ana, { name: 'my script' });
    const body = json<{ id: string; token: string; expiresAt: string; createdAt: string }>(made);
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(90 * 86_400_000);
    for (const expiresInDays of [0, 366, 1.5]) {
      expect((await call(a, 'POST', '/api/auth/tokens', ana, { expiresInDays })).statusCode).toBe(
        400,
      );
    }
    expect(
      (await call(a, 'POST', '/api/auth/tokens', ana, { scopes: ['read', 'admin'] })).statusCode,
    ).toBe(400);
    expect((await call(a, 'POST', '/api/auth/tokens', ana, { scopes: [] })).statusCode).toBe(400);
    const list = await call(a, 'GET', '/api/auth/tokens', ana);
    expect(list.statusCode).toBe(200);
    const items = json<{ items: { id: string; name: string; scopes: string[] }[] }>(list).items;
    expect(items.find((t) => t.id === body.id)).toMatchObject({
      name: 'my script',
      scopes: ['read', 'write', 'export'],
    });
    expect(list.body).not.toContain(body.token);
    expect(list.body).not.toMatch(/tokenHash|token_hash/);
    // Revoking one leaves the others working.
    const other = items.find((t) => t.id !== body.id);
    expect((await call(a, 'DELETE', `/api/auth/tokens/${body.id}`, ana)).statusCode).toBe(204);
    expect((await call(a, 'GET', '/api/me', { token: body.token })).statusCode).toBe(401);
    expect((await call(a, 'DELETE', `/api/auth/tokens/${body.id}`, ana)).statusCode).toBe(404);
    expect(other).toBeDefined();
  });

  it("cannot revoke another person's token", async () => {
    const { a, ana } = await world();
    const ben = await signUp(a, 'ben@example.org');
    const made = json<{ id: string; token: string }>(
      await call(a, 'POST', '/api/auth/tokens', ana, {}),
    );
    expect((await call(a, 'DELETE', `/api/auth/tokens/${made.id}`, ben)).statusCode).toBe(404);
    expect((await call(a, 'GET', '/api/me', { token: made.token })).statusCode).toBe(200);
  });

  it('logout with a token revokes that token, and only that one', async () => {
    const { a, ana, callers } = await world();
    const all = callers['token:all'];
    const read = callers['token:read'];
    expect((await call(a, 'POST', '/api/auth/logout', all)).statusCode).toBe(204);
    expect((await call(a, 'GET', '/api/me', all)).statusCode).toBe(401);
    expect((await call(a, 'GET', '/api/me', read)).statusCode).toBe(200);
    expect((await call(a, 'GET', '/api/me', ana)).statusCode).toBe(200);
  });

  it('records token creation, use and revocation in the audit trail, by token id', async () => {
    const { a, ana } = await world();
    const made = json<{ id: string; token: string }>(
      await call(a, 'POST', '/api/auth/tokens', ana, { scopes: ['read', 'export'] }),
    );
    await call(a, 'GET', '/api/export?format=csv', { token: made.token });
    await call(
      a,
      'POST',
      '/api/measurements',
      { token: made.token },
      {
        kind: 'toe-touch',
        value: 2,
      },
    );
    // Its last use shows in the list, to the minute; the secret never does.
    const listed = json<{ items: { id: string; lastUsedAt: string | null }[] }>(
      await call(a, 'GET', '/api/auth/tokens', ana),
    ).items.find((t) => t.id === made.id);
    expect(listed?.lastUsedAt).toBe(clockNow.toISOString());
    await call(a, 'POST', '/api/auth/logout', { token: made.token });
    const trail = json<{
      items: {
        action: string;
        outcome: string;
        credentialKind: string | null;
        credentialId: string | null;
        resourceId: string | null;
      }[];
    }>(await call(a, 'GET', '/api/audit?limit=100', ana)).items;
    const byToken = trail.filter((x) => x.credentialId === made.id);
    expect(byToken.map((x) => [x.action, x.outcome])).toStrictEqual([
      ['token-revoke', 'ok'],
      ['create', 'refused'],
      ['export', 'ok'],
    ]);
    expect(byToken.every((x) => x.credentialKind === 'token')).toBe(true);
    const created = trail.find((x) => x.action === 'token-create' && x.resourceId === made.id);
    expect(created?.credentialKind).toBe('session');
    // Revoked by its own logout: gone from the list.
    expect(
      json<{ items: { id: string }[] }>(await call(a, 'GET', '/api/auth/tokens', ana)).items.some(
        (t) => t.id === made.id,
      ),
    ).toBe(false);
  });
});
