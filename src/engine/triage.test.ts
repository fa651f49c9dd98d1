// Triage policy, rule by rule and boundary by boundary: each case names the exact reasons, level and gate.
import { describe, expect, it } from 'vitest';
import { knowledgeBase as kb } from '../kb/index.js';
import { parseIntake, type IntakeInput } from './intake.js';
import {
  TRIAGE_RULES,
  triage,
  WARNING_RULES,
  type Gate,
  type Level,
  type TriageCode,
} from './triage.js';

/** A healthy 35-year-old with mild, recent low back pain: no rule fires. */
const BASE: IntakeInput = {
  version: 1,
  age: 35,
  durationDays: 10,
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: 'none',
};

function run(overrides: Partial<IntakeInput>) {
  const parsed = parseIntake({ ...BASE, ...overrides });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return triage(parsed.value, kb);
}

interface Case {
  name: string;
  answers: Partial<IntakeInput>;
  reasons: TriageCode[];
  level: Level;
  gate: Gate;
}

const RULE_CASES: Case[] = [
  { name: 'nothing', answers: {}, reasons: [], level: 'self-care', gate: 'allowed' },
  {
    name: 'saddle numbness',
    answers: { saddleNumbness: true },
    reasons: ['cauda-equina-saddle'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'bladder change',
    answers: { bladderChange: true },
    reasons: ['cauda-equina-bladder'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'bowel change',
    answers: { bowelChange: true },
    reasons: ['cauda-equina-bowel'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'sexual change with leg symptoms',
    answers: { sexualDysfunction: true, legSide: 'left', painAreas: ['lower-back', 'buttock'] },
    reasons: ['cauda-equina-sexual'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'sexual change without leg symptoms',
    answers: { sexualDysfunction: true },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'both legs with numbness',
    answers: { legSide: 'both', numbness: 'thigh' },
    reasons: ['bilateral-neurological'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'both legs with weakness',
    answers: { legSide: 'both', legWeakness: 'mild' },
    reasons: ['bilateral-neurological'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'both legs, no deficit',
    answers: { legSide: 'both' },
    reasons: ['bilateral-leg-symptoms'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'worsening foot drop',
    answers: { legSide: 'left', legWeakness: 'foot-drop', weaknessWorsening: true },
    reasons: ['progressive-foot-drop'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'stable foot drop',
    answers: { legSide: 'left', legWeakness: 'foot-drop' },
    reasons: ['foot-drop'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'worsening mild weakness',
    answers: { legSide: 'left', legWeakness: 'mild', weaknessWorsening: true },
    reasons: ['progressive-weakness'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'stable mild weakness',
    answers: { legSide: 'left', legWeakness: 'mild' },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'worsening without weakness',
    answers: { weaknessWorsening: true },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'major trauma',
    answers: { trauma: 'major' },
    reasons: ['major-trauma'],
    level: 'emergency',
    gate: 'not-now',
  },
  {
    name: 'fever',
    answers: { fever: true },
    reasons: ['possible-infection'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'minor fall with fracture risk',
    answers: { trauma: 'minor', fractureRisk: true },
    reasons: ['possible-fracture'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'minor fall, young, no risk',
    answers: { trauma: 'minor' },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'cancer with weight loss',
    answers: { cancerHistory: true, weightLoss: true },
    reasons: ['cancer-warning-signs'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'cancer with night pain',
    answers: { cancerHistory: true, nightPainConstant: true },
    reasons: ['cancer-warning-signs'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'cancer with thoracic pain',
    answers: { cancerHistory: true, thoracicPain: true },
    reasons: ['cancer-warning-signs'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: 'cancer history alone',
    answers: { cancerHistory: true },
    reasons: ['cancer-history'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'weight loss alone',
    answers: { weightLoss: true },
    reasons: ['weight-loss'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'night pain alone',
    answers: { nightPainConstant: true },
    reasons: ['night-pain'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'thoracic pain alone',
    answers: { thoracicPain: true },
    reasons: ['thoracic-pain'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'all three without cancer',
    answers: { weightLoss: true, nightPainConstant: true, thoracicPain: true },
    reasons: ['weight-loss', 'night-pain', 'thoracic-pain'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'immunosuppressed',
    answers: { immunosuppressed: true },
    reasons: ['immunosuppressed'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'severe pain',
    answers: { painNow: 8 },
    reasons: ['severe-pain'],
    level: 'urgent',
    gate: 'gentle-only',
  },
  {
    name: 'below-knee pain with numbness',
    answers: { legSide: 'right', painAreas: ['lower-back', 'below-knee'], numbness: 'thigh' },
    reasons: ['radicular-deficit'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'foot numbness alone counts as both',
    answers: { legSide: 'right', numbness: 'foot' },
    reasons: ['radicular-deficit'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'below-knee pain without deficit',
    answers: { legSide: 'right', painAreas: ['lower-back', 'below-knee'] },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'thigh numbness without below-knee',
    answers: { legSide: 'right', numbness: 'thigh', painAreas: ['back-of-thigh'] },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'hamstring injury',
    answers: { thighInjury: true, legSide: 'right', painAreas: ['back-of-thigh'] },
    reasons: ['hamstring-injury'],
    level: 'soon',
    gate: 'gentle-only',
  },
  {
    name: 'persistent pain',
    answers: { durationDays: 100 },
    reasons: ['persistent-pain'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'inflammatory pattern',
    answers: { durationDays: 100, morningStiffnessOver30Min: true },
    reasons: ['inflammatory-pattern', 'persistent-pain'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'age at onset, young',
    answers: { age: 18 },
    reasons: ['age-at-onset'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'age at onset, older',
    answers: { age: 60 },
    reasons: ['age-at-onset'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'STarT Back high',
    answers: {
      startBack: {
        q1: false,
        q2: false,
        q3: false,
        q4: false,
        q5: true,
        q6: true,
        q7: true,
        q8: true,
        q9: 'not-at-all',
      },
    },
    reasons: ['psychosocial-high-risk'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'STarT Back medium',
    answers: {
      startBack: {
        q1: true,
        q2: true,
        q3: true,
        q4: true,
        q5: true,
        q6: false,
        q7: false,
        q8: false,
        q9: 'slightly',
      },
    },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'emergency and gentle together: highest level, most restrictive gate, every reason kept',
    answers: { bladderChange: true, painNow: 9, immunosuppressed: true, durationDays: 100 },
    reasons: ['cauda-equina-bladder', 'severe-pain', 'immunosuppressed', 'persistent-pain'],
    level: 'emergency',
    gate: 'not-now',
  },
];

const BOUNDARIES: Case[] = [
  {
    name: 'pain 7 is not severe',
    answers: { painNow: 7 },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'pain 8 is severe',
    answers: { painNow: 8 },
    reasons: ['severe-pain'],
    level: 'urgent',
    gate: 'gentle-only',
  },
  {
    name: 'age 19 at onset',
    answers: { age: 19 },
    reasons: ['age-at-onset'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'age 20 at onset',
    answers: { age: 20 },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'age 55 at onset',
    answers: { age: 55 },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'age 56 at onset',
    answers: { age: 56 },
    reasons: ['age-at-onset'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'age 56 at 41 days',
    answers: { age: 56, durationDays: 41 },
    reasons: ['age-at-onset'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'age 56 at 42 days',
    answers: { age: 56, durationDays: 42 },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'age 69 with a minor fall',
    answers: { age: 69, trauma: 'minor', durationDays: 50 },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'age 70 with a minor fall',
    answers: { age: 70, trauma: 'minor', durationDays: 50 },
    reasons: ['possible-fracture'],
    level: 'urgent',
    gate: 'not-now',
  },
  {
    name: '84 days is not persistent',
    answers: { durationDays: 84 },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: '85 days is persistent',
    answers: { durationDays: 85 },
    reasons: ['persistent-pain'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'stiffness at 84 days',
    answers: { durationDays: 84, morningStiffnessOver30Min: true },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'stiffness at 85 days',
    answers: { durationDays: 85, morningStiffnessOver30Min: true },
    reasons: ['inflammatory-pattern', 'persistent-pain'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'stiffness at age 44',
    answers: { age: 44, durationDays: 200, morningStiffnessOver30Min: true },
    reasons: ['inflammatory-pattern', 'persistent-pain'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'stiffness at age 45',
    answers: { age: 45, durationDays: 200, morningStiffnessOver30Min: true },
    reasons: ['persistent-pain'],
    level: 'soon',
    gate: 'allowed',
  },
  {
    name: 'STarT Back distress 3 with total 4 is medium, not high',
    answers: {
      startBack: {
        q1: true,
        q2: false,
        q3: false,
        q4: false,
        q5: true,
        q6: true,
        q7: true,
        q8: false,
        q9: 'moderately',
      },
    },
    reasons: [],
    level: 'self-care',
    gate: 'allowed',
  },
  {
    name: 'STarT Back distress 4 through item 9 is high',
    answers: {
      startBack: {
        q1: false,
        q2: false,
        q3: false,
        q4: false,
        q5: true,
        q6: true,
        q7: true,
        q8: false,
        q9: 'extremely',
      },
    },
    reasons: ['psychosocial-high-risk'],
    level: 'soon',
    gate: 'allowed',
  },
];

describe('triage rules', () => {
  it.each(RULE_CASES)('$name', ({ answers, reasons, level, gate }) => {
    const out = run(answers);
    expect(out.triage.reasons.map((r) => r.code).sort()).toEqual([...reasons].sort());
    expect(out.triage.level).toBe(level);
    expect(out.exercise).toBe(gate);
  });

  it('has a case that fires every rule of the policy', () => {
    const covered = new Set(RULE_CASES.flatMap((c) => c.reasons));
    expect(TRIAGE_RULES.map((r) => r.code).filter((c) => !covered.has(c))).toEqual([]);
  });
});

describe('triage boundaries', () => {
  it.each(BOUNDARIES)('$name', ({ answers, reasons, level, gate }) => {
    const out = run(answers);
    expect(out.triage.reasons.map((r) => r.code).sort()).toEqual([...reasons].sort());
    expect(out.triage.level).toBe(level);
    expect(out.exercise).toBe(gate);
  });
});

describe('reasons report the answers that fired them', () => {
  it('names the fracture-risk answers actually present', () => {
    const byAge = run({ age: 72, trauma: 'minor' }).triage.reasons.find(
      (r) => r.code === 'possible-fracture',
    );
    expect(byAge?.answers).toEqual(['trauma', 'age']);
    const byRisk = run({ trauma: 'minor', fractureRisk: true }).triage.reasons.find(
      (r) => r.code === 'possible-fracture',
    );
    expect(byRisk?.answers).toEqual(['trauma', 'fractureRisk']);
  });

  it('names numbness and weakness for bilateral deficit', () => {
    const r = run({ legSide: 'both', numbness: 'foot', legWeakness: 'mild' }).triage.reasons.find(
      (x) => x.code === 'bilateral-neurological',
    );
    expect(r?.answers).toEqual(['legSide', 'numbness', 'legWeakness']);
  });

  it('gives every reason a plain-words text and advice that matches the level', () => {
    const out = run({ bowelChange: true });
    expect(out.triage.reasons[0]?.text).toMatch(/hospital/);
    expect(out.triage.advice).toMatch(/emergency department now/);
    expect(run({ fever: true }).triage.advice).toMatch(/doctor today/);
    expect(run({ durationDays: 90 }).triage.advice).toMatch(/1 to 2 weeks/);
    expect(run({}).triage.advice).toMatch(/2 to 6 weeks/);
  });
});

describe('warning rules re-asked at check-in', () => {
  it('are exactly the emergency and urgent rules', () => {
    expect(WARNING_RULES.map((r) => r.code)).toEqual(
      TRIAGE_RULES.filter((r) => r.level === 'emergency' || r.level === 'urgent').map(
        (r) => r.code,
      ),
    );
    expect(WARNING_RULES).toHaveLength(14);
  });
});
