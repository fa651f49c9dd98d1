// A clinician's changes to a programme (docs/clinician.md, "Changing the programme"): their schema, and applying
// them all or none, each passing the same safety check as the engine's own. Pure: returns new objects.
import { z } from 'zod';
import type {
  ContributorId,
  Dosage,
  Exercise,
  ExclusionCode,
  ExerciseId,
  KnowledgeBase,
  Range,
} from '../kb/types.js';
import {
  cautionsFor,
  startingDosage,
  type PlanItem,
  type PrescribedDosage,
  type Programme,
} from './plan.js';
import { barringRule, type BarringRule, type ProgrammeState } from './session.js';
import { mostRestrictiveGate, type Gate } from './triage.js';

const exerciseIdSchema = z.string().min(1).max(100);
const noteSchema = z.string().trim().max(300);

export const clinicianChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('add'),
    exerciseId: exerciseIdSchema,
    dosage: z.strictObject({ amount: z.int(), repeats: z.int(), sets: z.int() }).optional(),
    timesPerDay: z.int().optional(),
    note: noteSchema.min(1).optional(),
  }),
  z.strictObject({ op: z.literal('remove'), exerciseId: exerciseIdSchema }),
  z.strictObject({
    op: z.literal('dose'),
    exerciseId: exerciseIdSchema,
    dosage: z
      .strictObject({
        amount: z.int().optional(),
        repeats: z.int().optional(),
        sets: z.int().optional(),
      })
      .optional(),
    timesPerDay: z.int().optional(),
  }),
  z.strictObject({
    op: z.literal('note'),
    exerciseId: exerciseIdSchema,
    note: noteSchema.nullable(),
  }),
]);

export const programmeChangeBody = z.strictObject({
  basedOn: z.int().min(1),
  note: z.string().trim().min(1).max(500).optional(),
  changes: z.array(clinicianChangeSchema).min(1).max(20),
});

export const pauseBody = z.strictObject({
  paused: z.boolean(),
  note: z.string().trim().min(1).max(500).optional(),
});

export type ClinicianChange = z.infer<typeof clinicianChangeSchema>;
export type ProgrammeChangeBody = z.infer<typeof programmeChangeBody>;

export type RefusalRule =
  | 'unknown-exercise'
  | 'not-in-programme'
  | 'already-in-programme'
  | 'gate'
  | 'never-when'
  | 'stop-rule'
  | 'back-off'
  | 'dose-range'
  | 'times-range'
  | 'warning-pause';

/** The lowest dose of an exercise, which is all the gentle-only gate or a back-off allows. */
export interface LowestDose {
  dosage: PrescribedDosage;
  timesPerDay: number;
}

/**
 * One refused change: which (by its index in the request), the rule that refused it, and that rule in
 * words. A refusal for a dose above the lowest carries that lowest dose as data (`lowest`), for the edge
 * to put in words (src/words' `refusalWords`): the engine writes no dose sentence of its own.
 */
export interface ChangeRefusal {
  index: number;
  exerciseId: string | null;
  rule: RefusalRule;
  text: string;
  lowest?: LowestDose;
}

/** One change as applied, for the programme's version history. */
export interface AppliedChange {
  op: 'add' | 'remove' | 'dose' | 'note' | 'pause' | 'resume';
  exerciseId?: string;
  before?: unknown;
  after?: unknown;
}

export interface ChangeContext {
  /** The gate to enforce: the most restrictive of the programme's and the latest triage's. */
  gate: Gate;
  /** The latest assessment's exclusions ("never when" codes that apply to this person). */
  exclusions: readonly ExclusionCode[];
  /** A warning sign paused the programme: no change until a new assessment. */
  pausedByWarning: boolean;
}

const UNKNOWN_TEXT = 'There is no exercise with this id in the catalogue.';

/** A "never when" situation as a clinician reads it in a refusal: its name and why it applies. */
function exclusionWords(code: ExclusionCode, kb: KnowledgeBase): string {
  const { name, applies } = kb.exclusions[code];
  return `${name} (${applies})`;
}

/** Why a barring rule bars this exercise, in people's words. */
function barringText(
  rule: BarringRule,
  ex: Exercise,
  gate: Gate,
  exclusions: readonly ExclusionCode[],
  kb: KnowledgeBase,
): string {
  const words = kb.programme.refusals;
  switch (rule) {
    case 'gate':
      return gate === 'not-now' ? words['gate-not-now'] : words['gate-gentle-only'];
    case 'never-when': {
      const codes = ex.neverWhen.filter((code) => exclusions.includes(code));
      return `Never when: ${codes.map((code) => exclusionWords(code, kb)).join('; ')}`;
    }
    case 'stop-rule':
      return words['stop-rule'];
    case 'back-off':
      return ex.nerveTension ? words['back-off-nerve-tension'] : words['back-off-not-gentle'];
  }
}

/**
 * Why an exercise may not be in this programme now, or null when it may: the reasons behind
 * `permittedNow`, named so that a refused change can say which rule refused it.
 */
export function refusalOf(
  ex: Exercise,
  programme: Pick<Programme, 'gate' | 'exclusions'>,
  state: Pick<ProgrammeState, 'backOff' | 'dropped'>,
  exclusions: readonly ExclusionCode[],
  kb: KnowledgeBase,
): { rule: BarringRule; text: string } | null {
  const rule = barringRule(ex, programme.gate, state, exclusions);
  return rule === null
    ? null
    : { rule, text: barringText(rule, ex, programme.gate, exclusions, kb) };
}

/** What one field of a dose counts, to name it in a refusal. */
const FIELD_WORDS = {
  amount: { seconds: 'The hold is', reps: 'The number of repetitions is' },
  repeats: { seconds: 'The number of holds in a set is', reps: 'The number of rounds is' },
  sets: { seconds: 'The number of sets is', reps: 'The number of sets is' },
} as const;

const span = (r: Range): string => (r.min === r.max ? `${r.min}` : `${r.min} to ${r.max}`);
const within = (value: number, r: Range): boolean => value >= r.min && value <= r.max;

/** The refusals for a dose or times a day outside the catalogue's ranges for the exercise. */
function rangeRefusals(
  index: number,
  exerciseId: ExerciseId,
  dosage: Pick<PlanItem['dosage'], 'amount' | 'repeats' | 'sets'>,
  timesPerDay: number,
  ranges: Dosage,
): ChangeRefusal[] {
  const out: ChangeRefusal[] = [];
  for (const field of ['amount', 'repeats', 'sets'] as const) {
    const value = dosage[field];
    const range = ranges[field === 'amount' ? 'range' : field];
    if (within(value, range)) continue;
    const unit = field === 'amount' && ranges.unit === 'seconds' ? ' seconds' : '';
    out.push({
      index,
      exerciseId,
      rule: 'dose-range',
      text: `${FIELD_WORDS[field][ranges.unit]} ${span(range)}${unit} for this exercise; ${value} is outside it.`,
    });
  }
  if (!within(timesPerDay, ranges.timesPerDay)) {
    const r = ranges.timesPerDay;
    const times = r.min === 1 && r.max === 1 ? 'once' : `${span(r)} times`;
    out.push({
      index,
      exerciseId,
      rule: 'times-range',
      text: `This exercise is done ${times} a day; ${timesPerDay} is outside it.`,
    });
  }
  return out;
}

/**
 * The refusals for a dose: outside the catalogue's ranges, or (when the range is kept) above the lowest
 * dose while the gentle-only gate or a back-off holds, which mean gentle exercises at the lowest dose.
 */
function doseRefusals(
  index: number,
  exerciseId: ExerciseId,
  dosage: PrescribedDosage,
  timesPerDay: number,
  ranges: Dosage,
  lowestOnly: 'gate' | 'back-off' | null,
  kb: KnowledgeBase,
): ChangeRefusal[] {
  const outOfRange = rangeRefusals(index, exerciseId, dosage, timesPerDay, ranges);
  if (outOfRange.length > 0 || lowestOnly === null) return outOfRange;
  const lowest = startingDosage(ranges);
  const atLowest =
    dosage.amount === lowest.amount &&
    dosage.repeats === lowest.repeats &&
    dosage.sets === lowest.sets &&
    timesPerDay === ranges.timesPerDay.min;
  if (atLowest) return [];
  const why =
    kb.programme.refusals[lowestOnly === 'back-off' ? 'lowest-dose-back-off' : 'lowest-dose-gate'];
  return [
    {
      index,
      exerciseId,
      rule: lowestOnly,
      text: why,
      lowest: { dosage: lowest, timesPerDay: ranges.timesPerDay.min },
    },
  ];
}

/** A dose with the given parts changed; parts left out (or undefined) keep their value. */
function withDose(
  dose: PrescribedDosage,
  parts: {
    amount?: number | undefined;
    repeats?: number | undefined;
    sets?: number | undefined;
  } = {},
): PrescribedDosage {
  return {
    ...dose,
    amount: parts.amount ?? dose.amount,
    repeats: parts.repeats ?? dose.repeats,
    sets: parts.sets ?? dose.sets,
  };
}

/** The catalogue dosage a prescribed dose is counted against: the one in the same unit, else the main one. */
function rangesFor(ex: Exercise, unit: Dosage['unit']): Dosage {
  return [ex.dosage, ex.alternativeDosage?.dosage].find((d) => d?.unit === unit) ?? ex.dosage;
}

/**
 * Applies a clinician's changes in order to a copy of the programme, all or none: when any change is
 * refused, nothing is applied and every refusal is listed. Adding or re-dosing an exercise passes the same
 * check as the engine's own (`permittedNow`, under the stricter of the programme's and the context's gate
 * and exclusions) and the catalogue's ranges; removing one is always allowed.
 */
export function applyClinicianChanges(
  programme: Programme,
  state: ProgrammeState,
  changes: readonly ClinicianChange[],
  kb: KnowledgeBase,
  context: ChangeContext,
):
  | { ok: true; programme: Programme; state: ProgrammeState; applied: AppliedChange[] }
  | { ok: false; refusals: ChangeRefusal[] } {
  if (context.pausedByWarning) {
    return {
      ok: false,
      refusals: [
        {
          index: 0,
          exerciseId: null,
          rule: 'warning-pause',
          text: kb.programme.refusals['warning-pause'],
        },
      ],
    };
  }
  const gate = mostRestrictiveGate([programme.gate, context.gate]);
  const exclusions = [...new Set([...programme.exclusions, ...context.exclusions])];
  const rules = { gate, exclusions };
  // Gentle-only (the triage gate's or a back-off's) means the lowest dose: the engine never raises it then.
  const lowestOnly = state.backOff ? 'back-off' : gate === 'gentle-only' ? 'gate' : null;
  const next = structuredClone(programme);
  const nextState = structuredClone(state);
  const byId = new Map<string, Exercise>(kb.exercises.map((ex) => [ex.id, ex]));
  const relevant = new Set<ContributorId>(programme.items.flatMap((i) => i.serves));
  const refusals: ChangeRefusal[] = [];
  const applied: AppliedChange[] = [];
  // An exercise whose add was refused: later changes to it are not judged again (the first refusal says why).
  const refusedAdds = new Set<string>();

  const at = (id: string) => next.items.findIndex((i) => i.exerciseId === id);
  const refuse = (index: number, exerciseId: string, rule: RefusalRule, text: string) => {
    refusals.push({ index, exerciseId, rule, text });
  };
  /** The refusal for a change to an exercise the plan does not have. */
  const missing = (index: number, id: string) => {
    if (byId.has(id)) {
      refuse(index, id, 'not-in-programme', 'This exercise is not in the programme.');
    } else {
      refuse(index, id, 'unknown-exercise', UNKNOWN_TEXT);
    }
  };

  changes.forEach((change, index) => {
    const id = change.exerciseId;
    if (change.op !== 'add' && refusedAdds.has(id)) return;
    const ex = byId.get(id);
    const where = at(id);
    const item = next.items[where];
    switch (change.op) {
      case 'add': {
        if (!ex) {
          refuse(index, id, 'unknown-exercise', UNKNOWN_TEXT);
          refusedAdds.add(id);
          return;
        }
        if (item) {
          refuse(index, id, 'already-in-programme', 'This exercise is already in the programme.');
          return;
        }
        const dosage = withDose(startingDosage(ex.dosage), change.dosage);
        const timesPerDay = change.timesPerDay ?? ex.dosage.timesPerDay.min;
        const barred = refusalOf(ex, rules, nextState, exclusions, kb);
        if (barred) refuse(index, id, barred.rule, barred.text);
        const badDose = doseRefusals(index, ex.id, dosage, timesPerDay, ex.dosage, lowestOnly, kb);
        refusals.push(...(barred ? badDose.filter((r) => r.rule !== lowestOnly) : badDose));
        if (barred || badDose.length > 0) {
          refusedAdds.add(id);
          return;
        }
        const added: PlanItem = {
          exerciseId: ex.id,
          kind: ex.kind,
          dosage,
          timesPerDay,
          serves: ex.serves.filter((c) => relevant.has(c)),
          cautions: cautionsFor(ex, gate, exclusions, kb),
          ...(change.note === undefined ? {} : { note: change.note }),
        };
        next.items.push(added);
        applied.push({ op: 'add', exerciseId: id, before: null, after: structuredClone(added) });
        return;
      }
      case 'remove': {
        if (!item) {
          missing(index, id);
          return;
        }
        next.items.splice(where, 1);
        nextState.easyStreak = Object.fromEntries(
          Object.entries(nextState.easyStreak).filter(([key]) => key !== id),
        );
        applied.push({ op: 'remove', exerciseId: id, before: structuredClone(item), after: null });
        return;
      }
      case 'dose': {
        if (!item) {
          missing(index, id);
          return;
        }
        if (!ex) {
          refuse(index, id, 'unknown-exercise', UNKNOWN_TEXT);
          return;
        }
        const barred = refusalOf(ex, rules, nextState, exclusions, kb);
        const dosage = withDose(item.dosage, change.dosage);
        const timesPerDay = change.timesPerDay ?? item.timesPerDay;
        const ranges = rangesFor(ex, item.dosage.unit);
        if (barred) refuse(index, id, barred.rule, barred.text);
        const badDose = doseRefusals(index, ex.id, dosage, timesPerDay, ranges, lowestOnly, kb);
        refusals.push(...(barred ? badDose.filter((r) => r.rule !== lowestOnly) : badDose));
        if (barred || badDose.length > 0) return;
        next.items[where] = { ...item, dosage, timesPerDay };
        applied.push({
          op: 'dose',
          exerciseId: id,
          before: { dosage: structuredClone(item.dosage), timesPerDay: item.timesPerDay },
          after: { dosage: structuredClone(dosage), timesPerDay },
        });
        return;
      }
      case 'note': {
        if (!item) {
          missing(index, id);
          return;
        }
        const note = change.note === null || change.note === '' ? null : change.note;
        const { note: before, ...rest } = item;
        next.items[where] = note === null ? rest : { ...rest, note };
        applied.push({ op: 'note', exerciseId: id, before: before ?? null, after: note });
        return;
      }
    }
  });

  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, programme: next, state: nextState, applied };
}
