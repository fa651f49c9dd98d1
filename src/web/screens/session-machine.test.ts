import { describe, expect, it } from 'vitest';
import { startingDosage, type PlanItem, type PrescribedDosage } from '../../engine/plan.js';
import { knowledgeBase } from '../../kb/index.js';
import type { ExerciseId } from '../../kb/types.js';
import {
  blocksOf,
  doneOf,
  isCounting,
  isPaused,
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
    let s = run(startSession([item('knee-to-chest', { sets: 2 })]), { type: 'start', now: 0 });
    expect(blockWhere(current(s))).toBe('Left leg, round 1 of 2');
    expect(blockLabel(current(s))).toBe('Round 1 of 2: left leg first');
    for (const t of [30_000, 40_000, 70_000, 80_000, 110_000]) s = run(s, { type: 'tick', now: t });
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
  it('count down, rest between holds, then switch to the right leg', () => {
    let s = startSession([KNEE, BRIDGE]);
    expect(current(s).stage).toEqual({ kind: 'ready', paused: false });
    expect(blockLabel(current(s))).toBe('Left leg first');

    s = run(s, { type: 'start', now: 0 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 1 });
    expect(secondsLeft(current(s).stage)).toBe(30);
    expect(stageLabel(current(s))).toBe('Hold 1 of 3');

    s = run(s, { type: 'tick', now: 1000 });
    expect(secondsLeft(current(s).stage)).toBe(29);
    s = run(s, { type: 'tick', now: 29_001 });
    expect(secondsLeft(current(s).stage)).toBe(1);

    s = run(s, { type: 'tick', now: 30_000 });
    expect(current(s).stage).toMatchObject({ kind: 'rest', rep: 2 });
    expect(secondsLeft(current(s).stage)).toBe(REST_SECONDS);

    s = run(s, { type: 'tick', now: 40_000 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 2 });
    s = run(s, { type: 'tick', now: 70_000 }, { type: 'tick', now: 80_000 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 3 });

    s = run(s, { type: 'tick', now: 110_000 });
    expect(current(s).stage).toEqual({ kind: 'ready', paused: false });
    expect(current(s).block).toBe(1);
    expect(blockLabel(current(s))).toBe('Now the right leg');
    expect(blockWhere(current(s))).toBe('Right leg');
    expect(current(s).tally.holdsDone).toBe(3);

    // The right leg waits for Start: time passing changes nothing.
    s = run(s, { type: 'tick', now: 500_000 });
    expect(current(s).stage.kind).toBe('ready');

    s = run(
      s,
      { type: 'start', now: 500_000 },
      { type: 'tick', now: 530_000 },
      { type: 'tick', now: 540_000 },
      { type: 'tick', now: 570_000 },
      { type: 'tick', now: 580_000 },
      { type: 'tick', now: 610_000 },
    );
    expect(current(s).stage).toEqual({ kind: 'questions', stoppedEarly: false });
    expect(doneOf(current(s))).toEqual({ sets: 1, reps: 6, holdSeconds: 30 });
  });

  it('a tick before the end only updates the seconds left', () => {
    const s = run(startSession([KNEE]), { type: 'start', now: 0 }, { type: 'tick', now: 12_400 });
    expect(current(s).stage).toMatchObject({ kind: 'hold', rep: 1, remainingMs: 17_600 });
    expect(secondsLeft(current(s).stage)).toBe(18);
  });

  it('pause freezes the countdown and resume carries on from the same second', () => {
    let s = run(startSession([KNEE]), { type: 'start', now: 0 }, { type: 'pause', now: 5_000 });
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

  it('pausing a rest keeps its time too', () => {
    let s = run(
      startSession([KNEE]),
      { type: 'start', now: 0 },
      { type: 'tick', now: 30_000 },
      { type: 'tick', now: 33_000 },
      { type: 'pause', now: 33_000 },
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
    expect(current(s).stage.kind).toBe('hold');
  });

  it('stopping early goes straight to the questions and records how long the hold lasted', () => {
    const s = run(
      startSession([KNEE]),
      { type: 'start', now: 0 },
      { type: 'tick', now: 12_000 },
      { type: 'stop-early', now: 12_500 },
    );
    expect(current(s).stage).toEqual({ kind: 'questions', stoppedEarly: true });
    expect(doneOf(current(s))).toEqual({ sets: 0, reps: 0, holdSeconds: 12 });
  });
});

describe('repetitions', () => {
  it('count up to the dose, then the questions', () => {
    let s = run(startSession([BRIDGE]), { type: 'start', now: 0 });
    expect(current(s).stage).toEqual({ kind: 'reps', count: 0, paused: false });
    expect(stageLabel(current(s))).toBe('Rep 1 of 20');
    for (let i = 0; i < 2; i++) s = run(s, { type: 'count' });
    expect(stageLabel(current(s))).toBe('Rep 3 of 20');
    for (let i = 0; i < 18; i++) s = run(s, { type: 'count' });
    expect(current(s).stage.kind).toBe('questions');
    expect(doneOf(current(s))).toEqual({ sets: 1, reps: 20 });
  });

  it('ignore a count while paused', () => {
    const s = run(
      startSession([BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'pause', now: 0 },
      { type: 'count' },
    );
    expect(current(s).stage).toEqual({ kind: 'reps', count: 0, paused: true });
  });

  it('Done finishes the round with its repetitions, and the next round waits for Start', () => {
    let s = run(startSession([HINGE]), { type: 'start', now: 0 }, { type: 'count' });
    expect(blockLabel(current(s))).toBe('Round 1 of 2');
    s = run(s, { type: 'finish-set' });
    expect(current(s).stage).toEqual({ kind: 'ready', paused: false });
    expect(blockLabel(current(s))).toBe('Round 2 of 2');
    expect(blockWhere(current(s))).toBe('Round 2 of 2');
    expect(current(s).tally.repsDone).toBe(10);
    s = run(s, { type: 'start', now: 0 }, { type: 'finish-set' });
    expect(current(s).stage.kind).toBe('questions');
    expect(doneOf(current(s))).toEqual({ sets: 2, reps: 20 });
  });

  it('each leg with repetitions: left, then "Now the right leg"', () => {
    let s = run(startSession([item('standing-march')]), { type: 'start', now: 0 });
    s = run(s, { type: 'finish-set' });
    expect(blockLabel(current(s))).toBe('Now the right leg');
    s = run(s, { type: 'start', now: 0 }, { type: 'finish-set' });
    expect(doneOf(current(s))).toEqual({ sets: 1, reps: 40 });
  });
});

describe('the session', () => {
  it('skip moves to the next exercise without questions, and counts it as skipped', () => {
    let s = startSession([KNEE, BRIDGE]);
    expect(positionOf(s)).toEqual({ number: 1, total: 2 });
    s = run(s, { type: 'start', now: 0 }, { type: 'skip' });
    expect(current(s).exerciseId).toBe('glute-bridge');
    expect(s.skipped).toEqual(['knee-to-chest']);
    expect(positionOf(s)).toEqual({ number: 2, total: 2 });
    s = run(s, { type: 'skip' });
    expect(s.status).toBe('finished');
    expect(s.current).toBeNull();
  });

  it('cannot skip the questions: pain reports are always asked for', () => {
    const s = run(startSession([BRIDGE, KNEE]), { type: 'start', now: 0 }, { type: 'finish-set' });
    expect(run(s, { type: 'skip' })).toBe(s);
  });

  it('a logged exercise moves on to the next in the plan', () => {
    let s = run(startSession([BRIDGE, KNEE]), { type: 'start', now: 0 }, { type: 'finish-set' });
    s = run(s, {
      type: 'logged',
      answers: FINE,
      changes: [],
      warningCheckRequired: false,
      stoppedForToday: false,
      items: [BRIDGE, KNEE],
    });
    expect(current(s).exerciseId).toBe('knee-to-chest');
    expect(current(s).stage.kind).toBe('ready');
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
    });
    expect(s).toMatchObject({ status: 'stopped', stopReason: 'warning-check' });
  });

  it('halts on a refusal (409) from the record', () => {
    const s = run(startSession([KNEE]), { type: 'halt', reason: 'paused' });
    expect(s).toMatchObject({ status: 'stopped', stopReason: 'paused', current: null });
  });

  it('ignores events that do not fit the stage', () => {
    const s = startSession([KNEE]);
    expect(run(s, { type: 'count' })).toBe(s);
    expect(run(s, { type: 'tick', now: 99_999 })).toBe(s);
    expect(
      run(s, {
        type: 'logged',
        answers: FINE,
        changes: [],
        warningCheckRequired: false,
        stoppedForToday: false,
        items: null,
      }),
    ).toBe(s);
    const holding = run(s, { type: 'start', now: 0 });
    expect(run(holding, { type: 'start', now: 5 })).toBe(holding);
    expect(run(holding, { type: 'finish-set' })).toBe(holding);
  });

  it('an empty plan is finished at once', () => {
    expect(startSession([]).status).toBe('finished');
  });
});

describe('cues', () => {
  const nameOf = (id: ExerciseId) => id;

  it('are announced when a hold starts and 10 seconds before it ends, not every second', () => {
    let s = run(startSession([KNEE]), { type: 'start', now: 0 });
    const keys = new Set<string>();
    const texts: string[] = [];
    for (let t = 0; t <= 30_000; t += 250) {
      s = run(s, { type: 'tick', now: t });
      const cue = cueFor(s, nameOf);
      if (cue && !keys.has(cue.key)) {
        keys.add(cue.key);
        texts.push(cue.text);
      }
    }
    expect(texts).toEqual([
      'Hold 1 of 3. Hold for 30 seconds.',
      '10 seconds left.',
      'Well done. Relax for 10 seconds.',
    ]);
  });

  it('say which leg comes next', () => {
    let s = run(startSession([KNEE]), { type: 'start', now: 0 });
    for (const t of [30_000, 40_000, 70_000, 80_000, 110_000]) s = run(s, { type: 'tick', now: t });
    expect(cueFor(s, nameOf)?.text).toMatch(
      /^Now the right leg\. Get into position, then press Start\.$/,
    );
  });

  it('count the repetitions', () => {
    const s = run(
      startSession([BRIDGE]),
      { type: 'start', now: 0 },
      { type: 'count' },
      { type: 'count' },
    );
    expect(cueFor(s, nameOf)?.text).toBe('2 of 20.');
  });
});
