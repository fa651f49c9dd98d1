// Outcome measures in words and pictures: a score out of its range, the change since the first score set
// against the smallest change that matters, and the numbers a small chart needs (points, and the band
// of changes too small to matter around the first score).
import type { Instrument } from '../../kb/instruments.js';
import type { OutcomeView } from '../data/types.js';

const plural = (n: number, one: string, many: string) =>
  `${formatNumber(n)} ${Math.abs(n) === 1 ? one : many}`;

/** 4, 2.5, −3: one decimal at most, with a true minus sign. */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  const text = Number.isInteger(rounded) ? String(Math.abs(rounded)) : Math.abs(rounded).toFixed(1);
  return rounded < 0 ? `−${text}` : text;
}

/** The label a single-rating scale gives a value ("Much improved"), if it has one. */
function scaleLabel(instrument: Instrument, value: number): string | null {
  if (instrument.kind !== 'single-rating') return null;
  return instrument.scale.find((s) => s.value === value)?.label ?? null;
}

/** "7 out of 24", "6.5 out of 10", or the global rating's own words ("Much improved"). */
export function scoreWords(instrument: Instrument, score: number): string {
  if (instrument.id === 'global-rating-of-change') {
    return scaleLabel(instrument, score) ?? formatNumber(score);
  }
  if (instrument.id === 'oswestry-total') return `${formatNumber(score)}%`;
  return `${formatNumber(score)} out of ${formatNumber(instrument.range.max)}`;
}

/** What higher means on this instrument, for the chart's text alternative. */
export function directionWords(instrument: Instrument): string {
  return instrument.higherIsWorse ? 'Lower is better.' : 'Higher is better.';
}

/**
 * The smallest change that matters from `start`, in points: the instrument's points, or its share of the
 * start where the authors give one and it is smaller (as the engine's `outcomeChange` judges). Null when
 * the instrument has none.
 */
export function importantThreshold(instrument: Instrument, start: number): number | null {
  const mic = instrument.minimalImportantChange;
  if (!mic) return null;
  if (instrument.id === 'global-rating-of-change') return mic.points;
  const byFraction =
    mic.fraction !== undefined && start !== 0 ? Math.abs(start) * mic.fraction : Infinity;
  return Math.min(mic.points, byFraction);
}

/**
 * The change in words: "4 points better: a change big enough to matter", "1 point worse: less than the
 * smallest change that matters (5 points)". The global rating of change is a change already, so it is
 * said in its own words.
 */
export function changeWords(
  instrument: Instrument,
  outcome: Pick<OutcomeView, 'score' | 'change'>,
): string {
  const change = outcome.change;
  if (instrument.id === 'global-rating-of-change') {
    const label = scaleLabel(instrument, outcome.score) ?? formatNumber(outcome.score);
    if (outcome.score === 0) return `${label}: no change since you started.`;
    const important = change?.important ?? Math.abs(outcome.score) >= 2;
    return important
      ? `${label}: a change big enough to matter.`
      : `${label}: less than the change that usually matters (“much” better or worse).`;
  }
  if (!change) return 'Your first score: the starting point to compare with.';
  if (change.direction === null || change.change === 0) {
    return 'The same as your first score.';
  }
  const size = plural(Math.abs(change.change), 'point', 'points');
  const head = `${size} ${change.direction} than your first score`;
  if (change.important === null) {
    return `${head}. There is no agreed smallest change that matters for this questionnaire.`;
  }
  if (change.important) return `${head}: a change big enough to matter.`;
  // The threshold as the engine judged it: the points, or a share of the first score when smaller.
  const threshold = importantThreshold(instrument, outcome.score - change.change);
  const needed = threshold === null ? '' : ` (${plural(threshold, 'point', 'points')})`;
  return `${head}: less than the smallest change that matters${needed}.`;
}

export interface ChartPoint {
  x: number;
  y: number;
  date: string;
  score: number;
}

export interface ChartModel {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  plot: { left: number; right: number; top: number; bottom: number };
  points: ChartPoint[];
  /** Changes from the first score smaller than this band's edges do not matter; null without a threshold. */
  band: { top: number; bottom: number } | null;
  /** The first score's line (the global rating: "no change"). */
  baseline: number | null;
  /** Scores labelled on the left axis, with their heights. */
  ticks: { value: number; y: number }[];
}

/**
 * Where each score and the band go on a small chart, oldest on the left. The band spans the first score
 * plus and minus the smallest change that matters (the global rating: around "no change").
 */
export function chartModel(
  instrument: Instrument,
  outcomes: readonly Pick<OutcomeView, 'date' | 'score'>[],
  size: { width: number; height: number } = { width: 320, height: 160 },
): ChartModel {
  const plot = { left: 36, right: size.width - 12, top: 12, bottom: size.height - 24 };
  const { min, max } = instrument.range;
  const yOf = (v: number) =>
    plot.bottom -
    ((Math.min(max, Math.max(min, v)) - min) / (max - min || 1)) * (plot.bottom - plot.top);
  const sorted = [...outcomes].sort((a, b) => a.date.localeCompare(b.date));
  // Across by date, so a long gap between two scores looks long.
  const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const from = dayOf(sorted[0]?.date ?? '');
  const span = dayOf(sorted.at(-1)?.date ?? '') - from;
  const points = sorted.map((o) => ({
    x:
      span > 0 && Number.isFinite(span)
        ? plot.left + ((dayOf(o.date) - from) / span) * (plot.right - plot.left)
        : (plot.left + plot.right) / 2,
    y: yOf(o.score),
    date: o.date,
    score: o.score,
  }));
  const first = sorted[0];
  const centre = instrument.id === 'global-rating-of-change' ? 0 : (first?.score ?? null);
  const threshold = centre === null ? null : importantThreshold(instrument, first?.score ?? 0);
  const band =
    centre === null || threshold === null
      ? null
      : { top: yOf(centre + threshold), bottom: yOf(centre - threshold) };
  const steps = 4;
  const ticks = Array.from({ length: steps + 1 }, (_, i) => {
    const value = Math.round((min + ((max - min) * i) / steps) * 10) / 10;
    return { value, y: yOf(value) };
  });
  return {
    width: size.width,
    height: size.height,
    plot,
    points,
    band,
    baseline: centre === null ? null : yOf(centre),
    ticks,
  };
}
