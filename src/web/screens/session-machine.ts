// The session player's state machine for one sitting: one exercise at a time, its sets and sides, a get-ready
// countdown before each hold or set, holds counted down, repetitions counted by a pace (with "I lost count"),
// pause and skip, the questions after each exercise, and the stop rules' changes moving the sitting on to a
// gentler replacement. After the first Start it runs by itself: the next side, set or exercise follows its
// own get-ready countdown. Pure: time comes in with the events, as milliseconds (Date.now()).
import type { PlanItem, PrescribedDosage } from '../../engine/plan.js';
import type { ProgrammeChange } from '../../engine/session.js';
// The pace of each repetition: a small table of its own, not yet part of the knowledge base value (src/web/kb.ts).
import { secondsPerRep } from '../../kb/tempo.js';
import type { ExerciseId } from '../../kb/types.js';

/** Seconds of rest between two holds. */
export const REST_SECONDS = 10;
/** Seconds to get into position before each hold or set. */
export const GET_READY_SECONDS = 5;
/** Seconds before the next exercise of a running sitting: to read its steps and change position. */
export const NEXT_EXERCISE_SECONDS = 10;

export type Side = 'left' | 'right';

/** One stretch of work: one set (round) on one side, or on both together. */
export interface Block {
  /** 1-based. */
  set: number;
  side: Side | null;
}

/** The blocks of a dose in order: each set on the left and then the right, or once for both sides. */
export function blocksOf(d: PrescribedDosage): Block[] {
  const sides: (Side | null)[] = d.sides === 'each' ? ['left', 'right'] : [null];
  const out: Block[] = [];
  for (let set = 1; set <= Math.max(1, d.sets); set++) {
    for (const side of sides) out.push({ set, side });
  }
  return out;
}

export type Stage =
  /** The sitting's first exercise, before Start: read the steps. Paused holds the picture still. */
  | { kind: 'ready'; paused: boolean }
  /** Getting into position before a hold or a set; running while `endsAt` is set. */
  | { kind: 'getready'; remainingMs: number; endsAt: number | null; totalMs: number }
  /** Holding: `rep` is 1-based; running while `endsAt` is set, paused when it is null. */
  | { kind: 'hold'; rep: number; remainingMs: number; endsAt: number | null }
  /** Resting before hold `rep`. */
  | { kind: 'rest'; rep: number; remainingMs: number; endsAt: number | null }
  /**
   * Repetitions to a pace: one every `beatMs`, counted by the player. Running while `nextAt` (the next
   * beat) is set; paused, `toNextMs` is what was left of the beat.
   */
  | { kind: 'reps'; count: number; beatMs: number; nextAt: number | null; toNextMs: number }
  /** The questions after the exercise; `stoppedEarly` when the person stopped it. */
  | { kind: 'questions'; stoppedEarly: boolean };

export interface Tally {
  blocksDone: number;
  holdsDone: number;
  repsDone: number;
  /** The longest hold, in milliseconds: the full hold once one is complete. */
  longestHoldMs: number;
}

export interface ExerciseRun {
  exerciseId: ExerciseId;
  dosage: PrescribedDosage;
  blocks: Block[];
  /** Index into `blocks`. */
  block: number;
  stage: Stage;
  tally: Tally;
}

/** The answers after one exercise, each given with a deliberate tap. */
export interface Answers {
  /** "Was it too easy?": the only answer progression reads. */
  tooEasy: boolean;
  painSharper: boolean;
  painSpread: boolean;
  newNumbnessOrWeakness: boolean;
}

/** One exercise done and logged, with what the stop rules and progression did then. */
export interface ExerciseResult {
  exerciseId: ExerciseId;
  answers: Answers;
  changes: ProgrammeChange[];
}

/**
 * Why a session ended early: the warning-sign questions are due (new numbness or weakness, or a second
 * spreading within a week), the programme is paused, or pain spread down the leg (no more exercise today).
 */
export type StopReason = 'warning-check' | 'paused' | 'rest-today';

export interface SessionState {
  /** The sitting this is: every exercise logged in it carries this id. */
  sittingId: string;
  /** The local date the sitting began (it stays that day's sitting past midnight). */
  date: string;
  /** The programme's items due in this sitting, as last loaded. */
  items: PlanItem[];
  /** Done, skipped, or not to be offered again in this session. */
  handled: ExerciseId[];
  results: ExerciseResult[];
  skipped: ExerciseId[];
  /** Replacements the stop rules offered, to come next. */
  offered: ExerciseId[];
  current: ExerciseRun | null;
  status: 'running' | 'finished' | 'stopped';
  stopReason: StopReason | null;
}

export type SessionEvent =
  | { type: 'start'; now: number }
  | { type: 'tick'; now: number }
  | { type: 'pause'; now: number }
  | { type: 'resume'; now: number }
  /** A repetition done ahead of the pace: counted now, and the pace starts again from here. */
  | { type: 'count'; now: number }
  /** "I lost count": one more or one fewer than counted. */
  | { type: 'adjust'; by: 1 | -1; now: number }
  /** "Done": the set's repetitions are finished (counted or not). */
  | { type: 'finish-set'; now: number }
  /** Stop this exercise now (it hurts): straight to the questions. */
  | { type: 'stop-early'; now: number }
  | { type: 'skip'; now: number }
  /** The exercise was logged; `items` is the reloaded programme's (null when it could not be reloaded). */
  | {
      type: 'logged';
      answers: Answers;
      changes: ProgrammeChange[];
      warningCheckRequired: boolean;
      /** Pain spread down the leg: the session ends for today. */
      stoppedForToday: boolean;
      items: PlanItem[] | null;
      now: number;
    }
  /** The session cannot go on (a 409: the programme is paused, or the warning-sign check is due). */
  | { type: 'halt'; reason: StopReason };

const MS = 1000;

function getReady(ms: number, now: number | null): Stage {
  return { kind: 'getready', remainingMs: ms, endsAt: now === null ? null : now + ms, totalMs: ms };
}

function runFor(item: PlanItem, now: number | null): ExerciseRun {
  return {
    exerciseId: item.exerciseId,
    dosage: item.dosage,
    blocks: blocksOf(item.dosage),
    block: 0,
    // The sitting's first exercise waits for Start; later ones follow their own countdown.
    stage:
      now === null ? { kind: 'ready', paused: false } : getReady(NEXT_EXERCISE_SECONDS * MS, now),
    tally: { blocksDone: 0, holdsDone: 0, repsDone: 0, longestHoldMs: 0 },
  };
}

/** The exercises still to come, in order: replacements offered by the stop rules first, then the plan's order. */
export function upcoming(state: Pick<SessionState, 'items' | 'handled' | 'offered'>): PlanItem[] {
  const open = state.items.filter((i) => !state.handled.includes(i.exerciseId));
  const offered = state.offered.flatMap((id) => open.filter((i) => i.exerciseId === id));
  return [...offered, ...open.filter((i) => !state.offered.includes(i.exerciseId))];
}

/** Moves to the next exercise (its countdown starting at `now`, or waiting for Start), or finishes. */
function advance(state: SessionState, now: number | null): SessionState {
  const [next] = upcoming(state);
  if (!next) return { ...state, current: null, status: 'finished' };
  return { ...state, current: runFor(next, now), status: 'running' };
}

/** A sitting over the items due in it; the first exercise waits for Start. */
export function startSession(
  items: readonly PlanItem[],
  sitting: { sittingId: string; date: string } = { sittingId: 'sitting', date: '' },
): SessionState {
  return advance(
    {
      sittingId: sitting.sittingId,
      date: sitting.date,
      items: [...items],
      handled: [],
      results: [],
      skipped: [],
      offered: [],
      current: null,
      status: 'running',
      stopReason: null,
    },
    null,
  );
}

/** "Exercise 2 of 4": this one's number, and how many the session holds now (replacements included). */
export function positionOf(state: SessionState): { number: number; total: number } {
  const past = state.results.length + state.skipped.length;
  const ahead = upcoming(state).length;
  return { number: past + 1, total: past + ahead };
}

function completeBlock(run: ExerciseRun, now: number): ExerciseRun {
  const tally = { ...run.tally, blocksDone: run.tally.blocksDone + 1 };
  const block = run.block + 1;
  if (block < run.blocks.length) {
    return { ...run, tally, block, stage: getReady(GET_READY_SECONDS * MS, now) };
  }
  return { ...run, tally, block: run.block, stage: { kind: 'questions', stoppedEarly: false } };
}

function holdStage(run: ExerciseRun, rep: number, now: number): Stage {
  const ms = run.dosage.amount * MS;
  return { kind: 'hold', rep, remainingMs: ms, endsAt: now + ms };
}

function repsStage(run: ExerciseRun, now: number): Stage {
  const beatMs = secondsPerRep(run.exerciseId) * MS;
  return { kind: 'reps', count: 0, beatMs, nextAt: now + beatMs, toNextMs: beatMs };
}

/** After the get-ready countdown: the first hold, or the first repetition's beat. */
function work(run: ExerciseRun, now: number): ExerciseRun {
  return {
    ...run,
    stage: run.dosage.unit === 'seconds' ? holdStage(run, 1, now) : repsStage(run, now),
  };
}

/** Counted repetitions: at the set's number the block is complete. */
function withCount(
  run: ExerciseRun,
  count: number,
  now: number,
  nextAt: number | null,
): ExerciseRun {
  const s = run.stage;
  if (s.kind !== 'reps') return run;
  const target = run.dosage.amount;
  const clamped = Math.max(0, Math.min(target, count));
  const tally = { ...run.tally, repsDone: run.tally.repsDone + (clamped - s.count) };
  if (clamped >= target) return completeBlock({ ...run, tally }, now);
  return { ...run, tally, stage: { ...s, count: clamped, nextAt } };
}

/** Time passing: a countdown counts down and moves on at zero; the pace counts its beats. */
function tick(run: ExerciseRun, now: number): ExerciseRun {
  const s = run.stage;
  if (s.kind === 'reps') {
    if (s.nextAt === null || now < s.nextAt) return run;
    const beats = 1 + Math.floor((now - s.nextAt) / s.beatMs);
    return withCount(run, s.count + beats, now, s.nextAt + beats * s.beatMs);
  }
  if ((s.kind !== 'hold' && s.kind !== 'rest' && s.kind !== 'getready') || s.endsAt === null) {
    return run;
  }
  const remainingMs = Math.max(0, s.endsAt - now);
  if (remainingMs > 0) {
    return remainingMs === s.remainingMs ? run : { ...run, stage: { ...s, remainingMs } };
  }
  if (s.kind === 'getready') return work(run, now);
  if (s.kind === 'rest') return { ...run, stage: holdStage(run, s.rep, now) };
  const tally = {
    ...run.tally,
    holdsDone: run.tally.holdsDone + 1,
    longestHoldMs: run.dosage.amount * MS,
  };
  if (s.rep < run.dosage.repeats) {
    const ms = REST_SECONDS * MS;
    return {
      ...run,
      tally,
      stage: { kind: 'rest', rep: s.rep + 1, remainingMs: ms, endsAt: now + ms },
    };
  }
  return completeBlock({ ...run, tally }, now);
}

function onRun(run: ExerciseRun, event: SessionEvent): ExerciseRun {
  const s = run.stage;
  switch (event.type) {
    case 'start':
      if (s.kind !== 'ready') return run;
      return { ...run, stage: getReady(GET_READY_SECONDS * MS, event.now) };
    case 'tick':
      return tick(run, event.now);
    case 'pause':
      if (s.kind === 'ready') return { ...run, stage: { ...s, paused: true } };
      if (s.kind === 'reps' && s.nextAt !== null) {
        return {
          ...run,
          stage: { ...s, nextAt: null, toNextMs: Math.max(0, s.nextAt - event.now) },
        };
      }
      if ((s.kind === 'hold' || s.kind === 'rest' || s.kind === 'getready') && s.endsAt !== null) {
        const remainingMs = Math.max(0, s.endsAt - event.now);
        return { ...run, stage: { ...s, remainingMs, endsAt: null } };
      }
      return run;
    case 'resume':
      if (s.kind === 'ready') return { ...run, stage: { ...s, paused: false } };
      if (s.kind === 'reps' && s.nextAt === null) {
        return { ...run, stage: { ...s, nextAt: event.now + s.toNextMs } };
      }
      if ((s.kind === 'hold' || s.kind === 'rest' || s.kind === 'getready') && s.endsAt === null) {
        return { ...run, stage: { ...s, endsAt: event.now + s.remainingMs } };
      }
      return run;
    case 'count':
      if (s.kind !== 'reps') return run;
      // Paused stays paused; running, the pace starts again from this repetition.
      return withCount(
        run,
        s.count + 1,
        event.now,
        s.nextAt === null ? null : event.now + s.beatMs,
      );
    case 'adjust':
      if (s.kind !== 'reps') return run;
      return withCount(run, s.count + event.by, event.now, s.nextAt);
    case 'finish-set': {
      if (s.kind !== 'reps') return run;
      // "Done" says the set is finished: the repetitions not counted were done too.
      return withCount(run, run.dosage.amount, event.now, null);
    }
    case 'stop-early': {
      if (s.kind === 'questions') return run;
      let tally = run.tally;
      if (s.kind === 'hold') {
        const remaining = s.endsAt === null ? s.remainingMs : Math.max(0, s.endsAt - event.now);
        const held = run.dosage.amount * MS - remaining;
        tally = { ...tally, longestHoldMs: Math.max(tally.longestHoldMs, held) };
      }
      return { ...run, tally, stage: { kind: 'questions', stoppedEarly: true } };
    }
    case 'skip':
    case 'logged':
    case 'halt':
      return run;
  }
}

/** The machine: the next state for an event. Events that do not fit the current stage change nothing. */
export function sessionReducer(state: SessionState, event: SessionEvent): SessionState {
  if (state.status !== 'running') return state;
  if (event.type === 'halt') {
    return { ...state, current: null, status: 'stopped', stopReason: event.reason };
  }
  const run = state.current;
  if (!run) return state;
  if (event.type === 'skip') {
    if (run.stage.kind === 'questions') return state;
    return advance(
      {
        ...state,
        handled: [...state.handled, run.exerciseId],
        skipped: [...state.skipped, run.exerciseId],
      },
      event.now,
    );
  }
  if (event.type === 'logged') {
    if (run.stage.kind !== 'questions') return state;
    const result: ExerciseResult = {
      exerciseId: run.exerciseId,
      answers: event.answers,
      changes: event.changes,
    };
    // A harder exercise that progression brought in is for next time: its easier version was just done.
    const progressedTo = event.changes.flatMap((c) =>
      c.change === 'progressed' && c.by ? [c.by] : [],
    );
    const replacements = event.changes.flatMap((c) =>
      c.change === 'replaced' && c.by ? [c.by] : [],
    );
    const gone = new Set(
      event.changes.filter((c) => c.change !== 'progressed' || c.by).map((c) => c.exerciseId),
    );
    // The reloaded plan may hold exercises not due in this sitting: only those due stay, plus replacements.
    const due = new Set<string>([...state.items.map((i) => i.exerciseId), ...replacements]);
    const next: SessionState = {
      ...state,
      items: event.items
        ? event.items.filter((i) => due.has(i.exerciseId))
        : state.items.filter((i) => !gone.has(i.exerciseId)),
      handled: [...state.handled, run.exerciseId, ...progressedTo],
      results: [...state.results, result],
      offered: [...state.offered, ...replacements],
    };
    // New numbness or weakness: the warning-sign questions at once, before anything else.
    if (event.warningCheckRequired || event.answers.newNumbnessOrWeakness) {
      return { ...next, current: null, status: 'stopped', stopReason: 'warning-check' };
    }
    if (event.stoppedForToday || event.answers.painSpread) {
      return { ...next, current: null, status: 'stopped', stopReason: 'rest-today' };
    }
    return advance(next, event.now);
  }
  const updated = onRun(run, event);
  return updated === run ? state : { ...state, current: updated };
}

/** What was done of the exercise, for its log entry (the API's `done`). */
export function doneOf(run: ExerciseRun): { sets: number; reps: number; holdSeconds?: number } {
  const perSet = run.dosage.sides === 'each' ? 2 : 1;
  const sets = Math.floor(run.tally.blocksDone / perSet);
  if (run.dosage.unit === 'seconds') {
    // For holds, `reps` counts the holds done, on every side and in every set.
    return {
      sets,
      reps: run.tally.holdsDone,
      holdSeconds: Math.floor(run.tally.longestHoldMs / MS),
    };
  }
  return { sets, reps: run.tally.repsDone };
}

/** Whole seconds left on a running or paused countdown, rounded up (what the big numbers show). */
export function secondsLeft(stage: Stage): number | null {
  if (stage.kind !== 'hold' && stage.kind !== 'rest' && stage.kind !== 'getready') return null;
  return Math.ceil(stage.remainingMs / MS);
}

/** Whether the countdown or the counting is paused (the picture holds still). */
export function isPaused(stage: Stage): boolean {
  switch (stage.kind) {
    case 'ready':
      return stage.paused;
    case 'reps':
      return stage.nextAt === null;
    case 'getready':
    case 'hold':
    case 'rest':
      return stage.endsAt === null;
    case 'questions':
      return false;
  }
}

/** When the machine next needs a tick (a countdown's next whole second, or the next beat), or null. */
export function nextTickAt(stage: Stage, now: number): number | null {
  if (stage.kind === 'reps') return stage.nextAt;
  if (
    (stage.kind === 'hold' || stage.kind === 'rest' || stage.kind === 'getready') &&
    stage.endsAt !== null
  ) {
    const ms = stage.endsAt - now;
    return now + (ms <= 0 ? 0 : ms % MS || MS);
  }
  return null;
}

/** Whether a timer should tick: a countdown or a pace that is running. */
export function isCounting(stage: Stage): boolean {
  return nextTickAt(stage, 0) !== null;
}
