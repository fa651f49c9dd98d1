// In-process tests of the defences: login and sign-up limits that cannot be raced, the password-hashing
// queue, HTTPS behind a trusted proxy, the cross-site check, problem details for every error, and text no
// store could keep. Counting assertions only: nothing here depends on timing.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import { ANSWERS, call, cookieOf, HOST, json, ORIGIN, signUp } from '../../test/http.js';
import { buildApp, type AppOptions } from './app.js';
import { BoundedQueue, HashQueueFull, passwordProblem } from './auth.js';
import { parseTrustProxy } from './serve.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(opts: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  app = await buildApp({ store: createMemoryStore(), kb: knowledgeBase, ...opts });
  return app;
}

const login = (a: FastifyInstance, email: string, password: string, remoteAddress = '127.0.0.1') =>
  a.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers: { host: HOST, origin: ORIGIN },
    payload: { email, password },
  });

describe('login limits cannot be raced', () => {
  it('checks at most 5 passwords of 40 parallel wrong guesses on one account from one address', async () => {
    const a = await start();
    await signUp(a, 'ana@example.org');
    const before = a.ctx.hasher.stats.verified;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(a, 'ana@example.org', `wrong guess ${i}`)),
    );
    expect(a.ctx.hasher.stats.verified - before).toBeLessThanOrEqual(5);
    expect(answers.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
    expect(answers.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    for (const r of answers.filter((x) => x.statusCode === 429)) {
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('checks at most 30 passwords of 80 parallel guesses from one address across accounts', async () => {
    const a = await start();
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) => login(a, `nobody${i}@example.org`, 'wrong password')),
    );
    expect(a.ctx.hasher.stats.verified).toBeLessThanOrEqual(30);
    expect(answers.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(30);
    expect(answers.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
  });

  it('caps guesses at one account from many addresses, and the owner still signs in once it passes', async () => {
    const a = await start({ loginLimits: { perAccount: 12 } });
    await signUp(a, 'ana@example.org');
    const before = a.ctx.hasher.stats.verified;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(a, 'ana@example.org', `guess ${i}`, `203.0.113.${i + 1}`),
      ),
    );
    expect(a.ctx.hasher.stats.verified - before).toBeLessThanOrEqual(12);
  });

  it('guards the password change with the same limit', async () => {
    const a = await start();
    const ana = await signUp(a, 'ana@example.org');
    const before = a.ctx.hasher.stats.verified;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(a, 'POST', '/api/auth/password', ana, {
          currentPassword: `wrong current ${i}`,
          newPassword: 'a brand new passphrase',
        }),
      ),
    );
    expect(a.ctx.hasher.stats.verified - before).toBeLessThanOrEqual(5);
    expect(answers.every((r) => r.statusCode === 403 || r.statusCode === 429)).toBe(true);
    expect(answers.some((r) => r.statusCode === 429)).toBe(true);
    // Refused outright, even with the right password, until the back-off ends.
    const right = await call(a, 'POST', '/api/auth/password', ana, {
      currentPassword: 'correct horse battery',
      newPassword: 'a brand new passphrase',
    });
    expect(right.statusCode).toBe(429);
  });

  it('limits sign-ups per address', async () => {
    const a = await start({ loginLimits: { signupsPerAddress: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await call(
            a,
            'POST',
            '/api/auth/signup',
            {},
            {
              email: `new${i}@example.org`,
              password: 'correct horse battery',
            },
          )
        ).statusCode,
      );
    }
    expect(statuses).toStrictEqual([201, 201, 201, 429, 429]);
    const other = await a.inject({
      method: 'POST',
      url: '/api/auth/signup',
      remoteAddress: '198.51.100.7',
      headers: { host: HOST, origin: ORIGIN },
      payload: { email: 'elsewhere@example.org', password: 'correct horse battery' },
    });
    expect(other.statusCode).toBe(201);
  });
});

describe('the password-hashing queue', () => {
  /** A task the test finishes when it wants. */
  function gate() {
    let open: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { open, task: () => opened };
  }

  it('runs at most its concurrency, queues up to its limit in order, and refuses the rest at once', async () => {
    const queue = new BoundedQueue(1, 2);
    const order: number[] = [];
    const gates = [gate(), gate(), gate()];
    const runs = gates.map((g, i) =>
      queue.run(async () => {
        order.push(i);
        await g.task();
        return i;
      }),
    );
    await Promise.resolve();
    expect(queue.load).toStrictEqual({ running: 1, waiting: 2 });
    await expect(queue.run(() => Promise.resolve(99))).rejects.toBeInstanceOf(HashQueueFull);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toStrictEqual([0, 1, 2]);
    expect(order).toStrictEqual([0, 1, 2]);
    expect(queue.stats).toStrictEqual({ ran: 3, refused: 1, peak: 1 });
    expect(queue.load).toStrictEqual({ running: 0, waiting: 0 });
    // A failing task frees its slot too.
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(() => Promise.resolve('after'))).toBe('after');
  });

  it('answers 429 with Retry-After when the queue is full, and counts nothing against the person', async () => {
    const a = await start({ hashing: { concurrency: 1, maxWaiting: 0 } });
    await signUp(a, 'ana@example.org');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        login(a, `nobody${i}@example.org`, 'wrong password', `192.0.2.${i + 1}`),
      ),
    );
    const busy = answers.filter((r) => r.statusCode === 429);
    for (const r of busy) {
      expect(r.headers['retry-after']).toBe('1');
      expect(json(r).type).toMatch(/\/busy$/);
    }
    expect(answers.filter((r) => r.statusCode === 401)).toHaveLength(a.ctx.hasher.stats.verified);
  });
});

describe('behind a reverse proxy', () => {
  it('reads --trust-proxy: true, a list of addresses, or nothing', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('loopback, 10.0.0.0/8,::1')).toStrictEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => parseTrustProxy('10.0.0.1; rm -rf')).toThrow(/--trust-proxy/);
  });

  const signupVia = (a: FastifyInstance, headers: Record<string, string>) =>
    a.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { host: HOST, ...headers },
      payload: { email: 'ana@example.org', password: 'correct horse battery' },
    });

  it('with --trust-proxy, sees HTTPS: Secure cookie and HSTS, and the client address', async () => {
    const a = await start({ trustProxy: ['127.0.0.1'] });
    const res = await signupVia(a, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.23',
      origin: `https://${HOST}`,
    });
    expect(res.statusCode).toBe(201);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    const trail = json<{ items: { action: string; address: string }[] }>(
      await call(a, 'GET', '/api/audit', { cookie: cookieOf(res) }, undefined, {
        'x-forwarded-proto': 'https',
        'x-forwarded-for': '198.51.100.23',
      }),
    ).items;
    expect(trail.find((x) => x.action === 'login')?.address).toBe('198.51.100.23');
  });

  it('without it, ignores the forwarded headers: no Secure cookie, no HSTS over HTTP', async () => {
    const a = await start();
    const res = await signupVia(a, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.23',
      origin: ORIGIN,
    });
    expect(res.statusCode).toBe(201);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses a cookie request from the same host under another scheme (cross-site)', async () => {
    const a = await start({ trustProxy: true });
    const secure = { 'x-forwarded-proto': 'https' };
    const ana = { cookie: cookieOf(await signupVia(a, { ...secure, origin: `https://${HOST}` })) };
    const plain = await call(
      a,
      'POST',
      '/api/assessments',
      ana,
      { answers: ANSWERS },
      {
        ...secure,
        origin: `http://${HOST}`,
      },
    );
    expect(plain.statusCode).toBe(403);
    expect(json(plain).type).toMatch(/cross-site$/);
    const same = await call(
      a,
      'POST',
      '/api/assessments',
      ana,
      { answers: ANSWERS },
      {
        ...secure,
        origin: `https://${HOST}`,
      },
    );
    expect(same.statusCode).toBe(201);
  });
});

describe('every error is a problem with the request id', () => {
  const cases: [string, InjectOptions][] = [
    ['an unknown API route (404)', { method: 'GET', url: '/api/nothing-here' }],
    ['an unknown page (404)', { method: 'GET', url: '/no/such/page' }],
    [
      'a body too large (413)',
      {
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@b.org', password: 'x'.repeat(70_000) }),
      },
    ],
    [
      'a body of an unsupported type (415)',
      {
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'text/xml' },
        payload: '<login/>',
      },
    ],
    [
      'a body that is not JSON (400)',
      {
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": ',
      },
    ],
    ['a URL that cannot be decoded (400)', { method: 'GET', url: '/api/assessments/%zz' }],
  ];

  it.each(cases)('%s', async (_name, request) => {
    const a = await start();
    const res = await a.inject({
      ...request,
      headers: { host: HOST, origin: ORIGIN, ...request.headers },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = json<{ status: number; type: string; requestId: string }>(res);
    expect(body.status).toBe(res.statusCode);
    expect(body.requestId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toMatch(/\n\s+at |node_modules/);
  });
});

describe('text no store could keep is refused at the edge, the same for every store', () => {
  it.each([
    ['a NUL in a cursor', 'GET', '/api/assessments?cursor=abc%00def', undefined],
    ['a NUL in an id', 'GET', '/api/assessments/abc%00def', undefined],
    [
      'a NUL in a body',
      'POST',
      '/api/sessions',
      {
        entries: [
          { exerciseId: 'glute\u0000bridge', done: {}, painSharper: false, painSpread: false },
        ],
      },
    ],
    [
      'a lone surrogate in a body',
      'POST',
      '/api/sessions',
      {
        entries: [
          { exerciseId: 'glute\ud800bridge', done: {}, painSharper: false, painSpread: false },
        ],
      },
    ],
  ])('%s is a 400 validation problem', async (_name, method, url, body) => {
    const a = await start();
    const ana = await signUp(a, 'ana@example.org');
    const res = await call(a, method, url, ana, body);
    expect(res.statusCode).toBe(400);
    expect(json(res).type).toMatch(/\/validation$/);
  });
});

describe('breached passwords', () => {
  it.each(['password12', 'iloveyou12', 'qwertyuiop', 'Password12'])('refuses %s', (password) => {
    expect(passwordProblem(password, 'ana@example.org')).toMatch(/commonly used/);
  });
  it.each(['correct horse battery', 'a brand new passphrase'])('accepts %s', (password) => {
    expect(passwordProblem(password, 'ana@example.org')).toBeUndefined();
  });
});
