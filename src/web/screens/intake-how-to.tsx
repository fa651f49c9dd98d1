// The how-to pictures and steps of the two self-tests (toe touch, straight-leg raise), loaded after the
// first question shows: they carry the figure model and its drawing, which the warning signs do not need.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ExerciseFigure } from '../components/figure.js';
import { useReducedMotion } from '../hooks.js';
// Only the sources, not the whole knowledge base (src/web/kb.ts): the intake loads without it (issue 11).
import { sources } from '../../kb/sources.js';
import type { Keyframe } from '../../kb/types.js';
import { SLR_HOW_TO, TOE_TOUCH_HOW_TO } from './intake-copy.js';
import { slrTestKeyframes, toeTouchKeyframes } from './intake-figures.js';
import type { QuestionField } from './intake-steps.js';

/** The how-to pictures and steps for the two self-tests, inside their questions. */
export function SelfTestHowTo({ field }: { field: QuestionField }) {
  if (field === 'toeTouch') {
    return (
      <HowTo
        name="toe touch"
        figure={
          <Figure
            words="toe-touch"
            keyframes={toeTouchKeyframes()}
            title="Standing with straight knees, bending forward and reaching down towards the toes"
          />
        }
        steps={TOE_TOUCH_HOW_TO}
      />
    );
  }
  if (field === 'slrTest') {
    const source = sources.find((s) => s.id === 'nice-cks-sciatica');
    return (
      <HowTo
        name="straight-leg raise"
        figure={
          <Figure
            words="leg-raise"
            keyframes={slrTestKeyframes()}
            title="Lying on the back, one leg lifted slowly with the knee kept straight while the other stays flat"
          />
        }
        steps={SLR_HOW_TO}
        note={
          source
            ? `Why we ask: pain below the knee on this test points to an irritated nerve rather than a tight muscle. Source: ${source.title}.`
            : undefined
        }
      />
    );
  }
  return null;
}

function HowTo({
  name,
  figure,
  steps,
  note,
}: {
  name: string;
  figure: ComponentChildren;
  steps: readonly string[];
  note?: string | undefined;
}) {
  return (
    <div class="how-to">
      {figure}
      <p class="how-to-title">How to do the {name}:</p>
      <ol class="steps">
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {note && <p class="small muted">{note}</p>}
    </div>
  );
}

/** An animated self-test picture with a button to hold it still. */
function Figure({
  words,
  keyframes,
  title,
}: {
  words: string;
  keyframes: readonly Keyframe[];
  title: string;
}) {
  const [playing, setPlaying] = useState(true);
  // With reduced motion the figure shows still key poses, so there is nothing to pause.
  const reduced = useReducedMotion();
  return (
    <div class="how-to-figure">
      <ExerciseFigure
        keyframes={keyframes}
        title={title}
        playing={playing}
        width={260}
        height={170}
      />
      {!reduced && (
        <button
          type="button"
          class="figure-toggle"
          aria-pressed={!playing}
          onClick={() => {
            setPlaying((p) => !p);
          }}
        >
          {playing ? `Pause the ${words} picture` : `Play the ${words} picture`}
        </button>
      )}
    </div>
  );
}
