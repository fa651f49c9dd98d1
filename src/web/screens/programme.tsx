// The programme screen: today's session and the week, each exercise with its dose and picture, the
// self-care that applies, the stop rules and the sources; or, when safety says so, only the advice.
import { useState } from 'preact/hooks';
import { knowledgeBase as kb } from '../kb.js';
import type { Exercise } from '../../kb/types.js';
import { useApp } from '../app-context.js';
import { Load, Notice, ScreenTitle } from '../components/common.js';
import { ExerciseFigure } from '../components/figure.js';
import { WarningPanel } from '../components/level-panel.js';
import { ClinicianPauseNotice, ExerciseNote } from '../components/clinician-pause.js';
import ProgrammeNews from '../components/programme-news.js';
import {
  programmeNewsOf,
  type AssessmentView,
  type PauseReason,
  type ProgrammeVersionView,
  type ProgrammeView,
  type SessionLogView,
} from '../data/types.js';
import { localToday, useLoad, useReducedMotion } from '../hooks.js';
import { href } from '../router.js';
import {
  contributorName,
  dosageWords,
  exerciseName as exerciseNameIn,
  exerciseTitle,
  LEVEL_HEADLINE,
  PHASE_NAMED,
} from '../../words/index.js';
import { dailyPlanSummary, estimateMinutes, weekFrom } from './programme-dosage.js';
import {
  programmeSources,
  programmeStatus,
  sourceTitles,
  type ProgrammeStatus,
} from './programme-status.js';
import { SITTING_PLACE_KEY, todayWithPlace, type SittingPlace } from './sitting-place.js';
import { kvGet } from '../data/idb.js';
import './programme.css';

/** An exercise's title for people ("Gentle supine hamstring stretch"), by id. */
export function exerciseName(id: string): string {
  return exerciseNameIn(kb, id);
}

export default function ProgrammeScreen() {
  const { repo, version } = useApp();
  // "Got it" hides the news at once; the next load asks the server again.
  const [newsSeen, setNewsSeen] = useState(false);
  const state = useLoad(async () => {
    const [assessment, programme, today] = await Promise.all([
      repo.latestAssessment(),
      repo.programme(),
      repo.today(localToday()),
    ]);
    // Only for "done today"; never a reason not to show the programme.
    const sessions = programme ? await repo.sessions().catch(() => []) : [];
    const place = (await kvGet<SittingPlace>(SITTING_PLACE_KEY)) ?? null;
    return { assessment, programme, sessions, today, place };
  }, [repo.mode, version]);
  return (
    <section aria-labelledby="screen-title" class="programme-screen">
      <ScreenTitle>Your programme</ScreenTitle>
      <Load state={state}>
        {({ assessment, programme, sessions, today, place }) => {
          const status = programmeStatus(assessment, programme, today);
          // The news never stands before a warning sign's advice, nor beside an emergency.
          const news =
            newsSeen ||
            status.kind === 'warning' ||
            status.kind === 'emergency' ||
            status.kind === 'paused'
              ? []
              : programmeNewsOf(today);
          const onSeen = () => {
            setNewsSeen(true);
          };
          if (status.kind !== 'ready') {
            return (
              <>
                <StatusNotice status={status} assessment={assessment} />
                <ProgrammeNews
                  versions={news}
                  onSeen={onSeen}
                  pausedNow={status.kind === 'clinician-paused'}
                />
              </>
            );
          }
          return (
            <ProgrammeBody
              programme={status.programme}
              assessment={assessment}
              sessions={sessions}
              place={place}
              news={news}
              onNewsSeen={onSeen}
            />
          );
        }}
      </Load>
    </section>
  );
}

/**
 * Everything but a ready programme: the emergency advice, a pause, the warning-sign re-check, or the
 * way to the questions. Also used by the session player, which refuses to start in the same cases.
 */
export function StatusNotice({
  status,
  assessment,
}: {
  status: Exclude<ProgrammeStatus, { kind: 'ready' }>;
  assessment: AssessmentView | null;
}) {
  switch (status.kind) {
    case 'warning':
      return (
        <WarningPanel warning={status.warning} heading="section">
          <p>
            <strong>Your exercise programme is paused.</strong> Once a doctor or physiotherapist has
            seen you, answer the questions again: that builds a programme that fits how things are
            then.
          </p>
          <div class="actions">
            <a class="button" href={href('intake')}>
              Answer the questions again
            </a>
          </div>
        </WarningPanel>
      );
    case 'rest-today':
      return (
        <>
          <Notice tone="warning" title="No more exercise today">
            {kb.backOff.spreadAdvice.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </Notice>
          <p>Tomorrow your plan carries on with gentle exercises only.</p>
          <div class="actions">
            <a class="button" href={href('checkin')}>
              Daily check-in
            </a>
          </div>
        </>
      );
    case 'no-assessment':
      return (
        <>
          <p class="lead">
            Your programme is built from your answers to the questions. They take about five
            minutes, and the warning signs come first.
          </p>
          <div class="actions">
            <a class="button primary" href={href('intake')}>
              Start the questions
            </a>
          </div>
        </>
      );
    case 'emergency':
      return (
        <div class="emergency">
          <Notice tone="danger" title={LEVEL_HEADLINE.emergency}>
            <p>{status.advice}</p>
            <p>
              There is no exercise programme while this is the case. Get help first; once a
              clinician has seen you, you can answer the questions again.
            </p>
          </Notice>
          <div class="actions">
            <a class="button" href={href('result')}>
              See your result
            </a>
          </div>
        </div>
      );
    case 'paused':
      return <PausedNotice pausedBy={status.pausedBy} />;
    case 'clinician-paused':
      return (
        <>
          <ClinicianPauseNotice pause={status.pause} />
          <div class="actions">
            <a class="button primary" href={href('checkin')}>
              Daily check-in
            </a>
          </div>
        </>
      );
    case 'no-programme':
      return (
        <>
          <p>
            There is no programme for your last answers. Answering the questions again builds one.
          </p>
          <div class="actions">
            <a class="button primary" href={href('intake')}>
              Answer the questions again
            </a>
          </div>
        </>
      );
    case 'warning-check':
      return (
        <>
          <Notice tone="warning" title="Please answer the warning-sign questions first">
            <p>
              During your sessions the pain spread down your leg twice within a week, or you noticed
              new numbness or weakness. Before the next session, answer the warning-sign questions
              in the daily check-in. If none of them applies, your programme carries on.
            </p>
          </Notice>
          <div class="actions">
            <a class="button primary" href={href('checkin')}>
              Go to the check-in
            </a>
          </div>
        </>
      );
    case 'no-exercises':
      return <NoExercises programme={status.programme} assessment={assessment} />;
  }
}

function PausedNotice({ pausedBy }: { pausedBy: PauseReason | null }) {
  const level = pausedBy?.level ?? 'urgent';
  return (
    <>
      <Notice tone={level === 'emergency' ? 'danger' : 'warning'} title="Your programme is paused">
        <p>
          A check-in found a warning sign, so the exercises are on hold.{' '}
          <strong>{LEVEL_HEADLINE[level]}.</strong>
        </p>
        {pausedBy && <p>{pausedBy.advice}</p>}
        {pausedBy && pausedBy.reasons.length > 0 && (
          <>
            <p class="notice-title">Why</p>
            <ul>
              {pausedBy.reasons.map((r) => (
                <li key={r.code}>{r.text}</li>
              ))}
            </ul>
          </>
        )}
      </Notice>
      <p>
        Once a doctor or physiotherapist has seen you, answer the questions again: that builds a new
        programme that fits how things are then.
      </p>
      <div class="actions">
        <a class="button primary" href={href('intake')}>
          Answer the questions again
        </a>
      </div>
    </>
  );
}

/** While the plan backs off after pain spread or new leg symptoms: why, and what ends it. */
function BackOffNotice({ programme }: { programme: ProgrammeView }) {
  const backOff = programme.backOff;
  if (!backOff) return null;
  return (
    <Notice tone="warning" title="Your plan is backing off">
      <p>
        {backOff.reason === 'spread'
          ? 'Pain spread down your leg during an exercise, so for now your plan holds only gentle exercises at the lowest dose, without the stretches that pull on the sciatic nerve.'
          : 'A check-in showed leg symptoms you did not have when you answered the questions, so for now your plan holds only gentle exercises at the lowest dose, without the stretches that pull on the sciatic nerve.'}
      </p>
      <p>
        {backOff.until === 'settled'
          ? `It goes back to normal once your daily check-ins show the leg settled for ${String(kb.backOff.settledDays)} days in a row.`
          : 'Please answer the questions again, so your plan fits how things are now.'}
      </p>
      {backOff.until === 'reassessment' && (
        <p>
          <a class="button" href={href('intake')}>
            Answer the questions again
          </a>
        </p>
      )}
    </Notice>
  );
}

/** The result's advice when it asks the person to see someone (urgent or soon), above whatever follows. */
function LevelNotice({ assessment }: { assessment: AssessmentView | null }) {
  const level = assessment?.result.triage.level;
  if (!assessment || (level !== 'urgent' && level !== 'soon')) return null;
  return (
    <Notice tone="warning" title={LEVEL_HEADLINE[level]}>
      <p>{assessment.result.triage.advice}</p>
    </Notice>
  );
}

function NoExercises({
  programme,
  assessment,
}: {
  programme: ProgrammeView;
  assessment: AssessmentView | null;
}) {
  return (
    <>
      <LevelNotice assessment={assessment} />
      <Notice tone="info" title="No exercises for now">
        {programme.notes.length > 0 ? (
          programme.notes.map((n) => <p key={n}>{n}</p>)
        ) : (
          <p>There are no exercises in your programme at the moment.</p>
        )}
      </Notice>
      <SelfCare programme={programme} />
      <div class="actions">
        <a class="button" href={href('result')}>
          See your result
        </a>
        <a class="button" href={href('intake')}>
          Answer the questions again
        </a>
      </div>
    </>
  );
}

function ProgrammeBody({
  programme,
  assessment,
  sessions,
  place,
  news,
  onNewsSeen,
}: {
  programme: ProgrammeView;
  assessment: AssessmentView | null;
  sessions: SessionLogView[];
  /** This device's sitting, for where "Continue" picks up. */
  place: SittingPlace | null;
  /** A clinician's changes not seen yet, shown above today's plan. */
  news: readonly ProgrammeVersionView[];
  onNewsSeen: () => void;
}) {
  const today = localToday();
  const week = weekFrom(today);
  const day = todayWithPlace(programme.items, sessions, place, today);
  const minutes = estimateMinutes(
    programme.items
      .filter(
        (i) =>
          day.next?.exerciseIds.includes(i.exerciseId) ??
          day.open?.remaining.includes(i.exerciseId),
      )
      .map((i) => i.dosage),
  );
  const sources = programmeSources(programme, kb);
  const summary = dailyPlanSummary(
    programme.items.map((i) => ({ name: exerciseName(i.exerciseId), timesPerDay: i.timesPerDay })),
  );
  const doneById = new Map(day.items.map((i) => [i.exerciseId, i.doneToday]));
  return (
    <>
      <LevelNotice assessment={assessment} />
      <BackOffNotice programme={programme} />
      <ProgrammeNews versions={news} onSeen={onNewsSeen} />

      <h2 id="today">Today</h2>
      <p>
        <strong>{week[0]?.longLabel}</strong>:{' '}
        {day.sittingsPlanned === 1
          ? 'one sitting'
          : `${String(day.sittingsPlanned)} sittings (${String(day.sittingsDone)} begun so far)`}
        , {day.exercisesDone} of {day.exercisesPlanned} exercises done.
      </p>
      <ul class="today-list">
        {day.items.map((i) => (
          <li key={i.exerciseId} class={i.due === 0 ? 'today-done' : undefined}>
            <span class="today-name">{exerciseName(i.exerciseId)}</span>{' '}
            <span class="today-count">
              {i.due === 0
                ? i.timesPerDay === 1
                  ? 'done today'
                  : `done ${String(i.timesPerDay)} times today`
                : i.timesPerDay === 1
                  ? 'to do'
                  : `${String(i.doneToday)} of ${String(i.timesPerDay)} times today`}
            </span>
          </li>
        ))}
      </ul>
      {day.complete ? (
        <Notice tone="success" title="Today’s exercises are done">
          <p>Well done. Tomorrow is a new day.</p>
        </Notice>
      ) : (
        <>
          <p>
            {day.open
              ? `Carry on with the sitting you began: ${String(day.open.remaining.length)} exercise${day.open.remaining.length === 1 ? '' : 's'} left, starting with ${exerciseName(day.open.remaining[0] ?? '')}.`
              : day.next && day.next.number > 1
                ? `Next: sitting ${String(day.next.number)} of ${String(day.sittingsPlanned)}, only what is still due (${day.next.exerciseIds.map(exerciseName).join(', ')}), about ${String(minutes)} minute${minutes === 1 ? '' : 's'}.`
                : `About ${String(minutes)} minute${minutes === 1 ? '' : 's'}. The player guides you through one exercise at a time, with a countdown to get into position and a timer.`}
          </p>
          <div class="actions">
            <a class="button primary start-session" href={href('session')}>
              {day.open
                ? 'Continue today’s session'
                : day.next && day.next.number > 1
                  ? `Start sitting ${String(day.next.number)}`
                  : 'Start today’s session'}
            </a>
          </div>
        </>
      )}

      {programme.gate === 'gentle-only' && !programme.backOff && (
        <Notice tone="info" title="Gentle exercises only for now">
          <p>
            Until you have been seen, your plan holds only the gentle exercises, at the lowest dose.
            Read the rules below before each one.
          </p>
        </Notice>
      )}
      {programme.notes.length > 0 && (
        <div class="card">
          <h2 class="card-heading">About your plan</h2>
          {programme.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}

      <h2>Your exercises</h2>
      <ol class="exercise-list">
        {programme.items.map((item) => {
          const ex = kb.exercises.find((e) => e.id === item.exerciseId);
          const count = doneById.get(item.exerciseId) ?? 0;
          return ex ? (
            <ExerciseCard
              key={item.exerciseId}
              exercise={ex}
              dosage={dosageWords(item.dosage, item.timesPerDay)}
              cautions={item.cautions}
              note={item.note}
              serves={item.serves}
              doneToday={count}
              timesPerDay={item.timesPerDay}
            />
          ) : null;
        })}
      </ol>

      <h2>This week</h2>
      <p>{summary}</p>
      <ol class="week" aria-label="The next seven days">
        {week.map((d) => (
          <li key={d.date} class={d.today ? 'week-day week-today' : 'week-day'}>
            <span class="week-label" aria-hidden="true">
              {d.label}
            </span>
            <span class="visually-hidden">{d.longLabel}</span>
            <span class="week-note">
              {d.today ? (day.complete ? 'Today: done' : 'Today') : 'Same plan'}
            </span>
          </li>
        ))}
      </ol>
      <p class="muted small">
        {PHASE_NAMED[programme.phase]} Your plan changes only when the rules below say so, when you
        answer the questions again, or when a clinician you linked to changes it (you see what
        changed first).
      </p>

      <SelfCare programme={programme} />

      <h2>Rules for every session</h2>
      <ul class="rules">
        {programme.stopRules.map((rule) => (
          <li key={rule.code}>{rule.text}</li>
        ))}
      </ul>
      <p>
        <strong>Moving up a step:</strong> {programme.progressionRule}
      </p>

      <h2>Sources</h2>
      <p class="muted small">What this programme is based on:</p>
      <ul class="sources">
        {sources.map((s) => (
          <li key={s.id}>
            {s.title} <span class="muted">({s.publisher})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function ExerciseCard({
  exercise,
  dosage,
  cautions,
  note,
  serves,
  doneToday,
  timesPerDay,
}: {
  exercise: Exercise;
  dosage: string;
  cautions: string[];
  /** The clinician's note on this exercise, if any. */
  note: string | undefined;
  serves: string[];
  doneToday: number;
  timesPerDay: number;
}) {
  const [playing, setPlaying] = useState(false);
  // With reduced motion the figure shows numbered key poses, and there is nothing to play.
  const reduced = useReducedMotion();
  const { title, detail } = exerciseTitle(exercise.name);
  const headingId = `exercise-${exercise.id}`;
  const helps = serves.map((id) => contributorName(kb, id));
  return (
    <li class="card exercise-card">
      <div class="exercise-head">
        <h3 id={headingId}>{title}</h3>
        <p class="tags">
          <span class="tag">{exercise.kind === 'stretch' ? 'Stretch' : 'Strengthening'}</span>
          {exercise.gentle && <span class="tag">Gentle</span>}
          {doneToday > 0 && (
            <span class="tag tag-done">
              <span aria-hidden="true">✓ </span>
              {doneToday >= timesPerDay
                ? 'Done today'
                : `Done ${doneToday} of ${timesPerDay} times today`}
            </span>
          )}
        </p>
      </div>
      {detail && <p class="muted">{capitalFirst(detail)}.</p>}
      <div class="exercise-body">
        <div class="exercise-figure">
          <ExerciseFigure
            keyframes={exercise.keyframes}
            title={`${title}: illustration`}
            playing={playing}
            width={220}
            height={170}
          />
          {!reduced && (
            <button
              type="button"
              class="figure-toggle"
              aria-pressed={playing}
              onClick={() => {
                setPlaying((p) => !p);
              }}
            >
              {playing ? 'Stop the movement' : 'Show the movement'}
              <span class="visually-hidden">: {title}</span>
            </button>
          )}
        </div>
        <div class="exercise-text">
          <p>{exercise.purpose}</p>
          <p class="dosage">
            <strong>How much:</strong> {dosage}.
          </p>
          <ExerciseNote note={note} />
          {helps.length > 0 && (
            <p class="small">
              <strong>Helps with:</strong> {helps.join(', ')}
            </p>
          )}
          {cautions.length > 0 && (
            <Notice tone="warning" title="Take extra care">
              <ul>
                {cautions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </Notice>
          )}
          <p class="small muted">Source: {sourceTitles(exercise.sources, kb).join('; ')}</p>
        </div>
      </div>
    </li>
  );
}

const capitalFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function SelfCare({ programme }: { programme: ProgrammeView }) {
  if (programme.selfCareDetails.length === 0) return null;
  return (
    <>
      <h2>Looking after your back through the day</h2>
      <ul class="self-care-list">
        {programme.selfCareDetails.map((pick) => {
          const item = kb.selfCare.find((s) => s.id === pick.id);
          if (!item) return null;
          return (
            <li key={pick.id} class="card">
              <h3 class="card-heading">{item.name}</h3>
              <p>
                <strong>Why for you:</strong> {pick.why}
              </p>
              <p>
                <strong>When:</strong> {item.when}
                {item.minutes &&
                  ` For ${item.minutes.min} to ${item.minutes.max} minutes at a time.`}
              </p>
              <details>
                <summary>How to do it</summary>
                <ol class="steps">
                  {item.steps.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ol>
              </details>
              {item.cautions.length > 0 && (
                <>
                  <p class="notice-title">Take care</p>
                  <ul>
                    {item.cautions.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </>
              )}
              <p class="small muted">Source: {sourceTitles(item.sources, kb).join('; ')}</p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
