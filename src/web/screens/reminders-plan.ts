// Which reminders the calendar file holds: the programme's sessions each day and walking breaks while sitting, for a number of weeks.
import { formatDate, personLocale } from '../format-date.js';
import type { SelfCareItem } from '../../kb/types.js';
import { addDays, weekday, type CalendarEvent } from './reminders-ics.js';

export interface WalkingBreakOptions {
  /** Minutes between breaks. */
  every: number;
  /** HH:MM the sitting hours start and end. */
  from: string;
  until: string;
  /** Monday to Friday only, or every day. */
  weekdaysOnly: boolean;
}

export interface ReminderOptions {
  /** YYYY-MM-DD of the first day. */
  startDate: string;
  weeks: number;
  /** HH:MM of each session; empty for none. */
  sessionTimes: string[];
  sessionMinutes: number;
  walking: WalkingBreakOptions | null;
}

/** What the reminders say: the exercises as planned, the walking-break advice, where to open the app. */
export interface ReminderContent {
  exerciseNames: string[];
  /** What each sitting of the day holds, in words, first sitting first ("gentle hamstring stretch, 3 holds"). */
  sittings?: string[];
  breakAdvice: string;
  /** The session screen's address, e.g. https://example.org/#/session; empty to leave it out. */
  sessionUrl: string;
  /** Makes the UIDs unique to this person's file; the same seed and options give the same UIDs. */
  seed: string;
}

export const MIN_WEEKS = 1;
export const MAX_WEEKS = 12;
export const DEFAULT_WEEKS = 6;

/** The walking-break interval when the knowledge base does not say one. */
const FALLBACK_INTERVAL = { min: 30, max: 60 };

/** The range of minutes between walking breaks the self-care item gives ("every 30 to 60 minutes"). */
export function walkingInterval(item: SelfCareItem | undefined): { min: number; max: number } {
  const text = item ? [item.when, ...item.steps].join(' ') : '';
  const match = /every (\d+) to (\d+) minutes/i.exec(text);
  if (!match) return FALLBACK_INTERVAL;
  const min = Number(match[1]);
  const max = Number(match[2]);
  return min > 0 && max >= min ? { min, max } : FALLBACK_INTERVAL;
}

/** The intervals to offer: the range's ends and the quarter hours between them. */
export function intervalChoices(range: { min: number; max: number }): number[] {
  const choices = new Set<number>([range.min]);
  for (let m = Math.ceil(range.min / 15) * 15; m < range.max; m += 15) choices.add(m);
  choices.add(range.max);
  return [...choices].sort((a, b) => a - b);
}

/** Sensible session times for 1 to 4 sessions a day: morning first, evening last. */
export function defaultSessionTimes(timesPerDay: number): string[] {
  switch (Math.max(0, Math.min(4, Math.round(timesPerDay)))) {
    case 0:
      return [];
    case 1:
      return ['08:00'];
    case 2:
      return ['08:00', '18:00'];
    case 3:
      return ['08:00', '13:00', '18:00'];
    default:
      return ['08:00', '12:00', '16:00', '20:00'];
  }
}

/** HH:MM to minutes after midnight, or null when it is not a time. */
export function parseTime(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The break times in a sitting spell: one each `every` minutes after it starts, before it ends. */
export function breakTimes(from: number, until: number, every: number): number[] {
  const times: number[] = [];
  if (every <= 0) return times;
  for (let t = from + every; t < until; t += every) times.push(t);
  return times;
}

/** The first date on or after `date` that is Monday to Friday. */
export function firstWeekday(date: string): string {
  const day = weekday(date);
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

export type ReminderField = 'startDate' | 'weeks' | 'sessionTimes' | 'from' | 'until' | 'every';

/** What is wrong with the options, by field, in words; empty when they can be used. */
export function reminderProblems(
  o: ReminderOptions,
  interval: { min: number; max: number },
): Partial<Record<ReminderField, string>> {
  const problems: Partial<Record<ReminderField, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.startDate) || Number.isNaN(Date.parse(o.startDate))) {
    problems.startDate = 'Choose the first day, as a date.';
  }
  if (!Number.isInteger(o.weeks) || o.weeks < MIN_WEEKS || o.weeks > MAX_WEEKS) {
    problems.weeks = `Choose a whole number of weeks from ${MIN_WEEKS} to ${MAX_WEEKS}.`;
  }
  const times = o.sessionTimes.map(parseTime);
  if (times.some((t) => t === null)) {
    problems.sessionTimes = 'Give each session a time, such as 08:00.';
  } else if (new Set(times).size !== times.length) {
    problems.sessionTimes = 'Give each session a different time.';
  }
  if (o.walking) {
    const from = parseTime(o.walking.from);
    const until = parseTime(o.walking.until);
    if (from === null) problems.from = 'Give the time your sitting starts, such as 09:00.';
    if (until === null) problems.until = 'Give the time your sitting ends, such as 17:00.';
    else if (from !== null && until <= from) {
      problems.until = 'The end of the sitting hours must come after their start.';
    } else if (from !== null && until - from <= o.walking.every) {
      problems.until = `The sitting hours must be longer than ${o.walking.every} minutes to need a break.`;
    }
    if (o.walking.every < interval.min || o.walking.every > interval.max) {
      problems.every = `Choose ${interval.min} to ${interval.max} minutes.`;
    }
  }
  if (o.sessionTimes.length === 0 && !o.walking) {
    problems.sessionTimes = 'Choose at least sessions or walking breaks to remind you of.';
  }
  return problems;
}

const hhmm = (minutes: number) => formatTime(minutes).replace(':', '');
const WEEKDAYS_RULE = 'BYDAY=MO,TU,WE,TH,FR';

/** The calendar's events: one repeating event per session time and per break time. */
export function reminderEvents(o: ReminderOptions, content: ReminderContent): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  const uid = (kind: string, minutes: number) =>
    `backchain-${kind}-${hhmm(minutes)}-${o.startDate}-${content.seed}@backchain`;
  const exercises =
    content.exerciseNames.length > 0
      ? `Your exercises when this file was made: ${content.exerciseNames.join(', ')}. `
      : '';
  const open = content.sessionUrl ? ` Open Backchain: ${content.sessionUrl}` : '';
  const sessionTimes = o.sessionTimes
    .map(parseTime)
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
  sessionTimes.forEach((minutes, i) => {
    const which = sessionTimes.length > 1 ? ` (${i + 1} of ${sessionTimes.length} today)` : '';
    const holds = content.sittings?.[i];
    events.push({
      uid: uid('session', minutes),
      // The reminder names what it is for: "Evening: gentle hamstring stretch, 3 holds".
      summary: holds ? `${partOfDay(minutes)}: ${holds}` : `Backchain exercise session${which}`,
      description:
        `${exercises}Start gently, and stop if the pain sharpens or spreads further down your leg. ` +
        `The app shows today's session, which may have changed since.${open}`,
      start: { date: o.startDate, minutes },
      durationMinutes: o.sessionMinutes,
      rrule: `FREQ=DAILY;COUNT=${o.weeks * 7}`,
      alarm: true,
    });
  });
  if (o.walking) {
    const from = parseTime(o.walking.from);
    const until = parseTime(o.walking.until);
    if (from !== null && until !== null) {
      const first = o.walking.weekdaysOnly ? firstWeekday(o.startDate) : o.startDate;
      const rrule = o.walking.weekdaysOnly
        ? `FREQ=WEEKLY;${WEEKDAYS_RULE};COUNT=${o.weeks * 5}`
        : `FREQ=DAILY;COUNT=${o.weeks * 7}`;
      for (const minutes of breakTimes(from, until, o.walking.every)) {
        events.push({
          uid: uid('walk', minutes),
          summary: 'Walking break: stand up and walk for a few minutes',
          description: content.breakAdvice,
          start: { date: first, minutes },
          durationMinutes: 5,
          rrule,
          alarm: true,
        });
      }
    }
  }
  return events;
}

/** 23 November 2026, in the person's locale (British English where none is known), through the one formatter. */
export function formatDay(date: string): string {
  return formatDate(date, { locale: personLocale() ?? 'en-GB', month: 'long' });
}

const listWords = (items: string[]) =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;

/** What the file will hold, in a sentence or two. */
export function reminderSummary(o: ReminderOptions): string {
  const last = addDays(o.startDate, o.weeks * 7 - 1);
  const period = `for ${o.weeks} week${o.weeks === 1 ? '' : 's'}, from ${formatDay(o.startDate)} to ${formatDay(last)}`;
  const parts: string[] = [];
  if (o.sessionTimes.length > 0) {
    const n = o.sessionTimes.length;
    const sorted = [...o.sessionTimes].sort();
    parts.push(
      `${n === 1 ? 'an exercise session' : `${String(n)} exercise sessions`} every day at ${listWords(sorted)}`,
    );
  }
  if (o.walking) {
    const from = parseTime(o.walking.from);
    const until = parseTime(o.walking.until);
    const count =
      from !== null && until !== null ? breakTimes(from, until, o.walking.every).length : 0;
    parts.push(
      `a walking break every ${o.walking.every} minutes from ${o.walking.from} to ${o.walking.until} ` +
        `(${count} a day) ${o.walking.weekdaysOnly ? 'on weekdays' : 'every day'}`,
    );
  }
  if (parts.length === 0) return 'Nothing is chosen yet.';
  return `The file adds ${listWords(parts)}, ${period}.`;
}

/** Morning, afternoon or evening, for a time of day in minutes after midnight. */
export function partOfDay(minutes: number): 'Morning' | 'Afternoon' | 'Evening' {
  if (minutes < 12 * 60) return 'Morning';
  if (minutes < 17 * 60) return 'Afternoon';
  return 'Evening';
}

/** A dose in a few words for a reminder (src/words). */
export { shortDosageWords as shortDose } from '../../words/index.js';

/**
 * What each sitting of the day holds, in words: sitting 1 every exercise, sitting 2 only those asked for
 * twice a day, and so on; each exercise named with its dose.
 */
export function sittingContents(
  items: readonly { name: string; timesPerDay: number; dose: string }[],
): string[] {
  const sittings = Math.max(0, ...items.map((i) => i.timesPerDay));
  return Array.from({ length: sittings }, (_, k) =>
    items
      .filter((i) => i.timesPerDay > k)
      .map((i) => `${i.name.charAt(0).toLowerCase()}${i.name.slice(1)}, ${i.dose}`)
      .join('; '),
  );
}
