// Progress summaries: daily pain, pain summary, extent and its trend, adherence, leg-raise angles, meaningful change.
import { describe, expect, it } from 'vitest';
import { EXTENT_TREND_TEXT, summariseProgress, type ProgressInput } from './progress.js';

type Checkin = ProgressInput['checkins'][number];

const input = (over: Partial<ProgressInput> = {}): ProgressInput => ({
  today: '2026-03-10',
  programmeStart: null,
  checkins: [],
  sessions: [],
  measurements: [],
  ...over,
});
const pains = (...values: [date: string, value: number][]): Checkin[] =>
  values.map(([date, painNow]) => ({ date, painNow, painAreas: ['lower-back'] }));
const reaching = (...days: [date: string, areas: string[]][]): Checkin[] =>
  days.map(([date, painAreas]) => ({ date, painNow: 3, painAreas }));

describe('summariseProgress: pain', () => {
  it('gives one point per date, the day’s last check-in, dates ascending', () => {
    const out = summariseProgress(
      input({
        checkins: pains(['2026-03-03', 6], ['2026-03-01', 7], ['2026-03-03', 4], ['2026-03-02', 5]),
      }),
    );
    expect(out.pain).toEqual([
      { date: '2026-03-01', value: 7 },
      { date: '2026-03-02', value: 5 },
      { date: '2026-03-03', value: 4 },
    ]);
  });

  it('summarises start, latest, change and the 7 days ending today', () => {
    const out = summariseProgress(
      input({
        today: '2026-03-10',
        // 2026-03-03 is 7 days before today: outside the week that ends today.
        checkins: pains(
          ['2026-03-01', 8],
          ['2026-03-03', 8],
          ['2026-03-04', 6],
          ['2026-03-09', 5],
          ['2026-03-10', 4],
        ),
      }),
    );
    expect(out.painSummary).toEqual({
      start: 8,
      latest: 4,
      average7Day: 5,
      change: -4,
      changePercent: -50,
    });
  });

  it('rounds the weekly average to one decimal place', () => {
    const out = summariseProgress(
      input({ checkins: pains(['2026-03-08', 3], ['2026-03-09', 3], ['2026-03-10', 4]) }),
    );
    expect(out.painSummary.average7Day).toBe(3.3);
  });

  it('has nulls without check-ins, and no percentage from a start of 0', () => {
    expect(summariseProgress(input()).painSummary).toEqual({
      start: null,
      latest: null,
      average7Day: null,
      change: null,
      changePercent: null,
    });
    const fromZero = summariseProgress(
      input({ checkins: pains(['2026-03-01', 0], ['2026-03-02', 3]) }),
    );
    expect(fromZero.painSummary.changePercent).toBeNull();
    expect(fromZero.painSummary.average7Day).toBeNull();
  });
});

describe('summariseProgress: meaningful change', () => {
  const cases: {
    name: string;
    start: number;
    latest: number;
    meaningful: boolean;
    direction: 'better' | 'worse' | null;
  }[] = [
    { name: '2 points down from 8', start: 8, latest: 6, meaningful: true, direction: 'better' },
    {
      name: '1 point down from 8 (12.5%)',
      start: 8,
      latest: 7,
      meaningful: false,
      direction: null,
    },
    { name: '2 points up from 8', start: 8, latest: 10, meaningful: true, direction: 'worse' },
    { name: '1 point down from 5 (20%)', start: 5, latest: 4, meaningful: false, direction: null },
    {
      name: '1 point down from 3 (33%)',
      start: 3,
      latest: 2,
      meaningful: true,
      direction: 'better',
    },
    {
      name: 'exactly 30%: 3 points down from 10',
      start: 10,
      latest: 7,
      meaningful: true,
      direction: 'better',
    },
    {
      name: '1.5 points down from 5 (exactly 30%)',
      start: 5,
      latest: 3.5,
      meaningful: true,
      direction: 'better',
    },
    {
      name: '1.4 points down from 5 (28%)',
      start: 5,
      latest: 3.6,
      meaningful: false,
      direction: null,
    },
    {
      name: '1 point up from 0 (no percentage from 0)',
      start: 0,
      latest: 1,
      meaningful: false,
      direction: null,
    },
    { name: '2 points up from 0', start: 0, latest: 2, meaningful: true, direction: 'worse' },
    { name: 'no change', start: 5, latest: 5, meaningful: false, direction: null },
  ];
  it.each(cases)('$name', ({ start, latest, meaningful, direction }) => {
    const out = summariseProgress(
      input({ checkins: pains(['2026-03-01', start], ['2026-03-05', 9], ['2026-03-09', latest]) }),
    );
    expect(out.meaningfulChange).toBe(meaningful);
    expect(out.meaningfulDirection).toBe(direction);
  });

  it('is not meaningful with a single point', () => {
    const out = summariseProgress(input({ checkins: pains(['2026-03-01', 9]) }));
    expect(out.meaningfulChange).toBe(false);
    expect(out.meaningfulDirection).toBeNull();
  });
});

describe('summariseProgress: extent', () => {
  it('gives the furthest area each day, in the api.md order', () => {
    const out = summariseProgress(
      input({
        checkins: reaching(
          ['2026-03-02', ['lower-back', 'below-knee']],
          ['2026-03-01', ['buttock', 'lower-back']],
          ['2026-03-02', ['back-of-thigh']],
          ['2026-03-03', ['foot']],
          ['2026-03-04', ['somewhere-else']],
        ),
      }),
    );
    expect(out.extent).toEqual([
      { date: '2026-03-01', furthest: 'buttock' },
      { date: '2026-03-02', furthest: 'below-knee' },
      { date: '2026-03-03', furthest: 'foot' },
    ]);
  });

  const cases: {
    name: string;
    days: string[][];
    trend: 'centralising' | 'peripheralising' | 'stable' | 'unknown';
  }[] = [
    { name: 'no days', days: [], trend: 'unknown' },
    { name: 'one day', days: [['foot']], trend: 'unknown' },
    {
      name: 'retreating towards the back',
      days: [['foot'], ['below-knee'], ['back-of-thigh'], ['buttock'], ['lower-back']],
      trend: 'centralising',
    },
    {
      name: 'spreading down the leg',
      days: [['lower-back'], ['buttock'], ['buttock'], ['below-knee'], ['foot']],
      trend: 'peripheralising',
    },
    {
      name: 'the same reach',
      days: [['buttock'], ['buttock'], ['buttock'], ['buttock']],
      trend: 'stable',
    },
    {
      name: 'equal averages over different days',
      days: [['foot'], ['lower-back'], ['buttock'], ['below-knee'], ['buttock'], ['buttock']],
      trend: 'stable',
    },
    { name: 'two days, better', days: [['below-knee'], ['buttock']], trend: 'centralising' },
    { name: 'two days, worse', days: [['buttock'], ['below-knee']], trend: 'peripheralising' },
    {
      name: 'three days: the middle one is not compared',
      days: [['buttock'], ['foot'], ['buttock']],
      trend: 'stable',
    },
    {
      name: 'five days: two at each end',
      days: [['foot'], ['foot'], ['lower-back'], ['buttock'], ['buttock']],
      trend: 'centralising',
    },
    {
      name: 'only the middle changed',
      days: [
        ['buttock'],
        ['buttock'],
        ['buttock'],
        ['foot'],
        ['buttock'],
        ['buttock'],
        ['buttock'],
      ],
      trend: 'stable',
    },
  ];
  it.each(cases)('$name → $trend', ({ days, trend }) => {
    const checkins = days.map((painAreas, i) => ({
      date: `2026-03-${String(i + 1).padStart(2, '0')}`,
      painNow: 3,
      painAreas,
    }));
    const out = summariseProgress(input({ checkins }));
    expect(out.extentTrend).toBe(trend);
    expect(out.extentTrendText).toBe(EXTENT_TREND_TEXT[trend]);
  });

  it('compares days by date, not by the order given', () => {
    const out = summariseProgress(
      input({ checkins: reaching(['2026-03-05', ['lower-back']], ['2026-03-01', ['foot']]) }),
    );
    expect(out.extentTrend).toBe('centralising');
  });

  it('explains each trend in plain words', () => {
    expect(EXTENT_TREND_TEXT.centralising).toMatch(/good sign/);
    expect(EXTENT_TREND_TEXT.peripheralising).toMatch(/further down the leg/);
    for (const text of Object.values(EXTENT_TREND_TEXT))
      expect(text).not.toMatch(/extent|rank|peripheral/i);
  });
});

describe('summariseProgress: adherence', () => {
  const sessions = [
    '2026-02-28',
    '2026-03-01',
    '2026-03-01',
    '2026-03-05',
    '2026-03-10',
    '2026-03-11',
  ].map((date) => ({ date }));
  const cases: {
    name: string;
    start: string | null;
    perDay?: number;
    planned: number;
    done: number;
    ratio: number;
  }[] = [
    { name: 'before any programme', start: null, planned: 0, done: 0, ratio: 0 },
    { name: 'ten days, one a day', start: '2026-03-01', planned: 10, done: 3, ratio: 0.3 },
    {
      name: 'ten days, three a day',
      start: '2026-03-01',
      perDay: 3,
      planned: 30,
      done: 4,
      ratio: 0.13,
    },
    { name: 'started today', start: '2026-03-10', planned: 1, done: 1, ratio: 1 },
    { name: 'starting after today', start: '2026-03-12', planned: 0, done: 0, ratio: 0 },
    { name: 'across a month end', start: '2026-02-28', planned: 11, done: 4, ratio: 0.36 },
  ];
  it.each(cases)('$name', ({ start, perDay, planned, done, ratio }) => {
    const out = summariseProgress(
      input({
        today: '2026-03-10',
        programmeStart: start,
        sessions,
        ...(perDay === undefined ? {} : { plannedSessionsPerDay: perDay }),
      }),
    );
    expect(out.adherence).toEqual({ planned, done, ratio });
  });

  const at = (time: string) => ({ date: '2026-03-10', createdAt: `2026-03-10T${time}:00.000Z` });
  it.each([
    {
      name: 'five exercise logs minutes apart are one sitting',
      perDay: 2,
      times: ['08:00', '08:04', '08:09', '08:15', '08:21'],
      done: 1,
    },
    {
      name: 'morning and evening logs are two sittings',
      perDay: 2,
      times: ['08:00', '08:05', '18:00', '18:06'],
      done: 2,
    },
    {
      name: 'a day counts no more than planned',
      perDay: 1,
      times: ['08:00', '12:00', '18:00'],
      done: 1,
    },
    {
      name: 'a gap just over the sitting gap starts a new sitting',
      perDay: 3,
      times: ['08:00', '08:46'],
      done: 2,
    },
    {
      name: 'a gap of exactly the sitting gap does not',
      perDay: 3,
      times: ['08:00', '08:45'],
      done: 1,
    },
  ])('$name', ({ perDay, times, done }) => {
    const out = summariseProgress(
      input({
        today: '2026-03-10',
        programmeStart: '2026-03-10',
        plannedSessionsPerDay: perDay,
        sessions: times.map(at),
      }),
    );
    expect(out.adherence.done).toBe(done);
  });

  it('counts leap days', () => {
    const out = summariseProgress(
      input({ today: '2028-03-01', programmeStart: '2028-02-28', sessions: [] }),
    );
    expect(out.adherence.planned).toBe(3);
  });
});

describe('summariseProgress: leg-raise angles', () => {
  it('lists only slr-angle measurements, dates ascending', () => {
    const out = summariseProgress(
      input({
        measurements: [
          { date: '2026-03-05', kind: 'slr-angle', side: 'left', value: 60 },
          { date: '2026-03-01', kind: 'slr-angle', side: 'left', value: 50 },
          { date: '2026-03-02', kind: 'toe-touch', side: null, value: 12 },
          { date: '2026-03-01', kind: 'slr-angle', side: 'right', value: 70 },
        ],
      }),
    );
    expect(out.slr).toEqual([
      { date: '2026-03-01', side: 'left', value: 50 },
      { date: '2026-03-01', side: 'right', value: 70 },
      { date: '2026-03-05', side: 'left', value: 60 },
    ]);
  });
});

describe('summariseProgress: shape', () => {
  it('has every field of GET /api/progress', () => {
    const out = summariseProgress(input());
    for (const key of ['pain', 'extent', 'extentTrend', 'adherence', 'slr', 'meaningfulChange'])
      expect(out).toHaveProperty(key);
  });
});
