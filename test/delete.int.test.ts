// Deleting an account removes every row of that person: counted straight from the SQLite file, table by table,
// so a table added later is covered without changing this test; and nothing of it can be read back from the
// file's bytes afterwards (secure_delete, the WAL checkpointed). What stays is the erasure record alone.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import {
  ANSWERS,
  call,
  cookieOf,
  makeApp,
  NO_WARNING_SIGNS,
  signUp,
  type Caller,
  type TestApp,
} from './http.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  await t?.store.close();
});

/**
 * Rows per table that belong to an account: by user_id (a person's record, their links included), by
 * clinician_id or used_by (a clinician's invitations and sign-up code), by id for users, by account for
 * login limits.
 */
function countRows(file: string, userId: string, email: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'erasures')",
      )
      .all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const columns = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      let sql: string;
      let arg: string | string[];
      if (columns.includes('user_id'))
        [sql, arg] = [`SELECT count(*) AS n FROM ${name} WHERE user_id = ?`, userId];
      else if (columns.includes('clinician_id'))
        [sql, arg] = [`SELECT count(*) AS n FROM ${name} WHERE clinician_id = ?`, userId];
      else if (columns.includes('used_by'))
        [sql, arg] = [`SELECT count(*) AS n FROM ${name} WHERE used_by = ?`, userId];
      else if (name === 'users')
        [sql, arg] = [`SELECT count(*) AS n FROM ${name} WHERE id = ?`, userId];
      else if (columns.includes('account'))
        [sql, arg] = [
          `SELECT count(*) AS n FROM ${name} WHERE account IN (?, ?)`,
          // Limiter rows name the account by email (logins) or by id (invitation lookups).
          [email, userId],
        ];
      else throw new Error(`table ${name} has no column that says whose row it is`);
      counts[name] = (db.prepare(sql).get(...[arg].flat()) as { n: number }).n;
    }
    return counts;
  } finally {
    db.close();
  }
}

/** Tables whose rows belong to a clinician's account (a person has none). */
const CLINICIAN_TABLES = ['invitations', 'clinician_codes'];

async function signUpClinician(app: TestApp['app'], email: string): Promise<Caller> {
  const res = await call(
    app,
    'POST',
    '/api/auth/signup',
    {},
    {
      email,
      password: 'correct horse battery',
      role: 'clinician',
      displayName: 'Cora Lee, physio',
    },
  );
  if (res.statusCode !== 201) throw new Error(`clinician signup failed: ${res.body}`);
  return { cookie: cookieOf(res) };
}

/**
 * The clinician invites the person, who accepts; the clinician adds a note to an exercise (a
 * programme version) and asks for a pain score, which the person gives: a row in every table of
 * the clinician side.
 */
async function linkAndFollow(app: TestApp['app'], clinician: Caller, person: Caller) {
  const personId = (await call(app, 'GET', '/api/me', person)).json<{ id: string }>().id;
  const invited = await call(app, 'POST', '/api/clinician/invitations', clinician);
  const { code } = invited.json<{ code: string }>();
  expect((await call(app, 'POST', `/api/invitations/${code}/accept`, person)).statusCode).toBe(201);
  const people = `/api/clinician/people/${personId}`;
  const changed = await call(app, 'POST', `${people}/programme/changes`, clinician, {
    basedOn: 1,
    changes: [{ op: 'note', exerciseId: 'abdominal-brace', note: 'Breathe out as you brace.' }],
  });
  expect(changed.statusCode, changed.body).toBe(201);
  const asked = await call(app, 'POST', `${people}/outcomes/schedule`, clinician, {
    instrument: 'pain-nrs',
    dueDate: '2026-11-02',
  });
  expect(asked.statusCode, asked.body).toBe(201);
  const scheduleId = asked.json<{ id: string }>().id;
  const given = await call(app, 'POST', '/api/outcomes', person, {
    answers: { instrument: 'pain-nrs', value: 3 },
    scheduleId,
  });
  expect(given.statusCode, given.body).toBe(201);
}

describe('account deletion on SQLite', () => {
  it('removes every row of the person and nothing of anyone else', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-delete-'));
    const store = await openStore({ dataDir });
    t = await makeApp(store);
    const { app } = t;
    const file = path.join(dataDir, 'backchain.sqlite');

    const ana = await signUp(app, 'ana@example.org');
    const ben = await signUp(app, 'ben@example.org');
    const cora = await signUpClinician(app, 'cora@example.org');
    for (const who of [ana, ben]) {
      await call(app, 'POST', '/api/assessments', who, { answers: ANSWERS });
      await call(app, 'POST', '/api/sessions', who, {
        entries: [
          {
            exerciseId: 'abdominal-brace',
            done: {},
            felt: 'same',
            painSharper: false,
            painSpread: false,
          },
        ],
      });
      await call(app, 'POST', '/api/checkins', who, {
        painNow: 3,
        painAreas: ['lower-back'],
        legSide: 'none',
        warningSigns: NO_WARNING_SIGNS,
      });
      await call(app, 'POST', '/api/measurements', who, {
        kind: 'slr-angle',
        side: 'right',
        value: 70,
      });
      await call(app, 'POST', '/api/auth/tokens', who);
      await linkAndFollow(app, cora, who);
      await call(app, 'GET', '/api/export?format=fhir', who);
      // Read as if weeks later, progress keeps a summary of the older days (progress_history).
      await call(app, 'GET', '/api/progress?date=2026-11-30', who);
    }
    await call(
      app,
      'POST',
      '/api/auth/login',
      {},
      { email: 'ana@example.org', password: 'wrong password' },
    );
    const ids = await Promise.all(
      [ana, ben].map(
        async (who) => (await call(app, 'GET', '/api/me', who)).json<{ id: string }>().id,
      ),
    );
    const [anaId, benId] = ids as [string, string];

    const before = countRows(file, anaId, 'ana@example.org');
    const benBefore = countRows(file, benId, 'ben@example.org');
    // Ana has a row in every table but the clinician's own ones, so every table is tested below.
    for (const [table, n] of Object.entries(before)) {
      if (CLINICIAN_TABLES.includes(table)) expect(n, table).toBe(0);
      else expect(n, table).toBeGreaterThan(0);
    }
    const assessmentId = (await call(app, 'GET', '/api/assessments', ana)).json<{
      items: { id: string }[];
    }>().items[0]?.id;
    if (!assessmentId) throw new Error('ana has an assessment');

    expect((await call(app, 'DELETE', '/api/me', ana)).statusCode).toBe(204);

    const after = countRows(file, anaId, 'ana@example.org');
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [table, n] of Object.entries(after)) expect(n, table).toBe(0);
    expect(countRows(file, benId, 'ben@example.org')).toEqual(benBefore);

    // Only the erasure record stays: a one-way hash of the id, and when; no email, no health data.
    const db = new Database(file, { readonly: true });
    const erasures = db.prepare('SELECT * FROM erasures').all() as Record<string, string>[];
    db.close();
    expect(erasures).toHaveLength(1);
    expect(erasures[0]?.subject_hash).toBe(
      createHash('sha256').update(`backchain-erasure:${anaId}`).digest('hex'),
    );
    expect(Object.keys(erasures[0] ?? {}).sort()).toEqual([
      'at',
      'id',
      'requested_by',
      'subject_hash',
    ]);

    // Nothing of Ana can be read back from the database's bytes (nor its WAL): deleted rows were
    // overwritten, not just unlinked.
    await t?.app.close();
    const raw = Buffer.concat(
      [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)),
    );
    for (const secret of ['ana@example.org', anaId, assessmentId]) {
      expect(raw.includes(Buffer.from(secret)), secret).toBe(false);
    }
    // Ben's are still there, so the search would have found them.
    expect(raw.includes(Buffer.from('ben@example.org'))).toBe(true);
    expect(raw.includes(Buffer.from(benId))).toBe(true);
  });
  it("removes a clinician's invitations, and ends their links without touching their people's records", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-delete-'));
    const store = await openStore({ dataDir });
    t = await makeApp(store);
    const { app } = t;
    const file = path.join(dataDir, 'backchain.sqlite');

    const ana = await signUp(app, 'ana@example.org');
    const cora = await signUpClinician(app, 'cora@example.org');
    await call(app, 'POST', '/api/assessments', ana, { answers: ANSWERS });
    await linkAndFollow(app, cora, ana);
    await call(app, 'POST', '/api/clinician/invitations', cora);
    const [anaId, coraId] = (await Promise.all(
      [ana, cora].map(
        async (who) => (await call(app, 'GET', '/api/me', who)).json<{ id: string }>().id,
      ),
    )) as [string, string];
    expect(countRows(file, coraId, 'cora@example.org').invitations).toBe(2);
    const anaBefore = countRows(file, anaId, 'ana@example.org');

    expect((await call(app, 'DELETE', '/api/me', cora)).statusCode).toBe(204);

    for (const [table, n] of Object.entries(countRows(file, coraId, 'cora@example.org'))) {
      expect(n, table).toBe(0);
    }
    // Ana keeps everything, her link included: ended, so she still sees who could see her record.
    expect(countRows(file, anaId, 'ana@example.org')).toEqual(anaBefore);
    const links = (await call(app, 'GET', '/api/links', ana)).json<{
      items: { status: string; endedBy: string | null }[];
    }>().items;
    expect(links).toMatchObject([{ status: 'ended', endedBy: 'clinician' }]);
  });
});
