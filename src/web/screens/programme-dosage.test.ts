import { describe, expect, it } from 'vitest';
import { startingDosage } from '../../engine/plan.js';
import { knowledgeBase } from '../../kb/index.js';
import {
  dailyPlanSummary,
  estimateMinutes,
  describeDosage,
  exerciseTitle,
  listWords,
  timesPerDayWords,
  weekFrom,
} from './programme-dosage.js';

describe('describeDosage', () => {
  it.each([
    [
      { unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' } as const,
      2,
      'Hold 30 seconds, 3 times, each leg, twice a day',
    ],
    [
      { unit: 'seconds', amount: 10, repeats: 10, sets: 1, sides: 'none' } as const,
      1,
      'Hold 10 seconds, 10 times, once a day',
    ],
    [
      { unit: 'seconds', amount: 1, repeats: 1, sets: 1, sides: 'none' } as const,
      3,
      'Hold 1 second once, 3 times a day',
    ],
    [
      { unit: 'seconds', amount: 30, repeats: 3, sets: 2, sides: 'each' } as const,
      1,
      'Hold 30 seconds, 3 times, each leg, 2 rounds, once a day',
    ],
    [
      { unit: 'reps', amount: 20, repeats: 1, sets: 1, sides: 'each' } as const,
      1,
      '20 repetitions, each leg, once a day',
    ],
    [
      { unit: 'reps', amount: 10, repeats: 1, sets: 2, sides: 'none' } as const,
      1,
      '2 rounds of 10 repetitions, once a day',
    ],
    [
      { unit: 'reps', amount: 1, repeats: 1, sets: 1, sides: 'none' } as const,
      undefined,
      '1 repetition',
    ],
  ])('%o %s times a day → %s', (dosage, times, words) => {
    expect(describeDosage(dosage, times)).toBe(words);
  });

  it('describes every catalogue exercise at its starting dose with a number and the frequency', () => {
    for (const ex of knowledgeBase.exercises) {
      const words = describeDosage(startingDosage(ex.dosage), ex.dosage.timesPerDay.min);
      expect(words).toContain(String(ex.dosage.range.min));
      expect(words).toMatch(/a day$/);
      expect(words.includes('each leg')).toBe(ex.dosage.sides === 'each');
    }
  });
});

describe('timesPerDayWords', () => {
  it.each([
    [1, 'once a day'],
    [2, 'twice a day'],
    [3, '3 times a day'],
  ])('%i → %s', (n, words) => {
    expect(timesPerDayWords(n)).toBe(words);
  });
});

describe('exerciseTitle', () => {
  it('splits a trailing explanation in brackets off and capitalises', () => {
    expect(
      exerciseTitle(
        'gentle supine hamstring stretch (knee to vertical, then straighten until the first stretch)',
      ),
    ).toEqual({
      title: 'Gentle supine hamstring stretch',
      detail: 'knee to vertical, then straighten until the first stretch',
    });
  });

  it('leaves brackets in the middle of a name alone', () => {
    expect(exerciseTitle('supine figure-four (piriformis) stretch')).toEqual({
      title: 'Supine figure-four (piriformis) stretch',
    });
  });

  it('capitalises a plain name', () => {
    expect(exerciseTitle('single knee-to-chest')).toEqual({ title: 'Single knee-to-chest' });
  });
});

describe('weekFrom', () => {
  it('gives seven days from today, across a month end, today first', () => {
    const week = weekFrom('2026-02-26');
    expect(week.map((d) => d.date)).toEqual([
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    expect(week[0]).toMatchObject({
      label: 'Thu 26',
      longLabel: 'Thursday 26 February',
      today: true,
    });
    expect(week.filter((d) => d.today)).toHaveLength(1);
    expect(week[3]?.longLabel).toBe('Sunday 1 March');
  });

  it('refuses something that is not a date', () => {
    expect(() => weekFrom('soon')).toThrow(/Not a date/);
  });
});

describe('dailyPlanSummary', () => {
  it('says once a day for every exercise when all are once a day', () => {
    expect(
      dailyPlanSummary([
        { name: 'Bridge', timesPerDay: 1 },
        { name: 'Knee to chest', timesPerDay: 1 },
      ]),
    ).toBe('Every day this week, do all 2 exercises once a day.');
  });

  it('names the exercises done more often', () => {
    expect(
      dailyPlanSummary([
        { name: 'Bridge', timesPerDay: 1 },
        { name: 'Gentle hamstring stretch', timesPerDay: 2 },
        { name: 'Knee to chest', timesPerDay: 1 },
      ]),
    ).toBe(
      'Every day this week, do each exercise once a day, except Gentle hamstring stretch twice a day. Spread those through the day, for example morning and evening.',
    );
  });

  it('says so when there is nothing to do', () => {
    expect(dailyPlanSummary([])).toMatch(/no exercises/);
  });
});

describe('listWords', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('%o → %s', (names, words) => {
    expect(listWords(names)).toBe(words);
  });
});

describe('estimateMinutes', () => {
  it('counts holds, rests between them, both legs and setting up', () => {
    // Each leg: 3 × 30 s + 2 × 10 s rest + 20 s to set up = 130 s; both legs 260 s ≈ 4 min.
    expect(
      estimateMinutes([{ unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' }]),
    ).toBe(4);
  });

  it('counts repetitions at about 4 seconds each, per round', () => {
    // 2 rounds × (10 × 4 s + 20 s) = 120 s.
    expect(
      estimateMinutes([{ unit: 'reps', amount: 10, repeats: 1, sets: 2, sides: 'none' }]),
    ).toBe(2);
  });

  it('is 0 for nothing and at least 1 for anything', () => {
    expect(estimateMinutes([])).toBe(0);
    expect(estimateMinutes([{ unit: 'reps', amount: 1, repeats: 1, sets: 1, sides: 'none' }])).toBe(
      1,
    );
  });
});
