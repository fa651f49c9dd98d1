// Calendar arithmetic on local dates: real dates only, windows with both ends included, month and leap-year edges.
import { describe, expect, it } from 'vitest';
import { dayNumber, daysInclusive, withinDaysEnding } from './local-date.js';

describe('dayNumber', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['2028-02-29', dayNumber('2028-02-28') + 1],
    ['0001-01-01', -719162],
  ])('%s → %d', (date, n) => {
    expect(dayNumber(date)).toBe(n);
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-1-1', '2026-01-01T00:00:00Z', ''])(
    'is NaN for %j, which is not a calendar date',
    (date) => {
      expect(dayNumber(date)).toBeNaN();
    },
  );
});

describe('withinDaysEnding', () => {
  it.each([
    ['2026-03-10', true],
    ['2026-03-04', true],
    ['2026-03-03', false],
    ['2026-03-11', false],
    ['not a date', false],
  ])('%s in the 7 days ending 2026-03-10: %s', (date, inside) => {
    expect(withinDaysEnding(date, '2026-03-10', 7)).toBe(inside);
  });
});

describe('daysInclusive', () => {
  it.each([
    ['2026-03-10', '2026-03-10', 1],
    ['2026-02-27', '2026-03-01', 3],
    ['2028-02-27', '2028-03-01', 4],
    ['2026-12-31', '2027-01-01', 2],
    ['2026-03-11', '2026-03-10', 0],
    ['junk', '2026-03-10', 0],
  ])('%s to %s: %d', (start, end, days) => {
    expect(daysInclusive(start, end)).toBe(days);
  });
});
