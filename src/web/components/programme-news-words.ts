// A clinician's changes to the programme in plain words: who changed it and when, and each change as a
// sentence ("Added Bridge: 10 repetitions, once a day."), for the news card before the next sitting.
import type { PrescribedDosage } from '../../engine/plan.js';
import type { ProgrammeVersionView, VersionChangeView } from '../data/types.js';
import { dosageWords, lowerFirst, timesPerDayWords } from '../../words/index.js';

/** What a version's `before`/`after` say about an exercise, read defensively (the API keeps them open). */
export interface ItemFacts {
  dosage: Partial<PrescribedDosage> | null;
  timesPerDay: number | null;
  note: string | null;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Reads an item's dose, times a day and note from a change's `before` or `after`. */
export function itemFacts(value: unknown): ItemFacts {
  if (typeof value === 'string') return { dosage: null, timesPerDay: null, note: value };
  if (!isRecord(value)) return { dosage: null, timesPerDay: null, note: null };
  const d = isRecord(value.dosage) ? value.dosage : null;
  const dosage: Partial<PrescribedDosage> | null = d
    ? {
        ...(d.unit === 'seconds' || d.unit === 'reps' ? { unit: d.unit } : {}),
        ...(num(d.amount) === null ? {} : { amount: num(d.amount) ?? 0 }),
        ...(num(d.repeats) === null ? {} : { repeats: num(d.repeats) ?? 1 }),
        ...(num(d.sets) === null ? {} : { sets: num(d.sets) ?? 1 }),
        ...(d.sides === 'each' || d.sides === 'none' ? { sides: d.sides } : {}),
      }
    : null;
  return {
    dosage,
    timesPerDay: num(value.timesPerDay),
    note: typeof value.note === 'string' ? value.note : null,
  };
}

/**
 * A dose in words, filling what one side of a change leaves out from the other (a change may give only
 * the new amount); null when there is too little to say anything true.
 */
function doseWords(
  dosage: Partial<PrescribedDosage> | null,
  fallback: Partial<PrescribedDosage> | null,
  timesPerDay: number | null,
  base: Partial<PrescribedDosage> = {},
): string | null {
  const merged = { ...base, ...fallback, ...dosage };
  if (merged.amount === undefined || merged.unit === undefined) {
    return timesPerDay === null ? null : timesPerDayWords(timesPerDay);
  }
  const full: PrescribedDosage = {
    unit: merged.unit,
    amount: merged.amount,
    repeats: merged.repeats ?? 1,
    sets: merged.sets ?? 1,
    sides: merged.sides ?? 'none',
  };
  return lowerFirst(dosageWords(full, timesPerDay ?? undefined));
}

/**
 * One change as a sentence a person can follow. `name` gives an exercise's title by id; `shape` its
 * catalogue unit and sides, for a change that gives only the numbers.
 */
export function describeVersionChange(
  change: VersionChangeView,
  name: (exerciseId: string) => string,
  shape: (exerciseId: string) => Pick<PrescribedDosage, 'unit' | 'sides'> | undefined = () =>
    undefined,
): string {
  const exercise = change.exerciseId ? name(change.exerciseId) : 'an exercise';
  const base: Partial<PrescribedDosage> =
    (change.exerciseId ? shape(change.exerciseId) : undefined) ?? {};
  const before = itemFacts(change.before);
  const after = itemFacts(change.after);
  switch (change.op) {
    case 'add': {
      const dose = doseWords(after.dosage, null, after.timesPerDay, base);
      return dose ? `Added ${exercise}: ${dose}.` : `Added ${exercise}.`;
    }
    case 'remove':
      return `Took out ${exercise}.`;
    case 'dose': {
      const diff = doseDifferences(
        before,
        after,
        base.unit ?? after.dosage?.unit ?? before.dosage?.unit,
      );
      if (diff.length > 0) return `${exercise}: ${joinParts(diff)}.`;
      const from = doseWords(
        before.dosage,
        after.dosage,
        before.timesPerDay ?? after.timesPerDay,
        base,
      );
      const to = doseWords(
        after.dosage,
        before.dosage,
        after.timesPerDay ?? before.timesPerDay,
        base,
      );
      if (from && to && from !== to) return `Changed ${exercise} from ${from} to ${to}.`;
      return to ? `Changed ${exercise}: now ${to}.` : `Changed the dose of ${exercise}.`;
    }
    case 'note': {
      const note = after.note?.trim();
      return note ? `A note on ${exercise}: “${note}”` : `Took away the note on ${exercise}.`;
    }
    case 'pause':
      return 'Paused your programme.';
    case 'resume':
      return 'Started your programme again.';
  }
}

const timesDay = (n: number) => timesPerDayWords(n);

/**
 * Only what a dose change changed, each part "new instead of old": "hold for 35 seconds instead of 30",
 * "twice a day instead of once a day". Empty when the two sides cannot be compared.
 */
export function doseDifferences(
  before: ItemFacts,
  after: ItemFacts,
  unit: PrescribedDosage['unit'] | undefined,
): string[] {
  const parts: string[] = [];
  const b = before.dosage ?? {};
  const a = after.dosage ?? {};
  const changed = (x: number | undefined, y: number | undefined): x is number =>
    x !== undefined && y !== undefined && x !== y;
  if (changed(b.amount, a.amount) && a.amount !== undefined) {
    parts.push(
      unit === 'seconds'
        ? `hold for ${String(a.amount)} seconds instead of ${String(b.amount)}`
        : unit === 'reps'
          ? `${String(a.amount)} repetitions instead of ${String(b.amount)}`
          : `${String(a.amount)} instead of ${String(b.amount)}`,
    );
  }
  // Repeats count holds; a repetition exercise does its repetitions in rounds and has none to speak of.
  if (unit !== 'reps' && changed(b.repeats, a.repeats) && a.repeats !== undefined) {
    parts.push(`${String(a.repeats)} holds instead of ${String(b.repeats)}`);
  }
  if (changed(b.sets, a.sets) && a.sets !== undefined) {
    parts.push(`${String(a.sets)} rounds instead of ${String(b.sets)}`);
  }
  if (
    before.timesPerDay !== null &&
    after.timesPerDay !== null &&
    before.timesPerDay !== after.timesPerDay
  ) {
    parts.push(`${timesDay(after.timesPerDay)} instead of ${timesDay(before.timesPerDay)}`);
  }
  return parts;
}

/** "a", "a and b", "a, b and c". */
function joinParts(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** Who changed the programme, for a sentence: the clinician's own display name, or a plain stand-in. */
export function authorName(version: Pick<ProgrammeVersionView, 'author'>): string {
  const name = version.author.name?.trim();
  return name ? name : 'Your clinician';
}

/**
 * The sentence that opens a version: "Alex Morgan, physiotherapist, changed your programme on 3 Dec 2026".
 * A name that already holds a comma ("Name, role") takes one after it too, so the sentence reads right.
 */
export function versionHeadline(
  version: Pick<ProgrammeVersionView, 'author' | 'changes' | 'createdAt'>,
  date: (iso: string) => string,
): string {
  const who = authorName(version);
  const subject = who.includes(',') ? `${who},` : who;
  const ops = new Set(version.changes.map((c) => c.op));
  const verb =
    ops.size === 1 && ops.has('pause')
      ? 'paused your programme'
      : ops.size === 1 && ops.has('resume')
        ? 'started your programme again'
        : 'changed your programme';
  return `${subject} ${verb} on ${date(version.createdAt)}`;
}

/** The newest version number among the news: what "Got it" marks as seen. */
export function newestNumber(versions: readonly Pick<ProgrammeVersionView, 'number'>[]): number {
  return versions.reduce((n, v) => Math.max(n, v.number), 0);
}

/** A version that only paused or restarted the programme (no exercise changed). */
export function pauseOnly(version: Pick<ProgrammeVersionView, 'changes'>): boolean {
  return (
    version.changes.length > 0 &&
    version.changes.every((c) => c.op === 'pause' || c.op === 'resume')
  );
}

/**
 * The versions the card shows: all of them, except that while a clinician's pause stands, versions
 * that only paused are left to the pause notice, which already says who paused it, when and why.
 */
export function newsToShow<T extends Pick<ProgrammeVersionView, 'changes'>>(
  versions: readonly T[],
  pausedNow: boolean,
): T[] {
  return pausedNow ? versions.filter((v) => !pauseOnly(v)) : [...versions];
}
