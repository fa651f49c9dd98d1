// A clinician's pause in the programme's status: it reads as a clinician's pause, never as a warning
// sign's; a warning sign (standing or paused) still leads before it.
import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../../test/fixtures.js';
import { assessAndPlan } from '../../engine/assess.js';
import { knowledgeBase } from '../../kb/index.js';
import { clinicianPauseSentence } from '../components/clinician-pause.js';
import type {
  AssessmentView,
  ClinicianPauseView,
  PauseReason,
  ProgrammeView,
  TodayView,
} from '../data/types.js';
import { programmeStatus } from './programme-status.js';

const out = assessAndPlan(ANSWERS, knowledgeBase);
if (!out.ok) throw new Error('fixture answers do not assess');
const assessment: AssessmentView = {
  id: 'a1',
  createdAt: '2026-03-01T09:00:00.000Z',
  answers: ANSWERS as AssessmentView['answers'],
  result: out.value.assessment,
};
const p = out.value.programme;
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
const PAUSE: ClinicianPauseView = {
  by: 'c1',
  name: 'Alex Morgan, physiotherapist',
  since: '2026-03-05T10:00:00.000Z',
  note: 'Rest until we speak on Friday.',
};
const WARNING: PauseReason = { level: 'urgent', reasons: [], advice: 'Speak to a doctor today.' };
const PAUSED_TODAY: TodayView = {
  warning: null,
  sessionAllowed: false,
  blockedBy: 'paused',
  backOff: null,
  reassessmentAdvised: false,
};

describe('programmeStatus with a clinician pause', () => {
  it('reads as the clinician’s pause, with who and their note', () => {
    const paused = { ...programme, paused: true, clinicianPause: PAUSE };
    expect(programmeStatus(assessment, paused, PAUSED_TODAY)).toEqual({
      kind: 'clinician-paused',
      pause: PAUSE,
      programme: paused,
    });
  });

  it('is found in today when the programme does not carry it', () => {
    const status = programmeStatus(
      assessment,
      { ...programme, paused: true },
      { ...PAUSED_TODAY, clinicianPause: PAUSE },
    );
    expect(status.kind).toBe('clinician-paused');
  });

  it('gives way to a warning sign’s pause, whose advice leads', () => {
    const both = { ...programme, paused: true, pausedBy: WARNING, clinicianPause: PAUSE };
    expect(programmeStatus(assessment, both, PAUSED_TODAY)).toEqual({
      kind: 'paused',
      pausedBy: WARNING,
    });
    const standing: TodayView = {
      ...PAUSED_TODAY,
      warning: { ...WARNING, since: '2026-03-06T08:00:00.000Z' },
    };
    expect(programmeStatus(assessment, both, standing).kind).toBe('warning');
  });

  it('without a clinician pause a bare pause still reads as a pause', () => {
    expect(programmeStatus(assessment, { ...programme, paused: true }, PAUSED_TODAY).kind).toBe(
      'paused',
    );
  });
});

describe('clinicianPauseSentence', () => {
  it('names who paused it and when', () => {
    expect(clinicianPauseSentence(PAUSE, () => '5 March 2026')).toBe(
      'Alex Morgan, physiotherapist, paused your programme on 5 March 2026.',
    );
    expect(clinicianPauseSentence({ ...PAUSE, name: ' ' }, () => '5 March 2026')).toBe(
      'Your clinician paused your programme on 5 March 2026.',
    );
  });
});
