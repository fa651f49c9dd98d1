// The SVG drawings: well-formed markup, accessible naming, one element per body segment, finite numbers only.
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS } from '../kb/types.js';
import { EXERCISE_KEYFRAMES, POSTERIOR_CHAIN_POSE } from './keyframes.js';
import { NEUTRAL_STANDING, anglesToPose, type Pose } from './model.js';
import { figureBounds, renderFigureSvg, renderKeyPosesSvg } from './svg.js';

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
    .filter((value) => /^[-\d.\sMLe+]+$/i.test(value) && /\d/.test(value));
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

  it('draws rounded capsules and a head circle, far limbs fainter and thinner than near ones', () => {
    expect(svg).toContain('stroke-linecap="round"');
    expect(svg).toMatch(/<circle data-segment="head"/);
    const width = (name: string): number => {
      const found = new RegExp(`data-segment="${name}"[^>]*stroke-width="([\\d.]+)"`).exec(svg);
      return Number(found?.[1]);
    };
    expect(width('far-thigh')).toBeLessThan(width('near-thigh'));
    expect(svg).toMatch(/data-segment="far-shin"[^>]*stroke-opacity="0\.4"/);
    expect(svg).not.toMatch(/data-segment="near-shin"[^>]*stroke-opacity/);
  });

  it('writes only finite numbers', () => {
    const numbers = numbersIn(svg);
    expect(numbers.length).toBeGreaterThan(40);
    for (const value of numbers) {
      for (const n of value.split(/[\sML]+/).filter(Boolean)) {
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

  it('draws the hamstring only when asked, for the posterior-chain picture', () => {
    expect(segmentsIn(svg)).not.toContain('near-hamstring');
    const chain = renderFigureSvg(POSTERIOR_CHAIN_POSE(1), { hamstrings: true });
    assertWellFormed(chain);
    expect(segmentsIn(chain)).toContain('near-hamstring');
    expect(chain).toMatch(/data-segment="near-hamstring"[^>]*stroke-dasharray/);
  });

  it('refuses to draw a pose with a non-finite angle rather than writing NaN', () => {
    const broken: Pose = { ...NEUTRAL_STANDING, trunk: Number.NaN };
    expect(() => renderFigureSvg(broken)).toThrow(RangeError);
  });

  it('keeps one frame for an animation when given shared bounds', () => {
    const poses = EXERCISE_KEYFRAMES['glute-bridge'].map((k) => anglesToPose(k.angles));
    const bounds = figureBounds(poses);
    const frames = poses.map((p) => renderFigureSvg(p, { bounds }));
    const floors = frames.map((f) => /data-part="floor"[^>]*y1="([\d.]+)"/.exec(f)?.[1]);
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
