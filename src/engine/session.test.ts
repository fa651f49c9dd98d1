// Sessions and the stop rules: dose steps, dropping and gentler replacements, the warning re-check, progression; and their safety property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intakeArb } from '../../test/arbitraries.js';
import { knowledgeBase } from '../kb/index.js';
import { EXERCISE_IDS, type Dosage, type Exercise, type ExerciseId } from '../kb/types.js';
import { assessAndPlan } from './assess.js';
import { parseIntake, type Intake, type IntakeInput } from './intake.js';
import {
  activeExclusions,
  isPermitted,
  startingDosage,
  type PrescribedDosage,
  type Programme,
} from './plan.js';
import {
  applySession,
  clearWarningCheck,
  initialProgrammeState,
  nextDosage,
  type Felt,
  type ProgrammeState,
  type SessionEntry,
  type SessionOutcome,
} from './session.js';

const kb = knowledgeBase;

/** Subacute, no warning signs: the `allowed` gate with no exclusions. */
const BASE: IntakeInput = {
  version: 1,
  age: 35,
  durationDays: 60,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
};
const GENTLE_ONLY: Partial<IntakeInput> = { painNow: 9 };
const ACUTE: Partial<IntakeInput> = { durationDays: 20 };

const exercise = (id: ExerciseId): Exercise => {
  const ex = kb.exercises.find((e) => e.id === id);
  if (!ex) throw new Error(id);
  return ex;
};

function parse(input: IntakeInput): Intake {
  const parsed = parseIntake(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.value;
}

/** A programme for these answers whose items are exactly `ids`, at their starting doses unless given. */
function setUp(
  over: Partial<IntakeInput>,
  ids: ExerciseId[],
  doses: Partial<Record<ExerciseId, Partial<PrescribedDosage>>> = {},
): { programme: Programme; answers: Intake } {
  const answers = parse({ ...BASE, ...over });
  const result = assessAndPlan(answers, kb);
  if (!result.ok) throw new Error('assessment failed');
  const programme: Programme = {
    ...result.value.programme,
    items: ids.map((id) => {
      const ex = exercise(id);
      return {
        exerciseId: id,
        kind: ex.kind,
        dosage: { ...startingDosage(ex.dosage), ...doses[id] },
        timesPerDay: ex.dosage.timesPerDay.min,
        serves: [...ex.serves],
        cautions: [],
      };
    }),
  };
  return { programme, answers };
}

function entry(exerciseId: ExerciseId, over: Partial<SessionEntry> = {}): SessionEntry {
  return {
    exerciseId,
    planned: null,
    done: {},
    felt: 'same',
    painSharper: false,
    painSpread: false,
    ...over,
  };
}

interface Run {
  programme: Programme;
  state: ProgrammeState;
  answers: Intake;
  outcomes: SessionOutcome[];
}

/** Applies sessions one after another, as the server would. */
function run(
  start: { programme: Programme; answers: Intake; state?: ProgrammeState },
  sessions: { date: string; entries: SessionEntry[] }[],
): Run {
  let programme = start.programme;
  let state = start.state ?? initialProgrammeState();
  const outcomes: SessionOutcome[] = [];
  for (const s of sessions) {
    const outcome = applySession(
      { programme, state, entries: s.entries, date: s.date, answers: start.answers },
      kb,
    );
    outcomes.push(outcome);
    ({ programme, state } = outcome);
  }
  return { programme, state, answers: start.answers, outcomes };
}

const ids = (p: Programme) => p.items.map((i) => i.exerciseId);
const felt = (id: ExerciseId, how: Felt[]) =>
  how.map((f, day) => ({
    date: `2026-03-${String(day + 1).padStart(2, '0')}`,
    entries: [entry(id, { felt: f })],
  }));

describe('nextDosage', () => {
  const sets13: Dosage = {
    unit: 'seconds',
    range: { min: 10, max: 10 },
    repeats: { min: 10, max: 10 },
    sets: { min: 1, max: 3 },
    sides: 'none',
    timesPerDay: { min: 1, max: 1 },
  };
  const cases: {
    name: string;
    dosage: Dosage;
    from: Partial<PrescribedDosage>;
    to: Partial<PrescribedDosage> | null;
  }[] = [
    {
      name: 'a hold gains 10 s',
      dosage: exercise('knee-to-chest').dosage,
      from: { amount: 30 },
      to: { amount: 40 },
    },
    {
      name: 'a hold stops at the top of its range',
      dosage: exercise('knee-to-chest').dosage,
      from: { amount: 55 },
      to: { amount: 60 },
    },
    {
      name: 'repetitions gain 5',
      dosage: exercise('glute-bridge').dosage,
      from: { amount: 20 },
      to: { amount: 25 },
    },
    {
      name: 'repetitions stop at the top of their range',
      dosage: exercise('glute-bridge').dosage,
      from: { amount: 28 },
      to: { amount: 30 },
    },
    {
      name: 'then the repeats go up',
      dosage: exercise('supine-hamstring-gentle').dosage,
      from: { amount: 30, repeats: 2 },
      to: { amount: 30, repeats: 3 },
    },
    { name: 'then the sets go up', dosage: sets13, from: { sets: 1 }, to: { sets: 2 } },
    {
      name: 'null at the top of every range',
      dosage: exercise('supine-hamstring-gentle').dosage,
      from: { amount: 30, repeats: 3 },
      to: null,
    },
    {
      name: 'null for a single-dose exercise',
      dosage: exercise('figure-four').dosage,
      from: {},
      to: null,
    },
    {
      name: 'null for reps at their maximum',
      dosage: exercise('glute-bridge').dosage,
      from: { amount: 30 },
      to: null,
    },
  ];
  it.each(cases)('$name', ({ dosage, from, to }) => {
    const current = { ...startingDosage(dosage), ...from };
    expect(nextDosage(current, dosage)).toEqual(to === null ? null : { ...current, ...to });
  });

  it('gives null for a dose counted in another unit than the range', () => {
    const bridge = exercise('glute-bridge');
    const holds = bridge.alternativeDosage?.dosage;
    if (!holds) throw new Error('the bridge has a dosage with holds');
    expect(nextDosage(startingDosage(holds), bridge.dosage)).toBeNull();
  });

  it('does not change the dose it is given', () => {
    const current = startingDosage(exercise('knee-to-chest').dosage);
    const copy = { ...current };
    nextDosage(current, exercise('knee-to-chest').dosage);
    expect(current).toEqual(copy);
  });
});

describe('applySession: pain that sharpens or spreads', () => {
  const cases: {
    name: string;
    over: Partial<IntakeInput>;
    plan: ExerciseId[];
    hurt: ExerciseId;
    by: ExerciseId | null;
  }[] = [
    {
      name: 'wall stretch → gentle supine stretch',
      over: {},
      plan: ['hamstring-wall-stretch', 'abdominal-brace'],
      hurt: 'hamstring-wall-stretch',
      by: 'supine-hamstring-gentle',
    },
    {
      name: 'active stretch → the nearest gentler rung, the strap stretch',
      over: {},
      plan: ['active-hamstring-stretch', 'abdominal-brace'],
      hurt: 'active-hamstring-stretch',
      by: 'supine-hamstring-strap',
    },
    {
      name: 'below-knee symptoms skip the strap stretch, which they exclude',
      over: { painAreas: ['lower-back', 'below-knee'] },
      plan: ['supine-hamstring-strap', 'abdominal-brace'],
      hurt: 'supine-hamstring-strap',
      by: 'hamstring-wall-stretch',
    },
    {
      name: 'a regression already in the plan is skipped',
      over: {},
      plan: ['glute-bridge', 'abdominal-brace'],
      hurt: 'glute-bridge',
      by: 'standing-march',
    },
    {
      name: 'gentle-only offers only a gentle regression',
      over: GENTLE_ONLY,
      plan: ['supine-straight-leg-raise'],
      hurt: 'supine-straight-leg-raise',
      by: 'standing-march',
    },
    {
      name: 'nothing gentler exists: dropped',
      over: {},
      plan: ['knee-to-chest', 'abdominal-brace'],
      hurt: 'knee-to-chest',
      by: null,
    },
  ];

  for (const how of ['painSpread', 'painSharper'] as const) {
    it.each(cases)(`${how}: $name`, ({ over, plan, hurt, by }) => {
      const start = setUp(over, plan);
      const out = applySession(
        {
          ...start,
          state: initialProgrammeState(),
          entries: [entry(hurt, { [how]: true })],
          date: '2026-03-10',
        },
        kb,
      );
      expect(out.state.dropped).toEqual([hurt]);
      expect(ids(out.programme)).not.toContain(hurt);
      if (by === null) {
        expect(out.changes).toEqual([{ exerciseId: hurt, change: 'dropped' }]);
        expect(out.programme.items).toHaveLength(plan.length - 1);
      } else {
        expect(out.changes).toEqual([{ exerciseId: hurt, change: 'replaced', by }]);
        // Same position, starting dose.
        const at = plan.indexOf(hurt);
        expect(out.programme.items[at]?.exerciseId).toBe(by);
        expect(out.programme.items[at]?.dosage).toEqual(startingDosage(exercise(by).dosage));
      }
    });
  }

  it('never brings back an exercise dropped earlier, even as a replacement', () => {
    const start = setUp({}, ['active-hamstring-stretch', 'abdominal-brace']);
    const state: ProgrammeState = {
      ...initialProgrammeState(),
      dropped: ['supine-hamstring-strap'],
    };
    const out = applySession(
      {
        ...start,
        state,
        entries: [entry('active-hamstring-stretch', { painSharper: true })],
        date: '2026-03-10',
      },
      kb,
    );
    expect(out.changes).toEqual([
      { exerciseId: 'active-hamstring-stretch', change: 'replaced', by: 'hamstring-wall-stretch' },
    ]);
  });

  it('keeps a stretch paired: a dropped strengthening exercise gives way to the gentlest one left', () => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    const out = applySession(
      {
        ...start,
        state: initialProgrammeState(),
        entries: [entry('abdominal-brace', { painSharper: true })],
        date: '2026-03-10',
      },
      kb,
    );
    expect(ids(out.programme)).toEqual(['knee-to-chest', 'standing-march']);
    expect(out.changes).toEqual([
      { exerciseId: 'abdominal-brace', change: 'replaced', by: 'standing-march' },
    ]);
  });

  it('says so in plain words when no strengthening exercise is left to pair with a stretch', () => {
    const start = setUp(GENTLE_ONLY, ['knee-to-chest', 'abdominal-brace']);
    const state: ProgrammeState = { ...initialProgrammeState(), dropped: ['standing-march'] };
    const out = applySession(
      {
        ...start,
        state,
        entries: [entry('abdominal-brace', { painSharper: true })],
        date: '2026-03-10',
      },
      kb,
    );
    expect(ids(out.programme)).toEqual(['knee-to-chest']);
    expect(out.programme.notes.join(' ')).toMatch(/physiotherapist/);
  });

  it('ignores entries for exercises outside the plan when changing the plan', () => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    const out = applySession(
      {
        ...start,
        state: initialProgrammeState(),
        entries: [entry('glute-bridge', { painSharper: true })],
        date: '2026-03-10',
      },
      kb,
    );
    expect(out.changes).toEqual([]);
    expect(out.state.dropped).toEqual([]);
    expect(out.programme.items).toEqual(start.programme.items);
  });
});

describe('applySession: the warning-sign re-check', () => {
  const spreadOn = (date: string) => ({
    date,
    entries: [entry('knee-to-chest', { painSpread: true })],
  });
  const cases = [
    { name: 'second spread the same day', first: '2026-03-10', then: true },
    { name: 'second spread 6 days later', first: '2026-03-04', then: true },
    { name: 'second spread 7 days later (outside the week)', first: '2026-03-03', then: false },
    { name: 'second spread 8 days later', first: '2026-03-02', then: false },
  ];
  it.each(cases)('$name → $then', ({ first, then }) => {
    // The first spread came during a session of an exercise that has since gone; the plan still has knee-to-chest.
    const start = setUp({}, ['knee-to-chest', 'figure-four', 'abdominal-brace']);
    const state: ProgrammeState = { ...initialProgrammeState(), spreadEpisodes: [first] };
    const out = run({ ...start, state }, [spreadOn('2026-03-10')]);
    expect(out.outcomes[0]?.warningCheckRequired).toBe(then);
    expect(out.state.warningCheckRequired).toBe(then);
    expect(out.state.spreadEpisodes).toEqual([first, '2026-03-10']);
  });

  it('a first spread alone does not call for the re-check', () => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    expect(run(start, [spreadOn('2026-03-10')]).state.warningCheckRequired).toBe(false);
  });

  it('two spreads in two sessions 5 days apart call for it', () => {
    const start = setUp({}, ['knee-to-chest', 'figure-four', 'abdominal-brace']);
    const out = run(start, [
      spreadOn('2026-03-05'),
      { date: '2026-03-10', entries: [entry('figure-four', { painSpread: true })] },
    ]);
    expect(out.outcomes.map((o) => o.warningCheckRequired)).toEqual([false, true]);
  });

  it('new numbness or weakness calls for it at once', () => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    const out = run(start, [
      { date: '2026-03-10', entries: [entry('abdominal-brace', { newNumbnessOrWeakness: true })] },
    ]);
    expect(out.outcomes[0]?.warningCheckRequired).toBe(true);
    expect(out.state.warningCheckRequired).toBe(true);
    // Numbness is not a stop-rule pain: the exercise stays.
    expect(ids(out.programme)).toEqual(['knee-to-chest', 'abdominal-brace']);
  });

  it('counts warning signs even from an entry outside the plan', () => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    const out = run(start, [
      { date: '2026-03-10', entries: [entry('glute-bridge', { newNumbnessOrWeakness: true })] },
    ]);
    expect(out.state.warningCheckRequired).toBe(true);
  });

  it('keeps an earlier call until the check-in clears it', () => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    const state: ProgrammeState = { ...initialProgrammeState(), warningCheckRequired: true };
    const out = run({ ...start, state }, [
      { date: '2026-03-10', entries: [entry('knee-to-chest')] },
    ]);
    expect(out.outcomes[0]?.warningCheckRequired).toBe(false);
    expect(out.state.warningCheckRequired).toBe(true);
    const cleared = clearWarningCheck(out.state);
    expect(cleared.warningCheckRequired).toBe(false);
    expect(out.state.warningCheckRequired).toBe(true);
    expect({ ...cleared, warningCheckRequired: true }).toEqual(out.state);
  });
});

describe('applySession: progression', () => {
  it('raises the dose after two sessions running that felt too easy', () => {
    const out = run(
      setUp({}, ['knee-to-chest', 'abdominal-brace']),
      felt('knee-to-chest', ['easier', 'easier']),
    );
    const dosage = { ...startingDosage(exercise('knee-to-chest').dosage), amount: 40 };
    expect(out.outcomes[0]?.changes).toEqual([]);
    expect(out.outcomes[1]?.changes).toEqual([
      { exerciseId: 'knee-to-chest', change: 'progressed', dosage },
    ]);
    expect(out.programme.items[0]?.dosage).toEqual(dosage);
    expect(out.state.easyStreak['knee-to-chest']).toBe(0);
  });

  const noProgression: Felt[][] = [
    ['easier', 'same', 'easier'],
    ['easier', 'harder', 'easier'],
    ['easier'],
    ['same', 'same', 'same'],
  ];
  it.each(noProgression)('does not progress after %s', (...how) => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    const out = run(start, felt('knee-to-chest', how));
    expect(out.outcomes.flatMap((o) => o.changes)).toEqual([]);
    expect(out.programme.items).toEqual(start.programme.items);
  });

  it('counts one session once, however many times an exercise is logged in it', () => {
    const start = setUp({}, ['knee-to-chest', 'abdominal-brace']);
    const twice = [
      entry('knee-to-chest', { felt: 'easier' }),
      entry('knee-to-chest', { felt: 'easier' }),
    ];
    const out = run(start, [{ date: '2026-03-10', entries: twice }]);
    expect(out.outcomes[0]?.changes).toEqual([]);
    expect(out.state.easyStreak['knee-to-chest']).toBe(1);
  });

  it('moves to the next exercise of the ladder at the top of the range', () => {
    const start = setUp({}, ['supine-hamstring-gentle', 'abdominal-brace'], {
      'supine-hamstring-gentle': { amount: 30, repeats: 3 },
    });
    const out = run(start, felt('supine-hamstring-gentle', ['easier', 'easier']));
    expect(out.outcomes[1]?.changes).toEqual([
      { exerciseId: 'supine-hamstring-gentle', change: 'progressed', by: 'hamstring-wall-stretch' },
    ]);
    expect(out.programme.items[0]?.exerciseId).toBe('hamstring-wall-stretch');
    expect(out.programme.items[0]?.dosage).toEqual(
      startingDosage(exercise('hamstring-wall-stretch').dosage),
    );
  });

  it('skips a harder exercise already in the plan', () => {
    const start = setUp({}, ['standing-march', 'glute-bridge'], {
      'standing-march': { amount: 30 },
    });
    const out = run(start, felt('standing-march', ['easier', 'easier']));
    expect(out.outcomes[1]?.changes).toEqual([
      { exerciseId: 'standing-march', change: 'progressed', by: 'supine-straight-leg-raise' },
    ]);
  });

  it('under gentle-only never raises the dose and never moves to a non-gentle exercise', () => {
    const start = setUp(GENTLE_ONLY, ['hamstring-wall-stretch', 'standing-march']);
    expect(start.programme.gate).toBe('gentle-only');
    const out = run(start, [
      ...felt('hamstring-wall-stretch', ['easier', 'easier', 'easier', 'easier']),
      ...felt('standing-march', ['easier', 'easier']),
    ]);
    expect(out.outcomes.flatMap((o) => o.changes)).toEqual([]);
    expect(out.programme.items).toEqual(start.programme.items);
  });

  it('under gentle-only may move to a harder gentle exercise, at its lowest dose', () => {
    const start = setUp(GENTLE_ONLY, ['supine-hamstring-gentle', 'abdominal-brace']);
    const out = run(start, felt('supine-hamstring-gentle', ['easier', 'easier']));
    expect(out.outcomes[1]?.changes).toEqual([
      { exerciseId: 'supine-hamstring-gentle', change: 'progressed', by: 'hamstring-wall-stretch' },
    ]);
    expect(out.programme.items[0]?.dosage).toEqual(
      startingDosage(exercise('hamstring-wall-stretch').dosage),
    );
  });

  it('never moves to the modified good morning in the acute phase', () => {
    const start = setUp(ACUTE, ['supine-straight-leg-raise'], {
      'supine-straight-leg-raise': { amount: 30 },
    });
    expect(start.programme.phase).toBe('acute');
    const out = run(
      start,
      felt('supine-straight-leg-raise', ['easier', 'easier', 'easier', 'easier']),
    );
    expect(ids(out.programme)).toEqual(['supine-straight-leg-raise']);
    expect(out.outcomes.flatMap((o) => o.changes)).toEqual([]);
  });

  it('moves to the modified good morning once past the acute phase', () => {
    const start = setUp({}, ['supine-straight-leg-raise'], {
      'supine-straight-leg-raise': { amount: 30 },
    });
    const out = run(start, felt('supine-straight-leg-raise', ['easier', 'easier']));
    expect(ids(out.programme)).toEqual(['good-morning-modified']);
  });
});

describe('applySession: purity', () => {
  it('never changes its input and gives the same output for the same input', () => {
    const start = setUp({}, ['supine-hamstring-strap', 'glute-bridge', 'abdominal-brace']);
    const input = {
      ...start,
      state: {
        ...initialProgrammeState(),
        spreadEpisodes: ['2026-03-08'],
        easyStreak: { 'glute-bridge': 1 },
      },
      entries: [
        entry('supine-hamstring-strap', { painSpread: true }),
        entry('glute-bridge', { felt: 'easier' }),
        entry('abdominal-brace', { painSharper: true }),
      ],
      date: '2026-03-10',
    };
    const before = structuredClone(input);
    const first = applySession(deepFreeze(input), kb);
    expect(input).toEqual(before);
    expect(applySession(input, kb)).toEqual(first);
    expect(first.warningCheckRequired).toBe(true);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// The safety property: whatever sessions are logged, the plan stays within the gate and "never when",
// dropped exercises never return, and stretching stays paired with strengthening while it can be.
describe('applySession: safety property', () => {
  const calm = {
    saddleNumbness: false,
    bladderChange: false,
    bowelChange: false,
    sexualDysfunction: false,
    fever: false,
    trauma: 'none',
    weaknessWorsening: false,
    legWeakness: 'none',
    cancerHistory: false,
  } as const;
  // Most random intakes carry a warning sign that empties the plan; the calm variant keeps plans to test.
  const answersArb = fc.oneof(
    { arbitrary: intakeArb, weight: 1 },
    {
      arbitrary: intakeArb.map((a): IntakeInput => ({
        ...a,
        ...calm,
        legSide: a.legSide === 'both' ? 'left' : a.legSide,
      })),
      weight: 4,
    },
  );
  const rarely = fc.oneof(
    { arbitrary: fc.constant(false), weight: 6 },
    { arbitrary: fc.constant(true), weight: 1 },
  );
  const entryArb = fc.record({
    pick: fc.nat(),
    offPlan: fc.option(fc.constantFrom(...EXERCISE_IDS), { nil: undefined, freq: 6 }),
    felt: fc.oneof(
      { arbitrary: fc.constant<Felt>('easier'), weight: 4 },
      { arbitrary: fc.constantFrom<Felt>('same', 'harder'), weight: 1 },
    ),
    painSharper: rarely,
    painSpread: rarely,
    newNumbnessOrWeakness: rarely,
  });
  const sessionsArb = fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 5 }),
      entries: fc.array(entryArb, { maxLength: 6 }),
    }),
    { maxLength: 20 },
  );
  const dateAfter = (days: number) =>
    new Date(Date.UTC(2026, 0, 1 + days)).toISOString().slice(0, 10);
  const strengthening = kb.exercises.filter((ex) => ex.kind === 'strengthening');

  it('holds after any sequence of sessions', () => {
    fc.assert(
      fc.property(answersArb, sessionsArb, (raw, sessions) => {
        const planned = assessAndPlan(raw, kb);
        if (!planned.ok) throw new Error('a valid intake failed');
        const answers = parse(raw);
        const exclusions = activeExclusions(answers);
        let programme = planned.value.programme;
        let state = initialProgrammeState();
        const everDropped = new Set<ExerciseId>();
        let day = 0;
        for (const session of sessions) {
          day += session.gap;
          const entries = session.entries.map((e): SessionEntry => {
            const onPlan =
              programme.items[e.pick % Math.max(1, programme.items.length)]?.exerciseId;
            const exerciseId = e.offPlan ?? onPlan ?? 'abdominal-brace';
            return entry(exerciseId, {
              felt: e.felt,
              painSharper: e.painSharper,
              painSpread: e.painSpread,
              newNumbnessOrWeakness: e.newNumbnessOrWeakness,
            });
          });
          const out = applySession(
            deepFreeze({ programme, state, entries, date: dateAfter(day), answers }),
            kb,
          );

          for (const id of state.dropped) expect(out.state.dropped).toContain(id);
          for (const id of out.state.dropped) everDropped.add(id);
          if (state.warningCheckRequired) expect(out.state.warningCheckRequired).toBe(true);
          if (entries.some((e) => e.newNumbnessOrWeakness))
            expect(out.warningCheckRequired).toBe(true);
          ({ programme, state } = out);

          const itemIds = ids(programme);
          expect(new Set(itemIds).size).toBe(itemIds.length);
          for (const item of programme.items) {
            const ex = exercise(item.exerciseId);
            expect(isPermitted(ex, programme.gate, exclusions)).toBe(true);
            expect(everDropped.has(item.exerciseId)).toBe(false);
            expect(item.kind).toBe(ex.kind);
            const range = [ex.dosage, ex.alternativeDosage?.dosage].find(
              (d) => d?.unit === item.dosage.unit,
            );
            expect(range).toBeDefined();
            if (!range) continue;
            expect(item.dosage.amount).toBeGreaterThanOrEqual(range.range.min);
            expect(item.dosage.amount).toBeLessThanOrEqual(range.range.max);
            expect(item.dosage.repeats).toBeLessThanOrEqual(range.repeats.max);
            expect(item.dosage.sets).toBeLessThanOrEqual(range.sets.max);
            if (programme.gate === 'gentle-only')
              expect(item.dosage).toEqual(startingDosage(ex.dosage));
          }
          const kinds = new Set(programme.items.map((i) => i.kind));
          if (kinds.has('stretch') && !kinds.has('strengthening')) {
            // Only acceptable when every strengthening exercise is barred or was dropped.
            const left = strengthening.filter(
              (ex) => isPermitted(ex, programme.gate, exclusions) && !everDropped.has(ex.id),
            );
            expect(left).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
