// What the session player's figure does at each stage: loops the movement before a set, moves into a hold
// and stays still, moves back out during the rest, and does one repetition per counted one.
import type { FigureMotion } from '../../figure/model.js';
import { REST_SECONDS, type ExerciseRun } from './session-machine.js';

const MS = 1000;

/**
 * The figure's motion for the run's stage. Time into a hold or rest comes from the countdown
 * (`remainingMs`, exact at each tick and at a pause); the figure runs on from there between ticks.
 */
export function figureMotionOf(run: Pick<ExerciseRun, 'stage' | 'dosage'>): FigureMotion {
  const s = run.stage;
  switch (s.kind) {
    case 'ready':
    case 'questions':
      return { kind: 'demo' };
    case 'getready':
      // Getting into position: the start position, still.
      return { kind: 'rest', msIntoRest: REST_SECONDS * MS };
    case 'hold':
      return { kind: 'hold', msIntoHold: Math.max(0, run.dosage.amount * MS - s.remainingMs) };
    case 'rest':
      return { kind: 'rest', msIntoRest: Math.max(0, REST_SECONDS * MS - s.remainingMs) };
    case 'reps':
      return { kind: 'reps', count: s.count };
  }
}
