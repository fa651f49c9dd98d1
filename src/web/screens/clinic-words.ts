// The clinician's screens in words and shapes: each need as a label with its tone and icon (never colour
// alone), the pain sparkline's geometry and its text summary, counts, and a programme version's changes.
import type { NeedKind } from '../../engine/caseload.js';
import type { PrescribedDosage } from '../../engine/plan.js';
import type { InvitationStatus, VersionView } from '../data/clinician-api.js';
import { dosageWords, lowerFirst, timesPerDayWords } from '../../words/index.js';

/** How each need reads in the list: a label, a tone (the colour) and an icon shape (so colour is never alone). */
export const NEED_WORDS: Record<
  NeedKind,
  { label: string; tone: 'danger' | 'warning' | 'info' | 'neutral'; icon: NeedIcon }
> = {
  warning: { label: 'Warning sign reported', tone: 'danger', icon: 'triangle' },
  worsening: { label: 'Getting worse', tone: 'warning', icon: 'arrow-up' },
  quiet: { label: 'No recent check-in', tone: 'info', icon: 'clock' },
  'low-adherence': { label: 'Few sittings done', tone: 'info', icon: 'half' },
  none: { label: 'Nothing flagged', tone: 'neutral', icon: 'check' },
};

export type NeedIcon = 'triangle' | 'arrow-up' | 'clock' | 'half' | 'check';

/** The day `days` before (negative: after) a local date, as YYYY-MM-DD. */
export function shiftDate(date: string, days: number): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d - days));
  return at.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (local dates); NaN when either is unreadable. */
export function daysBetween(from: string, to: string): number {
  const t = (s: string) => Date.parse(`${s.slice(0, 10)}T00:00:00Z`);
  return Math.round((t(to) - t(from)) / 86_400_000);
}

export interface Sparkline {
  width: number;
  height: number;
  /** The line through the days with a value, in SVG path syntax; empty without two points. */
  path: string;
  /** Every day with a value, as a dot (a single day shows as a dot alone). */
  dots: { x: number; y: number; date: string; value: number }[];
}

/**
 * The pain sparkline over the `days` days up to `today`: x by date (so gaps stay gaps in time), y by pain
 * 0..10 with 10 at the top. Values outside the window are left out.
 */
export function sparkline(
  pain: readonly { date: string; value: number }[],
  today: string,
  { days = 30, width = 120, height = 32 }: { days?: number; width?: number; height?: number } = {},
): Sparkline {
  const pad = 3;
  const first = shiftDate(today, days - 1);
  const points = [...pain]
    .filter((p) => p.date >= first && p.date <= today)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const x = (date: string) =>
    pad + (daysBetween(first, date) / Math.max(1, days - 1)) * (width - 2 * pad);
  const y = (value: number) =>
    pad + (1 - Math.min(10, Math.max(0, value)) / 10) * (height - 2 * pad);
  const dots = points.map((p) => ({
    x: round(x(p.date)),
    y: round(y(p.value)),
    date: p.date,
    value: p.value,
  }));
  const path =
    dots.length < 2 ? '' : dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' ');
  return { width, height, path, dots };
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The sparkline in words, for screen readers and anyone who cannot read the line: how many days, the
 * latest value, the range, and the direction of the last week against the one before.
 */
export function painSummary(
  pain: readonly { date: string; value: number }[],
  today: string,
  formatDay: (date: string) => string,
): string {
  const first = shiftDate(today, 29);
  const points = [...pain]
    .filter((p) => p.date >= first && p.date <= today)
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  const last = points.at(-1);
  if (!last) return 'No pain scores in the last 30 days.';
  const values = points.map((p) => p.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const days = points.length === 1 ? '1 day' : `${points.length} days`;
  const range = low === high ? `all ${low}` : `from ${low} to ${high}`;
  return `Pain out of 10 on ${days} in the last 30: latest ${last.value} on ${formatDay(last.date)}, ${range}.`;
}

/** "Sittings in the last 7 days: 5 of 7", or that none were planned. */
export function sittingsWords(s: { done: number; planned: number }): string {
  if (s.planned === 0) {
    return s.done === 0
      ? 'No sittings planned in the last 7 days'
      : `Sittings in the last 7 days: ${s.done} (none planned)`;
  }
  return `Sittings in the last 7 days: ${s.done} of ${s.planned}`;
}

/** The neutral count, labelled as such: it is no billing code and claims none. */
export function daysWithDataWords(n: number): string {
  return `Days with data in the last 30: ${n}`;
}

/** When the person last checked in, in words relative to today. */
export function lastCheckinWords(
  last: string | null,
  today: string,
  formatDay: (d: string) => string,
): string {
  if (!last) return 'No check-in yet';
  const days = daysBetween(last.slice(0, 10), today);
  if (days <= 0) return 'Last check-in today';
  if (days === 1) return 'Last check-in yesterday';
  return Number.isNaN(days)
    ? `Last check-in ${formatDay(last)}`
    : `Last check-in ${days} days ago (${formatDay(last)})`;
}

export const INVITATION_STATUS_WORDS: Record<InvitationStatus, string> = {
  open: 'Open: not used yet',
  used: 'Used: the person accepted it',
  expired: 'Expired: not used within 7 days',
  cancelled: 'Withdrawn',
};

/** An invitation code as people read it: `ABCDEF23` becomes `ABCD-EF23` (already grouped codes stay). */
export function groupCode(code: string): string {
  const bare = code.replace(/[\s-]/g, '').toUpperCase();
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : code;
}

/** A plan item's dose as stored in a version's before/after, if it looks like one. */
interface ItemLike {
  dosage?: Partial<PrescribedDosage>;
  timesPerDay?: number;
  note?: string | null;
}

function itemOf(value: unknown): ItemLike | null {
  return typeof value === 'object' && value !== null ? value : null;
}

/** A dose and how often, in words, from whatever a version recorded ("Hold 30 seconds, 3 times, twice a day"). */
export function doseWords(value: unknown): string | null {
  const item = itemOf(value);
  const d = item?.dosage;
  if (
    !d ||
    typeof d.amount !== 'number' ||
    typeof d.repeats !== 'number' ||
    typeof d.sets !== 'number'
  ) {
    return typeof item?.timesPerDay === 'number' ? timesPerDayWords(item.timesPerDay) : null;
  }
  const dosage: PrescribedDosage = {
    unit: d.unit ?? 'reps',
    amount: d.amount,
    repeats: d.repeats,
    sets: d.sets,
    sides: d.sides ?? 'none',
  };
  return dosageWords(dosage, item.timesPerDay);
}

/** One change of a version in a sentence, naming the exercise ("Dose of Glute bridge: from … to …"). */
export function changeWords(
  change: VersionView['changes'][number],
  nameOf: (exerciseId: string) => string,
): string {
  const name = change.exerciseId ? nameOf(change.exerciseId) : '';
  switch (change.op) {
    case 'add': {
      const dose = doseWords(change.after);
      return `Added ${name}${dose ? `: ${lowerFirst(dose)}` : ''}.`;
    }
    case 'remove':
      return `Removed ${name}.`;
    case 'dose': {
      const before = doseWords(change.before);
      const after = doseWords(change.after);
      return before && after
        ? `Changed the dose of ${name} from ${lowerFirst(before)} to ${lowerFirst(after)}.`
        : `Changed the dose of ${name}.`;
    }
    case 'note': {
      const note =
        itemOf(change.after)?.note ?? (typeof change.after === 'string' ? change.after : null);
      return note ? `Note on ${name}: “${note}”` : `Removed the note on ${name}.`;
    }
    case 'pause':
      return 'Paused the programme.';
    case 'resume':
      return 'Resumed the programme.';
  }
}

/** Who made a version, in words: a clinician by name, or the engine from the assessment. */
export function authorWords(author: VersionView['author']): string {
  if (author.role === 'engine') return 'Backchain, from the assessment';
  return author.name ?? 'A clinician';
}

export interface ChartSeries {
  label: string;
  points: readonly { date: string; value: number }[];
}

export interface ChartShape {
  width: number;
  height: number;
  /** The plotting area inside the margins. */
  plot: { left: number; top: number; right: number; bottom: number };
  series: {
    label: string;
    path: string;
    dots: { x: number; y: number; date: string; value: number }[];
  }[];
  /** y of a value, for reference lines and bands. */
  y: (value: number) => number;
  first: string | null;
  last: string | null;
}

/**
 * A small line chart's geometry: x by date across every series' dates (one day alone sits in the middle),
 * y by value within `range` (higher values higher up). Pure, so the shape can be tested.
 */
export function chartShape(
  series: readonly ChartSeries[],
  range: { min: number; max: number },
  { width = 320, height = 160 }: { width?: number; height?: number } = {},
): ChartShape {
  const plot = { left: 34, top: 8, right: width - 10, bottom: height - 22 };
  const dates = series.flatMap((s) => s.points.map((p) => p.date)).sort();
  const first = dates[0] ?? null;
  const last = dates.at(-1) ?? null;
  const span = first && last ? Math.max(0, daysBetween(first.slice(0, 10), last.slice(0, 10))) : 0;
  const x = (date: string) =>
    span === 0 || !first
      ? (plot.left + plot.right) / 2
      : plot.left +
        (daysBetween(first.slice(0, 10), date.slice(0, 10)) / span) * (plot.right - plot.left);
  const y = (value: number) => {
    const v = Math.min(range.max, Math.max(range.min, value));
    const share = range.max === range.min ? 0.5 : (v - range.min) / (range.max - range.min);
    return round(plot.bottom - share * (plot.bottom - plot.top));
  };
  return {
    width,
    height,
    plot,
    first,
    last,
    y,
    series: series.map((s) => {
      const dots = [...s.points]
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .map((p) => ({ x: round(x(p.date)), y: y(p.value), date: p.date, value: p.value }));
      return {
        label: s.label,
        dots,
        path:
          dots.length < 2
            ? ''
            : dots.map((d, i) => `${i === 0 ? 'M' : 'L'}${d.x} ${d.y}`).join(' '),
      };
    }),
  };
}

/** An outcome's change since the first score in words: "4 points better: at least the smallest change that matters". */
export function outcomeChangeWords(
  change: {
    change: number;
    important: boolean | null;
    direction: 'better' | 'worse' | null;
  } | null,
): string {
  if (!change) return 'The first score: later ones are compared with it.';
  const size = Math.abs(change.change);
  const points = `${size} ${size === 1 ? 'point' : 'points'}`;
  if (change.direction === null || size === 0) return 'No change since the first score.';
  const what = `${points} ${change.direction} than the first score`;
  if (change.important === null) return `${what}.`;
  return change.important
    ? `${what}: at least the smallest change that matters to people.`
    : `${what}: less than the smallest change that matters to people.`;
}

/** A need's detail as the server words it, with its ISO dates ("2026-11-25") written as people read dates. */
export function detailWords(detail: string, formatDay: (date: string) => string): string {
  return detail.replace(/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?\b/g, (date) => formatDay(date));
}
