// Each exercise's illustration as data: what it picks out (muscles, the movement's arrow, the camera, props)
// and its key poses in joint angles (`figure-poses.ts`, built from the figure model's postures).
import { EXERCISE_POSES } from './figure-poses.js';
import { EXERCISE_IDS, type ExerciseId, type FigureMarks, type Keyframe } from './types.js';

/**
 * What each illustration picks out: the muscle stretched or working, the joint whose path the movement
 * arrow follows, the camera (from above and to the side for the crossed leg of the figure four), and props.
 */
export const EXERCISE_MARKS: Record<ExerciseId, FigureMarks> = {
  'knee-to-chest': { muscles: ['glutes', 'low-back'], arrow: 'near.knee', props: ['mat'] },
  'figure-four': {
    muscles: ['piriformis'],
    arrow: 'near.ankle',
    azimuth: -50,
    elevation: 20,
    props: ['mat'],
  },
  'supine-hamstring-gentle': { muscles: ['hamstrings'], arrow: 'near.ankle', props: ['mat'] },
  'supine-hamstring-strap': {
    muscles: ['hamstrings'],
    arrow: 'near.ankle',
    props: ['mat', 'strap'],
  },
  'hamstring-wall-stretch': {
    muscles: ['hamstrings'],
    arrow: 'near.ankle',
    props: ['mat', 'door-frame'],
  },
  'active-hamstring-stretch': { muscles: ['hamstrings'], arrow: 'near.ankle', props: ['mat'] },
  'abdominal-brace': { muscles: ['abdominals'], props: ['mat'] },
  'glute-bridge': { muscles: ['glutes', 'hamstrings'], arrow: 'hip', props: ['mat'] },
  'supine-straight-leg-raise': { muscles: ['thigh-front'], arrow: 'near.ankle', props: ['mat'] },
  'standing-march': { muscles: ['hip-flexors', 'abdominals'], arrow: 'near.knee' },
  'good-morning-modified': { muscles: ['hamstrings', 'glutes'], arrow: 'shoulder' },
};

/** Every exercise's key poses, in time order on 0..1 for one repetition, the marks on the first. */
export const EXERCISE_KEYFRAMES: Readonly<Record<ExerciseId, Keyframe[]>> = Object.fromEntries(
  EXERCISE_IDS.map((id) => [
    id,
    EXERCISE_POSES[id].map((k, i) => (i === 0 ? { ...k, marks: EXERCISE_MARKS[id] } : k)),
  ]),
) as Record<ExerciseId, Keyframe[]>;
