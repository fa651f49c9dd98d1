// Progress over time for GET /api/progress: pain, how far down the leg it reaches, adherence and leg-raise angles. Pure: today is passed in.
import { PAIN_AREAS, type PainArea } from './intake.js';
import { daysInclusive, dayNumber } from './local-date.js';
import {
  adherenceOf as sittingAdherence,
  sittingsFrom,
  type Adherence,
  type PlannedItem,
  type Sitting,
  type SittingHistory,
} from './sittings.js';

export interface ProgressInput {
  /** The person's local date today, 'YYYY-MM-DD'. */
  today: string;
  /** The local date the current programme started, or null before there is one. */
  programmeStart: string | null;
  /**
   * The programme's exercises and times a day: adherence is then counted in sittings (as many a day as
   * the most frequent exercise asks) and in exercises, each planned against done.
   */
  plan?: readonly PlannedItem[];
  /** Without `plan`: sessions the programme asks for each day; 1 unless given. */
  plannedSessionsPerDay?: number;
  /** Oldest first: when a day has several, the last one given is that day's pain. */
  checkins: readonly { date: string; painNow: number; painAreas: readonly string[] }[];
  /**
   * Session logs. Logs of one date less than `SITTING_GAP_MINUTES` apart (by `createdAt`) are one
   * sitting: the web player logs each exercise as it finishes, so one sitting can be several logs.
   */
  sessions: readonly {
    id?: string;
    sittingId?: string | null;
    date: string;
    createdAt?: string;
    entries?: readonly { exerciseId: string }[];
  }[];
  measurements: readonly {
    date: string;
    kind: 'slr-angle' | 'toe-touch';
    side: 'left' | 'right' | null;
    value: number;
  }[];
  /** The sittings the session logs make, when already worked out: then `sessions` is not read for adherence. */
  sittings?: readonly Sitting[] | undefined;
  /**
   * The days before the rows above, summarised (a long record): the charts then list only the rows
   * given, and every figure over the whole record (the start, the extent trend, adherence since the
   * programme began) takes the summary in. Its sittings are the days before the sessions' sittings.
   */
  earlier?: EarlierHistory | undefined;
}

/** A day's pain, and how far down the leg it reached. */
export interface PainPoint {
  date: string;
  value: number;
}
export interface ExtentPoint {
  date: string;
  furthest: PainArea;
}

/** One month of check-ins, summarised: sums and extremes, so two parts of one month add up. */
export interface PainMonth {
  /** 'YYYY-MM'. */
  month: string;
  /** Days with a pain answer, and the sum of each day's pain (the day's last check-in). */
  days: number;
  total: number;
  lowest: number;
  highest: number;
  /** The furthest the pain reached on any day of the month, or null when no day named a known area. */
  furthest: PainArea | null;
}

/** What the progress view keeps of check-ins it no longer lists day by day. */
export interface CheckinHistory {
  painDays: number;
  first: PainPoint | null;
  last: PainPoint | null;
  /** Days that named a known area, and the first and last three of them (the trend compares those). */
  extentDays: number;
  extentFirst: ExtentPoint[];
  extentLast: ExtentPoint[];
  months: PainMonth[];
}

/** One month of straight-leg-raise angles of one leg (or of no side), summarised. */
export interface SlrMonth {
  month: string;
  side: 'left' | 'right' | null;
  count: number;
  lowest: number;
  highest: number;
  /** The month's last angle (by date; the last given of a date). */
  latest: { date: string; value: number };
}

/** What the progress view keeps of measurements it no longer lists. */
export interface MeasurementHistory {
  slr: SlrMonth[];
}

/** The days before the listed ones, summarised: check-ins and measurements, and sittings by their counts. */
export interface EarlierHistory {
  /** The first date listed: every check-in and measurement before it is in this summary. */
  before: string;
  checkins: CheckinHistory;
  measurements: MeasurementHistory;
  sittings: SittingHistory;
}

/** The summary of the days before the charts, as GET /api/progress gives it: month by month. */
export interface EarlierView {
  /** The charts start on this date; everything before it is summarised here. */
  before: string;
  months: {
    month: string;
    checkinDays: number;
    /** The mean of the month's daily pain, to one decimal place. */
    averagePain: number;
    lowestPain: number;
    highestPain: number;
    furthest: PainArea | null;
  }[];
  slr: {
    month: string;
    side: 'left' | 'right' | null;
    measurements: number;
    lowest: number;
    highest: number;
    latest: number;
  }[];
  /**
   * The months before those listed (only the latest `EARLIER_MONTHS` are, so the answer stays the same
   * size however long the record), all in one; null when there are none.
   */
  older: {
    /** 'YYYY-MM': the first and last month summarised here. */
    from: string;
    to: string;
    checkinDays: number;
    averagePain: number | null;
    lowestPain: number | null;
    highestPain: number | null;
    furthest: PainArea | null;
    slr: {
      side: 'left' | 'right' | null;
      measurements: number;
      lowest: number;
      highest: number;
      latest: number;
    }[];
  } | null;
}

export type ExtentTrend = 'centralising' | 'peripheralising' | 'stable' | 'unknown';
export type ChangeDirection = 'better' | 'worse';

export interface PainSummary {
  start: number | null;
  latest: number | null;
  /** Mean of the daily points in the 7 days ending today, to one decimal place. */
  average7Day: number | null;
  /** Latest minus start: negative is better. */
  change: number | null;
  /** The change as a whole-number percentage of the start; null when the start is 0 or unknown. */
  changePercent: number | null;
}

/**
 * The GET /api/progress body (api.md) plus the summaries the web app shows. A type alias rather than
 * an interface, so it fits where a plain JSON object (Record<string, unknown>) is expected.
 */
export type ProgressSummary = {
  pain: { date: string; value: number }[];
  painSummary: PainSummary;
  extent: { date: string; furthest: PainArea }[];
  extentTrend: ExtentTrend;
  extentTrendText: string;
  /**
   * Sittings planned and done (`planned`, `done`, `ratio`: the API's contract), with exercises planned
   * and done and the latest days one by one when the plan is known.
   */
  adherence: { planned: number; done: number; ratio: number } & Partial<
    Pick<Adherence, 'exercises' | 'days'>
  >;
  slr: { date: string; side: 'left' | 'right' | null; value: number }[];
  meaningfulChange: boolean;
  meaningfulDirection: ChangeDirection | null;
  /**
   * A long record: the charts (`pain`, `extent`, `slr`) list the latest days only, and the days
   * before them are summarised here month by month. Null (or absent) when everything is listed.
   */
  earlier?: EarlierView | null;
};

/** Change that counts as meaningful: 2 points on the 0–10 scale, or 30% of the starting pain. */
export const MEANINGFUL_POINTS = 2;
export const MEANINGFUL_PERCENT = 30;
/** Days at each end of the record compared for the extent trend. */
export const EXTENT_TREND_DAYS = 3;

export const EXTENT_TREND_TEXT: Record<ExtentTrend, string> = {
  centralising:
    'Your pain is centralising: it reaches less far down the leg than at the start, which is usually a good sign.',
  peripheralising:
    'Your pain reaches further down the leg than it did at the start. Mention this to a GP or physiotherapist, and get help at once if you notice new numbness or weakness, or a change in bladder or bowel control.',
  stable: 'How far down the leg your pain reaches has stayed about the same since the start.',
  unknown: 'Check in on a few more days to see how far your pain reaches over time.',
};

const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};
const byDate = <T extends { date: string }>(a: T, b: T) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
const AREA_RANK = new Map<string, number>(PAIN_AREAS.map((area, i) => [area, i]));

/** Summarises pain, extent, adherence and leg-raise angles for the progress view. */
export function summariseProgress(input: ProgressInput): ProgressSummary {
  const before = input.earlier;
  const pain = dailyPain(input.checkins);
  const painSummary = summarisePain(pain, input.today, before?.checkins);
  const extent = dailyExtent(input.checkins);
  const extentTrend = before ? trendWith(before.checkins, extent) : trendOf(extent);
  const { meaningfulChange, meaningfulDirection } = meaningful(painSummary);
  return {
    pain,
    painSummary,
    extent,
    extentTrend,
    extentTrendText: EXTENT_TREND_TEXT[extentTrend],
    adherence: input.plan
      ? sittingAdherence(
          input.plan,
          input.sittings ??
            sittingsFrom(
              input.sessions.map((l, i) => ({
                id: l.id ?? `log-${String(i)}`,
                sittingId: l.sittingId ?? null,
                date: l.date,
                ...(l.createdAt === undefined ? {} : { createdAt: l.createdAt }),
                entries: l.entries ?? [],
              })),
            ),
          input.programmeStart,
          input.today,
          28,
          before?.sittings,
        )
      : adherenceOf(input),
    slr: input.measurements
      .filter((m) => m.kind === 'slr-angle')
      .map(({ date, side, value }) => ({ date, side, value }))
      .sort(byDate),
    meaningfulChange,
    meaningfulDirection,
    earlier: before ? earlierView(before) : null,
  };
}

function dailyPain(checkins: ProgressInput['checkins']): ProgressSummary['pain'] {
  const last = new Map<string, number>();
  for (const c of checkins) last.set(c.date, c.painNow);
  return [...last].map(([date, value]) => ({ date, value })).sort(byDate);
}

function summarisePain(
  pain: ProgressSummary['pain'],
  today: string,
  earlier?: CheckinHistory,
): PainSummary {
  const start = earlier?.first?.value ?? pain[0]?.value ?? null;
  const latest = pain.at(-1)?.value ?? earlier?.last?.value ?? null;
  const end = dayNumber(today);
  const week = pain.flatMap((p) => {
    const d = dayNumber(p.date);
    // As `withinDaysEnding(p.date, today, 7)`, with today's number worked out once.
    return d <= end && d > end - 7 ? [p.value] : [];
  });
  const average7Day =
    week.length > 0 ? round(week.reduce((sum, v) => sum + v, 0) / week.length, 1) : null;
  const change = start !== null && latest !== null ? latest - start : null;
  const changePercent =
    change !== null && start !== null && start > 0 ? Math.round((change / start) * 100) : null;
  return { start, latest, average7Day, change, changePercent };
}

function meaningful(
  s: PainSummary,
): Pick<ProgressSummary, 'meaningfulChange' | 'meaningfulDirection'> {
  if (s.change === null || s.start === null || s.change === 0) {
    return { meaningfulChange: false, meaningfulDirection: null };
  }
  const size = Math.abs(s.change);
  // Compared in whole percentages, so that exactly 30% is not lost to floating-point error.
  const byPercent = s.start > 0 && size * 100 >= s.start * MEANINGFUL_PERCENT;
  if (size < MEANINGFUL_POINTS && !byPercent) {
    return { meaningfulChange: false, meaningfulDirection: null };
  }
  return { meaningfulChange: true, meaningfulDirection: s.change < 0 ? 'better' : 'worse' };
}

function dailyExtent(checkins: ProgressInput['checkins']): ProgressSummary['extent'] {
  const furthest = new Map<string, number>();
  for (const c of checkins) {
    // Unknown area names are ignored rather than guessed at.
    let rank = -1;
    for (const a of c.painAreas) rank = Math.max(rank, AREA_RANK.get(a) ?? -1);
    if (rank < 0) continue;
    furthest.set(c.date, Math.max(furthest.get(c.date) ?? -1, rank));
  }
  return [...furthest]
    .map(([date, rank]) => ({ date, furthest: PAIN_AREAS[rank] ?? 'lower-back' }))
    .sort(byDate);
}

function trendOf(extent: ProgressSummary['extent']): ExtentTrend {
  return trendFrom(extent.length, extent, extent);
}

/** The trend over the summarised days and the listed ones together. */
function trendWith(earlier: CheckinHistory, extent: ProgressSummary['extent']): ExtentTrend {
  return trendFrom(
    earlier.extentDays + extent.length,
    [...earlier.extentFirst, ...extent].slice(0, EXTENT_TREND_DAYS),
    [...earlier.extentLast, ...extent].slice(-EXTENT_TREND_DAYS),
  );
}

/** `count` days in all, of which `first` holds the first ones and `last` the last ones (at least three each, or all). */
function trendFrom(
  count: number,
  first: readonly ExtentPoint[],
  last: readonly ExtentPoint[],
): ExtentTrend {
  if (count < 2) return 'unknown';
  // With fewer than six days the two ends would overlap (two days would always look stable), so each
  // end takes at most half the days. Both ends have the same count: comparing sums compares averages exactly.
  const n = Math.min(EXTENT_TREND_DAYS, Math.floor(count / 2));
  const sum = (days: readonly ExtentPoint[]) =>
    days.reduce((total, d) => total + (AREA_RANK.get(d.furthest) ?? 0), 0);
  const start = sum(first.slice(0, n));
  const end = sum(last.slice(-n));
  if (end < start) return 'centralising';
  if (end > start) return 'peripheralising';
  return 'stable';
}

// ---- The days before the charts, summarised ----

/** The charts list this many days, ending today; a longer record's older days are summarised by month. */
export const CHART_DAYS = 90;

const monthOf = (date: string) => date.slice(0, 7);
const furthestOf = (a: PainArea | null, b: PainArea | null): PainArea | null =>
  a === null ? b : b === null ? a : (AREA_RANK.get(a) ?? 0) >= (AREA_RANK.get(b) ?? 0) ? a : b;

/**
 * The check-ins as one row a day: the day's pain (its last check-in's) and the furthest known area any
 * of its check-ins named (none when it named none this code knows). Given back to `summariseProgress`,
 * these rows give the same pain and extent as the check-ins themselves.
 */
export function checkinDays(
  checkins: ProgressInput['checkins'],
): [date: string, pain: number, furthest: PainArea | null][] {
  const reach = new Map(dailyExtent(checkins).map((e) => [e.date, e.furthest]));
  return dailyPain(checkins).map((p) => [p.date, p.value, reach.get(p.date) ?? null]);
}

export const NO_CHECKINS: CheckinHistory = {
  painDays: 0,
  first: null,
  last: null,
  extentDays: 0,
  extentFirst: [],
  extentLast: [],
  months: [],
};

/** The summary of these check-ins (oldest first, as `ProgressInput` takes them). */
export function checkinHistory(checkins: ProgressInput['checkins']): CheckinHistory {
  const pain = dailyPain(checkins);
  const extent = dailyExtent(checkins);
  const months = new Map<string, PainMonth>();
  const monthFor = (date: string): PainMonth => {
    const key = monthOf(date);
    let m = months.get(key);
    if (!m) {
      m = { month: key, days: 0, total: 0, lowest: 0, highest: 0, furthest: null };
      months.set(key, m);
    }
    return m;
  };
  for (const p of pain) {
    const m = monthFor(p.date);
    m.lowest = m.days === 0 ? p.value : Math.min(m.lowest, p.value);
    m.highest = m.days === 0 ? p.value : Math.max(m.highest, p.value);
    m.days += 1;
    m.total += p.value;
  }
  for (const e of extent) {
    const m = monthFor(e.date);
    m.furthest = furthestOf(m.furthest, e.furthest);
  }
  return {
    painDays: pain.length,
    first: pain[0] ?? null,
    last: pain.at(-1) ?? null,
    extentDays: extent.length,
    extentFirst: extent.slice(0, EXTENT_TREND_DAYS),
    extentLast: extent.slice(-EXTENT_TREND_DAYS),
    months: [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
  };
}

/** Two summaries of check-ins, the first of days all before the second's. */
export function mergeCheckinHistory(a: CheckinHistory, b: CheckinHistory): CheckinHistory {
  if (b.months.length === 0 && b.painDays === 0) return a;
  const months = new Map<string, PainMonth>(a.months.map((m) => [m.month, { ...m }]));
  for (const m of b.months) {
    const known = months.get(m.month);
    if (!known) {
      months.set(m.month, { ...m });
      continue;
    }
    if (m.days > 0) {
      known.lowest = known.days === 0 ? m.lowest : Math.min(known.lowest, m.lowest);
      known.highest = known.days === 0 ? m.highest : Math.max(known.highest, m.highest);
    }
    known.days += m.days;
    known.total += m.total;
    known.furthest = furthestOf(known.furthest, m.furthest);
  }
  return {
    painDays: a.painDays + b.painDays,
    first: a.first ?? b.first,
    last: b.last ?? a.last,
    extentDays: a.extentDays + b.extentDays,
    extentFirst: [...a.extentFirst, ...b.extentFirst].slice(0, EXTENT_TREND_DAYS),
    extentLast: [...a.extentLast, ...b.extentLast].slice(-EXTENT_TREND_DAYS),
    months: [...months.values()].sort((x, y) => (x.month < y.month ? -1 : 1)),
  };
}

export const NO_MEASUREMENTS: MeasurementHistory = { slr: [] };

const slrKey = (m: { month: string; side: string | null }) => `${m.month}\u0000${m.side ?? ''}`;
const bySlrKey = (a: SlrMonth, b: SlrMonth) => (slrKey(a) < slrKey(b) ? -1 : 1);

/** The summary of these measurements (oldest first): leg-raise angles month by month and leg by leg. */
export function measurementHistory(
  measurements: ProgressInput['measurements'],
): MeasurementHistory {
  const months = new Map<string, SlrMonth>();
  const slr = measurements.filter((m) => m.kind === 'slr-angle').sort(byDate);
  for (const m of slr) {
    const key = slrKey({ month: monthOf(m.date), side: m.side });
    const known = months.get(key);
    if (!known) {
      months.set(key, {
        month: monthOf(m.date),
        side: m.side,
        count: 1,
        lowest: m.value,
        highest: m.value,
        latest: { date: m.date, value: m.value },
      });
      continue;
    }
    known.count += 1;
    known.lowest = Math.min(known.lowest, m.value);
    known.highest = Math.max(known.highest, m.value);
    known.latest = { date: m.date, value: m.value };
  }
  return { slr: [...months.values()].sort(bySlrKey) };
}

/** Two summaries of measurements, the first of days all before the second's. */
export function mergeMeasurementHistory(
  a: MeasurementHistory,
  b: MeasurementHistory,
): MeasurementHistory {
  if (b.slr.length === 0) return a;
  const months = new Map<string, SlrMonth>(a.slr.map((m) => [slrKey(m), { ...m }]));
  for (const m of b.slr) {
    const known = months.get(slrKey(m));
    if (!known) {
      months.set(slrKey(m), { ...m });
      continue;
    }
    known.count += m.count;
    known.lowest = Math.min(known.lowest, m.lowest);
    known.highest = Math.max(known.highest, m.highest);
    known.latest = m.latest;
  }
  return { slr: [...months.values()].sort(bySlrKey) };
}

/** How many months before the charts `earlier` lists one by one; older ones are given together. */
export const EARLIER_MONTHS = 12;

/** The month `months` before `month` ('YYYY-MM'). */
function monthsBefore(month: string, months: number): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const index = y * 12 + (m - 1) - months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The summary as people read it; null when it holds nothing. */
function earlierView(h: EarlierHistory): EarlierView | null {
  const months = h.checkins.months.filter((m) => m.days > 0 || m.furthest !== null);
  if (months.length === 0 && h.measurements.slr.length === 0) return null;
  // The latest months one by one (up to the chart's own first month); the ones before together.
  const cut = monthsBefore(monthOf(h.before), EARLIER_MONTHS - 1);
  const listed = months.filter((m) => m.month >= cut);
  const listedSlr = h.measurements.slr.filter((m) => m.month >= cut);
  const older = months.filter((m) => m.month < cut);
  const olderSlr = h.measurements.slr.filter((m) => m.month < cut);
  return {
    before: h.before,
    months: listed.map((m) => ({
      month: m.month,
      checkinDays: m.days,
      averagePain: m.days > 0 ? round(m.total / m.days, 1) : 0,
      lowestPain: m.lowest,
      highestPain: m.highest,
      furthest: m.furthest,
    })),
    slr: listedSlr.map((m) => ({
      month: m.month,
      side: m.side,
      measurements: m.count,
      lowest: m.lowest,
      highest: m.highest,
      latest: m.latest.value,
    })),
    older: older.length === 0 && olderSlr.length === 0 ? null : olderView(older, olderSlr),
  };
}

/** Months summarised together: their days, pain and reach, and each leg's angles. */
function olderView(months: readonly PainMonth[], slr: readonly SlrMonth[]): EarlierView['older'] {
  const keys = [...months.map((m) => m.month), ...slr.map((m) => m.month)].sort();
  const days = months.reduce((n, m) => n + m.days, 0);
  const withPain = months.filter((m) => m.days > 0);
  const sides = new Map<string, SlrMonth>();
  for (const m of slr) {
    const key = m.side ?? '';
    const known = sides.get(key);
    sides.set(
      key,
      known
        ? {
            ...known,
            count: known.count + m.count,
            lowest: Math.min(known.lowest, m.lowest),
            highest: Math.max(known.highest, m.highest),
            latest: m.latest.date >= known.latest.date ? m.latest : known.latest,
          }
        : m,
    );
  }
  return {
    from: keys[0] ?? '',
    to: keys.at(-1) ?? '',
    checkinDays: days,
    averagePain: days > 0 ? round(months.reduce((n, m) => n + m.total, 0) / days, 1) : null,
    lowestPain: withPain.length > 0 ? Math.min(...withPain.map((m) => m.lowest)) : null,
    highestPain: withPain.length > 0 ? Math.max(...withPain.map((m) => m.highest)) : null,
    furthest: months.reduce<PainArea | null>((f, m) => furthestOf(f, m.furthest), null),
    slr: [...sides.values()]
      .sort((a, b) => ((a.side ?? '') < (b.side ?? '') ? -1 : 1))
      .map((m) => ({
        side: m.side,
        measurements: m.count,
        lowest: m.lowest,
        highest: m.highest,
        latest: m.latest.value,
      })),
  };
}

/** Logs further apart than this on one date are separate sittings. */
export const SITTING_GAP_MINUTES = 45;

/** How many sittings the logs of one date make: gaps longer than the sitting gap start a new one. */
function sittingsOf(logs: readonly { createdAt?: string }[]): number {
  const times = logs.map((l) => (l.createdAt === undefined ? Number.NaN : Date.parse(l.createdAt)));
  if (times.some((t) => Number.isNaN(t))) return logs.length;
  times.sort((a, b) => a - b);
  let sittings = times.length > 0 ? 1 : 0;
  for (let i = 1; i < times.length; i++) {
    if ((times[i] ?? 0) - (times[i - 1] ?? 0) > SITTING_GAP_MINUTES * 60_000) sittings++;
  }
  return sittings;
}

/** Sessions done against sessions planned; a day counts at most the sessions planned for it. */
function adherenceOf(input: ProgressInput): ProgressSummary['adherence'] {
  const { programmeStart: start, today } = input;
  if (start === null) return { planned: 0, done: 0, ratio: 0 };
  const perDay = Math.max(0, input.plannedSessionsPerDay ?? 1);
  const planned = daysInclusive(start, today) * perDay;
  const from = dayNumber(start);
  const to = dayNumber(today);
  const byDate = new Map<string, { createdAt?: string }[]>();
  for (const s of input.sessions) {
    const d = dayNumber(s.date);
    if (d < from || d > to) continue;
    byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  }
  let done = 0;
  for (const logs of byDate.values()) done += Math.min(perDay, sittingsOf(logs));
  return { planned, done, ratio: planned > 0 ? round(done / planned, 2) : 0 };
}
