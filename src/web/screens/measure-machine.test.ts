// The inclinometer state machine: no sensor, calibrating flat, a slow raise that is not taken mid-swing, a steady hold, and any strapping of the phone.
import { describe, expect, it } from 'vitest';
import {
  INITIAL,
  NO_SENSOR_MS,
  listening,
  measureMessage,
  measureStep,
  type MeasureEvent,
  type MeasureState,
} from './measure-machine.js';

const STEP_MS = 50;

/** Orientation readings every 50 ms from `t0`, one for each beta (gamma 0 unless given). */
function readings(t0: number, betas: readonly number[], gamma = 0): MeasureEvent[] {
  return betas.map((beta, i) => ({ type: 'orientation', t: t0 + i * STEP_MS, beta, gamma }));
}

const repeat = (value: number, count: number) => Array.from({ length: count }, () => value);
/** Small wobble, as a hand-held leg gives. */
const wobble = (value: number, count: number, size = 0.4) =>
  Array.from({ length: count }, (_, i) => value + (i % 2 === 0 ? size : -size));
const ramp = (from: number, to: number, count: number) =>
  Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));

function run(events: readonly MeasureEvent[], start: MeasureState = INITIAL): MeasureState {
  return events.reduce(measureStep, start);
}

function calibrated(flatBeta = 3): MeasureState {
  return run([{ type: 'start', t: 0 }, ...readings(100, repeat(flatBeta, 30))]);
}

describe('the sensor arriving, or not', () => {
  it('gives up on the sensor when nothing arrives in time', () => {
    const waiting = run([{ type: 'start', t: 1000 }]);
    expect(waiting.phase).toBe('waiting');
    expect(measureStep(waiting, { type: 'tick', t: 1000 + NO_SENSOR_MS - 1 }).phase).toBe(
      'waiting',
    );
    expect(measureStep(waiting, { type: 'tick', t: 1000 + NO_SENSOR_MS }).phase).toBe('no-sensor');
  });

  it('does not count events without angles as readings (desktop browsers send those)', () => {
    const state = run([
      { type: 'start', t: 0 },
      { type: 'orientation', t: 10, beta: null, gamma: null },
      { type: 'orientation', t: 20, beta: Number.NaN, gamma: 0 },
      { type: 'tick', t: NO_SENSOR_MS },
    ]);
    expect(state.phase).toBe('no-sensor');
  });

  it('remembers a refused permission until started again', () => {
    const denied = run([{ type: 'denied' }, ...readings(0, repeat(3, 30))]);
    expect(denied.phase).toBe('denied');
    expect(measureStep(denied, { type: 'start', t: 0 }).phase).toBe('waiting');
  });
});

describe('calibrating flat', () => {
  it('waits for a still second, then measures from the flat reading', () => {
    const early = run([{ type: 'start', t: 0 }, ...readings(100, repeat(3, 10))]);
    expect(early.phase).toBe('calibrating');
    const state = calibrated(3);
    expect(state.phase).toBe('measuring');
    if (state.phase === 'measuring') expect(state.calibration).toBeCloseTo(3, 6);
  });

  it('does not calibrate on a phone that is tilted or moving', () => {
    const tilted = run([{ type: 'start', t: 0 }, ...readings(100, repeat(40, 40))]);
    expect(tilted).toMatchObject({ phase: 'calibrating', tilted: true });
    expect(measureMessage(tilted)).toMatch(/tilted/);
    const moving = run([{ type: 'start', t: 0 }, ...readings(100, wobble(5, 40, 2))]);
    expect(moving).toMatchObject({ phase: 'calibrating', tilted: false });
  });
});

describe('measuring', () => {
  it('does not take the angle mid-raise, then takes the held angle less the flat reading', () => {
    let state = calibrated(3);
    // A slow raise from flat to 63°, one degree every 50 ms.
    state = run(readings(2000, ramp(3, 63, 61)), state);
    expect(state.phase).toBe('measuring');
    expect(measureMessage(state)).toBe('Hold still…');
    state = run(readings(2000 + 61 * STEP_MS, wobble(63, 40)), state);
    expect(state).toMatchObject({ phase: 'steady', angle: 60 });
  });

  it('does not take a still leg that has not been raised', () => {
    const state = run(readings(2000, wobble(5, 80)), calibrated(3));
    expect(state.phase).toBe('measuring');
    expect(measureMessage(state)).toMatch(/Slowly raise/);
  });

  it('keeps the steady angle while the leg is lowered, and can measure again or save', () => {
    const steady = run(readings(2000, repeat(63, 40)), calibrated(3));
    expect(steady).toMatchObject({ phase: 'steady', angle: 60 });
    const lowered = run(readings(5000, ramp(63, 3, 30)), steady);
    expect(lowered).toEqual(steady);
    expect(listening(lowered)).toBe(false);
    const again = measureStep(lowered, { type: 'again' });
    expect(again).toMatchObject({
      phase: 'measuring',
      angle: null,
      calibration: expect.closeTo(3, 6) as number,
    });
    expect(listening(again)).toBe(true);
    expect(measureStep(lowered, { type: 'saved' })).toEqual({ phase: 'saved', angle: 60 });
  });

  it('reads the same with the phone upside down (top towards the foot)', () => {
    const state = run(readings(2000, repeat(-63, 40)), calibrated(-3));
    expect(state).toMatchObject({ phase: 'steady', angle: 60 });
  });

  it('calibrates a phone lying screen down, where beta jumps between +180 and -180', () => {
    const flat = run([
      { type: 'start', t: 0 },
      ...readings(
        100,
        Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 179 : -179)),
      ),
    ]);
    expect(flat.phase).toBe('measuring');
    // Screen down, top towards the knee: raising the leg by e turns beta to 180 - e.
    const state = run(readings(2000, repeat(180 - 61, 40)), flat);
    expect(state).toMatchObject({ phase: 'steady', angle: 60 });
  });

  it('follows the leg past the vertical', () => {
    const state = run(readings(2000, repeat(103, 40)), calibrated(3));
    expect(state).toMatchObject({ phase: 'steady', angle: 100 });
  });
});

describe('messages', () => {
  it('has words for every phase', () => {
    const states: MeasureState[] = [
      INITIAL,
      { phase: 'waiting', startedAt: 0 },
      { phase: 'saved', angle: 55 },
      { phase: 'no-sensor' },
      { phase: 'denied' },
    ];
    for (const s of states) expect(measureMessage(s).length).toBeGreaterThan(10);
    expect(measureMessage({ phase: 'saved', angle: 55 })).toMatch(/55 degrees/);
    expect(measureMessage({ phase: 'no-sensor' })).toMatch(/no motion sensor/);
  });
});
