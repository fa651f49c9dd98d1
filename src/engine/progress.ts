// Progress over time for GET /api/progress: pain, how far down the leg it reaches, adherence and leg-raise angles. Pure: today is passed in.
import { PAIN_AREAS, type PainArea } from './intake.js';
import { daysInclusive, dayNumber, withinDaysEnding } from './local-date.js';
import {
  adherenceOf as sittingAdherence,
  sittingsFrom,
  type Adherence,
  type PlannedItem,
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
  const pain = dailyPain(input.checkins);
  const painSummary = summarisePain(pain, input.today);
  const extent = dailyExtent(input.checkins);
  const extentTrend = trendOf(extent);
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
        )
      : adherenceOf(input),
    slr: input.measurements
      .filter((m) => m.kind === 'slr-angle')
      .map(({ date, side, value }) => ({ date, side, value }))
      .sort(byDate),
    meaningfulChange,
    meaningfulDirection,
  };
}

function dailyPain(checkins: ProgressInput['checkins']): ProgressSummary['pain'] {
  const last = new Map<string, number>();
  for (const c of checkins) last.set(c.date, c.painNow);
  return [...last].map(([date, value]) => ({ date, value })).sort(byDate);
}

function summarisePain(pain: ProgressSummary['pain'], today: string): PainSummary {
  const start = pain[0]?.value ?? null;
  const latest = pain.at(-1)?.value ?? null;
  const week = pain.filter((p) => withinDaysEnding(p.date, today, 7)).map((p) => p.value);
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
    const ranks = c.painAreas.flatMap((a) => AREA_RANK.get(a) ?? []);
    if (ranks.length === 0) continue;
    furthest.set(c.date, Math.max(furthest.get(c.date) ?? -1, ...ranks));
  }
  return [...furthest]
    .map(([date, rank]) => ({ date, furthest: PAIN_AREAS[rank] ?? 'lower-back' }))
    .sort(byDate);
}

function trendOf(extent: ProgressSummary['extent']): ExtentTrend {
  if (extent.length < 2) return 'unknown';
  // With fewer than six days the two ends would overlap (two days would always look stable), so each
  // end takes at most half the days. Both ends have the same count: comparing sums compares averages exactly.
  const n = Math.min(EXTENT_TREND_DAYS, Math.floor(extent.length / 2));
  const sum = (days: typeof extent) =>
    days.reduce((total, d) => total + (AREA_RANK.get(d.furthest) ?? 0), 0);
  const first = sum(extent.slice(0, n));
  const last = sum(extent.slice(-n));
  if (last < first) return 'centralising';
  if (last > first) return 'peripheralising';
  return 'stable';
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
