// The terms derived from intake answers, apart from the zod schema so the warning rules can run in a
// small first chunk (the web intake checks "stop now" before the schema has loaded).
import type { LEG_SIDES, LEG_WEAKNESS, NUMBNESS_LEVELS, PainArea } from './intake-values.js';

/**
 * The answers the derived terms read (an `Intake` has them all), written out here so this file needs
 * nothing from intake.ts, which re-exports it.
 */
export interface DeriveFrom {
  legSide: (typeof LEG_SIDES)[number];
  painAreas: readonly PainArea[];
  numbness: (typeof NUMBNESS_LEVELS)[number];
  legWeakness: (typeof LEG_WEAKNESS)[number];
}

/** The pain areas in the buttock or leg: with any of them, `legSide` cannot be `none`. */
export const LEG_AREAS: readonly PainArea[] = ['buttock', 'back-of-thigh', 'below-knee', 'foot'];

/** Derived terms of the triage policy, computed once from the answers. */
export interface Derived {
  /** `legSide` is not `none`. */
  legSymptoms: boolean;
  /** Pain below the knee or in the foot, or numbness there. */
  belowKneeSymptoms: boolean;
  /** Any numbness or leg weakness. */
  neurologicalDeficit: boolean;
}

/** The policy's derived terms, kept in one place so triage and "stop now" agree. */
export function derive(a: DeriveFrom): Derived {
  return {
    legSymptoms: a.legSide !== 'none',
    belowKneeSymptoms:
      a.painAreas.includes('below-knee') ||
      a.painAreas.includes('foot') ||
      a.numbness === 'below-knee' ||
      a.numbness === 'foot',
    neurologicalDeficit: a.numbness !== 'none' || a.legWeakness !== 'none',
  };
}
