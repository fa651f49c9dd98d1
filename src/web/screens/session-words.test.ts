import { describe, expect, it } from 'vitest';
import type { ExerciseId } from '../../kb/types.js';
import { startSession, type Answers, type SessionState } from './session-machine.js';
import { describeChange, painReason, sessionSummary } from './session-words.js';

const NAMES: Partial<Record<ExerciseId, string>> = {
  'supine-hamstring-strap': 'Hamstring stretch',
  'knee-to-chest': 'Knee to chest',
  'glute-bridge': 'Bridge',
  'abdominal-brace': 'Abdominal brace',
  'standing-march': 'Standing march',
};
const nameOf = (id: ExerciseId) => NAMES[id] ?? id;
const FINE: Answers = {
  tooEasy: false,
  painSharper: false,
  painSpread: false,
  newNumbnessOrWeakness: false,
};

describe('describeChange', () => {
  it('says an exercise left because the plan backs off, not because it hurt itself', () => {
    const words = describeChange(
      { exerciseId: 'supine-straight-leg-raise', change: 'dropped' },
      { painSharper: false, painSpread: true },
      (id) => (id === 'supine-straight-leg-raise' ? 'Straight-leg raise' : id),
      'glute-bridge',
    );
    expect(words).toMatch(/^Straight-leg raise is out of your programme for now/);
    expect(words).toMatch(/sciatic nerve/);
  });

  it('says what was taken out, why, and what to try instead', () => {
    expect(
      describeChange(
        { exerciseId: 'supine-hamstring-strap', change: 'replaced', by: 'knee-to-chest' },
        { painSharper: false, painSpread: true },
        nameOf,
      ),
    ).toBe(
      'We have taken Hamstring stretch out of your programme because the pain spread down your leg. Try the gentler Knee to chest instead.',
    );
  });

  it('says when there is nothing gentler to offer', () => {
    expect(
      describeChange(
        { exerciseId: 'glute-bridge', change: 'dropped' },
        { painSharper: true, painSpread: false },
        nameOf,
      ),
    ).toBe(
      'We have taken Bridge out of your programme because the pain got sharper. There is no gentler exercise of its kind to offer in its place.',
    );
  });

  it('says a dose went up, in the same words as the programme', () => {
    expect(
      describeChange(
        {
          exerciseId: 'knee-to-chest',
          change: 'progressed',
          dosage: { unit: 'seconds', amount: 40, repeats: 3, sets: 1, sides: 'each' },
        },
        FINE,
        nameOf,
      ),
    ).toBe(
      'Knee to chest was too easy two sessions running, so its dose goes up one step: hold 40 seconds, 3 times, each leg.',
    );
  });

  it('says which harder exercise comes next time', () => {
    expect(
      describeChange(
        { exerciseId: 'abdominal-brace', change: 'progressed', by: 'standing-march' },
        FINE,
        nameOf,
      ),
    ).toBe(
      'Abdominal brace was too easy two sessions running, so next time you move on to Standing march.',
    );
  });
});

describe('painReason', () => {
  it.each([
    [{ painSharper: true, painSpread: false }, 'the pain got sharper'],
    [{ painSharper: false, painSpread: true }, 'the pain spread down your leg'],
    [{ painSharper: true, painSpread: true }, 'the pain got sharper and spread down your leg'],
  ])('%o → %s', (answers, words) => {
    expect(painReason(answers)).toBe(words);
  });
});

describe('sessionSummary', () => {
  const base: SessionState = { ...startSession([]), status: 'finished' };

  it('lists what was done, skipped and changed', () => {
    const summary = sessionSummary(
      {
        ...base,
        results: [
          {
            exerciseId: 'supine-hamstring-strap',
            answers: { ...FINE, painSpread: true },
            changes: [
              { exerciseId: 'supine-hamstring-strap', change: 'replaced', by: 'knee-to-chest' },
            ],
          },
          { exerciseId: 'knee-to-chest', answers: FINE, changes: [] },
        ],
        skipped: ['glute-bridge'],
      },
      nameOf,
    );
    expect(summary.done).toEqual(['Hamstring stretch', 'Knee to chest']);
    expect(summary.skipped).toEqual(['Bridge']);
    expect(summary.changes).toHaveLength(1);
    expect(summary.encouragement).toMatch(/stopping when it hurt/);
  });

  it('stays kind when nothing was done', () => {
    const summary = sessionSummary({ ...base, skipped: ['glute-bridge'] }, nameOf);
    expect(summary.done).toEqual([]);
    expect(summary.encouragement).toMatch(/that is all right/);
  });

  it('praises a session without trouble', () => {
    const summary = sessionSummary(
      { ...base, results: [{ exerciseId: 'glute-bridge', answers: FINE, changes: [] }] },
      nameOf,
    );
    expect(summary.encouragement).toMatch(/^Well done/);
  });
});
