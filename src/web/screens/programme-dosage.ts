// Plain words for the programme: an exercise's dose and how often to do it, exercise titles, and the week.
import type { PrescribedDosage } from '../../engine/plan.js';
import { REST_SECONDS } from './session-machine.js';

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

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A dose in a sentence a person can follow, e.g. "Hold 30 seconds, 3 times, each leg, twice a day"
 * or "2 rounds of 10 repetitions, once a day". Every exercise done on each side is a leg exercise.
 * The CLI's `describeDosage` (src/cli/render.ts) says the same things in a terse terminal style.
 */
export function describeDosage(d: PrescribedDosage, timesPerDay?: number): string {
  const parts: string[] = [];
  if (d.unit === 'seconds') {
    parts.push(`Hold ${plural(d.amount, 'second', 'seconds')}`);
    if (d.repeats > 1) parts.push(`${d.repeats} times`);
    else parts[0] = `${parts[0] ?? ''} once`;
    if (d.sides === 'each') parts.push('each leg');
    if (d.sets > 1) parts.push(`${d.sets} rounds`);
  } else {
    const reps = plural(d.amount, 'repetition', 'repetitions');
    parts.push(d.sets > 1 ? `${d.sets} rounds of ${reps}` : reps);
    if (d.sides === 'each') parts.push('each leg');
  }
  if (timesPerDay !== undefined) parts.push(timesPerDayWords(timesPerDay));
  const sentence = parts.join(', ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * An exercise's name as a title, with a trailing explanation in brackets split off:
 * "gentle supine hamstring stretch (knee to vertical, …)" → "Gentle supine hamstring stretch"
 * and "knee to vertical, …". Brackets in the middle of a name stay where they are.
 */
export function exerciseTitle(name: string): { title: string; detail?: string } {
  const match = /^(.+?) \(([^()]+)\)$/.exec(name.trim());
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { title: cap(match[1]), detail: match[2] };
  }
  return { title: cap(name.trim()) };
}

export interface WeekDay {
  /** YYYY-MM-DD. */
  date: string;
  /** "Mon 2", in English. */
  label: string;
  /** "Monday 2 March". */
  longLabel: string;
  today: boolean;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Today and the six days after it, from a local date (YYYY-MM-DD); calendar maths in UTC so DST cannot skip a day. */
export function weekFrom(today: string): WeekDay[] {
  const [y, m, d] = today.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || [y, m, d].some(Number.isNaN)) {
    throw new Error(`Not a date: ${today}`);
  }
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(y, m - 1, d + i));
    const date = day.toISOString().slice(0, 10);
    const name = DAY_NAMES[day.getUTCDay()] ?? '';
    const month = MONTH_NAMES[day.getUTCMonth()] ?? '';
    return {
      date,
      label: `${name.slice(0, 3)} ${day.getUTCDate()}`,
      longLabel: `${name} ${day.getUTCDate()} ${month}`,
      today: i === 0,
    };
  });
}

/**
 * How often, for the whole plan, in one plain sentence: every exercise every day, and which ones more
 * than once a day.
 */
export function dailyPlanSummary(items: readonly { name: string; timesPerDay: number }[]): string {
  if (items.length === 0) return 'There are no exercises in your plan at the moment.';
  const byTimes = new Map<number, string[]>();
  for (const item of items) {
    byTimes.set(item.timesPerDay, [...(byTimes.get(item.timesPerDay) ?? []), item.name]);
  }
  if (byTimes.size === 1) {
    const [times] = [...byTimes.keys()];
    const every = items.length === 1 ? 'the exercise' : `all ${items.length} exercises`;
    return `Every day this week, do ${every} ${timesPerDayWords(times ?? 1)}.`;
  }
  const most = [...byTimes.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const [first, ...rest] = most;
  const others = rest.map(([times, names]) => `${listWords(names)} ${timesPerDayWords(times)}`);
  const firstWords = first ? timesPerDayWords(first[0]) : '';
  return `Every day this week, do each exercise ${firstWords}, except ${others.join(', and ')}. Spread those through the day, for example morning and evening.`;
}

/** "a", "a and b", "a, b and c". */
export function listWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** About how long one repetition takes, and getting into position for each side or round. */
const SECONDS_PER_REP = 4;
const SECONDS_TO_SET_UP = 20;

/** About how many whole minutes one round of these exercises takes, at least 1 when there is any. */
export function estimateMinutes(dosages: readonly PrescribedDosage[]): number {
  const seconds = dosages.reduce((sum, d) => {
    const blocks = Math.max(1, d.sets) * (d.sides === 'each' ? 2 : 1);
    const work =
      d.unit === 'seconds'
        ? d.amount * d.repeats + REST_SECONDS * Math.max(0, d.repeats - 1)
        : d.amount * SECONDS_PER_REP;
    return sum + blocks * (work + SECONDS_TO_SET_UP);
  }, 0);
  return seconds === 0 ? 0 : Math.max(1, Math.round(seconds / 60));
}
