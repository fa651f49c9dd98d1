import { describe, expect, it } from 'vitest';
import { startingDosage, type PlanItem, type PrescribedDosage } from '../../engine/plan.js';
import { knowledgeBase } from '../../kb/index.js';
import type { ExerciseId } from '../../kb/types.js';
import {
  blocksOf,
  doneOf,
  GET_READY_SECONDS,
  isCounting,
  isPaused,
  NEXT_EXERCISE_SECONDS,
  nextTickAt,
  positionOf,
  REST_SECONDS,
  secondsLeft,
  sessionReducer,
  startSession,
  upcoming,
  type Answers,
  type SessionEvent,
  type SessionState,
} from './session-machine.js';
import { blockLabel, blockWhere, cueFor, stageLabel } from './session-words.js';

function item(id: ExerciseId, dose: Partial<PrescribedDosage> = {}): PlanItem {
  const ex = knowledgeBase.exercises.find((e) => e.id === id);
  if (!ex) throw new Error(id);
  return {
    exerciseId: id,
    kind: ex.kind,
    dosage: { ...startingDosage(ex.dosage), ...dose },
    timesPerDay: ex.dosage.timesPerDay.min,
    serves: [],
    cautions: [],
  };
}

const run = (state: SessionState, ...events: SessionEvent[]) =>
  events.reduce(sessionReducer, state);
const current = (state: SessionState) => {
  if (!state.current) throw new Error('no current exercise');
  return state.current;
};
const FINE: Answers = {
  tooEasy: false,
  painSharper: false,
  painSpread: false,
  newNumbnessOrWeakness: false,
};

/** The get-ready countdown before each hold or set, in milliseconds. */
const G = GET_READY_SECONDS * 1000;
/** Start at 0, then the get-ready countdown ends at G: the first hold or the pace begins then. */
const started = (items: PlanItem[]) =>
  run(startSession(items), { type: 'start', now: 0 }, { type: 'tick', now: G });

/** Knee to chest: hold 30 s, 3 times, each leg. */
const KNEE = item('knee-to-chest');
/** Bridge: 20 repetitions. */
const BRIDGE = item('glute-bridge');
/** Hip hinge: 2 rounds of 10 repetitions. */
const HINGE = item('good-morning-modified');

describe('blocksOf', () => {
  it('does each set on the left and then the right', () => {
    expect(blocksOf({ ...KNEE.dosage, sets: 2 })).toEqual([
      { set: 1, side: 'left' },
      { set: 1, side: 'right' },
      { set: 2, side: 'left' },
      { set: 2, side: 'right' },
    ]);
  });

  it('names the side and the round of each block', () => {
    let s = started([item('knee-to-chest', { sets: 2 })]);
    expect(blockWhere(current(s))).toBe('Left leg, round 1 of 2');
    expect(blockLabel(current(s))).toBe('Round 1 of 2: left leg first');
    for (const t of [30_000, 40_000, 70_000, 80_000, 110_000])
      s = run(s, { type: 'tick', now: G + t });
    expect(blockLabel(current(s))).toBe('Round 1 of 2: now the right leg');
    expect(blockWhere(startSession([BRIDGE]).current ?? current(s))).toBeNull();
  });

  it('does both sides together once per set when there are no sides', () => {
    expect(blocksOf(HINGE.dosage)).toEqual([
      { set: 1, side: null },
      { set: 2, side: null },
    ]);
  });
});

describe('holds', () => {
  it('get ready, count down, rest between holds, then the right leg after its own countdown: no tap between', () => {
    let s = startSession([KNEE, BRIDGE], { sittingId: 'sitting-1', date: '2026-11-20' });
    expect(s.sittingId).toBe('sitting-1');
    expect(current(s).stage).toEqual({ kind: 'ready', paused: false });
    expect(blockLabel(current(s))).toBe('Left leg first');

    s = run(s, { type: 'start', now: 0 });
    expect(current(s).stage).toMatchObject({ kind: 'getready', totalMs: G });
    expect(secondsLeft(current(s).stage)).toBe(GET_READY_SECONDS);
    expect(stageLabel(current(s))).toBe('Left leg first: get into position');
    // The hold timer does not start while the person gets down onto the floor.
    s = run(s, { type: 'tick', now: G - 1 });
    expect(current(s).stage.kind).toBe('getready');

    s = run(s, { type: 'tick', now: G });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 1 });
    expect(secondsLeft(current(s).stage)).toBe(30);
    expect(stageLabel(current(s))).toBe('Hold 1 of 3');

    s = run(s, { type: 'tick', now: G + 1000 });
    expect(secondsLeft(current(s).stage)).toBe(29);
    s = run(s, { type: 'tick', now: G + 30_000 });
    expect(current(s).stage).toMatchObject({ kind: 'rest', rep: 2 });
    expect(secondsLeft(current(s).stage)).toBe(REST_SECONDS);
    s = run(s, { type: 'tick', now: G + 40_000 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 2 });
    s = run(s, { type: 'tick', now: G + 70_000 }, { type: 'tick', now: G + 80_000 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 3 });

    s = run(s, { type: 'tick', now: G + 110_000 });
    expect(current(s).block).toBe(1);
    expect(current(s).stage).toMatchObject({ kind: 'getready' });
    expect(blockLabel(current(s))).toBe('Now the right leg');
    expect(blockWhere(current(s))).toBe('Right leg');
    expect(current(s).tally.holdsDone).toBe(3);

    const t0 = G + 110_000;
    s = run(
      s,
      { type: 'tick', now: t0 + G },
      { type: 'tick', now: t0 + G + 30_000 },
      { type: 'tick', now: t0 + G + 40_000 },
      { type: 'tick', now: t0 + G + 70_000 },
      { type: 'tick', now: t0 + G + 80_000 },
      { type: 'tick', now: t0 + G + 110_000 },
    );
    expect(current(s).stage).toEqual({ kind: 'questions', stoppedEarly: false });
    expect(doneOf(current(s))).toEqual({ sets: 1, reps: 6, holdSeconds: 30 });
  });

  it('a tick before the end only updates the seconds left', () => {
    const s = run(started([KNEE]), { type: 'tick', now: G + 12_400 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 1, remainingMs: 17_600 });
    expect(secondsLeft(current(s).stage)).toBe(18);
  });

  it('pause freezes the countdown and resume carries on from the same second', () => {
    let s = run(started([KNEE]), { type: 'pause', now: G + 5_000 });
    expect(isPaused(current(s).stage)).toBe(true);
    expect(isCounting(current(s).stage)).toBe(false);
    s = run(s, { type: 'tick', now: 60_000 });
    expect(secondsLeft(current(s).stage)).toBe(25);
    expect(current(s).stage.kind).toBe('hold');

    s = run(s, { type: 'resume', now: 60_000 }, { type: 'tick', now: 84_000 });
    expect(isPaused(current(s).stage)).toBe(false);
    expect(secondsLeft(current(s).stage)).toBe(1);
    s = run(s, { type: 'tick', now: 85_000 });
    expect(current(s).stage.kind).toBe('rest');
  });

  it('the get-ready countdown pauses too', () => {
    let s = run(startSession([KNEE]), { type: 'start', now: 0 }, { type: 'pause', now: 2_000 });
    s = run(s, { type: 'tick', now: 99_000 });
    expect(current(s).stage).toMatchObject({ kind: 'getready', remainingMs: 3_000, endsAt: null });
    s = run(s, { type: 'resume', now: 100_000 }, { type: 'tick', now: 103_000 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 1 });
  });

  it('pausing a rest keeps its time too', () => {
    let s = run(
      started([KNEE]),
      { type: 'tick', now: G + 30_000 },
      { type: 'tick', now: G + 33_000 },
      { type: 'pause', now: G + 33_000 },
      { type: 'tick', now: 99_000 },
    );
    expect(current(s).stage).toMatchObject({ kind: 'rest', remainingMs: 7_000, endsAt: null });
    s = run(s, { type: 'resume', now: 100_000 }, { type: 'tick', now: 107_000 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 2, endsAt: 137_000 });
  });

  it('the picture can be paused before Start, and Start still works after Resume', () => {
    let s = run(startSession([KNEE]), { type: 'pause', now: 0 });
    expect(current(s).stage).toEqual({ kind: 'ready', paused: true });
    s = run(s, { type: 'resume', now: 1 }, { type: 'start', now: 2 });
    expect(current(s).stage.kind).toBe('getready');
  });

  it('stopping early goes straight to the questions and records how long the hold lasted', () => {
    const s = run(
      started([KNEE]),
      { type: 'tick', now: G + 12_000 },
      { type: 'stop-early', now: G + 12_500 },
    );
    expect(current(s).stage).toEqual({ kind: 'questions', stoppedEarly: true });
    expect(doneOf(current(s))).toEqual({ sets: 0, reps: 0, holdSeconds: 12 });
  });

  it('says when it next needs a tick: the next whole second, or nothing while paused', () => {
    const s = run(started([KNEE]), { type: 'tick', now: G + 400 });
    expect(nextTickAt(current(s).stage, G + 400)).toBe(G + 1000);
    const paused = run(s, { type: 'pause', now: G + 500 });
    expect(nextTickAt(current(paused).stage, G + 500)).toBeNull();
  });
});

describe('repetitions to a pace', () => {
  /** The bridge's pace, from the catalogue: a repetition every 4 seconds. */
  const BEAT = 4000;

  it('count themselves on the beat, up to the dose, then the questions: no tap per repetition', () => {
    let s = started([BRIDGE]);
    expect(current(s).stage).toMatchObject({ kind: 'reps', count: 0, beatMs: BEAT });
    expect(nextTickAt(current(s).stage, G)).toBe(G + BEAT);
    s = run(s, { type: 'tick', now: G + BEAT });
    expect(stageLabel(current(s))).toBe('1 of 20');
    s = run(s, { type: 'tick', now: G + 3 * BEAT + 10 });
    expect(stageLabel(current(s))).toBe('3 of 20');
    s = run(s, { type: 'tick', now: G + 20 * BEAT });
    expect(current(s).stage.kind).toBe('questions');
    expect(doneOf(current(s))).toEqual({ sets: 1, reps: 20 });
  });

  it('"I lost count" corrects the count either way, never below 0', () => {
    let s = run(started([BRIDGE]), { type: 'tick', now: G + 2 * BEAT });
    s = run(s, { type: 'adjust', by: -1, now: G + 2 * BEAT + 1 });
    expect(current(s).stage).toMatchObject({ kind: 'reps', count: 1 });
    expect(current(s).tally.repsDone).toBe(1);
    s = run(
      s,
      { type: 'adjust', by: -1, now: G + 2 * BEAT + 2 },
      { type: 'adjust', by: -1, now: G + 2 * BEAT + 3 },
    );
    expect(current(s).stage).toMatchObject({ count: 0 });
    s = run(s, { type: 'adjust', by: 1, now: G + 2 * BEAT + 4 });
    expect(current(s).stage).toMatchObject({ count: 1 });
  });

  it('pause holds the count and the beat; resume carries on with what was left of the beat', () => {
    let s = run(started([BRIDGE]), { type: 'pause', now: G + 1000 });
    expect(isPaused(current(s).stage)).toBe(true);
    s = run(s, { type: 'tick', now: G + 60_000 });
    expect(current(s).stage).toMatchObject({ count: 0, nextAt: null, toNextMs: 3000 });
    s = run(s, { type: 'resume', now: 100_000 }, { type: 'tick', now: 103_000 });
    expect(current(s).stage).toMatchObject({ count: 1 });
  });

  it('Done finishes the round with its repetitions, and the next round follows its countdown', () => {
    let s = run(started([HINGE]), { type: 'count', now: G + 10 });
    expect(blockLabel(current(s))).toBe('Round 1 of 2');
    s = run(s, { type: 'finish-set', now: G + 20 });
    expect(current(s).stage).toMatchObject({ kind: 'getready' });
    expect(blockLabel(current(s))).toBe('Round 2 of 2');
    expect(blockWhere(current(s))).toBe('Round 2 of 2');
    expect(current(s).tally.repsDone).toBe(10);
    s = run(s, { type: 'tick', now: G + 20 + G }, { type: 'finish-set', now: G + 20 + G + 1 });
    expect(current(s).stage.kind).toBe('questions');
    expect(doneOf(current(s))).toEqual({ sets: 2, reps: 20 });
  });

  it('each leg with repetitions: left, then "Now the right leg"', () => {
    let s = run(started([item('standing-march')]), { type: 'finish-set', now: G + 1 });
    expect(blockLabel(current(s))).toBe('Now the right leg');
    s = run(s, { type: 'tick', now: 2 * G + 1 }, { type: 'finish-set', now: 2 * G + 2 });
    expect(doneOf(current(s))).toEqual({ sets: 1, reps: 40 });
  });
});

describe('the session', () => {
  it('skip moves to the next exercise without questions, and counts it as skipped', () => {
    let s = startSession([KNEE, BRIDGE]);
    expect(positionOf(s)).toEqual({ number: 1, total: 2 });
    s = run(s, { type: 'start', now: 0 }, { type: 'skip', now: 1 });
    expect(current(s).exerciseId).toBe('glute-bridge');
    expect(s.skipped).toEqual(['knee-to-chest']);
    expect(positionOf(s)).toEqual({ number: 2, total: 2 });
    s = run(s, { type: 'skip', now: 2 });
    expect(s.status).toBe('finished');
    expect(s.current).toBeNull();
  });

  it('cannot skip the questions: pain reports are always asked for', () => {
    const s = run(started([BRIDGE, KNEE]), { type: 'finish-set', now: G + 1 });
    expect(run(s, { type: 'skip', now: G + 2 })).toBe(s);
  });

  it('a logged exercise moves on to the next in the plan', () => {
    let s = run(started([BRIDGE, KNEE]), { type: 'finish-set', now: G + 1 });
    s = run(s, {
      type: 'logged',
      answers: FINE,
      changes: [],
      warningCheckRequired: false,
      stoppedForToday: false,
      items: [BRIDGE, KNEE],
      now: 50_000,
    });
    expect(current(s).exerciseId).toBe('knee-to-chest');
    // The next exercise starts by itself, after time to read its steps and get into position.
    expect(current(s).stage).toMatchObject({
      kind: 'getready',
      totalMs: NEXT_EXERCISE_SECONDS * 1000,
      endsAt: 50_000 + NEXT_EXERCISE_SECONDS * 1000,
    });
    expect(s.results).toEqual([{ exerciseId: 'glute-bridge', answers: FINE, changes: [] }]);
  });

  it('the stop rules replacing an exercise offer the gentler one next, before the rest of the plan', () => {
    const strap = item('supine-hamstring-strap');
    const wall = item('hamstring-wall-stretch');
    let s = run(
      startSession([strap, KNEE, BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'stop-early', now: 3_000 },
    );
    const sharper: Answers = { ...FINE, painSharper: true };
    s = run(s, {
      type: 'logged',
      answers: sharper,
      changes: [
        { exerciseId: 'supine-hamstring-strap', change: 'replaced', by: 'hamstring-wall-stretch' },
      ],
      warningCheckRequired: false,
      stoppedForToday: false,
      // The engine puts the replacement where the dropped exercise was; put it last to prove the order is the session's.
      items: [KNEE, BRIDGE, wall],
      now: 1_000,
    });
    expect(current(s).exerciseId).toBe('hamstring-wall-stretch');
    expect(upcoming(s).map((i) => i.exerciseId)).toEqual([
      'hamstring-wall-stretch',
      'knee-to-chest',
      'glute-bridge',
    ]);
    expect(positionOf(s)).toEqual({ number: 2, total: 4 });
    expect(s.results[0]?.changes[0]?.change).toBe('replaced');
  });

  it('a dropped exercise with no replacement is not offered again, and the rest carry on', () => {
    let s = run(
      startSession([KNEE, BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'stop-early', now: 1 },
    );
    s = run(s, {
      type: 'logged',
      answers: { ...FINE, painSharper: true },
      changes: [{ exerciseId: 'knee-to-chest', change: 'dropped' }],
      warningCheckRequired: false,
      stoppedForToday: false,
      items: null,
      now: 1_000,
    });
    expect(current(s).exerciseId).toBe('glute-bridge');
    expect(s.items.map((i) => i.exerciseId)).toEqual(['glute-bridge']);
  });

  it('a harder exercise brought in by progression waits for the next session', () => {
    let s = run(
      startSession([item('abdominal-brace'), KNEE]),
      { type: 'start', now: 0 },
      { type: 'stop-early', now: 1 },
    );
    s = run(s, {
      type: 'logged',
      answers: { ...FINE, tooEasy: true },
      changes: [{ exerciseId: 'abdominal-brace', change: 'progressed', by: 'standing-march' }],
      warningCheckRequired: false,
      stoppedForToday: false,
      items: [item('standing-march'), KNEE],
      now: 1_000,
    });
    expect(current(s).exerciseId).toBe('knee-to-chest');
    expect(upcoming(s).map((i) => i.exerciseId)).toEqual(['knee-to-chest']);
  });

  it('stops when the warning-sign questions are due', () => {
    let s = run(
      startSession([KNEE, BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'stop-early', now: 1 },
    );
    s = run(s, {
      type: 'logged',
      answers: { ...FINE, painSpread: true },
      changes: [{ exerciseId: 'knee-to-chest', change: 'dropped' }],
      warningCheckRequired: true,
      stoppedForToday: false,
      items: [BRIDGE],
      now: 1_000,
    });
    expect(s.status).toBe('stopped');
    expect(s.stopReason).toBe('warning-check');
    expect(s.current).toBeNull();
    expect(s.results).toHaveLength(1);
    // Nothing moves a stopped session on.
    expect(run(s, { type: 'start', now: 2 })).toBe(s);
  });

  it('ends the session for today when pain spread down the leg, whatever else the plan holds', () => {
    let s = run(
      startSession([KNEE, BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'stop-early', now: 1 },
    );
    s = run(s, {
      type: 'logged',
      answers: { ...FINE, painSpread: true },
      changes: [{ exerciseId: 'knee-to-chest', change: 'dropped' }],
      warningCheckRequired: false,
      stoppedForToday: true,
      items: [BRIDGE],
      now: 1_000,
    });
    expect(s).toMatchObject({ status: 'stopped', stopReason: 'rest-today', current: null });
  });

  it('ends the session on spreading even when the answer was kept offline (no word from the record)', () => {
    let s = run(
      startSession([KNEE, BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'stop-early', now: 1 },
    );
    s = run(s, {
      type: 'logged',
      answers: { ...FINE, painSpread: true },
      changes: [],
      warningCheckRequired: false,
      stoppedForToday: false,
      items: null,
      now: 1_000,
    });
    expect(s.stopReason).toBe('rest-today');
  });

  it('sends the person to the warning-sign questions at once on new numbness or weakness', () => {
    let s = run(
      startSession([KNEE, BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'stop-early', now: 1 },
    );
    s = run(s, {
      type: 'logged',
      answers: { ...FINE, newNumbnessOrWeakness: true },
      changes: [],
      warningCheckRequired: false,
      stoppedForToday: false,
      items: null,
      now: 1_000,
    });
    expect(s).toMatchObject({ status: 'stopped', stopReason: 'warning-check' });
  });

  it('halts on a refusal (409) from the record', () => {
    const s = run(startSession([KNEE]), { type: 'halt', reason: 'paused' });
    expect(s).toMatchObject({ status: 'stopped', stopReason: 'paused', current: null });
  });

  it('ignores events that do not fit the stage', () => {
    const s = startSession([KNEE]);
    expect(run(s, { type: 'count', now: 0 })).toBe(s);
    expect(run(s, { type: 'tick', now: 99_999 })).toBe(s);
    expect(
      run(s, {
        type: 'logged',
        answers: FINE,
        changes: [],
        warningCheckRequired: false,
        stoppedForToday: false,
        items: null,
        now: 1,
      }),
    ).toBe(s);
    const holding = run(s, { type: 'start', now: 0 });
    expect(run(holding, { type: 'start', now: 5 })).toBe(holding);
    expect(run(holding, { type: 'finish-set', now: 6 })).toBe(holding);
  });

  it('an empty plan is finished at once', () => {
    expect(startSession([]).status).toBe('finished');
  });

  it('keeps only the exercises due in this sitting when the reloaded plan holds more', () => {
    let s = run(started([item('supine-hamstring-gentle')]), { type: 'stop-early', now: G + 1 });
    s = run(s, {
      type: 'logged',
      answers: FINE,
      changes: [],
      warningCheckRequired: false,
      stoppedForToday: false,
      // The second sitting of the day holds only the stretch due twice; the plan holds more.
      items: [KNEE, item('supine-hamstring-gentle'), BRIDGE],
      now: G + 2,
    });
    expect(s.status).toBe('finished');
  });
});

describe('cues', () => {
  const nameOf = (id: ExerciseId) => id;
  const firstStep = (id: ExerciseId) => knowledgeBase.exercises.find((e) => e.id === id)?.steps[0];

  it('are announced when getting ready, when a hold starts and 10 seconds before it ends, not every second', () => {
    let s = run(startSession([KNEE]), { type: 'start', now: 0 });
    const keys = new Set<string>();
    const texts: string[] = [];
    for (let t = 0; t <= G + 30_000; t += 250) {
      s = run(s, { type: 'tick', now: t });
      const cue = cueFor(s, nameOf);
      if (cue && !keys.has(cue.key)) {
        keys.add(cue.key);
        texts.push(cue.text);
      }
    }
    expect(texts).toEqual([
      'Next: knee-to-chest. Left leg first. Get into position.',
      'Ready in 3.',
      'Hold 1 of 3. Hold for 30 seconds.',
      '10 seconds left.',
      'Well done. Relax for 10 seconds.',
    ]);
  });

  it('read out the first step while getting into position', () => {
    const s = run(startSession([KNEE]), { type: 'start', now: 0 });
    const step = firstStep('knee-to-chest') ?? '';
    expect(step.length).toBeGreaterThan(10);
    expect(cueFor(s, nameOf, firstStep)?.text).toContain(step);
  });

  it('say which leg comes next', () => {
    let s = started([KNEE]);
    for (const t of [30_000, 40_000, 70_000, 80_000, 110_000])
      s = run(s, { type: 'tick', now: G + t });
    expect(cueFor(s, nameOf)?.text).toBe('Now the right leg. Get into position.');
  });

  it('count the repetitions on the beat', () => {
    const s = run(started([BRIDGE]), { type: 'tick', now: G + 8_000 });
    expect(cueFor(s, nameOf)?.text).toBe('2.');
  });
});
