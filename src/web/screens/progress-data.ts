// The progress screen's numbers and words: chart series from the progress summary, dates, and the plain-language summaries.
import { PAIN_AREAS, type PainArea } from '../../engine/intake-values.js';
import { dayNumber } from '../../engine/local-date.js';
import type { ExtentTrend, ProgressSummary } from '../../engine/progress.js';

export const DAY_SECONDS = 86_400;

/** A chart's points: x in seconds (UTC midnight of each local date), one list of y values a line. */
export interface ChartData {
  xs: number[];
  series: (number | null)[][];
}

/** Seconds since 1970 for a local date, as uPlot's time axis counts them (read back in UTC). */
export function dateToSeconds(date: string): number {
  return dayNumber(date) * DAY_SECONDS;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const axisFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** A local date in words, e.g. "3 Mar 2026". */
export function formatDate(date: string): string {
  const day = dayNumber(date);
  return Number.isNaN(day) ? date : dateFormat.format(new Date(day * DAY_SECONDS * 1000));
}

/** An axis label for a chart's x value, e.g. "3 Mar". */
export function axisDate(seconds: number): string {
  return axisFormat.format(new Date(seconds * 1000));
}

/** The x range to draw: half a day beyond the first and last points, so no point sits on the edge. */
export function xRange(xs: readonly number[]): [number, number] {
  if (xs.length === 0) return [0, DAY_SECONDS];
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  return [min - DAY_SECONDS / 2, max + DAY_SECONDS / 2];
}

export function painChart(pain: ProgressSummary['pain']): ChartData {
  return { xs: pain.map((p) => dateToSeconds(p.date)), series: [pain.map((p) => p.value)] };
}

/** Labels of the extent axis, from the back down to the foot. */
export const EXTENT_LABELS: Record<PainArea, string> = {
  'lower-back': 'Lower back',
  buttock: 'Buttock',
  'back-of-thigh': 'Back of thigh',
  'below-knee': 'Below knee',
  foot: 'Foot',
};

/** Where an area sits on the extent axis: 0 for the lower back, 4 for the foot. */
export function extentRank(area: PainArea): number {
  return PAIN_AREAS.indexOf(area);
}

export function extentChart(extent: ProgressSummary['extent']): ChartData {
  return {
    xs: extent.map((e) => dateToSeconds(e.date)),
    series: [extent.map((e) => extentRank(e.furthest))],
  };
}

/**
 * One line for each leg. A day with several measurements of one leg shows the last; a leg not
 * measured that day has a gap. Measurements without a side are left to the table.
 */
export function slrChart(slr: ProgressSummary['slr']): ChartData {
  const days = new Map<string, { left: number | null; right: number | null }>();
  for (const m of slr) {
    if (m.side === null) continue;
    const day = days.get(m.date) ?? { left: null, right: null };
    day[m.side] = m.value;
    days.set(m.date, day);
  }
  const dates = [...days.keys()].sort();
  return {
    xs: dates.map(dateToSeconds),
    series: [
      dates.map((d) => days.get(d)?.left ?? null),
      dates.map((d) => days.get(d)?.right ?? null),
    ],
  };
}

/**
 * Sessions planned and done, added up day by day from the programme's start to today. The daily
 * plan is the summary's planned count spread over those days (one a day unless it says more).
 */
export function adherenceChart(input: {
  start: string | null;
  today: string;
  planned: number;
  sessions: readonly { date: string }[];
}): ChartData & { perDay: number } {
  const from = input.start === null ? Number.NaN : dayNumber(input.start);
  const to = dayNumber(input.today);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) {
    return { xs: [], series: [[], []], perDay: 0 };
  }
  const days = to - from + 1;
  const perDay = Math.max(1, Math.round(input.planned / days));
  const doneOn = new Map<number, number>();
  for (const s of input.sessions) {
    const d = dayNumber(s.date);
    if (d >= from && d <= to) doneOn.set(d, (doneOn.get(d) ?? 0) + 1);
  }
  const xs: number[] = [];
  const planned: number[] = [];
  const done: number[] = [];
  let total = 0;
  for (let i = 0; i < days; i++) {
    total += doneOn.get(from + i) ?? 0;
    xs.push((from + i) * DAY_SECONDS);
    planned.push(perDay * (i + 1));
    done.push(total);
  }
  return { xs, series: [planned, done], perDay };
}

/** Whole-number ticks from 0 that reach `max`, at most about six of them: counts have no halves. */
export function countSplits(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  const step = top <= 6 ? 1 : Math.ceil(top / 5);
  const splits: number[] = [];
  for (let v = 0; v < top + step; v += step) splits.push(v);
  return splits;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** The one-sentence summary above the pain chart. */
export function painChartSummary(pain: ProgressSummary['pain']): string {
  const first = pain[0];
  const last = pain.at(-1);
  if (!first || !last) return 'No check-ins yet: your pain will appear here after your first one.';
  if (pain.length === 1) {
    return `One check-in so far: pain ${first.value} out of 10 on ${formatDate(first.date)}.`;
  }
  return `Pain on ${plural(pain.length, 'day')} from ${formatDate(first.date)} to ${formatDate(
    last.date,
  )}: ${first.value} out of 10 at the start, ${last.value} most recently.`;
}

/** What each extent trend means, in words. */
export const TREND_WORDS: Record<ExtentTrend, { label: string; meaning: string }> = {
  centralising: {
    label: 'Centralising',
    meaning:
      'The pain is pulling back up the leg towards your back. This is usually a good sign, even if the back itself still hurts.',
  },
  peripheralising: {
    label: 'Peripheralising',
    meaning: 'The pain is spreading further down the leg than it did at the start.',
  },
  stable: {
    label: 'Stable',
    meaning: 'The pain reaches about as far down the leg as it did at the start.',
  },
  unknown: {
    label: 'Not enough check-ins yet',
    meaning: 'After check-ins on a few more days, this will show whether the pain is retreating.',
  },
};

const AREA_PHRASE: Record<PainArea, string> = {
  'lower-back': 'the lower back only',
  buttock: 'the buttock',
  'back-of-thigh': 'the back of the thigh',
  'below-knee': 'below the knee',
  foot: 'the foot',
};

/** The one-sentence summary above the extent chart. */
export function extentChartSummary(extent: ProgressSummary['extent']): string {
  const first = extent[0];
  const last = extent.at(-1);
  if (!first || !last) return 'No check-ins yet: how far the pain reaches will appear here.';
  if (extent.length === 1) {
    return `On ${formatDate(first.date)} the pain reached ${AREA_PHRASE[first.furthest]}.`;
  }
  return `At the start (${formatDate(first.date)}) the pain reached ${
    AREA_PHRASE[first.furthest]
  }; most recently (${formatDate(last.date)}) it reached ${AREA_PHRASE[last.furthest]}.`;
}

/** The one-sentence summary above the adherence chart. */
export function adherenceSummary(adherence: ProgressSummary['adherence']): string {
  if (adherence.planned === 0) return 'No sessions are planned yet: there is no programme.';
  return `You have done ${plural(adherence.done, 'session')} of the ${
    adherence.planned
  } planned since your programme started (${Math.round(adherence.ratio * 100)}%).`;
}

/** The one-sentence summary above the leg-raise chart. */
export function slrSummary(slr: ProgressSummary['slr']): string {
  const parts = (['left', 'right'] as const).flatMap((side) => {
    const own = slr.filter((m) => m.side === side);
    const first = own[0];
    const last = own.at(-1);
    if (!first || !last) return [];
    const leg = side === 'left' ? 'Left leg' : 'Right leg';
    if (own.length === 1) return [`${leg}: ${last.value}° on ${formatDate(last.date)}`];
    const change = last.value - first.value;
    const since =
      change === 0
        ? 'the same as your first measurement'
        : `${change > 0 ? 'up' : 'down'} ${Math.abs(change)}° since your first (${first.value}°)`;
    return [`${leg}: ${last.value}° on ${formatDate(last.date)}, ${since}`];
  });
  if (parts.length === 0) return 'No straight-leg-raise measurements yet.';
  return `${parts.join('. ')}. A higher angle means the leg lifts further before it pulls.`;
}

export interface WeekInput {
  today: string;
  pain: ProgressSummary['pain'];
  painSummary: ProgressSummary['painSummary'];
  meaningfulChange: boolean;
  meaningfulDirection: ProgressSummary['meaningfulDirection'];
  sessions: readonly { date: string }[];
}

/** The weekly summary in plain words: this week's pain against last week's, check-ins, sessions, and the change since the start. */
export function weeklySummary(input: WeekInput): string[] {
  const today = dayNumber(input.today);
  const inWeek = (date: string, weeksBack: number) => {
    const d = dayNumber(date);
    const end = today - 7 * weeksBack;
    return d <= end && d > end - 7;
  };
  const average = (values: number[]) =>
    values.length === 0 ? null : oneDecimal(values.reduce((a, b) => a + b, 0) / values.length);
  const thisWeek = input.pain.filter((p) => inWeek(p.date, 0));
  const lastWeek = input.pain.filter((p) => inWeek(p.date, 1));
  const now = average(thisWeek.map((p) => p.value));
  const before = average(lastWeek.map((p) => p.value));
  const lines: string[] = [];

  if (now === null) {
    lines.push('You have not checked in during the last 7 days.');
  } else {
    let compared = '';
    if (before !== null) {
      const diff = oneDecimal(now - before);
      compared =
        Math.abs(diff) < 0.5
          ? `, about the same as the week before (${before})`
          : diff < 0
            ? `, down from ${before} the week before`
            : `, up from ${before} the week before`;
    }
    lines.push(`Your pain over the last 7 days averaged ${now} out of 10${compared}.`);
  }
  if (thisWeek.length > 0) lines.push(`You checked in on ${thisWeek.length} of the last 7 days.`);

  const sessions = input.sessions.filter((s) => inWeek(s.date, 0)).length;
  lines.push(
    sessions === 0
      ? 'No exercise sessions were logged in the last 7 days.'
      : `You did ${plural(sessions, 'exercise session')} in the last 7 days.`,
  );

  const { start, latest } = input.painSummary;
  if (start !== null && latest !== null && input.pain.length >= 2) {
    const from = `Since your first check-in your pain has gone from ${start} to ${latest} out of 10`;
    if (input.meaningfulChange && input.meaningfulDirection === 'better') {
      lines.push(`${from}: a big enough drop to count as a real improvement.`);
    } else if (input.meaningfulChange && input.meaningfulDirection === 'worse') {
      lines.push(
        `${from}: a real change for the worse. If it stays this way, see a GP or physiotherapist.`,
      );
    } else {
      lines.push(
        `${from}. A change counts as clear once it reaches 2 points, or 30% of where you started.`,
      );
    }
  }
  return lines;
}
