import { describe, expect, it } from 'vitest';
import { dailyPlanSummary, estimateMinutes, weekFrom } from './programme-dosage.js';

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
