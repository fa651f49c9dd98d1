// The in-memory store for tests, the CLI and the web app's device mode: plain maps that mirror the SQL stores' behaviour exactly.
// It imports nothing from Node, and its tables can be saved as a plain JSON snapshot and started from one.
import { restoreProgrammeState } from '../engine/session.js';
import { PersonGone } from './errors.js';
import { newId } from './ids.js';
import { normalizeEmail } from './keys.js';
import { checkPage, pageFrom } from './paging.js';
import type {
  AssessmentRecord,
  AuditRecord,
  CheckinRecord,
  CredentialRecord,
  ErasureRecord,
  LimitKey,
  LimitRow,
  MeasurementRecord,
  Page,
  PageRequest,
  PersonStore,
  ProgrammeRecord,
  ProgrammeUpdate,
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
    checkPage(page);
    const { cursor } = page;
    const rows = this.storedRows(userId).filter((r) => cursor === undefined || r.id < cursor);
    return pageFrom(rows.slice(0, page.limit + 1).map(copy), page.limit);
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
 * The format of `MemorySnapshot`; bump it (and upgrade older snapshots in `restore`) when it changes.
 * 2: session logs carry `clientId`. 3: credentials carry an id, name, scopes and last use; assessments
 * and measurements a `clientId`; login failures became limits; erasure records.
 */
export const MEMORY_SNAPSHOT_VERSION = 3;

/** Every table of a memory store as plain, JSON-serialisable data. */
export interface MemorySnapshot {
  version: typeof MEMORY_SNAPSHOT_VERSION;
  users: UserRecord[];
  credentials: CredentialRecord[];
  assessments: AssessmentRecord[];
  programmes: ProgrammeRecord[];
  sessionLogs: SessionLogRecord[];
  checkins: CheckinRecord[];
  measurements: MeasurementRecord[];
  audit: AuditRecord[];
  loginLimits: StoredLimit[];
  erasures: ErasureRecord[];
}

/** A credential as version 2 kept it: before ids, names, scopes and last use. */
type CredentialV2 = Pick<
  CredentialRecord,
  'tokenHash' | 'userId' | 'kind' | 'createdAt' | 'expiresAt'
>;

/** A snapshot saved before version 3 (a device may still hold one). */
export interface MemorySnapshotV2 extends Omit<
  MemorySnapshot,
  'version' | 'credentials' | 'loginLimits' | 'erasures'
> {
  version: 2;
  credentials: CredentialV2[];
  loginFailures: { key: string; at: string }[];
}

/** A snapshot saved before session logs had a `clientId`. */
export interface MemorySnapshotV1 extends Omit<MemorySnapshotV2, 'version' | 'sessionLogs'> {
  version: 1;
  sessionLogs: Omit<SessionLogRecord, 'clientId'>[];
}

/** Any snapshot this code can start from: the current format or an older one it upgrades. */
export type SavedMemorySnapshot = MemorySnapshot | MemorySnapshotV2 | MemorySnapshotV1;

/** The memory store, which can also hand out its whole content to be saved. */
export interface MemoryStore extends Store {
  readonly kind: 'memory';
  /** A copy of every table, safe to JSON.stringify and to pass to `createMemoryStore` later. */
  snapshot(): MemorySnapshot;
}

/** Checks a saved snapshot's format and upgrades an older one, before anything is loaded from it. */
function restore(snapshot: SavedMemorySnapshot): MemorySnapshot {
  const version = (snapshot as { version?: unknown }).version;
  if (version === 1) {
    // Session logs saved before version 2 were never sent with a client id.
    const v1 = snapshot as MemorySnapshotV1;
    return restore({
      ...v1,
      version: 2,
      sessionLogs: v1.sessionLogs.map((l) => ({ ...l, clientId: null })),
    });
  }
  if (version === 2) {
    // Tokens from before scopes could do everything a token can now; sessions need none. Login
    // failures were counted differently: the limits start afresh.
    const { loginFailures: _f, ...v2 } = snapshot as MemorySnapshotV2;
    return {
      ...v2,
      version: MEMORY_SNAPSHOT_VERSION,
      credentials: v2.credentials.map((c) => ({
        ...c,
        id: newId(new Date(c.createdAt)),
        name: null,
        scopes: c.kind === 'token' ? ['read', 'write', 'export'] : [],
        lastUsedAt: null,
      })),
      loginLimits: [],
      erasures: [],
    };
  }
  if (version !== MEMORY_SNAPSHOT_VERSION) {
    throw new Error(
      `memory store: cannot load a snapshot of version ${String(version)} (this code knows ${MEMORY_SNAPSHOT_VERSION})`,
    );
  }
  return snapshot as MemorySnapshot;
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

  if (snapshot) {
    const saved = restore(snapshot);
    for (const u of saved.users) users.set(u.id, copy(u));
    for (const c of saved.credentials) credentials.set(c.tokenHash, copy(c));
    for (const a of saved.assessments) assessments.insert(a);
    // Snapshots saved by earlier versions lack later state fields: read them through the upgrade step.
    for (const p of saved.programmes)
      programmes.insert({ ...p, state: restoreProgrammeState(p.state) });
    for (const l of saved.sessionLogs) sessionLogs.insert(l);
    for (const c of saved.checkins) checkins.insert(c);
    for (const m of saved.measurements) measurements.insert(m);
    for (const a of saved.audit) audit.insert(a);
    for (const l of saved.loginLimits) limits.set(limitName(l), copy(l));
    erasures.push(...saved.erasures.map(copy));
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

  const oldestFirst = <T extends { date: string; id: string; userId: string }>(
    table: PersonTable<T>,
    userId: string,
  ): T[] => table.storedRows(userId).sort(byDateThenId).map(copy);

  const records: PersonStore = {
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

    listProgrammes: (userId, page) => settle(() => programmes.page(userId, page)),

    addSessionLog: (log, update) => settle(() => addOnce(sessionLogs, log, update)),

    findSessionLogByClientId: (userId, clientId) =>
      settle(() => copyOrUndefined(byClientId(sessionLogs, userId, clientId))),

    listSessionLogs: (userId, page) => settle(() => sessionLogs.page(userId, page)),

    sessionLogsSince: (userId, date) =>
      settle(() => oldestFirst(sessionLogs, userId).filter((l) => l.date >= date)),

    addCheckin: (checkin, update) => settle(() => addOnce(checkins, checkin, update)),

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

    addAudit: (entry) =>
      settle(() => {
        requirePerson(entry.userId);
        // Stored whole, as the SQL stores read it back.
        audit.insert({
          ...entry,
          resourceId: entry.resourceId ?? null,
          credentialKind: entry.credentialKind ?? null,
          credentialId: entry.credentialId ?? null,
          address: entry.address ?? null,
          outcome: entry.outcome ?? 'ok',
        });
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
          login_limits: u ? [...limits.values()].filter((l) => l.account === u.email).length : 0,
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
        users.set(user.id, { ...copy(user), email: normalizeEmail(user.email) });
        return true;
      }),

    deleteUser: (userId, erasure) =>
      queued(userId, () =>
        settle(() => {
          const u = users.get(userId);
          if (!u) return false;
          for (const [name, l] of limits) if (l.account === u.email) limits.delete(name);
          for (const [hash, c] of credentials) if (c.userId === userId) credentials.delete(hash);
          for (const t of personTables) t.deleteUser(userId);
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
        try {
          return await work(records);
        } catch (e) {
          if (!closed) restorePerson(userId, saved);
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
        credentials: [...credentials.values()].map(copy),
        assessments: assessments.allRows(),
        programmes: programmes.allRows(),
        sessionLogs: sessionLogs.allRows(),
        checkins: checkins.allRows(),
        measurements: measurements.allRows(),
        audit: audit.allRows(),
        loginLimits: [...limits.values()].map(copy),
        erasures: erasures.map(copy),
      };
    },

    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
