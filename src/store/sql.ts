// The SQL store: one set of Kysely queries for SQLite and PostgreSQL; dialect differences live in row mapping.
import BetterSqlite3 from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import {
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type ColumnType,
  type Selectable,
} from 'kysely';
import pg from 'pg';
import { restoreProgrammeState } from '../engine/session.js';
import { PersonGone } from './errors.js';
import { normalizeEmail } from './keys.js';
import { migrate, type SqlDialect } from './migrations.js';
import { checkPage, pageFrom } from './paging.js';
import type {
  AssessmentRecord,
  AuditRecord,
  CareLinkRecord,
  CheckinRecord,
  CredentialRecord,
  ErasureRecord,
  InvitationRecord,
  LimitKey,
  LimitRow,
  MeasurementRecord,
  OutcomeRecord,
  OutcomeScheduleRecord,
  Page,
  PageRequest,
  PersonStore,
  ProgrammeRecord,
  ProgrammeUpdate,
  ProgrammeVersionRecord,
  Role,
  RowCounts,
  SessionLogRecord,
  Store,
  TokenScope,
  UserRecord,
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
] as const;
/** The person tables listed newest first by id. */
type PagedTableName =
  'assessments' | 'programmes' | 'session_logs' | 'checkins' | 'measurements' | 'audit';

/** A class id for the login limits' advisory locks, apart from the migration lock's key space. */
const LIMIT_LOCK_CLASS = 0x6c696d74; // "limt"

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
  changes: fromJson(r.changes),
  note: r.note,
  programme: fromJson(r.programme),
  seenAt: r.seen_at,
});

const toOutcome = (r: Selectable<OutcomesTable>): OutcomeRecord => ({
  userId: r.user_id,
  id: r.id,
  instrument: r.instrument,
  date: r.date,
  createdAt: r.created_at,
  answers: fromJson(r.answers),
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

const toCredential = (r: Selectable<CredentialsTable>): CredentialRecord => ({
  tokenHash: r.token_hash,
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  name: r.name,
  scopes: fromJson(r.scopes),
  lastUsedAt: r.last_used_at,
});

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
  clientId: r.client_id,
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
  sittingId: r.sitting_id,
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
    const found = await conn
      .selectFrom('programmes')
      .select('revision')
      .where('user_id', '=', userId)
      .where('id', '=', update.id)
      .executeTakeFirst();
    return found?.revision === update.expectedRevision;
  };

  const applyUpdate = async (userId: string, update: ProgrammeUpdate): Promise<void> => {
    await conn
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
      .execute();
  };

  return {
    async getUser(id) {
      const r = await conn.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
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
            scopes: toJson(c.scopes),
            last_used_at: c.lastUsedAt,
          })
          .execute();
      }),

    async getCredential(tokenHash) {
      const r = await conn
        .selectFrom('credentials')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
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
            answers: toJson(assessment.answers),
            result: toJson(assessment.result),
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
            programme: toJson(programme.programme),
            state: toJson(programme.state),
            paused: bool(programme.paused),
            paused_by: toNullableJson(programme.pausedBy),
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
      const r = await conn
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
      forPerson(log.userId, async () => {
        // The revision is checked first, then the insert, then the update: nothing is written
        // before it is known that everything will be.
        if (update && !(await updatable(log.userId, update))) return false;
        const inserted = await conn
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
            sitting_id: log.sittingId ?? null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'client_id']).doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows !== 1n) return 'duplicate';
        if (update) await applyUpdate(log.userId, update);
        return true;
      }),

    async findSessionLogByClientId(userId, clientId) {
      const r = await conn
        .selectFrom('session_logs')
        .selectAll()
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
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

    addCheckin: (c, update) =>
      forPerson(c.userId, async () => {
        if (update && !(await updatable(c.userId, update))) return false;
        const inserted = await conn
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
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows !== 1n) return 'duplicate';
        if (update) await applyUpdate(c.userId, update);
        return true;
      }),

    async findCheckinByClientId(userId, clientId) {
      const r = await conn
        .selectFrom('checkins')
        .selectAll()
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
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

    addAudit: (a) =>
      forPerson(a.userId, async () => {
        await conn
          .insertInto('audit')
          .values({
            user_id: a.userId,
            id: a.id,
            at: a.at,
            actor: a.actor,
            action: a.action,
            resource: a.resource,
            resource_id: a.resourceId ?? null,
            credential_kind: a.credentialKind ?? null,
            credential_id: a.credentialId ?? null,
            address: a.address ?? null,
            outcome: a.outcome ?? 'ok',
          })
          .execute();
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
            changes: toJson(v.changes),
            note: v.note,
            programme: toJson(v.programme),
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
            answers: toJson(o.answers),
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
      let query = conn.selectFrom('users').select('id').where('id', '=', userId);
      if (kind === 'postgres') query = query.forUpdate();
      if (!(await query.executeTakeFirst())) throw new PersonGone(userId);
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
    addSessionLog: (log, update) => withPerson(log.userId, (tx) => tx.addSessionLog(log, update)),
    addCheckin: (checkin, update) =>
      withPerson(checkin.userId, (tx) => tx.addCheckin(checkin, update)),
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

/** A better-sqlite3 connection set up the way every Backchain connection must be. */
export function openSqliteConnection(file: string): BetterSqlite3.Database {
  // Health data: readable by the server's user only. SQLite gives the -wal and -shm files the
  // database file's mode, so setting it here covers them too.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  const database = new BetterSqlite3(file);
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
