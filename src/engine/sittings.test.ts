// Sittings: grouping logs into sittings, what is still due today with times a day, where "Continue" picks up,
// and adherence in sittings and exercises that agree however the logs arrive.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adherenceOf,
  sittingsFrom,
  todayPlan,
  type PlannedItem,
  type SittingLog,
} from './sittings.js';

const PLAN: PlannedItem[] = [
  { exerciseId: 'knee-to-chest', timesPerDay: 1 },
  { exerciseId: 'supine-hamstring-gentle', timesPerDay: 2 },
  { exerciseId: 'abdominal-brace', timesPerDay: 1 },
];

const log = (
  id: string,
  sittingId: string | null,
  date: string,
  createdAt: string,
  ...exerciseIds: string[]
): SittingLog => ({
  id,
  sittingId,
  date,
  createdAt,
  entries: exerciseIds.map((exerciseId) => ({ exerciseId })),
});

describe('sittingsFrom', () => {
  it('puts every log of one sitting into one sitting, each exercise once, in the order first done', () => {
    const sittings = sittingsFrom([
      log('l2', 's1', '2026-11-20', '2026-11-20T08:05:00Z', 'supine-hamstring-gentle'),
      log('l1', 's1', '2026-11-20', '2026-11-20T08:00:00Z', 'knee-to-chest'),
      log('l3', 's1', '2026-11-20', '2026-11-20T08:10:00Z', 'knee-to-chest'),
    ]);
    expect(sittings).toEqual([
      {
        id: 's1',
        date: '2026-11-20',
        startedAt: '2026-11-20T08:00:00Z',
        exerciseIds: ['knee-to-chest', 'supine-hamstring-gentle'],
      },
    ]);
  });

  it('keeps a sitting on the day it began, even when it runs past midnight', () => {
    const sittings = sittingsFrom([
      log('l1', 's1', '2026-11-20', '2026-11-20T23:55:00Z', 'knee-to-chest'),
      log('l2', 's1', '2026-11-20', '2026-11-21T00:10:00Z', 'abdominal-brace'),
    ]);
    expect(sittings).toHaveLength(1);
    expect(sittings[0]?.date).toBe('2026-11-20');
  });

  it('groups older logs without a sitting by date and a 45-minute gap', () => {
    const sittings = sittingsFrom([
      log('a', null, '2026-11-20', '2026-11-20T08:00:00Z', 'knee-to-chest'),
      log('b', null, '2026-11-20', '2026-11-20T08:30:00Z', 'abdominal-brace'),
      log('c', null, '2026-11-20', '2026-11-20T19:00:00Z', 'supine-hamstring-gentle'),
    ]);
    expect(sittings.map((s) => s.exerciseIds)).toEqual([
      ['knee-to-chest', 'abdominal-brace'],
      ['supine-hamstring-gentle'],
    ]);
  });

  it('does not depend on the order the logs arrive in (an offline sitting sent late, or twice)', () => {
    const logs = [
      log('l1', 's1', '2026-11-20', '2026-11-20T08:00:00Z', 'knee-to-chest'),
      log('l2', 's1', '2026-11-20', '2026-11-20T08:05:00Z', 'abdominal-brace'),
      log('l3', 's2', '2026-11-20', '2026-11-20T19:00:00Z', 'supine-hamstring-gentle'),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(logs, { minLength: 3, maxLength: 3 }), (order) => {
        expect(sittingsFrom(order)).toEqual(sittingsFrom(logs));
      }),
    );
    // The same log twice changes nothing.
    expect(sittingsFrom([...logs, logs[1] as SittingLog])).toEqual(sittingsFrom(logs));
  });
});

describe('todayPlan with an exercise due twice a day', () => {
  const day = '2026-11-20';

  it('before anything: two sittings planned, the first holds everything, in plan order', () => {
    const t = todayPlan(PLAN, [], day);
    expect(t.sittingsPlanned).toBe(2);
    expect(t.exercisesPlanned).toBe(4);
    expect(t.open).toBeNull();
    expect(t.next).toEqual({
      number: 1,
      exerciseIds: ['knee-to-chest', 'supine-hamstring-gentle', 'abdominal-brace'],
    });
  });

  it('after part of the morning sitting: Continue starts at the first exercise not done yet', () => {
    const sittings = sittingsFrom([log('l1', 's1', day, `${day}T08:00:00Z`, 'knee-to-chest')]);
    const t = todayPlan(PLAN, sittings, day);
    expect(t.open).toEqual({
      sittingId: 's1',
      number: 1,
      done: ['knee-to-chest'],
      remaining: ['supine-hamstring-gentle', 'abdominal-brace'],
    });
    expect(t.next).toBeNull();
    expect(t.exercisesDone).toBe(1);
  });

  it('after a complete morning sitting: the second sitting holds only what is still due', () => {
    const sittings = sittingsFrom([
      log('l1', 's1', day, `${day}T08:00:00Z`, 'knee-to-chest'),
      log('l2', 's1', day, `${day}T08:05:00Z`, 'supine-hamstring-gentle'),
      log('l3', 's1', day, `${day}T08:10:00Z`, 'abdominal-brace'),
    ]);
    const t = todayPlan(PLAN, sittings, day);
    expect(t.open).toBeNull();
    expect(t.next).toEqual({ number: 2, exerciseIds: ['supine-hamstring-gentle'] });
    expect(t.items.map((i) => [i.exerciseId, i.due])).toEqual([
      ['knee-to-chest', 0],
      ['supine-hamstring-gentle', 1],
      ['abdominal-brace', 0],
    ]);
    expect(t.sittingsDone).toBe(1);
    expect(t.complete).toBe(false);
  });

  it('after both sittings the day is complete, and a third sitting adds nothing to the counts', () => {
    const sittings = sittingsFrom([
      log(
        'l1',
        's1',
        day,
        `${day}T08:00:00Z`,
        'knee-to-chest',
        'supine-hamstring-gentle',
        'abdominal-brace',
      ),
      log('l2', 's2', day, `${day}T19:00:00Z`, 'supine-hamstring-gentle'),
      log('l3', 's3', day, `${day}T21:00:00Z`, 'supine-hamstring-gentle'),
    ]);
    const t = todayPlan(PLAN, sittings, day);
    expect(t.complete).toBe(true);
    expect(t.next).toBeNull();
    expect(t.open).toBeNull();
    expect(t.sittingsDone).toBe(2);
    expect(t.exercisesDone).toBe(4);
  });

  it('counts only today: yesterday’s sittings and tomorrow’s do not change what is due', () => {
    const sittings = sittingsFrom([
      log('l1', 's1', '2026-11-19', '2026-11-19T08:00:00Z', 'knee-to-chest'),
      log('l2', 's2', '2026-11-21', '2026-11-21T08:00:00Z', 'knee-to-chest'),
    ]);
    expect(todayPlan(PLAN, sittings, day).exercisesDone).toBe(0);
  });
});

describe('adherenceOf', () => {
  it('says sittings and exercises done of planned, day by day: the morning done, the evening missed', () => {
    const sittings = sittingsFrom([
      log(
        'l1',
        's1',
        '2026-11-20',
        '2026-11-20T08:00:00Z',
        'knee-to-chest',
        'supine-hamstring-gentle',
        'abdominal-brace',
      ),
      log(
        'l2',
        's2',
        '2026-11-21',
        '2026-11-21T08:00:00Z',
        'knee-to-chest',
        'supine-hamstring-gentle',
        'abdominal-brace',
      ),
      log('l3', 's3', '2026-11-21', '2026-11-21T19:00:00Z', 'supine-hamstring-gentle'),
    ]);
    const a = adherenceOf(PLAN, sittings, '2026-11-20', '2026-11-22');
    expect(a.days).toEqual([
      {
        date: '2026-11-20',
        sittingsPlanned: 2,
        sittingsDone: 1,
        exercisesPlanned: 4,
        exercisesDone: 3,
      },
      {
        date: '2026-11-21',
        sittingsPlanned: 2,
        sittingsDone: 2,
        exercisesPlanned: 4,
        exercisesDone: 4,
      },
      {
        date: '2026-11-22',
        sittingsPlanned: 2,
        sittingsDone: 0,
        exercisesPlanned: 4,
        exercisesDone: 0,
      },
    ]);
    expect(a).toMatchObject({ planned: 6, done: 3, ratio: 0.5 });
    expect(a.exercises).toEqual({ planned: 12, done: 7, ratio: 0.58 });
  });

  it('never counts more done than planned, and totals equal the sum of the days', () => {
    const ids = PLAN.map((p) => p.exerciseId);
    const logArb = fc.record({
      id: fc.uuid(),
      sittingId: fc.constantFrom('s1', 's2', 's3', 's4', null),
      date: fc.constantFrom('2026-11-20', '2026-11-21', '2026-11-22'),
      createdAt: fc.constantFrom('2026-11-20T08:00:00Z', '2026-11-21T19:00:00Z'),
      entries: fc.array(fc.record({ exerciseId: fc.constantFrom(...ids) }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(logArb, { maxLength: 12 }), (logs) => {
        const a = adherenceOf(PLAN, sittingsFrom(logs), '2026-11-20', '2026-11-22');
        expect(a.done).toBeLessThanOrEqual(a.planned);
        expect(a.exercises.done).toBeLessThanOrEqual(a.exercises.planned);
        expect(a.done).toBe(a.days.reduce((s, d) => s + d.sittingsDone, 0));
        for (const d of a.days) {
          expect(d.sittingsDone).toBeLessThanOrEqual(d.sittingsPlanned);
          expect(d.exercisesDone).toBeLessThanOrEqual(d.exercisesPlanned);
        }
      }),
    );
  });

  it('is empty before a programme', () => {
    expect(adherenceOf(PLAN, [], null, '2026-11-22')).toMatchObject({
      planned: 0,
      done: 0,
      ratio: 0,
    });
  });
});
