// One date format everywhere, in the person's locale.
import { describe, expect, it } from 'vitest';
import { formatDate } from './format-date.js';

describe('formatDate', () => {
  it('writes a local date as day, short month and year in the given locale', () => {
    expect(formatDate('2026-03-03', { locale: 'en-GB' })).toBe('3 Mar 2026');
    expect(formatDate('2026-03-03', { locale: 'en-US' })).toBe('Mar 3, 2026');
  });

  it('reads a local date as that calendar day, whatever the time zone', () => {
    expect(formatDate('2026-12-31', { locale: 'en-GB' })).toBe('31 Dec 2026');
  });

  it('writes a timestamp as its calendar day where the person is', () => {
    const at = new Date(2026, 10, 29, 23, 30);
    expect(formatDate(at.toISOString(), { locale: 'en-GB' })).toBe('29 Nov 2026');
  });

  it('can leave the year out, and gives back what it cannot read', () => {
    expect(formatDate('2026-03-03', { locale: 'en-GB', year: false })).toBe('3 Mar');
    expect(formatDate('not a date', { locale: 'en-GB' })).toBe('not a date');
  });
});
