// Where the person is in today's sitting, kept on this device so a reload, a closed tab or a phone call in the
// middle picks up at the same exercise, even before the record (offline, or still sending) has caught up.
import {
  sittingsFrom,
  todayPlan,
  type PlannedItem,
  type SittingLog,
  type TodayPlan,
} from '../../engine/sittings.js';

/** This device's sitting: its id, the day it began, when, and the exercises done in it so far. */
export interface SittingPlace {
  sittingId: string;
  date: string;
  startedAt: string;
  done: string[];
}

export const SITTING_PLACE_KEY = 'sitting-place';

/**
 * The record's logs with this device's sitting added where the record has not caught up: an exercise
 * the device did in its sitting that no log since the sitting began shows yet.
 */
export function withPlace(logs: readonly SittingLog[], place: SittingPlace | null): SittingLog[] {
  if (!place) return [...logs];
  const since = logs.filter(
    (l) =>
      l.date === place.date &&
      (l.sittingId === place.sittingId || (l.createdAt ?? '') >= place.startedAt),
  );
  const shown = new Set(since.flatMap((l) => l.entries.map((e) => e.exerciseId)));
  const missing = place.done.filter((id) => !shown.has(id));
  if (missing.length === 0) return [...logs];
  return [
    ...logs,
    {
      id: `${place.sittingId}-device`,
      sittingId: place.sittingId,
      date: place.date,
      createdAt: place.startedAt,
      entries: missing.map((exerciseId) => ({ exerciseId })),
    },
  ];
}

/** Today, as the plan and what was done (the record's and this device's) make it. */
export function todayWithPlace(
  plan: readonly PlannedItem[],
  logs: readonly SittingLog[],
  place: SittingPlace | null,
  date: string,
): TodayPlan {
  return todayPlan(plan, sittingsFrom(withPlace(logs, place)), date);
}

/** The sitting to run now: the open one to continue (its id kept), or a new one; null when nothing is due. */
export function sittingToRun(
  today: TodayPlan,
  newId: () => string,
): { sittingId: string; number: number; exerciseIds: string[]; continuing: boolean } | null {
  if (today.open) {
    return {
      sittingId: today.open.sittingId,
      number: today.open.number,
      exerciseIds: today.open.remaining,
      continuing: true,
    };
  }
  if (today.next) {
    return {
      sittingId: newId(),
      number: today.next.number,
      exerciseIds: today.next.exerciseIds,
      continuing: false,
    };
  }
  return null;
}
