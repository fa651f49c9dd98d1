// A clinician's programme changes: the schema, each rule that refuses a change (table-driven), and all-or-nothing.
import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import type { Exercise, ExclusionCode, ExerciseId } from '../kb/types.js';
import { assessAndPlan } from './assess.js';
import {
  applyClinicianChanges,
  clinicianChangeSchema,
  pauseBody,
  programmeChangeBody,
  refusalOf,
  type ChangeContext,
  type ClinicianChange,
  type LowestDose,
  type RefusalRule,
} from './clinician-change.js';
import type { IntakeInput } from './intake.js';
import { startingDosage, type PlanItem, type Programme } from './plan.js';
import { initialProgrammeState, type BackOff, type ProgrammeState } from './session.js';

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

const exercise = (id: ExerciseId): Exercise => {
  const ex = kb.exercises.find((e) => e.id === id);
  if (!ex) throw new Error(id);
  return ex;
};

const itemOf = (id: ExerciseId): PlanItem => {
  const ex = exercise(id);
  return {
    exerciseId: id,
    kind: ex.kind,
    dosage: startingDosage(ex.dosage),
    timesPerDay: ex.dosage.timesPerDay.min,
    serves: [...ex.serves],
    cautions: [],
  };
};

/** The programme for these answers, with exactly these items at their starting doses. */
function programmeWith(ids: ExerciseId[], over: Partial<IntakeInput> = {}): Programme {
  const result = assessAndPlan({ ...BASE, ...over }, kb);
  if (!result.ok) throw new Error('assessment failed');
  return { ...result.value.programme, items: ids.map(itemOf) };
}

const OPEN: ChangeContext = { gate: 'allowed', exclusions: [], pausedByWarning: false };
const SPREAD: BackOff = { reason: 'spread', since: '2026-03-01', until: 'settled' };
const state = (over: Partial<ProgrammeState> = {}): ProgrammeState => ({
  ...initialProgrammeState(),
  ...over,
});

const ids = (p: Programme) => p.items.map((i) => i.exerciseId);

describe('the change schemas', () => {
  const cases: { name: string; input: unknown; ok: boolean }[] = [
    { name: 'a bare add', input: { op: 'add', exerciseId: 'knee-to-chest' }, ok: true },
    {
      name: 'an add with a full dose, times and a note',
      input: {
        op: 'add',
        exerciseId: 'knee-to-chest',
        dosage: { amount: 40, repeats: 3, sets: 1 },
        timesPerDay: 1,
        note: 'Slowly.',
      },
      ok: true,
    },
    {
      name: 'an add with part of a dose',
      input: { op: 'add', exerciseId: 'knee-to-chest', dosage: { amount: 40 } },
      ok: false,
    },
    {
      name: 'an add with an empty note',
      input: { op: 'add', exerciseId: 'knee-to-chest', note: '   ' },
      ok: false,
    },
    {
      name: 'a dose with a fractional amount',
      input: { op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 40.5 } },
      ok: false,
    },
    {
      name: 'a dose with part of a dose',
      input: { op: 'dose', exerciseId: 'knee-to-chest', dosage: { sets: 1 } },
      ok: true,
    },
    {
      name: 'an unknown key',
      input: { op: 'remove', exerciseId: 'knee-to-chest', extra: 1 },
      ok: false,
    },
    {
      name: 'an unknown key in a dose',
      input: { op: 'dose', exerciseId: 'knee-to-chest', dosage: { sides: 'each' } },
      ok: false,
    },
    { name: 'an unknown op', input: { op: 'swap', exerciseId: 'knee-to-chest' }, ok: false },
    {
      name: 'a note cleared',
      input: { op: 'note', exerciseId: 'knee-to-chest', note: null },
      ok: true,
    },
    {
      name: 'a note of 301 characters',
      input: { op: 'note', exerciseId: 'knee-to-chest', note: 'x'.repeat(301) },
      ok: false,
    },
    {
      name: 'a note with no note',
      input: { op: 'note', exerciseId: 'knee-to-chest' },
      ok: false,
    },
    { name: 'an empty exercise id', input: { op: 'remove', exerciseId: '' }, ok: false },
  ];
  it.each(cases)('$name: valid $ok', ({ input, ok }) => {
    expect(clinicianChangeSchema.safeParse(input).success).toBe(ok);
  });

  it('trims notes', () => {
    const parsed = clinicianChangeSchema.parse({
      op: 'note',
      exerciseId: 'knee-to-chest',
      note: '  Go slowly.  ',
    });
    expect(parsed).toEqual({ op: 'note', exerciseId: 'knee-to-chest', note: 'Go slowly.' });
  });

  const remove = { op: 'remove', exerciseId: 'knee-to-chest' };
  const bodies: { name: string; input: unknown; ok: boolean }[] = [
    { name: 'one change', input: { basedOn: 1, changes: [remove] }, ok: true },
    { name: 'no changes', input: { basedOn: 1, changes: [] }, ok: false },
    { name: '20 changes', input: { basedOn: 3, changes: Array(20).fill(remove) }, ok: true },
    { name: '21 changes', input: { basedOn: 3, changes: Array(21).fill(remove) }, ok: false },
    { name: 'version 0', input: { basedOn: 0, changes: [remove] }, ok: false },
    { name: 'an empty note', input: { basedOn: 1, note: ' ', changes: [remove] }, ok: false },
    {
      name: 'a note of 500 characters',
      input: { basedOn: 1, note: 'x'.repeat(500), changes: [remove] },
      ok: true,
    },
    {
      name: 'a note of 501 characters',
      input: { basedOn: 1, note: 'x'.repeat(501), changes: [remove] },
      ok: false,
    },
    { name: 'an unknown key', input: { basedOn: 1, changes: [remove], by: 'x' }, ok: false },
  ];
  it.each(bodies)('a change body with $name: valid $ok', ({ input, ok }) => {
    expect(programmeChangeBody.safeParse(input).success).toBe(ok);
  });

  it.each([
    { input: { paused: true }, ok: true },
    { input: { paused: false, note: 'Seen in clinic.' }, ok: true },
    { input: { paused: 'yes' }, ok: false },
    { input: { paused: true, note: '' }, ok: false },
    { input: {}, ok: false },
  ])('a pause body $input: valid $ok', ({ input, ok }) => {
    expect(pauseBody.safeParse(input).success).toBe(ok);
  });
});

describe('refusalOf', () => {
  const cases: {
    name: string;
    id: ExerciseId;
    gate: Programme['gate'];
    exclusions: ExclusionCode[];
    state?: Partial<ProgrammeState>;
    rule: RefusalRule | null;
    text?: string;
  }[] = [
    { name: 'nothing bars it', id: 'glute-bridge', gate: 'allowed', exclusions: [], rule: null },
    {
      name: 'the not-now gate bars everything',
      id: 'knee-to-chest',
      gate: 'not-now',
      exclusions: [],
      rule: 'gate',
      text: 'No exercises are allowed now (the triage gate): the person should be seen by a clinician first.',
    },
    {
      name: 'the gentle-only gate bars a harder exercise',
      id: 'glute-bridge',
      gate: 'gentle-only',
      exclusions: [],
      rule: 'gate',
      text: 'Only gentle exercises are allowed now (the triage gate), and this one is not gentle.',
    },
    {
      name: 'the gentle-only gate lets a gentle exercise through',
      id: 'knee-to-chest',
      gate: 'gentle-only',
      exclusions: [],
      rule: null,
    },
    {
      name: 'never when: a hamstring injury',
      id: 'supine-hamstring-gentle',
      gate: 'allowed',
      exclusions: ['hamstring-injury'],
      rule: 'never-when',
      text: 'Never when: a recent hamstring injury (this person reported one)',
    },
    {
      name: 'never when: two codes at once',
      id: 'supine-hamstring-strap',
      gate: 'allowed',
      exclusions: ['below-knee-symptoms', 'hamstring-injury'],
      rule: 'never-when',
      text: 'Never when: a recent hamstring injury (this person reported one); pain or numbness below the knee (this person reported it)',
    },
    {
      name: 'never when: the acute phase',
      id: 'good-morning-modified',
      gate: 'allowed',
      exclusions: ['acute-phase'],
      rule: 'never-when',
    },
    {
      name: 'an exclusion the exercise does not list',
      id: 'glute-bridge',
      gate: 'allowed',
      exclusions: ['hamstring-injury', 'below-knee-symptoms', 'acute-phase'],
      rule: null,
    },
    {
      name: 'dropped by the stop rules',
      id: 'glute-bridge',
      gate: 'allowed',
      exclusions: [],
      state: { dropped: ['glute-bridge'] },
      rule: 'stop-rule',
      text: 'The stop rules took this exercise out after pain in a session.',
    },
    {
      name: 'backing off bars a gentle stretch of the sciatic nerve',
      id: 'supine-hamstring-gentle',
      gate: 'allowed',
      exclusions: [],
      state: { backOff: SPREAD },
      rule: 'back-off',
      text: 'Not while backing off after pain spread down the leg: gentle exercises only, none that stretch the sciatic nerve. This one stretches it.',
    },
    {
      name: 'backing off bars a harder exercise, named before the gentle-only gate it sets',
      id: 'glute-bridge',
      gate: 'gentle-only',
      exclusions: [],
      state: { backOff: SPREAD },
      rule: 'back-off',
    },
    {
      name: 'backing off lets a gentle exercise that spares the nerve through',
      id: 'knee-to-chest',
      gate: 'gentle-only',
      exclusions: [],
      state: { backOff: SPREAD },
      rule: null,
    },
    {
      name: 'never when is named before the stop rules',
      id: 'supine-hamstring-gentle',
      gate: 'allowed',
      exclusions: ['hamstring-injury'],
      state: { dropped: ['supine-hamstring-gentle'], backOff: SPREAD },
      rule: 'never-when',
    },
  ];
  it.each(cases)('$name', ({ id, gate, exclusions, state: over, rule, text }) => {
    const out = refusalOf(exercise(id), { gate, exclusions }, state(over), exclusions, kb);
    expect(out?.rule ?? null).toBe(rule);
    if (text !== undefined) expect(out?.text).toBe(text);
  });
});

describe('applyClinicianChanges: each rule that refuses a change', () => {
  const cases: {
    name: string;
    items?: ExerciseId[];
    intake?: Partial<IntakeInput>;
    state?: Partial<ProgrammeState>;
    context?: Partial<ChangeContext>;
    changes: ClinicianChange[];
    refusals: { index: number; rule: RefusalRule; text?: string; lowest?: LowestDose }[];
  }[] = [
    {
      name: 'an exercise the catalogue does not have',
      changes: [{ op: 'add', exerciseId: 'no-such-exercise' }],
      refusals: [
        {
          index: 0,
          rule: 'unknown-exercise',
          text: 'There is no exercise with this id in the catalogue.',
        },
      ],
    },
    {
      name: 'adding an exercise already in the plan',
      items: ['knee-to-chest'],
      changes: [{ op: 'add', exerciseId: 'knee-to-chest' }],
      refusals: [{ index: 0, rule: 'already-in-programme' }],
    },
    {
      name: 'removing an exercise not in the plan',
      items: ['knee-to-chest'],
      changes: [{ op: 'remove', exerciseId: 'glute-bridge' }],
      refusals: [
        { index: 0, rule: 'not-in-programme', text: 'This exercise is not in the programme.' },
      ],
    },
    {
      name: 'removing an id the catalogue does not have',
      changes: [{ op: 'remove', exerciseId: 'no-such-exercise' }],
      refusals: [{ index: 0, rule: 'unknown-exercise' }],
    },
    {
      name: 'dosing an exercise not in the plan',
      changes: [{ op: 'dose', exerciseId: 'glute-bridge', timesPerDay: 1 }],
      refusals: [{ index: 0, rule: 'not-in-programme' }],
    },
    {
      name: 'a note on an exercise not in the plan',
      changes: [{ op: 'note', exerciseId: 'glute-bridge', note: 'Hi' }],
      refusals: [{ index: 0, rule: 'not-in-programme' }],
    },
    {
      name: 'the latest triage gate, stricter than the programme’s',
      context: { gate: 'gentle-only' },
      changes: [{ op: 'add', exerciseId: 'glute-bridge' }],
      refusals: [{ index: 0, rule: 'gate' }],
    },
    {
      name: 'the programme’s own gate, stricter than the context’s',
      intake: { painNow: 9 },
      changes: [{ op: 'add', exerciseId: 'glute-bridge' }],
      refusals: [{ index: 0, rule: 'gate' }],
    },
    {
      name: 'the not-now gate',
      context: { gate: 'not-now' },
      changes: [{ op: 'add', exerciseId: 'knee-to-chest' }],
      refusals: [{ index: 0, rule: 'gate' }],
    },
    {
      name: 'never when, from the latest assessment',
      context: { exclusions: ['hamstring-injury'] },
      changes: [{ op: 'add', exerciseId: 'supine-hamstring-gentle' }],
      refusals: [
        {
          index: 0,
          rule: 'never-when',
          text: 'Never when: a recent hamstring injury (this person reported one)',
        },
      ],
    },
    {
      name: 'never when, from the programme’s own exclusions',
      intake: { durationDays: 20 },
      changes: [{ op: 'add', exerciseId: 'good-morning-modified' }],
      refusals: [{ index: 0, rule: 'never-when' }],
    },
    {
      name: 'an exercise the stop rules dropped',
      state: { dropped: ['glute-bridge'] },
      changes: [{ op: 'add', exerciseId: 'glute-bridge' }],
      refusals: [{ index: 0, rule: 'stop-rule' }],
    },
    {
      name: 'a stretch of the sciatic nerve while backing off',
      state: { backOff: SPREAD },
      changes: [{ op: 'add', exerciseId: 'supine-hamstring-gentle' }],
      refusals: [{ index: 0, rule: 'back-off' }],
    },
    {
      name: 'a hold above the catalogue’s range',
      changes: [
        { op: 'add', exerciseId: 'knee-to-chest', dosage: { amount: 61, repeats: 3, sets: 1 } },
      ],
      refusals: [
        {
          index: 0,
          rule: 'dose-range',
          text: 'The hold is 30 to 60 seconds for this exercise; 61 is outside it.',
        },
      ],
    },
    {
      name: 'a hold below the catalogue’s range',
      changes: [
        {
          op: 'add',
          exerciseId: 'supine-hamstring-gentle',
          dosage: { amount: 19, repeats: 2, sets: 1 },
        },
      ],
      refusals: [
        {
          index: 0,
          rule: 'dose-range',
          text: 'The hold is 20 to 30 seconds for this exercise; 19 is outside it.',
        },
      ],
    },
    {
      name: 'repetitions, holds and sets all outside, each named',
      changes: [
        { op: 'add', exerciseId: 'glute-bridge', dosage: { amount: 31, repeats: 2, sets: 0 } },
      ],
      refusals: [
        {
          index: 0,
          rule: 'dose-range',
          text: 'The number of repetitions is 20 to 30 for this exercise; 31 is outside it.',
        },
        {
          index: 0,
          rule: 'dose-range',
          text: 'The number of rounds is 1 for this exercise; 2 is outside it.',
        },
        {
          index: 0,
          rule: 'dose-range',
          text: 'The number of sets is 1 for this exercise; 0 is outside it.',
        },
      ],
    },
    {
      name: 'times a day above the range',
      changes: [{ op: 'add', exerciseId: 'supine-hamstring-gentle', timesPerDay: 4 }],
      refusals: [
        {
          index: 0,
          rule: 'times-range',
          text: 'This exercise is done 2 to 3 times a day; 4 is outside it.',
        },
      ],
    },
    {
      name: 'times a day for a once-a-day exercise',
      items: ['knee-to-chest'],
      changes: [{ op: 'dose', exerciseId: 'knee-to-chest', timesPerDay: 2 }],
      refusals: [
        {
          index: 0,
          rule: 'times-range',
          text: 'This exercise is done once a day; 2 is outside it.',
        },
      ],
    },
    {
      name: 're-dosing an exercise the rules now forbid (it stays removable)',
      items: ['supine-hamstring-gentle'],
      context: { exclusions: ['hamstring-injury'] },
      changes: [{ op: 'dose', exerciseId: 'supine-hamstring-gentle', dosage: { amount: 25 } }],
      refusals: [{ index: 0, rule: 'never-when' }],
    },
    {
      name: 'raising a dose under the gentle-only gate',
      items: ['knee-to-chest'],
      context: { gate: 'gentle-only' },
      changes: [{ op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 40 } }],
      refusals: [
        {
          index: 0,
          rule: 'gate',
          text: 'Only gentle exercises at the lowest dose are allowed now (the triage gate).',
          lowest: {
            dosage: { unit: 'seconds', amount: 30, repeats: 3, sets: 1, sides: 'each' },
            timesPerDay: 1,
          },
        },
      ],
    },
    {
      name: 'adding above the lowest dose while backing off',
      state: { backOff: SPREAD },
      changes: [
        { op: 'add', exerciseId: 'standing-march', dosage: { amount: 25, repeats: 1, sets: 1 } },
      ],
      refusals: [
        {
          index: 0,
          rule: 'back-off',
          text: 'Only the lowest dose while backing off after pain spread down the leg.',
          lowest: {
            dosage: { unit: 'reps', amount: 20, repeats: 1, sets: 1, sides: 'each' },
            timesPerDay: 1,
          },
        },
      ],
    },
    {
      name: 'a barred exercise is refused once for its rule, not again for its dose',
      context: { gate: 'gentle-only' },
      changes: [
        { op: 'add', exerciseId: 'glute-bridge', dosage: { amount: 25, repeats: 1, sets: 1 } },
      ],
      refusals: [{ index: 0, rule: 'gate' }],
    },
    {
      name: 'any change while a warning sign has paused the programme',
      items: ['knee-to-chest'],
      context: { pausedByWarning: true },
      changes: [{ op: 'remove', exerciseId: 'knee-to-chest' }],
      refusals: [
        {
          index: 0,
          rule: 'warning-pause',
          text: 'A warning sign paused this programme: it cannot be changed until the person has a new assessment.',
        },
      ],
    },
    {
      name: 'every refusal is listed, by its index, and the good changes do not count',
      items: ['knee-to-chest'],
      state: { dropped: ['glute-bridge'] },
      changes: [
        { op: 'note', exerciseId: 'knee-to-chest', note: 'Fine' },
        { op: 'add', exerciseId: 'glute-bridge' },
        { op: 'add', exerciseId: 'standing-march' },
        { op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 70 } },
        { op: 'remove', exerciseId: 'abdominal-brace' },
      ],
      refusals: [
        { index: 1, rule: 'stop-rule' },
        { index: 3, rule: 'dose-range' },
        { index: 4, rule: 'not-in-programme' },
      ],
    },
    {
      name: 'a change to an exercise whose add was refused is not refused again',
      state: { dropped: ['glute-bridge'] },
      changes: [
        { op: 'add', exerciseId: 'glute-bridge' },
        { op: 'dose', exerciseId: 'glute-bridge', dosage: { amount: 25 } },
        { op: 'note', exerciseId: 'glute-bridge', note: 'Slowly' },
      ],
      refusals: [{ index: 0, rule: 'stop-rule' }],
    },
    {
      name: 'a change after the exercise was removed in the same request',
      items: ['knee-to-chest'],
      changes: [
        { op: 'remove', exerciseId: 'knee-to-chest' },
        { op: 'note', exerciseId: 'knee-to-chest', note: 'Hi' },
      ],
      refusals: [{ index: 1, rule: 'not-in-programme' }],
    },
  ];

  it.each(cases)('$name', (c) => {
    const programme = programmeWith(c.items ?? [], c.intake);
    const s = state(c.state);
    const before = structuredClone({ programme, s });
    const out = applyClinicianChanges(programme, s, c.changes, kb, { ...OPEN, ...c.context });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.refusals.map(({ index, rule }) => ({ index, rule }))).toEqual(
      c.refusals.map(({ index, rule }) => ({ index, rule })),
    );
    c.refusals.forEach((want, i) => {
      if (want.text !== undefined) expect(out.refusals[i]?.text).toBe(want.text);
      const refusal = out.refusals[i];
      // Only a refusal of a dose above the lowest carries the lowest dose, as data.
      expect(refusal?.lowest).toEqual(want.lowest);
      expect(refusal?.exerciseId).toBe(
        want.rule === 'warning-pause' ? null : c.changes[want.index]?.exerciseId,
      );
    });
    // Nothing the caller holds changed.
    expect({ programme, s }).toEqual(before);
  });
});

describe('applyClinicianChanges: accepted changes', () => {
  it('adds an exercise at its starting dose and times a day, with what it serves and its cautions', () => {
    const programme = programmeWith(['glute-bridge'], { painNow: 9 });
    programme.items[0] = { ...itemOf('abdominal-brace'), serves: ['postural-strain'] };
    const out = applyClinicianChanges(
      programme,
      state(),
      [{ op: 'add', exerciseId: 'standing-march', note: 'Slowly, holding a chair.' }],
      kb,
      { ...OPEN, gate: 'gentle-only' },
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    const march = exercise('standing-march');
    const added = out.programme.items[1];
    expect(added).toEqual({
      exerciseId: 'standing-march',
      kind: 'strengthening',
      dosage: startingDosage(march.dosage),
      timesPerDay: march.dosage.timesPerDay.min,
      // Only the contributors the plan already serves.
      serves: march.serves.filter((c) => c === 'postural-strain'),
      cautions: [
        'Gentle only. Keep to this lowest dose, and read the stop rules before you start.',
      ],
      note: 'Slowly, holding a chair.',
    });
    expect(out.applied).toEqual([
      { op: 'add', exerciseId: 'standing-march', before: null, after: added },
    ]);
  });

  it('adds a hamstring stretch with the below-knee caution when the person has that exclusion', () => {
    const out = applyClinicianChanges(
      programmeWith([]),
      state(),
      [{ op: 'add', exerciseId: 'supine-hamstring-gentle' }],
      kb,
      { ...OPEN, exclusions: ['below-knee-symptoms'] },
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    expect(out.programme.items[0]?.cautions.join(' ')).toContain('below the knee');
  });

  it('adds at a dose within the range, at both ends', () => {
    const out = applyClinicianChanges(
      programmeWith([]),
      state(),
      [
        {
          op: 'add',
          exerciseId: 'knee-to-chest',
          dosage: { amount: 60, repeats: 3, sets: 1 },
          timesPerDay: 1,
        },
        {
          op: 'add',
          exerciseId: 'supine-hamstring-gentle',
          dosage: { amount: 20, repeats: 3, sets: 1 },
          timesPerDay: 3,
        },
      ],
      kb,
      OPEN,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    expect(out.programme.items.map((i) => [i.dosage.amount, i.timesPerDay])).toEqual([
      [60, 1],
      [20, 3],
    ]);
  });

  it('applies changes in order: an add then a dose and a note on it', () => {
    const out = applyClinicianChanges(
      programmeWith(['knee-to-chest']),
      state(),
      [
        { op: 'add', exerciseId: 'supine-hamstring-gentle' },
        { op: 'dose', exerciseId: 'supine-hamstring-gentle', dosage: { amount: 30 } },
        { op: 'note', exerciseId: 'supine-hamstring-gentle', note: 'Stop at the first stretch.' },
      ],
      kb,
      OPEN,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    const item = out.programme.items[1];
    expect(item?.dosage.amount).toBe(30);
    expect(item?.note).toBe('Stop at the first stretch.');
    expect(out.applied.map((a) => a.op)).toEqual(['add', 'dose', 'note']);
    expect(out.applied[1]).toMatchObject({
      before: { dosage: { amount: 20 }, timesPerDay: 2 },
      after: { dosage: { amount: 30 }, timesPerDay: 2 },
    });
  });

  it('changes only the parts of a dose it is given, in the alternative dosage’s unit when the item uses it', () => {
    const programme = programmeWith(['glute-bridge']);
    const alt = exercise('glute-bridge').alternativeDosage?.dosage;
    if (!alt) throw new Error('glute-bridge has an alternative dosage');
    programme.items[0] = { ...itemOf('glute-bridge'), dosage: startingDosage(alt) };
    const out = applyClinicianChanges(
      programme,
      state(),
      [{ op: 'dose', exerciseId: 'glute-bridge', dosage: { amount: 10 } }],
      kb,
      OPEN,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    expect(out.programme.items[0]?.dosage).toEqual({ ...startingDosage(alt), amount: 10 });
  });

  it('removes any exercise in the plan, even one the rules now forbid, and forgets its streak', () => {
    const programme = programmeWith(['supine-hamstring-gentle', 'knee-to-chest']);
    const s = state({
      dropped: ['supine-hamstring-gentle'],
      backOff: SPREAD,
      easyStreak: { 'supine-hamstring-gentle': 1, 'knee-to-chest': 1 },
    });
    const out = applyClinicianChanges(
      programme,
      s,
      [{ op: 'remove', exerciseId: 'supine-hamstring-gentle' }],
      kb,
      { gate: 'not-now', exclusions: ['hamstring-injury'], pausedByWarning: false },
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    expect(ids(out.programme)).toEqual(['knee-to-chest']);
    expect(out.state.easyStreak).toEqual({ 'knee-to-chest': 1 });
    // A clinician's removal is not a stop-rule drop: the dropped list is as it was.
    expect(out.state.dropped).toEqual(['supine-hamstring-gentle']);
    expect(out.applied).toEqual([
      {
        op: 'remove',
        exerciseId: 'supine-hamstring-gentle',
        before: programme.items[0],
        after: null,
      },
    ]);
  });

  it('a removed exercise can be added back in the same request', () => {
    const out = applyClinicianChanges(
      programmeWith(['knee-to-chest']),
      state(),
      [
        { op: 'remove', exerciseId: 'knee-to-chest' },
        { op: 'add', exerciseId: 'knee-to-chest', dosage: { amount: 45, repeats: 3, sets: 1 } },
      ],
      kb,
      OPEN,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    expect(out.programme.items.map((i) => i.dosage.amount)).toEqual([45]);
  });

  it('sets, replaces and clears a note; an empty note clears it', () => {
    const programme = programmeWith(['knee-to-chest']);
    const run = (note: string | null, from: Programme) => {
      const out = applyClinicianChanges(
        from,
        state(),
        [{ op: 'note', exerciseId: 'knee-to-chest', note }],
        kb,
        OPEN,
      );
      if (!out.ok) throw new Error(JSON.stringify(out.refusals));
      return out;
    };
    const set = run('Slowly.', programme);
    expect(set.programme.items[0]?.note).toBe('Slowly.');
    expect(set.applied[0]).toMatchObject({ before: null, after: 'Slowly.' });
    const replaced = run('Faster.', set.programme);
    expect(replaced.applied[0]).toMatchObject({ before: 'Slowly.', after: 'Faster.' });
    const cleared = run(null, replaced.programme);
    expect(cleared.programme.items[0]).not.toHaveProperty('note');
    expect(cleared.applied[0]).toMatchObject({ before: 'Faster.', after: null });
    expect(run('', replaced.programme).programme.items[0]).not.toHaveProperty('note');
  });

  it('keeps the lowest dose allowed under the gentle-only gate', () => {
    const out = applyClinicianChanges(
      programmeWith(['knee-to-chest'], { painNow: 9 }),
      state(),
      [
        { op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 30 }, timesPerDay: 1 },
        { op: 'add', exerciseId: 'standing-march' },
      ],
      kb,
      OPEN,
    );
    expect(out.ok).toBe(true);
  });

  it('may raise a dose within the range when nothing holds it at the lowest', () => {
    const out = applyClinicianChanges(
      programmeWith(['knee-to-chest']),
      state(),
      [{ op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 45 } }],
      kb,
      OPEN,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.refusals));
    expect(out.programme.items[0]?.dosage.amount).toBe(45);
  });

  it('returns new objects and leaves its input untouched', () => {
    const programme = programmeWith(['knee-to-chest']);
    const s = state({ easyStreak: { 'knee-to-chest': 1 } });
    const before = structuredClone({ programme, s });
    const out = applyClinicianChanges(
      programme,
      s,
      [
        { op: 'remove', exerciseId: 'knee-to-chest' },
        { op: 'add', exerciseId: 'glute-bridge' },
      ],
      kb,
      OPEN,
    );
    expect(out.ok).toBe(true);
    expect({ programme, s }).toEqual(before);
    if (out.ok) {
      expect(out.programme).not.toBe(programme);
      expect(out.state).not.toBe(s);
    }
  });
});
