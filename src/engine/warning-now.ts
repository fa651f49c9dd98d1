// "Stop now": which emergency and urgent rules are certain from the answers given so far, whatever the
// unanswered questions turn out to be. Every surface (intake, repeat intake, check-in, session, terminal)
// decides to stop from this one function over the rule table, so a new rule stops every surface at once.
import {
  LEG_SIDES,
  LEG_WEAKNESS,
  NUMBNESS_LEVELS,
  PAIN_AREAS,
  TRAUMA,
  type PainArea,
} from './intake-values.js';
import { derive } from './intake-derive.js';
import type { Intake, IntakeField, StartBackAnswers } from './intake.js';
import {
  WARNING_RULES,
  adviceFor,
  highestLevel,
  mostRestrictiveGate,
  reasonOf,
  type Gate,
  type Level,
  type TriageReason,
  type TriageKb,
  type TriageRule,
} from './triage.js';

/** Answers known so far: a missing key is a question not answered yet (never taken as "no"). */
export type KnownAnswers = Partial<Intake>;

/** What a surface shows the moment a warning rule is certain. */
export interface WarningNow {
  level: Level;
  /** The most restrictive exercise gate among the certain rules. */
  gate: Gate;
  reasons: TriageReason[];
  advice: string;
}

/**
 * A full set of answers to complete the known ones with. Only ever used under enumeration: a rule is
 * certain only when it fires for every value of every unknown answer it reads, so no rule fires on these.
 */
const BASE: Intake = {
  version: 1,
  age: 40,
  durationDays: 0,
  painNow: 0,
  painAreas: ['lower-back'],
  legSide: 'none',
  painQuality: [],
  numbness: 'none',
  legWeakness: 'none',
  weaknessWorsening: false,
  saddleNumbness: false,
  bladderChange: false,
  bowelChange: false,
  sexualDysfunction: false,
  fever: false,
  cancerHistory: false,
  weightLoss: false,
  nightPainConstant: false,
  thoracicPain: false,
  immunosuppressed: false,
  trauma: 'none',
  fractureRisk: false,
  worseSitting: false,
  worseBending: false,
  worseCoughSneeze: false,
  easesWithMovement: false,
  morningStiffnessOver30Min: false,
  deepButtockPainSitting: false,
  hipRotationProvokes: false,
  hamstringTightness: false,
  backFatigue: false,
  toeTouch: 'not-tried',
  slrTest: 'not-done',
  slrDorsiflexionWorse: false,
  thighInjury: false,
  thighBruising: false,
  liftingWork: false,
};

const BOOL = [false, true] as const;
/** STarT Back answers with items 1 to `agreed` agreed and the rest not. */
function startBackAgreeing(agreed: number, q9: StartBackAnswers['q9']): StartBackAnswers {
  const q = (item: number) => item <= agreed;
  return { q1: q(1), q2: q(2), q3: q(3), q4: q(4), q5: q(5), q6: q(6), q7: q(7), q8: q(8), q9 };
}
/**
 * STarT Back answers are judged by their risk alone: not answered, and one set of answers for each risk
 * (low: nothing agreed; medium: total 4, distress 0; high: everything agreed, "extremely").
 */
const START_BACK_ANSWERS: readonly (StartBackAnswers | undefined)[] = [
  undefined,
  startBackAgreeing(0, 'not-at-all'),
  startBackAgreeing(4, 'not-at-all'),
  startBackAgreeing(8, 'extremely'),
];
/** Every area set a person can give, so a rule reading `painAreas` is judged over all of them. */
const AREA_SETS: PainArea[][] = Array.from({ length: 2 ** PAIN_AREAS.length - 1 }, (_, i) =>
  PAIN_AREAS.filter((_a, bit) => ((i + 1) >> bit) & 1),
);

/**
 * The values an unknown answer may take, for the fields the triage rules read. Numbers are covered by
 * their extremes and every threshold the policy uses, which decides any rule of the form "x ≥ n".
 * A test checks every field any triage rule reads has an entry here, so `warningNow` can be asked
 * about any of the rules, not only the warning ones.
 */
export const ANSWER_DOMAINS: Partial<Record<IntakeField, readonly unknown[]>> = {
  age: [16, 19, 20, 44, 45, 55, 56, 69, 70, 110],
  durationDays: [0, 41, 42, 84, 85, 3650],
  painNow: [0, 7, 8, 10],
  painAreas: AREA_SETS,
  legSide: LEG_SIDES,
  numbness: NUMBNESS_LEVELS,
  legWeakness: LEG_WEAKNESS,
  weaknessWorsening: BOOL,
  saddleNumbness: BOOL,
  bladderChange: BOOL,
  bowelChange: BOOL,
  sexualDysfunction: BOOL,
  fever: BOOL,
  cancerHistory: BOOL,
  weightLoss: BOOL,
  nightPainConstant: BOOL,
  thoracicPain: BOOL,
  immunosuppressed: BOOL,
  trauma: TRAUMA,
  fractureRisk: BOOL,
  thighInjury: BOOL,
  morningStiffnessOver30Min: BOOL,
  startBack: START_BACK_ANSWERS,
};

function definedOnly(known: KnownAnswers): Partial<Intake> {
  // A plain loop: this runs on every check-in, and entries/fromEntries cost several times more.
  const out: Record<string, unknown> = {};
  for (const key in known) {
    const value = known[key as keyof KnownAnswers];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Every way the unknown answers a rule reads could turn out, each a full set of answers, from answers
 * already without undefined values (`definedOnly`). `whole` is `{ ...BASE, ...given }` when the caller
 * has made it already (it is shared, never changed).
 */
function completionsOf(rule: TriageRule, given: Partial<Intake>, whole?: Intake): Intake[] {
  const unknown = rule.reads.filter((f) => !(f in given));
  let all: Record<string, unknown>[] = [whole ?? { ...BASE, ...given }];
  for (const field of unknown) {
    const domain = ANSWER_DOMAINS[field];
    if (!domain) throw new Error(`no answer domain for ${field}, read by ${rule.code}`);
    all = all.flatMap((a) => domain.map((v) => ({ ...a, [field]: v })));
  }
  return all as unknown as Intake[];
}

/** Every way the unknown answers a rule reads could turn out, each a full set of answers. */
function completions(rule: TriageRule, known: KnownAnswers): Intake[] {
  return completionsOf(rule, definedOnly(known));
}

/**
 * Whether the rule fires for every completion. When the rule reads nothing unknown there is one, `whole`,
 * whose derived answers the caller may pass in (`derived`), so a check-in that answers everything derives
 * them once for all the rules instead of once per rule.
 */
function certainOn(
  rule: TriageRule,
  given: Partial<Intake>,
  whole: Intake,
  derived: ReturnType<typeof derive>,
): boolean {
  if (rule.reads.every((f) => f in given)) return rule.fires(whole, derived) !== null;
  return completionsOf(rule, given, whole).every((a) => rule.fires(a, derive(a)) !== null);
}

/** Whether the rule fires however the unanswered questions it reads are answered. */
export function isCertain(rule: TriageRule, known: KnownAnswers): boolean {
  return completions(rule, known).every((a) => rule.fires(a, derive(a)) !== null);
}

/** Whether some answers to the unanswered questions would make the rule fire. */
export function isPossible(rule: TriageRule, known: KnownAnswers): boolean {
  return completions(rule, known).some((a) => rule.fires(a, derive(a)) !== null);
}

/**
 * The emergency and urgent rules certain from the answers so far, with the advice for the highest level;
 * null while none is. A surface stops and shows this at once, without waiting for other answers.
 */
export function warningNow(
  known: KnownAnswers,
  kb: TriageKb,
  rules: readonly TriageRule[] = WARNING_RULES,
): WarningNow | null {
  const given = definedOnly(known);
  const whole = { ...BASE, ...given } as Intake;
  const derived = derive(whole);
  const certain = rules.filter((r) => certainOn(r, given, whole, derived));
  if (certain.length === 0) return null;
  const level = highestLevel(certain.map((r) => r.level));
  const gate = mostRestrictiveGate(certain.map((r) => r.gate));
  const reasons = certain.map((rule) => {
    // Name only answers actually given: the first completion fires too, and its answer list is filtered.
    const [first] = completionsOf(rule, given, whole);
    const answers = (first ? (rule.fires(first, derive(first)) ?? []) : []).filter(
      (f) => f in given,
    );
    return reasonOf(rule.code, answers, kb);
  });
  return { level, gate, reasons, advice: adviceFor(level, gate, kb) };
}
