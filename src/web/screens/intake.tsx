// The questions, one topic a step: warning signs first, each answered Yes or No; an emergency answer stops
// the questions and says what to do now. The answers are assessed by the same engine the server runs.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { BodyMap } from '../components/body-map.js';
import { CheckGroup, RadioGroup, YesNo } from '../components/choice.js';
import { FailureNotice, ScreenTitle } from '../components/common.js';
import { PainScale } from '../components/pain-scale.js';
import { formatDate } from '../format-date.js';
import type { Failure } from '../data/types.js';
import { kvGet } from '../data/idb.js';
import { DEVICE_STORE_KEY } from '../data/device.js';
import { localToday } from '../hooks.js';
import { navigate } from '../router.js';
import type { IntakeInput } from '../../engine/intake.js';
import { START_BACK_Q9 } from '../../engine/intake-values.js';
import type { Question } from '../../engine/questions.js';
import { KEELE_NOTICE, START_BACK_ITEMS } from '../../engine/start-back.js';
import type { WarningNow } from '../../engine/warning-now.js';
import {
  EMPTY_DRAFT,
  STEP_IDS,
  START_BACK_KEYS,
  advance,
  askedQuestions,
  buildAnswers,
  controlName,
  repeatDraft,
  withDefaults,
  stoppedCheckin,
  warningCutoff,
  warningReasons,
  warningThrough,
  errorQuestionText,
  firstIncompleteStep,
  numberError,
  orderedErrors,
  placeProblems,
  problemsInWords,
  restoreSaved,
  stepTitle,
  withAnswer,
  withoutErrors,
  type AnswerValue,
  type Draft,
  type ErrorKey,
  type FieldErrors,
  type QuestionField,
  type SavedIntake,
  type StartBackKey,
} from './intake-steps.js';
import { LevelPanel } from './result-panel.js';
import { adviceParts } from './result-view.js';
import { EXTRA_HINTS, STEP_INTROS } from './intake-copy.js';
import type { SelfTestHowTo as SelfTestHowToView } from './intake-how-to.js';
import './intake.css';

const STORAGE_KEY = 'backchain:intake-draft';

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
function loadHowTo(): Promise<HowToModule> {
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

/** The draft while the app is open, so leaving the questions for another screen loses nothing. */
let kept: SavedIntake | null = null;

function loadSaved(): SavedIntake | null {
  if (kept) return kept;
  try {
    const text = window.sessionStorage.getItem(STORAGE_KEY);
    const restored = text ? restoreSaved(JSON.parse(text)) : null;
    if (restored) return restored;
  } catch {
    // Storage may be unavailable (a private window) or hold something unreadable: start afresh.
  }
  return null;
}

function keep(saved: SavedIntake | null): void {
  kept = saved;
  try {
    if (saved) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Kept in memory only.
  }
}

/** Puts focus on an answer's control: the chosen (or first) option of a group, or the input. */
function focusControl(key: ErrorKey): void {
  const el = document.getElementById(`q-${controlName(key)}`);
  if (!el) return;
  if (el instanceof HTMLFieldSetElement) {
    const input =
      el.querySelector<HTMLInputElement>('input:checked') ??
      el.querySelector<HTMLInputElement>('input');
    input?.focus();
    return;
  }
  el.focus();
}

const UNITS: Partial<Record<QuestionField, string>> = {
  age: 'years',
  durationDays: 'days',
  slrAngle: 'degrees',
  sittingHours: 'hours a day',
};

const Q9_LABELS: Record<(typeof START_BACK_Q9)[number], string> = {
  'not-at-all': 'Not at all',
  slightly: 'Slightly',
  moderately: 'Moderately',
  'very-much': 'Very much',
  extremely: 'Extremely',
};

/** Asking, or stopped by a warning (stored as given: `saved` says how that went). */
type Mode =
  | { kind: 'asking' }
  | {
      kind: 'stopped';
      warning: WarningNow;
      step: number;
      saved: 'saving' | 'saved' | 'queued' | Failure;
    };

export default function Intake() {
  const app = useApp();
  const { repo } = app;
  const [resumed] = useState(loadSaved);
  const [saved, setSaved] = useState<SavedIntake>(() => resumed ?? { step: 0, draft: EMPTY_DRAFT });
  const { step, draft } = saved;
  /** On a repeat intake, when the last answers were filled in (everything but the warning signs). */
  const [prefilledFrom, setPrefilledFrom] = useState<string | null>(null);

  // A repeat intake starts from the last answers, except the warning signs and what can change daily.
  useEffect(() => {
    if (resumed) return;
    let live = true;
    // On a device with nothing saved there is nothing to fill in: the engine is not loaded for it.
    const last =
      repo.mode === 'device'
        ? kvGet(DEVICE_STORE_KEY).then((saved) => (saved == null ? null : repo.latestAssessment()))
        : repo.latestAssessment();
    void last.then(
      (last) => {
        if (!live || !last) return;
        const today = localToday();
        const from = last.createdAt.slice(0, 10);
        setSaved((s) => ({
          ...s,
          draft: withDefaults(s.draft, repeatDraft(last.answers, from, today)),
        }));
        setPrefilledFrom(last.createdAt);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [repo]);
  const [mode, setMode] = useState<Mode>({ kind: 'asking' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [showSummary, setShowSummary] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  /** What to focus after the next render: a step heading, the screen title or an answer. */
  const focusNext = useRef<'step' | 'title' | ErrorKey | null>(null);

  useEffect(() => {
    keep(saved);
  }, [saved]);

  // Past the warning signs, start loading the self-tests' pictures before their step is reached.
  useEffect(() => {
    if (step > 0) void loadHowTo().catch(() => undefined);
  }, [step]);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target === 'step') document.getElementById('step-title')?.focus();
    else if (target === 'title') document.getElementById('screen-title')?.focus();
    else if (target) focusControl(target);
  });

  const update = (change: (d: Draft) => Draft, cleared: readonly ErrorKey[]) => {
    setSaved((s) => ({ ...s, draft: change(s.draft) }));
    if (cleared.some((k) => errors[k] !== undefined)) {
      setErrors((e) => withoutErrors(e, cleared));
    }
  };

  /**
   * The questions stop at the answer that makes an emergency or urgent rule certain: the warning is
   * stored at once as a check-in with the answers so far (nothing else is needed, so a repeat intake
   * pauses the old programme too), and its advice fills the screen.
   */
  const stop = (warning: WarningNow, at: number, stopped: Draft) => {
    setMode({ kind: 'stopped', warning, step: at, saved: 'saving' });
    setErrors({});
    setShowSummary(false);
    focusNext.current = 'title';
    void (async () => {
      const outcome = await repo.checkin(
        { date: localToday(), ...stoppedCheckin(stopped) },
        { level: warning.level, reasons: warning.reasons, advice: warning.advice },
      );
      setMode((m) =>
        m.kind === 'stopped'
          ? {
              ...m,
              saved: outcome.ok ? (outcome.value.queued ? 'queued' : 'saved') : outcome.error,
            }
          : m,
      );
      app.changed();
    })();
  };

  /** An answer changed; `decided` false while a slider is still moving (nothing is decided on it then). */
  const setValue = (field: QuestionField, value: AnswerValue | undefined, decided = true) => {
    // Pain areas and the leg side are checked against each other, so a change to either clears both.
    const cleared: ErrorKey[] =
      field === 'painAreas' || field === 'legSide' ? ['painAreas', 'legSide'] : [field];
    const next: Draft = { ...draft, values: withAnswer(draft.values, field, value) };
    update(() => next, cleared);
    if (!decided || mode.kind !== 'asking') return;
    if (warningCutoff(step, next) !== null) {
      const warning = warningThrough(next, step);
      if (warning) stop(warning, step, next);
    }
  };

  const setFieldError = (field: QuestionField, message: string | undefined) => {
    setErrors((e) =>
      message === undefined ? withoutErrors(e, [field]) : { ...e, [field]: message },
    );
  };

  const goTo = (next: number) => {
    setSaved((s) => ({ ...s, step: next }));
    setErrors({});
    setShowSummary(false);
    setFailure(null);
    focusNext.current = 'step';
  };

  const refuse = (found: FieldErrors) => {
    setErrors(found);
    setShowSummary(true);
    focusNext.current = orderedErrors(found)[0]?.key ?? null;
  };

  const submit = async (answers: IntakeInput) => {
    setSubmitting(true);
    setFailure(null);
    const outcome = await repo.assess(answers);
    setSubmitting(false);
    if (outcome.ok) {
      keep(null);
      app.changed();
      navigate('result');
      return;
    }
    const error = outcome.error;
    if (error.kind !== 'invalid') {
      setFailure(error);
      return;
    }
    const placed = placeProblems(error.problems);
    setFailure({ ...error, problems: problemsInWords(error.problems) });
    setErrors(placed.errors);
    if (mode.kind === 'asking' && placed.firstStep !== null && placed.firstStep !== step) {
      setSaved((s) => ({ ...s, step: placed.firstStep ?? s.step }));
    }
    focusNext.current = orderedErrors(placed.errors)[0]?.key ?? 'title';
  };

  const onNext = () => {
    const next = advance(step, draft);
    switch (next.kind) {
      case 'errors':
        refuse(next.errors);
        return;
      case 'step':
        goTo(next.step);
        return;
      case 'stop':
        stop(next.warning, step, draft);
        return;
      case 'submit': {
        const incomplete = firstIncompleteStep(draft);
        if (incomplete) {
          if (incomplete.step !== step) setSaved((s) => ({ ...s, step: incomplete.step }));
          refuse(incomplete.errors);
          return;
        }
        void submit(buildAnswers(draft));
        return;
      }
    }
  };

  const onBack = () => {
    if (step > 0) goTo(step - 1);
  };

  // Where a warning stops this step: asked of the rule table once per change of answers, not per render.
  const cutoff = useMemo(() => warningCutoff(step, draft), [step, draft]);

  if (mode.kind === 'stopped') {
    return (
      <WarningStop
        mode={mode}
        draft={draft}
        onBack={() => {
          setMode({ kind: 'asking' });
          setSaved((s) => ({ ...s, step: mode.step }));
          setErrors({});
          setFailure(null);
          focusNext.current = 'step';
        }}
      />
    );
  }

  const id = STEP_IDS[step] ?? 'warning-signs';
  const total = STEP_IDS.length;
  const last = step === total - 1;
  const asked = askedQuestions(id, draft.values);
  const shown = cutoff === null ? asked : asked.slice(0, cutoff + 1);

  return (
    <section aria-labelledby="screen-title" class="intake">
      <ScreenTitle>Questions about your back pain</ScreenTitle>
      {step === 0 && (
        <p class="lead">
          About five minutes.{' '}
          {repo.mode === 'account'
            ? 'Your answers are saved to your account when you finish.'
            : 'Your answers stay on this device.'}
        </p>
      )}
      {prefilledFrom && step > 0 && (
        <p class="prefilled-note">
          We filled in your answers from {formatDate(prefilledFrom)}. Check each one, and change
          what is different now.
        </p>
      )}
      {prefilledFrom && step === 0 && (
        <p class="prefilled-note">
          Your other answers from {formatDate(prefilledFrom)} are filled in for you. The warning
          signs always start blank, so please answer each one again.
        </p>
      )}
      <div class="step-progress">
        <div class="progress-bar" aria-hidden="true">
          <span style={{ width: `${String(Math.round(((step + 1) / total) * 100))}%` }} />
        </div>
      </div>
      <form
        noValidate
        aria-labelledby="step-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (!submitting) onNext();
        }}
      >
        <h2 id="step-title" tabIndex={-1} class="step-title">
          <span class="step-count">
            Step {step + 1} of {total}
          </span>{' '}
          {stepTitle(id)}
        </h2>
        {STEP_INTROS[id] && <p class="step-intro">{STEP_INTROS[id]}</p>}
        {showSummary && Object.keys(errors).length > 0 && <ErrorSummary errors={errors} />}
        {failure && <FailureNotice failure={failure} />}

        {id === 'start-back' ? (
          <StartBackStep draft={draft} errors={errors} update={update} />
        ) : (
          shown.map((q) => (
            <QuestionControl
              key={q.field}
              q={q}
              draft={draft}
              error={errors[q.field]}
              setValue={setValue}
              setError={(message) => {
                setFieldError(q.field, message);
              }}
            />
          ))
        )}

        {cutoff !== null && (
          <div class="notice notice-danger emergency-stop" role="alert">
            <p class="notice-title">This answer needs a doctor now</p>
            <p>There is no need to answer any more questions. See what to do now.</p>
            <button type="submit" class="primary danger-fill" disabled={submitting}>
              See what to do now
            </button>
          </div>
        )}

        <div class="actions step-actions">
          {step > 0 && (
            <button type="button" onClick={onBack} disabled={submitting}>
              Back
            </button>
          )}
          {cutoff === null && (
            <button type="submit" class="primary" disabled={submitting}>
              {last ? 'See my result' : 'Next'}
            </button>
          )}
        </div>
        <p role="status" class="muted">
          {submitting ? 'Working out your result…' : ''}
        </p>
      </form>
    </section>
  );
}

function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const list = orderedErrors(errors);
  return (
    <div class="notice notice-danger error-summary" role="alert">
      <p class="notice-title">
        {list.length === 1
          ? 'One answer needs another look before you go on'
          : `${String(list.length)} answers need another look before you go on`}
      </p>
      <ul>
        {list.map((e) => (
          <li key={e.key}>
            <a
              href={`#q-${controlName(e.key)}`}
              onClick={(event) => {
                event.preventDefault();
                focusControl(e.key);
              }}
            >
              {errorQuestionText(e.key)}
            </a>{' '}
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function QuestionControl({
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

function StartBackStep({
  draft,
  errors,
  update,
}: {
  draft: Draft;
  errors: FieldErrors;
  update: (change: (d: Draft) => Draft, cleared: readonly ErrorKey[]) => void;
}) {
  const setItem = (key: StartBackKey, value: boolean | string) => {
    update((d) => ({ ...d, startBack: { ...d.startBack, [key]: value } }), [`startBack.${key}`]);
  };
  return (
    <>
      <p class="small muted keele-notice">{KEELE_NOTICE}</p>
      <RadioGroup
        name="wantsStartBack"
        legend="Would you like to answer nine more short questions about how the pain affects you?"
        hint="They are optional. Your result and programme do not need them."
        options={[
          { value: 'yes', label: 'Yes, answer them' },
          { value: 'no', label: 'No, skip them' },
        ]}
        value={draft.wantsStartBack === undefined ? undefined : draft.wantsStartBack ? 'yes' : 'no'}
        onChange={(v) => {
          update((d) => ({ ...d, wantsStartBack: v === 'yes' }), ['wantsStartBack']);
        }}
        error={errors.wantsStartBack}
      />
      {draft.wantsStartBack === true && (
        <>
          <p>Thinking about the last 2 weeks, choose your answer to each statement.</p>
          {START_BACK_KEYS.filter((k) => k !== 'q9').map((key, i) => {
            const v = draft.startBack[key];
            return (
              <RadioGroup
                key={key}
                name={`startBack-${key}`}
                legend={`${String(i + 1)}. ${START_BACK_ITEMS[key]}`}
                options={[
                  { value: 'agree', label: 'Agree' },
                  { value: 'disagree', label: 'Disagree' },
                ]}
                value={typeof v === 'boolean' ? (v ? 'agree' : 'disagree') : undefined}
                onChange={(answer) => {
                  setItem(key, answer === 'agree');
                }}
                error={errors[`startBack.${key}`]}
                inline
              />
            );
          })}
          <RadioGroup
            name="startBack-q9"
            legend={`9. ${START_BACK_ITEMS.q9}`}
            options={START_BACK_Q9.map((value) => ({ value, label: Q9_LABELS[value] }))}
            value={typeof draft.startBack.q9 === 'string' ? draft.startBack.q9 : undefined}
            onChange={(answer) => {
              setItem('q9', answer);
            }}
            error={errors['startBack.q9']}
          />
        </>
      )}
    </>
  );
}

/**
 * The questions stopped by a warning: what to do now fills the screen, and the answer is already being
 * stored (no more questions are needed for that). Until the questions are answered again, Home, the
 * programme and the session lead with this advice and offer no session.
 */
function WarningStop({
  mode,
  draft,
  onBack,
}: {
  mode: Extract<Mode, { kind: 'stopped' }>;
  draft: Draft;
  onBack: () => void;
}) {
  const { warning, saved } = mode;
  const reasons = warningReasons(
    warning.reasons.map((r) => r.code),
    draft.values,
  );
  return (
    <LevelPanel
      level={warning.level}
      parts={adviceParts(warning.level, warning.gate)}
      reasons={reasons}
    >
      {warning.level === 'emergency' ? (
        <p>Go now. Nothing else on this screen needs doing first.</p>
      ) : (
        <p>Do not start the exercises until you have been seen.</p>
      )}
      <p role="status">
        {saved === 'saving'
          ? 'Saving your answer…'
          : saved === 'saved'
            ? 'Your answer is saved. Backchain will not offer you exercises until you answer the questions again.'
            : saved === 'queued'
              ? 'Your answer is saved on this device and will be sent when you are back online.'
              : ''}
      </p>
      {typeof saved === 'object' && <FailureNotice failure={saved} />}
      <div class="actions">
        <button type="button" onClick={onBack}>
          Back to the questions
        </button>
      </div>
      <p class="small">
        Answered a question by mistake? Go back, change it and finish the questions: a new result
        replaces this one.
      </p>
    </LevelPanel>
  );
}
