// The PostgreSQL store on a real server (DATABASE_URL): the Store contract, racing migrations and racing writers.
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from './migrations.js';
import { openStore } from './open.js';
import { openPostgresStore, type Database } from './sql.js';
import {
  assessmentPair,
  clinicianCode,
  clinicianUser,
  invitation,
  linkFor,
  newUser,
  sessionLog,
  storeContract,
  updateOf,
} from './store.contract.js';
import {
  checkNewerRefused,
  checkOldProgrammeState,
  checkStoredFixture,
  STORED_CASES,
  TRIAGE,
  type WriteStored,
} from '../../test/store-upgrades.js';
import type { CheckinRecord, Store } from './types.js';

const url = process.env.DATABASE_URL;

/** A schema name no other run uses, so runs never see each other's rows. */
const schemaName = (): string => `test_${randomBytes(6).toString('hex')}`;

describe.skipIf(!url)(
  url ? 'PostgreSQL store' : 'PostgreSQL store: SKIPPED because DATABASE_URL is not set',
  () => {
    const databaseUrl = url ?? '';
    const schemas: string[] = [];
    const schema = schemaName();
    schemas.push(schema);

    afterAll(async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
      } finally {
        await client.end();
      }
    });

    storeContract('postgres', () => openPostgresStore(databaseUrl, { schema }));

    it('keeps its tables in the schema it was given, and openStore picks PostgreSQL', async () => {
      const store = await openStore({ databaseUrl, pgSchema: schema });
      expect(store.kind).toBe('postgres');
      await store.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ table_name: string }>(
          'select table_name from information_schema.tables where table_schema = $1 order by 1',
          [schema],
        );
        expect(rows.map((r) => r.table_name)).toStrictEqual([
          'assessments',
          'audit',
          'care_links',
          'checkins',
          'clinician_codes',
          'credentials',
          'erasures',
          'invitations',
          'login_limits',
          'measurements',
          'outcome_schedule',
          'outcomes',
          'programme_versions',
          'programmes',
          'progress_history',
          'schema_migrations',
          'session_logs',
          'users',
        ]);
        const migrations = await client.query(`select id from "${schema}".schema_migrations`);
        expect(migrations.rowCount).toBe(MIGRATIONS.length);
      } finally {
        await client.end();
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(
        openPostgresStore(databaseUrl, { schema: 'x"; drop table users; --' }),
      ).rejects.toThrow(/schema name/);
    });

    it('migrates once when several stores open a fresh schema at the same moment', async () => {
      const fresh = schemaName();
      schemas.push(fresh);
      const opened = await Promise.all([
        openPostgresStore(databaseUrl, { schema: fresh }),
        openPostgresStore(databaseUrl, { schema: fresh }),
        openPostgresStore(databaseUrl, { schema: fresh }),
      ]);
      for (const s of opened) await s.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select id from "${fresh}".schema_migrations order by id`,
        );
        expect(rows).toStrictEqual(MIGRATIONS.map((m) => ({ id: m.id })));
      } finally {
        await client.end();
      }
    });

    it('upgrades a schema of migration 1 with check-ins in it, and migration 2 is safe to re-run', async () => {
      const fresh = schemaName();
      schemas.push(fresh);
      const [first, second] = MIGRATIONS;
      if (!first || !second) throw new Error('expected at least two migrations');
      const pool = new pg.Pool({
        connectionString: databaseUrl,
        options: `-c search_path=${fresh}`,
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      try {
        expect(await migrate(db, 'postgres', { schema: fresh }, [first])).toStrictEqual([1]);
        await sql`insert into users (id, email, password_hash, created_at) values
          ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z'),
          ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
        await sql`insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
          warning_signs, sitting_hours, walking_breaks, triage, programme_paused)
          values ('u1', 'c1', '2026-11-01', '2026-11-01T08:00:00.000Z', 3, '["lower-back"]', 'none',
          '{}', null, null, null, false)`.execute(db);
        expect(await migrate(db, 'postgres', { schema: fresh }, [first, second])).toStrictEqual([
          2,
        ]);
        await second.up(db, 'postgres');
      } finally {
        await db.destroy();
      }
      const store = await openPostgresStore(databaseUrl, { schema: fresh });
      try {
        const [old] = await store.allCheckins('u1');
        if (!old) throw new Error('the check-in from before the upgrade is gone');
        expect(old.clientId).toBeNull();
        const base = { ...old, clientId: 'device-0001' };
        expect(await store.addCheckin({ ...base, id: 'c2' })).toBe(true);
        expect(await store.addCheckin({ ...base, id: 'c3' })).toBe('duplicate');
      } finally {
        await store.close();
      }
    });

    it('upgrades a schema of migration 2 with sessions in it, and migration 3 is safe to re-run', async () => {
      const fresh = schemaName();
      schemas.push(fresh);
      const [first, second, third] = MIGRATIONS;
      if (!first || !second || !third) throw new Error('expected at least three migrations');
      const pool = new pg.Pool({
        connectionString: databaseUrl,
        options: `-c search_path=${fresh}`,
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      try {
        expect(await migrate(db, 'postgres', { schema: fresh }, [first, second])).toStrictEqual([
          1, 2,
        ]);
        await sql`insert into users (id, email, password_hash, created_at) values
          ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z'),
          ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
        await sql`insert into session_logs (user_id, id, programme_id, date, created_at, entries,
          programme_changes, warning_check_required)
          values ('u1', 's1', 'p1', '2026-11-01', '2026-11-01T08:00:00.000Z', '[]', '[]', false)`.execute(
          db,
        );
        expect(
          await migrate(db, 'postgres', { schema: fresh }, [first, second, third]),
        ).toStrictEqual([3]);
        await third.up(db, 'postgres');
        await third.up(db, 'postgres');
        expect(
          await migrate(db, 'postgres', { schema: fresh }, [first, second, third]),
        ).toStrictEqual([]);
        // The later migrations follow on this schema as on any other.
        expect(await migrate(db, 'postgres', { schema: fresh })).toStrictEqual(
          MIGRATIONS.filter((m) => m.id > 3).map((m) => m.id),
        );
      } finally {
        await db.destroy();
      }
      const store = await openPostgresStore(databaseUrl, { schema: fresh });
      try {
        const [old] = await store.sessionLogsSince('u1', '0000-01-01');
        if (!old) throw new Error('the session from before the upgrade is gone');
        expect(old.clientId).toBeNull();
        const base = { ...old, clientId: 'device-0001' };
        expect(await store.addSessionLog({ ...base, id: 's2' })).toBe(true);
        expect(await store.addSessionLog({ ...base, id: 's3' })).toBe('duplicate');
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

    it('upgrades a schema of migration 3 with check-ins in it: migration 4 keeps every row and the client-id index, and is safe to re-run', async () => {
      const fresh = schemaName();
      schemas.push(fresh);
      const upToThree = MIGRATIONS.filter((m) => m.id <= 3);
      const fourth = MIGRATIONS.find((m) => m.id === 4);
      if (!fourth) throw new Error('expected migration 4');
      const pool = new pg.Pool({
        connectionString: databaseUrl,
        options: `-c search_path=${fresh}`,
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      const nullable = async () =>
        Object.fromEntries(
          (
            await sql<{
              name: string;
              nullable: string;
            }>`select column_name as name, is_nullable as nullable from information_schema.columns
              where table_schema = ${fresh} and table_name = 'checkins'`.execute(db)
          ).rows.map((r) => [r.name, r.nullable]),
        );
      try {
        expect(await migrate(db, 'postgres', { schema: fresh }, upToThree)).toStrictEqual([
          1, 2, 3,
        ]);
        expect(await nullable()).toMatchObject({
          pain_now: 'NO',
          pain_areas: 'NO',
          leg_side: 'NO',
        });
        await sql`insert into users (id, email, password_hash, created_at) values
          ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z'),
          ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
        await sql`insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
          warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
          values ('u1', 'c1', '2026-11-01', '2026-11-01T08:00:00.000Z', 3, '["lower-back"]', 'none',
            '{"fever":false}', null, null, null, false, null),
          ('u1', 'c2', '2026-11-02', '2026-11-02T08:00:00.000Z', 6.5, '["lower-back","buttock"]', 'left',
            '{"fever":true}', 7.5, 4, ${JSON.stringify(TRIAGE)}, true, 'device-0001')`.execute(db);
        expect(await migrate(db, 'postgres', { schema: fresh })).toStrictEqual(
          MIGRATIONS.filter((m) => m.id >= 4).map((m) => m.id),
        );
        await fourth.up(db, 'postgres');
        await fourth.up(db, 'postgres');
        expect(await migrate(db, 'postgres', { schema: fresh })).toStrictEqual([]);
        expect(await nullable()).toStrictEqual({
          user_id: 'NO',
          id: 'NO',
          date: 'NO',
          created_at: 'NO',
          pain_now: 'YES',
          pain_areas: 'YES',
          leg_side: 'YES',
          warning_signs: 'NO',
          sitting_hours: 'YES',
          walking_breaks: 'YES',
          triage: 'YES',
          programme_paused: 'NO',
          client_id: 'YES',
        });
      } finally {
        await db.destroy();
      }
      const store = await openPostgresStore(databaseUrl, { schema: fresh });
      try {
        expect(await store.allCheckins('u1')).toStrictEqual([
          {
            userId: 'u1',
            id: 'c1',
            date: '2026-11-01',
            createdAt: '2026-11-01T08:00:00.000Z',
            painNow: 3,
            painAreas: ['lower-back'],
            legSide: 'none',
            warningSigns: { fever: false },
            sittingHours: null,
            walkingBreaks: null,
            triage: null,
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
        const [, withClient] = await store.allCheckins('u1');
        if (!withClient) throw new Error('the second check-in is gone');
        expect(await store.addCheckin({ ...withClient, id: 'c3' })).toBe('duplicate');
        expect(await store.addCheckin({ ...withClient, id: 'c4', clientId: 'device-0002' })).toBe(
          true,
        );
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

    it('upgrades a schema of migration 4: person tables get foreign keys, orphans go, every other row stays', async () => {
      const fresh = schemaName();
      schemas.push(fresh);
      const five = MIGRATIONS.find((m) => m.id === 5);
      if (!five) throw new Error('expected migration 5');
      const pool = new pg.Pool({
        connectionString: databaseUrl,
        options: `-c search_path=${fresh}`,
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
            'postgres',
            { schema: fresh },
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
            values (${who}, 'p1', 'a1', '2026-11-01T00:00:00.000Z', '{}', '{}', false, null, true, 3)`.execute(
            db,
          );
          await sql`insert into session_logs (user_id, id, programme_id, date, created_at, entries,
            programme_changes, warning_check_required, client_id)
            values (${who}, 's1', 'p1', '2026-11-01', '2026-11-01T00:00:00.000Z', '[]', '[]', false, 'dev-00001')`.execute(
            db,
          );
          await sql`insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
            warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
            values (${who}, 'c1', '2026-11-01', '2026-11-01T00:00:00.000Z', null, null, null, '{}',
            null, null, null, false, 'dev-00002')`.execute(db);
          await sql`insert into measurements (user_id, id, date, created_at, kind, side, value)
            values (${who}, 'm1', '2026-11-01', '2026-11-01T00:00:00.000Z', 'toe-touch', null, 2.5)`.execute(
            db,
          );
          await sql`insert into audit (user_id, id, at, actor, action, resource)
            values (${who}, 'au1', '2026-11-01T00:00:00.000Z', ${who}, 'read', '/api/me')`.execute(
            db,
          );
        }
        expect(await migrate(db, 'postgres', { schema: fresh })).toStrictEqual(
          MIGRATIONS.filter((m) => m.id >= 5).map((m) => m.id),
        );
        await five.up(db, 'postgres');
        await five.up(db, 'postgres');
        expect(await migrate(db, 'postgres', { schema: fresh })).toStrictEqual([]);
        for (const table of tables) {
          const counts = await sql<{ who: string; n: string }>`select user_id as who,
            count(*) as n from ${sql.table(table)} group by user_id order by user_id`.execute(db);
          expect(
            counts.rows.map((r) => [r.who, Number(r.n)]),
            table,
          ).toStrictEqual([['u1', table === 'credentials' ? 2 : 1]]);
          const fks = await sql<{ target: string; on_delete: string }>`select
            confrelid::regclass::text as target, confdeltype as on_delete from pg_constraint
            where conrelid = ${table}::regclass and contype = 'f'`.execute(db);
          expect(fks.rows, table).toStrictEqual([{ target: 'users', on_delete: 'c' }]);
        }
        await expect(
          sql`insert into measurements (user_id, id, date, created_at, kind, side, value)
            values ('ghost', 'm2', '2026-11-01', '2026-11-01T00:00:00.000Z', 'toe-touch', null, 1)`.execute(
            db,
          ),
        ).rejects.toThrow(/foreign key/);
      } finally {
        await db.destroy();
      }
      const store = await openPostgresStore(databaseUrl, { schema: fresh });
      try {
        const token = await store.getCredential('hash-u1');
        expect(token).toMatchObject({
          kind: 'token',
          scopes: ['read', 'write', 'export'],
          name: null,
        });
        expect(token?.id).toMatch(/^[0-9a-f]{26}$/);
        expect((await store.getCredential('session-u1'))?.scopes).toStrictEqual([]);
        // The programme written here is a placeholder ('{}'), not a programme: its state and revision are read.
        expect((await store.currentProgrammeState('u1'))?.revision).toBe(3);
        expect(await store.deleteUser('u1')).toBe(true);
        expect(Object.values(await store.rowCounts('u1')).every((n) => n === 0)).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('upgrades a schema of migration 6: users become people, the clinician tables arrive, and migration 7 is safe to re-run', async () => {
      const fresh = schemaName();
      schemas.push(fresh);
      const seven = MIGRATIONS.find((m) => m.id === 7);
      if (!seven) throw new Error('expected migration 7');
      const pool = new pg.Pool({
        connectionString: databaseUrl,
        options: `-c search_path=${fresh}`,
      });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      try {
        expect(
          await migrate(
            db,
            'postgres',
            { schema: fresh },
            MIGRATIONS.filter((m) => m.id <= 6),
          ),
        ).toStrictEqual([1, 2, 3, 4, 5, 6]);
        await sql`insert into users (id, email, password_hash, created_at)
          values ('u1', 'u1@example.org', 'x', '2026-11-01T00:00:00.000Z')`.execute(db);
        expect(await migrate(db, 'postgres', { schema: fresh })).toStrictEqual(
          MIGRATIONS.filter((m) => m.id >= 7).map((m) => m.id),
        );
        await seven.up(db, 'postgres');
        await seven.up(db, 'postgres');
        expect(await migrate(db, 'postgres', { schema: fresh })).toStrictEqual([]);
        await expect(
          sql`insert into users (id, email, password_hash, created_at, role)
            values ('u2', 'u2@example.org', 'x', '2026-11-01T00:00:00.000Z', 'admin')`.execute(db),
        ).rejects.toThrow(/check constraint/);
        const fks = await sql<{ source: string; target: string; on_delete: string }>`select
          conrelid::regclass::text as source, confrelid::regclass::text as target,
          confdeltype as on_delete from pg_constraint
          where contype = 'f' and connamespace = ${fresh}::regnamespace
            and conrelid::regclass::text in ('clinician_codes', 'invitations', 'care_links',
              'programme_versions', 'outcomes', 'outcome_schedule')
          order by 1, 3`.execute(db);
        // c: cascade, n: set null.
        expect(fks.rows).toStrictEqual([
          { source: 'care_links', target: 'users', on_delete: 'c' },
          { source: 'clinician_codes', target: 'users', on_delete: 'n' },
          { source: 'invitations', target: 'users', on_delete: 'c' },
          { source: 'invitations', target: 'users', on_delete: 'n' },
          { source: 'outcome_schedule', target: 'users', on_delete: 'c' },
          { source: 'outcomes', target: 'users', on_delete: 'c' },
          { source: 'programme_versions', target: 'users', on_delete: 'c' },
        ]);
      } finally {
        await db.destroy();
      }
      const store = await openPostgresStore(databaseUrl, { schema: fresh });
      try {
        expect(await store.getUser('u1')).toStrictEqual({
          id: 'u1',
          email: 'u1@example.org',
          passwordHash: 'x',
          createdAt: '2026-11-01T00:00:00.000Z',
          role: 'person',
          displayName: null,
        });
      } finally {
        await store.close();
      }
    });

    describe('stored documents of every version, read from the database', () => {
      const fresh = schemaName();
      schemas.push(fresh);
      /** Writes a document into a row through another connection, as an older (or newer) Backchain did. */
      const writeRaw =
        (store: Store): WriteStored =>
        async (place, userId, id, stored) => {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            const changed = await client.query(
              `update "${fresh}".${place.table} set ${place.column} = $1::jsonb
                where user_id = $2 and id = $3`,
              [JSON.stringify(stored), userId, id],
            );
            expect(changed.rowCount).toBe(1);
          } finally {
            await client.end();
          }
          return store;
        };

      it.each(STORED_CASES.map((c, i) => ({ ...c, i })))(
        'reads $name',
        async ({ fixture, place, i }) => {
          const store = await openPostgresStore(databaseUrl, { schema: fresh });
          try {
            await checkStoredFixture(
              store,
              `fixture-${String(i)}`,
              fixture,
              place,
              writeRaw(store),
            );
          } finally {
            await store.close();
          }
        },
      );

      it('refuses a document written by a newer Backchain, naming it and where it was', async () => {
        const store = await openPostgresStore(databaseUrl, { schema: fresh });
        try {
          await checkNewerRefused(store, 'newer-person', writeRaw(store));
        } finally {
          await store.close();
        }
      });
    });

    it('reads a programme state stored before backing off existed, and applies sessions to it', async () => {
      const fresh = schemaName();
      schemas.push(fresh);
      const store = await openPostgresStore(databaseUrl, { schema: fresh });
      try {
        await checkOldProgrammeState(store, async (userId, oldState) => {
          // As an older Backchain wrote it, through another connection.
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            await client.query(
              `update "${fresh}".programmes set state = $1::jsonb where user_id = $2 and current`,
              [JSON.stringify(oldState), userId],
            );
          } finally {
            await client.end();
          }
          return store;
        });
      } finally {
        await store.close();
      }
    });

    describe('racing writers, each through its own pool as separate servers would', () => {
      let stores: Store[] = [];
      beforeAll(async () => {
        stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(databaseUrl, { schema })));
      });
      afterAll(async () => {
        for (const s of stores) await s.close();
        stores = [];
      });

      it('lets exactly one of several writers with the same revision win', async () => {
        const [a, b, c] = stores;
        if (!a || !b || !c) throw new Error('beforeAll opens three stores');
        const user = newUser('race');
        await a.createUser(user);
        const { assessment, programme } = assessmentPair(user.id);
        await a.addAssessment(assessment, programme);

        const writers = [a, b, c];
        const logs = [...writers, ...writers].map(() =>
          sessionLog(user.id, programme.id, '2026-11-21'),
        );
        const results = await Promise.all(
          logs.map((log, i) => (writers[i % 3] ?? a).addSessionLog(log, updateOf(programme, 0))),
        );
        expect(results.filter((won) => won === true)).toHaveLength(1);
        expect(results.filter((won) => won === false)).toHaveLength(logs.length - 1);
        expect((await b.getCurrentProgramme(user.id))?.revision).toBe(1);
        const stored = await c.listSessionLogs(user.id, { limit: 10 });
        expect(stored.items).toHaveLength(1);
        expect(stored.items[0]?.id).toBe(logs[results.indexOf(true)]?.id);
      });

      it('stores one of several sessions with the same client id sent through separate pools, and updates the programme once', async () => {
        const [a, b, c] = stores;
        if (!a || !b || !c) throw new Error('beforeAll opens three stores');
        const user = newUser('race-client-id');
        await a.createUser(user);
        const { assessment, programme } = assessmentPair(user.id);
        await a.addAssessment(assessment, programme);

        const writers = [a, b, c];
        const clientId = `race_${randomBytes(6).toString('hex')}`;
        const logs = [...writers, ...writers].map(() => ({
          ...sessionLog(user.id, programme.id, '2026-11-21'),
          clientId,
        }));
        // Half carry the programme update, half none: both kinds must meet the unique index.
        const results = await Promise.all(
          logs.map((log, i) =>
            (writers[i % 3] ?? a).addSessionLog(log, i < 3 ? updateOf(programme, 0) : undefined),
          ),
        );
        expect(results.filter((r) => r === true)).toHaveLength(1);
        expect(results.filter((r) => r === false || r === 'duplicate')).toHaveLength(
          logs.length - 1,
        );
        const stored = await c.sessionLogsSince(user.id, '0000-01-01');
        expect(stored).toStrictEqual([logs[results.indexOf(true)]]);
        const revision = (await b.getCurrentProgramme(user.id))?.revision;
        // The programme changed exactly when the winner carried the update.
        expect(revision).toBe(results.indexOf(true) < 3 ? 1 : 0);
      });

      it('links exactly one of several people accepting one invitation through separate pools', async () => {
        const [a, b, c] = stores;
        if (!a || !b || !c) throw new Error('beforeAll opens three stores');
        const clinician = clinicianUser('race-link');
        await a.createUser(clinician);
        const invited = invitation(clinician.id);
        await a.addInvitation(invited);
        const writers = [a, b, c, a, b, c];
        const people = writers.map((_, i) => newUser(`race-link-${i}`));
        for (const p of people) await a.createUser(p);
        const results = await Promise.all(
          people.map((p, i) =>
            (writers[i] ?? a).acceptInvitation(invited.codeHash, linkFor(p.id, invited)),
          ),
        );
        expect(results.filter((r) => r === true)).toHaveLength(1);
        expect(results.filter((r) => r === 'unusable')).toHaveLength(people.length - 1);
        const links = await b.listLinksOfClinician(clinician.id);
        expect(links.map((l) => l.userId)).toStrictEqual([people[results.indexOf(true)]?.id]);
      });

      it('links a person once when they accept several invitations of one clinician through separate pools', async () => {
        const [a, b, c] = stores;
        if (!a || !b || !c) throw new Error('beforeAll opens three stores');
        const clinician = clinicianUser('race-twice');
        const person = newUser('race-twice-p');
        await a.createUser(clinician);
        await a.createUser(person);
        const writers = [a, b, c];
        const invited = writers.map(() => invitation(clinician.id));
        for (const i of invited) await a.addInvitation(i);
        const results = await Promise.all(
          invited.map((i, n) =>
            (writers[n] ?? a).acceptInvitation(i.codeHash, linkFor(person.id, i)),
          ),
        );
        expect(results.filter((r) => r === true)).toHaveLength(1);
        expect(results.filter((r) => r === 'already-linked')).toHaveLength(invited.length - 1);
        expect(await c.listLinksOfPerson(person.id)).toHaveLength(1);
      });

      it('signs up exactly one of several clinicians racing with one code through separate pools', async () => {
        const [a, b, c] = stores;
        if (!a || !b || !c) throw new Error('beforeAll opens three stores');
        const code = clinicianCode();
        await a.addClinicianCode(code);
        const writers = [a, b, c, a, b, c];
        const racers = writers.map((_, i) => clinicianUser(`race-code-${i}`));
        const results = await Promise.all(
          racers.map((u, i) => (writers[i] ?? a).createClinician(u, code.codeHash, code.createdAt)),
        );
        expect(results.filter((r) => r === true)).toHaveLength(1);
        expect(results.filter((r) => r === false)).toHaveLength(racers.length - 1);
        const made = await Promise.all(racers.map((u) => b.getUser(u.id)));
        expect(made.filter((u) => u !== undefined).map((u) => u?.role)).toStrictEqual([
          'clinician',
        ]);
      });

      it('keeps one current programme when two assessments race', async () => {
        const [a, b] = stores;
        if (!a || !b) throw new Error('beforeAll opens three stores');
        const user = newUser('twice');
        await a.createUser(user);
        const first = assessmentPair(user.id);
        const second = assessmentPair(user.id);
        await Promise.all([
          a.addAssessment(first.assessment, first.programme),
          b.addAssessment(second.assessment, second.programme),
        ]);
        const all = await a.listProgrammes(user.id, { limit: 10 });
        expect(all.items).toHaveLength(2);
        expect(all.items.filter((p) => p.current)).toHaveLength(1);
      });
    });
  },
);
