// The pictures of the two self-tests in the intake, built on the figure model: the straight-leg raise
// (lying on the back, one straight leg lifted) and the toe touch (standing, bending forward, knees straight).
import {
  NEUTRAL_STANDING,
  SEGMENTS,
  armReaching,
  jointPositions,
  legReaching,
  placed,
  poseToAngles,
  type Pose,
} from '../../figure/model.js';
import type { FigureMarks, Keyframe } from '../../kb/types.js';

/** Lying flat, the spine's line sits one head radius above the floor, so the head rests on it. */
const LYING_SPINE_HEIGHT = SEGMENTS.head / 2;
const LYING_LORDOSIS = 30;

/** How high the straight leg goes in the picture: where many people first feel a pull. */
export const SLR_PICTURE_ANGLE = 60;

function keyframes(marks: FigureMarks, ...poses: [at: number, pose: Pose][]): Keyframe[] {
  return poses.map(([at, pose], i) => ({
    at,
    angles: poseToAngles(pose),
    ...(i === 0 ? { marks } : {}),
  }));
}

/** Lying on the back, both legs straight along the floor, arms by the sides. */
export function lyingFlat(): Pose {
  const pose: Pose = {
    ...NEUTRAL_STANDING,
    root: { x: 0, y: 0 },
    lumbar: LYING_LORDOSIS,
    trunk: -90,
  };
  const { shoulder } = jointPositions(pose);
  const flat = placed(pose, (j) => j.shoulder, { x: shoulder.x, y: LYING_SPINE_HEIGHT });
  const arm = armReaching(flat, {
    x: jointPositions(flat).shoulder.x + SEGMENTS.upperArm + SEGMENTS.forearm,
    y: LYING_SPINE_HEIGHT,
  });
  return { ...flat, nearArm: arm, farArm: arm };
}

/** The straight-leg raise self-test: the near leg rises with the knee straight, the other stays down. */
export function slrTestKeyframes(): Keyframe[] {
  const down = lyingFlat();
  const up: Pose = { ...down, nearLeg: { hip: SLR_PICTURE_ANGLE, knee: 0, ankle: 0 } };
  return keyframes(
    { muscles: ['hamstrings'], arrow: 'near.ankle', props: ['mat'] },
    [0, down],
    [1, up],
  );
}

/** Standing tall with the near ankle over the origin. */
export function standingTall(): Pose {
  return placed(NEUTRAL_STANDING, (j) => j.near.ankle, { x: 0, y: 0 });
}

/**
 * Bending forward with straight knees, fingers reaching down towards the toes. `depth` runs from 0
 * (standing) to 1 (the bottom); the hips travel a little back to keep the balance, as they do.
 */
export function toeTouchPose(depth: number): Pose {
  const t = Math.min(1, Math.max(0, depth));
  const legLength = SEGMENTS.thigh + SEGMENTS.shin;
  const back = 0.09 * t;
  const tall = standingTall();
  const ankle = jointPositions(tall).near.ankle;
  const bent: Pose = {
    ...tall,
    root: { x: ankle.x - back, y: ankle.y + Math.sqrt(legLength ** 2 - back ** 2) },
    trunk: 128 * t,
    lumbar: 40 - 75 * t,
    neck: 20 * t,
  };
  // Both feet stay flat where they were; the knees stay straight because the hip is a leg's length away.
  const leg = legReaching(bent, 'near', ankle, 0);
  const legs: Pose = { ...bent, nearLeg: leg, farLeg: leg };
  const j = jointPositions(legs);
  const armLength = SEGMENTS.upperArm + SEGMENTS.forearm;
  // The fingertips reach down the front of the shins towards the toes, as far as the arms go.
  const hang = { x: j.shoulder.x + 0.02 * t, y: j.shoulder.y - armLength };
  const toes = { x: j.near.toe.x - 0.02, y: 0.05 };
  const target = { x: hang.x + (toes.x - hang.x) * t, y: hang.y + (toes.y - hang.y) * t };
  const reach = armReaching(legs, target);
  return { ...legs, nearArm: reach, farArm: reach };
}

export function toeTouchKeyframes(): Keyframe[] {
  return keyframes(
    { muscles: ['hamstrings'], arrow: 'near.wrist' },
    [0, toeTouchPose(0)],
    [0.5, toeTouchPose(0.5)],
    [1, toeTouchPose(1)],
  );
}
