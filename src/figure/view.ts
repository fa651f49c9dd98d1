// The figure in three dimensions and seen from a camera: the side-view model's joints given their
// widths (left and right legs and arms apart), a crossed leg carried over to the other knee, and a
// camera that can look from the side, from above, or from behind (the body map).
import { SEGMENTS, jointPositions, type Point, type Pose, type Side } from './model.js';

/*
 * Space: the model's x (the figure's front when standing) and y (up), plus z, the body's left-right
 * axis. The near side of the side view is +z (towards the camera), the far side -z. With the figure
 * facing +x and up +y, +z is the person's right.
 */
export interface Point3 {
  x: number;
  y: number;
  z: number;
}

/**
 * Where the camera is: `azimuth` turns it around the vertical axis (0: the side view, looking from +z;
 * 90: from behind a standing figure, looking towards +x), `elevation` lifts it (0: level, 90: from
 * straight above).
 */
export interface View {
  azimuth: number;
  elevation: number;
}

export const SIDE_VIEW: Readonly<View> = { azimuth: 0, elevation: 0 };
export const BACK_VIEW: Readonly<View> = { azimuth: 90, elevation: 0 };

/** Half the distance between the hip joints, and between the shoulders, as proportions of height. */
export const HIP_HALF_WIDTH = 0.055;
export const SHOULDER_HALF_WIDTH = 0.1;

export interface Limb3 {
  /** Where the limb starts: its hip joint, or its shoulder. */
  hip: Point3;
  shoulder: Point3;
  elbow: Point3;
  wrist: Point3;
  knee: Point3;
  ankle: Point3;
  toe: Point3;
}

export interface Joints3 {
  /** The pelvis centre, between the hip joints. */
  pelvis: Point3;
  ischium: Point3;
  lumbosacral: Point3;
  lumbarTop: Point3;
  /** The top of the chest, between the shoulders. */
  chest: Point3;
  neck: Point3;
  head: Point3;
  near: Limb3;
  far: Limb3;
}

const at = (p: Point, z: number): Point3 => ({ x: p.x, y: p.y, z });
const sub = (a: Point3, b: Point3): Point3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const add = (a: Point3, b: Point3): Point3 => ({ x: a.x + b.x, y: a.y + b.y, z: a.z + b.z });
const scale = (a: Point3, k: number): Point3 => ({ x: a.x * k, y: a.y * k, z: a.z * k });
const dot = (a: Point3, b: Point3): number => a.x * b.x + a.y * b.y + a.z * b.z;
const length = (a: Point3): number => Math.sqrt(dot(a, a));
function unit(a: Point3): Point3 {
  const n = length(a);
  return n > 1e-12 ? scale(a, 1 / n) : { x: 0, y: 0, z: 0 };
}

/** Straight-line distance in three dimensions. */
export function distance3(a: Point3, b: Point3): number {
  return length(sub(a, b));
}

/**
 * The knee of a leg whose hip and ankle are fixed, as far towards `towards` as the thigh and shin
 * allow: the knee lies on a circle around the hip-to-ankle line, and this picks its point nearest
 * that direction.
 */
function kneeBetween(hip: Point3, ankle: Point3, towards: Point3): Point3 {
  const axis = sub(ankle, hip);
  const d = Math.min(SEGMENTS.thigh + SEGMENTS.shin - 1e-9, Math.max(1e-9, length(axis)));
  const u = unit(axis);
  const a = (SEGMENTS.thigh ** 2 - SEGMENTS.shin ** 2 + d * d) / (2 * d);
  const r = Math.sqrt(Math.max(0, SEGMENTS.thigh ** 2 - a * a));
  const centre = add(hip, scale(u, a));
  const off = sub(towards, scale(u, dot(towards, u)));
  return add(centre, scale(unit(off), r));
}

/**
 * Every joint in three dimensions. The spine lies on z = 0, each leg and arm on its own side; a
 * crossed near leg (`nearCross`) carries its ankle over onto the far thigh just above the knee and
 * turns its knee out, keeping the thigh and shin their lengths.
 */
export function jointPositions3d(pose: Pose): Joints3 {
  const j = jointPositions(pose);
  const limb = (side: Side): Limb3 => {
    const z = side === 'near' ? 1 : -1;
    const l = j[side];
    return {
      hip: at(j.hip, z * HIP_HALF_WIDTH),
      shoulder: at(j.shoulder, z * SHOULDER_HALF_WIDTH),
      elbow: at(l.elbow, z * SHOULDER_HALF_WIDTH * 1.05),
      wrist: at(l.wrist, z * SHOULDER_HALF_WIDTH * 1.05),
      knee: at(l.knee, z * HIP_HALF_WIDTH),
      ankle: at(l.ankle, z * HIP_HALF_WIDTH),
      toe: at(l.toe, z * HIP_HALF_WIDTH),
    };
  };
  const near = limb('near');
  const far = limb('far');
  const cross = Math.min(1, Math.max(0, pose.nearCross ?? 0));
  if (cross > 0) {
    // Resting on the far thigh a little above the knee, on top of it.
    const rest = add(
      add(far.knee, scale(unit(sub(far.hip, far.knee)), 0.04)),
      scale(unit(sub(near.ankle, far.knee)), 0),
    );
    const onThigh = { x: rest.x, y: rest.y + 0.045, z: rest.z + 0.01 };
    const ankle = {
      x: near.ankle.x + (onThigh.x - near.ankle.x) * cross,
      y: near.ankle.y + (onThigh.y - near.ankle.y) * cross,
      z: near.ankle.z + (onThigh.z - near.ankle.z) * cross,
    };
    // The knee turns out towards the near side and a little up as the hip rotates outwards.
    const out = { x: 0, y: 0.5 * (1 - cross) + 0.7, z: 1.1 * cross };
    const sagittal = sub(near.knee, near.hip);
    const knee = kneeBetween(near.hip, ankle, add(scale(unit(sagittal), 1 - cross), out));
    // The foot lies across the thigh, pointing to the far side and forward.
    const foot = unit({ x: 0.55, y: 0.1, z: -1 });
    const toe = add(ankle, scale(foot, SEGMENTS.foot * 0.9));
    near.knee = knee;
    near.ankle = ankle;
    near.toe = {
      x: near.toe.x + (toe.x - near.toe.x) * cross,
      y: near.toe.y + (toe.y - near.toe.y) * cross,
      z: near.toe.z + (toe.z - near.toe.z) * cross,
    };
  }
  return {
    pelvis: at(j.hip, 0),
    ischium: at(j.ischium, 0),
    lumbosacral: at(j.lumbosacral, 0),
    lumbarTop: at(j.lumbarTop, 0),
    chest: at(j.shoulder, 0),
    neck: at(j.neck, 0),
    head: at(j.head, 0),
    near,
    far,
  };
}

/** A point seen by the camera: `x` across the picture, `y` up it, `depth` towards the camera. */
export interface Projected {
  x: number;
  y: number;
  depth: number;
}

const RAD = Math.PI / 180;

/** Where a point appears from the camera (orthographic: no perspective, sizes keep their scale). */
export function project(p: Point3, view: Readonly<View>): Projected {
  const az = view.azimuth * RAD;
  const el = view.elevation * RAD;
  const x = p.x * Math.cos(az) + p.z * Math.sin(az);
  const depth0 = -p.x * Math.sin(az) + p.z * Math.cos(az);
  return {
    x,
    y: p.y * Math.cos(el) - depth0 * Math.sin(el),
    depth: depth0 * Math.cos(el) + p.y * Math.sin(el),
  };
}

/** The camera's viewing direction as a unit vector in the figure's space (from the camera into the scene). */
export function viewDirection(view: Readonly<View>): Point3 {
  const az = view.azimuth * RAD;
  const el = view.elevation * RAD;
  // The direction towards the camera has depth 1 and no picture x or y; the view looks the other way.
  return {
    x: Math.sin(az) * Math.cos(el),
    y: -Math.sin(el),
    z: -Math.cos(az) * Math.cos(el),
  };
}
