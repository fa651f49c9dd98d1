// The session figure's motion at each stage, driven through the session machine's own events.
import { describe, expect, it } from 'vitest';
import { startingDosage, type PlanItem } from '../../engine/plan.js';
import {
  FIGURE_MOVE_MS,
  heldPose,
  isSettled,
  momentOf,
  motionPose,
  startPose,
} from '../../figure/model.js';
import { knowledgeBase } from '../../kb/index.js';
import type { ExerciseId } from '../../kb/types.js';
import {
  GET_READY_SECONDS,
  REST_SECONDS,
  sessionReducer,
  startSession,
  type SessionEvent,
  type SessionState,
} from './session-machine.js';
import { figureMotionOf } from './session-motion.js';

function item(id: ExerciseId): PlanItem {
  const ex = knowledgeBase.exercises.find((e) => e.id === id);
  if (!ex) throw new Error(id);
  return {
    exerciseId: id,
    kind: ex.kind,
    dosage: startingDosage(ex.dosage),
    timesPerDay: 1,
    serves: [],
    cautions: [],
  };
}

const run = (state: SessionState, ...events: SessionEvent[]) =>
  events.reduce(sessionReducer, state);

function motion(state: SessionState) {
  if (!state.current) throw new Error('no current exercise');
  return figureMotionOf(state.current);
}

/** The moment the first hold or the pace begins: Start at 0 plus the get-ready countdown. */
const T0 = 1_700_000_000_000 + GET_READY_SECONDS * 1000;
/** Start, then the get-ready countdown: the hold or pace begins at T0. */
const began = (items: PlanItem[]) =>
  run(
    startSession(items),
    { type: 'start', now: T0 - GET_READY_SECONDS * 1000 },
    { type: 'tick', now: T0 },
  );

describe('figureMotionOf', () => {
  const hold = item('knee-to-chest');
  const holdMs = hold.dosage.amount * 1000;

  it('loops the movement before Start, and shows the start position still while getting ready', () => {
    expect(motion(startSession([hold]))).toEqual({ kind: 'demo' });
    expect(motion(startSession([item('glute-bridge')]))).toEqual({ kind: 'demo' });
    const ready = run(startSession([hold]), { type: 'start', now: 0 });
    expect(motion(ready)).toEqual({ kind: 'rest', msIntoRest: REST_SECONDS * 1000 });
  });

  it('counts time into a hold from its countdown, and keeps it while paused', () => {
    expect(hold.dosage.unit).toBe('seconds');
    const started = began([hold]);
    expect(motion(started)).toEqual({ kind: 'hold', msIntoHold: 0 });
    const later = run(started, { type: 'tick', now: T0 + 3000 });
    expect(motion(later)).toEqual({ kind: 'hold', msIntoHold: 3000 });
    const paused = run(started, { type: 'pause', now: T0 + 700 });
    expect(motion(paused)).toEqual({ kind: 'hold', msIntoHold: 700 });
    // Time passing while paused does not move it on.
    expect(motion(run(paused, { type: 'tick', now: T0 + 9000 }))).toEqual({
      kind: 'hold',
      msIntoHold: 700,
    });
  });

  it('moves back out at the start of the rest, then into the next hold', () => {
    const rest = run(began([hold]), { type: 'tick', now: T0 + holdMs });
    expect(motion(rest)).toEqual({ kind: 'rest', msIntoRest: 0 });
    const resting = run(rest, { type: 'tick', now: T0 + holdMs + 4000 });
    expect(motion(resting)).toEqual({ kind: 'rest', msIntoRest: 4000 });
    const next = run(rest, { type: 'tick', now: T0 + holdMs + REST_SECONDS * 1000 });
    expect(motion(next)).toEqual({ kind: 'hold', msIntoHold: 0 });
  });

  it('counts repetitions for a repetition exercise', () => {
    const bridge = item('glute-bridge');
    expect(bridge.dosage.unit).toBe('reps');
    const started = began([bridge]);
    expect(motion(started)).toEqual({ kind: 'reps', count: 0 });
    // The pace counts: the bridge's beat is 4 seconds.
    expect(motion(run(started, { type: 'tick', now: T0 + 8000 }))).toEqual({
      kind: 'reps',
      count: 2,
    });
  });

  it('through a whole hold the figure is in the held pose, still, from the end of the move-in to the rest', () => {
    const keyframes = knowledgeBase.exercises.find((e) => e.id === hold.exerciseId)?.keyframes;
    if (!keyframes) throw new Error('no keyframes');
    let state = began([hold]);
    const poses = [];
    // The player re-renders at every whole second; between ticks the figure runs on by itself.
    for (let ms = 0; ms < holdMs; ms += 500) {
      state = run(state, { type: 'tick', now: T0 + Math.floor(ms / 1000) * 1000 });
      const m = motion(state);
      const sinceTick = ms % 1000;
      const moment = momentOf(m, sinceTick, 6000);
      if (ms >= FIGURE_MOVE_MS) {
        expect(isSettled(moment), `settled at ${ms} ms`).toBe(true);
        poses.push(motionPose(keyframes, moment));
      } else {
        expect(isSettled(moment), `moving at ${ms} ms`).toBe(false);
      }
    }
    expect(poses.length).toBeGreaterThan(50);
    for (const pose of poses) expect(pose).toStrictEqual(heldPose(keyframes));
    expect(heldPose(keyframes)).not.toEqual(startPose(keyframes));
  });
});
