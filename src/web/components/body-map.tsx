// Where the pain is: a picture of the body seen from behind, with the areas of the intake, beside checkboxes
// that carry the same answers for keyboards and screen readers.
import { PAIN_AREAS, type PainArea } from '../../engine/intake-values.js';
import { CheckGroup } from './choice.js';

export const PAIN_AREA_LABELS: Record<PainArea, string> = {
  'lower-back': 'Lower back',
  buttock: 'Buttock',
  'back-of-thigh': 'Back of the thigh',
  'below-knee': 'Below the knee (calf or shin)',
  foot: 'Foot',
};

type Side = 'left' | 'right';

/** The areas as shapes in a 200 × 400 picture; the person's left is on the picture's left (seen from behind). */
function shapes(area: PainArea, side: Side): string {
  const x = side === 'left' ? 0 : 1;
  const leg = (left: number) => (x === 0 ? left : 200 - left - 28);
  switch (area) {
    case 'lower-back':
      return side === 'left' ? 'M72 128 H100 V172 H70 Z' : 'M100 128 H128 V172 H100 Z';
    case 'buttock':
      return side === 'left'
        ? 'M70 172 H100 V214 H72 Q66 194 70 172 Z'
        : 'M100 172 H130 Q134 194 128 214 H100 Z';
    case 'back-of-thigh':
      return `M${leg(72)} 214 h28 l-2 86 h-24 Z`;
    case 'below-knee':
      return `M${leg(74)} 300 h24 l-3 70 h-18 Z`;
    case 'foot':
      return `M${leg(77)} 370 h18 l2 22 h-22 Z`;
  }
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
  const sides: Side[] =
    legSide === 'left' ? ['left'] : legSide === 'right' ? ['right'] : ['left', 'right'];
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
          viewBox="0 0 200 400"
          width="160"
          height="320"
          aria-hidden="true"
          focusable="false"
        >
          <g fill="none" stroke="currentColor" stroke-width="2">
            <circle cx="100" cy="30" r="18" />
            <path d="M92 48 V56 M108 48 V56" />
            <path d="M66 58 H134 L130 128 H70 Z" />
            <path d="M66 60 L48 150 L44 200 M134 60 L152 150 L156 200" />
          </g>
          {PAIN_AREAS.map((area) =>
            (['left', 'right'] as const).map((side) => {
              const on = values.includes(area) && (area === 'lower-back' || sides.includes(side));
              return (
                <path
                  key={`${area}-${side}`}
                  d={shapes(area, side)}
                  class={on ? 'area area-on' : 'area'}
                  data-area={area}
                  onClick={() => {
                    toggle(area);
                  }}
                />
              );
            }),
          )}
          <text x="100" y="398" text-anchor="middle" font-size="11" fill="currentColor">
            seen from behind
          </text>
          <text x="30" y="250" text-anchor="middle" font-size="11" fill="currentColor">
            left
          </text>
          <text x="170" y="250" text-anchor="middle" font-size="11" fill="currentColor">
            right
          </text>
        </svg>
      </CheckGroup>
    </div>
  );
}
