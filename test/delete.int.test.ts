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
import { ANSWERS, call, makeApp, NO_WARNING_SIGNS, signUp, type TestApp } from './http.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  await t?.store.close();
});

/** Rows per table that belong to a person: by user_id, by id for users, by account for login limits. */
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
      let arg: string;
      if (columns.includes('user_id'))
        [sql, arg] = [`SELECT count(*) AS n FROM ${name} WHERE user_id = ?`, userId];
      else if (name === 'users')
        [sql, arg] = [`SELECT count(*) AS n FROM ${name} WHERE id = ?`, userId];
      else if (columns.includes('account'))
        [sql, arg] = [`SELECT count(*) AS n FROM ${name} WHERE account = ?`, email];
      else throw new Error(`table ${name} has no column that says whose row it is`);
      counts[name] = (db.prepare(sql).get(arg) as { n: number }).n;
    }
    return counts;
  } finally {
    db.close();
  }
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
      await call(app, 'GET', '/api/export?format=fhir', who);
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
    for (const [table, n] of Object.entries(before)) expect(n, table).toBeGreaterThan(0);
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
});
