// How every exercise's key poses are built on the figure model (kept as data in `src/kb/figure-poses.ts`), and the
// posterior-chain picture.
import type { ExerciseId, Keyframe } from '../kb/types.js';
import {
  NEUTRAL_STANDING,
  SEGMENTS,
  STANDING_LORDOSIS,
  armReaching,
  directionDeg,
  jointPositions,
  legReaching,
  placed,
  poseToAngles,
  type JointPositions,
  type LegAngles,
  type Point,
  type Pose,
  type Side,
} from './model.js';

/*
 * The poses are built from a few postures (lying with the knees bent, standing) and the model's
 * reaching helpers, rather than typed in as raw numbers, so that each one says what the steps say
 * ("foot flat on the floor a hand-length from the buttock", "wrists behind the thigh") and stays
 * true if a segment length is tuned. Every pose is still fixed data once this module has loaded.
 */

/** Lying down, the spine's line sits one head radius above the floor, so the head rests on it. */
const LYING_SPINE_HEIGHT = SEGMENTS.head / 2;

/** Lying with the knees bent keeps a smaller hollow than standing: "a small natural hollow". */
const LYING_LORDOSIS = 30;

/** Where a bent leg's foot is put, forward of the hip, in crook lying. */
const CROOK_FOOT = 0.3;

/** The bridge's feet: "heels about a hand-length from your buttocks". */
const BRIDGE_FOOT = 0.23;

/** A foot flat on the floor, toes pointing away from the head. */
const FLAT = 0;

/** The pose with one side's leg replaced. */
function withLeg(pose: Pose, side: Side, leg: LegAngles): Pose {
  return side === 'near' ? { ...pose, nearLeg: leg } : { ...pose, farLeg: leg };
}

/** A point a fraction of the way along the thigh from the hip: where the hands hold it. */
function onThigh(joints: JointPositions, side: Side, fraction: number): Point {
  const knee = joints[side].knee;
  return {
    x: joints.hip.x + (knee.x - joints.hip.x) * fraction,
    y: joints.hip.y + (knee.y - joints.hip.y) * fraction,
  };
}

/** The pose with one leg's ankle placed on the floor at `forward` from the hip, foot flat. */
function footOnFloor(pose: Pose, side: Side, forward: number): Pose {
  const ankle = { x: pose.root.x + forward, y: 0 };
  return withLeg(pose, side, legReaching(pose, side, ankle, FLAT));
}

/** The pose with both hands holding the given side's thigh a fraction of the way to the knee. */
function handsOnThigh(pose: Pose, side: Side, fraction: number): Pose {
  const grip = onThigh(jointPositions(pose), side, fraction);
  const arm = armReaching(pose, grip);
  return { ...pose, nearArm: arm, farArm: arm };
}

/** Lying on the back, legs straight along the floor, arms by the sides, head resting. */
function supine(): Pose {
  const pose: Pose = {
    ...NEUTRAL_STANDING,
    root: { x: 0, y: 0 },
    lumbar: LYING_LORDOSIS,
    trunk: -90,
  };
  // The hip sits at x = 0; only its height follows from resting the shoulders on the floor.
  const shoulder = jointPositions(pose).shoulder;
  return placed(pose, (j) => j.shoulder, { x: shoulder.x, y: LYING_SPINE_HEIGHT });
}

/** Lying on the back with both knees bent and both feet flat: where most floor exercises start. */
function crookLying(): Pose {
  return footOnFloor(footOnFloor(supine(), 'near', CROOK_FOOT), 'far', CROOK_FOOT);
}

/** Standing tall on the floor with the near ankle over the origin. */
function standing(overrides: Partial<Pose> = {}): Pose {
  return placed({ ...NEUTRAL_STANDING, ...overrides }, (j) => j.near.ankle, { x: 0, y: 0 });
}

/** Neck flexion that keeps the head resting on the floor whatever the slope of the chest. */
function headOnFloor(pose: Pose): Pose {
  const { shoulder } = jointPositions(pose);
  const reach = SEGMENTS.neck + SEGMENTS.head / 2;
  const drop = Math.max(-1, Math.min(1, (LYING_SPINE_HEIGHT - shoulder.y) / reach));
  // The head lies towards -x from the shoulder; the neck points up the body at 90 - trunk.
  const neckAngle = 180 - (Math.asin(drop) * 180) / Math.PI;
  return { ...pose, neck: 90 - pose.trunk - neckAngle };
}

/** Arms lying along the floor by the sides, whatever the slope of the chest. */
function armsOnFloor(pose: Pose): Pose {
  const { shoulder } = jointPositions(pose);
  const arm = armReaching(pose, {
    x: shoulder.x + SEGMENTS.upperArm + SEGMENTS.forearm,
    y: shoulder.y,
  });
  return { ...pose, nearArm: arm, farArm: arm };
}

/**
 * A bridge with the chest at `trunk` (-90 is lying flat), the shoulders and both feet kept on the
 * crook-lying spots where they started, so nothing slides as the hips rise.
 */
function bridge(trunk: number): Pose {
  const start = footOnFloor(footOnFloor(supine(), 'near', BRIDGE_FOOT), 'far', BRIDGE_FOOT);
  const startJoints = jointPositions(start);
  const tilted = placed({ ...start, trunk }, (j) => j.shoulder, startJoints.shoulder);
  const near = legReaching(tilted, 'near', startJoints.near.ankle, FLAT);
  const far = legReaching(tilted, 'far', startJoints.far.ankle, FLAT);
  return armsOnFloor(headOnFloor({ ...tilted, nearLeg: near, farLeg: far }));
}

/** How far the knee lies off the shoulder-to-hip line, positive when it is above it. */
function kneeAboveBodyLine(pose: Pose): number {
  const j = jointPositions(pose);
  const lineAngle = directionDeg(j.shoulder, j.hip);
  const kneeAngle = directionDeg(j.shoulder, j.near.knee);
  return kneeAngle - lineAngle;
}

/**
 * The bridge's top: the chest angle at which shoulders, hips and knees make one straight line, and
 * no higher ("a straight line from shoulders to knees is plenty"). Found by bisection because the
 * feet and shoulders are pinned.
 */
function bridgeTop(): Pose {
  let flat = -90;
  let high = -150;
  for (let i = 0; i < 40; i++) {
    const middle = (flat + high) / 2;
    if (kneeAboveBodyLine(bridge(middle)) > 0) flat = middle;
    else high = middle;
  }
  return bridge((flat + high) / 2);
}

/**
 * The hip hinge at `depth` (0 standing, 1 the bottom), feet pinned: the chest tips forward from the
 * hips to 45°, the hips travel back and the knees keep a slight bend.
 */
function hinge(depth: number): Pose {
  const knee = 10 + 12 * depth;
  // Shins stay vertical, so the slight knee bend sends the hips back rather than the knees forward.
  const shin = -90;
  const trunk = 45 * depth;
  // Picture angles: the thigh turns counter-clockwise from the shin by the knee's bend, and the hip
  // angle is the thigh's turn from the trunk line's downward direction (-90 - trunk).
  const thigh = shin + knee;
  const hip = thigh - (-90 - trunk);
  // A vertical shin leaves the foot flat at a right angle.
  const leg = { hip, knee, ankle: 0 };
  return handsOnHips(standing({ trunk, nearLeg: leg, farLeg: leg }));
}

/** Hands resting on the hips, elbows out behind: "rest your hands on your hips". */
function handsOnHips(pose: Pose): Pose {
  const { hip } = jointPositions(pose);
  const t = (pose.trunk * Math.PI) / 180;
  // A little up the body from the hip joint and a little in front of it, on the rim of the pelvis.
  const up = 0.06;
  const forward = 0.03;
  const grip = {
    x: hip.x + up * Math.sin(t) + forward * Math.cos(t),
    y: hip.y + up * Math.cos(t) - forward * Math.sin(t),
  };
  const arm = armReaching(pose, grip);
  return { ...pose, nearArm: arm, farArm: arm };
}

/** The straight leg's hip angle that lifts its ankle to the height of the other, bent knee. */
function raiseToOtherKnee(pose: Pose, side: Side, otherSide: Side): Pose {
  const j = jointPositions(pose);
  const rise = j[otherSide].knee.y - j.hip.y;
  const hip = (Math.asin(rise / (SEGMENTS.thigh + SEGMENTS.shin)) * 180) / Math.PI;
  return withLeg(pose, side, { hip, knee: 0, ankle: 0 });
}

function keyframes(...poses: Array<[at: number, pose: Pose]>): Keyframe[] {
  return poses.map(([at, pose]) => ({ at, angles: poseToAngles(pose) }));
}

function kneeToChest(): Keyframe[] {
  const start = crookLying();
  // The relaxed knee hangs bent so the shin stays about level: the hold is behind the thigh.
  const up = handsOnThigh({ ...start, nearLeg: { hip: 95, knee: 105, ankle: 0 } }, 'near', 0.85);
  // Drawn in to the chest: the hip well past a right angle, the hands just below the knee.
  const drawn = handsOnThigh(
    { ...start, nearLeg: { hip: 138, knee: 128, ankle: 10 } },
    'near',
    0.9,
  );
  return keyframes([0, start], [0.45, up], [1, drawn]);
}

/**
 * Figure four: the crossed leg's hip turns out, which a side view cannot show, so the picture is drawn
 * from beyond the feet, to one side and a little above (see `EXERCISE_MARKS`), where the legs make the "4". In the side-view model the crossed ankle lies
 * over the other knee; `nearCross` carries it across onto that thigh and turns the knee out.
 */
function figureFour(): Keyframe[] {
  const start = crookLying();
  const ankleOnKnee = (pose: Pose): Pose => {
    const knee = jointPositions(pose).far.knee;
    const rest = { x: knee.x + 0.02, y: knee.y + 0.045 };
    return { ...pose, nearLeg: legReaching(pose, 'near', rest), nearCross: 1 };
  };
  const crossed = ankleOnKnee({ ...start, nearLeg: { ...start.nearLeg, ankle: 10 } });
  const lifted = handsOnThigh(
    ankleOnKnee({ ...crossed, farLeg: { hip: 80, knee: 95, ankle: 0 } }),
    'far',
    0.75,
  );
  return keyframes([0, start], [0.45, crossed], [1, lifted]);
}

function supineHamstringGentle(): Keyframe[] {
  const start = crookLying();
  const thighUp = handsOnThigh({ ...start, nearLeg: { hip: 90, knee: 90, ankle: 0 } }, 'near', 0.9);
  // Straightened only to the first stretch: a tight hamstring stops the knee well short of straight.
  const firstStretch = { ...thighUp, nearLeg: { hip: 90, knee: 35, ankle: 0 } };
  return keyframes([0, start], [0.45, thighUp], [1, firstStretch]);
}

/** Both hands on the strap, reaching along the line from the shoulders towards the looped sole. */
function handsOnStrap(pose: Pose): Pose {
  const j = jointPositions(pose);
  const along = directionDeg(j.shoulder, j.near.ankle) * (Math.PI / 180);
  // Elbows stay softly bent: the hands hold the strap's ends, not the foot.
  const reach = 0.85 * (SEGMENTS.upperArm + SEGMENTS.forearm);
  const grip = {
    x: j.shoulder.x + reach * Math.cos(along),
    y: j.shoulder.y + reach * Math.sin(along),
  };
  const arm = armReaching(pose, grip);
  return { ...pose, nearArm: arm, farArm: arm };
}

function supineHamstringStrap(): Keyframe[] {
  const start = crookLying();
  // The strap is looped round the sole with the knee still bent, then the leg straightens and rises.
  const looped = handsOnStrap({ ...start, nearLeg: { hip: 70, knee: 90, ankle: 0 } });
  const straight = handsOnStrap({ ...start, nearLeg: { hip: 40, knee: 0, ankle: 0 } });
  const raised = handsOnStrap({ ...start, nearLeg: { hip: 70, knee: 0, ankle: 0 } });
  return keyframes([0, looped], [0.4, straight], [1, raised]);
}

/**
 * Leg up the door frame: the heel slides up a frame standing just beyond the raised leg until the
 * knee is almost straight ("leave it slightly soft"); the other leg lies flat through the doorway.
 */
function hamstringWallStretch(): Keyframe[] {
  const lying = supine();
  const hipY = lying.root.y;
  const frameX = 0.16;
  const heelLow = { x: frameX, y: hipY + 0.24 };
  const softKnee = SEGMENTS.thigh + SEGMENTS.shin - 0.004;
  const heelHigh = { x: frameX, y: hipY + Math.sqrt(softKnee ** 2 - frameX ** 2) };
  const bent = { ...lying, nearLeg: legReaching(lying, 'near', heelLow) };
  const up = { ...lying, nearLeg: legReaching(lying, 'near', heelHigh) };
  return keyframes([0, bent], [1, up]);
}

function activeHamstringStretch(): Keyframe[] {
  const start = crookLying();
  const thighUp = handsOnThigh({ ...start, nearLeg: { hip: 90, knee: 90, ankle: 0 } }, 'near', 0.8);
  // "The knee does not need to go fully straight": stop at a comfortable stretch.
  const extended = { ...thighUp, nearLeg: { hip: 90, knee: 25, ankle: 0 } };
  return keyframes([0, start], [0.4, thighUp], [1, extended]);
}

/**
 * The brace moves nothing that a side view can show, and that is the lesson: "your back and pelvis
 * should not move". Both key poses are the same neutral crook lying.
 */
function abdominalBrace(): Keyframe[] {
  const rest = crookLying();
  return keyframes([0, rest], [1, rest]);
}

function gluteBridge(): Keyframe[] {
  const top = bridgeTop();
  const middle = bridge((-90 + top.trunk) / 2);
  return keyframes([0, bridge(-90)], [0.5, middle], [1, top]);
}

function supineStraightLegRaise(): Keyframe[] {
  const down = footOnFloor(supine(), 'far', CROOK_FOOT);
  const up = raiseToOtherKnee(down, 'near', 'far');
  return keyframes([0, down], [1, up]);
}

function standingMarch(): Keyframe[] {
  const tall = standing();
  // The stance leg and the back stay as they are; the lifted thigh comes level with the hip.
  const lifted = { ...tall, nearLeg: { hip: 90, knee: 90, ankle: -10 } };
  return keyframes([0, tall], [1, lifted]);
}

function goodMorningModified(): Keyframe[] {
  return keyframes([0, hinge(0)], [0.5, hinge(0.5)], [1, hinge(1)]);
}

/**
 * Every exercise's key poses built from the postures above, in time order on 0..1 for one repetition,
 * without marks. The knowledge base keeps them as data (`src/kb/figure-poses.ts`, written from this by
 * `npx tsx scripts/kb-figures.ts`); a test keeps the two equal.
 */
export function buildExercisePoses(): Record<ExerciseId, Keyframe[]> {
  return {
    'knee-to-chest': kneeToChest(),
    'figure-four': figureFour(),
    'supine-hamstring-gentle': supineHamstringGentle(),
    'supine-hamstring-strap': supineHamstringStrap(),
    'hamstring-wall-stretch': hamstringWallStretch(),
    'active-hamstring-stretch': activeHamstringStretch(),
    'abdominal-brace': abdominalBrace(),
    'glute-bridge': gluteBridge(),
    'supine-straight-leg-raise': supineStraightLegRaise(),
    'standing-march': standingMarch(),
    'good-morning-modified': goodMorningModified(),
  };
}

/** Posterior pelvic tilt at full hamstring tension, in degrees. */
const MAX_TILT = 15;
/** Lordosis left at full hamstring tension, in degrees. */
const FLAT_LORDOSIS = 15;

/**
 * The posterior-chain picture: standing with straight legs while the hamstrings, which run from
 * the sitting bone to below the knee, pull harder. With `hamstringTension` from 0 to 1 (clamped)
 * the pelvis tilts back from 0° to 15° and the low back's hollow flattens from 40° to 15°.
 */
export function POSTERIOR_CHAIN_POSE(hamstringTension: number): Pose {
  const t = Number.isFinite(hamstringTension) ? Math.min(1, Math.max(0, hamstringTension)) : 0;
  return standing({
    pelvisTilt: MAX_TILT * t,
    lumbar: STANDING_LORDOSIS + (FLAT_LORDOSIS - STANDING_LORDOSIS) * t,
  });
}
