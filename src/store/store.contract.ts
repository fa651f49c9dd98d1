// The one contract every Store must pass; memory, SQLite and PostgreSQL each run it against themselves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planFor, type AssessmentWithProgramme } from '../engine/assess.js';
import { parseIntake, type Intake, type IntakeInput } from '../engine/intake.js';
import { initialProgrammeState, type ProgrammeState } from '../engine/session.js';
import { knowledgeBase } from '../kb/index.js';
import { PersonGone } from './errors.js';
import { newId } from './ids.js';
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
  MeasurementRecord,
  OutcomeRecord,
  OutcomeScheduleRecord,
  OrderedTable,
  Page,
  PageRequest,
  ProgressHistoryRecord,
  ProgrammeRecord,
  ProgrammeUpdate,
  ProgrammeVersionRecord,
  SessionLogRecord,
  Store,
  UserRecord,
} from './types.js';

// ---- Factories: realistic records, built with the real engine where the record holds its output.

const ANSWERS: IntakeInput = {
  version: 1,
  age: 42,
  durationDays: 30,
  painNow: 4,
  painAreas: ['lower-back', 'back-of-thigh'],
  legSide: 'left',
  hamstringTightness: true,
  worseSitting: true,
  sittingHours: 7.5,
  startBack: {
    q1: true,
    q2: false,
    q3: false,
    q4: true,
    q5: false,
    q6: false,
    q7: false,
    q8: false,
    q9: 'slightly',
  },
};

let engineOutput: { answers: Intake; planned: AssessmentWithProgramme } | undefined;
/** The engine's real assessment and programme for ANSWERS, made once. */
function engine(): { answers: Intake; planned: AssessmentWithProgramme } {
  if (!engineOutput) {
    const parsed = parseIntake(ANSWERS);
    if (!parsed.ok) throw new Error('contract fixture: the sample answers no longer parse');
    engineOutput = { answers: parsed.value, planned: planFor(parsed.value, knowledgeBase) };
  }
  return engineOutput;
}

/** A clock that only moves forward, so ids made from it are in creation order. */
let ticks = 0;
const BASE_TIME = Date.UTC(2026, 10, 21, 10, 0, 0);
function tick(): Date {
  ticks += 1;
  return new Date(BASE_TIME + ticks * 1000);
}

/** A new user with a unique, mixed-case email. */
export function newUser(label: string): UserRecord {
  const now = tick();
  // Unique per run (stores may be shared between tests), and mixed case to test lower-casing.
  return {
    id: newId(now),
    email: `${label}.${newId(now)}@Example.ORG`,
    passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$${label}`,
    createdAt: now.toISOString(),
  };
}

export function credential(userId: string, kind: CredentialRecord['kind']): CredentialRecord {
  const now = tick();
  return {
    tokenHash: `sha256:${newId(now)}`,
    id: newId(now),
    userId,
    kind,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 30 * 86400_000).toISOString(),
    name: kind === 'token' ? 'a script at home' : null,
    scopes: kind === 'token' ? ['read', 'export'] : [],
    lastUsedAt: null,
  };
}

/** The engine's real assessment of sample answers and the programme made from it, as records. */
export function assessmentPair(userId: string): {
  assessment: AssessmentRecord;
  programme: ProgrammeRecord;
} {
  const { answers, planned } = engine();
  const now = tick();
  const assessment: AssessmentRecord = {
    userId,
    id: newId(now),
    createdAt: now.toISOString(),
    answers: structuredClone(answers),
    result: structuredClone(planned.assessment),
    knowledgeBase: knowledgeBase.version,
    clientId: null,
  };
  const programme: ProgrammeRecord = {
    userId,
    id: newId(now),
    assessmentId: assessment.id,
    createdAt: now.toISOString(),
    programme: structuredClone(planned.programme),
    state: initialProgrammeState(),
    paused: false,
    pausedBy: null,
    current: true,
    revision: 0,
  };
  return { assessment, programme };
}

function firstExercise(): AssessmentWithProgramme['programme']['items'][number] {
  const item = engine().planned.programme.items[0];
  if (!item) throw new Error('contract fixture: the sample programme has no exercises');
  return item;
}

/** A session log of the sample programme's first exercise. */
export function sessionLog(userId: string, programmeId: string, date: string): SessionLogRecord {
  const now = tick();
  const item = firstExercise();
  return {
    userId,
    id: newId(now),
    programmeId,
    date,
    createdAt: now.toISOString(),
    entries: [
      {
        exerciseId: item.exerciseId,
        planned: structuredClone(item.dosage),
        done: { sets: 2, reps: 8, sides: 'both' },
        felt: 'easier',
        painSharper: false,
        painSpread: true,
        newNumbnessOrWeakness: false,
      },
    ],
    programmeChanges: [{ exerciseId: item.exerciseId, change: 'progressed', dosage: item.dosage }],
    warningCheckRequired: true,
    clientId: null,
    sittingId: null,
  };
}

const TRIAGE: NonNullable<CheckinRecord['triage']> = {
  level: 'urgent',
  reasons: [
    {
      code: 'bilateral-neurological',
      text: 'Symptoms in both legs need a doctor soon.',
      answers: ['legSide', 'numbness'],
    },
  ],
  advice: 'See a doctor today.',
};

export function checkin(userId: string, date: string): CheckinRecord {
  const now = tick();
  return {
    userId,
    id: newId(now),
    date,
    createdAt: now.toISOString(),
    painNow: 3,
    painAreas: ['lower-back', 'buttock'],
    legSide: 'left',
    warningSigns: { saddleNumbness: false, bladderChange: false, legWeakness: 'none' },
    sittingHours: 6.5,
    walkingBreaks: null,
    triage: null,
    programmePaused: false,
    clientId: null,
  };
}

export function measurement(userId: string, date: string): MeasurementRecord {
  const now = tick();
  return {
    userId,
    id: newId(now),
    date,
    createdAt: now.toISOString(),
    kind: 'slr-angle',
    side: 'right',
    value: 62.5,
    clientId: null,
  };
}

export function auditEntry(userId: string): AuditRecord {
  const now = tick();
  return {
    userId,
    id: newId(now),
    at: now.toISOString(),
    actor: userId,
    action: 'read',
    resource: `assessment:${newId(now)}`,
    resourceId: null,
    credentialKind: 'session',
    credentialId: newId(now),
    address: '192.0.2.7',
    outcome: 'ok',
  };
}

/** A programme update such as a session causes, guarded by `expectedRevision`. */
export function updateOf(p: ProgrammeRecord, expectedRevision = p.revision): ProgrammeUpdate {
  const state: ProgrammeState = {
    easyStreak: { [firstExercise().exerciseId]: 2 },
    dropped: [],
    spreadEpisodes: ['2026-11-20'],
    warningCheckRequired: true,
    backOff: { reason: 'spread', since: '2026-11-20', until: 'settled' },
    restDate: '2026-11-20',
    clinicianPause: null,
  };
  return {
    id: p.id,
    expectedRevision,
    programme: { ...p.programme, notes: [...p.programme.notes, 'changed by a session'] },
    state,
    paused: false,
    pausedBy: null,
  };
}

// ---- The clinician side (docs/clinician.md): accounts, invitations, links, versions, outcomes.

const DAY_MS = 86400_000;

/** A clinician's account, as sign-up makes it. */
export function clinicianUser(label: string): UserRecord {
  return { ...newUser(label), role: 'clinician', displayName: `${label} Morgan, physiotherapist` };
}

/** An operator's sign-up code for one clinician, valid 14 days from `at`. */
export function clinicianCode(at: Date = tick()): ClinicianCodeRecord {
  return {
    codeHash: `sha256:code-${newId(at)}`,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + 14 * DAY_MS).toISOString(),
    usedAt: null,
    usedBy: null,
  };
}

/** An open invitation of a clinician, valid 7 days from `at`. */
export function invitation(clinicianId: string, at: Date = tick()): InvitationRecord {
  return {
    id: newId(at),
    clinicianId,
    codeHash: `sha256:invite-${newId(at)}`,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + 7 * DAY_MS).toISOString(),
    usedAt: null,
    usedBy: null,
    cancelledAt: null,
  };
}

/** The link a person makes by accepting `invited` at `at`. */
export function linkFor(
  userId: string,
  invited: InvitationRecord,
  at: Date = tick(),
): CareLinkRecord {
  return {
    userId,
    id: newId(at),
    clinicianId: invited.clinicianId,
    invitationId: invited.id,
    createdAt: at.toISOString(),
    status: 'active',
    endedAt: null,
    endedBy: null,
    lastViewedAt: null,
  };
}

/** A version of a programme: the engine's (number 1) or a clinician's change. */
export function programmeVersion(
  p: ProgrammeRecord,
  number: number,
  author: UserRecord | null = null,
): ProgrammeVersionRecord {
  const now = tick();
  return {
    userId: p.userId,
    id: newId(now),
    programmeId: p.id,
    number,
    createdAt: now.toISOString(),
    authorRole: author ? 'clinician' : 'engine',
    authorId: author?.id ?? null,
    authorName: author?.displayName ?? null,
    changes: author
      ? [
          {
            op: 'dose',
            exerciseId: firstExercise().exerciseId,
            before: { sets: 2 },
            after: { sets: 3 },
          },
          { op: 'note', exerciseId: firstExercise().exerciseId, before: null, after: 'Slowly.' },
        ]
      : [],
    note: author ? 'A little more, as it felt easy. Stop if the leg pain spreads.' : null,
    programme: structuredClone(p.programme),
    seenAt: author ? null : now.toISOString(),
  };
}

/** A Roland-Morris answer of `ticks` statements ticked, scored as its authors say (one point each). */
export function outcome(
  userId: string,
  date: string,
  ticks = 5,
  enteredBy: string = userId,
): OutcomeRecord {
  const now = tick();
  return {
    userId,
    id: newId(now),
    instrument: 'rmdq',
    date,
    createdAt: now.toISOString(),
    answers: { instrument: 'rmdq', ticked: Array.from({ length: 24 }, (_, i) => i < ticks) },
    score: ticks,
    enteredBy,
    scheduleId: null,
    clientId: null,
  };
}

/** A measure a clinician asked the person to fill in from `dueDate`. */
export function outcomeDue(
  userId: string,
  dueDate: string,
  createdBy: string,
): OutcomeScheduleRecord {
  const now = tick();
  return {
    userId,
    id: newId(now),
    instrument: 'rmdq',
    dueDate,
    createdAt: now.toISOString(),
    createdBy,
    doneOutcomeId: null,
    cancelledAt: null,
  };
}

/** A summary of a person's older progress, as the record service keeps one. */
export function progressHistory(userId: string): ProgressHistoryRecord {
  return {
    userId,
    updatedAt: tick().toISOString(),
    format: 1,
    checkins: {
      before: '2026-08-01',
      mark: '0001kdwe9t00000000000000000',
      late: ['0001kdwf0000000000000000000'],
      from: '2026-07-15',
      summary: {
        painDays: 1,
        first: { date: '2026-07-01', value: 5 },
        last: { date: '2026-07-01', value: 5 },
        extentDays: 1,
        extentFirst: [{ date: '2026-07-01', furthest: 'buttock' }],
        extentLast: [{ date: '2026-07-01', furthest: 'buttock' }],
        months: [
          { month: '2026-07', days: 1, total: 5, lowest: 5, highest: 5, furthest: 'buttock' },
        ],
      },
      tail: [['2026-07-20', 4, 'foot']],
    },
    measurements: {
      before: '2026-08-01',
      mark: '0001kdwe9t00000000000000000',
      late: [],
      from: '2026-07-15',
      summary: { slr: [] },
      tail: [['2026-07-20', 'left', 62.5]],
    },
    sittings: null,
  };
}

const ROW_COUNT_KEYS = [
  'assessments',
  'audit',
  'care_links',
  'checkins',
  'credentials',
  'invitations',
  'login_limits',
  'measurements',
  'outcome_schedule',
  'outcomes',
  'programme_versions',
  'programmes',
  'progress_history',
  'session_logs',
  'users',
];
/** The tables a person (not a clinician) has no rows in. */
const CLINICIAN_ONLY = new Set(['invitations']);

/** Reads every page of a list, checking each page's shape on the way. */
async function allPages<T extends { id: string }>(
  list: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list({ limit, cursor });
    pages.push(page.items);
    if (page.nextCursor === null) return pages;
    expect(page.nextCursor).toBe(page.items[page.items.length - 1]?.id);
    cursor = page.nextCursor;
  }
  throw new Error('paging never ended');
}

/** Runs the Store contract against one implementation; `open` gives a ready store for each test. */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    /** A user with one assessment and its current programme. */
    async function personWithProgramme(label: string) {
      const user = newUser(label);
      expect(await store.createUser(user)).toBe(true);
      const pair = assessmentPair(user.id);
      await store.addAssessment(pair.assessment, pair.programme);
      return { user, ...pair };
    }

    /** One more attempt counted under a limiter key. */
    const countAttempt = (k: LimitKey) =>
      store.updateLimits([k], ([row]) => ({
        rows: [
          {
            count: (row?.count ?? 0) + 1,
            windowStart: row?.windowStart ?? tick().toISOString(),
            blockedUntil: null,
          },
        ],
        result: undefined,
      }));

    it('says what kind of store it is', () => {
      expect(['memory', 'sqlite', 'postgres']).toContain(store.kind);
    });

    describe('users', () => {
      it('creates, finds by id and by email in any case, and stores the email lower-cased', async () => {
        const user = newUser('Ana');
        expect(await store.createUser(user)).toBe(true);
        // Made without a role (as before roles existed): read back as a person with no display name.
        const stored = {
          ...user,
          email: user.email.toLowerCase(),
          role: 'person',
          displayName: null,
        };
        expect(await store.getUser(user.id)).toStrictEqual(stored);
        expect(await store.getUserByEmail(user.email.toUpperCase())).toStrictEqual(stored);
        expect(await store.getUserByEmail(user.email.toLowerCase())).toStrictEqual(stored);
        expect(await store.getUser(newId(tick()))).toBeUndefined();
        expect(await store.getUserByEmail(`nobody.${newId(tick())}@example.org`)).toBeUndefined();
      });

      it('refuses a second account with the same email in another case, and keeps the first', async () => {
        const user = newUser('ben');
        expect(await store.createUser(user)).toBe(true);
        const clash = { ...newUser('ben2'), email: user.email.toUpperCase() };
        expect(await store.createUser(clash)).toBe(false);
        expect(await store.getUser(clash.id)).toBeUndefined();
        expect((await store.getUserByEmail(user.email))?.id).toBe(user.id);
      });

      it('rejects a second user with the same id (a bug, not a taken email)', async () => {
        const user = newUser('cy');
        await store.createUser(user);
        await expect(store.createUser({ ...newUser('cy2'), id: user.id })).rejects.toThrow();
      });

      it('updates the password hash of that user only', async () => {
        const a = newUser('dee');
        const b = newUser('eve');
        await store.createUser(a);
        await store.createUser(b);
        await store.updatePasswordHash(a.id, 'new-hash');
        expect((await store.getUser(a.id))?.passwordHash).toBe('new-hash');
        expect((await store.getUser(b.id))?.passwordHash).toBe(b.passwordHash);
        await store.updatePasswordHash(newId(tick()), 'ignored');
      });
    });

    describe('credentials', () => {
      it('adds, gets and deletes one credential', async () => {
        const user = newUser('fay');
        await store.createUser(user);
        const c = credential(user.id, 'session');
        await store.addCredential(c);
        expect(await store.getCredential(c.tokenHash)).toStrictEqual(c);
        await expect(store.addCredential({ ...c })).rejects.toThrow();
        await store.deleteCredential(c.tokenHash);
        expect(await store.getCredential(c.tokenHash)).toBeUndefined();
        expect(await store.getCredential('sha256:unknown')).toBeUndefined();
      });

      it('revokes the sessions of one person except one, then sessions and tokens', async () => {
        const a = newUser('gus');
        const b = newUser('hal');
        await store.createUser(a);
        await store.createUser(b);
        const keep = credential(a.id, 'session');
        const other = credential(a.id, 'session');
        const token = credential(a.id, 'token');
        const bs = credential(b.id, 'session');
        for (const c of [keep, other, token, bs]) await store.addCredential(c);

        await store.deleteCredentialsOf(a.id, []);
        expect(await store.getCredential(other.tokenHash)).toStrictEqual(other);

        await store.deleteCredentialsOf(a.id, ['session'], keep.tokenHash);
        expect(await store.getCredential(keep.tokenHash)).toStrictEqual(keep);
        expect(await store.getCredential(other.tokenHash)).toBeUndefined();
        expect(await store.getCredential(token.tokenHash)).toStrictEqual(token);
        expect(await store.getCredential(bs.tokenHash)).toStrictEqual(bs);

        await store.deleteCredentialsOf(a.id, ['session', 'token']);
        expect(await store.getCredential(keep.tokenHash)).toBeUndefined();
        expect(await store.getCredential(token.tokenHash)).toBeUndefined();
        expect(await store.getCredential(bs.tokenHash)).toStrictEqual(bs);
        expect((await store.rowCounts(a.id)).credentials).toBe(0);
        expect((await store.rowCounts(b.id)).credentials).toBe(1);
      });
    });

    describe('assessments and programmes', () => {
      it('round-trips the engine output exactly', async () => {
        const { user, assessment, programme } = await personWithProgramme('ida');
        expect(await store.getAssessment(user.id, assessment.id)).toStrictEqual(assessment);
        expect(await store.latestAssessment(user.id)).toStrictEqual(assessment);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
        expect(await store.getAssessment(user.id, newId(tick()))).toBeUndefined();
      });

      it('makes the newest programme current and the older ones history', async () => {
        const user = newUser('jo');
        await store.createUser(user);
        const pairs = [assessmentPair(user.id), assessmentPair(user.id), assessmentPair(user.id)];
        // A caller's `current: false` does not matter: the programme just added is the current one.
        for (const p of pairs) {
          await store.addAssessment(p.assessment, { ...p.programme, current: false });
        }
        const [first, second, third] = pairs;
        expect((await store.getCurrentProgramme(user.id))?.id).toBe(third?.programme.id);
        expect((await store.latestAssessment(user.id))?.id).toBe(third?.assessment.id);
        const listed = await store.listProgrammes(user.id, { limit: 10 });
        expect(listed.items.map((p) => [p.id, p.current])).toStrictEqual([
          [third?.programme.id, true],
          [second?.programme.id, false],
          [first?.programme.id, false],
        ]);
        expect(listed.nextCursor).toBeNull();
      });

      it('writes nothing when adding the programme fails (one transaction)', async () => {
        const { user, programme } = await personWithProgramme('kai');
        const next = assessmentPair(user.id);
        const clash = { ...next.programme, id: programme.id };
        await expect(store.addAssessment(next.assessment, clash)).rejects.toThrow();
        expect(await store.getAssessment(user.id, next.assessment.id)).toBeUndefined();
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
        expect((await store.rowCounts(user.id)).assessments).toBe(1);
      });
    });

    describe('paging: newest first, by cursor', () => {
      interface Lister {
        table: string;
        add: (userId: string) => Promise<string>;
        list: (userId: string, page: PageRequest) => Promise<Page<{ id: string; userId: string }>>;
      }
      const listers: Lister[] = [
        {
          table: 'assessments',
          add: async (userId) => {
            const p = assessmentPair(userId);
            await store.addAssessment(p.assessment, p.programme);
            return p.assessment.id;
          },
          list: (u, p) => store.listAssessments(u, p),
        },
        {
          table: 'programmes',
          add: async (userId) => {
            const p = assessmentPair(userId);
            await store.addAssessment(p.assessment, p.programme);
            return p.programme.id;
          },
          list: (u, p) => store.listProgrammes(u, p),
        },
        {
          table: 'session_logs',
          add: async (userId) => {
            const log = sessionLog(userId, 'p1', '2026-11-21');
            expect(await store.addSessionLog(log)).toBe(true);
            return log.id;
          },
          list: (u, p) => store.listSessionLogs(u, p),
        },
        {
          table: 'checkins',
          add: async (userId) => {
            const c = checkin(userId, '2026-11-21');
            expect(await store.addCheckin(c)).toBe(true);
            return c.id;
          },
          list: (u, p) => store.listCheckins(u, p),
        },
        {
          table: 'measurements',
          add: async (userId) => {
            const m = measurement(userId, '2026-11-21');
            await store.addMeasurement(m);
            return m.id;
          },
          list: (u, p) => store.listMeasurements(u, p),
        },
        {
          table: 'audit',
          add: async (userId) => {
            const a = auditEntry(userId);
            await store.addAudit(a);
            return a.id;
          },
          list: (u, p) => store.listAudit(u, p),
        },
      ];

      for (const lister of listers) {
        it(`${lister.table}: 7 rows in pages of 3 come as 3, 3, 1, each once, newest first`, async () => {
          const user = newUser(`pager-${lister.table}`);
          await store.createUser(user);
          const other = newUser(`other-${lister.table}`);
          await store.createUser(other);
          const ids: string[] = [];
          for (let i = 0; i < 7; i++) {
            ids.push(await lister.add(user.id));
            // Another person's rows interleaved: they must never appear or shift the pages.
            await lister.add(other.id);
          }
          const newestFirst = [...ids].reverse();

          const pages = await allPages((p) => lister.list(user.id, p), 3);
          expect(pages.map((p) => p.length)).toStrictEqual([3, 3, 1]);
          expect(pages.flat().map((r) => r.id)).toStrictEqual(newestFirst);
          expect(pages.flat().every((r) => r.userId === user.id)).toBe(true);

          // Boundaries: an exact fit has no next page; one short of it has one.
          expect((await lister.list(user.id, { limit: 7 })).nextCursor).toBeNull();
          const six = await lister.list(user.id, { limit: 6 });
          expect(six.nextCursor).toBe(newestFirst[5]);
          const rest = await lister.list(user.id, { limit: 6, cursor: six.nextCursor ?? '' });
          expect(rest.items.map((r) => r.id)).toStrictEqual([newestFirst[6]]);
          expect(rest.nextCursor).toBeNull();

          const none = await lister.list(newId(tick()), { limit: 3 });
          expect(none).toStrictEqual({ items: [], nextCursor: null });
        });
      }

      it('rejects a limit outside 1..500', async () => {
        const user = newUser('lim');
        await store.createUser(user);
        for (const limit of [0, 501, 1.5, -1]) {
          await expect(store.listAudit(user.id, { limit })).rejects.toThrow(RangeError);
          await expect(store.listAssessments(user.id, { limit })).rejects.toThrow(RangeError);
        }
        expect((await store.listAudit(user.id, { limit: 500 })).items).toStrictEqual([]);
        expect((await store.listCheckins(user.id, { limit: 1 })).items).toStrictEqual([]);
      });
    });

    describe('session logs and the programme compare-and-swap', () => {
      it('stores a log with no update and leaves the programme alone', async () => {
        const { user, programme } = await personWithProgramme('lea');
        const log = sessionLog(user.id, programme.id, '2026-11-21');
        expect(await store.addSessionLog(log)).toBe(true);
        expect((await store.listSessionLogs(user.id, { limit: 5 })).items).toStrictEqual([log]);
        expect((await store.getCurrentProgramme(user.id))?.revision).toBe(0);
      });

      it('keeps the sitting a log belongs to, so the logs of one sitting read back together', async () => {
        const { user, programme } = await personWithProgramme('sita');
        const first = {
          ...sessionLog(user.id, programme.id, '2026-11-21'),
          sittingId: 'sitting-abc-123',
        };
        const second = {
          ...sessionLog(user.id, programme.id, '2026-11-21'),
          sittingId: 'sitting-abc-123',
        };
        expect(await store.addSessionLog(first)).toBe(true);
        expect(await store.addSessionLog(second)).toBe(true);
        const back = await store.sessionLogsSince(user.id, '2026-11-21');
        expect(back.map((l) => l.sittingId)).toEqual(['sitting-abc-123', 'sitting-abc-123']);
      });

      it('applies an update at the expected revision and bumps the revision', async () => {
        const { user, programme } = await personWithProgramme('max');
        const log = sessionLog(user.id, programme.id, '2026-11-21');
        const update = updateOf(programme);
        expect(await store.addSessionLog(log, update)).toBe(true);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual({
          ...programme,
          programme: update.programme,
          state: update.state,
          revision: 1,
        });
        expect(await store.sessionLogsSince(user.id, '2026-11-21')).toStrictEqual([log]);
      });

      it('refuses a stale revision and writes nothing', async () => {
        const { user, programme } = await personWithProgramme('ned');
        const first = sessionLog(user.id, programme.id, '2026-11-21');
        expect(await store.addSessionLog(first, updateOf(programme))).toBe(true);
        const after = await store.getCurrentProgramme(user.id);

        const stale = sessionLog(user.id, programme.id, '2026-11-21');
        const staleUpdate = { ...updateOf(programme, 0), paused: true };
        expect(await store.addSessionLog(stale, staleUpdate)).toBe(false);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(after);
        expect(after?.revision).toBe(1);
        const logs = await store.listSessionLogs(user.id, { limit: 10 });
        expect(logs.items.map((l) => l.id)).toStrictEqual([first.id]);
        expect((await store.rowCounts(user.id)).session_logs).toBe(1);
      });

      it("refuses an update of a programme that is not the person's, or does not exist", async () => {
        const a = await personWithProgramme('oli');
        const b = await personWithProgramme('pia');
        const log = sessionLog(a.user.id, b.programme.id, '2026-11-21');
        expect(await store.addSessionLog(log, updateOf(b.programme))).toBe(false);
        expect(await store.getCurrentProgramme(b.user.id)).toStrictEqual(b.programme);
        const missing = { ...updateOf(a.programme), id: newId(tick()) };
        expect(await store.addSessionLog(sessionLog(a.user.id, 'x', '2026-11-21'), missing)).toBe(
          false,
        );
        expect((await store.rowCounts(a.user.id)).session_logs).toBe(0);
      });

      it('rolls the update back when the log itself cannot be stored', async () => {
        const { user, programme } = await personWithProgramme('quin');
        const log = sessionLog(user.id, programme.id, '2026-11-21');
        expect(await store.addSessionLog(log)).toBe(true);
        await expect(store.addSessionLog({ ...log }, updateOf(programme))).rejects.toThrow();
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
      });

      it('lists logs on or after a date, oldest first by date then creation', async () => {
        const { user, programme } = await personWithProgramme('ray');
        const dates = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'];
        const logs = dates.map((d) => sessionLog(user.id, programme.id, d));
        // Created last, but about an earlier day: it belongs before the later days.
        const backfilled = sessionLog(user.id, programme.id, '2026-11-03');
        for (const l of [...logs, backfilled]) expect(await store.addSessionLog(l)).toBe(true);

        const since = await store.sessionLogsSince(user.id, '2026-11-03');
        expect(since.map((l) => [l.date, l.id])).toStrictEqual([
          ['2026-11-03', logs[2]?.id],
          ['2026-11-03', backfilled.id],
          ['2026-11-04', logs[3]?.id],
          ['2026-11-05', logs[4]?.id],
        ]);
        expect(since[0]).toStrictEqual(logs[2]);
        expect(await store.sessionLogsSince(user.id, '2026-11-06')).toStrictEqual([]);
        expect(await store.sessionLogsSince(user.id, '2026-01-01')).toHaveLength(6);
      });
    });

    describe('session logs with a client id (sent again from a device)', () => {
      const withClientId = (userId: string, programmeId: string, clientId: string) => ({
        ...sessionLog(userId, programmeId, '2026-11-21'),
        clientId,
      });

      it('stores the client id and finds the session log by it, for that person only', async () => {
        const a = newUser('scid-a');
        const b = newUser('scid-b');
        await store.createUser(a);
        await store.createUser(b);
        const clientId = `dev_${newId(tick())}`;
        const log = withClientId(a.id, 'p1', clientId);
        expect(await store.addSessionLog(log)).toBe(true);
        expect(await store.findSessionLogByClientId(a.id, clientId)).toStrictEqual(log);
        expect((await store.listSessionLogs(a.id, { limit: 1 })).items[0]?.clientId).toBe(clientId);
        expect((await store.sessionLogsSince(a.id, '2026-01-01'))[0]?.clientId).toBe(clientId);
        expect(await store.findSessionLogByClientId(b.id, clientId)).toBeUndefined();
        expect(await store.findSessionLogByClientId(a.id, `dev_${newId(tick())}`)).toBeUndefined();
      });

      it("says 'duplicate' for a second session log with the same client id, writing nothing, not even its update", async () => {
        const { user, programme } = await personWithProgramme('scid-dup');
        const clientId = `dev-${newId(tick())}`;
        const first = withClientId(user.id, programme.id, clientId);
        expect(await store.addSessionLog(first)).toBe(true);
        // The update is at the current revision, so only the clash can refuse it: it must be rolled back.
        const again = withClientId(user.id, programme.id, clientId);
        expect(await store.addSessionLog(again, updateOf(programme))).toBe('duplicate');
        expect(await store.sessionLogsSince(user.id, '0000-01-01')).toStrictEqual([first]);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
        expect((await store.rowCounts(user.id)).session_logs).toBe(1);
        // A stale revision is still reported as a conflict, as the SQL stores apply the update first.
        expect(await store.addSessionLog(again, updateOf(programme, 7))).toBe(false);
      });

      it('lets different people use the same client id, and never collides session logs without one', async () => {
        const a = newUser('scid-same-a');
        const b = newUser('scid-same-b');
        await store.createUser(a);
        await store.createUser(b);
        const clientId = `shared_${newId(tick())}`;
        expect(await store.addSessionLog(withClientId(a.id, 'p1', clientId))).toBe(true);
        expect(await store.addSessionLog(withClientId(b.id, 'p1', clientId))).toBe(true);
        for (let i = 0; i < 3; i++)
          expect(await store.addSessionLog(sessionLog(a.id, 'p1', '2026-11-22'))).toBe(true);
        expect(
          (await store.sessionLogsSince(a.id, '0000-01-01')).map((l) => l.clientId),
        ).toStrictEqual([clientId, null, null, null]);
        expect((await store.findSessionLogByClientId(b.id, clientId))?.userId).toBe(b.id);
      });

      it('still rejects a clash of the session log id itself (a bug, not a duplicate)', async () => {
        const { user, programme } = await personWithProgramme('scid-pk');
        const log = withClientId(user.id, programme.id, `dev_${newId(tick())}`);
        expect(await store.addSessionLog(log)).toBe(true);
        await expect(
          store.addSessionLog({ ...log, clientId: `dev_${newId(tick())}` }, updateOf(programme)),
        ).rejects.toThrow();
        await expect(store.addSessionLog({ ...log, clientId: null })).rejects.toThrow();
        expect(await store.sessionLogsSince(user.id, '0000-01-01')).toStrictEqual([log]);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
      });

      it('stores exactly one of several session logs with the same client id sent at once', async () => {
        const user = newUser('scid-race');
        await store.createUser(user);
        const clientId = `race_${newId(tick())}`;
        const attempts = Array.from({ length: 6 }, () => withClientId(user.id, 'p1', clientId));
        const results = await Promise.all(attempts.map((l) => store.addSessionLog(l)));
        expect(results.filter((r) => r === true)).toHaveLength(1);
        expect(results.filter((r) => r === 'duplicate')).toHaveLength(attempts.length - 1);
        const stored = await store.sessionLogsSince(user.id, '0000-01-01');
        expect(stored).toHaveLength(1);
        expect(stored[0]).toStrictEqual(attempts[results.indexOf(true)]);
      });

      it('updates the programme once when several with the same client id and the same revision race', async () => {
        const { user, programme } = await personWithProgramme('scid-race-update');
        const clientId = `race_${newId(tick())}`;
        const attempts = Array.from({ length: 6 }, () =>
          withClientId(user.id, programme.id, clientId),
        );
        const update = updateOf(programme);
        const results = await Promise.all(attempts.map((l) => store.addSessionLog(l, update)));
        expect(results.filter((r) => r === true)).toHaveLength(1);
        // The losers are refused, by the revision or by the clash; none writes anything.
        expect(results.filter((r) => r === false || r === 'duplicate')).toHaveLength(
          attempts.length - 1,
        );
        const stored = await store.sessionLogsSince(user.id, '0000-01-01');
        expect(stored).toStrictEqual([attempts[results.indexOf(true)]]);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual({
          ...programme,
          programme: update.programme,
          state: update.state,
          revision: 1,
        });
      });
    });

    describe('check-ins', () => {
      it('pauses the programme at the expected revision, refuses a stale one', async () => {
        const { user, programme } = await personWithProgramme('sam');
        const c = { ...checkin(user.id, '2026-11-21'), triage: TRIAGE, programmePaused: true };
        const pause: ProgrammeUpdate = {
          id: programme.id,
          expectedRevision: 0,
          programme: programme.programme,
          state: { ...programme.state, warningCheckRequired: false },
          paused: true,
          pausedBy: TRIAGE,
        };
        expect(await store.addCheckin(c, pause)).toBe(true);
        const paused = await store.getCurrentProgramme(user.id);
        expect(paused).toStrictEqual({ ...programme, paused: true, pausedBy: TRIAGE, revision: 1 });

        const late = checkin(user.id, '2026-11-21');
        expect(await store.addCheckin(late, { ...pause, paused: false, pausedBy: null })).toBe(
          false,
        );
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(paused);
        expect(await store.allCheckins(user.id)).toStrictEqual([c]);
      });

      it('lists every check-in oldest first, by date then creation', async () => {
        const user = newUser('tia');
        await store.createUser(user);
        const later = checkin(user.id, '2026-11-10');
        const earlier = checkin(user.id, '2026-11-02');
        const sameDay = checkin(user.id, '2026-11-10');
        for (const c of [later, earlier, sameDay]) expect(await store.addCheckin(c)).toBe(true);
        expect(await store.allCheckins(user.id)).toStrictEqual([earlier, later, sameDay]);
        expect((await store.listCheckins(user.id, { limit: 5 })).items).toStrictEqual([
          sameDay,
          earlier,
          later,
        ]);
      });

      it('round-trips nested JSON, booleans, nulls, fractions and unicode exactly', async () => {
        const user = newUser('uma');
        await store.createUser(user);
        const c: CheckinRecord = {
          ...checkin(user.id, '2026-11-21'),
          painNow: 7,
          warningSigns: {
            saddleNumbness: true,
            bladderChange: false,
            numbness: 'below-knee',
            nothing: null,
            nested: { list: [1, 'two', null, { deep: true, deeper: [[], {}] }], empty: {} },
            fraction: -0.125,
            big: 1234567890123,
            text: 'Zoë — 痛み 🦵 "quoted" \\ back\nslash',
          },
          sittingHours: 0,
          walkingBreaks: 4,
          triage: TRIAGE,
          programmePaused: true,
        };
        expect(await store.addCheckin(c)).toBe(true);
        expect((await store.listCheckins(user.id, { limit: 1 })).items[0]).toStrictEqual(c);
        const plain = { ...checkin(user.id, '2026-11-22'), sittingHours: null };
        expect(await store.addCheckin(plain)).toBe(true);
        expect(await store.allCheckins(user.id)).toStrictEqual([c, plain]);
      });

      it('stores a check-in that carried only a warning sign, its pain answers null, and pauses with it', async () => {
        const { user, programme } = await personWithProgramme('wyn');
        const warningOnly: CheckinRecord = {
          ...checkin(user.id, '2026-11-21'),
          painNow: null,
          painAreas: null,
          legSide: null,
          warningSigns: { bladderChange: true },
          sittingHours: null,
          triage: TRIAGE,
          programmePaused: true,
          clientId: 'device-warning-01',
        };
        const pause: ProgrammeUpdate = {
          id: programme.id,
          expectedRevision: 0,
          programme: programme.programme,
          state: programme.state,
          paused: true,
          pausedBy: TRIAGE,
        };
        expect(await store.addCheckin(warningOnly, pause)).toBe(true);
        expect(await store.allCheckins(user.id)).toStrictEqual([warningOnly]);
        expect((await store.listCheckins(user.id, { limit: 5 })).items).toStrictEqual([
          warningOnly,
        ]);
        expect(await store.findCheckinByClientId(user.id, 'device-warning-01')).toStrictEqual(
          warningOnly,
        );
        expect((await store.getCurrentProgramme(user.id))?.paused).toBe(true);
        // A complete one after it keeps its answers.
        const complete = checkin(user.id, '2026-11-22');
        expect(await store.addCheckin(complete)).toBe(true);
        expect(await store.allCheckins(user.id)).toStrictEqual([warningOnly, complete]);
      });

      it('keeps stored rows safe from changes to the objects passed in or handed out', async () => {
        const user = newUser('vic');
        await store.createUser(user);
        const c = checkin(user.id, '2026-11-21');
        const original = structuredClone(c);
        await store.addCheckin(c);
        c.painAreas?.push('foot');
        c.warningSigns.saddleNumbness = true;
        const [read] = await store.allCheckins(user.id);
        expect(read).toStrictEqual(original);
        read?.painAreas?.push('foot');
        expect(await store.allCheckins(user.id)).toStrictEqual([original]);
      });
    });

    describe('check-ins with a client id (sent again from a device)', () => {
      const withClientId = (userId: string, clientId: string): CheckinRecord => ({
        ...checkin(userId, '2026-11-21'),
        clientId,
      });

      it('stores the client id and finds the check-in by it, for that person only', async () => {
        const a = newUser('cid-a');
        const b = newUser('cid-b');
        await store.createUser(a);
        await store.createUser(b);
        const clientId = `dev_${newId(tick())}`;
        const c = withClientId(a.id, clientId);
        expect(await store.addCheckin(c)).toBe(true);
        expect(await store.findCheckinByClientId(a.id, clientId)).toStrictEqual(c);
        expect((await store.listCheckins(a.id, { limit: 1 })).items[0]?.clientId).toBe(clientId);
        expect(await store.findCheckinByClientId(b.id, clientId)).toBeUndefined();
        expect(await store.findCheckinByClientId(a.id, `dev_${newId(tick())}`)).toBeUndefined();
      });

      it("says 'duplicate' for a second check-in with the same client id, writing nothing, not even its update", async () => {
        const { user, programme } = await personWithProgramme('cid-dup');
        const clientId = `dev-${newId(tick())}`;
        const first = withClientId(user.id, clientId);
        expect(await store.addCheckin(first)).toBe(true);
        const again: CheckinRecord = {
          ...withClientId(user.id, clientId),
          triage: TRIAGE,
          programmePaused: true,
        };
        const pause: ProgrammeUpdate = {
          id: programme.id,
          expectedRevision: 0,
          programme: programme.programme,
          state: programme.state,
          paused: true,
          pausedBy: TRIAGE,
        };
        expect(await store.addCheckin(again, pause)).toBe('duplicate');
        expect(await store.allCheckins(user.id)).toStrictEqual([first]);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
        expect((await store.rowCounts(user.id)).checkins).toBe(1);
      });

      it('lets different people use the same client id, and never collides check-ins without one', async () => {
        const a = newUser('cid-same-a');
        const b = newUser('cid-same-b');
        await store.createUser(a);
        await store.createUser(b);
        const clientId = `shared_${newId(tick())}`;
        expect(await store.addCheckin(withClientId(a.id, clientId))).toBe(true);
        expect(await store.addCheckin(withClientId(b.id, clientId))).toBe(true);
        for (let i = 0; i < 3; i++)
          expect(await store.addCheckin(checkin(a.id, '2026-11-22'))).toBe(true);
        expect((await store.allCheckins(a.id)).map((c) => c.clientId)).toStrictEqual([
          clientId,
          null,
          null,
          null,
        ]);
        expect((await store.findCheckinByClientId(b.id, clientId))?.userId).toBe(b.id);
      });

      it('still rejects a clash of the check-in id itself (a bug, not a duplicate)', async () => {
        const user = newUser('cid-pk');
        await store.createUser(user);
        const c = withClientId(user.id, `dev_${newId(tick())}`);
        expect(await store.addCheckin(c)).toBe(true);
        await expect(
          store.addCheckin({ ...c, clientId: `dev_${newId(tick())}` }),
        ).rejects.toThrow();
        await expect(store.addCheckin({ ...c, clientId: null })).rejects.toThrow();
        expect(await store.allCheckins(user.id)).toStrictEqual([c]);
      });

      it('stores exactly one of several check-ins with the same client id sent at once', async () => {
        const user = newUser('cid-race');
        await store.createUser(user);
        const clientId = `race_${newId(tick())}`;
        const attempts = Array.from({ length: 6 }, () => withClientId(user.id, clientId));
        const results = await Promise.all(attempts.map((c) => store.addCheckin(c)));
        expect(results.filter((r) => r === true)).toHaveLength(1);
        expect(results.filter((r) => r === 'duplicate')).toHaveLength(attempts.length - 1);
        const stored = await store.allCheckins(user.id);
        expect(stored).toHaveLength(1);
        expect(stored[0]).toStrictEqual(attempts[results.indexOf(true)]);
      });
    });

    describe('a check-in or a session in one go: what it reads, and its row with its audit row', () => {
      /** What the write limits would ask about `date`, counting from the person's first row. */
      const countsAsked = (since: string, date: string) => ({
        since,
        recentLimit: 2,
        date,
        dateLimit: 10,
        totalLimit: 100,
      });
      const answersOf = (a: AssessmentRecord) => ({
        userId: a.userId,
        id: a.id,
        createdAt: a.createdAt,
        answers: a.answers,
      });
      /** The audit row of a write, as the record service makes it. */
      const writeAudit = (userId: string, resourceId: string): AuditRecord => ({
        ...auditEntry(userId),
        action: 'create',
        resource: '/api/checkins',
        resourceId,
      });

      it("reads a check-in's repeat, the latest answers, the programme's state and its counts at once, as the single reads do", async () => {
        const p = await personWithProgramme('reads-checkin');
        const clientId = `dev_${newId(tick())}`;
        const first = { ...checkin(p.user.id, '2026-11-21'), clientId };
        expect(await store.addCheckin(first)).toBe(true);
        expect(await store.addCheckin(checkin(p.user.id, '2026-11-21'))).toBe(true);
        const later = assessmentPair(p.user.id);
        await store.addAssessment(later.assessment, later.programme);
        const counts = countsAsked(p.assessment.createdAt, '2026-11-21');
        const reads = await store.checkinReads(p.user.id, { clientId, counts });
        expect(reads).toStrictEqual({
          repeat: first,
          latest: answersOf(later.assessment),
          programme: await store.currentProgrammeState(p.user.id),
          counts: await store.writeCounts(p.user.id, 'checkins', counts),
        });
        expect(reads.counts).toStrictEqual({
          nthRecentAt: first.createdAt,
          onDate: 2,
          total: null,
        });
        // Inside the person's transaction too; no counts when none are asked; another client id is no repeat.
        const inside = await store.withPerson(p.user.id, (tx) =>
          tx.checkinReads(p.user.id, { clientId: `dev_${newId(tick())}`, counts: null }),
        );
        expect(inside).toStrictEqual({ ...reads, repeat: undefined, counts: null });
      });

      it('reads nothing of another person, and nothing for a person with no record yet', async () => {
        const p = await personWithProgramme('reads-owner');
        const clientId = `dev_${newId(tick())}`;
        expect(await store.addCheckin({ ...checkin(p.user.id, '2026-11-21'), clientId })).toBe(
          true,
        );
        const other = newUser('reads-nobody');
        await store.createUser(other);
        const counts = countsAsked(p.assessment.createdAt, '2026-11-21');
        expect(await store.checkinReads(other.id, { clientId, counts })).toStrictEqual({
          repeat: undefined,
          latest: undefined,
          programme: undefined,
          counts: { nthRecentAt: null, onDate: 0, total: 0 },
        });
        expect(await store.sessionReads(other.id, { clientId, counts: null })).toStrictEqual({
          repeat: undefined,
          programme: undefined,
          answers: undefined,
          counts: null,
        });
      });

      it("reads a session's repeat, the current programme whole, the answers it was made from and its counts at once", async () => {
        const p = await personWithProgramme('reads-session');
        const clientId = `dev_${newId(tick())}`;
        const log = { ...sessionLog(p.user.id, p.programme.id, '2026-11-21'), clientId };
        expect(await store.addSessionLog(log, updateOf(p.programme))).toBe(true);
        const counts = countsAsked(p.assessment.createdAt, '2026-11-21');
        const reads = await store.sessionReads(p.user.id, { clientId, counts });
        const current = await store.getCurrentProgramme(p.user.id);
        expect(current?.revision).toBe(1);
        expect(reads).toStrictEqual({
          repeat: log,
          programme: current,
          answers: answersOf(p.assessment),
          counts: await store.writeCounts(p.user.id, 'session_logs', counts),
        });
        expect(
          await store.withPerson(p.user.id, (tx) =>
            tx.sessionReads(p.user.id, { clientId: null, counts: null }),
          ),
        ).toStrictEqual({ ...reads, repeat: undefined, counts: null });
      });

      it('stores the audit row with the check-in and its update, and none when nothing is stored', async () => {
        const { user, programme } = await personWithProgramme('audit-checkin');
        const clientId = `dev_${newId(tick())}`;
        const c = { ...checkin(user.id, '2026-11-21'), clientId, triage: TRIAGE };
        const pause: ProgrammeUpdate = { ...updateOf(programme), paused: true, pausedBy: TRIAGE };
        const audit = writeAudit(user.id, c.id);
        expect(await store.addCheckin(c, pause, audit)).toBe(true);
        expect(await store.allCheckins(user.id)).toStrictEqual([c]);
        expect((await store.getCurrentProgramme(user.id))?.revision).toBe(1);
        expect((await store.listAudit(user.id, { limit: 10 })).items).toStrictEqual([audit]);
        // A repeat, a stale revision, or both: nothing is written, not even the audit row.
        const again = { ...checkin(user.id, '2026-11-22'), clientId };
        expect(await store.addCheckin(again, undefined, writeAudit(user.id, again.id))).toBe(
          'duplicate',
        );
        const stale = checkin(user.id, '2026-11-22');
        expect(await store.addCheckin(stale, pause, writeAudit(user.id, stale.id))).toBe(false);
        expect(await store.addCheckin(again, pause, writeAudit(user.id, again.id))).toBe(false);
        expect(await store.allCheckins(user.id)).toStrictEqual([c]);
        expect((await store.listAudit(user.id, { limit: 10 })).items).toStrictEqual([audit]);
        expect((await store.getCurrentProgramme(user.id))?.revision).toBe(1);
        // Inside the person's transaction, without an update.
        const plain = checkin(user.id, '2026-11-23');
        const plainAudit = writeAudit(user.id, plain.id);
        expect(
          await store.withPerson(user.id, (tx) => tx.addCheckin(plain, undefined, plainAudit)),
        ).toBe(true);
        expect((await store.listAudit(user.id, { limit: 10 })).items).toStrictEqual([
          plainAudit,
          audit,
        ]);
      });

      it('stores the audit row with the session log and its update, and none when nothing is stored', async () => {
        const { user, programme } = await personWithProgramme('audit-session');
        const clientId = `dev_${newId(tick())}`;
        const log = { ...sessionLog(user.id, programme.id, '2026-11-21'), clientId };
        const update = updateOf(programme);
        const audit = writeAudit(user.id, log.id);
        expect(await store.addSessionLog(log, update, audit)).toBe(true);
        const after = await store.getCurrentProgramme(user.id);
        expect(after).toStrictEqual({
          ...programme,
          programme: update.programme,
          state: update.state,
          revision: 1,
        });
        const again = { ...sessionLog(user.id, programme.id, '2026-11-22'), clientId };
        if (!after) throw new Error('the programme went');
        expect(
          await store.addSessionLog(again, updateOf(after), writeAudit(user.id, again.id)),
        ).toBe('duplicate');
        const stale = sessionLog(user.id, programme.id, '2026-11-22');
        expect(await store.addSessionLog(stale, update, writeAudit(user.id, stale.id))).toBe(false);
        expect(await store.sessionLogsSince(user.id, '0000-01-01')).toStrictEqual([log]);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(after);
        expect((await store.listAudit(user.id, { limit: 10 })).items).toStrictEqual([audit]);
        const plain = sessionLog(user.id, programme.id, '2026-11-23');
        const plainAudit = writeAudit(user.id, plain.id);
        expect(await store.addSessionLog(plain, undefined, plainAudit)).toBe(true);
        expect((await store.listAudit(user.id, { limit: 10 })).items).toStrictEqual([
          plainAudit,
          audit,
        ]);
      });

      it('refuses an audit row of another person, writing nothing', async () => {
        const { user } = await personWithProgramme('audit-owner');
        const other = newUser('audit-other');
        await store.createUser(other);
        const c = checkin(user.id, '2026-11-21');
        await expect(store.addCheckin(c, undefined, writeAudit(other.id, c.id))).rejects.toThrow();
        expect(await store.allCheckins(user.id)).toStrictEqual([]);
        expect((await store.listAudit(other.id, { limit: 10 })).items).toStrictEqual([]);
      });
    });

    describe('measurements and audit', () => {
      it('stores measurements with or without a side and lists them oldest first', async () => {
        const user = newUser('wes');
        await store.createUser(user);
        const slr = measurement(user.id, '2026-11-05');
        const toe: MeasurementRecord = {
          ...measurement(user.id, '2026-11-01'),
          kind: 'toe-touch',
          side: null,
          value: -4.5,
        };
        await store.addMeasurement(slr);
        await store.addMeasurement(toe);
        await expect(store.addMeasurement({ ...toe })).rejects.toThrow();
        expect(await store.allMeasurements(user.id)).toStrictEqual([toe, slr]);
        expect(await store.listMeasurements(user.id, { limit: 10 })).toStrictEqual({
          items: [toe, slr],
          nextCursor: null,
        });
      });

      it('stores audit entries newest first', async () => {
        const user = newUser('xan');
        await store.createUser(user);
        const read = auditEntry(user.id);
        const exported: AuditRecord = {
          ...auditEntry(user.id),
          action: 'export',
          resource: 'export:fhir',
        };
        const bySystem: AuditRecord = { ...auditEntry(user.id), actor: 'system', action: 'delete' };
        for (const a of [read, exported, bySystem]) await store.addAudit(a);
        expect((await store.listAudit(user.id, { limit: 10 })).items).toStrictEqual([
          bySystem,
          exported,
          read,
        ]);
      });
    });

    describe('login limits', () => {
      const key = (scope: LimitKey['scope'] = 'login-pair'): LimitKey => ({
        scope,
        account: `limit.${newId(tick())}@example.org`,
        address: '192.0.2.9',
      });
      /** One counted attempt: the count before and after, like the server's reservation. */
      const bump = (k: LimitKey, at: string) =>
        store.updateLimits([k], ([row]) => {
          const next = (row?.count ?? 0) + 1;
          return {
            rows: [{ count: next, windowStart: row?.windowStart ?? at, blockedUntil: null }],
            result: next,
          };
        });

      it('reads, writes and deletes the counters of several keys together', async () => {
        const a = key();
        const b = key('login-address');
        const at = tick().toISOString();
        const seen = await store.updateLimits([a, b], (rows) => ({
          rows: [
            { count: 1, windowStart: at, blockedUntil: null },
            { count: 3, windowStart: at, blockedUntil: at },
          ],
          result: rows,
        }));
        expect(seen).toStrictEqual([undefined, undefined]);
        expect(
          await store.updateLimits([b, a], (rows) => ({ rows: [undefined, null], result: rows })),
        ).toStrictEqual([
          { count: 3, windowStart: at, blockedUntil: at },
          { count: 1, windowStart: at, blockedUntil: null },
        ]);
        // `undefined` left b alone, null deleted a.
        expect(
          await store.updateLimits([a, b], (rows) => ({ rows: [], result: rows })),
        ).toStrictEqual([undefined, { count: 3, windowStart: at, blockedUntil: at }]);
      });

      it('purges counters whose last attempt is older than a time and that block nothing', async () => {
        const old = key();
        const blocked = key();
        const recent = key();
        const at = (iso: string) => ({ count: 3, windowStart: iso, blockedUntil: null });
        await store.updateLimits([old, blocked, recent], () => ({
          rows: [
            at('2026-01-01T00:00:00.000Z'),
            { ...at('2026-01-01T00:00:00.000Z'), blockedUntil: '2026-03-01T00:00:00.000Z' },
            at('2026-02-15T00:00:00.000Z'),
          ],
          result: undefined,
        }));
        expect(await store.purgeLimits('2026-02-01T00:00:00.000Z')).toBeGreaterThanOrEqual(1);
        const left = await store.updateLimits([old, blocked, recent], (rows) => ({
          rows: [],
          result: rows.map((r) => r?.windowStart ?? null),
        }));
        expect(left).toStrictEqual([null, '2026-01-01T00:00:00.000Z', '2026-02-15T00:00:00.000Z']);
      });

      it('never lets two concurrent updates of one key read the same count', async () => {
        const k = key();
        const at = tick().toISOString();
        const counts = await Promise.all(Array.from({ length: 20 }, () => bump(k, at)));
        expect([...counts].sort((x, y) => x - y)).toStrictEqual(
          Array.from({ length: 20 }, (_, i) => i + 1),
        );
      });
    });

    describe('one person at a time (withPerson)', () => {
      it('refuses a person who does not exist, writing nothing', async () => {
        const ghost = newId(tick());
        let ran = false;
        await expect(
          store.withPerson(ghost, () => {
            ran = true;
            return Promise.resolve();
          }),
        ).rejects.toBeInstanceOf(PersonGone);
        expect(ran).toBe(false);
        const pair = assessmentPair(ghost);
        await expect(store.addAssessment(pair.assessment, pair.programme)).rejects.toBeInstanceOf(
          PersonGone,
        );
        await expect(store.addMeasurement(measurement(ghost, '2026-11-01'))).rejects.toBeInstanceOf(
          PersonGone,
        );
        await expect(store.addCheckin(checkin(ghost, '2026-11-01'))).rejects.toBeInstanceOf(
          PersonGone,
        );
        await expect(
          store.addSessionLog(sessionLog(ghost, pair.programme.id, '2026-11-01')),
        ).rejects.toBeInstanceOf(PersonGone);
        await expect(store.addAudit(auditEntry(ghost))).rejects.toBeInstanceOf(PersonGone);
        await expect(store.addCredential(credential(ghost, 'session'))).rejects.toBeInstanceOf(
          PersonGone,
        );
        expect(Object.values(await store.rowCounts(ghost)).every((n) => n === 0)).toBe(true);
      });

      it('runs the work of one person one after another, and keeps what it wrote', async () => {
        const { user, programme } = await personWithProgramme('queue');
        const steps: string[] = [];
        const work = (name: string) =>
          store.withPerson(user.id, async (tx) => {
            steps.push(`${name} reads`);
            const current = await tx.getCurrentProgramme(user.id);
            if (!current) throw new Error('no programme');
            await tx.getAssessment(user.id, current.assessmentId);
            const log = sessionLog(user.id, current.id, '2026-11-21');
            const added = await tx.addSessionLog(log, updateOf(current));
            steps.push(`${name} wrote`);
            return added;
          });
        const results = await Promise.all(['a', 'b', 'c'].map(work));
        // Each read the revision the one before it wrote: no compare-and-swap failed.
        expect(results).toStrictEqual([true, true, true]);
        expect((await store.getCurrentProgramme(user.id))?.revision).toBe(programme.revision + 3);
        for (let i = 0; i < steps.length; i += 2) {
          expect(steps[i + 1]?.[0]).toBe(steps[i]?.[0]);
        }
      });

      it('keeps nothing of work that fails', async () => {
        const { user, programme } = await personWithProgramme('undo');
        const log = sessionLog(user.id, programme.id, '2026-11-21');
        await expect(
          store.withPerson(user.id, async (tx) => {
            expect(await tx.addSessionLog(log, updateOf(programme))).toBe(true);
            await tx.addMeasurement(measurement(user.id, '2026-11-21'));
            throw new Error('the work failed half way');
          }),
        ).rejects.toThrow(/half way/);
        const counts = await store.rowCounts(user.id);
        expect(counts.session_logs).toBe(0);
        expect(counts.measurements).toBe(0);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
      });

      it('makes a deletion wait for the work in progress, and refuses writes after it', async () => {
        const { user, programme } = await personWithProgramme('race-delete');
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let started: () => void = () => undefined;
        const inside = new Promise<void>((resolve) => {
          started = resolve;
        });
        const writing = store.withPerson(user.id, async (tx) => {
          await tx.getCurrentProgramme(user.id);
          started();
          await held;
          await tx.addMeasurement(measurement(user.id, '2026-11-21'));
          return tx.addSessionLog(sessionLog(user.id, programme.id, '2026-11-21'));
        });
        await inside;
        const deleting = store.deleteUser(user.id);
        release();
        expect(await writing).toBe(true);
        expect(await deleting).toBe(true);
        expect(Object.values(await store.rowCounts(user.id)).every((n) => n === 0)).toBe(true);
        await expect(store.withPerson(user.id, () => Promise.resolve())).rejects.toBeInstanceOf(
          PersonGone,
        );
        await expect(
          store.addMeasurement(measurement(user.id, '2026-11-22')),
        ).rejects.toBeInstanceOf(PersonGone);
        expect(await store.deleteUser(user.id)).toBe(false);
      });
    });

    describe('the clinician side: accounts, sign-up codes, invitations and links', () => {
      /** A clinician and a person, both stored. */
      async function pair(label: string) {
        const clinician = clinicianUser(`${label}-c`);
        const person = newUser(`${label}-p`);
        expect(await store.createUser(clinician)).toBe(true);
        expect(await store.createUser(person)).toBe(true);
        return { clinician, person };
      }
      /** A stored open invitation of the clinician. */
      async function invite(clinicianId: string, at?: Date) {
        const invited = invitation(clinicianId, at);
        await store.addInvitation(invited);
        return invited;
      }

      it('stores a role and a display name, and reads a person with none', async () => {
        const clinician = clinicianUser('role');
        expect(await store.createUser(clinician)).toBe(true);
        const stored = { ...clinician, email: clinician.email.toLowerCase() };
        expect(await store.getUser(clinician.id)).toStrictEqual(stored);
        expect(await store.getUserByEmail(clinician.email)).toStrictEqual(stored);
        const person: UserRecord = { ...newUser('role-p'), role: 'person', displayName: null };
        expect(await store.createUser(person)).toBe(true);
        expect((await store.getUser(person.id))?.role).toBe('person');
      });

      it('makes a clinician with a sign-up code once, and never with an unknown or expired one', async () => {
        const code = clinicianCode();
        await store.addClinicianCode(code);
        await expect(store.addClinicianCode({ ...code })).rejects.toThrow();
        const now = tick().toISOString();
        // The role is the clinician's whatever the record said.
        const first = { ...newUser('code-a'), displayName: 'Alex Morgan, physiotherapist' };
        expect(await store.createClinician(first, code.codeHash, now)).toBe(true);
        expect(await store.getUser(first.id)).toStrictEqual({
          ...first,
          email: first.email.toLowerCase(),
          role: 'clinician',
        });
        const second = clinicianUser('code-b');
        expect(await store.createClinician(second, code.codeHash, now)).toBe(false);
        expect(await store.createClinician(second, 'sha256:no-such-code', now)).toBe(false);
        expect(await store.getUser(second.id)).toBeUndefined();

        // Expired at its expiry instant, usable the millisecond before.
        const at = tick();
        const ending = clinicianCode(at);
        await store.addClinicianCode(ending);
        const expiry = new Date(ending.expiresAt);
        expect(await store.createClinician(second, ending.codeHash, ending.expiresAt)).toBe(false);
        expect(
          await store.createClinician(
            second,
            ending.codeHash,
            new Date(expiry.getTime() - 1).toISOString(),
          ),
        ).toBe(true);
      });

      it("says 'email-taken' without using up the code, so it still works for another email", async () => {
        const code = clinicianCode();
        await store.addClinicianCode(code);
        const existing = newUser('taken');
        await store.createUser(existing);
        const now = tick().toISOString();
        const clash = { ...clinicianUser('taken-2'), email: existing.email.toUpperCase() };
        expect(await store.createClinician(clash, code.codeHash, now)).toBe('email-taken');
        expect(await store.getUser(clash.id)).toBeUndefined();
        expect((await store.getUser(existing.id))?.role).toBe('person');
        const other = clinicianUser('taken-3');
        expect(await store.createClinician(other, code.codeHash, now)).toBe(true);
      });

      it('lets exactly one of two clinicians racing with one code sign up', async () => {
        const code = clinicianCode();
        await store.addClinicianCode(code);
        const now = tick().toISOString();
        const racers = [clinicianUser('race-a'), clinicianUser('race-b')];
        const results = await Promise.all(
          racers.map((u) => store.createClinician(u, code.codeHash, now)),
        );
        expect(results.map(String).sort()).toStrictEqual(['false', 'true']);
        const made = await Promise.all(racers.map((u) => store.getUser(u.id)));
        expect(made.filter((u) => u !== undefined)).toHaveLength(1);
      });

      it('stores invitations by clinician and code, newest first, each code once', async () => {
        const { clinician } = await pair('inv');
        const other = clinicianUser('inv-other');
        await store.createUser(other);
        const older = await invite(clinician.id);
        const newer = await invite(clinician.id);
        const theirs = await invite(other.id);
        expect(await store.getInvitationByCode(newer.codeHash)).toStrictEqual(newer);
        expect(await store.getInvitationByCode('sha256:unknown')).toBeUndefined();
        expect(await store.listInvitations(clinician.id)).toStrictEqual([newer, older]);
        expect(await store.listInvitations(other.id)).toStrictEqual([theirs]);
        await expect(
          store.addInvitation({ ...invitation(clinician.id), codeHash: older.codeHash }),
        ).rejects.toThrow();
        await expect(store.addInvitation(invitation(newId(tick())))).rejects.toBeInstanceOf(
          PersonGone,
        );
        expect((await store.rowCounts(clinician.id)).invitations).toBe(2);
      });

      it('withdraws an open invitation of that clinician only, once, and it cannot be accepted then', async () => {
        const { clinician, person } = await pair('cancel');
        const other = clinicianUser('cancel-other');
        await store.createUser(other);
        const invited = await invite(clinician.id);
        const at = tick().toISOString();
        expect(await store.cancelInvitation(other.id, invited.id, at)).toBe(false);
        expect(await store.cancelInvitation(clinician.id, newId(tick()), at)).toBe(false);
        expect(await store.cancelInvitation(clinician.id, invited.id, at)).toBe(true);
        expect(await store.cancelInvitation(clinician.id, invited.id, at)).toBe(false);
        expect(await store.getInvitationByCode(invited.codeHash)).toStrictEqual({
          ...invited,
          cancelledAt: at,
        });
        expect(await store.acceptInvitation(invited.codeHash, linkFor(person.id, invited))).toBe(
          'unusable',
        );
        expect(await store.listLinksOfPerson(person.id)).toStrictEqual([]);
        // A used invitation cannot be withdrawn.
        const used = await invite(clinician.id);
        expect(await store.acceptInvitation(used.codeHash, linkFor(person.id, used))).toBe(true);
        expect(await store.cancelInvitation(clinician.id, used.id, tick().toISOString())).toBe(
          false,
        );
        expect((await store.getInvitationByCode(used.codeHash))?.cancelledAt).toBeNull();
      });

      it('accepts an invitation once: it is used up and the active link is stored for both sides', async () => {
        const { clinician, person } = await pair('accept');
        const invited = await invite(clinician.id);
        const link = linkFor(person.id, invited);
        expect(await store.acceptInvitation(invited.codeHash, link)).toBe(true);
        expect(await store.getInvitationByCode(invited.codeHash)).toStrictEqual({
          ...invited,
          usedAt: link.createdAt,
          usedBy: person.id,
        });
        expect(await store.listLinksOfPerson(person.id)).toStrictEqual([link]);
        expect(await store.listLinksOfClinician(clinician.id)).toStrictEqual([link]);
        expect(await store.activeLink(person.id, clinician.id)).toStrictEqual(link);
        expect(await store.activeLink(clinician.id, person.id)).toBeUndefined();

        const someoneElse = newUser('accept-2');
        await store.createUser(someoneElse);
        expect(
          await store.acceptInvitation(invited.codeHash, linkFor(someoneElse.id, invited)),
        ).toBe('unusable');
        expect(
          await store.acceptInvitation('sha256:unknown', linkFor(someoneElse.id, invited)),
        ).toBe('unusable');
        expect(await store.listLinksOfClinician(clinician.id)).toStrictEqual([link]);
        const ghost = await invite(clinician.id);
        await expect(
          store.acceptInvitation(ghost.codeHash, linkFor(newId(tick()), ghost)),
        ).rejects.toBeInstanceOf(PersonGone);
        expect((await store.getInvitationByCode(ghost.codeHash))?.usedAt).toBeNull();
      });

      it('refuses an invitation at its expiry instant and accepts it the millisecond before', async () => {
        const { clinician, person } = await pair('expiry');
        const invited = await invite(clinician.id);
        const expiry = new Date(invited.expiresAt);
        expect(
          await store.acceptInvitation(invited.codeHash, linkFor(person.id, invited, expiry)),
        ).toBe('unusable');
        expect((await store.getInvitationByCode(invited.codeHash))?.usedAt).toBeNull();
        const justBefore = new Date(expiry.getTime() - 1);
        expect(
          await store.acceptInvitation(invited.codeHash, linkFor(person.id, invited, justBefore)),
        ).toBe(true);
      });

      it("says 'already-linked' while the person has an active link to that clinician, leaving the invitation open", async () => {
        const { clinician, person } = await pair('twice');
        const first = await invite(clinician.id);
        const link = linkFor(person.id, first);
        expect(await store.acceptInvitation(first.codeHash, link)).toBe(true);
        const second = await invite(clinician.id);
        expect(await store.acceptInvitation(second.codeHash, linkFor(person.id, second))).toBe(
          'already-linked',
        );
        expect(await store.getInvitationByCode(second.codeHash)).toStrictEqual(second);
        // A person may follow more than one clinician.
        const another = clinicianUser('twice-other');
        await store.createUser(another);
        const theirs = await invite(another.id);
        const otherLink = linkFor(person.id, theirs);
        expect(await store.acceptInvitation(theirs.codeHash, otherLink)).toBe(true);
        expect(await store.listLinksOfPerson(person.id)).toStrictEqual([otherLink, link]);
        // Once the first link has ended, the clinician's open invitation links them again.
        expect(await store.endLink(person.id, link.id, tick().toISOString(), 'person')).toBe(true);
        const again = linkFor(person.id, second);
        expect(await store.acceptInvitation(second.codeHash, again)).toBe(true);
        expect(await store.activeLink(person.id, clinician.id)).toStrictEqual(again);
      });

      it('lets exactly one of two people racing with one invitation link, and writes one link', async () => {
        const { clinician, person } = await pair('race-inv');
        const rival = newUser('race-inv-2');
        await store.createUser(rival);
        const invited = await invite(clinician.id);
        const results = await Promise.all(
          [person, rival].map((p) =>
            store.acceptInvitation(invited.codeHash, linkFor(p.id, invited)),
          ),
        );
        expect(results.map(String).sort()).toStrictEqual(['true', 'unusable']);
        const links = await store.listLinksOfClinician(clinician.id);
        expect(links).toHaveLength(1);
        expect((await store.getInvitationByCode(invited.codeHash))?.usedBy).toBe(links[0]?.userId);
      });

      it('links a person once when they accept two invitations of one clinician at the same moment', async () => {
        const { clinician, person } = await pair('race-twice');
        const a = await invite(clinician.id);
        const b = await invite(clinician.id);
        const results = await Promise.all(
          [a, b].map((i) => store.acceptInvitation(i.codeHash, linkFor(person.id, i))),
        );
        expect(results.map(String).sort()).toStrictEqual(['already-linked', 'true']);
        expect(await store.listLinksOfPerson(person.id)).toHaveLength(1);
        const open = await Promise.all([a, b].map((i) => store.getInvitationByCode(i.codeHash)));
        expect(open.filter((i) => i?.usedAt === null)).toHaveLength(1);
      });

      it('ends a link at once, from either side, once; notes when the clinician looked', async () => {
        const { clinician, person } = await pair('end');
        const invited = await invite(clinician.id);
        const link = linkFor(person.id, invited);
        await store.acceptInvitation(invited.codeHash, link);
        const viewed = tick().toISOString();
        await store.touchLink(person.id, link.id, viewed);
        expect((await store.activeLink(person.id, clinician.id))?.lastViewedAt).toBe(viewed);
        await store.touchLink(person.id, newId(tick()), viewed);

        const at = tick().toISOString();
        expect(await store.endLink(clinician.id, link.id, at, 'clinician')).toBe(false);
        expect(await store.endLink(person.id, link.id, at, 'clinician')).toBe(true);
        expect(await store.endLink(person.id, link.id, tick().toISOString(), 'person')).toBe(false);
        expect(await store.activeLink(person.id, clinician.id)).toBeUndefined();
        const ended = {
          ...link,
          lastViewedAt: viewed,
          status: 'ended',
          endedAt: at,
          endedBy: 'clinician',
        };
        expect(await store.listLinksOfPerson(person.id)).toStrictEqual([ended]);
        expect(await store.listLinksOfClinician(clinician.id)).toStrictEqual([ended]);
      });

      it("removes a deleted clinician's invitations and ends their links, which stay on their people's records", async () => {
        const { clinician, person } = await pair('gone');
        const invited = await invite(clinician.id);
        await invite(clinician.id);
        const link = linkFor(person.id, invited);
        await store.acceptInvitation(invited.codeHash, link);
        const read: AuditRecord = { ...auditEntry(person.id), actor: clinician.id };
        await store.addAudit(read);
        const counts = await store.rowCounts(clinician.id);
        expect(counts.invitations).toBe(2);
        // A link is the person's row: it counts for the person, not the clinician.
        expect(counts.care_links).toBe(0);
        expect((await store.rowCounts(person.id)).care_links).toBe(1);

        const at = '2026-12-01T09:00:00.000Z';
        const erasure = {
          id: 'erasure-gone',
          subjectHash: 'a'.repeat(64),
          at,
          requestedBy: 'person' as const,
        };
        expect(await store.deleteUser(clinician.id, erasure)).toBe(true);
        expect(Object.values(await store.rowCounts(clinician.id)).every((n) => n === 0)).toBe(true);
        expect(await store.listInvitations(clinician.id)).toStrictEqual([]);
        expect(await store.getInvitationByCode(invited.codeHash)).toBeUndefined();
        expect(await store.activeLink(person.id, clinician.id)).toBeUndefined();
        const [kept] = await store.listLinksOfPerson(person.id);
        expect(kept).toMatchObject({
          id: link.id,
          status: 'ended',
          endedAt: at,
          endedBy: 'clinician',
        });
        // The person's own record, and the trail of who read it, stay.
        expect(await store.getUser(person.id)).toBeDefined();
        expect((await store.listAuditByOthers(person.id, { limit: 10 })).items).toStrictEqual([
          read,
        ]);
      });
    });

    describe('the clinician side: programme versions, outcome measures, the access log', () => {
      it('stores the engine version, and a clinician version with its programme update under the revision guard', async () => {
        const { user, programme } = await personWithProgramme('ver');
        const clinician = clinicianUser('ver-c');
        await store.createUser(clinician);
        const first = programmeVersion(programme, 1);
        expect(await store.addProgrammeVersion(first)).toBe(true);
        expect((await store.getCurrentProgramme(user.id))?.revision).toBe(0);

        const second = programmeVersion(programme, 2, clinician);
        const update = updateOf(programme);
        expect(await store.addProgrammeVersion(second, update)).toBe(true);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual({
          ...programme,
          programme: update.programme,
          state: update.state,
          revision: 1,
        });

        // Based on the revision before: refused, nothing written.
        const stale = programmeVersion(programme, 3, clinician);
        expect(
          await store.addProgrammeVersion(stale, { ...updateOf(programme, 0), paused: true }),
        ).toBe(false);
        expect((await store.getCurrentProgramme(user.id))?.revision).toBe(1);
        expect(await store.listProgrammeVersions(user.id, programme.id)).toStrictEqual([
          second,
          first,
        ]);
        // A number taken twice is a bug (two changes both based on one version): it throws.
        await expect(
          store.addProgrammeVersion({ ...programmeVersion(programme, 2, clinician) }),
        ).rejects.toThrow();
        expect(await store.listProgrammeVersions(user.id, newId(tick()))).toStrictEqual([]);
        expect((await store.rowCounts(user.id)).programme_versions).toBe(2);
      });

      it('marks the unseen versions up to a number as seen, once, and says how many', async () => {
        const { user, programme } = await personWithProgramme('seen');
        const clinician = clinicianUser('seen-c');
        await store.createUser(clinician);
        const engineVersion = programmeVersion(programme, 1);
        await store.addProgrammeVersion(engineVersion);
        const changes = [2, 3, 4].map((n) => programmeVersion(programme, n, clinician));
        for (const v of changes) expect(await store.addProgrammeVersion(v)).toBe(true);
        const other = await personWithProgramme('seen-other');
        await store.addProgrammeVersion(programmeVersion(other.programme, 2, clinician));

        const at = tick().toISOString();
        expect(await store.markVersionsSeen(user.id, programme.id, 3, at)).toBe(2);
        expect(await store.markVersionsSeen(user.id, programme.id, 3, tick().toISOString())).toBe(
          0,
        );
        const listed = await store.listProgrammeVersions(user.id, programme.id);
        expect(listed.map((v) => [v.number, v.seenAt])).toStrictEqual([
          [4, null],
          [3, at],
          [2, at],
          [1, engineVersion.seenAt],
        ]);
        expect(await store.markVersionsSeen(user.id, newId(tick()), 10, at)).toBe(0);
        expect(
          (await store.listProgrammeVersions(other.user.id, other.programme.id))[0]?.seenAt,
        ).toBeNull();
      });

      it('stores outcomes oldest first, closes the schedule entry they answer, and refuses a repeated client id', async () => {
        const user = newUser('out');
        const clinician = clinicianUser('out-c');
        await store.createUser(user);
        await store.createUser(clinician);
        const later = outcomeDue(user.id, '2026-12-20', clinician.id);
        const sooner = outcomeDue(user.id, '2026-12-06', clinician.id);
        await store.addOutcomeSchedule(later);
        await store.addOutcomeSchedule(sooner);
        expect(await store.listOutcomeSchedule(user.id)).toStrictEqual([sooner, later]);

        const answered: OutcomeRecord = {
          ...outcome(user.id, '2026-12-06', 9),
          scheduleId: sooner.id,
          clientId: 'device-outcome-1',
        };
        const baseline = outcome(user.id, '2026-11-22', 12);
        const oswestry: OutcomeRecord = {
          ...outcome(user.id, '2026-11-29', 0, clinician.id),
          instrument: 'oswestry-total',
          answers: { instrument: 'oswestry-total', total: 34 },
          score: 34,
        };
        expect(await store.addOutcome(answered)).toBe(true);
        expect(await store.addOutcome(baseline)).toBe(true);
        expect(await store.addOutcome(oswestry)).toBe(true);
        expect(await store.allOutcomes(user.id)).toStrictEqual([baseline, oswestry, answered]);
        expect(await store.listOutcomeSchedule(user.id)).toStrictEqual([
          { ...sooner, doneOutcomeId: answered.id },
          later,
        ]);

        // Sent again from the device: stored once, and the entry still names the first answer.
        const again: OutcomeRecord = {
          ...outcome(user.id, '2026-12-07', 3),
          scheduleId: sooner.id,
          clientId: 'device-outcome-1',
        };
        expect(await store.addOutcome(again)).toBe('duplicate');
        expect(await store.allOutcomes(user.id)).toHaveLength(3);
        expect((await store.listOutcomeSchedule(user.id))[0]?.doneOutcomeId).toBe(answered.id);
        await expect(store.addOutcome({ ...baseline })).rejects.toThrow();
        await expect(store.addOutcome(outcome(newId(tick()), '2026-12-01'))).rejects.toBeInstanceOf(
          PersonGone,
        );
        await expect(
          store.addOutcomeSchedule(outcomeDue(newId(tick()), '2026-12-01', clinician.id)),
        ).rejects.toBeInstanceOf(PersonGone);
        const counts = await store.rowCounts(user.id);
        expect([counts.outcomes, counts.outcome_schedule]).toStrictEqual([3, 2]);
      });

      it('lists only what others did with the record, newest first, in pages', async () => {
        const user = newUser('log');
        await store.createUser(user);
        const clinician = clinicianUser('log-c');
        await store.createUser(clinician);
        const byOthers: AuditRecord[] = [];
        for (const actor of [
          clinician.id,
          user.id,
          'operator',
          'anonymous',
          clinician.id,
          'system',
        ]) {
          const row: AuditRecord = { ...auditEntry(user.id), actor };
          await store.addAudit(row);
          if (actor !== user.id && actor !== 'anonymous') byOthers.push(row);
        }
        const elsewhere = newUser('log-other');
        await store.createUser(elsewhere);
        await store.addAudit({ ...auditEntry(elsewhere.id), actor: clinician.id });

        const pages = await allPages((p) => store.listAuditByOthers(user.id, p), 2);
        expect(pages.map((p) => p.length)).toStrictEqual([2, 2]);
        expect(pages.flat()).toStrictEqual([...byOthers].reverse());
        expect((await store.listAuditByOthers(user.id, { limit: 4 })).nextCursor).toBeNull();
        await expect(store.listAuditByOthers(user.id, { limit: 0 })).rejects.toThrow(RangeError);
      });

      it('offers every clinician-side method inside withPerson, and keeps none of its writes when the work fails', async () => {
        const { user, programme } = await personWithProgramme('tx');
        const clinician = clinicianUser('tx-c');
        await store.createUser(clinician);
        const invited = invitation(clinician.id);
        await store.addInvitation(invited);
        const due = outcomeDue(user.id, '2026-12-01', clinician.id);
        await store.addOutcomeSchedule(due);
        const link = linkFor(user.id, invited);

        await expect(
          store.withPerson(user.id, async (tx) => {
            expect(await tx.acceptInvitation(invited.codeHash, link)).toBe(true);
            expect(await tx.activeLink(user.id, clinician.id)).toStrictEqual(link);
            await tx.touchLink(user.id, link.id, tick().toISOString());
            expect(
              await tx.addProgrammeVersion(
                programmeVersion(programme, 2, clinician),
                updateOf(programme),
              ),
            ).toBe(true);
            expect(
              await tx.addOutcome({ ...outcome(user.id, '2026-12-01'), scheduleId: due.id }),
            ).toBe(true);
            expect(await tx.listOutcomeSchedule(user.id)).toHaveLength(1);
            throw new Error('the work failed half way');
          }),
        ).rejects.toThrow(/half way/);

        expect(await store.getInvitationByCode(invited.codeHash)).toStrictEqual(invited);
        expect(await store.listLinksOfPerson(user.id)).toStrictEqual([]);
        expect(await store.listProgrammeVersions(user.id, programme.id)).toStrictEqual([]);
        expect(await store.getCurrentProgramme(user.id)).toStrictEqual(programme);
        expect(await store.allOutcomes(user.id)).toStrictEqual([]);
        expect(await store.listOutcomeSchedule(user.id)).toStrictEqual([due]);

        // And the same work that succeeds keeps all of it.
        const kept = await store.withPerson(user.id, async (tx) => {
          const accepted = await tx.acceptInvitation(invited.codeHash, link);
          const seen = await tx.markVersionsSeen(user.id, programme.id, 1, tick().toISOString());
          const logged = await tx.listAuditByOthers(user.id, { limit: 5 });
          return { accepted, seen, logged };
        });
        expect(kept).toStrictEqual({
          accepted: true,
          seen: 0,
          logged: { items: [], nextCursor: null },
        });
        expect(await store.listLinksOfClinician(clinician.id)).toStrictEqual([link]);
      });
    });

    describe('reads bounded by what they show: progress rows and summary, rows in order', () => {
      /** The i-th of a list the test made, which is there. */
      const nth = <T>(list: readonly T[], i: number): T => {
        const found = list[i];
        if (found === undefined) throw new Error(`no item ${String(i)}`);
        return found;
      };
      /** A person with check-ins, logs and measurements on 2026-10-01, 10-05, 10-05 and 10-09. */
      async function history(label: string) {
        const p = await personWithProgramme(label);
        const u = p.user.id;
        const dates = ['2026-10-01', '2026-10-05', '2026-10-05', '2026-10-09'];
        const checkins = dates.map((d) => checkin(u, d));
        const warningOnly = {
          ...checkin(u, '2026-10-05'),
          painNow: null,
          painAreas: null,
          legSide: null,
        };
        for (const c of [...checkins, warningOnly]) expect(await store.addCheckin(c)).toBe(true);
        // A sitting that began on 10-01 and went on into 10-05; the other logs have none.
        const logs = dates.map((d, i) => ({
          ...sessionLog(u, p.programme.id, d),
          sittingId: i < 2 ? 'sitting-across-01' : null,
        }));
        for (const l of logs) expect(await store.addSessionLog(l)).toBe(true);
        const measurements = dates.map((d) => measurement(u, d));
        for (const m of measurements) await store.addMeasurement(m);
        return { ...p, checkins, warningOnly, logs, measurements };
      }

      it('reads the rows on or after each date, oldest first, and names the older ones made since a mark', async () => {
        const h = await history('prog-rows');
        await history('prog-other');
        const all = { checkins: '', sessions: '', measurements: '' };
        const rows = await store.progressRows(h.user.id, {
          checkinsFrom: '2026-10-05',
          measurementsFrom: '2026-10-09',
          sessionsStart: '2026-10-01',
          sessionsFrom: '2026-10-05',
          marks: all,
        });
        const [c2, c3, c4] = [nth(h.checkins, 1), nth(h.checkins, 2), nth(h.checkins, 3)];
        const sameDay = [c2, c3, h.warningOnly].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(rows.checkins.map((c) => c.id)).toStrictEqual([...sameDay, c4].map((c) => c.id));
        expect(rows.checkins.find((c) => c.id === h.warningOnly.id)).toStrictEqual({
          id: h.warningOnly.id,
          date: '2026-10-05',
          createdAt: h.warningOnly.createdAt,
          painNow: null,
          painAreas: null,
        });
        expect(rows.checkins.find((c) => c.id === c4.id)).toMatchObject({
          painNow: 3,
          painAreas: ['lower-back', 'buttock'],
        });
        expect(rows.sessions.map((l) => l.id)).toStrictEqual(h.logs.slice(1).map((l) => l.id));
        expect(rows.sessions[0]).toStrictEqual({
          id: nth(h.logs, 1).id,
          date: '2026-10-05',
          createdAt: nth(h.logs, 1).createdAt,
          sittingId: 'sitting-across-01',
          exerciseIds: nth(h.logs, 1).entries.map((e) => e.exerciseId),
        });
        expect(rows.measurements).toStrictEqual([
          {
            id: nth(h.measurements, 3).id,
            date: '2026-10-09',
            kind: 'slr-angle',
            side: 'right',
            value: 62.5,
          },
        ]);
        expect(rows.late).toStrictEqual({
          checkins: [nth(h.checkins, 0).id],
          sessions: [nth(h.logs, 0).id],
          measurements: h.measurements.slice(0, 3).map((m) => m.id),
        });
        // The sitting of 10-01 has a log on 10-05: cut in two by that date.
        expect(rows.sittingAcross).toBe(true);
        // Marked from the second measurement on: the first is older than the mark.
        const marked = await store.progressRows(h.user.id, {
          checkinsFrom: '2026-10-05',
          measurementsFrom: '2026-10-09',
          sessionsStart: '2026-10-01',
          sessionsFrom: '2026-10-05',
          marks: {
            checkins: nth(h.checkins, 3).id,
            sessions: '',
            measurements: nth(h.measurements, 1).id,
          },
        });
        expect(marked.late).toStrictEqual({
          checkins: [],
          sessions: [nth(h.logs, 0).id],
          measurements: h.measurements.slice(1, 3).map((m) => m.id),
        });
      });

      it('names logs from the programme start only, and sees no sitting across a date it does not cross', async () => {
        const h = await history('prog-start');
        const request = {
          checkinsFrom: '0000-01-01',
          measurementsFrom: '0000-01-01',
          sessionsStart: '2026-10-02',
          sessionsFrom: '2026-10-05',
          marks: { checkins: '', sessions: '', measurements: '' },
        };
        const rows = await store.progressRows(h.user.id, request);
        expect(rows.late).toStrictEqual({ checkins: [], sessions: [], measurements: [] });
        expect(rows.checkins).toHaveLength(5);
        expect(rows.measurements).toHaveLength(4);
        // Its earlier log is before the programme began: not counted, so not cut.
        expect(rows.sittingAcross).toBe(false);
        const later = await store.progressRows(h.user.id, {
          ...request,
          sessionsStart: '2026-10-01',
          sessionsFrom: '2026-10-09',
        });
        expect(later.sessions.map((l) => l.id)).toStrictEqual([nth(h.logs, 3).id]);
        expect(later.late.sessions).toStrictEqual(h.logs.slice(0, 3).map((l) => l.id));
        expect(later.sittingAcross).toBe(false);
        // Sessions start later than they are listed from: listed from the start.
        const started = await store.progressRows(h.user.id, {
          ...request,
          sessionsStart: '2026-10-06',
          sessionsFrom: '2026-10-01',
        });
        expect(started.sessions.map((l) => l.id)).toStrictEqual([nth(h.logs, 3).id]);
        expect(started.late.sessions).toStrictEqual([]);
      });

      it('gives the current programme’s plan: its id, start, exercises and times a day', async () => {
        const user = newUser('plan-none');
        await store.createUser(user);
        expect(await store.currentPlan(user.id)).toBeUndefined();
        const h = await personWithProgramme('plan');
        const expected = (p: ProgrammeRecord) => ({
          id: p.id,
          createdAt: p.createdAt,
          items: p.programme.items.map((i) => ({
            exerciseId: i.exerciseId,
            timesPerDay: i.timesPerDay,
          })),
        });
        expect(h.programme.programme.items.length).toBeGreaterThan(0);
        expect(await store.currentPlan(h.user.id)).toStrictEqual(expected(h.programme));
        const next = assessmentPair(h.user.id);
        next.programme.programme.items = [];
        await store.addAssessment(next.assessment, next.programme);
        expect(await store.currentPlan(h.user.id)).toStrictEqual(expected(next.programme));
      });

      it('keeps, replaces and deletes a person’s progress summary', async () => {
        const h = await personWithProgramme('prog-summary');
        expect(await store.getProgressHistory(h.user.id)).toBeUndefined();
        const first = progressHistory(h.user.id);
        await store.putProgressHistory(first);
        expect(await store.getProgressHistory(h.user.id)).toStrictEqual(first);
        const next: ProgressHistoryRecord = {
          ...first,
          updatedAt: tick().toISOString(),
          sittings: {
            programmeId: h.programme.id,
            start: '2026-09-01',
            before: '2026-10-01',
            mark: '0001kdwe9t00000000000000000',
            late: [],
            from: '2026-09-28',
            summary: { sittings: [[1, 3]], exercises: [['cat-camel', 1, 3]] },
            tail: [['2026-09-29', ['cat-camel']]],
          },
        };
        await store.putProgressHistory(next);
        expect(await store.getProgressHistory(h.user.id)).toStrictEqual(next);
        expect((await store.rowCounts(h.user.id)).progress_history).toBe(1);
        await expect(
          store.putProgressHistory(progressHistory('nobody-here')),
        ).rejects.toBeInstanceOf(PersonGone);
        expect(await store.deleteUser(h.user.id)).toBe(true);
        expect(await store.getProgressHistory(h.user.id)).toBeUndefined();
      });

      it('reads every ordered table a page at a time, oldest first by date, creation time and id', async () => {
        const h = await history('ordered');
        await history('ordered-other');
        const u = h.user.id;
        // Rows given out of order: a later date first, and one of an earlier date made afterwards.
        for (const d of ['2026-10-20', '2026-10-03', '2026-10-03']) {
          expect(await store.addCheckin(checkin(u, d))).toBe(true);
          expect(await store.addSessionLog(sessionLog(u, h.programme.id, d))).toBe(true);
          await store.addMeasurement(measurement(u, d));
          expect(await store.addOutcome(outcome(u, d))).toBe(true);
          const more = assessmentPair(u);
          await store.addAssessment(more.assessment, more.programme);
        }
        const key = (r: { date?: string; createdAt: string; id: string }) =>
          `${r.date ?? ''} ${r.createdAt} ${r.id}`;
        const lists: {
          [T in OrderedTable]: () => Promise<{ date?: string; createdAt: string; id: string }[]>;
        } = {
          assessments: async () => (await store.listAssessments(u, { limit: 500 })).items,
          session_logs: () => store.sessionLogsSince(u, '0000-01-01'),
          checkins: () => store.allCheckins(u),
          measurements: () => store.allMeasurements(u),
          outcomes: () => store.allOutcomes(u),
        };
        for (const table of Object.keys(lists) as OrderedTable[]) {
          const expected = (await lists[table]()).sort((a, b) => (key(a) < key(b) ? -1 : 1));
          expect(expected.length, table).toBeGreaterThanOrEqual(3);
          const seen: unknown[] = [];
          let cursor: string | undefined;
          for (let guard = 0; guard < 50; guard++) {
            const page = await store.rowsInOrder(table, u, { limit: 2, cursor });
            expect(page.items.length, table).toBeLessThanOrEqual(2);
            seen.push(...page.items);
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          expect(seen, table).toStrictEqual(expected);
        }
        await expect(store.rowsInOrder('checkins', u, { limit: 0 })).rejects.toThrow(RangeError);
        await expect(
          store.rowsInOrder('checkins', u, { limit: 5, cursor: 'not-a-cursor' }),
        ).rejects.toThrow(RangeError);
      });
    });

    describe('what a write reads: answers, programme state, and the counts of its limits', () => {
      it('reads the latest assessment and one assessment without their results', async () => {
        const p = await personWithProgramme('slim');
        const later = assessmentPair(p.user.id);
        await store.addAssessment(later.assessment, later.programme);
        const answersOf = (a: AssessmentRecord) => ({
          userId: a.userId,
          id: a.id,
          createdAt: a.createdAt,
          answers: a.answers,
        });
        expect(await store.latestAnswers(p.user.id)).toStrictEqual(answersOf(later.assessment));
        expect(await store.getAnswers(p.user.id, p.assessment.id)).toStrictEqual(
          answersOf(p.assessment),
        );
        // Another person's assessment, or none at all, is not there.
        const other = newUser('slim-other');
        await store.createUser(other);
        expect(await store.latestAnswers(other.id)).toBeUndefined();
        expect(await store.getAnswers(other.id, p.assessment.id)).toBeUndefined();
        // The same inside the person's transaction.
        expect(
          await store.withPerson(p.user.id, (tx) => tx.latestAnswers(p.user.id)),
        ).toStrictEqual(answersOf(later.assessment));
      });

      it('reads the current programme without the programme itself, as it stands after an update', async () => {
        const p = await personWithProgramme('state');
        const { programme: _p, ...before } = { ...p.programme, paused: false, pausedBy: null };
        expect(await store.currentProgrammeState(p.user.id)).toStrictEqual({
          ...before,
          state: initialProgrammeState(),
          current: true,
        });
        const update = updateOf(p.programme);
        expect(
          await store.addSessionLog(sessionLog(p.user.id, p.programme.id, '2026-11-20'), update),
        ).toBe(true);
        const whole = await store.getCurrentProgramme(p.user.id);
        if (!whole) throw new Error('the programme went');
        const { programme: _whole, ...rest } = whole;
        const state = await store.withPerson(p.user.id, (tx) =>
          tx.currentProgrammeState(p.user.id),
        );
        expect(state).toStrictEqual(rest);
        expect(state?.revision).toBe(p.programme.revision + 1);
        expect(state?.state).toStrictEqual(update.state);
        expect(await store.currentProgrammeState(newUser('nobody').id)).toBeUndefined();
      });

      it('counts recent rows by creation, rows on a date, and every row, each up to its limit', async () => {
        const p = await personWithProgramme('counts');
        const rows = [
          checkin(p.user.id, '2026-11-01'),
          checkin(p.user.id, '2026-11-02'),
          checkin(p.user.id, '2026-11-02'),
          checkin(p.user.id, '2026-11-02'),
          checkin(p.user.id, '2026-11-03'),
        ];
        for (const c of rows) expect(await store.addCheckin(c)).toBe(true);
        // Someone else's rows never count.
        const other = await personWithProgramme('counts-other');
        expect(await store.addCheckin(checkin(other.user.id, '2026-11-02'))).toBe(true);
        const [, , third, fourth, fifth] = rows;
        if (!third || !fourth || !fifth) throw new Error('contract fixture: five check-ins');
        const ask = (over: Partial<Parameters<Store['writeCounts']>[2]> = {}) =>
          store.writeCounts(p.user.id, 'checkins', {
            since: third.createdAt,
            recentLimit: 3,
            date: '2026-11-02',
            dateLimit: 10,
            totalLimit: 100,
            ...over,
          });
        // Three made since the third: the rate of three is reached at the third's creation.
        expect(await ask()).toStrictEqual({ nthRecentAt: third.createdAt, onDate: 3, total: null });
        expect((await ask({ recentLimit: 2 })).nthRecentAt).toBe(fourth.createdAt);
        expect((await ask({ recentLimit: 4 })).nthRecentAt).toBeNull();
        expect((await ask({ since: tick().toISOString() })).nthRecentAt).toBeNull();
        // Counting stops at the day's limit; a date without rows counts the whole record instead.
        expect((await ask({ dateLimit: 2 })).onDate).toBe(2);
        expect(await ask({ date: '2026-11-09' })).toStrictEqual({
          nthRecentAt: third.createdAt,
          onDate: 0,
          total: 5,
        });
        expect((await ask({ date: '2026-11-09', totalLimit: 4 })).total).toBe(4);
        expect((await ask({ date: '2026-11-03' })).onDate).toBe(1);
        // Inside the person's transaction too.
        expect(
          await store.withPerson(p.user.id, (tx) =>
            tx.writeCounts(p.user.id, 'checkins', {
              since: fifth.createdAt,
              recentLimit: 1,
              date: '2026-11-01',
              dateLimit: 5,
              totalLimit: 100,
            }),
          ),
        ).toStrictEqual({ nthRecentAt: fifth.createdAt, onDate: 1, total: null });
      });

      it('counts session logs, measurements and assessments the same way (assessments have no date)', async () => {
        const p = await personWithProgramme('kinds');
        const log = sessionLog(p.user.id, p.programme.id, '2026-11-05');
        expect(await store.addSessionLog(log)).toBe(true);
        const m = measurement(p.user.id, '2026-11-05');
        expect(await store.addMeasurement(m)).toBe(true);
        const request = {
          since: p.assessment.createdAt,
          recentLimit: 1,
          date: '2026-11-05',
          dateLimit: 10,
          totalLimit: 100,
        };
        expect(await store.writeCounts(p.user.id, 'session_logs', request)).toStrictEqual({
          nthRecentAt: log.createdAt,
          onDate: 1,
          total: null,
        });
        expect(await store.writeCounts(p.user.id, 'measurements', request)).toStrictEqual({
          nthRecentAt: m.createdAt,
          onDate: 1,
          total: null,
        });
        expect(
          await store.writeCounts(p.user.id, 'assessments', { ...request, date: null }),
        ).toStrictEqual({ nthRecentAt: p.assessment.createdAt, onDate: 0, total: 1 });
        expect(
          await store.writeCounts(p.user.id, 'session_logs', { ...request, date: '2026-11-06' }),
        ).toStrictEqual({ nthRecentAt: log.createdAt, onDate: 0, total: 1 });
      });
    });

    describe('erasure records', () => {
      it('leaves the erasure record given with a deletion, and none without one', async () => {
        const gone = newUser('erased');
        await store.createUser(gone);
        const at = tick();
        const erasure: ErasureRecord = {
          id: newId(at),
          subjectHash: 'f'.repeat(64),
          at: at.toISOString(),
          requestedBy: 'person',
        };
        expect(await store.deleteUser(gone.id, erasure)).toBe(true);
        expect(await store.deleteUser(gone.id, { ...erasure, id: newId(tick()) })).toBe(false);
        const listed = await store.listErasures({ limit: 500 });
        expect(listed.items.filter((e) => e.subjectHash === erasure.subjectHash)).toStrictEqual([
          erasure,
        ]);
        expect(JSON.stringify(listed.items)).not.toContain(gone.email.toLowerCase());
      });
    });

    describe('people are kept apart', () => {
      /** A person with a row in every table. */
      async function fullPerson(label: string) {
        const p = await personWithProgramme(label);
        const log = sessionLog(p.user.id, p.programme.id, '2026-11-20');
        const c = checkin(p.user.id, '2026-11-20');
        const m = measurement(p.user.id, '2026-11-20');
        const a = auditEntry(p.user.id);
        const cred = credential(p.user.id, 'token');
        const clinician = clinicianUser(`${label}-physio`);
        expect(await store.createUser(clinician)).toBe(true);
        const invited = invitation(clinician.id);
        await store.addInvitation(invited);
        expect(await store.acceptInvitation(invited.codeHash, linkFor(p.user.id, invited))).toBe(
          true,
        );
        expect(await store.addProgrammeVersion(programmeVersion(p.programme, 1))).toBe(true);
        const due = outcomeDue(p.user.id, '2026-11-27', clinician.id);
        await store.addOutcomeSchedule(due);
        expect(
          await store.addOutcome({ ...outcome(p.user.id, '2026-11-27'), scheduleId: due.id }),
        ).toBe(true);
        expect(await store.addSessionLog(log, updateOf(p.programme))).toBe(true);
        expect(await store.addCheckin(c)).toBe(true);
        await store.addMeasurement(m);
        await store.addAudit(a);
        await store.addCredential(cred);
        await store.putProgressHistory(progressHistory(p.user.id));
        await countAttempt({
          scope: 'login-pair',
          account: p.user.email.toLowerCase(),
          address: '192.0.2.1',
        });
        return { ...p, log, checkin: c, measurement: m, audit: a, credential: cred, clinician };
      }

      it("never shows one person another's rows", async () => {
        const a = await fullPerson('yan');
        const b = await fullPerson('zed');
        const u = a.user.id;
        expect(await store.getAssessment(u, b.assessment.id)).toBeUndefined();
        expect((await store.latestAssessment(u))?.id).toBe(a.assessment.id);
        expect((await store.getCurrentProgramme(u))?.id).toBe(a.programme.id);
        const lists = [
          await store.listAssessments(u, { limit: 50 }),
          await store.listProgrammes(u, { limit: 50 }),
          await store.listSessionLogs(u, { limit: 50 }),
          await store.listCheckins(u, { limit: 50 }),
          await store.listMeasurements(u, { limit: 50 }),
          await store.listAudit(u, { limit: 50 }),
        ];
        for (const page of lists) {
          expect(page.items).toHaveLength(1);
          expect(page.items[0]?.userId).toBe(u);
        }
        expect((await store.sessionLogsSince(u, '2000-01-01')).map((l) => l.id)).toStrictEqual([
          a.log.id,
        ]);
        expect((await store.allCheckins(u)).map((c) => c.id)).toStrictEqual([a.checkin.id]);
        expect((await store.allMeasurements(u)).map((m) => m.id)).toStrictEqual([a.measurement.id]);
      });

      it('deletes every row of a person, and nothing of anyone else', async () => {
        const a = await fullPerson('del');
        const b = await fullPerson('keep');
        const byAddress: LimitKey = { scope: 'login-address', account: '', address: '192.0.2.1' };
        await countAttempt(byAddress);

        const before = await store.rowCounts(a.user.id);
        expect(Object.keys(before).sort()).toStrictEqual(ROW_COUNT_KEYS);
        for (const key of ROW_COUNT_KEYS) {
          if (CLINICIAN_ONLY.has(key)) expect(before[key], key).toBe(0);
          else expect(before[key], key).toBeGreaterThan(0);
        }
        const bBefore = await store.rowCounts(b.user.id);
        expect(bBefore).toStrictEqual(before);

        expect(await store.deleteUser(a.user.id)).toBe(true);

        const after = await store.rowCounts(a.user.id);
        expect(Object.keys(after).sort()).toStrictEqual(ROW_COUNT_KEYS);
        for (const key of ROW_COUNT_KEYS) expect(after[key], key).toBe(0);
        expect(await store.rowCounts(b.user.id)).toStrictEqual(bBefore);
        expect(await store.getUser(a.user.id)).toBeUndefined();
        expect(await store.getUserByEmail(a.user.email)).toBeUndefined();
        expect(await store.getCredential(a.credential.tokenHash)).toBeUndefined();
        const [pair, address] = await store.updateLimits(
          [
            { scope: 'login-pair', account: a.user.email.toLowerCase(), address: '192.0.2.1' },
            byAddress,
          ],
          (rows) => ({ rows: [], result: rows }),
        );
        expect(pair).toBeUndefined();
        expect(address?.count).toBeGreaterThan(0);
        expect(await store.getCurrentProgramme(b.user.id)).toBeDefined();
        // Their clinician keeps their account, and their link to b; none to a.
        expect(await store.getUser(a.clinician.id)).toBeDefined();
        expect(await store.listLinksOfClinician(a.clinician.id)).toStrictEqual([]);
        expect(await store.listLinksOfClinician(b.clinician.id)).toHaveLength(1);
        // The email is free again.
        expect(await store.createUser({ ...newUser('again'), email: a.user.email })).toBe(true);
        // Deleting someone unknown is harmless.
        expect(await store.deleteUser(newId(tick()))).toBe(false);
      });
    });
  });
}
