// The triage policy (`triage-policy.md`) as data: one record per rule, evaluated by one small function. The rules'
// words (reasons, sources, advice) are the knowledge base's (`src/kb/triage.ts`), passed in.
// Safety requirement: these rules are implemented exactly; contributor scoring never overrides them.
import {
  GATES,
  LEVELS,
  type Gate,
  type KnowledgeBase,
  type Level,
  type TriageCode,
} from '../kb/types.js';
import { derive, type Derived } from './intake-derive.js';
import type { Intake, IntakeField } from './intake.js';
import { scoreStartBack } from './start-back.js';

export { GATES, LEVELS, TRIAGE_CODES } from '../kb/types.js';
export type { Gate, Level, TriageCode } from '../kb/types.js';

/** What the triage functions read from the knowledge base: the policy's words. */
export type TriageKb = Pick<KnowledgeBase, 'triage'>;

export interface TriageRule {
  code: TriageCode;
  level: Level;
  gate: Gate;
  /** Every answer the condition reads (the check-in re-asks these for emergency and urgent rules). */
  reads: readonly IntakeField[];
  /** The answers that made it fire, or null when its condition does not hold. */
  fires: (a: Intake, d: Derived) => IntakeField[] | null;
}

export interface TriageReason {
  code: TriageCode;
  text: string;
  answers: IntakeField[];
}

export interface Triage {
  level: Level;
  reasons: TriageReason[];
  advice: string;
}

const when = (cond: boolean, answers: IntakeField[]): IntakeField[] | null =>
  cond ? answers : null;
const present = (pairs: [boolean, IntakeField][]): IntakeField[] =>
  pairs.filter(([on]) => on).map(([, field]) => field);

const deficitAnswers = (a: Intake): IntakeField[] =>
  present([
    [a.numbness !== 'none', 'numbness'],
    [a.legWeakness !== 'none', 'legWeakness'],
  ]);

/** The rules in the policy's order. The order is also the order reasons are reported in. */
export const TRIAGE_RULES: readonly TriageRule[] = [
  {
    code: 'cauda-equina-saddle',
    level: 'emergency',
    gate: 'not-now',
    reads: ['saddleNumbness'],
    fires: (a) => when(a.saddleNumbness, ['saddleNumbness']),
  },
  {
    code: 'cauda-equina-bladder',
    level: 'emergency',
    gate: 'not-now',
    reads: ['bladderChange'],
    fires: (a) => when(a.bladderChange, ['bladderChange']),
  },
  {
    code: 'cauda-equina-bowel',
    level: 'emergency',
    gate: 'not-now',
    reads: ['bowelChange'],
    fires: (a) => when(a.bowelChange, ['bowelChange']),
  },
  {
    code: 'cauda-equina-sexual',
    level: 'emergency',
    gate: 'not-now',
    reads: ['sexualDysfunction', 'legSide'],
    fires: (a, d) => when(a.sexualDysfunction && d.legSymptoms, ['sexualDysfunction', 'legSide']),
  },
  {
    code: 'bilateral-neurological',
    level: 'emergency',
    gate: 'not-now',
    reads: ['legSide', 'numbness', 'legWeakness'],
    fires: (a, d) =>
      when(a.legSide === 'both' && d.neurologicalDeficit, ['legSide', ...deficitAnswers(a)]),
  },
  {
    code: 'progressive-foot-drop',
    level: 'emergency',
    gate: 'not-now',
    reads: ['legWeakness', 'weaknessWorsening'],
    fires: (a) =>
      when(a.legWeakness === 'foot-drop' && a.weaknessWorsening, [
        'legWeakness',
        'weaknessWorsening',
      ]),
  },
  {
    code: 'major-trauma',
    level: 'emergency',
    gate: 'not-now',
    reads: ['trauma'],
    fires: (a) => when(a.trauma === 'major', ['trauma']),
  },
  {
    code: 'progressive-weakness',
    level: 'urgent',
    gate: 'not-now',
    reads: ['weaknessWorsening', 'legWeakness'],
    fires: (a) =>
      when(a.weaknessWorsening && a.legWeakness === 'mild', ['weaknessWorsening', 'legWeakness']),
  },
  {
    code: 'foot-drop',
    level: 'urgent',
    gate: 'not-now',
    reads: ['legWeakness', 'weaknessWorsening'],
    fires: (a) => when(a.legWeakness === 'foot-drop' && !a.weaknessWorsening, ['legWeakness']),
  },
  {
    code: 'bilateral-leg-symptoms',
    level: 'urgent',
    gate: 'not-now',
    reads: ['legSide', 'numbness', 'legWeakness'],
    fires: (a, d) => when(a.legSide === 'both' && !d.neurologicalDeficit, ['legSide']),
  },
  {
    code: 'possible-infection',
    level: 'urgent',
    gate: 'not-now',
    reads: ['fever'],
    fires: (a) => when(a.fever, ['fever']),
  },
  {
    code: 'possible-fracture',
    level: 'urgent',
    gate: 'not-now',
    reads: ['trauma', 'fractureRisk', 'age'],
    fires: (a) =>
      when(a.trauma === 'minor' && (a.fractureRisk || a.age >= 70), [
        'trauma',
        ...present([
          [a.fractureRisk, 'fractureRisk'],
          [a.age >= 70, 'age'],
        ]),
      ]),
  },
  {
    code: 'cancer-warning-signs',
    level: 'urgent',
    gate: 'not-now',
    reads: ['cancerHistory', 'weightLoss', 'nightPainConstant', 'thoracicPain'],
    fires: (a) =>
      when(a.cancerHistory && (a.weightLoss || a.nightPainConstant || a.thoracicPain), [
        'cancerHistory',
        ...present([
          [a.weightLoss, 'weightLoss'],
          [a.nightPainConstant, 'nightPainConstant'],
          [a.thoracicPain, 'thoracicPain'],
        ]),
      ]),
  },
  {
    code: 'severe-pain',
    level: 'urgent',
    gate: 'gentle-only',
    reads: ['painNow'],
    fires: (a) => when(a.painNow >= 8, ['painNow']),
  },
  {
    code: 'radicular-deficit',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['painAreas', 'numbness', 'legWeakness'],
    fires: (a, d) =>
      when(d.belowKneeSymptoms && d.neurologicalDeficit, [
        ...present([
          [a.painAreas.includes('below-knee') || a.painAreas.includes('foot'), 'painAreas'],
        ]),
        ...deficitAnswers(a),
      ]),
  },
  {
    code: 'cancer-history',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['cancerHistory', 'weightLoss', 'nightPainConstant', 'thoracicPain'],
    fires: (a) =>
      when(a.cancerHistory && !(a.weightLoss || a.nightPainConstant || a.thoracicPain), [
        'cancerHistory',
      ]),
  },
  {
    code: 'weight-loss',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['weightLoss', 'cancerHistory'],
    fires: (a) => when(a.weightLoss && !a.cancerHistory, ['weightLoss']),
  },
  {
    code: 'night-pain',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['nightPainConstant', 'cancerHistory'],
    fires: (a) => when(a.nightPainConstant && !a.cancerHistory, ['nightPainConstant']),
  },
  {
    code: 'thoracic-pain',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['thoracicPain', 'cancerHistory'],
    fires: (a) => when(a.thoracicPain && !a.cancerHistory, ['thoracicPain']),
  },
  {
    code: 'immunosuppressed',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['immunosuppressed'],
    fires: (a) => when(a.immunosuppressed, ['immunosuppressed']),
  },
  {
    code: 'age-at-onset',
    level: 'soon',
    gate: 'allowed',
    reads: ['age', 'durationDays'],
    fires: (a) => when((a.age < 20 || a.age > 55) && a.durationDays < 42, ['age', 'durationDays']),
  },
  {
    code: 'inflammatory-pattern',
    level: 'soon',
    gate: 'allowed',
    reads: ['morningStiffnessOver30Min', 'age', 'durationDays'],
    fires: (a) =>
      when(a.morningStiffnessOver30Min && a.age < 45 && a.durationDays > 84, [
        'morningStiffnessOver30Min',
        'age',
        'durationDays',
      ]),
  },
  {
    code: 'persistent-pain',
    level: 'soon',
    gate: 'allowed',
    reads: ['durationDays'],
    fires: (a) => when(a.durationDays > 84, ['durationDays']),
  },
  {
    code: 'hamstring-injury',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['thighInjury'],
    fires: (a) => when(a.thighInjury, ['thighInjury']),
  },
  {
    code: 'psychosocial-high-risk',
    level: 'soon',
    gate: 'allowed',
    reads: ['startBack'],
    fires: (a) =>
      when(a.startBack !== undefined && scoreStartBack(a.startBack).risk === 'high', ['startBack']),
  },
];

/** The rules whose answers a daily check-in asks again: every emergency and urgent rule. */
export const WARNING_RULES = TRIAGE_RULES.filter(
  (r) => r.level === 'emergency' || r.level === 'urgent',
);

const rank = <T>(order: readonly T[], x: T): number => order.indexOf(x);

export const highestLevel = (levels: readonly Level[]): Level =>
  levels.reduce<Level>((hi, l) => (rank(LEVELS, l) > rank(LEVELS, hi) ? l : hi), 'self-care');

export const mostRestrictiveGate = (gates: readonly Gate[]): Gate =>
  gates.reduce<Gate>((hi, g) => (rank(GATES, g) > rank(GATES, hi) ? g : hi), 'allowed');

export function isMoreUrgent(a: Level, b: Level): boolean {
  return rank(LEVELS, a) > rank(LEVELS, b);
}

export function isMoreRestrictive(a: Gate, b: Gate): boolean {
  return rank(GATES, a) > rank(GATES, b);
}

/** The advice for a level, with what to do about exercise meanwhile and the emergency safety net. */
export function adviceFor(level: Level, gate: Gate, kb: TriageKb): string {
  const { levelAdvice, gateAdvice, safetyNet } = kb.triage;
  switch (level) {
    case 'emergency':
      return levelAdvice.emergency;
    case 'urgent':
    case 'soon':
      return `${levelAdvice[level]} ${gateAdvice[gate]} ${safetyNet}`;
    case 'self-care':
      return `${levelAdvice['self-care']} ${safetyNet}`;
  }
}

/** A fired rule as a reason, in the knowledge base's words. */
export function reasonOf(code: TriageCode, answers: IntakeField[], kb: TriageKb): TriageReason {
  return { code, text: kb.triage.rules[code].text, answers };
}

export interface TriageOutcome {
  triage: Triage;
  exercise: Gate;
}

/** Evaluates every rule: level = highest fired, gate = most restrictive fired. Pure and total. */
export function triage(
  a: Intake,
  kb: TriageKb,
  rules: readonly TriageRule[] = TRIAGE_RULES,
): TriageOutcome {
  const d = derive(a);
  const fired: { rule: TriageRule; answers: IntakeField[] }[] = [];
  for (const rule of rules) {
    const answers = rule.fires(a, d);
    if (answers) fired.push({ rule, answers });
  }
  const level = highestLevel(fired.map((f) => f.rule.level));
  const exercise = mostRestrictiveGate(fired.map((f) => f.rule.gate));
  return {
    triage: {
      level,
      reasons: fired.map(({ rule, answers }) => reasonOf(rule.code, answers, kb)),
      advice: adviceFor(level, exercise, kb),
    },
    exercise,
  };
}

export function ruleByCode(code: TriageCode): TriageRule {
  const rule = TRIAGE_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`unknown triage rule: ${code}`);
  return rule;
}
