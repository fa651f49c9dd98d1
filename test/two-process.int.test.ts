// Two `backchain serve` processes on one PostgreSQL database: a session made on one works on the other,
// and concurrent writes through both lose nothing. Runs in a database of its own, dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, NO_WARNING_SIGNS } from './http.js';
import { client, killAll, startServe, stop, type Server } from './process.js';

const url = process.env.DATABASE_URL;
const dbName = `backchain_two_${process.pid}_${Date.now().toString(36)}`;

function withDatabase(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

describe.skipIf(!url)(
  'two server processes on one PostgreSQL (skipped: DATABASE_URL is not set)',
  () => {
    let admin: pg.Client;
    let one: Server;
    let two: Server;

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${dbName}`);
      // 200 sessions of one person at once is past the per-person write limits on purpose: off here.
      const env = { DATABASE_URL: withDatabase(url ?? '', dbName), BACKCHAIN_WRITE_LIMITS: 'off' };
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-two-'));
      // Both start at once: the migrations must cope with a race.
      [one, two] = await Promise.all([startServe(dataDir, env), startServe(dataDir, env)]);
    }, 60_000);

    afterAll(async () => {
      if (one) await stop(one);
      if (two) await stop(two);
      killAll();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    });

    it('reports the postgres store on both', async () => {
      for (const s of [one, two]) {
        expect(await (await fetch(`${s.base}/api/health`)).json()).toMatchObject({
          store: 'postgres',
        });
      }
    });

    it('accepts a session made on one process on the other', async () => {
      const a = client(one.base);
      expect(
        (
          await a.send('POST', '/api/auth/signup', {
            email: 'ana@example.org',
            password: 'correct horse battery',
          })
        ).status,
      ).toBe(201);
      // A cookie from process one, presented to process two: the session lives in the database, not in memory.
      const cookie = await sessionCookie(one.base);
      expect((await fetch(`${two.base}/api/me`, { headers: { cookie } })).status).toBe(200);
      // Logging out on two ends it on one.
      const out = await fetch(`${two.base}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, origin: two.base },
      });
      expect(out.status).toBe(204);
      expect((await fetch(`${one.base}/api/me`, { headers: { cookie } })).status).toBe(401);
    });

    it('loses nothing when both processes take writes at the same time', async () => {
      const email = 'ben@example.org';
      const viaOne = client(one.base);
      await viaOne.send('POST', '/api/auth/signup', { email, password: 'correct horse battery' });
      await viaOne.send('POST', '/api/assessments', { answers: ANSWERS });
      const viaTwo = client(two.base);
      await viaTwo.send('POST', '/api/auth/login', { email, password: 'correct horse battery' });
      const checkin = (i: number) => ({
        date: `2026-11-${String((i % 28) + 1).padStart(2, '0')}`,
        painNow: i % 7,
        painAreas: ['lower-back'],
        legSide: 'none',
        warningSigns: NO_WARNING_SIGNS,
      });
      const session = {
        entries: [
          {
            exerciseId: 'abdominal-brace',
            done: {},
            felt: 'same',
            painSharper: false,
            painSpread: false,
          },
        ],
      };
      const writes = [];
      for (let i = 0; i < 20; i++) {
        const via = i % 2 === 0 ? viaOne : viaTwo;
        writes.push(
          via.send('POST', '/api/checkins', checkin(i)),
          via.send('POST', '/api/sessions', session),
        );
      }
      const results = await Promise.all(writes);
      expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
      const checkins = await viaTwo.send('GET', '/api/checkins?limit=500');
      const sessions = await viaOne.send('GET', '/api/sessions?limit=500');
      expect(checkins.body.items).toHaveLength(20);
      expect(sessions.body.items).toHaveLength(20);
    });

    it('stores all of 200 sessions one person sends at once through both processes: they queue, none is refused', async () => {
      const email = 'cy@example.org';
      const viaOne = client(one.base);
      await viaOne.send('POST', '/api/auth/signup', { email, password: 'correct horse battery' });
      await viaOne.send('POST', '/api/assessments', { answers: ANSWERS });
      const viaTwo = client(two.base);
      await viaTwo.send('POST', '/api/auth/login', { email, password: 'correct horse battery' });
      const session = (i: number) => ({
        clientId: `outbox-${String(i).padStart(4, '0')}`,
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
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 === 0 ? viaOne : viaTwo).send('POST', '/api/sessions', session(i)),
        ),
      );
      expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toStrictEqual([]);
      const stored = await viaTwo.send('GET', '/api/sessions?limit=500');
      expect(stored.body.items).toHaveLength(200);
    }, 60_000);
  },
);

/** Logs in on a process and returns the raw cookie, to present it to the other process. */
async function sessionCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'ana@example.org', password: 'correct horse battery' }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}
