// Exports of a person's whole record: a FHIR R4 collection Bundle, plain JSON, and check-ins, sessions and outcomes as CSV.
// Pure and deterministic: the clock (`now`) and the knowledge base are passed in; the same record gives the same output.
import type { ContributorResult } from '../engine/contributors.js';
import { INSTRUMENT_IDS, type KnowledgeBase } from '../kb/types.js';
import type {
  AssessmentRecord,
  CareLinkRecord,
  CheckinRecord,
  MeasurementRecord,
  OutcomeRecord,
  OutcomeScheduleRecord,
  ProgrammeRecord,
  ProgrammeVersionRecord,
  SessionLogRecord,
  UserRecord,
} from '../store/types.js';
import { currentCarePlan, versionCarePlans, type PlanSession } from './care-plans.js';
import {
  absentClinician,
  careTeamResource,
  consentResource,
  engineDevice,
  practitionerResource,
  type ExportClinician,
} from './clinicians.js';
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
import { chronological, fhirId, kbTag } from './common.js';
import { outcomeObservation, outcomeQuestionnaire, outcomeResponse } from './outcomes.js';
import { intakeQuestionnaire, questionnaireResponseItems } from './questionnaire.js';
import type {
  Annotation,
  Bundle,
  BundleEntry,
  ExportedResource,
  Observation,
  Patient,
  QuestionnaireResponse,
  Reference,
  RiskAssessment,
  RiskAssessmentPrediction,
} from './types.js';
import { uuidUrn } from './uuid.js';

export type { ExportClinician } from './clinicians.js';

/** Everything of one person that an export covers (as the store returns it; any order). */
export interface ExportRecord {
  user: UserRecord;
  assessments: AssessmentRecord[];
  programme: ProgrammeRecord | undefined;
  sessions: SessionLogRecord[];
  checkins: CheckinRecord[];
  measurements: MeasurementRecord[];
  /** Every clinician the person was ever linked to whose account still exists. */
  clinicians: ExportClinician[];
  /** The person's links, active and ended. */
  links: CareLinkRecord[];
  /** Every version of every programme of the person. */
  versions: ProgrammeVersionRecord[];
  outcomes: OutcomeRecord[];
  outcomeSchedule: OutcomeScheduleRecord[];
}

export interface ExportOptions {
  /** The server's public origin; when given, the Bundle links to itself there. */
  baseUrl?: string;
  /** The knowledge base the export names things with (and tags itself with). */
  kb: KnowledgeBase;
  /** The export instant (ISO 8601 with zone): the only notion of time the export has. */
  now: string;
}

const contributorName = (kb: KnowledgeBase, id: string) =>
  kb.contributors.find((c) => c.id === id)?.name ?? id;

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

function contributorPrediction(kb: KnowledgeBase, c: ContributorResult): RiskAssessmentPrediction {
  const evidence = c.evidence.map((e) => `${e.effect === 'for' ? 'For' : 'Against'}: ${e.text}`);
  return {
    outcome: {
      coding: [{ system: SYSTEM.contributor, code: c.id, display: contributorName(kb, c.id) }],
      text: contributorName(kb, c.id),
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

function riskAssessment(
  kb: KnowledgeBase,
  a: AssessmentRecord,
  patient: Reference,
  basis: Reference,
): RiskAssessment {
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
      text: `Backchain triage rules (triage policy version ${r.policyVersion}) and contributor scoring, knowledge base ${a.knowledgeBase}`,
    },
    subject: patient,
    occurrenceDateTime: a.createdAt,
    basis: [basis],
    prediction: r.contributors.map((c) => contributorPrediction(kb, c)),
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

/** What every Bundle holds before the record's long lists: who it is about, their clinicians and links. */
export interface BundleHead {
  user: UserRecord;
  clinicians: readonly ExportClinician[];
  links: readonly CareLinkRecord[];
  /** The outcome instruments the record's outcomes use (their Questionnaires come first). */
  instruments: ReadonlySet<string>;
}

/**
 * Makes a Bundle's entries section by section, in the Bundle's order, for the whole-document export and
 * the streamed one alike (so both give the same entries): each section adds its entries, and `take`
 * hands over those made since it was last called.
 */
function bundleEntries(head: BundleHead, opts: ExportOptions) {
  const { kb } = opts;
  let entries: BundleEntry[] = [];
  const add = (key: string, resource: ExportedResource): Reference => {
    const fullUrl = uuidUrn(key);
    entries.push({ fullUrl, resource });
    return { reference: fullUrl, type: resource.resourceType };
  };

  // Included so the responses' canonicals resolve inside the bundle, without a server to ask.
  add('questionnaire:intake:1', intakeQuestionnaire(kb.version));
  for (const id of INSTRUMENT_IDS.filter((i) => head.instruments.has(i))) {
    add(`questionnaire:outcome:${id}`, outcomeQuestionnaire(kb, id));
  }
  const patient = add(`patient:${head.user.id}`, patientResource(head.user));

  const practitioners = new Map<string, Reference>();
  for (const c of [...head.clinicians].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    practitioners.set(c.id, add(`practitioner:${c.id}`, practitionerResource(c)));
  }
  const clinician = (id: string, nameThen?: string | null): Reference =>
    practitioners.get(id) ?? absentClinician(id, nameThen);
  // The person's own id means they entered it themselves.
  const enteredBy = (id: string): Reference => (id === head.user.id ? patient : clinician(id));

  const links = chronological(head.links);
  const team = careTeamResource(head.user.id, links, patient, clinician);
  if (team) add(`care-team:${head.user.id}`, team);
  for (const l of links)
    add(`consent:${l.id}`, consentResource(l, patient, clinician(l.clinicianId)));

  const riskOf = new Map<string, Reference>();
  return {
    /** Assessments, oldest first (each a QuestionnaireResponse and its RiskAssessment). */
    assessments(rows: readonly AssessmentRecord[]) {
      for (const a of rows) {
        const qr = add(`questionnaire-response:${a.id}`, questionnaireResponse(a, patient));
        riskOf.set(a.id, add(`risk-assessment:${a.id}`, riskAssessment(kb, a, patient, qr)));
      }
    },
    /** The programme as CarePlans: one per version, or the current one alone while it has none. */
    carePlans(
      p: ProgrammeRecord | undefined,
      versions: readonly ProgrammeVersionRecord[],
      sessions: readonly PlanSession[],
    ) {
      const planContext = { kb, patient, sessions, now: opts.now };
      if (versions.length > 0) {
        // Versions replace the single CarePlan: one per version, each with its author.
        const engine = versions.some((v) => v.authorRole === 'engine')
          ? add('device:backchain-engine', engineDevice(kb.version))
          : undefined;
        const plans = versionCarePlans(versions, {
          ...planContext,
          current: p,
          engine: engine ?? { type: 'Device', display: 'Backchain' },
          clinician,
          assessmentOf: (programmeId) =>
            p && programmeId === p.id ? riskOf.get(p.assessmentId) : undefined,
        });
        for (const { key, plan } of plans) add(key, plan);
      } else if (p) {
        add(`care-plan:${p.id}`, currentCarePlan(p, planContext, riskOf.get(p.assessmentId)));
      }
    },
    checkins(rows: readonly CheckinRecord[]) {
      for (const c of rows) {
        // A check-in that carried only warning signs has no pain rating to report.
        if (c.painNow !== null)
          add(`checkin:${c.id}`, painObservation({ ...c, painNow: c.painNow }, patient));
      }
    },
    measurements(rows: readonly MeasurementRecord[]) {
      for (const m of rows) add(`measurement:${m.id}`, measurementObservation(m, patient));
    },
    outcomes(rows: readonly OutcomeRecord[]) {
      for (const o of rows) {
        const who = enteredBy(o.enteredBy);
        const qr = add(`outcome-response:${o.id}`, outcomeResponse(kb, o, patient, who));
        add(`outcome:${o.id}`, outcomeObservation(kb, o, patient, who, qr));
      }
    },
    /** The entries made since the last call. */
    take(): BundleEntry[] {
      const made = entries;
      entries = [];
      return made;
    },
  };
}

/** The Bundle's members around its entries, in the order the whole document has them. */
function bundleShell(opts: ExportOptions): Bundle {
  const bundle: Bundle = {
    resourceType: 'Bundle',
    meta: kbTag(opts.kb.version),
    type: 'collection',
    timestamp: opts.now,
    entry: [],
  };
  if (opts.baseUrl !== undefined) {
    bundle.link = [
      { relation: 'self', url: `${opts.baseUrl.replace(/\/+$/, '')}/api/export?format=fhir` },
    ];
  }
  return bundle;
}

/**
 * The person's whole record as a FHIR R4 `collection` Bundle: the Questionnaires first (the intake, then each
 * outcome instrument used), the Patient, the clinicians and the links, then the record itself.
 */
export function exportBundle(record: ExportRecord, opts: ExportOptions): Bundle {
  const parts = bundleEntries(
    {
      user: record.user,
      clinicians: record.clinicians,
      links: record.links,
      instruments: new Set(record.outcomes.map((o) => o.instrument)),
    },
    opts,
  );
  parts.assessments(chronological(record.assessments));
  parts.carePlans(record.programme, record.versions, record.sessions);
  parts.checkins(chronological(record.checkins));
  parts.measurements(chronological(record.measurements));
  parts.outcomes(chronological(record.outcomes));
  return { ...bundleShell(opts), entry: parts.take() };
}

/**
 * A record to stream: its small parts whole, its long lists a page at a time, oldest first by date (none
 * for assessments), creation time and id, as `Store.rowsInOrder` reads them.
 */
export interface ExportSource {
  user: UserRecord;
  programme: ProgrammeRecord | undefined;
  clinicians: ExportClinician[];
  links: CareLinkRecord[];
  versions: ProgrammeVersionRecord[];
  outcomeSchedule: OutcomeScheduleRecord[];
  assessments: () => AsyncIterable<AssessmentRecord[]>;
  sessions: () => AsyncIterable<SessionLogRecord[]>;
  checkins: () => AsyncIterable<CheckinRecord[]>;
  measurements: () => AsyncIterable<MeasurementRecord[]>;
  outcomes: () => AsyncIterable<OutcomeRecord[]>;
}

/** What the CarePlans keep of each session log: small, so a long record's logs fit however many. */
const planSession = (s: SessionLogRecord): PlanSession => ({
  id: s.id,
  programmeId: s.programmeId,
  date: s.date,
  createdAt: s.createdAt,
  sittingId: s.sittingId ?? null,
  entries: s.entries.map((e) => ({ exerciseId: e.exerciseId })),
});

/**
 * How many rows a piece of a streamed export holds at most: each piece is made without a pause, so a
 * small one lets a server answer other requests between pieces.
 */
export const PIECE_ROWS = 100;

/** The rows of a page in pieces of at most `PIECE_ROWS`. */
function* piecesOf<T>(rows: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < rows.length; i += PIECE_ROWS) yield rows.slice(i, i + PIECE_ROWS);
}

/** Entries as they follow one another inside the Bundle's `entry` array. */
function entryText(entries: readonly BundleEntry[], first: { value: boolean }): string {
  let out = '';
  for (const e of entries) {
    out += `${first.value ? '' : ','}${JSON.stringify(e)}`;
    first.value = false;
  }
  return out;
}

/**
 * The FHIR Bundle as text, a piece at a time (a page of rows each), the same text as `exportBundle`'s
 * document gives: memory stays bounded however long the record is. The Bundle is one JSON document, so
 * its members before `entry` come first, then the entries as they are made, then what follows them.
 */
export async function* bundleText(
  source: ExportSource,
  opts: ExportOptions,
): AsyncGenerator<string> {
  const instruments = new Set<string>();
  for await (const page of source.outcomes()) for (const o of page) instruments.add(o.instrument);
  const parts = bundleEntries(
    { user: source.user, clinicians: source.clinicians, links: source.links, instruments },
    opts,
  );
  // The members before `entry` and after it, in the whole document's order.
  const { entry: _entries, link, ...before } = bundleShell(opts);
  const first = { value: true };
  yield `${JSON.stringify(before).slice(0, -1)},"entry":[${entryText(parts.take(), first)}`;
  for await (const page of source.assessments()) {
    for (const piece of piecesOf(page)) {
      parts.assessments(piece);
      yield entryText(parts.take(), first);
    }
  }
  const sessions: PlanSession[] = [];
  for await (const page of source.sessions()) {
    for (const s of page) sessions.push(planSession(s));
    // Nothing to write yet, but a pause between pages all the same.
    yield '';
  }
  parts.carePlans(source.programme, source.versions, sessions);
  yield entryText(parts.take(), first);
  for await (const page of source.checkins()) {
    for (const piece of piecesOf(page)) {
      parts.checkins(piece);
      yield entryText(parts.take(), first);
    }
  }
  for await (const page of source.measurements()) {
    for (const piece of piecesOf(page)) {
      parts.measurements(piece);
      yield entryText(parts.take(), first);
    }
  }
  for await (const page of source.outcomes()) {
    for (const piece of piecesOf(page)) {
      parts.outcomes(piece);
      yield entryText(parts.take(), first);
    }
  }
  yield `]${link === undefined ? '' : `,"link":${JSON.stringify(link)}`}}`;
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
  /** The clinicians the person linked to: id, the name they are shown by, email. */
  clinicians: ExportClinician[];
  links: CareLinkRecord[];
  versions: ProgrammeVersionRecord[];
  outcomes: OutcomeRecord[];
  outcomeSchedule: OutcomeScheduleRecord[];
}

/** The whole record as plain JSON-ready data; the password hash never leaves the server. */
export function exportJson(
  record: ExportRecord,
  opts: Pick<ExportOptions, 'kb' | 'now'>,
): JsonExport {
  const { id, email, createdAt } = record.user;
  return {
    exportedAt: opts.now,
    knowledgeBase: opts.kb.version,
    user: { id, email, createdAt },
    assessments: record.assessments,
    programme: record.programme ?? null,
    sessions: record.sessions,
    checkins: record.checkins,
    measurements: record.measurements,
    clinicians: record.clinicians.map((c) => ({
      id: c.id,
      displayName: c.displayName,
      email: c.email,
    })),
    links: record.links,
    versions: record.versions,
    outcomes: record.outcomes,
    outcomeSchedule: record.outcomeSchedule,
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
  'instrument',
  'score',
  'answers',
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

/** One event of the CSV (a check-in, a session log, an outcome) and its rows, with what orders it. */
type CsvEvent = { date: string; createdAt: string; id: string; order: number; rows: CsvRow[] };

const checkinEvent = (c: CheckinRecord): CsvEvent => ({
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
});

const sessionEvent = (s: SessionLogRecord): CsvEvent => ({
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
});

const outcomeEvent = (o: OutcomeRecord): CsvEvent => ({
  date: o.date,
  createdAt: o.createdAt,
  id: o.id,
  order: 2,
  rows: [
    {
      type: 'outcome',
      date: o.date,
      id: o.id,
      instrument: o.instrument,
      score: o.score,
      // Item by item, as given (the Oswestry index holds only its total).
      answers: JSON.stringify(o.answers),
    },
  ],
});

const eventKey = (e: CsvEvent) => `${e.date}\u0000${e.createdAt}\u0000${e.order}\u0000${e.id}`;
const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;
const csvLines = (e: CsvEvent) =>
  e.rows.map((row) => `${CSV_COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n`).join('');

/**
 * Check-ins, session entries and outcome measures as one CSV text (RFC 4180, CRLF line ends), oldest first,
 * one row per check-in, entry or measure.
 */
export function exportCsv(record: ExportRecord): string {
  const events: CsvEvent[] = [
    ...record.checkins.map(checkinEvent),
    ...record.sessions.map(sessionEvent),
    ...record.outcomes.map(outcomeEvent),
  ];
  events.sort((a, b) => (eventKey(a) < eventKey(b) ? -1 : eventKey(a) > eventKey(b) ? 1 : 0));
  return CSV_HEADER + events.map(csvLines).join('');
}

/** One sorted list read a page at a time, its next event at hand. */
async function eventReader<T>(pages: AsyncIterable<T[]>, event: (row: T) => CsvEvent) {
  const it = pages[Symbol.asyncIterator]();
  let page: T[] = [];
  let i = 0;
  const next = async (): Promise<CsvEvent | undefined> => {
    while (i >= page.length) {
      const got = await it.next();
      if (got.done) return undefined;
      page = got.value;
      i = 0;
    }
    const row = page[i] as T;
    i += 1;
    return event(row);
  };
  let head = await next();
  return {
    head: () => head,
    advance: async () => {
      head = await next();
    },
  };
}

/** About this much CSV text at a time. */
const CSV_PIECE = 16 * 1024;

/**
 * The CSV as text, a piece at a time, the same text as `exportCsv` gives: check-ins, session logs and
 * outcomes each read in order a page at a time, and merged, so memory stays bounded.
 */
export async function* csvText(source: ExportSource): AsyncGenerator<string> {
  const readers = [
    await eventReader(source.checkins(), checkinEvent),
    await eventReader(source.sessions(), sessionEvent),
    await eventReader(source.outcomes(), outcomeEvent),
  ];
  let piece = CSV_HEADER;
  for (;;) {
    let least: (typeof readers)[number] | undefined;
    for (const r of readers) {
      const e = r.head();
      const best = least?.head();
      if (e && (!best || eventKey(e) < eventKey(best))) least = r;
    }
    const e = least?.head();
    if (!least || !e) break;
    piece += csvLines(e);
    await least.advance();
    if (piece.length >= CSV_PIECE) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}

/** The elements of a JSON array, a page at a time (without its brackets). */
async function* arrayItems<T>(pages: AsyncIterable<T[]>): AsyncGenerator<string> {
  let first = true;
  for await (const page of pages) {
    for (const piece of piecesOf(page)) {
      yield `${first ? '' : ','}${piece.map((row) => JSON.stringify(row)).join(',')}`;
      first = false;
    }
  }
}

/** The JSON export as text, a piece at a time, the same text as `exportJson`'s document gives. */
export async function* jsonText(
  source: ExportSource,
  opts: Pick<ExportOptions, 'kb' | 'now'>,
): AsyncGenerator<string> {
  // The document's members in `exportJson`'s order; the long lists are spliced in where their `[]` are.
  const { id, email, createdAt } = source.user;
  const small = (value: unknown) => JSON.stringify(value);
  yield `{"exportedAt":${small(opts.now)},"knowledgeBase":${small(opts.kb.version)},"user":${small({ id, email, createdAt })},"assessments":[`;
  yield* arrayItems(source.assessments());
  yield `],"programme":${small(source.programme ?? null)},"sessions":[`;
  yield* arrayItems(source.sessions());
  yield '],"checkins":[';
  yield* arrayItems(source.checkins());
  yield '],"measurements":[';
  yield* arrayItems(source.measurements());
  const clinicians = source.clinicians.map((c) => ({
    id: c.id,
    displayName: c.displayName,
    email: c.email,
  }));
  yield `],"clinicians":${small(clinicians)},"links":${small(source.links)},"versions":${small(source.versions)},"outcomes":[`;
  yield* arrayItems(source.outcomes());
  yield `],"outcomeSchedule":${small(source.outcomeSchedule)}}`;
}
