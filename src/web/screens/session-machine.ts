// The session player's state machine: one exercise at a time, its sets and sides, holds (counted down) or
// repetitions (counted), pause and skip, the questions after it, and the stop rules' changes moving the
// session on to a gentler replacement. Pure: time comes in with the events, as milliseconds (Date.now()).
import type { PlanItem, PrescribedDosage } from '../../engine/plan.js';
import type { ProgrammeChange } from '../../engine/session.js';
import type { ExerciseId } from '../../kb/types.js';

/** Seconds of rest between two holds. */
export const REST_SECONDS = 10;

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
  /** Before a block: get into position, then Start. Paused holds the picture still. */
  | { kind: 'ready'; paused: boolean }
  /** Holding: `rep` is 1-based; running while `endsAt` is set, paused when it is null. */
  | { kind: 'hold'; rep: number; remainingMs: number; endsAt: number | null }
  /** Resting before hold `rep`. */
  | { kind: 'rest'; rep: number; remainingMs: number; endsAt: number | null }
  /** Counting repetitions. */
  | { kind: 'reps'; count: number; paused: boolean }
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
  /** The programme's items as last loaded. */
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
  /** One repetition done. */
  | { type: 'count' }
  /** "Done": the set's repetitions are finished (counted or not). */
  | { type: 'finish-set' }
  /** Stop this exercise now (it hurts): straight to the questions. */
  | { type: 'stop-early'; now: number }
  | { type: 'skip' }
  /** The exercise was logged; `items` is the reloaded programme's (null when it could not be reloaded). */
  | {
      type: 'logged';
      answers: Answers;
      changes: ProgrammeChange[];
      warningCheckRequired: boolean;
      /** Pain spread down the leg: the session ends for today. */
      stoppedForToday: boolean;
      items: PlanItem[] | null;
    }
  /** The session cannot go on (a 409: the programme is paused, or the warning-sign check is due). */
  | { type: 'halt'; reason: StopReason };

const MS = 1000;

function runFor(item: PlanItem): ExerciseRun {
  return {
    exerciseId: item.exerciseId,
    dosage: item.dosage,
    blocks: blocksOf(item.dosage),
    block: 0,
    stage: { kind: 'ready', paused: false },
    tally: { blocksDone: 0, holdsDone: 0, repsDone: 0, longestHoldMs: 0 },
  };
}

/** The exercises still to come, in order: replacements offered by the stop rules first, then the plan's order. */
export function upcoming(state: Pick<SessionState, 'items' | 'handled' | 'offered'>): PlanItem[] {
  const open = state.items.filter((i) => !state.handled.includes(i.exerciseId));
  const offered = state.offered.flatMap((id) => open.filter((i) => i.exerciseId === id));
  return [...offered, ...open.filter((i) => !state.offered.includes(i.exerciseId))];
}

/** Moves to the next exercise, or finishes. */
function advance(state: SessionState): SessionState {
  const [next] = upcoming(state);
  if (!next) return { ...state, current: null, status: 'finished' };
  return { ...state, current: runFor(next), status: 'running' };
}

/** A new session over the programme's items. */
export function startSession(items: readonly PlanItem[]): SessionState {
  return advance({
    items: [...items],
    handled: [],
    results: [],
    skipped: [],
    offered: [],
    current: null,
    status: 'running',
    stopReason: null,
  });
}

/** "Exercise 2 of 4": this one's number, and how many the session holds now (replacements included). */
export function positionOf(state: SessionState): { number: number; total: number } {
  const past = state.results.length + state.skipped.length;
  const ahead = upcoming(state).length;
  return { number: past + 1, total: past + ahead };
}

function completeBlock(run: ExerciseRun): ExerciseRun {
  const tally = { ...run.tally, blocksDone: run.tally.blocksDone + 1 };
  const block = run.block + 1;
  if (block < run.blocks.length) {
    return { ...run, tally, block, stage: { kind: 'ready', paused: false } };
  }
  return { ...run, tally, block: run.block, stage: { kind: 'questions', stoppedEarly: false } };
}

function holdStage(run: ExerciseRun, rep: number, now: number): Stage {
  const ms = run.dosage.amount * MS;
  return { kind: 'hold', rep, remainingMs: ms, endsAt: now + ms };
}

/** Time passing: a hold or a rest counts down, and moves on when it reaches zero. */
function tick(run: ExerciseRun, now: number): ExerciseRun {
  const s = run.stage;
  if ((s.kind !== 'hold' && s.kind !== 'rest') || s.endsAt === null) return run;
  const remainingMs = Math.max(0, s.endsAt - now);
  if (remainingMs > 0) {
    return remainingMs === s.remainingMs ? run : { ...run, stage: { ...s, remainingMs } };
  }
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
  return completeBlock({ ...run, tally });
}

function onRun(run: ExerciseRun, event: SessionEvent): ExerciseRun {
  const s = run.stage;
  switch (event.type) {
    case 'start':
      if (s.kind !== 'ready') return run;
      return {
        ...run,
        stage:
          run.dosage.unit === 'seconds'
            ? holdStage(run, 1, event.now)
            : { kind: 'reps', count: 0, paused: false },
      };
    case 'tick':
      return tick(run, event.now);
    case 'pause':
      if (s.kind === 'ready' || s.kind === 'reps') return { ...run, stage: { ...s, paused: true } };
      if ((s.kind === 'hold' || s.kind === 'rest') && s.endsAt !== null) {
        const remainingMs = Math.max(0, s.endsAt - event.now);
        return { ...run, stage: { ...s, remainingMs, endsAt: null } };
      }
      return run;
    case 'resume':
      if (s.kind === 'ready' || s.kind === 'reps')
        return { ...run, stage: { ...s, paused: false } };
      if ((s.kind === 'hold' || s.kind === 'rest') && s.endsAt === null) {
        return { ...run, stage: { ...s, endsAt: event.now + s.remainingMs } };
      }
      return run;
    case 'count': {
      if (s.kind !== 'reps' || s.paused) return run;
      const count = s.count + 1;
      const tally = { ...run.tally, repsDone: run.tally.repsDone + 1 };
      if (count >= run.dosage.amount) return completeBlock({ ...run, tally });
      return { ...run, tally, stage: { ...s, count } };
    }
    case 'finish-set': {
      if (s.kind !== 'reps') return run;
      // "Done" says the set is finished: the repetitions not tapped were done too.
      const rest = Math.max(0, run.dosage.amount - s.count);
      return completeBlock({
        ...run,
        tally: { ...run.tally, repsDone: run.tally.repsDone + rest },
      });
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
    return advance({
      ...state,
      handled: [...state.handled, run.exerciseId],
      skipped: [...state.skipped, run.exerciseId],
    });
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
    const next: SessionState = {
      ...state,
      items: event.items ?? state.items.filter((i) => !gone.has(i.exerciseId)),
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
    return advance(next);
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
  if (stage.kind !== 'hold' && stage.kind !== 'rest') return null;
  return Math.ceil(stage.remainingMs / MS);
}

/** Whether the countdown or the counting is paused (the picture holds still). */
export function isPaused(stage: Stage): boolean {
  switch (stage.kind) {
    case 'ready':
    case 'reps':
      return stage.paused;
    case 'hold':
    case 'rest':
      return stage.endsAt === null;
    case 'questions':
      return false;
  }
}

/** Whether a timer should tick: a hold or rest that is running. */
export function isCounting(stage: Stage): boolean {
  return (stage.kind === 'hold' || stage.kind === 'rest') && stage.endsAt !== null;
}
