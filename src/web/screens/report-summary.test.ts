// Tests the clinician report's content: who prepared it, triage, key answers, contributors, programme with drops, progress.
import { describe, expect, it } from 'vitest';
import { assessIntake } from '../../engine/assess.js';
import { parseIntake, type IntakeInput } from '../../engine/intake.js';
import { generateProgramme } from '../../engine/plan.js';
import { summariseProgress } from '../../engine/progress.js';
import { knowledgeBase as kb } from '../../kb/index.js';
import { ANSWERS } from '../../../test/fixtures.js';
import { exerciseName } from '../../words/index.js';
import type { AssessmentView, ProgrammeView } from '../data/types.js';
import { buildReport, durationWords, keyAnswers, progressRows } from './report-summary.js';

function record(input: IntakeInput): { assessment: AssessmentView; programme: ProgrammeView } {
  const parsed = parseIntake(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const answers = parsed.value;
  const result = assessIntake(answers, kb);
  const p = generateProgramme(
    { answers, gate: result.exercise, contributors: result.contributors },
    kb,
  );
  return {
    assessment: { id: 'a1', createdAt: '2026-11-20T09:00:00.000Z', answers, result },
    programme: {
      id: 'p1',
      assessmentId: 'a1',
      createdAt: '2026-11-20T09:00:00.000Z',
      knowledgeBase: p.knowledgeBase,
      phase: p.phase,
      gate: p.gate,
      items: p.items,
      selfCare: p.selfCare,
      selfCareDetails: p.selfCareDetails,
      stopRules: p.stopRules,
      progressionRule: p.progressionRule,
      notes: p.notes,
      paused: false,
      pausedBy: null,
      warningCheckRequired: false,
      dropped: [],
    },
  };
}

describe('words', () => {
  it('says durations the way a clinician reads them', () => {
    expect(durationWords(1)).toBe('1 day');
    expect(durationWords(12)).toBe('12 days');
    expect(durationWords(35)).toBe('about 5 weeks');
    expect(durationWords(120)).toBe('about 4 months');
    expect(durationWords(800)).toBe('about 2 years');
  });
});

describe('keyAnswers', () => {
  it('shows pain areas, leg side, duration and the straight-leg raise with its angle', () => {
    const { assessment } = record({
      ...ANSWERS,
      painAreas: ['lower-back', 'back-of-thigh'],
      legSide: 'left',
      numbness: 'thigh',
    });
    const rows = Object.fromEntries(keyAnswers(assessment.answers).map((r) => [r.label, r.value]));
    expect(rows.Where).toBe('Lower back, back of the thigh');
    expect(rows.Leg).toBe('Left leg');
    expect(rows['How long']).toBe('about 3 weeks');
    expect(rows['Straight-leg raise']).toBe('Pull in the back of the thigh only; 55°');
    expect(rows['Numbness or tingling']).toBe('In the thigh');
    expect(rows['Leg weakness']).toBe('None');
    expect(rows['Worse with']).toBe('Sitting');
  });
});

describe('buildReport', () => {
  it('says who prepared it, when, and with which knowledge base', () => {
    const { assessment, programme } = record(ANSWERS);
    const report = buildReport({ assessment, programme, progress: null, kb, today: '2026-11-22' });
    expect(report.prepared).toBe(
      `Prepared 22 November 2026 by Backchain, knowledge base ${kb.version}`,
    );
    expect(report.assessedOn).toBe('20 November 2026');
    expect(report.triage?.level).toBe('self-care');
  });

  it('names the triage policy and knowledge base the assessment was made with, and none without one', () => {
    const { assessment, programme } = record(ANSWERS);
    const made = {
      ...assessment,
      result: { ...assessment.result, policyVersion: 7, knowledgeBase: '2020.1.1' },
    };
    const report = buildReport({
      assessment: made,
      programme,
      progress: null,
      kb,
      today: '2026-11-22',
    });
    expect(report.versions).toBe(
      'assessed under triage policy version 7 with knowledge base 2020.1.1',
    );
    const none = buildReport({
      assessment: null,
      programme: null,
      progress: null,
      kb,
      today: '2026-11-22',
    });
    expect(none.versions).toBeNull();
  });

  it('lists the likely contributors with the strength of their evidence and why', () => {
    const { assessment, programme } = record(ANSWERS);
    const report = buildReport({ assessment, programme, progress: null, kb, today: '2026-11-22' });
    const tight = report.contributors.find((c) => c.name.includes('tight hamstrings'));
    expect(tight).toBeDefined();
    expect(tight?.evidence).toBe('weak evidence');
    expect(tight?.why.length).toBeGreaterThan(0);
    expect(report.contributors.every((c) => c.likelihood !== 'Unlikely')).toBe(true);
  });

  it('keeps each contributor to its first three reasons and counts the rest', () => {
    const { assessment, programme } = record({
      ...ANSWERS,
      painAreas: ['lower-back', 'below-knee'],
      legSide: 'right',
      numbness: 'below-knee',
      slrTest: 'leg-pain-below-knee',
      slrDorsiflexionWorse: true,
      worseCoughSneeze: true,
      painQuality: ['shooting', 'burning'],
    });
    const report = buildReport({ assessment, programme, progress: null, kb, today: '2026-11-22' });
    const nerve = report.contributors[0];
    const all = assessment.result.contributors[0]?.evidence.filter((e) => e.effect === 'for') ?? [];
    expect(all.length).toBeGreaterThan(3);
    expect(nerve?.why).toEqual(all.slice(0, 3).map((e) => e.text));
    expect(nerve?.moreWhy).toBe(all.length - 3);
  });

  it('shows the programme without the exercises the stop rules dropped, and names those', () => {
    const { assessment, programme } = record(ANSWERS);
    const first = programme.items[0];
    expect(first).toBeDefined();
    if (!first) return;
    const dropped = { ...programme, dropped: [first.exerciseId] };
    const report = buildReport({
      assessment,
      programme: dropped,
      progress: null,
      kb,
      today: '2026-11-22',
    });
    const name = exerciseName(kb, first.exerciseId);
    expect(report.programme?.dropped).toEqual([name]);
    expect(report.programme?.items.map((i) => i.name)).not.toContain(name);
    expect(report.programme?.items).toHaveLength(programme.items.length - 1);
  });

  it('shows no programme at an emergency level, and the emergency first', () => {
    const { assessment, programme } = record({ ...ANSWERS, saddleNumbness: true });
    const report = buildReport({ assessment, programme, progress: null, kb, today: '2026-11-22' });
    expect(report.triage?.level).toBe('emergency');
    expect(report.triage?.heading).toMatch(/^Emergency/);
    expect(report.triage?.reasons.join(' ')).toMatch(/genitals/);
    expect(report.programme).toBeNull();
  });

  it('shows no programme when a check-in paused it with an emergency', () => {
    const { assessment, programme } = record(ANSWERS);
    const paused: ProgrammeView = {
      ...programme,
      paused: true,
      pausedBy: { level: 'emergency', reasons: [], advice: 'Go now.' },
    };
    const report = buildReport({
      assessment,
      programme: paused,
      progress: null,
      kb,
      today: '2026-11-22',
    });
    expect(report.pause?.level).toBe('emergency');
    expect(report.programme).toBeNull();
  });

  it('gives the STarT Back risk group and scores when it was answered, and nothing when not', () => {
    const { assessment, programme } = record({
      ...ANSWERS,
      startBack: {
        q1: true,
        q2: false,
        q3: true,
        q4: true,
        q5: true,
        q6: true,
        q7: true,
        q8: false,
        q9: 'extremely',
      },
    });
    const report = buildReport({ assessment, programme, progress: null, kb, today: '2026-11-22' });
    expect(report.answers.find((r) => r.label === 'STarT Back')?.value).toBe(
      'High risk (total 7 of 9, distress 4 of 5)',
    );
    const without = buildReport({ ...record(ANSWERS), progress: null, kb, today: '2026-11-22' });
    expect(without.answers.find((r) => r.label === 'STarT Back')).toBeUndefined();
  });

  it('works before any assessment', () => {
    const report = buildReport({
      assessment: null,
      programme: null,
      progress: null,
      kb,
      today: '2026-11-22',
    });
    expect(report.triage).toBeNull();
    expect(report.answers).toEqual([]);
    expect(report.programme).toBeNull();
  });
});

describe('progressRows', () => {
  it('gives the pain trend, extent in words, adherence and leg-raise angles per side', () => {
    const summary = summariseProgress({
      today: '2026-11-22',
      programmeStart: '2026-11-16',
      checkins: [
        { date: '2026-11-16', painNow: 6, painAreas: ['lower-back', 'below-knee'] },
        { date: '2026-11-19', painNow: 4, painAreas: ['lower-back', 'back-of-thigh'] },
        { date: '2026-11-22', painNow: 3, painAreas: ['lower-back'] },
      ],
      sessions: [{ date: '2026-11-16' }, { date: '2026-11-17' }, { date: '2026-11-18' }],
      measurements: [
        { date: '2026-11-16', kind: 'slr-angle', side: 'left', value: 50 },
        { date: '2026-11-22', kind: 'slr-angle', side: 'left', value: 62 },
        { date: '2026-11-17', kind: 'toe-touch', side: null, value: 10 },
      ],
    });
    const rows = Object.fromEntries(progressRows(summary).map((r) => [r.label, r.value]));
    expect(rows.Pain).toMatch(/^6 → 3 out of 10 over 3 days of check-ins; change -3 \(-50%\)/);
    expect(rows.Pain).toMatch(/meaningful change for the better/);
    expect(rows['How far down the leg']).toMatch(/centralising/);
    expect(rows['Sittings done']).toMatch(/^3 of 7 sittings \(43%\), of those planned/);
    expect(rows['Straight-leg raise, left']).toBe(
      '50° (16 November 2026) → 62° (22 November 2026), 2 measurements',
    );
    expect(rows['Straight-leg raise, right']).toBeUndefined();
  });
});
