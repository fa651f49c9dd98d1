// A refused programme change in words: the rule's text alone, or with the lowest dose the refusal carries,
// in the one dose sentence.
import { describe, expect, it } from 'vitest';
import { refusalWords } from './refusal.js';

describe('refusalWords', () => {
  it('is the rule’s own text when the refusal carries no dose', () => {
    const text = 'The stop rules took this exercise out after pain in a session.';
    expect(refusalWords({ text })).toBe(text);
  });

  it.each([
    {
      lowest: {
        dosage: { unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' },
        timesPerDay: 1,
      },
      words: 'The lowest dose of this exercise: hold 30 seconds, 3 times, each leg, once a day.',
    },
    {
      lowest: {
        dosage: { unit: 'reps', amount: 10, repeats: 1, sets: 2, sides: 'none' },
        timesPerDay: 2,
      },
      words: 'The lowest dose of this exercise: 2 rounds of 10 repetitions, twice a day.',
    },
  ] as const)('adds the lowest dose in the dose sentence: $words', ({ lowest, words }) => {
    const why = 'Only the lowest dose while backing off after pain spread down the leg.';
    const text = refusalWords({ text: why, lowest });
    expect(text).toBe(`${why} ${words}`);
    expect(text).not.toMatch(/\(s\)|undefined|NaN/);
  });
});
