// Hand-written FHIR R4 types for just the resources and fields Backchain emits, so runtime code needs no @medplum package.

/** A FHIR `id`: 1 to 64 of A-Z, a-z, 0-9, `-` and `.`. */
export type Id = string;
/** A FHIR `dateTime`: YYYY, YYYY-MM, YYYY-MM-DD or a full instant with a zone. */
export type DateTime = string;
/** A FHIR `canonical`: a URL, optionally `|version`. */
export type Canonical = string;

export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

export interface Reference {
  reference?: string;
  /** The target's type: a `urn:uuid:` reference does not say it otherwise. */
  type?: ExportedResource['resourceType'];
  display?: string;
}

export interface Identifier {
  system?: string;
  value?: string;
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

export type QuestionnaireItemType =
  'group' | 'display' | 'boolean' | 'decimal' | 'integer' | 'choice';

/** One value of a question: the value[x] choices that our item types use. */
export interface AnswerValue {
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  valueCoding?: Coding;
}

export interface QuestionnaireItem {
  linkId: string;
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
  valueInteger?: number;
  valueQuantity?: Quantity;
  bodySite?: CodeableConcept;
  note?: Annotation[];
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
  period?: Period;
  created?: DateTime;
  supportingInfo?: Reference[];
  activity?: CarePlanActivity[];
  note?: Annotation[];
}

/** Every resource an export may contain. */
export type ExportedResource =
  Questionnaire | Patient | QuestionnaireResponse | RiskAssessment | CarePlan | Observation;

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
