// The session player: one exercise at a time with its moving picture, steps and dose; a hold timer or a
// rep counter, sides and rounds, pause and skip; three questions after each exercise, logged at once so
// the stop rules act before the next one; a short summary at the end.
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { PlanItem } from '../../engine/plan.js';
import { knowledgeBase as kb } from '../kb.js';
import { useApp } from '../app-context.js';
import { RadioGroup, YesNo } from '../components/choice.js';
import { FailureNotice, Load, Notice, ScreenTitle } from '../components/common.js';
import { ExerciseNote } from '../components/clinician-pause.js';
import ProgrammeNews from '../components/programme-news.js';
import { ExerciseFigure } from '../components/figure.js';
import type { TodayPlan } from '../../engine/sittings.js';
import { newClientId } from '../data/client-id.js';
import { kvGet, kvSet } from '../data/idb.js';
import { programmeNewsOf, type Failure } from '../data/types.js';
import { localToday, useLoad, useReducedMotion, useWakeLock } from '../hooks.js';
import { href } from '../router.js';
import { exerciseName, StatusNotice } from './programme.js';
import { dosageWords } from '../../words/index.js';
import { programmeStatus } from './programme-status.js';
import {
  doneOf,
  isPaused,
  nextTickAt,
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
import {
  SITTING_PLACE_KEY,
  sittingToRun,
  todayWithPlace,
  type SittingPlace,
} from './sitting-place.js';
import { blockWhere, cueFor, describeChange, sessionSummary, stageLabel } from './session-words.js';
import './session.css';

export default function SessionScreen() {
  const { repo } = useApp();
  // A clinician's changes are read before the first exercise: "Got it" lets the sitting begin.
  const [newsSeen, setNewsSeen] = useState(false);
  // Loaded once per way of keeping data: the sitting's place is kept on the device as it goes.
  const state = useLoad(async () => {
    const date = localToday();
    const [assessment, programme, today, place] = await Promise.all([
      repo.latestAssessment(),
      repo.programme(),
      repo.today(date),
      kvGet<SittingPlace>(SITTING_PLACE_KEY),
    ]);
    const logs = programme ? await repo.sessions().catch(() => []) : [];
    return { assessment, programme, today, place: place ?? null, logs, date };
  }, [repo.mode]);
  return (
    <section aria-labelledby="screen-title" class="session-screen">
      <ScreenTitle>Today’s session</ScreenTitle>
      <Load state={state}>
        {({ assessment, programme, today, place, logs, date }) => {
          const status = programmeStatus(assessment, programme, today);
          if (status.kind !== 'ready') {
            return <StatusNotice status={status} assessment={assessment} />;
          }
          const items = status.programme.items;
          const day = todayWithPlace(items, logs, place, date);
          const sitting = sittingToRun(day, newClientId);
          if (!sitting) return <AllDone day={day} />;
          const due = sitting.exerciseIds.flatMap((id) => items.filter((i) => i.exerciseId === id));
          const news = programmeNewsOf(today);
          if (!newsSeen && news.length > 0) {
            return (
              <ProgrammeNews
                versions={news}
                context="session"
                onSeen={() => {
                  setNewsSeen(true);
                }}
              />
            );
          }
          return (
            <Player
              items={due}
              sitting={{ sittingId: sitting.sittingId, date, number: sitting.number }}
              of={day.sittingsPlanned}
              continuing={sitting.continuing}
              startedAt={sitting.continuing && place ? place.startedAt : null}
              doneBefore={sitting.continuing ? (day.open?.done ?? []) : []}
            />
          );
        }}
      </Load>
    </section>
  );
}

/** Nothing is due any more today. */
function AllDone({ day }: { day: TodayPlan }) {
  return (
    <>
      <Notice tone="success" title="Today’s exercises are done">
        <p>
          {day.sittingsDone} of {day.sittingsPlanned} sitting{day.sittingsPlanned === 1 ? '' : 's'}{' '}
          today, {day.exercisesDone} of {day.exercisesPlanned} exercises. Well done: tomorrow is a
          new day.
        </p>
      </Notice>
      <div class="actions">
        <a class="button primary" href={href('checkin')}>
          Do today’s check-in
        </a>
        <a class="button" href={href('programme')}>
          Back to your programme
        </a>
      </div>
    </>
  );
}

/** An exercise's first step, read out while the person gets into position. */
const firstStepOf = (id: string): string | undefined =>
  kb.exercises.find((e) => e.id === id)?.steps[0];

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

function Player({
  items,
  sitting,
  of,
  continuing,
  startedAt,
  doneBefore,
}: {
  items: PlanItem[];
  sitting: { sittingId: string; date: string; number: number };
  /** Sittings planned today. */
  of: number;
  continuing: boolean;
  /** When this sitting began, when continuing it on this device. */
  startedAt: string | null;
  /** Exercises already done in this sitting, when continuing it. */
  doneBefore: readonly string[];
}) {
  const app = useApp();
  const { repo } = app;
  const [state, dispatch] = useReducer(sessionReducer, items, (its) =>
    startSession(its, { sittingId: sitting.sittingId, date: sitting.date }),
  );
  // The sitting's place, kept on the device after each exercise so a reload continues here.
  const place = useRef<SittingPlace>({
    sittingId: sitting.sittingId,
    date: sitting.date,
    startedAt: startedAt ?? new Date().toISOString(),
    done: [...doneBefore],
  });
  const [speak, setSpeak] = useState(false);
  const [live, setLive] = useState('');
  const [saved, setSaved] = useState<Saved | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const speechAvailable = canSpeak();
  const run = state.current;

  // The countdown and the pace: one timeout to the next whole second of a countdown, or the next beat,
  // so the big number changes exactly then (Playwright's page clock drives setTimeout and Date.now() alike).
  const stageKey = run ? JSON.stringify(run.stage) : '';
  // Bumped by every timeout, so the next one is always scheduled even if a tick changed nothing.
  const [beat, setBeat] = useState(0);
  useEffect(() => {
    if (!run) return;
    const now = Date.now();
    const at = nextTickAt(run.stage, now);
    if (at === null) return;
    const id = setTimeout(
      () => {
        dispatch({ type: 'tick', now: Date.now() });
        setBeat((b) => b + 1);
      },
      Math.max(0, at - now),
    );
    return () => {
      clearTimeout(id);
    };
  }, [stageKey, beat]);

  // The screen stays on during a sitting where the browser allows it (the phone is on the floor).
  useWakeLock(state.status === 'running');

  // Cues: shown in a polite live region and, when asked for, spoken; each one once.
  const cue = cueFor(state, exerciseName, firstStepOf);
  const cueKey = cue?.key ?? null;
  useEffect(() => {
    if (!cue) return;
    setLive(cue.text);
    if (speak) {
      say(cue.text);
      // A short buzz on each repetition's beat, where the phone can.
      if (run?.stage.kind === 'reps' && 'vibrate' in navigator) navigator.vibrate(40);
    }
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
    // The sitting's date, not today's: a sitting that runs past midnight stays the day it began.
    const outcome = await repo.logSession({
      date: state.date,
      sittingId: state.sittingId,
      entries: [entry],
    });
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
    place.current = { ...place.current, done: [...place.current.done, run.exerciseId] };
    await kvSet(SITTING_PLACE_KEY, place.current);
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
      now: Date.now(),
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
        {of > 1 ? `Sitting ${String(sitting.number)} of ${String(of)} today · ` : ''}
        Exercise {position.number + (continuing ? doneBefore.length : 0)} of{' '}
        {position.total + (continuing ? doneBefore.length : 0)}
        {continuing && index === 0 ? ' · carrying on where you left off' : ''}
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
      <p class="player-dosage">{dosageWords(run.dosage)}</p>
      {stage.kind !== 'questions' && <ExerciseNote note={item?.note} />}

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
                secondsPerRep={
                  stage.kind === 'reps'
                    ? stage.beatMs / 1000
                    : run.dosage.unit === 'seconds'
                      ? 6
                      : 4
                }
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
            {stage.kind === 'getready' && exercise && run.tally.blocksDone === 0 && (
              <p class="player-first-step">
                <strong>First:</strong> {exercise.steps[0]}
              </p>
            )}
            {left !== null && (
              <p
                class={
                  stage.kind === 'rest'
                    ? 'timer timer-rest'
                    : stage.kind === 'getready'
                      ? 'timer timer-getready'
                      : 'timer'
                }
                role="timer"
              >
                <span class="timer-number">{left}</span>
                <span class="timer-unit">
                  {stage.kind === 'rest'
                    ? 'seconds to rest'
                    : stage.kind === 'getready'
                      ? 'seconds to get into position'
                      : 'seconds left'}
                  {paused ? ' (paused)' : ''}
                </span>
              </p>
            )}
            {stage.kind === 'reps' && (
              <>
                <p class="rep-count" role="timer">
                  <span class="timer-number">{stage.count}</span>
                  <span class="timer-unit">
                    of {run.dosage.amount}, one every {stage.beatMs / 1000} seconds
                    {paused ? ' (paused)' : ''}
                  </span>
                </p>
                <div
                  class={paused ? 'pace pace-paused' : 'pace'}
                  aria-hidden="true"
                  key={`beat-${String(stage.count)}`}
                >
                  <span
                    class="pace-dot"
                    style={{ animationDuration: `${String(stage.beatMs)}ms` }}
                  />
                </div>
              </>
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
  // The main button keeps its place (Start becomes Pause), so keyboard focus stays on it.
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
        dispatch({ type: 'skip', now: now() });
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
        {skipButton}
      </div>
    );
  }
  if (stage.kind === 'reps') {
    return (
      <>
        <div class="actions player-actions">
          {pauseButton(true)}
          <button
            key="done"
            type="button"
            onClick={() => {
              dispatch({ type: 'finish-set', now: now() });
            }}
          >
            Done with this set
          </button>
          {stopButton}
          {skipButton}
        </div>
        <div class="lost-count" role="group" aria-label="I lost count">
          <span class="lost-count-label">Lost count?</span>
          <button
            type="button"
            aria-label="One fewer"
            onClick={() => {
              dispatch({ type: 'adjust', by: -1, now: now() });
            }}
          >
            − 1
          </button>
          <button
            type="button"
            aria-label="One more"
            onClick={() => {
              dispatch({ type: 'adjust', by: 1, now: now() });
            }}
          >
            + 1
          </button>
        </div>
      </>
    );
  }
  return (
    <div class="actions player-actions">
      {pauseButton(true)}
      {stage.kind === 'getready' ? null : stopButton}
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
  // "No change" answers the three symptom questions together; "Something changed" opens them.
  const [changed, setChanged] = useState<Answer<boolean>>(stoppedEarly ? true : undefined);
  const [tooEasy, setTooEasy] = useState<Answer<boolean>>(undefined);
  const [sharper, setSharper] = useState<Answer<boolean>>(undefined);
  const [spread, setSpread] = useState<Answer<boolean>>(undefined);
  const [numb, setNumb] = useState<Answer<boolean>>(undefined);
  const [tried, setTried] = useState(false);
  const sent = useRef(false);

  // Nothing changed and "too easy" answered: two taps, saved at once with no third.
  useEffect(() => {
    if (changed === false && tooEasy !== undefined && !sent.current && !busy) {
      sent.current = true;
      onAnswer({ tooEasy, painSharper: false, painSpread: false, newNumbnessOrWeakness: false });
    }
  }, [changed, tooEasy]);
  useEffect(() => {
    // A refused save (a failure shown) can be tried again.
    if (failure) sent.current = false;
  }, [failure]);

  const errors = {
    changed:
      changed === undefined
        ? 'Please choose: no change in your pain or legs, or something changed.'
        : undefined,
    sharper:
      changed && sharper === undefined
        ? 'Please answer yes or no: did the pain get sharper?'
        : undefined,
    spread:
      changed && spread === undefined
        ? 'Please answer yes or no: did the pain spread further down your leg?'
        : undefined,
    numb:
      changed && numb === undefined
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
          changed === undefined ||
          tooEasy === undefined ||
          (changed && (sharper === undefined || spread === undefined || numb === undefined))
        ) {
          const first = (['changed', 'sharper', 'spread', 'numb', 'tooEasy'] as const).find(
            (k) => errors[k],
          );
          if (first) document.querySelector<HTMLInputElement>(`#q-${first} input`)?.focus();
          return;
        }
        sent.current = true;
        onAnswer({
          tooEasy,
          painSharper: changed ? sharper === true : false,
          painSpread: changed ? spread === true : false,
          newNumbnessOrWeakness: changed ? numb === true : false,
        });
      }}
    >
      <h3 ref={headingRef} tabIndex={-1}>
        {stoppedEarly ? 'You stopped this exercise. What happened?' : 'Well done. How did it go?'}
      </h3>
      <p>Your answers are saved straight away, so the plan can adjust before the next exercise.</p>
      {!stoppedEarly && (
        <RadioGroup
          name="changed"
          legend="Any change in your pain or legs?"
          options={[
            { value: 'no', label: 'No change in my pain or legs' },
            {
              value: 'yes',
              label: 'Something changed',
              hint: 'Sharper pain, pain spreading down the leg, or new numbness or weakness',
            },
          ]}
          value={changed === undefined ? undefined : changed ? 'yes' : 'no'}
          onChange={(v) => {
            setChanged(v === 'yes');
          }}
          error={shown(errors.changed)}
        />
      )}
      {changed && (
        <>
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
        </>
      )}
      <YesNo
        name="tooEasy"
        legend="Was it too easy?"
        hint="Yes only if you could easily have done more. After two sessions like that, it moves up a step."
        value={tooEasy}
        onChange={setTooEasy}
        error={shown(errors.tooEasy)}
      />
      {failure && <FailureNotice failure={failure} />}
      {(changed !== false || failure) && (
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save and continue'}
          </button>
        </div>
      )}
      {changed === false && busy && (
        <p role="status" class="muted">
          Saving…
        </p>
      )}
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
