// The figure in three dimensions and the camera: the side view keeps the model's picture, the back view
// puts the person's left on the left, and a crossed leg keeps its lengths.
import { describe, expect, it } from 'vitest';
import { EXERCISE_KEYFRAMES } from '../kb/figures.js';
import { NEUTRAL_STANDING, SEGMENTS, anglesToPose, jointPositions } from './model.js';
import {
  BACK_VIEW,
  SIDE_VIEW,
  distance3,
  jointPositions3d,
  project,
  viewDirection,
} from './view.js';

describe('jointPositions3d', () => {
  it('keeps the side-view joints and puts the near limbs on +z, the far ones on -z', () => {
    const j2 = jointPositions(NEUTRAL_STANDING);
    const j3 = jointPositions3d(NEUTRAL_STANDING);
    expect(j3.near.knee.x).toBeCloseTo(j2.near.knee.x, 9);
    expect(j3.near.knee.y).toBeCloseTo(j2.near.knee.y, 9);
    expect(j3.near.knee.z).toBeGreaterThan(0);
    expect(j3.far.knee.z).toBeLessThan(0);
    expect(j3.chest.z).toBe(0);
  });

  it('carries a crossed ankle to the other knee while the thigh and shin keep their lengths', () => {
    const frames = EXERCISE_KEYFRAMES['figure-four'];
    const last = frames[frames.length - 1];
    if (!last) throw new Error('no keyframe');
    const j = jointPositions3d(anglesToPose(last.angles));
    expect(distance3(j.near.hip, j.near.knee)).toBeCloseTo(SEGMENTS.thigh, 6);
    expect(distance3(j.near.knee, j.near.ankle)).toBeCloseTo(SEGMENTS.shin, 6);
    expect(j.near.ankle.z).toBeLessThan(0);
  });
});

describe('project', () => {
  it('is the model picture from the side', () => {
    const p = project({ x: 0.3, y: 0.5, z: 0.1 }, SIDE_VIEW);
    expect(p.x).toBeCloseTo(0.3, 9);
    expect(p.y).toBeCloseTo(0.5, 9);
    expect(p.depth).toBeCloseTo(0.1, 9);
  });

  it('from behind, shows the person’s right (+z) on the right and the back nearer than the front', () => {
    expect(project({ x: 0, y: 0, z: 0.1 }, BACK_VIEW).x).toBeGreaterThan(0);
    expect(project({ x: -0.1, y: 0, z: 0 }, BACK_VIEW).depth).toBeGreaterThan(
      project({ x: 0.1, y: 0, z: 0 }, BACK_VIEW).depth,
    );
  });

  it('from above, looks down', () => {
    const down = viewDirection({ azimuth: 0, elevation: 90 });
    expect(down.y).toBeCloseTo(-1, 9);
  });
});
