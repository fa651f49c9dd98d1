// Scores the seven contributors from the answers. Each clue is a record (id, answer, when it holds) whose
// contributor, weight and words the knowledge base gives, so every score is explained by the answers that moved
// it. Scoring never touches triage.
import {
  CONTRIBUTOR_IDS,
  type ClueId,
  type ContributorId,
  type KnowledgeBase,
  type SourceId,
} from '../kb/types.js';
import type { Derived, Intake, IntakeField } from './intake.js';

export type Likelihood = 'likely' | 'possible' | 'unlikely';

export interface EvidenceItem {
  answer: IntakeField;
  effect: 'for' | 'against';
  text: string;
}

export interface ContributorResult {
  id: ContributorId;
  likelihood: Likelihood;
  /** 0 to 1, rising with the weight of the clues; comparable between contributors of one assessment. */
  score: number;
  evidence: EvidenceItem[];
  sources: SourceId[];
}

/**
 * When a clue holds, and the answer it reads. Its contributor, weight and words are the knowledge base's
 * (`src/kb/clues.ts`), by the same id.
 */
export interface Clue {
  id: ClueId;
  answer: IntakeField;
  holds: (a: Intake, d: Derived) => boolean;
}

/** Points at or above which a contributor is `likely`, and `possible`. */
export const LIKELY_AT = 3;
export const POSSIBLE_AT = 1.5;

const sitsALot = (a: Intake) =>
  (a.sittingHours !== undefined && a.sittingHours >= 6) || a.activity === 'sedentary';
const fullRange = (a: Intake) => a.toeTouch === 'reaches' || (a.slrAngle ?? 0) >= 80;
/** A leg raise stopped by leg pain measures the nerve, not the muscle: its angle says little about length. */
const slrAngleMeasuresMuscle = (a: Intake) =>
  a.slrAngle !== undefined && a.slrTest !== 'leg-pain-below-knee';
const painBelowKnee = (a: Intake) =>
  a.painAreas.includes('below-knee') || a.painAreas.includes('foot');

export const CLUES: readonly Clue[] = [
  // Lumbar radiculopathy: a nerve root irritated in the spine, usually by a disc.
  { id: 'lumbar-radiculopathy.pain-below-knee', answer: 'painAreas', holds: painBelowKnee },
  {
    id: 'lumbar-radiculopathy.slr-test',
    answer: 'slrTest',
    holds: (a) => a.slrTest === 'leg-pain-below-knee',
  },
  {
    id: 'lumbar-radiculopathy.slr-dorsiflexion-worse',
    answer: 'slrDorsiflexionWorse',
    holds: (a) => a.slrDorsiflexionWorse,
  },
  {
    id: 'lumbar-radiculopathy.worse-cough-sneeze',
    answer: 'worseCoughSneeze',
    holds: (a) => a.worseCoughSneeze,
  },
  {
    id: 'lumbar-radiculopathy.numbness-below-knee',
    answer: 'numbness',
    holds: (a) => a.numbness === 'below-knee' || a.numbness === 'foot',
  },
  {
    id: 'lumbar-radiculopathy.numbness-thigh',
    answer: 'numbness',
    holds: (a) => a.numbness === 'thigh',
  },
  {
    id: 'lumbar-radiculopathy.leg-weakness',
    answer: 'legWeakness',
    holds: (a) => a.legWeakness !== 'none',
  },
  {
    id: 'lumbar-radiculopathy.pain-quality',
    answer: 'painQuality',
    holds: (a) => a.painQuality.includes('shooting') || a.painQuality.includes('burning'),
  },
  {
    id: 'lumbar-radiculopathy.worse-bending',
    answer: 'worseBending',
    holds: (a, d) => a.worseBending && d.legSymptoms,
  },
  {
    id: 'lumbar-radiculopathy.leg-side-against',
    answer: 'legSide',
    holds: (_a, d) => !d.legSymptoms,
  },
  {
    id: 'lumbar-radiculopathy.slr-test-against',
    answer: 'slrTest',
    holds: (a) => a.slrTest === 'thigh-pull',
  },

  // Piriformis syndrome: the sciatic nerve irritated deep in the buttock.
  {
    id: 'piriformis-syndrome.deep-buttock-pain-sitting',
    answer: 'deepButtockPainSitting',
    holds: (a) => a.deepButtockPainSitting,
  },
  {
    id: 'piriformis-syndrome.hip-rotation-provokes',
    answer: 'hipRotationProvokes',
    holds: (a) => a.hipRotationProvokes,
  },
  {
    id: 'piriformis-syndrome.buttock-pain',
    answer: 'painAreas',
    holds: (a) => a.painAreas.includes('buttock'),
  },
  {
    id: 'piriformis-syndrome.buttock-without-back-pain',
    answer: 'painAreas',
    holds: (a) => a.painAreas.includes('buttock') && !a.painAreas.includes('lower-back'),
  },
  {
    id: 'piriformis-syndrome.worse-sitting',
    answer: 'worseSitting',
    holds: (a, d) => a.worseSitting && d.legSymptoms,
  },
  {
    id: 'piriformis-syndrome.worse-cough-sneeze-against',
    answer: 'worseCoughSneeze',
    holds: (a) => a.worseCoughSneeze,
  },
  {
    id: 'piriformis-syndrome.leg-weakness-against',
    answer: 'legWeakness',
    holds: (a) => a.legWeakness !== 'none',
  },
  {
    id: 'piriformis-syndrome.leg-side-against',
    answer: 'legSide',
    holds: (a, d) => !d.legSymptoms && !a.painAreas.includes('buttock'),
  },

  // Hamstring tightness: short hamstrings pulling the pelvis back.
  {
    id: 'hamstring-tightness.hamstring-tightness',
    answer: 'hamstringTightness',
    holds: (a) => a.hamstringTightness,
  },
  { id: 'hamstring-tightness.toe-touch', answer: 'toeTouch', holds: (a) => a.toeTouch === 'short' },
  {
    id: 'hamstring-tightness.slr-angle-under-70',
    answer: 'slrAngle',
    holds: (a) => slrAngleMeasuresMuscle(a) && (a.slrAngle ?? 0) < 70,
  },
  {
    id: 'hamstring-tightness.slr-angle-70-to-80',
    answer: 'slrAngle',
    holds: (a) => slrAngleMeasuresMuscle(a) && (a.slrAngle ?? 0) >= 70 && (a.slrAngle ?? 0) < 80,
  },
  {
    id: 'hamstring-tightness.slr-angle-80-or-more',
    answer: 'slrAngle',
    holds: (a) => (a.slrAngle ?? 0) >= 80,
  },
  {
    id: 'hamstring-tightness.toe-touch-against',
    answer: 'toeTouch',
    holds: (a) => a.toeTouch === 'reaches',
  },
  {
    id: 'hamstring-tightness.slr-test',
    answer: 'slrTest',
    holds: (a) => a.slrTest === 'thigh-pull',
  },
  { id: 'hamstring-tightness.sitting-hours', answer: 'sittingHours', holds: sitsALot },
  {
    id: 'hamstring-tightness.pain-quality',
    answer: 'painQuality',
    holds: (a) => a.painQuality.includes('pulling'),
  },
  { id: 'hamstring-tightness.worse-bending', answer: 'worseBending', holds: (a) => a.worseBending },
  {
    id: 'hamstring-tightness.thigh-injury-against',
    answer: 'thighInjury',
    holds: (a) => a.thighInjury,
  },

  // Hamstring weakness: "tight" as a feeling, with the low back doing the hamstrings' work.
  {
    id: 'hamstring-weakness.hamstring-tightness',
    answer: 'hamstringTightness',
    holds: (a) => a.hamstringTightness && fullRange(a),
  },
  { id: 'hamstring-weakness.back-fatigue', answer: 'backFatigue', holds: (a) => a.backFatigue },
  { id: 'hamstring-weakness.activity', answer: 'activity', holds: sitsALot },
  {
    id: 'hamstring-weakness.toe-touch-against',
    answer: 'toeTouch',
    holds: (a) => a.toeTouch === 'short' || (slrAngleMeasuresMuscle(a) && (a.slrAngle ?? 0) < 70),
  },
  {
    id: 'hamstring-weakness.thigh-injury-against',
    answer: 'thighInjury',
    holds: (a) => a.thighInjury,
  },

  // Postural strain: long sitting loading the low back.
  {
    id: 'postural-strain.sitting-hours',
    answer: 'sittingHours',
    holds: (a) => a.sittingHours !== undefined && a.sittingHours >= 6,
  },
  { id: 'postural-strain.activity', answer: 'activity', holds: (a) => a.activity === 'sedentary' },
  { id: 'postural-strain.worse-sitting', answer: 'worseSitting', holds: (a) => a.worseSitting },
  {
    id: 'postural-strain.eases-with-movement',
    answer: 'easesWithMovement',
    holds: (a) => a.easesWithMovement,
  },
  { id: 'postural-strain.back-fatigue', answer: 'backFatigue', holds: (a) => a.backFatigue },
  {
    id: 'postural-strain.leg-side',
    answer: 'legSide',
    holds: (a, d) => !d.legSymptoms && a.painAreas.length === 1 && a.painAreas[0] === 'lower-back',
  },
  {
    id: 'postural-strain.pain-areas-against',
    answer: 'painAreas',
    holds: (_a, d) => d.belowKneeSymptoms,
  },

  // Hamstring strain: a torn or strained muscle.
  {
    id: 'hamstring-strain-injury.thigh-injury',
    answer: 'thighInjury',
    holds: (a) => a.thighInjury,
  },
  {
    id: 'hamstring-strain-injury.thigh-bruising',
    answer: 'thighBruising',
    holds: (a) => a.thighBruising,
  },
  {
    id: 'hamstring-strain-injury.pain-areas',
    answer: 'painAreas',
    holds: (a) => a.thighInjury && a.painAreas.includes('back-of-thigh'),
  },
  {
    id: 'hamstring-strain-injury.activity',
    answer: 'activity',
    holds: (a) => a.thighInjury && a.activity === 'active',
  },
  {
    id: 'hamstring-strain-injury.thigh-injury-against',
    answer: 'thighInjury',
    holds: (a) => !a.thighInjury && !a.thighBruising,
  },

  // Non-specific mechanical low back pain: the common case with no single cause.
  {
    id: 'non-specific-mechanical.pain-areas',
    answer: 'painAreas',
    holds: (a) => a.painAreas.includes('lower-back'),
  },
  {
    id: 'non-specific-mechanical.worse-bending',
    answer: 'worseBending',
    holds: (a) => a.worseBending,
  },
  { id: 'non-specific-mechanical.leg-side', answer: 'legSide', holds: (_a, d) => !d.legSymptoms },
  {
    id: 'non-specific-mechanical.lifting-work',
    answer: 'liftingWork',
    holds: (a) => a.liftingWork,
  },
  {
    id: 'non-specific-mechanical.pain-areas-against',
    answer: 'painAreas',
    holds: (a) => !a.painAreas.includes('lower-back'),
  },
];

const likelihoodOf = (points: number): Likelihood =>
  points >= LIKELY_AT ? 'likely' : points >= POSSIBLE_AT ? 'possible' : 'unlikely';

/** A logistic curve centred on the `possible` threshold, rounded to two places. */
const scoreOf = (points: number): number =>
  Math.round((1 / (1 + Math.exp(-(points - POSSIBLE_AT)))) * 100) / 100;

/** Scores all seven contributors, most likely first; ties keep the contract's order. */
export function scoreContributors(
  a: Intake,
  d: Derived,
  kb: Pick<KnowledgeBase, 'contributors' | 'clues'>,
  clues: readonly Clue[] = CLUES,
): ContributorResult[] {
  const sourcesOf = (id: ContributorId): SourceId[] => [
    ...(kb.contributors.find((c) => c.id === id)?.sources ?? []),
  ];
  const scored = CONTRIBUTOR_IDS.map((id, order) => {
    let points = 0;
    const evidence: EvidenceItem[] = [];
    for (const clue of clues) {
      const { contributor, weight, text } = kb.clues[clue.id];
      if (contributor !== id || !clue.holds(a, d)) continue;
      points += weight;
      evidence.push({ answer: clue.answer, effect: weight > 0 ? 'for' : 'against', text });
    }
    return {
      order,
      points,
      result: {
        id,
        likelihood: likelihoodOf(points),
        score: scoreOf(points),
        evidence,
        sources: sourcesOf(id),
      },
    };
  });
  scored.sort((x, y) => y.points - x.points || x.order - y.order);
  return scored.map((s) => s.result);
}
