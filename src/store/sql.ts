// The SQL store: one set of Kysely queries for SQLite and PostgreSQL; dialect differences live in row mapping.
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool as PgPool } from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import {
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type ColumnType,
  type CompiledQuery,
  type QueryResult,
  type PostgresPool,
  type PostgresPoolClient,
  type RawBuilder,
  type Selectable,
  type SqliteDatabase,
} from 'kysely';
import {
  ASSESSMENT_ANSWERS,
  ASSESSMENT_RESULT,
  OUTCOME_ANSWERS,
  PAIN_AREAS,
  PROGRAMME,
  PROGRAMME_CHANGES,
  PROGRAMME_STATE,
  readDocument,
  SESSION_ENTRIES,
  storedDocument,
  TOKEN_SCOPES,
  VERSION_CHANGES,
  WARNING_SIGNS,
  WARNING_TRIAGE,
  type DocumentKind,
} from './documents.js';
import { PersonGone } from './errors.js';
import { normalizeEmail } from './keys.js';
import { migrate, type SqlDialect } from './migrations.js';
import { keyOfCursor, orderedPageFrom } from './ordered.js';
import { idFloor, idTime } from './ids.js';
import { checkPage, pageFrom } from './paging.js';
import type {
  AssessmentAnswers,
  AssessmentRecord,
  AuditRecord,
  CareLinkRecord,
  CheckinRecord,
  CredentialRecord,
  ErasureRecord,
  InvitationRecord,
  LimitedWrite,
  LimitKey,
  LimitRow,
  MeasurementRecord,
  OutcomeRecord,
  OutcomeScheduleRecord,
  OrderedPage,
  OrderedRecords,
  OrderedTable,
  Page,
  PageRequest,
  PersonStore,
  ProgressHistoryRecord,
  ProgressRows,
  ProgrammeRecord,
  ProgrammeStateRecord,
  ProgrammeUpdate,
  ProgrammeVersionRecord,
  Role,
  RowCounts,
  SessionLogRecord,
  Store,
  TokenScope,
  UserRecord,
  WriteCountRequest,
  WriteCounts,
} from './types.js';

/** A programme's exercises, as stored in its JSON. */
type ProgrammeItems = ProgrammeRecord['programme']['items'];

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
  /** Added by migration 7 ('person' for older accounts). */
  role: Role;
  display_name: string | null;
}

export interface CredentialsTable {
  token_hash: string;
  /** Added by migration 5: the public id (lists, revoking, the audit trail). */
  id: string;
  user_id: string;
  kind: CredentialRecord['kind'];
  created_at: string;
  expires_at: string;
  name: string | null;
  scopes: Json<TokenScope[]>;
  last_used_at: string | null;
}

export interface AssessmentsTable {
  user_id: string;
  id: string;
  created_at: string;
  answers: Json<AssessmentRecord['answers']>;
  result: Json<AssessmentRecord['result']>;
  knowledge_base: string;
  /** Added by migration 5; unique per person when present. */
  client_id: string | null;
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
  /** Added by migration 6: the sitting the log belongs to. */
  sitting_id: string | null;
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
  /** Added by migration 5; unique per person when present. */
  client_id: string | null;
}

export interface AuditTable {
  user_id: string;
  id: string;
  at: string;
  actor: string;
  action: AuditRecord['action'];
  resource: string;
  /** Added by migration 5 (null in older rows). */
  resource_id: string | null;
  credential_kind: 'session' | 'token' | null;
  credential_id: string | null;
  address: string | null;
  outcome: NonNullable<AuditRecord['outcome']> | null;
}

/** Added by migration 5: one counter of the login and sign-up limits. */
export interface LoginLimitsTable {
  scope: LimitKey['scope'];
  account: string;
  address: string;
  count: number;
  window_start: string;
  blocked_until: string | null;
}

/** Added by migration 5: what outlives a deleted account (no personal data). */
export interface ErasuresTable {
  id: string;
  subject_hash: string;
  at: string;
  requested_by: ErasureRecord['requestedBy'];
}

/** Added by migration 7: an operator's single-use code for one clinician's sign-up. */
export interface ClinicianCodesTable {
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

/** Added by migration 7: a clinician's invitations, keyed by the clinician. */
export interface InvitationsTable {
  clinician_id: string;
  id: string;
  code_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  cancelled_at: string | null;
}

/** Added by migration 7: a person's links to clinicians, keyed by the person. */
export interface CareLinksTable {
  user_id: string;
  id: string;
  clinician_id: string;
  invitation_id: string;
  created_at: string;
  status: CareLinkRecord['status'];
  ended_at: string | null;
  ended_by: CareLinkRecord['endedBy'];
  last_viewed_at: string | null;
}

/** Added by migration 7: every version of a person's programme. */
export interface ProgrammeVersionsTable {
  user_id: string;
  id: string;
  programme_id: string;
  number: number;
  created_at: string;
  author_role: ProgrammeVersionRecord['authorRole'];
  author_id: string | null;
  author_name: string | null;
  changes: Json<ProgrammeVersionRecord['changes']>;
  note: string | null;
  programme: Json<ProgrammeVersionRecord['programme']>;
  seen_at: string | null;
}

/** Added by migration 7: scored outcome measures. */
export interface OutcomesTable {
  user_id: string;
  id: string;
  instrument: OutcomeRecord['instrument'];
  date: string;
  created_at: string;
  answers: Json<OutcomeRecord['answers']>;
  score: number;
  entered_by: string;
  schedule_id: string | null;
  client_id: string | null;
}

/** Added by migration 7: outcome measures a clinician asked for. */
export interface OutcomeScheduleTable {
  user_id: string;
  id: string;
  instrument: OutcomeScheduleRecord['instrument'];
  due_date: string;
  created_at: string;
  created_by: string;
  done_outcome_id: string | null;
  cancelled_at: string | null;
}

/** Added by migration 8: a summary of a person's older progress (derived data, see `ProgressHistoryRecord`). */
export interface ProgressHistoryTable {
  user_id: string;
  updated_at: string;
  summary: Json<Omit<ProgressHistoryRecord, 'userId' | 'updatedAt'>>;
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
  login_limits: LoginLimitsTable;
  erasures: ErasuresTable;
  clinician_codes: ClinicianCodesTable;
  invitations: InvitationsTable;
  care_links: CareLinksTable;
  programme_versions: ProgrammeVersionsTable;
  outcomes: OutcomesTable;
  outcome_schedule: OutcomeScheduleTable;
  progress_history: ProgressHistoryTable;
}

/** The person tables, keyed by user_id and referring to users (ON DELETE CASCADE); `rowCounts` walks them. */
const PERSON_TABLES = [
  'credentials',
  'assessments',
  'programmes',
  'session_logs',
  'checkins',
  'measurements',
  'audit',
  'programme_versions',
  'outcomes',
  'outcome_schedule',
  'progress_history',
] as const;
/** The person tables listed newest first by id. */
type PagedTableName =
  'assessments' | 'programmes' | 'session_logs' | 'checkins' | 'measurements' | 'audit';

/** A class id for the login limits' advisory locks, apart from the migration lock's key space. */
const LIMIT_LOCK_CLASS = 0x6c696d74; // "limt"

// Row mapping: the only place that knows how each dialect returns JSON and booleans.
const toJson = (value: unknown): string => JSON.stringify(value);
/** Stored JSON that is not a document (the progress summary, which carries its own `format`). */
function fromJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
/** A document as stored: its kind's current version stamped in (documents.ts). */
const toDoc = <T>(kind: DocumentKind<T>, value: T): string =>
  JSON.stringify(storedDocument(kind, value));
const toNullableDoc = <T>(kind: DocumentKind<T>, value: T | null): string | null =>
  value === null ? null : toDoc(kind, value);
/**
 * Reads a stored document (text on SQLite, already parsed jsonb on PostgreSQL) through its upgrade
 * steps and shape check; `where` names the table, column and row for the error.
 */
function fromDoc<T>(kind: DocumentKind<T>, value: unknown, where: string): T {
  return readDocument(kind, typeof value === 'string' ? JSON.parse(value) : value, where);
}
function fromNullableDoc<T>(kind: DocumentKind<T>, value: unknown, where: string): T | null {
  return value === null ? null : fromDoc(kind, value, where);
}
const fromBool = (value: boolean | number): boolean => value === true || value === 1;

/** Whether a database error is a foreign-key violation: the person the row names does not exist. */
function isMissingPerson(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Runs an insert of a person's row; a foreign-key violation becomes `PersonGone`. */
async function forPerson<T>(userId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isMissingPerson(e)) throw new PersonGone(userId);
    throw e;
  }
}

const toUser = (r: Selectable<UsersTable>): UserRecord => ({
  id: r.id,
  email: r.email,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
  role: r.role,
  displayName: r.display_name,
});

/** A user's row as inserted: people unless said otherwise. */
const userRow = (user: UserRecord, role: Role = user.role ?? 'person') => ({
  id: user.id,
  email: normalizeEmail(user.email),
  password_hash: user.passwordHash,
  created_at: user.createdAt,
  role,
  display_name: user.displayName ?? null,
});

const toInvitation = (r: Selectable<InvitationsTable>): InvitationRecord => ({
  id: r.id,
  clinicianId: r.clinician_id,
  codeHash: r.code_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
  cancelledAt: r.cancelled_at,
});

const toCareLink = (r: Selectable<CareLinksTable>): CareLinkRecord => ({
  userId: r.user_id,
  id: r.id,
  clinicianId: r.clinician_id,
  invitationId: r.invitation_id,
  createdAt: r.created_at,
  status: r.status,
  endedAt: r.ended_at,
  endedBy: r.ended_by,
  lastViewedAt: r.last_viewed_at,
});

const toProgrammeVersion = (r: Selectable<ProgrammeVersionsTable>): ProgrammeVersionRecord => ({
  userId: r.user_id,
  id: r.id,
  programmeId: r.programme_id,
  number: r.number,
  createdAt: r.created_at,
  authorRole: r.author_role,
  authorId: r.author_id,
  authorName: r.author_name,
  changes: fromDoc(VERSION_CHANGES, r.changes, `programme_versions.changes, row ${r.id}`),
  note: r.note,
  programme: fromDoc(PROGRAMME, r.programme, `programme_versions.programme, row ${r.id}`),
  seenAt: r.seen_at,
});

const toOutcome = (r: Selectable<OutcomesTable>): OutcomeRecord => ({
  userId: r.user_id,
  id: r.id,
  instrument: r.instrument,
  date: r.date,
  createdAt: r.created_at,
  answers: fromDoc(OUTCOME_ANSWERS, r.answers, `outcomes.answers, row ${r.id}`),
  score: r.score,
  enteredBy: r.entered_by,
  scheduleId: r.schedule_id,
  clientId: r.client_id,
});

const toOutcomeSchedule = (r: Selectable<OutcomeScheduleTable>): OutcomeScheduleRecord => ({
  userId: r.user_id,
  id: r.id,
  instrument: r.instrument,
  dueDate: r.due_date,
  createdAt: r.created_at,
  createdBy: r.created_by,
  doneOutcomeId: r.done_outcome_id,
  cancelledAt: r.cancelled_at,
});

/** Thrown inside a transaction to roll it back and answer `value` instead. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
    this.name = 'Rollback';
  }
}

// ---- Hot queries: the ones every write (and every signed-in request) runs ----

/** Stands for the i-th value of a hot query's run (see `runHot`). */
type Slot = (index: number) => never;
/** Builds a hot query for a dialect, with slots where each run's values go. */
type HotBuild<R> = (db: Kysely<Database>, kind: SqlDialect, slot: Slot) => CompiledQuery<R>;

const SLOT_MARK = '\u0000hot-slot:';
/** A marker Kysely passes through as a parameter; typed `never` so it fits any column. */
const slot: Slot = (index) => `${SLOT_MARK}${index}` as never;

/** A hot query as compiled once: where each parameter comes from (a run's value, or a constant). */
interface Hot {
  compiled: CompiledQuery;
  places: (number | { value: unknown })[];
}
const hotQueries = new Map<SqlDialect, WeakMap<HotBuild<unknown>, Hot>>();
/**
 * PostgreSQL: the hot queries' SQL texts and the names they are prepared by (`preparingPool`), so each
 * connection parses and plans one once instead of at every run; the write path's one-statement reads
 * and writes cost more to plan than to run.
 */
const preparedNames = new Map<string, string>();

/**
 * Runs a query of the write path that Kysely built and compiled once for this dialect, with this run's
 * values in its slots: building and compiling a query costs more than SQLite takes to run it, and a
 * write runs about ten. The SQL text is the same at every run, so the SQLite statement cache reuses
 * its prepared statement too.
 */
async function runHot<R>(
  conn: Kysely<Database>,
  kind: SqlDialect,
  build: HotBuild<R>,
  values: readonly unknown[],
): Promise<QueryResult<R>> {
  let byBuild = hotQueries.get(kind);
  if (!byBuild) {
    byBuild = new WeakMap();
    hotQueries.set(kind, byBuild);
  }
  let hot = byBuild.get(build);
  if (!hot) {
    const compiled = build(conn, kind, slot);
    const places = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SLOT_MARK)
        ? Number(p.slice(SLOT_MARK.length))
        : { value: p },
    );
    hot = { compiled, places };
    byBuild.set(build, hot);
    // Not a `select *`: a column added by a newer process's migration would change its result, which a
    // prepared statement refuses ("cached plan must not change result type") until it is made again.
    if (
      kind === 'postgres' &&
      !preparedNames.has(compiled.sql) &&
      !/select \*/.test(compiled.sql)
    ) {
      preparedNames.set(compiled.sql, `backchain_hot_${preparedNames.size + 1}`);
    }
  }
  const parameters = hot.places.map((p) => (typeof p === 'number' ? values[p] : p.value));
  // The rows are those of the query `build` made, whose result type is R (the type is only a label).
  return conn.executeQuery<R>({ ...hot.compiled, parameters });
}

const boolIn = (kind: SqlDialect, value: boolean): boolean | number =>
  kind === 'sqlite' ? (value ? 1 : 0) : value;

/**
 * The person's row (locked on PostgreSQL): `withPerson`'s first statement. The lock is the weaker
 * `for no key update`: it queues the person's other writers and their deletion (which locks the row
 * `for update`) as strongly, but not the rows other requests add meanwhile that only refer to the person
 * (a read's audit row, a sign-in's credential), which `for update` would make wait too.
 */
const hotPersonRow: HotBuild<{ id: string }> = (db, kind, s) => {
  const query = db.selectFrom('users').select('id').where('id', '=', s(0));
  return (kind === 'postgres' ? query.forNoKeyUpdate() : query).compile();
};
/** Named, not `*`: every signed-in request runs it, so PostgreSQL keeps it prepared (`preparedNames`). */
const CREDENTIAL_COLUMNS = [
  'token_hash',
  'id',
  'user_id',
  'kind',
  'created_at',
  'expires_at',
  'name',
  'scopes',
  'last_used_at',
] as const;
const hotCredential: HotBuild<Selectable<CredentialsTable>> = (db, _kind, s) =>
  db.selectFrom('credentials').select(CREDENTIAL_COLUMNS).where('token_hash', '=', s(0)).compile();
const hotUser: HotBuild<Selectable<UsersTable>> = (db, _kind, s) =>
  db.selectFrom('users').selectAll().where('id', '=', s(0)).compile();
const hotCheckinByClientId: HotBuild<Selectable<CheckinsTable>> = (db, _kind, s) =>
  db
    .selectFrom('checkins')
    .selectAll()
    .where('user_id', '=', s(0))
    .where('client_id', '=', s(1))
    .compile();
const hotSessionLogByClientId: HotBuild<Selectable<SessionLogsTable>> = (db, _kind, s) =>
  db
    .selectFrom('session_logs')
    .selectAll()
    .where('user_id', '=', s(0))
    .where('client_id', '=', s(1))
    .compile();
const ANSWER_COLUMNS = ['user_id', 'id', 'created_at', 'answers'] as const;
const hotLatestAnswers: HotBuild<
  Pick<Selectable<AssessmentsTable>, (typeof ANSWER_COLUMNS)[number]>
> = (db, _kind, s) =>
  db
    .selectFrom('assessments')
    .select(ANSWER_COLUMNS)
    .where('user_id', '=', s(0))
    .orderBy('id', 'desc')
    .limit(1)
    .compile();
const hotAnswers: HotBuild<Pick<Selectable<AssessmentsTable>, (typeof ANSWER_COLUMNS)[number]>> = (
  db,
  _kind,
  s,
) =>
  db
    .selectFrom('assessments')
    .select(ANSWER_COLUMNS)
    .where('user_id', '=', s(0))
    .where('id', '=', s(1))
    .compile();
const STATE_COLUMNS = [
  'user_id',
  'id',
  'assessment_id',
  'created_at',
  'state',
  'paused',
  'paused_by',
  'current',
  'revision',
] as const;
const hotProgrammeState: HotBuild<
  Pick<Selectable<ProgrammesTable>, (typeof STATE_COLUMNS)[number]>
> = (db, kind, s) =>
  db
    .selectFrom('programmes')
    .select(STATE_COLUMNS)
    .where('user_id', '=', s(0))
    .where('current', '=', boolIn(kind, true))
    .orderBy('id', 'desc')
    .limit(1)
    .compile();
const hotCurrentProgramme: HotBuild<Selectable<ProgrammesTable>> = (db, kind, s) =>
  db
    .selectFrom('programmes')
    .selectAll()
    .where('user_id', '=', s(0))
    .where('current', '=', boolIn(kind, true))
    .orderBy('id', 'desc')
    .limit(1)
    .compile();
const hotRevision: HotBuild<{ revision: number }> = (db, _kind, s) =>
  db
    .selectFrom('programmes')
    .select('revision')
    .where('user_id', '=', s(0))
    .where('id', '=', s(1))
    .compile();
const hotUpdateProgramme: HotBuild<unknown> = (db, _kind, s) =>
  db
    .updateTable('programmes')
    .set({
      programme: s(0),
      state: s(1),
      paused: s(2),
      paused_by: s(3),
      revision: sql<number>`revision + 1`,
    })
    .where('user_id', '=', s(4))
    .where('id', '=', s(5))
    .where('revision', '=', s(6))
    .compile();
const hotInsertAudit: HotBuild<unknown> = (db, _kind, s) =>
  db
    .insertInto('audit')
    .values({
      user_id: s(0),
      id: s(1),
      at: s(2),
      actor: s(3),
      action: s(4),
      resource: s(5),
      resource_id: s(6),
      credential_kind: s(7),
      credential_id: s(8),
      address: s(9),
      outcome: s(10),
    })
    .compile();

/** The tables the write limits count, and whether their rows carry a date. */
const LIMITED: Record<LimitedWrite, { table: LimitedWrite; dated: boolean }> = {
  assessments: { table: 'assessments', dated: false },
  checkins: { table: 'checkins', dated: true },
  session_logs: { table: 'session_logs', dated: true },
  measurements: { table: 'measurements', dated: true },
};

/**
 * The write limits' counts of one table, in one statement: the n-th newest id since a floor (on the
 * person's id index alone, newest first, stopping at n) and the rows on a date (stopping at the day's
 * limit).
 */
function hotWriteCounts(table: LimitedWrite, dated: boolean): HotBuild<CountsRow> {
  return (db) => countsQuery(table, dated, 1).compile(db);
}

/**
 * The counts query of `hotWriteCounts`, to run alone or inside a larger read: the person's id is slot 0,
 * and the request's values (`countValues`) fill the five slots from `first` on.
 */
function countsQuery(table: LimitedWrite, dated: boolean, first: number) {
  const t = sql.table(table);
  const onDate = dated
    ? sql`(select count(*) from (select 1 from ${t} where user_id = ${slot(0)} and date = ${slot(first + 2)}
        limit ${slot(first + 3)}) as on_date)`
    : sql`0`;
  // The whole record is counted only when the date holds no row (CASE reads it only then).
  return sql<CountsRow>`select nth, on_date,
        case when on_date = 0 then (select count(*) from (select 1 from ${t}
          where user_id = ${slot(0)} limit ${slot(first + 4)}) as all_rows) end as total
      from (select
        (select id from ${t} where user_id = ${slot(0)} and id >= ${slot(first)}
          order by id desc limit 1 offset ${slot(first + 1)}) as nth,
        ${onDate} as on_date) as counts`;
}

/**
 * The values of a counts query's five slots. Without a request (no limits) they ask for nothing: no
 * id is at or after a null floor, and a limit of 0 reads no row.
 */
const countValues = (request: WriteCountRequest | null): unknown[] =>
  request
    ? [
        idFloor(new Date(request.since)),
        request.recentLimit - 1,
        request.date,
        request.dateLimit,
        request.totalLimit,
      ]
    : [null, 0, null, 0, 0];

/** The counts as the write limits read them, from a counts query's row. */
function countsFrom(
  request: WriteCountRequest,
  found: Partial<CountsRow> | undefined,
): WriteCounts {
  const onDate = request.date === null ? 0 : Number(found?.on_date ?? 0);
  const all = found?.total === null || found?.total === undefined ? null : Number(found.total);
  // The id says when the row was made (`idTime`): the index holds it, the row need not be read.
  const nth = found?.nth ? idTime(found.nth) : undefined;
  return { nthRecentAt: nth ? nth.toISOString() : null, onDate, total: all };
}
type Count = string | number | bigint;
interface CountsRow {
  nth: string | null;
  on_date: Count | null;
  total: Count | null;
}
const WRITE_COUNTS = Object.fromEntries(
  Object.values(LIMITED).map(({ table, dated }) => [table, hotWriteCounts(table, dated)]),
) as Record<LimitedWrite, HotBuild<CountsRow>>;

// ---- What a check-in or a session reads and writes, each in one statement (issue 11) ----

/** Every column of a table, listed once: a list that leaves one out does not compile. */
const everyColumn =
  <T>() =>
  <const C extends readonly (keyof T & string)[]>(
    columns: C & (Exclude<keyof T, C[number]> extends never ? unknown : never),
  ): C =>
    columns;

/** The check-in row's columns, in the order of its values (`checkinValues`). */
const CHECKIN_COLUMNS = everyColumn<CheckinsTable>()([
  'user_id',
  'id',
  'date',
  'created_at',
  'pain_now',
  'pain_areas',
  'leg_side',
  'warning_signs',
  'sitting_hours',
  'walking_breaks',
  'triage',
  'programme_paused',
  'client_id',
]);
/** The session log row's columns, in the order of its values (`sessionLogValues`). */
const SESSION_LOG_COLUMNS = everyColumn<SessionLogsTable>()([
  'user_id',
  'id',
  'programme_id',
  'date',
  'created_at',
  'entries',
  'programme_changes',
  'warning_check_required',
  'client_id',
  'sitting_id',
]);
const PROGRAMME_COLUMNS = everyColumn<ProgrammesTable>()([...STATE_COLUMNS, 'programme']);
/** The audit row's columns, in the order of its values (`auditValues`). */
const AUDIT_COLUMNS = everyColumn<AuditTable>()([
  'user_id',
  'id',
  'at',
  'actor',
  'action',
  'resource',
  'resource_id',
  'credential_kind',
  'credential_id',
  'address',
  'outcome',
]);

/** `alias.column as alias_column, …`: one table's columns in a row that holds several tables' rows. */
const prefixed = (alias: string, columns: readonly string[]) =>
  sql.raw(columns.map((c) => `${alias}.${c} as ${alias}_${c}`).join(', '));
const columnList = (columns: readonly string[]) => sql.raw(columns.join(', '));

/** One table's row out of a row of several (`prefixed`), or undefined when the join found none. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the row it reads
function rowOf<R>(row: Record<string, unknown>, alias: string, columns: readonly string[]) {
  if (row[`${alias}_id`] === null || row[`${alias}_id`] === undefined) return undefined;
  // The columns are those of the table the caller names by R (the type is only a label).
  return Object.fromEntries(columns.map((c) => [c, row[`${alias}_${c}`]])) as R;
}

/**
 * A check-in's reads in one statement: its repeat (by client id), the latest assessment's answers, the
 * current programme's state and the counts of its limits. Slot 0 is the person, 1 the client id, and
 * the counts' five from 2 (`countValues`). Always one row; a part that is not there is all nulls.
 */
const hotCheckinReads: HotBuild<Record<string, unknown>> = (db, kind) =>
  sql<Record<string, unknown>>`select ${prefixed('r', CHECKIN_COLUMNS)},
      ${prefixed('a', ANSWER_COLUMNS)}, ${prefixed('p', STATE_COLUMNS)},
      c.nth, c.on_date, c.total
    from (select 1 as one) as one
    left join (select ${columnList(CHECKIN_COLUMNS)} from checkins
      where user_id = ${slot(0)} and client_id = ${slot(1)}) as r on 1 = 1
    left join (select ${columnList(ANSWER_COLUMNS)} from assessments
      where user_id = ${slot(0)} order by id desc limit 1) as a on 1 = 1
    left join (select ${columnList(STATE_COLUMNS)} from programmes
      where user_id = ${slot(0)} and current = ${boolIn(kind, true)}
      order by id desc limit 1) as p on 1 = 1
    cross join (${countsQuery('checkins', true, 2)}) as c`.compile(db);

/**
 * A session's reads in one statement: its repeat, the current programme whole, the answers of the
 * assessment it was made from, and the counts of its limits (slots as `hotCheckinReads`).
 */
const hotSessionReads: HotBuild<Record<string, unknown>> = (db, kind) =>
  sql<Record<string, unknown>>`select ${prefixed('r', SESSION_LOG_COLUMNS)},
      ${prefixed('p', PROGRAMME_COLUMNS)}, ${prefixed('a', ANSWER_COLUMNS)},
      c.nth, c.on_date, c.total
    from (select 1 as one) as one
    left join (select ${columnList(SESSION_LOG_COLUMNS)} from session_logs
      where user_id = ${slot(0)} and client_id = ${slot(1)}) as r on 1 = 1
    left join (select ${columnList(PROGRAMME_COLUMNS)} from programmes
      where user_id = ${slot(0)} and current = ${boolIn(kind, true)}
      order by id desc limit 1) as p on 1 = 1
    left join assessments as a on a.user_id = ${slot(0)} and a.id = p.assessment_id
    cross join (${countsQuery('session_logs', true, 2)}) as c`.compile(db);

/** The tables a check-in or a session adds its row to. */
type AddedTable = 'checkins' | 'session_logs';
const ADDED_COLUMNS: Record<AddedTable, readonly string[]> = {
  checkins: CHECKIN_COLUMNS,
  session_logs: SESSION_LOG_COLUMNS,
};
/** How many slots a programme update takes after the row's: programme, state, paused, paused by, id, revision. */
const UPDATE_SLOTS = 6;

/**
 * The insert of a check-in or a session log (slots 0… its columns, the person first), doing nothing on
 * a repeat of its client id. `guarded`: only while the programme still has the update's revision (the
 * update's id and revision in its slots 4 and 5, after the row's).
 */
function insertRow(table: AddedTable, guarded: boolean) {
  const columns = ADDED_COLUMNS[table];
  const n = columns.length;
  const values = sql.join(columns.map((_c, i) => slot(i)));
  const source = guarded
    ? sql`select ${values} where exists (select 1 from programmes
        where user_id = ${slot(0)} and id = ${slot(n + 4)} and revision = ${slot(n + 5)})`
    : sql`values (${values})`;
  return sql`insert into ${sql.table(table)} (${columnList(columns)}) ${source}
    on conflict (user_id, client_id) do nothing`;
}

/** SQLite: a check-in's or session log's insert, guarded by the update's revision or not. */
const insertBuilds = (
  table: AddedTable,
): { plain: HotBuild<unknown>; guarded: HotBuild<unknown> } => ({
  plain: (db) => insertRow(table, false).compile(db),
  guarded: (db) => insertRow(table, true).compile(db),
});
const hotInsertRow = {
  checkins: insertBuilds('checkins'),
  session_logs: insertBuilds('session_logs'),
};

/** What the one-statement write answers: whether the revision matched, and whether the row went in. */
interface AddedRow {
  updatable: Count;
  added: Count;
}

/**
 * PostgreSQL: a check-in or a session log, the programme update it caused and its audit row in one
 * statement. The row goes in only while the programme has the update's revision, and the update and the
 * audit row only with the row; all of it or nothing. Slots: the row's, then the update's
 * (`UPDATE_SLOTS`, when `update`), then the audit row's (when `audit`).
 */
function addRowStatement(table: AddedTable, update: boolean, audit: boolean): HotBuild<AddedRow> {
  const n = ADDED_COLUMNS[table].length;
  const a = n + (update ? UPDATE_SLOTS : 0);
  const parts: RawBuilder<unknown>[] = [];
  if (update) {
    parts.push(sql`guard as (select 1 from programmes
      where user_id = ${slot(0)} and id = ${slot(n + 4)} and revision = ${slot(n + 5)})`);
  }
  parts.push(sql`added as (${insertRow(table, update)} returning id)`);
  if (update) {
    parts.push(sql`changed as (update programmes set programme = ${slot(n)}, state = ${slot(n + 1)},
        paused = ${slot(n + 2)}, paused_by = ${slot(n + 3)}, revision = revision + 1
      where user_id = ${slot(0)} and id = ${slot(n + 4)} and revision = ${slot(n + 5)}
        and exists (select 1 from added) returning id)`);
  }
  if (audit) {
    const values = sql.join(AUDIT_COLUMNS.map((_c, i) => slot(a + i)));
    parts.push(sql`audited as (insert into audit (${columnList(AUDIT_COLUMNS)})
      select ${values} from added)`);
  }
  const updatable = update ? sql`(select count(*) from guard)` : sql`1`;
  return (db) =>
    sql<AddedRow>`with ${sql.join(parts)}
      select ${updatable} as updatable, (select count(*) from added) as added`.compile(db);
}
const ADD_ROW_STATEMENTS = Object.fromEntries(
  (['checkins', 'session_logs'] as const).map((table) => [
    table,
    [false, true].map((update) =>
      [false, true].map((audit) => addRowStatement(table, update, audit)),
    ),
  ]),
) as Record<AddedTable, HotBuild<AddedRow>[][]>;

const toCredential = (r: Selectable<CredentialsTable>): CredentialRecord => ({
  tokenHash: r.token_hash,
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  name: r.name,
  scopes: fromDoc(TOKEN_SCOPES, r.scopes, `credentials.scopes, id ${r.id}`),
  lastUsedAt: r.last_used_at,
});

/** An assessment without its result, as a write reads it. */
type AnswerRow = Pick<Selectable<AssessmentsTable>, (typeof ANSWER_COLUMNS)[number]>;
/** The current programme without the programme itself, as a write reads it. */
type StateRow = Pick<Selectable<ProgrammesTable>, (typeof STATE_COLUMNS)[number]>;

const toAnswers = (r: AnswerRow): AssessmentAnswers => ({
  userId: r.user_id,
  id: r.id,
  createdAt: r.created_at,
  answers: fromDoc(ASSESSMENT_ANSWERS, r.answers, `assessments.answers, row ${r.id}`),
});

const toProgrammeState = (r: StateRow): ProgrammeStateRecord => ({
  userId: r.user_id,
  id: r.id,
  assessmentId: r.assessment_id,
  createdAt: r.created_at,
  state: fromDoc(PROGRAMME_STATE, r.state, `programmes.state, row ${r.id}`),
  paused: fromBool(r.paused),
  pausedBy: fromNullableDoc(WARNING_TRIAGE, r.paused_by, `programmes.paused_by, row ${r.id}`),
  current: fromBool(r.current),
  revision: r.revision,
});

const toProgramme = (r: Selectable<ProgrammesTable>): ProgrammeRecord => ({
  userId: r.user_id,
  id: r.id,
  assessmentId: r.assessment_id,
  createdAt: r.created_at,
  programme: fromDoc(PROGRAMME, r.programme, `programmes.programme, row ${r.id}`),
  state: fromDoc(PROGRAMME_STATE, r.state, `programmes.state, row ${r.id}`),
  paused: fromBool(r.paused),
  pausedBy: fromNullableDoc(WARNING_TRIAGE, r.paused_by, `programmes.paused_by, row ${r.id}`),
  current: fromBool(r.current),
  revision: r.revision,
});

const toAssessment = (r: Selectable<AssessmentsTable>): AssessmentRecord => ({
  userId: r.user_id,
  id: r.id,
  createdAt: r.created_at,
  answers: fromDoc(ASSESSMENT_ANSWERS, r.answers, `assessments.answers, row ${r.id}`),
  result: fromDoc(ASSESSMENT_RESULT, r.result, `assessments.result, row ${r.id}`),
  knowledgeBase: r.knowledge_base,
  clientId: r.client_id,
});

const toSessionLog = (r: Selectable<SessionLogsTable>): SessionLogRecord => ({
  userId: r.user_id,
  id: r.id,
  programmeId: r.programme_id,
  date: r.date,
  createdAt: r.created_at,
  entries: fromDoc(SESSION_ENTRIES, r.entries, `session_logs.entries, row ${r.id}`),
  programmeChanges: fromDoc(
    PROGRAMME_CHANGES,
    r.programme_changes,
    `session_logs.programme_changes, row ${r.id}`,
  ),
  warningCheckRequired: fromBool(r.warning_check_required),
  clientId: r.client_id,
  sittingId: r.sitting_id,
});

const toCheckin = (r: Selectable<CheckinsTable>): CheckinRecord => ({
  userId: r.user_id,
  id: r.id,
  date: r.date,
  createdAt: r.created_at,
  painNow: r.pain_now,
  painAreas: fromNullableDoc(PAIN_AREAS, r.pain_areas, `checkins.pain_areas, row ${r.id}`),
  legSide: r.leg_side,
  warningSigns: fromDoc(WARNING_SIGNS, r.warning_signs, `checkins.warning_signs, row ${r.id}`),
  sittingHours: r.sitting_hours,
  walkingBreaks: r.walking_breaks,
  triage: fromNullableDoc(WARNING_TRIAGE, r.triage, `checkins.triage, row ${r.id}`),
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
  clientId: r.client_id,
});

const toAudit = (r: Selectable<AuditTable>): AuditRecord => ({
  userId: r.user_id,
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  resource: r.resource,
  resourceId: r.resource_id,
  credentialKind: r.credential_kind,
  credentialId: r.credential_id,
  address: r.address,
  // Rows from before migration 5 were only ever written for what succeeded.
  outcome: r.outcome ?? 'ok',
});

const toErasure = (r: Selectable<ErasuresTable>): ErasureRecord => ({
  id: r.id,
  subjectHash: r.subject_hash,
  at: r.at,
  requestedBy: r.requested_by,
});

/**
 * Runs `work` as one transaction on one pinned connection. SQLite begins with an immediate (write)
 * lock, so a transaction that reads and then writes never has to upgrade its lock (which fails
 * instead of waiting); within a process Kysely's SQLite driver already runs one connection user at
 * a time.
 */
async function inTransaction<T>(
  db: Kysely<Database>,
  kind: SqlDialect,
  work: (conn: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(kind === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    let result: T;
    try {
      result = await work(conn);
    } catch (e) {
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => undefined);
      throw e;
    }
    await sql.raw('commit').execute(conn);
    return result;
  });
}

/**
 * Every method of one person's record over a connection. The writes that take several statements
 * assume they run inside a transaction that holds the person's lock (`withPerson`), so they check
 * before they write instead of relying on a rollback.
 */
function personStoreOn(conn: Kysely<Database>, kind: SqlDialect): PersonStore {
  const bool = (value: boolean): boolean | number => (kind === 'sqlite' ? (value ? 1 : 0) : value);
  const count = async (query: Promise<{ n: string | number | bigint } | undefined>) =>
    Number((await query)?.n ?? 0);

  /** One page of a person table, newest first; fetches one extra row to learn whether more exist. */
  const pageOf = async <T extends PagedTableName, R extends { id: string }>(
    table: T,
    userId: string,
    page: PageRequest,
    map: (row: Selectable<Database[T]>) => R,
  ): Promise<Page<R>> => {
    checkPage(page);
    // Widened to the union on purpose: Kysely cannot resolve a query over a generic table name.
    const name: PagedTableName = table;
    let query = conn.selectFrom(name).selectAll().where('user_id', '=', userId);
    if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
    // Kysely types a query over a union of tables as a blend of their rows; `table` is exactly T.
    return pageFrom((rows as unknown as Selectable<Database[T]>[]).map(map), page.limit);
  };

  /**
   * Whether the programme update may be applied: the compare-and-swap's check. Under the person's
   * lock nobody can change the programme between this check and the write.
   */
  const updatable = async (userId: string, update: ProgrammeUpdate): Promise<boolean> => {
    const [found] = (await runHot(conn, kind, hotRevision, [userId, update.id])).rows;
    return found?.revision === update.expectedRevision;
  };

  /** A programme update's values: what it writes, then which programme at which revision (`UPDATE_SLOTS`). */
  const updateValues = (update: ProgrammeUpdate): unknown[] => [
    toDoc(PROGRAMME, update.programme),
    toDoc(PROGRAMME_STATE, update.state),
    bool(update.paused),
    toNullableDoc(WARNING_TRIAGE, update.pausedBy),
    update.id,
    update.expectedRevision,
  ];

  const applyUpdate = async (userId: string, update: ProgrammeUpdate): Promise<void> => {
    const [programme, state, paused, pausedBy, id, revision] = updateValues(update);
    await runHot(conn, kind, hotUpdateProgramme, [
      programme,
      state,
      paused,
      pausedBy,
      userId,
      id,
      revision,
    ]);
  };

  /** An audit row's values, in the order of `AUDIT_COLUMNS`. */
  const auditValues = (a: AuditRecord): unknown[] => [
    a.userId,
    a.id,
    a.at,
    a.actor,
    a.action,
    a.resource,
    a.resourceId ?? null,
    a.credentialKind ?? null,
    a.credentialId ?? null,
    a.address ?? null,
    a.outcome ?? 'ok',
  ];

  /** A check-in's values, in the order of `CHECKIN_COLUMNS`. */
  const checkinValues = (c: CheckinRecord): unknown[] => [
    c.userId,
    c.id,
    c.date,
    c.createdAt,
    c.painNow,
    toNullableDoc(PAIN_AREAS, c.painAreas),
    c.legSide,
    toDoc(WARNING_SIGNS, c.warningSigns),
    c.sittingHours,
    c.walkingBreaks,
    toNullableDoc(WARNING_TRIAGE, c.triage),
    bool(c.programmePaused),
    c.clientId,
  ];

  /** A session log's values, in the order of `SESSION_LOG_COLUMNS`. */
  const sessionLogValues = (log: SessionLogRecord): unknown[] => [
    log.userId,
    log.id,
    log.programmeId,
    log.date,
    log.createdAt,
    toDoc(SESSION_ENTRIES, log.entries),
    toDoc(PROGRAMME_CHANGES, log.programmeChanges),
    bool(log.warningCheckRequired),
    log.clientId,
    log.sittingId ?? null,
  ];

  /**
   * Adds a check-in or a session log, the programme update it caused and its audit row, all or nothing:
   * one statement on PostgreSQL (`addRowStatement`). On SQLite the insert is guarded by the revision,
   * then the update and the audit row follow in the caller's transaction (the database's one writer),
   * so nothing is written before it is known that everything will be.
   */
  const addRow = async (
    table: AddedTable,
    userId: string,
    values: unknown[],
    update: ProgrammeUpdate | undefined,
    audit: AuditRecord | undefined,
  ): Promise<boolean | 'duplicate'> => {
    if (audit && audit.userId !== userId) {
      throw new Error(`${table}: the audit row names another person`);
    }
    const updating = update ? updateValues(update) : [];
    if (kind === 'postgres') {
      const statement = ADD_ROW_STATEMENTS[table][update ? 1 : 0]?.[audit ? 1 : 0];
      if (!statement) throw new Error(`${table}: no statement`);
      const [found] = (
        await runHot(conn, kind, statement, [
          ...values,
          ...updating,
          ...(audit ? auditValues(audit) : []),
        ])
      ).rows;
      if (Number(found?.updatable ?? 0) === 0) return false;
      return Number(found?.added ?? 0) === 1 ? true : 'duplicate';
    }
    const insert = hotInsertRow[table][update ? 'guarded' : 'plain'];
    const inserted = await runHot(conn, kind, insert, [...values, ...updating]);
    if (inserted.numAffectedRows !== 1n) {
      // Nothing went in: the programme's revision had moved on, or the client id was stored before.
      return update && !(await updatable(userId, update)) ? false : 'duplicate';
    }
    if (update) await applyUpdate(userId, update);
    if (audit) await runHot(conn, kind, hotInsertAudit, auditValues(audit));
    return true;
  };

  return {
    async getUser(id) {
      const [r] = (await runHot(conn, kind, hotUser, [id])).rows;
      return r && toUser(r);
    },

    async getUserByEmail(email) {
      const r = await conn
        .selectFrom('users')
        .selectAll()
        .where('email', '=', normalizeEmail(email))
        .executeTakeFirst();
      return r && toUser(r);
    },

    async updatePasswordHash(userId, passwordHash) {
      await conn
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', userId)
        .execute();
    },

    addCredential: (c) =>
      forPerson(c.userId, async () => {
        await conn
          .insertInto('credentials')
          .values({
            token_hash: c.tokenHash,
            id: c.id,
            user_id: c.userId,
            kind: c.kind,
            created_at: c.createdAt,
            expires_at: c.expiresAt,
            name: c.name,
            scopes: toDoc(TOKEN_SCOPES, c.scopes),
            last_used_at: c.lastUsedAt,
          })
          .execute();
      }),

    async getCredential(tokenHash) {
      const [r] = (await runHot(conn, kind, hotCredential, [tokenHash])).rows;
      return r && toCredential(r);
    },

    async deleteCredential(tokenHash) {
      await conn.deleteFrom('credentials').where('token_hash', '=', tokenHash).execute();
    },

    async listCredentials(userId, credentialKind) {
      const rows = await conn
        .selectFrom('credentials')
        .selectAll()
        .where('user_id', '=', userId)
        .where('kind', '=', credentialKind)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toCredential);
    },

    async deleteCredentialById(userId, id) {
      const result = await conn
        .deleteFrom('credentials')
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async touchCredential(tokenHash, at) {
      await conn
        .updateTable('credentials')
        .set({ last_used_at: at })
        .where('token_hash', '=', tokenHash)
        .execute();
    },

    async deleteCredentialsOf(userId, kinds, exceptTokenHash) {
      // `in ()` is not valid SQL, and no kinds means nothing to revoke.
      if (kinds.length === 0) return;
      let query = conn
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
      return forPerson(assessment.userId, async () => {
        // Only a clash of (user_id, client_id) is a duplicate; a clash of the primary key still throws.
        const inserted = await conn
          .insertInto('assessments')
          .values({
            user_id: assessment.userId,
            id: assessment.id,
            created_at: assessment.createdAt,
            answers: toDoc(ASSESSMENT_ANSWERS, assessment.answers),
            result: toDoc(ASSESSMENT_RESULT, assessment.result),
            knowledge_base: assessment.knowledgeBase,
            client_id: assessment.clientId ?? null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows !== 1n) return 'duplicate' as const;
        await conn
          .updateTable('programmes')
          .set({ current: bool(false) })
          .where('user_id', '=', programme.userId)
          .where('current', '=', bool(true))
          .execute();
        await conn
          .insertInto('programmes')
          .values({
            user_id: programme.userId,
            id: programme.id,
            assessment_id: programme.assessmentId,
            created_at: programme.createdAt,
            programme: toDoc(PROGRAMME, programme.programme),
            state: toDoc(PROGRAMME_STATE, programme.state),
            paused: bool(programme.paused),
            paused_by: toNullableDoc(WARNING_TRIAGE, programme.pausedBy),
            // The newest programme is the current one, whatever the record said.
            current: bool(true),
            revision: programme.revision,
          })
          .execute();
        return true as const;
      });
    },

    async findAssessmentByClientId(userId, clientId) {
      const r = await conn
        .selectFrom('assessments')
        .selectAll()
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return r && toAssessment(r);
    },

    async getAssessment(userId, id) {
      const r = await conn
        .selectFrom('assessments')
        .selectAll()
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toAssessment(r);
    },

    listAssessments: (userId, page) => pageOf('assessments', userId, page, toAssessment),

    async latestAssessment(userId) {
      const r = await conn
        .selectFrom('assessments')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toAssessment(r);
    },

    async getCurrentProgramme(userId) {
      const [r] = (await runHot(conn, kind, hotCurrentProgramme, [userId])).rows;
      return r && toProgramme(r);
    },

    async latestAnswers(userId) {
      const [r] = (await runHot(conn, kind, hotLatestAnswers, [userId])).rows;
      return r && toAnswers(r);
    },

    async getAnswers(userId, id) {
      const [r] = (await runHot(conn, kind, hotAnswers, [userId, id])).rows;
      return r && toAnswers(r);
    },

    async currentProgrammeState(userId) {
      const [r] = (await runHot(conn, kind, hotProgrammeState, [userId])).rows;
      return r && toProgrammeState(r);
    },

    async checkinReads(userId, request) {
      const [row = {}] = (
        await runHot(conn, kind, hotCheckinReads, [
          userId,
          request.clientId,
          ...countValues(request.counts),
        ])
      ).rows;
      const repeat = rowOf<Selectable<CheckinsTable>>(row, 'r', CHECKIN_COLUMNS);
      const latest = rowOf<AnswerRow>(row, 'a', ANSWER_COLUMNS);
      const programme = rowOf<StateRow>(row, 'p', STATE_COLUMNS);
      return {
        repeat: repeat && toCheckin(repeat),
        latest: latest && toAnswers(latest),
        programme: programme && toProgrammeState(programme),
        counts: request.counts && countsFrom(request.counts, row),
      };
    },

    async sessionReads(userId, request) {
      const [row = {}] = (
        await runHot(conn, kind, hotSessionReads, [
          userId,
          request.clientId,
          ...countValues(request.counts),
        ])
      ).rows;
      const repeat = rowOf<Selectable<SessionLogsTable>>(row, 'r', SESSION_LOG_COLUMNS);
      const programme = rowOf<Selectable<ProgrammesTable>>(row, 'p', PROGRAMME_COLUMNS);
      const answers = rowOf<AnswerRow>(row, 'a', ANSWER_COLUMNS);
      return {
        repeat: repeat && toSessionLog(repeat),
        programme: programme && toProgramme(programme),
        answers: answers && toAnswers(answers),
        counts: request.counts && countsFrom(request.counts, row),
      };
    },

    async writeCounts(userId, limited, request) {
      const [found] = (
        await runHot(conn, kind, WRITE_COUNTS[limited], [userId, ...countValues(request)])
      ).rows;
      return countsFrom(request, found);
    },

    listProgrammes: (userId, page) => pageOf('programmes', userId, page, toProgramme),

    addSessionLog: (log, update, audit) =>
      forPerson(log.userId, () =>
        addRow('session_logs', log.userId, sessionLogValues(log), update, audit),
      ),

    async findSessionLogByClientId(userId, clientId) {
      const [r] = (await runHot(conn, kind, hotSessionLogByClientId, [userId, clientId])).rows;
      return r && toSessionLog(r);
    },

    listSessionLogs: (userId, page) => pageOf('session_logs', userId, page, toSessionLog),

    async sessionLogsSince(userId, date) {
      const rows = await conn
        .selectFrom('session_logs')
        .selectAll()
        .where('user_id', '=', userId)
        .where('date', '>=', date)
        .orderBy('date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toSessionLog);
    },

    addCheckin: (c, update, audit) =>
      forPerson(c.userId, () => addRow('checkins', c.userId, checkinValues(c), update, audit)),

    async findCheckinByClientId(userId, clientId) {
      const [r] = (await runHot(conn, kind, hotCheckinByClientId, [userId, clientId])).rows;
      return r && toCheckin(r);
    },

    listCheckins: (userId, page) => pageOf('checkins', userId, page, toCheckin),

    async allCheckins(userId) {
      const rows = await conn
        .selectFrom('checkins')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toCheckin);
    },

    addMeasurement: (m) =>
      forPerson(m.userId, async () => {
        const inserted = await conn
          .insertInto('measurements')
          .values({
            user_id: m.userId,
            id: m.id,
            date: m.date,
            created_at: m.createdAt,
            kind: m.kind,
            side: m.side,
            value: m.value,
            client_id: m.clientId ?? null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
          .executeTakeFirst();
        return inserted.numInsertedOrUpdatedRows === 1n ? true : 'duplicate';
      }),

    async findMeasurementByClientId(userId, clientId) {
      const r = await conn
        .selectFrom('measurements')
        .selectAll()
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return r && toMeasurement(r);
    },

    listMeasurements: (userId, page) => pageOf('measurements', userId, page, toMeasurement),

    async allMeasurements(userId) {
      const rows = await conn
        .selectFrom('measurements')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toMeasurement);
    },

    async progressRows(userId, request): Promise<ProgressRows> {
      const logsFrom =
        request.sessionsFrom > request.sessionsStart ? request.sessionsFrom : request.sessionsStart;
      const byDateThenId = <T extends { date: string; id: string }>(a: T, b: T) =>
        a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1;
      // One statement (one round trip on PostgreSQL, one query through the driver on SQLite), each row
      // saying what it is: c/s/m the rows read (check-ins, logs, measurements), lc/ls/lm the ids made
      // since the marks, x a sitting cut in two. Plain SQL: compiling a builder would cost as much.
      const { rows } = await sql<{
        kind: 'c' | 's' | 'm' | 'lc' | 'ls' | 'lm' | 'x';
        id: string;
        date: string;
        created_at: string;
        n: number | null;
        j: unknown;
        t: string | null;
        u: string | null;
      }>`
        select 'c' as kind, id, date, created_at, pain_now as n, pain_areas as j, null as t,
            null as u
          from checkins where user_id = ${userId} and date >= ${request.checkinsFrom}
        union all
        select 's', id, date, created_at, null, entries, sitting_id, null
          from session_logs where user_id = ${userId} and date >= ${logsFrom}
        union all
        select 'm', id, date, created_at, value, null, kind, side
          from measurements where user_id = ${userId} and date >= ${request.measurementsFrom}
        union all
        select 'lc', id, null, null, null, null, null, null from checkins
          where user_id = ${userId} and id >= ${request.marks.checkins}
            and date < ${request.checkinsFrom}
        union all
        select 'ls', id, null, null, null, null, null, null from session_logs
          where user_id = ${userId} and id >= ${request.marks.sessions}
            and date >= ${request.sessionsStart} and date < ${request.sessionsFrom}
        union all
        select 'lm', id, null, null, null, null, null, null from measurements
          where user_id = ${userId} and id >= ${request.marks.measurements}
            and date < ${request.measurementsFrom}
        union all
        select 'x', '', null, null, null, null, null, null from (select 1 from session_logs a
          where a.user_id = ${userId} and a.date >= ${logsFrom} and a.sitting_id <> ''
            and exists (select 1 from session_logs b where b.user_id = a.user_id
              and b.sitting_id = a.sitting_id and b.date >= ${request.sessionsStart}
              and b.date < ${request.sessionsFrom})
          limit 1) x`.execute(conn);
      const out: ProgressRows = {
        checkins: [],
        sessions: [],
        measurements: [],
        late: { checkins: [], sessions: [], measurements: [] },
        sittingAcross: false,
      };
      for (const r of rows) {
        switch (r.kind) {
          case 'c':
            out.checkins.push({
              id: r.id,
              date: r.date,
              createdAt: r.created_at,
              painNow: r.n,
              painAreas: fromNullableDoc(PAIN_AREAS, r.j, `checkins.pain_areas, row ${r.id}`),
            });
            break;
          case 's':
            out.sessions.push({
              id: r.id,
              date: r.date,
              createdAt: r.created_at,
              sittingId: r.t,
              exerciseIds: fromDoc(SESSION_ENTRIES, r.j, `session_logs.entries, row ${r.id}`).map(
                (e) => e.exerciseId as string,
              ),
            });
            break;
          case 'm':
            out.measurements.push({
              id: r.id,
              date: r.date,
              kind: r.t as MeasurementRecord['kind'],
              side: r.u as MeasurementRecord['side'],
              value: r.n ?? 0,
            });
            break;
          case 'lc':
            out.late.checkins.push(r.id);
            break;
          case 'ls':
            out.late.sessions.push(r.id);
            break;
          case 'lm':
            out.late.measurements.push(r.id);
            break;
          case 'x':
            out.sittingAcross = true;
            break;
        }
      }
      out.checkins.sort(byDateThenId);
      out.sessions.sort(byDateThenId);
      out.measurements.sort(byDateThenId);
      out.late.checkins.sort();
      out.late.sessions.sort();
      out.late.measurements.sort();
      return out;
    },

    async currentPlan(userId) {
      // Only the items (PostgreSQL picks them out of the jsonb; SQLite's JSON functions cost more than
      // parsing the text here), and of them only ids and times a day. Plain SQL, as `progressRows`.
      // A partial read skips the programme document's upgrade steps: the items' `exerciseId` and
      // `timesPerDay` mean the same in every version so far (documents.ts `PROGRAMME`); a version that
      // changes them must read the whole document here.
      const { rows } =
        kind === 'postgres'
          ? await sql<{ id: string; created_at: string; items: string | ProgrammeItems }>`
              select id, created_at, programme -> 'items' as items from programmes
              where user_id = ${userId} and current order by id desc limit 1`.execute(conn)
          : await sql<{ id: string; created_at: string; items: string | ProgrammeItems }>`
              select id, created_at, programme as items from programmes
              where user_id = ${userId} and current = 1 order by id desc limit 1`.execute(conn);
      const r = rows[0];
      if (!r) return undefined;
      const items =
        typeof r.items === 'string'
          ? fromJson<ProgrammeRecord['programme']>(r.items).items
          : r.items;
      return {
        id: r.id,
        createdAt: r.created_at,
        items: items.map((i) => ({ exerciseId: i.exerciseId, timesPerDay: i.timesPerDay })),
      };
    },

    async getProgressHistory(userId) {
      const { rows } = await sql<Selectable<ProgressHistoryTable>>`
        select user_id, updated_at, summary from progress_history
        where user_id = ${userId}`.execute(conn);
      const r = rows[0];
      return r && { userId: r.user_id, updatedAt: r.updated_at, ...fromJson(r.summary) };
    },

    putProgressHistory: (history) =>
      forPerson(history.userId, async () => {
        const { userId, updatedAt, ...summary } = history;
        const values = { updated_at: updatedAt, summary: toJson(summary) };
        await conn
          .insertInto('progress_history')
          .values({ user_id: userId, ...values })
          .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
          .execute();
      }),

    async rowsInOrder<K extends OrderedTable>(
      table: K,
      userId: string,
      page: PageRequest,
    ): Promise<OrderedPage<OrderedRecords[K]>> {
      checkPage(page);
      const after = page.cursor === undefined ? undefined : keyOfCursor(page.cursor);
      const read = async <T extends OrderedTable, R>(
        name: T,
        map: (row: Selectable<Database[T]>) => R,
      ): Promise<R[]> => {
        // Widened to the union on purpose, as in `pageOf`: Kysely cannot resolve a generic table name.
        const from: OrderedTable = name;
        const dated = from !== 'assessments';
        let query = conn.selectFrom(from).selectAll().where('user_id', '=', userId);
        if (after !== undefined) {
          const [date, createdAt, id] = after;
          query = query.where(
            dated
              ? sql<boolean>`(date, created_at, id) > (${date}, ${createdAt}, ${id})`
              : sql<boolean>`(created_at, id) > (${createdAt}, ${id})`,
          );
        }
        if (dated) query = query.orderBy(sql`date`);
        const rows = await query
          .orderBy('created_at')
          .orderBy('id')
          .limit(page.limit + 1)
          .execute();
        return (rows as unknown as Selectable<Database[T]>[]).map(map);
      };
      const mappers: { [T in OrderedTable]: () => Promise<OrderedRecords[T][]> } = {
        assessments: () => read('assessments', toAssessment),
        session_logs: () => read('session_logs', toSessionLog),
        checkins: () => read('checkins', toCheckin),
        measurements: () => read('measurements', toMeasurement),
        outcomes: () => read('outcomes', toOutcome),
      };
      return orderedPageFrom(await mappers[table](), page);
    },

    addAudit: (a) =>
      forPerson(a.userId, async () => {
        await runHot(conn, kind, hotInsertAudit, auditValues(a));
      }),

    listAudit: (userId, page) => pageOf('audit', userId, page, toAudit),

    async listAuditByOthers(userId, page) {
      checkPage(page);
      let query = conn
        .selectFrom('audit')
        .selectAll()
        .where('user_id', '=', userId)
        .where('actor', '!=', userId)
        .where('actor', '!=', 'anonymous');
      if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(page.limit + 1)
        .execute();
      return pageFrom(rows.map(toAudit), page.limit);
    },

    addInvitation: (i) =>
      forPerson(i.clinicianId, async () => {
        await conn
          .insertInto('invitations')
          .values({
            clinician_id: i.clinicianId,
            id: i.id,
            code_hash: i.codeHash,
            created_at: i.createdAt,
            expires_at: i.expiresAt,
            used_at: i.usedAt,
            used_by: i.usedBy,
            cancelled_at: i.cancelledAt,
          })
          .execute();
      }),

    async getInvitationByCode(codeHash) {
      const r = await conn
        .selectFrom('invitations')
        .selectAll()
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      return r && toInvitation(r);
    },

    async listInvitations(clinicianId) {
      const rows = await conn
        .selectFrom('invitations')
        .selectAll()
        .where('clinician_id', '=', clinicianId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toInvitation);
    },

    async cancelInvitation(clinicianId, id, at) {
      const result = await conn
        .updateTable('invitations')
        .set({ cancelled_at: at })
        .where('clinician_id', '=', clinicianId)
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .where('cancelled_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    acceptInvitation: (codeHash, link) =>
      forPerson(link.userId, async () => {
        // PostgreSQL: the row lock makes a second person accepting the same code wait, then read it
        // used. The person's own lock (`withPerson`) keeps their two accepts from both linking.
        let query = conn.selectFrom('invitations').selectAll().where('code_hash', '=', codeHash);
        if (kind === 'postgres') query = query.forUpdate();
        const found = await query.executeTakeFirst();
        if (
          !found ||
          found.used_at !== null ||
          found.cancelled_at !== null ||
          found.expires_at <= link.createdAt
        ) {
          return 'unusable' as const;
        }
        if (found.clinician_id !== link.clinicianId || found.id !== link.invitationId) {
          throw new Error('acceptInvitation: the link names another invitation or clinician');
        }
        const linked = await conn
          .selectFrom('care_links')
          .select('id')
          .where('user_id', '=', link.userId)
          .where('clinician_id', '=', link.clinicianId)
          .where('status', '=', 'active')
          .executeTakeFirst();
        if (linked) return 'already-linked' as const;
        const used = await conn
          .updateTable('invitations')
          .set({ used_at: link.createdAt, used_by: link.userId })
          .where('clinician_id', '=', found.clinician_id)
          .where('id', '=', found.id)
          .where('used_at', 'is', null)
          .where('cancelled_at', 'is', null)
          .executeTakeFirst();
        if (used.numUpdatedRows !== 1n) return 'unusable' as const;
        await conn
          .insertInto('care_links')
          .values({
            user_id: link.userId,
            id: link.id,
            clinician_id: link.clinicianId,
            invitation_id: link.invitationId,
            created_at: link.createdAt,
            status: 'active',
            ended_at: null,
            ended_by: null,
            last_viewed_at: link.lastViewedAt,
          })
          .execute();
        return true as const;
      }),

    async listLinksOfPerson(userId) {
      const rows = await conn
        .selectFrom('care_links')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toCareLink);
    },

    async listLinksOfClinician(clinicianId) {
      const rows = await conn
        .selectFrom('care_links')
        .selectAll()
        .where('clinician_id', '=', clinicianId)
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toCareLink);
    },

    async activeLink(userId, clinicianId) {
      const r = await conn
        .selectFrom('care_links')
        .selectAll()
        .where('user_id', '=', userId)
        .where('clinician_id', '=', clinicianId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return r && toCareLink(r);
    },

    async endLink(userId, linkId, at, by) {
      const result = await conn
        .updateTable('care_links')
        .set({ status: 'ended', ended_at: at, ended_by: by })
        .where('user_id', '=', userId)
        .where('id', '=', linkId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async touchLink(userId, linkId, at) {
      await conn
        .updateTable('care_links')
        .set({ last_viewed_at: at })
        .where('user_id', '=', userId)
        .where('id', '=', linkId)
        .execute();
    },

    addProgrammeVersion: (v, update) =>
      forPerson(v.userId, async () => {
        // As addSessionLog: the revision first, then the insert, then the update.
        if (update && !(await updatable(v.userId, update))) return false;
        await conn
          .insertInto('programme_versions')
          .values({
            user_id: v.userId,
            id: v.id,
            programme_id: v.programmeId,
            number: v.number,
            created_at: v.createdAt,
            author_role: v.authorRole,
            author_id: v.authorId,
            author_name: v.authorName,
            changes: toDoc(VERSION_CHANGES, v.changes),
            note: v.note,
            programme: toDoc(PROGRAMME, v.programme),
            seen_at: v.seenAt,
          })
          .execute();
        if (update) await applyUpdate(v.userId, update);
        return true;
      }),

    async listProgrammeVersions(userId, programmeId) {
      const rows = await conn
        .selectFrom('programme_versions')
        .selectAll()
        .where('user_id', '=', userId)
        .where('programme_id', '=', programmeId)
        .orderBy('number', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toProgrammeVersion);
    },

    async markVersionsSeen(userId, programmeId, upTo, at) {
      const result = await conn
        .updateTable('programme_versions')
        .set({ seen_at: at })
        .where('user_id', '=', userId)
        .where('programme_id', '=', programmeId)
        .where('seen_at', 'is', null)
        .where('number', '<=', upTo)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    addOutcome: (o) =>
      forPerson(o.userId, async () => {
        const inserted = await conn
          .insertInto('outcomes')
          .values({
            user_id: o.userId,
            id: o.id,
            instrument: o.instrument,
            date: o.date,
            created_at: o.createdAt,
            answers: toDoc(OUTCOME_ANSWERS, o.answers),
            score: o.score,
            entered_by: o.enteredBy,
            schedule_id: o.scheduleId,
            client_id: o.clientId ?? null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows !== 1n) return 'duplicate' as const;
        if (o.scheduleId !== null) {
          await conn
            .updateTable('outcome_schedule')
            .set({ done_outcome_id: o.id })
            .where('user_id', '=', o.userId)
            .where('id', '=', o.scheduleId)
            .where('done_outcome_id', 'is', null)
            .execute();
        }
        return true as const;
      }),

    async allOutcomes(userId) {
      const rows = await conn
        .selectFrom('outcomes')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toOutcome);
    },

    addOutcomeSchedule: (e) =>
      forPerson(e.userId, async () => {
        await conn
          .insertInto('outcome_schedule')
          .values({
            user_id: e.userId,
            id: e.id,
            instrument: e.instrument,
            due_date: e.dueDate,
            created_at: e.createdAt,
            created_by: e.createdBy,
            done_outcome_id: e.doneOutcomeId,
            cancelled_at: e.cancelledAt,
          })
          .execute();
      }),

    async listOutcomeSchedule(userId) {
      const rows = await conn
        .selectFrom('outcome_schedule')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('due_date', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toOutcomeSchedule);
    },

    async rowCounts(userId) {
      const user = await conn
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirst();
      const counts: RowCounts = { users: user ? 1 : 0 };
      for (const table of PERSON_TABLES) {
        counts[table] = await count(
          conn
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        );
      }
      // A link is the person's row, and names the clinician: it counts for both.
      counts.care_links = await count(
        conn
          .selectFrom('care_links')
          .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      );
      counts.invitations = await count(
        conn
          .selectFrom('invitations')
          .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
          .where('clinician_id', '=', userId)
          .executeTakeFirst(),
      );
      counts.login_limits = user
        ? await count(
            conn
              .selectFrom('login_limits')
              .select((eb) => eb.fn.countAll<string | number | bigint>().as('n'))
              .where('account', 'in', [user.email, userId])
              .executeTakeFirst(),
          )
        : 0;
      return counts;
    },
  };
}

/** Creates the Store over an open Kysely instance whose tables have been migrated. */
export function createSqlStore(db: Kysely<Database>, kind: SqlDialect): Store {
  /** Set while a `withPerson` transaction of this store runs, so a stray use of the outer store fails loudly. */
  const insidePerson = new AsyncLocalStorage<true>();
  const outside = personStoreOn(db, kind);

  const withPerson = <T>(userId: string, work: (tx: PersonStore) => Promise<T>): Promise<T> =>
    inTransaction(db, kind, async (conn) => {
      // PostgreSQL: the row lock on the person serialises their writers across processes, and a
      // deletion (which locks the row too) waits for them. SQLite: the immediate transaction holds the
      // database's one write lock.
      const [person] = (await runHot(conn, kind, hotPersonRow, [userId])).rows;
      if (!person) throw new PersonGone(userId);
      return insidePerson.run(true, () => work(personStoreOn(conn, kind)));
    });

  const store: Store = {
    kind,
    ...outside,

    async createUser(user) {
      // Only an email clash is "taken"; an id clash is a bug and still throws.
      const result = await db
        .insertInto('users')
        .values(userRow(user))
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return result.numInsertedOrUpdatedRows === 1n;
    },

    async addClinicianCode(code) {
      await db
        .insertInto('clinician_codes')
        .values({
          code_hash: code.codeHash,
          created_at: code.createdAt,
          expires_at: code.expiresAt,
          used_at: code.usedAt,
          used_by: code.usedBy,
        })
        .execute();
    },

    async createClinician(user, codeHash, now) {
      try {
        return await inTransaction(db, kind, async (conn) => {
          // The code is checked first, so nobody without a good code learns whether an email is
          // taken. PostgreSQL: the row lock makes a second sign-up with this code wait, then read it used.
          let query = conn
            .selectFrom('clinician_codes')
            .selectAll()
            .where('code_hash', '=', codeHash);
          if (kind === 'postgres') query = query.forUpdate();
          const code = await query.executeTakeFirst();
          if (!code || code.used_at !== null || code.expires_at <= now) return false;
          const inserted = await conn
            .insertInto('users')
            .values(userRow(user, 'clinician'))
            .onConflict((oc) => oc.column('email').doNothing())
            .executeTakeFirst();
          if (inserted.numInsertedOrUpdatedRows !== 1n) return 'email-taken' as const;
          const used = await conn
            .updateTable('clinician_codes')
            .set({ used_at: now, used_by: user.id })
            .where('code_hash', '=', codeHash)
            .where('used_at', 'is', null)
            .executeTakeFirst();
          // Only if the lock above failed to hold: the account must not outlive the lost race.
          if (used.numUpdatedRows !== 1n) throw new Rollback(false);
          return true;
        });
      } catch (e) {
        if (e instanceof Rollback) return e.value as false;
        throw e;
      }
    },

    async deleteUser(userId, erasure) {
      const deleted = await inTransaction(db, kind, async (conn) => {
        let query = conn.selectFrom('users').select('email').where('id', '=', userId);
        if (kind === 'postgres') query = query.forUpdate();
        const user = await query.executeTakeFirst();
        if (!user) return false;
        // Limiter rows name the account by email (logins) or by id (invitation lookups).
        await conn
          .deleteFrom('login_limits')
          .where('account', 'in', [user.email, userId])
          .execute();
        // A clinician's links stay on their people's records, ended as the account goes.
        await conn
          .updateTable('care_links')
          .set({
            status: 'ended',
            ended_at: erasure?.at ?? new Date().toISOString(),
            ended_by: 'clinician',
          })
          .where('clinician_id', '=', userId)
          .where('status', '=', 'active')
          .execute();
        // Every person table refers to users with ON DELETE CASCADE: this removes all of it.
        await conn.deleteFrom('users').where('id', '=', userId).execute();
        if (erasure) {
          await conn
            .insertInto('erasures')
            .values({
              id: erasure.id,
              subject_hash: erasure.subjectHash,
              at: erasure.at,
              requested_by: erasure.requestedBy,
            })
            .execute();
        }
        return true;
      });
      if (deleted && kind === 'sqlite') {
        // secure_delete zeroed the rows in the database pages; copying the WAL back and emptying it
        // removes the older page images that still held them. Best effort: a reader can hold it back,
        // and the next checkpoint then finishes the job.
        await sql`pragma wal_checkpoint(truncate)`.execute(db).catch(() => undefined);
      }
      return deleted;
    },

    withPerson,

    // Writes of several statements run as one transaction under the person's lock.
    addAssessment: (assessment, programme) =>
      withPerson(assessment.userId, (tx) => tx.addAssessment(assessment, programme)),
    addSessionLog: (log, update, audit) =>
      withPerson(log.userId, (tx) => tx.addSessionLog(log, update, audit)),
    addCheckin: (checkin, update, audit) =>
      withPerson(checkin.userId, (tx) => tx.addCheckin(checkin, update, audit)),
    addMeasurement: (measurement) =>
      withPerson(measurement.userId, (tx) => tx.addMeasurement(measurement)),
    acceptInvitation: (codeHash, link) =>
      withPerson(link.userId, (tx) => tx.acceptInvitation(codeHash, link)),
    addProgrammeVersion: (version, update) =>
      withPerson(version.userId, (tx) => tx.addProgrammeVersion(version, update)),
    addOutcome: (outcome) => withPerson(outcome.userId, (tx) => tx.addOutcome(outcome)),

    listErasures: async (page) => {
      checkPage(page);
      let query = db.selectFrom('erasures').selectAll();
      if (page.cursor !== undefined) query = query.where('id', '<', page.cursor);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(page.limit + 1)
        .execute();
      return pageFrom(rows.map(toErasure), page.limit);
    },

    async purgeLimits(before) {
      const result = await db
        .deleteFrom('login_limits')
        .where('window_start', '<', before)
        .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    updateLimits: (keys, decide) =>
      inTransaction(db, kind, async (conn) => {
        if (kind === 'postgres') {
          // In one order everywhere, so two attempts locking overlapping keys cannot deadlock.
          const names = [
            ...new Set(keys.map((k) => `${k.scope}\u0001${k.account}\u0001${k.address}`)),
          ];
          for (const name of names.sort()) {
            await sql`select pg_advisory_xact_lock(${LIMIT_LOCK_CLASS}, hashtext(${name}))`.execute(
              conn,
            );
          }
        }
        const rows: (LimitRow | undefined)[] = [];
        for (const k of keys) {
          const r = await conn
            .selectFrom('login_limits')
            .select(['count', 'window_start', 'blocked_until'])
            .where('scope', '=', k.scope)
            .where('account', '=', k.account)
            .where('address', '=', k.address)
            .executeTakeFirst();
          rows.push(
            r && { count: r.count, windowStart: r.window_start, blockedUntil: r.blocked_until },
          );
        }
        const decided = decide(rows);
        for (const [i, k] of keys.entries()) {
          const next = decided.rows[i];
          if (next === undefined) continue;
          if (next === null) {
            if (rows[i]) {
              await conn
                .deleteFrom('login_limits')
                .where('scope', '=', k.scope)
                .where('account', '=', k.account)
                .where('address', '=', k.address)
                .execute();
            }
            continue;
          }
          const values = {
            count: next.count,
            window_start: next.windowStart,
            blocked_until: next.blockedUntil,
          };
          await conn
            .insertInto('login_limits')
            .values({ scope: k.scope, account: k.account, address: k.address, ...values })
            .onConflict((oc) => oc.columns(['scope', 'account', 'address']).doUpdateSet(values))
            .execute();
        }
        return decided.result;
      }),

    async close() {
      await db.destroy();
    },
  };

  // Inside `withPerson`, only the transaction's store may be used: the outer one would wait for the
  // connection the transaction holds (SQLite), or read outside the person's lock (PostgreSQL).
  const guarded = store as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(guarded)) {
    if (typeof value !== 'function') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = (...args: unknown[]) =>
      insidePerson.getStore()
        ? Promise.reject(
            new Error(`store.${name} was called inside withPerson: use the transaction's store`),
          )
        : method(...args);
  }
  return store;
}

/**
 * better-sqlite3, loaded at the first SQLite connection rather than with this file (as pg is loaded by
 * `openPostgresStore`): a server loads only the driver of the store it uses.
 */
const requireLater = createRequire(import.meta.url);
function sqliteDriver(): typeof BetterSqlite3 {
  return requireLater('better-sqlite3') as typeof BetterSqlite3;
}

/** A better-sqlite3 connection set up the way every Backchain connection must be. */
export function openSqliteConnection(file: string): BetterSqlite3.Database {
  // Health data: readable by the server's user only. SQLite gives the -wal and -shm files the
  // database file's mode, so setting it here covers them too.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  const database = new (sqliteDriver())(file);
  try {
    // The busy timeout first: it makes a second process wait for a lock instead of failing at
    // once, even while switching a new file to WAL. WAL lets backups and readers run beside writes.
    database.pragma('busy_timeout = 5000');
    database.pragma('journal_mode = WAL');
    // Every person table refers to users: deleting a user removes their rows (ON DELETE CASCADE),
    // and no row can be written for someone who does not exist.
    database.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, so a deleted account's data cannot be read back
    // from the file's free space.
    database.pragma('secure_delete = ON');
  } catch (e) {
    database.close();
    throw e;
  }
  return database;
}

/** How many prepared statements a SQLite store keeps; the store's queries are far fewer. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * A better-sqlite3 connection as Kysely's SQLite driver sees it, with every statement prepared once and
 * reused by its SQL text: the driver asks for a new statement on every query, and preparing one costs
 * about as much as running it. A statement still being iterated (a streamed read) is never handed out
 * twice: the caller gets a fresh one. The oldest statement goes when the cache is full.
 */
export function cachingStatements(
  database: BetterSqlite3.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close() {
      cache.clear();
      database.close();
    },
    prepare(text) {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const statement = database.prepare(text);
      if (!cached) {
        cache.set(text, statement);
        if (cache.size > size) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      return statement;
    },
  };
}

/**
 * The checkpointer's own code, run as a worker thread (CommonJS, given by text so it runs the same from
 * the build and from the sources): its own connection copies the write-ahead log back into the database
 * every `everyMs`, without taking the write lock (PASSIVE), so writers never wait for it.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next turn, or the server's own connection, checkpoints instead.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

/** How long a SQLite store waits before starting its checkpointer (a short-lived store never does). */
const CHECKPOINTER_DELAY_MS = 2_000;
/** How often the checkpointer copies the log back. */
const CHECKPOINT_EVERY_MS = 250;
/**
 * The server's own connection still checkpoints once the log holds this many pages (80 MB), should the
 * checkpointer ever stop; SQLite's default, 1,000, is what it does before the checkpointer is ready.
 */
const WAL_PAGES_WITH_CHECKPOINTER = 20_000;

/**
 * Moves the WAL checkpoint off the event loop. better-sqlite3 runs each statement on the event loop, and
 * SQLite checkpoints inside the commit that fills the log past 1,000 pages: copying those pages back and
 * syncing the file then stalls every request for as long (about 60 % of a write's time, measured). A
 * worker thread with a connection of its own checkpoints instead, and the server's connection only does
 * so should the log grow past `WAL_PAGES_WITH_CHECKPOINTER`. Returns how to stop it.
 */
export function startCheckpointer(
  database: BetterSqlite3.Database,
  file: string,
  timing: { delayMs: number; everyMs: number } = {
    delayMs: CHECKPOINTER_DELAY_MS,
    everyMs: CHECKPOINT_EVERY_MS,
  },
): { stop: () => Promise<void>; ready: Promise<boolean> } {
  let ready: (started: boolean) => void = () => undefined;
  const started = new Promise<boolean>((resolve) => {
    ready = resolve;
  });
  let worker: Worker | undefined;
  let stopped = false;
  const timer = setTimeout(() => {
    void import('node:worker_threads').then((threads) => {
      if (stopped) {
        ready(false);
        return;
      }
      worker = new threads.Worker(CHECKPOINTER, {
        eval: true,
        workerData: {
          file,
          driver: requireLater.resolve('better-sqlite3'),
          everyMs: timing.everyMs,
        },
      });
      worker.unref();
      worker.once('message', () => {
        if (!stopped && database.open)
          database.pragma(`wal_autocheckpoint = ${WAL_PAGES_WITH_CHECKPOINTER}`);
        ready(true);
      });
      // Without it the server's connection checkpoints as SQLite always does.
      const fallBack = () => {
        if (!stopped && database.open) database.pragma('wal_autocheckpoint = 1000');
        ready(false);
      };
      worker.once('error', fallBack);
      worker.once('exit', fallBack);
    });
  }, timing.delayMs);
  timer.unref();
  return {
    ready: started,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const running = worker;
      if (!running) {
        ready(false);
        return;
      }
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.postMessage('stop');
      await exited;
    },
  };
}

/** Opens (creating if needed) a SQLite database file in WAL mode, migrated, as a Store. */
export async function openSqliteStore(file: string): Promise<Store> {
  const connection = openSqliteConnection(file);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(connection) }),
  });
  try {
    await migrate(db, 'sqlite');
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const checkpointer = startCheckpointer(connection, file);
  const store = createSqlStore(db, 'sqlite');
  return {
    ...store,
    async close() {
      await checkpointer.stop();
      await store.close();
    },
  };
}

/**
 * A pg pool as Kysely uses it, whose connections run the hot queries (`preparedNames`) as named prepared
 * statements: parsed and planned once a connection, then only run. Every other query is sent as it was.
 */
function preparingPool(pool: PgPool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const query = (text: string, values: readonly unknown[]) => {
        const name = preparedNames.get(text);
        return name === undefined
          ? client.query(text, [...values])
          : client.query({ name, text, values: [...values] });
      };
      return {
        // Only the first of Kysely's two forms: its streamed reads (a cursor) are never used here.
        query: query as unknown as PostgresPoolClient['query'],
        release: () => {
          client.release();
        },
      };
    },
    end: () => pool.end(),
  };
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
  // Loaded here, not at the top: a SQLite or memory store never loads the PostgreSQL driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    // Set at connection start-up, so no query can ever run before the search_path is in place.
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  try {
    await migrate(db, 'postgres', { schema });
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return createSqlStore(db, 'postgres');
}
