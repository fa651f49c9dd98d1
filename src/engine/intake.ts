// The intake contract (`intake.md`, version 1): one zod schema, the types inferred from it, and parsing into problems.
import { z } from 'zod';
import { OWN_EXPECTATION, problemsFromZod, problem, type Result } from './problems.js';

import {
  PAIN_AREAS,
  LEG_SIDES,
  PAIN_QUALITIES,
  NUMBNESS_LEVELS,
  LEG_WEAKNESS,
  TRAUMA,
  TOE_TOUCH,
  SLR_TESTS,
  ACTIVITY,
  START_BACK_Q9,
} from './intake-values.js';

export * from './intake-values.js';
import { LEG_AREAS } from './intake-derive.js';
export { LEG_AREAS, derive, type Derived } from './intake-derive.js';

const flag = () => z.boolean().default(false);

/**
 * A set given as a list: duplicates are folded and the order made canonical. An `overwrite`, not a
 * `transform`: the type stays a list of the values, so the API document can describe the stored answers.
 */
function setOf<T extends string>(values: readonly [T, ...T[]]) {
  return z.array(z.enum(values)).overwrite((given): T[] => values.filter((v) => given.includes(v)));
}

export const startBackSchema = z.strictObject({
  q1: z.boolean(),
  q2: z.boolean(),
  q3: z.boolean(),
  q4: z.boolean(),
  q5: z.boolean(),
  q6: z.boolean(),
  q7: z.boolean(),
  q8: z.boolean(),
  q9: z.enum(START_BACK_Q9),
});
export type StartBackAnswers = z.infer<typeof startBackSchema>;

export const intakeSchema = z
  .strictObject({
    version: z.literal(1),
    age: z.int().min(16).max(110),
    durationDays: z.int().min(0),
    painNow: z.int().min(0).max(10),
    painAreas: setOf(PAIN_AREAS).refine((areas) => areas.length > 0, 'at least one pain area'),
    legSide: z.enum(LEG_SIDES),
    painQuality: setOf(PAIN_QUALITIES).default([]),
    numbness: z.enum(NUMBNESS_LEVELS).default('none'),
    legWeakness: z.enum(LEG_WEAKNESS).default('none'),
    weaknessWorsening: flag(),
    saddleNumbness: flag(),
    bladderChange: flag(),
    bowelChange: flag(),
    sexualDysfunction: flag(),
    fever: flag(),
    cancerHistory: flag(),
    weightLoss: flag(),
    nightPainConstant: flag(),
    thoracicPain: flag(),
    immunosuppressed: flag(),
    trauma: z.enum(TRAUMA).default('none'),
    fractureRisk: flag(),
    worseSitting: flag(),
    worseBending: flag(),
    worseCoughSneeze: flag(),
    easesWithMovement: flag(),
    morningStiffnessOver30Min: flag(),
    deepButtockPainSitting: flag(),
    hipRotationProvokes: flag(),
    hamstringTightness: flag(),
    backFatigue: flag(),
    toeTouch: z.enum(TOE_TOUCH).default('not-tried'),
    slrTest: z.enum(SLR_TESTS).default('not-done'),
    slrAngle: z.int().min(0).max(120).optional(),
    slrDorsiflexionWorse: flag(),
    thighInjury: flag(),
    thighBruising: flag(),
    sittingHours: z.number().min(0).max(24).optional(),
    activity: z.enum(ACTIVITY).optional(),
    liftingWork: flag(),
    startBack: startBackSchema.optional(),
  })
  .superRefine((a, ctx) => {
    const legAreas = a.painAreas.filter((area) => LEG_AREAS.includes(area));
    if (a.legSide === 'none' && legAreas.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['legSide'],
        message: `left, right or both, because painAreas includes ${legAreas.join(', ')} (legSide none means no buttock or leg symptoms)`,
        params: OWN_EXPECTATION,
      });
    }
  });

/** The answers as given (optional fields may be missing). */
export type IntakeInput = z.input<typeof intakeSchema>;
/** The answers after parsing: defaults filled in, sets made canonical. */
export type Intake = z.output<typeof intakeSchema>;
export type IntakeField = keyof Intake;

const oneOf = (values: readonly string[]) => `one of ${values.join(', ')}`;
const yesNo = 'true or false';

/** What each field expects, in the words every error uses. Typed so no field can be left out. */
export const INTAKE_EXPECTATIONS: Record<IntakeField, string> = {
  version: 'the number 1 (the intake contract version)',
  age: 'a whole number from 16 to 110 (years)',
  durationDays: 'a whole number of days, 0 or more',
  painNow: 'a whole number from 0 to 10',
  painAreas: `a non-empty list of ${PAIN_AREAS.join(', ')}`,
  legSide: oneOf(LEG_SIDES),
  painQuality: `a list of ${PAIN_QUALITIES.join(', ')}`,
  numbness: oneOf(NUMBNESS_LEVELS),
  legWeakness: oneOf(LEG_WEAKNESS),
  weaknessWorsening: yesNo,
  saddleNumbness: yesNo,
  bladderChange: yesNo,
  bowelChange: yesNo,
  sexualDysfunction: yesNo,
  fever: yesNo,
  cancerHistory: yesNo,
  weightLoss: yesNo,
  nightPainConstant: yesNo,
  thoracicPain: yesNo,
  immunosuppressed: yesNo,
  trauma: oneOf(TRAUMA),
  fractureRisk: yesNo,
  worseSitting: yesNo,
  worseBending: yesNo,
  worseCoughSneeze: yesNo,
  easesWithMovement: yesNo,
  morningStiffnessOver30Min: yesNo,
  deepButtockPainSitting: yesNo,
  hipRotationProvokes: yesNo,
  hamstringTightness: yesNo,
  backFatigue: yesNo,
  toeTouch: oneOf(TOE_TOUCH),
  slrTest: oneOf(SLR_TESTS),
  slrAngle: 'a whole number of degrees from 0 to 120',
  slrDorsiflexionWorse: yesNo,
  thighInjury: yesNo,
  thighBruising: yesNo,
  sittingHours: 'a number of hours from 0 to 24',
  activity: oneOf(ACTIVITY),
  liftingWork: yesNo,
  startBack:
    'the nine STarT Back answers: q1 to q8 true or false, q9 one of ' + START_BACK_Q9.join(', '),
};

/** Parses intake answers; never throws, whatever it is given. */
export function parseIntake(input: unknown): Result<Intake> {
  const parsed = intakeSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  // A nested field's own issue (startBack.q9) keeps its specific expectation; only whole-field issues use the table.
  return { ok: false, problems: problemsFromZod(parsed.error.issues, input, INTAKE_EXPECTATIONS) };
}

/** Parses intake JSON text: bad JSON is a problem too, not an exception. */
export function parseIntakeJson(text: string): Result<Intake> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'unreadable text';
    const bad = problem([], 'a JSON document', undefined);
    const received = `text that is not JSON (${why})`;
    return {
      ok: false,
      problems: [
        { ...bad, received, message: `${bad.path}: expected a JSON document, got ${received}` },
      ],
    };
  }
  return parseIntake(data);
}

/** Phase of the episode from its duration: acute under 42 days, subacute 42 to 84, chronic over 84. */
export type Phase = 'acute' | 'subacute' | 'chronic';
export function phaseOf(durationDays: number): Phase {
  if (durationDays < 42) return 'acute';
  if (durationDays <= 84) return 'subacute';
  return 'chronic';
}
