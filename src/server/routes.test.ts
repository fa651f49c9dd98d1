// In-process API tests (inject) on the memory store: every route, the access matrix, bad input, and the stop rules.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certainCheckins } from '../../test/warning-checkins.js';
import { parseIntake, type Intake } from '../engine/intake.js';
import {
  ANSWERS,
  call,
  cookieOf,
  HOST,
  json,
  makeApp,
  ORIGIN,
  NO_WARNING_SIGNS,
  signUp,
  type Caller,
  type TestApp,
} from '../../test/http.js';

/** The answers every `assessed()` person gave, as the engine reads them. */
const baseline: Intake = (() => {
  const r = parseIntake(ANSWERS);
  if (!r.ok) throw new Error('ANSWERS must parse');
  return r.value;
})();

let t: TestApp;
let app: FastifyInstance;
beforeEach(async () => {
  t = await makeApp();
  app = t.app;
});
afterEach(async () => {
  await app.close();
});

async function assessed(
  email = 'ana@example.org',
  answers: object = ANSWERS,
): Promise<Caller & { assessmentId: string }> {
  const who = await signUp(app, email);
  const res = await call(app, 'POST', '/api/assessments', who, { answers });
  expect(res.statusCode).toBe(201);
  return { ...who, assessmentId: json<{ id: string }>(res).id };
}

interface Programme {
  id: string;
  gate: string;
  paused: boolean;
  items: { exerciseId: string; dosage: { amount: number } }[];
  warningCheckRequired: boolean;
}

describe('service routes', () => {
  it('reports health with the store and knowledge-base version', async () => {
    const res = await call(app, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({
      status: 'ok',
      store: 'memory',
      knowledgeBase: t.app.ctx.kb.version,
    });
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('serves an OpenAPI 3 document describing every contract route', async () => {
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(
      await call(app, 'GET', '/api/openapi.json'),
    );
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/assessments',
      '/api/programme',
      '/api/sessions',
      '/api/checkins',
      '/api/measurements',
      '/api/progress',
      '/api/export',
      '/api/auth/signup',
      '/api/me',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const signup = (doc.paths['/api/auth/signup'] as { post: { requestBody: unknown } }).post;
    expect(JSON.stringify(signup.requestBody)).toContain('password');
  });

  it('serves the intake Questionnaire', async () => {
    const res = await call(app, 'GET', '/api/fhir/Questionnaire/intake');
    expect(res.statusCode).toBe(200);
    expect(json(res).resourceType).toBe('Questionnaire');
  });

  it('sends strict security headers', async () => {
    const res = await call(app, 'GET', '/api/health');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('answers unknown routes with a problem', async () => {
    const res = await call(app, 'GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(json(res)).toMatchObject({ status: 404, title: 'Not found' });
  });
});

describe('accounts', () => {
  it('signs up with a secure session cookie and reads /api/me', async () => {
    const res = await call(
      app,
      'POST',
      '/api/auth/signup',
      {},
      { email: 'Ana@Example.org', password: 'correct horse battery' },
    );
    expect(res.statusCode).toBe(201);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const me = json(await call(app, 'GET', '/api/me', { cookie: cookieOf(res) }));
    expect(me.email).toBe('ana@example.org');
  });

  it('marks the cookie Secure when served over HTTPS', async () => {
    await app.close();
    const { buildApp } = await import('./app.js');
    const { createMemoryStore } = await import('../store/memory.js');
    app = await buildApp({ store: createMemoryStore(), kb: t.app.ctx.kb, trustProxy: true });
    const res = await call(
      app,
      'POST',
      '/api/auth/signup',
      {},
      { email: 'ana@example.org', password: 'correct horse battery' },
      { 'x-forwarded-proto': 'https', origin: 'https://backchain.test' },
    );
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
  });

  it.each([
    ['short', 'short1', /at least 10 characters/],
    ['common', 'password123', /commonly used/],
    ['the email', 'ana@example.org', /commonly used passwords, nor your email/],
  ])('refuses a %s password, naming the field', async (_name, password, why) => {
    const res = await call(
      app,
      'POST',
      '/api/auth/signup',
      {},
      { email: 'ana@example.org', password },
    );
    expect(res.statusCode).toBe(400);
    const body = json<{ errors: { path: string; expected: string }[] }>(res);
    expect(body.errors[0]?.path).toBe('password');
    expect(body.errors[0]?.expected).toMatch(why);
    expect(res.body).not.toContain(password === 'ana@example.org' ? 'xx' : password);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    await signUp(app, 'ana@example.org');
    const res = await call(
      app,
      'POST',
      '/api/auth/signup',
      {},
      { email: 'ANA@example.org', password: 'another long pass' },
    );
    expect(res.statusCode).toBe(409);
  });

  it('logs in, logs out, and the old cookie stops working (server-side revocation)', async () => {
    await signUp(app, 'ana@example.org');
    const login = await call(
      app,
      'POST',
      '/api/auth/login',
      {},
      { email: 'ana@example.org', password: 'correct horse battery' },
    );
    expect(login.statusCode).toBe(200);
    const who = { cookie: cookieOf(login) };
    expect((await call(app, 'GET', '/api/me', who)).statusCode).toBe(200);
    expect((await call(app, 'POST', '/api/auth/logout', who)).statusCode).toBe(204);
    expect((await call(app, 'GET', '/api/me', who)).statusCode).toBe(401);
  });

  it('expires sessions after 30 days', async () => {
    const who = await signUp(app, 'ana@example.org');
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 86_400_000);
    expect((await call(app, 'GET', '/api/me', who)).statusCode).toBe(401);
  });

  it('changes the password and signs every other session out', async () => {
    const first = await signUp(app, 'ana@example.org');
    const second = {
      cookie: cookieOf(
        await call(
          app,
          'POST',
          '/api/auth/login',
          {},
          { email: 'ana@example.org', password: 'correct horse battery' },
        ),
      ),
    };
    const wrong = await call(app, 'POST', '/api/auth/password', first, {
      currentPassword: 'nope nope nope',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await call(app, 'POST', '/api/auth/password', first, {
      currentPassword: 'correct horse battery',
      newPassword: 'a brand new passphrase',
    });
    expect(ok.statusCode).toBe(204);
    expect((await call(app, 'GET', '/api/me', first)).statusCode).toBe(200);
    expect((await call(app, 'GET', '/api/me', second)).statusCode).toBe(401);
    const oldLogin = await call(
      app,
      'POST',
      '/api/auth/login',
      {},
      { email: 'ana@example.org', password: 'correct horse battery' },
    );
    expect(oldLogin.statusCode).toBe(401);
  });

  it('issues a personal access token that works as a bearer token, shown once', async () => {
    const who = await signUp(app, 'ana@example.org');
    const res = await call(app, 'POST', '/api/auth/tokens', who);
    expect(res.statusCode).toBe(201);
    const { token } = json<{ token: string }>(res);
    expect((await call(app, 'GET', '/api/me', { token })).statusCode).toBe(200);
    expect((await call(app, 'GET', '/api/me', { token: `${token}x` })).statusCode).toBe(401);
    // A session secret is not accepted as a bearer token.
    expect(
      (await call(app, 'GET', '/api/me', { token: who.cookie?.split('=')[1] ?? '' })).statusCode,
    ).toBe(401);
  });

  it('backs off wrong passwords of one account from one address, with a clear message', async () => {
    await signUp(app, 'ana@example.org');
    const login = (password: string) =>
      call(app, 'POST', '/api/auth/login', {}, { email: 'ana@example.org', password });
    for (let i = 0; i < 5; i++) expect((await login('wrong password')).statusCode).toBe(401);
    const blocked = await login('correct horse battery');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toMatch(/problem\+json/);
    expect(json(blocked).detail).toMatch(/wait a minute/);
    expect(blocked.headers['retry-after']).toBe('60');
    // Each further wrong password doubles the wait.
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    expect((await login('wrong password')).statusCode).toBe(401);
    expect((await login('correct horse battery')).headers['retry-after']).toBe('120');
    t.clock.now = new Date(t.clock.now.getTime() + 121_000);
    expect((await login('correct horse battery')).statusCode).toBe(200);
    // A right password clears the back-off.
    expect((await login('wrong password')).statusCode).toBe(401);
    expect((await login('correct horse battery')).statusCode).toBe(200);
  });

  it("never locks the owner out from their own address because of someone else's guesses", async () => {
    await signUp(app, 'ana@example.org');
    const from = (address: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: address,
        headers: { host: HOST, origin: ORIGIN },
        payload: { email: 'ana@example.org', password },
      });
    for (let i = 0; i < 12; i++) await from('203.0.113.9', `guess number ${i}`);
    expect((await from('203.0.113.9', 'correct horse battery')).statusCode).toBe(429);
    expect((await from('198.51.100.20', 'correct horse battery')).statusCode).toBe(200);
    // The attempts are on the owner's record: failed ones, then refused ones, then their own login.
    const owner = cookieOf(await from('198.51.100.20', 'correct horse battery'));
    const trail = json<{ items: { action: string; outcome: string; address: string }[] }>(
      await call(app, 'GET', '/api/audit?limit=100', { cookie: owner }),
    ).items.filter((x) => x.action === 'login');
    expect(trail.filter((x) => x.address === '203.0.113.9' && x.outcome === 'failed')).toHaveLength(
      5,
    );
    expect(
      trail.filter((x) => x.address === '203.0.113.9' && x.outcome === 'refused').length,
    ).toBeGreaterThan(0);
    expect(trail.filter((x) => x.address === '198.51.100.20' && x.outcome === 'ok')).toHaveLength(
      2,
    );
  });

  it('rate-limits failed logins per address across accounts', async () => {
    for (let i = 0; i < 30; i++) {
      await call(
        app,
        'POST',
        '/api/auth/login',
        {},
        { email: `nobody${i}@example.org`, password: 'wrong password' },
      );
    }
    const blocked = await call(
      app,
      'POST',
      '/api/auth/login',
      {},
      { email: 'someone@example.org', password: 'wrong password' },
    );
    expect(blocked.statusCode).toBe(429);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie-authenticated change from another site, by Origin or by Referer', async () => {
    const who = await signUp(app, 'ana@example.org');
    const evil = await call(
      app,
      'POST',
      '/api/assessments',
      who,
      { answers: ANSWERS },
      { origin: 'https://evil.example' },
    );
    expect(evil.statusCode).toBe(403);
    const byReferer = await app.inject({
      method: 'POST',
      url: '/api/assessments',
      headers: {
        host: 'backchain.test',
        cookie: who.cookie ?? '',
        referer: 'https://evil.example/page',
      },
      payload: { answers: ANSWERS },
    });
    expect(byReferer.statusCode).toBe(403);
    expect(
      (await call(app, 'POST', '/api/assessments', who, { answers: ANSWERS })).statusCode,
    ).toBe(201);
  });

  it('lets bearer-token clients through, since no browser sends those by itself', async () => {
    const who = await signUp(app, 'ana@example.org');
    const { token } = json<{ token: string }>(await call(app, 'POST', '/api/auth/tokens', who));
    const res = await call(
      app,
      'POST',
      '/api/assessments',
      { token },
      { answers: ANSWERS },
      { origin: 'https://elsewhere.example' },
    );
    expect(res.statusCode).toBe(201);
  });
});

describe('access matrix: nobody gets 401, another person never sees the data', () => {
  const ROUTES: {
    method: 'GET' | 'POST' | 'DELETE';
    url: (a: { assessmentId: string }) => string;
    body?: object;
  }[] = [
    { method: 'GET', url: () => '/api/me' },
    { method: 'DELETE', url: () => '/api/me' },
    { method: 'POST', url: () => '/api/auth/logout' },
    { method: 'POST', url: () => '/api/auth/tokens' },
    {
      method: 'POST',
      url: () => '/api/auth/password',
      body: { currentPassword: 'x', newPassword: 'a brand new passphrase' },
    },
    { method: 'POST', url: () => '/api/assessments', body: { answers: ANSWERS } },
    { method: 'GET', url: () => '/api/assessments' },
    { method: 'GET', url: (a) => `/api/assessments/${a.assessmentId}` },
    { method: 'GET', url: () => '/api/programme' },
    { method: 'GET', url: () => '/api/programmes' },
    {
      method: 'POST',
      url: () => '/api/sessions',
      body: {
        entries: [
          {
            exerciseId: 'abdominal-brace',
            done: {},
            tooEasy: false,
            painSharper: false,
            painSpread: false,
          },
        ],
      },
    },
    { method: 'GET', url: () => '/api/sessions' },
    {
      method: 'POST',
      url: () => '/api/checkins',
      body: {
        painNow: 3,
        painAreas: ['lower-back'],
        legSide: 'none',
        warningSigns: NO_WARNING_SIGNS,
      },
    },
    { method: 'GET', url: () => '/api/checkins' },
    {
      method: 'POST',
      url: () => '/api/measurements',
      body: { kind: 'slr-angle', side: 'left', value: 60 },
    },
    { method: 'GET', url: () => '/api/measurements' },
    { method: 'GET', url: () => '/api/progress' },
    { method: 'GET', url: () => '/api/export?format=json' },
    { method: 'GET', url: () => '/api/export?format=fhir' },
    { method: 'GET', url: () => '/api/export?format=csv' },
    { method: 'GET', url: () => '/api/audit' },
  ];

  it.each(ROUTES.map((r) => [`${r.method} ${r.url({ assessmentId: ':id' })}`, r] as const))(
    '%s as nobody is 401',
    async (_n, route) => {
      const a = await assessed();
      const res = await call(app, route.method, route.url(a), {}, route.body);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    },
  );

  it('another person cannot read an assessment by id (404, existence not leaked)', async () => {
    const a = await assessed('ana@example.org');
    const b = await signUp(app, 'ben@example.org');
    expect((await call(app, 'GET', `/api/assessments/${a.assessmentId}`, b)).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/assessments/does-not-exist', b)).statusCode).toBe(404);
  });

  it('another person sees only their own lists, programme, progress and exports', async () => {
    const a = await assessed('ana@example.org');
    await call(app, 'POST', '/api/checkins', a, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    });
    await call(app, 'POST', '/api/measurements', a, { kind: 'slr-angle', side: 'left', value: 60 });
    await call(app, 'POST', '/api/sessions', a, {
      entries: [
        {
          exerciseId: 'abdominal-brace',
          done: {},
          tooEasy: false,
          painSharper: false,
          painSpread: false,
        },
      ],
    });
    const b = await signUp(app, 'ben@example.org');
    for (const url of [
      '/api/assessments',
      '/api/sessions',
      '/api/checkins',
      '/api/measurements',
      '/api/programmes',
    ]) {
      const res = await call(app, 'GET', url, b);
      expect(res.statusCode, url).toBe(200);
      expect(json<{ items: unknown[] }>(res).items, url).toEqual([]);
    }
    expect((await call(app, 'GET', '/api/programme', b)).statusCode).toBe(404);
    const progress = json<{ pain: unknown[]; slr: unknown[] }>(
      await call(app, 'GET', '/api/progress', b),
    );
    expect(progress.pain).toEqual([]);
    expect(progress.slr).toEqual([]);
    const exported = await call(app, 'GET', '/api/export?format=json', b);
    expect(exported.body).not.toContain('ana@example.org');
    expect(
      (
        await call(app, 'POST', '/api/sessions', b, {
          entries: [
            {
              exerciseId: 'abdominal-brace',
              done: {},
              tooEasy: false,
              painSharper: false,
              painSpread: false,
            },
          ],
        })
      ).statusCode,
    ).toBe(409);
    const audit = json<{ items: { resource: string }[] }>(await call(app, 'GET', '/api/audit', b));
    expect(audit.items.some((x) => x.resource.includes(a.assessmentId))).toBe(false);
  });

  it('deleting one account leaves another untouched', async () => {
    const a = await assessed('ana@example.org');
    const b = await assessed('ben@example.org');
    expect((await call(app, 'DELETE', '/api/me', a)).statusCode).toBe(204);
    expect((await call(app, 'GET', '/api/me', a)).statusCode).toBe(401);
    expect(
      json<{ items: unknown[] }>(await call(app, 'GET', '/api/assessments', b)).items,
    ).toHaveLength(1);
  });
});

describe('assessments and the programme', () => {
  it('stores the answers and the engine result with the knowledge-base version, and builds the programme', async () => {
    const a = await assessed();
    const one = json<{
      result: { knowledgeBase: string; triage: { level: string } };
      answers: { toeTouch: string };
    }>(await call(app, 'GET', `/api/assessments/${a.assessmentId}`, a));
    expect(one.result.knowledgeBase).toBe(t.app.ctx.kb.version);
    expect(one.result.triage.level).toBe('self-care');
    expect(one.answers.toeTouch).toBe('short');
    const programme = json<
      Programme & { assessmentId: string; stopRules: unknown[]; knowledgeBase: string }
    >(await call(app, 'GET', '/api/programme', a));
    expect(programme.assessmentId).toBe(a.assessmentId);
    expect(programme.items.map((i) => i.exerciseId)).toContain('supine-hamstring-gentle');
    expect(programme.stopRules.length).toBeGreaterThan(0);
    expect(programme.knowledgeBase).toBe(t.app.ctx.kb.version);
  });

  it('says 404 for the programme before any assessment', async () => {
    const who = await signUp(app, 'ana@example.org');
    expect((await call(app, 'GET', '/api/programme', who)).statusCode).toBe(404);
  });

  it('regenerates the programme on reassessment and keeps the history', async () => {
    const a = await assessed();
    const first = json<Programme>(await call(app, 'GET', '/api/programme', a));
    await call(app, 'POST', '/api/assessments', a, { answers: { ...ANSWERS, painNow: 9 } });
    const second = json<Programme>(await call(app, 'GET', '/api/programme', a));
    expect(second.id).not.toBe(first.id);
    expect(second.gate).toBe('gentle-only');
    const history = json<{ items: { id: string; current: boolean }[] }>(
      await call(app, 'GET', '/api/programmes', a),
    );
    expect(history.items.map((p) => [p.id, p.current])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
  });

  it('rejects bad answers with problems naming each field, and stores nothing', async () => {
    const who = await signUp(app, 'ana@example.org');
    const res = await call(app, 'POST', '/api/assessments', who, {
      answers: { ...ANSWERS, age: 12, colour: 'blue' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = json<{
      type: string;
      title: string;
      status: number;
      detail: string;
      errors: { path: string; message: string; received: string }[];
    }>(res);
    expect(body.status).toBe(400);
    expect(body.errors).toContainEqual(
      expect.objectContaining({
        path: 'answers.age',
        received: '12',
        message: 'answers.age: expected a whole number from 16 to 110 (years), got 12',
      }),
    );
    expect(body.errors.map((e) => e.path)).toContain('answers.colour');
    expect(
      json<{ items: unknown[] }>(await call(app, 'GET', '/api/assessments', who)).items,
    ).toEqual([]);
  });

  it('rejects bodies that are not JSON, too large, or with bad paging', async () => {
    const who = await signUp(app, 'ana@example.org');
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/assessments',
      headers: {
        host: 'backchain.test',
        cookie: who.cookie ?? '',
        'content-type': 'application/json',
      },
      payload: '{nope',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toMatch(/problem\+json/);
    const huge = await call(app, 'POST', '/api/assessments', who, {
      answers: { ...ANSWERS, padding: 'x'.repeat(70_000) },
    });
    expect(huge.statusCode).toBe(413);
    const page = await call(app, 'GET', '/api/assessments?limit=501', who);
    expect(page.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(page).errors[0]?.path).toBe('limit');
  });

  it('pages lists with a cursor', async () => {
    const who = await signUp(app, 'ana@example.org');
    for (let i = 0; i < 5; i++) {
      t.clock.now = new Date(t.clock.now.getTime() + 1000);
      await call(app, 'POST', '/api/assessments', who, { answers: { ...ANSWERS, painNow: i } });
    }
    const first = json<{ items: { id: string }[]; nextCursor: string }>(
      await call(app, 'GET', '/api/assessments?limit=2', who),
    );
    expect(first.items).toHaveLength(2);
    const second = json<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(app, 'GET', `/api/assessments?limit=2&cursor=${first.nextCursor}`, who),
    );
    const third = json<{ items: { id: string }[]; nextCursor: string | null }>(
      await call(app, 'GET', `/api/assessments?limit=2&cursor=${second.nextCursor ?? ''}`, who),
    );
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((x) => x.id);
    expect(new Set(ids).size).toBe(5);
  });
});

describe('sessions and the stop rules', () => {
  const entry = (exerciseId: string, over: object = {}) => ({
    exerciseId,
    done: { holdSeconds: 20 },
    tooEasy: false,
    painSharper: false,
    painSpread: false,
    ...over,
  });

  it('drops an exercise that made pain spread and offers a gentler one', async () => {
    const a = await assessed();
    const before = json<Programme>(await call(app, 'GET', '/api/programme', a));
    const stretch = before.items.find((i) => i.exerciseId === 'supine-hamstring-gentle');
    expect(stretch).toBeDefined();
    const res = await call(app, 'POST', '/api/sessions', a, {
      entries: [entry('supine-hamstring-gentle', { painSpread: true })],
    });
    expect(res.statusCode).toBe(201);
    const out = json<{
      programmeChanges: { exerciseId: string; change: string }[];
      warningCheckRequired: boolean;
    }>(res);
    expect(out.programmeChanges[0]).toMatchObject({ exerciseId: 'supine-hamstring-gentle' });
    expect(['dropped', 'replaced']).toContain(out.programmeChanges[0]?.change);
    expect(out.warningCheckRequired).toBe(false);
    const after = json<Programme>(await call(app, 'GET', '/api/programme', a));
    expect(after.items.map((i) => i.exerciseId)).not.toContain('supine-hamstring-gentle');
  });

  it('requires the warning-sign check after a second spreading within 7 days, until a check-in', async () => {
    const a = await assessed();
    const first = await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-02',
      entries: [entry('glute-bridge', { painSpread: true })],
    });
    expect(first.statusCode).toBe(201);
    expect(json(first).warningCheckRequired).toBe(false);
    // Backing off kept the gentle exercises that spare the nerve; the second spreading is in one of them.
    const now = json<Programme>(await call(app, 'GET', '/api/programme', a)).items.map(
      (i) => i.exerciseId,
    );
    expect(now).toEqual(expect.arrayContaining(['abdominal-brace', 'standing-march']));
    const second = await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-05',
      entries: [entry('standing-march', { painSpread: true })],
    });
    expect(second.statusCode).toBe(201);
    expect(json(second).warningCheckRequired).toBe(true);
    const blocked = await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-06',
      entries: [entry('abdominal-brace')],
    });
    expect(blocked.statusCode).toBe(409);
    expect(json(blocked).title).toMatch(/warning-sign/);
    const checkin = await call(app, 'POST', '/api/checkins', a, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    });
    expect(checkin.statusCode).toBe(201);
    expect(
      (
        await call(app, 'POST', '/api/sessions', a, {
          date: '2026-11-06',
          entries: [entry('abdominal-brace')],
        })
      ).statusCode,
    ).toBe(201);
  });

  it('progresses an exercise that felt too easy twice running', async () => {
    const a = await assessed();
    const dose = async () =>
      json<Programme>(await call(app, 'GET', '/api/programme', a)).items.find(
        (i) => i.exerciseId === 'glute-bridge',
      )?.dosage.amount;
    const start = await dose();
    expect(start).toBe(20);
    await call(app, 'POST', '/api/sessions', a, {
      entries: [entry('glute-bridge', { tooEasy: true })],
    });
    expect(await dose()).toBe(20);
    const res = await call(app, 'POST', '/api/sessions', a, {
      entries: [entry('glute-bridge', { tooEasy: true })],
    });
    expect(json<{ programmeChanges: { change: string }[] }>(res).programmeChanges).toContainEqual(
      expect.objectContaining({ exerciseId: 'glute-bridge', change: 'progressed' }),
    );
    expect(await dose()).toBeGreaterThan(20);
  });

  it('records what was planned next to what was done', async () => {
    const a = await assessed();
    await call(app, 'POST', '/api/sessions', a, {
      entries: [entry('abdominal-brace', { done: { holdSeconds: 8, reps: 10 } })],
    });
    const list = json<{
      items: { entries: { planned: { amount: number }; done: { holdSeconds: number } }[] }[];
    }>(await call(app, 'GET', '/api/sessions', a));
    expect(list.items[0]?.entries[0]?.planned.amount).toBe(10);
    expect(list.items[0]?.entries[0]?.done.holdSeconds).toBe(8);
  });

  it('refuses exercises that are not in the programme, and stores nothing', async () => {
    const a = await assessed();
    const res = await call(app, 'POST', '/api/sessions', a, {
      entries: [entry('good-morning-modified')],
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ items: unknown[] }>(await call(app, 'GET', '/api/sessions', a)).items).toEqual(
      [],
    );
  });
});

describe('sessions sent again with the same clientId (offline queue, retries)', () => {
  const entry = (exerciseId: string, over: object = {}) => ({
    exerciseId,
    done: { holdSeconds: 20 },
    tooEasy: true,
    painSharper: false,
    painSpread: false,
    ...over,
  });
  const body = (clientId: string, over: object = {}) => ({
    entries: [entry('glute-bridge')],
    clientId,
    ...over,
  });
  interface SessionAnswer {
    id: string;
    programmeChanges: { exerciseId: string; change: string; by?: string }[];
    warningCheckRequired: boolean;
  }
  const listed = async (who: Caller) =>
    json<{ items: { id: string; clientId: string | null }[] }>(
      await call(app, 'GET', '/api/sessions', who),
    ).items;
  const programme = async (who: Caller) =>
    json<Programme & { dropped: string[] }>(await call(app, 'GET', '/api/programme', who));
  const bridgeDose = async (who: Caller) =>
    (await programme(who)).items.find((i) => i.exerciseId === 'glute-bridge')?.dosage.amount;

  it('stores the first (201) and answers the same again with 200 and the same id, progressing once', async () => {
    const a = await assessed();
    const first = await call(app, 'POST', '/api/sessions', a, body('phone-queue_0001'));
    expect(first.statusCode).toBe(201);
    const again = await call(app, 'POST', '/api/sessions', a, body('phone-queue_0001'));
    expect(again.statusCode).toBe(200);
    expect(json(again)).toStrictEqual(json(first));
    // Counted twice, "too easy" twice running would have raised the dose.
    expect(await bridgeDose(a)).toBe(20);
    // Even with other answers, the stored session stands: no stop rule is applied.
    const changed = await call(
      app,
      'POST',
      '/api/sessions',
      a,
      body('phone-queue_0001', { entries: [entry('glute-bridge', { painSpread: true })] }),
    );
    expect(changed.statusCode).toBe(200);
    expect(json(changed)).toStrictEqual(json(first));
    expect((await programme(a)).dropped).toStrictEqual([]);
    expect(await bridgeDose(a)).toBe(20);
    expect(await listed(a)).toMatchObject([{ id: json(first).id, clientId: 'phone-queue_0001' }]);

    // Another clientId is another session: the second "too easy" one, which progresses.
    const second = await call(app, 'POST', '/api/sessions', a, body('phone-queue_0002'));
    expect(second.statusCode).toBe(201);
    expect(json<SessionAnswer>(second).programmeChanges).toContainEqual(
      expect.objectContaining({ exerciseId: 'glute-bridge', change: 'progressed' }),
    );
    const progressed = await bridgeDose(a);
    expect(progressed).toBeGreaterThan(20);
    const secondAgain = await call(app, 'POST', '/api/sessions', a, body('phone-queue_0002'));
    expect(secondAgain.statusCode).toBe(200);
    expect(json(secondAgain)).toStrictEqual(json(second));
    expect(await bridgeDose(a)).toBe(progressed);

    // None is never a repeat.
    const { clientId: _none, ...plain } = body('x');
    expect((await call(app, 'POST', '/api/sessions', a, plain)).statusCode).toBe(201);
    expect((await call(app, 'POST', '/api/sessions', a, plain)).statusCode).toBe(201);
    expect((await listed(a)).map((l) => l.clientId)).toStrictEqual([
      null,
      null,
      'phone-queue_0002',
      'phone-queue_0001',
    ]);
  });

  it('answers a repeat of the session that asked for the warning-sign check with its stored answer, not 409', async () => {
    const a = await assessed();
    const once = body('spread-once-0001', {
      date: '2026-11-02',
      entries: [entry('glute-bridge', { painSpread: true })],
    });
    expect((await call(app, 'POST', '/api/sessions', a, once)).statusCode).toBe(201);
    const twice = body('spread-twice-0002', {
      date: '2026-11-05',
      entries: [entry('standing-march', { painSpread: true })],
    });
    const second = await call(app, 'POST', '/api/sessions', a, twice);
    expect(second.statusCode).toBe(201);
    expect(json<SessionAnswer>(second).warningCheckRequired).toBe(true);
    const after = await programme(a);
    expect(after.warningCheckRequired).toBe(true);

    const again = await call(app, 'POST', '/api/sessions', a, twice);
    expect(again.statusCode).toBe(200);
    expect(json(again)).toStrictEqual(json(second));
    const onceAgain = await call(app, 'POST', '/api/sessions', a, once);
    expect(onceAgain.statusCode).toBe(200);
    expect(json<SessionAnswer>(onceAgain).warningCheckRequired).toBe(false);
    expect(await programme(a)).toStrictEqual(after);
    // A new session is still refused until the check-in.
    const blocked = await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-06',
      entries: [entry('abdominal-brace')],
    });
    expect(blocked.statusCode).toBe(409);
    expect(json(blocked).type).toMatch(/warning-check-required/);
    expect(await listed(a)).toHaveLength(2);
  });

  it('answers a repeat with 200 while the programme is paused', async () => {
    const a = await assessed();
    const first = await call(app, 'POST', '/api/sessions', a, body('before-pause-01'));
    expect(first.statusCode).toBe(201);
    const checkin = await call(app, 'POST', '/api/checkins', a, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true },
    });
    expect(json(checkin).programmePaused).toBe(true);
    const again = await call(app, 'POST', '/api/sessions', a, body('before-pause-01'));
    expect(again.statusCode).toBe(200);
    expect(json(again)).toStrictEqual(json(first));
    expect((await call(app, 'POST', '/api/sessions', a, body('after-pause-02'))).statusCode).toBe(
      409,
    );
    expect(await listed(a)).toHaveLength(1);
  });

  it("never answers with another person's session: a clientId is only one person's", async () => {
    const a = await assessed();
    const b = await assessed('bo@example.org');
    const first = await call(app, 'POST', '/api/sessions', a, body('shared-client-01'));
    const other = await call(app, 'POST', '/api/sessions', b, body('shared-client-01'));
    expect([first.statusCode, other.statusCode]).toStrictEqual([201, 201]);
    expect(json(other).id).not.toBe(json(first).id);
    expect(await listed(a)).toMatchObject([{ id: json(first).id }]);
    expect(await listed(b)).toMatchObject([{ id: json(other).id }]);
  });

  it('stores one of several posts with the same clientId sent at once, and applies it once', async () => {
    const a = await assessed();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => call(app, 'POST', '/api/sessions', a, body('at-once-0001'))),
    );
    expect(answers.map((r) => r.statusCode).sort()).toStrictEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => json(r).id)).size).toBe(1);
    expect(await listed(a)).toHaveLength(1);
    // Applied once: the next "too easy" session is the second, not the sixth, and progresses.
    const next = await call(app, 'POST', '/api/sessions', a, body('at-once-0002'));
    expect(json<SessionAnswer>(next).programmeChanges).toContainEqual(
      expect.objectContaining({ exerciseId: 'glute-bridge', change: 'progressed' }),
    );
  });

  it('stores one of two posts with the same clientId sent at once, and the audit trail says which was the repeat', async () => {
    const a = await assessed();
    const answers = await Promise.all(
      [1, 2].map(() => call(app, 'POST', '/api/sessions', a, body('at-once-0009'))),
    );
    expect(answers.map((r) => r.statusCode).sort()).toStrictEqual([200, 201]);
    expect(new Set(answers.map((r) => json(r).id)).size).toBe(1);
    expect(await listed(a)).toHaveLength(1);
    const trail = json<{
      items: { action: string; resource: string; outcome: string; resourceId: string }[];
    }>(await call(app, 'GET', '/api/audit', a)).items.filter(
      (x) => x.resource === '/api/sessions' && x.action === 'create',
    );
    expect(trail.map((x) => x.outcome).sort()).toStrictEqual(['duplicate', 'ok']);
    const stored = answers[0] ? json(answers[0]).id : 'none';
    expect(new Set(trail.map((x) => x.resourceId))).toStrictEqual(new Set([stored]));
  });

  it('refuses a clientId that is too short, too long or has other characters, naming it', async () => {
    const a = await assessed();
    for (const clientId of ['short', 'x'.repeat(65), 'has spaces in it', 'dots.are.not.ok', 42]) {
      const res = await call(app, 'POST', '/api/sessions', a, body('placeholder', { clientId }));
      expect(res.statusCode, String(clientId)).toBe(400);
      const errors = json<{ errors: { path: string; expected: string }[] }>(res).errors;
      expect(errors.map((e) => e.path)).toStrictEqual(['clientId']);
      expect(errors[0]?.expected).toMatch(/this session, 8 to 64 letters, digits, - or _/);
    }
    expect(await listed(a)).toStrictEqual([]);
    for (const clientId of ['abcdEFGH', 'x'.repeat(64), 'a-b_c-d_1234']) {
      expect(
        (await call(app, 'POST', '/api/sessions', a, body(clientId))).statusCode,
        clientId,
      ).toBe(201);
    }
  });

  it('describes clientId in the OpenAPI document', async () => {
    const doc = json<{
      paths: Record<string, { post?: { requestBody?: unknown; responses?: object } }>;
    }>(await call(app, 'GET', '/api/openapi.json'));
    const post = doc.paths['/api/sessions']?.post;
    expect(JSON.stringify(post?.requestBody)).toContain('clientId');
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201']));
  });
});

describe('check-ins', () => {
  it('requires every warning sign explicitly: none defaults to no', async () => {
    const a = await assessed();
    const { bladderChange: _omit, ...missing } = NO_WARNING_SIGNS;
    const res = await call(app, 'POST', '/api/checkins', a, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: missing,
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path)).toContain(
      'warningSigns.bladderChange',
    );
  });

  it('pauses the programme at once on a new emergency sign and says what to do', async () => {
    const a = await assessed();
    const res = await call(app, 'POST', '/api/checkins', a, {
      painNow: 5,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true },
    });
    expect(res.statusCode).toBe(201);
    const out = json<{
      programmePaused: boolean;
      triage: { level: string; reasons: { code: string }[]; advice: string };
    }>(res);
    expect(out.programmePaused).toBe(true);
    expect(out.triage.level).toBe('emergency');
    expect(out.triage.reasons.map((r) => r.code)).toContain('cauda-equina-bladder');
    expect(out.triage.advice).toMatch(/emergency department/);
    expect(json<Programme>(await call(app, 'GET', '/api/programme', a)).paused).toBe(true);
    const session = await call(app, 'POST', '/api/sessions', a, {
      entries: [
        {
          exerciseId: 'abdominal-brace',
          done: {},
          tooEasy: false,
          painSharper: false,
          painSpread: false,
        },
      ],
    });
    expect(session.statusCode).toBe(409);
  });

  it('does not pause for a check-in with nothing new', async () => {
    const a = await assessed();
    const res = await call(app, 'POST', '/api/checkins', a, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
      sittingHours: 8,
      walkingBreaks: 4,
    });
    expect(json(res)).toMatchObject({ programmePaused: false });
    expect(json(res).triage).toBeUndefined();
  });
});

describe('check-ins sent again with the same clientId (offline queue, retries)', () => {
  const body = (clientId: string, over: object = {}) => ({
    painNow: 3,
    painAreas: ['lower-back'],
    legSide: 'none',
    warningSigns: NO_WARNING_SIGNS,
    clientId,
    ...over,
  });
  const listed = async (who: Caller) =>
    json<{ items: { id: string; clientId: string | null }[] }>(
      await call(app, 'GET', '/api/checkins', who),
    ).items;

  it('stores the first (201) and answers the same again with 200 and the same id, storing nothing', async () => {
    const a = await assessed();
    const first = await call(app, 'POST', '/api/checkins', a, body('phone-queue_0001'));
    expect(first.statusCode).toBe(201);
    const again = await call(app, 'POST', '/api/checkins', a, body('phone-queue_0001'));
    expect(again.statusCode).toBe(200);
    expect(json(again)).toStrictEqual(json(first));
    // Even with other answers, the stored check-in stands: nothing is re-triaged or paused.
    const changed = await call(
      app,
      'POST',
      '/api/checkins',
      a,
      body('phone-queue_0001', { warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true } }),
    );
    expect(changed.statusCode).toBe(200);
    expect(json(changed)).toStrictEqual({
      id: json(first).id,
      programmePaused: false,
      reassessmentAdvised: false,
      backOffEnded: false,
      advice: [],
    });
    expect(json<Programme>(await call(app, 'GET', '/api/programme', a)).paused).toBe(false);
    expect(await listed(a)).toMatchObject([{ id: json(first).id, clientId: 'phone-queue_0001' }]);
    // Another clientId, or none, is another check-in.
    expect((await call(app, 'POST', '/api/checkins', a, body('phone-queue_0002'))).statusCode).toBe(
      201,
    );
    const { clientId: _none, ...plain } = body('x');
    expect((await call(app, 'POST', '/api/checkins', a, plain)).statusCode).toBe(201);
    expect((await call(app, 'POST', '/api/checkins', a, plain)).statusCode).toBe(201);
    expect((await listed(a)).map((c) => c.clientId)).toStrictEqual([
      null,
      null,
      'phone-queue_0002',
      'phone-queue_0001',
    ]);
  });

  it('answers a repeated triaged check-in with its stored triage', async () => {
    const a = await assessed();
    const urgent = body('emergency-0001', {
      warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true },
    });
    const first = await call(app, 'POST', '/api/checkins', a, urgent);
    expect(first.statusCode).toBe(201);
    expect(json(first)).toMatchObject({ programmePaused: true, triage: { level: 'emergency' } });
    const again = await call(app, 'POST', '/api/checkins', a, urgent);
    expect(again.statusCode).toBe(200);
    expect(json(again)).toStrictEqual(json(first));
  });

  it('stores one of two posts with the same clientId sent at once, and the audit trail says which was the repeat', async () => {
    const a = await assessed();
    const answers = await Promise.all(
      [1, 2].map(() => call(app, 'POST', '/api/checkins', a, body('at-once-0009'))),
    );
    expect(answers.map((r) => r.statusCode).sort()).toStrictEqual([200, 201]);
    expect(new Set(answers.map((r) => json(r).id)).size).toBe(1);
    expect(await listed(a)).toHaveLength(1);
    const trail = json<{
      items: { action: string; resource: string; outcome: string; resourceId: string }[];
    }>(await call(app, 'GET', '/api/audit', a)).items.filter(
      (x) => x.resource === '/api/checkins' && x.action === 'create',
    );
    expect(trail.map((x) => x.outcome).sort()).toStrictEqual(['duplicate', 'ok']);
    const stored = answers[0] ? json(answers[0]).id : 'none';
    expect(new Set(trail.map((x) => x.resourceId))).toStrictEqual(new Set([stored]));
  });

  it('refuses a clientId that is too short, too long or has other characters, naming it', async () => {
    const a = await assessed();
    for (const clientId of ['short', 'x'.repeat(65), 'has spaces in it', 'dots.are.not.ok', 42]) {
      const res = await call(app, 'POST', '/api/checkins', a, body('placeholder', { clientId }));
      expect(res.statusCode, String(clientId)).toBe(400);
      const errors = json<{ errors: { path: string; expected: string }[] }>(res).errors;
      expect(errors.map((e) => e.path)).toStrictEqual(['clientId']);
      expect(errors[0]?.expected).toMatch(/8 to 64 letters, digits, - or _/);
    }
    expect(await listed(a)).toStrictEqual([]);
    for (const clientId of ['abcdEFGH', 'x'.repeat(64), 'a-b_c-d_1234']) {
      expect(
        (await call(app, 'POST', '/api/checkins', a, body(clientId))).statusCode,
        clientId,
      ).toBe(201);
    }
  });

  it('describes clientId in the OpenAPI document', async () => {
    const doc = json<{
      paths: Record<string, { post?: { requestBody?: unknown; responses?: object } }>;
    }>(await call(app, 'GET', '/api/openapi.json'));
    const post = doc.paths['/api/checkins']?.post;
    expect(JSON.stringify(post?.requestBody)).toContain('clientId');
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201']));
  });
});

describe('measurements, progress and exports', () => {
  it('rejects a straight-leg-raise angle out of range or without a side', async () => {
    const a = await assessed();
    const res = await call(app, 'POST', '/api/measurements', a, { kind: 'slr-angle', value: 150 });
    expect(res.statusCode).toBe(400);
    const paths = json<{ errors: { path: string }[] }>(res).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['value', 'side']));
  });

  it('summarises pain, extent, adherence and leg-raise angle', async () => {
    // The assessment already had the buttock and thigh on the left, so these check-ins bring nothing new.
    const a = await assessed('ana@example.org', {
      ...ANSWERS,
      painAreas: ['lower-back', 'buttock', 'back-of-thigh'],
      legSide: 'left',
    });
    const days = [
      ['2026-11-02', 7, ['lower-back', 'back-of-thigh']],
      ['2026-11-03', 5, ['lower-back', 'buttock']],
      ['2026-11-04', 3, ['lower-back']],
    ] as const;
    for (const [date, painNow, painAreas] of days) {
      await call(app, 'POST', '/api/checkins', a, {
        date,
        painNow,
        painAreas,
        legSide: painAreas.length > 1 ? 'left' : 'none',
        warningSigns: NO_WARNING_SIGNS,
      });
    }
    await call(app, 'POST', '/api/measurements', a, {
      date: '2026-11-04',
      kind: 'slr-angle',
      side: 'left',
      value: 62,
    });
    await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-03',
      entries: [
        {
          exerciseId: 'abdominal-brace',
          done: {},
          tooEasy: false,
          painSharper: false,
          painSpread: false,
        },
      ],
    });
    t.clock.now = new Date('2026-11-04T18:00:00.000Z');
    const p = json<{
      pain: { date: string; value: number }[];
      extentTrend: string;
      adherence: { planned: number; done: number };
      slr: { value: number }[];
      meaningfulChange: boolean;
    }>(await call(app, 'GET', '/api/progress', a));
    expect(p.pain.map((x) => x.value)).toEqual([7, 5, 3]);
    expect(p.extentTrend).toBe('centralising');
    // Three days of a programme whose most frequent exercise is twice a day; one sitting done.
    expect(p.adherence).toMatchObject({ planned: 6, done: 1 });
    expect(p.slr[0]?.value).toBe(62);
    expect(p.meaningfulChange).toBe(true);
  });

  it('exports FHIR, JSON and CSV, and records the export in the audit trail', async () => {
    const a = await assessed();
    await call(app, 'POST', '/api/checkins', a, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    });
    const fhir = await call(app, 'GET', '/api/export?format=fhir', a);
    expect(fhir.statusCode).toBe(200);
    expect(fhir.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(json(fhir)).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const csv = await call(app, 'GET', '/api/export?format=csv', a);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toMatch(/^type,date,id,painNow/);
    expect((await call(app, 'GET', '/api/programme', a)).statusCode).toBe(200);
    const whole = json(await call(app, 'GET', '/api/export?format=json', a));
    expect(JSON.stringify(whole)).toContain(a.assessmentId);
    expect((await call(app, 'GET', '/api/export?format=pdf', a)).statusCode).toBe(400);
    const audit = json<{ items: { action: string; resource: string }[] }>(
      await call(app, 'GET', '/api/audit', a),
    );
    expect(audit.items.map((x) => x.action)).toEqual(
      expect.arrayContaining(['export', 'create', 'read']),
    );
    expect(audit.items.some((x) => x.resource === '/api/export?format=fhir')).toBe(true);
  });
});

describe('warning signs act at once (check-in, today, sessions)', () => {
  const brace = {
    entries: [
      {
        exerciseId: 'abdominal-brace',
        done: {},
        tooEasy: false,
        painSharper: false,
        painSpread: false,
      },
    ],
  };
  interface Today {
    warning: { level: string; reasons: { code: string }[]; advice: string } | null;
    sessionAllowed: boolean;
    blockedBy: string | null;
  }
  const codes = (t: { reasons: { code: string }[] } | null | undefined) =>
    t?.reasons.map((r) => r.code) ?? [];

  const afterAssessment = certainCheckins(baseline);
  it.each(afterAssessment.map((c) => [c.rule.code, c] as const))(
    '%s: a check-in with only what makes it certain is stored, pauses, leads today and refuses sessions',
    async (code, { body }) => {
      const a = await assessed();
      const res = await call(app, 'POST', '/api/checkins', a, body);
      expect(res.statusCode).toBe(201);
      const out = json<{ programmePaused: boolean; triage: Today['warning'] }>(res);
      expect(codes(out.triage)).toContain(code);
      expect(out.programmePaused).toBe(true);
      const listed = json<{ items: { painNow: unknown; painAreas: unknown }[] }>(
        await call(app, 'GET', '/api/checkins', a),
      ).items;
      expect(listed).toHaveLength(1);
      expect(listed[0]?.painAreas).toBeNull();

      const today = json<Today>(await call(app, 'GET', '/api/today', a));
      expect(codes(today.warning)).toContain(code);
      expect(today.warning?.level).toBe(out.triage?.level);
      expect(today.sessionAllowed).toBe(false);
      expect(today.blockedBy).toBe('paused');

      const session = await call(app, 'POST', '/api/sessions', a, brace);
      expect(session.statusCode).toBe(409);
      expect(json(session).type).toMatch(/programme-paused/);
    },
  );

  it.each(certainCheckins(null).map((c) => [c.rule.code, c] as const))(
    '%s: before any assessment, the check-in is stored and leads today',
    async (code, { body }) => {
      const who = await signUp(app, 'ana@example.org');
      const res = await call(app, 'POST', '/api/checkins', who, body);
      expect(res.statusCode).toBe(201);
      expect(codes(json<{ triage: Today['warning'] }>(res).triage)).toContain(code);
      const today = json<Today>(await call(app, 'GET', '/api/today', who));
      expect(codes(today.warning)).toContain(code);
      expect(today.sessionAllowed).toBe(false);
      expect(today.blockedBy).toBe('no-programme');
    },
  );

  it('refuses a check-in missing asked answers with no certain warning, one error per missing field', async () => {
    const a = await assessed();
    const { fever: _f, nightPainConstant: _n, ...signs } = NO_WARNING_SIGNS;
    const res = await call(app, 'POST', '/api/checkins', a, {
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: signs,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const errors = json<{ errors: { path: string; message: string }[] }>(res).errors;
    expect(errors.map((e) => e.path)).toEqual([
      'painNow',
      'warningSigns.fever',
      'warningSigns.nightPainConstant',
    ]);
    for (const e of errors) expect(e.message).toMatch(/got nothing$/);
    expect(json<{ items: unknown[] }>(await call(app, 'GET', '/api/checkins', a)).items).toEqual(
      [],
    );
    // The same answers with a certain warning sign among them are stored.
    const stopped = await call(app, 'POST', '/api/checkins', a, {
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: { ...signs, fever: true },
    });
    expect(stopped.statusCode).toBe(201);
  });

  it('describes GET /api/today in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, unknown> }>(
      await call(app, 'GET', '/api/openapi.json'),
    );
    expect(Object.keys(doc.paths)).toContain('/api/today');
  });
});

describe('legSide against painAreas', () => {
  it.each(['buttock', 'back-of-thigh', 'below-knee', 'foot'])(
    'refuses %s with legSide none in an assessment, naming legSide and painAreas',
    async (area) => {
      const who = await signUp(app, 'ana@example.org');
      const res = await call(app, 'POST', '/api/assessments', who, {
        answers: { ...ANSWERS, painAreas: ['lower-back', area], legSide: 'none' },
      });
      expect(res.statusCode).toBe(400);
      const errors = json<{ errors: { path: string; message: string }[] }>(res).errors;
      expect(errors.map((e) => e.path)).toEqual(['answers.legSide']);
      expect(errors[0]?.message).toMatch(/painAreas includes/);
      expect(errors[0]?.message).toContain(area);
      expect(
        json<{ items: unknown[] }>(await call(app, 'GET', '/api/assessments', who)).items,
      ).toEqual([]);
    },
  );

  it.each(['buttock', 'back-of-thigh', 'below-knee', 'foot'])(
    'refuses %s with legSide none in a check-in',
    async (area) => {
      const a = await assessed();
      const res = await call(app, 'POST', '/api/checkins', a, {
        painNow: 3,
        painAreas: [area],
        legSide: 'none',
        warningSigns: NO_WARNING_SIGNS,
      });
      expect(res.statusCode).toBe(400);
      const errors = json<{ errors: { path: string; message: string }[] }>(res).errors;
      expect(errors.map((e) => e.path)).toEqual(['legSide']);
      expect(errors[0]?.message).toMatch(/painAreas includes/);
    },
  );
});

describe('backing off when pain spreads, over HTTP', () => {
  const entry = (exerciseId: string, over: object = {}) => ({
    exerciseId,
    done: {},
    tooEasy: false,
    painSharper: false,
    painSpread: false,
    ...over,
  });

  it('stops for today, backs off, refuses a second session that date (409 rest-today), allows the next day', async () => {
    const a = await assessed();
    const res = await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-03',
      entries: [
        entry('supine-hamstring-gentle'),
        entry('abdominal-brace'),
        entry('glute-bridge', { painSpread: true }),
      ],
    });
    expect(res.statusCode).toBe(201);
    const out = json<{ stoppedForToday: boolean; advice: string[] }>(res);
    expect(out.stoppedForToday).toBe(true);
    expect(out.advice).toEqual([...t.app.ctx.kb.backOff.spreadAdvice]);
    const programme = json<Programme & { backOff: unknown }>(
      await call(app, 'GET', '/api/programme', a),
    );
    const ids = programme.items.map((i) => i.exerciseId);
    for (const gone of ['glute-bridge', 'supine-straight-leg-raise', 'supine-hamstring-gentle'])
      expect(ids).not.toContain(gone);
    expect(ids).toContain('abdominal-brace');
    expect(programme.gate).toBe('gentle-only');
    expect(programme.backOff).toEqual({ reason: 'spread', since: '2026-11-03', until: 'settled' });

    const again = await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-03',
      entries: [entry('abdominal-brace')],
    });
    expect(again.statusCode).toBe(409);
    expect(json(again).type).toMatch(/rest-today/);
    expect(
      json<{ blockedBy: string }>(await call(app, 'GET', '/api/today?date=2026-11-03', a))
        .blockedBy,
    ).toBe('rest-today');
    expect(
      json<{ sessionAllowed: boolean }>(await call(app, 'GET', '/api/today?date=2026-11-04', a))
        .sessionAllowed,
    ).toBe(true);
    const next = await call(app, 'POST', '/api/sessions', a, {
      date: '2026-11-04',
      entries: [entry('abdominal-brace')],
    });
    expect(next.statusCode).toBe(201);
  });

  it('never progresses on felt "easier" alone, which older clients still send', async () => {
    const a = await assessed();
    for (const date of ['2026-11-03', '2026-11-04', '2026-11-05']) {
      const { tooEasy: _t, ...old } = entry('glute-bridge', { felt: 'easier' });
      const res = await call(app, 'POST', '/api/sessions', a, { date, entries: [old] });
      expect(res.statusCode).toBe(201);
      expect(json<{ programmeChanges: unknown[] }>(res).programmeChanges).toEqual([]);
    }
    const dose = json<Programme>(await call(app, 'GET', '/api/programme', a)).items.find(
      (i) => i.exerciseId === 'glute-bridge',
    )?.dosage.amount;
    expect(dose).toBe(20);
  });

  it('refuses a bad date for /api/today, naming it', async () => {
    const a = await assessed();
    const res = await call(app, 'GET', '/api/today?date=tomorrow', a);
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { path: string }[] }>(res).errors[0]?.path).toBe('date');
  });
});

describe('unexpected failures', () => {
  it('answers 500 as a problem with the request id, and no stack trace or SQL text', async () => {
    const { createMemoryStore } = await import('../store/memory.js');
    const { buildApp } = await import('./app.js');
    const store = createMemoryStore();
    const broken = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'listAssessments') {
          return () =>
            Promise.reject(
              new Error('SELECT * FROM assessments: disk I/O error at /var/lib/secret'),
            );
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const logs: string[] = [];
    const stream = { write: (line: string) => logs.push(line) };
    const brokenApp = await buildApp({
      store: broken,
      kb: t.app.ctx.kb,
      logger: { level: 'error', stream },
    });
    try {
      const who = await signUp(brokenApp, 'ana@example.org');
      const res = await call(brokenApp, 'GET', '/api/assessments', who);
      expect(res.statusCode).toBe(500);
      const body = json<{ requestId: string; detail: string }>(res);
      expect(body.requestId).toBe(res.headers['x-request-id']);
      expect(body.detail).toContain(body.requestId);
      expect(res.body).not.toMatch(/SELECT|secret|at .*\.ts/);
      expect(logs.join('')).toContain(body.requestId);
    } finally {
      await brokenApp.close();
    }
  });
});
