// `backchain serve` killed with SIGKILL (kill -9): nothing it acknowledged is lost, and an export it answered
// left its audit row (the row is stored before the export is sent). On SQLite, and on PostgreSQL when
// DATABASE_URL is set (in a database of its own, dropped afterwards). Kills happen on events (so many
// answers received), never after a delay.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, NO_WARNING_SIGNS } from './http.js';
import { client, killAll, startServe, stop, type Server } from './process.js';

const url = process.env.DATABASE_URL;

function withDatabase(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** SIGKILL, resolved once the process is gone. */
function kill9(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.on('exit', () => {
      resolve();
    });
    server.child.kill('SIGKILL');
  });
}

const PASSWORD = 'correct horse battery';

interface Backend {
  name: string;
  skip: boolean;
  env: () => Record<string, string | undefined>;
}

const dbName = `backchain_crash_${process.pid}_${Date.now().toString(36)}`;
let admin: pg.Client | undefined;

const backends: Backend[] = [
  // One account is loaded far past the per-person write limits on purpose: they are off here.
  { name: 'SQLite', skip: false, env: () => ({ BACKCHAIN_WRITE_LIMITS: 'off' }) },
  {
    name: 'PostgreSQL',
    skip: !url,
    env: () => ({ DATABASE_URL: withDatabase(url ?? '', dbName), BACKCHAIN_WRITE_LIMITS: 'off' }),
  },
];

beforeAll(async () => {
  if (!url) return;
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
});

afterAll(async () => {
  killAll();
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
});

for (const backend of backends) {
  describe.skipIf(backend.skip)(
    `kill -9 of backchain serve (${backend.name}${backend.skip ? ': SKIPPED, DATABASE_URL is not set' : ''})`,
    () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-crash-'));

      it('finds the audit row of an export answered just before the kill', async () => {
        const email = `export.${Date.now().toString(36)}@example.org`;
        let server = await startServe(dataDir, backend.env());
        const ana = client(server.base);
        expect(
          (await ana.send('POST', '/api/auth/signup', { email, password: PASSWORD })).status,
        ).toBe(201);
        expect((await ana.send('POST', '/api/assessments', { answers: ANSWERS })).status).toBe(201);
        const formats = ['fhir', 'json', 'csv'];
        for (const format of formats) {
          const res = await fetch(`${server.base}/api/export?format=${format}`, {
            headers: { cookie: (await cookieOf(server.base, email)) ?? '' },
          });
          expect(res.status).toBe(200);
          // The export's answer has begun: kill at once, before the body is even read.
          await kill9(server);
          await res.text().catch(() => '');
          server = await startServe(dataDir, backend.env());
        }
        const again = client(server.base);
        expect(
          (await again.send('POST', '/api/auth/login', { email, password: PASSWORD })).status,
        ).toBe(200);
        const trail = (await again.send('GET', '/api/audit?limit=500')).body.items as {
          action: string;
          resource: string;
          outcome: string;
          credentialKind: string;
        }[];
        for (const format of formats) {
          expect(
            trail.filter(
              (x) => x.action === 'export' && x.resource === `/api/export?format=${format}`,
            ),
            format,
          ).toHaveLength(1);
        }
        expect(await stop(server)).toBe(0);
      });

      it('loses no acknowledged write when killed under write load', async () => {
        const email = `load.${Date.now().toString(36)}@example.org`;
        let server = await startServe(dataDir, backend.env());
        const ana = client(server.base);
        await ana.send('POST', '/api/auth/signup', { email, password: PASSWORD });
        await ana.send('POST', '/api/assessments', { answers: ANSWERS });
        const acknowledged: string[] = [];
        const rounds = backend.name === 'SQLite' ? 3 : 2;
        for (let round = 0; round < rounds; round++) {
          const cookie = (await cookieOf(server.base, email)) ?? '';
          const base = server.base;
          let killing: Promise<void> | undefined;
          const target = acknowledged.length + 30;
          /** One writer: check-ins one after another until the server is gone. */
          const writer = async (w: number) => {
            for (let i = 0; ; i++) {
              const clientId = `crash-${round}-${w}-${i}-xxxx`;
              let res: Response;
              try {
                res = await fetch(`${base}/api/checkins`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', cookie, origin: base },
                  body: JSON.stringify({
                    clientId,
                    painNow: i % 10,
                    painAreas: ['lower-back'],
                    legSide: 'none',
                    warningSigns: NO_WARNING_SIGNS,
                  }),
                });
              } catch {
                return; // the server is gone
              }
              if (res.status !== 201) return;
              acknowledged.push(clientId);
              if (acknowledged.length >= target) killing ??= kill9(server);
            }
          };
          await Promise.all([0, 1, 2, 3, 4, 5].map(writer));
          await killing;
          server = await startServe(dataDir, backend.env());
        }
        const again = client(server.base);
        await again.send('POST', '/api/auth/login', { email, password: PASSWORD });
        const stored = new Set<string>();
        let cursor: string | null = null;
        do {
          const page = await again.send(
            'GET',
            `/api/checkins?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
          );
          for (const c of page.body.items as { clientId: string }[]) stored.add(c.clientId);
          cursor = page.body.nextCursor as string | null;
        } while (cursor);
        expect(acknowledged.length).toBeGreaterThanOrEqual(30 * rounds);
        expect(acknowledged.filter((id) => !stored.has(id))).toStrictEqual([]);
        expect(await stop(server)).toBe(0);
      }, 60_000);
    },
  );
}

/** Logs in and returns the session cookie. */
async function cookieOf(base: string, email: string): Promise<string | undefined> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}
