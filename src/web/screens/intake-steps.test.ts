// The intake's step machine: warning signs answered explicitly, the emergency short-cut, the leg-side check,
// number checks, the answers it builds against the real contract, and problems put back on their questions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIntake } from '../../engine/intake.js';
import { QUESTIONS } from '../../engine/questions.js';
import {
  EMPTY_DRAFT,
  STEP_IDS,
  advance,
  askedQuestions,
  buildAnswers,
  carriedOver,
  repeatDraft,
  withDefaults,
  firstIncompleteStep,
  legSideConflict,
  numberError,
  orderedErrors,
  placeProblems,
  problemsInWords,
  questionOf,
  restoreSaved,
  stepErrors,
  stepIndexOf,
  stoppedCheckin,
  warningCutoff,
  warningCutoffByScan,
  warningReasons,
  warningThrough,
  withAnswer,
  withoutErrors,
  type Draft,
} from './intake-steps.js';

const WARNING_NO: Draft['values'] = {
  saddleNumbness: false,
  bladderChange: false,
  bowelChange: false,
  sexualDysfunction: false,
  trauma: 'none',
  legWeakness: 'none',
  fever: false,
  fractureRisk: false,
  cancerHistory: false,
  weightLoss: false,
  nightPainConstant: false,
  thoracicPain: false,
  immunosuppressed: false,
};

const REQUIRED: Draft['values'] = {
  age: '42',
  durationDays: '10',
  painNow: '4',
  painAreas: ['lower-back', 'buttock'],
  legSide: 'left',
  numbness: 'none',
};

const draftOf = (values: Draft['values'], extra: Partial<Draft> = {}): Draft => ({
  ...EMPTY_DRAFT,
  ...extra,
  values,
});

const step = (id: (typeof STEP_IDS)[number]) => stepIndexOf(id);

describe('the steps', () => {
  it('are the sections that have questions, warning signs first, then the optional STarT Back', () => {
    expect(STEP_IDS[0]).toBe('warning-signs');
    expect(STEP_IDS.at(-1)).toBe('start-back');
    // "Your health" has no questions of its own, so it is not a step.
    expect(STEP_IDS).not.toContain('history');
    expect(STEP_IDS).toHaveLength(8);
  });
});

describe('warning signs', () => {
  it('refuses Next until every warning-sign question is answered, naming each one', () => {
    const next = advance(0, EMPTY_DRAFT);
    if (next.kind !== 'errors') throw new Error(next.kind);
    const keys = orderedErrors(next.errors).map((e) => e.key);
    // Leg weakness getting worse is only asked after a weak leg, as in the terminal interview.
    expect(keys).toEqual(
      QUESTIONS.filter((q) => q.section === 'warning-signs' && q.field !== 'weaknessWorsening').map(
        (q) => q.field,
      ),
    );
    expect(next.errors.saddleNumbness).toBe('Choose Yes or No.');
  });

  it('never treats one unanswered warning sign as no', () => {
    const { fever: _fever, ...rest } = WARNING_NO;
    const next = advance(0, draftOf(rest));
    expect(next).toEqual({ kind: 'errors', errors: { fever: 'Choose Yes or No.' } });
  });

  it('moves on once all are answered', () => {
    expect(advance(0, draftOf(WARNING_NO))).toEqual({ kind: 'step', step: 1 });
  });

  it('asks whether weakness is getting worse only after a weak leg', () => {
    const weak = draftOf({ ...WARNING_NO, legWeakness: 'mild' });
    const next = advance(0, weak);
    expect(next).toEqual({ kind: 'errors', errors: { weaknessWorsening: 'Choose Yes or No.' } });
  });
});

const codesOf = (d: Draft, at?: number) =>
  (warningThrough(d, at)?.reasons ?? []).map((r) => r.code);

describe('stopping at a warning', () => {
  it('stops at a bladder change and asks nothing after it, as the terminal interview does', () => {
    const d = draftOf({ saddleNumbness: false, bladderChange: true });
    // The second question of the step is where it stops; the rest need no answer.
    expect(warningCutoff(0, d)).toBe(1);
    const next = advance(0, d);
    expect(next.kind).toBe('stop');
    if (next.kind !== 'stop') return;
    expect(next.warning.level).toBe('emergency');
    expect(next.warning.reasons.map((r) => r.code)).toEqual(['cauda-equina-bladder']);
    expect(next.warning.reasons[0]?.answers).toEqual(['bladderChange']);
  });

  it('stops at a major accident even with earlier questions left unanswered', () => {
    const d = draftOf({ trauma: 'major' });
    expect(warningCutoff(0, d)).toBe(4);
    expect(codesOf(d, 0)).toEqual(['major-trauma']);
  });

  it('stops at a foot drop at once: urgent when stable, an emergency once it is getting worse', () => {
    const stable = draftOf({ ...WARNING_NO, legWeakness: 'foot-drop', weaknessWorsening: false });
    expect(advance(0, stable)).toMatchObject({ kind: 'stop', warning: { level: 'urgent' } });
    expect(codesOf(stable, 0)).toEqual(['foot-drop']);
    const worse = draftOf({ ...WARNING_NO, legWeakness: 'foot-drop', weaknessWorsening: true });
    expect(advance(0, worse)).toMatchObject({ kind: 'stop', warning: { level: 'emergency' } });
    expect(codesOf(worse, 0)).toEqual(['progressive-foot-drop']);
  });

  it('stops at a fever (urgent), not only at emergencies', () => {
    const d = draftOf({ saddleNumbness: false, fever: true });
    expect(advance(0, d)).toMatchObject({ kind: 'stop', warning: { level: 'urgent' } });
    expect(codesOf(d, 0)).toEqual(['possible-infection']);
  });

  it('stops at pain of 8 on the second step', () => {
    const about = step('about-you');
    const d = draftOf({ ...WARNING_NO, painNow: '8' });
    expect(warningCutoff(about, d)).not.toBeNull();
    expect(codesOf(d, about)).toEqual(['severe-pain']);
  });

  it('waits for the leg side before sexual dysfunction is an emergency, then stops there', () => {
    const d = draftOf({ ...WARNING_NO, sexualDysfunction: true });
    expect(advance(0, d)).toEqual({ kind: 'step', step: 1 });
    const later = draftOf({ ...WARNING_NO, ...REQUIRED, sexualDysfunction: true });
    const where = step('where-it-hurts');
    const asked = QUESTIONS.filter((q) => q.section === 'where-it-hurts').map((q) => q.field);
    expect(warningCutoff(where, later)).toBe(asked.indexOf('legSide'));
    expect(codesOf(later, where)).toEqual(['cauda-equina-sexual']);
  });

  it('stops on numbness in both legs', () => {
    const d = draftOf({ ...WARNING_NO, ...REQUIRED, legSide: 'both', numbness: 'thigh' });
    const where = step('where-it-hurts');
    expect(codesOf(d, where)).toEqual(['bilateral-neurological']);
  });

  it('does not fire on an answer that is not given yet', () => {
    expect(warningThrough(EMPTY_DRAFT)).toBeNull();
    expect(codesOf(draftOf({ sexualDysfunction: true }))).toEqual([]);
    // A minor fall is only a warning with osteoporosis, steroids or age 70 or more: none given yet.
    expect(codesOf(draftOf({ trauma: 'minor' }))).toEqual([]);
    expect(codesOf(draftOf({ trauma: 'minor', age: '71' }))).toEqual(['possible-fracture']);
  });

  it('explains each warning with the answers behind it', () => {
    const reasons = warningReasons(['progressive-foot-drop'], {
      legWeakness: 'foot-drop',
      weaknessWorsening: true,
    });
    expect(reasons[0]?.answers).toEqual([
      {
        question: questionOf('legWeakness').text,
        answer: 'Yes, the foot slaps or catches (foot drop)',
      },
      { question: questionOf('weaknessWorsening').text, answer: 'Yes' },
    ]);
  });

  it('stores only what was answered, and never a side of none with a leg area', () => {
    const d = draftOf({ saddleNumbness: false, bladderChange: true });
    expect(stoppedCheckin(d)).toEqual({
      warningSigns: { saddleNumbness: false, bladderChange: true },
    });
    const later = draftOf({
      ...WARNING_NO,
      age: '45',
      painNow: '6',
      painAreas: ['lower-back', 'foot'],
      legSide: 'none',
      sexualDysfunction: true,
    });
    const stored = stoppedCheckin(later);
    expect(stored).toMatchObject({ age: 45, painNow: 6, painAreas: ['lower-back', 'foot'] });
    expect(stored.legSide).toBeUndefined();
    expect(stored.warningSigns.sexualDysfunction).toBe(true);
  });

  it('builds answers the contract accepts, leaving out the steps it never reached', () => {
    const d = draftOf({
      saddleNumbness: true,
      ...REQUIRED,
      worseSitting: true,
    });
    const answers = buildAnswers(d, 0);
    expect(answers).toEqual({
      version: 1,
      saddleNumbness: true,
      age: 42,
      durationDays: 10,
      painNow: 4,
      painAreas: ['lower-back', 'buttock'],
      legSide: 'left',
    });
    expect(parseIntake(answers).ok).toBe(true);
  });
});

describe('where it hurts', () => {
  const where = step('where-it-hurts');

  it('refuses no leg symptoms together with leg areas, naming them', () => {
    const d = draftOf({ painAreas: ['lower-back', 'buttock', 'foot'], legSide: 'none' });
    expect(legSideConflict(d.values)).toMatch(/buttock and foot/);
    expect(stepErrors('where-it-hurts', d).legSide).toMatch(/No buttock or leg symptoms/);
    expect(advance(where, draftOf({ ...REQUIRED, ...d.values })).kind).toBe('errors');
  });

  it('accepts no leg symptoms with lower back pain only', () => {
    const d = draftOf({ painAreas: ['lower-back'], legSide: 'none', numbness: 'none' });
    expect(legSideConflict(d.values)).toBeUndefined();
    expect(stepErrors('where-it-hurts', d)).toEqual({});
  });

  it('needs at least one area and a side', () => {
    const errors = stepErrors('where-it-hurts', draftOf({ painAreas: [] }));
    expect(errors).toEqual({
      painAreas: 'Choose at least one.',
      legSide: 'Choose one answer.',
      numbness: 'Choose one answer.',
    });
  });
});

describe('numbers', () => {
  it.each([
    ['age', '', undefined],
    ['age', '40', undefined],
    ['age', 'forty', 'Enter a whole number from 16 to 110, using digits only.'],
    ['age', '40.5', 'Enter a whole number from 16 to 110, without a decimal point.'],
    ['age', '111', 'Enter a whole number from 16 to 110.'],
    ['durationDays', '-1', 'Enter a whole number of 0 or more.'],
    ['sittingHours', '7,5', undefined],
    ['sittingHours', '25', 'Enter a number from 0 to 24.'],
    ['slrAngle', '130', 'Enter a whole number from 0 to 120.'],
  ] as const)('%s %j → %j', (field, text, message) => {
    expect(numberError(questionOf(field), text)).toBe(message);
  });

  it('tells someone under 16 kindly who Backchain is for', () => {
    expect(numberError(questionOf('age'), '15')).toMatch(/aged 16 or over/);
  });

  it('needs the pain slider moved, and age and days typed', () => {
    const errors = stepErrors('about-you', EMPTY_DRAFT);
    expect(errors.painNow).toMatch(/slider/);
    expect(errors.age).toBe('Enter your age in years.');
    expect(errors.durationDays).toBe('Enter a number.');
  });

  it('leaves out an optional number left empty and reads a decimal comma', () => {
    const answers = buildAnswers(
      draftOf({ slrTest: 'thigh-pull', slrAngle: '', sittingHours: '7,5' }),
    );
    expect(answers).not.toHaveProperty('slrAngle');
    expect(answers).toHaveProperty('sittingHours', 7.5);
  });
});

describe('the answers', () => {
  const complete: Draft = draftOf({
    ...WARNING_NO,
    ...REQUIRED,
    painQuality: ['pulling'],
    worseSitting: true,
    hamstringTightness: false,
    toeTouch: 'short',
    slrTest: 'thigh-pull',
    slrAngle: '55',
    activity: 'sedentary',
  });

  it('pass the real contract and keep unanswered optional questions out', () => {
    const answers = buildAnswers(complete);
    const parsed = parseIntake(answers);
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.message)).toEqual([]);
    expect(answers).not.toHaveProperty('worseBending');
    expect(answers).toMatchObject({ slrAngle: 55, painNow: 4, worseSitting: true });
    expect(firstIncompleteStep(complete)).toBeNull();
  });

  it('drop an answer whose question is no longer asked', () => {
    let values = withAnswer(complete.values, 'legWeakness', 'mild');
    values = withAnswer(values, 'weaknessWorsening', true);
    values = withAnswer(values, 'legWeakness', 'none');
    expect(buildAnswers(draftOf(values))).not.toHaveProperty('weaknessWorsening');
    values = withAnswer(values, 'slrTest', 'not-done');
    expect(buildAnswers(draftOf(values))).not.toHaveProperty('slrAngle');
  });

  it('include STarT Back only when chosen and complete', () => {
    expect(buildAnswers({ ...complete, wantsStartBack: false })).not.toHaveProperty('startBack');
    const partial: Draft = { ...complete, wantsStartBack: true, startBack: { q1: true } };
    expect(Object.keys(stepErrors('start-back', partial))).toEqual([
      'startBack.q2',
      'startBack.q3',
      'startBack.q4',
      'startBack.q5',
      'startBack.q6',
      'startBack.q7',
      'startBack.q8',
      'startBack.q9',
    ]);
    const full: Draft = {
      ...complete,
      wantsStartBack: true,
      startBack: {
        q1: true,
        q2: false,
        q3: false,
        q4: false,
        q5: false,
        q6: true,
        q7: false,
        q8: false,
        q9: 'moderately',
      },
    };
    expect(stepErrors('start-back', full)).toEqual({});
    const parsed = parseIntake(buildAnswers(full));
    expect(parsed.ok && parsed.value.startBack?.q9).toBe('moderately');
  });

  it('finds the first step left incomplete', () => {
    const { painNow: _p, ...rest } = complete.values;
    expect(firstIncompleteStep(draftOf(rest))).toEqual({
      step: step('about-you'),
      errors: { painNow: 'Move the slider to choose a number from 0 to 10.' },
    });
  });
});

describe('problems from the assessment', () => {
  const problem = (path: string) => ({
    path,
    expected: 'something',
    received: '"x"',
    message: `${path}: expected something, got "x"`,
  });

  it('are put back on their questions and the earliest step', () => {
    const placed = placeProblems([
      problem('answers.startBack.q9'),
      problem('answers.painAreas[0]'),
      problem('answers.age'),
      problem('answers.somethingElse'),
    ]);
    expect(Object.keys(placed.errors)).toEqual(['startBack.q9', 'painAreas', 'age']);
    expect(placed.firstStep).toBe(step('about-you'));
    expect(placed.unplaced.map((p) => p.path)).toEqual(['answers.somethingElse']);
    expect(placed.errors.age).toBe('This answer was not accepted: expected something, got "x".');
  });

  it('name the question in words', () => {
    expect(problemsInWords([problem('answers.age')])[0]).toMatchObject({
      path: 'How old are you?',
      message: 'expected something, got "x"',
    });
  });
});

describe('the saved draft', () => {
  it('comes back as it was', () => {
    const saved = { step: 3, draft: draftOf({ age: '40', fever: false, painAreas: ['foot'] }) };
    expect(restoreSaved(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it('keeps only what has the right shape', () => {
    expect(restoreSaved('nonsense')).toBeNull();
    expect(restoreSaved({ step: 2 })).toBeNull();
    expect(
      restoreSaved({
        step: 99,
        draft: {
          values: { age: '40', made: 'up', fever: 3 },
          startBack: { q1: true, q10: true },
          wantsStartBack: 'yes',
        },
      }),
    ).toEqual({ step: 0, draft: { values: { age: '40' }, startBack: { q1: true } } });
  });
});

describe('errors', () => {
  it('are removed by key', () => {
    expect(withoutErrors({ age: 'a', legSide: 'b' }, ['legSide'])).toEqual({ age: 'a' });
  });
});

describe('asking only what applies', () => {
  const asked = (id: (typeof STEP_IDS)[number], values: Draft['values']) =>
    askedQuestions(id, values).map((q) => q.field);

  it('asks about leg pain on coughing, crossing the legs and buttock pain only with buttock or leg symptoms', () => {
    const back: Draft['values'] = { ...REQUIRED, painAreas: ['lower-back'], legSide: 'none' };
    for (const field of ['worseCoughSneeze', 'hipRotationProvokes', 'deepButtockPainSitting']) {
      expect(asked('pattern', back)).not.toContain(field);
      expect(asked('pattern', REQUIRED)).toContain(field);
    }
    // A side chosen with the lower back alone still counts: numbness or weakness are leg symptoms too.
    expect(asked('pattern', { ...back, legSide: 'left' })).toContain('worseCoughSneeze');
  });

  it('asks about bruising only after a thigh injury or with pain in the back of the thigh', () => {
    expect(asked('thigh', { ...REQUIRED, thighInjury: false })).not.toContain('thighBruising');
    expect(asked('thigh', { ...REQUIRED, thighInjury: true })).toContain('thighBruising');
    expect(asked('thigh', { ...REQUIRED, painAreas: ['lower-back', 'back-of-thigh'] })).toContain(
      'thighBruising',
    );
  });

  it('never asks someone whose pain reaches below the knee to pull the toes up during the leg raise', () => {
    const raised: Draft['values'] = { ...REQUIRED, slrTest: 'thigh-pull' };
    expect(asked('self-tests', raised)).toContain('slrDorsiflexionWorse');
    expect(
      asked('self-tests', { ...raised, painAreas: ['lower-back', 'below-knee'] }),
    ).not.toContain('slrDorsiflexionWorse');
    expect(asked('self-tests', { ...raised, numbness: 'foot' })).not.toContain(
      'slrDorsiflexionWorse',
    );
    // The leg raise itself already brought on pain below the knee: nothing to provoke again.
    expect(asked('self-tests', { ...REQUIRED, slrTest: 'leg-pain-below-knee' })).not.toContain(
      'slrDorsiflexionWorse',
    );
  });

  it('leaves an unasked question out of the answers, so the contract default applies', () => {
    const values = { ...WARNING_NO, ...REQUIRED, painAreas: ['lower-back'], legSide: 'none' };
    const answers = buildAnswers(draftOf({ ...values, worseCoughSneeze: true }));
    expect(answers).not.toHaveProperty('worseCoughSneeze');
  });
});

describe('a repeat intake', () => {
  const last = parseIntake({
    version: 1,
    age: 42,
    durationDays: 10,
    painNow: 6,
    painAreas: ['lower-back', 'buttock'],
    legSide: 'left',
    numbness: 'thigh',
    cancerHistory: true,
    fractureRisk: true,
    worseSitting: true,
    sittingHours: 7.5,
    activity: 'light',
    slrTest: 'thigh-pull',
  });
  if (!last.ok) throw new Error('the last answers must parse');

  it('starts from the last answers, except the warning signs and what can change from day to day', () => {
    const draft = repeatDraft(last.value, '2026-11-01', '2026-11-15');
    expect(draft.values.age).toBe('42');
    expect(draft.values.painAreas).toEqual(['lower-back', 'buttock']);
    expect(draft.values.worseSitting).toBe(true);
    expect(draft.values.sittingHours).toBe('7.5');
    expect(draft.values.slrTest).toBe('thigh-pull');
    // The days since the pain began move on by the days since then.
    expect(draft.values.durationDays).toBe('24');
    for (const field of [
      'cancerHistory',
      'fractureRisk',
      'saddleNumbness',
      'trauma',
      'legWeakness',
      'painNow',
      'legSide',
      'numbness',
    ] as const) {
      expect(draft.values[field], field).toBeUndefined();
    }
    expect(draft.wantsStartBack).toBeUndefined();
  });

  it('carries over no warning-sign question, and age is the one warning-rule answer it keeps', () => {
    for (const q of QUESTIONS) {
      if (q.section === 'warning-signs') expect(carriedOver(q), q.field).toBe(false);
      if (q.warning && q.field !== 'age') expect(carriedOver(q), q.field).toBe(false);
    }
    expect(carriedOver(questionOf('age'))).toBe(true);
  });

  it('never overwrites an answer already given', () => {
    const given = draftOf({ age: '43' });
    const merged = withDefaults(given, repeatDraft(last.value, '2026-11-01', '2026-11-01'));
    expect(merged.values.age).toBe('43');
    expect(merged.values.worseSitting).toBe(true);
  });
});

/** Any partial set of answers: each question unanswered or given a value of its kind (text for numbers). */
const anyValues: fc.Arbitrary<Draft['values']> = fc.record(
  Object.fromEntries(
    QUESTIONS.map((q) => {
      const options = (q.options ?? []).map((o) => o.value);
      const value: fc.Arbitrary<boolean | string | string[]> =
        q.kind === 'yes-no'
          ? fc.boolean()
          : q.kind === 'choice'
            ? fc.constantFrom(...options)
            : q.kind === 'multi'
              ? fc.subarray(options)
              : fc.constantFrom('', '0', '7', '8', '10', '16', '45', '70', '110', '3650');
      return [q.field, value];
    }),
  ),
  { requiredKeys: [] },
);

describe('the quick search for where a warning stops', () => {
  it('stops exactly where asking after every question would, on every step', () => {
    fc.assert(
      fc.property(anyValues, fc.nat({ max: STEP_IDS.length - 1 }), (values, step) => {
        const d: Draft = { values, startBack: {} };
        expect(warningCutoff(step, d)).toBe(warningCutoffByScan(step, d));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the stop on the first step for a single warning answer anywhere in it', () => {
    fc.assert(
      fc.property(anyValues, (values) => {
        const d: Draft = { values: { ...values, bladderChange: true }, startBack: {} };
        const cutoff = warningCutoff(0, d);
        expect(cutoff).not.toBeNull();
        expect(cutoff).toBe(warningCutoffByScan(0, d));
      }),
      { numRuns: 200 },
    );
  });
});
