// Zod schemas that check OUR codes in the resources the FHIR export writes, because FHIR structural
// validation (medplum) checks shapes, never which codes were used. Test code: kept out of the build.
import { z } from 'zod';
import { intakeSchema, START_BACK_Q9, type IntakeField } from '../src/engine/intake.js';
import { QUESTIONS } from '../src/engine/questions.js';
import { TRIAGE_RULES } from '../src/engine/triage.js';
import { INSTRUMENT_IDS, instrumentById } from '../src/kb/instruments.js';
import { CONTRIBUTOR_IDS, EXERCISE_IDS, SELF_CARE_IDS } from '../src/kb/types.js';
import {
  SYSTEM,
  IDENTIFIER_SYSTEM,
  QUESTIONNAIRE_CANONICAL,
  intakeSystem,
  CONSENT_SCOPE,
  CONSENT_CATEGORY,
  CONSENT_POLICY_RULE,
  CONSENT_ACTOR_ROLE,
  PAIN_SEVERITY_CODING,
  LOWER_LIMB_CODING,
  ASSESSMENT_CODING,
  START_BACK_ITEM_IDS,
} from '../src/fhir/codes.js';

/** Every intake field name: the only top-level linkIds a QuestionnaireResponse may carry. */
export const INTAKE_FIELDS = Object.keys(intakeSchema.shape) as IntakeField[];

/** The permitted codes of each coded intake field, keyed by its code system. */
const CODED_VALUES: ReadonlyMap<string, readonly string[]> = new Map([
  ...QUESTIONS.filter((q) => q.options !== undefined).map(
    (q) => [intakeSystem(q.field), (q.options ?? []).map((o) => o.value)] as const,
  ),
  [intakeSystem('startBack.q9'), [...START_BACK_Q9]],
]);

const codingOf = (system: string, codes: readonly string[]) =>
  z.looseObject({ system: z.literal(system), code: z.enum(codes as [string, ...string[]]) });

/** A CodeableConcept whose codings include one with this system and one of these codes. */
const conceptWith = (system: string, codes: readonly string[]) =>
  z.looseObject({
    coding: z
      .array(z.looseObject({ system: z.string().optional(), code: z.string().optional() }))
      .refine(
        (codings) => codings.some((c) => c.system === system && codes.includes(c.code ?? '')),
        `a coding of ${system} with one of ${codes.join(', ')}`,
      ),
  });

const reference = z.looseObject({ reference: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/) });

/** The pain check-in Observation: LOINC 72514-3, category survey, a whole 0–10 score. */
export const painObservationCodeSchema = z.looseObject({
  resourceType: z.literal('Observation'),
  status: z.literal('final'),
  category: z.array(conceptWith(SYSTEM.observationCategory, ['survey'])).min(1),
  code: conceptWith(SYSTEM.loinc, [PAIN_SEVERITY_CODING.code]),
  subject: reference,
  valueInteger: z.int().min(0).max(10),
});

const sideSite = z.looseObject({
  coding: z.array(
    codingOf(SYSTEM.snomed, [LOWER_LIMB_CODING.left.code, LOWER_LIMB_CODING.right.code]),
  ),
});

/** The straight-leg-raise Observation: our code, degrees in UCUM, a SNOMED CT side when known. */
export const slrObservationCodeSchema = z.looseObject({
  resourceType: z.literal('Observation'),
  status: z.literal('final'),
  code: conceptWith(SYSTEM.measurement, ['slr-angle']),
  subject: reference,
  valueQuantity: z.strictObject({
    value: z.number().min(0).max(180),
    unit: z.literal('deg'),
    system: z.literal(SYSTEM.ucum),
    code: z.literal('deg'),
  }),
  bodySite: sideSite.optional(),
});

/** The toe-touch Observation: our code, centimetres in UCUM. */
export const toeTouchObservationCodeSchema = z.looseObject({
  resourceType: z.literal('Observation'),
  status: z.literal('final'),
  code: conceptWith(SYSTEM.measurement, ['toe-touch']),
  subject: reference,
  valueQuantity: z.strictObject({
    value: z.number(),
    unit: z.literal('cm'),
    system: z.literal(SYSTEM.ucum),
    code: z.literal('cm'),
  }),
});

/** A coded answer must use its field's code system and one of the field's values. */
const answerCodingOk = (coding: { system?: string | undefined; code?: string | undefined }) =>
  coding.system !== undefined &&
  (CODED_VALUES.get(coding.system)?.includes(coding.code ?? '') ?? false);

const answerSchema = z.looseObject({
  valueCoding: z
    .looseObject({ system: z.string().optional(), code: z.string().optional() })
    .refine(answerCodingOk, 'a coded answer: the field’s own system and one of its values')
    .optional(),
});

const startBackItem = z.looseObject({
  linkId: z.enum(START_BACK_ITEM_IDS),
  answer: z.array(answerSchema).length(1),
});

const intakeItem = z.looseObject({
  linkId: z.enum(INTAKE_FIELDS as [IntakeField, ...IntakeField[]]),
  answer: z.array(answerSchema).min(1).optional(),
  item: z.array(startBackItem).optional(),
});

/** A QuestionnaireResponse of the intake: its canonical, linkIds that are intake field names, our answer codes. */
export const questionnaireResponseCodeSchema = z.looseObject({
  resourceType: z.literal('QuestionnaireResponse'),
  questionnaire: z.literal(QUESTIONNAIRE_CANONICAL),
  status: z.literal('completed'),
  subject: reference,
  item: z
    .array(intakeItem)
    .refine(
      (items) => new Set(items.map((i) => i.linkId)).size === items.length,
      'each field answered once',
    ),
});

const riskCoding = codingOf(SYSTEM.riskProbability, [
  'negligible',
  'low',
  'moderate',
  'high',
  'certain',
]);

const contributorPrediction = z.looseObject({
  outcome: z.looseObject({
    coding: z.array(codingOf(SYSTEM.contributor, CONTRIBUTOR_IDS)).length(1),
  }),
  qualitativeRisk: z.looseObject({ coding: z.array(riskCoding).length(1) }),
  probabilityDecimal: z.number().min(0).max(1),
});

const TRIAGE_CODES = TRIAGE_RULES.map((r) => r.code);

/** A RiskAssessment: one prediction per contributor id, reasons that are triage rule codes. */
export const riskAssessmentCodeSchema = z.looseObject({
  resourceType: z.literal('RiskAssessment'),
  status: z.literal('final'),
  subject: reference,
  basis: z.array(reference).length(1),
  code: conceptWith(SYSTEM.assessment, [ASSESSMENT_CODING.code]),
  reasonCode: z
    .array(
      z.looseObject({ coding: z.array(codingOf(SYSTEM.triageReason, TRIAGE_CODES)).length(1) }),
    )
    .optional(),
  prediction: z
    .array(contributorPrediction)
    .refine(
      (predictions) =>
        new Set(predictions.map((p) => p.outcome.coding[0]?.code)).size === CONTRIBUTOR_IDS.length,
      'one prediction for each of the seven contributors',
    ),
});

const activityCode = z.union([
  z.looseObject({ coding: z.array(codingOf(SYSTEM.exercise, EXERCISE_IDS)).length(1) }),
  z.looseObject({ coding: z.array(codingOf(SYSTEM.selfCare, SELF_CARE_IDS)).length(1) }),
]);

/** A CarePlan of the programme: every activity coded with a known exercise or self-care id. */
export const carePlanCodeSchema = z.looseObject({
  resourceType: z.literal('CarePlan'),
  status: z.enum(['active', 'on-hold', 'revoked']),
  intent: z.literal('plan'),
  subject: reference,
  activity: z
    .array(
      z.looseObject({
        detail: z.looseObject({
          code: activityCode,
          status: z.enum([
            'not-started',
            'in-progress',
            'on-hold',
            'stopped',
            'cancelled',
            'unknown',
          ]),
        }),
      }),
    )
    .optional(),
});

/**
 * The Patient carries the record id and, at most, the email: nothing else about the person
 * (strict, so a name or birth date added later fails here).
 */
export const patientSchema = z.strictObject({
  resourceType: z.literal('Patient'),
  id: z.string(),
  identifier: z.array(
    z.strictObject({ system: z.literal(IDENTIFIER_SYSTEM.user), value: z.string() }),
  ),
  telecom: z.array(z.strictObject({ system: z.literal('email'), value: z.string() })).optional(),
});

/** A clinician, as the person sees them: the record id, the name they are shown by, their email; nothing else. */
export const practitionerSchema = z.strictObject({
  resourceType: z.literal('Practitioner'),
  id: z.string(),
  identifier: z
    .array(z.strictObject({ system: z.literal(IDENTIFIER_SYSTEM.user), value: z.string() }))
    .length(1),
  name: z.array(z.strictObject({ text: z.string().min(1) })).optional(),
  telecom: z.array(z.strictObject({ system: z.literal('email'), value: z.string() })).length(1),
});

/** The Consent of one link: privacy scope, LOINC 59284-0, opt-in, a permit for one clinician to access and correct. */
export const consentCodeSchema = z.looseObject({
  resourceType: z.literal('Consent'),
  status: z.enum(['active', 'inactive']),
  scope: conceptWith(SYSTEM.consentScope, [CONSENT_SCOPE.code]),
  category: z.array(conceptWith(SYSTEM.loinc, [CONSENT_CATEGORY.code])).length(1),
  patient: reference,
  performer: z.array(reference).length(1),
  policyRule: conceptWith(SYSTEM.actCode, [CONSENT_POLICY_RULE.code]),
  provision: z.looseObject({
    type: z.literal('permit'),
    period: z.looseObject({ start: z.string() }),
    actor: z
      .array(
        z.looseObject({
          role: conceptWith(SYSTEM.participationType, [CONSENT_ACTOR_ROLE.code]),
          reference: z.looseObject({ type: z.literal('Practitioner') }),
        }),
      )
      .length(1),
    action: z
      .array(
        z.looseObject({ coding: z.array(codingOf(SYSTEM.consentAction, ['access', 'correct'])) }),
      )
      .min(1),
  }),
});

const OUR_OUTCOME_CODES = INSTRUMENT_IDS.filter((id) => instrumentById(id).loinc === undefined);
const LOINC_OUTCOME_CODES = INSTRUMENT_IDS.flatMap((id) => instrumentById(id).loinc?.code ?? []);

/** The total score of an outcome measure: LOINC where the instrument has a code, ours otherwise, within its range. */
export const outcomeObservationCodeSchema = z
  .looseObject({
    resourceType: z.literal('Observation'),
    status: z.literal('final'),
    category: z.array(conceptWith(SYSTEM.observationCategory, ['survey'])).min(1),
    code: z.union([
      conceptWith(SYSTEM.loinc, LOINC_OUTCOME_CODES),
      conceptWith(SYSTEM.outcome, OUR_OUTCOME_CODES),
    ]),
    subject: reference,
    derivedFrom: z.array(reference).length(1),
    valueInteger: z.int().optional(),
    valueQuantity: z
      .strictObject({
        value: z.number(),
        unit: z.literal('{score}'),
        system: z.literal(SYSTEM.ucum),
        code: z.literal('{score}'),
      })
      .optional(),
  })
  .refine(
    (o) => (o.valueInteger === undefined) !== (o.valueQuantity === undefined),
    'exactly one value: an integer, or a quantity for a mean',
  )
  .refine((o) => {
    const code = o.code.coding.find(
      (c) => c.system === SYSTEM.loinc || c.system === SYSTEM.outcome,
    )?.code;
    const id = INSTRUMENT_IDS.find((i) => i === code || instrumentById(i).loinc?.code === code);
    const value = o.valueInteger ?? o.valueQuantity?.value;
    if (id === undefined || value === undefined) return false;
    const { min, max } = instrumentById(id).range;
    return value >= min && value <= max;
  }, 'a score within its instrument’s range');
