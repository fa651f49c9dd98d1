// Exercise sessions and the stop rules: what a logged session does to the programme. Pure: the date is passed in.
import type { ExerciseId } from '../kb/types.js';
import type { PrescribedDosage } from './plan.js';

export type Felt = 'easier' | 'same' | 'harder';

/** One exercise of a logged session: what was planned next to what was done, and how it went. */
export interface SessionEntry {
  exerciseId: ExerciseId;
  /** The programme's dose at the time (filled in by the server from the current programme). */
  planned: PrescribedDosage | null;
  done: { sets?: number; reps?: number; holdSeconds?: number; sides?: 'left' | 'right' | 'both' };
  felt: Felt;
  painSharper: boolean;
  painSpread: boolean;
  /** New numbness or weakness noticed during or after the exercise. */
  newNumbnessOrWeakness?: boolean;
}

export interface ProgrammeChange {
  exerciseId: ExerciseId;
  change: 'dropped' | 'replaced' | 'progressed';
  /** The exercise that took its place (replaced, or progressed to a harder exercise). */
  by?: ExerciseId;
  /** The new dose, when progression raised the dose of the same exercise. */
  dosage?: PrescribedDosage;
}

/** What the engine remembers between sessions, stored with the programme. */
export interface ProgrammeState {
  /** Consecutive sessions in which each exercise felt easier ("too easy"). */
  easyStreak: Partial<Record<ExerciseId, number>>;
  /** Exercises dropped by the stop rules: never offered again in this programme. */
  dropped: ExerciseId[];
  /** Local dates of sessions in which pain spread down the leg. */
  spreadEpisodes: string[];
  /** Set when the warning-sign check must be answered again before the next session. */
  warningCheckRequired: boolean;
}

export function initialProgrammeState(): ProgrammeState {
  return { easyStreak: {}, dropped: [], spreadEpisodes: [], warningCheckRequired: false };
}
