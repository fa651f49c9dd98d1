// The pace of each repetition exercise, in seconds a repetition (up and down), for the session's beat.
// The sources give "slow" and "controlled" for these; the numbers are the product's reading of that.
import type { ExerciseId } from './types.js';

/** Seconds a repetition takes, for the exercises counted in repetitions. */
export const REP_TEMPO: Partial<Record<ExerciseId, number>> = {
  'glute-bridge': 4,
  'supine-straight-leg-raise': 4,
  'standing-march': 2,
  'good-morning-modified': 5,
};

/** A repetition's seconds: the catalogue's pace, or a steady 3 seconds where it gives none. */
export function secondsPerRep(id: ExerciseId): number {
  return REP_TEMPO[id] ?? 3;
}
