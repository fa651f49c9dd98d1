// The access matrix: every API route against every kind of caller — nobody, another person, a browser
// session, a clinician's account, and personal access tokens of each scope (and expired or revoked ones).
// A token may do what its scopes say and nothing else; account changes need a signed-in browser; nobody
// gets another's data. The clinician routes against clinician × person × link state (none, pending,
// active, ended by either side): only an active link opens a person's record.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import {
  ANSWERS,
  call,
  cookieOf,
  json,
  NO_WARNING_SIGNS,
  signUp,
  type Caller,
} from '../../test/http.js';
import { buildApp, type Access } from './app.js';

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  access: Access;
  body?: object;
  /** A route of a person's own record: a clinician account is refused it. */
  person?: true;
}

/** Signs a clinician up (open sign-up), with the name people will see. */
async function signUpClinician(a: FastifyInstance, email: string): Promise<Caller> {
  const res = await call(
    a,
    'POST',
    '/api/auth/signup',
    {},
    {
      email,
      password: 'correct horse battery',
      role: 'clinician',
      displayName: `Clinician ${email.split('@')[0] ?? ''}`,
    },
  );
  if (res.statusCode !== 201) throw new Error(`clinician signup: ${res.statusCode} ${res.body}`);
  return { cookie: cookieOf(res) };
}

/** A clinician's invitation: its id and its code. */
async function invite(
  a: FastifyInstance,
  clinician: Caller,
): Promise<{ id: string; code: string }> {
  const res = await call(a, 'POST', '/api/clinician/invitations', clinician);
  expect(res.statusCode, res.body).toBe(201);
  return json<{ id: string; code: string }>(res);
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
  {
    method: 'POST',
    url: '/api/assessments',
    access: 'write',
    person: true,
    body: { answers: ANSWERS },
  },
  { method: 'GET', url: '/api/assessments', access: 'read', person: true },
  { method: 'GET', url: '/api/assessments/:assessment', access: 'read', person: true },
  { method: 'GET', url: '/api/today', access: 'read', person: true },
  { method: 'GET', url: '/api/programme', access: 'read', person: true },
  { method: 'GET', url: '/api/programmes', access: 'read', person: true },
  {
    method: 'POST',
    url: '/api/sessions',
    access: 'write',
    person: true,
    body: { entries: [ENTRY] },
  },
  { method: 'GET', url: '/api/sessions', access: 'read', person: true },
  { method: 'GET', url: '/api/sittings', access: 'read', person: true },
  {
    method: 'POST',
    url: '/api/checkins',
    access: 'write',
    person: true,
    body: {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    },
  },
  { method: 'GET', url: '/api/checkins', access: 'read', person: true },
  {
    method: 'POST',
    url: '/api/measurements',
    access: 'write',
    person: true,
    body: { kind: 'slr-angle', side: 'left', value: 60 },
  },
  { method: 'GET', url: '/api/measurements', access: 'read', person: true },
  { method: 'GET', url: '/api/progress', access: 'read', person: true },
  { method: 'GET', url: '/api/export?format=json', access: 'export', person: true },
  { method: 'GET', url: '/api/export?format=fhir', access: 'export', person: true },
  { method: 'GET', url: '/api/export?format=csv', access: 'export', person: true },
  { method: 'GET', url: '/api/audit', access: 'read' },
  { method: 'GET', url: '/api/config', access: 'public' },
  { method: 'GET', url: '/api/invitations/:code', access: 'read', person: true },
  { method: 'POST', url: '/api/invitations/:code/accept', access: 'account', person: true },
  { method: 'GET', url: '/api/links', access: 'read', person: true },
  { method: 'DELETE', url: '/api/links/:link', access: 'write', person: true },
  { method: 'GET', url: '/api/access-log', access: 'read', person: true },
  { method: 'GET', url: '/api/outcomes', access: 'read', person: true },
  {
    method: 'POST',
    url: '/api/outcomes',
    access: 'write',
    person: true,
    body: { answers: { instrument: 'pain-nrs', value: 4 } },
  },
  { method: 'GET', url: '/api/programme/versions', access: 'read', person: true },
  {
    method: 'POST',
    url: '/api/programme/versions/seen',
    access: 'write',
    person: true,
    body: { upTo: 1 },
  },
];

type Actor =
  | 'nobody'
  | 'session'
  | 'token:read'
  | 'token:write'
  | 'token:export'
  | 'token:all'
  | 'token:expired'
  | 'token:revoked'
  | 'clinician';
const ACTORS: Actor[] = [
  'nobody',
  'token:read',
  'token:write',
  'token:export',
  'token:all',
  'token:expired',
  'token:revoked',
  // A clinician's own browser session, linked to the person: it holds no record of its own.
  'clinician',
  // Last: the session's account changes (deletion, a new password) end the others' credentials.
  'session',
];

/** What the actor should get: allowed, 401 or 403. */
function expected(route: Route, actor: Actor): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  if (actor === 'nobody' || actor === 'token:expired' || actor === 'token:revoked') return 401;
  if (actor === 'clinician') return route.person ? 403 : 'allowed';
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
  // A clinician the person linked to (for the link routes), and an invitation still open (for a code).
  const cora = await signUpClinician(a, 'cora@example.org');
  const linked = await invite(a, cora);
  const link = json<{ id: string }>(
    await call(a, 'POST', `/api/invitations/${linked.code}/accept`, ana),
  ).id;
  const open = await invite(a, cora);
  const callers: Record<Actor, Caller> = {
    clinician: cora,
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
    route.url
      .replace(':assessment', assessment)
      .replace(':token', victim.id)
      .replace(':code', open.code)
      .replace(':link', link);
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
            actor === 'clinician'
              ? /clinician-account$/
              : route.access === 'account'
                ? /browser-session-required$/
                : /insufficient-scope$/,
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
      [...ROUTES, ...CLINICIAN_ROUTES].map(
        (r) =>
          `${r.method} ${
            r.url.split('?')[0]?.replace(/:(assessment|token|link|invitation)\b/, ':id') ?? ''
          }`,
      ),
    );
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !covered.has(r))).toStrictEqual([]);
  });
});

/** A clinician route; `perPerson` routes open one person's record, so only an active link gets in. */
interface ClinicianRoute extends Route {
  perPerson: boolean;
  /** The route changes the state the others depend on: the world is made again after it succeeds. */
  fresh?: true;
}

const PERSON = '/api/clinician/people/:personId';
const read = (url: string): ClinicianRoute => ({
  method: 'GET',
  url,
  access: 'read',
  perPerson: url.startsWith(PERSON),
});

/** Every clinician route; `:personId`, `:invitation` and `EXERCISE` are filled in per world. */
const CLINICIAN_ROUTES: ClinicianRoute[] = [
  { method: 'POST', url: '/api/clinician/invitations', access: 'write', perPerson: false },
  read('/api/clinician/invitations'),
  {
    method: 'DELETE',
    url: '/api/clinician/invitations/:invitation',
    access: 'write',
    perPerson: false,
    fresh: true,
  },
  read('/api/clinician/people'),
  read(PERSON),
  { method: 'DELETE', url: PERSON, access: 'write', perPerson: true, fresh: true },
  read(`${PERSON}/checkins`),
  read(`${PERSON}/sittings`),
  read(`${PERSON}/measurements`),
  read(`${PERSON}/outcomes`),
  read(`${PERSON}/programme/versions`),
  read(`${PERSON}/progress`),
  read(`${PERSON}/report`),
  ...(['json', 'fhir', 'csv'] as const).map((format): ClinicianRoute => ({
    method: 'GET',
    url: `${PERSON}/export?format=${format}`,
    access: 'export',
    perPerson: true,
  })),
  {
    method: 'POST',
    url: `${PERSON}/programme/changes`,
    access: 'write',
    perPerson: true,
    fresh: true,
    body: { basedOn: 1, changes: [{ op: 'note', exerciseId: 'EXERCISE', note: 'Go slowly.' }] },
  },
  {
    method: 'POST',
    url: `${PERSON}/programme/pause`,
    access: 'write',
    perPerson: true,
    fresh: true,
    body: { paused: true, note: 'Let us talk first.' },
  },
  {
    method: 'POST',
    url: `${PERSON}/outcomes/schedule`,
    access: 'write',
    perPerson: true,
    body: { instrument: 'rmdq', dueDate: '2026-11-10' },
  },
  {
    method: 'POST',
    url: `${PERSON}/outcomes`,
    access: 'write',
    perPerson: true,
    body: { instrument: 'oswestry-total', total: 30, date: '2026-11-03' },
  },
];

type LinkActor =
  | 'nobody'
  | 'person'
  | 'owner'
  | 'clinician:none'
  | 'clinician:pending'
  | 'clinician:active'
  | 'clinician:ended-by-person'
  | 'clinician:ended-by-clinician'
  | 'token:read'
  | 'token:write'
  | 'token:export'
  | 'token:all';
const LINK_ACTORS: LinkActor[] = [
  'nobody',
  'person',
  'owner',
  'clinician:none',
  'clinician:pending',
  'clinician:ended-by-person',
  'clinician:ended-by-clinician',
  'token:read',
  'token:write',
  'token:export',
  'token:all',
  'clinician:active',
];

/**
 * What the caller should get: `ok` (2xx), `not-linked` (404, the same for every state but active),
 * `not-found`, or 401/403 with the problem type that says why.
 */
type LinkExpectation =
  | 'ok'
  | 'not-linked'
  | 'not-found'
  | 401
  | { status: 403; type: 'not-a-clinician' | 'insufficient-scope' };

function expectedOf(route: ClinicianRoute, actor: LinkActor): LinkExpectation {
  if (actor === 'nobody') return 401;
  if (actor === 'person' || actor === 'owner') return { status: 403, type: 'not-a-clinician' };
  if (actor.startsWith('token:')) {
    const scopes = actor === 'token:all' ? ['read', 'write', 'export'] : [actor.slice(6)];
    // The tokens are the active clinician's.
    return scopes.includes(route.access) ? 'ok' : { status: 403, type: 'insufficient-scope' };
  }
  if (actor === 'clinician:active') return 'ok';
  if (route.perPerson) return 'not-linked';
  // Another clinician's invitation is not theirs to withdraw.
  return route.url.includes(':invitation') ? 'not-found' : 'ok';
}

/**
 * One person (ana, assessed) and a clinician in each link state with her, the active one's tokens, and
 * another person (ben).
 */
async function linkWorld() {
  clockNow = new Date('2026-11-02T09:00:00.000Z');
  app = await buildApp({ store: createMemoryStore(), kb: knowledgeBase, now: () => clockNow });
  const a = app;
  const ana = await signUp(a, 'ana@example.org');
  expect((await call(a, 'POST', '/api/assessments', ana, { answers: ANSWERS })).statusCode).toBe(
    201,
  );
  const anaId = json<{ id: string }>(await call(a, 'GET', '/api/me', ana)).id;
  const exercise =
    json<{ items: { exerciseId: string }[] }>(await call(a, 'GET', '/api/programme', ana)).items[0]
      ?.exerciseId ?? '';
  const ben = await signUp(a, 'ben@example.org');
  const accept = async (c: Caller): Promise<string> => {
    const res = await call(a, 'POST', `/api/invitations/${(await invite(a, c)).code}/accept`, ana);
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string }>(res).id;
  };

  const none = await signUpClinician(a, 'none@example.org');
  const pending = await signUpClinician(a, 'pending@example.org');
  const seen = await call(a, 'GET', `/api/invitations/${(await invite(a, pending)).code}`, ana);
  expect(seen.statusCode, seen.body).toBe(200);
  const active = await signUpClinician(a, 'active@example.org');
  await accept(active);
  const endedByPerson = await signUpClinician(a, 'left@example.org');
  const linkId = await accept(endedByPerson);
  expect((await call(a, 'DELETE', `/api/links/${linkId}`, ana)).statusCode).toBe(204);
  const endedByClinician = await signUpClinician(a, 'ended@example.org');
  await accept(endedByClinician);
  expect(
    (await call(a, 'DELETE', `/api/clinician/people/${anaId}`, endedByClinician)).statusCode,
  ).toBe(204);

  const token = async (scopes: string[]): Promise<Caller> => {
    const res = await call(a, 'POST', '/api/auth/tokens', active, { scopes });
    expect(res.statusCode).toBe(201);
    return { token: json<{ token: string }>(res).token };
  };
  const openInvitation = await invite(a, active);
  const callers: Record<LinkActor, Caller> = {
    nobody: {},
    person: ben,
    owner: ana,
    'clinician:none': none,
    'clinician:pending': pending,
    'clinician:active': active,
    'clinician:ended-by-person': endedByPerson,
    'clinician:ended-by-clinician': endedByClinician,
    'token:read': await token(['read']),
    'token:write': await token(['write']),
    'token:export': await token(['export']),
    'token:all': await token(['read', 'write', 'export']),
  };
  const url = (route: Route) =>
    route.url.replace(':personId', anaId).replace(':invitation', openInvitation.id);
  const body = (route: Route): unknown =>
    route.body === undefined
      ? undefined
      : (JSON.parse(JSON.stringify(route.body).replaceAll('EXERCISE', exercise)) as unknown);
  return { a, ana, anaId, active, callers, url, body };
}

describe('access matrix: clinician × person × link state', () => {
  it.each(CLINICIAN_ROUTES.map((r) => [`${r.method} ${r.url}`, r] as const))(
    '%s',
    async (_name, route) => {
      let w = await linkWorld();
      const seen: string[] = [];
      for (const actor of LINK_ACTORS) {
        const res = await call(w.a, route.method, w.url(route), w.callers[actor], w.body(route));
        const want = expectedOf(route, actor);
        const got = res.statusCode;
        const type = got >= 400 ? String(json(res).type) : '';
        const ok =
          want === 'ok'
            ? got >= 200 && got < 300
            : want === 'not-linked'
              ? got === 404 && type.endsWith('/not-linked')
              : want === 'not-found'
                ? got === 404
                : want === 401
                  ? got === 401
                  : got === 403 && type.endsWith(`/${want.type}`);
        if (!ok) {
          seen.push(
            `${actor}: expected ${JSON.stringify(want)}, got ${got} ${res.body.slice(0, 200)}`,
          );
        }
        if (got >= 400) expect(res.headers['content-type'], actor).toMatch(/problem\+json/);
        // A change that succeeded would change what the next caller finds: start again.
        if (route.fresh && got >= 200 && got < 300) w = await linkWorld();
      }
      expect(seen).toStrictEqual([]);
    },
  );

  it('answers every state but active alike, so nothing about the link leaks', async () => {
    const w = await linkWorld();
    const bodies = [];
    for (const actor of [
      'clinician:none',
      'clinician:pending',
      'clinician:ended-by-person',
      'clinician:ended-by-clinician',
    ] as const) {
      const res = await call(w.a, 'GET', `/api/clinician/people/${w.anaId}`, w.callers[actor]);
      const { requestId: _r, ...rest } = json(res);
      bodies.push([res.statusCode, rest]);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    // An id that is no person at all answers the same.
    const unknown = await call(
      w.a,
      'GET',
      '/api/clinician/people/nobody-at-all',
      w.callers['clinician:none'],
    );
    const { requestId: _u, ...rest } = json(unknown);
    expect(JSON.stringify([unknown.statusCode, rest])).toBe(bodies[0] && JSON.stringify(bodies[0]));
  });

  it('refuses every person route to a clinician account, whatever its links', async () => {
    const w = await linkWorld();
    for (const route of ROUTES.filter((r) => r.person)) {
      const res = await call(
        w.a,
        route.method,
        route.url.replace(':assessment', 'x').replace(':code', 'ABCD-EF23').replace(':link', 'x'),
        w.active,
        route.body,
      );
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(json(res).type, route.url).toMatch(/clinician-account$/);
    }
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
