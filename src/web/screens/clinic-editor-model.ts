// The programme editor's model: a draft of the plan the clinician edits (add, dose, times a day, note,
// remove), the one list of changes it becomes for POST …/programme/changes, and each refusal placed
// beside the exercise it names. Pure; the server is the judge of every change.
import type { ChangeRefusal, ClinicianChange } from '../../engine/clinician-change.js';
import type { PlanItem, PrescribedDosage } from '../../engine/plan.js';
import type { Dosage, Exercise, Range } from '../../kb/types.js';

/** One exercise as the editor holds it. */
export interface DraftItem {
  exerciseId: string;
  dosage: PrescribedDosage;
  timesPerDay: number;
  /** The note to the person about this exercise; '' for none. */
  note: string;
  /** Not in the current programme: saving adds it. */
  added: boolean;
  /** Marked for removal: saving removes it. */
  removed: boolean;
}

/** The ranges a dose must lie within for an exercise, in the unit the dose is counted in. */
export interface DoseRanges {
  amount: Range;
  repeats: Range;
  sets: Range;
  timesPerDay: Range;
  unit: Dosage['unit'];
}

/** The catalogue dosage a prescribed dose is counted against: the one in the same unit, else the main one. */
export function rangesFor(ex: Exercise, unit: Dosage['unit'] = ex.dosage.unit): DoseRanges {
  const d = [ex.dosage, ex.alternativeDosage?.dosage].find((x) => x?.unit === unit) ?? ex.dosage;
  return {
    amount: d.range,
    repeats: d.repeats,
    sets: d.sets,
    timesPerDay: d.timesPerDay,
    unit: d.unit,
  };
}

/** The editor's starting point: the programme's items as they are. */
export function draftFrom(items: readonly PlanItem[]): DraftItem[] {
  return items.map((i) => ({
    exerciseId: i.exerciseId,
    dosage: { ...i.dosage },
    timesPerDay: i.timesPerDay,
    note: i.note ?? '',
    added: false,
    removed: false,
  }));
}

/** Adds an exercise from the catalogue at its starting dose (the lowest of each range), as the engine would. */
export function addExercise(draft: readonly DraftItem[], ex: Exercise): DraftItem[] {
  const existing = draft.find((d) => d.exerciseId === ex.id);
  if (existing) {
    // Adding back one marked for removal just keeps it.
    return existing.removed
      ? draft.map((d) => (d.exerciseId === ex.id ? { ...d, removed: false } : d))
      : [...draft];
  }
  const d = ex.dosage;
  return [
    ...draft,
    {
      exerciseId: ex.id,
      dosage: {
        unit: d.unit,
        amount: d.range.min,
        repeats: d.repeats.min,
        sets: d.sets.min,
        sides: d.sides,
      },
      timesPerDay: d.timesPerDay.min,
      note: '',
      added: true,
      removed: false,
    },
  ];
}

/** Marks an exercise for removal (an added one simply leaves the draft), or keeps it again. */
export function setRemoved(
  draft: readonly DraftItem[],
  exerciseId: string,
  removed: boolean,
): DraftItem[] {
  return draft.flatMap((d) => {
    if (d.exerciseId !== exerciseId) return [d];
    if (d.added && removed) return [];
    return [{ ...d, removed }];
  });
}

/** Changes one field of one exercise in the draft. */
export function updateItem(
  draft: readonly DraftItem[],
  exerciseId: string,
  patch: Partial<Pick<PrescribedDosage, 'amount' | 'repeats' | 'sets'>> & {
    timesPerDay?: number;
    note?: string;
  },
): DraftItem[] {
  return draft.map((d) => {
    if (d.exerciseId !== exerciseId) return d;
    const { timesPerDay, note, ...dose } = patch;
    return {
      ...d,
      dosage: { ...d.dosage, ...dose },
      timesPerDay: timesPerDay ?? d.timesPerDay,
      note: note ?? d.note,
    };
  });
}

/** A note as the server takes it: trimmed, and null when empty. */
const noteOf = (note: string | undefined): string | null => {
  const t = (note ?? '').trim();
  return t === '' ? null : t;
};

/**
 * The draft as the list of changes to send, in an order the server applies cleanly: removals, then
 * additions (with their dose, times a day and note), then dose changes (only the parts that changed),
 * then notes. Empty when the draft changes nothing.
 */
export function changesFrom(
  original: readonly PlanItem[],
  draft: readonly DraftItem[],
): ClinicianChange[] {
  const byId = new Map(original.map((i) => [i.exerciseId as string, i]));
  const removes: ClinicianChange[] = [];
  const adds: ClinicianChange[] = [];
  const doses: ClinicianChange[] = [];
  const notes: ClinicianChange[] = [];
  for (const d of draft) {
    const before = byId.get(d.exerciseId);
    if (d.removed) {
      if (before) removes.push({ op: 'remove', exerciseId: d.exerciseId });
      continue;
    }
    if (!before) {
      const note = noteOf(d.note);
      adds.push({
        op: 'add',
        exerciseId: d.exerciseId,
        dosage: { amount: d.dosage.amount, repeats: d.dosage.repeats, sets: d.dosage.sets },
        timesPerDay: d.timesPerDay,
        ...(note === null ? {} : { note }),
      });
      continue;
    }
    const dosage: { amount?: number; repeats?: number; sets?: number } = {};
    if (d.dosage.amount !== before.dosage.amount) dosage.amount = d.dosage.amount;
    if (d.dosage.repeats !== before.dosage.repeats) dosage.repeats = d.dosage.repeats;
    if (d.dosage.sets !== before.dosage.sets) dosage.sets = d.dosage.sets;
    const times = d.timesPerDay !== before.timesPerDay ? d.timesPerDay : undefined;
    if (Object.keys(dosage).length > 0 || times !== undefined) {
      doses.push({
        op: 'dose',
        exerciseId: d.exerciseId,
        ...(Object.keys(dosage).length > 0 ? { dosage } : {}),
        ...(times === undefined ? {} : { timesPerDay: times }),
      });
    }
    if (noteOf(d.note) !== noteOf(before.note)) {
      notes.push({ op: 'note', exerciseId: d.exerciseId, note: noteOf(d.note) });
    }
  }
  return [...removes, ...adds, ...doses, ...notes];
}

/**
 * The refusals of a 422 by the exercise they name (from the refusal, or else from the change at its
 * index); those naming no exercise (a warning pause) are under `general`.
 */
export function placeRefusals(
  refusals: readonly ChangeRefusal[],
  changes: readonly ClinicianChange[],
): { byExercise: Map<string, ChangeRefusal[]>; general: ChangeRefusal[] } {
  const byExercise = new Map<string, ChangeRefusal[]>();
  const general: ChangeRefusal[] = [];
  for (const r of refusals) {
    const id = r.exerciseId ?? changes[r.index]?.exerciseId ?? null;
    if (id === null) {
      general.push(r);
      continue;
    }
    byExercise.set(id, [...(byExercise.get(id) ?? []), r]);
  }
  return { byExercise, general };
}

/** The editor's label for each part of a dose, in the exercise's unit (the words a refusal uses too). */
export function doseLabels(unit: Dosage['unit']): {
  amount: string;
  repeats: string;
  sets: string;
  timesPerDay: string;
} {
  return unit === 'seconds'
    ? {
        amount: 'Hold, seconds',
        repeats: 'Holds in a set',
        sets: 'Sets',
        timesPerDay: 'Times a day',
      }
    : { amount: 'Repetitions', repeats: 'Rounds', sets: 'Sets', timesPerDay: 'Times a day' };
}

/** Whether a number lies within a range (the inputs say so before the server does). */
export function inRange(n: number, r: Range): boolean {
  return Number.isInteger(n) && n >= r.min && n <= r.max;
}

/** The draft's values outside the catalogue's ranges, by exercise, in words; empty when all are inside. */
export function rangeProblems(
  draft: readonly DraftItem[],
  exerciseOf: (id: string) => Exercise | undefined,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of draft) {
    const ex = exerciseOf(d.exerciseId);
    if (!ex || d.removed) continue;
    const r = rangesFor(ex, d.dosage.unit);
    const problems: string[] = [];
    const labels = doseLabels(r.unit);
    const check = (label: string, n: number, range: Range) => {
      if (!inRange(n, range)) {
        problems.push(
          range.min === range.max
            ? `${label}: ${range.min} for this exercise.`
            : `${label}: ${range.min} to ${range.max} for this exercise.`,
        );
      }
    };
    check(labels.amount, d.dosage.amount, r.amount);
    check(labels.repeats, d.dosage.repeats, r.repeats);
    check(labels.sets, d.dosage.sets, r.sets);
    check(labels.timesPerDay, d.timesPerDay, r.timesPerDay);
    if (problems.length > 0) out.set(d.exerciseId, problems);
  }
  return out;
}
