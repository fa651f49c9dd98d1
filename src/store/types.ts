// The storage interface: one contract, three implementations (memory, SQLite, PostgreSQL).
// Every table that holds a person's data is keyed by that person (userId), so data shards by person.
import type { Assessment } from '../engine/assess.js';
import type { Intake } from '../engine/intake.js';
import type { Programme } from '../engine/plan.js';
import type { ProgrammeState, SessionEntry, ProgrammeChange } from '../engine/session.js';
import type { Level, TriageReason } from '../engine/triage.js';
import type { OutcomeAnswers } from '../engine/outcomes.js';
import type { CheckinHistory, MeasurementHistory } from '../engine/progress.js';
import type { SittingHistory } from '../engine/sittings.js';
import type { InstrumentId } from '../kb/instruments.js';

/** ISO 8601 instant in UTC, e.g. 2026-11-21T10:00:00.000Z. Sorts as text. */
export type Instant = string;
/** A person's local calendar date, YYYY-MM-DD. */
export type LocalDate = string;

/** Who an account is for: a person with their own record, or a clinician who follows people linked to them. */
export type Role = 'person' | 'clinician';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: Instant;
  /** Read back as 'person' for accounts made before roles existed. */
  role?: Role;
  /** The name a clinician is shown by to the people linked to them ("Alex Morgan, physiotherapist"); null for people. */
  displayName?: string | null;
}

/** What a personal access token may do; account changes (tokens, password, deletion) need a browser session. */
export type TokenScope = 'read' | 'write' | 'export';

/** A login session (cookie) or a personal access token; only the hash of the secret is stored. */
export interface CredentialRecord {
  tokenHash: string;
  /** A public id (listing, revoking, the audit trail); never the secret or its hash. */
  id: string;
  userId: string;
  kind: 'session' | 'token';
  createdAt: Instant;
  expiresAt: Instant;
  /** A token's name, given by the person; null for sessions. */
  name: string | null;
  /** A token's scopes; empty for sessions, which may do everything their person may. */
  scopes: TokenScope[];
  /** When a token was last used (kept to the minute); null until then, and for sessions. */
  lastUsedAt: Instant | null;
}

export interface AssessmentRecord {
  userId: string;
  id: string;
  createdAt: Instant;
  /** The answers after parsing (defaults filled). */
  answers: Intake;
  result: Assessment;
  knowledgeBase: string;
  /**
   * The id the device gave the assessment, unique per person: one sent twice is stored once.
   * Read back as null when none was given; records made before it existed may leave it out.
   */
  clientId?: string | null;
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
  /**
   * The sitting this log belongs to: the web player logs each exercise as it ends, so one sitting is
   * every log with the same id. Older logs (and older snapshots) have none.
   */
  sittingId?: string | null;
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
  /**
   * The id the device gave the measurement, unique per person: one sent twice is stored once.
   * Read back as null when none was given; records made before it existed may leave it out.
   */
  clientId?: string | null;
}

/** What an audit row records: an access to the record, or an event of the account. */
export type AuditAction =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'export'
  | 'login'
  | 'logout'
  | 'token-create'
  | 'token-revoke'
  | 'password-change'
  | 'password-reset'
  | 'invite'
  | 'link'
  | 'unlink';

/** How it ended: done, a wrong password, refused (scope, limits, cross-site, the record's rules), or a repeat of a stored write. */
export type AuditOutcome = 'ok' | 'failed' | 'refused' | 'duplicate';

export interface AuditRecord {
  userId: string;
  id: string;
  at: Instant;
  /** Who acted: the person's own id, `operator` (the command line), or `system`. */
  actor: string;
  action: AuditAction;
  /** What was touched, e.g. `/api/assessments#01J…` or `/api/export?format=fhir`. */
  resource: string;
  /** The id of the record touched or made, when there is one. Optional: rows from before it existed have null. */
  resourceId?: string | null;
  /** The credential used: a browser session or a personal access token, by its public id. */
  credentialKind?: 'session' | 'token' | null;
  credentialId?: string | null;
  /** The client's address as the server saw it (behind a trusted proxy, the forwarded one). */
  address?: string | null;
  outcome?: AuditOutcome;
}

/**
 * What stays when an account is deleted, for the operator's proof of erasure: no email, no health
 * data, only a one-way hash of the account id and when and how it went.
 */
export interface ErasureRecord {
  id: string;
  /** sha256 of the deleted account's id, hex. */
  subjectHash: string;
  at: Instant;
  /** Who asked: `person` (DELETE /api/me) or `operator`. */
  requestedBy: 'person' | 'operator';
}

/** A login or sign-up limiter's key: what is being counted. */
export interface LimitKey {
  /**
   * `login-pair` (account and address), `login-account`, `login-address`, `signup-address`;
   * `invite-lookup` (a person trying invitation codes: account is the person's id).
   */
  scope: 'login-pair' | 'login-account' | 'login-address' | 'signup-address' | 'invite-lookup';
  /** The normalised email, or '' when the scope has none. */
  account: string;
  /** The client address, or '' when the scope has none. */
  address: string;
}

/** A limiter's counter as stored. */
export interface LimitRow {
  /** Attempts counted in this window (failed, or still being checked). */
  count: number;
  windowStart: Instant;
  /** Refused until then (back-off), or null. */
  blockedUntil: Instant | null;
}

/** A single-use code the operator gives to let one clinician sign up (`backchain clinician-code`). */
export interface ClinicianCodeRecord {
  /** sha256 of the code; the code itself is shown once and never stored. */
  codeHash: string;
  createdAt: Instant;
  expiresAt: Instant;
  usedAt: Instant | null;
  /** The clinician account made with it. */
  usedBy: string | null;
}

/**
 * A clinician's invitation: a short code (and a link holding it), single use, expiring after 7 days.
 * Keyed by the clinician: until it is accepted it names no person.
 */
export interface InvitationRecord {
  id: string;
  clinicianId: string;
  /** sha256 of the normalised code; the code is shown to the clinician once, when it is made. */
  codeHash: string;
  createdAt: Instant;
  expiresAt: Instant;
  /** When a person accepted it (it is then used up), or null. */
  usedAt: Instant | null;
  usedBy: string | null;
  /** When the clinician withdrew it before anyone accepted it, or null. */
  cancelledAt: Instant | null;
}

/**
 * A person's link to a clinician, keyed by the person (who owns it): made when the person accepts an
 * invitation, ended by either side at any moment. An ended link gives no access and is kept for the
 * record (who could see what, and when).
 */
export interface CareLinkRecord {
  userId: string;
  id: string;
  clinicianId: string;
  invitationId: string;
  createdAt: Instant;
  status: 'active' | 'ended';
  endedAt: Instant | null;
  endedBy: 'person' | 'clinician' | 'operator' | null;
  /** When the clinician last opened this person's record (their list ranks what came after it). */
  lastViewedAt: Instant | null;
}

/** What one change of a programme version did to one exercise (or to the whole programme). */
export interface ProgrammeVersionChange {
  op: 'add' | 'remove' | 'dose' | 'note' | 'pause' | 'resume';
  /** The exercise changed; absent for pause and resume. */
  exerciseId?: string;
  /** The item before and after (dose, times a day, note), for the history's "from … to …". */
  before?: unknown;
  after?: unknown;
}

/**
 * One version of a person's programme: who made it and why, what changed, and the programme as it then
 * stood. Version 1 is the engine's, from the assessment; each clinician change makes the next one. The
 * history is kept (never rebuilt), and the person marks each clinician version as seen.
 */
export interface ProgrammeVersionRecord {
  userId: string;
  id: string;
  programmeId: string;
  /** 1, 2, 3 … within the programme. */
  number: number;
  createdAt: Instant;
  /** 'engine' for the generated programme; 'clinician' for a clinician's change. */
  authorRole: 'engine' | 'clinician';
  /** The clinician's account id, or null for the engine. */
  authorId: string | null;
  /** The clinician's display name at the time, kept so the history reads the same after they leave. */
  authorName: string | null;
  changes: ProgrammeVersionChange[];
  /** The clinician's note to the person about this change (shown before their next sitting). */
  note: string | null;
  programme: Programme;
  /** When the person saw this version's changes; null until then (engine versions are seen when made). */
  seenAt: Instant | null;
}

/** A scored outcome measure: answered by the person, or a total a clinician entered (the Oswestry index). */
export interface OutcomeRecord {
  userId: string;
  id: string;
  instrument: InstrumentId;
  date: LocalDate;
  createdAt: Instant;
  /** The answers as given (`OutcomeAnswers`), so the score can be checked and exported item by item. */
  answers: OutcomeAnswers;
  score: number;
  /** Who entered it: the person's own id, or the clinician's. */
  enteredBy: string;
  /** The schedule entry this answers, if any. */
  scheduleId: string | null;
  clientId: string | null;
}

/** An outcome measure a clinician asked the person to fill in, from a date. */
export interface OutcomeScheduleRecord {
  userId: string;
  id: string;
  instrument: InstrumentId;
  dueDate: LocalDate;
  createdAt: Instant;
  createdBy: string;
  /** The outcome that answered it, or null while it is still due. */
  doneOutcomeId: string | null;
  /** When it was withdrawn, or null. */
  cancelledAt: Instant | null;
}

/** A check-in as the progress view reads it: its pain answers (null for a warning-only check-in). */
export interface ProgressCheckinRow {
  id: string;
  date: LocalDate;
  createdAt: Instant;
  painNow: number | null;
  painAreas: string[] | null;
}

/** A session log as the progress view reads it: its sitting, and the exercises done in it. */
export interface ProgressSessionRow {
  id: string;
  date: LocalDate;
  createdAt: Instant;
  sittingId: string | null;
  exerciseIds: string[];
}

/** A measurement as the progress view reads it. */
export interface ProgressMeasurementRow {
  id: string;
  date: LocalDate;
  kind: MeasurementRecord['kind'];
  side: MeasurementRecord['side'];
  value: number;
}

/** What the progress view needs of the current programme: its id, when it began, its exercises and times a day. */
export interface CurrentPlan {
  id: string;
  createdAt: Instant;
  items: { exerciseId: string; timesPerDay: number }[];
}

/** Which of a person's rows the progress view reads: those dated on or after each date. */
export interface ProgressRowsRequest {
  checkinsFrom: LocalDate;
  measurementsFrom: LocalDate;
  /** Session logs count from `sessionsStart` (the programme's start); those on or after `sessionsFrom` are listed. */
  sessionsStart: LocalDate;
  sessionsFrom: LocalDate;
  /**
   * Of the rows dated before the `…From` dates, those whose id is at or after these are named in
   * `late` (ids sort by when rows were made: these are the rows made since a mark).
   */
  marks: { checkins: string; sessions: string; measurements: string };
}

/** The rows the progress view reads, oldest first (by date, then id), and what lies before them. */
export interface ProgressRows {
  checkins: ProgressCheckinRow[];
  sessions: ProgressSessionRow[];
  measurements: ProgressMeasurementRow[];
  /**
   * The ids, ascending, of the rows dated before the `…From` dates (session logs: from `sessionsStart`)
   * made at or after each mark. Rows are only ever added, so a summary of the older rows is whole
   * while these are the ones it knew of when it was made.
   */
  late: { checkins: string[]; sessions: string[]; measurements: string[] };
  /** Whether a sitting has logs both before `sessionsFrom` (and from `sessionsStart`) and on or after it. */
  sittingAcross: boolean;
}

/**
 * A summary of a person's progress up to a few days ago, kept so a long record's progress reads only its
 * newest rows (derived data: any part can be rebuilt from the record, and is, whenever its counts stop
 * matching). Each part covers the rows dated before `before`: those before `from` as a summary, those
 * from `from` on as they are (`tail`), for the charts that list days one by one. Rows added later are
 * seen by their ids: a part is whole while its rows dated before `before` with an id from `mark` on
 * (made since an hour before the part was) are exactly `late`.
 */
export interface ProgressHistoryRecord {
  userId: string;
  updatedAt: Instant;
  /** The format of the parts; a record of another format is rebuilt. */
  format: number;
  checkins: {
    before: LocalDate;
    mark: string;
    late: string[];
    from: LocalDate;
    summary: CheckinHistory;
    /** The days with pain answers from `from`: each day's pain and the furthest area named (`checkinDays`). */
    tail: [date: LocalDate, pain: number, furthest: string | null][];
  } | null;
  measurements: {
    before: LocalDate;
    mark: string;
    late: string[];
    from: LocalDate;
    summary: MeasurementHistory;
    /** The leg-raise angles from `from`, oldest first. */
    tail: [date: LocalDate, side: 'left' | 'right' | null, value: number][];
  } | null;
  /** The sittings of the programme `programmeId` (whose logs count from `start`). */
  sittings: {
    programmeId: string;
    start: LocalDate;
    before: LocalDate;
    mark: string;
    late: string[];
    from: LocalDate;
    summary: SittingHistory;
    /** The sittings dated from `from`, in date order: each one's date and the exercises done in it. */
    tail: [date: LocalDate, exerciseIds: string[]][];
  } | null;
}

/** The person tables an export reads in order, and the record each holds. */
export interface OrderedRecords {
  assessments: AssessmentRecord;
  session_logs: SessionLogRecord;
  checkins: CheckinRecord;
  measurements: MeasurementRecord;
  outcomes: OutcomeRecord;
}
export type OrderedTable = keyof OrderedRecords;

/** A page of rows in order, and the cursor of the next one (null after the last). */
export interface OrderedPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** An assessment without its result: what a check-in or a session reads of it (issue 11). */
export type AssessmentAnswers = Pick<AssessmentRecord, 'userId' | 'id' | 'createdAt' | 'answers'>;

/** The current programme without the programme itself: all a check-in that changes nothing reads. */
export type ProgrammeStateRecord = Omit<ProgrammeRecord, 'programme'>;

/** The kinds of a person's rows the write limits count (docs/api.md, "Limits"). */
export type LimitedWrite = 'assessments' | 'checkins' | 'session_logs' | 'measurements';

/** What the write limits ask about one kind of a person's rows before one more is written. */
export interface WriteCountRequest {
  /** Rows made at or after this instant (by their ids, which creation time orders) count … */
  since: Instant;
  /** … until this many are found. */
  recentLimit: number;
  /** Rows dated this date count (null for assessments, which have no date) … */
  date: LocalDate | null;
  /** … up to this many. */
  dateLimit: number;
  /** Every row counts, up to this many: only when `date` holds no row yet, or is null. */
  totalLimit: number;
}

/** The answer to a `WriteCountRequest`. */
export interface WriteCounts {
  /**
   * When the `recentLimit`-th newest row made since `since` was made, as its id says (the rate is
   * reached, and one more may be written once that row is older than the window), or null when fewer
   * were made.
   */
  nthRecentAt: Instant | null;
  /** Rows dated `date`, at most `dateLimit` (0 when `date` is null). */
  onDate: number;
  /** Every row, at most `totalLimit`; null when not counted (the date already held a row). */
  total: number | null;
}

/** What a check-in or a session asks to read before it writes: its repeat, and its limits' counts. */
export interface WriteReadsRequest {
  /** The write's device-made id: the person's row with it, if any, is read (a repeat). */
  clientId: string | null;
  /** The write limits' counts to read, or null when the write has no limits (a device, the command line). */
  counts: WriteCountRequest | null;
}

/** Everything a check-in reads before it writes (issue 11): one statement on the SQL stores. */
export interface CheckinReads {
  /** The person's check-in with the request's `clientId`, when this one repeats it. */
  repeat: CheckinRecord | undefined;
  /** The latest assessment's answers, id and date (as `latestAnswers`). */
  latest: AssessmentAnswers | undefined;
  /** The current programme's state, pause and revision (as `currentProgrammeState`). */
  programme: ProgrammeStateRecord | undefined;
  /** The counts of check-ins the limits asked for (as `writeCounts`), or null when none were asked. */
  counts: WriteCounts | null;
}

/** Everything a session reads before it writes (issue 11): one statement on the SQL stores. */
export interface SessionReads {
  /** The person's session log with the request's `clientId`, when this one repeats it. */
  repeat: SessionLogRecord | undefined;
  /** The current programme, whole (as `getCurrentProgramme`). */
  programme: ProgrammeRecord | undefined;
  /** The answers of the assessment the current programme was made from (as `getAnswers`). */
  answers: AssessmentAnswers | undefined;
  /** The counts of session logs the limits asked for (as `writeCounts`), or null when none were asked. */
  counts: WriteCounts | null;
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
  /**
   * Removes the user and every row of theirs in every table (and their login limits), in one
   * transaction that waits for the person's writes in progress (`withPerson`) and leaves `erasure`
   * behind when given. Returns false when there was no such user (nothing is written then).
   */
  deleteUser(userId: string, erasure?: ErasureRecord): Promise<boolean>;

  /**
   * Runs one person's read-compute-write as one transaction holding that person's lock, so writes for
   * one person (from any process) run one after another instead of failing, and a deletion waits for
   * them. `work` must use only the store it is given (the transaction), never this one. Rejects with
   * `PersonGone` when the user does not exist (any more); nothing `work` wrote stays when it throws.
   */
  withPerson<T>(userId: string, work: (tx: PersonStore) => Promise<T>): Promise<T>;

  addCredential(credential: CredentialRecord): Promise<void>;
  getCredential(tokenHash: string): Promise<CredentialRecord | undefined>;
  deleteCredential(tokenHash: string): Promise<void>;
  /** A person's credentials of one kind, newest first (the token list). */
  listCredentials(userId: string, kind: CredentialRecord['kind']): Promise<CredentialRecord[]>;
  /** Revokes one of a person's credentials by its public id; false when they have none with that id. */
  deleteCredentialById(userId: string, id: string): Promise<boolean>;
  /** Notes when a credential was used. */
  touchCredential(tokenHash: string, at: Instant): Promise<void>;
  /** Revokes every session (and token when `kinds` includes it) of a user, except the one named. */
  deleteCredentialsOf(
    userId: string,
    kinds: CredentialRecord['kind'][],
    exceptTokenHash?: string,
  ): Promise<void>;

  /**
   * Stores an assessment and makes the programme generated from it current, atomically; 'duplicate'
   * (writing nothing) when the person already has an assessment with its `clientId`.
   */
  addAssessment(
    assessment: AssessmentRecord,
    programme: ProgrammeRecord,
  ): Promise<true | 'duplicate'>;
  /** The person's assessment with this device-made id, if any. */
  findAssessmentByClientId(userId: string, clientId: string): Promise<AssessmentRecord | undefined>;
  getAssessment(userId: string, id: string): Promise<AssessmentRecord | undefined>;
  listAssessments(userId: string, page: PageRequest): Promise<Page<AssessmentRecord>>;
  latestAssessment(userId: string): Promise<AssessmentRecord | undefined>;

  getCurrentProgramme(userId: string): Promise<ProgrammeRecord | undefined>;
  listProgrammes(userId: string, page: PageRequest): Promise<Page<ProgrammeRecord>>;

  /**
   * Stores a session log and, when given, the programme update it caused and the write's audit row,
   * atomically (one statement on PostgreSQL). Returns false when the programme's revision no longer
   * matches, and 'duplicate' when the person already has a session log with this `clientId`; either
   * way nothing is written, not even the audit row.
   */
  addSessionLog(
    log: SessionLogRecord,
    update?: ProgrammeUpdate,
    audit?: AuditRecord,
  ): Promise<boolean | 'duplicate'>;
  /** The person's session log with this device-made id, if any. */
  findSessionLogByClientId(userId: string, clientId: string): Promise<SessionLogRecord | undefined>;
  listSessionLogs(userId: string, page: PageRequest): Promise<Page<SessionLogRecord>>;
  /** Session logs on or after a date, oldest first (for the stop rules' 7-day window and progress). */
  sessionLogsSince(userId: string, date: LocalDate): Promise<SessionLogRecord[]>;

  /**
   * Stores a check-in and, when given, the programme update (pause) it caused and the write's audit
   * row, atomically (one statement on PostgreSQL). Returns false on a revision conflict, and
   * 'duplicate' when the person already has a check-in with this `clientId`; either way nothing is
   * written, not even the audit row.
   */
  addCheckin(
    checkin: CheckinRecord,
    update?: ProgrammeUpdate,
    audit?: AuditRecord,
  ): Promise<boolean | 'duplicate'>;
  /** The person's check-in with this device-made id, if any. */
  findCheckinByClientId(userId: string, clientId: string): Promise<CheckinRecord | undefined>;
  listCheckins(userId: string, page: PageRequest): Promise<Page<CheckinRecord>>;
  /** Every check-in, oldest first (progress and exports). */
  allCheckins(userId: string): Promise<CheckinRecord[]>;

  /** Stores a measurement; 'duplicate' (writing nothing) when the person already has one with its `clientId`. */
  addMeasurement(measurement: MeasurementRecord): Promise<true | 'duplicate'>;
  /** The person's measurement with this device-made id, if any. */
  findMeasurementByClientId(
    userId: string,
    clientId: string,
  ): Promise<MeasurementRecord | undefined>;
  listMeasurements(userId: string, page: PageRequest): Promise<Page<MeasurementRecord>>;
  allMeasurements(userId: string): Promise<MeasurementRecord[]>;

  // ---- Clinicians: sign-up codes, invitations, links (see docs/clinician.md) ----

  addClinicianCode(code: ClinicianCodeRecord): Promise<void>;
  /**
   * Uses up a clinician sign-up code and creates the clinician's account, atomically: false (nothing
   * written) when the code is unknown, used or expired at `now`, or 'email-taken' when the email is.
   */
  createClinician(
    user: UserRecord,
    codeHash: string,
    now: Instant,
  ): Promise<true | false | 'email-taken'>;

  addInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitationByCode(codeHash: string): Promise<InvitationRecord | undefined>;
  /** A clinician's invitations, newest first. */
  listInvitations(clinicianId: string): Promise<InvitationRecord[]>;
  /** Withdraws an unused invitation; false when the clinician has no such unused one. */
  cancelInvitation(clinicianId: string, id: string, at: Instant): Promise<boolean>;
  /**
   * Accepts an invitation for `link.userId`, atomically: marks the invitation used and stores the
   * active link. 'unusable' (nothing written) when the invitation is used, withdrawn or expired at
   * `link.createdAt`; 'already-linked' when the person already has an active link to that clinician.
   */
  acceptInvitation(
    codeHash: string,
    link: CareLinkRecord,
  ): Promise<true | 'unusable' | 'already-linked'>;

  /** A person's links (active and ended), newest first. */
  listLinksOfPerson(userId: string): Promise<CareLinkRecord[]>;
  /** A clinician's links (active and ended), newest first. */
  listLinksOfClinician(clinicianId: string): Promise<CareLinkRecord[]>;
  /** The active link between this person and this clinician, if any: the one test of a clinician's access. */
  activeLink(userId: string, clinicianId: string): Promise<CareLinkRecord | undefined>;
  /** Ends a link at once; false when the person has no active link with that id. */
  endLink(
    userId: string,
    linkId: string,
    at: Instant,
    by: CareLinkRecord['endedBy'],
  ): Promise<boolean>;
  /** Notes that the clinician opened the person's record. */
  touchLink(userId: string, linkId: string, at: Instant): Promise<void>;

  // ---- Programme versions ----

  /** Stores a version (the engine's first, or a clinician's change with its programme update, atomically). */
  addProgrammeVersion(version: ProgrammeVersionRecord, update?: ProgrammeUpdate): Promise<boolean>;
  /** A programme's versions, newest first. */
  listProgrammeVersions(userId: string, programmeId: string): Promise<ProgrammeVersionRecord[]>;
  /** Marks every unseen version of the person up to and including `number` of this programme as seen. */
  markVersionsSeen(userId: string, programmeId: string, upTo: number, at: Instant): Promise<number>;

  // ---- Outcome measures ----

  /** Stores an outcome (closing its schedule entry when it names one); 'duplicate' when its clientId was seen. */
  addOutcome(outcome: OutcomeRecord): Promise<true | 'duplicate'>;
  /** Every outcome of the person, oldest first. */
  allOutcomes(userId: string): Promise<OutcomeRecord[]>;
  addOutcomeSchedule(entry: OutcomeScheduleRecord): Promise<void>;
  /** Every schedule entry of the person, oldest due first. */
  listOutcomeSchedule(userId: string): Promise<OutcomeScheduleRecord[]>;

  // ---- Reads bounded by what they show: progress and exports (issue 11) ----

  /** What the progress view reads of a person's rows: those on or after the request's dates, and counts of the older ones. */
  progressRows(userId: string, request: ProgressRowsRequest): Promise<ProgressRows>;
  /** The current programme's id, when it began, and what it asks for each day (not the whole programme). */
  currentPlan(userId: string): Promise<CurrentPlan | undefined>;
  getProgressHistory(userId: string): Promise<ProgressHistoryRecord | undefined>;
  /** Stores (replaces) a person's progress summary; `PersonGone` when they do not exist. */
  putProgressHistory(history: ProgressHistoryRecord): Promise<void>;
  /**
   * One page of a person's rows of `table`, oldest first by date (none for assessments), creation time
   * and id: how exports read a record of any size, a page at a time. `cursor` is the `nextCursor` of
   * the page before.
   */
  rowsInOrder<K extends OrderedTable>(
    table: K,
    userId: string,
    page: PageRequest,
  ): Promise<OrderedPage<OrderedRecords[K]>>;

  // ---- What a write reads: only what it needs, and the counts of its limits (issue 11) ----

  /** The latest assessment's answers, id and date, without its result (what a check-in is read against). */
  latestAnswers(userId: string): Promise<AssessmentAnswers | undefined>;
  /** One assessment's answers, id and date, without its result (a session's rules read the answers). */
  getAnswers(userId: string, id: string): Promise<AssessmentAnswers | undefined>;
  /** The current programme's state, pause and revision, without the programme itself. */
  currentProgrammeState(userId: string): Promise<ProgrammeStateRecord | undefined>;
  /** How many rows of one kind the person has, as the write limits count them (`WriteCountRequest`). */
  writeCounts(userId: string, kind: LimitedWrite, request: WriteCountRequest): Promise<WriteCounts>;
  /**
   * What a check-in reads before it writes, at once: its repeat, the latest answers, the programme's
   * state and the counts of its limits (one round trip on PostgreSQL instead of four).
   */
  checkinReads(userId: string, request: WriteReadsRequest): Promise<CheckinReads>;
  /**
   * What a session reads before it writes, at once: its repeat, the current programme, the answers it
   * was made from and the counts of its limits (one round trip on PostgreSQL instead of four).
   */
  sessionReads(userId: string, request: WriteReadsRequest): Promise<SessionReads>;

  /**
   * Audit rows of this person written by someone else (a clinician or the operator), newest first:
   * what the person sees as "who looked at your record".
   */
  listAuditByOthers(userId: string, page: PageRequest): Promise<Page<AuditRecord>>;

  addAudit(entry: AuditRecord): Promise<void>;
  listAudit(userId: string, page: PageRequest): Promise<Page<AuditRecord>>;

  /**
   * Removes the limiter counters whose last attempt (window start) was before `before` and that block
   * nothing any more, so emails and addresses of old attempts are not kept. Returns how many went.
   */
  purgeLimits(before: Instant): Promise<number>;

  /** Every erasure record, newest first (the operator's proof that accounts were deleted). */
  listErasures(page: PageRequest): Promise<Page<ErasureRecord>>;

  /**
   * Reads the limiter rows of `keys` (undefined where none), passes them to `decide`, and writes back
   * what it returns for each key (a row; null deletes it; undefined leaves it), atomically: calls for
   * the same keys from any process run one after another, so no two attempts ever read the same
   * count. `decide` must be pure and synchronous.
   */
  updateLimits<T>(
    keys: LimitKey[],
    decide: (rows: (LimitRow | undefined)[]) => {
      rows: (LimitRow | null | undefined)[];
      result: T;
    },
  ): Promise<T>;

  /** How many rows this person has in each table that holds personal data. */
  rowCounts(userId: string): Promise<RowCounts>;

  close(): Promise<void>;
}

/** The store a `withPerson` transaction hands its work: every method of one person's record, inside the transaction. */
export type PersonStore = Omit<
  Store,
  | 'withPerson'
  | 'deleteUser'
  | 'close'
  | 'updateLimits'
  | 'purgeLimits'
  | 'listErasures'
  | 'createUser'
  | 'kind'
  | 'addClinicianCode'
  | 'createClinician'
>;
