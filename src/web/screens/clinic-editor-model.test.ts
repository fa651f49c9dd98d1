// Tests the programme editor's model: the changes a draft becomes (only what changed, in an order the server
// applies), refusals placed beside their exercise, and range checks; and, as a property, that the engine
// applying the editor's changes gives exactly the plan the clinician drafted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../../test/fixtures.js';
import { assessAndPlan } from '../../engine/assess.js';
import { applyClinicianChanges } from '../../engine/clinician-change.js';
import type { PlanItem } from '../../engine/plan.js';
import { initialProgrammeState } from '../../engine/session.js';
import { knowledgeBase as kb } from '../../kb/index.js';
import type { Exercise } from '../../kb/types.js';
import {
  addExercise,
  changesFrom,
  draftFrom,
  placeRefusals,
  rangeProblems,
  rangesFor,
  setRemoved,
  updateItem,
  type DraftItem,
} from './clinic-editor-model.js';

const exercise = (id: string): Exercise => {
  const ex = kb.exercises.find((e) => e.id === id);
  if (!ex) throw new Error(`no exercise ${id}`);
  return ex;
};
const exerciseOf = (id: string) => kb.exercises.find((e) => e.id === id);

/** A subacute programme with nothing excluded: every exercise may be added under the `allowed` gate. */
function programme() {
  const result = assessAndPlan({ ...ANSWERS, durationDays: 60 }, kb);
  if (!result.ok) throw new Error('the fixture does not assess');
  return result.value.programme;
}

const item = (id: string, over: Partial<PlanItem> = {}): PlanItem => {
  const ex = exercise(id);
  return {
    exerciseId: ex.id,
    kind: ex.kind,
    dosage: {
      unit: ex.dosage.unit,
      amount: ex.dosage.range.min,
      repeats: ex.dosage.repeats.min,
      sets: ex.dosage.sets.min,
      sides: ex.dosage.sides,
    },
    timesPerDay: ex.dosage.timesPerDay.min,
    serves: [],
    cautions: [],
    ...over,
  };
};

describe('changesFrom', () => {
  const original = [item('knee-to-chest'), item('glute-bridge', { note: 'Slowly.' })];

  it('is empty when nothing changed', () => {
    expect(changesFrom(original, draftFrom(original))).toEqual([]);
  });

  it('sends only the parts of a dose that changed', () => {
    const draft = updateItem(draftFrom(original), 'knee-to-chest', { amount: 45 });
    expect(changesFrom(original, draft)).toEqual([
      { op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 45 } },
    ]);
    const times = updateItem(draftFrom(original), 'knee-to-chest', { timesPerDay: 2 });
    expect(changesFrom(original, times)).toEqual([
      { op: 'dose', exerciseId: 'knee-to-chest', timesPerDay: 2 },
    ]);
  });

  it('orders removals, additions, doses then notes, and clears an emptied note with null', () => {
    let draft = draftFrom(original);
    draft = updateItem(draft, 'glute-bridge', { note: '   ', amount: 25 });
    draft = addExercise(draft, exercise('standing-march'));
    draft = updateItem(draft, 'standing-march', { note: ' Hold the rail. ' });
    draft = setRemoved(draft, 'knee-to-chest', true);
    expect(changesFrom(original, draft)).toEqual([
      { op: 'remove', exerciseId: 'knee-to-chest' },
      {
        op: 'add',
        exerciseId: 'standing-march',
        dosage: { amount: 20, repeats: 1, sets: 1 },
        timesPerDay: 1,
        note: 'Hold the rail.',
      },
      { op: 'dose', exerciseId: 'glute-bridge', dosage: { amount: 25 } },
      { op: 'note', exerciseId: 'glute-bridge', note: null },
    ]);
  });

  it('drops an added exercise that is removed again, and keeps one marked for removal when re-added', () => {
    let draft = addExercise(draftFrom(original), exercise('standing-march'));
    draft = setRemoved(draft, 'standing-march', true);
    expect(draft.map((d) => d.exerciseId)).toEqual(['knee-to-chest', 'glute-bridge']);
    draft = setRemoved(draft, 'glute-bridge', true);
    draft = addExercise(draft, exercise('glute-bridge'));
    expect(changesFrom(original, draft)).toEqual([]);
  });
});

describe('placeRefusals', () => {
  it('puts each refusal beside the exercise it names, or the change at its index, and the rest apart', () => {
    const changes = [
      { op: 'add' as const, exerciseId: 'glute-bridge' },
      { op: 'dose' as const, exerciseId: 'knee-to-chest', timesPerDay: 4 },
    ];
    const placed = placeRefusals(
      [
        { index: 0, exerciseId: 'glute-bridge', rule: 'stop-rule', text: 'Taken out.' },
        { index: 1, exerciseId: null, rule: 'times-range', text: 'Once a day.' },
        { index: 0, exerciseId: null, rule: 'warning-pause', text: 'Paused.' },
      ],
      [...changes].slice(0, 2),
    );
    expect(placed.byExercise.get('glute-bridge')?.map((r) => r.rule)).toEqual([
      'stop-rule',
      'warning-pause',
    ]);
    expect(placed.byExercise.get('knee-to-chest')?.map((r) => r.rule)).toEqual(['times-range']);

    const none = placeRefusals(
      [{ index: 0, exerciseId: null, rule: 'warning-pause', text: 'Paused.' }],
      [],
    );
    expect(none.general).toHaveLength(1);
  });
});

describe('rangeProblems', () => {
  it('names each value outside the catalogue range, and says a fixed value as one number', () => {
    let draft = draftFrom([item('knee-to-chest'), item('figure-four')]);
    draft = updateItem(draft, 'knee-to-chest', { amount: 90 });
    draft = updateItem(draft, 'figure-four', { timesPerDay: 2 });
    const problems = rangeProblems(draft, exerciseOf);
    expect(problems.get('knee-to-chest')).toEqual(['Hold, seconds: 30 to 60 for this exercise.']);
    expect(problems.get('figure-four')).toEqual(['Times a day: 1 for this exercise.']);
  });

  it('treats an empty or fractional entry as outside, and ignores exercises marked for removal', () => {
    let draft = draftFrom([item('knee-to-chest')]);
    draft = updateItem(draft, 'knee-to-chest', { amount: Number.NaN });
    expect(rangeProblems(draft, exerciseOf).size).toBe(1);
    draft = updateItem(draft, 'knee-to-chest', { amount: 30.5 });
    expect(rangeProblems(draft, exerciseOf).size).toBe(1);
    expect(rangeProblems(setRemoved(draft, 'knee-to-chest', true), exerciseOf).size).toBe(0);
  });
});

/** An edit a clinician can make in the editor, with values inside each exercise's ranges. */
type Edit =
  | { kind: 'add'; exerciseId: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'dose'; pick: number; part: 'amount' | 'repeats' | 'sets' | 'timesPerDay'; at: number }
  | { kind: 'note'; pick: number; note: string };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    exerciseId: fc.constantFrom(...kb.exercises.map((e) => e.id as string)),
  }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('dose' as const),
    pick: fc.nat(),
    part: fc.constantFrom(
      'amount' as const,
      'repeats' as const,
      'sets' as const,
      'timesPerDay' as const,
    ),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('note' as const),
    pick: fc.nat(),
    note: fc.constantFrom('', 'Go gently.', 'Stop if it tingles.'),
  }),
);

function applyEdit(draft: DraftItem[], edit: Edit): DraftItem[] {
  if (edit.kind === 'add') return addExercise(draft, exercise(edit.exerciseId));
  const live = draft.filter((d) => !d.removed);
  const target = live[edit.pick % Math.max(1, live.length)];
  if (!target) return draft;
  if (edit.kind === 'remove') return setRemoved(draft, target.exerciseId, true);
  if (edit.kind === 'note') return updateItem(draft, target.exerciseId, { note: edit.note });
  const r = rangesFor(exercise(target.exerciseId), target.dosage.unit);
  const range = edit.part === 'timesPerDay' ? r.timesPerDay : r[edit.part];
  const value = Math.round(range.min + edit.at * (range.max - range.min));
  return updateItem(draft, target.exerciseId, { [edit.part]: value });
}

describe('the editor and the engine agree', () => {
  it('applying the changes of any draft within the ranges gives exactly the drafted plan', () => {
    const base = programme();
    expect(base.gate).toBe('allowed');
    expect(base.exclusions).toEqual([]);
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 12 }), (edits) => {
        const draft = edits.reduce(applyEdit, draftFrom(base.items));
        const changes = changesFrom(base.items, draft);
        expect(rangeProblems(draft, exerciseOf).size).toBe(0);
        if (changes.length === 0) return;
        const result = applyClinicianChanges(base, initialProgrammeState(), changes, kb, {
          gate: 'allowed',
          exclusions: [],
          pausedByWarning: false,
        });
        if (!result.ok) throw new Error(JSON.stringify(result.refusals));
        const got = new Map(result.programme.items.map((i) => [i.exerciseId as string, i]));
        const wanted = draft.filter((d) => !d.removed);
        expect([...got.keys()].sort()).toEqual(wanted.map((d) => d.exerciseId).sort());
        for (const d of wanted) {
          const i = got.get(d.exerciseId);
          expect(i?.dosage).toEqual(d.dosage);
          expect(i?.timesPerDay).toBe(d.timesPerDay);
          expect(i?.note ?? '').toBe(d.note.trim());
        }
      }),
      { numRuns: 200 },
    );
  });
});
