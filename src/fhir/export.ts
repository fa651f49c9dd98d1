// Exports of a person's whole record: a FHIR R4 collection Bundle, plain JSON, and check-ins and sessions as CSV.
// Pure and deterministic: the clock (`now`) and the knowledge-base version are passed in; the same record gives the same output.
import { adherenceOf, sittingsFrom } from '../engine/sittings.js';
import type { ContributorResult } from '../engine/contributors.js';
import type { PlanItem, PrescribedDosage } from '../engine/plan.js';
import { knowledgeBase, type ExerciseId, type SelfCareId } from '../kb/index.js';
import type {
  AssessmentRecord,
  CheckinRecord,
  MeasurementRecord,
  ProgrammeRecord,
  SessionLogRecord,
  UserRecord,
} from '../store/types.js';
import {
  ASSESSMENT_CODING,
  CATEGORY_EXAM,
  CATEGORY_SURVEY,
  IDENTIFIER_SYSTEM,
  LIKELIHOOD_TO_RISK,
  LOWER_LIMB_CODING,
  MEASUREMENT_CODING,
  MEASUREMENT_UNIT,
  PAIN_SEVERITY_CODING,
  QUESTIONNAIRE_CANONICAL,
  riskProbabilityCoding,
  SYSTEM,
} from './codes.js';
import { intakeQuestionnaire, questionnaireResponseItems } from './questionnaire.js';
import type {
  Annotation,
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  CarePlanActivityStatus,
  ExportedResource,
  Meta,
  Observation,
  Patient,
  QuestionnaireResponse,
  Reference,
  RiskAssessment,
  RiskAssessmentPrediction,
} from './types.js';
import { uuidUrn } from './uuid.js';

/** Everything of one person that an export covers (as the store returns it; any order). */
export interface ExportRecord {
  user: UserRecord;
  assessments: AssessmentRecord[];
  programme: ProgrammeRecord | undefined;
  sessions: SessionLogRecord[];
  checkins: CheckinRecord[];
  measurements: MeasurementRecord[];
}

export interface ExportOptions {
  /** The server's public origin; when given, the Bundle links to itself there. */
  baseUrl?: string;
  kbVersion: string;
  /** The export instant (ISO 8601 with zone): the only notion of time the export has. */
  now: string;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The record id when it is a valid FHIR id, else the UUID of its key (always valid). */
function fhirId(candidate: string, key: string): string {
  return FHIR_ID.test(candidate) ? candidate : uuidUrn(key).slice('urn:uuid:'.length);
}

function kbTag(version: string): Meta {
  return { tag: [{ system: SYSTEM.knowledgeBase, code: version }] };
}

/** Oldest first, ties by id, so the output never depends on the order the store listed rows in. */
function chronological<T extends { createdAt: string; id: string; date?: string }>(
  rows: readonly T[],
): T[] {
  const key = (r: T) => `${r.date ?? ''}\u0000${r.createdAt}\u0000${r.id}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const exerciseName = (id: string) => knowledgeBase.exercises.find((e) => e.id === id)?.name ?? id;
const selfCareItem = (id: SelfCareId) => knowledgeBase.selfCare.find((s) => s.id === id);
const contributorName = (id: string) =>
  knowledgeBase.contributors.find((c) => c.id === id)?.name ?? id;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const TIMES = ['never', 'once', 'twice'];

/** A prescribed dose in plain words, e.g. "2 sets of 3 holds of 20 seconds on each side, twice a day". */
export function dosageInWords(d: PrescribedDosage, timesPerDay: number): string {
  const unit =
    d.unit === 'seconds'
      ? `${plural(d.repeats, 'hold', 'holds')} of ${plural(d.amount, 'second', 'seconds')}`
      : plural(d.amount, 'repetition', 'repetitions');
  const sides = d.sides === 'each' ? ' on each side' : '';
  const often = TIMES[timesPerDay] ?? `${timesPerDay} times`;
  return `${plural(d.sets, 'set', 'sets')} of ${unit}${sides}, ${often} a day`;
}

function patientResource(user: UserRecord): Patient {
  // Only the record id and the sign-in email: the export carries no other personal data, because we hold none.
  return {
    resourceType: 'Patient',
    id: fhirId(user.id, `patient:${user.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEM.user, value: user.id }],
    telecom: [{ system: 'email', value: user.email }],
  };
}

function questionnaireResponse(a: AssessmentRecord, patient: Reference): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id: fhirId(a.id, `questionnaire-response:${a.id}`),
    meta: kbTag(a.knowledgeBase),
    identifier: { system: IDENTIFIER_SYSTEM.assessment, value: a.id },
    questionnaire: QUESTIONNAIRE_CANONICAL,
    status: 'completed',
    subject: patient,
    authored: a.createdAt,
    item: questionnaireResponseItems(a.answers),
  };
}

function contributorPrediction(c: ContributorResult): RiskAssessmentPrediction {
  const evidence = c.evidence.map((e) => `${e.effect === 'for' ? 'For' : 'Against'}: ${e.text}`);
  return {
    outcome: {
      coding: [{ system: SYSTEM.contributor, code: c.id, display: contributorName(c.id) }],
      text: contributorName(c.id),
    },
    // The score is the relative weight of the clues (0 to 1), not a calibrated probability; the rationale says so.
    probabilityDecimal: c.score,
    qualitativeRisk: { coding: [riskProbabilityCoding(LIKELIHOOD_TO_RISK[c.likelihood])] },
    rationale: [
      `Likelihood: ${c.likelihood}. The probability is a relative score of the clues (0 to 1), not a calibrated probability.`,
      ...evidence,
    ].join(' '),
  };
}

function riskAssessment(a: AssessmentRecord, patient: Reference, basis: Reference): RiskAssessment {
  const r = a.result;
  const note: Annotation[] = [
    // The triage level has no home in RiskAssessment without an extension, so it travels as text.
    { text: `Triage level: ${r.triage.level}. Exercise: ${r.exercise}. Phase: ${r.phase}.` },
  ];
  if (r.startBack) {
    // Not a prediction: a prediction without a probability trips medplum's reading of invariant ras-2.
    note.push({
      text: `Keele STarT Back: ${r.startBack.risk} risk (total ${r.startBack.total} of 9, distress subscale ${r.startBack.distress} of 5).`,
    });
  }
  const resource: RiskAssessment = {
    resourceType: 'RiskAssessment',
    id: fhirId(a.id, `risk-assessment:${a.id}`),
    meta: kbTag(a.knowledgeBase),
    identifier: [{ system: IDENTIFIER_SYSTEM.assessment, value: a.id }],
    status: 'final',
    code: { coding: [ASSESSMENT_CODING], text: ASSESSMENT_CODING.display },
    method: {
      text: `Backchain triage rules and contributor scoring, knowledge base ${a.knowledgeBase}`,
    },
    subject: patient,
    occurrenceDateTime: a.createdAt,
    basis: [basis],
    prediction: r.contributors.map(contributorPrediction),
    // The advice is what lowers the risk: see a clinician today, soon, or look after it yourself.
    mitigation: r.triage.advice,
    note,
  };
  if (r.triage.reasons.length > 0) {
    resource.reasonCode = r.triage.reasons.map((reason) => ({
      coding: [{ system: SYSTEM.triageReason, code: reason.code }],
      text: reason.text,
    }));
  }
  return resource;
}

function painObservation(c: CheckinRecord & { painNow: number }, patient: Reference): Observation {
  return {
    resourceType: 'Observation',
    id: fhirId(`checkin-${c.id}`, `checkin:${c.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEM.checkin, value: c.id }],
    status: 'final',
    category: [{ coding: [CATEGORY_SURVEY] }],
    code: { coding: [PAIN_SEVERITY_CODING], text: 'Pain now, 0 to 10' },
    subject: patient,
    effectiveDateTime: c.date,
    issued: c.createdAt,
    valueInteger: c.painNow,
  };
}

function measurementObservation(m: MeasurementRecord, patient: Reference): Observation {
  const coding = MEASUREMENT_CODING[m.kind];
  const obs: Observation = {
    resourceType: 'Observation',
    id: fhirId(`measurement-${m.id}`, `measurement:${m.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEM.measurement, value: m.id }],
    status: 'final',
    category: [{ coding: [CATEGORY_EXAM] }],
    code: { coding: [coding], text: coding.display },
    subject: patient,
    effectiveDateTime: m.date,
    issued: m.createdAt,
    valueQuantity: { value: m.value, ...MEASUREMENT_UNIT[m.kind] },
  };
  if (m.side !== null) {
    obs.bodySite = { coding: [LOWER_LIMB_CODING[m.side]], text: `${m.side} leg` };
  }
  if (m.kind === 'toe-touch') {
    obs.note = [
      {
        text: 'Centimetres the fingertips stop short of the toes: 0 = reaches, negative = past the toes.',
      },
    ];
  }
  return obs;
}

function exerciseActivity(item: PlanItem, status: CarePlanActivityStatus): CarePlanActivity {
  const name = exerciseName(item.exerciseId);
  const description = [
    `${name}: ${dosageInWords(item.dosage, item.timesPerDay)}.`,
    ...item.cautions,
  ];
  return {
    detail: {
      kind: 'ServiceRequest',
      code: {
        coding: [{ system: SYSTEM.exercise, code: item.exerciseId, display: name }],
        text: name,
      },
      status,
      scheduledTiming: { repeat: { frequency: item.timesPerDay, period: 1, periodUnit: 'd' } },
      description: description.join(' '),
    },
  };
}

function selfCareActivity(id: SelfCareId, why: string | undefined): CarePlanActivity {
  const item = selfCareItem(id);
  const name = item?.name ?? id;
  const minutes = item?.minutes ? ` (${item.minutes.min} to ${item.minutes.max} minutes)` : '';
  return {
    detail: {
      kind: 'ServiceRequest',
      code: { coding: [{ system: SYSTEM.selfCare, code: id, display: name }], text: name },
      // Self-care is not logged, so whether it has started is honestly unknown.
      status: 'unknown',
      description: `${name}${minutes}.${why === undefined ? '' : ` ${why}`}`,
    },
  };
}

function carePlan(
  p: ProgrammeRecord,
  sessions: readonly SessionLogRecord[],
  patient: Reference,
  assessment: Reference | undefined,
): CarePlan {
  const prog = p.programme;
  const practised = new Set(
    sessions
      .filter((s) => s.programmeId === p.id)
      .flatMap((s) => s.entries.map((e) => e.exerciseId)),
  );
  const exerciseStatus = (id: ExerciseId): CarePlanActivityStatus =>
    p.paused ? 'on-hold' : practised.has(id) ? 'in-progress' : 'not-started';
  const activity = [
    ...prog.items.map((item) => exerciseActivity(item, exerciseStatus(item.exerciseId))),
    ...prog.selfCare.map((id) =>
      selfCareActivity(id, prog.selfCareDetails.find((d) => d.id === id)?.why),
    ),
  ];
  const note: Annotation[] = [];
  if (p.pausedBy) note.push({ text: `Paused (${p.pausedBy.level}): ${p.pausedBy.advice}` });
  note.push(...prog.notes.map((text) => ({ text })));
  note.push(...prog.stopRules.map((rule) => ({ text: `Stop rule: ${rule.text}` })));
  note.push({ text: `Progression: ${prog.progressionRule}` });
  if (p.state.dropped.length > 0) {
    note.push({
      text: `Dropped by the stop rules: ${p.state.dropped.map(exerciseName).join('; ')}.`,
    });
  }
  const plan: CarePlan = {
    resourceType: 'CarePlan',
    id: fhirId(p.id, `care-plan:${p.id}`),
    meta: kbTag(prog.knowledgeBase),
    identifier: [{ system: IDENTIFIER_SYSTEM.programme, value: p.id }],
    status: p.paused ? 'on-hold' : 'active',
    intent: 'plan',
    title: 'Backchain exercise and self-care programme',
    description: `Phase: ${prog.phase}. Exercise: ${prog.gate}.`,
    subject: patient,
    period: { start: p.createdAt },
    created: p.createdAt,
    note,
  };
  if (assessment) plan.supportingInfo = [assessment];
  if (activity.length > 0) plan.activity = activity;
  return plan;
}

/** The person's whole record as a FHIR R4 `collection` Bundle: the intake Questionnaire first, then the Patient and the rest. */
export function exportBundle(record: ExportRecord, opts: ExportOptions): Bundle {
  const entries: BundleEntry[] = [];
  const add = (key: string, resource: ExportedResource): Reference => {
    const fullUrl = uuidUrn(key);
    entries.push({ fullUrl, resource });
    return { reference: fullUrl, type: resource.resourceType };
  };

  // Included so the responses' canonical resolves inside the bundle, without a server to ask.
  add('questionnaire:intake:1', intakeQuestionnaire(opts.kbVersion));
  const patient = add(`patient:${record.user.id}`, patientResource(record.user));

  const riskOf = new Map<string, Reference>();
  for (const a of chronological(record.assessments)) {
    const qr = add(`questionnaire-response:${a.id}`, questionnaireResponse(a, patient));
    riskOf.set(a.id, add(`risk-assessment:${a.id}`, riskAssessment(a, patient, qr)));
  }
  const p = record.programme;
  if (p) {
    const plan = carePlan(p, record.sessions, patient, riskOf.get(p.assessmentId));
    // Adherence as every other surface counts it: sittings and exercises, planned against done.
    const a = adherenceOf(
      p.programme.items,
      sittingsFrom(record.sessions.filter((s) => s.programmeId === p.id)),
      p.createdAt.slice(0, 10),
      opts.now.slice(0, 10),
    );
    plan.note = [
      ...(plan.note ?? []),
      {
        text: `Adherence since the programme began: ${String(a.done)} of ${String(a.planned)} sittings, ${String(a.exercises.done)} of ${String(a.exercises.planned)} exercises.`,
      },
    ];
    add(`care-plan:${p.id}`, plan);
  }
  for (const c of chronological(record.checkins)) {
    // A check-in that carried only warning signs has no pain rating to report.
    if (c.painNow !== null)
      add(`checkin:${c.id}`, painObservation({ ...c, painNow: c.painNow }, patient));
  }
  for (const m of chronological(record.measurements)) {
    add(`measurement:${m.id}`, measurementObservation(m, patient));
  }

  const bundle: Bundle = {
    resourceType: 'Bundle',
    meta: kbTag(opts.kbVersion),
    type: 'collection',
    timestamp: opts.now,
    entry: entries,
  };
  if (opts.baseUrl !== undefined) {
    bundle.link = [
      { relation: 'self', url: `${opts.baseUrl.replace(/\/+$/, '')}/api/export?format=fhir` },
    ];
  }
  return bundle;
}

/** The JSON export: the record as stored, minus the password hash, plus when and with which knowledge base. */
export interface JsonExport {
  exportedAt: string;
  knowledgeBase: string;
  user: Omit<UserRecord, 'passwordHash'>;
  assessments: AssessmentRecord[];
  programme: ProgrammeRecord | null;
  sessions: SessionLogRecord[];
  checkins: CheckinRecord[];
  measurements: MeasurementRecord[];
}

/** The whole record as plain JSON-ready data; the password hash never leaves the server. */
export function exportJson(
  record: ExportRecord,
  opts: Pick<ExportOptions, 'kbVersion' | 'now'>,
): JsonExport {
  const { id, email, createdAt } = record.user;
  return {
    exportedAt: opts.now,
    knowledgeBase: opts.kbVersion,
    user: { id, email, createdAt },
    assessments: record.assessments,
    programme: record.programme ?? null,
    sessions: record.sessions,
    checkins: record.checkins,
    measurements: record.measurements,
  };
}

export const CSV_COLUMNS = [
  'type',
  'date',
  'id',
  'painNow',
  'painAreas',
  'legSide',
  'sittingHours',
  'walkingBreaks',
  'exerciseId',
  'felt',
  'painSharper',
  'painSpread',
  'done',
  'tooEasy',
  'newNumbnessOrWeakness',
  'sittingId',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvValue = string | number | boolean | null;
type CsvRow = Partial<Record<CsvColumn, CsvValue>>;

/** Characters that make a spreadsheet read a text cell as a formula (OWASP's list, with tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: numbers and booleans as written; text guarded against formula injection, then quoted per RFC 4180. */
export function csvField(value: CsvValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** Check-ins and session entries as one CSV text (RFC 4180, CRLF line ends), oldest first, one row per check-in or entry. */
export function exportCsv(record: ExportRecord): string {
  type Dated = { date: string; createdAt: string; id: string; order: number; rows: CsvRow[] };
  const events: Dated[] = [
    ...record.checkins.map((c): Dated => ({
      date: c.date,
      createdAt: c.createdAt,
      id: c.id,
      order: 0,
      rows: [
        {
          type: 'checkin',
          date: c.date,
          id: c.id,
          painNow: c.painNow,
          painAreas: c.painAreas?.join(';') ?? null,
          legSide: c.legSide,
          sittingHours: c.sittingHours,
          walkingBreaks: c.walkingBreaks,
        },
      ],
    })),
    ...record.sessions.map((s): Dated => ({
      date: s.date,
      createdAt: s.createdAt,
      id: s.id,
      order: 1,
      rows: s.entries.map((e) => ({
        type: 'session',
        date: s.date,
        id: s.id,
        exerciseId: e.exerciseId,
        felt: e.felt,
        painSharper: e.painSharper,
        painSpread: e.painSpread,
        done: JSON.stringify(e.done),
        tooEasy: e.tooEasy,
        newNumbnessOrWeakness: e.newNumbnessOrWeakness,
        // The sitting the entry was done in: rows with one id are one sitting (older logs: the log's own id).
        sittingId: s.sittingId ?? s.id,
      })),
    })),
  ];
  const key = (e: Dated) => `${e.date}\u0000${e.createdAt}\u0000${e.order}\u0000${e.id}`;
  events.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const lines = [
    CSV_COLUMNS.join(','),
    ...events
      .flatMap((e) => e.rows)
      .map((row) => CSV_COLUMNS.map((c) => csvField(row[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
