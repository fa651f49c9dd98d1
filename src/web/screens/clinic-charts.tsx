// Small inline-SVG line charts for the clinician's pages: leg-raise angles by side and outcome measures over
// time with the minimal important change drawn as a band. Each has its words and a table of its numbers.
import type { ComponentChildren } from 'preact';
import { chartShape, type ChartSeries } from './clinic-words.js';
import { day } from './clinic-parts.js';

/** Marker shapes per series, so the series differ by shape and dash as well as colour. */
const MARKERS = ['circle', 'square'] as const;

export interface Band {
  /** The values the band covers, e.g. the first score ± the minimal important change. */
  from: number;
  to: number;
  /** The reference line through it (the first score). */
  line: number;
}

/**
 * A line chart: the SVG is hidden from screen readers, who get the `summary` and the table instead.
 * Up to two series (solid with circles, dashed with squares).
 */
export function LineChart({
  series,
  range,
  unit,
  band,
  summary,
  children,
}: {
  series: readonly ChartSeries[];
  range: { min: number; max: number };
  /** Written after the axis's numbers: "°" for angles, nothing for scores. */
  unit: string;
  band?: Band;
  summary: string;
  children?: ComponentChildren;
}) {
  const shape = chartShape(series, range);
  const { plot } = shape;
  const bandTop = band ? shape.y(Math.max(band.from, band.to)) : 0;
  const bandBottom = band ? shape.y(Math.min(band.from, band.to)) : 0;
  return (
    <figure class="clinic-chart">
      <svg viewBox={`0 0 ${shape.width} ${shape.height}`} aria-hidden="true" focusable="false">
        {band && (
          <>
            <rect
              class="chart-band"
              x={plot.left}
              y={bandTop}
              width={plot.right - plot.left}
              height={Math.max(1, bandBottom - bandTop)}
            />
            <line
              class="chart-ref"
              x1={plot.left}
              x2={plot.right}
              y1={shape.y(band.line)}
              y2={shape.y(band.line)}
            />
          </>
        )}
        <line class="chart-axis" x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} />
        <line class="chart-axis" x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        <text class="chart-label" x={plot.left - 4} y={plot.top + 4} text-anchor="end">
          {range.max}
          {unit}
        </text>
        <text class="chart-label" x={plot.left - 4} y={plot.bottom} text-anchor="end">
          {range.min}
          {unit}
        </text>
        {shape.first && (
          <text class="chart-label" x={plot.left} y={shape.height - 6} text-anchor="start">
            {day(shape.first)}
          </text>
        )}
        {shape.last && shape.last !== shape.first && (
          <text class="chart-label" x={plot.right} y={shape.height - 6} text-anchor="end">
            {day(shape.last)}
          </text>
        )}
        {shape.series.map((s, i) => (
          <g key={s.label} class={`chart-series chart-series-${i}`}>
            {s.path && <path class="chart-line" d={s.path} />}
            {s.dots.map((d) =>
              MARKERS[i % 2] === 'circle' ? (
                <circle key={`${d.date}-${d.value}`} class="chart-dot" cx={d.x} cy={d.y} r="3.5" />
              ) : (
                <rect
                  key={`${d.date}-${d.value}`}
                  class="chart-dot"
                  x={d.x - 3.5}
                  y={d.y - 3.5}
                  width="7"
                  height="7"
                />
              ),
            )}
          </g>
        ))}
      </svg>
      <figcaption class="small">
        {series.length > 1 && (
          <span class="chart-key">
            {series.map((s, i) => (
              <span key={s.label} class={`chart-key-item chart-key-${i}`}>
                <span class="chart-key-swatch" aria-hidden="true" />
                {s.label}
              </span>
            ))}
          </span>
        )}
        {summary}
      </figcaption>
      {children}
    </figure>
  );
}
