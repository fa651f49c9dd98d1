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
  const ordered = [...logs].sort((a, b) =>
    `${a.date}\u0000${a.createdAt ?? ''}\u0000${a.id}` <
    `${b.date}\u0000${b.createdAt ?? ''}\u0000${b.id}`
      ? -1
      : 1,
  );
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
  return out.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
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
 * Adherence from `start` to `today` (both local dates, inclusive) against the plan: each day asks for
 * its sittings and exercises; a day counts no more than it asks for.
 */
export function adherenceOf(
  plan: readonly PlannedItem[],
  sittings: readonly Sitting[],
  start: string | null,
  today: string,
  /** How many of the latest days to list one by one (the totals cover every day). */
  recentDays = 28,
): Adherence {
  if (start === null || dayNumber(start) > dayNumber(today)) {
    return {
      planned: 0,
      done: 0,
      ratio: 0,
      exercises: { planned: 0, done: 0, ratio: 0 },
      days: [],
    };
  }
  const byDate = new Map<string, Sitting[]>();
  for (const s of sittings) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  const days: DayAdherence[] = [];
  for (let d = dayNumber(start); d <= dayNumber(today); d++) {
    const date = new Date(d * 86_400_000).toISOString().slice(0, 10);
    const t = todayPlan(plan, byDate.get(date) ?? [], date);
    days.push({
      date,
      sittingsPlanned: t.sittingsPlanned,
      sittingsDone: t.sittingsDone,
      exercisesPlanned: t.exercisesPlanned,
      exercisesDone: t.exercisesDone,
    });
  }
  const sum = (f: (d: DayAdherence) => number) => days.reduce((s, d) => s + f(d), 0);
  const planned = sum((d) => d.sittingsPlanned);
  const done = sum((d) => d.sittingsDone);
  const exPlanned = sum((d) => d.exercisesPlanned);
  const exDone = sum((d) => d.exercisesDone);
  return {
    planned,
    done,
    ratio: ratioOf(done, planned),
    exercises: { planned: exPlanned, done: exDone, ratio: ratioOf(exDone, exPlanned) },
    days: days.slice(-recentDays),
  };
}
