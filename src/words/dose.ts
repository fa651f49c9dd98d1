// How much and how often, in one sentence for every surface (screens, report, terminal, exports):
// "Hold 30 seconds, 3 times, each leg, twice a day" or "2 rounds of 10 repetitions, once a day".
import type { Dosage, Range } from '../kb/types.js';
import { capitalise, plural } from './text.js';

/** A dose as prescribed: one number of each (the engine's `PrescribedDosage` has this shape). */
export interface PrescribedDose {
  unit: Dosage['unit'];
  /** Seconds of each hold, or repetitions. */
  amount: number;
  repeats: number;
  sets: number;
  sides: Dosage['sides'];
}

/** "once", "twice", "3 times". */
export function timesWords(n: number): string {
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

/** "once a day", "twice a day", "3 times a day". */
export function timesPerDayWords(n: number): string {
  return `${timesWords(n)} a day`;
}

/** A range of times a day: "once a day", "once or twice a day", "2 to 3 times a day". */
export function timesPerDayRangeWords(r: Range): string {
  if (r.min === r.max) return timesPerDayWords(r.min);
  if (r.min === 1 && r.max === 2) return 'once or twice a day';
  return `${r.min} to ${r.max} times a day`;
}

/** "30", or "30 to 60". */
const span = (r: Range): string => (r.min === r.max ? `${r.min}` : `${r.min} to ${r.max}`);

/** A count or range with its noun: "1 second", "30 seconds", "30 to 60 seconds". */
const counted = (r: Range, one: string, many: string): string =>
  `${span(r)} ${r.min === r.max && r.min === 1 ? one : many}`;

/** The dose sentence over ranges; a prescribed dose is the case where each range is one number. */
function doseSentence(
  d: Pick<Dosage, 'unit' | 'range' | 'repeats' | 'sets' | 'sides'>,
  often: string | undefined,
): string {
  const parts: string[] = [];
  if (d.unit === 'seconds') {
    const hold = `Hold ${counted(d.range, 'second', 'seconds')}`;
    if (d.repeats.max > 1) parts.push(hold, `${span(d.repeats)} times`);
    else parts.push(`${hold} once`);
    if (d.sides === 'each') parts.push('each leg');
    if (d.sets.max > 1) parts.push(`${span(d.sets)} rounds`);
  } else {
    const reps = counted(d.range, 'repetition', 'repetitions');
    parts.push(d.sets.max > 1 ? `${span(d.sets)} rounds of ${reps}` : reps);
    // Every exercise done on each side in the catalogue is a leg exercise.
    if (d.sides === 'each') parts.push('each leg');
  }
  if (often !== undefined) parts.push(often);
  return capitalise(parts.join(', '));
}

const one = (n: number): Range => ({ min: n, max: n });

/**
 * A prescribed dose in a sentence a person can follow, with how often when given:
 * "Hold 30 seconds, 3 times, each leg, twice a day", "2 rounds of 10 repetitions, once a day".
 */
export function dosageWords(d: PrescribedDose, timesPerDay?: number): string {
  return doseSentence(
    {
      unit: d.unit,
      range: one(d.amount),
      repeats: one(d.repeats),
      sets: one(d.sets),
      sides: d.sides,
    },
    timesPerDay === undefined ? undefined : timesPerDayWords(timesPerDay),
  );
}

/**
 * A dose in a few words, for a reminder where space is short: "3 holds", "3 holds each leg",
 * "20 repetitions", "2 rounds of 10 repetitions".
 */
export function shortDosageWords(d: PrescribedDose): string {
  const each = d.sides === 'each' ? ' each leg' : '';
  if (d.unit === 'seconds') {
    const holds = d.repeats * Math.max(1, d.sets);
    return `${plural(holds, 'hold', 'holds')}${each}`;
  }
  const reps = plural(d.amount, 'repetition', 'repetitions');
  return d.sets > 1 ? `${d.sets} rounds of ${reps}${each}` : `${reps}${each}`;
}

/** A catalogue dosage with its ranges: "Hold 30 to 60 seconds, 3 times, each leg, once a day". */
export function dosageRangeWords(d: Dosage): string {
  return doseSentence(d, timesPerDayRangeWords(d.timesPerDay));
}
