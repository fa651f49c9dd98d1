// The progress screen's series and sentences: dates on the right day, gaps where a leg was not measured, running totals, and honest words.
import { describe, expect, it } from 'vitest';
import { summariseProgress, type ProgressSummary } from '../../engine/progress.js';
import {
  DAY_SECONDS,
  adherenceChart,
  adherenceSummary,
  axisDate,
  countSplits,
  dateToSeconds,
  earlierWords,
  extentChart,
  extentChartSummary,
  formatDate,
  formatMonth,
  painChart,
  painChartSummary,
  slrChart,
  slrSummary,
  weeklySummary,
  xRange,
  type WeekInput,
} from './progress-data.js';

describe('dates', () => {
  it('puts a local date at its UTC midnight and reads it back as the same day', () => {
    expect(dateToSeconds('1970-01-02')).toBe(DAY_SECONDS);
    expect(formatDate('2026-03-03')).toBe('3 Mar 2026');
    expect(axisDate(dateToSeconds('2026-12-31'))).toBe('31 Dec');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('pads the x range by half a day, even for one point', () => {
    const x = dateToSeconds('2026-03-03');
    expect(xRange([x])).toEqual([x - DAY_SECONDS / 2, x + DAY_SECONDS / 2]);
    expect(xRange([x + DAY_SECONDS, x])).toEqual([x - DAY_SECONDS / 2, x + 1.5 * DAY_SECONDS]);
  });
});

describe('chart series', () => {
  it('draws pain and extent from the summary, extent as 0 (lower back) to 4 (foot)', () => {
    const pain = painChart([
      { date: '2026-03-01', value: 7 },
      { date: '2026-03-02', value: 5 },
    ]);
    expect(pain.series).toEqual([[7, 5]]);
    expect(pain.xs).toEqual([
      dateToSeconds('2026-03-01'),
      dateToSeconds('2026-03-01') + DAY_SECONDS,
    ]);
    const extent = extentChart([
      { date: '2026-03-01', furthest: 'foot' },
      { date: '2026-03-02', furthest: 'buttock' },
      { date: '2026-03-03', furthest: 'lower-back' },
    ]);
    expect(extent.series).toEqual([[4, 1, 0]]);
  });

  it('gives each leg its own line, with gaps, and the last reading of a day', () => {
    const chart = slrChart([
      { date: '2026-03-01', side: 'left', value: 50 },
      { date: '2026-03-01', side: 'left', value: 55 },
      { date: '2026-03-02', side: 'right', value: 70 },
      { date: '2026-03-03', side: null, value: 60 },
    ]);
    expect(chart.xs).toEqual([dateToSeconds('2026-03-01'), dateToSeconds('2026-03-02')]);
    expect(chart.series).toEqual([
      [55, null],
      [null, 70],
    ]);
  });

  it('adds up planned and done sittings day by day, from the engine’s own day-by-day count', () => {
    const chart = adherenceChart([
      {
        date: '2026-03-01',
        sittingsPlanned: 2,
        sittingsDone: 1,
        exercisesPlanned: 4,
        exercisesDone: 3,
      },
      {
        date: '2026-03-02',
        sittingsPlanned: 2,
        sittingsDone: 2,
        exercisesPlanned: 4,
        exercisesDone: 4,
      },
      {
        date: '2026-03-03',
        sittingsPlanned: 2,
        sittingsDone: 0,
        exercisesPlanned: 4,
        exercisesDone: 0,
      },
    ]);
    expect(chart.series).toEqual([
      [2, 4, 6],
      [1, 3, 3],
    ]);
    expect(chart.xs).toHaveLength(3);
  });

  it('has nothing to draw before a programme exists', () => {
    expect(adherenceChart([]).xs).toEqual([]);
  });
});

describe('countSplits', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [4, [0, 1, 2, 3, 4]],
    [6, [0, 1, 2, 3, 4, 5, 6]],
    [7, [0, 2, 4, 6, 8]],
    [30, [0, 6, 12, 18, 24, 30]],
    [31, [0, 7, 14, 21, 28, 35]],
  ])('ticks for up to %i', (max, splits) => {
    expect(countSplits(max)).toEqual(splits);
  });
});

describe('chart summaries', () => {
  it('say so when there is nothing yet', () => {
    expect(painChartSummary([])).toMatch(/No check-ins yet/);
    expect(extentChartSummary([])).toMatch(/No check-ins yet/);
    expect(slrSummary([])).toMatch(/No straight-leg-raise/);
    expect(adherenceSummary({ planned: 0, done: 0, ratio: 0 })).toMatch(/no programme/);
  });

  it('describe the first and the latest point', () => {
    expect(
      painChartSummary([
        { date: '2026-03-01', value: 7 },
        { date: '2026-03-05', value: 4 },
      ]),
    ).toBe(
      'Pain on 2 days from 1 Mar 2026 to 5 Mar 2026: 7 out of 10 at the start, 4 most recently.',
    );
    expect(
      extentChartSummary([
        { date: '2026-03-01', furthest: 'below-knee' },
        { date: '2026-03-05', furthest: 'buttock' },
      ]),
    ).toMatch(/reached below the knee; most recently .* it reached the buttock/);
    expect(adherenceSummary({ planned: 8, done: 6, ratio: 0.75 })).toBe(
      'Since your programme started you have done 6 of 8 sittings (75%) of those planned.',
    );
    expect(
      adherenceSummary({
        planned: 8,
        done: 6,
        ratio: 0.75,
        exercises: { planned: 20, done: 13, ratio: 0.65 },
      }),
    ).toBe(
      'Since your programme started you have done 6 of 8 sittings (75%) and 13 of 20 exercises (65%) of those planned.',
    );
  });

  it('give the change in each leg’s angle since the first measurement', () => {
    const text = slrSummary([
      { date: '2026-03-01', side: 'left', value: 50 },
      { date: '2026-03-01', side: 'right', value: 70 },
      { date: '2026-03-08', side: 'left', value: 58 },
    ]);
    expect(text).toMatch(/Left leg: 58° on 8 Mar 2026, up 8° since your first \(50°\)/);
    expect(text).toMatch(/Right leg: 70° on 1 Mar 2026/);
  });
});

describe('weeklySummary', () => {
  const base = (over: Partial<WeekInput>): WeekInput => ({
    today: '2026-03-14',
    pain: [],
    painSummary: {
      start: null,
      latest: null,
      average7Day: null,
      change: null,
      changePercent: null,
    },
    meaningfulChange: false,
    meaningfulDirection: null,
    days: [],
    ...over,
  });

  it('handles a person with no data', () => {
    expect(weeklySummary(base({}))).toEqual(['You have not checked in during the last 7 days.']);
  });

  it('says sittings and exercises done of planned, and names a day with one sitting missed', () => {
    const day = (date: string, sittingsDone: number, exercisesDone: number) => ({
      date,
      sittingsPlanned: 2,
      sittingsDone,
      exercisesPlanned: 4,
      exercisesDone,
    });
    const lines = weeklySummary(
      base({ days: [day('2026-03-12', 2, 4), day('2026-03-13', 1, 3), day('2026-03-14', 0, 0)] }),
    );
    expect(lines).toContain(
      'In the last 7 days you did 3 of 6 sittings (50%) and 7 of 12 exercises (58%) planned.',
    );
    expect(lines).toContain('13 Mar 2026: 1 of 2 sittings done, 1 missed.');
  });

  it('compares this week with last week and counts days and sessions in the 7 days ending today', () => {
    const checkins = [
      { date: '2026-03-01', painNow: 6, painAreas: ['back-of-thigh'] },
      { date: '2026-03-07', painNow: 6, painAreas: ['back-of-thigh'] },
      { date: '2026-03-08', painNow: 5, painAreas: ['buttock'] },
      { date: '2026-03-14', painNow: 3, painAreas: ['lower-back'] },
    ];
    const summary = summariseProgress({
      today: '2026-03-14',
      programmeStart: '2026-03-01',
      checkins,
      sessions: [],
      measurements: [],
    });
    const lines = weeklySummary({
      today: '2026-03-14',
      pain: summary.pain,
      painSummary: summary.painSummary,
      meaningfulChange: summary.meaningfulChange,
      meaningfulDirection: summary.meaningfulDirection,
      days: [
        {
          date: '2026-03-08',
          sittingsPlanned: 1,
          sittingsDone: 1,
          exercisesPlanned: 3,
          exercisesDone: 3,
        },
        {
          date: '2026-03-14',
          sittingsPlanned: 1,
          sittingsDone: 1,
          exercisesPlanned: 3,
          exercisesDone: 3,
        },
      ],
    });
    expect(lines).toEqual([
      'Your pain over the last 7 days averaged 4 out of 10, down from 6 the week before.',
      'You checked in on 2 of the last 7 days.',
      'In the last 7 days you did 2 of 2 sittings (100%) and 6 of 6 exercises (100%) planned.',
      'Since your first check-in your pain has gone from 6 to 3 out of 10: a big enough drop to count as a real improvement.',
    ]);
  });

  it('calls a small change neither better nor worse, and a real rise a rise', () => {
    const pain = [
      { date: '2026-03-06', value: 5 },
      { date: '2026-03-13', value: 5.3 },
    ];
    const small = weeklySummary(
      base({ pain, painSummary: { ...base({}).painSummary, start: 5, latest: 5.3 } }),
    );
    expect(small[0]).toMatch(/about the same as the week before \(5\)/);
    expect(small.at(-1)).toMatch(/counts as clear once it reaches 2 points/);
    const worse = weeklySummary(
      base({
        pain: [
          { date: '2026-03-06', value: 3 },
          { date: '2026-03-13', value: 6 },
        ],
        painSummary: { ...base({}).painSummary, start: 3, latest: 6 },
        meaningfulChange: true,
        meaningfulDirection: 'worse',
      }),
    );
    expect(worse[0]).toMatch(/up from 3/);
    expect(worse.at(-1)).toMatch(/real change for the worse/);
  });
});

describe('earlier months', () => {
  const earlier: NonNullable<ProgressSummary['earlier']> = {
    before: '2026-09-01',
    months: [
      {
        month: '2026-07',
        checkinDays: 20,
        averagePain: 5.25,
        lowestPain: 3,
        highestPain: 7,
        furthest: 'below-knee',
      },
      {
        month: '2026-08',
        checkinDays: 31,
        averagePain: 4,
        lowestPain: 4,
        highestPain: 4,
        furthest: 'buttock',
      },
    ],
    slr: [{ month: '2026-08', side: 'left', measurements: 2, lowest: 50, highest: 60, latest: 60 }],
    older: {
      from: '2025-01',
      to: '2025-06',
      checkinDays: 90,
      averagePain: 6.04,
      lowestPain: 2,
      highestPain: 9,
      furthest: null,
      slr: [{ side: null, measurements: 1, lowest: 40, highest: 40, latest: 40 }],
    },
  };

  it('names months in words', () => {
    expect(formatMonth('2026-03', 'en-GB')).toBe('Mar 2026');
    expect(formatMonth('not a month', 'en-GB')).toBe('not a month');
  });

  it('lists the months newest first, then the older ones together, with pain and reach', () => {
    const words = earlierWords(earlier);
    expect(words.rows.map((r) => r.key)).toEqual(['2026-08', '2026-07', 'older']);
    expect(words.rows[0]?.cells.slice(1)).toEqual(['31', '4 (4)', 'Buttock']);
    expect(words.rows[1]?.cells.slice(1)).toEqual(['20', '5.3 (3 to 7)', 'Below the knee']);
    expect(words.rows[2]?.cells.slice(1)).toEqual(['90', '6 (2 to 9)', '—']);
    expect(words.rows[2]?.cells[0]).toMatch(/2025 to .*2025/);
    expect(words.intro).toMatch(/^The charts above show your days from /);
  });

  it('gives each leg’s angles a row, the older months last', () => {
    const words = earlierWords(earlier);
    expect(words.slr.map((r) => r.cells.slice(1))).toEqual([
      ['Left', '50° to 60° (2 times)', '60°'],
      ['Not given', '40° (once)', '40°'],
    ]);
    expect(words.slr[1]?.cells[0]).toMatch(/ to /);
  });

  it('shows a dash for a month with a measurement but no check-in', () => {
    const words = earlierWords({
      ...earlier,
      months: [
        {
          month: '2026-08',
          checkinDays: 0,
          averagePain: 0,
          lowestPain: 0,
          highestPain: 0,
          furthest: null,
        },
      ],
      older: null,
    });
    expect(words.rows).toEqual([
      { key: '2026-08', cells: [formatMonth('2026-08'), '0', '—', '—'] },
    ]);
  });
});
