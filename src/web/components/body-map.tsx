// Where the pain is: the same body as the exercise pictures, seen from behind, with the areas of the intake
// over it, beside checkboxes that carry the same answers for keyboards and screen readers.
import { PAIN_AREAS, type PainArea } from '../../engine/intake-values.js';
import { bodyMapDrawing } from '../../figure/svg.js';
import { CheckGroup } from './choice.js';
import './body-map.css';

export const PAIN_AREA_LABELS: Record<PainArea, string> = {
  'lower-back': 'Lower back',
  buttock: 'Buttock',
  'back-of-thigh': 'Back of the thigh',
  'below-knee': 'Below the knee (calf or shin)',
  foot: 'Foot',
};

const DRAWING_WIDTH = 170;
const DRAWING_HEIGHT = 380;
/** Drawn once: the same body as the exercise pictures, from behind, with the pain areas over it. */
let drawing: ReturnType<typeof bodyMapDrawing> | null = null;
function theDrawing(): ReturnType<typeof bodyMapDrawing> {
  drawing ??= bodyMapDrawing(DRAWING_WIDTH, DRAWING_HEIGHT);
  return drawing;
}

export function BodyMap({
  name,
  legend,
  hint,
  values,
  legSide,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  hint?: string;
  values: readonly string[];
  /** Which leg to shade for the leg areas; both when not known. */
  legSide?: string | undefined;
  onChange: (values: string[]) => void;
  error?: string | undefined;
}) {
  const sides = legSide === 'left' ? ['left'] : legSide === 'right' ? ['right'] : ['left', 'right'];
  const { body, regions } = theDrawing();
  const toggle = (area: PainArea) => {
    const next = values.includes(area) ? values.filter((v) => v !== area) : [...values, area];
    onChange(PAIN_AREAS.filter((a) => next.includes(a)));
  };
  return (
    <div class="body-map">
      <CheckGroup
        name={name}
        legend={legend}
        {...(hint ? { hint } : {})}
        options={PAIN_AREAS.map((a) => ({ value: a, label: PAIN_AREA_LABELS[a] }))}
        values={values}
        onChange={onChange}
        error={error}
      >
        <svg
          class="body-map-picture"
          viewBox={`0 0 ${String(DRAWING_WIDTH)} ${String(DRAWING_HEIGHT)}`}
          width={DRAWING_WIDTH}
          height={DRAWING_HEIGHT}
          aria-hidden="true"
          focusable="false"
        >
          <g
            class="body-map-body"
            stroke="#123f4c"
            stroke-width="1.2"
            // Our own renderer's markup: numbers and fixed names only.
            dangerouslySetInnerHTML={{ __html: body }}
          />
          {regions.map((r) => {
            const on = values.includes(r.area) && (r.side === 'middle' || sides.includes(r.side));
            return (
              <path
                key={`${r.area}-${r.side}`}
                d={r.d}
                class={on ? 'area area-on' : 'area'}
                data-area={r.area}
                onClick={() => {
                  toggle(r.area);
                }}
              />
            );
          })}
          <text x="8" y="14" class="body-map-label">
            left
          </text>
          <text x={DRAWING_WIDTH - 8} y="14" text-anchor="end" class="body-map-label">
            right
          </text>
        </svg>
        <p class="body-map-caption small muted">Seen from behind: your left is on the left.</p>
      </CheckGroup>
    </div>
  );
}
