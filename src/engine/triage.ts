// The triage policy (`triage-policy.md`, version 1) as data: one record per rule, evaluated by one small function.
// Safety requirement: these rules are implemented exactly; contributor scoring never overrides them.
import type { SourceId } from '../kb/types.js';
import { derive, type Derived } from './intake-derive.js';
import type { Intake, IntakeField } from './intake.js';
import { scoreStartBack } from './start-back.js';

export const LEVELS = ['self-care', 'soon', 'urgent', 'emergency'] as const;
export type Level = (typeof LEVELS)[number];
/** Exercise gates from least to most restrictive. */
export const GATES = ['allowed', 'gentle-only', 'not-now'] as const;
export type Gate = (typeof GATES)[number];

export type TriageCode =
  | 'cauda-equina-saddle'
  | 'cauda-equina-bladder'
  | 'cauda-equina-bowel'
  | 'cauda-equina-sexual'
  | 'bilateral-neurological'
  | 'progressive-foot-drop'
  | 'major-trauma'
  | 'progressive-weakness'
  | 'foot-drop'
  | 'bilateral-leg-symptoms'
  | 'possible-infection'
  | 'possible-fracture'
  | 'cancer-warning-signs'
  | 'severe-pain'
  | 'radicular-deficit'
  | 'cancer-history'
  | 'weight-loss'
  | 'night-pain'
  | 'thoracic-pain'
  | 'immunosuppressed'
  | 'age-at-onset'
  | 'inflammatory-pattern'
  | 'persistent-pain'
  | 'hamstring-injury'
  | 'psychosocial-high-risk';

export interface TriageRule {
  code: TriageCode;
  level: Level;
  gate: Gate;
  /** Every answer the condition reads (the check-in re-asks these for emergency and urgent rules). */
  reads: readonly IntakeField[];
  /** The answers that made it fire, or null when its condition does not hold. */
  fires: (a: Intake, d: Derived) => IntakeField[] | null;
  /** Why this matters, in plain words. */
  text: string;
  sources: readonly SourceId[];
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

const CAUDA: readonly SourceId[] = ['girft-cauda-equina', 'nice-cks-sciatica', 'art-causes'];
const SCIATICA: readonly SourceId[] = ['nice-cks-sciatica', 'nice-ng59'];
const BACK: readonly SourceId[] = ['nice-cks-back-pain', 'nice-ng59'];

/** The rules in the policy's order. The order is also the order reasons are reported in. */
export const TRIAGE_RULES: readonly TriageRule[] = [
  {
    code: 'cauda-equina-saddle',
    level: 'emergency',
    gate: 'not-now',
    reads: ['saddleNumbness'],
    fires: (a) => when(a.saddleNumbness, ['saddleNumbness']),
    text: 'Numbness or tingling around the genitals, back passage or inner thighs can mean the nerves at the base of the spine are being squeezed. This is called cauda equina syndrome. It needs checking in hospital straight away.',
    sources: CAUDA,
  },
  {
    code: 'cauda-equina-bladder',
    level: 'emergency',
    gate: 'not-now',
    reads: ['bladderChange'],
    fires: (a) => when(a.bladderChange, ['bladderChange']),
    text: 'A new change in how you pass urine, with back pain, can mean the nerves to the bladder are being squeezed. It needs checking straight away.',
    sources: CAUDA,
  },
  {
    code: 'cauda-equina-bowel',
    level: 'emergency',
    gate: 'not-now',
    reads: ['bowelChange'],
    fires: (a) => when(a.bowelChange, ['bowelChange']),
    text: 'A new loss of bowel control, or of the feeling that you need to go, can mean the nerves to the bowel are being squeezed. It needs checking in hospital straight away.',
    sources: CAUDA,
  },
  {
    code: 'cauda-equina-sexual',
    level: 'emergency',
    gate: 'not-now',
    reads: ['sexualDysfunction', 'legSide'],
    fires: (a, d) => when(a.sexualDysfunction && d.legSymptoms, ['sexualDysfunction', 'legSide']),
    text: 'A new loss of sexual function or of feeling in the genitals, with leg pain or numbness, can mean the nerves at the base of the spine are being squeezed. It needs checking straight away.',
    sources: CAUDA,
  },
  {
    code: 'bilateral-neurological',
    level: 'emergency',
    gate: 'not-now',
    reads: ['legSide', 'numbness', 'legWeakness'],
    fires: (a, d) =>
      when(a.legSide === 'both' && d.neurologicalDeficit, ['legSide', ...deficitAnswers(a)]),
    text: 'Numbness or weakness in both legs can mean more than one nerve root is being squeezed. It needs checking straight away.',
    sources: CAUDA,
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
    text: 'A foot that slaps or catches and is getting weaker means a nerve is losing its power. Acting fast gives the nerve the best chance to get well.',
    sources: SCIATICA,
  },
  {
    code: 'major-trauma',
    level: 'emergency',
    gate: 'not-now',
    reads: ['trauma'],
    fires: (a) => when(a.trauma === 'major', ['trauma']),
    text: 'Back pain after a fall from a height, a road crash or a hard knock in sport needs checking for a broken bone or other harm.',
    sources: BACK,
  },
  {
    code: 'progressive-weakness',
    level: 'urgent',
    gate: 'not-now',
    reads: ['weaknessWorsening', 'legWeakness'],
    fires: (a) =>
      when(a.weaknessWorsening && a.legWeakness === 'mild', ['weaknessWorsening', 'legWeakness']),
    text: 'Leg weakness that is getting worse means a nerve may be under growing pressure. A doctor should check you today.',
    sources: SCIATICA,
  },
  {
    code: 'foot-drop',
    level: 'urgent',
    gate: 'not-now',
    reads: ['legWeakness', 'weaknessWorsening'],
    fires: (a) => when(a.legWeakness === 'foot-drop' && !a.weaknessWorsening, ['legWeakness']),
    text: 'A foot that slaps or catches, or trouble walking on your heels, is a sign of a weak nerve. A doctor should check it today.',
    sources: SCIATICA,
  },
  {
    code: 'bilateral-leg-symptoms',
    level: 'urgent',
    gate: 'not-now',
    reads: ['legSide', 'numbness', 'legWeakness'],
    fires: (a, d) => when(a.legSide === 'both' && !d.neurologicalDeficit, ['legSide']),
    text: 'Pain or other signs in both legs are less common with plain back pain. They can be an early sign of pressure on several nerves. A doctor should check you today.',
    sources: CAUDA,
  },
  {
    code: 'possible-infection',
    level: 'urgent',
    gate: 'not-now',
    reads: ['fever'],
    fires: (a) => when(a.fever, ['fever']),
    text: 'A fever, or feeling unwell in yourself, with back pain can rarely mean an infection in or near the spine. A doctor should see you today.',
    sources: BACK,
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
    text: 'After even a small fall, bones made weak by thin-bone disease (osteoporosis), steroid tablets or age can break. A doctor should check you today.',
    sources: BACK,
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
    text: 'If you have had cancer, back pain with weight loss, constant night pain or pain between the shoulder blades should be checked by a doctor today.',
    sources: BACK,
  },
  {
    code: 'severe-pain',
    level: 'urgent',
    gate: 'gentle-only',
    reads: ['painNow'],
    fires: (a) => when(a.painNow >= 8, ['painNow']),
    text: 'Pain of 8 or more out of 10 needs a doctor’s help today, to control the pain and to check that nothing else is going on.',
    sources: ['art-causes', 'nice-ng59'],
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
    text: 'Pain or numbness below the knee, with numbness or weakness, points to a sore, pressed nerve root. A GP or physio should test your nerves within 1 to 2 weeks.',
    sources: SCIATICA,
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
    text: 'After treatment for cancer, new back pain is worth a check by a GP within 1 to 2 weeks, even though it most often has a plain cause.',
    sources: BACK,
  },
  {
    code: 'weight-loss',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['weightLoss', 'cancerHistory'],
    fires: (a) => when(a.weightLoss && !a.cancerHistory, ['weightLoss']),
    text: 'Weight loss you cannot explain should be looked into by a GP within 1 to 2 weeks.',
    sources: BACK,
  },
  {
    code: 'night-pain',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['nightPainConstant', 'cancerHistory'],
    fires: (a) => when(a.nightPainConstant && !a.cancerHistory, ['nightPainConstant']),
    text: 'Constant pain at night that no position eases is not usual for plain back pain. A GP should check it within 1 to 2 weeks.',
    sources: BACK,
  },
  {
    code: 'thoracic-pain',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['thoracicPain', 'cancerHistory'],
    fires: (a) => when(a.thoracicPain && !a.cancerHistory, ['thoracicPain']),
    text: 'Pain between the shoulder blades can have causes other than the low back. A GP should check it within 1 to 2 weeks.',
    sources: BACK,
  },
  {
    code: 'immunosuppressed',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['immunosuppressed'],
    fires: (a) => when(a.immunosuppressed, ['immunosuppressed']),
    text: 'With a weak immune system, new back pain is worth a GP check within 1 to 2 weeks, because infections can be harder to spot.',
    sources: BACK,
  },
  {
    code: 'age-at-onset',
    level: 'soon',
    gate: 'allowed',
    reads: ['age', 'durationDays'],
    fires: (a) => when((a.age < 20 || a.age > 55) && a.durationDays < 42, ['age', 'durationDays']),
    text: 'New back pain that starts before 20 or after 55 more often has other causes. A GP should see you within 1 to 2 weeks. Gentle exercise is fine in the meantime.',
    sources: BACK,
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
    text: 'Long-lasting back pain that started before 45, with more than half an hour of stiffness each morning that eases as you move, can be a back problem caused by swelling (an inflammatory back condition). A GP can test for it. Exercise helps either way.',
    sources: BACK,
  },
  {
    code: 'persistent-pain',
    level: 'soon',
    gate: 'allowed',
    reads: ['durationDays'],
    fires: (a) => when(a.durationDays > 84, ['durationDays']),
    text: 'Pain for more than 12 weeks needs a check by a GP or physio, to look at the whole picture and what else may help.',
    sources: ['nice-ng59'],
  },
  {
    code: 'hamstring-injury',
    level: 'soon',
    gate: 'gentle-only',
    reads: ['thighInjury'],
    fires: (a) => when(a.thighInjury, ['thighInjury']),
    text: 'A sudden sharp pain in the back of the thigh while sprinting, kicking or stretching may be a torn hamstring. Have it checked within 1 to 2 weeks, and do no hamstring stretches until then.',
    sources: ['art-back-pain-from-hamstrings', 'art-tight-hamstrings-pt'],
  },
  {
    code: 'psychosocial-high-risk',
    level: 'soon',
    gate: 'allowed',
    reads: ['startBack'],
    fires: (a) =>
      when(a.startBack !== undefined && scoreStartBack(a.startBack).risk === 'high', ['startBack']),
    text: 'Your STarT Back answers show that worry and low mood are part of how the pain affects you. That is common and can be treated. A GP or physio can offer support that makes getting better more likely.',
    sources: ['keele-start-back', 'nice-ng59'],
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

/** What the person is told for each level. */
export const LEVEL_ADVICE: Record<Level, string> = {
  emergency:
    'Go to an emergency department now, or call your local emergency number: 999 in the UK, 112 in Europe, 911 in North America. Do not wait to see if it settles, and do not start the programme.',
  urgent:
    'Speak to a doctor today. Ask your GP for a same-day visit, go to an urgent care centre, or call a phone advice line (111 in England).',
  soon: 'Book to see a GP or physio (physiotherapist) within the next 1 to 2 weeks.',
  'self-care':
    'You can start the programme. See a GP or physio if you are not clearly better in 2 to 6 weeks, and at once if any warning sign appears.',
};

const GATE_ADVICE: Record<Gate, string> = {
  'not-now': 'Hold off the programme until you have been seen.',
  'gentle-only':
    'Until you have been seen, do only the gentle exercises, at the lowest dose. Stop at once if pain gets sharper or spreads down the leg.',
  allowed: 'In the meantime you can start the programme, slowly.',
};

const SAFETY_NET =
  'Go to an emergency department at once if you get numbness between your legs or around your back passage, a change in how your bladder or bowels work, or weakness in both legs.';

/** The advice for a level, with what to do about exercise meanwhile and the emergency safety net. */
export function adviceFor(level: Level, gate: Gate): string {
  switch (level) {
    case 'emergency':
      return LEVEL_ADVICE.emergency;
    case 'urgent':
    case 'soon':
      return `${LEVEL_ADVICE[level]} ${GATE_ADVICE[gate]} ${SAFETY_NET}`;
    case 'self-care':
      return `${LEVEL_ADVICE['self-care']} ${SAFETY_NET}`;
  }
}

export interface TriageOutcome {
  triage: Triage;
  exercise: Gate;
}

/** Evaluates every rule: level = highest fired, gate = most restrictive fired. Pure and total. */
export function triage(a: Intake, rules: readonly TriageRule[] = TRIAGE_RULES): TriageOutcome {
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
      reasons: fired.map(({ rule, answers }) => ({ code: rule.code, text: rule.text, answers })),
      advice: adviceFor(level, exercise),
    },
    exercise,
  };
}

export function ruleByCode(code: TriageCode): TriageRule {
  const rule = TRIAGE_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`unknown triage rule: ${code}`);
  return rule;
}
