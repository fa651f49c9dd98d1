// The code systems and codes the FHIR export uses, and zod schemas that check OUR codes in exported resources,
// because FHIR structural validation (medplum) checks shapes, never which codes were used.
import { z } from 'zod';
import { intakeSchema, START_BACK_Q9, type IntakeField } from '../engine/intake.js';
import { QUESTIONS } from '../engine/questions.js';
import { TRIAGE_RULES } from '../engine/triage.js';
import {
  INSTRUMENT_IDS,
  instrumentById,
  type Instrument,
  type InstrumentId,
} from '../kb/instruments.js';
import { CONTRIBUTOR_IDS, EXERCISE_IDS, SELF_CARE_IDS } from '../kb/types.js';
import type { Coding } from './types.js';

/** Code systems: public ones by their canonical URL, our own as `urn:backchain:*` (not published, so URNs). */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  riskProbability: 'http://terminology.hl7.org/CodeSystem/risk-probability',
  itemControl: 'http://hl7.org/fhir/questionnaire-item-control',
  exercise: 'urn:backchain:exercise',
  selfCare: 'urn:backchain:self-care',
  contributor: 'urn:backchain:contributor',
  measurement: 'urn:backchain:measurement',
  assessment: 'urn:backchain:assessment',
  triageReason: 'urn:backchain:triage-reason',
  knowledgeBase: 'urn:backchain:knowledge-base',
  outcome: 'urn:backchain:outcome',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentAction: 'http://terminology.hl7.org/CodeSystem/consentaction',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
} as const;

/** Identifier systems: the record ids of our own store, so an export can be matched back to its rows. */
export const IDENTIFIER_SYSTEM = {
  user: 'urn:backchain:id:user',
  assessment: 'urn:backchain:id:assessment',
  programme: 'urn:backchain:id:programme',
  checkin: 'urn:backchain:id:checkin',
  measurement: 'urn:backchain:id:measurement',
  link: 'urn:backchain:id:link',
  programmeVersion: 'urn:backchain:id:programme-version',
  outcome: 'urn:backchain:id:outcome',
} as const;

/** Core FHIR extensions used by the Questionnaire. */
export const EXTENSION_URL = {
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  itemControl: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
  maxOccurs: 'http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs',
  /** The score an answer adds, on a coded answer of a scored scale. */
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
} as const;

export const QUESTIONNAIRE_URL = 'urn:backchain:questionnaire:intake';
/** The Questionnaire version follows the intake contract version. */
export const QUESTIONNAIRE_VERSION = '1';
export const QUESTIONNAIRE_CANONICAL = `${QUESTIONNAIRE_URL}|${QUESTIONNAIRE_VERSION}`;

const INTAKE_SYSTEM_PREFIX = 'urn:backchain:intake:';
/** The code system of one coded intake field's values, e.g. `urn:backchain:intake:legSide` or `…:startBack.q9`. */
export function intakeSystem(field: IntakeField | 'startBack.q9'): string {
  return `${INTAKE_SYSTEM_PREFIX}${field}`;
}

/** The Questionnaire of one outcome instrument, e.g. `urn:backchain:questionnaire:rmdq`. */
export function outcomeQuestionnaireUrl(instrument: InstrumentId): string {
  return `urn:backchain:questionnaire:${instrument}`;
}
/** The outcome Questionnaires' version: bumped when an instrument's items or linkIds change. */
export const OUTCOME_QUESTIONNAIRE_VERSION = '1';
/** The canonical (URL and version) a QuestionnaireResponse of an instrument names. */
export function outcomeQuestionnaireCanonical(instrument: InstrumentId): string {
  return `${outcomeQuestionnaireUrl(instrument)}|${OUTCOME_QUESTIONNAIRE_VERSION}`;
}
/** The code system of one instrument's labelled answers (their codes are the scores, e.g. `-2`). */
export function outcomeAnswerSystem(instrument: InstrumentId): string {
  return `urn:backchain:outcome:${instrument}:answer`;
}

/** The code of an instrument's total score: LOINC where instruments.ts names one, our own code otherwise. */
export function outcomeCoding(instrument: Instrument): Coding {
  return instrument.loinc
    ? { system: SYSTEM.loinc, code: instrument.loinc.code, display: instrument.loinc.display }
    : { system: SYSTEM.outcome, code: instrument.id, display: instrument.name };
}

/** The link's Consent is about the person's privacy: who may see and change their record. */
export const CONSENT_SCOPE = {
  system: SYSTEM.consentScope,
  code: 'patient-privacy',
  display: 'Privacy Consent',
} as const satisfies Coding;

/** LOINC 59284-0, the consent category R4's example value set gives for a patient's own consent. */
export const CONSENT_CATEGORY = {
  system: SYSTEM.loinc,
  code: '59284-0',
  display: 'Patient Consent',
} as const satisfies Coding;

/** The person opted in, by accepting an invitation: nobody is linked by default. */
export const CONSENT_POLICY_RULE = {
  system: SYSTEM.actCode,
  code: 'OPTIN',
  display: 'opt-in',
} as const satisfies Coding;

/** The clinician receives the person's information. */
export const CONSENT_ACTOR_ROLE = {
  system: SYSTEM.participationType,
  code: 'PRCP',
  display: 'primary information recipient',
} as const satisfies Coding;

/** What an active link lets the clinician do: read the record, and change the programme. */
export const CONSENT_ACTIONS = [
  { system: SYSTEM.consentAction, code: 'access', display: 'Access' },
  { system: SYSTEM.consentAction, code: 'correct', display: 'Access and Correct' },
] as const satisfies readonly Coding[];

/** LOINC 72514-3, the 0–10 numeric pain rating the check-in asks. */
export const PAIN_SEVERITY_CODING = {
  system: SYSTEM.loinc,
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
} as const satisfies Coding;

export const CATEGORY_SURVEY = {
  system: SYSTEM.observationCategory,
  code: 'survey',
  display: 'Survey',
} as const satisfies Coding;

export const CATEGORY_EXAM = {
  system: SYSTEM.observationCategory,
  code: 'exam',
  display: 'Exam',
} as const satisfies Coding;

/**
 * Local codes for the two self-measurements. We found no LOINC or SNOMED CT concept we could vouch for that means
 * "straight-leg-raise angle measured at home" or "fingertip-to-toe distance", so the codes are ours and the text says what they are.
 */
export const MEASUREMENT_CODING = {
  'slr-angle': {
    system: SYSTEM.measurement,
    code: 'slr-angle',
    display: 'Straight leg raise angle',
  },
  'toe-touch': {
    system: SYSTEM.measurement,
    code: 'toe-touch',
    display: 'Standing forward bend: fingertip distance short of the toes',
  },
} as const satisfies Record<string, Coding>;

/** UCUM units of the measurements' values. */
export const MEASUREMENT_UNIT = {
  'slr-angle': { unit: 'deg', system: SYSTEM.ucum, code: 'deg' },
  'toe-touch': { unit: 'cm', system: SYSTEM.ucum, code: 'cm' },
} as const;

/** SNOMED CT body structures for the side of a straight-leg raise (widely used, stable concepts). */
export const LOWER_LIMB_CODING = {
  left: { system: SYSTEM.snomed, code: '32153003', display: 'Structure of left lower limb' },
  right: { system: SYSTEM.snomed, code: '62175007', display: 'Structure of right lower limb' },
} as const satisfies Record<string, Coding>;

export const ASSESSMENT_CODING = {
  system: SYSTEM.assessment,
  code: 'low-back-pain-contributors',
  display: 'Low back pain: triage and likely contributors',
} as const satisfies Coding;

export type RiskProbabilityCode = 'negligible' | 'low' | 'moderate' | 'high' | 'certain';
export const RISK_PROBABILITY_DISPLAY: Record<RiskProbabilityCode, string> = {
  negligible: 'Negligible likelihood',
  low: 'Low likelihood',
  moderate: 'Moderate likelihood',
  high: 'High likelihood',
  certain: 'Certain',
};

/**
 * Contributor likelihood to HL7 risk-probability, by the code system's own definitions: `high` is "more likely to
 * occur than not", `moderate` "a reasonable likelihood", `low` "possible but unlikely". `negligible`
 * ("exceptionally unlikely") is never used: an unlikely contributor is not ruled out.
 */
export const LIKELIHOOD_TO_RISK = {
  likely: 'high',
  possible: 'moderate',
  unlikely: 'low',
} as const satisfies Record<string, RiskProbabilityCode>;

/** A risk-probability coding for one code. */
export function riskProbabilityCoding(code: RiskProbabilityCode): Coding {
  return { system: SYSTEM.riskProbability, code, display: RISK_PROBABILITY_DISPLAY[code] };
}

// ---- Schemas: our codes in exported resources ----------------------------------------------------------

/** Every intake field name: the only top-level linkIds a QuestionnaireResponse may carry. */
export const INTAKE_FIELDS = Object.keys(intakeSchema.shape) as IntakeField[];
export const START_BACK_ITEM_IDS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'] as const;

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
