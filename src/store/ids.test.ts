// Ids: fixed width, unique, and in creation order as text, even within one millisecond.
import { describe, expect, it } from 'vitest';
import { idTime, newId } from './ids.js';

describe('newId', () => {
  it('is 26 lower-case base32 characters and encodes its time', () => {
    const now = new Date('2026-11-21T10:00:00.123Z');
    const id = newId(now);
    expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(idTime(id)?.toISOString()).toBe(now.toISOString());
    expect(idTime('not-an-id')).toBeUndefined();
  });

  it('sorts as text in creation order, within one millisecond and across years', () => {
    const times = [0, 1, 999, Date.UTC(2001, 0, 1), Date.UTC(2026, 10, 21), Date.UTC(2999, 0, 1)];
    const ids: string[] = [];
    for (const t of times) for (let i = 0; i < 50; i++) ids.push(newId(new Date(t)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toStrictEqual(ids);
  });

  it('refuses an invalid date', () => {
    expect(() => newId(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => newId(new Date(-1))).toThrow(RangeError);
  });
});
