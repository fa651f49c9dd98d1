// Deleting an account while its writes are on their way leaves nothing behind, on SQLite and PostgreSQL:
// a request whose headers (and credential) arrived before the deletion and whose body arrives after it
// stores nothing, and writers racing a deletion leave 0 rows whose person is gone, in every table.
// Through a real listening server; the only waiting is on events (the body being read), never on time.
import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../src/kb/index.js';
import { buildApp } from '../src/server/app.js';
import { openStore, sqliteFileIn } from '../src/store/open.js';
import type { Store } from '../src/store/types.js';
import { ANSWERS, NO_WARNING_SIGNS } from './fixtures.js';

const url = process.env.DATABASE_URL;

/** Rows whose person is gone, per table: every table with a user_id column is checked. */
type OrphanQuery = () => Promise<Record<string, number>>;

interface Backend {
  name: string;
  skip: boolean;
  open: () => Promise<{ store: Store; orphans: OrphanQuery; done: () => Promise<void> }>;
}

const ORPHANS_SQL = (tables: string[]) =>
  tables
    .map(
      (t) =>
        `select '${t}' as name, count(*) as n from ${t} where not exists (select 1 from users u where u.id = ${t}.user_id)`,
    )
    .join(' union all ');

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-race-'));
      const store = await openStore({ dataDir });
      const file = sqliteFileIn(dataDir);
      const orphans: OrphanQuery = () => {
        const db = new BetterSqlite3(file, { readonly: true });
        try {
          const tables = (
            db
              .prepare(
                "select m.name from sqlite_master m where m.type = 'table' and exists (select 1 from pragma_table_info(m.name) c where c.name = 'user_id')",
              )
              .all() as { name: string }[]
          ).map((r) => r.name);
          expect(tables.length).toBeGreaterThanOrEqual(7);
          const rows = db.prepare(ORPHANS_SQL(tables)).all() as { name: string; n: number }[];
          return Promise.resolve(Object.fromEntries(rows.map((r) => [r.name, r.n])));
        } finally {
          db.close();
        }
      };
      return { store, orphans, done: () => store.close() };
    },
  },
  {
    name: 'PostgreSQL',
    skip: !url,
    async open() {
      const schema = `race_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ databaseUrl: url, pgSchema: schema });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const orphans: OrphanQuery = async () => {
        const tables = (
          await client.query<{ name: string }>(
            "select table_name as name from information_schema.columns where table_schema = $1 and column_name = 'user_id'",
            [schema],
          )
        ).rows.map((r) => `"${schema}".${r.name}`);
        expect(tables.length).toBeGreaterThanOrEqual(7);
        const rows = await client.query<{ name: string; n: string }>(
          ORPHANS_SQL(tables).replaceAll('from users u', `from "${schema}".users u`),
        );
        return Object.fromEntries(rows.rows.map((r) => [r.name, Number(r.n)]));
      };
      return {
        store,
        orphans,
        done: async () => {
          await store.close();
          await client.query(`drop schema if exists "${schema}" cascade`);
          await client.end();
        },
      };
    },
  },
];

/** A listening app whose `bodyWanted` resolves when a request's headers were handled and its body is about to be read. */
async function listen(store: Store) {
  const waiting = new Map<string, () => void>();
  const app = await buildApp({
    store,
    kb: knowledgeBase,
    loginLimits: { signupsPerAddress: 1000 },
    extend: (a) => {
      // preParsing runs after onRequest (the credential is resolved) and before the body is read.
      a.addHook('preParsing', async (request) => {
        const mark = request.headers['x-test-mark'];
        if (typeof mark === 'string') waiting.get(mark)?.();
        await Promise.resolve();
      });
      return Promise.resolve();
    },
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const bodyWanted = (mark: string) =>
    new Promise<void>((resolve) => {
      waiting.set(mark, resolve);
    });
  return { app, base, bodyWanted };
}

interface Person {
  cookie: string;
  token: string;
  id: string;
}

async function person(base: string, label: string): Promise<Person> {
  const email = `${label}.${randomBytes(4).toString('hex')}@example.org`;
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(signup.status).toBe(201);
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const id = ((await signup.json()) as { id: string }).id;
  const made = await fetch(`${base}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, cookie },
    body: JSON.stringify({ name: 'race', scopes: ['read', 'write'] }),
  });
  expect(made.status).toBe(201);
  const { token } = (await made.json()) as { token: string };
  return { cookie, token, id };
}

function post(base: string, who: Person, route: string, body: unknown) {
  return fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
    body: JSON.stringify(body),
  });
}

function deleteAccount(base: string, who: Person) {
  return fetch(`${base}/api/me`, {
    method: 'DELETE',
    headers: { cookie: who.cookie, origin: base },
  });
}

/**
 * Sends a request's headers now and its body when `send` is called; resolves with the status line and body.
 * The test decides when the body goes, so the deletion can happen between the two.
 */
function slowRequest(base: string, route: string, headers: Record<string, string>, body: string) {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  const answered = new Promise<string>((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    socket.on('end', () => {
      resolve(received);
    });
    socket.on('error', reject);
  });
  const head = [
    `POST ${route} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  socket.write(head);
  return {
    // Written, not ended: a half-closed socket may be dropped before the answer is written.
    send: () => socket.write(body),
    answer: async () => {
      const text = await answered;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      return { status, body: text.slice(text.indexOf('\r\n\r\n') + 4) };
    },
  };
}

const SESSION = {
  entries: [{ exerciseId: 'abdominal-brace', done: {}, painSharper: false, painSpread: false }],
};
const CHECKIN = {
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: 'none',
  warningSigns: NO_WARNING_SIGNS,
};

for (const backend of backends) {
  describe.skipIf(backend.skip)(
    `deleting an account while its writes are on their way (${backend.name}${backend.skip ? ': SKIPPED, DATABASE_URL is not set' : ''})`,
    () => {
      const cleanups: (() => Promise<void>)[] = [];
      afterAll(async () => {
        for (const c of cleanups.reverse()) await c();
      });

      async function setUp() {
        const opened = await backend.open();
        const server = await listen(opened.store);
        cleanups.push(opened.done, () => server.app.close());
        return { ...opened, ...server };
      }

      it.each([
        ['/api/assessments', { answers: ANSWERS }],
        ['/api/measurements', { kind: 'slr-angle', side: 'left', value: 55 }],
      ])('a POST %s whose body arrives after the deletion stores nothing', async (route, body) => {
        const { base, bodyWanted, orphans, store } = await setUp();
        const who = await person(base, 'slow');
        const mark = randomBytes(6).toString('hex');
        const headersHandled = bodyWanted(mark);
        const slow = slowRequest(
          base,
          route,
          { authorization: `Bearer ${who.token}`, 'x-test-mark': mark },
          JSON.stringify(body),
        );
        // The credential was checked: the request is the person's, and now waits for its body.
        await headersHandled;
        expect((await deleteAccount(base, who)).status).toBe(204);
        slow.send();
        const answer = await slow.answer();
        expect(answer.status, answer.body).toBe(404);
        expect(JSON.parse(answer.body)).toMatchObject({
          type: 'https://backchain.invalid/problems/account-gone',
        });
        expect(await orphans()).toSatisfy((o: Record<string, number>) =>
          Object.values(o).every((n) => n === 0),
        );
        expect(Object.values(await store.rowCounts(who.id)).every((n) => n === 0)).toBe(true);
      });

      it('writers racing a deletion leave no row whose person is gone, in 10 rounds', async () => {
        const { base, orphans, store } = await setUp();
        for (let round = 0; round < 10; round++) {
          const who = await person(base, `round${round}`);
          expect((await post(base, who, '/api/assessments', { answers: ANSWERS })).status).toBe(
            201,
          );
          const writes = Array.from({ length: 12 }, (_, i) => {
            switch (i % 4) {
              case 0:
                return post(base, who, '/api/assessments', { answers: ANSWERS });
              case 1:
                return post(base, who, '/api/measurements', { kind: 'toe-touch', value: i });
              case 2:
                return post(base, who, '/api/checkins', CHECKIN);
              default:
                return post(base, who, '/api/sessions', SESSION);
            }
          });
          // The deletion goes out in the middle of the writes.
          const all = await Promise.all([
            ...writes.slice(0, 6),
            deleteAccount(base, who),
            ...writes.slice(6),
          ]);
          const deletion = all[6];
          expect(deletion?.status).toBe(204);
          for (const [i, res] of all.entries()) {
            if (i === 6) continue;
            // Stored before the deletion, or refused after it; never a failure.
            expect([200, 201, 401, 404], await res.text()).toContain(res.status);
          }
          const left = await orphans();
          expect(left, `round ${round}`).toSatisfy((o: Record<string, number>) =>
            Object.values(o).every((n) => n === 0),
          );
          expect(Object.values(await store.rowCounts(who.id)).every((n) => n === 0)).toBe(true);
        }
      });
    },
  );
}
