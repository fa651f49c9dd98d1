// One question of the intake as its control (yes or no, a choice, several, the body map, a number, the pain
// scale), with a self-test's how-to loaded once it is wanted.
import { useEffect, useState } from 'preact/hooks';
import { BodyMap } from '../components/body-map.js';
import { CheckGroup, RadioGroup, YesNo } from '../components/choice.js';
import { PainScale } from '../components/pain-scale.js';
import type { Question } from '../../engine/questions.js';
import { numberError, type AnswerValue, type Draft, type QuestionField } from './intake-steps.js';
import { EXTRA_HINTS } from './intake-copy.js';
import type { SelfTestHowTo as SelfTestHowToView } from './intake-how-to.js';

/** The lazily loaded part of the screen (a type-only import, so it stays out of this chunk). */
interface HowToModule {
  SelfTestHowTo: typeof SelfTestHowToView;
}
let howToLoading: Promise<HowToModule> | null = null;
let howToLoaded: HowToModule | null = null;

/**
 * The self-tests' pictures (the figure model and its drawing) load once the person is past the warning
 * signs, so the first question shows without them; nothing that decides "stop now" is in that chunk.
 */
export function loadHowTo(): Promise<HowToModule> {
  howToLoading ??= import('./intake-how-to.js').then(
    (m) => {
      howToLoaded = m;
      return m;
    },
    (err: unknown) => {
      // Offline before the chunk was cached: try again next time; the question works without it.
      howToLoading = null;
      throw err;
    },
  );
  return howToLoading;
}

/** The how-to of a self-test question, shown as soon as its chunk has loaded (nothing before). */
function SelfTestHowTo({ field }: { field: QuestionField }) {
  const [mod, setMod] = useState<HowToModule | null>(howToLoaded);
  const wanted = field === 'toeTouch' || field === 'slrTest';
  useEffect(() => {
    if (mod || !wanted) return;
    let live = true;
    loadHowTo().then(
      (m) => {
        if (live) setMod(m);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [mod, wanted]);
  return mod && wanted ? <mod.SelfTestHowTo field={field} /> : null;
}
const UNITS: Partial<Record<QuestionField, string>> = {
  age: 'years',
  durationDays: 'days',
  slrAngle: 'degrees',
  sittingHours: 'hours a day',
};
export function QuestionControl({
  q,
  draft,
  error,
  setValue,
  setError,
}: {
  q: Question;
  draft: Draft;
  error: string | undefined;
  setValue: (field: QuestionField, value: AnswerValue | undefined, decided?: boolean) => void;
  setError: (message: string | undefined) => void;
}) {
  const value = draft.values[q.field];
  const hint = [q.help, EXTRA_HINTS[q.field]].filter(Boolean).join(' ') || undefined;
  const hintProp = hint ? { hint } : {};
  switch (q.kind) {
    case 'yes-no':
      return (
        <YesNo
          name={q.field}
          legend={q.text}
          {...hintProp}
          value={typeof value === 'boolean' ? value : undefined}
          onChange={(v) => {
            setValue(q.field, v);
          }}
          error={error}
        />
      );
    case 'choice':
      return (
        <RadioGroup
          name={q.field}
          legend={q.text}
          {...hintProp}
          options={q.options ?? []}
          value={typeof value === 'string' ? value : undefined}
          onChange={(v) => {
            setValue(q.field, v);
          }}
          error={error}
        >
          <SelfTestHowTo field={q.field} />
        </RadioGroup>
      );
    case 'multi': {
      const values = Array.isArray(value) ? value : [];
      const onChange = (v: string[]) => {
        setValue(q.field, v);
      };
      if (q.field === 'painAreas') {
        const side = draft.values.legSide;
        return (
          <BodyMap
            name={q.field}
            legend={q.text}
            {...hintProp}
            values={values}
            legSide={typeof side === 'string' ? side : undefined}
            onChange={onChange}
            error={error}
          />
        );
      }
      return (
        <CheckGroup
          name={q.field}
          legend={q.text}
          {...hintProp}
          options={q.options ?? []}
          values={values}
          onChange={onChange}
          error={error}
        />
      );
    }
    case 'integer':
    case 'number': {
      const text = typeof value === 'string' ? value : '';
      if (q.field === 'painNow') {
        return (
          <PainSlider
            q={q}
            text={text}
            error={error}
            onPreview={(v) => {
              setValue(q.field, v, false);
            }}
            onChange={(v) => {
              setValue(q.field, v);
            }}
          />
        );
      }
      return (
        <NumberField
          q={q}
          text={text}
          hint={hint}
          error={error}
          onChange={(v) => {
            // Typing is not yet an answer: a warning is decided when the person leaves the field or presses Next.
            setValue(q.field, v === '' ? undefined : v, false);
            // Once a message is showing, it follows the typing, so it goes as soon as the answer is fixed.
            if (error !== undefined) setError(numberError(q, v));
          }}
          onBlur={(v) => {
            setError(numberError(q, v));
            setValue(q.field, v === '' ? undefined : v);
          }}
        />
      );
    }
  }
}

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

function NumberField({
  q,
  text,
  hint,
  error,
  onChange,
  onBlur,
}: {
  q: Question;
  text: string;
  hint: string | undefined;
  error: string | undefined;
  onChange: (text: string) => void;
  onBlur: (text: string) => void;
}) {
  const id = `q-${q.field}`;
  const unit = UNITS[q.field];
  return (
    <div class="question number-question">
      <label class="field" for={id}>
        {q.text}
        {!q.required && <span class="muted"> (optional)</span>}
      </label>
      {hint && (
        <p class="hint" id={`${q.field}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${q.field}-error`}>
          {error}
        </p>
      )}
      <div class="number-row">
        <input
          id={id}
          type="text"
          inputMode={q.kind === 'integer' ? 'numeric' : 'decimal'}
          autoComplete="off"
          size={6}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(
            hint && `${q.field}-hint`,
            error && `${q.field}-error`,
            unit && `${q.field}-unit`,
          )}
          onInput={(event) => {
            onChange(event.currentTarget.value);
          }}
          onBlur={(event) => {
            onBlur(event.currentTarget.value);
          }}
        />
        {unit && (
          <span class="unit" id={`${q.field}-unit`}>
            {unit}
          </span>
        )}
      </div>
    </div>
  );
}

/** Pain now, 0 to 10: nothing counts as chosen until the person moves or presses the scale. */
function PainSlider({
  q,
  text,
  error,
  onPreview,
  onChange,
}: {
  q: Question;
  text: string;
  error: string | undefined;
  onPreview: (text: string) => void;
  onChange: (text: string) => void;
}) {
  return (
    <PainScale
      inputId={`q-${q.field}`}
      label={q.text}
      value={text === '' ? null : Number(text)}
      error={error}
      onPreview={(v) => {
        onPreview(String(v));
      }}
      onChange={(v) => {
        onChange(String(v));
      }}
    />
  );
}
