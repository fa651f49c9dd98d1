// The daily check-in's warning-sign re-check (triage-policy.md, "Re-checking"): which questions it asks, their
// schema, what it makes certain, and when a reason is new.
import { z } from 'zod';
import { LEG_WEAKNESS, NUMBNESS_LEVELS, TRAUMA, type Intake, type PainArea } from './intake.js';
import type { Level, TriageCode, TriageKb, TriageReason } from './triage.js';
import { warningNow, type KnownAnswers } from './warning-now.js';

import {
  CANCER_FOLLOW_UP_FIELDS,
  CARRIED_HISTORY_FIELDS,
  DAILY_WARNING_FIELDS,
  WARNING_SIGN_FIELDS,
  type WarningSignField,
} from './checkin-fields.js';
export {
  CANCER_FOLLOW_UP_FIELDS,
  CARRIED_HISTORY_FIELDS,
  DAILY_WARNING_FIELDS,
  WARNING_SIGN_FIELDS,
  type WarningSignField,
} from './checkin-fields.js';

/**
 * The warning-sign answers of a check-in. Each is optional in the schema, but none is ever taken as
 * "no": a check-in either answers every question `checkinQuestions` asks, or carries a warning sign
 * that fires an emergency or urgent rule on what it does answer (see `missingCheckinAnswers`).
 */
export const warningSignsSchema = z.strictObject({
  saddleNumbness: z.boolean().optional(),
  bladderChange: z.boolean().optional(),
  bowelChange: z.boolean().optional(),
  sexualDysfunction: z.boolean().optional(),
  numbness: z.enum(NUMBNESS_LEVELS).optional(),
  legWeakness: z.enum(LEG_WEAKNESS).optional(),
  weaknessWorsening: z.boolean().optional(),
  trauma: z.enum(TRAUMA).optional(),
  fever: z.boolean().optional(),
  nightPainConstant: z.boolean().optional(),
  fractureRisk: z.boolean().optional(),
  cancerHistory: z.boolean().optional(),
  weightLoss: z.boolean().optional(),
  thoracicPain: z.boolean().optional(),
});
export type WarningSigns = z.infer<typeof warningSignsSchema>;

/** The history a check-in is read against: the latest assessment's answers, when there is one. */
export type Baseline = Intake | null;

const carried = (
  base: Baseline,
  given: WarningSigns,
  field: (typeof CARRIED_HISTORY_FIELDS)[number],
) =>
  // A history only ever becomes true: a check-in can add it, never take it away.
  (base?.[field] ?? false) || given[field] === true;

/**
 * The warning-sign questions a check-in asks, in order, given the assessment and the answers so far:
 * the daily ones, the weakness follow-up after a weak leg, and with a history of cancer its follow-ups.
 */
export function checkinQuestions(base: Baseline, given: WarningSigns): WarningSignField[] {
  const out: WarningSignField[] = [];
  for (const f of DAILY_WARNING_FIELDS) {
    if (f === 'weaknessWorsening' && (given.legWeakness ?? 'none') === 'none') continue;
    out.push(f);
  }
  if (carried(base, given, 'cancerHistory')) out.push(...CANCER_FOLLOW_UP_FIELDS);
  return out;
}

/** What a check-in tells, before it is complete: the top-level answers it has, and its warning signs. */
export interface CheckinDraft {
  /** Only for a warning reported before any assessment (the intake stopped early): the age given there. */
  age?: number | undefined;
  painNow?: number | undefined;
  painAreas?: PainArea[] | undefined;
  legSide?: Intake['legSide'] | undefined;
  warningSigns: WarningSigns;
}

/**
 * Everything known for the triage rules from a check-in so far: the assessment's answers for what the
 * check-in does not ask (age, history), and the check-in's own answers. Questions it asks but has not
 * answered yet stay unknown, never "no". Without an assessment only the check-in's answers are known.
 */
export function knownFromCheckin(base: Baseline, draft: CheckinDraft): KnownAnswers {
  const asked = new Set<string>([
    ...checkinQuestions(base, draft.warningSigns),
    'painNow',
    'painAreas',
    'legSide',
  ]);
  const known: Record<string, unknown> = {};
  if (base) {
    for (const [k, v] of Object.entries(base)) if (!asked.has(k)) known[k] = v;
  }
  for (const f of CARRIED_HISTORY_FIELDS) {
    if (base || draft.warningSigns[f] !== undefined)
      known[f] = carried(base, draft.warningSigns, f);
  }
  for (const f of WARNING_SIGN_FIELDS) {
    if (asked.has(f) && draft.warningSigns[f] !== undefined) known[f] = draft.warningSigns[f];
  }
  // No weak leg: it cannot be getting weaker (the question is not asked).
  if (draft.warningSigns.legWeakness === 'none') known.weaknessWorsening = false;
  if (draft.age !== undefined) known.age = draft.age;
  if (draft.painNow !== undefined) known.painNow = draft.painNow;
  if (draft.painAreas !== undefined) known.painAreas = draft.painAreas;
  if (draft.legSide !== undefined) known.legSide = draft.legSide;
  return known;
}

/**
 * The answers a check-in still needs to be complete, by field path (`painNow`, `warningSigns.fever`),
 * in the order asked. Empty when complete.
 */
export function missingCheckinAnswers(base: Baseline, draft: CheckinDraft): string[] {
  const out: string[] = [];
  for (const f of ['painNow', 'painAreas', 'legSide'] as const) {
    if (draft[f] === undefined) out.push(f);
  }
  for (const f of checkinQuestions(base, draft.warningSigns)) {
    if (draft.warningSigns[f] === undefined) out.push(`warningSigns.${f}`);
  }
  return out;
}

// A type alias rather than an interface, so it fits where a plain JSON object (Record<string, unknown>) is expected.
export type CheckinTriage = {
  level: Level;
  reasons: TriageReason[];
  advice: string;
};

/**
 * The emergency and urgent rules that a check-in makes certain, on the assessment's answers updated with
 * the check-in's: for a complete check-in exactly the rules that fire; for one stopped at its first
 * warning sign, those certain whatever the unanswered questions would have been. Null when none.
 */
export function checkinTriage(
  base: Baseline,
  draft: CheckinDraft,
  kb: TriageKb,
): CheckinTriage | null {
  const now = warningNow(knownFromCheckin(base, draft), kb);
  return now && { level: now.level, reasons: now.reasons, advice: now.advice };
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
