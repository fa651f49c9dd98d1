// The session player: one exercise at a time with its moving picture, steps and dose; a hold timer or a
// rep counter, sides and rounds, pause and skip; three questions after each exercise, logged at once so
// the stop rules act before the next one; a short summary at the end.
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { PlanItem } from '../../engine/plan.js';
import { knowledgeBase as kb } from '../../kb/index.js';
import { useApp } from '../app-context.js';
import { YesNo } from '../components/choice.js';
import { FailureNotice, Load, Notice, ScreenTitle } from '../components/common.js';
import { ExerciseFigure } from '../components/figure.js';
import type { Failure } from '../data/types.js';
import { localToday, useLoad, useReducedMotion } from '../hooks.js';
import { href } from '../router.js';
import { exerciseName, StatusNotice } from './programme.js';
import { describeDosage } from './programme-dosage.js';
import { programmeStatus } from './programme-status.js';
import {
  doneOf,
  isPaused,
  positionOf,
  secondsLeft,
  sessionReducer,
  startSession,
  type Answers,
  type ExerciseRun,
  type SessionEvent,
  type SessionState,
} from './session-machine.js';
import { figureMotionOf } from './session-motion.js';
import { blockWhere, cueFor, describeChange, sessionSummary, stageLabel } from './session-words.js';
import './session.css';

export default function SessionScreen() {
  const { repo } = useApp();
  // Loaded once per way of keeping data: a reload in the middle of a session would lose the player's place.
  const state = useLoad(async () => {
    const [assessment, programme, today] = await Promise.all([
      repo.latestAssessment(),
      repo.programme(),
      repo.today(localToday()),
    ]);
    return { assessment, programme, today };
  }, [repo.mode]);
  return (
    <section aria-labelledby="screen-title" class="session-screen">
      <ScreenTitle>Today’s session</ScreenTitle>
      <Load state={state}>
        {({ assessment, programme, today }) => {
          const status = programmeStatus(assessment, programme, today);
          if (status.kind !== 'ready') {
            return <StatusNotice status={status} assessment={assessment} />;
          }
          return <Player items={status.programme.items} />;
        }}
      </Load>
    </section>
  );
}

const canSpeak = () =>
  typeof window !== 'undefined' &&
  'speechSynthesis' in window &&
  typeof window.SpeechSynthesisUtterance === 'function';

function say(text: string) {
  if (!canSpeak()) return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.rate = 0.95;
  window.speechSynthesis.speak(utterance);
}

/** What the last save changed, shown above the next exercise until the one after it. */
interface Saved {
  name: string;
  changes: string[];
  /** What to do now, when pain spread and the session ended for today. */
  advice?: readonly string[];
  /** The exercise number it is shown above: the next one (a skip moves on and hides it). */
  at: number;
}

function Player({ items }: { items: PlanItem[] }) {
  const app = useApp();
  const { repo } = app;
  const [state, dispatch] = useReducer(sessionReducer, items, startSession);
  const [speak, setSpeak] = useState(false);
  const [live, setLive] = useState('');
  const [saved, setSaved] = useState<Saved | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const speechAvailable = canSpeak();
  const run = state.current;

  // The countdown: one timeout to the next whole second of the hold or rest, so the big number changes
  // exactly on the second (Playwright's page clock drives setTimeout and Date.now() alike).
  const endsAt =
    run && (run.stage.kind === 'hold' || run.stage.kind === 'rest') ? run.stage.endsAt : null;
  const remainingMs =
    run && (run.stage.kind === 'hold' || run.stage.kind === 'rest') ? run.stage.remainingMs : 0;
  // Bumped by every timeout, so the next one is always scheduled even if a tick changed nothing.
  const [beat, setBeat] = useState(0);
  useEffect(() => {
    if (endsAt === null) return;
    const ms = endsAt - Date.now();
    const id = setTimeout(
      () => {
        dispatch({ type: 'tick', now: Date.now() });
        setBeat((b) => b + 1);
      },
      ms <= 0 ? 0 : ms % 1000 || 1000,
    );
    return () => {
      clearTimeout(id);
    };
  }, [endsAt, remainingMs, beat]);

  // Cues: shown in a polite live region and, when asked for, spoken; each one once.
  const cue = cueFor(state, exerciseName);
  const cueKey = cue?.key ?? null;
  useEffect(() => {
    if (!cue) return;
    setLive(cue.text);
    if (speak) say(cue.text);
  }, [cueKey]);
  useEffect(
    () => () => {
      if (canSpeak()) window.speechSynthesis.cancel();
    },
    [],
  );

  // Focus follows the person: a new exercise's name, the questions, or the end of the session.
  const exerciseHeading = useRef<HTMLHeadingElement>(null);
  const questionsHeading = useRef<HTMLHeadingElement>(null);
  const endHeading = useRef<HTMLHeadingElement>(null);
  const index = state.results.length + state.skipped.length;
  const atQuestions = run?.stage.kind === 'questions';
  const focusKey = `${state.status}:${index}:${atQuestions ? 'q' : 'x'}`;
  const firstFocus = useRef(true);
  useEffect(() => {
    if (firstFocus.current) {
      firstFocus.current = false;
      return;
    }
    const target =
      state.status !== 'running' ? endHeading : atQuestions ? questionsHeading : exerciseHeading;
    target.current?.focus();
  }, [focusKey]);
  // When the button that had focus goes away (a side or round ends), focus moves to the new step.
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const stepKey = run ? `${index}:${run.block}:${run.stage.kind}` : '';
  useEffect(() => {
    const active = document.activeElement;
    if (run && (active === null || active === document.body)) stepHeading.current?.focus();
  }, [stepKey]);

  async function log(answers: Answers) {
    if (!run || busy) return;
    setBusy(true);
    setFailure(null);
    const entry = {
      exerciseId: run.exerciseId,
      done: doneOf(run),
      tooEasy: answers.tooEasy,
      painSharper: answers.painSharper,
      painSpread: answers.painSpread,
      newNumbnessOrWeakness: answers.newNumbnessOrWeakness,
    };
    const outcome = await repo.logSession({ date: localToday(), entries: [entry] });
    if (!outcome.ok) {
      setBusy(false);
      setFailure(outcome.error);
      const code = outcome.error.kind === 'conflict' ? outcome.error.code : null;
      if (code === 'warning-check-required') dispatch({ type: 'halt', reason: 'warning-check' });
      else if (code === 'rest-today') dispatch({ type: 'halt', reason: 'rest-today' });
      else if (code === 'programme-paused' || code === 'no-programme') {
        dispatch({ type: 'halt', reason: 'paused' });
      }
      return;
    }
    app.changed();
    if (outcome.value.queued && answers.painSharper && !answers.painSpread) {
      // Offline, the stop rules run only when this reaches the server, so stop here to be safe.
      setSaved({
        at: index + 1,
        name: exerciseName(run.exerciseId),
        changes: [
          'You are offline, so your programme cannot be adjusted yet. The session stops here to be safe; your programme will be updated when you are back online.',
        ],
      });
      setBusy(false);
      dispatch({ type: 'halt', reason: 'rest-today' });
      return;
    }
    // The stop rules may have changed the plan: continue with the plan as it is now.
    const reloaded = outcome.value.queued ? null : await repo.programme().catch(() => null);
    const { programmeChanges, warningCheckRequired } = outcome.value;
    const spread = outcome.value.stoppedForToday === true || answers.painSpread;
    // What to do now comes with the answer; offline it is the knowledge base's own words.
    const advice =
      outcome.value.advice && outcome.value.advice.length > 0
        ? outcome.value.advice
        : spread
          ? kb.backOff.spreadAdvice
          : [];
    setSaved({
      at: index + 1,
      name: exerciseName(run.exerciseId),
      changes: programmeChanges.map((c) =>
        describeChange(c, answers, exerciseName, run.exerciseId),
      ),
      advice: spread ? advice : [],
    });
    setBusy(false);
    dispatch({
      type: 'logged',
      answers,
      changes: programmeChanges,
      warningCheckRequired: warningCheckRequired || (reloaded?.warningCheckRequired ?? false),
      stoppedForToday: spread,
      items: reloaded ? reloaded.items : null,
    });
    if (reloaded?.paused) dispatch({ type: 'halt', reason: 'paused' });
  }

  if (state.status !== 'running' || !run) {
    return <SessionEnd state={state} failure={failure} saved={saved} headingRef={endHeading} />;
  }

  const position = positionOf(state);
  const item = state.items.find((i) => i.exerciseId === run.exerciseId);
  const exercise = kb.exercises.find((e) => e.id === run.exerciseId);
  const name = exerciseName(run.exerciseId);
  const stage = run.stage;
  const paused = isPaused(stage);
  const where = blockWhere(run);
  const left = secondsLeft(stage);

  return (
    <div class="player">
      <p class="player-position">
        Exercise {position.number} of {position.total}
      </p>
      <div class="progress-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(((position.number - 1) / position.total) * 100)}%` }} />
      </div>

      {saved && saved.at === index && (
        <Notice
          tone={saved.changes.length > 0 ? 'warning' : 'success'}
          title={`Saved: ${saved.name}`}
        >
          {saved.changes.map((c) => (
            <p key={c}>{c}</p>
          ))}
        </Notice>
      )}

      <h2 ref={exerciseHeading} tabIndex={-1} class="player-title">
        {name}
      </h2>
      <p class="player-dosage">{describeDosage(run.dosage)}</p>

      {stage.kind !== 'questions' && item && item.cautions.length > 0 && (
        <Notice tone="warning" title="Take extra care">
          <ul>
            {item.cautions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </Notice>
      )}

      {stage.kind === 'questions' ? (
        <Questions
          key={`${index}`}
          headingRef={questionsHeading}
          stoppedEarly={stage.stoppedEarly}
          busy={busy}
          failure={failure}
          onAnswer={(answers) => {
            void log(answers);
          }}
        />
      ) : (
        <div class="player-stage">
          <div class="player-figure">
            {exercise && (
              <ExerciseFigure
                key={run.exerciseId}
                keyframes={exercise.keyframes}
                title={`${name}: how it moves`}
                motion={figureMotionOf(run)}
                playing={!paused}
                secondsPerRep={run.dosage.unit === 'seconds' ? 6 : 4}
                width={300}
                height={230}
              />
            )}
          </div>
          <div class="player-panel">
            {where && stage.kind !== 'ready' && <p class="player-where">{where}</p>}
            <h3 class="player-step" ref={stepHeading} tabIndex={-1}>
              {stageLabel(run)}
            </h3>
            {left !== null && (
              <p class={stage.kind === 'rest' ? 'timer timer-rest' : 'timer'} role="timer">
                <span class="timer-number">{left}</span>
                <span class="timer-unit">
                  {stage.kind === 'rest' ? 'seconds to rest' : 'seconds left'}
                  {paused ? ' (paused)' : ''}
                </span>
              </p>
            )}
            {stage.kind === 'reps' && (
              <p class="rep-count">
                <span class="timer-number">{stage.count}</span>
                <span class="timer-unit">
                  of {run.dosage.amount} done{paused ? ' (paused)' : ''}
                </span>
              </p>
            )}
            <p class="cue" role="status" aria-live="polite">
              {live}
            </p>
            <Controls run={run} paused={paused} dispatch={dispatch} />
          </div>
        </div>
      )}

      {stage.kind !== 'questions' && (
        <div class="player-settings">
          {speechAvailable ? (
            <label class="choice">
              <input
                type="checkbox"
                checked={speak}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  setSpeak(on);
                  if (on) say(live || 'Spoken cues are on.');
                  else window.speechSynthesis.cancel();
                }}
              />
              <span>Speak the cues aloud</span>
            </label>
          ) : (
            <p class="muted small">
              This browser cannot read the cues aloud; they are shown on the screen instead.
            </p>
          )}
          <p class="muted small">
            Stop at once if the pain gets sharper or spreads down your leg: press “Stop: pain got
            worse”. Never stretch into pain.
          </p>
        </div>
      )}

      {stage.kind !== 'questions' && exercise && (
        <div class="player-how">
          <h3>How to do it</h3>
          <ol class="steps">
            {exercise.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          <h3>Remember</h3>
          <ul>
            {exercise.cues.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          {exercise.mistakes.length > 0 && (
            <>
              <h3>Avoid</h3>
              <ul>
                {exercise.mistakes.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Controls({
  run,
  paused,
  dispatch,
}: {
  run: ExerciseRun;
  paused: boolean;
  dispatch: (event: SessionEvent) => void;
}) {
  const stage = run.stage;
  // With reduced motion the picture does not move, so before Start there is nothing to pause.
  const reduced = useReducedMotion();
  const now = () => Date.now();
  // The main button keeps its place (Start becomes Pause, or Count rep), so keyboard focus stays on it.
  const pauseButton = (primary: boolean) => (
    <button
      key={primary ? 'primary' : 'pause'}
      type="button"
      class={primary ? 'primary' : undefined}
      onClick={() => {
        dispatch(paused ? { type: 'resume', now: now() } : { type: 'pause', now: now() });
      }}
    >
      {paused ? 'Resume' : 'Pause'}
    </button>
  );
  const stopButton = (
    <button
      key="stop"
      type="button"
      class="danger"
      onClick={() => {
        dispatch({ type: 'stop-early', now: now() });
      }}
    >
      Stop: pain got worse
    </button>
  );
  const skipButton = (
    <button
      key="skip"
      type="button"
      onClick={() => {
        dispatch({ type: 'skip' });
      }}
    >
      Skip exercise
    </button>
  );
  if (stage.kind === 'ready') {
    return (
      <div class="actions player-actions">
        <button
          key="primary"
          type="button"
          class="primary"
          onClick={() => {
            dispatch({ type: 'start', now: now() });
          }}
        >
          Start
        </button>
        {!reduced && pauseButton(false)}
        {run.block > 0 && stopButton}
        {skipButton}
      </div>
    );
  }
  if (stage.kind === 'reps') {
    return (
      <div class="actions player-actions">
        <button
          key="primary"
          type="button"
          class="primary count-rep"
          disabled={paused}
          onClick={() => {
            dispatch({ type: 'count' });
          }}
        >
          Count rep
        </button>
        <button
          key="done"
          type="button"
          onClick={() => {
            dispatch({ type: 'finish-set' });
          }}
        >
          Done
        </button>
        {pauseButton(false)}
        {stopButton}
        {skipButton}
      </div>
    );
  }
  return (
    <div class="actions player-actions">
      {pauseButton(true)}
      {stopButton}
      {skipButton}
    </div>
  );
}

type Answer<T> = T | undefined;

function Questions({
  headingRef,
  stoppedEarly,
  busy,
  failure,
  onAnswer,
}: {
  headingRef: { current: HTMLHeadingElement | null };
  stoppedEarly: boolean;
  busy: boolean;
  failure: Failure | null;
  onAnswer: (answers: Answers) => void;
}) {
  const [tooEasy, setTooEasy] = useState<Answer<boolean>>(undefined);
  const [sharper, setSharper] = useState<Answer<boolean>>(undefined);
  const [spread, setSpread] = useState<Answer<boolean>>(undefined);
  const [numb, setNumb] = useState<Answer<boolean>>(undefined);
  const [tried, setTried] = useState(false);
  const errors = {
    sharper:
      sharper === undefined ? 'Please answer yes or no: did the pain get sharper?' : undefined,
    spread:
      spread === undefined
        ? 'Please answer yes or no: did the pain spread further down your leg?'
        : undefined,
    numb:
      numb === undefined
        ? 'Please answer yes or no: did you notice new numbness or weakness?'
        : undefined,
    tooEasy: tooEasy === undefined ? 'Please answer yes or no: was it too easy?' : undefined,
  };
  const shown = (e: string | undefined) => (tried ? e : undefined);
  return (
    <form
      class="questions"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (
          tooEasy === undefined ||
          sharper === undefined ||
          spread === undefined ||
          numb === undefined
        ) {
          const first = (['sharper', 'spread', 'numb', 'tooEasy'] as const).find((k) => errors[k]);
          if (first) document.querySelector<HTMLInputElement>(`#q-${first} input`)?.focus();
          return;
        }
        onAnswer({
          tooEasy,
          painSharper: sharper,
          painSpread: spread,
          newNumbnessOrWeakness: numb,
        });
      }}
    >
      <h3 ref={headingRef} tabIndex={-1}>
        {stoppedEarly ? 'You stopped this exercise. How did it go?' : 'Well done. How did it go?'}
      </h3>
      <p>Your answers are saved straight away, so the plan can adjust before the next exercise.</p>
      <YesNo
        name="sharper"
        legend="Did the pain get sharper?"
        value={sharper}
        onChange={setSharper}
        error={shown(errors.sharper)}
      />
      <YesNo
        name="spread"
        legend="Did the pain spread further down your leg?"
        hint="For example, from the buttock into the thigh, or from the thigh to below the knee."
        value={spread}
        onChange={setSpread}
        error={shown(errors.spread)}
      />
      <YesNo
        name="numb"
        legend="Did you notice any new numbness or weakness in your leg?"
        hint="Numbness: a patch of skin that feels dead, tingly or like pins and needles. Weakness: a foot or knee that gives way or catches."
        value={numb}
        onChange={setNumb}
        error={shown(errors.numb)}
      />
      <YesNo
        name="tooEasy"
        legend="Was it too easy?"
        hint="Yes only if you could easily have done more. After two sessions like that, it moves up a step."
        value={tooEasy}
        onChange={setTooEasy}
        error={shown(errors.tooEasy)}
      />
      {failure && <FailureNotice failure={failure} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save and continue'}
        </button>
      </div>
    </form>
  );
}

function SessionEnd({
  state,
  failure,
  saved,
  headingRef,
}: {
  state: SessionState;
  failure: Failure | null;
  saved: Saved | null;
  headingRef: { current: HTMLHeadingElement | null };
}) {
  const summary = sessionSummary(state, exerciseName);
  const warning = state.status === 'stopped' && state.stopReason === 'warning-check';
  const paused = state.status === 'stopped' && state.stopReason === 'paused';
  const rest = state.status === 'stopped' && state.stopReason === 'rest-today';
  return (
    <div class="session-end">
      <h2 ref={headingRef} tabIndex={-1}>
        {warning
          ? 'The session stops here'
          : paused
            ? 'The session cannot go on'
            : rest
              ? 'No more exercise today'
              : 'Session complete'}
      </h2>
      {rest && (
        <Notice tone="warning" title="What to do now">
          {(saved?.advice && saved.advice.length > 0 ? saved.advice : kb.backOff.spreadAdvice).map(
            (line) => (
              <p key={line}>{line}</p>
            ),
          )}
        </Notice>
      )}
      {warning && (
        <>
          <Notice
            tone="warning"
            title={
              failure?.kind === 'conflict'
                ? failure.title
                : 'Please answer the warning-sign questions now'
            }
          >
            <p>
              {failure?.kind === 'conflict'
                ? failure.detail
                : 'You noticed new numbness or weakness, or pain spread down your leg twice within a week. Before any more exercise, answer the warning-sign questions in the check-in now: they tell you at once if you need a doctor.'}
            </p>
            <p>
              If you have numbness around the genitals or back passage, a change in bladder or bowel
              control, or weakness in both legs, go to an emergency department at once.
            </p>
          </Notice>
          <div class="actions">
            <a class="button primary" href={href('checkin')}>
              Answer the warning-sign questions
            </a>
          </div>
        </>
      )}
      {paused && failure && <FailureNotice failure={failure} />}
      {!warning && !paused && (
        <>
          {saved && saved.changes.length > 0 && (
            <Notice tone="warning" title={`Saved: ${saved.name}`}>
              {saved.changes.map((c) => (
                <p key={c}>{c}</p>
              ))}
            </Notice>
          )}
          {!rest && <p class="lead">{summary.encouragement}</p>}
        </>
      )}

      <div class="card">
        <h3 class="card-heading">Done</h3>
        {summary.done.length > 0 ? (
          <ul>
            {summary.done.map((n, i) => (
              <li key={`${n}-${i}`}>{n}</li>
            ))}
          </ul>
        ) : (
          <p>No exercises were done in this session.</p>
        )}
        {summary.skipped.length > 0 && (
          <>
            <h3>Skipped</h3>
            <ul>
              {summary.skipped.map((n, i) => (
                <li key={`${n}-${i}`}>{n}</li>
              ))}
            </ul>
          </>
        )}
        <h3>Changes to your programme</h3>
        {summary.changes.length > 0 ? (
          <ul>
            {summary.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : (
          <p>None: your programme stays as it is.</p>
        )}
      </div>
      <div class="actions">
        {!warning && (
          <a class="button primary" href={href('checkin')}>
            Do today’s check-in
          </a>
        )}
        <a class="button" href={href('progress')}>
          See your progress
        </a>
        <a class="button" href={href('programme')}>
          Back to your programme
        </a>
      </div>
    </div>
  );
}
