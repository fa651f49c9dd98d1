// Fuzzing every route through the real HTTP stack, on SQLite and (with DATABASE_URL) PostgreSQL: fast-check
// picks a route, a caller, a path id, a query and a body — a valid body, a mutation of one (a field dropped,
// replaced by any JSON, text with NUL or lone surrogates, an unknown field) or arbitrary JSON or bytes — and
// every answer must be below 500, a problem+json when it is an error, and free of stack traces and SQL.
// `npm test` runs a few thousand cases; `npm run fuzz` runs FUZZ_RUNS (100,000) of them.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../src/kb/index.js';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/types.js';
import { ANSWERS, NO_WARNING_SIGNS } from './fixtures.js';

const url = process.env.DATABASE_URL;
/** Cases in all, shared between the stores that run. */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 2400);

const pgSchema = `fuzz_${randomBytes(6).toString('hex')}`;
const backends = [
  {
    name: 'SQLite',
    skip: false,
    open: () => openStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-fuzz-')) }),
    drop: () => Promise.resolve(),
  },
  {
    name: 'PostgreSQL',
    skip: !url,
    open: () => openStore({ databaseUrl: url, pgSchema }),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${pgSchema}" cascade`);
      await client.end();
    },
  },
];
const running = backends.filter((b) => !b.skip).length;
const RUNS = Math.max(1, Math.floor(TOTAL_RUNS / running));

/** Valid bodies to mutate, by route. */
const ENTRY = {
  exerciseId: 'abdominal-brace',
  done: { sets: 1, reps: 10, holdSeconds: 10, sides: 'both' },
  tooEasy: false,
  painSharper: false,
  painSpread: false,
};
const VALID: Record<string, unknown> = {
  'POST /api/auth/signup': { email: 'fuzz.new@example.org', password: 'correct horse battery' },
  'POST /api/auth/login': { email: 'fuzz0@example.org', password: 'correct horse battery' },
  'POST /api/auth/password': {
    currentPassword: 'not the password',
    newPassword: 'a brand new passphrase',
  },
  'POST /api/auth/tokens': { name: 'fuzz', scopes: ['read', 'write'], expiresInDays: 30 },
  'POST /api/assessments': { answers: ANSWERS, clientId: 'fuzz-assessment-01' },
  'POST /api/sessions': { date: '2026-11-02', entries: [ENTRY], clientId: 'fuzz-session-01' },
  'POST /api/checkins': {
    date: '2026-11-02',
    painNow: 3,
    painAreas: ['lower-back'],
    legSide: 'none',
    warningSigns: NO_WARNING_SIGNS,
    sittingHours: 6,
    walkingBreaks: 2,
    clientId: 'fuzz-checkin-01',
  },
  'POST /api/measurements': {
    date: '2026-11-02',
    kind: 'slr-angle',
    side: 'left',
    value: 60,
    clientId: 'fuzz-measure-01',
  },
};

/** Query strings that routes read. */
const QUERIES: Record<string, fc.Arbitrary<Record<string, unknown>>> = {};

/** Text that databases treat differently: NUL, lone surrogates, very long, odd Unicode, SQL-looking. */
const nastyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    "'; drop table users; --",
    '%00',
    '../../etc/passwd',
    '\u202e',
    'x'.repeat(70_000),
  ),
);
const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nastyText, fc.constant(undefined));

/** Every path into a JSON value (object keys and list positions). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      [...prefix, k],
      ...pathsOf(v, [...prefix, k]),
    ]);
  }
  return [];
}

function changed(value: unknown, at: (string | number)[], to: unknown, drop: boolean): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let here: Record<string | number, unknown> = copy;
  for (const key of at.slice(0, -1)) here = here[key] as Record<string | number, unknown>;
  const last = at.at(-1);
  if (last === undefined) return to;
  if (drop) {
    if (Array.isArray(here) && typeof last === 'number') here.splice(last, 1);
    else Reflect.deleteProperty(here, last);
  } else {
    here[last] = to;
  }
  return copy;
}

/** A body for a route: valid, mutated, or anything at all. */
function bodyFor(
  route: string,
): fc.Arbitrary<{ kind: 'json'; value: unknown } | { kind: 'raw'; text: string; type: string }> {
  const valid = VALID[route];
  const json = (a: fc.Arbitrary<unknown>) => a.map((value) => ({ kind: 'json' as const, value }));
  const raw = fc.record({
    kind: fc.constant('raw' as const),
    text: fc.oneof(fc.string(), fc.constantFrom('{', '{"a":', '[1,2', 'null', '', '\u0000')),
    type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
  });
  if (valid === undefined) return fc.oneof(json(fc.constant(undefined)), json(anyJson), raw);
  // A fresh client id, so valid writes are stored (201) and not only answered as repeats (200).
  const fresh =
    valid !== null && typeof valid === 'object' && 'clientId' in valid
      ? fc
          .stringMatching(/^[A-Za-z0-9_-]{8,24}$/)
          .map((clientId) => ({ ...(valid as object), clientId }))
      : fc.constant(valid);
  const paths = pathsOf(valid);
  const mutated = fc
    .record({
      at: fc.nat({ max: paths.length - 1 }),
      to: anyJson,
      drop: fc.boolean(),
    })
    .map(({ at, to, drop }) => changed(valid, paths[at] ?? [], to, drop));
  const extra = fc
    .tuple(fc.string({ maxLength: 12 }), anyJson)
    .map(([k, v]) => ({ ...(valid as object), [k]: v }));
  return fc.oneof(
    { weight: 1, arbitrary: json(fc.constant(valid)) },
    { weight: 2, arbitrary: json(fresh) },
    { weight: 6, arbitrary: json(mutated) },
    { weight: 1, arbitrary: json(extra) },
    { weight: 1, arbitrary: json(anyJson) },
    { weight: 1, arbitrary: raw },
  );
}

const pageQuery = fc.record(
  {
    limit: fc.oneof(fc.integer({ min: -5, max: 600 }), nastyText),
    cursor: fc.oneof(nastyText, fc.constant('0'.repeat(26))),
  },
  { requiredKeys: [] },
);
for (const route of [
  'GET /api/assessments',
  'GET /api/programmes',
  'GET /api/sessions',
  'GET /api/checkins',
  'GET /api/measurements',
  'GET /api/audit',
]) {
  QUERIES[route] = pageQuery;
}
QUERIES['GET /api/export'] = fc.record(
  { format: fc.oneof(fc.constantFrom('fhir', 'json', 'csv'), nastyText) },
  { requiredKeys: [] },
);
QUERIES['GET /api/today'] = fc.record(
  { date: fc.oneof(fc.constant('2026-11-02'), nastyText) },
  { requiredKeys: [] },
);

/** Percent-encodes any string, lone surrogates included (as bytes no UTF-8 decoder accepts). */
function encode(text: string): string {
  return text.replace(/[\s\S]/gu, (ch) =>
    ch.length === 1 && ch >= '\ud800' && ch <= '\udfff' ? '%ED%A0%80' : encodeURIComponent(ch),
  );
}

function queryString(q: Record<string, unknown>): string {
  const parts = Object.entries(q).map(
    ([k, v]) => `${encode(k)}=${encode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
  );
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

const STACK = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/;
const SQL =
  /\b(select\s.+\sfrom|insert into|delete from|update \w+ set)\b|SQLITE_|sqlite3|syntax error|violates|relation "|pg_|kysely/i;

for (const backend of backends) {
  describe.skipIf(backend.skip)(
    `fuzzing every route over HTTP (${backend.name}${backend.skip ? ': SKIPPED, DATABASE_URL is not set' : ''})`,
    () => {
      let store: Store | undefined;
      let close: (() => Promise<void>) | undefined;
      afterAll(async () => {
        await close?.();
        await store?.close();
        await backend.drop();
      });

      it(
        `answers ${RUNS} random requests without a 5xx, a stack trace or SQL`,
        async () => {
          store = await backend.open();
          // Sign-ups are not limited here: the fuzz makes a new person now and then.
          const app = await buildApp({
            store,
            kb: knowledgeBase,
            loginLimits: { signupsPerAddress: 1_000_000 },
          });
          close = () => app.close();
          const base = await app.listen({ port: 0, host: '127.0.0.1' });
          const origin = base;
          const jsonHeaders = { 'content-type': 'application/json', origin };

          // The person the fuzz acts as: a session, a token, an assessment. A new one every 500
          // requests, so no record grows so large that exports slow the run down.
          let cookie = '';
          let token = '';
          let assessmentId = '';
          const newToken = async () => {
            const res = await fetch(`${base}/api/auth/tokens`, {
              method: 'POST',
              headers: { ...jsonHeaders, cookie },
              body: '{}',
            });
            return ((await res.json()) as { token: string }).token;
          };
          const newPerson = async (n: number) => {
            const signup = await fetch(`${base}/api/auth/signup`, {
              method: 'POST',
              headers: jsonHeaders,
              body: JSON.stringify({
                email: `fuzz${n}@example.org`,
                password: 'correct horse battery',
              }),
            });
            expect(signup.status).toBe(201);
            cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
            token = await newToken();
            const made = await fetch(`${base}/api/assessments`, {
              method: 'POST',
              headers: { ...jsonHeaders, cookie },
              body: JSON.stringify({ answers: ANSWERS }),
            });
            assessmentId = ((await made.json()) as { id: string }).id;
          };
          await newPerson(0);

          // Every route the app has, so a route added later is fuzzed too.
          const routes: { method: string; path: string }[] = [];
          for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
            const m = /(\/api\/\S*) \(([A-Z, ]+)\)/.exec(line);
            if (!m?.[1] || !m[2]) continue;
            for (const method of m[2].split(', ')) {
              if (method !== 'HEAD') routes.push({ method, path: m[1] });
            }
          }
          expect(routes.length).toBeGreaterThan(20);
          // Changes that would end the fuzz's own account or session are fuzzed without them.
          const ACCOUNT_ENDING = new Set([
            'DELETE /api/me',
            'POST /api/auth/logout',
            'POST /api/auth/password',
          ]);

          const request = fc.record({
            route: fc.constantFrom(...routes),
            caller: fc.oneof(
              { weight: 4, arbitrary: fc.constant('cookie') },
              { weight: 3, arbitrary: fc.constant('token') },
              { weight: 1, arbitrary: fc.constant('none') },
              { weight: 1, arbitrary: fc.constant('bad-token') },
            ),
            id: fc.oneof(fc.constant(null), nastyText),
            query: fc.nat(),
            seed: fc.nat(),
          });

          let count = 0;
          await fc.assert(
            fc.asyncProperty(request, fc.context(), async (r, log) => {
              if (count > 0 && count % 500 === 0) await newPerson(count);
              const name = `${r.route.method} ${r.route.path}`;
              const id = r.id ?? assessmentId;
              const [body] = fc.sample(bodyFor(name), { numRuns: 1, seed: r.seed });
              const queryArb = QUERIES[name];
              const [query] = queryArb ? fc.sample(queryArb, { numRuns: 1, seed: r.query }) : [{}];
              let caller = r.caller;
              if (ACCOUNT_ENDING.has(name) && caller === 'cookie') caller = 'none';
              const headers: Record<string, string> = { origin };
              if (caller === 'cookie') headers.cookie = cookie;
              if (caller === 'token') headers.authorization = `Bearer ${token}`;
              if (caller === 'bad-token') headers.authorization = `Bearer ${encode(id)}`;
              let payload: string | undefined;
              if (r.route.method !== 'GET' && body) {
                if (body.kind === 'raw') {
                  headers['content-type'] = body.type;
                  payload = body.text;
                } else if (body.value !== undefined) {
                  headers['content-type'] = 'application/json';
                  payload = JSON.stringify(body.value);
                }
              }
              const target = `${r.route.path.replace(':id', encode(id))}${queryString(query ?? {})}`;
              log.log(
                `${r.route.method} ${target} as ${caller} with ${String(payload).slice(0, 300)}`,
              );
              const res = await fetch(`${base}${target}`, {
                method: r.route.method,
                headers,
                body: payload,
              });
              const text = await res.text();
              count += 1;
              if (name === 'POST /api/auth/logout' && caller === 'token' && res.status === 204) {
                token = await newToken();
              }
              expect(res.status, text.slice(0, 500)).toBeLessThan(500);
              expect(text).not.toMatch(STACK);
              if (res.status >= 400) {
                expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
                expect(text).not.toMatch(SQL);
                expect((JSON.parse(text) as { requestId?: string }).requestId).toBe(
                  res.headers.get('x-request-id'),
                );
              }
            }),
            { numRuns: RUNS },
          );
          expect(count).toBe(RUNS);
        },
        60_000 + RUNS * 50,
      );
    },
  );
}
