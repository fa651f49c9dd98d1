// The clinician's list ordered by need (docs/clinician.md, "The clinician's list"): what each person needs
// most, from facts the server gathers, and the order of the list. Pure: "today" is passed in.
import { dayNumber } from './local-date.js';
import type { BackOff } from './session.js';
import type { Level, TriageReason } from './triage.js';

/** A rise in weekly mean pain of this many points or more is worsening: the pain scale's minimal important change. */
export const PAIN_WORSE_POINTS = 2;
/** No check-in for this many days or more is quiet. */
export const QUIET_DAYS = 3;
/** Fewer than this share of the planned sittings done in the last 7 days is low adherence. */
export const ADHERENCE_FLOOR = 0.5;
/** The length of each window the pain means are taken over, and of "recent" for spreading pain. */
const WEEK_DAYS = 7;

export type NeedKind = 'warning' | 'worsening' | 'quiet' | 'low-adherence' | 'none';

/** The order of the list: most urgent first. */
export const NEED_ORDER: readonly NeedKind[] = [
  'warning',
  'worsening',
  'quiet',
  'low-adherence',
  'none',
];

/** A warning sign the person reported: a check-in whose rules fired, or an assessment at urgent or emergency. */
export interface WarningFact {
  /** ISO instant. */
  at: string;
  level: Level;
  reasons: TriageReason[];
  /** The advice the person was given. */
  advice: string;
}

/** What the server knows about one linked person, as far as their need goes. */
export interface CaseloadFacts {
  /** The clinician's local date, 'YYYY-MM-DD'. */
  today: string;
  /** ISO instant the link was made. */
  linkedAt: string;
  /** ISO instant the clinician last opened the record, or null when never. */
  lastViewedAt: string | null;
  /** Any order; at least the last 14 days. */
  checkins: { date: string; createdAt: string; painNow: number | null }[];
  /** Any order. */
  warnings: WarningFact[];
  /** Local dates of sittings in which pain spread down the leg. */
  spreadDates: string[];
  /** The programme's back-off (reason 'new-leg-symptoms' counts as worsening). */
  backOff: BackOff | null;
  /** Sittings in the last 7 days. */
  sittings: { done: number; planned: number };
}

/** What a person needs most: the kind, when it began (an ISO instant or a local date) and plain words. */
export interface Need {
  kind: NeedKind;
  since: string | null;
  detail: string;
}

const DAY_MS = 86_400_000;

/** A moment as milliseconds, for ordering: a local date counts as its start (in UTC); NaN when unreadable. */
function momentOf(at: string): number {
  const day = dayNumber(at);
  return Number.isNaN(day) ? Date.parse(at) : day * DAY_MS;
}

/** The days since 1970-01-01 of an instant's calendar date (UTC), or of a local date. */
const dayOf = (at: string): number => Math.floor(momentOf(at) / DAY_MS);

const latest = (values: readonly string[]): string | null =>
  values.reduce<string | null>(
    (best, v) => (best === null || momentOf(v) > momentOf(best) ? v : best),
    null,
  );

/** The first sentence of a text: enough for a row of the list. */
const firstSentence = (text: string): string => /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

function warningNeed(f: CaseloadFacts): Need | null {
  const seen = f.lastViewedAt === null ? null : momentOf(f.lastViewedAt);
  // A warning at exactly the moment the clinician last looked was on the screen then: not new.
  const fresh = f.warnings.filter((w) => seen === null || momentOf(w.at) > seen);
  if (fresh.length === 0) return null;
  const newest = fresh.reduce((a, b) => (momentOf(b.at) > momentOf(a.at) ? b : a));
  const reason = newest.reasons[0];
  return {
    kind: 'warning',
    since: newest.at,
    detail: reason
      ? `Reported a warning sign (${newest.level}): ${firstSentence(reason.text)}`
      : `Reported a warning sign (${newest.level}).`,
  };
}

function worseningNeed(f: CaseloadFacts): Need | null {
  const today = dayNumber(f.today);
  const inWeek = (day: number, end: number) => day <= end && day > end - WEEK_DAYS;
  const found: Need[] = [];

  const spread = latest(f.spreadDates.filter((d) => inWeek(dayOf(d), today)));
  if (spread !== null) {
    found.push({
      kind: 'worsening',
      since: spread,
      detail: `Pain spread down the leg in a sitting on ${spread}.`,
    });
  }
  if (f.backOff?.reason === 'new-leg-symptoms') {
    found.push({
      kind: 'worsening',
      since: f.backOff.since,
      detail: `New leg symptoms at a check-in on ${f.backOff.since}: backing off until reassessed.`,
    });
  }
  const painIn = (end: number) =>
    f.checkins.filter((c) => c.painNow !== null && inWeek(dayOf(c.date), end));
  const recent = painIn(today);
  const before = painIn(today - WEEK_DAYS);
  if (recent.length > 0 && before.length > 0) {
    const r = recent.map((c) => c.painNow ?? 0);
    const b = before.map((c) => c.painNow ?? 0);
    const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
    // mean(r) >= mean(b) + points, compared without division so that no rounding decides a boundary.
    if (sum(r) * b.length >= (sum(b) + PAIN_WORSE_POINTS * b.length) * r.length) {
      found.push({
        kind: 'worsening',
        since: latest(recent.map((c) => c.date)),
        detail: `Pain averaged ${oneDecimal(mean(r))} out of 10 in the last 7 days, up from ${oneDecimal(mean(b))} the 7 days before.`,
      });
    }
  }
  if (found.length === 0) return null;
  // The most recent of them leads: it is what the clinician has not yet seen.
  return found.reduce((a, b) => (momentOf(b.since ?? '') > momentOf(a.since ?? '') ? b : a));
}

function quietNeed(f: CaseloadFacts): Need | null {
  const today = dayNumber(f.today);
  const last = latest(f.checkins.map((c) => c.date));
  if (last !== null) {
    const days = today - dayOf(last);
    if (days < QUIET_DAYS) return null;
    return {
      kind: 'quiet',
      since: last,
      detail: `No check-in for ${days} days (the last was on ${last}).`,
    };
  }
  const days = today - dayOf(f.linkedAt);
  if (days < QUIET_DAYS) return null;
  return {
    kind: 'quiet',
    since: f.linkedAt,
    detail: `No check-in since linking ${days} days ago.`,
  };
}

function adherenceNeed(f: CaseloadFacts): Need | null {
  const { done, planned } = f.sittings;
  if (planned <= 0 || done >= planned * ADHERENCE_FLOOR) return null;
  return {
    kind: 'low-adherence',
    since: null,
    detail: `Did ${done} of ${planned} planned sittings in the last 7 days.`,
  };
}

/**
 * What a person needs most from their clinician now: a new warning sign, then worsening, then silence,
 * then low adherence. Only the most urgent is named, so the list can be read from the top.
 */
export function needOf(f: CaseloadFacts): Need {
  return (
    warningNeed(f) ??
    worseningNeed(f) ??
    quietNeed(f) ??
    adherenceNeed(f) ?? { kind: 'none', since: null, detail: 'Nothing needs attention.' }
  );
}

/** Orders the list by need. Stable: by NEED_ORDER, then the most recent `since` first, then by `key`. */
export function byNeed<T extends { need: Need; key: string }>(rows: readonly T[]): T[] {
  const when = (row: T): number => {
    const at = row.need.since === null ? Number.NaN : momentOf(row.need.since);
    return Number.isNaN(at) ? Number.NEGATIVE_INFINITY : at;
  };
  return [...rows].sort(
    (a, b) =>
      NEED_ORDER.indexOf(a.need.kind) - NEED_ORDER.indexOf(b.need.kind) ||
      // Equal moments (and two unknown ones) fall through to the key.
      (when(a) === when(b) ? 0 : when(b) - when(a)) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}
