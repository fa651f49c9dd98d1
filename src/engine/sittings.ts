// Sittings as people do them: one sitting holds every exercise done in it; the plan asks for each exercise a
// number of times a day, so a day has as many sittings as its most frequent exercise. What is still due today,
// where "Continue" picks up, and adherence counted in sittings and exercises, planned against done. Pure: the
// date is passed in, and dates are the person's own calendar dates.
import { dayNumber } from './local-date.js';

/** A logged exercise session as stored: the sitting it belongs to, when there is one. */
export interface SittingLog {
  id: string;
  /** The sitting this log belongs to; older logs have none. */
  sittingId?: string | null;
  /** The sitting's local date (the day it began, even if it ran past midnight). */
  date: string;
  createdAt?: string;
  entries: readonly { exerciseId: string }[];
}

/** One sitting: the exercises done in it (each once, in the order first done). */
export interface Sitting {
  id: string;
  date: string;
  startedAt: string | null;
  exerciseIds: string[];
}

/** Older logs of one date closer together than this are taken as one sitting. */
export const LEGACY_SITTING_GAP_MINUTES = 45;

const sortKey = (s: { date: string; startedAt: string | null; id: string }) =>
  `${s.date}\u0000${s.startedAt ?? ''}\u0000${s.id}`;

/**
 * The sittings the logs make, oldest first. Logs with a sitting id belong to it (its date is the first
 * log's); older logs without one are grouped by date, a gap of more than 45 minutes starting a new one.
 */
export function sittingsFrom(logs: readonly SittingLog[]): Sitting[] {
  const byId = new Map<string, Sitting>();
  const legacy: SittingLog[] = [];
  // Each log's key made once (a long record has thousands of logs to sort).
  const ordered = logs
    .map((log) => ({ log, key: `${log.date}\u0000${log.createdAt ?? ''}\u0000${log.id}` }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((k) => k.log);
  for (const log of ordered) {
    if (!log.sittingId) {
      legacy.push(log);
      continue;
    }
    let sitting = byId.get(log.sittingId);
    if (!sitting) {
      sitting = {
        id: log.sittingId,
        date: log.date,
        startedAt: log.createdAt ?? null,
        exerciseIds: [],
      };
      byId.set(log.sittingId, sitting);
    }
    for (const e of log.entries) {
      if (!sitting.exerciseIds.includes(e.exerciseId)) sitting.exerciseIds.push(e.exerciseId);
    }
  }
  const out = [...byId.values()];
  let current: Sitting | null = null;
  let lastTime = Number.NaN;
  for (const log of legacy) {
    const time = log.createdAt === undefined ? Number.NaN : Date.parse(log.createdAt);
    const sameRun =
      current !== null &&
      current.date === log.date &&
      !Number.isNaN(time) &&
      !Number.isNaN(lastTime) &&
      time - lastTime <= LEGACY_SITTING_GAP_MINUTES * 60_000;
    if (!sameRun || current === null) {
      current = { id: log.id, date: log.date, startedAt: log.createdAt ?? null, exerciseIds: [] };
      out.push(current);
    }
    for (const e of log.entries) {
      if (!current.exerciseIds.includes(e.exerciseId)) current.exerciseIds.push(e.exerciseId);
    }
    lastTime = time;
  }
  return out
    .map((sitting) => ({ sitting, key: sortKey(sitting) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((k) => k.sitting);
}

/** An exercise of the plan and how many times a day it is done. */
export interface PlannedItem {
  exerciseId: string;
  timesPerDay: number;
}

/** One exercise of the plan, today. */
export interface DueItem extends PlannedItem {
  /** In how many of today's sittings it was done (an exercise counts once per sitting). */
  doneToday: number;
  /** Times still to do today. */
  due: number;
}

/** What today holds: item by item, the sitting to continue or the next one, and the day's counts. */
export interface TodayPlan {
  date: string;
  items: DueItem[];
  /** The day's sittings: as many as the most frequent exercise asks for. */
  sittingsPlanned: number;
  /** Sittings begun today, up to the number planned. */
  sittingsDone: number;
  exercisesPlanned: number;
  exercisesDone: number;
  /**
   * Today's latest sitting, when something still due today has not been done in it: "Continue" adds to
   * it, starting at `remaining[0]`.
   */
  open: { sittingId: string; number: number; done: string[]; remaining: string[] } | null;
  /** Otherwise the next sitting, when anything is still due: what it holds, in plan order. */
  next: { number: number; exerciseIds: string[] } | null;
  /** Everything the plan asks for today is done. */
  complete: boolean;
}

/** The plan's exercises today, what is still due, and where the next sitting starts. */
export function todayPlan(
  plan: readonly PlannedItem[],
  sittings: readonly Sitting[],
  date: string,
): TodayPlan {
  const today = sittings.filter((s) => s.date === date);
  const items: DueItem[] = plan.map((item) => {
    const doneToday = today.filter((s) => s.exerciseIds.includes(item.exerciseId)).length;
    return { ...item, doneToday, due: Math.max(0, item.timesPerDay - doneToday) };
  });
  const sittingsPlanned = plan.length === 0 ? 0 : Math.max(...plan.map((i) => i.timesPerDay));
  const exercisesPlanned = plan.reduce((sum, i) => sum + i.timesPerDay, 0);
  const exercisesDone = items.reduce((sum, i) => sum + Math.min(i.doneToday, i.timesPerDay), 0);
  const stillDue = items.filter((i) => i.due > 0).map((i) => i.exerciseId);
  const latest = today.at(-1);
  const notInLatest = latest ? stillDue.filter((id) => !latest.exerciseIds.includes(id)) : [];
  const open =
    latest && notInLatest.length > 0
      ? {
          sittingId: latest.id,
          number: today.length,
          done: [...latest.exerciseIds],
          remaining: notInLatest,
        }
      : null;
  const next =
    !open && stillDue.length > 0 ? { number: today.length + 1, exerciseIds: stillDue } : null;
  return {
    date,
    items,
    sittingsPlanned,
    sittingsDone: Math.min(today.length, sittingsPlanned),
    exercisesPlanned,
    exercisesDone,
    open,
    next,
    complete: plan.length > 0 && stillDue.length === 0,
  };
}

/** One day's adherence: sittings and exercises, planned against done. */
export interface DayAdherence {
  date: string;
  sittingsPlanned: number;
  sittingsDone: number;
  exercisesPlanned: number;
  exercisesDone: number;
}

/** Adherence over days, in sittings (the unit) and in exercises, each planned against done. */
export interface Adherence {
  /** Sittings planned and done: the API's `adherence.planned`, `done` and `ratio`. */
  planned: number;
  done: number;
  ratio: number;
  exercises: { planned: number; done: number; ratio: number };
  days: DayAdherence[];
}

const ratioOf = (done: number, planned: number) =>
  planned > 0 ? Math.round((done / planned) * 100) / 100 : 0;

/**
 * Sittings counted day by day, without the days' dates: for each number of sittings, on how many days
 * there were that many; for each exercise and number of sittings it was done in, on how many days. It
 * is what adherence needs of days no longer listed one by one, whatever the plan (the plan's caps are
 * applied when it is read), and two histories of different days add up. Pairs, not objects: exercise
 * ids are data, never property names.
 */
export interface SittingHistory {
  /** [sittings on a day, days with that many]. */
  sittings: [number, number][];
  /** [exercise id, sittings it was done in on a day, days with that many]. */
  exercises: [string, number, number][];
}

export const NO_SITTINGS: SittingHistory = { sittings: [], exercises: [] };

/** The counts of these sittings, day by day (days with none are not counted: they add nothing done). */
export function sittingHistory(sittings: readonly Sitting[]): SittingHistory {
  const byDate = new Map<string, Sitting[]>();
  for (const s of sittings) {
    const day = byDate.get(s.date);
    if (day) day.push(s);
    else byDate.set(s.date, [s]);
  }
  const perDay = new Map<number, number>();
  const perExercise = new Map<string, number>();
  for (const day of byDate.values()) {
    perDay.set(day.length, (perDay.get(day.length) ?? 0) + 1);
    const times = new Map<string, number>();
    for (const s of day) for (const id of s.exerciseIds) times.set(id, (times.get(id) ?? 0) + 1);
    for (const [id, n] of times) {
      const key = `${id}\u0000${String(n)}`;
      perExercise.set(key, (perExercise.get(key) ?? 0) + 1);
    }
  }
  return historyOf(
    perDay,
    [...perExercise].map(([key, days]) => {
      const cut = key.lastIndexOf('\u0000');
      return [key.slice(0, cut), Number(key.slice(cut + 1)), days];
    }),
  );
}

/** Two histories of different days, added up. */
export function mergeSittingHistory(a: SittingHistory, b: SittingHistory): SittingHistory {
  if (b.sittings.length === 0 && b.exercises.length === 0) return a;
  const perDay = new Map<number, number>();
  for (const [n, days] of [...a.sittings, ...b.sittings])
    perDay.set(n, (perDay.get(n) ?? 0) + days);
  const perExercise = new Map<string, [string, number, number]>();
  for (const [id, n, days] of [...a.exercises, ...b.exercises]) {
    const key = `${id}\u0000${String(n)}`;
    const known = perExercise.get(key);
    if (known) known[2] += days;
    else perExercise.set(key, [id, n, days]);
  }
  return historyOf(perDay, [...perExercise.values()]);
}

/** A history in one order (fewest sittings first, exercises by id), so equal histories are equal data. */
function historyOf(
  perDay: Map<number, number>,
  exercises: [string, number, number][],
): SittingHistory {
  return {
    sittings: [...perDay].sort((x, y) => x[0] - y[0]),
    exercises: exercises.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1])),
  };
}

const dateOfDay = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/**
 * Adherence from `start` to `today` (both local dates, inclusive) against the plan: each day asks for
 * its sittings and exercises; a day counts no more than it asks for. `earlier` holds the sittings of
 * days before those in `sittings` (counted, not listed), for a record whose older days are summarised.
 */
export function adherenceOf(
  plan: readonly PlannedItem[],
  sittings: readonly Sitting[],
  start: string | null,
  today: string,
  /** How many of the latest days to list one by one (the totals cover every day). */
  recentDays = 28,
  earlier: SittingHistory = NO_SITTINGS,
): Adherence {
  const first = start === null ? Number.NaN : dayNumber(start);
  const last = dayNumber(today);
  // An unreadable date has no days, as the day-by-day count always had none for it.
  if (start === null || !(first <= last)) {
    return {
      planned: 0,
      done: 0,
      ratio: 0,
      exercises: { planned: 0, done: 0, ratio: 0 },
      days: [],
    };
  }
  const byDate = new Map<string, Sitting[]>();
  for (const s of sittings) {
    const day = byDate.get(s.date);
    if (day) day.push(s);
    else byDate.set(s.date, [s]);
  }
  // Every day asks for the same (as `todayPlan` counts it); only days with sittings have anything done.
  const sittingsPlanned = plan.length === 0 ? 0 : Math.max(...plan.map((i) => i.timesPerDay));
  const exercisesPlanned = plan.reduce((sum, i) => sum + i.timesPerDay, 0);
  const dayOf = (date: string): DayAdherence => {
    const today = byDate.get(date) ?? [];
    let exercisesDone = 0;
    for (const item of plan) {
      let times = 0;
      for (const s of today) if (s.exerciseIds.includes(item.exerciseId)) times++;
      exercisesDone += Math.min(times, item.timesPerDay);
    }
    return {
      date,
      sittingsPlanned,
      sittingsDone: Math.min(today.length, sittingsPlanned),
      exercisesPlanned,
      exercisesDone,
    };
  };
  const dayCount = last - first + 1;
  const planned = dayCount * sittingsPlanned;
  const exPlanned = dayCount * exercisesPlanned;
  let done = 0;
  let exDone = 0;
  for (const date of byDate.keys()) {
    const d = dayNumber(date);
    if (Number.isNaN(d) || d < first || d > last) continue;
    const day = dayOf(date);
    done += day.sittingsDone;
    exDone += day.exercisesDone;
  }
  for (const [n, days] of earlier.sittings) done += days * Math.min(n, sittingsPlanned);
  for (const item of plan) {
    for (const [id, n, days] of earlier.exercises) {
      if (id === item.exerciseId) exDone += days * Math.min(n, item.timesPerDay);
    }
  }
  const days: DayAdherence[] = [];
  const from = recentDays > 0 ? Math.max(first, last - recentDays + 1) : first;
  for (let d = from; d <= last; d++) days.push(dayOf(dateOfDay(d)));
  return {
    planned,
    done,
    ratio: ratioOf(done, planned),
    exercises: { planned: exPlanned, done: exDone, ratio: ratioOf(exDone, exPlanned) },
    days,
  };
}
