// Parallel wrong guesses on one account get no more passwords checked than the limit, on SQLite and on
// PostgreSQL through two app instances with their own pools (as two server processes would): the attempt
// is counted in the database, atomically, before any hash is checked. Counts only, no timing.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../src/kb/index.js';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/types.js';
import { HOST, ORIGIN } from './http.js';

const url = process.env.DATABASE_URL;
const schema = `guess_${randomBytes(6).toString('hex')}`;

const backends = [
  {
    name: 'SQLite',
    skip: false,
    async open(): Promise<Store[]> {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-guess-'));
      return [await openStore({ dataDir })];
    },
  },
  {
    name: 'PostgreSQL, two app instances',
    skip: !url,
    async open(): Promise<Store[]> {
      const first = await openStore({ databaseUrl: url, pgSchema: schema });
      return [first, await openStore({ databaseUrl: url, pgSchema: schema })];
    },
  },
];

afterAll(async () => {
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

const guess = (app: FastifyInstance, email: string, password: string, remoteAddress: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers: { host: HOST, origin: ORIGIN },
    payload: { email, password },
  });

for (const backend of backends) {
  describe.skipIf(backend.skip)(
    `parallel login guesses (${backend.name}${backend.skip ? ': SKIPPED, DATABASE_URL is not set' : ''})`,
    () => {
      it('checks at most 5 of 40 wrong passwords for one account from one address, and at most 30 of 80 from one address', async () => {
        const stores = await backend.open();
        const apps = await Promise.all(
          stores.map((store) =>
            buildApp({ store, kb: knowledgeBase, hashing: { concurrency: 2, maxWaiting: 200 } }),
          ),
        );
        try {
          const [first] = apps;
          if (!first) throw new Error('one app at least');
          const email = `victim.${randomBytes(4).toString('hex')}@example.org`;
          const signup = await first.inject({
            method: 'POST',
            url: '/api/auth/signup',
            headers: { host: HOST, origin: ORIGIN },
            payload: { email, password: 'correct horse battery' },
          });
          expect(signup.statusCode).toBe(201);
          const checked = () => apps.reduce((n, a) => n + a.ctx.hasher.stats.verified, 0);

          const onAccount = await Promise.all(
            Array.from({ length: 40 }, (_, i) =>
              guess(apps[i % apps.length] ?? first, email, `wrong guess ${i}`, '203.0.113.5'),
            ),
          );
          expect(checked()).toBeLessThanOrEqual(5);
          expect(onAccount.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
          expect(onAccount.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);

          const before = checked();
          const fromOneAddress = await Promise.all(
            Array.from({ length: 80 }, (_, i) =>
              guess(
                apps[i % apps.length] ?? first,
                `nobody${i}.${randomBytes(3).toString('hex')}@example.org`,
                'wrong password',
                '198.51.100.77',
              ),
            ),
          );
          expect(checked() - before).toBeLessThanOrEqual(30);
          expect(fromOneAddress.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(
            true,
          );

          // The owner, from their own address, is not locked out by any of it.
          const owner = await guess(first, email, 'correct horse battery', '192.0.2.44');
          expect(owner.statusCode).toBe(200);
        } finally {
          for (const a of apps) await a.close();
          for (const s of stores) await s.close();
        }
      });
    },
  );
}
