// What the result screen says: the advice split into its parts stays the engine's advice, a check-in's pause
// outranks a milder assessment, and each contributor is explained by the person's own answers.
import { describe, expect, it } from 'vitest';
import { assessIntake } from '../../engine/assess.js';
import { parseIntake, type Intake, type IntakeInput } from '../../engine/intake.js';
import { triage } from '../../engine/triage.js';
import { knowledgeBase } from '../../kb/index.js';

const words = knowledgeBase.triage;
const LEVEL_ADVICE = words.levelAdvice;
import {
  HEADLINE,
  adviceParts,
  answerInWords,
  answeredLine,
  careAdviceFor,
  contributorCards,
  leadingCauses,
  prognosisFor,
  joinAdvice,
  reasonSourceTitles,
  standingOf,
  startBackMeaning,
} from './result-view.js';

const BASE = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
} satisfies IntakeInput;

function intake(extra: Partial<IntakeInput>): Intake {
  const parsed = parseIntake({ ...BASE, ...extra });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.value;
}

describe('the advice in parts', () => {
  it.each([
    ['self-care', {}],
    ['soon, exercise allowed', { durationDays: 100 }],
    ['soon, gentle only', { cancerHistory: true }],
    ['urgent, not now', { fever: true }],
    ['urgent, gentle only', { painNow: 9 }],
    ['emergency', { bladderChange: true }],
  ] as const)('%s joins back into the engine’s advice word for word', (_name, extra) => {
    const { triage: t, exercise } = triage(intake(extra), knowledgeBase);
    const parts = adviceParts(t.level, exercise, words);
    expect(joinAdvice(parts)).toBe(t.advice);
  });

  it('gives an emergency only what to do now: nothing about exercise being safe', () => {
    const parts = adviceParts('emergency', 'not-now', words);
    expect(parts).toEqual({ contact: LEVEL_ADVICE.emergency });
    expect(HEADLINE.emergency).toBe('Emergency: go to an emergency department now');
  });

  it('tells urgent and soon what is still safe to do', () => {
    expect(adviceParts('urgent', 'gentle-only', words).safe).toMatch(/only the gentle exercises/);
    expect(adviceParts('soon', 'not-now', words).safe).toMatch(/Hold off/);
  });
});

describe('which level leads', () => {
  const soon = triage(intake({ durationDays: 100 }), knowledgeBase);
  const assessment = { triage: soon.triage, exercise: soon.exercise };

  it('is a check-in’s emergency over a milder assessment, with exercise stopped', () => {
    const pause = { level: 'emergency' as const, reasons: [], advice: LEVEL_ADVICE.emergency };
    expect(standingOf(assessment, pause)).toMatchObject({
      level: 'emergency',
      from: 'checkin',
      gate: 'not-now',
    });
  });

  it('is the assessment when nothing is paused or the pause is no more urgent', () => {
    expect(standingOf(assessment, null)).toMatchObject({ level: 'soon', from: 'assessment' });
    const pause = { level: 'soon' as const, reasons: [], advice: '' };
    expect(standingOf(assessment, pause).from).toBe('assessment');
  });
});

describe('answers in words', () => {
  const a = intake({
    legWeakness: 'foot-drop',
    painNow: 7,
    painAreas: ['lower-back', 'foot'],
    legSide: 'left',
    durationDays: 1,
  });

  it.each([
    ['legWeakness', 'Yes, the foot slaps or catches (foot drop)'],
    ['painNow', '7 out of 10'],
    ['durationDays', '1 day'],
    ['painAreas', 'Lower back, Foot'],
    ['fever', 'No'],
    ['slrAngle', undefined],
  ] as const)('%s is %j', (field, words) => {
    expect(answerInWords(field, a)).toBe(words);
  });

  it('names the question with the answer', () => {
    expect(answeredLine('painNow', a)).toEqual({
      question: 'How bad is the pain right now, from 0 (none) to 10 (the worst imaginable)?',
      answer: '7 out of 10',
    });
  });
});

describe('the contributors', () => {
  const answers = intake({
    painAreas: ['lower-back', 'buttock', 'back-of-thigh', 'below-knee'],
    legSide: 'right',
    slrTest: 'leg-pain-below-knee',
    worseCoughSneeze: true,
  });
  const cards = contributorCards(assessIntake(answers, knowledgeBase), answers, knowledgeBase);

  it('lead with the likeliest, explained by the answers that point to it', () => {
    const first = cards[0];
    expect(first?.id).toBe('lumbar-radiculopathy');
    expect(first?.likelihood).toBe('likely');
    expect(first?.pointsTo.map((e) => e.answer?.question)).toContain(
      'Is the leg pain worse when you cough or sneeze?',
    );
    expect(first?.strength).toBe('strong');
  });

  it('cite their sources by title, never by id', () => {
    for (const card of cards) {
      expect(card.sources.length).toBeGreaterThan(0);
      for (const title of card.sources) {
        expect(knowledgeBase.sources.some((s) => s.title === title)).toBe(true);
      }
    }
  });

  it('list all seven, each with an honest strength of evidence', () => {
    expect(cards).toHaveLength(7);
    expect(cards.every((c) => c.strengthNote.length > 0)).toBe(true);
  });
});

describe('the STarT Back score', () => {
  it.each(['low', 'medium', 'high'] as const)(
    '%s risk is explained from the knowledge base',
    (risk) => {
      const meaning = startBackMeaning(risk, knowledgeBase);
      expect(meaning?.text.toLowerCase().startsWith(`${risk} risk`)).toBe(true);
      expect(meaning?.sources).toContain('The Keele STarT Back Screening Tool');
    },
  );
});

describe('an emergency’s sources', () => {
  it('are those of the reasons that fired, by title', () => {
    const { triage: t } = triage(intake({ bladderChange: true }), knowledgeBase);
    expect(reasonSourceTitles(t.reasons, knowledgeBase)).toEqual([
      'What Causes Lower Back and Hamstring Pain?',
      'Sciatica (lumbar radiculopathy): Clinical Knowledge Summary',
      'National suspected cauda equina syndrome pathway',
    ]);
  });
});

describe('the short result', () => {
  const sciatica = intake({
    painAreas: ['lower-back', 'buttock', 'back-of-thigh', 'below-knee'],
    legSide: 'right',
    slrTest: 'leg-pain-below-knee',
    worseCoughSneeze: true,
  });
  const backOnly = intake({ worseBending: true, easesWithMovement: true });

  it('leads with one or two causes: the likely ones, else the possible ones', () => {
    const result = assessIntake(sciatica, knowledgeBase);
    const leading = leadingCauses(contributorCards(result, sciatica, knowledgeBase));
    expect(leading.length).toBeGreaterThan(0);
    expect(leading.length).toBeLessThanOrEqual(2);
    expect(leading[0]?.id).toBe('lumbar-radiculopathy');
    const unlikely = contributorCards(result, sciatica, knowledgeBase).map((c) => ({
      ...c,
      likelihood: 'unlikely' as const,
    }));
    expect(leadingCauses(unlikely)).toEqual([]);
  });

  it('offers the sciatica care when the pain reaches below the knee, and not for back pain alone', () => {
    const withLeg = careAdviceFor(assessIntake(sciatica, knowledgeBase), sciatica, knowledgeBase);
    expect(withLeg.map((a) => a.id)).toEqual(
      expect.arrayContaining([
        'sciatica-pain-relief',
        'sciatica-positions',
        'sciatica-work-driving',
        'sciatica-time-course',
      ]),
    );
    const back = careAdviceFor(assessIntake(backOnly, knowledgeBase), backOnly, knowledgeBase);
    expect(back).toEqual([]);
  });

  it('says what usually happens, for sciatica, for back pain and for pain that has lasted', () => {
    const leg = prognosisFor(assessIntake(sciatica, knowledgeBase), sciatica, knowledgeBase);
    expect(leg.text).toMatch(/4 to 6 weeks/);
    expect(leg.sources.length).toBeGreaterThan(0);
    const back = prognosisFor(assessIntake(backOnly, knowledgeBase), backOnly, knowledgeBase);
    expect(back.text).toMatch(/few weeks/);
    const long = intake({ durationDays: 120 });
    expect(prognosisFor(assessIntake(long, knowledgeBase), long, knowledgeBase).text).toMatch(
      /12 weeks/,
    );
  });
});
