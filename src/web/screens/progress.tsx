// Progress: a weekly summary in words, then charts of pain, how far down the leg it reaches, sessions done and leg-raise angles, each with a table of its numbers.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { PAIN_AREAS } from '../../engine/intake-values.js';
import { useApp } from '../app-context.js';
import { Load, ScreenTitle } from '../components/common.js';
import type { MeasurementView, ProgressSummary } from '../data/types.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';
import {
  DAY_SECONDS,
  EXTENT_LABELS,
  TREND_WORDS,
  adherenceChart,
  adherenceSummary,
  axisDate,
  countSplits,
  earlierWords,
  extentChart,
  extentChartSummary,
  formatDate,
  painChart,
  painChartSummary,
  slrChart,
  slrSummary,
  weeklySummary,
  xRange,
  type ChartData,
} from './progress-data.js';
import './progress.css';

interface Loaded {
  summary: ProgressSummary;
  measurements: MeasurementView[];
}

export default function Progress() {
  const { repo, version } = useApp();
  const state = useLoad<Loaded>(async () => {
    // Every count of sittings and exercises comes from the summary, so they all agree.
    const [summary, measurements] = await Promise.all([
      repo.progress(localToday()),
      repo.measurements(),
    ]);
    return { summary, measurements };
  }, [repo, version]);
  return (
    <>
      <ScreenTitle>Progress</ScreenTitle>
      <Load state={state}>{(loaded) => <ProgressView {...loaded} />}</Load>
    </>
  );
}

function ProgressView({ summary, measurements }: Loaded) {
  const today = localToday();
  const week = weeklySummary({
    today,
    pain: summary.pain,
    painSummary: summary.painSummary,
    meaningfulChange: summary.meaningfulChange,
    meaningfulDirection: summary.meaningfulDirection,
    days: summary.adherence.days ?? [],
  });
  const pain = useMemo(() => painChart(summary.pain), [summary]);
  const extent = useMemo(() => extentChart(summary.extent), [summary]);
  const slr = useMemo(() => slrChart(summary.slr), [summary]);
  const adherence = useMemo(() => adherenceChart(summary.adherence.days ?? []), [summary]);
  const adherenceAxis = useMemo((): YAxis => {
    const splits = countSplits(Math.max(0, ...adherence.series.flat().map((v) => v ?? 0)));
    return { range: [0, splits.at(-1) ?? 1], splits };
  }, [adherence]);
  const toeTouches = measurements
    .filter((m) => m.kind === 'toe-touch')
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  const trend = TREND_WORDS[summary.extentTrend];
  const nothingYet = summary.pain.length === 0 && measurements.length === 0;

  return (
    <div class="progress">
      {nothingYet && (
        <div class="notice" role="status">
          <p class="notice-title">Nothing to show yet</p>
          <p>Your charts fill in as you check in each day and measure your leg raise.</p>
          <p>
            <a class="button primary" href={href('checkin')}>
              Do today’s check-in
            </a>
          </p>
        </div>
      )}

      <section class="card" aria-labelledby="week-heading">
        <h2 id="week-heading">This week</h2>
        <ul class="week-summary">
          {week.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {!nothingYet && (
          <p>
            <a href={href('checkin')}>Do today’s check-in</a>
          </p>
        )}
      </section>

      <ChartSection
        id="pain"
        heading="Pain over time"
        summary={painChartSummary(summary.pain)}
        data={pain}
        lines={[{ label: 'Pain, 0 to 10', tone: 'a' }]}
        y={{ range: [0, 10], splits: [0, 2, 4, 6, 8, 10] }}
        table={{
          caption: 'Pain by day',
          columns: ['Date', 'Pain (0 to 10)'],
          rows: summary.pain.map((p) => ({ key: p.date, cells: [formatDate(p.date), p.value] })),
        }}
      />

      <ChartSection
        id="extent"
        heading="How far down the leg the pain reaches"
        summary={extentChartSummary(summary.extent)}
        data={extent}
        lines={[{ label: 'Furthest point the pain reached', tone: 'a' }]}
        y={{
          range: [-0.3, PAIN_AREAS.length - 0.7],
          splits: PAIN_AREAS.map((_, i) => i),
          labels: PAIN_AREAS.map((a) => EXTENT_LABELS[a]),
          // The back at the top, the foot at the bottom: a falling line is pain spreading down the leg.
          reversed: true,
          width: 96,
        }}
        table={{
          caption: 'How far down the leg the pain reached, by day',
          columns: ['Date', 'Furthest point'],
          rows: summary.extent.map((e) => ({
            key: e.date,
            cells: [formatDate(e.date), EXTENT_LABELS[e.furthest]],
          })),
        }}
      >
        <p class={`trend trend-${summary.extentTrend}`} data-trend={summary.extentTrend}>
          <strong>{trend.label}.</strong> {trend.meaning}
        </p>
        {summary.extentTrend === 'peripheralising' && (
          <div class="notice notice-warning">
            <p class="notice-title">What to do</p>
            <p>
              Stop any exercise that sends the pain further down the leg, and go back to the gentler
              ones. {summary.extentTrendText}
            </p>
            <p class="small muted">
              Source: What Causes Lower Back and Hamstring Pain? (stop if the pain sharpens or
              spreads further).
            </p>
          </div>
        )}
        <p class="small muted">
          Higher on the chart means the pain stays closer to your back; lower means it reaches
          further down the leg.
        </p>
      </ChartSection>

      <ChartSection
        id="adherence"
        heading="Exercise sittings: planned and done"
        summary={adherenceSummary(summary.adherence)}
        data={adherence}
        lines={[
          { label: 'Planned so far', tone: 'planned' },
          { label: 'Done so far', tone: 'a' },
        ]}
        y={adherenceAxis}
        table={{
          caption: 'Sittings planned and done over the last four weeks, added up by day',
          columns: ['Date', 'Planned so far', 'Done so far'],
          rows: adherence.xs.map((x, i) => ({
            key: String(x),
            cells: [
              formatDate(new Date(x * 1000).toISOString().slice(0, 10)),
              adherence.series[0]?.[i] ?? 0,
              adherence.series[1]?.[i] ?? 0,
            ],
          })),
        }}
      />

      <ChartSection
        id="slr"
        heading="Straight-leg-raise angle"
        summary={slrSummary(summary.slr)}
        data={slr}
        lines={[
          { label: 'Left leg', tone: 'a' },
          { label: 'Right leg', tone: 'b' },
        ]}
        y={{ range: [0, 120], splits: [0, 30, 60, 90, 120], unit: '°' }}
        table={{
          caption: 'Straight-leg-raise angle by measurement',
          columns: ['Date', 'Leg', 'Angle (degrees)'],
          rows: summary.slr.map((m, i) => ({
            key: `${m.date}-${i}`,
            cells: [
              formatDate(m.date),
              m.side === 'left' ? 'Left' : m.side === 'right' ? 'Right' : 'Not given',
              m.value,
            ],
          })),
        }}
      >
        <p class="small muted">
          The angle between the raised straight leg and the floor, measured lying on your back.
        </p>
        <p>
          <a href={href('measure')}>Measure your leg raise or toe touch</a>
        </p>
      </ChartSection>

      <section class="card" aria-labelledby="toe-heading" data-points={toeTouches.length}>
        <h2 id="toe-heading">Toe touch</h2>
        {toeTouches.length === 0 ? (
          <p>No toe-touch measurements yet.</p>
        ) : (
          <>
            <p>
              Centimetres your fingertips stopped short of your toes: 0 means they reached, a
              negative number means they went past.
            </p>
            <DataTable
              caption="Toe touch by measurement"
              columns={['Date', 'Centimetres short of the toes']}
              rows={toeTouches.map((m) => ({ key: m.id, cells: [formatDate(m.date), m.value] }))}
            />
          </>
        )}
      </section>

      {summary.earlier && <EarlierSection earlier={summary.earlier} />}
    </div>
  );
}

/** A long record's days before the charts, summed up by month. */
function EarlierSection({ earlier }: { earlier: NonNullable<ProgressSummary['earlier']> }) {
  const words = earlierWords(earlier);
  return (
    <section class="card" aria-labelledby="earlier-heading" data-months={words.rows.length}>
      <h2 id="earlier-heading">Before {formatDate(earlier.before)}</h2>
      <p>{words.intro}</p>
      {words.rows.length > 0 && (
        <div class="table-wrap">
          <DataTable
            caption="Pain by month before the charts"
            columns={['Month', 'Check-in days', 'Average pain (range)', 'Furthest reach']}
            rows={words.rows}
          />
        </div>
      )}
      {words.slr.length > 0 && (
        <details class="earlier-slr">
          <summary>Leg raise by month before the charts</summary>
          <div class="table-wrap">
            <DataTable
              caption="Angles by month and leg"
              columns={['Month', 'Leg', 'Angles (how often measured)', 'Last']}
              rows={words.slr}
            />
          </div>
        </details>
      )}
    </section>
  );
}

type Tone = 'a' | 'b' | 'planned';

interface TableSpec {
  caption: string;
  columns: string[];
  rows: { key: string; cells: (string | number)[] }[];
}

interface YAxis {
  range: [number, number];
  splits?: number[];
  /** Words for each split, for an ordinal axis. */
  labels?: string[];
  reversed?: boolean;
  unit?: string;
  width?: number;
}

/** A chart with its text alternative: heading, a sentence, a key, and the numbers as a table. */
function ChartSection({
  id,
  heading,
  summary,
  data,
  lines,
  y,
  table,
  children,
}: {
  id: string;
  heading: string;
  summary: string;
  data: ChartData;
  lines: { label: string; tone: Tone }[];
  y: YAxis;
  table: TableSpec;
  children?: ComponentChildren;
}) {
  const [shown, setShown] = useState(false);
  const points = data.series.reduce((n, s) => n + s.filter((v) => v !== null).length, 0);
  const empty = data.xs.length === 0;
  return (
    <section
      class="card chart-card"
      aria-labelledby={`${id}-heading`}
      data-chart={id}
      data-points={points}
    >
      <h2 id={`${id}-heading`}>{heading}</h2>
      <p id={`${id}-summary`}>{summary}</p>
      {children}
      {!empty && (
        <>
          <Chart data={data} lines={lines} y={y} />
          {lines.length > 1 && (
            <ul class="chart-key" aria-hidden="true">
              {lines.map((l) => (
                <li key={l.label}>
                  <span class={`key-line key-${l.tone}`} />
                  {l.label} ({l.tone === 'a' ? 'solid line, filled dots' : 'dashed line, open dots'}
                  )
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            class="table-toggle"
            aria-expanded={shown}
            aria-controls={`${id}-table`}
            onClick={() => {
              setShown((s) => !s);
            }}
          >
            {shown ? 'Hide the numbers' : 'Show the numbers'}
            <span class="visually-hidden"> for {heading.toLowerCase()}</span>
          </button>
          <div id={`${id}-table`} class={shown ? 'table-wrap' : 'visually-hidden'}>
            <DataTable {...table} />
          </div>
        </>
      )}
    </section>
  );
}

function DataTable({ caption, columns, rows }: TableSpec) {
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const CHART_HEIGHT = 220;

/** Design colours from the style sheet, for the canvas (which cannot read CSS variables itself). */
function colour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The uPlot canvas, sized to its container and redrawn when the container changes width. */
function Chart({
  data,
  lines,
  y,
}: {
  data: ChartData;
  lines: { label: string; tone: Tone }[];
  y: YAxis;
}) {
  const host = useRef<HTMLDivElement>(null);
  // Redrawn only when what it shows changes, not each time the screen renders.
  const shape = JSON.stringify({ data, lines, y });
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ink = colour('--ink', '#1d2a30');
    const grid = colour('--line', '#d5d0c6');
    const card = colour('--card', '#ffffff');
    // Lines differ by dash and points by fill as well as by colour.
    const tones: Record<Tone, { stroke: string; fill: string; dash?: number[] }> = {
      a: { stroke: colour('--primary', '#1f4e5f'), fill: colour('--primary', '#1f4e5f') },
      b: { stroke: colour('--focus', '#b3541e'), fill: card, dash: [8, 5] },
      planned: { stroke: colour('--ink-muted', '#4a5a61'), fill: card, dash: [4, 4] },
    };
    const font = '12px system-ui, sans-serif';
    const width = () => Math.max(200, Math.floor(el.clientWidth));
    const [xMin, xMax] = xRange(data.xs);
    const opts: uPlot.Options = {
      width: width(),
      height: CHART_HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: {
        x: { time: true, range: () => [xMin, xMax] },
        y: { range: () => y.range, ...(y.reversed ? { dir: -1 as const } : {}) },
      },
      axes: [
        {
          stroke: ink,
          font,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid, width: 1 },
          space: 56,
          incrs: [1, 2, 7, 14, 28, 56, 91, 182, 365].map((d) => d * DAY_SECONDS),
          values: (_u, splits) => splits.map((s) => axisDate(s)),
        },
        {
          stroke: ink,
          font,
          size: y.width ?? 44,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid, width: 1 },
          ...(y.splits ? { splits: () => y.splits ?? [] } : {}),
          values: (_u, splits) =>
            splits.map((s) => (y.labels ? (y.labels[Math.round(s)] ?? '') : `${s}${y.unit ?? ''}`)),
        },
      ],
      series: [
        {},
        ...lines.map((l) => {
          const tone = tones[l.tone];
          return {
            label: l.label,
            stroke: tone.stroke,
            width: 2.5,
            spanGaps: true,
            ...(tone.dash ? { dash: tone.dash } : {}),
            points: { show: true, size: 9, width: 2, fill: tone.fill, stroke: tone.stroke },
          };
        }),
      ],
    };
    const plot = new uPlot(opts, [data.xs, ...data.series], el);
    const observer = new ResizeObserver(() => {
      if (width() !== plot.width) plot.setSize({ width: width(), height: CHART_HEIGHT });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [shape]);
  return <div class="chart" ref={host} aria-hidden="true" />;
}
