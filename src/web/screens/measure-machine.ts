// The phone-as-inclinometer measurement as a pure state machine: waiting for the sensor, calibrating flat, measuring, steady, saved.
import {
  calibrate,
  elevationFromGravity,
  gravityFromOrientation,
  median,
  slrAngle,
  smooth,
  stable,
  type Gravity,
} from '../../figure/inclinometer.js';

/** With no reading within this long of pressing start, the device is taken to have no motion sensor. */
export const NO_SENSOR_MS = 4000;
/** The leg must lie still this long for the flat reading. */
export const CALIBRATE_MS = 1000;
/** Largest spread of the flat readings, in degrees. */
export const CALIBRATE_TOLERANCE = 1.5;
/** A "flat" reading steeper than this means the phone is not along a shin lying on the floor. */
export const MAX_FLAT_DEG = 25;
/** The raised leg must be held this long, within the tolerance, before the angle is taken. */
export const STEADY_MS = 1500;
export const STEADY_TOLERANCE = 2;
/** Below this the leg has not been raised yet, so holding still there is not a measurement. */
export const MIN_RAISE_DEG = 10;
/** Fewest readings that make a window: a slow sensor must still give several. */
export const MIN_READINGS = 5;
/** Readings smoothed for the live display. */
export const SMOOTHING = 5;

interface Reading {
  t: number;
  elevation: number;
}

interface FlatReading extends Reading {
  gravity: Gravity;
}

export type MeasureState =
  | { phase: 'idle' }
  | { phase: 'waiting'; startedAt: number }
  | { phase: 'calibrating'; readings: FlatReading[]; tilted: boolean }
  | {
      phase: 'measuring';
      flat: Gravity;
      calibration: number;
      readings: Reading[];
      /** The live angle, or null before the first reading. */
      angle: number | null;
    }
  | { phase: 'steady'; flat: Gravity; calibration: number; angle: number }
  | { phase: 'saved'; angle: number }
  | { phase: 'no-sensor' }
  | { phase: 'denied' };

export type MeasureEvent =
  | { type: 'start'; t: number }
  | { type: 'orientation'; t: number; beta: number | null; gamma: number | null }
  | { type: 'tick'; t: number }
  | { type: 'denied' }
  /** Measure the same leg again, keeping the flat reading. */
  | { type: 'again' }
  | { type: 'saved' }
  | { type: 'reset' };

export const INITIAL: MeasureState = { phase: 'idle' };

/** Readings within the last `ms`, and whether the record reaches back that far. */
function within<T extends Reading>(readings: readonly T[], now: number, ms: number) {
  return {
    recent: readings.filter((r) => r.t >= now - ms),
    covered: readings.some((r) => r.t <= now - ms),
  };
}

/** Keeps only what the longest window can need, so the lists stay short. */
function trim<T extends Reading>(readings: readonly T[], now: number): T[] {
  const keep = Math.max(CALIBRATE_MS, STEADY_MS) * 2;
  return readings.filter((r) => r.t >= now - keep);
}

/** Held still for `ms`: readings reach back that far and the recent ones lie within `tolerance`. */
function heldFor(readings: readonly Reading[], now: number, ms: number, tolerance: number) {
  const { recent, covered } = within(readings, now, ms);
  const values = recent.map((r) => r.elevation);
  return covered && values.length >= MIN_READINGS && stable(values, tolerance, values.length);
}

/** The flat direction as the mean of the flat readings' vectors (angles such as ±180° cannot be averaged). */
function meanGravity(readings: readonly FlatReading[]): Gravity {
  const sum = readings.reduce(
    (s, r) => ({ x: s.x + r.gravity.x, y: s.y + r.gravity.y, z: s.z + r.gravity.z }),
    { x: 0, y: 0, z: 0 },
  );
  const n = Math.max(1, readings.length);
  return { x: sum.x / n, y: sum.y / n, z: sum.z / n };
}

/** The next state for an event. Pure: time comes in with the events. */
export function measureStep(state: MeasureState, event: MeasureEvent): MeasureState {
  switch (event.type) {
    case 'reset':
      return INITIAL;
    case 'denied':
      return { phase: 'denied' };
    case 'start':
      return { phase: 'waiting', startedAt: event.t };
    case 'saved':
      return state.phase === 'steady' ? { phase: 'saved', angle: state.angle } : state;
    case 'again':
      return state.phase === 'steady' || state.phase === 'measuring'
        ? {
            phase: 'measuring',
            flat: state.flat,
            calibration: state.calibration,
            readings: [],
            angle: null,
          }
        : state;
    case 'tick':
      return state.phase === 'waiting' && event.t - state.startedAt >= NO_SENSOR_MS
        ? { phase: 'no-sensor' }
        : state;
    case 'orientation':
      return onReading(state, event);
  }
}

function onReading(
  state: MeasureState,
  event: { t: number; beta: number | null; gamma: number | null },
): MeasureState {
  // Browsers without a sensor may still send events, with null angles: those are not readings.
  if (event.beta === null || event.gamma === null) return state;
  if (!Number.isFinite(event.beta) || !Number.isFinite(event.gamma)) return state;
  const gravity = gravityFromOrientation(event.beta, event.gamma);
  const t = event.t;
  switch (state.phase) {
    case 'waiting':
    case 'calibrating': {
      const elevation = elevationFromGravity(gravity);
      if (elevation === null) return state;
      const before = state.phase === 'calibrating' ? state.readings : [];
      const readings = trim([...before, { t, elevation, gravity }], t);
      const tilted = elevation > MAX_FLAT_DEG;
      if (tilted || !heldFor(readings, t, CALIBRATE_MS, CALIBRATE_TOLERANCE)) {
        return { phase: 'calibrating', readings, tilted };
      }
      const still = within(readings, t, CALIBRATE_MS).recent;
      const flat = meanGravity(still);
      const flatElevations = still.flatMap((r) => elevationFromGravity(r.gravity, flat) ?? []);
      return {
        phase: 'measuring',
        flat,
        calibration: calibrate(flatElevations),
        readings: [],
        angle: null,
      };
    }
    case 'measuring': {
      const elevation = elevationFromGravity(gravity, state.flat);
      if (elevation === null) return state;
      const readings = trim([...state.readings, { t, elevation }], t);
      const angle = slrAngle(
        smooth(
          readings.map((r) => r.elevation),
          SMOOTHING,
        ),
        state.calibration,
      );
      if (angle >= MIN_RAISE_DEG && heldFor(readings, t, STEADY_MS, STEADY_TOLERANCE)) {
        const held = within(readings, t, STEADY_MS).recent.map((r) => r.elevation);
        const steadyAngle = slrAngle(median(held), state.calibration);
        if (steadyAngle >= MIN_RAISE_DEG) {
          return {
            phase: 'steady',
            flat: state.flat,
            calibration: state.calibration,
            angle: steadyAngle,
          };
        }
      }
      return { ...state, readings, angle };
    }
    case 'idle':
    case 'steady':
    case 'saved':
    case 'no-sensor':
    case 'denied':
      // The steady angle is kept while the leg is lowered; nothing listens in the other phases.
      return state;
  }
}

/** What to tell the person in each phase, for the live region. */
export function measureMessage(state: MeasureState): string {
  switch (state.phase) {
    case 'idle':
      return 'Choose the leg, put the phone on your shin, lie down with the leg flat, then press Start.';
    case 'waiting':
      return 'Waiting for the motion sensor…';
    case 'calibrating':
      return state.tilted
        ? 'The phone is tilted. Lay the leg flat on the floor with the phone along the shin, and keep still.'
        : 'Keep the leg flat and still while the phone takes its flat reading…';
    case 'measuring':
      return state.angle === null || state.angle < MIN_RAISE_DEG
        ? 'Ready. Slowly raise the straight leg until you feel a firm pull, then stop.'
        : 'Hold still…';
    case 'steady':
      return `Steady at ${state.angle} degrees. Lower your leg slowly, then save.`;
    case 'saved':
      return `Saved: ${state.angle} degrees.`;
    case 'no-sensor':
      return 'No motion sensor readings arrived. This device may have no motion sensor, or the browser does not share it. Type the angle instead.';
    case 'denied':
      return 'Motion access was not allowed, so the phone cannot measure the angle. Type the angle instead, or allow motion access in your browser settings and try again.';
  }
}

/** Whether the screen should be listening to the sensor. */
export function listening(state: MeasureState): boolean {
  return state.phase === 'waiting' || state.phase === 'calibrating' || state.phase === 'measuring';
}
