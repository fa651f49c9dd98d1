// Draws a posed figure as an SVG string (no DOM), and a row of key poses for people who prefer reduced motion.
import type { Keyframe } from '../kb/types.js';
import {
  SEGMENTS,
  anglesToPose,
  jointPositions,
  type JointPositions,
  type Point,
  type Pose,
  type Side,
} from './model.js';

/** A rectangle of the model's unit space (y up) that the picture shows. */
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
  /** Height of the floor in unit space (0 unless the poses were built otherwise). */
  floorY?: number;
  /** The part of unit space to show; pass the bounds of all an animation's poses so the frame holds still. */
  bounds?: Bounds;
  /** An id for the title, unique on the page, so `aria-labelledby` can point at it. */
  titleId?: string;
  /** Draw the near hamstring, sitting bone to below the knee, dashed (for the posterior-chain picture). */
  hamstrings?: boolean;
}

export interface KeyPosesSvgOptions extends Omit<FigureSvgOptions, 'bounds' | 'width'> {
  /** Width of each pose's panel in CSS pixels. */
  panelWidth?: number;
}

/**
 * Limb thickness in unit space, roughly a body's. The drawing rests on the floor because a flat
 * foot's joints lie on y = 0 and the floor line is drawn half a foot's thickness below them.
 */
const THICKNESS = {
  trunk: 0.085,
  neck: 0.045,
  thigh: 0.07,
  shin: 0.055,
  foot: 0.04,
  upperArm: 0.045,
  forearm: 0.038,
  hamstring: 0.018,
} as const;

/** Far limbs are drawn behind, fainter and a little thinner, so near and far differ by more than tone. */
const FAR_OPACITY = 0.4;
const FAR_THINNING = 0.85;

const MARGIN = 0.04;

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

function allPoints(j: JointPositions): Point[] {
  const limbs = (['near', 'far'] as const).flatMap((side) => {
    const l = j[side];
    return [l.elbow, l.wrist, l.knee, l.ankle, l.toe];
  });
  return [j.hip, j.ischium, j.lumbosacral, j.lumbarTop, j.shoulder, j.neck, ...limbs];
}

/** The unit-space rectangle that holds every given pose, its head, its limbs' thickness and the floor. */
export function figureBounds(poses: readonly Pose[], floorY = 0): Bounds {
  const pad = THICKNESS.trunk / 2 + MARGIN;
  const radius = SEGMENTS.head / 2;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = floorY - THICKNESS.foot / 2;
  let maxY = -Infinity;
  for (const pose of poses) {
    const j = jointPositions(pose);
    for (const p of allPoints(j)) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    minX = Math.min(minX, j.head.x - radius);
    maxX = Math.max(maxX, j.head.x + radius);
    minY = Math.min(minY, j.head.y - radius);
    maxY = Math.max(maxY, j.head.y + radius);
  }
  if (!Number.isFinite(minX)) return { minX: -0.5, maxX: 0.5, minY: floorY, maxY: floorY + 1 };
  return { minX: minX - pad, maxX: maxX + pad, minY: minY - pad, maxY: maxY + pad };
}

/** Maps unit space into a box of pixels, keeping proportions and centring the picture. */
interface Frame {
  scale: number;
  at: (p: Point) => { x: number; y: number };
}

function frameFor(bounds: Bounds, width: number, height: number, left = 0): Frame {
  const spanX = Math.max(bounds.maxX - bounds.minX, 1e-6);
  const spanY = Math.max(bounds.maxY - bounds.minY, 1e-6);
  const scale = Math.min(width / spanX, height / spanY);
  const offsetX = left + (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    scale,
    // SVG's y grows downwards; the model's grows upwards.
    at: (p) => ({
      x: offsetX + (p.x - bounds.minX) * scale,
      y: offsetY + (bounds.maxY - p.y) * scale,
    }),
  };
}

function segment(
  frame: Frame,
  name: string,
  from: Point,
  to: Point,
  thickness: number,
  far: boolean,
  extra = '',
): string {
  const a = frame.at(from);
  const b = frame.at(to);
  const width = thickness * (far ? FAR_THINNING : 1) * frame.scale;
  const fade = far ? ` stroke-opacity="${FAR_OPACITY}"` : '';
  return `<line data-segment="${name}" x1="${num(a.x)}" y1="${num(a.y)}" x2="${num(b.x)}" y2="${num(b.y)}" stroke-width="${num(width)}"${fade}${extra}/>`;
}

function limbs(frame: Frame, j: JointPositions, side: Side): string[] {
  const far = side === 'far';
  const l = j[side];
  return [
    segment(frame, `${side}-thigh`, j.hip, l.knee, THICKNESS.thigh, far),
    segment(frame, `${side}-shin`, l.knee, l.ankle, THICKNESS.shin, far),
    segment(frame, `${side}-foot`, l.ankle, l.toe, THICKNESS.foot, far),
    segment(frame, `${side}-upper-arm`, j.shoulder, l.elbow, THICKNESS.upperArm, far),
    segment(frame, `${side}-forearm`, l.elbow, l.wrist, THICKNESS.forearm, far),
  ];
}

/** The figure's elements, back to front: far limbs, trunk and head, near limbs. */
function figureElements(
  pose: Pose,
  frame: Frame,
  floorY: number,
  floorSpan: { left: number; right: number },
  hamstrings: boolean,
): string[] {
  const j = jointPositions(pose);
  const floor = frame.at({ x: 0, y: floorY - THICKNESS.foot / 2 });
  const pelvis = [j.lumbosacral, j.hip, j.ischium].map((p) => frame.at(p));
  const pelvisPath = pelvis
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`)
    .join(' ');
  const head = frame.at(j.head);
  const elements = [
    `<line data-part="floor" x1="${num(floorSpan.left)}" y1="${num(floor.y)}" x2="${num(floorSpan.right)}" y2="${num(floor.y)}" stroke-width="1.5" stroke-opacity="0.6"/>`,
    ...limbs(frame, j, 'far'),
    `<path data-segment="pelvis" d="${pelvisPath}" stroke-width="${num(THICKNESS.trunk * frame.scale)}"/>`,
    segment(frame, 'lumbar', j.lumbosacral, j.lumbarTop, THICKNESS.trunk, false),
    segment(frame, 'thoracic', j.lumbarTop, j.shoulder, THICKNESS.trunk, false),
    segment(frame, 'neck', j.shoulder, j.neck, THICKNESS.neck, false),
    `<circle data-segment="head" cx="${num(head.x)}" cy="${num(head.y)}" r="${num((SEGMENTS.head / 2) * frame.scale)}" fill="currentColor" stroke="none"/>`,
    ...limbs(frame, j, 'near'),
  ];
  if (hamstrings) {
    const { knee, ankle } = j.near;
    // The hamstrings insert just below the back of the knee.
    const insertion = {
      x: knee.x + (ankle.x - knee.x) * 0.12,
      y: knee.y + (ankle.y - knee.y) * 0.12,
    };
    elements.push(
      segment(
        frame,
        'near-hamstring',
        j.ischium,
        insertion,
        THICKNESS.hamstring,
        false,
        ' stroke-dasharray="4 3" stroke-opacity="0.55"',
      ),
    );
  }
  return elements;
}

function svgOpen(width: number, height: number, title: string, titleId?: string): string {
  const labelled = titleId === undefined ? '' : ` aria-labelledby="${escapeXml(titleId)}"`;
  const id = titleId === undefined ? '' : ` id="${escapeXml(titleId)}"`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img"${labelled}>` +
    `<title${id}>${escapeXml(title)}</title>`
  );
}

const STYLE = 'fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round"';

/** One posed figure as a standalone SVG string, drawn in `currentColor` so it follows the page's theme. */
export function renderFigureSvg(pose: Pose, opts: FigureSvgOptions = {}): string {
  const width = opts.width ?? 240;
  const height = opts.height ?? 240;
  const floorY = opts.floorY ?? 0;
  const frame = frameFor(opts.bounds ?? figureBounds([pose], floorY), width, height);
  const body = figureElements(
    pose,
    frame,
    floorY,
    { left: 0, right: width },
    opts.hamstrings ?? false,
  );
  return (
    svgOpen(width, height, opts.title ?? 'Figure of the exercise position', opts.titleId) +
    `<g ${STYLE}>${body.join('')}</g></svg>`
  );
}

/**
 * The key poses side by side in one SVG, numbered left to right, all at one scale: the still
 * alternative to the animation for people who ask for reduced motion.
 */
export function renderKeyPosesSvg(
  keyframes: readonly Keyframe[],
  opts: KeyPosesSvgOptions = {},
): string {
  const poses = keyframes.map((k) => anglesToPose(k.angles));
  const panelWidth = opts.panelWidth ?? 180;
  const height = opts.height ?? 180;
  const floorY = opts.floorY ?? 0;
  const labelHeight = 18;
  const bounds = figureBounds(poses, floorY);
  const width = panelWidth * Math.max(1, poses.length);
  const panels = poses.map((pose, i) => {
    const left = i * panelWidth;
    const frame = frameFor(bounds, panelWidth, height - labelHeight, left);
    const body = figureElements(
      pose,
      frame,
      floorY,
      { left: left + 4, right: left + panelWidth - 4 },
      opts.hamstrings ?? false,
    );
    const label = `<text x="${num(left + panelWidth / 2)}" y="${num(height - 4)}" text-anchor="middle" font-size="13" fill="currentColor" stroke="none">${i + 1}</text>`;
    return `<g data-pose="${i + 1}">${body.join('')}${label}</g>`;
  });
  const title =
    opts.title ??
    `Key positions of the exercise, ${poses.length} of them, in order from left to right`;
  return svgOpen(width, height, title, opts.titleId) + `<g ${STYLE}>${panels.join('')}</g></svg>`;
}
