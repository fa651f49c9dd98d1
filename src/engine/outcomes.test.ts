// Outcome measures scored as their authors specify, with worked examples, and the minimal important change.
import { describe, expect, it } from 'vitest';
import { knowledgeBase as kb } from '../kb/index.js';
import { INSTRUMENT_IDS, instrumentById, instruments } from '../kb/instruments.js';
import { outcomeChange, scoreOutcome } from './outcomes.js';

const ticked = (...items: number[]) => Array.from({ length: 24 }, (_, i) => items.includes(i + 1));

describe('scoreOutcome: worked examples', () => {
  it.each([
    [
      'RMDQ: the number of statements ticked',
      { instrument: 'rmdq', ticked: ticked(2, 6, 13, 18) },
      4,
    ],
    ['RMDQ: none ticked', { instrument: 'rmdq', ticked: ticked() }, 0],
    [
      'RMDQ: all 24 ticked',
      { instrument: 'rmdq', ticked: ticked(...Array.from({ length: 24 }, (_, i) => i + 1)) },
      24,
    ],
    [
      'PSFS: the mean of the activities',
      {
        instrument: 'psfs',
        activities: [
          { activity: 'Sitting through a film', score: 3 },
          { activity: 'Putting on socks', score: 5 },
          { activity: 'Walking the dog', score: 4 },
        ],
      },
      4,
    ],
    [
      'PSFS: a mean to one decimal place',
      {
        instrument: 'psfs',
        activities: [
          { activity: 'Gardening', score: 2 },
          { activity: 'Driving', score: 3 },
          { activity: 'Lifting a child', score: 3 },
        ],
      },
      2.7,
    ],
    [
      'Sciatica Bothersomeness Index: the sum of the four',
      { instrument: 'sciatica-bothersomeness', ratings: [4, 3, 2, 5] },
      14,
    ],
    ['Pain: the rating', { instrument: 'pain-nrs', value: 7 }, 7],
    [
      'Global rating of change: the rating',
      { instrument: 'global-rating-of-change', value: -1 },
      -1,
    ],
    ['Oswestry: the total entered', { instrument: 'oswestry-total', total: 42 }, 42],
  ] as const)('%s', (_name, answers, score) => {
    const out = scoreOutcome(answers, kb);
    expect(out.ok && out.value.score).toBe(score);
  });

  it.each([
    [{ instrument: 'rmdq', ticked: ticked().slice(1) }, 'ticked'],
    [{ instrument: 'psfs', activities: [] }, 'activities'],
    [
      {
        instrument: 'psfs',
        activities: Array.from({ length: 6 }, (_, i) => ({
          activity: `Activity ${String(i)}`,
          score: 5,
        })),
      },
      'activities',
    ],
    [{ instrument: 'sciatica-bothersomeness', ratings: [1, 2, 7, 0] }, 'ratings[2]'],
    [{ instrument: 'pain-nrs', value: 11 }, 'value'],
    [{ instrument: 'oswestry-total', total: 42, items: [] }, 'items'],
  ])('refuses answers outside what the authors allow, naming the field: %j', (answers, path) => {
    const out = scoreOutcome(answers, kb);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.map((p) => p.path)).toContain(path);
  });

  it('never reproduces the licensed Oswestry questionnaire: only a total is taken', () => {
    const odi = instrumentById('oswestry-total');
    expect(odi.kind).toBe('entered-total');
    expect(JSON.stringify(odi)).not.toMatch(/Section|Pain intensity|Personal care/);
  });

  it('keeps the RMDQ’s 24 statements and every instrument’s range and licence', () => {
    const rmdq = instrumentById('rmdq');
    expect(rmdq.kind === 'checklist' && rmdq.items).toHaveLength(24);
    expect(instruments.map((i) => i.id)).toEqual([...INSTRUMENT_IDS]);
    expect(INSTRUMENT_IDS.map((id) => kb.instruments[id])).toEqual(instruments);
    for (const i of instruments) {
      expect(i.range.max).toBeGreaterThan(i.range.min);
      expect(i.licence.length).toBeGreaterThan(5);
    }
  });
});

describe('outcomeChange: the minimal important change', () => {
  it.each([
    ['pain-nrs', 7, 4, -3, true, 'better'],
    ['pain-nrs', 5, 4, -1, false, 'better'],
    ['pain-nrs', 3, 2, -1, true, 'better'], // 33% of a small start counts
    ['pain-nrs', 3, 6, 3, true, 'worse'],
    ['rmdq', 12, 8, -4, true, 'better'], // 33%
    ['rmdq', 20, 16, -4, false, 'better'], // 4 points and 20%
    ['rmdq', 20, 15, -5, true, 'better'],
    ['oswestry-total', 40, 32, -8, false, 'better'],
    ['oswestry-total', 40, 28, -12, true, 'better'],
    ['psfs', 3, 5, 2, true, 'better'], // higher is better on the PSFS
    ['psfs', 5, 4, -1, false, 'worse'],
  ] as const)(
    '%s from %d to %d: change %d, important %s, %s',
    (id, start, latest, change, important, direction) => {
      expect(outcomeChange(instrumentById(id), start, latest)).toEqual({
        change,
        important,
        direction,
      });
    },
  );

  it('has no threshold for the Sciatica Bothersomeness Index, and says so rather than guessing', () => {
    expect(outcomeChange(instrumentById('sciatica-bothersomeness'), 14, 8)).toEqual({
      change: -6,
      important: null,
      direction: 'better',
    });
  });

  it('reads the global rating of change as a change in itself: much improved or better is important', () => {
    const groc = instrumentById('global-rating-of-change');
    expect(outcomeChange(groc, 0, 2)).toEqual({ change: 2, important: true, direction: 'better' });
    expect(outcomeChange(groc, 0, 1)).toEqual({ change: 1, important: false, direction: 'better' });
    expect(outcomeChange(groc, 0, -2)).toEqual({ change: -2, important: true, direction: 'worse' });
  });
});
