// Bytes one store cannot keep (a NUL, a lone surrogate) get the same 400 problem from SQLite and PostgreSQL,
// from the one validation at the edge, wherever they are: the cursor, an id in the path, a body.
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
import { ANSWERS, call, cookieOf, json } from './http.js';

const url = process.env.DATABASE_URL;
const schema = `bytes_${randomBytes(6).toString('hex')}`;

const CASES: [string, 'GET' | 'POST', string, unknown][] = [
  ['a NUL in ?cursor=', 'GET', '/api/checkins?cursor=01%00', undefined],
  ['a NUL in an id', 'GET', '/api/assessments/01%00x', undefined],
  [
    'a NUL in a body',
    'POST',
    '/api/measurements',
    { kind: 'toe-touch', value: 1, clientId: 'a\u0000bcdefghi' },
  ],
  [
    'a lone surrogate in a body',
    'POST',
    '/api/sessions',
    { entries: [{ exerciseId: '\ud800', done: {}, painSharper: false, painSpread: false }] },
  ],
];

const answers = new Map<string, unknown[]>();

const backends: { name: string; skip: boolean; open: () => Promise<Store> }[] = [
  {
    name: 'SQLite',
    skip: false,
    open: () => openStore({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bytes-')) }),
  },
  { name: 'PostgreSQL', skip: !url, open: () => openStore({ databaseUrl: url, pgSchema: schema }) },
];

afterAll(async () => {
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

for (const backend of backends) {
  describe.skipIf(backend.skip)(
    `bad bytes on ${backend.name}${backend.skip ? ': SKIPPED, DATABASE_URL is not set' : ''}`,
    () => {
      it.each(CASES)('%s is a 400 validation problem', async (name, method, route, body) => {
        const store = await backend.open();
        const app = await buildApp({ store, kb: knowledgeBase });
        try {
          const signup = await call(
            app,
            'POST',
            '/api/auth/signup',
            {},
            {
              email: `bytes.${randomBytes(4).toString('hex')}@example.org`,
              password: 'correct horse battery',
            },
          );
          const who = { cookie: cookieOf(signup) };
          await call(app, 'POST', '/api/assessments', who, { answers: ANSWERS });
          const res = await call(app, method, route, who, body);
          expect(res.statusCode).toBe(400);
          expect(res.headers['content-type']).toMatch(/problem\+json/);
          const { requestId: _r, ...problem } = json<{ requestId: string }>(res);
          const seen = answers.get(name) ?? [];
          seen.push(problem);
          answers.set(name, seen);
          // The same answer on every store (the first run sets it, the next must match it).
          expect(problem).toStrictEqual(seen[0]);
          expect(problem).toMatchObject({ status: 400 });
          expect((problem as { type?: string }).type).toMatch(/\/validation$/);
        } finally {
          await app.close();
          await store.close();
        }
      });
    },
  );
}
