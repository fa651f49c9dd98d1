// Per-person limits on writes (docs/api.md, "Limits"): how fast one person may write, how many rows one
// date may hold, and how many one record may hold. The decisions are pure; the counts come from the store,
// read in the write's own transaction under the person's lock, so every server process counts alike.
import type { LimitedWrite, WriteCountRequest, WriteCounts } from '../store/types.js';

/** The writes the limits count, as the API names them. */
export type WriteKind = 'assessments' | 'checkins' | 'sessions' | 'measurements';
/** The writes that carry a date (an assessment is dated by when it was made, and has no day's limit). */
export type DatedWriteKind = Exclude<WriteKind, 'assessments'>;

export interface WriteLimits {
  /** The window the pace is counted over, in seconds. */
  windowSeconds: number;
  /** How many writes of each kind one person may make in any window. */
  perWindow: Record<WriteKind, number>;
  /** How many rows of each dated kind one date of a record may hold. */
  perDate: Record<DatedWriteKind, number>;
  /** How many rows of each kind one record may hold. */
  total: Record<WriteKind, number>;
}

/**
 * Far above what a person does (a check-in or two a day, a log per exercise of each sitting), and high
 * enough that a device's outbox, sent one item after another, drains a few weeks offline at once.
 */
export const DEFAULT_WRITE_LIMITS: WriteLimits = {
  windowSeconds: 60,
  perWindow: { assessments: 10, checkins: 60, sessions: 120, measurements: 60 },
  perDate: { checkins: 24, sessions: 300, measurements: 50 },
  total: { assessments: 1_000, checkins: 20_000, sessions: 200_000, measurements: 20_000 },
};

/** The table each kind of write adds a row to. */
export const TABLE_OF: Record<WriteKind, LimitedWrite> = {
  assessments: 'assessments',
  checkins: 'checkins',
  sessions: 'session_logs',
  measurements: 'measurements',
};

/** What to count before one more write of `kind` dated `date` (null for assessments) at `now`. */
export function writeCountRequest(
  limits: WriteLimits,
  kind: WriteKind,
  date: string | null,
  now: Date,
): WriteCountRequest {
  return {
    // The window is the last `windowSeconds` up to now: a write made exactly that long ago has left it.
    since: new Date(now.getTime() - limits.windowSeconds * 1000 + 1).toISOString(),
    recentLimit: limits.perWindow[kind],
    date: kind === 'assessments' ? null : date,
    dateLimit: kind === 'assessments' ? 0 : limits.perDate[kind],
    totalLimit: limits.total[kind],
  };
}

/** Why a write was refused by its limits, and what the person can do. */
export type WriteRefusal =
  | { reason: 'too-fast'; limit: number; retryAfterSeconds: number }
  | { reason: 'date-full'; limit: number }
  | { reason: 'record-full'; limit: number };

/**
 * Whether one more write may be made, from the counts: refused when the window already holds its limit
 * (retry once the oldest of those leaves the window), when its date is full, or when the record is.
 */
export function judgeWrite(
  limits: WriteLimits,
  kind: WriteKind,
  counts: WriteCounts,
  now: Date,
): WriteRefusal | null {
  if (counts.nthRecentAt !== null) {
    const free = Date.parse(counts.nthRecentAt) + limits.windowSeconds * 1000;
    return {
      reason: 'too-fast',
      limit: limits.perWindow[kind],
      retryAfterSeconds: Math.max(1, Math.ceil((free - now.getTime()) / 1000)),
    };
  }
  if (kind !== 'assessments' && counts.onDate >= limits.perDate[kind]) {
    return { reason: 'date-full', limit: limits.perDate[kind] };
  }
  if (counts.total !== null && counts.total >= limits.total[kind]) {
    return { reason: 'record-full', limit: limits.total[kind] };
  }
  return null;
}
