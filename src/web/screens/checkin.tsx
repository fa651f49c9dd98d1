// The daily check-in: the warning signs first (a warning stops it at the answer that makes it certain, is
// stored as given and shown at once), then pain now, where it reaches, and the day's sitting and walking.
import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { checkinTriage, type CheckinTriage, type WarningSignField } from '../../engine/checkin.js';
import { WARNING_RULES } from '../../engine/triage.js';
import { useApp } from '../app-context.js';
import { BodyMap } from '../components/body-map.js';
import { RadioGroup, YesNo } from '../components/choice.js';
import { FailureNotice, Load, Notice, ScreenTitle } from '../components/common.js';
import { WarningPanel } from '../components/level-panel.js';
import type { AssessmentView, CheckinView, Failure } from '../data/types.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';
import {
  ADVICE_HEADINGS,
  CHECKIN_KB,
  EMPTY_DRAFT,
  LEG_SIDE_OPTIONS,
  checkinOutcome,
  engineDraft,
  errorsFromProblems,
  orderedErrors,
  sideAsked,
  stopNow,
  stoppedSubmission,
  summaryItems,
  validateCheckin,
  warningQuestions,
  type CheckinDraft,
  type CheckinField,
  type CheckinOutcome,
  type FieldErrors,
} from './checkin-form.js';
import './checkin.css';
import { TextField } from '../components/text-field.js';
import { PainScale, painScaleWords } from '../components/pain-scale.js';

interface Loaded {
  assessment: AssessmentView | null;
  checkedInToday: boolean;
}

export default function Checkin() {
  const { repo, online, account } = useApp();
  const state = useLoad<Loaded>(async () => {
    const [assessment, checkins] = await Promise.all([
      repo.latestAssessment(),
      repo.checkins().catch((): CheckinView[] => []),
    ]);
    const today = localToday();
    return { assessment, checkedInToday: checkins.some((c) => c.date === today) };
    // Keyed on where the data lives, not on the repository object: the app makes a new one after
    // every change, and reloading here would drop the answer just shown.
  }, [repo.mode, account?.id]);
  return (
    <Load state={state}>
      {(loaded) =>
        loaded.assessment ? (
          <CheckinForm assessment={loaded.assessment} checkedInToday={loaded.checkedInToday} />
        ) : (
          <>
            <ScreenTitle>Daily check-in</ScreenTitle>
            <NoAssessment online={online || repo.mode === 'device'} />
          </>
        )
      }
    </Load>
  );
}

function NoAssessment({ online }: { online: boolean }) {
  return (
    <Notice title="Answer the questions first">
      <p>
        {online
          ? 'A check-in compares today with your answers to the first questions, and there are none yet.'
          : 'Your first answers are not on this device yet, and you are offline. Connect to the internet and open this page again.'}
      </p>
      <p>
        <a class="button primary" href={href('intake')}>
          Start the questions
        </a>
      </p>
    </Notice>
  );
}

/** A check-in stopped by a warning: the advice, and how storing it went. */
interface Stopped {
  warning: CheckinTriage;
  saving: boolean;
  failure: Failure | null;
  queued: boolean;
  paused: boolean;
}

type Submitted =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'failed'; failure: Failure }
  | { status: 'no-assessment' }
  | { status: 'done'; outcome: CheckinOutcome; painNow: number };

function CheckinForm({
  assessment,
  checkedInToday,
}: {
  assessment: AssessmentView;
  checkedInToday: boolean;
}) {
  const app = useApp();
  const { repo, online } = app;
  const [draft, setDraft] = useState<CheckinDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [showSummary, setShowSummary] = useState(false);
  const [submitted, setSubmitted] = useState<Submitted>({ status: 'idle' });
  const [stopped, setStopped] = useState<Stopped | null>(null);
  const base = assessment.answers;
  const warningCodes = new Set<string>(WARNING_RULES.map((r) => r.code));
  const known = assessment.result.triage.reasons.filter((r) => warningCodes.has(r.code));

  /**
   * An answer was given: when it makes a new emergency or urgent warning certain, the check-in stops
   * here. The answers so far are stored at once (nothing else is needed) and the advice fills the screen.
   */
  const answered = (next: CheckinDraft) => {
    setDraft(next);
    const warning = stopNow(base, known, next);
    if (!warning) return;
    setStopped({ warning, saving: true, failure: null, queued: false, paused: false });
    void (async () => {
      const outcome = await repo.checkin(
        { date: localToday(), ...stoppedSubmission(next) },
        warning,
      );
      setStopped({
        warning: outcome.ok ? (outcome.value.triage ?? warning) : warning,
        saving: false,
        failure: outcome.ok ? null : outcome.error,
        queued: outcome.ok && outcome.value.queued === true,
        paused: outcome.ok && outcome.value.programmePaused,
      });
      app.changed();
    })();
  };
  const update = (change: Partial<CheckinDraft>) => {
    answered({ ...draft, ...change });
  };
  const setSign = (field: WarningSignField, value: boolean | string) => {
    answered({ ...draft, warningSigns: { ...draft.warningSigns, [field]: value } });
  };

  // Once the person has tried to send, each fixed answer clears its own problem as they go.
  useEffect(() => {
    if (!showSummary) return;
    const checked = validateCheckin(draft, base);
    setErrors((current) => {
      const next: FieldErrors = {};
      for (const { field } of orderedErrors(current)) {
        const still = checked.ok ? undefined : checked.errors[field];
        if (still !== undefined) next[field] = still;
      }
      return next;
    });
  }, [draft, showSummary]);

  const onSubmit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitted.status === 'saving') return;
    const checked = validateCheckin(draft, base);
    if (!checked.ok) {
      setErrors(checked.errors);
      setShowSummary(true);
      setSubmitted({ status: 'idle' });
      focusLater('checkin-problems');
      return;
    }
    setErrors({});
    setShowSummary(false);
    setSubmitted({ status: 'saving' });
    const answers = checked.value;
    const outcome = await repo.checkin({ date: localToday(), ...answers });
    if (!outcome.ok) {
      const failure = outcome.error;
      if (failure.kind === 'conflict' && failure.code === 'no-assessment') {
        setSubmitted({ status: 'no-assessment' });
      } else if (failure.kind === 'invalid') {
        const sorted = errorsFromProblems(failure.problems);
        setErrors(sorted.errors);
        setShowSummary(Object.keys(sorted.errors).length > 0);
        setSubmitted(
          sorted.other.length > 0
            ? { status: 'failed', failure: { ...failure, problems: sorted.other } }
            : { status: 'idle' },
        );
        focusLater('checkin-problems');
      } else {
        setSubmitted({ status: 'failed', failure });
        focusLater('checkin-failure');
      }
      return;
    }
    // Kept on the device to send later: the server has not triaged it, so the same rules run here.
    const local = outcome.value.queued ? checkinTriage(base, engineDraft(draft), CHECKIN_KB) : null;
    setSubmitted({
      status: 'done',
      outcome: checkinOutcome(outcome.value, local),
      painNow: answers.painNow ?? 0,
    });
    app.changed();
  };

  if (stopped) return <CheckinStopped stopped={stopped} />;
  if (submitted.status === 'done') {
    return <CheckinDone outcome={submitted.outcome} painNow={submitted.painNow} />;
  }
  const questions = warningQuestions(base, draft);

  const listed = summaryItems(errors);
  const saving = submitted.status === 'saving';
  return (
    <>
      <ScreenTitle>Daily check-in</ScreenTitle>
      <p class="lead">
        A few questions about how things have been since your last check-in. It takes about two
        minutes.
      </p>
      {checkedInToday && (
        <p class="muted">
          You have already checked in today. A new check-in replaces today’s pain on your progress
          chart.
        </p>
      )}
      {submitted.status === 'no-assessment' && <NoAssessment online />}
      {submitted.status === 'failed' && (
        <div id="checkin-failure" tabIndex={-1}>
          <FailureNotice failure={submitted.failure} />
        </div>
      )}
      <form class="checkin-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        {showSummary && listed.length > 0 && (
          <div
            class="notice notice-danger error-summary"
            role="alert"
            id="checkin-problems"
            tabIndex={-1}
          >
            <h2 class="notice-title">
              {Object.keys(errors).length === 1
                ? 'One answer needs another look'
                : `${Object.keys(errors).length} answers need another look`}
            </h2>
            <ul>
              {listed.map(({ field, label, message }) => (
                <li key={field}>
                  <a
                    href={`#q-${field}`}
                    onClick={(e) => {
                      e.preventDefault();
                      focusField(field);
                    }}
                  >
                    {label}
                  </a>
                  : {message}
                </li>
              ))}
            </ul>
          </div>
        )}

        <h2>Warning signs</h2>
        <p>
          These questions look for the rare problems that need a doctor quickly. Please answer every
          one, even if nothing has changed. Nothing is filled in for you. Your answers about your
          health history are kept from your first questions, so they are not asked again.
        </p>
        {questions.map((q) => {
          const value = draft.warningSigns[q.field];
          return q.options ? (
            <RadioGroup
              key={q.field}
              name={q.field}
              legend={q.text}
              {...(q.help ? { hint: q.help } : {})}
              options={q.options}
              value={typeof value === 'string' ? value : undefined}
              onChange={(v) => {
                setSign(q.field, v);
              }}
              error={errors[q.field]}
            />
          ) : (
            <YesNo
              key={q.field}
              name={q.field}
              legend={q.text}
              {...(q.help ? { hint: q.help } : {})}
              value={typeof value === 'boolean' ? value : undefined}
              onChange={(v) => {
                setSign(q.field, v);
              }}
              error={errors[q.field]}
            />
          );
        })}

        <h2>Your pain today</h2>
        <PainSlider
          value={draft.painNow}
          error={errors.painNow}
          onPreview={(painNow) => {
            setDraft((d) => ({ ...d, painNow }));
          }}
          onChange={(painNow) => {
            update({ painNow });
          }}
        />
        <BodyMap
          name="painAreas"
          legend="Where does the pain reach today? Choose every area."
          hint="Tick each place you feel it, or tap the picture."
          values={draft.painAreas}
          legSide={draft.legSide}
          onChange={(painAreas) => {
            update({ painAreas });
          }}
          error={errors.painAreas}
        />
        {sideAsked(draft) && (
          <RadioGroup
            name="legSide"
            legend="Which side are the buttock or leg symptoms on?"
            options={LEG_SIDE_OPTIONS}
            value={draft.legSide}
            onChange={(legSide) => {
              update({ legSide });
            }}
            error={errors.legSide}
          />
        )}

        <h2>Your day</h2>
        <p class="muted">Both are optional. A rough number is fine.</p>
        <TextField
          extraClass="number-field"
          field="sittingHours"
          label="Hours spent sitting today (optional)"
          hint="For example 6 or 7.5. Long spells of sitting often stiffen the backs of the thighs."
          inputMode="decimal"
          value={draft.sittingHours}
          error={errors.sittingHours}
          onChange={(sittingHours) => {
            update({ sittingHours });
          }}
        />
        <TextField
          extraClass="number-field"
          field="walkingBreaks"
          label="Walking breaks taken today (optional)"
          hint="How many times you got up and walked for a few minutes."
          inputMode="numeric"
          value={draft.walkingBreaks}
          error={errors.walkingBreaks}
          onChange={(walkingBreaks) => {
            update({ walkingBreaks });
          }}
        />
        {!online && repo.mode === 'account' && (
          <p class="muted">
            You are offline: the check-in is kept on this device and sent when you are back online.
          </p>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save check-in'}
          </button>
        </div>
        <p class="muted small" role="status">
          {saving ? 'Saving your check-in…' : ''}
        </p>
      </form>
    </>
  );
}

/** The 0 to 10 pain scale. It starts unchosen: a score is never assumed, as 8 or more changes the advice. */
function PainSlider({
  value,
  error,
  onPreview,
  onChange,
}: {
  value: number | null;
  error: string | undefined;
  onPreview: (value: number) => void;
  onChange: (value: number) => void;
}) {
  return (
    <PainScale
      inputId="painNow-input"
      wrapperId="q-painNow"
      label="Pain now"
      value={value}
      error={error}
      onPreview={onPreview}
      onChange={onChange}
    />
  );
}

function CheckinDone({ outcome, painNow }: { outcome: CheckinOutcome; painNow: number }) {
  // Before paint, so nothing can be read or pressed before focus has moved to the result.
  useLayoutEffect(() => {
    // The result is the most important thing on the screen now: take keyboard and screen-reader focus there.
    document
      .getElementById(outcome.kind === 'emergency' ? 'screen-title' : 'checkin-result')
      ?.focus();
    window.scrollTo(0, 0);
  }, [outcome.kind]);
  const queuedNote = outcome.queued ? (
    <p>
      <strong>Saved on this device; it will be sent when you are back online.</strong>
    </p>
  ) : null;

  if (outcome.kind === 'emergency') {
    // The one emergency panel every screen uses: the advice, the numbers that dial, and why.
    return (
      <WarningPanel warning={outcome.triage}>
        <p>
          {outcome.paused && <strong>Your exercise programme is paused. </strong>}
          Do not do the exercises. Show this to the doctor or nurse who sees you.
        </p>
        {queuedNote}
        <p>Your check-in is saved.</p>
      </WarningPanel>
    );
  }

  return (
    <>
      <ScreenTitle>Daily check-in</ScreenTitle>
      {outcome.kind === 'advice' ? (
        <div class="notice notice-danger checkin-advice" role="alert">
          <h2 id="checkin-result" tabIndex={-1}>
            <span aria-hidden="true">⚠ </span>
            {ADVICE_HEADINGS[outcome.triage.level]}
          </h2>
          <p>{outcome.triage.advice}</p>
          <p class="notice-title">Why</p>
          <ul>
            {outcome.triage.reasons.map((r) => (
              <li key={r.code}>{r.text}</li>
            ))}
          </ul>
          {outcome.paused && <p>Your exercise programme is paused until a doctor has seen you.</p>}
          {queuedNote}
          <p>Your check-in is saved.</p>
        </div>
      ) : (
        <div class="notice notice-success" role="status">
          <h2 id="checkin-result" tabIndex={-1}>
            <span aria-hidden="true">✓ </span>Check-in saved
          </h2>
          <p>
            Pain today: {painNow} out of 10 ({painScaleWords(painNow)}). No warning signs came up.
          </p>
          {queuedNote}
          {outcome.paused && (
            <p>
              Your programme is still paused from an earlier warning sign. Follow the advice you
              were given.
            </p>
          )}
        </div>
      )}
      {outcome.kind === 'saved' && outcome.advice.length > 0 && (
        <div class="notice notice-warning" role="status">
          <p class="notice-title">Your plan is backing off</p>
          {outcome.advice.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p>
            <a class="button primary" href={href('intake')}>
              Answer the questions again
            </a>
          </p>
        </div>
      )}
      {outcome.kind === 'saved' && outcome.backOffEnded && (
        <div class="notice notice-success" role="status">
          <p class="notice-title">Your leg has settled for a week</p>
          <p>
            Your plan is back to its usual exercises, starting again at the lowest dose. Keep
            stopping at once if the pain sharpens or spreads down the leg.
          </p>
        </div>
      )}
      <div class="actions">
        <a class="button primary" href={href('progress')}>
          See your progress
        </a>
        {outcome.kind === 'saved' && !outcome.paused && (
          <a class="button" href={href('programme')}>
            Today’s programme
          </a>
        )}
      </div>
    </>
  );
}

/** The check-in stopped at a warning: the advice fills the screen at once, and the answer is stored as given. */
function CheckinStopped({ stopped }: { stopped: Stopped }) {
  useLayoutEffect(() => {
    document.getElementById('screen-title')?.focus();
    window.scrollTo(0, 0);
  }, []);
  const { warning } = stopped;
  return (
    <WarningPanel warning={warning}>
      <p>
        <strong>Do not do the exercises.</strong>{' '}
        {warning.level === 'emergency'
          ? 'Go now: nothing else on this screen needs doing first.'
          : 'Your exercise programme is paused until you have been seen and have answered the questions again.'}
      </p>
      <p role="status">
        {stopped.saving
          ? 'Saving your answer…'
          : stopped.failure
            ? ''
            : stopped.queued
              ? 'Your answer is saved on this device and will be sent when you are back online.'
              : 'Your answer is saved. Show this screen to the doctor or nurse who sees you.'}
      </p>
      {stopped.failure && <FailureNotice failure={stopped.failure} />}
      <p class="small">
        Answered by mistake? Once you have been seen, or if this was not right,{' '}
        <a href={href('intake')}>answer the questions again</a>: a new result replaces this one.
      </p>
    </WarningPanel>
  );
}

/** Focuses an element once the screen has drawn it. */
function focusLater(id: string) {
  requestAnimationFrame(() => {
    document.getElementById(id)?.focus();
  });
}

/** Moves to a field named in the problem list: its first control gets focus. */
function focusField(field: CheckinField) {
  const box = document.getElementById(`q-${field}`);
  if (!box) return;
  box.scrollIntoView({ block: 'start' });
  const control = box.querySelector<HTMLInputElement>('input');
  (control ?? box).focus();
}
