// The programme's week and plan: the days ahead, how often in one sentence, and about how long a round takes.
// The dose sentence and exercise titles live in src/words.
import type { PrescribedDosage } from '../../engine/plan.js';
import { listWords, timesPerDayWords } from '../../words/index.js';
import { REST_SECONDS } from './session-machine.js';

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
