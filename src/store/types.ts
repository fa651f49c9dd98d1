// The storage interface: one contract, three implementations (memory, SQLite, PostgreSQL).
// Every table that holds a person's data is keyed by that person (userId), so data shards by person.
import type { Assessment } from '../engine/assess.js';
import type { Intake } from '../engine/intake.js';
import type { Programme } from '../engine/plan.js';
import type { ProgrammeState, SessionEntry, ProgrammeChange } from '../engine/session.js';
import type { Level, TriageReason } from '../engine/triage.js';

/** ISO 8601 instant in UTC, e.g. 2026-11-21T10:00:00.000Z. Sorts as text. */
export type Instant = string;
/** A person's local calendar date, YYYY-MM-DD. */
export type LocalDate = string;

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: Instant;
}

/** A login session (cookie) or a personal access token; only the hash of the secret is stored. */
export interface CredentialRecord {
  tokenHash: string;
  userId: string;
  kind: 'session' | 'token';
  createdAt: Instant;
  expiresAt: Instant;
}

export interface AssessmentRecord {
  userId: string;
  id: string;
  createdAt: Instant;
  /** The answers after parsing (defaults filled). */
  answers: Intake;
  result: Assessment;
  knowledgeBase: string;
}

export interface ProgrammeRecord {
  userId: string;
  id: string;
  assessmentId: string;
  createdAt: Instant;
  /** The programme as generated, then changed by the stop rules and progression. */
  programme: Programme;
  /** Per-exercise progress and the stop-rule history the engine needs. */
  state: ProgrammeState;
  paused: boolean;
  /** Why it is paused: the warning rules that fired at a check-in. */
  pausedBy: { level: Level; reasons: TriageReason[]; advice: string } | null;
  /** Only the newest programme of a person is current; older ones are history. */
  current: boolean;
  /** Bumped on every update, for compare-and-swap across server processes. */
  revision: number;
}

export interface SessionLogRecord {
  userId: string;
  id: string;
  programmeId: string;
  date: LocalDate;
  createdAt: Instant;
  entries: SessionEntry[];
  programmeChanges: ProgrammeChange[];
  warningCheckRequired: boolean;
  /** The id the device gave the session, unique per person: a session sent twice is stored once. */
  clientId: string | null;
}

export interface CheckinRecord {
  userId: string;
  id: string;
  date: LocalDate;
  createdAt: Instant;
  /** Null for a check-in that carried only warning signs (one fired: it is stored as it was given). */
  painNow: number | null;
  painAreas: string[] | null;
  legSide: string | null;
  /** The warning-sign answers as given (intake field names); a warning-only check-in holds only those answered. */
  warningSigns: Record<string, unknown>;
  sittingHours: number | null;
  walkingBreaks: number | null;
  /** The warning rules that fired, when any did. */
  triage: { level: Level; reasons: TriageReason[]; advice: string } | null;
  programmePaused: boolean;
  /** The id the device gave the check-in, unique per person: a check-in sent twice is stored once. */
  clientId: string | null;
}

export interface MeasurementRecord {
  userId: string;
  id: string;
  date: LocalDate;
  createdAt: Instant;
  kind: 'slr-angle' | 'toe-touch';
  side: 'left' | 'right' | null;
  /** Degrees for `slr-angle`; for `toe-touch`, centimetres short of the toes (0 = reaches, negative = past). */
  value: number;
}

export interface AuditRecord {
  userId: string;
  id: string;
  at: Instant;
  /** Who acted: the person's own id, or `system`. */
  actor: string;
  action: 'read' | 'create' | 'update' | 'delete' | 'export' | 'login' | 'logout';
  /** What was touched, e.g. `assessment:01J…` or `export:fhir`. */
  resource: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageRequest {
  /** 1..500. */
  limit: number;
  /** Opaque: the `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

/** A programme update guarded by the revision it was computed from. */
export interface ProgrammeUpdate {
  id: string;
  expectedRevision: number;
  programme: Programme;
  state: ProgrammeState;
  paused: boolean;
  pausedBy: ProgrammeRecord['pausedBy'];
}

export type StoreKind = 'memory' | 'sqlite' | 'postgres';

/** Row counts of one person in every table, for the delete guarantee. */
export type RowCounts = Record<string, number>;

/**
 * The one storage interface. Lists are newest first (ids are time-ordered), paged by cursor.
 * Methods that write several rows do so atomically. Nothing here knows about HTTP.
 */
export interface Store {
  readonly kind: StoreKind;

  /** Creates the user; returns false when the email is already taken (case-insensitive). */
  createUser(user: UserRecord): Promise<boolean>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  updatePasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** Removes the user and every row of theirs in every table, in one transaction. */
  deleteUser(userId: string): Promise<void>;

  addCredential(credential: CredentialRecord): Promise<void>;
  getCredential(tokenHash: string): Promise<CredentialRecord | undefined>;
  deleteCredential(tokenHash: string): Promise<void>;
  /** Revokes every session (and token when `kinds` includes it) of a user, except the one named. */
  deleteCredentialsOf(
    userId: string,
    kinds: CredentialRecord['kind'][],
    exceptTokenHash?: string,
  ): Promise<void>;

  /** Stores an assessment and makes the programme generated from it current, atomically. */
  addAssessment(assessment: AssessmentRecord, programme: ProgrammeRecord): Promise<void>;
  getAssessment(userId: string, id: string): Promise<AssessmentRecord | undefined>;
  listAssessments(userId: string, page: PageRequest): Promise<Page<AssessmentRecord>>;
  latestAssessment(userId: string): Promise<AssessmentRecord | undefined>;

  getCurrentProgramme(userId: string): Promise<ProgrammeRecord | undefined>;
  listProgrammes(userId: string, page: PageRequest): Promise<Page<ProgrammeRecord>>;

  /**
   * Stores a session log and, when given, the programme update it caused, atomically.
   * Returns false when the programme's revision no longer matches, and 'duplicate' when the person
   * already has a session log with this `clientId`; either way nothing is written.
   */
  addSessionLog(log: SessionLogRecord, update?: ProgrammeUpdate): Promise<boolean | 'duplicate'>;
  /** The person's session log with this device-made id, if any. */
  findSessionLogByClientId(userId: string, clientId: string): Promise<SessionLogRecord | undefined>;
  listSessionLogs(userId: string, page: PageRequest): Promise<Page<SessionLogRecord>>;
  /** Session logs on or after a date, oldest first (for the stop rules' 7-day window and progress). */
  sessionLogsSince(userId: string, date: LocalDate): Promise<SessionLogRecord[]>;

  /**
   * Stores a check-in and, when given, the programme update (pause) it caused, atomically.
   * Returns false on a revision conflict, and 'duplicate' when the person already has a check-in
   * with this `clientId`; either way nothing is written.
   */
  addCheckin(checkin: CheckinRecord, update?: ProgrammeUpdate): Promise<boolean | 'duplicate'>;
  /** The person's check-in with this device-made id, if any. */
  findCheckinByClientId(userId: string, clientId: string): Promise<CheckinRecord | undefined>;
  listCheckins(userId: string, page: PageRequest): Promise<Page<CheckinRecord>>;
  /** Every check-in, oldest first (progress and exports). */
  allCheckins(userId: string): Promise<CheckinRecord[]>;

  addMeasurement(measurement: MeasurementRecord): Promise<void>;
  listMeasurements(userId: string, page: PageRequest): Promise<Page<MeasurementRecord>>;
  allMeasurements(userId: string): Promise<MeasurementRecord[]>;

  addAudit(entry: AuditRecord): Promise<void>;
  listAudit(userId: string, page: PageRequest): Promise<Page<AuditRecord>>;

  /** Records a failed login for a key (`account:<email>` or `address:<ip>`). */
  recordLoginFailure(key: string, at: Instant): Promise<void>;
  countLoginFailures(key: string, since: Instant): Promise<number>;
  clearLoginFailures(key: string): Promise<void>;

  /** How many rows this person has in each table that holds personal data. */
  rowCounts(userId: string): Promise<RowCounts>;

  close(): Promise<void>;
}
