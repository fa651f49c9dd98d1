// The progress screen's numbers and words: chart series from the progress summary, dates, and the plain-language summaries.
import { PAIN_AREAS, type PainArea } from '../../engine/intake-values.js';
import { dayNumber } from '../../engine/local-date.js';
import { formatDate as formatLocalDate, personLocale } from '../format-date.js';
import type { ExtentTrend, ProgressSummary } from '../../engine/progress.js';
import type { DayAdherence } from '../../engine/sittings.js';

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

/** The person's locale; British English where none is known (tests, the server). */
const locale = () => personLocale() ?? 'en-GB';

/** A local date in words, e.g. "3 Mar 2026". */
export function formatDate(date: string): string {
  return formatLocalDate(date, { locale: locale() });
}

/** An axis label for a chart's x value, e.g. "3 Mar". */
export function axisDate(seconds: number): string {
  return formatLocalDate(new Date(seconds * 1000).toISOString().slice(0, 10), {
    locale: locale(),
    year: false,
  });
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
 * Sittings planned and done, added up day by day over the days the summary lists (the latest four
 * weeks), from the engine's own day-by-day count, so the chart and every sentence agree.
 */
export function adherenceChart(days: readonly DayAdherence[]): ChartData {
  const xs: number[] = [];
  const planned: number[] = [];
  const done: number[] = [];
  let p = 0;
  let d = 0;
  for (const day of days) {
    const n = dayNumber(day.date);
    if (Number.isNaN(n)) continue;
    p += day.sittingsPlanned;
    d += day.sittingsDone;
    xs.push(n * DAY_SECONDS);
    planned.push(p);
    done.push(d);
  }
  return { xs, series: [planned, done] };
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

/** Sittings and exercises, done of planned, in words: "3 of 4 sittings (75%) and 7 of 10 exercises (70%)". */
export function adherenceWords(a: {
  planned: number;
  done: number;
  ratio: number;
  exercises?: { planned: number; done: number; ratio: number } | undefined;
}): string {
  const sittings = `${String(a.done)} of ${plural(a.planned, 'sitting')} (${String(Math.round(a.ratio * 100))}%)`;
  if (!a.exercises) return sittings;
  const e = a.exercises;
  return `${sittings} and ${String(e.done)} of ${plural(e.planned, 'exercise')} (${String(Math.round(e.ratio * 100))}%)`;
}

/** The one-sentence summary above the adherence chart. */
export function adherenceSummary(adherence: ProgressSummary['adherence']): string {
  if (adherence.planned === 0) return 'No sittings are planned yet: there is no programme.';
  return `Since your programme started you have done ${adherenceWords(adherence)} of those planned.`;
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
  /** The engine's day-by-day adherence (sittings and exercises planned and done). */
  days: readonly DayAdherence[];
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

  const week = input.days.filter((d) => inWeek(d.date, 0));
  const sum = (f: (d: DayAdherence) => number) => week.reduce((n, d) => n + f(d), 0);
  const planned = sum((d) => d.sittingsPlanned);
  const done = sum((d) => d.sittingsDone);
  if (planned > 0) {
    lines.push(
      done === 0
        ? 'No exercise sittings were done in the last 7 days.'
        : `In the last 7 days you did ${adherenceWords({
            planned,
            done,
            ratio: done / planned,
            exercises: {
              planned: sum((d) => d.exercisesPlanned),
              done: sum((d) => d.exercisesDone),
              ratio:
                sum((d) => d.exercisesDone) /
                Math.max(
                  1,
                  sum((d) => d.exercisesPlanned),
                ),
            },
          })} planned.`,
    );
    // A day with part of it done says so: "Friday 20 November: 1 of 2 sittings".
    for (const d of week) {
      if (d.sittingsDone > 0 && d.sittingsDone < d.sittingsPlanned) {
        lines.push(
          `${formatDate(d.date)}: ${String(d.sittingsDone)} of ${String(d.sittingsPlanned)} sittings done, ${String(d.sittingsPlanned - d.sittingsDone)} missed.`,
        );
      }
    }
  }

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

/** A month ('2026-03') as people read it ("Mar 2026"), in the person's locale. */
export function formatMonth(month: string, locale = personLocale()): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
}

const AREA_LABEL: Record<PainArea, string> = {
  'lower-back': 'Lower back only',
  buttock: 'Buttock',
  'back-of-thigh': 'Back of the thigh',
  'below-knee': 'Below the knee',
  foot: 'Foot',
};

/** The months before the charts: a sentence, a table of pain by month, and a table of each leg's angles by month. */
export interface EarlierWords {
  intro: string;
  rows: { key: string; cells: string[] }[];
  slr: { key: string; cells: string[] }[];
}

const LEG_WORDS = { left: 'Left', right: 'Right' } as const;

/** One leg's angles over a span of months, as table cells: the span, the leg, the range and count, the last. */
function slrCells(
  m: {
    side: 'left' | 'right' | null;
    measurements: number;
    lowest: number;
    highest: number;
    latest: number;
  },
  when: string,
): string[] {
  const range = m.lowest === m.highest ? `${m.lowest}°` : `${m.lowest}° to ${m.highest}°`;
  return [
    when,
    m.side === null ? 'Not given' : LEG_WORDS[m.side],
    `${range} (${m.measurements === 1 ? 'once' : `${m.measurements} times`})`,
    `${m.latest}°`,
  ];
}

/**
 * What a long record's earlier days were (the API lists the latest days on the charts and sums up the
 * rest by month): one row a month, newest first, then the older months in one row.
 */
export function earlierWords(earlier: NonNullable<ProgressSummary['earlier']>): EarlierWords {
  const pain = (average: number | null, lowest: number | null, highest: number | null) => {
    if (average === null || lowest === null || highest === null) return '—';
    const range = lowest === highest ? `${lowest}` : `${lowest} to ${highest}`;
    return `${oneDecimal(average)} (${range})`;
  };
  const reach = (area: PainArea | null) => (area === null ? '—' : AREA_LABEL[area]);
  const rows = earlier.months
    .map((m) => ({
      key: m.month,
      cells: [
        formatMonth(m.month),
        String(m.checkinDays),
        pain(m.checkinDays > 0 ? m.averagePain : null, m.lowestPain, m.highestPain),
        reach(m.furthest),
      ],
    }))
    .reverse();
  const slr = [...earlier.slr]
    .reverse()
    .map((m) => ({ key: `${m.month}-${m.side ?? ''}`, cells: slrCells(m, formatMonth(m.month)) }));
  const older = earlier.older;
  if (older) {
    const span =
      older.from === older.to
        ? formatMonth(older.from)
        : `${formatMonth(older.from)} to ${formatMonth(older.to)}`;
    rows.push({
      key: 'older',
      cells: [
        span,
        String(older.checkinDays),
        pain(older.averagePain, older.lowestPain, older.highestPain),
        reach(older.furthest),
      ],
    });
    for (const m of older.slr) slr.push({ key: `older-${m.side ?? ''}`, cells: slrCells(m, span) });
  }
  return {
    intro: `The charts above show your days from ${formatDate(earlier.before)}. Before that, month by month, newest first:`,
    rows,
    slr,
  };
}
