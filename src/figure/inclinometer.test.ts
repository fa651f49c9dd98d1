// The inclinometer maths: elevation from gravity in any strapping of the phone, calibration, smoothing, clamping and steadiness.
import { describe, expect, it } from 'vitest';
import {
  SLR_MAX_DEG,
  calibrate,
  elevationFromGravity,
  elevationFromOrientation,
  gravityFromOrientation,
  median,
  slrAngle,
  smooth,
  stable,
  type Gravity,
} from './inclinometer.js';

const G = 9.81;
const RAD = Math.PI / 180;

/**
 * Gravity ("up", as accelerationIncludingGravity reads at rest) in device axes for a phone along
 * the shin at `elevation` degrees, rolled `roll` degrees about its long axis (0 = screen up when
 * the leg is flat, 90 = on its side, 180 = screen down), top towards the knee or the foot.
 */
function gravity(elevation: number, roll = 0, top: 'knee' | 'foot' = 'knee', scale = G): Gravity {
  const e = elevation * RAD;
  const r = roll * RAD;
  const along = Math.sin(e) * (top === 'knee' ? 1 : -1);
  const across = Math.cos(e);
  return { x: scale * across * Math.sin(r), y: scale * along, z: scale * across * Math.cos(r) };
}

describe('elevationFromGravity', () => {
  const cases: Array<[string, Gravity, number]> = [
    ['flat, screen up', gravity(0), 0],
    ['30°', gravity(30), 30],
    ['45°', gravity(45), 45],
    ['60°', gravity(60), 60],
    ['90°, shin vertical', gravity(90), 90],
    ['upside down (top towards the foot), 30°', gravity(30, 0, 'foot'), 30],
    ['upside down (top towards the foot), 60°', gravity(60, 0, 'foot'), 60],
    ['screen down, 45°', gravity(45, 180), 45],
    ['on its side, 0°', gravity(0, 90), 0],
    ['on its side, 45°', gravity(45, 90), 45],
    ['on its other side, 60°', gravity(60, -90), 60],
    ['rolled 30° round the shin, 75°', gravity(75, 30, 'foot'), 75],
    ['gravity reported negated (iOS), 60°', gravity(60, 0, 'knee', -G), 60],
    ['in g rather than m/s², 45°', gravity(45, 20, 'knee', 1), 45],
  ];

  it.each(cases)('%s', (_name, g, expected) => {
    expect(elevationFromGravity(g)).toBeCloseTo(expected, 9);
  });

  it('gives no angle for a vector without direction', () => {
    expect(elevationFromGravity({ x: 0, y: 0, z: 0 })).toBeNull();
    expect(elevationFromGravity({ x: Number.NaN, y: 1, z: 0 })).toBeNull();
  });

  it('folds past the vertical without a flat reference, and follows on with one', () => {
    for (const roll of [0, 90, 200]) {
      for (const top of ['knee', 'foot'] as const) {
        const flat = gravity(3, roll, top);
        // Beyond vertical, the shin points up and back: the same as elevation 180 - e seen from the floor.
        const past = gravity(100, roll, top);
        expect(elevationFromGravity(past)).toBeCloseTo(80, 9);
        expect(elevationFromGravity(past, flat)).toBeCloseTo(100, 9);
        expect(elevationFromGravity(gravity(70, roll, top), flat)).toBeCloseTo(70, 9);
        expect(elevationFromGravity(gravity(0, roll, top), flat)).toBeCloseTo(0, 9);
      }
    }
  });

  it('ignores a flat reference with no sideways part', () => {
    expect(elevationFromGravity(gravity(40), { x: 0, y: G, z: 0 })).toBeCloseTo(40, 9);
  });
});

describe('orientation angles', () => {
  it('turns beta and gamma into the up vector of the W3C axes', () => {
    const cases: Array<[string, number, number, Gravity]> = [
      ['flat, screen up', 0, 0, { x: 0, y: 0, z: 1 }],
      ['upright, top up', 90, 0, { x: 0, y: 1, z: 0 }],
      ['upright, top down', -90, 0, { x: 0, y: -1, z: 0 }],
      ['on its left edge', 0, 90, { x: -1, y: 0, z: 0 }],
    ];
    for (const [name, beta, gamma, up] of cases) {
      const g = gravityFromOrientation(beta, gamma);
      expect(g.x, name).toBeCloseTo(up.x, 9);
      expect(g.y, name).toBeCloseTo(up.y, 9);
      expect(g.z, name).toBeCloseTo(up.z, 9);
    }
  });

  const cases: Array<[string, number, number, number]> = [
    ['flat', 0, 0, 0],
    ['30°', 30, 0, 30],
    ['45°', 45, 10, 45],
    ['60°', 60, -20, 60],
    ['90°', 90, 0, 90],
    ['upside down, 30°', -30, 0, 30],
    ['screen down, 45° (beta past 90)', 135, 0, 45],
    ['on its side, 60°', 60, 90, 60],
    ['on its other side, 20°', -20, -90, 20],
  ];
  it.each(cases)('elevation for %s', (_name, beta, gamma, expected) => {
    expect(elevationFromOrientation(beta, gamma)).toBeCloseTo(expected, 9);
  });

  it('gives no angle when the browser reports none', () => {
    expect(elevationFromOrientation(null, 0)).toBeNull();
    expect(elevationFromOrientation(10, null)).toBeNull();
    expect(elevationFromOrientation(Number.NaN, 0)).toBeNull();
  });

  it('follows on past the vertical with a flat reference', () => {
    // Top towards the knee, screen up: raising the leg past vertical turns beta past 90.
    expect(elevationFromOrientation(100, 0)).toBeCloseTo(80, 9);
    expect(elevationFromOrientation(100, 0, { beta: 2, gamma: 0 })).toBeCloseTo(100, 9);
  });
});

describe('calibration, smoothing and the SLR angle', () => {
  it('takes the median as the median', () => {
    expect(median([3])).toBe(3);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([2, Number.NaN, 4])).toBe(3);
    expect(() => median([])).toThrow(RangeError);
    expect(() => median([Number.NaN])).toThrow(RangeError);
  });

  it('calibrates on the median of the flat readings, unmoved by one jolt', () => {
    expect(calibrate([4, 5, 4.5, 40, 5])).toBe(5);
  });

  it('smooths over the last N readings only', () => {
    const readings = [10, 10, 10, 50, 51, 90, 52];
    expect(smooth(readings, 3)).toBe(52);
    expect(smooth(readings, 1)).toBe(52);
    expect(smooth(readings, 100)).toBe(50);
    expect(smooth(readings, 0)).toBe(52);
  });

  const cases: Array<[string, number, number, number]> = [
    ['subtracts the calibration', 65, 5, 60],
    ['rounds to whole degrees', 60.4, 0, 60],
    ['rounds half up', 60.5, 0, 61],
    ['never below 0', 2, 5, 0],
    ['never above the maximum', 170, 0, SLR_MAX_DEG],
    ['at the maximum', 125, 5, 120],
  ];
  it.each(cases)('slrAngle %s', (_name, elevation, calibration, expected) => {
    expect(slrAngle(elevation, calibration)).toBe(expected);
  });

  it('end to end: a phone upside down on its side, calibrated flat, reads the raise', () => {
    const flat = [3.2, 2.9, 3.1, 3.0, 12].map(
      (e) => elevationFromGravity(gravity(e, 90, 'foot')) ?? 0,
    );
    const offset = calibrate(flat);
    const raised = [61, 63, 62.5, 63, 62.8].map(
      (e) => elevationFromGravity(gravity(e, 90, 'foot')) ?? 0,
    );
    expect(slrAngle(smooth(raised, 5), offset)).toBe(60);
  });
});

describe('stable', () => {
  const cases: Array<[string, number[], number, number, boolean]> = [
    ['a steady hold', [40, 55, 60, 60.5, 59.8, 60.2], 1, 4, true],
    ['still moving', [50, 53, 56, 59], 1, 4, false],
    ['too few readings yet', [60, 60], 1, 4, false],
    ['a spread exactly at the tolerance', [60, 61, 60.5], 1, 3, true],
    ['one wobble in the window', [60, 60, 63, 60], 2, 4, false],
    ['a wobble before the window does not count', [70, 60, 60, 60], 1, 3, true],
    ['a broken reading', [60, Number.NaN, 60], 1, 3, false],
    ['a count of zero asks for nothing and gets false', [60], 1, 0, false],
  ];
  it.each(cases)('%s', (_name, samples, tolerance, count, expected) => {
    expect(stable(samples, tolerance, count)).toBe(expected);
  });
});
