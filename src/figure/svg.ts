// Draws a posed figure as an SVG string (no DOM): a body with volume (a head, a shaped trunk and pelvis,
// tapered limbs), the near limbs dark and the far ones light, on a mat or a floor, with the stretched or
// working muscle picked out and an arrow for the movement; and a row of key poses for reduced motion.
import type { ArrowJoint, FigureMarks, Keyframe, MuscleId } from '../kb/types.js';
import { SEGMENTS, anglesToPose, jointPositions, poseAt, type Pose } from './model.js';
import {
  SIDE_VIEW,
  jointPositions3d,
  project,
  viewDirection,
  type Joints3,
  type Point3,
  type Projected,
  type View,
} from './view.js';

/** A rectangle of the picture's plane (model units, y up) that the drawing shows. */
export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface FigureSvgOptions {
  /** Picture size in CSS pixels. */
  width?: number;
  height?: number;
  /** What the picture shows, read out by screen readers. */
  title?: string;
  /** Height of the floor in model units (0 unless the poses were built otherwise). */
  floorY?: number;
  /** The part of the picture plane to show; pass the bounds of all an animation's poses so the frame holds still. */
  bounds?: Bounds;
  /** An id for the title, unique on the page, so `aria-labelledby` can point at it. */
  titleId?: string;
  /** Pick out the near hamstring (for the posterior-chain picture). */
  hamstrings?: boolean;
  /** The camera; the side view unless the marks ask for another. */
  view?: View;
  /** Muscles, arrow and props to draw (an exercise's first keyframe carries them). */
  marks?: FigureMarks;
  /** The whole movement, for the arrow's path. */
  keyframes?: readonly Keyframe[];
  /** Draw the arrow (default: when the marks name one). */
  arrow?: boolean;
}

export interface KeyPosesSvgOptions extends Omit<
  FigureSvgOptions,
  'bounds' | 'width' | 'keyframes' | 'marks'
> {
  /** Width of each pose's panel in CSS pixels. */
  panelWidth?: number;
}

/** Colours, as presentation attributes (page CSS may restyle them through the classes). */
const COLOUR = {
  near: '#245a69',
  nearArm: '#3d8596',
  body: '#3b7a8a',
  far: '#a3c2cb',
  outline: '#123f4c',
  muscle: '#d9623b',
  arrow: '#b8451f',
  mat: '#e6dfd2',
  matEdge: '#c9bfae',
  floor: '#b9b2a6',
  prop: '#c9a77c',
  strap: '#7a4a00',
} as const;

/** Limb radii (half thickness) at each end, in model units. */
const LIMB = {
  thigh: [0.06, 0.04],
  shin: [0.04, 0.026],
  foot: [0.024, 0.016],
  upperArm: [0.031, 0.025],
  forearm: [0.025, 0.019],
} as const;

/** Trunk half-thickness front to back (depth) and side to side (width), at each end of each piece. */
const TRUNK = {
  pelvis: { depth: [0.072, 0.066], width: [0.1, 0.098] },
  lumbar: { depth: [0.058, 0.056], width: [0.088, 0.084] },
  thoracic: { depth: [0.06, 0.066], width: [0.092, 0.118] },
  neck: { depth: [0.026, 0.026], width: [0.03, 0.028] },
} as const;

const MARGIN = 0.05;
const MAT_HALF_WIDTH = 0.17;
const MAT_THICKNESS = 0.022;

/** A number for SVG markup: finite or an error, two decimals, never "-0". */
function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot draw a non-finite number (${value})`);
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const sub3 = (a: Point3, b: Point3): Point3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const add3 = (a: Point3, b: Point3): Point3 => ({ x: a.x + b.x, y: a.y + b.y, z: a.z + b.z });
const scale3 = (a: Point3, k: number): Point3 => ({ x: a.x * k, y: a.y * k, z: a.z * k });
const lerp3 = (a: Point3, b: Point3, t: number): Point3 => add3(a, scale3(sub3(b, a), t));
function unit3(a: Point3): Point3 {
  const n = Math.hypot(a.x, a.y, a.z);
  return n > 1e-12 ? scale3(a, 1 / n) : { x: 0, y: 0, z: 0 };
}

/** Whether a pose lies on its back or side (drawn on a mat). */
export function isLyingPose(pose: Pose): boolean {
  return pose.trunk <= -60;
}

/** The camera a movement is drawn from: its marks' elevation, else the side view. */
export function viewOf(marks: FigureMarks | undefined): View {
  return marks?.elevation || marks?.azimuth
    ? { azimuth: marks.azimuth ?? 0, elevation: marks.elevation ?? 0 }
    : SIDE_VIEW;
}

/** The marks of a movement, kept on its first key pose. */
export function marksOf(keyframes: readonly Keyframe[]): FigureMarks | undefined {
  return keyframes[0]?.marks;
}

/** Every projected point of a pose that the drawing reaches, with how far its outline extends around it. */
function extentPoints(j: Joints3, view: View): { p: Projected; r: number }[] {
  const out: { p: Projected; r: number }[] = [];
  const add = (p: Point3, r: number) => out.push({ p: project(p, view), r });
  for (const side of ['near', 'far'] as const) {
    const l = j[side];
    add(l.hip, LIMB.thigh[0]);
    add(l.knee, LIMB.thigh[1]);
    add(l.ankle, LIMB.shin[1]);
    add(l.toe, LIMB.foot[1]);
    add(l.shoulder, LIMB.upperArm[0]);
    add(l.elbow, LIMB.upperArm[1]);
    add(l.wrist, LIMB.forearm[1] + 0.02);
  }
  add(j.lumbosacral, TRUNK.pelvis.width[0]);
  add(j.ischium, TRUNK.pelvis.depth[1]);
  add(j.lumbarTop, TRUNK.lumbar.width[1]);
  add(j.chest, TRUNK.thoracic.width[1]);
  add(j.head, SEGMENTS.head / 2 + 0.01);
  return out;
}

/** The mat's corners under a lying figure, from its head to beyond its feet. */
function matCorners(j: Joints3, floorY: number): Point3[] {
  const xs = [j.head.x, j.near.toe.x, j.far.toe.x, j.near.ankle.x, j.far.ankle.x, j.near.wrist.x];
  const minX = Math.min(...xs) - 0.1;
  const maxX = Math.max(...xs) + 0.08;
  return [
    { x: minX, y: floorY, z: -MAT_HALF_WIDTH },
    { x: maxX, y: floorY, z: -MAT_HALF_WIDTH },
    { x: maxX, y: floorY, z: MAT_HALF_WIDTH },
    { x: minX, y: floorY, z: MAT_HALF_WIDTH },
  ];
}

/** The picture-plane rectangle that holds every given pose, its outline, the mat or floor. */
export function figureBounds(
  poses: readonly Pose[],
  floorY = 0,
  view: View = SIDE_VIEW,
  marks?: FigureMarks,
): Bounds {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const take = (p: Projected, r: number) => {
    minX = Math.min(minX, p.x - r);
    maxX = Math.max(maxX, p.x + r);
    minY = Math.min(minY, p.y - r);
    maxY = Math.max(maxY, p.y + r);
  };
  for (const pose of poses) {
    const j = jointPositions3d(pose);
    for (const { p, r } of extentPoints(j, view)) take(p, r);
    if (usesMat(pose, marks)) {
      for (const c of matCorners(j, floorY)) {
        take(project(c, view), 0);
        take(project({ ...c, y: floorY - MAT_THICKNESS }, view), 0);
      }
    } else {
      take(project({ x: j.pelvis.x, y: floorY, z: 0 }, view), 0.02);
    }
  }
  if (!Number.isFinite(minX)) return { minX: -0.5, maxX: 0.5, minY: floorY, maxY: floorY + 1 };
  return { minX: minX - MARGIN, maxX: maxX + MARGIN, minY: minY - MARGIN, maxY: maxY + MARGIN };
}

function usesMat(pose: Pose, marks: FigureMarks | undefined): boolean {
  return marks?.props ? marks.props.includes('mat') : isLyingPose(pose);
}

/** Maps the picture plane into a box of pixels, keeping proportions and centring the picture. */
interface Frame {
  scale: number;
  at: (p: Projected | { x: number; y: number }) => { x: number; y: number };
}

function frameFor(bounds: Bounds, width: number, height: number, left = 0): Frame {
  const spanX = Math.max(bounds.maxX - bounds.minX, 1e-6);
  const spanY = Math.max(bounds.maxY - bounds.minY, 1e-6);
  const scale = Math.min(width / spanX, height / spanY);
  const offsetX = left + (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    scale,
    // SVG's y grows downwards; the picture plane's grows upwards.
    at: (p) => ({
      x: offsetX + (p.x - bounds.minX) * scale,
      y: offsetY + (bounds.maxY - p.y) * scale,
    }),
  };
}

type XY = { x: number; y: number };

/** A tapered capsule from `a` (radius `ra`) to `b` (radius `rb`), in pixels, as path data. */
function capsulePath(a: XY, ra: number, b: XY, rb: number): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) {
    const r = Math.max(ra, rb);
    return `M${num(a.x - r)} ${num(a.y)}A${num(r)} ${num(r)} 0 1 0 ${num(a.x + r)} ${num(a.y)}A${num(r)} ${num(r)} 0 1 0 ${num(a.x - r)} ${num(a.y)}Z`;
  }
  const nx = -dy / len;
  const ny = dx / len;
  const a1 = { x: a.x + nx * ra, y: a.y + ny * ra };
  const b1 = { x: b.x + nx * rb, y: b.y + ny * rb };
  const b2 = { x: b.x - nx * rb, y: b.y - ny * rb };
  const a2 = { x: a.x - nx * ra, y: a.y - ny * ra };
  return (
    `M${num(a1.x)} ${num(a1.y)}L${num(b1.x)} ${num(b1.y)}` +
    `A${num(rb)} ${num(rb)} 0 0 0 ${num(b2.x)} ${num(b2.y)}` +
    `L${num(a2.x)} ${num(a2.y)}` +
    `A${num(ra)} ${num(ra)} 0 0 0 ${num(a1.x)} ${num(a1.y)}Z`
  );
}

/** One drawn piece with its distance from the camera, for drawing back to front. */
interface Piece {
  depth: number;
  svg: string;
}

function shape(name: string, d: string, fill: string, cls: string, extra = ''): string {
  return `<path data-segment="${name}" class="${cls}" d="${d}" fill="${fill}"${extra}/>`;
}

/** The visible half-thickness of a trunk piece along `axis`, seen along `look`. */
function trunkHalf(axis: Point3, look: Point3, depth: number, width: number): number {
  const u = unit3(axis);
  // The piece's front-to-back direction lies in the body's plane, square to its length; its width is z.
  const front = unit3({ x: -u.y, y: u.x, z: 0 });
  const acrossWidth = Math.abs(look.z);
  const acrossDepth = Math.abs(front.x * look.x + front.y * look.y + front.z * look.z);
  return Math.hypot(depth * acrossWidth, width * acrossDepth) || depth;
}

/** The body, back to front, as SVG elements. */
function bodyPieces(
  j: Joints3,
  view: View,
  frame: Frame,
  hamstrings: boolean,
  marks?: FigureMarks,
  arms = true,
): string[] {
  const look = viewDirection(view);
  const px = (p: Point3) => frame.at(project(p, view));
  const dep = (...ps: Point3[]) => ps.reduce((s, p) => s + project(p, view).depth, 0) / ps.length;
  const pieces: Piece[] = [];
  const limbColour = (side: 'near' | 'far', name: string) =>
    side === 'far' ? COLOUR.far : name.includes('arm') ? COLOUR.nearArm : COLOUR.near;

  const limb = (
    name: string,
    side: 'near' | 'far',
    a: Point3,
    b: Point3,
    [ra, rb]: readonly [number, number],
    depthBias = 0,
  ) => {
    pieces.push({
      depth: dep(a, b) + depthBias,
      svg: shape(
        `${side}-${name}`,
        capsulePath(px(a), ra * frame.scale, px(b), rb * frame.scale),
        limbColour(side, name),
        name.includes('arm') ? `fig-${side} fig-arm` : `fig-${side}`,
      ),
    });
  };
  for (const side of ['far', 'near'] as const) {
    const l = j[side];
    limb('thigh', side, l.hip, l.knee, LIMB.thigh);
    limb('shin', side, l.knee, l.ankle, LIMB.shin, 0.001);
    // The foot starts at the heel, a little behind the ankle.
    const footDir = unit3(sub3(l.toe, l.ankle));
    const heel = add3(l.ankle, scale3(footDir, -0.025));
    limb('foot', side, heel, l.toe, LIMB.foot, 0.002);
    if (arms) {
      limb('upper-arm', side, l.shoulder, l.elbow, LIMB.upperArm, 0.08);
      limb('forearm', side, l.elbow, l.wrist, LIMB.forearm, 0.081);
    }
  }

  const trunkPiece = (name: keyof typeof TRUNK, a: Point3, b: Point3) => {
    const sizes = TRUNK[name];
    const axis = sub3(b, a);
    const ra = trunkHalf(axis, look, sizes.depth[0], sizes.width[0]);
    const rb = trunkHalf(axis, look, sizes.depth[1], sizes.width[1]);
    pieces.push({
      depth: dep(a, b) - 0.0005,
      svg: shape(
        name,
        capsulePath(px(a), ra * frame.scale, px(b), rb * frame.scale),
        COLOUR.body,
        'fig-body',
      ),
    });
  };
  // The pelvis: from the base of the spine down to between the hip joints and the sitting bones.
  const seat = lerp3(j.pelvis, j.ischium, 0.45);
  trunkPiece('pelvis', j.lumbosacral, seat);
  trunkPiece('lumbar', j.lumbosacral, j.lumbarTop);
  trunkPiece('thoracic', j.lumbarTop, j.chest);
  trunkPiece('neck', j.chest, j.neck);
  const head = px(j.head);
  pieces.push({
    depth: dep(j.head),
    svg: `<circle data-segment="head" class="fig-body" cx="${num(head.x)}" cy="${num(head.y)}" r="${num((SEGMENTS.head / 2) * frame.scale)}" fill="${COLOUR.body}"/>`,
  });

  const muscles = new Set<MuscleId>(marks?.muscles ?? []);
  if (hamstrings) muscles.add('hamstrings');
  for (const m of muscles) {
    const svg = muscleSvg(m, j, view, frame);
    if (svg) pieces.push({ depth: svg.depth, svg: svg.svg });
  }

  pieces.sort((a, b) => a.depth - b.depth);
  return pieces.map((p) => p.svg);
}

/**
 * A muscle as a lens on the side of a body part that it lies on: the back of the thigh for the
 * hamstrings, the front for the thigh muscles, the buttock, the low back or the belly.
 */
function muscleSvg(
  m: MuscleId,
  j: Joints3,
  view: View,
  frame: Frame,
): { depth: number; svg: string } | null {
  const px = (p: Point3) => frame.at(project(p, view));
  const lens = (
    a: Point3,
    b: Point3,
    towards: Point3,
    inset: number,
    half: number,
    side: number,
  ) => {
    const pa = px(a);
    const pb = px(b);
    const pt = px(towards);
    const dx = pb.x - pa.x;
    const dy = pb.y - pa.y;
    const len = Math.hypot(dx, dy) || 1;
    let nx = -dy / len;
    let ny = dx / len;
    // Point the lens at the chosen side of the part.
    const mid = { x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2 };
    if ((pt.x - mid.x) * nx + (pt.y - mid.y) * ny < 0) {
      nx = -nx;
      ny = -ny;
    }
    const off = inset * frame.scale;
    const h = half * frame.scale;
    const s = { x: pa.x + dx * 0.12 + nx * off, y: pa.y + dy * 0.12 + ny * off };
    const e = { x: pa.x + dx * 0.88 + nx * off, y: pa.y + dy * 0.88 + ny * off };
    const c1 = { x: mid.x + nx * (off + h), y: mid.y + ny * (off + h) };
    const c2 = { x: mid.x + nx * (off - h), y: mid.y + ny * (off - h) };
    const d = `M${num(s.x)} ${num(s.y)}Q${num(c1.x)} ${num(c1.y)} ${num(e.x)} ${num(e.y)}Q${num(c2.x)} ${num(c2.y)} ${num(s.x)} ${num(s.y)}Z`;
    return `<path data-muscle="${m}" class="fig-muscle" d="${d}" fill="${COLOUR.muscle}"${side ? '' : ''}/>`;
  };
  // Drawn over the body part it lies on (and over the near leg), under the near arm.
  const depthOf = (...ps: Point3[]) =>
    ps.reduce((s, p) => s + project(p, view).depth, 0) / ps.length + 0.06;
  // "Behind" and "in front" of the body, in its own plane.
  const backOfTrunk = (p: Point3, q: Point3, out: number): Point3 => {
    const u = unit3(sub3(q, p));
    return add3(lerp3(p, q, 0.5), { x: u.y * out, y: -u.x * out, z: 0 });
  };
  const near = j.near;
  // The back of the thigh, in the body's own plane: a quarter turn clockwise from the hip-to-knee line.
  const thigh = unit3(sub3(near.knee, near.hip));
  const thighBack = { x: thigh.y, y: -thigh.x, z: 0 };
  switch (m) {
    case 'hamstrings': {
      const back = add3(lerp3(near.hip, near.knee, 0.5), scale3(thighBack, 0.3));
      return {
        depth: depthOf(near.hip, near.knee),
        svg: lens(
          add3(j.ischium, { x: 0, y: 0, z: near.hip.z }),
          lerp3(near.knee, near.ankle, 0.08),
          back,
          0.018,
          0.03,
          0,
        ),
      };
    }
    case 'thigh-front': {
      const front = add3(lerp3(near.hip, near.knee, 0.5), scale3(thighBack, -0.3));
      return {
        depth: depthOf(near.hip, near.knee),
        svg: lens(near.hip, near.knee, front, 0.02, 0.02, 0),
      };
    }
    case 'hip-flexors': {
      const front = add3(lerp3(j.lumbosacral, near.knee, 0.4), scale3(thighBack, -0.3));
      return {
        depth: depthOf(near.hip, near.knee),
        svg: lens(
          lerp3(j.lumbarTop, j.lumbosacral, 0.3),
          lerp3(near.hip, near.knee, 0.45),
          front,
          0.02,
          0.018,
          0,
        ),
      };
    }
    case 'glutes':
    case 'piriformis': {
      const side = m === 'piriformis' ? near.hip.z : 0;
      const behind = backOfTrunk(j.lumbosacral, j.ischium, 0.3);
      const a = { ...j.lumbosacral, z: side };
      const b = { ...lerp3(j.ischium, near.hip, 0.3), z: side };
      return {
        // The piriformis lies deep, but the picture shows where the stretch is felt: over the buttock.
        depth: depthOf(j.lumbosacral, j.ischium) + (m === 'piriformis' ? 0.5 : 0),
        svg: lens(a, b, { ...behind, z: side }, 0.045, m === 'piriformis' ? 0.028 : 0.035, 0),
      };
    }
    case 'low-back': {
      const behind = backOfTrunk(j.lumbosacral, j.lumbarTop, -0.3);
      return {
        depth: depthOf(j.lumbarTop),
        svg: lens(j.lumbosacral, j.lumbarTop, behind, 0.035, 0.018, 0),
      };
    }
    case 'abdominals': {
      const front = backOfTrunk(j.lumbosacral, j.lumbarTop, 0.3);
      return {
        depth: depthOf(j.lumbarTop) + 0.01,
        svg: lens(
          lerp3(j.lumbosacral, j.pelvis, 0.3),
          lerp3(j.lumbarTop, j.chest, 0.3),
          front,
          0.038,
          0.02,
          0,
        ),
      };
    }
  }
}

function jointOf(j: Joints3, name: ArrowJoint): Point3 {
  switch (name) {
    case 'near.knee':
      return j.near.knee;
    case 'near.ankle':
      return j.near.ankle;
    case 'near.wrist':
      return j.near.wrist;
    case 'far.knee':
      return j.far.knee;
    case 'hip':
      return j.pelvis;
    case 'shoulder':
      return j.chest;
  }
}

/** The movement's arrow: the joint's path from the first key pose to the last, set a little off the body. */
function arrowSvg(
  keyframes: readonly Keyframe[],
  name: ArrowJoint,
  view: View,
  frame: Frame,
): string {
  const first = keyframes[0];
  const last = keyframes[keyframes.length - 1];
  if (!first || !last) return '';
  const samples: Projected[] = [];
  for (let i = 0; i <= 12; i++) {
    const t = first.at + ((last.at - first.at) * i) / 12;
    const j = jointPositions3d(poseAt(keyframes, t));
    samples.push(project(jointOf(j, name), view));
  }
  const start = samples[0];
  const end = samples[samples.length - 1];
  if (!start || !end || Math.hypot(end.x - start.x, end.y - start.y) < 0.04) return '';
  // Offset to the outside of the curve, so the arrow runs beside the limb rather than over it.
  const mid = samples[6] ?? start;
  const chord = { x: end.x - start.x, y: end.y - start.y };
  const clen = Math.hypot(chord.x, chord.y);
  let nx = -chord.y / clen;
  let ny = chord.x / clen;
  const bulge = (mid.x - (start.x + end.x) / 2) * nx + (mid.y - (start.y + end.y) / 2) * ny;
  if (bulge < 0) {
    nx = -nx;
    ny = -ny;
  }
  const offset = 0.07;
  const pts = samples.map((p) => frame.at({ x: p.x + nx * offset, y: p.y + ny * offset }));
  // Leave the last bit for the head.
  const tip = pts[pts.length - 1] ?? { x: 0, y: 0 };
  const before = pts[pts.length - 2] ?? tip;
  const dx = tip.x - before.x;
  const dy = tip.y - before.y;
  const dl = Math.hypot(dx, dy) || 1;
  const ux = dx / dl;
  const uy = dy / dl;
  const size = Math.max(7, 0.035 * frame.scale);
  const line = pts
    .slice(0, -1)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`)
    .join('');
  const back = { x: tip.x - ux * size, y: tip.y - uy * size };
  const head = `M${num(tip.x)} ${num(tip.y)}L${num(back.x - uy * size * 0.55)} ${num(back.y + ux * size * 0.55)}L${num(back.x + uy * size * 0.55)} ${num(back.y - ux * size * 0.55)}Z`;
  const width = Math.max(2.5, 0.012 * frame.scale);
  return (
    `<g data-part="arrow" class="fig-arrow">` +
    `<path d="${line}L${num(back.x)} ${num(back.y)}" fill="none" stroke="${COLOUR.arrow}" stroke-width="${num(width)}" stroke-linecap="round" stroke-linejoin="round"/>` +
    `<path d="${head}" fill="${COLOUR.arrow}" stroke="none"/></g>`
  );
}

/** The mat or the floor, and any props, drawn behind the figure. */
function groundSvg(
  pose: Pose,
  j: Joints3,
  view: View,
  frame: Frame,
  floorY: number,
  floorSpan: { left: number; right: number },
  marks: FigureMarks | undefined,
): string[] {
  const out: string[] = [];
  if (usesMat(pose, marks)) {
    const top = matCorners(j, floorY).map((c) => frame.at(project(c, view)));
    const bottom = matCorners(j, floorY - MAT_THICKNESS).map((c) => frame.at(project(c, view)));
    const poly = (ps: XY[]) =>
      ps.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join('') + 'Z';
    const [t0, t1, t2, t3] = top as [XY, XY, XY, XY];
    const [b0, b1, b2, b3] = bottom as [XY, XY, XY, XY];
    // The edge facing the camera, then the top.
    const edge =
      project({ x: 0, y: 0, z: 1 }, view).depth >= 0 ? [t3, t2, b2, b3] : [t0, t1, b1, b0];
    out.push(
      `<g data-part="floor" class="fig-mat"><path d="${poly(edge)}" fill="${COLOUR.matEdge}"/><path d="${poly([t0, t1, t2, t3])}" fill="${COLOUR.mat}" stroke="${COLOUR.matEdge}" stroke-width="1"/></g>`,
    );
  } else {
    const floor = frame.at(project({ x: 0, y: floorY, z: 0 }, view));
    const under = frame.at(project({ ...j.pelvis, y: floorY }, view));
    out.push(
      `<g data-part="floor" class="fig-floor"><ellipse cx="${num(under.x)}" cy="${num(floor.y + 2)}" rx="${num(0.16 * frame.scale)}" ry="${num(0.025 * frame.scale)}" fill="${COLOUR.mat}"/><line x1="${num(floorSpan.left)}" y1="${num(floor.y + 2)}" x2="${num(floorSpan.right)}" y2="${num(floor.y + 2)}" stroke="${COLOUR.floor}" stroke-width="1.5"/></g>`,
    );
  }
  if (marks?.props?.includes('door-frame')) {
    const x = j.near.ankle.x + 0.035;
    const bottom = frame.at(project({ x, y: floorY, z: 0.2 }, view));
    const topY = frame.at(project({ x, y: floorY + 0.75, z: 0.2 }, view));
    const w = 0.035 * frame.scale;
    out.push(
      `<rect data-part="door-frame" class="fig-prop" x="${num(bottom.x)}" y="${num(topY.y)}" width="${num(w)}" height="${num(bottom.y - topY.y)}" fill="${COLOUR.prop}"/>`,
    );
  }
  return out;
}

function strapSvg(j: Joints3, view: View, frame: Frame): string {
  const hand = frame.at(project(j.near.wrist, view));
  const sole = frame.at(project(lerp3(j.near.ankle, j.near.toe, 0.45), view));
  return `<path data-part="strap" class="fig-strap" d="M${num(hand.x)} ${num(hand.y)}L${num(sole.x)} ${num(sole.y)}" fill="none" stroke="${COLOUR.strap}" stroke-width="${num(Math.max(2, 0.01 * frame.scale))}" stroke-linecap="round"/>`;
}

function svgOpen(width: number, height: number, title: string, titleId?: string): string {
  const labelled = titleId === undefined ? '' : ` aria-labelledby="${escapeXml(titleId)}"`;
  const id = titleId === undefined ? '' : ` id="${escapeXml(titleId)}"`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img"${labelled}>` +
    `<title${id}>${escapeXml(title)}</title>`
  );
}

/** The whole drawing of one pose in one frame: ground, figure, props, muscles and arrow. */
function poseElements(
  pose: Pose,
  frame: Frame,
  view: View,
  floorY: number,
  floorSpan: { left: number; right: number },
  opts: {
    hamstrings: boolean;
    marks?: FigureMarks | undefined;
    keyframes?: readonly Keyframe[] | undefined;
    arrow: boolean;
    arms?: boolean;
  },
): string[] {
  const j = jointPositions3d(pose);
  const body = bodyPieces(j, view, frame, opts.hamstrings, opts.marks, opts.arms ?? true);
  const out = [...groundSvg(pose, j, view, frame, floorY, floorSpan, opts.marks)];
  out.push(
    `<g class="fig-figure" stroke="${COLOUR.outline}" stroke-width="${num(Math.max(1.2, 0.007 * frame.scale))}" stroke-linejoin="round">${body.join('')}</g>`,
  );
  if (opts.marks?.props?.includes('strap')) out.push(strapSvg(j, view, frame));
  if (opts.arrow && opts.marks?.arrow && opts.keyframes && opts.keyframes.length > 1) {
    out.push(arrowSvg(opts.keyframes, opts.marks.arrow, view, frame));
  }
  return out;
}

/** One posed figure as a standalone SVG string. */
export function renderFigureSvg(pose: Pose, opts: FigureSvgOptions = {}): string {
  const width = opts.width ?? 240;
  const height = opts.height ?? 240;
  const floorY = opts.floorY ?? 0;
  const marks = opts.marks ?? (opts.keyframes ? marksOf(opts.keyframes) : undefined);
  const view = opts.view ?? viewOf(marks);
  const frame = frameFor(opts.bounds ?? figureBounds([pose], floorY, view, marks), width, height);
  const body = poseElements(
    pose,
    frame,
    view,
    floorY,
    { left: 0, right: width },
    {
      hamstrings: opts.hamstrings ?? false,
      marks,
      keyframes: opts.keyframes,
      arrow: opts.arrow ?? true,
    },
  );
  return (
    svgOpen(width, height, opts.title ?? 'Figure of the exercise position', opts.titleId) +
    `<g stroke-linecap="round">${body.join('')}</g></svg>`
  );
}

/**
 * The key poses side by side in one SVG, numbered left to right, all at one scale: the still
 * alternative to the animation for people who ask for reduced motion. The arrow shows on the last.
 */
export function renderKeyPosesSvg(
  keyframes: readonly Keyframe[],
  opts: KeyPosesSvgOptions = {},
): string {
  const poses = keyframes.map((k) => anglesToPose(k.angles));
  const marks = marksOf(keyframes);
  const view = opts.view ?? viewOf(marks);
  const panelWidth = opts.panelWidth ?? 180;
  const height = opts.height ?? 180;
  const floorY = opts.floorY ?? 0;
  const labelHeight = 18;
  const bounds = figureBounds(poses, floorY, view, marks);
  const width = panelWidth * Math.max(1, poses.length);
  const panels = poses.map((pose, i) => {
    const left = i * panelWidth;
    const frame = frameFor(bounds, panelWidth, height - labelHeight, left);
    const body = poseElements(
      pose,
      frame,
      view,
      floorY,
      { left: left + 4, right: left + panelWidth - 4 },
      {
        hamstrings: opts.hamstrings ?? false,
        marks,
        keyframes,
        arrow: i === poses.length - 1 && (opts.arrow ?? true),
      },
    );
    const label = `<text x="${num(left + panelWidth / 2)}" y="${num(height - 4)}" text-anchor="middle" font-size="13" font-weight="700" fill="currentColor" stroke="none">${i + 1}</text>`;
    return `<g data-pose="${i + 1}">${body.join('')}${label}</g>`;
  });
  const title =
    opts.title ??
    `Key positions of the exercise, ${poses.length} of them, in order from left to right`;
  return (
    svgOpen(width, height, title, opts.titleId) +
    `<g stroke-linecap="round">${panels.join('')}</g></svg>`
  );
}

/** The pelvis as a bone seen from the side: sacrum, the front crest, the pubis and the sitting bone. */
function pelvisOutline(pose: Pose): { x: number; y: number }[] {
  const j = jointPositions(pose);
  const p = { x: j.lumbosacral.x - j.hip.x, y: j.lumbosacral.y - j.hip.y };
  const len = Math.hypot(p.x, p.y) || 1;
  const u = { x: p.x / len, y: p.y / len };
  // Forward, square to the hip-to-sacrum line (a quarter turn clockwise).
  const f = { x: u.y, y: -u.x };
  const at = (up: number, fwd: number) => ({
    x: j.hip.x + u.x * up + f.x * fwd,
    y: j.hip.y + u.y * up + f.y * fwd,
  });
  return [
    j.lumbosacral,
    at(0.085, 0.03),
    at(0.07, 0.075),
    at(0.02, 0.06),
    at(-0.045, 0.045),
    at(-0.06, 0.0),
    j.ischium,
    at(0.0, -0.045),
  ];
}

/** The low back's curve: from the base of the spine through the lumbar spine to the chest. */
function spineCurve(pose: Pose): { from: Point2; control: Point2; to: Point2 } {
  const j = jointPositions(pose);
  const to = {
    x: j.lumbarTop.x + (j.shoulder.x - j.lumbarTop.x) * 0.45,
    y: j.lumbarTop.y + (j.shoulder.y - j.lumbarTop.y) * 0.45,
  };
  // The control point sits forward of the lumbar top by the hollow, so the curve bows as the spine does.
  return {
    from: j.lumbosacral,
    control: {
      x: j.lumbarTop.x + 0.5 * (j.lumbarTop.x - (j.lumbosacral.x + to.x) / 2),
      y: j.lumbarTop.y,
    },
    to,
  };
}

type Point2 = { x: number; y: number };

/**
 * The posterior-chain close-up: the pelvis and low back of `pose`, the pelvis drawn as a bone and the
 * low back's curve as a line, each over a dashed outline of where they sit in `neutral`, so the tilt and
 * the flattening show against the usual standing posture.
 */
export function renderPosteriorChainCloseUpSvg(
  pose: Pose,
  neutral: Pose,
  opts: { width: number; height: number; title: string; bounds: Bounds; titleId?: string },
): string {
  const frame = frameFor(opts.bounds, opts.width, opts.height);
  const body = poseElements(
    pose,
    frame,
    SIDE_VIEW,
    0,
    { left: 0, right: opts.width },
    {
      hamstrings: true,
      marks: undefined,
      keyframes: undefined,
      arrow: false,
      arms: false,
    },
  );
  const path = (ps: Point2[]) =>
    ps
      .map((p, i) => {
        const q = frame.at(p);
        return `${i === 0 ? 'M' : 'L'}${num(q.x)} ${num(q.y)}`;
      })
      .join('') + 'Z';
  const curve = (c: { from: Point2; control: Point2; to: Point2 }) => {
    const [a, k, b] = [frame.at(c.from), frame.at(c.control), frame.at(c.to)];
    return `M${num(a.x)} ${num(a.y)}Q${num(k.x)} ${num(k.y)} ${num(b.x)} ${num(b.y)}`;
  };
  const w = (n: number) => num(Math.max(1.5, n * frame.scale));
  const overlay = [
    `<path data-part="pelvis-neutral" d="${path(pelvisOutline(neutral))}" fill="none" stroke="#ffffff" stroke-width="${w(0.009)}" stroke-dasharray="6 4"/>`,
    `<path data-part="pelvis-bone" class="chain-pelvis" d="${path(pelvisOutline(pose))}" fill="#f0b429" fill-opacity="0.92" stroke="#7a4a00" stroke-width="${w(0.006)}" stroke-linejoin="round"/>`,
    `<path data-part="spine-neutral" d="${curve(spineCurve(neutral))}" fill="none" stroke="#ffffff" stroke-width="${w(0.009)}" stroke-dasharray="6 4"/>`,
    `<path data-part="spine" class="chain-spine" d="${curve(spineCurve(pose))}" fill="none" stroke="#f0b429" stroke-width="${w(0.016)}" stroke-linecap="round"/>`,
  ];
  return (
    svgOpen(opts.width, opts.height, opts.title, opts.titleId) +
    `<g stroke-linecap="round">${body.join('')}${overlay.join('')}</g></svg>`
  );
}

/** A region of the body map: an intake pain area on one side (or the middle), as path data. */
export interface BodyMapRegion {
  area: 'lower-back' | 'buttock' | 'back-of-thigh' | 'below-knee' | 'foot';
  side: 'left' | 'right' | 'middle';
  d: string;
}

/**
 * The body map: the same body as the exercise pictures (its proportions and colours), standing, seen from
 * behind (the person's left on the picture's left), arms by the sides; with the intake's pain areas as
 * regions over it. Seen from behind, the trunk is drawn as one shape, wide at the shoulders and hips.
 */
export function bodyMapDrawing(
  width: number,
  height: number,
): {
  body: string;
  regions: BodyMapRegion[];
} {
  const j = jointPositions({
    root: { x: 0, y: SEGMENTS.thigh + SEGMENTS.shin },
    pelvisTilt: 0,
    lumbar: 40,
    trunk: 0,
    neck: 0,
    nearLeg: { hip: 0, knee: 0, ankle: 0 },
    farLeg: { hip: 0, knee: 0, ankle: 0 },
    nearArm: { shoulder: 0, elbow: 0 },
    farArm: { shoulder: 0, elbow: 0 },
  });
  const headR = SEGMENTS.head / 2;
  const top = j.head.y + headR;
  const bounds: Bounds = { minX: -0.2, maxX: 0.2, minY: -0.015, maxY: top + 0.015 };
  const frame = frameFor(bounds, width, height);
  const s = frame.scale;
  const P = (x: number, y: number) => frame.at({ x, y });
  const pt = (x: number, y: number) => {
    const q = P(x, y);
    return `${num(q.x)} ${num(q.y)}`;
  };
  const hipY = j.hip.y;
  const shoulderY = j.shoulder.y;
  const waistY = j.lumbarTop.y - 0.01;
  const seatY = j.ischium.y - 0.015;
  const legX = 0.058;
  const kneeY = j.near.knee.y;
  const ankleY = j.near.ankle.y;
  // The trunk: shoulders, waist, hips and the fold of the buttocks, as one closed curve.
  const trunk =
    `M${pt(-0.118, shoulderY + 0.01)}Q${pt(-0.132, shoulderY - 0.01)} ${pt(-0.122, shoulderY - 0.06)}` +
    `Q${pt(-0.098, waistY + 0.04)} ${pt(-0.098, waistY)}Q${pt(-0.125, hipY + 0.03)} ${pt(-0.118, hipY - 0.01)}` +
    `Q${pt(-0.11, seatY - 0.02)} ${pt(-0.02, seatY)}L${pt(0.02, seatY)}` +
    `Q${pt(0.11, seatY - 0.02)} ${pt(0.118, hipY - 0.01)}Q${pt(0.125, hipY + 0.03)} ${pt(0.098, waistY)}` +
    `Q${pt(0.098, waistY + 0.04)} ${pt(0.122, shoulderY - 0.06)}Q${pt(0.132, shoulderY - 0.01)} ${pt(0.118, shoulderY + 0.01)}` +
    `Q${pt(0.06, shoulderY + 0.035)} ${pt(0.03, shoulderY + 0.04)}L${pt(-0.03, shoulderY + 0.04)}Q${pt(-0.06, shoulderY + 0.035)} ${pt(-0.118, shoulderY + 0.01)}Z`;
  const neck = `M${pt(-0.028, shoulderY + 0.035)}L${pt(-0.026, j.neck.y + 0.01)}L${pt(0.026, j.neck.y + 0.01)}L${pt(0.028, shoulderY + 0.035)}Z`;
  const head = P(0, j.head.y);
  const parts: string[] = [];
  const piece = (name: string, d: string) =>
    `<path data-segment="${name}" d="${d}" fill="${COLOUR.far}"/>`;
  for (const [side, x] of [
    ['left', -1],
    ['right', 1],
  ] as const) {
    const armX = x * 0.132;
    const wristX = x * 0.145;
    parts.push(
      piece(
        `${side}-arm`,
        capsulePath(P(armX, shoulderY - 0.015), 0.034 * s, P(x * 0.14, j.near.elbow.y), 0.028 * s),
      ),
      piece(
        `${side}-forearm`,
        capsulePath(
          P(x * 0.14, j.near.elbow.y),
          0.028 * s,
          P(wristX, j.near.wrist.y - 0.02),
          0.022 * s,
        ),
      ),
      piece(
        `${side}-thigh`,
        capsulePath(P(x * legX, hipY - 0.01), 0.064 * s, P(x * legX * 0.9, kneeY), 0.042 * s),
      ),
      piece(
        `${side}-shin`,
        capsulePath(
          P(x * legX * 0.9, kneeY),
          0.042 * s,
          P(x * legX * 0.85, ankleY + 0.02),
          0.026 * s,
        ),
      ),
      piece(
        `${side}-foot`,
        capsulePath(
          P(x * legX * 0.85, ankleY + 0.02),
          0.026 * s,
          P(x * legX * 0.85, 0.006),
          0.024 * s,
        ),
      ),
    );
  }
  const body =
    parts.join('') +
    piece('trunk', trunk) +
    piece('neck', neck) +
    `<circle data-segment="head" cx="${num(head.x)}" cy="${num(head.y)}" r="${num(headR * s)}" fill="${COLOUR.far}"/>`;
  const regions: BodyMapRegion[] = [];
  const lbTop = P(-0.085, j.lumbarTop.y + 0.01);
  const lbBottom = P(0.085, j.lumbosacral.y - 0.005);
  regions.push({
    area: 'lower-back',
    side: 'middle',
    d: roundedRect(lbTop.x, lbTop.y, lbBottom.x - lbTop.x, lbBottom.y - lbTop.y, 6),
  });
  for (const [side, x] of [
    ['left', -1],
    ['right', 1],
  ] as const) {
    const c = P(x * 0.056, (j.lumbosacral.y - 0.01 + seatY) / 2);
    regions.push({
      area: 'buttock',
      side,
      d: ellipsePath(c.x, c.y, 0.052 * s, ((j.lumbosacral.y - 0.01 - seatY) / 2) * s),
    });
    regions.push({
      area: 'back-of-thigh',
      side,
      d: capsulePath(
        P(x * legX, seatY - 0.015),
        0.05 * s,
        P(x * legX * 0.9, kneeY + 0.03),
        0.036 * s,
      ),
    });
    regions.push({
      area: 'below-knee',
      side,
      d: capsulePath(
        P(x * legX * 0.9, kneeY - 0.03),
        0.036 * s,
        P(x * legX * 0.85, ankleY + 0.04),
        0.022 * s,
      ),
    });
    const heel = P(x * legX * 0.85, 0.03);
    regions.push({ area: 'foot', side, d: ellipsePath(heel.x, heel.y, 0.03 * s, 0.034 * s) });
  }
  return { body, regions };
}

function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  const rr = Math.min(r, w / 2, h / 2);
  return (
    `M${num(x + rr)} ${num(y)}H${num(x + w - rr)}A${num(rr)} ${num(rr)} 0 0 1 ${num(x + w)} ${num(y + rr)}` +
    `V${num(y + h - rr)}A${num(rr)} ${num(rr)} 0 0 1 ${num(x + w - rr)} ${num(y + h)}H${num(x + rr)}` +
    `A${num(rr)} ${num(rr)} 0 0 1 ${num(x)} ${num(y + h - rr)}V${num(y + rr)}A${num(rr)} ${num(rr)} 0 0 1 ${num(x + rr)} ${num(y)}Z`
  );
}

function ellipsePath(cx: number, cy: number, rx: number, ry: number): string {
  return `M${num(cx - rx)} ${num(cy)}A${num(rx)} ${num(ry)} 0 1 0 ${num(cx + rx)} ${num(cy)}A${num(rx)} ${num(ry)} 0 1 0 ${num(cx - rx)} ${num(cy)}Z`;
}
