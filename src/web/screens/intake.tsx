// The questions, one topic a step: warning signs first, each answered Yes or No; an emergency answer stops
// the questions and says what to do now. The answers are assessed by the same engine the server runs.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { FailureNotice, ScreenTitle } from '../components/common.js';
import { formatDate } from '../format-date.js';
import type { Failure } from '../data/types.js';
import { kvGet } from '../data/idb.js';
import { DEVICE_STORE_KEY } from '../data/device.js';
import { localToday } from '../hooks.js';
import { navigate } from '../router.js';
import type { IntakeInput } from '../../engine/intake.js';
import type { WarningNow } from '../../engine/warning-now.js';
import {
  EMPTY_DRAFT,
  STEP_IDS,
  advance,
  askedQuestions,
  buildAnswers,
  repeatDraft,
  withDefaults,
  stoppedCheckin,
  warningCutoff,
  warningThrough,
  firstIncompleteStep,
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
} from './intake-steps.js';
import { STEP_INTROS } from './intake-copy.js';
import { handOverAssessment } from './just-assessed.js';
import { loadHowTo, QuestionControl } from './intake-question.js';
import { focusControl, ErrorSummary } from './intake-errors.js';
import { StartBackStep } from './intake-start-back.js';
import { type Mode, WarningStop } from './intake-warning-stop.js';
import './intake.css';

const STORAGE_KEY = 'backchain:intake-draft';

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
      // The result screen shows this very assessment, without asking for it again.
      handOverAssessment(repo.mode, outcome.value);
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
