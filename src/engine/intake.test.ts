// Intake parsing: defaults, canonical sets, and problems that name the field, the expectation and the value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contradictoryLegSideArb, intakeArb } from '../../test/arbitraries.js';
import { derive, LEG_AREAS, parseIntake, parseIntakeJson, phaseOf } from './intake.js';

const GOOD = {
  version: 1,
  age: 40,
  durationDays: 5,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
};

function problemsOf(input: unknown) {
  const r = parseIntake(input);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('parseIntake', () => {
  it('fills the documented defaults', () => {
    const r = parseIntake(GOOD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      painQuality: [],
      numbness: 'none',
      legWeakness: 'none',
      trauma: 'none',
      toeTouch: 'not-tried',
      slrTest: 'not-done',
      saddleNumbness: false,
      bladderChange: false,
    });
    expect(r.value.slrAngle).toBeUndefined();
    expect(r.value.startBack).toBeUndefined();
  });

  it('folds duplicate pain areas into a set in body order', () => {
    const r = parseIntake({ ...GOOD, painAreas: ['foot', 'lower-back', 'foot'], legSide: 'left' });
    expect(r.ok && r.value.painAreas).toEqual(['lower-back', 'foot']);
  });

  it.each([
    [{ ...GOOD, age: 15 }, 'age', 'a whole number from 16 to 110 (years)', '15'],
    [{ ...GOOD, age: 111 }, 'age', 'a whole number from 16 to 110 (years)', '111'],
    [{ ...GOOD, age: 40.5 }, 'age', 'a whole number from 16 to 110 (years)', '40.5'],
    [{ ...GOOD, age: '40' }, 'age', 'a whole number from 16 to 110 (years)', '"40"'],
    [{ ...GOOD, painNow: 11 }, 'painNow', 'a whole number from 0 to 10', '11'],
    [{ ...GOOD, durationDays: -1 }, 'durationDays', 'a whole number of days, 0 or more', '-1'],
    [{ ...GOOD, painAreas: [] }, 'painAreas', expect.stringContaining('non-empty list'), '[]'],
    [
      { ...GOOD, painAreas: ['knee'] },
      'painAreas[0]',
      expect.stringContaining('one of lower-back'),
      '"knee"',
    ],
    [{ ...GOOD, legSide: 'middle' }, 'legSide', 'one of none, left, right, both', '"middle"'],
    [{ ...GOOD, version: 2 }, 'version', expect.stringContaining('the number 1'), '2'],
    [{ ...GOOD, slrAngle: 121 }, 'slrAngle', expect.stringContaining('0 to 120'), '121'],
    [{ ...GOOD, sittingHours: 25 }, 'sittingHours', expect.stringContaining('0 to 24'), '25'],
    [{ ...GOOD, fever: 'yes' }, 'fever', 'true or false', '"yes"'],
    [{ ...GOOD, colour: 'blue' }, 'colour', expect.stringContaining('no such field'), '"blue"'],
  ])('names the field, expectation and value: %#', (input, path, expected, received) => {
    const problems = problemsOf(input);
    const hit = problems.find((p) => p.path === path);
    expect(hit).toBeDefined();
    expect(hit?.expected).toEqual(expected);
    expect(hit?.received).toBe(received);
    expect(hit?.message).toBe(`${path}: expected ${hit?.expected}, got ${received}`);
  });

  it('reports every missing required field as got nothing', () => {
    const problems = problemsOf({ version: 1 });
    expect(problems.map((p) => p.path).sort()).toEqual(
      ['age', 'durationDays', 'legSide', 'painAreas', 'painNow'].sort(),
    );
    for (const p of problems) expect(p.received).toBe('nothing');
  });

  it('rejects unknown and incomplete STarT Back answers by their nested path', () => {
    const problems = problemsOf({ ...GOOD, startBack: { q1: true, q9: 'hugely', q10: true } });
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('startBack.q9');
    expect(paths).toContain('startBack.q10');
    expect(paths).toContain('startBack.q2');
    expect(problems.find((p) => p.path === 'startBack.q9')?.expected).toContain('very-much');
  });

  it('rejects a document that is not an object', () => {
    const [p] = problemsOf([1, 2]);
    expect(p?.path).toBe('(answers)');
    expect(p?.received).toBe('[1,2]');
  });

  it('turns bad JSON into one problem instead of throwing', () => {
    const r = parseIntakeJson('{ "age": ');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toMatch(
      /^\(answers\): expected a JSON document, got text that is not JSON/,
    );
  });
});

describe('legSide against painAreas', () => {
  const cases = [
    { painAreas: ['buttock'], named: ['buttock'] },
    { painAreas: ['lower-back', 'back-of-thigh'], named: ['back-of-thigh'] },
    { painAreas: ['below-knee'], named: ['below-knee'] },
    { painAreas: ['lower-back', 'foot'], named: ['foot'] },
    { painAreas: ['foot', 'buttock', 'lower-back'], named: ['buttock', 'foot'] },
  ];
  it.each(cases)(
    'refuses $painAreas with legSide none, naming legSide and painAreas',
    ({ painAreas, named }) => {
      const problems = problemsOf({ ...GOOD, painAreas, legSide: 'none' });
      expect(problems.map((p) => p.path)).toEqual(['legSide']);
      const [p] = problems;
      expect(p?.received).toBe('"none"');
      expect(p?.expected).toMatch(/^left, right or both, because painAreas includes /);
      for (const area of named) expect(p?.expected).toContain(area);
      expect(p?.message).toBe(`legSide: expected ${p?.expected ?? ''}, got "none"`);
    },
  );

  it.each(['left', 'right', 'both'] as const)(
    'accepts the leg areas with legSide %s, and the low back alone with none',
    (legSide) => {
      expect(parseIntake({ ...GOOD, painAreas: [...LEG_AREAS], legSide }).ok).toBe(true);
      expect(parseIntake({ ...GOOD, painAreas: ['lower-back'], legSide: 'none' }).ok).toBe(true);
    },
  );

  it('refuses every buttock or leg area with legSide none (property)', () => {
    fc.assert(
      fc.property(contradictoryLegSideArb, (input) => {
        const r = parseIntake(input);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        const atLegSide = r.problems.filter((p) => p.path === 'legSide');
        expect(atLegSide).toHaveLength(1);
        expect(atLegSide[0]?.expected).toContain('painAreas');
        expect(atLegSide[0]?.message).toContain('painAreas');
        // It is the only thing wrong with these answers.
        expect(r.problems).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('the generated valid intakes never contradict themselves (property)', () => {
    fc.assert(
      fc.property(intakeArb, (input) => {
        expect(parseIntake(input).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('derived terms', () => {
  const parsed = (x: object) => {
    const r = parseIntake({ ...GOOD, ...x });
    if (!r.ok) throw new Error('bad fixture');
    return derive(r.value);
  };
  it('below-knee symptoms come from pain areas or numbness', () => {
    expect(parsed({ painAreas: ['foot'], legSide: 'left' }).belowKneeSymptoms).toBe(true);
    expect(parsed({ numbness: 'below-knee', legSide: 'left' }).belowKneeSymptoms).toBe(true);
    expect(parsed({ numbness: 'thigh', legSide: 'left' }).belowKneeSymptoms).toBe(false);
  });
  it('neurological deficit is any numbness or weakness', () => {
    expect(parsed({ numbness: 'thigh' }).neurologicalDeficit).toBe(true);
    expect(parsed({ legWeakness: 'mild' }).neurologicalDeficit).toBe(true);
    expect(parsed({}).neurologicalDeficit).toBe(false);
  });
});

describe('phase', () => {
  it.each([
    [0, 'acute'],
    [41, 'acute'],
    [42, 'subacute'],
    [84, 'subacute'],
    [85, 'chronic'],
  ] as const)('%i days is %s', (days, phase) => {
    expect(phaseOf(days)).toBe(phase);
  });
});
