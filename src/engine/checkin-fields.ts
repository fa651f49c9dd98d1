// Which warning-sign answers a check-in carries, apart from its zod schema so the web intake's first
// chunk can use them without loading zod.
import type { IntakeField } from './intake.js';

/**
 * Asked at every check-in, worded for "since your last check-in": the warning signs that can appear.
 * `weaknessWorsening` only follows a weak leg (no weakness cannot be getting worse).
 */
export const DAILY_WARNING_FIELDS = [
  'saddleNumbness',
  'bladderChange',
  'bowelChange',
  'sexualDysfunction',
  'numbness',
  'legWeakness',
  'weaknessWorsening',
  'trauma',
  'fever',
  'nightPainConstant',
] as const satisfies readonly IntakeField[];

/** History that cannot change from day to day: carried from the assessment, never asked again. */
export const CARRIED_HISTORY_FIELDS = [
  'cancerHistory',
  'fractureRisk',
] as const satisfies readonly IntakeField[];

/** Warning signs only with a history of cancer (`cancer-warning-signs`): asked then, carried otherwise. */
export const CANCER_FOLLOW_UP_FIELDS = [
  'weightLoss',
  'thoracicPain',
] as const satisfies readonly IntakeField[];

/**
 * Every warning-sign answer a check-in may carry. `age` comes from the assessment and `painNow` and
 * `legSide` are the check-in's own top-level answers, so they are not repeated here. Tests keep this
 * list, the schema and WARNING_RULES in step.
 */
export const WARNING_SIGN_FIELDS = [
  ...DAILY_WARNING_FIELDS,
  ...CARRIED_HISTORY_FIELDS,
  ...CANCER_FOLLOW_UP_FIELDS,
] as const;
export type WarningSignField = (typeof WARNING_SIGN_FIELDS)[number];
