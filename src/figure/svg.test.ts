// The SVG drawings: well-formed markup, accessible naming, one element per body segment, finite numbers only.
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS } from '../kb/types.js';
import { EXERCISE_KEYFRAMES } from '../kb/figures.js';
import { POSTERIOR_CHAIN_POSE } from './keyframes.js';
import { NEUTRAL_STANDING, anglesToPose, type Pose } from './model.js';
import {
  bodyMapDrawing,
  figureBounds,
  renderFigureSvg,
  renderKeyPosesSvg,
  renderPosteriorChainCloseUpSvg,
} from './svg.js';

/** The body's drawn segments: trunk pieces, head and neck, and five per side. */
const SEGMENT_NAMES = [
  'pelvis',
  'lumbar',
  'thoracic',
  'neck',
  'head',
  ...(['near', 'far'] as const).flatMap((side) =>
    ['thigh', 'shin', 'foot', 'upper-arm', 'forearm'].map((part) => `${side}-${part}`),
  ),
];

/**
 * A small well-formedness check: every tag closes in order, attributes are quoted, and text has
 * no stray markup characters. Enough for the strings this renderer makes; not a general parser.
 */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(svg)) !== null) {
    consumed = token.lastIndex;
    const [, closing, name, , selfClosing, text] = match;
    if (text !== undefined) {
      expect(text).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos);)/);
      continue;
    }
    if (name === undefined) continue;
    if (closing === '/') expect(stack.pop()).toBe(name);
    else if (selfClosing !== '/') stack.push(name);
  }
  expect(consumed, 'unparsed markup').toBe(svg.length);
  expect(stack).toEqual([]);
}

function numbersIn(svg: string): string[] {
  return [...svg.matchAll(/="([^"]*)"/g)]
    .map((m) => m[1] ?? '')
    .filter((value) => /^[-\d.\sMLAQZe+]+$/i.test(value) && /\d/.test(value));
}

function segmentsIn(svg: string): string[] {
  return [...svg.matchAll(/data-segment="([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('renderFigureSvg', () => {
  const svg = renderFigureSvg(NEUTRAL_STANDING, {
    width: 200,
    height: 300,
    title: 'Standing tall',
  });

  it('is a well-formed SVG element with role img and a title first', () => {
    assertWellFormed(svg);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"[^>]*><title>Standing tall<\/title>/,
    );
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('width="200"');
    expect(svg).toContain('viewBox="0 0 200 300"');
  });

  it('draws each body segment exactly once, plus a floor line', () => {
    expect(segmentsIn(svg).sort()).toEqual([...SEGMENT_NAMES].sort());
    expect(svg.match(/data-part="floor"/g)).toHaveLength(1);
  });

  it('draws shaped limbs and a head, the near limbs in a darker tone than the far ones', () => {
    expect(svg).toMatch(/<circle data-segment="head"/);
    const fill = (name: string): string =>
      new RegExp(`data-segment="${name}"[^>]*fill="(#[0-9a-f]{6})"`).exec(svg)?.[1] ?? '';
    expect(fill('near-thigh')).not.toBe('');
    expect(fill('far-thigh')).not.toBe('');
    expect(fill('near-thigh')).not.toBe(fill('far-thigh'));
    // Limbs are filled outlines (tapered shapes with rounded ends), not lines.
    expect(svg).toMatch(/<path data-segment="near-shin"[^>]* d="M[^"]*A[^"]*A[^"]*Z"/);
    const luminance = (hex: string) =>
      [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).reduce((a, b) => a + b, 0);
    expect(luminance(fill('near-thigh'))).toBeLessThan(luminance(fill('far-thigh')));
  });

  it('stands a standing figure on a floor and lays a lying one on a mat', () => {
    expect(svg).toMatch(/data-part="floor" class="fig-floor"/);
    const lying = EXERCISE_KEYFRAMES['glute-bridge'];
    const first = lying[0];
    if (!first) throw new Error('no keyframe');
    const mat = renderFigureSvg(anglesToPose(first.angles), { keyframes: lying });
    expect(mat).toMatch(/data-part="floor" class="fig-mat"/);
  });

  it('picks out the worked muscle and draws the movement as an arrow', () => {
    const frames = EXERCISE_KEYFRAMES['supine-hamstring-gentle'];
    const last = frames[frames.length - 1];
    if (!last) throw new Error('no keyframe');
    const drawn = renderFigureSvg(anglesToPose(last.angles), { keyframes: frames });
    assertWellFormed(drawn);
    expect(drawn).toMatch(/data-muscle="hamstrings"/);
    expect(drawn).toMatch(/data-part="arrow"/);
    const still = renderFigureSvg(anglesToPose(last.angles), { keyframes: frames, arrow: false });
    expect(still).not.toMatch(/data-part="arrow"/);
  });

  it('writes only finite numbers', () => {
    const numbers = numbersIn(svg);
    expect(numbers.length).toBeGreaterThan(20);
    for (const value of numbers) {
      for (const n of value.split(/[\sMLAQZ]+/).filter(Boolean)) {
        expect(Number.isFinite(Number(n)), value).toBe(true);
      }
    }
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('escapes the title and labels by id when given one', () => {
    const named = renderFigureSvg(NEUTRAL_STANDING, {
      title: 'Hips & knees <bent>',
      titleId: 'fig-1',
    });
    assertWellFormed(named);
    expect(named).toContain('aria-labelledby="fig-1"');
    expect(named).toContain('<title id="fig-1">Hips &amp; knees &lt;bent&gt;</title>');
  });

  it('picks out the hamstring only when asked, for the posterior-chain picture', () => {
    expect(svg).not.toMatch(/data-muscle="hamstrings"/);
    const chain = renderFigureSvg(POSTERIOR_CHAIN_POSE(1), { hamstrings: true });
    assertWellFormed(chain);
    expect(chain).toMatch(/data-muscle="hamstrings"/);
  });

  it('refuses to draw a pose with a non-finite angle rather than writing NaN', () => {
    const broken: Pose = { ...NEUTRAL_STANDING, trunk: Number.NaN };
    expect(() => renderFigureSvg(broken)).toThrow(RangeError);
  });

  it('keeps one frame for an animation when given shared bounds', () => {
    const poses = EXERCISE_KEYFRAMES['glute-bridge'].map((k) => anglesToPose(k.angles));
    const bounds = figureBounds(poses);
    const frames = poses.map((p) => renderFigureSvg(p, { bounds }));
    const floors = frames.map((f) => /data-part="floor"[^>]*><path d="M([\d. ]+)L/.exec(f)?.[1]);
    expect(floors[0]).toBeDefined();
    expect(new Set(floors).size).toBe(1);
  });
});

describe('renderKeyPosesSvg', () => {
  it.each(EXERCISE_IDS.map((id) => [id]))('%s: one well-formed panel per key pose', (id) => {
    const frames = EXERCISE_KEYFRAMES[id];
    const svg = renderKeyPosesSvg(frames, { title: `${id} key positions`, panelWidth: 150 });
    assertWellFormed(svg);
    expect(svg).toMatch(/role="img"/);
    expect(svg).toContain(`<title>${id} key positions</title>`);
    expect(svg.match(/<g data-pose="/g)).toHaveLength(frames.length);
    expect(segmentsIn(svg)).toHaveLength(SEGMENT_NAMES.length * frames.length);
    expect(svg).toContain(`width="${150 * frames.length}"`);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('numbers the panels left to right and has a default title', () => {
    const svg = renderKeyPosesSvg(EXERCISE_KEYFRAMES['standing-march']);
    expect(svg).toMatch(/<title>[^<]*left to right<\/title>/);
    expect([...svg.matchAll(/<text[^>]*>(\d+)<\/text>/g)].map((m) => m[1])).toEqual(['1', '2']);
  });
});

describe('the posterior-chain close-up', () => {
  const neutral = POSTERIOR_CHAIN_POSE(0);
  const tight = POSTERIOR_CHAIN_POSE(1);
  const bounds = { minX: -0.17, maxX: 0.17, minY: 0.36, maxY: 0.74 };
  const draw = (pose: Pose) =>
    renderPosteriorChainCloseUpSvg(pose, neutral, {
      width: 220,
      height: 240,
      title: 'Close-up',
      bounds,
    });

  it('draws the pelvis as a bone and the low-back curve over dashed outlines of the usual posture', () => {
    const svg = draw(tight);
    assertWellFormed(svg);
    for (const part of ['pelvis-bone', 'pelvis-neutral', 'spine', 'spine-neutral']) {
      expect(svg).toContain(`data-part="${part}"`);
    }
  });

  it('moves the pelvis and the curve as the hamstrings tighten', () => {
    const d = (svg: string, part: string) =>
      new RegExp(`data-part="${part}"[^>]* d="([^"]+)"`).exec(svg)?.[1];
    const relaxed = draw(neutral);
    const tense = draw(tight);
    expect(d(tense, 'pelvis-bone')).not.toBe(d(relaxed, 'pelvis-bone'));
    expect(d(tense, 'spine')).not.toBe(d(relaxed, 'spine'));
    // Relaxed, the pelvis sits exactly on its usual outline.
    expect(d(relaxed, 'pelvis-bone')).toBe(d(relaxed, 'pelvis-neutral'));
  });
});

describe('the body map drawing', () => {
  const { body, regions } = bodyMapDrawing(170, 380);

  it('draws the body from behind with the arms beside the trunk', () => {
    expect(body).toContain('data-segment="trunk"');
    expect(body).toContain('data-segment="head"');
    expect(body).toContain('data-segment="left-arm"');
    expect(body).not.toMatch(/NaN|Infinity/);
  });

  it('has every pain area of the intake, on each side, with the person’s left on the left', () => {
    const areas = new Set(regions.map((r) => r.area));
    expect([...areas].sort()).toEqual(
      ['back-of-thigh', 'below-knee', 'buttock', 'foot', 'lower-back'].sort(),
    );
    const x = (area: string, side: string) => {
      const d = regions.find((r) => r.area === area && r.side === side)?.d ?? '';
      return Number(/^M([\d.]+)/.exec(d)?.[1]);
    };
    expect(x('back-of-thigh', 'left')).toBeLessThan(x('back-of-thigh', 'right'));
    expect(x('foot', 'left')).toBeLessThan(85);
  });
});
