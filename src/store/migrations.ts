// Numbered database migrations as data, and the runner that applies the missing ones once, even under races.
import { sql, type Kysely, type RawBuilder } from 'kysely';

export type SqlDialect = 'sqlite' | 'postgres';

export interface Migration {
  /** Applied in ascending order; never renumber or edit one that has shipped, add a new one. */
  id: number;
  name: string;
  // Migrations describe tables that may not match today's `Database` type, hence the untyped Kysely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up: (db: Kysely<any>, dialect: SqlDialect) => Promise<void>;
}

/** Column types per dialect: JSON as text or jsonb, booleans as 0/1 or boolean. */
function columnTypes(dialect: SqlDialect) {
  const pg = dialect === 'postgres';
  return {
    // "C" collation on PostgreSQL: ids, dates and instants sort byte-wise, as in SQLite and in JS.
    key: pg ? sql`text collate "C"` : sql`text`,
    text: sql`text`,
    json: pg ? sql`jsonb` : sql`text`,
    bool: pg ? sql`boolean` : sql`integer`,
    real: pg ? sql`double precision` : sql`real`,
    int: sql`integer`,
  };
}

/** SQLite STRICT tables reject values of the wrong type, as PostgreSQL does. */
const strict = (dialect: SqlDialect): RawBuilder<unknown> =>
  dialect === 'sqlite' ? sql`strict` : sql``;

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'initial',
    async up(db, dialect) {
      const t = columnTypes(dialect);
      const end = strict(dialect);
      const isTrue =
        dialect === 'postgres'
          ? sql<boolean>`${sql.ref('current')}`
          : sql<boolean>`${sql.ref('current')} = 1`;

      await db.schema
        .createTable('users')
        .ifNotExists()
        .addColumn('id', t.key, (c) => c.primaryKey())
        // Stored lower-cased by the store, so a plain unique constraint is case-insensitive.
        .addColumn('email', t.text, (c) => c.notNull().unique())
        .addColumn('password_hash', t.text, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .modifyEnd(end)
        .execute();

      await db.schema
        .createTable('credentials')
        .ifNotExists()
        .addColumn('token_hash', t.text, (c) => c.primaryKey())
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('kind', t.text, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .addColumn('expires_at', t.key, (c) => c.notNull())
        .modifyEnd(end)
        .execute();
      await db.schema
        .createIndex('credentials_user_id')
        .ifNotExists()
        .on('credentials')
        .column('user_id')
        .execute();

      await db.schema
        .createTable('assessments')
        .ifNotExists()
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .addColumn('answers', t.json, (c) => c.notNull())
        .addColumn('result', t.json, (c) => c.notNull())
        .addColumn('knowledge_base', t.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('assessments_pk', ['user_id', 'id'])
        .modifyEnd(end)
        .execute();

      await db.schema
        .createTable('programmes')
        .ifNotExists()
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('assessment_id', t.key, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .addColumn('programme', t.json, (c) => c.notNull())
        .addColumn('state', t.json, (c) => c.notNull())
        .addColumn('paused', t.bool, (c) => c.notNull())
        .addColumn('paused_by', t.json)
        .addColumn('current', t.bool, (c) => c.notNull())
        .addColumn('revision', t.int, (c) => c.notNull())
        .addPrimaryKeyConstraint('programmes_pk', ['user_id', 'id'])
        .modifyEnd(end)
        .execute();
      // At most one current programme a person: a bug or race that makes two fails loudly instead.
      await db.schema
        .createIndex('programmes_one_current')
        .ifNotExists()
        .on('programmes')
        .column('user_id')
        .unique()
        .where(isTrue)
        .execute();

      await db.schema
        .createTable('session_logs')
        .ifNotExists()
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('programme_id', t.key, (c) => c.notNull())
        .addColumn('date', t.key, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .addColumn('entries', t.json, (c) => c.notNull())
        .addColumn('programme_changes', t.json, (c) => c.notNull())
        .addColumn('warning_check_required', t.bool, (c) => c.notNull())
        .addPrimaryKeyConstraint('session_logs_pk', ['user_id', 'id'])
        .modifyEnd(end)
        .execute();
      await db.schema
        .createIndex('session_logs_user_date')
        .ifNotExists()
        .on('session_logs')
        .columns(['user_id', 'date'])
        .execute();

      await db.schema
        .createTable('checkins')
        .ifNotExists()
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('date', t.key, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .addColumn('pain_now', t.real, (c) => c.notNull())
        .addColumn('pain_areas', t.json, (c) => c.notNull())
        .addColumn('leg_side', t.text, (c) => c.notNull())
        .addColumn('warning_signs', t.json, (c) => c.notNull())
        .addColumn('sitting_hours', t.real)
        .addColumn('walking_breaks', t.real)
        .addColumn('triage', t.json)
        .addColumn('programme_paused', t.bool, (c) => c.notNull())
        .addPrimaryKeyConstraint('checkins_pk', ['user_id', 'id'])
        .modifyEnd(end)
        .execute();

      await db.schema
        .createTable('measurements')
        .ifNotExists()
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('date', t.key, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .addColumn('kind', t.text, (c) => c.notNull())
        .addColumn('side', t.text)
        .addColumn('value', t.real, (c) => c.notNull())
        .addPrimaryKeyConstraint('measurements_pk', ['user_id', 'id'])
        .modifyEnd(end)
        .execute();

      await db.schema
        .createTable('audit')
        .ifNotExists()
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('at', t.key, (c) => c.notNull())
        .addColumn('actor', t.text, (c) => c.notNull())
        .addColumn('action', t.text, (c) => c.notNull())
        .addColumn('resource', t.text, (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_pk', ['user_id', 'id'])
        .modifyEnd(end)
        .execute();

      await db.schema
        .createTable('login_failures')
        .ifNotExists()
        .addColumn('key', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('at', t.key, (c) => c.notNull())
        .addPrimaryKeyConstraint('login_failures_pk', ['key', 'id'])
        .modifyEnd(end)
        .execute();
      await db.schema
        .createIndex('login_failures_key_at')
        .ifNotExists()
        .on('login_failures')
        .columns(['key', 'at'])
        .execute();
    },
  },
  {
    id: 2,
    name: 'checkin-client-id',
    async up(db, dialect) {
      // The id a device gives a check-in, so one sent twice (an offline queue, a retry) is stored once.
      // SQLite has no ADD COLUMN IF NOT EXISTS, so the column is looked up first: safe to re-run.
      const found =
        dialect === 'postgres'
          ? await sql<{ name: string }>`select column_name as name from information_schema.columns
              where table_schema = current_schema() and table_name = 'checkins' and column_name = 'client_id'`.execute(
              db,
            )
          : await sql<{
              name: string;
            }>`select name from pragma_table_info('checkins') where name = 'client_id'`.execute(db);
      if (found.rows.length === 0) {
        await db.schema
          .alterTable('checkins')
          .addColumn('client_id', sql`text`)
          .execute();
      }
      // NULLs never collide in a unique index (SQLite and PostgreSQL), so check-ins without one are unaffected.
      await db.schema
        .createIndex('checkins_user_client_id')
        .ifNotExists()
        .on('checkins')
        .columns(['user_id', 'client_id'])
        .unique()
        .execute();
    },
  },
  {
    id: 3,
    name: 'session-log-client-id',
    async up(db, dialect) {
      // The id a device gives an exercise session, so one queued offline and sent again is stored once.
      // As in migration 2, the column is looked up first (SQLite has no ADD COLUMN IF NOT EXISTS): safe to re-run.
      const found =
        dialect === 'postgres'
          ? await sql<{ name: string }>`select column_name as name from information_schema.columns
              where table_schema = current_schema() and table_name = 'session_logs' and column_name = 'client_id'`.execute(
              db,
            )
          : await sql<{
              name: string;
            }>`select name from pragma_table_info('session_logs') where name = 'client_id'`.execute(
              db,
            );
      if (found.rows.length === 0) {
        await db.schema
          .alterTable('session_logs')
          .addColumn('client_id', sql`text`)
          .execute();
      }
      // NULLs never collide in a unique index (SQLite and PostgreSQL), so sessions without one are unaffected.
      await db.schema
        .createIndex('session_logs_user_client_id')
        .ifNotExists()
        .on('session_logs')
        .columns(['user_id', 'client_id'])
        .unique()
        .execute();
    },
  },
  {
    id: 4,
    name: 'checkin-warning-only',
    async up(db, dialect) {
      // A check-in may carry only warning signs (an emergency or urgent answer is stored as it is
      // given, nothing else required), so its pain answers may be missing: null, never made up.
      if (dialect === 'postgres') {
        await sql`alter table checkins alter column pain_now drop not null,
          alter column pain_areas drop not null, alter column leg_side drop not null`.execute(db);
        return;
      }
      // SQLite cannot drop NOT NULL in place: the table is rebuilt inside the migration's transaction.
      const cols = await sql<{
        name: string;
        notnull: number;
      }>`select name, "notnull" from pragma_table_info('checkins')`.execute(db);
      if (!cols.rows.some((c) => c.name === 'pain_now' && c.notnull === 1)) return;
      const t = columnTypes(dialect);
      await db.schema
        .createTable('checkins_next')
        .addColumn('user_id', t.key, (c) => c.notNull())
        .addColumn('id', t.key, (c) => c.notNull())
        .addColumn('date', t.key, (c) => c.notNull())
        .addColumn('created_at', t.key, (c) => c.notNull())
        .addColumn('pain_now', t.real)
        .addColumn('pain_areas', t.json)
        .addColumn('leg_side', t.text)
        .addColumn('warning_signs', t.json, (c) => c.notNull())
        .addColumn('sitting_hours', t.real)
        .addColumn('walking_breaks', t.real)
        .addColumn('triage', t.json)
        .addColumn('programme_paused', t.bool, (c) => c.notNull())
        .addColumn('client_id', t.text)
        .addPrimaryKeyConstraint('checkins_pk', ['user_id', 'id'])
        .modifyEnd(strict(dialect))
        .execute();
      await sql`insert into checkins_next (user_id, id, date, created_at, pain_now, pain_areas,
          leg_side, warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
        select user_id, id, date, created_at, pain_now, pain_areas, leg_side, warning_signs,
          sitting_hours, walking_breaks, triage, programme_paused, client_id from checkins`.execute(
        db,
      );
      await db.schema.dropTable('checkins').execute();
      await db.schema.alterTable('checkins_next').renameTo('checkins').execute();
      await db.schema
        .createIndex('checkins_user_client_id')
        .on('checkins')
        .columns(['user_id', 'client_id'])
        .unique()
        .execute();
    },
  },
  {
    id: 5,
    name: 'person-foreign-keys-audit-tokens-limits',
    async up(db, dialect) {
      // Every person table refers to its person, so deleting the user removes every row (ON DELETE
      // CASCADE) and no write can leave a row behind for someone who is gone. Rows already orphaned
      // (a write that raced a deletion before this migration) are removed first. In the same step:
      // client ids for assessments and measurements, the audit trail's credential, address, resource
      // id and outcome, token names, scopes and last use, login limits per (account, address), and the
      // erasure records that outlive a deleted account.
      if (dialect === 'postgres') await personForeignKeysPostgres(db);
      else await personForeignKeysSqlite(db);
    },
  },
  {
    id: 6,
    name: 'session-log-sitting-id',
    async up(db, dialect) {
      // The sitting a log belongs to: the player logs each exercise as it ends, and a sitting is every
      // log with one id. Looked up first, as in migration 3, so it is safe to re-run.
      const found =
        dialect === 'postgres'
          ? await sql<{ name: string }>`select column_name as name from information_schema.columns
              where table_schema = current_schema() and table_name = 'session_logs' and column_name = 'sitting_id'`.execute(
              db,
            )
          : await sql<{
              name: string;
            }>`select name from pragma_table_info('session_logs') where name = 'sitting_id'`.execute(
              db,
            );
      if (found.rows.length === 0) {
        await db.schema
          .alterTable('session_logs')
          .addColumn('sitting_id', sql`text`)
          .execute();
      }
      await db.schema
        .createIndex('session_logs_user_sitting_id')
        .ifNotExists()
        .on('session_logs')
        .columns(['user_id', 'sitting_id'])
        .execute();
    },
  },
  {
    id: 7,
    name: 'clinicians-links-versions-outcomes',
    async up(db, dialect) {
      // The clinician side (docs/clinician.md): accounts get a role and a display name; operators'
      // sign-up codes; clinicians' invitations; the links people make by accepting them; the versions
      // of a programme; outcome measures and their schedule. Every table is created only when missing
      // and the users' columns are looked up first, so it is safe to re-run.
      await clinicianTables(db, dialect);
    },
  },
  {
    id: 8,
    name: 'rows-together-by-person',
    async up(db, dialect) {
      // Reads bounded by what they show (issue 11): progress and exports read one person's rows by
      // date, so those rows are kept together and in that order. SQLite: check-ins and measurements
      // become WITHOUT ROWID tables keyed (user_id, date, created_at, id), so a person's rows share
      // pages instead of lying among everyone's; session logs, outcomes and assessments get an index in
      // that order. PostgreSQL: the same order as indexes that hold what progress reads (INCLUDE), so
      // it reads them by index-only scans (CLUSTER would order the table once, and new rows would not
      // follow it). A summary of a person's older progress, kept to spare reading it again, gets its
      // table. Every step checks first, so it is safe to re-run.
      if (dialect === 'postgres') await rowOrderPostgres(db);
      else await rowOrderSqlite(db);
      const t = columnTypes(dialect);
      await db.schema
        .createTable('progress_history')
        .ifNotExists()
        .addColumn('user_id', t.key, (c) =>
          c.primaryKey().notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('updated_at', t.key, (c) => c.notNull())
        .addColumn('summary', t.json, (c) => c.notNull())
        .modifyEnd(strict(dialect))
        .execute();
    },
  },
];

/** The tables migration 8 rebuilds on SQLite, keyed by person, date, creation time and id. */
const ROWS_BY_DATE_SQLITE = {
  checkins: {
    columns: `user_id text not null references users (id) on delete cascade, id text not null,
      date text not null, created_at text not null, pain_now real, pain_areas text, leg_side text,
      warning_signs text not null, sitting_hours real, walking_breaks real, triage text,
      programme_paused integer not null, client_id text`,
    copy: `user_id, id, date, created_at, pain_now, pain_areas, leg_side, warning_signs,
      sitting_hours, walking_breaks, triage, programme_paused, client_id`,
  },
  measurements: {
    columns: `user_id text not null references users (id) on delete cascade, id text not null,
      date text not null, created_at text not null, kind text not null, side text,
      value real not null, client_id text`,
    copy: 'user_id, id, date, created_at, kind, side, value, client_id',
  },
} as const;

/** Migration 8 on SQLite (see there). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rowOrderSqlite(db: Kysely<any>): Promise<void> {
  for (const [table, { columns, copy }] of Object.entries(ROWS_BY_DATE_SQLITE)) {
    const listed = await sql<{ wr: number }>`select wr from pragma_table_list(${table})`.execute(
      db,
    );
    if (listed.rows[0]?.wr === 1) continue;
    // As migrations 4 and 5 did: a new table, the rows copied in key order, the old one dropped.
    await sql
      .raw(
        `create table ${table}_next (${columns},
          constraint ${table}_pk primary key (user_id, date, created_at, id)) without rowid, strict`,
      )
      .execute(db);
    await sql
      .raw(
        `insert into ${table}_next (${copy}) select ${copy} from ${table}
          order by user_id, date, created_at, id`,
      )
      .execute(db);
    await sql.raw(`drop table ${table}`).execute(db);
    await sql.raw(`alter table ${table}_next rename to ${table}`).execute(db);
    // The id is unique per person, as the old primary key made it; so is a device's client id.
    await sql.raw(`create unique index ${table}_user_id on ${table} (user_id, id)`).execute(db);
    await sql
      .raw(`create unique index ${table}_user_client_id on ${table} (user_id, client_id)`)
      .execute(db);
  }
  await sql`drop index if exists session_logs_user_date`.execute(db);
  await sql`create index if not exists session_logs_user_order
    on session_logs (user_id, date, created_at, id, sitting_id)`.execute(db);
  // Whether a sitting has logs before a date: its logs by sitting id, with their dates.
  await sql`drop index if exists session_logs_user_sitting_id`.execute(db);
  await sql`create index session_logs_user_sitting_id
    on session_logs (user_id, sitting_id, date)`.execute(db);
  await sql`create index if not exists outcomes_user_order
    on outcomes (user_id, date, created_at, id)`.execute(db);
  await sql`create index if not exists assessments_user_order
    on assessments (user_id, created_at, id)`.execute(db);
}

/** Migration 8 on PostgreSQL (see there). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rowOrderPostgres(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists checkins_user_order
    on checkins (user_id, date, created_at, id) include (pain_now, pain_areas)`.execute(db);
  await sql`create index if not exists measurements_user_order
    on measurements (user_id, date, created_at, id) include (kind, side, value)`.execute(db);
  await sql`drop index if exists session_logs_user_date`.execute(db);
  await sql`create index if not exists session_logs_user_order
    on session_logs (user_id, date, created_at, id) include (sitting_id)`.execute(db);
  await sql`drop index if exists session_logs_user_sitting_id`.execute(db);
  await sql`create index session_logs_user_sitting_id
    on session_logs (user_id, sitting_id, date)`.execute(db);
  await sql`create index if not exists outcomes_user_order
    on outcomes (user_id, date, created_at, id)`.execute(db);
  await sql`create index if not exists assessments_user_order
    on assessments (user_id, created_at, id)`.execute(db);
}

/** Whether a table has a column (SQLite has no ADD COLUMN IF NOT EXISTS). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function hasColumn(db: Kysely<any>, dialect: SqlDialect, table: string, column: string) {
  const found =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select name from pragma_table_info(${table}) where name = ${column}`.execute(db);
  return found.rows.length > 0;
}

/** Migration 7: roles, and the tables of the clinician side, on either dialect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function clinicianTables(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const t = columnTypes(dialect);
  const end = strict(dialect);
  if (!(await hasColumn(db, dialect, 'users', 'role'))) {
    // Everyone before this migration was a person; the check keeps a typo from making a third kind.
    await db.schema
      .alterTable('users')
      .addColumn('role', t.text, (c) =>
        c
          .notNull()
          .defaultTo('person')
          .check(sql`role in ('person', 'clinician')`),
      )
      .execute();
  }
  if (!(await hasColumn(db, dialect, 'users', 'display_name'))) {
    await db.schema.alterTable('users').addColumn('display_name', t.text).execute();
  }

  // Not a person's data: kept after the clinician made with one is deleted, naming nobody then.
  await db.schema
    .createTable('clinician_codes')
    .ifNotExists()
    .addColumn('code_hash', t.key, (c) => c.primaryKey())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('expires_at', t.key, (c) => c.notNull())
    .addColumn('used_at', t.key)
    .addColumn('used_by', t.key, (c) => c.references('users.id').onDelete('set null'))
    .modifyEnd(end)
    .execute();

  // Keyed by the clinician: until accepted an invitation names no person. Deleting the clinician
  // removes them; deleting the person who accepted one forgets who it was.
  await db.schema
    .createTable('invitations')
    .ifNotExists()
    .addColumn('clinician_id', t.key, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', t.key, (c) => c.notNull())
    .addColumn('code_hash', t.key, (c) => c.notNull().unique())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('expires_at', t.key, (c) => c.notNull())
    .addColumn('used_at', t.key)
    .addColumn('used_by', t.key, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cancelled_at', t.key)
    .addPrimaryKeyConstraint('invitations_pk', ['clinician_id', 'id'])
    .modifyEnd(end)
    .execute();

  // Keyed by the person, who owns the link: it goes with the person's account. When the clinician's
  // account goes, the link is ended and kept (the person's record of who could see what, and when),
  // so clinician_id has no foreign key.
  await db.schema
    .createTable('care_links')
    .ifNotExists()
    .addColumn('user_id', t.key, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', t.key, (c) => c.notNull())
    .addColumn('clinician_id', t.key, (c) => c.notNull())
    .addColumn('invitation_id', t.key, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull().check(sql`status in ('active', 'ended')`))
    .addColumn('ended_at', t.key)
    .addColumn('ended_by', t.text)
    .addColumn('last_viewed_at', t.key)
    .addPrimaryKeyConstraint('care_links_pk', ['user_id', 'id'])
    .modifyEnd(end)
    .execute();
  // A clinician's list of people.
  await db.schema
    .createIndex('care_links_clinician_id')
    .ifNotExists()
    .on('care_links')
    .column('clinician_id')
    .execute();
  // At most one active link between a person and a clinician: a race that makes two fails loudly.
  await db.schema
    .createIndex('care_links_one_active')
    .ifNotExists()
    .on('care_links')
    .columns(['user_id', 'clinician_id'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('programme_versions')
    .ifNotExists()
    .addColumn('user_id', t.key, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', t.key, (c) => c.notNull())
    .addColumn('programme_id', t.key, (c) => c.notNull())
    .addColumn('number', t.int, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('author_role', t.text, (c) => c.notNull())
    .addColumn('author_id', t.key)
    .addColumn('author_name', t.text)
    .addColumn('changes', t.json, (c) => c.notNull())
    .addColumn('note', t.text)
    .addColumn('programme', t.json, (c) => c.notNull())
    .addColumn('seen_at', t.key)
    .addPrimaryKeyConstraint('programme_versions_pk', ['user_id', 'id'])
    .modifyEnd(end)
    .execute();
  // Two changes both based on one version would make the same number: the second fails.
  await db.schema
    .createIndex('programme_versions_number')
    .ifNotExists()
    .on('programme_versions')
    .columns(['user_id', 'programme_id', 'number'])
    .unique()
    .execute();

  await db.schema
    .createTable('outcomes')
    .ifNotExists()
    .addColumn('user_id', t.key, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', t.key, (c) => c.notNull())
    .addColumn('instrument', t.text, (c) => c.notNull())
    .addColumn('date', t.key, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('answers', t.json, (c) => c.notNull())
    .addColumn('score', t.real, (c) => c.notNull())
    .addColumn('entered_by', t.key, (c) => c.notNull())
    .addColumn('schedule_id', t.key)
    .addColumn('client_id', t.text)
    .addPrimaryKeyConstraint('outcomes_pk', ['user_id', 'id'])
    .modifyEnd(end)
    .execute();
  // NULLs never collide in a unique index, so outcomes sent without a client id are unaffected.
  await db.schema
    .createIndex('outcomes_user_client_id')
    .ifNotExists()
    .on('outcomes')
    .columns(['user_id', 'client_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('outcome_schedule')
    .ifNotExists()
    .addColumn('user_id', t.key, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('id', t.key, (c) => c.notNull())
    .addColumn('instrument', t.text, (c) => c.notNull())
    .addColumn('due_date', t.key, (c) => c.notNull())
    .addColumn('created_at', t.key, (c) => c.notNull())
    .addColumn('created_by', t.key, (c) => c.notNull())
    .addColumn('done_outcome_id', t.key)
    .addColumn('cancelled_at', t.key)
    .addPrimaryKeyConstraint('outcome_schedule_pk', ['user_id', 'id'])
    .modifyEnd(end)
    .execute();
}

/** The person tables, in the order migration 5 gives them foreign keys. */
const PERSON_TABLES_5 = [
  'credentials',
  'assessments',
  'programmes',
  'session_logs',
  'checkins',
  'measurements',
  'audit',
] as const;

/** The tables created by migration 5 that are the same on both dialects but for column types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function limitAndErasureTables(db: Kysely<any>, dialect: SqlDialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.dropTable('login_failures').ifExists().execute();
  await db.schema
    .createTable('login_limits')
    .ifNotExists()
    .addColumn('scope', t.key, (c) => c.notNull())
    .addColumn('account', t.key, (c) => c.notNull())
    .addColumn('address', t.key, (c) => c.notNull())
    .addColumn('count', t.int, (c) => c.notNull())
    .addColumn('window_start', t.key, (c) => c.notNull())
    .addColumn('blocked_until', t.key)
    .addPrimaryKeyConstraint('login_limits_pk', ['scope', 'account', 'address'])
    .modifyEnd(strict(dialect))
    .execute();
  // deleteUser removes an account's limits by its email.
  await db.schema
    .createIndex('login_limits_account')
    .ifNotExists()
    .on('login_limits')
    .column('account')
    .execute();
  await db.schema
    .createTable('erasures')
    .ifNotExists()
    .addColumn('id', t.key, (c) => c.primaryKey())
    .addColumn('subject_hash', t.text, (c) => c.notNull())
    .addColumn('at', t.key, (c) => c.notNull())
    .addColumn('requested_by', t.text, (c) => c.notNull())
    .modifyEnd(strict(dialect))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function personForeignKeysPostgres(db: Kysely<any>): Promise<void> {
  await sql`alter table assessments add column if not exists client_id text`.execute(db);
  await sql`alter table measurements add column if not exists client_id text`.execute(db);
  for (const table of ['assessments', 'measurements']) {
    await db.schema
      .createIndex(`${table}_user_client_id`)
      .ifNotExists()
      .on(table)
      .columns(['user_id', 'client_id'])
      .unique()
      .execute();
  }
  await sql`alter table audit add column if not exists resource_id text,
    add column if not exists credential_kind text, add column if not exists credential_id text,
    add column if not exists address text, add column if not exists outcome text`.execute(db);
  await sql`alter table credentials add column if not exists id text collate "C",
    add column if not exists name text, add column if not exists scopes jsonb,
    add column if not exists last_used_at text collate "C"`.execute(db);
  await sql`update credentials set id = substr(md5(random()::text || clock_timestamp()::text || token_hash), 1, 26)
    where id is null`.execute(db);
  await sql`update credentials set scopes = case when kind = 'token'
    then '["read","write","export"]'::jsonb else '[]'::jsonb end where scopes is null`.execute(db);
  await sql`alter table credentials alter column id set not null, alter column scopes set not null`.execute(
    db,
  );
  await db.schema
    .createIndex('credentials_id')
    .ifNotExists()
    .on('credentials')
    .column('id')
    .unique()
    .execute();
  for (const table of PERSON_TABLES_5) {
    await sql`delete from ${sql.table(table)} t where not exists
      (select 1 from users u where u.id = t.user_id)`.execute(db);
    const constraint = `${table}_user_fk`;
    const found = await sql<{ name: string }>`select conname as name from pg_constraint
      where conname = ${constraint} and conrelid = ${table}::regclass`.execute(db);
    if (found.rows.length === 0) {
      await sql`alter table ${sql.table(table)} add constraint ${sql.id(constraint)}
        foreign key (user_id) references users (id) on delete cascade`.execute(db);
    }
  }
  await limitAndErasureTables(db, 'postgres');
}

/**
 * SQLite cannot add a foreign key to a table: each person table is rebuilt with it, inside the
 * migration's transaction (as migration 4 did), copying only rows whose person exists. A table that
 * already has its foreign key is left alone, so this is safe to re-run.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function personForeignKeysSqlite(db: Kysely<any>): Promise<void> {
  const person = 'user_id text not null references users (id) on delete cascade';
  const rebuilds: Record<(typeof PERSON_TABLES_5)[number], { create: string; copy: string }> = {
    credentials: {
      create: `token_hash text not null primary key, id text not null, ${person}, kind text not null,
        created_at text not null, expires_at text not null, name text, scopes text not null,
        last_used_at text`,
      copy: `token_hash, lower(hex(randomblob(13))), user_id, kind, created_at, expires_at, null,
        case when kind = 'token' then '["read","write","export"]' else '[]' end, null`,
    },
    assessments: {
      create: `${person}, id text not null, created_at text not null, answers text not null,
        result text not null, knowledge_base text not null, client_id text,
        constraint assessments_pk primary key (user_id, id)`,
      copy: 'user_id, id, created_at, answers, result, knowledge_base, null',
    },
    programmes: {
      create: `${person}, id text not null, assessment_id text not null, created_at text not null,
        programme text not null, state text not null, paused integer not null, paused_by text,
        current integer not null, revision integer not null,
        constraint programmes_pk primary key (user_id, id)`,
      copy: `user_id, id, assessment_id, created_at, programme, state, paused, paused_by, current,
        revision`,
    },
    session_logs: {
      create: `${person}, id text not null, programme_id text not null, date text not null,
        created_at text not null, entries text not null, programme_changes text not null,
        warning_check_required integer not null, client_id text,
        constraint session_logs_pk primary key (user_id, id)`,
      copy: `user_id, id, programme_id, date, created_at, entries, programme_changes,
        warning_check_required, client_id`,
    },
    checkins: {
      create: `${person}, id text not null, date text not null, created_at text not null,
        pain_now real, pain_areas text, leg_side text, warning_signs text not null,
        sitting_hours real, walking_breaks real, triage text, programme_paused integer not null,
        client_id text, constraint checkins_pk primary key (user_id, id)`,
      copy: `user_id, id, date, created_at, pain_now, pain_areas, leg_side, warning_signs,
        sitting_hours, walking_breaks, triage, programme_paused, client_id`,
    },
    measurements: {
      create: `${person}, id text not null, date text not null, created_at text not null,
        kind text not null, side text, value real not null, client_id text,
        constraint measurements_pk primary key (user_id, id)`,
      copy: 'user_id, id, date, created_at, kind, side, value, null',
    },
    audit: {
      create: `${person}, id text not null, at text not null, actor text not null,
        action text not null, resource text not null, resource_id text, credential_kind text,
        credential_id text, address text, outcome text,
        constraint audit_pk primary key (user_id, id)`,
      copy: 'user_id, id, at, actor, action, resource, null, null, null, null, null',
    },
  };
  const indexes: Record<(typeof PERSON_TABLES_5)[number], string[]> = {
    credentials: [
      'create index credentials_user_id on credentials (user_id)',
      'create unique index credentials_id on credentials (id)',
    ],
    assessments: [
      'create unique index assessments_user_client_id on assessments (user_id, client_id)',
    ],
    programmes: [
      'create unique index programmes_one_current on programmes (user_id) where current = 1',
    ],
    session_logs: [
      'create index session_logs_user_date on session_logs (user_id, date)',
      'create unique index session_logs_user_client_id on session_logs (user_id, client_id)',
    ],
    checkins: ['create unique index checkins_user_client_id on checkins (user_id, client_id)'],
    measurements: [
      'create unique index measurements_user_client_id on measurements (user_id, client_id)',
    ],
    audit: [],
  };
  for (const table of PERSON_TABLES_5) {
    const fks = await sql<{
      table: string;
    }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
    if (fks.rows.length > 0) continue;
    const { create, copy } = rebuilds[table];
    await sql.raw(`create table ${table}_next (${create}) strict`).execute(db);
    await sql
      .raw(
        `insert into ${table}_next select ${copy} from ${table} where user_id in (select id from users)`,
      )
      .execute(db);
    await sql.raw(`drop table ${table}`).execute(db);
    await sql.raw(`alter table ${table}_next rename to ${table}`).execute(db);
    for (const index of indexes[table]) await sql.raw(index).execute(db);
  }
  await limitAndErasureTables(db, 'sqlite');
}

/** Any constant works; it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK = 0x6261636b; // "back"

/** The newest migration this code knows; a database beyond it was made by a newer Backchain. */
export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.id));

export interface MigrateOptions {
  /** PostgreSQL only: a schema to create (under the lock) before migrating into it. */
  schema?: string | undefined;
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in order, in one transaction.
 * Safe to run twice and from several processes at once: PostgreSQL takes an advisory lock, SQLite
 * begins with an immediate (write) lock, so the second process waits and then finds nothing to do.
 * Returns the ids it applied.
 */
export async function migrate(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  dialect: SqlDialect,
  opts: MigrateOptions = {},
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  // One pinned connection, because the lock and the transaction must be on the same one.
  return db.connection().execute(async (conn) => {
    await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK)})`.execute(conn);
        // CREATE SCHEMA IF NOT EXISTS races between sessions, so it waits for the lock too.
        if (opts.schema)
          await sql`create schema if not exists ${sql.id(opts.schema)}`.execute(conn);
      }
      await conn.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('id', sql`integer`, (c) => c.primaryKey())
        .addColumn('name', sql`text`, (c) => c.notNull())
        .addColumn('applied_at', sql`text`, (c) => c.notNull())
        .execute();
      const rows = await sql<{
        id: number | string;
      }>`select id from schema_migrations`.execute(conn);
      const done = new Set(rows.rows.map((r) => Number(r.id)));
      const newer = [...done].filter((id) => !migrations.some((m) => m.id === id));
      if (newer.length > 0) {
        throw new Error(
          `the database has migrations this version does not know (${newer.join(', ')}): it was made by a newer Backchain`,
        );
      }
      const applied: number[] = [];
      for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
        if (done.has(m.id)) continue;
        await m.up(conn, dialect);
        await sql`insert into schema_migrations (id, name, applied_at) values (${m.id}, ${m.name}, ${new Date().toISOString()})`.execute(
          conn,
        );
        applied.push(m.id);
      }
      await sql.raw('commit').execute(conn);
      return applied;
    } catch (e) {
      await sql.raw('rollback').execute(conn);
      throw e;
    }
  });
}
