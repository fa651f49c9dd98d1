// Builds a programme from an assessment: which exercises (never one its "never when" excludes or the gate forbids),
// at what dose, which self-care items, and the rules that govern every session. Deterministic.
import type {
  CautionId,
  ContributorId,
  Dosage,
  Exercise,
  ExclusionCode,
  ExerciseId,
  KnowledgeBase,
  SelfCareId,
  SelfCareReasonId,
  StopRule,
} from '../kb/types.js';
import type { ContributorResult } from './contributors.js';
import { derive, phaseOf, type Intake, type Phase } from './intake.js';
import type { Gate } from './triage.js';

/** A dose to do today: one number from each range of the catalogue dosage. */
export interface PrescribedDosage {
  unit: Dosage['unit'];
  /** Seconds of each hold, or repetitions. */
  amount: number;
  repeats: number;
  sets: number;
  sides: Dosage['sides'];
}

export interface PlanItem {
  exerciseId: ExerciseId;
  kind: Exercise['kind'];
  dosage: PrescribedDosage;
  timesPerDay: number;
  /** The contributors among the person's likely or possible ones that this exercise addresses. */
  serves: ContributorId[];
  /** Extra care this person must take with this exercise. */
  cautions: string[];
  /** A clinician's note to the person about this exercise (docs/clinician.md); absent when none. */
  note?: string;
}

export interface SelfCarePick {
  id: SelfCareId;
  why: string;
}

export interface Programme {
  knowledgeBase: string;
  phase: Phase;
  gate: Gate;
  /** Exclusions that applied to this person: exercises with these in "never when" were left out. */
  exclusions: ExclusionCode[];
  items: PlanItem[];
  selfCare: SelfCareId[];
  selfCareDetails: SelfCarePick[];
  stopRules: StopRule[];
  progressionRule: string;
  /** Why the programme is empty or limited, in plain words; empty when nothing limits it. */
  notes: string[];
}

/** What the generator needs from an assessment. */
export interface PlanInput {
  answers: Intake;
  gate: Gate;
  contributors: readonly ContributorResult[];
}

export const MAX_STRETCHES = 2;
export const MAX_STRENGTHENING = 3;

/** The exclusions of the catalogue's "never when" column that apply to these answers. */
export function activeExclusions(a: Intake): ExclusionCode[] {
  const d = derive(a);
  const out: ExclusionCode[] = [];
  if (a.thighInjury) out.push('hamstring-injury');
  if (d.belowKneeSymptoms) out.push('below-knee-symptoms');
  if (phaseOf(a.durationDays) === 'acute') out.push('acute-phase');
  return out;
}

/** Whether an exercise may appear in a plan at all, for this gate and these exclusions. */
export function isPermitted(
  ex: Exercise,
  gate: Gate,
  exclusions: readonly ExclusionCode[],
): boolean {
  if (gate === 'not-now') return false;
  if (gate === 'gentle-only' && !ex.gentle) return false;
  return !ex.neverWhen.some((code) => exclusions.includes(code));
}

/** The starting dose: the low end of every range ("start gradually"). */
export function startingDosage(d: Dosage): PrescribedDosage {
  return {
    unit: d.unit,
    amount: d.range.min,
    repeats: d.repeats.min,
    sets: d.sets.min,
    sides: d.sides,
  };
}

const WEIGHT = { likely: 2, possible: 1, unlikely: 0 } as const;

function selfCareFor(
  input: PlanInput,
  relevant: ReadonlySet<ContributorId>,
  kb: KnowledgeBase,
): SelfCarePick[] {
  const a = input.answers;
  const picks: SelfCarePick[] = [];
  const pick = (reason: SelfCareReasonId) => {
    const { item, text } = kb.selfCareReasons[reason];
    picks.push({ id: item, why: text });
  };
  if (a.durationDays < 2) {
    pick('cold-pack.first-48-hours');
    pick('moist-heat.after-cold');
  } else {
    pick('moist-heat.after-48-hours');
  }
  const sitsLong =
    (a.sittingHours !== undefined && a.sittingHours >= 6) ||
    a.activity === 'sedentary' ||
    a.worseSitting;
  if (sitsLong) {
    pick('walking-breaks.long-sitting');
    pick('desk-setup.long-sitting');
  }
  if (a.liftingWork) pick('lifting-technique.lifting-work');
  else if (a.worseBending) pick('lifting-technique.worse-bending');
  if (relevant.has('hamstring-tightness') || relevant.has('hamstring-weakness')) {
    pick('massage-gun-caution.hamstrings');
  }
  return picks;
}

/** The extra care an exercise needs for this gate and these exclusions, whenever it joins a plan. */
export function cautionsFor(
  ex: Exercise,
  gate: Gate,
  exclusions: readonly ExclusionCode[],
  kb: KnowledgeBase,
): string[] {
  const out: CautionId[] = [];
  if (gate === 'gentle-only') out.push('gentle-only');
  if (ex.hamstringStretch && exclusions.includes('below-knee-symptoms')) {
    out.push('below-knee-hamstring-stretch');
  }
  return out.map((id) => kb.programme.cautions[id]);
}

/** Generates the programme for an assessment with one knowledge base. Same inputs, same plan. */
export function generateProgramme(input: PlanInput, kb: KnowledgeBase): Programme {
  const { answers, gate } = input;
  const phase = phaseOf(answers.durationDays);
  const exclusions = activeExclusions(answers);
  const weightOf = new Map(input.contributors.map((c) => [c.id, WEIGHT[c.likelihood]]));
  const relevant = new Set(
    input.contributors.filter((c) => c.likelihood !== 'unlikely').map((c) => c.id),
  );
  const base = {
    knowledgeBase: kb.version,
    phase,
    gate,
    exclusions,
    stopRules: [...kb.stopRules],
    progressionRule: kb.progression.text,
  };

  if (gate === 'not-now') {
    return {
      ...base,
      items: [],
      selfCare: [],
      selfCareDetails: [],
      notes: [kb.programme.notes['not-now']],
    };
  }

  const notes: string[] = [];
  if (gate === 'gentle-only') notes.push(kb.programme.notes['gentle-only']);
  if (exclusions.includes('hamstring-injury')) {
    notes.push(kb.programme.notes['hamstring-injury']);
  }

  const ranked = kb.exercises
    .map((ex, order) => ({
      ex,
      order,
      relevance: ex.serves.reduce((sum, id) => sum + (weightOf.get(id) ?? 0), 0),
    }))
    .filter((x) => isPermitted(x.ex, gate, exclusions) && x.relevance > 0)
    .sort((x, y) => y.relevance - x.relevance || x.order - y.order);

  const chosen: Exercise[] = [];
  let hamstringStretchChosen = false;
  for (const { ex } of ranked) {
    if (ex.kind !== 'stretch') continue;
    if (chosen.length >= MAX_STRETCHES) break;
    // One hamstring stretch at a time: the gentlest permitted rung; progression moves up the ladder.
    if (ex.hamstringStretch) {
      if (hamstringStretchChosen) continue;
      hamstringStretchChosen = true;
    }
    chosen.push(ex);
  }
  const stretches = chosen.length;
  for (const { ex } of ranked) {
    if (ex.kind !== 'strengthening') continue;
    if (chosen.length - stretches >= MAX_STRENGTHENING) break;
    chosen.push(ex);
  }
  // Stretching is always paired with strengthening when the gate allows any.
  if (stretches > 0 && chosen.length === stretches) {
    const pairing = kb.exercises.find(
      (ex) => ex.kind === 'strengthening' && isPermitted(ex, gate, exclusions),
    );
    if (pairing) chosen.push(pairing);
  }

  const items: PlanItem[] = chosen.map((ex) => ({
    exerciseId: ex.id,
    kind: ex.kind,
    dosage: startingDosage(ex.dosage),
    timesPerDay: ex.dosage.timesPerDay.min,
    serves: ex.serves.filter((id) => relevant.has(id)),
    cautions: cautionsFor(ex, gate, exclusions, kb),
  }));

  const selfCareDetails = selfCareFor(input, relevant, kb);
  return {
    ...base,
    items,
    selfCare: selfCareDetails.map((p) => p.id),
    selfCareDetails,
    notes,
  };
}
