// GET /api/progress of a long record, read from its latest rows and a kept summary of the older ones: the same
// figures as reading every row, on memory and SQLite, while the summary is made, moved up, and rebuilt when rows
// arrive among its days (a check-in given late, a sitting's late log, a new programme). PostgreSQL too when
// DATABASE_URL is set.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assessAndPlan } from '../engine/assess.js';
import { parseIntake } from '../engine/intake.js';
import { summariseProgress, type ProgressSummary } from '../engine/progress.js';
import { initialProgrammeState } from '../engine/session.js';
import { ANSWERS } from '../../test/fixtures.js';
import { knowledgeBase } from '../kb/index.js';
import { newId } from '../store/ids.js';
import { createMemoryStore } from '../store/memory.js';
import { openPostgresStore, openSqliteStore } from '../store/sql.js';
import type { Store } from '../store/types.js';
import { progress } from './records.js';
import { shiftDate } from './progress-read.js';

const USER = 'person-long-record';
const DAY0 = '2025-01-01';
const AREAS = [['lower-back'], ['lower-back', 'buttock'], ['back-of-thigh'], ['foot', 'buttock']];

let clock = Date.parse('2026-01-01T09:00:00.000Z');
const tick = () => new Date((clock += 1000));

/** The figures as they were before summaries: every row read, nothing summarised. */
async function wholeRecord(store: Store, day: string): Promise<ProgressSummary> {
  const programme = await store.getCurrentProgramme(USER);
  const start = programme ? programme.createdAt.slice(0, 10) : null;
  return summariseProgress({
    today: day,
    programmeStart: start,
    plan: programme?.programme.items ?? [],
    checkins: (await store.allCheckins(USER)).flatMap((c) =>
      c.painNow === null || c.painAreas === null
        ? []
        : [{ date: c.date, painNow: c.painNow, painAreas: c.painAreas }],
    ),
    sessions: await store.sessionLogsSince(USER, start ?? '9999-12-31'),
    measurements: await store.allMeasurements(USER),
  });
}

/** The summarised read agrees with the whole record: every figure, and the whole record's latest days. */
async function agrees(store: Store, day: string): Promise<ProgressSummary> {
  const ctx = { store, kb: knowledgeBase, now: () => new Date(`${day}T12:00:00.000Z`) };
  const got = await progress(ctx, USER, day);
  const whole = await wholeRecord(store, day);
  const chartFrom = shiftDate(day, -89);
  const { pain, extent, slr, earlier, ...figures } = got;
  const { pain: allPain, extent: allExtent, slr: allSlr, earlier: _none, ...same } = whole;
  expect(figures).toStrictEqual(same);
  expect(pain).toStrictEqual(allPain.filter((p) => p.date >= chartFrom));
  expect(extent).toStrictEqual(allExtent.filter((e) => e.date >= chartFrom));
  expect(slr).toStrictEqual(allSlr.filter((m) => m.date >= chartFrom));
  const olderDays = allPain.filter((p) => p.date < chartFrom).length;
  const listed = earlier?.months.reduce((n, m) => n + m.checkinDays, 0) ?? 0;
  expect(listed + (earlier?.older?.checkinDays ?? 0)).toBe(olderDays);
  expect(earlier?.before ?? chartFrom).toBe(chartFrom);
  return got;
}

/** A programme that began on `start`, made by the engine from the fixture answers. */
async function programmeFrom(store: Store, start: string) {
  const answers = parseIntake(ANSWERS);
  const made = assessAndPlan(ANSWERS, knowledgeBase);
  if (!answers.ok || !made.ok) throw new Error('fixture answers do not parse');
  const planned = made.value;
  const now = tick();
  const at = `${start}T08:00:00.000Z`;
  const assessment = {
    userId: USER,
    id: newId(now),
    createdAt: at,
    answers: answers.value,
    result: planned.assessment,
    knowledgeBase: knowledgeBase.version,
    clientId: null,
  };
  const programme = {
    userId: USER,
    id: newId(now),
    assessmentId: assessment.id,
    createdAt: at,
    programme: planned.programme,
    state: initialProgrammeState(),
    paused: false,
    pausedBy: null,
    current: true,
    revision: 0,
  };
  expect(await store.addAssessment(assessment, programme)).toBe(true);
  return programme;
}

/** Check-ins, sittings and leg raises on most days from DAY0 for `days` days. */
async function fill(store: Store, programmeId: string, exerciseIds: string[], days: number) {
  for (let d = 0; d < days; d++) {
    const date = shiftDate(DAY0, d);
    if (d % 5 !== 3) {
      expect(
        await store.addCheckin({
          userId: USER,
          id: newId(tick()),
          date,
          createdAt: `${date}T07:30:00.000Z`,
          painNow: (d * 7) % 11,
          painAreas: AREAS[d % AREAS.length] ?? null,
          legSide: 'left',
          warningSigns: {},
          sittingHours: null,
          walkingBreaks: null,
          triage: null,
          programmePaused: false,
          clientId: null,
        }),
      ).toBe(true);
    }
    if (d % 3 === 0) {
      await store.addMeasurement({
        userId: USER,
        id: newId(tick()),
        date,
        createdAt: `${date}T07:40:00.000Z`,
        kind: d % 6 === 0 ? 'slr-angle' : 'toe-touch',
        side: d % 2 === 0 ? 'left' : 'right',
        value: 40 + (d % 30),
        clientId: null,
      });
    }
    // One sitting most days, two on some, logged exercise by exercise; older-style logs on others.
    const sittings = d % 4 === 0 ? 2 : d % 7 === 6 ? 0 : 1;
    for (let s = 0; s < sittings; s++) {
      const legacy = d % 9 === 0;
      for (const [i, exerciseId] of exerciseIds
        .slice(0, 1 + ((d + s) % exerciseIds.length))
        .entries()) {
        await store.addSessionLog({
          userId: USER,
          id: newId(tick()),
          programmeId,
          date,
          createdAt: `${date}T${s === 0 ? '08' : '18'}:0${String(i)}:00.000Z`,
          entries: [{ exerciseId, done: {}, painSharper: false, painSpread: false, planned: null }],
          programmeChanges: [],
          warningCheckRequired: false,
          clientId: null,
          sittingId: legacy ? null : `sit-${date}-${String(s)}`,
        } as never);
      }
    }
  }
}

const databaseUrl = process.env.DATABASE_URL;
/** PostgreSQL schemas made by this file, dropped at the end. */
const schemas: string[] = [];

const STORES: { name: string; open: () => Promise<Store> }[] = [
  { name: 'memory', open: () => Promise.resolve(createMemoryStore()) },
  {
    name: 'sqlite',
    open: () =>
      openSqliteStore(
        path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-progress-')), 'p.sqlite'),
      ),
  },
  ...(databaseUrl
    ? [
        {
          name: 'postgres',
          open: () => {
            const schema = `test_progress_${randomBytes(6).toString('hex')}`;
            schemas.push(schema);
            return openPostgresStore(databaseUrl, { schema });
          },
        },
      ]
    : []),
];

afterAll(async () => {
  if (!databaseUrl || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
  } finally {
    await client.end();
  }
});

describe.each(STORES)('progress of a long record ($name)', ({ open }) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
    expect(
      await store.createUser({
        id: USER,
        email: `${USER}@example.org`,
        passwordHash: '',
        createdAt: `${DAY0}T00:00:00.000Z`,
      }),
    ).toBe(true);
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads the latest days and a kept summary, and gives what reading every row gives', async () => {
    const programme = await programmeFrom(store, DAY0);
    const exercises = programme.programme.items.map((i) => i.exerciseId);
    expect(exercises.length).toBeGreaterThan(1);
    await fill(store, programme.id, exercises, 400);

    // The first read makes the summary; the next uses it and answers the same.
    const day = shiftDate(DAY0, 399);
    expect(await store.getProgressHistory(USER)).toBeUndefined();
    const first = await agrees(store, day);
    const kept = await store.getProgressHistory(USER);
    expect(kept?.checkins?.before).toBe(shiftDate(day, -3));
    expect(kept?.checkins?.from).toBe(shiftDate(day, -92));
    expect(kept?.sittings?.before).toBe(shiftDate(day, -3));
    expect(kept?.sittings?.from).toBe(shiftDate(day, -30));
    expect(kept?.checkins?.summary.painDays).toBeGreaterThan(200);
    expect(first.earlier?.months.length).toBeGreaterThan(9);
    expect(first.adherence.planned).toBe(
      400 * Math.max(...programme.programme.items.map((i) => i.timesPerDay)),
    );
    expect(await agrees(store, day)).toStrictEqual(first);
    expect(await store.getProgressHistory(USER)).toStrictEqual(kept);

    // A day later it still serves; a month of new days later it is moved up.
    await agrees(store, shiftDate(day, 1));
    expect(await store.getProgressHistory(USER)).toStrictEqual(kept);
    const later = shiftDate(day, 30);
    await agrees(store, later);
    expect((await store.getProgressHistory(USER))?.checkins?.before).toBe(shiftDate(later, -3));
  });

  it('rebuilds the summary when a row arrives among its days, or a programme starts', async () => {
    const programme = await programmeFrom(store, DAY0);
    const exercises = programme.programme.items.map((i) => i.exerciseId);
    await fill(store, programme.id, exercises, 300);
    const day = shiftDate(DAY0, 299);
    const before = await agrees(store, day);

    // A check-in given late for a day long summarised: the first day's pain is now its.
    expect(
      await store.addCheckin({
        userId: USER,
        id: newId(tick()),
        date: '2024-12-31',
        createdAt: '2025-06-01T09:00:00.000Z',
        painNow: 10,
        painAreas: ['foot'],
        legSide: 'left',
        warningSigns: {},
        sittingHours: null,
        walkingBreaks: null,
        triage: null,
        programmePaused: false,
        clientId: null,
      }),
    ).toBe(true);
    const late = await agrees(store, day);
    expect(late.painSummary.start).toBe(10);
    expect(before.painSummary.start).not.toBe(10);

    // A late log of a sitting long summarised, dated after the summary's end: the sitting counts once.
    const kept = await store.getProgressHistory(USER);
    const end = kept?.sittings?.before ?? '';
    const old = (await store.sessionLogsSince(USER, kept?.sittings?.from ?? ''))
      .filter((l) => l.sittingId && l.date < end)
      .at(-1)?.sittingId;
    expect(old).toBeDefined();
    await store.addSessionLog({
      userId: USER,
      id: newId(tick()),
      programmeId: programme.id,
      date: shiftDate(end, 1),
      createdAt: `${shiftDate(end, 1)}T08:00:00.000Z`,
      entries: [
        {
          exerciseId: exercises[1] ?? '',
          done: {},
          painSharper: false,
          painSpread: false,
          planned: null,
        },
      ],
      programmeChanges: [],
      warningCheckRequired: false,
      clientId: null,
      sittingId: old ?? null,
    } as never);
    expect(
      (
        await store.progressRows(USER, {
          checkinsFrom: day,
          measurementsFrom: day,
          sessionsStart: DAY0,
          sessionsFrom: end,
          marks: { checkins: '', sessions: '', measurements: '' },
        })
      ).sittingAcross,
    ).toBe(true);
    await agrees(store, day);
    await agrees(store, day);

    // A new assessment makes a new programme: adherence counts from its start.
    const next = await programmeFrom(store, shiftDate(day, -10));
    const fresh = await agrees(store, day);
    expect(fresh.adherence.planned).toBe(
      11 * Math.max(...next.programme.items.map((i) => i.timesPerDay)),
    );
    // The old programme's sittings are summarised no more: that part is not used for this one.
    await agrees(store, shiftDate(day, 40));
  });

  it('lists every day of a record shorter than the charts, summarising none, and answers as before', async () => {
    const programme = await programmeFrom(store, DAY0);
    await fill(
      store,
      programme.id,
      programme.programme.items.map((i) => i.exerciseId),
      40,
    );
    const day = shiftDate(DAY0, 45);
    const got = await agrees(store, day);
    expect(got.earlier).toBeNull();
    expect(await agrees(store, day)).toStrictEqual(got);
    const kept = await store.getProgressHistory(USER);
    expect(kept?.checkins?.summary.painDays).toBe(0);
    expect(kept?.checkins?.tail).toHaveLength(got.pain.length);
    // Adherence lists four weeks: the sittings before them are summarised already.
    expect(kept?.sittings?.from).toBe(shiftDate(day, -30));
    expect(kept?.sittings?.summary.sittings.length).toBeGreaterThan(0);
  });
});
