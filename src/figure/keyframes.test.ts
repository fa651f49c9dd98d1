// The exercises' key poses: complete, in order, physically sensible, faithful to the steps; and the posterior-chain picture.
import { describe, expect, it } from 'vitest';
import { EXERCISE_IDS, type ExerciseId } from '../kb/types.js';
import { EXERCISE_KEYFRAMES, EXERCISE_MARKS } from '../kb/figures.js';
import { buildExercisePoses, POSTERIOR_CHAIN_POSE } from './keyframes.js';
import { viewOf } from './svg.js';
import { distance3, jointPositions3d, project } from './view.js';
import {
  SEGMENTS,
  anglesToPose,
  directionDeg,
  distance,
  jointPositions,
  type JointPositions,
  type Point,
  type Pose,
} from './model.js';

/** How far below the floor a joint may dip before it is a bug rather than rounding. */
const FLOOR_TOLERANCE = 0.01;

function poses(id: ExerciseId): Pose[] {
  return EXERCISE_KEYFRAMES[id].map((k) => anglesToPose(k.angles));
}

function joints(id: ExerciseId): JointPositions[] {
  return poses(id).map((p) => jointPositions(p));
}

function first<T>(items: readonly T[]): T {
  const item = items[0];
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

function last<T>(items: readonly T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

function allPoints(j: JointPositions): Array<[string, Point]> {
  const named: Array<[string, Point]> = [
    ['hip', j.hip],
    ['ischium', j.ischium],
    ['lumbosacral', j.lumbosacral],
    ['lumbarTop', j.lumbarTop],
    ['shoulder', j.shoulder],
    ['neck', j.neck],
    ['head', j.head],
  ];
  for (const side of ['near', 'far'] as const) {
    const l = j[side];
    const limb: Array<[string, Point]> = [
      ['elbow', l.elbow],
      ['wrist', l.wrist],
      ['knee', l.knee],
      ['ankle', l.ankle],
      ['toe', l.toe],
    ];
    for (const [name, point] of limb) named.push([`${side}.${name}`, point]);
  }
  return named;
}

const isLying = (p: Pose): boolean => p.trunk <= -80;

describe('EXERCISE_KEYFRAMES', () => {
  it('covers exactly the exercise catalogue', () => {
    expect(Object.keys(EXERCISE_KEYFRAMES).sort()).toEqual([...EXERCISE_IDS].sort());
  });

  // The knowledge base keeps the poses as data; the figure model's postures are where they come from.
  it.each(EXERCISE_IDS.map((id) => [id]))(
    '%s: the knowledge base keeps the poses the figure model builds (else run scripts/kb-figures.ts)',
    (id) => {
      const built = buildExercisePoses()[id];
      const kept = EXERCISE_KEYFRAMES[id];
      expect(kept.map((k) => k.at)).toEqual(built.map((k) => k.at));
      kept.forEach((k, i) => {
        const angles = built[i]?.angles ?? {};
        expect(Object.keys(k.angles).sort(), `${id} pose ${i}`).toEqual(Object.keys(angles).sort());
        for (const [name, value] of Object.entries(angles)) {
          expect(k.angles[name], `${id} pose ${i} ${name}`).toBeCloseTo(value, 8);
        }
      });
    },
  );

  describe.each(EXERCISE_IDS.map((id) => [id]))('%s', (id) => {
    const frames = EXERCISE_KEYFRAMES[id];

    it('has 2 to 4 keyframes in ascending time from 0 to 1', () => {
      expect(frames.length).toBeGreaterThanOrEqual(2);
      expect(frames.length).toBeLessThanOrEqual(4);
      expect(first(frames).at).toBe(0);
      expect(last(frames).at).toBe(1);
      for (let i = 1; i < frames.length; i++) {
        expect(frames[i]?.at).toBeGreaterThan(frames[i - 1]?.at ?? Infinity);
      }
    });

    it('decodes every keyframe to a pose with finite joint positions', () => {
      for (const frame of frames) {
        const pose = anglesToPose(frame.angles);
        for (const [name, p] of allPoints(jointPositions(pose))) {
          expect(Number.isFinite(p.x) && Number.isFinite(p.y), name).toBe(true);
        }
      }
    });

    it('keeps every joint and the head on or above the floor', () => {
      for (const j of joints(id)) {
        for (const [name, p] of allPoints(j)) {
          expect(p.y, name).toBeGreaterThanOrEqual(-FLOOR_TOLERANCE);
        }
        expect(j.head.y - SEGMENTS.head / 2, 'head').toBeGreaterThanOrEqual(-FLOOR_TOLERANCE);
      }
    });

    it('rests on the floor: lying poses on the head, standing poses on a foot', () => {
      for (const [i, pose] of poses(id).entries()) {
        const j = jointPositions(pose);
        if (isLying(pose)) {
          expect(j.head.y - SEGMENTS.head / 2, `keyframe ${i} head`).toBeCloseTo(0, 3);
        } else {
          const lowestFoot = Math.min(j.near.ankle.y, j.far.ankle.y);
          expect(lowestFoot, `keyframe ${i} foot`).toBeCloseTo(0, 3);
        }
      }
    });

    it('keeps the feet that start flat on the floor where they were (no sliding)', () => {
      const all = joints(id);
      const start = first(all);
      for (const side of ['near', 'far'] as const) {
        const planted = all.every((j) => Math.abs(j[side].ankle.y) < 1e-6);
        if (!planted) continue;
        for (const j of all) {
          expect(distance(j[side].ankle, start[side].ankle), side).toBeLessThan(1e-6);
        }
      }
    });
  });

  it('supine-straight-leg-raise lifts the straight leg to the height of the bent knee', () => {
    const [down, up] = [
      first(joints('supine-straight-leg-raise')),
      last(joints('supine-straight-leg-raise')),
    ];
    const top = last(poses('supine-straight-leg-raise'));
    expect(down.near.ankle.y).toBeLessThan(down.far.knee.y / 2);
    expect(up.near.ankle.y).toBeCloseTo(up.far.knee.y, 2);
    expect(top.nearLeg.knee).toBe(0);
    // The bent leg's foot stays flat on the floor.
    expect(up.far.ankle.y).toBeCloseTo(0, 6);
    expect(up.far.toe.y).toBeCloseTo(0, 6);
  });

  it('supine-hamstring-gentle takes the thigh to vertical, then straightens the knee short of straight', () => {
    const [start, thighUp, stretch] = poses('supine-hamstring-gentle');
    expect(start?.nearLeg.knee).toBeGreaterThan(80);
    expect(thighUp?.nearLeg.hip).toBe(90);
    expect(thighUp?.nearLeg.knee).toBe(90);
    expect(stretch?.nearLeg.hip).toBe(90);
    expect(stretch?.nearLeg.knee).toBeGreaterThan(10);
    expect(stretch?.nearLeg.knee).toBeLessThan(thighUp?.nearLeg.knee ?? 0);
  });

  it('active-hamstring-stretch holds the thigh at 90° while only the knee extends', () => {
    const all = poses('active-hamstring-stretch');
    const held = all.slice(1);
    for (const p of held) expect(p.nearLeg.hip).toBe(90);
    expect(last(held).nearLeg.knee).toBeLessThan(first(held).nearLeg.knee);
  });

  it('glute-bridge lifts to a straight shoulder–hip–knee line with the shoulders down and no extra arch', () => {
    const all = joints('glute-bridge');
    const start = first(all);
    const top = last(all);
    // A clear lift: the hips rise by more than a tenth of the person's height.
    expect(top.hip.y - start.hip.y).toBeGreaterThan(0.1);
    // The feet stay flat and the shoulders rest on the floor.
    expect(top.near.ankle.y).toBeCloseTo(0, 6);
    expect(top.far.toe.y).toBeCloseTo(0, 6);
    const bend = directionDeg(top.shoulder, top.near.knee) - directionDeg(top.shoulder, top.hip);
    expect(Math.abs(bend)).toBeLessThan(0.5);
    expect(top.shoulder.y).toBeCloseTo(start.shoulder.y, 6);
    const lordosis = poses('glute-bridge').map((p) => p.lumbar);
    expect(Math.max(...lordosis)).toBe(first(lordosis));
  });

  it('standing-march lifts one thigh level with the hip while the back stays tall', () => {
    const top = last(joints('standing-march'));
    const pose = last(poses('standing-march'));
    expect(top.near.knee.y).toBeCloseTo(top.hip.y, 6);
    expect(top.near.knee.x).toBeGreaterThan(top.hip.x);
    expect(pose.trunk).toBe(0);
    expect(top.far.ankle.y).toBeCloseTo(0, 6);
  });

  it('good-morning-modified hinges at the hips with the hips going back, knees soft, spine neutral', () => {
    const all = poses('good-morning-modified');
    const [stand, bottom] = [first(all), last(all)];
    expect(bottom.trunk).toBeGreaterThanOrEqual(30);
    expect(bottom.trunk).toBeLessThanOrEqual(50);
    expect(bottom.lumbar).toBe(stand.lumbar);
    expect(bottom.pelvisTilt).toBe(stand.pelvisTilt);
    for (const p of all) {
      expect(p.nearLeg.knee).toBeGreaterThan(0);
      expect(p.nearLeg.knee).toBeLessThanOrEqual(25);
    }
    expect(jointPositions(bottom).hip.x).toBeLessThan(jointPositions(stand).hip.x - 0.03);
  });

  it('knee-to-chest draws the knee to the chest: hip well past 90°, the other foot flat', () => {
    const all = joints('knee-to-chest');
    const [start, end] = [first(all), last(all)];
    const held = last(poses('knee-to-chest'));
    // Well past the table-top position (90°): the thigh comes up towards the chest.
    expect(held.nearLeg.hip).toBeGreaterThanOrEqual(120);
    // The knee is nearer the top of the low back than a thigh's length, and has come towards the shoulders.
    expect(distance(end.near.knee, end.lumbarTop)).toBeLessThan(SEGMENTS.thigh * 0.75);
    expect(distance(end.near.knee, end.shoulder)).toBeLessThan(
      distance(start.near.knee, start.shoulder) * 0.75,
    );
    // The knee is above the hip and on the head's side of it.
    expect(end.near.knee.x).toBeLessThan(end.hip.x);
    expect(end.near.knee.y).toBeGreaterThan(end.hip.y + 0.1);
    // The other foot stays flat on the floor.
    expect(end.far.ankle.y).toBeCloseTo(0, 6);
    expect(end.far.toe.y).toBeCloseTo(0, 6);
  });

  it('figure-four rests the crossed ankle on the other knee, drawn from where the "4" shows', () => {
    const view = viewOf(EXERCISE_MARKS['figure-four']);
    expect(view.azimuth !== 0 || view.elevation !== 0).toBe(true);
    for (const pose of poses('figure-four').slice(1)) {
      const j = jointPositions3d(pose);
      // In three dimensions: the ankle rests on top of the other leg at the knee, the crossed knee turned out.
      expect(distance3(j.near.ankle, j.far.knee)).toBeLessThan(0.08);
      expect(j.near.ankle.y).toBeGreaterThanOrEqual(j.far.knee.y);
      expect(j.near.knee.z).toBeGreaterThan(j.near.hip.z + 0.1);
      // In the picture: the crossed leg makes a triangle (hip, knee, ankle) rather than a line, its
      // ankle lands on the other knee, and its shin crosses the other leg at a clear angle.
      const [hip, knee, ankle, farKnee, farHip] = [
        j.near.hip,
        j.near.knee,
        j.near.ankle,
        j.far.knee,
        j.far.hip,
      ].map((p) => project(p, view)) as unknown as [Point, Point, Point, Point, Point];
      const area =
        Math.abs((knee.x - hip.x) * (ankle.y - hip.y) - (ankle.x - hip.x) * (knee.y - hip.y)) / 2;
      expect(area).toBeGreaterThan(0.012);
      expect(Math.hypot(ankle.x - farKnee.x, ankle.y - farKnee.y)).toBeLessThan(0.05);
      const shin = directionDeg(knee, ankle);
      const farThigh = directionDeg(farHip, farKnee);
      const between = Math.abs(((shin - farThigh + 540) % 360) - 180);
      expect(between).toBeGreaterThan(35);
    }
  });

  it('hamstring-wall-stretch slides the heel up the frame while the other leg lies flat', () => {
    const all = joints('hamstring-wall-stretch');
    const [low, high] = [first(all), last(all)];
    expect(high.near.ankle.x).toBeCloseTo(low.near.ankle.x, 6);
    expect(high.near.ankle.y).toBeGreaterThan(low.near.ankle.y + 0.1);
    const top = last(poses('hamstring-wall-stretch'));
    expect(top.nearLeg.knee).toBeGreaterThan(0);
    expect(top.nearLeg.knee).toBeLessThan(20);
    for (const j of all) expect(j.far.ankle.y).toBeCloseTo(j.hip.y, 6);
  });

  it('supine-hamstring-strap raises the straight leg on the strap while the other foot stays flat', () => {
    const all = poses('supine-hamstring-strap');
    const held = last(all);
    expect(held.nearLeg.knee).toBe(0);
    expect(held.nearLeg.hip).toBeGreaterThanOrEqual(60);
    const j = jointPositions(held);
    expect(j.far.ankle.y).toBeCloseTo(0, 6);
    // The hands hold the strap's ends on the line from the shoulders to the foot, elbows soft.
    const toFoot = directionDeg(j.shoulder, j.near.ankle);
    const toHand = directionDeg(j.shoulder, j.near.wrist);
    expect(Math.abs(toFoot - toHand)).toBeLessThan(15);
  });

  it('marks every exercise with the muscle it stretches or works, and an arrow where something moves', () => {
    for (const id of EXERCISE_IDS) {
      const marks = EXERCISE_KEYFRAMES[id][0]?.marks;
      expect(marks, id).toEqual(EXERCISE_MARKS[id]);
      expect(marks?.muscles.length, id).toBeGreaterThan(0);
      if (id !== 'abdominal-brace') expect(marks?.arrow, id).toBeDefined();
    }
    for (const id of [
      'supine-hamstring-gentle',
      'supine-hamstring-strap',
      'hamstring-wall-stretch',
      'active-hamstring-stretch',
    ] as const) {
      expect(EXERCISE_MARKS[id].muscles).toContain('hamstrings');
    }
    expect(EXERCISE_MARKS['figure-four'].muscles).toContain('piriformis');
    expect(EXERCISE_MARKS['glute-bridge'].muscles).toContain('glutes');
  });

  it('abdominal-brace keeps the spine and pelvis still in crook lying', () => {
    const [a, b] = [first(poses('abdominal-brace')), last(poses('abdominal-brace'))];
    expect(b).toEqual(a);
    expect(a.trunk).toBe(-90);
    expect(a.pelvisTilt).toBe(0);
  });
});

describe('POSTERIOR_CHAIN_POSE', () => {
  const tensions = [0, 0.25, 0.5, 0.75, 1];
  const chain = tensions.map((t) => POSTERIOR_CHAIN_POSE(t));

  it('tilts the pelvis back from ~0° to ~15° and flattens the lordosis from ~40° to ~15°', () => {
    expect(first(chain).pelvisTilt).toBeCloseTo(0, 6);
    expect(last(chain).pelvisTilt).toBeCloseTo(15, 6);
    expect(first(chain).lumbar).toBeCloseTo(40, 6);
    expect(last(chain).lumbar).toBeCloseTo(15, 6);
  });

  it('changes monotonically with tension', () => {
    for (let i = 1; i < chain.length; i++) {
      const [before, after] = [chain[i - 1], chain[i]];
      expect(after?.pelvisTilt).toBeGreaterThan(before?.pelvisTilt ?? Infinity);
      expect(after?.lumbar).toBeLessThan(before?.lumbar ?? -Infinity);
    }
  });

  it('shortens the hamstring path and keeps the person standing on straight legs', () => {
    const spans = chain.map((p) => {
      const j = jointPositions(p);
      return distance(j.ischium, j.near.knee);
    });
    for (let i = 1; i < spans.length; i++) expect(spans[i]).toBeLessThan(spans[i - 1] ?? 0);
    for (const p of chain) {
      const j = jointPositions(p);
      expect(p.nearLeg.knee).toBe(0);
      expect(j.near.ankle.y).toBeCloseTo(0, 6);
    }
  });

  it('clamps tension outside 0..1', () => {
    expect(POSTERIOR_CHAIN_POSE(-2)).toEqual(POSTERIOR_CHAIN_POSE(0));
    expect(POSTERIOR_CHAIN_POSE(9)).toEqual(POSTERIOR_CHAIN_POSE(1));
    expect(POSTERIOR_CHAIN_POSE(Number.NaN)).toEqual(POSTERIOR_CHAIN_POSE(0));
  });
});
