// The daily check-in's warning-sign re-check (triage-policy.md, "Re-checking"): its questions, their schema, and when a reason is new.
import { z } from 'zod';
import {
  LEG_WEAKNESS,
  NUMBNESS_LEVELS,
  TRAUMA,
  type Intake,
  type IntakeField,
  type PainArea,
} from './intake.js';
import {
  LEVEL_ADVICE,
  WARNING_RULES,
  triage,
  type Level,
  type TriageCode,
  type TriageReason,
} from './triage.js';

/**
 * The answers the emergency and urgent rules read, asked again at every check-in. `age` comes from
 * the assessment and `painNow` and `legSide` are the check-in's own top-level answers, so they are
 * not repeated here. Tests keep this list, the schema and WARNING_RULES in step.
 */
export const WARNING_SIGN_FIELDS = [
  'saddleNumbness',
  'bladderChange',
  'bowelChange',
  'sexualDysfunction',
  'numbness',
  'legWeakness',
  'weaknessWorsening',
  'trauma',
  'fever',
  'fractureRisk',
  'cancerHistory',
  'weightLoss',
  'nightPainConstant',
  'thoracicPain',
] as const satisfies readonly IntakeField[];
export type WarningSignField = (typeof WARNING_SIGN_FIELDS)[number];

/**
 * The warning-sign answers of a check-in. Every field is required, with no default: a warning sign
 * is never assumed to be absent because it was not answered.
 */
export const warningSignsSchema = z.strictObject({
  saddleNumbness: z.boolean(),
  bladderChange: z.boolean(),
  bowelChange: z.boolean(),
  sexualDysfunction: z.boolean(),
  numbness: z.enum(NUMBNESS_LEVELS),
  legWeakness: z.enum(LEG_WEAKNESS),
  weaknessWorsening: z.boolean(),
  trauma: z.enum(TRAUMA),
  fever: z.boolean(),
  fractureRisk: z.boolean(),
  cancerHistory: z.boolean(),
  weightLoss: z.boolean(),
  nightPainConstant: z.boolean(),
  thoracicPain: z.boolean(),
});
export type WarningSigns = z.infer<typeof warningSignsSchema>;

export interface CheckinAnswers {
  painNow: number;
  painAreas: PainArea[];
  legSide: Intake['legSide'];
  warningSigns: WarningSigns;
}

// A type alias rather than an interface, so it fits where a plain JSON object (Record<string, unknown>) is expected.
export type CheckinTriage = {
  level: Level;
  reasons: TriageReason[];
  advice: string;
};

/**
 * Runs the emergency and urgent rules on the assessment's answers updated with today's check-in.
 * Null when none fires.
 */
export function checkinTriage(base: Intake, checkin: CheckinAnswers): CheckinTriage | null {
  const answers: Intake = {
    ...base,
    painNow: checkin.painNow,
    painAreas: checkin.painAreas,
    legSide: checkin.legSide,
    ...pickWarningSigns(checkin.warningSigns),
  };
  // Each rule's condition stands on its own ("without …" is written into the conditions), so running
  // only the warning rules gives exactly the emergency and urgent reasons of the full triage.
  const { triage: t } = triage(answers, WARNING_RULES);
  if (t.reasons.length === 0) return null;
  // t.advice starts with LEVEL_ADVICE[level]: for an emergency it is that alone; for urgent it adds
  // what to do about exercise meanwhile and the emergency safety net.
  const advice = t.level === 'emergency' ? LEVEL_ADVICE.emergency : t.advice;
  return { level: t.level, reasons: t.reasons, advice };
}

/** Only the warning-sign fields, so a caller's extra keys can never overwrite other answers. */
function pickWarningSigns(signs: WarningSigns): WarningSigns {
  return Object.fromEntries(WARNING_SIGN_FIELDS.map((f) => [f, signs[f]])) as WarningSigns;
}

/**
 * The warning reasons in `now` that were not in `previous`. A reason already known when the
 * programme was generated does not pause it again; a new one does.
 */
export function newWarningReasons(
  previous: readonly TriageReason[],
  now: readonly TriageReason[],
): TriageCode[] {
  const known = new Set(previous.map((r) => r.code));
  return [...new Set(now.map((r) => r.code))].filter((code) => !known.has(code));
}
