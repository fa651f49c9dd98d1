// A small 2D side-view model of the body for the exercise illustrations: segment lengths, poses as joint angles, forward kinematics, reaching and keyframe easing.
import type { Keyframe } from '../kb/types.js';

/*
 * Coordinate space and angle conventions (read these before authoring a pose).
 *
 * - Unit space, y up: a standing person of height 1 stands on the floor y = 0. x grows towards
 *   the way the figure faces when it stands (its front is +x, so a lying figure has its head at -x
 *   and its feet at +x). The SVG renderer flips y; nothing here knows about the screen.
 * - All angles are in degrees. Internally a direction is a "picture angle": counter-clockwise from
 *   +x, as in plain trigonometry.
 * - `trunk` is the whole body's orientation: the inclination of the thoracic segment (the chest,
 *   from the top of the lumbar spine to the shoulder) from vertical, positive leaning forward
 *   (towards +x when standing). 0 is upright, +45 a hip hinge, -90 lying on the back.
 * - The limbs, the neck and the pelvis are measured from the trunk line rather than from each
 *   other's world direction, so that a pose reads the way a clinician describes it ("hip bent to
 *   90°") whatever the body's orientation:
 *   - `hip` flexion: the thigh's angle from the trunk line's downward continuation; 0 = thigh in line
 *     with the chest (standing straight), 90 = thigh at a right angle in front, negative = behind.
 *     It is measured from the chest, not from the tilted pelvis, so that tilting the pelvis does not
 *     swing the legs: the posterior-chain picture tilts the pelvis while the legs stay put.
 *   - `knee` flexion: the shin's angle from the thigh's line; 0 = straight, positive = heel towards
 *     the buttock.
 *   - `ankle` dorsiflexion: 0 = foot at a right angle to the shin (standing flat), positive = toes
 *     towards the shin, negative = pointed.
 *   - `shoulder` flexion: the upper arm's angle from the trunk line's downward continuation;
 *     0 = arm hanging by the side, 90 = straight forward, 180 = overhead, negative = behind.
 *   - `elbow` flexion: 0 = straight, positive = hand towards the front of the shoulder.
 *   - `neck` flexion: 0 = neck in line with the chest, positive = chin towards the chest.
 * - The spine between the pelvis and the chest:
 *   - `lumbar` is the lordosis, the low back's hollow, in degrees (about 40 standing, 30 lying with
 *     bent knees, near 15 when flattened). The lumbar segment leans forward of the chest line by
 *     half of it, which puts the top of the lumbar spine forward of the line from the sacrum to the
 *     shoulder: the hollow. Less lordosis brings the lumbar segment into line with the chest.
 *   - `pelvisTilt` is the pelvis's rotation from its neutral place on the trunk line; positive =
 *     posterior tilt (the top of the pelvis rolls backwards, the sitting bones move down and
 *     forward), negative = anterior tilt. In neutral the line from the hip joint to the
 *     lumbosacral joint leans back from the trunk line by `PELVIS_BACK_LEAN`.
 * - The root is the pelvis centre: in a side view both hip joints project onto one point, so the
 *   root is that hip-joint axis and both legs hang from it.
 */

/** A point in the model's unit space (y up). */
export interface Point {
  x: number;
  y: number;
}

/** Segment lengths as proportions of standing height. */
export interface Segments {
  /** Diameter of the head circle, chin to crown. */
  head: number;
  /** Shoulder (C7) to the base of the skull. */
  neck: number;
  /** Top of the lumbar spine (T12/L1) to the shoulder. */
  thoracic: number;
  /** Lumbosacral joint (L5/S1) to the top of the lumbar spine. */
  lumbar: number;
  /** Hip joint to the lumbosacral joint. */
  pelvis: number;
  /** Hip joint to the sitting bone (ischial tuberosity), where the hamstrings start. */
  ischium: number;
  thigh: number;
  /** Knee to sole: the ankle's height above the floor is folded in so a flat foot rests on y = 0. */
  shin: number;
  /** Ankle to the tip of the toes. */
  foot: number;
  upperArm: number;
  /** Elbow to wrist. */
  forearm: number;
}

/**
 * Proportions from the usual anthropometric tables (Drillis and Contini, as tabled by Winter):
 * shoulder at 0.818 of height, hip at 0.530, knee at 0.285, head 0.130. The trunk's 0.288 is split
 * into pelvis, lumbar and thoracic so that standing in neutral puts the crown at 1.
 */
export const SEGMENTS: Readonly<Segments> = {
  head: 0.13,
  neck: 0.052,
  thoracic: 0.145,
  lumbar: 0.095,
  pelvis: 0.06,
  ischium: 0.05,
  thigh: 0.245,
  shin: 0.285,
  foot: 0.14,
  upperArm: 0.186,
  forearm: 0.16,
};

/** How far, in degrees, the hip-to-lumbosacral line leans back from the trunk line in neutral tilt. */
export const PELVIS_BACK_LEAN = 25;

/** The sitting bone's direction from the hip, as a rotation from the hip-to-lumbosacral line (down and back in neutral). */
export const ISCHIUM_TURN = 130;

/** Lordosis of relaxed upright standing, in degrees. */
export const STANDING_LORDOSIS = 40;

export interface LegAngles {
  hip: number;
  knee: number;
  ankle: number;
}

export interface ArmAngles {
  shoulder: number;
  elbow: number;
}

/** One posture of the figure. Angles in degrees, conventions at the top of this file. */
export interface Pose {
  /** The pelvis centre (the hip-joint axis seen from the side). */
  root: Point;
  pelvisTilt: number;
  lumbar: number;
  trunk: number;
  neck: number;
  /** The leg and arm nearer the viewer, drawn in front and darker. */
  nearLeg: LegAngles;
  farLeg: LegAngles;
  nearArm: ArmAngles;
  farArm: ArmAngles;
  /**
   * How far the near leg's ankle has crossed over to rest on the far leg, 0 (in its own plane, the
   * default) to 1 (resting on it), as in the figure-four stretch. The side view cannot show it; the
   * three-dimensional view (`view.ts`) turns the knee out and carries the ankle across.
   */
  nearCross?: number;
}

export type Side = 'near' | 'far';

/** The joints of one side. */
export interface LimbPoints {
  elbow: Point;
  wrist: Point;
  knee: Point;
  ankle: Point;
  toe: Point;
}

/** Every named point of a posed figure. */
export interface JointPositions {
  hip: Point;
  ischium: Point;
  lumbosacral: Point;
  lumbarTop: Point;
  shoulder: Point;
  /** Top of the neck: the base of the skull. */
  neck: Point;
  /** Centre of the head circle. */
  head: Point;
  near: LimbPoints;
  far: LimbPoints;
}

/** Upright standing, arms by the sides, feet flat on the floor under the hips. */
export const NEUTRAL_STANDING: Readonly<Pose> = {
  root: { x: 0, y: SEGMENTS.thigh + SEGMENTS.shin },
  pelvisTilt: 0,
  lumbar: STANDING_LORDOSIS,
  trunk: 0,
  neck: 0,
  nearLeg: { hip: 0, knee: 0, ankle: 0 },
  farLeg: { hip: 0, knee: 0, ankle: 0 },
  nearArm: { shoulder: 0, elbow: 0 },
  farArm: { shoulder: 0, elbow: 0 },
};

const RAD = Math.PI / 180;

function step(from: Point, angleDeg: number, length: number): Point {
  return {
    x: from.x + length * Math.cos(angleDeg * RAD),
    y: from.y + length * Math.sin(angleDeg * RAD),
  };
}

/** The picture angle of the vector from `a` to `b`, in degrees. */
export function directionDeg(a: Point, b: Point): number {
  return Math.atan2(b.y - a.y, b.x - a.x) / RAD;
}

/** Straight-line distance between two points. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** An angle brought into (-180, 180], so differences of picture angles read as joint angles. */
export function wrapDeg(angle: number): number {
  const wrapped = angle - 360 * Math.floor((angle + 180) / 360);
  return wrapped === -180 ? 180 : wrapped;
}

/** The picture angle of the trunk line pointing up the body (from the lumbar top to the shoulder). */
function bodyUp(trunk: number): number {
  return 90 - trunk;
}

/** The picture angle of the trunk line's downward continuation, from which hips and shoulders flex. */
function bodyDown(trunk: number): number {
  return -90 - trunk;
}

/** The world (picture) angles of one leg's thigh, shin and foot. */
function legDirections(
  trunk: number,
  leg: LegAngles,
): { thigh: number; shin: number; foot: number } {
  const thigh = bodyDown(trunk) + leg.hip;
  // Flexion turns the shin clockwise from the thigh: backwards, heel towards the buttock.
  const shin = thigh - leg.knee;
  // A quarter turn counter-clockwise from the shin is the front of the leg, where the toes point.
  const foot = shin + 90 + leg.ankle;
  return { thigh, shin, foot };
}

function armDirections(trunk: number, arm: ArmAngles): { upper: number; fore: number } {
  const upper = bodyDown(trunk) + arm.shoulder;
  return { upper, fore: upper + arm.elbow };
}

/** Where every joint of `pose` lies, by forward kinematics from the pelvis centre. */
export function jointPositions(
  pose: Pose,
  segments: Readonly<Segments> = SEGMENTS,
): JointPositions {
  const up = bodyUp(pose.trunk);
  const hip = { x: pose.root.x, y: pose.root.y };
  // Posterior tilt turns the pelvis counter-clockwise in the picture: its top rolls backwards.
  const pelvisAngle = up + PELVIS_BACK_LEAN + pose.pelvisTilt;
  const lumbosacral = step(hip, pelvisAngle, segments.pelvis);
  const ischium = step(hip, pelvisAngle + ISCHIUM_TURN, segments.ischium);
  // Leaning forward is clockwise for a segment that points up the body.
  const lumbarTop = step(lumbosacral, up - pose.lumbar / 2, segments.lumbar);
  const shoulder = step(lumbarTop, up, segments.thoracic);
  const neckAngle = up - pose.neck;
  const neck = step(shoulder, neckAngle, segments.neck);
  const head = step(neck, neckAngle, segments.head / 2);

  const limb = (leg: LegAngles, arm: ArmAngles): LimbPoints => {
    const l = legDirections(pose.trunk, leg);
    const a = armDirections(pose.trunk, arm);
    const knee = step(hip, l.thigh, segments.thigh);
    const ankle = step(knee, l.shin, segments.shin);
    const elbow = step(shoulder, a.upper, segments.upperArm);
    return {
      elbow,
      wrist: step(elbow, a.fore, segments.forearm),
      knee,
      ankle,
      toe: step(ankle, l.foot, segments.foot),
    };
  };

  return {
    hip,
    ischium,
    lumbosacral,
    lumbarTop,
    shoulder,
    neck,
    head,
    near: limb(pose.nearLeg, pose.nearArm),
    far: limb(pose.farLeg, pose.farArm),
  };
}

/**
 * The two picture angles of a two-segment limb from `base` whose end reaches `target`, bending
 * clockwise (`cw`, like a knee) or counter-clockwise (`ccw`, like an elbow) at the middle joint.
 * An unreachable target is reached for as far as the limb goes, so authoring slips show in tests
 * as a missed position rather than as NaN.
 */
export function solveTwoSegments(
  base: Point,
  target: Point,
  first: number,
  second: number,
  bend: 'cw' | 'ccw',
): { first: number; second: number } {
  const reach = Math.min(
    first + second,
    Math.max(Math.abs(first - second), distance(base, target)),
  );
  const towards = directionDeg(base, target);
  const cosBase = (first * first + reach * reach - second * second) / (2 * first * reach);
  const cosMiddle = (first * first + second * second - reach * reach) / (2 * first * second);
  const atBase = Math.acos(Math.min(1, Math.max(-1, cosBase))) / RAD;
  const turn = 180 - Math.acos(Math.min(1, Math.max(-1, cosMiddle))) / RAD;
  // A clockwise bend in the middle needs the first segment turned counter-clockwise of the target line.
  const firstAngle = bend === 'cw' ? towards + atBase : towards - atBase;
  const secondAngle = bend === 'cw' ? firstAngle - turn : firstAngle + turn;
  return { first: firstAngle, second: secondAngle };
}

/**
 * Hip and knee angles that put one leg's ankle on `ankle`, the knee bending the natural way; with
 * `footAngle` (a picture angle) the ankle turns so the foot lies that way, e.g. 0 for a foot flat
 * on the floor pointing +x. Without it the ankle keeps its current angle.
 */
export function legReaching(
  pose: Pose,
  side: Side,
  ankle: Point,
  footAngle?: number,
  segments: Readonly<Segments> = SEGMENTS,
): LegAngles {
  const { first: thigh, second: shin } = solveTwoSegments(
    pose.root,
    ankle,
    segments.thigh,
    segments.shin,
    'cw',
  );
  const current = side === 'near' ? pose.nearLeg : pose.farLeg;
  return {
    hip: wrapDeg(thigh - bodyDown(pose.trunk)),
    knee: wrapDeg(thigh - shin),
    ankle: footAngle === undefined ? current.ankle : wrapDeg(footAngle - shin - 90),
  };
}

/** Shoulder and elbow angles that put one arm's wrist on `wrist`, the elbow bending the natural way. */
export function armReaching(
  pose: Pose,
  wrist: Point,
  segments: Readonly<Segments> = SEGMENTS,
): ArmAngles {
  const { shoulder } = jointPositions(pose, segments);
  const { first: upper, second: fore } = solveTwoSegments(
    shoulder,
    wrist,
    segments.upperArm,
    segments.forearm,
    'ccw',
  );
  return { shoulder: wrapDeg(upper - bodyDown(pose.trunk)), elbow: wrapDeg(fore - upper) };
}

/** The same pose moved so that `point` (found by `pick` on its joints) lands on `target`. */
export function placed(
  pose: Pose,
  pick: (joints: JointPositions) => Point,
  target: Point,
  segments: Readonly<Segments> = SEGMENTS,
): Pose {
  const at = pick(jointPositions(pose, segments));
  return {
    ...pose,
    root: { x: pose.root.x + target.x - at.x, y: pose.root.y + target.y - at.y },
  };
}

/** The keys of a pose in a keyframe's `angles` record (the root's coordinates ride along as numbers). */
export const POSE_KEYS = [
  'rootX',
  'rootY',
  'pelvisTilt',
  'lumbar',
  'trunk',
  'neck',
  'nearHip',
  'nearKnee',
  'nearAnkle',
  'farHip',
  'farKnee',
  'farAnkle',
  'nearShoulder',
  'nearElbow',
  'farShoulder',
  'farElbow',
] as const;
export type PoseKey = (typeof POSE_KEYS)[number];

/** Keys a keyframe may carry or leave out (left out: 0). */
export const OPTIONAL_POSE_KEYS = ['nearCross'] as const;

/** A pose flattened into a keyframe's `angles` record, one number per `POSE_KEYS` entry (and `nearCross` when set). */
export function poseToAngles(pose: Pose): Record<PoseKey, number> & { nearCross?: number } {
  return {
    ...(pose.nearCross ? { nearCross: pose.nearCross } : {}),
    rootX: pose.root.x,
    rootY: pose.root.y,
    pelvisTilt: pose.pelvisTilt,
    lumbar: pose.lumbar,
    trunk: pose.trunk,
    neck: pose.neck,
    nearHip: pose.nearLeg.hip,
    nearKnee: pose.nearLeg.knee,
    nearAnkle: pose.nearLeg.ankle,
    farHip: pose.farLeg.hip,
    farKnee: pose.farLeg.knee,
    farAnkle: pose.farLeg.ankle,
    nearShoulder: pose.nearArm.shoulder,
    nearElbow: pose.nearArm.elbow,
    farShoulder: pose.farArm.shoulder,
    farElbow: pose.farArm.elbow,
  };
}

function isPoseKey(key: string): key is PoseKey {
  return (POSE_KEYS as readonly string[]).includes(key);
}

function isOptionalKey(key: string): boolean {
  return (OPTIONAL_POSE_KEYS as readonly string[]).includes(key);
}

/**
 * A keyframe's `angles` record read back into a pose. Keyframes are the project's own data, so a
 * missing, unknown or non-finite entry is a bug in that data and throws a RangeError naming it.
 */
export function anglesToPose(angles: Readonly<Record<string, number>>): Pose {
  const problems: string[] = [];
  for (const key of Object.keys(angles)) {
    if (!isPoseKey(key) && !isOptionalKey(key)) problems.push(`unknown key ${key}`);
  }
  const read = (key: PoseKey): number => {
    const value = angles[key];
    if (value === undefined) {
      problems.push(`missing ${key}`);
      return 0;
    }
    if (!Number.isFinite(value)) problems.push(`${key} is not a finite number`);
    return value;
  };
  const pose: Pose = {
    root: { x: read('rootX'), y: read('rootY') },
    pelvisTilt: read('pelvisTilt'),
    lumbar: read('lumbar'),
    trunk: read('trunk'),
    neck: read('neck'),
    nearLeg: { hip: read('nearHip'), knee: read('nearKnee'), ankle: read('nearAnkle') },
    farLeg: { hip: read('farHip'), knee: read('farKnee'), ankle: read('farAnkle') },
    nearArm: { shoulder: read('nearShoulder'), elbow: read('nearElbow') },
    farArm: { shoulder: read('farShoulder'), elbow: read('farElbow') },
  };
  const cross = angles.nearCross;
  if (cross !== undefined) {
    if (!Number.isFinite(cross)) problems.push('nearCross is not a finite number');
    else if (cross !== 0) pose.nearCross = cross;
  }
  if (problems.length > 0) throw new RangeError(`invalid pose angles: ${problems.join('; ')}`);
  return pose;
}

/** Written as a weighted sum, not a + (b - a)·t, so that t = 1 gives exactly b. */
function mix(a: number, b: number, t: number): number {
  return a * (1 - t) + b * t;
}

/**
 * The pose a fraction `t` (clamped to 0..1) of the way from `a` to `b`, every number linearly.
 * Angles are not wrapped: joint angles live in bounded ranges, and going from 0 to -90 must pass
 * through -45, never the long way round.
 */
export function interpolate(a: Pose, b: Pose, t: number): Pose {
  const u = Math.min(1, Math.max(0, t));
  const leg = (p: LegAngles, q: LegAngles): LegAngles => ({
    hip: mix(p.hip, q.hip, u),
    knee: mix(p.knee, q.knee, u),
    ankle: mix(p.ankle, q.ankle, u),
  });
  const arm = (p: ArmAngles, q: ArmAngles): ArmAngles => ({
    shoulder: mix(p.shoulder, q.shoulder, u),
    elbow: mix(p.elbow, q.elbow, u),
  });
  return {
    root: { x: mix(a.root.x, b.root.x, u), y: mix(a.root.y, b.root.y, u) },
    pelvisTilt: mix(a.pelvisTilt, b.pelvisTilt, u),
    lumbar: mix(a.lumbar, b.lumbar, u),
    trunk: mix(a.trunk, b.trunk, u),
    neck: mix(a.neck, b.neck, u),
    nearLeg: leg(a.nearLeg, b.nearLeg),
    farLeg: leg(a.farLeg, b.farLeg),
    nearArm: arm(a.nearArm, b.nearArm),
    farArm: arm(a.farArm, b.farArm),
    ...(a.nearCross || b.nearCross
      ? { nearCross: mix(a.nearCross ?? 0, b.nearCross ?? 0, u) }
      : {}),
  };
}

/**
 * Sine ease-in-out on 0..1: the speed falls to zero at each key pose, so the figure settles into
 * a hold the way a person moving slowly does.
 */
export function easeInOut(t: number): number {
  const u = Math.min(1, Math.max(0, t));
  return 0.5 - 0.5 * Math.cos(Math.PI * u);
}

/**
 * The pose at `time` (on the keyframes' own `at` scale, normally 0..1 for one repetition), eased
 * between the surrounding keyframes and held at the first or last outside their range. The
 * keyframes must be in ascending `at`.
 */
export function poseAt(keyframes: readonly Keyframe[], time: number): Pose {
  const first = keyframes[0];
  if (first === undefined) throw new RangeError('poseAt needs at least one keyframe');
  for (let i = 1; i < keyframes.length; i++) {
    const previous = keyframes[i - 1];
    const current = keyframes[i];
    if (previous !== undefined && current !== undefined && current.at < previous.at) {
      throw new RangeError('keyframes must be in ascending `at`');
    }
  }
  if (!(time > first.at)) return anglesToPose(first.angles);
  for (let i = 1; i < keyframes.length; i++) {
    const a = keyframes[i - 1];
    const b = keyframes[i];
    if (a === undefined || b === undefined) continue;
    if (time <= b.at) {
      const span = b.at - a.at;
      // Two keyframes at the same time make a cut: show the later one.
      const t = span > 0 ? (time - a.at) / span : 1;
      return interpolate(anglesToPose(a.angles), anglesToPose(b.angles), easeInOut(t));
    }
  }
  const last = keyframes[keyframes.length - 1] ?? first;
  return anglesToPose(last.angles);
}

/**
 * Folds a running phase (repetitions done, any non-negative number) into there-and-back time on
 * 0..1, so one set of keyframes from the start pose to the end pose animates a whole repetition.
 */
export function yoyo(phase: number): number {
  const p = phase - 2 * Math.floor(phase / 2);
  return p <= 1 ? p : 2 - p;
}

/**
 * How long, in milliseconds, the figure takes to move into a hold's position, and back out of it
 * at the start of the rest. Slow enough to read as "move slowly into the stretch".
 */
export const FIGURE_MOVE_MS = 1500;

/**
 * What the figure is asked to do, as the session player knows it (no running time in it):
 * - `demo`: the movement there and back, looping (outside a running set: the programme, 'ready');
 * - `hold`: moving into the held position and then still, `msIntoHold` after the hold began;
 * - `rest`: moving back to the start and then still, `msIntoRest` after the rest began;
 * - `reps`: one repetition there and back after each counted one (`count` done so far), then still
 *   at the start until the next is counted.
 */
export type FigureMotion =
  | { kind: 'demo' }
  | { kind: 'hold'; msIntoHold: number }
  | { kind: 'rest'; msIntoRest: number }
  | { kind: 'reps'; count: number };

/**
 * Where the figure is in its movement at one moment:
 * - `demo`: `phase` counts half-repetitions (0 start, 1 the end position, 2 back at the start, ...);
 * - `hold` / `rest`: milliseconds since the hold or the rest began;
 * - `reps`: `fraction` of the current repetition done, 0..1 (clamped), there and back.
 */
export type MotionMoment =
  | { kind: 'demo'; phase: number }
  | { kind: 'hold'; msIntoHold: number }
  | { kind: 'rest'; msIntoRest: number }
  | { kind: 'reps'; fraction: number };

function firstAndLast(keyframes: readonly Keyframe[]): { first: Keyframe; last: Keyframe } {
  const first = keyframes[0];
  const last = keyframes[keyframes.length - 1];
  if (first === undefined || last === undefined) {
    throw new RangeError('a figure motion needs at least one keyframe');
  }
  return { first, last };
}

/** The pose a fraction `u` (0..1) of the way through the keyframes, from the first `at` to the last. */
function alongKeyframes(keyframes: readonly Keyframe[], u: number): Pose {
  const { first, last } = firstAndLast(keyframes);
  return poseAt(keyframes, first.at + (last.at - first.at) * u);
}

/** Where an exercise starts: its first key pose. */
export function startPose(keyframes: readonly Keyframe[]): Pose {
  return anglesToPose(firstAndLast(keyframes).first.angles);
}

/**
 * The position a hold is held in: the last key pose. Keyframes are authored as one repetition from
 * the start to the end of the movement (played there and back), so the end is where a stretch is
 * held, and the farthest of the key poses from the start.
 */
export function heldPose(keyframes: readonly Keyframe[]): Pose {
  return anglesToPose(firstAndLast(keyframes).last.angles);
}

/** Milliseconds into a move-in or move-out as a fraction of it, clamped to 0..1 (NaN counts as 0). */
function moveFraction(ms: number): number {
  return Number.isNaN(ms) ? 0 : Math.min(1, Math.max(0, ms / FIGURE_MOVE_MS));
}

/**
 * The figure's pose at one moment of its motion. A hold moves along the exercise's own key poses
 * (so a leg is lifted before it is straightened, never swung straight) into the held pose over
 * `FIGURE_MOVE_MS`, then is exactly the held pose, still; a rest goes back the same way and then is
 * exactly the start pose; a repetition goes there and back once; a demo loops.
 */
export function motionPose(keyframes: readonly Keyframe[], moment: MotionMoment): Pose {
  switch (moment.kind) {
    case 'demo':
      return alongKeyframes(keyframes, yoyo(Math.max(0, moment.phase)));
    case 'hold': {
      const u = moveFraction(moment.msIntoHold);
      return u >= 1 ? heldPose(keyframes) : alongKeyframes(keyframes, u);
    }
    case 'rest': {
      const u = moveFraction(moment.msIntoRest);
      return u >= 1 ? startPose(keyframes) : alongKeyframes(keyframes, 1 - u);
    }
    case 'reps': {
      const f = Number.isNaN(moment.fraction) ? 0 : Math.min(1, Math.max(0, moment.fraction));
      return f >= 1 ? startPose(keyframes) : alongKeyframes(keyframes, yoyo(2 * f));
    }
  }
}

/**
 * The moment of `motion` after `elapsedMs` of running time since it was given (paused time not
 * counted), with one repetition taking `msPerRep` there and back.
 */
export function momentOf(motion: FigureMotion, elapsedMs: number, msPerRep: number): MotionMoment {
  const elapsed = Math.max(0, elapsedMs);
  switch (motion.kind) {
    case 'demo':
      return { kind: 'demo', phase: msPerRep > 0 ? elapsed / (msPerRep / 2) : 0 };
    case 'hold':
      return { kind: 'hold', msIntoHold: motion.msIntoHold + elapsed };
    case 'rest':
      return { kind: 'rest', msIntoRest: motion.msIntoRest + elapsed };
    case 'reps':
      return { kind: 'reps', fraction: msPerRep > 0 ? elapsed / msPerRep : 1 };
  }
}

/**
 * Whether the figure has come to rest: from this moment on its pose no longer changes with time
 * (a hold or rest past its move, a repetition done), so nothing needs drawing until the motion changes.
 */
export function isSettled(moment: MotionMoment): boolean {
  switch (moment.kind) {
    case 'demo':
      return false;
    case 'hold':
      return moveFraction(moment.msIntoHold) >= 1;
    case 'rest':
      return moveFraction(moment.msIntoRest) >= 1;
    case 'reps':
      return !(moment.fraction < 1);
  }
}
