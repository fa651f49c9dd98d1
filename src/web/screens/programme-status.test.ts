import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../../test/fixtures.js';
import { assessAndPlan } from '../../engine/assess.js';
import { knowledgeBase } from '../../kb/index.js';
import type { AssessmentView, PauseReason, ProgrammeView, TodayView } from '../data/types.js';
import { programmeSources, programmeStatus, sourceTitles } from './programme-status.js';

function made(answers: Record<string, unknown>): {
  assessment: AssessmentView;
  programme: ProgrammeView;
} {
  const out = assessAndPlan(answers, knowledgeBase);
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('; '));
  const { assessment: result, programme: p } = out.value;
  const assessment: AssessmentView = {
    id: 'a1',
    createdAt: '2026-03-01T09:00:00.000Z',
    answers: answers as AssessmentView['answers'],
    result,
  };
  const programme: ProgrammeView = {
    id: 'p1',
    assessmentId: 'a1',
    createdAt: '2026-03-01T09:00:00.000Z',
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
  };
  return { assessment, programme };
}

const plain = made(ANSWERS);
const emergency = made({ ...ANSWERS, saddleNumbness: true, bladderChange: true });
const PAUSE: PauseReason = { level: 'urgent', reasons: [], advice: 'Speak to a doctor today.' };

const TODAY_CLEAR: TodayView = {
  warning: null,
  sessionAllowed: true,
  blockedBy: null,
  backOff: null,
  reassessmentAdvised: false,
};
const STANDING: NonNullable<TodayView['warning']> = {
  level: 'emergency',
  reasons: [{ code: 'cauda-equina-bladder', text: 'Bladder.', answers: ['bladderChange'] }],
  advice: 'Go to an emergency department now.',
  since: '2026-03-02T09:00:00.000Z',
};

describe('programmeStatus with the standing situation', () => {
  it('leads with a standing warning and offers no programme, even when the old one is ready', () => {
    const today: TodayView = {
      ...TODAY_CLEAR,
      warning: STANDING,
      sessionAllowed: false,
      blockedBy: 'paused',
    };
    expect(programmeStatus(plain.assessment, plain.programme, today)).toEqual({
      kind: 'warning',
      warning: STANDING,
    });
  });

  it('leads with a warning reported before any assessment', () => {
    const today: TodayView = {
      ...TODAY_CLEAR,
      warning: { ...STANDING, level: 'urgent' },
      sessionAllowed: false,
      blockedBy: 'no-programme',
    };
    expect(programmeStatus(null, null, today).kind).toBe('warning');
  });

  it('offers no session on the day pain spread', () => {
    const today: TodayView = { ...TODAY_CLEAR, sessionAllowed: false, blockedBy: 'rest-today' };
    expect(programmeStatus(plain.assessment, plain.programme, today).kind).toBe('rest-today');
    expect(programmeStatus(plain.assessment, plain.programme, TODAY_CLEAR).kind).toBe('ready');
  });
});

describe('programmeStatus', () => {
  it('is ready with exercises when nothing stands in the way', () => {
    expect(plain.programme.items.length).toBeGreaterThan(0);
    expect(programmeStatus(plain.assessment, plain.programme).kind).toBe('ready');
  });

  it('asks for the questions first when there is no assessment', () => {
    expect(programmeStatus(null, null)).toEqual({ kind: 'no-assessment' });
  });

  it('shows only the emergency advice on an emergency, even beside a programme with exercises', () => {
    expect(emergency.assessment.result.triage.level).toBe('emergency');
    const status = programmeStatus(emergency.assessment, {
      ...emergency.programme,
      items: plain.programme.items,
    });
    expect(status).toEqual({
      kind: 'emergency',
      advice: emergency.assessment.result.triage.advice,
    });
    expect(JSON.stringify(status)).not.toContain('exerciseId');
  });

  it('an emergency wins over a paused programme and a warning check', () => {
    const status = programmeStatus(emergency.assessment, {
      ...plain.programme,
      paused: true,
      pausedBy: PAUSE,
      warningCheckRequired: true,
    });
    expect(status.kind).toBe('emergency');
  });

  it('says why a paused programme is paused, and wins over the warning check', () => {
    const status = programmeStatus(plain.assessment, {
      ...plain.programme,
      paused: true,
      pausedBy: PAUSE,
      warningCheckRequired: true,
    });
    expect(status).toEqual({ kind: 'paused', pausedBy: PAUSE });
  });

  it('sends the person to the check-in when the warning-sign questions are due', () => {
    const status = programmeStatus(plain.assessment, {
      ...plain.programme,
      warningCheckRequired: true,
    });
    expect(status.kind).toBe('warning-check');
  });

  it('says so when the programme has no exercises left', () => {
    expect(programmeStatus(plain.assessment, { ...plain.programme, items: [] }).kind).toBe(
      'no-exercises',
    );
  });

  it('notices an assessment without a programme', () => {
    expect(programmeStatus(plain.assessment, null).kind).toBe('no-programme');
  });
});

describe('programmeSources', () => {
  it('cites each source once, including those of the exercises, self-care and rules', () => {
    const sources = programmeSources(plain.programme, knowledgeBase);
    const ids = sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const exerciseSources = plain.programme.items.flatMap(
      (i) => knowledgeBase.exercises.find((e) => e.id === i.exerciseId)?.sources ?? [],
    );
    for (const id of exerciseSources) expect(ids).toContain(id);
    for (const rule of plain.programme.stopRules)
      for (const id of rule.sources) expect(ids).toContain(id);
  });

  it('gives titles, not ids', () => {
    expect(sourceTitles(['nice-ng59'], knowledgeBase)).toEqual([
      'Low back pain and sciatica in over 16s: assessment and management (NICE guideline NG59)',
    ]);
  });
});
