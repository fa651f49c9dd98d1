// Pure maths for measuring the straight-leg-raise angle with a phone strapped along the shin as an inclinometer.

/*
 * Device axes are the W3C ones: x across the screen, y along the phone's long side (towards the
 * top), z out of the screen. The phone lies along the shin, so the shin's elevation is the long
 * axis's elevation: 0° with the leg flat on the floor, 90° with the shin vertical.
 *
 * Everything works from the gravity vector in device axes and uses only the size of its
 * long-axis part, so the answer does not change when the phone is strapped upside down (top
 * towards the foot), lies on its side (screen facing out), is rolled round the shin at any angle,
 * or when the platform reports gravity with the opposite sign (iOS reports
 * `accelerationIncludingGravity` negated compared with Android). The orientation event's angles
 * are turned into a gravity vector first for the same reason: beta and gamma on their own misbehave
 * when the phone is on its side (gimbal lock), the vector does not.
 */

/** A gravity (or "up") vector in device axes, any unit: only its direction is used. */
export interface Gravity {
  x: number;
  y: number;
  z: number;
}

/** The highest straight-leg-raise angle reported: readings beyond it are sensor trouble, not legs. */
export const SLR_MAX_DEG = 120;

const RAD = Math.PI / 180;

/** Gravity vectors shorter than this (free fall, a sensor reporting zeros) carry no direction. */
const MIN_MAGNITUDE = 1e-6;

/**
 * The "up" direction in device axes for DeviceOrientationEvent `beta` and `gamma` (degrees): the
 * Z-X'-Y'' rotation of the spec undone for earth's vertical. `alpha` (compass heading) cannot
 * change it, so it is not asked for.
 */
export function gravityFromOrientation(beta: number, gamma: number): Gravity {
  const b = beta * RAD;
  const g = gamma * RAD;
  return { x: -Math.sin(g) * Math.cos(b), y: Math.sin(b), z: Math.cos(b) * Math.cos(g) };
}

/**
 * The angle in degrees between the phone's long axis and the horizontal plane: 0 to 90, or null
 * when the vector has no usable direction. With `flat`, the gravity read with the leg flat on the
 * floor, the angle can go on past the vertical, up to 180: the flat reading tells which way "up
 * from the floor" lies in the phone's own axes, so a shin tipped beyond vertical is not mistaken
 * for one short of it.
 */
export function elevationFromGravity(g: Gravity, flat?: Gravity): number | null {
  const magnitude = Math.hypot(g.x, g.y, g.z);
  if (!Number.isFinite(magnitude) || magnitude < MIN_MAGNITUDE) return null;
  const along = Math.abs(g.y);
  const across = Math.hypot(g.x, g.z);
  if (flat !== undefined) {
    const flatAcross = Math.hypot(flat.x, flat.z);
    if (Number.isFinite(flatAcross) && flatAcross >= MIN_MAGNITUDE) {
      // The part of gravity along the floor-time "up" turns negative once the shin passes vertical.
      const signedAcross = (g.x * flat.x + g.z * flat.z) / flatAcross;
      return Math.atan2(along, signedAcross) / RAD;
    }
  }
  return Math.atan2(along, across) / RAD;
}

/** `elevationFromGravity` for DeviceOrientationEvent angles; null when the browser gave none. */
export function elevationFromOrientation(
  beta: number | null,
  gamma: number | null,
  flat?: { beta: number; gamma: number },
): number | null {
  if (beta === null || gamma === null || !Number.isFinite(beta) || !Number.isFinite(gamma)) {
    return null;
  }
  const reference = flat === undefined ? undefined : gravityFromOrientation(flat.beta, flat.gamma);
  return elevationFromGravity(gravityFromOrientation(beta, gamma), reference);
}

/**
 * The median of some readings: one jolt of the phone cannot drag it the way it drags a mean.
 * Non-finite readings are left out; with none left it throws, as there is nothing to report.
 */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError('median of no finite values');
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/**
 * The calibration offset: the shin's elevation read with the leg flat on the floor, as the median
 * of those readings. A shin lying flat is not level (the calf is thicker than the ankle), and
 * subtracting this zeroes that out.
 */
export function calibrate(samples: readonly number[]): number {
  return median(samples);
}

/** The median of the last `n` readings (at least one), to steady a live display. */
export function smooth(samples: readonly number[], n: number): number {
  const count = Math.max(1, Math.floor(n));
  return median(samples.slice(-count));
}

/** The straight-leg-raise angle: elevation less the calibration, whole degrees, 0 to `SLR_MAX_DEG`. */
export function slrAngle(elevation: number, calibration: number): number {
  const raw = Math.round(elevation - calibration);
  return Math.min(SLR_MAX_DEG, Math.max(0, raw));
}

/**
 * True when the last `count` readings all lie within `toleranceDeg` of one another (largest less
 * smallest), so a value is recorded only once the leg is held still, never mid-swing.
 */
export function stable(samples: readonly number[], toleranceDeg: number, count: number): boolean {
  if (count < 1 || samples.length < count) return false;
  const recent = samples.slice(-count);
  if (!recent.every((s) => Number.isFinite(s))) return false;
  return Math.max(...recent) - Math.min(...recent) <= toleranceDeg;
}
