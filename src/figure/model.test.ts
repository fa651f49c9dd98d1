// The figure model: joint positions of known poses, reaching, the angles encoding, interpolation, easing,
// and the figure's motion (holds held still, rests, repetitions, the looping demo).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import type { Keyframe } from '../kb/types.js';
import {
  FIGURE_MOVE_MS,
  NEUTRAL_STANDING,
  POSE_KEYS,
  SEGMENTS,
  anglesToPose,
  armReaching,
  distance,
  easeInOut,
  heldPose,
  interpolate,
  isSettled,
  jointPositions,
  legReaching,
  momentOf,
  motionPose,
  poseAt,
  poseToAngles,
  startPose,
  wrapDeg,
  yoyo,
  type FigureMotion,
  type JointPositions,
  type Point,
  type Pose,
} from './model.js';

const CLOSE = 9;

function withNearLeg(pose: Pose, hip: number, knee: number, ankle = 0): Pose {
  return { ...pose, nearLeg: { hip, knee, ankle } };
}

describe('jointPositions', () => {
  const j = jointPositions(NEUTRAL_STANDING);

  it('stacks a standing neutral figure: head above shoulder above hip above knee above ankle', () => {
    expect(j.head.y).toBeGreaterThan(j.neck.y);
    expect(j.neck.y).toBeGreaterThan(j.shoulder.y);
    expect(j.shoulder.y).toBeGreaterThan(j.lumbarTop.y);
    expect(j.lumbarTop.y).toBeGreaterThan(j.hip.y);
    expect(j.hip.y).toBeGreaterThan(j.near.knee.y);
    expect(j.near.knee.y).toBeGreaterThan(j.near.ankle.y);
    // Legs straight down, feet on the floor, the crown at height 1.
    expect(j.near.knee.x).toBeCloseTo(j.hip.x, CLOSE);
    expect(j.near.ankle.x).toBeCloseTo(j.hip.x, CLOSE);
    expect(j.near.ankle.y).toBeCloseTo(0, CLOSE);
    expect(j.head.y + SEGMENTS.head / 2).toBeCloseTo(1, 2);
  });

  it('keeps every segment at its length', () => {
    const lengths: Array<[string, number, number]> = [
      ['pelvis', distance(j.hip, j.lumbosacral), SEGMENTS.pelvis],
      ['ischium', distance(j.hip, j.ischium), SEGMENTS.ischium],
      ['lumbar', distance(j.lumbosacral, j.lumbarTop), SEGMENTS.lumbar],
      ['thoracic', distance(j.lumbarTop, j.shoulder), SEGMENTS.thoracic],
      ['neck', distance(j.shoulder, j.neck), SEGMENTS.neck],
      ['head', distance(j.neck, j.head), SEGMENTS.head / 2],
      ['thigh', distance(j.hip, j.near.knee), SEGMENTS.thigh],
      ['shin', distance(j.near.knee, j.near.ankle), SEGMENTS.shin],
      ['foot', distance(j.near.ankle, j.near.toe), SEGMENTS.foot],
      ['upper arm', distance(j.shoulder, j.near.elbow), SEGMENTS.upperArm],
      ['forearm', distance(j.near.elbow, j.near.wrist), SEGMENTS.forearm],
    ];
    for (const [name, actual, expected] of lengths) {
      expect(actual, name).toBeCloseTo(expected, CLOSE);
    }
  });

  it('points a flat foot forward and hangs the arms straight down', () => {
    expect(j.near.toe.x).toBeCloseTo(j.near.ankle.x + SEGMENTS.foot, CLOSE);
    expect(j.near.toe.y).toBeCloseTo(j.near.ankle.y, CLOSE);
    expect(j.near.wrist.x).toBeCloseTo(j.shoulder.x, CLOSE);
    expect(j.near.wrist.y).toBeCloseTo(j.shoulder.y - SEGMENTS.upperArm - SEGMENTS.forearm, CLOSE);
  });

  it('puts the knee level with the hip, in front, at 90° of hip flexion', () => {
    const k = jointPositions(withNearLeg(NEUTRAL_STANDING, 90, 0)).near.knee;
    expect(k.y).toBeCloseTo(j.hip.y, CLOSE);
    expect(k.x).toBeCloseTo(j.hip.x + SEGMENTS.thigh, CLOSE);
  });

  it('bends the knee backwards: 90° of knee flexion sends the heel behind the knee', () => {
    const p = jointPositions(withNearLeg(NEUTRAL_STANDING, 0, 90));
    expect(p.near.ankle.y).toBeCloseTo(p.near.knee.y, CLOSE);
    expect(p.near.ankle.x).toBeCloseTo(p.near.knee.x - SEGMENTS.shin, CLOSE);
  });

  it('straightens the leg as the knee extends, until hip to ankle is thigh plus shin', () => {
    const spans = [90, 60, 30, 0].map((knee) => {
      const p = jointPositions(withNearLeg(NEUTRAL_STANDING, 90, knee));
      return distance(p.hip, p.near.ankle);
    });
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]).toBeGreaterThan(spans[i - 1] ?? Infinity);
    }
    expect(spans[3]).toBeCloseTo(SEGMENTS.thigh + SEGMENTS.shin, CLOSE);
  });

  it('moves the lumbar top backwards with posterior pelvic tilt, and forwards with anterior', () => {
    const neutral = j.lumbarTop.x;
    const posterior = jointPositions({ ...NEUTRAL_STANDING, pelvisTilt: 15 }).lumbarTop.x;
    const anterior = jointPositions({ ...NEUTRAL_STANDING, pelvisTilt: -15 }).lumbarTop.x;
    expect(posterior).toBeLessThan(neutral);
    expect(anterior).toBeGreaterThan(neutral);
  });

  it('brings the sitting bone down and forward with posterior tilt, towards the knee', () => {
    const tilted = jointPositions({ ...NEUTRAL_STANDING, pelvisTilt: 15 });
    expect(distance(tilted.ischium, tilted.near.knee)).toBeLessThan(
      distance(j.ischium, j.near.knee),
    );
  });

  it('takes the lumbar segment into line with the chest as the lordosis flattens', () => {
    const hollow = jointPositions({ ...NEUTRAL_STANDING, lumbar: 40 });
    const flat = jointPositions({ ...NEUTRAL_STANDING, lumbar: 0 });
    expect(hollow.lumbarTop.x - hollow.lumbosacral.x).toBeGreaterThan(0);
    expect(flat.lumbarTop.x).toBeCloseTo(flat.lumbosacral.x, CLOSE);
  });

  it('lays a trunk of -90° on its back, head towards -x, facing up', () => {
    const lying = jointPositions({ ...NEUTRAL_STANDING, trunk: -90, lumbar: 0 });
    expect(lying.head.x).toBeLessThan(lying.hip.x);
    expect(lying.shoulder.y).toBeCloseTo(lying.lumbarTop.y, CLOSE);
    expect(lying.near.ankle.x).toBeGreaterThan(lying.hip.x);
    // Hip at 90° lying: the thigh points at the ceiling.
    const kneeUp = jointPositions({
      ...NEUTRAL_STANDING,
      trunk: -90,
      nearLeg: { hip: 90, knee: 0, ankle: 0 },
    });
    expect(kneeUp.near.knee.x).toBeCloseTo(kneeUp.hip.x, CLOSE);
    expect(kneeUp.near.knee.y).toBeCloseTo(kneeUp.hip.y + SEGMENTS.thigh, CLOSE);
  });

  it('uses the segment lengths it is given', () => {
    const long = { ...SEGMENTS, thigh: SEGMENTS.thigh * 2 };
    const p = jointPositions(NEUTRAL_STANDING, long);
    expect(distance(p.hip, p.near.knee)).toBeCloseTo(long.thigh, CLOSE);
  });
});

describe('reaching', () => {
  it('puts the ankle on a reachable target with the knee bent forwards', () => {
    const lying: Pose = { ...NEUTRAL_STANDING, root: { x: 0, y: 0.07 }, trunk: -90 };
    const target = { x: 0.3, y: 0 };
    const leg = legReaching(lying, 'near', target, 0);
    const j = jointPositions({ ...lying, nearLeg: leg });
    expect(j.near.ankle.x).toBeCloseTo(target.x, CLOSE);
    expect(j.near.ankle.y).toBeCloseTo(target.y, CLOSE);
    expect(leg.knee).toBeGreaterThan(0);
    expect(j.near.knee.y).toBeGreaterThan(j.hip.y);
    // Foot flat: the toe on the floor beyond the ankle.
    expect(j.near.toe.y).toBeCloseTo(0, CLOSE);
    expect(j.near.toe.x).toBeGreaterThan(j.near.ankle.x);
  });

  it('stretches towards an unreachable target as far as the limb goes, without NaN', () => {
    const leg = legReaching(NEUTRAL_STANDING, 'near', { x: 5, y: 0.53 });
    const j = jointPositions({ ...NEUTRAL_STANDING, nearLeg: leg });
    expect(leg.knee).toBeCloseTo(0, CLOSE);
    expect(j.near.ankle.x).toBeCloseTo(SEGMENTS.thigh + SEGMENTS.shin, CLOSE);
  });

  it('puts the wrist on a target with the elbow bending the natural way', () => {
    const shoulder = jointPositions(NEUTRAL_STANDING).shoulder;
    const target = { x: shoulder.x + 0.2, y: shoulder.y - 0.1 };
    const arm = armReaching(NEUTRAL_STANDING, target);
    const j = jointPositions({ ...NEUTRAL_STANDING, nearArm: arm });
    expect(j.near.wrist.x).toBeCloseTo(target.x, CLOSE);
    expect(j.near.wrist.y).toBeCloseTo(target.y, CLOSE);
    expect(arm.elbow).toBeGreaterThan(0);
  });

  it('wraps angles into (-180, 180]', () => {
    expect(wrapDeg(190)).toBe(-170);
    expect(wrapDeg(-180)).toBe(180);
    expect(wrapDeg(540)).toBe(180);
    expect(wrapDeg(45)).toBe(45);
  });
});

describe('poseToAngles / anglesToPose', () => {
  it('round-trips a pose through the keyframe encoding', () => {
    const pose = withNearLeg({ ...NEUTRAL_STANDING, pelvisTilt: 7, neck: -5 }, 30, 20, -4);
    const angles = poseToAngles(pose);
    expect(Object.keys(angles).sort()).toEqual([...POSE_KEYS].sort());
    expect(anglesToPose(angles)).toEqual(pose);
  });

  it('rejects missing, unknown and non-finite entries, naming them', () => {
    const angles: Record<string, number> = { ...poseToAngles(NEUTRAL_STANDING) };
    delete angles.nearKnee;
    angles.nearKnees = 3;
    angles.trunk = Number.NaN;
    expect(() => anglesToPose(angles)).toThrow(
      /missing nearKnee.*unknown key nearKnees|unknown key nearKnees.*missing nearKnee/,
    );
    expect(() => anglesToPose(angles)).toThrow(/trunk is not a finite number/);
  });
});

describe('interpolate', () => {
  const a: Pose = withNearLeg({ ...NEUTRAL_STANDING, trunk: 0 }, 0, 0);
  const b: Pose = withNearLeg(
    { ...NEUTRAL_STANDING, trunk: -90, root: { x: 1, y: 0.1 }, pelvisTilt: 10 },
    90,
    60,
    20,
  );

  it('returns the ends at 0 and 1', () => {
    expect(interpolate(a, b, 0)).toEqual(a);
    expect(interpolate(a, b, 1)).toEqual(b);
  });

  it('gives the midpoint angles at 0.5, the short way (no wrapping)', () => {
    const m = interpolate(a, b, 0.5);
    expect(m.trunk).toBeCloseTo(-45, CLOSE);
    expect(m.nearLeg.hip).toBeCloseTo(45, CLOSE);
    expect(m.nearLeg.knee).toBeCloseTo(30, CLOSE);
    expect(m.nearLeg.ankle).toBeCloseTo(10, CLOSE);
    expect(m.pelvisTilt).toBeCloseTo(5, CLOSE);
    expect(m.root.x).toBeCloseTo(0.5, CLOSE);
  });

  it('clamps t outside 0..1', () => {
    expect(interpolate(a, b, -1)).toEqual(a);
    expect(interpolate(a, b, 2)).toEqual(b);
  });
});

describe('poseAt', () => {
  const start = withNearLeg(NEUTRAL_STANDING, 0, 0);
  const end = withNearLeg(NEUTRAL_STANDING, 90, 0);
  const frames: Keyframe[] = [
    { at: 0, angles: poseToAngles(start) },
    { at: 1, angles: poseToAngles(end) },
  ];

  it('clamps before the first and after the last keyframe', () => {
    expect(poseAt(frames, -3).nearLeg.hip).toBe(0);
    expect(poseAt(frames, 0).nearLeg.hip).toBe(0);
    expect(poseAt(frames, 1).nearLeg.hip).toBe(90);
    expect(poseAt(frames, 7).nearLeg.hip).toBe(90);
  });

  it('eases in and out: slow near the key poses, through the midpoint at half time', () => {
    expect(poseAt(frames, 0.5).nearLeg.hip).toBeCloseTo(45, CLOSE);
    const early = poseAt(frames, 0.1).nearLeg.hip;
    const late = poseAt(frames, 0.9).nearLeg.hip;
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(9);
    expect(late).toBeGreaterThan(81);
    expect(90 - late).toBeCloseTo(early, CLOSE);
  });

  it('finds the right span among several keyframes', () => {
    const three: Keyframe[] = [
      { at: 0, angles: poseToAngles(start) },
      { at: 0.25, angles: poseToAngles(end) },
      { at: 1, angles: poseToAngles(start) },
    ];
    expect(poseAt(three, 0.25).nearLeg.hip).toBeCloseTo(90, CLOSE);
    expect(poseAt(three, 0.625).nearLeg.hip).toBeCloseTo(45, CLOSE);
  });

  it('refuses no keyframes and keyframes out of order', () => {
    expect(() => poseAt([], 0)).toThrow(RangeError);
    expect(() => poseAt([...frames].reverse(), 0.5)).toThrow(/ascending/);
  });

  it('eases with zero speed at both ends', () => {
    expect(easeInOut(0)).toBe(0);
    expect(easeInOut(1)).toBe(1);
    expect(easeInOut(0.5)).toBeCloseTo(0.5, CLOSE);
    expect(easeInOut(0.01)).toBeLessThan(0.01);
    expect(easeInOut(0.99)).toBeGreaterThan(0.99);
  });

  it('folds a running phase into there and back', () => {
    expect(yoyo(0)).toBe(0);
    expect(yoyo(0.25)).toBe(0.25);
    expect(yoyo(1)).toBe(1);
    expect(yoyo(1.25)).toBe(0.75);
    expect(yoyo(2)).toBe(0);
    expect(yoyo(3.5)).toBe(0.5);
  });
});

/** The exercises done as timed holds, in their main or alternative dosage. */
const HOLD_EXERCISES = knowledgeBase.exercises.filter(
  (e) => e.dosage.unit === 'seconds' || e.alternativeDosage?.dosage.unit === 'seconds',
);

/** Every named point of a posed figure, in a fixed order. */
function allPoints(j: JointPositions): Point[] {
  const limb = (l: JointPositions['near']): Point[] => [l.elbow, l.wrist, l.knee, l.ankle, l.toe];
  return [
    j.hip,
    j.ischium,
    j.lumbosacral,
    j.lumbarTop,
    j.shoulder,
    j.neck,
    j.head,
    ...limb(j.near),
    ...limb(j.far),
  ];
}

/** Sum of how far every joint lies from where it is in `b`: how different two pictures look. */
function jointDistance(a: Pose, b: Pose): number {
  const pb = allPoints(jointPositions(b));
  return allPoints(jointPositions(a)).reduce((sum, p, i) => sum + distance(p, pb[i] ?? p), 0);
}

/** Milliseconds of a hold or rest after the move: from the end of the move to well past any dose. */
const afterMove = fc.integer({ min: FIGURE_MOVE_MS, max: 10 * 60 * 1000 });
/** Milliseconds within the move, both ends included. */
const duringMove = fc.integer({ min: 0, max: FIGURE_MOVE_MS });
/** Fractions of a millisecond matter too: rAF time stamps are not whole. */
const duringMoveFine = fc.double({ min: 0, max: FIGURE_MOVE_MS, noNaN: true });

describe('the figure during a hold', () => {
  it('the knowledge base has timed holds to check (a test over nothing proves nothing)', () => {
    expect(HOLD_EXERCISES.map((e) => e.id)).toEqual(
      expect.arrayContaining(['knee-to-chest', 'supine-hamstring-strap', 'hamstring-wall-stretch']),
    );
    expect(HOLD_EXERCISES.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(HOLD_EXERCISES.map((e) => [e.id, e.keyframes] as const))('%s', (_id, keyframes) => {
    const held = anglesToPose((keyframes.at(-1) ?? { angles: {} }).angles);
    const start = anglesToPose((keyframes[0] ?? { angles: {} }).angles);

    it('is held in the end position of the movement, the key pose farthest from the start', () => {
      expect(heldPose(keyframes)).toEqual(held);
      expect(startPose(keyframes)).toEqual(start);
      const reach = keyframes.map((k) => jointDistance(anglesToPose(k.angles), start));
      expect(Math.max(...reach)).toBe(reach.at(-1));
    });

    it('after the move-in, is exactly the held pose at any two times: still, not bouncing', () => {
      fc.assert(
        fc.property(afterMove, afterMove, (t1, t2) => {
          const a = motionPose(keyframes, { kind: 'hold', msIntoHold: t1 });
          const b = motionPose(keyframes, { kind: 'hold', msIntoHold: t2 });
          expect(a).toStrictEqual(b);
          expect(a).toStrictEqual(held);
        }),
      );
    });

    it('starts the move-in from the start pose and ends it on the held pose', () => {
      expect(motionPose(keyframes, { kind: 'hold', msIntoHold: 0 })).toStrictEqual(start);
      expect(motionPose(keyframes, { kind: 'hold', msIntoHold: -500 })).toStrictEqual(start);
      const end = poseToAngles(
        motionPose(keyframes, { kind: 'hold', msIntoHold: FIGURE_MOVE_MS - 1e-6 }),
      );
      for (const key of POSE_KEYS) expect(end[key]).toBeCloseTo(poseToAngles(held)[key], 3);
    });

    it('moves in along the key poses, reaching each in turn', () => {
      const span = (keyframes.at(-1)?.at ?? 0) - (keyframes[0]?.at ?? 0);
      for (const k of keyframes) {
        const ms = span > 0 ? (FIGURE_MOVE_MS * (k.at - (keyframes[0]?.at ?? 0))) / span : 0;
        const pose = poseToAngles(motionPose(keyframes, { kind: 'hold', msIntoHold: ms }));
        for (const key of POSE_KEYS) expect(pose[key]).toBeCloseTo(k.angles[key] ?? NaN, CLOSE);
      }
    });

    it('during the move-in, every joint that moves one way through the key poses moves only towards the held pose', () => {
      // A joint that goes out and back between key poses (the strap's hip) is free to; every
      // other one must never turn back, which is what bouncing would look like.
      const oneWay = POSE_KEYS.filter((key) => {
        const values = keyframes.map((k) => k.angles[key] ?? 0);
        const steps = values.slice(1).map((v, i) => v - (values[i] ?? v));
        return steps.every((d) => d >= 0) || steps.every((d) => d <= 0);
      });
      expect(oneWay.length).toBeGreaterThan(POSE_KEYS.length / 2);
      fc.assert(
        fc.property(duringMoveFine, duringMoveFine, (x, y) => {
          const [t1, t2] = x <= y ? [x, y] : [y, x];
          const a = poseToAngles(motionPose(keyframes, { kind: 'hold', msIntoHold: t1 }));
          const b = poseToAngles(motionPose(keyframes, { kind: 'hold', msIntoHold: t2 }));
          const goal = poseToAngles(held);
          for (const key of oneWay) {
            // b lies between a and the goal: it has not gone back, nor past the held pose.
            expect(Math.abs(goal[key] - b[key])).toBeLessThanOrEqual(
              Math.abs(goal[key] - a[key]) + 1e-9,
            );
            expect((b[key] - a[key]) * (goal[key] - a[key])).toBeGreaterThanOrEqual(-1e-9);
          }
        }),
      );
    });

    it('during the rest, goes back the way it came and then is exactly the start pose', () => {
      expect(motionPose(keyframes, { kind: 'rest', msIntoRest: 0 })).toStrictEqual(held);
      fc.assert(
        fc.property(afterMove, afterMove, (t1, t2) => {
          const a = motionPose(keyframes, { kind: 'rest', msIntoRest: t1 });
          expect(a).toStrictEqual(start);
          expect(motionPose(keyframes, { kind: 'rest', msIntoRest: t2 })).toStrictEqual(a);
        }),
      );
      fc.assert(
        fc.property(duringMove, (t) => {
          const out = poseToAngles(motionPose(keyframes, { kind: 'rest', msIntoRest: t }));
          const back = poseToAngles(
            motionPose(keyframes, { kind: 'hold', msIntoHold: FIGURE_MOVE_MS - t }),
          );
          for (const key of POSE_KEYS) expect(out[key]).toBeCloseTo(back[key], CLOSE);
        }),
      );
    });
  });

  it('a stretch is visibly held in a different position from where it starts', () => {
    const moving = HOLD_EXERCISES.filter((e) => e.id !== 'abdominal-brace');
    for (const e of moving) {
      expect(jointDistance(heldPose(e.keyframes), startPose(e.keyframes)), e.id).toBeGreaterThan(
        0.1,
      );
    }
  });
});

describe('the figure during repetitions and the demo', () => {
  const keyframes = knowledgeBase.exercises.find((e) => e.id === 'glute-bridge')?.keyframes ?? [];

  it('goes there and back once per repetition: start, the end position half way, start again', () => {
    expect(keyframes.length).toBeGreaterThan(1);
    expect(motionPose(keyframes, { kind: 'reps', fraction: 0 })).toStrictEqual(
      startPose(keyframes),
    );
    const top = poseToAngles(motionPose(keyframes, { kind: 'reps', fraction: 0.5 }));
    const held = poseToAngles(heldPose(keyframes));
    for (const key of POSE_KEYS) expect(top[key]).toBeCloseTo(held[key], CLOSE);
    expect(motionPose(keyframes, { kind: 'reps', fraction: 1 })).toStrictEqual(
      startPose(keyframes),
    );
    expect(motionPose(keyframes, { kind: 'reps', fraction: 3 })).toStrictEqual(
      startPose(keyframes),
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => {
        const there = poseToAngles(motionPose(keyframes, { kind: 'reps', fraction: f }));
        const back = poseToAngles(motionPose(keyframes, { kind: 'reps', fraction: 1 - f }));
        for (const key of POSE_KEYS) expect(there[key]).toBeCloseTo(back[key], CLOSE);
      }),
    );
  });

  it('the demo loops there and back, as the figure always has', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 50, noNaN: true }), (phase) => {
        expect(motionPose(keyframes, { kind: 'demo', phase })).toStrictEqual(
          poseAt(keyframes, yoyo(phase)),
        );
      }),
    );
    const a = poseToAngles(motionPose(keyframes, { kind: 'demo', phase: 0.25 }));
    const b = poseToAngles(motionPose(keyframes, { kind: 'demo', phase: 2.25 }));
    const c = poseToAngles(motionPose(keyframes, { kind: 'demo', phase: 1 }));
    expect(a).toEqual(b);
    expect(c.farHip).not.toBeCloseTo(a.farHip, 1);
  });
});

describe('momentOf and isSettled: when the figure may stop drawing', () => {
  const MS_PER_REP = 4000;

  it('runs a hold or a rest on from where it was given, and a repetition from its start', () => {
    expect(momentOf({ kind: 'hold', msIntoHold: 1000 }, 250, MS_PER_REP)).toEqual({
      kind: 'hold',
      msIntoHold: 1250,
    });
    expect(momentOf({ kind: 'rest', msIntoRest: 0 }, 700, MS_PER_REP)).toEqual({
      kind: 'rest',
      msIntoRest: 700,
    });
    expect(momentOf({ kind: 'reps', count: 3 }, 1000, MS_PER_REP)).toEqual({
      kind: 'reps',
      fraction: 0.25,
    });
    // A demo's phase counts half-repetitions, as the figure's looping always did.
    expect(momentOf({ kind: 'demo' }, 3000, MS_PER_REP)).toEqual({ kind: 'demo', phase: 1.5 });
    expect(momentOf({ kind: 'hold', msIntoHold: 0 }, -20, MS_PER_REP)).toEqual({
      kind: 'hold',
      msIntoHold: 0,
    });
  });

  it('settles at the end of a move or a repetition, never in a demo', () => {
    expect(isSettled({ kind: 'hold', msIntoHold: FIGURE_MOVE_MS - 1 })).toBe(false);
    expect(isSettled({ kind: 'hold', msIntoHold: FIGURE_MOVE_MS })).toBe(true);
    expect(isSettled({ kind: 'rest', msIntoRest: 0 })).toBe(false);
    expect(isSettled({ kind: 'rest', msIntoRest: 20_000 })).toBe(true);
    expect(isSettled({ kind: 'reps', fraction: 0.99 })).toBe(false);
    expect(isSettled({ kind: 'reps', fraction: 1 })).toBe(true);
    expect(isSettled({ kind: 'demo', phase: 1e6 })).toBe(false);
  });

  it('once settled, the pose never changes however much more time passes (so no frames are needed)', () => {
    const motions = fc.oneof(
      fc.record({
        kind: fc.constant('hold' as const),
        msIntoHold: fc.integer({ min: 0, max: 60_000 }),
      }),
      fc.record({
        kind: fc.constant('rest' as const),
        msIntoRest: fc.integer({ min: 0, max: 10_000 }),
      }),
      fc.record({ kind: fc.constant('reps' as const), count: fc.nat(20) }),
    );
    const exercises = fc.constantFrom(...knowledgeBase.exercises);
    fc.assert(
      fc.property(
        exercises,
        motions,
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        (exercise, motion: FigureMotion, elapsed, more) => {
          const now = momentOf(motion, elapsed, MS_PER_REP);
          fc.pre(isSettled(now));
          const later = momentOf(motion, elapsed + more, MS_PER_REP);
          expect(isSettled(later)).toBe(true);
          expect(motionPose(exercise.keyframes, later)).toStrictEqual(
            motionPose(exercise.keyframes, now),
          );
        },
      ),
    );
  });
});
