// The SQL store: one set of Kysely queries for SQLite and PostgreSQL; dialect differences live in row mapping.
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type ColumnType,
  type InsertResult,
  type Selectable,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { restoreProgrammeState } from '../engine/session.js';
import { newId } from './ids.js';
import { accountFailureKey, normalizeEmail } from './keys.js';
import { migrate, type SqlDialect } from './migrations.js';
import { checkPage, pageFrom } from './paging.js';
import type {
  AssessmentRecord,
  AuditRecord,
  CheckinRecord,
  CredentialRecord,
  MeasurementRecord,
  Page,
  PageRequest,
  ProgrammeRecord,
  ProgrammeUpdate,
  RowCounts,
  SessionLogRecord,
  Store,
} from './types.js';

/** JSON holding a T: written as text; read back as text (SQLite) or already parsed (PostgreSQL jsonb). */
type Json<T> = ColumnType<T | string, string, string>;
type NullableJson<T> = ColumnType<T | string | null, string | null, string | null>;
/** Booleans: 0/1 on SQLite, boolean on PostgreSQL. */
type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  created_at: string;
}

export interface CredentialsTable {
  token_hash: string;
  user_id: string;
  kind: CredentialRecord['kind'];
  created_at: string;
  expires_at: string;
}

export interface AssessmentsTable {
  user_id: string;
  id: string;
  created_at: string;
  answers: Json<AssessmentRecord['answers']>;
  result: Json<AssessmentRecord['result']>;
  knowledge_base: string;
}

export interface ProgrammesTable {
  user_id: string;
  id: string;
  assessment_id: string;
  created_at: string;
  programme: Json<ProgrammeRecord['programme']>;
  state: Json<ProgrammeRecord['state']>;
  paused: Bool;
  paused_by: NullableJson<NonNullable<ProgrammeRecord['pausedBy']>>;
  current: Bool;
  revision: number;
}

export interface SessionLogsTable {
  user_id: string;
  id: string;
  programme_id: string;
  date: string;
  created_at: string;
  entries: Json<SessionLogRecord['entries']>;
  programme_changes: Json<SessionLogRecord['programmeChanges']>;
  warning_check_required: Bool;
  /** Added by migration 3; unique per person when present. */
  client_id: string | null;
}

export interface CheckinsTable {
  user_id: string;
  id: string;
  date: string;
  created_at: string;
  pain_now: number | null;
  pain_areas: Json<NonNullable<CheckinRecord['painAreas']>> | null;
  leg_side: string | null;
  warning_signs: Json<CheckinRecord['warningSigns']>;
  sitting_hours: number | null;
  walking_breaks: number | null;
  triage: NullableJson<NonNullable<CheckinRecord['triage']>>;
  programme_paused: Bool;
  /** Added by migration 2; unique per person when present. */
  client_id: string | null;
}

export interface MeasurementsTable {
  user_id: string;
  id: string;
  date: string;
  created_at: string;
  kind: MeasurementRecord['kind'];
  side: MeasurementRecord['side'];
  value: number;
}

export interface AuditTable {
  user_id: string;
  id: string;
  at: string;
  actor: string;
  action: AuditRecord['action'];
  resource: string;
}

export interface LoginFailuresTable {
  key: string;
  id: string;
  at: string;
}

/** The tables as the queries see them (migrations.ts creates them). */
export interface Database {
  users: UsersTable;
  credentials: CredentialsTable;
  assessments: AssessmentsTable;
  programmes: ProgrammesTable;
  session_logs: SessionLogsTable;
  checkins: CheckinsTable;
  measurements: MeasurementsTable;
  audit: AuditTable;
  login_failures: LoginFailuresTable;
}

/** The person tables, keyed by user_id; `rowCounts` and `deleteUser` walk all of them. */
const PERSON_TABLES = [
  'assessments',
  'programmes',
  'session_logs',
  'checkins',
  'measurements',
  'audit',
] as const;
type PersonTableName = (typeof PERSON_TABLES)[number];

/** Thrown inside a transaction to roll it back when the compare-and-swap finds a newer revision. */
class RevisionConflict extends Error {}

/** Thrown inside a transaction to roll it back when the person already has a row (check-in, session log) with that client id. */
class DuplicateClientId extends Error {}

// Row mapping: the only place that knows how each dialect returns JSON and booleans.
const toJson = (value: unknown): string => JSON.stringify(value);
const toNullableJson = (value: unknown): string | null =>
  value === null ? null : JSON.stringify(value);
/** Stored JSON is ours, written from the same record type, so parsing gives that type back. */
function fromJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
function fromNullableJson<T>(value: T | string | null): T | null {
  return value === null ? null : fromJson(value);
}
const fromBool = (value: boolean | number): boolean => value === true || value === 1;

/** Creates the Store over an open Kysely instance whose tables have been migrated. */
export function createSqlStore(db: Kysely<Database>, kind: SqlDialect): Store {
  const bool = (value: boolean): boolean | number => (kind === 'sqlite' ? (value ? 1 : 0) : value);

  /** On PostgreSQL, serialises writers of one person's programmes; SQLite serialises all writers. */
  const lockPerson = async (trx: Transaction<Database>, userId: string): Promise<void> => {
    if (kind === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext(${'backchain:person:' + userId}))`.execute(
        trx,
      );
    }
  };

  /** The compare-and-swap: only the revision the update was computed from may be replaced. */
  const applyUpdate = async (
    trx: Transaction<Database>,
    userId: string,
    update: ProgrammeUpdate,
  ): Promise<void> => {
    const result = await trx
      .updateTable('programmes')
      .set({
        programme: toJson(update.programme),
        state: toJson(update.state),
        paused: bool(update.paused),
        paused_by: toNullableJson(update.pausedBy),
        revision: sql<number>`revision + 1`,
      })
      .where('user_id', '=', userId)
      .where('id', '=', update.id)
      .where('revision', '=', update.expectedRevision)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new RevisionConflict();
  };

  /** Runs a write that may carry a programme update; false (with everything rolled back) on conflict. */
  const withUpdate = async (
    userId: string,
    update: ProgrammeUpdate | undefined,
    insert: (trx: Transaction<Database>) => Promise<unknown>,
  ): Promise<boolean> => {
    try {
      await db.transaction().execute(async (trx) => {
        // The update goes first: on SQLite it takes the write lock at once, so the
        // transaction never has to upgrade a read lock (which fails instead of waiting).
        if (update) await applyUpdate(trx, userId, update);
        await insert(trx);
      });
      return true;
    } catch (e) {
      if (e instanceof RevisionConflict) return false;
      throw e;
    }
  };

  /**
   * Like `withUpdate`, for an insert that does nothing on a clash of (user_id, client_id):
   * 'duplicate', with the programme update rolled back too, when it inserted no row.
   */
  const withUpdateOnce = async (
    userId: string,
    update: ProgrammeUpdate | undefined,
    insert: (trx: Transaction<Database>) => Promise<InsertResult>,
  ): Promise<boolean | 'duplicate'> => {
    try {
      return await withUpdate(userId, update, async (trx) => {
        // Only a clash of (user_id, client_id) is a duplicate; a clash of the primary key still throws.
        // A concurrent insert of the same client id makes this wait for it, then do nothing.
        const result = await insert(trx);
        if (result.numInsertedOrUpdatedRows !== 1n) throw new DuplicateClientId();
      });
    } catch (e) {
      if (e instanceof DuplicateClientId) return 'duplicate';
      throw e;
    }
  };

  const count = async (query: Promise<{ n: string | number | bigint } | undefined>) =>
    Number((await query)?.n ?? 0);

  const toProgramme = (r: Selectable<ProgrammesTable>): ProgrammeRecord => ({
    userId: r.user_id,
    id: r.id,
    assessmentId: r.assessment_id,
    createdAt: r.created_at,
    programme: fromJson(r.programme),
    state: restoreProgrammeState(fromJson(r.state)),
    paused: fromBool(r.paused),
    pausedBy: fromNullableJson(r.paused_by),
    current: fromBool(r.current),
    revision: r.revision,
  });

  const toAssessment = (r: Selectable<AssessmentsTable>): AssessmentRecord => ({
    userId: r.user_id,
    id: r.id,
    createdAt: r.created_at,
    answers: fromJson(r.answers),
    result: fromJson(r.result),
    knowledgeBase: r.knowledge_base,
  });

  const toSessionLog = (r: Selectable<SessionLogsTable>): SessionLogRecord => ({
    userId: r.user_id,
    id: r.id,
    programmeId: r.programme_id,
    date: r.date,
    createdAt: r.created_at,
    entries: fromJson(r.entries),
    programmeChanges: fromJson(r.programme_changes),
    warningCheckRequired: fromBool(r.warning_check_required),
    clientId: r.client_id,
  });

  const toCheckin = (r: Selectable<CheckinsTable>): CheckinRecord => ({
    userId: r.user_id,
    id: r.id,
    date: r.date,
    createdAt: r.created_at,
    painNow: r.pain_now,
    painAreas: fromNullableJson(r.pain_areas),
    legSide: r.leg_side,
    warningSigns: fromJson(r.warning_signs),
    sittingHours: r.sitting_hours,
    walkingBreaks: r.walking_breaks,
    triage: fromNullableJson(r.triage),
    programmePaused: fromBool(r.programme_paused),
    clientId: r.client_id,
  });

  const toMeasurement = (r: Selectable<MeasurementsTable>): MeasurementRecord => ({
    userId: r.user_id,
    id: r.id,
    date: r.date,
    createdAt: r.created_at,
    kind: r.kind,
    side: r.side,
    value: r.value,
  });

  const toAudit = (r: Selectable<AuditTable>): AuditRecord => ({
    userId: r.user_id,
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    resource: r.resource,
  });

  /** One page of a person table, newest first; fetches one extra row to learn whether more exist. */
  const pageOf = async <T extends PersonTableName, R extends { id: string }>(
    table: T,
    userId: string,
    page: PageRequest,
    map: (row: Selectable<Database[T]>) => R,
  ): Promise<Page<R>> => {
    checkPage(page);
    // Widened to the union on purpose: Kysely cannot resolve a query over a generic table name.
    const name: PersonTableName = table;
    let query = db.selectFrom(name).selectAll().where('user_id', '=', userId);
    if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    // Kysely types a query over a union of tables as a blend of their rows; `table` is exactly T.
    return pageFrom((rows as unknown as Selectable<Database[T]>[]).map(map), page.limit);
  };

  return {
    kind,

    async createUser(user) {
      // Only an email clash is "taken"; an id clash is a bug and still throws.
      const result = await db
        .insertInto('users')
        .values({
          id: user.id,
          email: normalizeEmail(user.email),
          password_hash: user.passwordHash,
          created_at: user.createdAt,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return result.numInsertedOrUpdatedRows === 1n;
    },

    async getUser(id) {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return (
        r && { id: r.id, email: r.email, passwordHash: r.password_hash, createdAt: r.created_at }
      );
    },

    async getUserByEmail(email) {
      const r = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', normalizeEmail(email))
        .executeTakeFirst();
      return (
        r && { id: r.id, email: r.email, passwordHash: r.password_hash, createdAt: r.created_at }
      );
    },

    async updatePasswordHash(userId, passwordHash) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', userId)
        .execute();
    },

    async deleteUser(userId) {
      await db.transaction().execute(async (trx) => {
        // A subquery rather than reading the email first: every statement writes, so SQLite
        // takes its write lock at the first one and the transaction cannot be refused midway.
        await trx
          .deleteFrom('login_failures')
          .where('key', '=', (eb) =>
            eb
              .selectFrom('users')
              .select(sql<string>`${'account:'} || email`.as('key'))
              .where('id', '=', userId),
          )
          .execute();
        await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
        for (const table of PERSON_TABLES) {
          await trx.deleteFrom(table).where('user_id', '=', userId).execute();
        }
        await trx.deleteFrom('users').where('id', '=', userId).execute();
      });
    },

    async addCredential(c) {
      await db
        .insertInto('credentials')
        .values({
          token_hash: c.tokenHash,
          user_id: c.userId,
          kind: c.kind,
          created_at: c.createdAt,
          expires_at: c.expiresAt,
        })
        .execute();
    },

    async getCredential(tokenHash) {
      const r = await db
        .selectFrom('credentials')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        r && {
          tokenHash: r.token_hash,
          userId: r.user_id,
          kind: r.kind,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
        }
      );
    },

    async deleteCredential(tokenHash) {
      await db.deleteFrom('credentials').where('token_hash', '=', tokenHash).execute();
    },

    async deleteCredentialsOf(userId, kinds, exceptTokenHash) {
      // `in ()` is not valid SQL, and no kinds means nothing to revoke.
      if (kinds.length === 0) return;
      let query = db
        .deleteFrom('credentials')
        .where('user_id', '=', userId)
        .where('kind', 'in', kinds);
      if (exceptTokenHash !== undefined) query = query.where('token_hash', '!=', exceptTokenHash);
      await query.execute();
    },

    async addAssessment(assessment, programme) {
      if (assessment.userId !== programme.userId) {
        throw new Error('addAssessment: assessment and programme of different people');
      }
      await db.transaction().execute(async (trx) => {
        await lockPerson(trx, assessment.userId);
        await trx
          .insertInto('assessments')
          .values({
            user_id: assessment.userId,
            id: assessment.id,
            created_at: assessment.createdAt,
            answers: toJson(assessment.answers),
            result: toJson(assessment.result),
            knowledge_base: assessment.knowledgeBase,
          })
          .execute();
        await trx
          .updateTable('programmes')
          .set({ current: bool(false) })
          .where('user_id', '=', programme.userId)
          .where('current', '=', bool(true))
          .execute();
        await trx
          .insertInto('programmes')
          .values({
            user_id: programme.userId,
            id: programme.id,
            assessment_id: programme.assessmentId,
            created_at: programme.createdAt,
            programme: toJson(programme.programme),
            state: toJson(programme.state),
            paused: bool(programme.paused),
            paused_by: toNullableJson(programme.pausedBy),
            // The newest programme is the current one, whatever the record said.
            current: bool(true),
            revision: programme.revision,
          })
          .execute();
      });
    },

    async getAssessment(userId, id) {
      const r = await db
        .selectFrom('assessments')
        .selectAll()
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toAssessment(r);
    },

    listAssessments: (userId, page) => pageOf('assessments', userId, page, toAssessment),

    async latestAssessment(userId) {
      const r = await db
        .selectFrom('assessments')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toAssessment(r);
    },

    async getCurrentProgramme(userId) {
      const r = await db
        .selectFrom('programmes')
        .selectAll()
        .where('user_id', '=', userId)
        .where('current', '=', bool(true))
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toProgramme(r);
    },

    listProgrammes: (userId, page) => pageOf('programmes', userId, page, toProgramme),

    addSessionLog: (log, update) =>
      withUpdateOnce(log.userId, update, (trx) =>
        trx
          .insertInto('session_logs')
          .values({
            user_id: log.userId,
            id: log.id,
            programme_id: log.programmeId,
            date: log.date,
            created_at: log.createdAt,
            entries: toJson(log.entries),
            programme_changes: toJson(log.programmeChanges),
            warning_check_required: bool(log.warningCheckRequired),
            client_id: log.clientId,
          })
          .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
          .executeTakeFirst(),
      ),

    async findSessionLogByClientId(userId, clientId) {
      const r = await db
        .selectFrom('session_logs')
        .selectAll()
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return r && toSessionLog(r);
    },

    listSessionLogs: (userId, page) => pageOf('session_logs', userId, page, toSessionLog),

    async sessionLogsSince(userId, date) {
      const rows = await db
        .selectFrom('session_logs')
        .selectAll()
        .where('user_id', '=', userId)
        .where('date', '>=', date)
        .orderBy('date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toSessionLog);
    },

    addCheckin: (c, update) =>
      withUpdateOnce(c.userId, update, (trx) =>
        trx
          .insertInto('checkins')
          .values({
            user_id: c.userId,
            id: c.id,
            date: c.date,
            created_at: c.createdAt,
            pain_now: c.painNow,
            pain_areas: c.painAreas === null ? null : toJson(c.painAreas),
            leg_side: c.legSide,
            warning_signs: toJson(c.warningSigns),
            sitting_hours: c.sittingHours,
            walking_breaks: c.walkingBreaks,
            triage: toNullableJson(c.triage),
            programme_paused: bool(c.programmePaused),
            client_id: c.clientId,
          })
          .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
          .executeTakeFirst(),
      ),

    async findCheckinByClientId(userId, clientId) {
      const r = await db
        .selectFrom('checkins')
        .selectAll()
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return r && toCheckin(r);
    },

    listCheckins: (userId, page) => pageOf('checkins', userId, page, toCheckin),

    async allCheckins(userId) {
      const rows = await db
        .selectFrom('checkins')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toCheckin);
    },

    async addMeasurement(m) {
      await db
        .insertInto('measurements')
        .values({
          user_id: m.userId,
          id: m.id,
          date: m.date,
          created_at: m.createdAt,
          kind: m.kind,
          side: m.side,
          value: m.value,
        })
        .execute();
    },

    listMeasurements: (userId, page) => pageOf('measurements', userId, page, toMeasurement),

    async allMeasurements(userId) {
      const rows = await db
        .selectFrom('measurements')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toMeasurement);
    },

    async addAudit(a) {
      await db
        .insertInto('audit')
        .values({
          user_id: a.userId,
          id: a.id,
          at: a.at,
          actor: a.actor,
          action: a.action,
          resource: a.resource,
        })
        .execute();
    },

    listAudit: (userId, page) => pageOf('audit', userId, page, toAudit),

    async recordLoginFailure(key, at) {
      await db
        .insertInto('login_failures')
        .values({ key, id: newId(new Date()), at })
        .execute();
    },

    countLoginFailures: (key, since) =>
      count(
        db
          .selectFrom('login_failures')
          .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
          .where('key', '=', key)
          .where('at', '>=', since)
          .executeTakeFirst(),
      ),

    async clearLoginFailures(key) {
      await db.deleteFrom('login_failures').where('key', '=', key).execute();
    },

    async rowCounts(userId) {
      const user = await db
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirst();
      const counts: RowCounts = { users: user ? 1 : 0 };
      counts.credentials = await count(
        db
          .selectFrom('credentials')
          .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      );
      for (const table of PERSON_TABLES) {
        counts[table] = await count(
          db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        );
      }
      counts.login_failures = user
        ? await count(
            db
              .selectFrom('login_failures')
              .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
              .where('key', '=', accountFailureKey(user.email))
              .executeTakeFirst(),
          )
        : 0;
      return counts;
    },

    async close() {
      await db.destroy();
    },
  };
}

/** A better-sqlite3 connection set up the way every Backchain connection must be. */
export function openSqliteConnection(file: string): BetterSqlite3.Database {
  const database = new BetterSqlite3(file);
  try {
    // The busy timeout first: it makes a second process wait for a lock instead of failing at
    // once, even while switching a new file to WAL. WAL lets backups and readers run beside writes.
    database.pragma('busy_timeout = 5000');
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
  } catch (e) {
    database.close();
    throw e;
  }
  return database;
}

/** Opens (creating if needed) a SQLite database file in WAL mode, migrated, as a Store. */
export async function openSqliteStore(file: string): Promise<Store> {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqliteConnection(file) }),
  });
  try {
    await migrate(db, 'sqlite');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return createSqlStore(db, 'sqlite');
}

/**
 * Schema names go into a connection option and DDL, so only plain lower-case identifiers are
 * accepted (search_path would fold upper case, while the quoted CREATE SCHEMA keeps it).
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a PostgreSQL store, migrated. With `schema`, the schema is created when missing and every
 * pooled connection uses it alone (search_path), so tests and tenants never see each other's rows.
 */
export async function openPostgresStore(
  url: string,
  opts: { schema?: string | undefined } = {},
): Promise<Store> {
  const { schema } = opts;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`not a plain PostgreSQL schema name: ${JSON.stringify(schema)}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    // Set at connection start-up, so no query can ever run before the search_path is in place.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, 'postgres', { schema });
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return createSqlStore(db, 'postgres');
}
