// The clinician's changes in words: each kind of change, doses from and to, and the headline.
import { describe, expect, it } from 'vitest';
import type { ProgrammeVersionView, VersionChangeView } from '../data/types.js';
import {
  describeVersionChange,
  itemFacts,
  newestNumber,
  newsToShow,
  versionHeadline,
} from './programme-news-words.js';

const names: Record<string, string> = { bridge: 'Bridge', 'supine-hs': 'Lying hamstring stretch' };
const name = (id: string) => names[id] ?? id;
const shape = (id: string) =>
  id === 'bridge'
    ? ({ unit: 'reps', sides: 'none' } as const)
    : ({ unit: 'seconds', sides: 'each' } as const);

const HOLD = { unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' };

describe('describeVersionChange', () => {
  const cases: { title: string; change: VersionChangeView; words: string }[] = [
    {
      title: 'an added exercise with its dose',
      change: {
        op: 'add',
        exerciseId: 'bridge',
        after: {
          dosage: { unit: 'reps', amount: 10, repeats: 1, sets: 2, sides: 'none' },
          timesPerDay: 1,
        },
      },
      words: 'Added Bridge: 2 rounds of 10 repetitions, once a day.',
    },
    {
      title: 'an added exercise whose dose gives only numbers takes the catalogue unit',
      change: { op: 'add', exerciseId: 'bridge', after: { dosage: { amount: 8, sets: 1 } } },
      words: 'Added Bridge: 8 repetitions.',
    },
    {
      title: 'an added exercise without a dose',
      change: { op: 'add', exerciseId: 'bridge' },
      words: 'Added Bridge.',
    },
    {
      title: 'a removed exercise',
      change: { op: 'remove', exerciseId: 'supine-hs', before: { dosage: HOLD } },
      words: 'Took out Lying hamstring stretch.',
    },
    {
      title: 'a dose raised, from and to',
      change: {
        op: 'dose',
        exerciseId: 'supine-hs',
        before: { dosage: HOLD, timesPerDay: 1 },
        after: { dosage: { ...HOLD, amount: 45 }, timesPerDay: 2 },
      },
      words:
        'Lying hamstring stretch: hold for 45 seconds instead of 30 and twice a day instead of once a day.',
    },
    {
      title: 'a dose change says only what changed',
      change: {
        op: 'dose',
        exerciseId: 'bridge',
        before: { dosage: { unit: 'reps', amount: 10, repeats: 1, sets: 1, sides: 'none' } },
        after: { dosage: { unit: 'reps', amount: 12, repeats: 1, sets: 2, sides: 'none' } },
      },
      words: 'Bridge: 12 repetitions instead of 10 and 2 rounds instead of 1.',
    },
    {
      title: 'a dose change on one side only falls back to the new dose',
      change: {
        op: 'dose',
        exerciseId: 'bridge',
        after: { dosage: { amount: 12 }, timesPerDay: 2 },
      },
      words: 'Changed Bridge: now 12 repetitions, twice a day.',
    },
    {
      title: 'a dose whose sides give only the numbers changed',
      change: {
        op: 'dose',
        exerciseId: 'supine-hs',
        before: { dosage: { amount: 30 } },
        after: { dosage: { amount: 40 } },
      },
      words: 'Lying hamstring stretch: hold for 40 seconds instead of 30.',
    },
    {
      title: 'a note added',
      change: { op: 'note', exerciseId: 'bridge', before: null, after: { note: 'Squeeze first.' } },
      words: 'A note on Bridge: “Squeeze first.”',
    },
    {
      title: 'a note given as plain text',
      change: { op: 'note', exerciseId: 'bridge', after: 'Slowly.' },
      words: 'A note on Bridge: “Slowly.”',
    },
    {
      title: 'a note taken away',
      change: { op: 'note', exerciseId: 'bridge', before: { note: 'Old' }, after: { note: null } },
      words: 'Took away the note on Bridge.',
    },
    { title: 'a pause', change: { op: 'pause' }, words: 'Paused your programme.' },
    { title: 'a resume', change: { op: 'resume' }, words: 'Started your programme again.' },
  ];
  for (const c of cases) {
    it(c.title, () => {
      expect(describeVersionChange(c.change, name, shape)).toBe(c.words);
    });
  }

  it('never prints an object or "undefined" whatever before and after hold', () => {
    const odd: unknown[] = [null, 3, 'x', [], { dosage: 'big' }, { dosage: { amount: 'ten' } }];
    for (const before of odd) {
      for (const after of odd) {
        const words = describeVersionChange(
          { op: 'dose', exerciseId: 'bridge', before, after },
          name,
        );
        expect(words).not.toMatch(/undefined|\[object|NaN/);
        expect(words).toContain('Bridge');
      }
    }
  });
});

describe('itemFacts', () => {
  it('reads dose, times a day and note, and ignores what is not theirs', () => {
    expect(itemFacts({ dosage: HOLD, timesPerDay: 2, note: 'n', extra: 1 })).toEqual({
      dosage: HOLD,
      timesPerDay: 2,
      note: 'n',
    });
    expect(itemFacts(undefined)).toEqual({ dosage: null, timesPerDay: null, note: null });
  });
});

describe('versionHeadline', () => {
  const base: Pick<ProgrammeVersionView, 'author' | 'changes' | 'createdAt'> = {
    author: { id: 'c1', name: 'Alex Morgan, physiotherapist', role: 'clinician' },
    changes: [{ op: 'dose', exerciseId: 'bridge' }],
    createdAt: '2026-12-03T10:04:00.000Z',
  };
  const date = () => '3 December 2026';

  it('names the clinician, with a comma after a name that holds one', () => {
    expect(versionHeadline(base, date)).toBe(
      'Alex Morgan, physiotherapist, changed your programme on 3 December 2026',
    );
    expect(versionHeadline({ ...base, author: { ...base.author, name: 'Sam' } }, date)).toBe(
      'Sam changed your programme on 3 December 2026',
    );
  });

  it('says "Your clinician" without a name, and "paused" for a pause alone', () => {
    expect(
      versionHeadline(
        {
          ...base,
          author: { id: null, name: null, role: 'clinician' },
          changes: [{ op: 'pause' }],
        },
        date,
      ),
    ).toBe('Your clinician paused your programme on 3 December 2026');
  });
});

describe('newestNumber', () => {
  it('is the highest version number, whatever the order', () => {
    expect(newestNumber([{ number: 3 }, { number: 5 }, { number: 4 }])).toBe(5);
    expect(newestNumber([])).toBe(0);
  });
});

describe('newsToShow', () => {
  const pause = { number: 3, changes: [{ op: 'pause' as const }] };
  const dose = { number: 2, changes: [{ op: 'dose' as const, exerciseId: 'bridge' }] };

  it('leaves a pause to the pause notice while it stands, and shows it otherwise', () => {
    expect(newsToShow([dose, pause], true)).toEqual([dose]);
    expect(newsToShow([dose, pause], false)).toEqual([dose, pause]);
    expect(newsToShow([pause], true)).toEqual([]);
  });
});
