// The self-test pictures: the leg raise lifts one straight leg off the floor, the toe touch bends forward on straight knees.
import { describe, expect, it } from 'vitest';
import { anglesToPose, jointPositions, type Pose } from '../../figure/model.js';
import {
  SLR_PICTURE_ANGLE,
  lyingFlat,
  slrTestKeyframes,
  toeTouchKeyframes,
  toeTouchPose,
} from './intake-figures.js';

const poseOf = (frames: ReturnType<typeof slrTestKeyframes>, i: number): Pose => {
  const frame = frames[i];
  if (!frame) throw new Error(`no keyframe ${String(i)}`);
  return anglesToPose(frame.angles);
};

describe('the straight-leg raise picture', () => {
  it('starts lying flat with both legs along the floor', () => {
    const j = jointPositions(lyingFlat());
    expect(Math.abs(j.near.ankle.y - j.hip.y)).toBeLessThan(0.01);
    expect(Math.abs(j.far.ankle.y - j.hip.y)).toBeLessThan(0.01);
    expect(j.head.x).toBeLessThan(j.hip.x);
  });

  it('ends with the near leg raised, knee straight, the other leg still down', () => {
    const frames = slrTestKeyframes();
    expect(frames.map((f) => f.at)).toEqual([0, 1]);
    const up = poseOf(frames, 1);
    const j = jointPositions(up);
    expect(up.nearLeg.knee).toBe(0);
    // The raised leg's angle from the floor is the picture's angle.
    const angle = (Math.atan2(j.near.ankle.y - j.hip.y, j.near.ankle.x - j.hip.x) * 180) / Math.PI;
    expect(angle).toBeCloseTo(SLR_PICTURE_ANGLE, 5);
    expect(Math.abs(j.far.ankle.y - j.hip.y)).toBeLessThan(0.01);
  });
});

describe('the toe-touch picture', () => {
  it('starts standing tall on the floor', () => {
    const j = jointPositions(toeTouchPose(0));
    expect(j.near.ankle.x).toBeCloseTo(0, 9);
    expect(j.near.ankle.y).toBeCloseTo(0, 9);
    expect(j.head.y).toBeGreaterThan(0.9);
  });

  it('bends forward on straight knees with the feet flat where they were and the hands low', () => {
    const frames = toeTouchKeyframes();
    const bottom = poseOf(frames, frames.length - 1);
    const j = jointPositions(bottom);
    expect(Math.abs(bottom.nearLeg.knee)).toBeLessThan(1);
    expect(Math.abs(j.near.ankle.x) + Math.abs(j.near.ankle.y)).toBeLessThan(1e-6);
    expect(Math.abs(j.near.toe.y)).toBeLessThan(1e-6);
    // The head is below the hips and the hands below the knees: a real forward bend.
    expect(j.head.y).toBeLessThan(j.hip.y);
    expect(j.near.wrist.y).toBeLessThan(j.near.knee.y);
    // The hips travel back behind the feet to keep the balance.
    expect(j.hip.x).toBeLessThan(j.near.ankle.x);
  });

  it('reaches the hands down to the lower shins or the toes, in front of the legs', () => {
    const frames = toeTouchKeyframes();
    const j = jointPositions(poseOf(frames, frames.length - 1));
    const shinMiddle = (j.near.knee.y + j.near.ankle.y) / 2;
    expect(j.near.wrist.y).toBeLessThanOrEqual(shinMiddle);
    expect(j.near.wrist.x).toBeGreaterThanOrEqual(j.near.ankle.x - 0.05);
    expect(j.near.wrist.x).toBeLessThanOrEqual(j.near.toe.x + 0.05);
  });

  it('picks out the hamstrings and draws the path of the hands', () => {
    const marks = toeTouchKeyframes()[0]?.marks;
    expect(marks?.muscles).toContain('hamstrings');
    expect(marks?.arrow).toBe('near.wrist');
  });
});
