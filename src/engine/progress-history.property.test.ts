// A long record's progress read from its latest rows and a summary of the older ones gives every figure the whole record gives (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAIN_AREAS } from './intake-values.js';
import {
  EARLIER_MONTHS,
  NO_CHECKINS,
  NO_MEASUREMENTS,
  checkinHistory,
  measurementHistory,
  mergeCheckinHistory,
  mergeMeasurementHistory,
  summariseProgress,
  type ProgressInput,
} from './progress.js';
import { mergeSittingHistory, sittingHistory, type Sitting } from './sittings.js';

const DAY0 = Date.UTC(2026, 0, 1);
const dateOf = (day: number) => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10);
const EXERCISES = ['bridge', 'cat-camel', 'nerve-floss'];

const record = fc.record({
  checkins: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 700 }),
      painNow: fc.integer({ min: 0, max: 10 }),
      // Unknown area names are ignored by the engine: some days name none it knows.
      painAreas: fc.subarray([...PAIN_AREAS, 'elbow']),
    }),
    { maxLength: 120 },
  ),
  measurements: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 260 }),
      kind: fc.constantFrom<'slr-angle' | 'toe-touch'>('slr-angle', 'toe-touch'),
      side: fc.constantFrom<'left' | 'right' | null>('left', 'right', null),
      value: fc.integer({ min: 0, max: 120 }),
    }),
    { maxLength: 60 },
  ),
  sittings: fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 260 }),
      exerciseIds: fc.subarray(EXERCISES, { minLength: 1 }),
    }),
    { maxLength: 120 },
  ),
  plan: fc.array(
    fc.record({
      exerciseId: fc.constantFrom(...EXERCISES, 'not-done-ever'),
      timesPerDay: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 4 },
  ),
  today: fc.integer({ min: 120, max: 700 }),
  start: fc.option(fc.integer({ min: 0, max: 250 }), { nil: null }),
  chartDays: fc.integer({ min: 7, max: 140 }),
  listedDays: fc.integer({ min: 28, max: 140 }),
  /** Where the older days are cut in two summaries, merged (as a kept summary and the rows after it). */
  cut: fc.integer({ min: 0, max: 260 }),
});

describe('progress from the latest rows and a summary of the older ones', () => {
  it('gives the whole record’s figures, and lists the whole record’s latest days', () => {
    fc.assert(
      fc.property(record, (r) => {
        const today = dateOf(r.today);
        const start = r.start === null ? null : dateOf(r.start);
        const byDay = <T extends { day: number }>(rows: T[]) =>
          [...rows].sort((a, b) => a.day - b.day);
        const checkins = byDay(r.checkins).map((c) => ({
          date: dateOf(c.day),
          painNow: c.painNow,
          painAreas: c.painAreas,
        }));
        const measurements = byDay(r.measurements).map((m) => ({ ...m, date: dateOf(m.day) }));
        // As the store reads them: only sittings from the programme's start.
        const sittings: Sitting[] = r.sittings
          .map((s, i) => ({
            id: `s${String(i).padStart(3, '0')}`,
            date: dateOf(s.day),
            startedAt: null,
            exerciseIds: s.exerciseIds,
          }))
          .filter((s) => start !== null && s.date >= start);
        const base: ProgressInput = {
          today,
          programmeStart: start,
          plan: r.plan,
          checkins,
          sessions: [],
          sittings,
          measurements,
        };
        const whole = summariseProgress(base);

        const chartFrom = dateOf(r.today - r.chartDays + 1);
        const listedFrom = dateOf(r.today - r.listedDays + 1);
        const cut = dateOf(r.cut);
        const older = <T extends { date: string }>(rows: T[], from: string) => [
          rows.filter((x) => x.date < from && x.date < cut),
          rows.filter((x) => x.date < from && x.date >= cut),
        ];
        const [c1, c2] = older(checkins, chartFrom);
        const [m1, m2] = older(measurements, chartFrom);
        const [s1, s2] = older(sittings, listedFrom);
        const windowed = summariseProgress({
          ...base,
          checkins: checkins.filter((c) => c.date >= chartFrom),
          measurements: measurements.filter((m) => m.date >= chartFrom),
          sittings: sittings.filter((s) => s.date >= listedFrom),
          earlier: {
            before: chartFrom,
            checkins: mergeCheckinHistory(
              mergeCheckinHistory(NO_CHECKINS, checkinHistory(c1 ?? [])),
              checkinHistory(c2 ?? []),
            ),
            measurements: mergeMeasurementHistory(
              mergeMeasurementHistory(NO_MEASUREMENTS, measurementHistory(m1 ?? [])),
              measurementHistory(m2 ?? []),
            ),
            sittings: mergeSittingHistory(sittingHistory(s1 ?? []), sittingHistory(s2 ?? [])),
          },
        });

        const { pain, extent, slr, earlier, ...figures } = windowed;
        const { pain: allPain, extent: allExtent, slr: allSlr, earlier: none, ...same } = whole;
        expect(none).toBeNull();
        expect(figures).toStrictEqual(same);
        expect(pain).toStrictEqual(allPain.filter((p) => p.date >= chartFrom));
        expect(extent).toStrictEqual(allExtent.filter((e) => e.date >= chartFrom));
        expect(slr).toStrictEqual(allSlr.filter((m) => m.date >= chartFrom));
        // The months before the charts hold every older day, each once.
        const olderPain = allPain.filter((p) => p.date < chartFrom);
        expect(
          (earlier?.months.reduce((n, m) => n + m.checkinDays, 0) ?? 0) +
            (earlier?.older?.checkinDays ?? 0),
        ).toBe(olderPain.length);
        expect(earlier?.months.length ?? 0).toBeLessThanOrEqual(EARLIER_MONTHS);
        for (const m of earlier?.months ?? []) {
          const days = olderPain.filter((p) => p.date.startsWith(m.month)).map((p) => p.value);
          expect(m.lowestPain).toBe(Math.min(...days));
          expect(m.highestPain).toBe(Math.max(...days));
          expect(m.averagePain).toBe(
            Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10,
          );
        }
        const olderSlr = allSlr.filter((m) => m.date < chartFrom);
        expect(
          (earlier?.slr.reduce((n, m) => n + m.measurements, 0) ?? 0) +
            (earlier?.older?.slr.reduce((n, m) => n + m.measurements, 0) ?? 0),
        ).toBe(olderSlr.length);
        const olderDays = olderPain.filter(
          (p) => p.date.slice(0, 7) < (earlier?.months[0]?.month ?? ''),
        );
        if (earlier?.older && olderDays.length > 0) {
          expect(earlier.older.lowestPain).toBe(Math.min(...olderDays.map((p) => p.value)));
          expect(earlier.older.highestPain).toBe(Math.max(...olderDays.map((p) => p.value)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('says nothing of earlier days when every day is listed', () => {
    const out = summariseProgress({
      today: '2026-03-10',
      programmeStart: null,
      checkins: [{ date: '2026-03-09', painNow: 4, painAreas: ['foot'] }],
      sessions: [],
      measurements: [],
      earlier: {
        before: '2025-12-11',
        checkins: NO_CHECKINS,
        measurements: NO_MEASUREMENTS,
        sittings: { sittings: [], exercises: [] },
      },
    });
    expect(out.earlier).toBeNull();
    expect(out.painSummary.start).toBe(4);
  });
});
