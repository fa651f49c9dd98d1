// The SQLite store on real files: the Store contract, migrations, pragmas, and online backup and restore.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from './migrations.js';
import { backupSqlite, openStore, restoreSqlite, sqliteFileIn } from './open.js';
import { openSqliteConnection, openSqliteStore, type Database } from './sql.js';
import { assessmentPair, newUser, storeContract } from './store.contract.js';
import {
  checkNewerRefused,
  checkOldProgrammeState,
  checkStoredFixture,
  STORED_CASES,
  TRIAGE,
  type WriteStored,
} from '../../test/store-upgrades.js';
import type { CheckinRecord, SessionLogRecord, Store } from './types.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-sqlite-'));
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

let folders = 0;
/** A fresh, empty folder under this run's temporary root. */
function freshDir(): string {
  folders += 1;
  const dir = path.join(root, `d${folders}`);
  fs.mkdirSync(dir);
  return dir;
}

storeContract('sqlite', () => openSqliteStore(path.join(root, 'contract.sqlite')));

/** Adds a person with one assessment and its programme; returns the person's id. */
async function addPerson(store: Store, label: string): Promise<string> {
  const user = newUser(label);
  expect(await store.createUser(user)).toBe(true);
  await addAssessment(store, user.id);
  return user.id;
}

/** One real assessment and its programme (several kB of JSON), written in one transaction. */
async function addAssessment(store: Store, userId: string): Promise<void> {
  const { assessment, programme } = assessmentPair(userId);
  await store.addAssessment(assessment, programme);
}

describe('SQLite set-up', () => {
  it('turns on WAL, foreign keys, secure delete and a busy timeout', () => {
    const db = openSqliteConnection(path.join(freshDir(), 'p.sqlite'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      db.close();
    }
  });

  it('keeps the data folder, the database and its backups private (0700, 0600)', async () => {
    const dir = path.join(freshDir(), 'private');
    fs.mkdirSync(dir, { mode: 0o755 });
    const store = await openStore({ dataDir: dir });
    await addPerson(store, 'modes');
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    expect(mode(dir)).toBe(0o700);
    for (const f of [sqliteFileIn(dir), `${sqliteFileIn(dir)}-wal`]) expect(mode(f), f).toBe(0o600);
    const copy = path.join(freshDir(), 'copy.sqlite');
    await backupSqlite(dir, copy);
    expect(mode(copy)).toBe(0o600);
    await store.close();
    const restored = path.join(freshDir(), 'restored');
    await restoreSqlite(copy, restored);
    expect(mode(restored)).toBe(0o700);
    expect(mode(sqliteFileIn(restored))).toBe(0o600);
  });

  it('fails loudly when the outer store is used inside withPerson, instead of waiting for itself', async () => {
    const store = await openSqliteStore(path.join(freshDir(), 'guard.sqlite'));
    try {
      const user = newUser('guard');
      await store.createUser(user);
      await expect(store.withPerson(user.id, () => store.getUser(user.id))).rejects.toThrow(
        /inside withPerson/,
      );
      expect(await store.withPerson(user.id, (tx) => tx.getUser(user.id))).toMatchObject({
        id: user.id,
      });
    } finally {
      await store.close();
    }
  });

  it('upgrades a database of migration 4: person tables get foreign keys, orphans go, every other row stays', async () => {
    const file = path.join(freshDir(), 'u5.sqlite');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: openSqliteConnection(file) }),
    });
    const five = MIGRATIONS.find((m) => m.id === 5);
    if (!five) throw new Error('expected migration 5');
    const tables = [
      'credentials',
      'assessments',
      'programmes',
      'session_logs',
      'checkins',
      'measurements',
      'audit',
    ];
    try {
      expect(
        await migrate(
          db,
          'sqlite',
          {},
          MIGRATIONS.filter((m) => m.id <= 4),
        ),
      ).toStrictEqual([1, 2, 3, 4]);
      await sql`insert into users (id, email, password_hash, created_at)
        values ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
      for (const who of ['u1', 'ghost']) {
        await sql`insert into credentials (token_hash, user_id, kind, created_at, expires_at)
          values (${`hash-${who}`}, ${who}, 'token', '2026-11-01T00:00:00.000Z', '2027-11-01T00:00:00.000Z'),
          (${`session-${who}`}, ${who}, 'session', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')`.execute(
          db,
        );
        await sql`insert into assessments (user_id, id, created_at, answers, result, knowledge_base)
          values (${who}, 'a1', '2026-11-01T00:00:00.000Z', '{}', '{}', 'kb')`.execute(db);
        await sql`insert into programmes (user_id, id, assessment_id, created_at, programme, state,
          paused, paused_by, current, revision)
          values (${who}, 'p1', 'a1', '2026-11-01T00:00:00.000Z', '{}', '{}', 0, null, 1, 3)`.execute(
          db,
        );
        await sql`insert into session_logs (user_id, id, programme_id, date, created_at, entries,
          programme_changes, warning_check_required, client_id)
          values (${who}, 's1', 'p1', '2026-11-01', '2026-11-01T00:00:00.000Z', '[]', '[]', 0, 'dev-00001')`.execute(
          db,
        );
        await sql`insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
          warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
          values (${who}, 'c1', '2026-11-01', '2026-11-01T00:00:00.000Z', null, null, null, '{}',
          null, null, null, 0, 'dev-00002')`.execute(db);
        await sql`insert into measurements (user_id, id, date, created_at, kind, side, value)
          values (${who}, 'm1', '2026-11-01', '2026-11-01T00:00:00.000Z', 'toe-touch', null, 2.5)`.execute(
          db,
        );
        await sql`insert into audit (user_id, id, at, actor, action, resource)
          values (${who}, 'au1', '2026-11-01T00:00:00.000Z', ${who}, 'read', '/api/me')`.execute(
          db,
        );
      }
      await sql`insert into login_failures (key, id, at)
        values ('account:u1@example.org', 'f1', '2026-11-01T00:00:00.000Z')`.execute(db);

      expect(await migrate(db, 'sqlite')).toStrictEqual(
        MIGRATIONS.filter((m) => m.id >= 5).map((m) => m.id),
      );
      await five.up(db, 'sqlite');
      await five.up(db, 'sqlite');
      expect(await migrate(db, 'sqlite')).toStrictEqual([]);

      for (const table of tables) {
        const counts = await sql<{ who: string; n: number }>`select user_id as who, count(*) as n
          from ${sql.table(table)} group by user_id order by user_id`.execute(db);
        expect(counts.rows, table).toStrictEqual([
          { who: 'u1', n: table === 'credentials' ? 2 : 1 },
        ]);
        const fks = await sql<{
          table: string;
          on_delete: string;
        }>`select "table", on_delete from pragma_foreign_key_list(${table})`.execute(db);
        expect(fks.rows, table).toStrictEqual([{ table: 'users', on_delete: 'CASCADE' }]);
        const ddl = await sql<{ sql: string }>`select sql from sqlite_master
          where type = 'table' and name = ${table}`.execute(db);
        expect(ddl.rows[0]?.sql, table).toMatch(/strict\s*$/i);
      }
      const indexes = await sql<{ name: string }>`select name from sqlite_master
        where type = 'index' and name not like 'sqlite_%' order by name`.execute(db);
      expect(indexes.rows.map((r) => r.name)).toStrictEqual([
        'assessments_user_client_id',
        'assessments_user_order',
        'care_links_clinician_id',
        'care_links_one_active',
        'checkins_user_client_id',
        'checkins_user_id',
        'credentials_id',
        'credentials_user_id',
        'login_limits_account',
        'measurements_user_client_id',
        'measurements_user_id',
        'outcomes_user_client_id',
        'outcomes_user_order',
        'programme_versions_number',
        'programmes_one_current',
        'session_logs_user_client_id',
        'session_logs_user_order',
        'session_logs_user_sitting_id',
      ]);
      const gone = await sql<{ name: string }>`select name from sqlite_master
        where name = 'login_failures' or name like '%_next'`.execute(db);
      expect(gone.rows).toStrictEqual([]);
      // No row can be written for someone who does not exist any more.
      await expect(
        sql`insert into measurements (user_id, id, date, created_at, kind, side, value)
          values ('ghost', 'm2', '2026-11-01', '2026-11-01T00:00:00.000Z', 'toe-touch', null, 1)`.execute(
          db,
        ),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await db.destroy();
    }
    const store = await openSqliteStore(file);
    try {
      const token = await store.getCredential('hash-u1');
      expect(token).toMatchObject({
        kind: 'token',
        scopes: ['read', 'write', 'export'],
        name: null,
      });
      expect(token?.id).toMatch(/^[0-9a-f]{26}$/);
      expect((await store.getCredential('session-u1'))?.scopes).toStrictEqual([]);
      expect((await store.listAudit('u1', { limit: 5 })).items[0]).toMatchObject({
        outcome: 'ok',
        credentialId: null,
      });
      // The programme written here is a placeholder ('{}'), not a programme: its state and revision are read.
      expect((await store.currentProgrammeState('u1'))?.revision).toBe(3);
      expect(await store.deleteUser('u1')).toBe(true);
      expect(Object.values(await store.rowCounts('u1')).every((n) => n === 0)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('upgrades a database of migration 6: users become people, the clinician tables arrive, and migration 7 is safe to re-run', async () => {
    const file = path.join(freshDir(), 'u7.sqlite');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: openSqliteConnection(file) }),
    });
    const seven = MIGRATIONS.find((m) => m.id === 7);
    if (!seven) throw new Error('expected migration 7');
    const created = [
      'clinician_codes',
      'invitations',
      'care_links',
      'programme_versions',
      'outcomes',
      'outcome_schedule',
    ];
    try {
      expect(
        await migrate(
          db,
          'sqlite',
          {},
          MIGRATIONS.filter((m) => m.id <= 6),
        ),
      ).toStrictEqual([1, 2, 3, 4, 5, 6]);
      await sql`insert into users (id, email, password_hash, created_at)
        values ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
      expect(await migrate(db, 'sqlite')).toStrictEqual(
        MIGRATIONS.filter((m) => m.id >= 7).map((m) => m.id),
      );
      await seven.up(db, 'sqlite');
      await seven.up(db, 'sqlite');
      expect(await migrate(db, 'sqlite')).toStrictEqual([]);

      const users = await sql<{
        name: string;
        notnull: number;
        dflt_value: string | null;
      }>`select name, "notnull", dflt_value from pragma_table_info('users')
        where name in ('role', 'display_name') order by name`.execute(db);
      expect(users.rows).toStrictEqual([
        { name: 'display_name', notnull: 0, dflt_value: null },
        { name: 'role', notnull: 1, dflt_value: "'person'" },
      ]);
      // No third kind of account.
      await expect(
        sql`insert into users (id, email, password_hash, created_at, role)
          values ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z', 'admin')`.execute(db),
      ).rejects.toThrow(/CHECK/);
      await expect(
        sql`insert into care_links (user_id, id, clinician_id, invitation_id, created_at, status)
          values ('u1', 'l1', 'u1', 'i1', '2026-11-01T00:00:00.000Z', 'paused')`.execute(db),
      ).rejects.toThrow(/CHECK/);

      for (const table of created) {
        const ddl = await sql<{ sql: string }>`select sql from sqlite_master
          where type = 'table' and name = ${table}`.execute(db);
        expect(ddl.rows[0]?.sql, table).toMatch(/strict\s*$/i);
      }
      const fks = await sql<{
        name: string;
        from: string;
        on_delete: string;
      }>`select m.name, f."from", f.on_delete from sqlite_master m, pragma_foreign_key_list(m.name) f
        where m.type = 'table' and m.name in (${sql.join(created)}) order by m.name, f."from"`.execute(
        db,
      );
      expect(fks.rows).toStrictEqual([
        { name: 'care_links', from: 'user_id', on_delete: 'CASCADE' },
        { name: 'clinician_codes', from: 'used_by', on_delete: 'SET NULL' },
        { name: 'invitations', from: 'clinician_id', on_delete: 'CASCADE' },
        { name: 'invitations', from: 'used_by', on_delete: 'SET NULL' },
        { name: 'outcome_schedule', from: 'user_id', on_delete: 'CASCADE' },
        { name: 'outcomes', from: 'user_id', on_delete: 'CASCADE' },
        { name: 'programme_versions', from: 'user_id', on_delete: 'CASCADE' },
      ]);
    } finally {
      await db.destroy();
    }
    const store = await openSqliteStore(file);
    try {
      expect(await store.getUser('u1')).toStrictEqual({
        id: 'u1',
        email: 'u1@example.org',
        passwordHash: 'x',
        createdAt: '2026-11-01T00:00:00.000Z',
        role: 'person',
        displayName: null,
      });
      expect(await store.listLinksOfPerson('u1')).toStrictEqual([]);
    } finally {
      await store.close();
    }
  });

  it('runs each migration once, however often it is started', async () => {
    const file = path.join(freshDir(), 'm.sqlite');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: openSqliteConnection(file) }),
    });
    try {
      expect(await migrate(db, 'sqlite')).toStrictEqual(MIGRATIONS.map((m) => m.id));
      expect(await migrate(db, 'sqlite')).toStrictEqual([]);
    } finally {
      await db.destroy();
    }
    // And through the normal way in, twice, keeping the data.
    const first = await openSqliteStore(file);
    const userId = await addPerson(first, 'mig');
    await first.close();
    const second = await openSqliteStore(file);
    expect((await second.rowCounts(userId)).programmes).toBe(1);
    await second.close();

    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.prepare('select id, name from schema_migrations order by id').all()).toStrictEqual(
        MIGRATIONS.map((m) => ({ id: m.id, name: m.name })),
      );
    } finally {
      raw.close();
    }
  });

  it('upgrades a database of migration 1 with check-ins in it, and migration 2 is safe to re-run', async () => {
    const file = path.join(freshDir(), 'u.sqlite');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: openSqliteConnection(file) }),
    });
    const [first, second] = MIGRATIONS;
    if (!first || !second) throw new Error('expected at least two migrations');
    try {
      expect(await migrate(db, 'sqlite', {}, [first])).toStrictEqual([1]);
      await sql`insert into users (id, email, password_hash, created_at) values
        ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z'),
        ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
      await sql`insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
        warning_signs, sitting_hours, walking_breaks, triage, programme_paused)
        values ('u1', 'c1', '2026-11-01', '2026-11-01T08:00:00.000Z', 3, '["lower-back"]', 'none',
        '{}', null, null, null, 0)`.execute(db);
      expect(await migrate(db, 'sqlite', {}, [first, second])).toStrictEqual([2]);
      // Its body is idempotent: running it again on the upgraded database changes nothing.
      await second.up(db, 'sqlite');
      await second.up(db, 'sqlite');
    } finally {
      await db.destroy();
    }
    const store = await openSqliteStore(file);
    try {
      const [old] = await store.allCheckins('u1');
      if (!old) throw new Error('the check-in from before the upgrade is gone');
      expect(old.id).toBe('c1');
      expect(old.clientId).toBeNull();
      const base: CheckinRecord = { ...old, clientId: 'device-0001' };
      expect(await store.addCheckin({ ...base, id: 'c2' })).toBe(true);
      expect(await store.addCheckin({ ...base, id: 'c3' })).toBe('duplicate');
    } finally {
      await store.close();
    }
  });

  it('upgrades a database of migration 2 with sessions in it, and migration 3 is safe to re-run', async () => {
    const file = path.join(freshDir(), 'u3.sqlite');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: openSqliteConnection(file) }),
    });
    const [first, second, third] = MIGRATIONS;
    if (!first || !second || !third) throw new Error('expected at least three migrations');
    try {
      expect(await migrate(db, 'sqlite', {}, [first, second])).toStrictEqual([1, 2]);
      await sql`insert into users (id, email, password_hash, created_at) values
        ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z'),
        ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
      await sql`insert into session_logs (user_id, id, programme_id, date, created_at, entries,
        programme_changes, warning_check_required)
        values ('u1', 's1', 'p1', '2026-11-01', '2026-11-01T08:00:00.000Z', '[]', '[]', 0)`.execute(
        db,
      );
      expect(await migrate(db, 'sqlite', {}, [first, second, third])).toStrictEqual([3]);
      // Its body is idempotent: running it again on the upgraded database changes nothing.
      await third.up(db, 'sqlite');
      await third.up(db, 'sqlite');
      expect(await migrate(db, 'sqlite', {}, [first, second, third])).toStrictEqual([]);
      // The later migrations follow on this database as on any other.
      expect(await migrate(db, 'sqlite')).toStrictEqual(
        MIGRATIONS.filter((m) => m.id > 3).map((m) => m.id),
      );
    } finally {
      await db.destroy();
    }
    const store = await openSqliteStore(file);
    try {
      const [old] = await store.sessionLogsSince('u1', '0000-01-01');
      if (!old) throw new Error('the session from before the upgrade is gone');
      expect(old.id).toBe('s1');
      expect(old.clientId).toBeNull();
      const base: SessionLogRecord = { ...old, clientId: 'device-0001' };
      expect(await store.addSessionLog({ ...base, id: 's2' })).toBe(true);
      expect(await store.addSessionLog({ ...base, id: 's3' })).toBe('duplicate');
      // Sessions without a client id, old or new, never collide.
      expect(await store.addSessionLog({ ...old, id: 's4' })).toBe(true);
      expect((await store.sessionLogsSince('u1', '0000-01-01')).map((l) => l.id)).toStrictEqual([
        's1',
        's2',
        's4',
      ]);
    } finally {
      await store.close();
    }
  });

  it('upgrades a database of migration 3 with check-ins in it: migration 4 keeps every row and the client-id index, and is safe to re-run', async () => {
    const file = path.join(freshDir(), 'u4.sqlite');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: openSqliteConnection(file) }),
    });
    const upToThree = MIGRATIONS.filter((m) => m.id <= 3);
    const fourth = MIGRATIONS.find((m) => m.id === 4);
    if (!fourth) throw new Error('expected migration 4');
    const notNull = async () =>
      Object.fromEntries(
        (
          await sql<{
            name: string;
            notnull: number;
          }>`select name, "notnull" from pragma_table_info('checkins')`.execute(db)
        ).rows.map((r) => [r.name, r.notnull]),
      );
    try {
      expect(await migrate(db, 'sqlite', {}, upToThree)).toStrictEqual([1, 2, 3]);
      expect(await notNull()).toMatchObject({ pain_now: 1, pain_areas: 1, leg_side: 1 });
      await sql`insert into users (id, email, password_hash, created_at) values
        ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z'),
        ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
      await sql`insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
        warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
        values ('u1', 'c1', '2026-11-01', '2026-11-01T08:00:00.000Z', 3, '["lower-back"]', 'none',
          '{"fever":false}', null, null, null, 0, null),
        ('u1', 'c2', '2026-11-02', '2026-11-02T08:00:00.000Z', 6.5, '["lower-back","buttock"]', 'left',
          '{"fever":true}', 7.5, 4, ${JSON.stringify(TRIAGE)}, 1, 'device-0001'),
        ('u2', 'c1', '2026-11-03', '2026-11-03T08:00:00.000Z', 0, '["foot"]', 'both',
          '{}', 0, 0, null, 0, 'device-0001')`.execute(db);
      expect(await migrate(db, 'sqlite')).toStrictEqual(
        MIGRATIONS.filter((m) => m.id >= 4).map((m) => m.id),
      );
      // Its body is idempotent: running it again on the upgraded database changes nothing.
      await fourth.up(db, 'sqlite');
      await fourth.up(db, 'sqlite');
      expect(await migrate(db, 'sqlite')).toStrictEqual([]);
      // The pain answers may now be missing; everything else is as required as before.
      expect(await notNull()).toStrictEqual({
        user_id: 1,
        id: 1,
        date: 1,
        created_at: 1,
        pain_now: 0,
        pain_areas: 0,
        leg_side: 0,
        warning_signs: 1,
        sitting_hours: 0,
        walking_breaks: 0,
        triage: 0,
        programme_paused: 1,
        client_id: 0,
      });
      const table = await sql<{
        sql: string;
      }>`select sql from sqlite_master where type = 'table' and name = 'checkins'`.execute(db);
      expect(table.rows[0]?.sql).toMatch(/strict\s*$/i);
      // Migration 8 keys the rows by person and date (ids stay unique per person by an index).
      expect(table.rows[0]?.sql).toMatch(/primary key \(user_id, date, created_at, id\)/i);
      const leftovers = await sql<{
        name: string;
      }>`select name from sqlite_master where name like 'checkins_next%'`.execute(db);
      expect(leftovers.rows).toStrictEqual([]);
    } finally {
      await db.destroy();
    }
    const store = await openSqliteStore(file);
    try {
      // Every row survived the rebuild with its values.
      const common = { warningSigns: {}, sittingHours: null, walkingBreaks: null, triage: null };
      expect(await store.allCheckins('u1')).toStrictEqual([
        {
          ...common,
          userId: 'u1',
          id: 'c1',
          date: '2026-11-01',
          createdAt: '2026-11-01T08:00:00.000Z',
          painNow: 3,
          painAreas: ['lower-back'],
          legSide: 'none',
          warningSigns: { fever: false },
          programmePaused: false,
          clientId: null,
        },
        {
          userId: 'u1',
          id: 'c2',
          date: '2026-11-02',
          createdAt: '2026-11-02T08:00:00.000Z',
          painNow: 6.5,
          painAreas: ['lower-back', 'buttock'],
          legSide: 'left',
          warningSigns: { fever: true },
          sittingHours: 7.5,
          walkingBreaks: 4,
          triage: TRIAGE,
          programmePaused: true,
          clientId: 'device-0001',
        },
      ]);
      expect(
        (await store.allCheckins('u2')).map((c) => [c.id, c.painNow, c.legSide]),
      ).toStrictEqual([['c1', 0, 'both']]);
      // The unique client-id index is back: per person, and nulls never collide.
      const [, withClient] = await store.allCheckins('u1');
      if (!withClient) throw new Error('the second check-in is gone');
      expect(await store.addCheckin({ ...withClient, id: 'c3' })).toBe('duplicate');
      expect(await store.addCheckin({ ...withClient, id: 'c4', clientId: 'device-0002' })).toBe(
        true,
      );
      expect(await store.findCheckinByClientId('u1', 'device-0001')).toMatchObject({ id: 'c2' });
      // And a check-in that carried only a warning sign can now be stored, nulls and all.
      const warningOnly: CheckinRecord = {
        userId: 'u1',
        id: 'c5',
        date: '2026-11-05',
        createdAt: '2026-11-05T08:00:00.000Z',
        painNow: null,
        painAreas: null,
        legSide: null,
        warningSigns: { bladderChange: true },
        sittingHours: null,
        walkingBreaks: null,
        triage: TRIAGE,
        programmePaused: true,
        clientId: 'device-0005',
      };
      expect(await store.addCheckin(warningOnly)).toBe(true);
      expect(await store.findCheckinByClientId('u1', 'device-0005')).toStrictEqual(warningOnly);
      expect((await store.allCheckins('u1')).map((c) => c.id)).toStrictEqual([
        'c1',
        'c2',
        'c4',
        'c5',
      ]);
    } finally {
      await store.close();
    }
  });

  it('reads a programme state stored before backing off existed, and applies sessions to it', async () => {
    const file = path.join(freshDir(), 'old-state.sqlite');
    const store = await openSqliteStore(file);
    try {
      await checkOldProgrammeState(store, (userId, oldState) => {
        // As an older Backchain wrote it, through another connection.
        const raw = new BetterSqlite3(file);
        try {
          raw
            .prepare('update programmes set state = ? where user_id = ? and current = 1')
            .run(JSON.stringify(oldState), userId);
        } finally {
          raw.close();
        }
        return Promise.resolve(store);
      });
    } finally {
      await store.close();
    }
  });

  it('refuses a database made by a newer version', async () => {
    const file = path.join(freshDir(), 'n.sqlite');
    await (await openSqliteStore(file)).close();
    const raw = new BetterSqlite3(file);
    raw.prepare("insert into schema_migrations values (9999, 'future', '2030-01-01')").run();
    raw.close();
    await expect(openSqliteStore(file)).rejects.toThrow(/newer Backchain/);
  });

  it('openStore puts SQLite in the data folder, creating it; memory when asked', async () => {
    const dir = path.join(freshDir(), 'nested', 'data');
    const store = await openStore({ dataDir: dir });
    expect(store.kind).toBe('sqlite');
    await store.close();
    expect(fs.existsSync(sqliteFileIn(dir))).toBe(true);
    const memory = await openStore({ dataDir: dir, memory: true });
    expect(memory.kind).toBe('memory');
    await memory.close();
    await expect(openStore({ databaseUrl: 'mysql://x/y' })).rejects.toThrow(/postgres/);
    await expect(openStore({})).rejects.toThrow(/dataDir/);
  });
});

describe('SQLite backup and restore', () => {
  it('copies consistently while another connection keeps writing', async () => {
    const dir = freshDir();
    const server = await openStore({ dataDir: dir });
    const writer = await openStore({ dataDir: dir });
    const userId = await addPerson(server, 'busy');
    for (let i = 0; i < 150; i++) await addAssessment(server, userId);
    const seeded = Number((await server.rowCounts(userId)).assessments);

    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        await addAssessment(writer, userId);
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const copy = path.join(dir, 'copy.sqlite');
    // Let some writes land before and during the copy.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await backupSqlite(dir, copy);
    writing = false;
    await writes;
    expect(written).toBeGreaterThan(0);

    const raw = new BetterSqlite3(copy, { readonly: true });
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = (table: string): number =>
        (raw.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
      // Each assessment was written with its programme in one transaction: a torn copy would differ.
      expect(count('assessments')).toBe(count('programmes'));
      expect(count('assessments')).toBeGreaterThanOrEqual(seeded);
      expect(count('programmes where current = 1')).toBe(1);
    } finally {
      raw.close();
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toStrictEqual([]);
    await writer.close();
    await server.close();
  });

  it('restores a backup over a data folder, discarding a stale -wal of the old database', async () => {
    const fromDir = freshDir();
    const original = await openStore({ dataDir: fromDir });
    const kept = await addPerson(original, 'kept');
    await original.close();
    const backup = path.join(freshDir(), 'backup.sqlite');
    await backupSqlite(sqliteFileIn(fromDir), backup);

    const dataDir = freshDir();
    const target = sqliteFileIn(dataDir);
    const live = await openStore({ dataDir });
    const replaced = await addPerson(live, 'replaced');
    // Leave behind a -wal as a crashed server would, holding the old database's latest pages.
    await addPerson(live, 'in-wal');
    fs.copyFileSync(`${target}-wal`, path.join(dataDir, 'stale-wal'));
    await live.close();
    fs.copyFileSync(path.join(dataDir, 'stale-wal'), `${target}-wal`);

    await restoreSqlite(backup, dataDir);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);

    const restored = await openStore({ dataDir });
    expect(await restored.getUser(kept)).toBeDefined();
    expect((await restored.rowCounts(kept)).programmes).toBe(1);
    expect(await restored.getUser(replaced)).toBeUndefined();
    await restored.close();
    const raw = new BetterSqlite3(target, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('refuses to restore while a server has the database open', async () => {
    const backup = path.join(freshDir(), 'b.sqlite');
    const source = await openStore({ dataDir: path.dirname(backup) });
    await source.close();
    await backupSqlite(path.dirname(backup), backup);

    const dataDir = freshDir();
    const server = await openStore({ dataDir });
    const userId = await addPerson(server, 'running');
    await expect(restoreSqlite(backup, dataDir)).rejects.toThrow(/in use/);
    expect(await server.getUser(userId)).toBeDefined();
    await server.close();
    await restoreSqlite(backup, dataDir);
    const after = await openStore({ dataDir });
    expect(await after.getUser(userId)).toBeUndefined();
    await after.close();
  });

  it('refuses a file that is not a Backchain database, leaving the data alone', async () => {
    const dataDir = freshDir();
    const store = await openStore({ dataDir });
    const userId = await addPerson(store, 'stays');
    await store.close();

    const text = path.join(freshDir(), 'notes.sqlite');
    fs.writeFileSync(text, 'these are not the pages you are looking for\n'.repeat(200));
    await expect(restoreSqlite(text, dataDir)).rejects.toThrow(/not a Backchain SQLite database/);

    const other = path.join(freshDir(), 'other.sqlite');
    const raw = new BetterSqlite3(other);
    raw.exec('create table things (id integer primary key)');
    raw.close();
    await expect(restoreSqlite(other, dataDir)).rejects.toThrow(/not a Backchain SQLite database/);
    await expect(restoreSqlite(path.join(root, 'missing.sqlite'), dataDir)).rejects.toThrow();

    const again = await openStore({ dataDir });
    expect(await again.getUser(userId)).toBeDefined();
    await again.close();
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('.tmp-'))).toStrictEqual([]);
  });
});

describe('SQLite store: stored documents of every version, read from the database', () => {
  const file = path.join(root, 'documents.sqlite');
  /** Writes a document into a row through another connection, as an older (or newer) Backchain did. */
  const writeRaw =
    (store: Store): WriteStored =>
    (place, userId, id, stored) => {
      const raw = new BetterSqlite3(file);
      try {
        const changed = raw
          .prepare(`update ${place.table} set ${place.column} = ? where user_id = ? and id = ?`)
          .run(JSON.stringify(stored), userId, id);
        expect(changed.changes).toBe(1);
      } finally {
        raw.close();
      }
      return Promise.resolve(store);
    };

  it.each(STORED_CASES.map((c, i) => ({ ...c, i })))(
    'reads $name',
    async ({ fixture, place, i }) => {
      const store = await openSqliteStore(file);
      try {
        await checkStoredFixture(store, `fixture-${String(i)}`, fixture, place, writeRaw(store));
      } finally {
        await store.close();
      }
    },
  );

  it('refuses a document written by a newer Backchain, naming it and where it was', async () => {
    const store = await openSqliteStore(file);
    try {
      await checkNewerRefused(store, 'newer-person', writeRaw(store));
    } finally {
      await store.close();
    }
  });
});
