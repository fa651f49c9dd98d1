// Data written by earlier versions that every store must still read: a programme state from before backing off
// existed, and every stored document fixture (test/fixtures/stored) through each store's own read path.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { DOCUMENT_KINDS, type DocumentName } from '../src/store/documents.js';
import { knowledgeBase } from '../src/kb/index.js';
import {
  createAssessment,
  logSession,
  todayView,
  type RecordContext,
} from '../src/service/records.js';
import { assessmentBody, parseBody, sessionBody } from '../src/service/schemas.js';
import type { CheckinRecord, PersonStore, Store } from '../src/store/types.js';
import { parsed, ANSWERS } from './fixtures.js';

/** A check-in's triage as stored (for rows written by hand). */
export const TRIAGE: NonNullable<CheckinRecord['triage']> = {
  level: 'emergency',
  reasons: [
    {
      code: 'cauda-equina-bladder',
      text: 'A new change in passing urine needs checking in hospital.',
      answers: ['bladderChange'],
    },
  ],
  advice: 'Go to an emergency department now.',
};

/** A programme state as Backchain stored it before backing off: no `backOff`, no `restDate`. */
export const OLD_PROGRAMME_STATE = {
  easyStreak: { 'knee-to-chest': 1 },
  dropped: [],
  spreadEpisodes: [],
  warningCheckRequired: false,
} as const;

/**
 * Assesses a person on `store`, lets `writeOldState` put the old state in place of the programme's (as
 * an older version wrote it, returning the store to read it with), then checks it is read with the new
 * fields at their "nothing happened" values and that sessions apply to it as to a new one.
 */
export async function checkOldProgrammeState(
  store: Store,
  writeOldState: (userId: string, oldState: object) => Promise<Store>,
): Promise<void> {
  const userId = 'old-state-0001';
  const clock = { now: new Date('2026-11-02T09:00:00.000Z') };
  const first: RecordContext = { store, kb: knowledgeBase, now: () => clock.now };
  await store.createUser({
    id: userId,
    email: `${userId}@example.org`,
    passwordHash: 'not a real hash',
    createdAt: clock.now.toISOString(),
  });
  await createAssessment(first, userId, parsed(parseBody(assessmentBody, { answers: ANSWERS })));
  const upgraded = await writeOldState(userId, structuredClone(OLD_PROGRAMME_STATE));
  const ctx: RecordContext = { ...first, store: upgraded };

  const read = await upgraded.getCurrentProgramme(userId);
  expect(read?.state).toStrictEqual({
    ...OLD_PROGRAMME_STATE,
    backOff: null,
    restDate: null,
    clinicianPause: null,
  });
  expect(await todayView(ctx, userId, '2026-11-02')).toMatchObject({
    sessionAllowed: true,
    blockedBy: null,
    backOff: null,
  });

  // The streak carried over: one more "too easy" session progresses the exercise.
  const session = (entry: object, date: string) =>
    parsed(
      parseBody(sessionBody, {
        date,
        entries: [{ done: {}, tooEasy: false, painSharper: false, painSpread: false, ...entry }],
      }),
    );
  const easy = await logSession(
    ctx,
    userId,
    session({ exerciseId: 'knee-to-chest', tooEasy: true }, '2026-11-02'),
  );
  expect(easy.programmeChanges).toContainEqual(
    expect.objectContaining({ exerciseId: 'knee-to-chest', change: 'progressed' }),
  );
  // Pain spreading backs it off as any new programme.
  const spread = await logSession(
    ctx,
    userId,
    session({ exerciseId: 'glute-bridge', painSpread: true }, '2026-11-03'),
  );
  expect(spread.stoppedForToday).toBe(true);
  const after = await upgraded.getCurrentProgramme(userId);
  expect(after?.state.backOff).toStrictEqual({
    reason: 'spread',
    since: '2026-11-03',
    until: 'settled',
  });
  expect(after?.state.restDate).toBe('2026-11-03');
  expect(await todayView(ctx, userId, '2026-11-03')).toMatchObject({
    sessionAllowed: false,
    blockedBy: 'rest-today',
  });
}

/** One stored document as some version of Backchain wrote it, and what reading it must give today. */
export interface StoredFixture {
  file: string;
  document: DocumentName;
  writtenBy: string;
  stored: unknown;
  read: unknown;
}

const FIXTURE_DIR = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  'fixtures',
  'stored',
);

/** Every fixture under test/fixtures/stored, by file name. */
export const STORED_FIXTURES: StoredFixture[] = fs
  .readdirSync(FIXTURE_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const body = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as Omit<
      StoredFixture,
      'file'
    >;
    if (!(body.document in DOCUMENT_KINDS))
      throw new Error(`${file}: unknown document ${body.document}`);
    return { file, ...body };
  });

/** A whole device snapshot as some version of Backchain saved it, and the snapshot today's store saves from it. */
export interface SnapshotFixture {
  file: string;
  writtenBy: string;
  stored: unknown;
  read: unknown;
}

/** Every device snapshot under test/fixtures/stored/snapshot. */
export const SNAPSHOT_FIXTURES: SnapshotFixture[] = fs
  .readdirSync(path.join(FIXTURE_DIR, 'snapshot'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({
    file,
    ...(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'snapshot', file), 'utf8')) as Omit<
      SnapshotFixture,
      'file'
    >),
  }));

/** The person tables that hold documents (SQL name), and the snapshot collection each is saved as. */
export const DOCUMENT_TABLES = {
  assessments: 'assessments',
  programmes: 'programmes',
  session_logs: 'sessionLogs',
  checkins: 'checkins',
  programme_versions: 'programmeVersions',
  outcomes: 'outcomes',
  credentials: 'credentials',
} as const;
export type DocumentTable = keyof typeof DOCUMENT_TABLES;

/** Where a document is kept: a table's JSON column, and the record field it is read into. */
export interface DocumentPlace {
  table: DocumentTable;
  column: string;
  field: string;
}

/** Every place each document kind is kept in. */
export const DOCUMENT_PLACES: Record<DocumentName, DocumentPlace[]> = {
  'assessment-answers': [{ table: 'assessments', column: 'answers', field: 'answers' }],
  'assessment-result': [{ table: 'assessments', column: 'result', field: 'result' }],
  programme: [
    { table: 'programmes', column: 'programme', field: 'programme' },
    { table: 'programme_versions', column: 'programme', field: 'programme' },
  ],
  'programme-state': [{ table: 'programmes', column: 'state', field: 'state' }],
  'warning-triage': [
    { table: 'programmes', column: 'paused_by', field: 'pausedBy' },
    { table: 'checkins', column: 'triage', field: 'triage' },
  ],
  'warning-signs': [{ table: 'checkins', column: 'warning_signs', field: 'warningSigns' }],
  'pain-areas': [{ table: 'checkins', column: 'pain_areas', field: 'painAreas' }],
  'session-entries': [{ table: 'session_logs', column: 'entries', field: 'entries' }],
  'programme-changes': [
    { table: 'session_logs', column: 'programme_changes', field: 'programmeChanges' },
  ],
  'version-changes': [{ table: 'programme_versions', column: 'changes', field: 'changes' }],
  'outcome-answers': [{ table: 'outcomes', column: 'answers', field: 'answers' }],
  'token-scopes': [{ table: 'credentials', column: 'scopes', field: 'scopes' }],
};

/** Each fixture in each of its places: one row of the store tests' table. */
export const STORED_CASES: { name: string; fixture: StoredFixture; place: DocumentPlace }[] =
  STORED_FIXTURES.flatMap((fixture) =>
    DOCUMENT_PLACES[fixture.document].map((place) => ({
      name: `${fixture.file} in ${place.table}.${place.column}`,
      fixture,
      place,
    })),
  );

/** The rows of one person with a document in every place, as the store wrote them. */
export interface SeededPerson {
  userId: string;
  ids: Record<DocumentTable, string>;
  programmeId: string;
  tokenHash: string;
}

/** Puts a person with one row in each table that holds documents in `store`. */
export async function seedDocuments(store: Store, userId: string): Promise<SeededPerson> {
  const at = '2026-11-30T09:00:00.000Z';
  const ctx: RecordContext = { store, kb: knowledgeBase, now: () => new Date(at) };
  await store.createUser({
    id: userId,
    email: `${userId}@example.org`,
    passwordHash: 'x',
    createdAt: at,
  });
  await createAssessment(ctx, userId, parsed(parseBody(assessmentBody, { answers: ANSWERS })));
  const assessment = (await store.listAssessments(userId, { limit: 1 })).items[0];
  const programme = await store.getCurrentProgramme(userId);
  if (!assessment || !programme) throw new Error('seedDocuments: no assessment or programme');
  const person: PersonStore = store;
  const ids: Record<DocumentTable, string> = {
    assessments: assessment.id,
    programmes: programme.id,
    session_logs: `${userId}-log`,
    checkins: `${userId}-checkin`,
    programme_versions: `${userId}-version`,
    outcomes: `${userId}-outcome`,
    credentials: `${userId}-token`,
  };
  await person.addSessionLog({
    userId,
    id: ids.session_logs,
    programmeId: programme.id,
    date: '2026-11-30',
    createdAt: at,
    entries: [],
    programmeChanges: [],
    warningCheckRequired: false,
    clientId: null,
  });
  await person.addCheckin({
    userId,
    id: ids.checkins,
    date: '2026-11-30',
    createdAt: at,
    painNow: 3,
    painAreas: ['lower-back'],
    legSide: 'none',
    warningSigns: {},
    sittingHours: null,
    walkingBreaks: null,
    triage: null,
    programmePaused: false,
    clientId: null,
  });
  await person.addProgrammeVersion({
    userId,
    id: ids.programme_versions,
    programmeId: programme.id,
    number: 99,
    createdAt: at,
    authorRole: 'engine',
    authorId: null,
    authorName: null,
    changes: [],
    note: null,
    programme: programme.programme,
    seenAt: at,
  });
  await person.addOutcome({
    userId,
    id: ids.outcomes,
    instrument: 'pain-nrs',
    date: '2026-11-30',
    createdAt: at,
    answers: { instrument: 'pain-nrs', value: 3 },
    score: 3,
    enteredBy: userId,
    scheduleId: null,
    clientId: null,
  });
  const tokenHash = `${userId}-hash`;
  await person.addCredential({
    tokenHash,
    id: ids.credentials,
    userId,
    kind: 'token',
    createdAt: at,
    expiresAt: '2027-11-30T09:00:00.000Z',
    name: 'fixture',
    scopes: ['read'],
    lastUsedAt: null,
  });
  return { userId, ids, programmeId: programme.id, tokenHash };
}

/** The record holding `place` of the seeded person, as the store reads it. */
async function readRecord(
  store: Store,
  seeded: SeededPerson,
  table: DocumentTable,
): Promise<Record<string, unknown> | undefined> {
  const { userId, ids } = seeded;
  const byId = <T extends { id: string }>(rows: T[]) => rows.find((r) => r.id === ids[table]);
  switch (table) {
    case 'assessments':
      return { ...(await store.getAssessment(userId, ids.assessments)) };
    case 'programmes':
      return { ...(await store.getCurrentProgramme(userId)) };
    case 'session_logs':
      return { ...byId(await store.sessionLogsSince(userId, '0000-01-01')) };
    case 'checkins':
      return { ...byId(await store.allCheckins(userId)) };
    case 'programme_versions':
      return { ...byId(await store.listProgrammeVersions(userId, seeded.programmeId)) };
    case 'outcomes':
      return { ...byId(await store.allOutcomes(userId)) };
    case 'credentials':
      return { ...(await store.getCredential(seeded.tokenHash)) };
  }
}

/**
 * Writes `stored` where `place` says, in the row of `id`, as an older (or newer) Backchain would have,
 * and returns the store to read it with.
 */
export type WriteStored = (
  place: DocumentPlace,
  userId: string,
  id: string,
  stored: unknown,
) => Promise<Store>;

/**
 * Seeds a person on `store`, lets `write` put the fixture's document in its place as it was stored,
 * and checks that the store reads it back as the fixture says (upgraded, every other field untouched).
 */
export async function checkStoredFixture(
  store: Store,
  userId: string,
  fixture: StoredFixture,
  place: DocumentPlace,
  write: WriteStored,
): Promise<void> {
  const seeded = await seedDocuments(store, userId);
  const before = await readRecord(store, seeded, place.table);
  const reading = await write(place, userId, seeded.ids[place.table], fixture.stored);
  const after = await readRecord(reading, seeded, place.table);
  expect(after, fixture.file).toStrictEqual({ ...before, [place.field]: fixture.read });
}

/** Checks that a document of a version newer than this code knows is refused, naming where it was. */
export async function checkNewerRefused(store: Store, userId: string, write: WriteStored) {
  const seeded = await seedDocuments(store, userId);
  const place = DOCUMENT_PLACES['programme-state'][0];
  if (!place) throw new Error('no place for the programme state');
  const current = await store.getCurrentProgramme(userId);
  const newer = { ...current?.state, v: DOCUMENT_KINDS['programme-state'].version + 1 };
  // The memory store reads its documents when it loads a snapshot; the SQL stores when a row is read.
  const read = async () =>
    (await write(place, userId, seeded.ids.programmes, newer)).getCurrentProgramme(userId);
  await expect(read()).rejects.toThrow(
    /stored programme state \((?:snapshot )?programmes\.state, row [^)]+\) cannot be read: .*newer Backchain/,
  );
}
