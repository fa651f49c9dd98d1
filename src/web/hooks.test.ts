// The person's local calendar date: what a sitting, a check-in and "today" are filed under, in any time zone.
import { afterEach, describe, expect, it } from 'vitest';
import { localToday } from './hooks.js';

/** Node's environment: the tests run in Node, while the web app's tsconfig knows only the browser's types. */
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } })
  .process.env;

const saved = env.TZ;
afterEach(() => {
  env.TZ = saved;
});

describe('localToday', () => {
  it('files one instant under the date where the person is', () => {
    // 23:30 in London on 20 November is already 21 November in Sydney and still the 20th in New York.
    const instant = new Date('2026-11-20T23:30:00Z');
    env.TZ = 'Europe/London';
    expect(localToday(instant)).toBe('2026-11-20');
    env.TZ = 'Australia/Sydney';
    expect(localToday(instant)).toBe('2026-11-21');
    env.TZ = 'America/New_York';
    expect(localToday(instant)).toBe('2026-11-20');
  });

  it('moves to the next day at local midnight, not at UTC midnight', () => {
    env.TZ = 'America/Los_Angeles';
    expect(localToday(new Date('2026-11-21T07:59:00Z'))).toBe('2026-11-20');
    expect(localToday(new Date('2026-11-21T08:00:00Z'))).toBe('2026-11-21');
  });
});
