// Hand-written FHIR R4 types for just the resources and fields Backchain emits, so runtime code needs no @medplum package.

/** A FHIR `id`: 1 to 64 of A-Z, a-z, 0-9, `-` and `.`. */
export type Id = string;
/** A FHIR `dateTime`: YYYY, YYYY-MM, YYYY-MM-DD or a full instant with a zone. */
export type DateTime = string;
/** A FHIR `canonical`: a URL, optionally `|version`. */
export type Canonical = string;

export interface Coding {
  /** Only the ordinal value of a scored answer (`EXTENSION_URL.ordinalValue`). */
  extension?: Extension[];
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Identifier {
  system?: string;
  value?: string;
}

export interface Reference {
  reference?: string;
  /** The target's type: a `urn:uuid:` reference does not say it otherwise. */
  type?: ExportedResource['resourceType'];
  /** A logical reference, for a target the export cannot hold (a clinician whose account was deleted). */
  identifier?: Identifier;
  display?: string;
}

export interface Quantity {
  value?: number;
  unit?: string;
  system?: string;
  code?: string;
}

export interface Period {
  start?: DateTime;
  end?: DateTime;
}

export interface Annotation {
  text: string;
}

export interface ContactPoint {
  system?: 'phone' | 'fax' | 'email' | 'pager' | 'url' | 'sms' | 'other';
  value?: string;
  use?: 'home' | 'work' | 'temp' | 'old' | 'mobile';
}

export interface Meta {
  tag?: Coding[];
}

/** Only the core extensions we use (min/max values and the help item control). */
export interface Extension {
  url: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueCodeableConcept?: CodeableConcept;
}

export interface Timing {
  repeat?: {
    frequency?: number;
    period?: number;
    periodUnit?: 's' | 'min' | 'h' | 'd' | 'wk' | 'mo' | 'a';
  };
}

interface ResourceBase {
  id?: Id;
  meta?: Meta;
}

export interface Patient extends ResourceBase {
  resourceType: 'Patient';
  identifier?: Identifier[];
  active?: boolean;
  telecom?: ContactPoint[];
}

export interface HumanName {
  text?: string;
}

/** A clinician the person linked to: the name they chose to be shown by and their sign-in email, nothing more. */
export interface Practitioner extends ResourceBase {
  resourceType: 'Practitioner';
  identifier?: Identifier[];
  name?: HumanName[];
  telecom?: ContactPoint[];
}

/** The Backchain engine, as the author of the programmes it generates. */
export interface Device extends ResourceBase {
  resourceType: 'Device';
  identifier?: Identifier[];
  deviceName?: {
    name: string;
    type:
      | 'udi-label-name'
      | 'user-friendly-name'
      | 'patient-reported-name'
      | 'manufacturer-name'
      | 'model-name'
      | 'other';
  }[];
  type?: CodeableConcept;
  version?: { type?: CodeableConcept; value: string }[];
  note?: Annotation[];
}

export interface CareTeamParticipant {
  role?: CodeableConcept[];
  member?: Reference;
  period?: Period;
}

export interface CareTeam extends ResourceBase {
  resourceType: 'CareTeam';
  identifier?: Identifier[];
  status?: 'proposed' | 'active' | 'suspended' | 'inactive' | 'entered-in-error';
  name?: string;
  subject?: Reference;
  period?: Period;
  participant?: CareTeamParticipant[];
  note?: Annotation[];
}

export interface ConsentProvision {
  type?: 'deny' | 'permit';
  period?: Period;
  actor?: { role: CodeableConcept; reference: Reference }[];
  action?: CodeableConcept[];
}

export interface Consent extends ResourceBase {
  resourceType: 'Consent';
  identifier?: Identifier[];
  status: 'draft' | 'proposed' | 'active' | 'rejected' | 'inactive' | 'entered-in-error';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient?: Reference;
  dateTime?: DateTime;
  performer?: Reference[];
  policyRule?: CodeableConcept;
  provision?: ConsentProvision;
}

export type QuestionnaireItemType =
  'group' | 'display' | 'boolean' | 'decimal' | 'integer' | 'string' | 'choice';

/** One value of a question: the value[x] choices that our item types use. */
export interface AnswerValue {
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  valueString?: string;
  valueCoding?: Coding;
}

export interface QuestionnaireItem {
  linkId: string;
  /** The concept the item asks about (LOINC where one exists). */
  code?: Coding[];
  text?: string;
  type: QuestionnaireItemType;
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  extension?: Extension[];
  answerOption?: { valueCoding: Coding; initialSelected?: boolean }[];
  initial?: AnswerValue[];
  item?: QuestionnaireItem[];
}

export interface Questionnaire extends ResourceBase {
  resourceType: 'Questionnaire';
  url?: string;
  version?: string;
  name?: string;
  title?: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  subjectType?: ('Patient' | 'Group')[];
  /** The concept the whole questionnaire measures (LOINC where one exists). */
  code?: Coding[];
  publisher?: string;
  description?: string;
  copyright?: string;
  item?: QuestionnaireItem[];
}

export interface QuestionnaireResponseAnswer extends AnswerValue {
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponse extends ResourceBase {
  resourceType: 'QuestionnaireResponse';
  identifier?: Identifier;
  questionnaire?: Canonical;
  status: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';
  subject?: Reference;
  authored?: DateTime;
  /** Who entered the answers: the person, or the clinician who entered a total. */
  author?: Reference;
  /** Whose answers they are: always the person. */
  source?: Reference;
  item?: QuestionnaireResponseItem[];
}

export interface Observation extends ResourceBase {
  resourceType: 'Observation';
  identifier?: Identifier[];
  status: 'registered' | 'preliminary' | 'final' | 'amended';
  category?: CodeableConcept[];
  code: CodeableConcept;
  subject?: Reference;
  effectiveDateTime?: DateTime;
  issued?: string;
  performer?: Reference[];
  valueInteger?: number;
  valueQuantity?: Quantity;
  bodySite?: CodeableConcept;
  note?: Annotation[];
  derivedFrom?: Reference[];
}

export interface RiskAssessmentPrediction {
  outcome?: CodeableConcept;
  probabilityDecimal?: number;
  qualitativeRisk?: CodeableConcept;
  rationale?: string;
}

export interface RiskAssessment extends ResourceBase {
  resourceType: 'RiskAssessment';
  identifier?: Identifier[];
  status: 'registered' | 'preliminary' | 'final' | 'amended';
  method?: CodeableConcept;
  code?: CodeableConcept;
  subject: Reference;
  occurrenceDateTime?: DateTime;
  reasonCode?: CodeableConcept[];
  basis?: Reference[];
  prediction?: RiskAssessmentPrediction[];
  mitigation?: string;
  note?: Annotation[];
}

export type CarePlanActivityStatus =
  | 'not-started'
  | 'scheduled'
  | 'in-progress'
  | 'on-hold'
  | 'completed'
  | 'cancelled'
  | 'stopped'
  | 'unknown';

export interface CarePlanActivity {
  detail: {
    kind?: 'ServiceRequest' | 'Task';
    code?: CodeableConcept;
    status: CarePlanActivityStatus;
    scheduledTiming?: Timing;
    description?: string;
  };
}

export interface CarePlan extends ResourceBase {
  resourceType: 'CarePlan';
  identifier?: Identifier[];
  status: 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'unknown';
  intent: 'proposal' | 'plan' | 'order' | 'option';
  title?: string;
  description?: string;
  subject: Reference;
  /** The earlier version this one replaced. */
  replaces?: Reference[];
  period?: Period;
  created?: DateTime;
  /** Who made this version: the engine (a Device) or a clinician (a Practitioner). */
  author?: Reference;
  supportingInfo?: Reference[];
  activity?: CarePlanActivity[];
  note?: Annotation[];
}

/** Every resource an export may contain. */
export type ExportedResource =
  | Questionnaire
  | Patient
  | Practitioner
  | Device
  | CareTeam
  | Consent
  | QuestionnaireResponse
  | RiskAssessment
  | CarePlan
  | Observation;

export interface BundleEntry {
  fullUrl: string;
  resource: ExportedResource;
}

export interface Bundle extends ResourceBase {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp?: string;
  link?: { relation: string; url: string }[];
  entry: BundleEntry[];
}
