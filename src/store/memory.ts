// The in-memory store for tests, the CLI and the web app's device mode: plain maps that mirror the SQL stores' behaviour exactly.
// It imports nothing from Node, and its tables can be saved as a plain JSON snapshot and started from one.
import { z } from 'zod';
import {
  ASSESSMENT_ANSWERS,
  ASSESSMENT_RESULT,
  documentKind,
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
import { idFloor, idTime, newId } from './ids.js';
import { normalizeEmail } from './keys.js';
import { compareOrderKeys, keyOfCursor, orderKeyOf, orderedPageFrom } from './ordered.js';
import { checkPage, pageFrom } from './paging.js';
import type {
  AssessmentRecord,
  AuditRecord,
  CareLinkRecord,
  CheckinRecord,
  ClinicianCodeRecord,
  CredentialRecord,
  ErasureRecord,
  InvitationRecord,
  LimitKey,
  LimitRow,
  MeasurementRecord,
  OutcomeRecord,
  OutcomeScheduleRecord,
  OrderedRecords,
  OrderedTable,
  Page,
  PageRequest,
  PersonStore,
  ProgressHistoryRecord,
  ProgrammeRecord,
  ProgrammeUpdate,
  ProgrammeVersionRecord,
  RowCounts,
  SessionLogRecord,
  Store,
  UserRecord,
} from './types.js';

/** The map key of a limiter's counter. */
const limitName = (k: LimitKey): string => `${k.scope}\u0001${k.account}\u0001${k.address}`;

/** Copies in and out, so no caller can change stored state through a reference it holds. */
const copy = <T>(value: T): T => structuredClone(value);
const copyOrUndefined = <T>(value: T | undefined): T | undefined =>
  value === undefined ? undefined : copy(value);

const byIdDesc = (a: { id: string }, b: { id: string }): number =>
  a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/** A page of rows already sorted newest first (by id): the rows below the cursor, copied. */
function pageOfRows<T extends { id: string }>(rows: T[], page: PageRequest): Page<T> {
  checkPage(page);
  const { cursor } = page;
  const after = rows.filter((r) => cursor === undefined || r.id < cursor);
  return pageFrom(after.slice(0, page.limit + 1).map(copy), page.limit);
}

/** A user as stored and read back: accounts made before roles existed are people with no display name. */
const withRole = (user: UserRecord): UserRecord => ({
  ...copy(user),
  role: user.role ?? 'person',
  displayName: user.displayName ?? null,
});

/** Oldest first by the person's date, then by creation; the SQL stores order by (date, id) too. */
const byDateThenId = (a: { date: string; id: string }, b: { date: string; id: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : -byIdDesc(a, b);

/** One person-keyed table: rows grouped by userId, unique by (userId, id) like the SQL primary keys. */
class PersonTable<T extends { userId: string; id: string }> {
  private readonly byUser = new Map<string, Map<string, T>>();

  constructor(private readonly name: string) {}

  has(userId: string, id: string): boolean {
    return this.byUser.get(userId)?.has(id) ?? false;
  }

  /** Throws on a duplicate key, as the SQL stores' primary keys do. */
  insert(row: T): void {
    if (this.has(row.userId, row.id)) {
      throw new Error(`${this.name}: duplicate key (${row.userId}, ${row.id})`);
    }
    let rows = this.byUser.get(row.userId);
    if (!rows) {
      rows = new Map();
      this.byUser.set(row.userId, rows);
    }
    rows.set(row.id, copy(row));
  }

  /** Puts a changed copy of an existing row in its place (rows are never changed in place: see `savePerson`). */
  replace(row: T): void {
    const rows = this.byUser.get(row.userId);
    if (!rows?.has(row.id)) throw new Error(`${this.name}: no row (${row.userId}, ${row.id})`);
    rows.set(row.id, copy(row));
  }

  /** Takes one row out (undoing an insert). */
  remove(userId: string, id: string): void {
    this.byUser.get(userId)?.delete(id);
  }

  /** The stored rows of every person that pass `keep` (not copies), newest first. */
  storedWhere(keep: (row: T) => boolean): T[] {
    return [...this.byUser.values()]
      .flatMap((rows) => [...rows.values()].filter(keep))
      .sort(byIdDesc);
  }

  /** The stored row itself (not a copy): only for this store's own updates. */
  stored(userId: string, id: string): T | undefined {
    return this.byUser.get(userId)?.get(id);
  }

  get(userId: string, id: string): T | undefined {
    const row = this.stored(userId, id);
    return row ? copy(row) : undefined;
  }

  /** The stored rows of a person, newest first (not copies). */
  storedRows(userId: string): T[] {
    return [...(this.byUser.get(userId)?.values() ?? [])].sort(byIdDesc);
  }

  page(userId: string, page: PageRequest): Page<T> {
    return pageOfRows(this.storedRows(userId), page);
  }

  /** Every row of every person, copied, in id order (for snapshots). */
  allRows(): T[] {
    return [...this.byUser.values()]
      .flatMap((rows) => [...rows.values()].map(copy))
      .sort((a, b) => byIdDesc(b, a));
  }

  count(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  deleteUser(userId: string): void {
    this.byUser.delete(userId);
  }
}

/** A login or sign-up limiter's counter with its key. */
export type StoredLimit = LimitKey & LimitRow;

/**
 * The format of `MemorySnapshot`: a stored document like the others (documents.ts), with its version in
 * `version`; bump it (and add an upgrade step to `MEMORY_SNAPSHOT`) when it changes. 2: session logs
 * carry `clientId`. 3: credentials carry an id, name, scopes and last use; assessments and measurements
 * a `clientId`; login failures became limits; erasure records. 4: users carry a role and a display name;
 * clinician codes, invitations, care links, programme versions, outcome measures and their schedule.
 * 5: the JSON documents inside records carry their own versions, as the SQL stores keep them.
 */
export const MEMORY_SNAPSHOT_VERSION = 5;

/** A record as a snapshot keeps it: the fields `K` hold its JSON documents as stored, with their versions. */
type Saved<R, K extends keyof R> = Omit<R, K> & { [F in K]: unknown };

/** Which fields of each snapshot collection hold a document, of which kind (the SQL stores' JSON columns). */
const SAVED_DOCUMENTS = {
  credentials: { scopes: TOKEN_SCOPES },
  assessments: { answers: ASSESSMENT_ANSWERS, result: ASSESSMENT_RESULT },
  programmes: { programme: PROGRAMME, state: PROGRAMME_STATE, pausedBy: WARNING_TRIAGE },
  sessionLogs: { entries: SESSION_ENTRIES, programmeChanges: PROGRAMME_CHANGES },
  checkins: { painAreas: PAIN_AREAS, warningSigns: WARNING_SIGNS, triage: WARNING_TRIAGE },
  programmeVersions: { changes: VERSION_CHANGES, programme: PROGRAMME },
  outcomes: { answers: OUTCOME_ANSWERS },
} as const;
type SavedCollection = keyof typeof SAVED_DOCUMENTS;
type SavedRow<R, C extends SavedCollection> = Saved<R, keyof (typeof SAVED_DOCUMENTS)[C] & keyof R>;

/** A record with its documents as stored (null stays null: a missing document has no version). */
function saveDocuments<R extends object, C extends SavedCollection>(
  collection: C,
  row: R,
): SavedRow<R, C> {
  const out = { ...row } as Record<string, unknown>;
  for (const [field, kind] of Object.entries(SAVED_DOCUMENTS[collection])) {
    const value = out[field];
    if (value !== null) out[field] = storedDocument(kind as DocumentKind<unknown>, value);
  }
  return out as SavedRow<R, C>;
}

/** A saved record read back: each document through its upgrade steps and shape check. */
function loadDocuments<R extends { id: string }, C extends SavedCollection>(
  collection: C,
  row: SavedRow<R, C>,
): R {
  const out: Record<string, unknown> = { ...row };
  for (const [field, kind] of Object.entries(SAVED_DOCUMENTS[collection])) {
    const value = out[field];
    if (value !== null) {
      out[field] = readDocument(
        kind as DocumentKind<unknown>,
        value,
        `snapshot ${collection}.${field}, row ${String(out.id)}`,
      );
    }
  }
  return out as R;
}

export type SavedCredential = SavedRow<CredentialRecord, 'credentials'>;
export type SavedAssessment = SavedRow<AssessmentRecord, 'assessments'>;
export type SavedProgramme = SavedRow<ProgrammeRecord, 'programmes'>;
export type SavedSessionLog = SavedRow<SessionLogRecord, 'sessionLogs'>;
export type SavedCheckin = SavedRow<CheckinRecord, 'checkins'>;
export type SavedProgrammeVersion = SavedRow<ProgrammeVersionRecord, 'programmeVersions'>;
export type SavedOutcome = SavedRow<OutcomeRecord, 'outcomes'>;

/** Every table of a memory store as plain, JSON-serialisable data. */
export interface MemorySnapshot {
  version: typeof MEMORY_SNAPSHOT_VERSION;
  users: UserRecord[];
  credentials: SavedCredential[];
  assessments: SavedAssessment[];
  programmes: SavedProgramme[];
  sessionLogs: SavedSessionLog[];
  checkins: SavedCheckin[];
  measurements: MeasurementRecord[];
  audit: AuditRecord[];
  loginLimits: StoredLimit[];
  erasures: ErasureRecord[];
  clinicianCodes: ClinicianCodeRecord[];
  invitations: InvitationRecord[];
  careLinks: CareLinkRecord[];
  programmeVersions: SavedProgrammeVersion[];
  outcomes: SavedOutcome[];
  outcomeSchedule: OutcomeScheduleRecord[];
}

/** A snapshot saved before version 5: its documents carry no version (they are version 1). */
export interface MemorySnapshotV4 extends Omit<MemorySnapshot, 'version'> {
  version: 4;
}

/** The collections version 4 added (the clinician side, docs/clinician.md). */
type AddedInV4 =
  | 'clinicianCodes'
  | 'invitations'
  | 'careLinks'
  | 'programmeVersions'
  | 'outcomes'
  | 'outcomeSchedule';

/** A snapshot saved before version 4: no roles, no clinician side, no outcome measures. */
export interface MemorySnapshotV3 extends Omit<MemorySnapshot, 'version' | AddedInV4> {
  version: 3;
}

/** A credential as version 2 kept it: before ids, names, scopes and last use. */
type CredentialV2 = Pick<
  CredentialRecord,
  'tokenHash' | 'userId' | 'kind' | 'createdAt' | 'expiresAt'
>;

/** A snapshot saved before version 3 (a device may still hold one). */
export interface MemorySnapshotV2 extends Omit<
  MemorySnapshotV3,
  'version' | 'credentials' | 'loginLimits' | 'erasures'
> {
  version: 2;
  credentials: CredentialV2[];
  loginFailures: { key: string; at: string }[];
}

/** A snapshot saved before session logs had a `clientId`. */
export interface MemorySnapshotV1 extends Omit<MemorySnapshotV2, 'version' | 'sessionLogs'> {
  version: 1;
  sessionLogs: Omit<SavedSessionLog, 'clientId'>[];
}

/** Any snapshot this code can start from: the current format or an older one it upgrades. */
export type SavedMemorySnapshot =
  MemorySnapshot | MemorySnapshotV4 | MemorySnapshotV3 | MemorySnapshotV2 | MemorySnapshotV1;

/** A snapshot's body: what the upgrade steps pass on (the version is the document's own, apart). */
type Body<S> = Omit<S, 'version'>;

/** The snapshot as a stored document: the steps from each earlier format, and the collections it must hold. */
const MEMORY_SNAPSHOT = documentKind<Body<MemorySnapshot>>({
  name: 'device snapshot',
  form: 'object',
  versionKey: 'version',
  version: MEMORY_SNAPSHOT_VERSION,
  steps: [
    // 1 to 2: session logs saved before version 2 were never sent with a client id.
    (v1: Body<MemorySnapshotV1>): Body<MemorySnapshotV2> => ({
      ...v1,
      sessionLogs: v1.sessionLogs.map((l) => ({ ...l, clientId: null })),
    }),
    // 2 to 3: tokens from before scopes could do everything a token can now; sessions need none.
    // Login failures were counted differently: the limits start afresh.
    ({ loginFailures: _f, ...v2 }: Body<MemorySnapshotV2>): Body<MemorySnapshotV3> => ({
      ...v2,
      credentials: v2.credentials.map((c) => ({
        ...c,
        id: newId(new Date(c.createdAt)),
        name: null,
        scopes: c.kind === 'token' ? ['read', 'write', 'export'] : [],
        lastUsedAt: null,
      })),
      loginLimits: [],
      erasures: [],
    }),
    // 3 to 4: nobody could be a clinician, link to one or answer an outcome measure before version 4;
    // users read back as people (`withRole`) when loaded.
    (v3: Body<MemorySnapshotV3>): Body<MemorySnapshotV4> => ({
      ...v3,
      clinicianCodes: [],
      invitations: [],
      careLinks: [],
      programmeVersions: [],
      outcomes: [],
      outcomeSchedule: [],
    }),
    // 4 to 5: the documents inside are read one by one, unversioned ones as their version 1.
    (v4: Body<MemorySnapshotV4>): Body<MemorySnapshot> => v4,
  ],
  schema: z.looseObject(
    Object.fromEntries(
      [
        'users',
        'credentials',
        'assessments',
        'programmes',
        'sessionLogs',
        'checkins',
        'measurements',
        'audit',
        'loginLimits',
        'erasures',
        'clinicianCodes',
        'invitations',
        'careLinks',
        'programmeVersions',
        'outcomes',
        'outcomeSchedule',
      ].map((name) => [name, z.array(z.looseObject({}))]),
    ),
  ),
});

/** The methods of the clinician side (links, programme versions, outcome measures) a person's store offers. */
type ClinicianMethods = Pick<
  PersonStore,
  | 'addInvitation'
  | 'getInvitationByCode'
  | 'listInvitations'
  | 'cancelInvitation'
  | 'acceptInvitation'
  | 'listLinksOfPerson'
  | 'listLinksOfClinician'
  | 'activeLink'
  | 'endLink'
  | 'touchLink'
  | 'addProgrammeVersion'
  | 'listProgrammeVersions'
  | 'markVersionsSeen'
  | 'addOutcome'
  | 'allOutcomes'
  | 'addOutcomeSchedule'
  | 'listOutcomeSchedule'
  | 'listAuditByOthers'
>;

/** The memory store, which can also hand out its whole content to be saved. */
export interface MemoryStore extends Store {
  readonly kind: 'memory';
  /** A copy of every table, safe to JSON.stringify and to pass to `createMemoryStore` later. */
  snapshot(): MemorySnapshot;
}

/** Checks a saved snapshot's format and upgrades an older one, before anything is loaded from it. */
function restore(snapshot: SavedMemorySnapshot): Body<MemorySnapshot> {
  return readDocument(MEMORY_SNAPSHOT, snapshot);
}

/**
 * A store in plain Maps, empty or holding the tables of a snapshot (`snapshot()` saves them).
 * Every write is synchronous, hence atomic.
 */
export function createMemoryStore(snapshot?: SavedMemorySnapshot): MemoryStore {
  const users = new Map<string, UserRecord>();
  const credentials = new Map<string, CredentialRecord>();
  const assessments = new PersonTable<AssessmentRecord>('assessments');
  const programmes = new PersonTable<ProgrammeRecord>('programmes');
  const sessionLogs = new PersonTable<SessionLogRecord>('session_logs');
  const checkins = new PersonTable<CheckinRecord>('checkins');
  const measurements = new PersonTable<MeasurementRecord>('measurements');
  const audit = new PersonTable<AuditRecord>('audit');
  const limits = new Map<string, StoredLimit>();
  const erasures: ErasureRecord[] = [];
  const clinicianCodes = new Map<string, ClinicianCodeRecord>();
  /** By id; keyed by the clinician, and unique by code hash, as the SQL table is. */
  const invitations = new Map<string, InvitationRecord>();
  const careLinks = new PersonTable<CareLinkRecord>('care_links');
  const programmeVersions = new PersonTable<ProgrammeVersionRecord>('programme_versions');
  const outcomes = new PersonTable<OutcomeRecord>('outcomes');
  const outcomeSchedule = new PersonTable<OutcomeScheduleRecord>('outcome_schedule');
  /** Derived data, rebuilt whenever it no longer matches: kept, but never saved in a snapshot. */
  const progressHistories = new Map<string, ProgressHistoryRecord>();
  let closed = false;
  /** Each person's queue: `withPerson` work and deletions run one after another, as under the SQL stores' lock. */
  const queues = new Map<string, Promise<unknown>>();

  const personTables: PersonTable<{ userId: string; id: string }>[] = [
    assessments,
    programmes,
    sessionLogs,
    checkins,
    measurements,
    audit,
  ];
  /**
   * The person tables of the clinician side. Their writes inside `withPerson` are undone step by step
   * (a journal) rather than by `savePerson`, because accepting an invitation also changes a row that
   * is the clinician's, not the person's.
   */
  const clinicalTables: PersonTable<{ userId: string; id: string }>[] = [
    careLinks,
    programmeVersions,
    outcomes,
    outcomeSchedule,
  ];

  if (snapshot) {
    const saved = restore(snapshot);
    for (const u of saved.users) users.set(u.id, withRole(u));
    // Each record's documents are read through their upgrade steps (documents.ts), as the SQL stores read theirs.
    for (const c of saved.credentials) {
      credentials.set(
        c.tokenHash,
        copy(loadDocuments<CredentialRecord, 'credentials'>('credentials', c)),
      );
    }
    for (const a of saved.assessments) {
      assessments.insert(loadDocuments<AssessmentRecord, 'assessments'>('assessments', a));
    }
    // Snapshots saved by earlier versions lack later state fields: read them through the upgrade step.
    for (const p of saved.programmes) {
      programmes.insert(loadDocuments<ProgrammeRecord, 'programmes'>('programmes', p));
    }
    for (const l of saved.sessionLogs) {
      sessionLogs.insert(loadDocuments<SessionLogRecord, 'sessionLogs'>('sessionLogs', l));
    }
    for (const c of saved.checkins) {
      checkins.insert(loadDocuments<CheckinRecord, 'checkins'>('checkins', c));
    }
    for (const m of saved.measurements) measurements.insert(m);
    for (const a of saved.audit) audit.insert(a);
    for (const l of saved.loginLimits) limits.set(limitName(l), copy(l));
    erasures.push(...saved.erasures.map(copy));
    for (const c of saved.clinicianCodes) clinicianCodes.set(c.codeHash, copy(c));
    for (const i of saved.invitations) invitations.set(i.id, copy(i));
    for (const l of saved.careLinks) careLinks.insert(l);
    for (const v of saved.programmeVersions) {
      programmeVersions.insert(
        loadDocuments<ProgrammeVersionRecord, 'programmeVersions'>('programmeVersions', v),
      );
    }
    for (const o of saved.outcomes) {
      outcomes.insert(loadDocuments<OutcomeRecord, 'outcomes'>('outcomes', o));
    }
    for (const e of saved.outcomeSchedule) outcomeSchedule.insert(e);
  }

  /** Runs one method: failures become rejections (as in the SQL stores), never synchronous throws. */
  const settle = <T>(run: () => T): Promise<T> => {
    try {
      if (closed) throw new Error('memory store: used after close');
      return Promise.resolve(run());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };

  const userByEmail = (email: string): UserRecord | undefined => {
    const wanted = normalizeEmail(email);
    for (const u of users.values()) if (u.email === wanted) return u;
    return undefined;
  };

  /** The foreign key's check: a person's row can only be written while the person exists. */
  const requirePerson = (userId: string): void => {
    if (!users.has(userId)) throw new PersonGone(userId);
  };

  /** Runs `run` after everything queued for the person before it has finished. */
  const queued = <T>(userId: string, run: () => Promise<T>): Promise<T> => {
    const before = queues.get(userId) ?? Promise.resolve();
    const result = before.then(run, run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    queues.set(userId, settled);
    void settled.then(() => {
      if (queues.get(userId) === settled) queues.delete(userId);
    });
    return result;
  };

  /**
   * What a `withPerson` work may change, to put back if it fails. Stored rows are never changed in place
   * but for programmes (the compare-and-swap, `current`), so only those are copied; the other tables'
   * rows are kept by reference, which keeps a write cheap however long the record grows.
   */
  const savePerson = (userId: string) => ({
    user: copyOrUndefined(users.get(userId)),
    credentials: [...credentials.values()].filter((c) => c.userId === userId).map(copy),
    rows: personTables.map((t) =>
      t === programmes ? t.storedRows(userId).map(copy) : t.storedRows(userId),
    ),
  });

  const restorePerson = (userId: string, saved: ReturnType<typeof savePerson>): void => {
    if (saved.user) users.set(userId, saved.user);
    for (const [hash, c] of credentials) if (c.userId === userId) credentials.delete(hash);
    for (const c of saved.credentials) credentials.set(c.tokenHash, c);
    personTables.forEach((table, i) => {
      table.deleteUser(userId);
      for (const row of saved.rows[i] ?? []) table.insert(row);
    });
  };

  /** Checks the compare-and-swap without writing, so a failed check leaves nothing behind. */
  const updatable = (userId: string, update: ProgrammeUpdate): ProgrammeRecord | undefined => {
    const target = programmes.stored(userId, update.id);
    return target && target.revision === update.expectedRevision ? target : undefined;
  };

  const applyUpdate = (target: ProgrammeRecord, update: ProgrammeUpdate): void => {
    target.programme = copy(update.programme);
    target.state = copy(update.state);
    target.paused = update.paused;
    target.pausedBy = copy(update.pausedBy);
    target.revision += 1;
  };

  /** Adds a row and applies the programme update it caused, or does nothing on a revision conflict. */
  const addWithUpdate = <T extends { userId: string; id: string }>(
    table: PersonTable<T>,
    row: T,
    update: ProgrammeUpdate | undefined,
  ): boolean => {
    const target = update ? updatable(row.userId, update) : undefined;
    if (update && !target) return false;
    table.insert(row);
    if (update && target) applyUpdate(target, update);
    return true;
  };

  /** The stored row of a person with this client id, if any (not a copy). */
  const byClientId = <T extends { userId: string; id: string; clientId?: string | null }>(
    table: PersonTable<T>,
    userId: string,
    clientId: string,
  ): T | undefined => table.storedRows(userId).find((r) => r.clientId === clientId);

  /**
   * Adds a row sent with an optional client id, like `addWithUpdate`, but 'duplicate' (writing
   * nothing) when the person already has a row with that client id, as the SQL unique index says.
   */
  const addOnce = <T extends { userId: string; id: string; clientId: string | null }>(
    table: PersonTable<T>,
    row: T,
    update: ProgrammeUpdate | undefined,
  ): boolean | 'duplicate' => {
    requirePerson(row.userId);
    // The revision is checked first, as the SQL stores check it before inserting.
    if (update && !updatable(row.userId, update)) return false;
    if (row.clientId !== null && byClientId(table, row.userId, row.clientId)) return 'duplicate';
    return addWithUpdate(table, row, update);
  };

  /** Stores an audit row whole, as the SQL stores read it back; a clash of its id throws before anything is written. */
  const insertAudit = (entry: AuditRecord): void => {
    requirePerson(entry.userId);
    if (audit.has(entry.userId, entry.id)) {
      throw new Error(`audit: duplicate key (${entry.userId}, ${entry.id})`);
    }
    audit.insert({
      ...entry,
      resourceId: entry.resourceId ?? null,
      credentialKind: entry.credentialKind ?? null,
      credentialId: entry.credentialId ?? null,
      address: entry.address ?? null,
      outcome: entry.outcome ?? 'ok',
    });
  };

  /** `addOnce`, and the write's audit row with the row when it is stored (never when nothing is). */
  const addOnceAudited = <T extends { userId: string; id: string; clientId: string | null }>(
    table: PersonTable<T>,
    row: T,
    update: ProgrammeUpdate | undefined,
    entry: AuditRecord | undefined,
  ): boolean | 'duplicate' => {
    if (entry && entry.userId !== row.userId) {
      throw new Error("a write's audit row names another person");
    }
    if (entry && audit.has(entry.userId, entry.id)) {
      throw new Error(`audit: duplicate key (${entry.userId}, ${entry.id})`);
    }
    const added = addOnce(table, row, update);
    if (added === true && entry) insertAudit(entry);
    return added;
  };

  /** The ids, ascending, of rows dated before `before` with an id from `mark` on. */
  const lateIds = (rows: { id: string; date: string }[], before: string, mark: string) =>
    rows
      .filter((r) => r.date < before && r.id >= mark)
      .map((r) => r.id)
      .sort();

  const oldestFirst = <T extends { date: string; id: string; userId: string }>(
    table: PersonTable<T>,
    userId: string,
  ): T[] => table.storedRows(userId).sort(byDateThenId).map(copy);

  /** The clinician side's methods; inside `withPerson`, each write notes how to undo itself in `undo`. */
  const clinicianRecords = (undo: (() => void)[] | undefined): ClinicianMethods => {
    const note = (step: () => void): void => {
      undo?.push(step);
    };
    const insertRow = <T extends { userId: string; id: string }>(
      table: PersonTable<T>,
      row: T,
    ): void => {
      table.insert(row);
      note(() => {
        table.remove(row.userId, row.id);
      });
    };
    /** Replaces a stored row with a changed copy (`before` is the stored row, never changed in place). */
    const replaceRow = <T extends { userId: string; id: string }>(
      table: PersonTable<T>,
      before: T,
      after: T,
    ): void => {
      table.replace(after);
      note(() => {
        table.replace(before);
      });
    };
    const putInvitation = (before: InvitationRecord | undefined, after: InvitationRecord): void => {
      invitations.set(after.id, copy(after));
      note(() => {
        if (before) invitations.set(before.id, before);
        else invitations.delete(after.id);
      });
    };
    const invitationByCode = (codeHash: string): InvitationRecord | undefined => {
      for (const i of invitations.values()) if (i.codeHash === codeHash) return i;
      return undefined;
    };
    const storedActiveLink = (userId: string, clinicianId: string): CareLinkRecord | undefined =>
      careLinks
        .storedRows(userId)
        .find((l) => l.clinicianId === clinicianId && l.status === 'active');

    return {
      addInvitation: (invitation) =>
        settle(() => {
          requirePerson(invitation.clinicianId);
          if (invitations.has(invitation.id)) {
            throw new Error(`invitations: duplicate id ${invitation.id}`);
          }
          if (invitationByCode(invitation.codeHash)) {
            throw new Error('invitations: duplicate code hash');
          }
          putInvitation(undefined, invitation);
        }),

      getInvitationByCode: (codeHash) => settle(() => copyOrUndefined(invitationByCode(codeHash))),

      listInvitations: (clinicianId) =>
        settle(() =>
          [...invitations.values()]
            .filter((i) => i.clinicianId === clinicianId)
            .sort(byIdDesc)
            .map(copy),
        ),

      cancelInvitation: (clinicianId, id, at) =>
        settle(() => {
          const found = invitations.get(id);
          if (!found || found.clinicianId !== clinicianId) return false;
          if (found.usedAt !== null || found.cancelledAt !== null) return false;
          putInvitation(found, { ...found, cancelledAt: at });
          return true;
        }),

      acceptInvitation: (codeHash, link) =>
        settle(() => {
          requirePerson(link.userId);
          const found = invitationByCode(codeHash);
          if (
            !found ||
            found.usedAt !== null ||
            found.cancelledAt !== null ||
            found.expiresAt <= link.createdAt
          ) {
            return 'unusable' as const;
          }
          if (found.clinicianId !== link.clinicianId || found.id !== link.invitationId) {
            throw new Error('acceptInvitation: the link names another invitation or clinician');
          }
          if (storedActiveLink(link.userId, link.clinicianId)) return 'already-linked' as const;
          if (careLinks.has(link.userId, link.id)) {
            throw new Error(`care_links: duplicate key (${link.userId}, ${link.id})`);
          }
          putInvitation(found, { ...found, usedAt: link.createdAt, usedBy: link.userId });
          insertRow(careLinks, { ...link, status: 'active', endedAt: null, endedBy: null });
          return true as const;
        }),

      listLinksOfPerson: (userId) => settle(() => careLinks.storedRows(userId).map(copy)),

      listLinksOfClinician: (clinicianId) =>
        settle(() => careLinks.storedWhere((l) => l.clinicianId === clinicianId).map(copy)),

      activeLink: (userId, clinicianId) =>
        settle(() => copyOrUndefined(storedActiveLink(userId, clinicianId))),

      endLink: (userId, linkId, at, by) =>
        settle(() => {
          const found = careLinks.stored(userId, linkId);
          if (!found || found.status !== 'active') return false;
          replaceRow(careLinks, found, { ...found, status: 'ended', endedAt: at, endedBy: by });
          return true;
        }),

      touchLink: (userId, linkId, at) =>
        settle(() => {
          const found = careLinks.stored(userId, linkId);
          if (found) replaceRow(careLinks, found, { ...found, lastViewedAt: at });
        }),

      addProgrammeVersion: (version, update) =>
        settle(() => {
          requirePerson(version.userId);
          const target = update ? updatable(version.userId, update) : undefined;
          if (update && !target) return false;
          const taken = programmeVersions
            .storedRows(version.userId)
            .some((v) => v.programmeId === version.programmeId && v.number === version.number);
          if (taken) {
            throw new Error(
              `programme_versions: duplicate number ${version.number} of programme ${version.programmeId}`,
            );
          }
          insertRow(programmeVersions, version);
          if (update && target) applyUpdate(target, update);
          return true;
        }),

      listProgrammeVersions: (userId, programmeId) =>
        settle(() =>
          programmeVersions
            .storedRows(userId)
            .filter((v) => v.programmeId === programmeId)
            .sort((a, b) => b.number - a.number || byIdDesc(a, b))
            .map(copy),
        ),

      markVersionsSeen: (userId, programmeId, upTo, at) =>
        settle(() => {
          const unseen = programmeVersions
            .storedRows(userId)
            .filter((v) => v.programmeId === programmeId && v.seenAt === null && v.number <= upTo);
          for (const v of unseen) replaceRow(programmeVersions, v, { ...v, seenAt: at });
          return unseen.length;
        }),

      addOutcome: (outcome) =>
        settle(() => {
          requirePerson(outcome.userId);
          const clientId = outcome.clientId ?? null;
          if (clientId !== null && byClientId(outcomes, outcome.userId, clientId)) {
            return 'duplicate' as const;
          }
          insertRow(outcomes, { ...outcome, clientId });
          const entry =
            outcome.scheduleId === null
              ? undefined
              : outcomeSchedule.stored(outcome.userId, outcome.scheduleId);
          if (entry && entry.doneOutcomeId === null) {
            replaceRow(outcomeSchedule, entry, { ...entry, doneOutcomeId: outcome.id });
          }
          return true as const;
        }),

      allOutcomes: (userId) => settle(() => oldestFirst(outcomes, userId)),

      addOutcomeSchedule: (entry) =>
        settle(() => {
          requirePerson(entry.userId);
          insertRow(outcomeSchedule, entry);
        }),

      listOutcomeSchedule: (userId) =>
        settle(() =>
          outcomeSchedule
            .storedRows(userId)
            .sort((a, b) =>
              a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : -byIdDesc(a, b),
            )
            .map(copy),
        ),

      listAuditByOthers: (userId, page) =>
        settle(() =>
          pageOfRows(
            audit.storedRows(userId).filter((a) => a.actor !== userId && a.actor !== 'anonymous'),
            page,
          ),
        ),
    };
  };

  const records: PersonStore = {
    ...clinicianRecords(undefined),

    getUser: (id) => settle(() => copyOrUndefined(users.get(id))),

    getUserByEmail: (email) => settle(() => copyOrUndefined(userByEmail(email))),

    updatePasswordHash: (userId, passwordHash) =>
      settle(() => {
        const u = users.get(userId);
        if (u) u.passwordHash = passwordHash;
      }),

    addCredential: (credential) =>
      settle(() => {
        requirePerson(credential.userId);
        if (credentials.has(credential.tokenHash)) {
          throw new Error('credentials: duplicate token hash');
        }
        if ([...credentials.values()].some((c) => c.id === credential.id)) {
          throw new Error('credentials: duplicate id');
        }
        credentials.set(credential.tokenHash, copy(credential));
      }),

    getCredential: (tokenHash) => settle(() => copyOrUndefined(credentials.get(tokenHash))),

    deleteCredential: (tokenHash) =>
      settle(() => {
        credentials.delete(tokenHash);
      }),

    listCredentials: (userId, kind) =>
      settle(() =>
        [...credentials.values()]
          .filter((c) => c.userId === userId && c.kind === kind)
          .sort((a, b) =>
            a.createdAt === b.createdAt ? byIdDesc(a, b) : a.createdAt < b.createdAt ? 1 : -1,
          )
          .map(copy),
      ),

    deleteCredentialById: (userId, id) =>
      settle(() => {
        for (const [hash, c] of credentials) {
          if (c.userId === userId && c.id === id) {
            credentials.delete(hash);
            return true;
          }
        }
        return false;
      }),

    touchCredential: (tokenHash, at) =>
      settle(() => {
        const c = credentials.get(tokenHash);
        if (c) c.lastUsedAt = at;
      }),

    deleteCredentialsOf: (userId, kinds, exceptTokenHash) =>
      settle(() => {
        for (const [hash, c] of credentials) {
          if (c.userId === userId && kinds.includes(c.kind) && hash !== exceptTokenHash) {
            credentials.delete(hash);
          }
        }
      }),

    addAssessment: (assessment, programme) =>
      settle(() => {
        if (assessment.userId !== programme.userId) {
          throw new Error('addAssessment: assessment and programme of different people');
        }
        requirePerson(assessment.userId);
        const clientId = assessment.clientId ?? null;
        if (clientId !== null && byClientId(assessments, assessment.userId, clientId)) {
          return 'duplicate' as const;
        }
        // Check both keys before writing anything, so a failure leaves no half-written state.
        if (assessments.has(assessment.userId, assessment.id)) {
          throw new Error(`assessments: duplicate key (${assessment.userId}, ${assessment.id})`);
        }
        if (programmes.has(programme.userId, programme.id)) {
          throw new Error(`programmes: duplicate key (${programme.userId}, ${programme.id})`);
        }
        for (const p of programmes.storedRows(programme.userId)) p.current = false;
        assessments.insert({ ...assessment, clientId });
        programmes.insert({ ...programme, current: true });
        return true as const;
      }),

    findAssessmentByClientId: (userId, clientId) =>
      settle(() => copyOrUndefined(byClientId(assessments, userId, clientId))),

    getAssessment: (userId, id) => settle(() => assessments.get(userId, id)),

    listAssessments: (userId, page) => settle(() => assessments.page(userId, page)),

    latestAssessment: (userId) => settle(() => copyOrUndefined(assessments.storedRows(userId)[0])),

    getCurrentProgramme: (userId) =>
      settle(() => copyOrUndefined(programmes.storedRows(userId).find((p) => p.current))),

    latestAnswers: (userId) =>
      settle(() => {
        const a = assessments.storedRows(userId)[0];
        return (
          a && copy({ userId: a.userId, id: a.id, createdAt: a.createdAt, answers: a.answers })
        );
      }),

    getAnswers: (userId, id) =>
      settle(() => {
        const a = assessments.stored(userId, id);
        return (
          a && copy({ userId: a.userId, id: a.id, createdAt: a.createdAt, answers: a.answers })
        );
      }),

    currentProgrammeState: (userId) =>
      settle(() => {
        const p = programmes.storedRows(userId).find((r) => r.current);
        if (!p) return undefined;
        const { programme: _programme, ...rest } = p;
        return copy(rest);
      }),

    writeCounts: (userId, kind, request) =>
      settle(() => {
        const table = { assessments, checkins, session_logs: sessionLogs, measurements }[kind];
        const rows: { id: string; createdAt: string; date?: string }[] = table.storedRows(userId);
        // As the SQL stores count: by id, which the creation time orders.
        const floor = idFloor(new Date(request.since));
        const recent = rows.filter((r) => r.id >= floor);
        const nth = recent[request.recentLimit - 1];
        const onDate =
          request.date === null
            ? 0
            : Math.min(request.dateLimit, rows.filter((r) => r.date === request.date).length);
        const madeAt = nth && idTime(nth.id);
        return {
          nthRecentAt: madeAt ? madeAt.toISOString() : null,
          onDate,
          total: onDate === 0 ? Math.min(request.totalLimit, rows.length) : null,
        };
      }),

    // As the SQL stores read them: all at once, from the same moment (nothing runs between these).
    checkinReads: async (userId, request) => {
      const { clientId, counts } = request;
      const [repeat, latest, programme, counted] = await Promise.all([
        clientId === null ? undefined : records.findCheckinByClientId(userId, clientId),
        records.latestAnswers(userId),
        records.currentProgrammeState(userId),
        counts && records.writeCounts(userId, 'checkins', counts),
      ]);
      return { repeat, latest, programme, counts: counted };
    },

    sessionReads: async (userId, request) => {
      const { clientId, counts } = request;
      const [repeat, programme, counted] = await Promise.all([
        clientId === null ? undefined : records.findSessionLogByClientId(userId, clientId),
        records.getCurrentProgramme(userId),
        counts && records.writeCounts(userId, 'session_logs', counts),
      ]);
      const answers = programme && (await records.getAnswers(userId, programme.assessmentId));
      return { repeat, programme, answers, counts: counted };
    },

    listProgrammes: (userId, page) => settle(() => programmes.page(userId, page)),

    addSessionLog: (log, update, entry) =>
      settle(() => addOnceAudited(sessionLogs, log, update, entry)),

    findSessionLogByClientId: (userId, clientId) =>
      settle(() => copyOrUndefined(byClientId(sessionLogs, userId, clientId))),

    listSessionLogs: (userId, page) => settle(() => sessionLogs.page(userId, page)),

    sessionLogsSince: (userId, date) =>
      settle(() => oldestFirst(sessionLogs, userId).filter((l) => l.date >= date)),

    addCheckin: (checkin, update, entry) =>
      settle(() => addOnceAudited(checkins, checkin, update, entry)),

    findCheckinByClientId: (userId, clientId) =>
      settle(() => copyOrUndefined(byClientId(checkins, userId, clientId))),

    listCheckins: (userId, page) => settle(() => checkins.page(userId, page)),

    allCheckins: (userId) => settle(() => oldestFirst(checkins, userId)),

    addMeasurement: (measurement) =>
      settle(() => {
        requirePerson(measurement.userId);
        const clientId = measurement.clientId ?? null;
        if (clientId !== null && byClientId(measurements, measurement.userId, clientId)) {
          return 'duplicate' as const;
        }
        measurements.insert({ ...measurement, clientId });
        return true as const;
      }),

    findMeasurementByClientId: (userId, clientId) =>
      settle(() => copyOrUndefined(byClientId(measurements, userId, clientId))),

    listMeasurements: (userId, page) => settle(() => measurements.page(userId, page)),

    allMeasurements: (userId) => settle(() => oldestFirst(measurements, userId)),

    progressRows: (userId, request) =>
      settle(() => {
        const logs = sessionLogs
          .storedRows(userId)
          .filter((l) => l.date >= request.sessionsStart)
          .sort(byDateThenId);
        const listed = logs.filter((l) => l.date >= request.sessionsFrom);
        const olderSittings = new Set(
          logs.filter((l) => l.date < request.sessionsFrom && l.sittingId).map((l) => l.sittingId),
        );
        const allCheckins = checkins.storedRows(userId).sort(byDateThenId);
        const allMeasurements = measurements.storedRows(userId).sort(byDateThenId);
        return {
          checkins: allCheckins
            .filter((c) => c.date >= request.checkinsFrom)
            .map((c) => ({
              id: c.id,
              date: c.date,
              createdAt: c.createdAt,
              painNow: c.painNow,
              painAreas: c.painAreas === null ? null : [...c.painAreas],
            })),
          sessions: listed.map((l) => ({
            id: l.id,
            date: l.date,
            createdAt: l.createdAt,
            sittingId: l.sittingId ?? null,
            exerciseIds: l.entries.map((e) => e.exerciseId as string),
          })),
          measurements: allMeasurements
            .filter((m) => m.date >= request.measurementsFrom)
            .map((m) => ({ id: m.id, date: m.date, kind: m.kind, side: m.side, value: m.value })),
          late: {
            checkins: lateIds(allCheckins, request.checkinsFrom, request.marks.checkins),
            sessions: lateIds(logs, request.sessionsFrom, request.marks.sessions),
            measurements: lateIds(
              allMeasurements,
              request.measurementsFrom,
              request.marks.measurements,
            ),
          },
          sittingAcross: listed.some((l) => !!l.sittingId && olderSittings.has(l.sittingId)),
        };
      }),

    currentPlan: (userId) =>
      settle(() => {
        const current = programmes.storedRows(userId).find((p) => p.current);
        return (
          current && {
            id: current.id,
            createdAt: current.createdAt,
            items: current.programme.items.map((i) => ({
              exerciseId: i.exerciseId,
              timesPerDay: i.timesPerDay,
            })),
          }
        );
      }),

    getProgressHistory: (userId) => settle(() => copyOrUndefined(progressHistories.get(userId))),

    putProgressHistory: (history) =>
      settle(() => {
        requirePerson(history.userId);
        progressHistories.set(history.userId, copy(history));
      }),

    rowsInOrder: <K extends OrderedTable>(table: K, userId: string, page: PageRequest) =>
      settle(() => {
        const tables: { [T in OrderedTable]: PersonTable<OrderedRecords[T]> } = {
          assessments,
          session_logs: sessionLogs,
          checkins,
          measurements,
          outcomes,
        };
        const after = page.cursor === undefined ? undefined : keyOfCursor(page.cursor);
        const rows = (tables[table] as PersonTable<OrderedRecords[K]>)
          .storedRows(userId)
          .filter((r) => after === undefined || compareOrderKeys(orderKeyOf(r), after) > 0)
          .sort((a, b) => compareOrderKeys(orderKeyOf(a), orderKeyOf(b)));
        return orderedPageFrom(rows.slice(0, page.limit + 1).map(copy), page);
      }),

    addAudit: (entry) =>
      settle(() => {
        insertAudit(entry);
      }),

    listAudit: (userId, page) => settle(() => audit.page(userId, page)),

    rowCounts: (userId) =>
      settle((): RowCounts => {
        const u = users.get(userId);
        return {
          users: u ? 1 : 0,
          credentials: [...credentials.values()].filter((c) => c.userId === userId).length,
          assessments: assessments.count(userId),
          programmes: programmes.count(userId),
          session_logs: sessionLogs.count(userId),
          checkins: checkins.count(userId),
          measurements: measurements.count(userId),
          audit: audit.count(userId),
          login_limits: u
            ? [...limits.values()].filter((l) => l.account === u.email || l.account === userId)
                .length
            : 0,
          // A link is the person's row (it stays, ended, when the clinician's account goes).
          care_links: careLinks.count(userId),
          invitations: [...invitations.values()].filter((i) => i.clinicianId === userId).length,
          programme_versions: programmeVersions.count(userId),
          outcomes: outcomes.count(userId),
          outcome_schedule: outcomeSchedule.count(userId),
          progress_history: progressHistories.has(userId) ? 1 : 0,
        };
      }),
  };

  return {
    kind: 'memory',
    ...records,

    createUser: (user) =>
      settle(() => {
        if (users.has(user.id)) throw new Error(`users: duplicate id ${user.id}`);
        if (userByEmail(user.email)) return false;
        users.set(user.id, { ...withRole(user), email: normalizeEmail(user.email) });
        return true;
      }),

    addClinicianCode: (code) =>
      settle(() => {
        if (clinicianCodes.has(code.codeHash))
          throw new Error('clinician_codes: duplicate code hash');
        clinicianCodes.set(code.codeHash, copy(code));
      }),

    createClinician: (user, codeHash, now) =>
      settle(() => {
        // The code is checked first, so nobody without a good code learns whether an email is taken.
        const code = clinicianCodes.get(codeHash);
        if (!code || code.usedAt !== null || code.expiresAt <= now) return false;
        if (users.has(user.id)) throw new Error(`users: duplicate id ${user.id}`);
        if (userByEmail(user.email)) return 'email-taken' as const;
        users.set(user.id, {
          ...withRole({ ...user, role: 'clinician' }),
          email: normalizeEmail(user.email),
        });
        clinicianCodes.set(codeHash, { ...code, usedAt: now, usedBy: user.id });
        return true;
      }),

    deleteUser: (userId, erasure) =>
      queued(userId, () =>
        settle(() => {
          const u = users.get(userId);
          if (!u) return false;
          // Limiter rows name the account by email (logins) or by id (invitation lookups).
          for (const [name, l] of limits) {
            if (l.account === u.email || l.account === userId) limits.delete(name);
          }
          for (const [hash, c] of credentials) if (c.userId === userId) credentials.delete(hash);
          for (const t of personTables) t.deleteUser(userId);
          for (const t of clinicalTables) t.deleteUser(userId);
          progressHistories.delete(userId);
          // As the SQL store does: a clinician's invitations go with them, their links stay on their
          // people's records, ended, and the code they signed up with no longer names them.
          for (const [id, i] of invitations) if (i.clinicianId === userId) invitations.delete(id);
          const endedAt = erasure?.at ?? new Date().toISOString();
          for (const l of careLinks.storedWhere(
            (row) => row.clinicianId === userId && row.status === 'active',
          )) {
            careLinks.remove(l.userId, l.id);
            careLinks.insert({ ...l, status: 'ended', endedAt, endedBy: 'clinician' });
          }
          for (const [hash, c] of clinicianCodes) {
            if (c.usedBy === userId) clinicianCodes.set(hash, { ...c, usedBy: null });
          }
          users.delete(userId);
          if (erasure) erasures.push(copy(erasure));
          return true;
        }),
      ),

    withPerson: (userId, work) =>
      queued(userId, async () => {
        const saved = await settle(() => {
          requirePerson(userId);
          return savePerson(userId);
        });
        // The queue keeps the person's other work and their deletion waiting until this is done;
        // what the work wrote is put back as it was when it fails, as a rollback would.
        const undo: (() => void)[] = [];
        try {
          return await work({ ...records, ...clinicianRecords(undo) });
        } catch (e) {
          if (!closed) {
            for (const step of undo.reverse()) step();
            restorePerson(userId, saved);
          }
          throw e;
        }
      }),

    listErasures: (page) =>
      settle(() => {
        checkPage(page);
        const { cursor } = page;
        const rows = [...erasures]
          .sort(byIdDesc)
          .filter((e) => cursor === undefined || e.id < cursor);
        return pageFrom(rows.slice(0, page.limit + 1).map(copy), page.limit);
      }),

    purgeLimits: (before) =>
      settle(() => {
        let removed = 0;
        for (const [name, l] of limits) {
          if (l.windowStart < before && (l.blockedUntil === null || l.blockedUntil < before)) {
            limits.delete(name);
            removed += 1;
          }
        }
        return removed;
      }),

    updateLimits: (keys, decide) =>
      settle(() => {
        const rows = keys.map((k): LimitRow | undefined => {
          const found = limits.get(limitName(k));
          return (
            found && {
              count: found.count,
              windowStart: found.windowStart,
              blockedUntil: found.blockedUntil,
            }
          );
        });
        const decided = decide(rows);
        for (const [i, k] of keys.entries()) {
          const next = decided.rows[i];
          if (next === undefined) continue;
          if (next === null) limits.delete(limitName(k));
          else limits.set(limitName(k), { ...k, ...copy(next) });
        }
        return decided.result;
      }),

    snapshot: () => {
      if (closed) throw new Error('memory store: used after close');
      return {
        version: MEMORY_SNAPSHOT_VERSION,
        users: [...users.values()].map(copy),
        credentials: [...credentials.values()].map((c) => saveDocuments('credentials', copy(c))),
        assessments: assessments.allRows().map((a) => saveDocuments('assessments', a)),
        programmes: programmes.allRows().map((p) => saveDocuments('programmes', p)),
        sessionLogs: sessionLogs.allRows().map((l) => saveDocuments('sessionLogs', l)),
        checkins: checkins.allRows().map((c) => saveDocuments('checkins', c)),
        measurements: measurements.allRows(),
        audit: audit.allRows(),
        loginLimits: [...limits.values()].map(copy),
        erasures: erasures.map(copy),
        clinicianCodes: [...clinicianCodes.values()].map(copy),
        invitations: [...invitations.values()].sort((a, b) => byIdDesc(b, a)).map(copy),
        careLinks: careLinks.allRows(),
        programmeVersions: programmeVersions
          .allRows()
          .map((v) => saveDocuments('programmeVersions', v)),
        outcomes: outcomes.allRows().map((o) => saveDocuments('outcomes', o)),
        outcomeSchedule: outcomeSchedule.allRows(),
      };
    },

    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
