// The code systems and codes the FHIR export uses. The zod schemas that check our codes in exported
// resources are test code, in test/fhir-code-schemas.ts.
import type { IntakeField } from '../engine/intake.js';
import type { Instrument, InstrumentId } from '../kb/instruments.js';
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

/** The STarT Back items' linkIds inside the intake QuestionnaireResponse. */
export const START_BACK_ITEM_IDS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'] as const;
