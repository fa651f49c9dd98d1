// Scores the seven contributors from the answers. Each clue is a record (contributor, answer, weight, text),
// so every score is explained by the answers that moved it. Scoring never touches triage.
import { CONTRIBUTOR_IDS, type ContributorId, type SourceId } from '../kb/types.js';
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

/** One clue: when it holds, it moves one contributor up (positive weight) or down (negative). */
export interface Clue {
  contributor: ContributorId;
  answer: IntakeField;
  weight: number;
  holds: (a: Intake, d: Derived) => boolean;
  text: string;
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
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'painAreas',
    weight: 2,
    holds: painBelowKnee,
    text: 'Pain reaching below the knee follows the path of the sciatic nerve rather than a muscle.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'slrTest',
    weight: 2.5,
    holds: (a) => a.slrTest === 'leg-pain-below-knee',
    text: 'Raising the straight leg brought on pain below the knee: this stretches the nerve, not just the muscle.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'slrDorsiflexionWorse',
    weight: 1,
    holds: (a) => a.slrDorsiflexionWorse,
    text: 'Pulling the toes up during the leg raise made the leg worse, which tightens the nerve further.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'worseCoughSneeze',
    weight: 1.5,
    holds: (a) => a.worseCoughSneeze,
    text: 'Leg pain on coughing or sneezing fits pressure on a nerve root in the spine.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'numbness',
    weight: 1.5,
    holds: (a) => a.numbness === 'below-knee' || a.numbness === 'foot',
    text: 'Numbness or pins and needles below the knee point to an irritated nerve.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'numbness',
    weight: 0.5,
    holds: (a) => a.numbness === 'thigh',
    text: 'Numbness in the thigh can come from an irritated nerve.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'legWeakness',
    weight: 1,
    holds: (a) => a.legWeakness !== 'none',
    text: 'Weakness in the leg can mean a nerve root is not passing signals fully.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'painQuality',
    weight: 1,
    holds: (a) => a.painQuality.includes('shooting') || a.painQuality.includes('burning'),
    text: 'Shooting or burning pain is typical of an irritated nerve.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'worseBending',
    weight: 0.5,
    holds: (a, d) => a.worseBending && d.legSymptoms,
    text: 'Leg symptoms with pain on bending forward fit a disc pressing on a nerve root.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'legSide',
    weight: -2,
    holds: (_a, d) => !d.legSymptoms,
    text: 'No symptoms in the buttock or leg, so a trapped nerve root is unlikely.',
  },
  {
    contributor: 'lumbar-radiculopathy',
    answer: 'slrTest',
    weight: -1.5,
    holds: (a) => a.slrTest === 'thigh-pull',
    text: 'The leg raise only pulled in the thigh, which points to muscle rather than nerve.',
  },

  // Piriformis syndrome: the sciatic nerve irritated deep in the buttock.
  {
    contributor: 'piriformis-syndrome',
    answer: 'deepButtockPainSitting',
    weight: 2,
    holds: (a) => a.deepButtockPainSitting,
    text: 'Deep pain in the buttock when you sit is what people most often feel when the piriformis presses on the nerve.',
  },
  {
    contributor: 'piriformis-syndrome',
    answer: 'hipRotationProvokes',
    weight: 2,
    holds: (a) => a.hipRotationProvokes,
    text: 'Crossing the legs or turning the hip in tightens the piriformis over the nerve and brought the pain on.',
  },
  {
    contributor: 'piriformis-syndrome',
    answer: 'painAreas',
    weight: 0.5,
    holds: (a) => a.painAreas.includes('buttock'),
    text: 'Pain in the buttock, where the piriformis lies.',
  },
  {
    contributor: 'piriformis-syndrome',
    answer: 'painAreas',
    weight: 0.5,
    holds: (a) => a.painAreas.includes('buttock') && !a.painAreas.includes('lower-back'),
    text: 'The lower back itself is not painful, which fits a problem outside the spine.',
  },
  {
    contributor: 'piriformis-syndrome',
    answer: 'worseSitting',
    weight: 0.5,
    holds: (a, d) => a.worseSitting && d.legSymptoms,
    text: 'Sitting makes it worse, which presses on the buttock.',
  },
  {
    contributor: 'piriformis-syndrome',
    answer: 'worseCoughSneeze',
    weight: -1,
    holds: (a) => a.worseCoughSneeze,
    text: 'Leg pain on coughing points to the spine rather than the buttock.',
  },
  {
    contributor: 'piriformis-syndrome',
    answer: 'legWeakness',
    weight: -1,
    holds: (a) => a.legWeakness !== 'none',
    text: 'Leg weakness is more typical of a nerve root problem in the spine.',
  },
  {
    contributor: 'piriformis-syndrome',
    answer: 'legSide',
    weight: -1.5,
    holds: (a, d) => !d.legSymptoms && !a.painAreas.includes('buttock'),
    text: 'No buttock or leg symptoms, so the nerve in the buttock is unlikely to be involved.',
  },

  // Hamstring tightness: short hamstrings pulling the pelvis back.
  {
    contributor: 'hamstring-tightness',
    answer: 'hamstringTightness',
    weight: 1,
    holds: (a) => a.hamstringTightness,
    text: 'The backs of the thighs feel tight.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'toeTouch',
    weight: 1.5,
    holds: (a) => a.toeTouch === 'short',
    text: 'The fingertips do not reach the toes with straight knees, a sign of short hamstrings.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'slrAngle',
    weight: 2,
    holds: (a) => slrAngleMeasuresMuscle(a) && (a.slrAngle ?? 0) < 70,
    text: 'The straight leg rose less than 70 degrees: the hamstrings are short.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'slrAngle',
    weight: 0.5,
    holds: (a) => slrAngleMeasuresMuscle(a) && (a.slrAngle ?? 0) >= 70 && (a.slrAngle ?? 0) < 80,
    text: 'The straight leg rose to between 70 and 80 degrees: slightly short hamstrings.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'slrAngle',
    weight: -2,
    holds: (a) => (a.slrAngle ?? 0) >= 80,
    text: 'The straight leg rose to 80 degrees or more: a full range, so the hamstrings are not short.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'toeTouch',
    weight: -2,
    holds: (a) => a.toeTouch === 'reaches',
    text: 'The fingertips reach the toes, so the hamstrings are long enough.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'slrTest',
    weight: 1,
    holds: (a) => a.slrTest === 'thigh-pull',
    text: 'The leg raise pulled in the back of the thigh, which points to the muscle.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'sittingHours',
    weight: 0.5,
    holds: sitsALot,
    text: 'Long hours of sitting keep the hamstrings shortened.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'painQuality',
    weight: 0.5,
    holds: (a) => a.painQuality.includes('pulling'),
    text: 'A pulling feeling fits a tight muscle.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'worseBending',
    weight: 0.5,
    holds: (a) => a.worseBending,
    text: 'Bending forward stretches short hamstrings and tugs on the pelvis.',
  },
  {
    contributor: 'hamstring-tightness',
    answer: 'thighInjury',
    weight: -1,
    holds: (a) => a.thighInjury,
    text: 'A sudden injury in the thigh points to a strain rather than gradual tightness.',
  },

  // Hamstring weakness: "tight" as a feeling, with the low back doing the hamstrings' work.
  {
    contributor: 'hamstring-weakness',
    answer: 'hamstringTightness',
    weight: 2.5,
    holds: (a) => a.hamstringTightness && fullRange(a),
    text: 'The thighs feel tight yet have a full range (toes reached or a leg raise of 80 degrees or more): the feeling of tightness is more often a sign of weak hamstrings than short ones.',
  },
  {
    contributor: 'hamstring-weakness',
    answer: 'backFatigue',
    weight: 2,
    holds: (a) => a.backFatigue,
    text: 'The lower back tires after standing or activity, as it does when it takes over work from weak hamstrings.',
  },
  {
    contributor: 'hamstring-weakness',
    answer: 'activity',
    weight: 0.5,
    holds: sitsALot,
    text: 'Long sitting leaves the hamstrings unused, and unused muscles weaken.',
  },
  {
    contributor: 'hamstring-weakness',
    answer: 'toeTouch',
    weight: -0.5,
    holds: (a) => a.toeTouch === 'short' || (slrAngleMeasuresMuscle(a) && (a.slrAngle ?? 0) < 70),
    text: 'Measured shortness makes short hamstrings a better fit than weak ones.',
  },
  {
    contributor: 'hamstring-weakness',
    answer: 'thighInjury',
    weight: -1,
    holds: (a) => a.thighInjury,
    text: 'A sudden injury in the thigh points to a strain.',
  },

  // Postural strain: long sitting loading the low back.
  {
    contributor: 'postural-strain',
    answer: 'sittingHours',
    weight: 1.5,
    holds: (a) => a.sittingHours !== undefined && a.sittingHours >= 6,
    text: 'Six hours or more of sitting a day loads the low back in one position.',
  },
  {
    contributor: 'postural-strain',
    answer: 'activity',
    weight: 1,
    holds: (a) => a.activity === 'sedentary',
    text: 'A mostly sitting day leaves the back little variety of movement.',
  },
  {
    contributor: 'postural-strain',
    answer: 'worseSitting',
    weight: 1,
    holds: (a) => a.worseSitting,
    text: 'The pain builds up with sitting.',
  },
  {
    contributor: 'postural-strain',
    answer: 'easesWithMovement',
    weight: 1,
    holds: (a) => a.easesWithMovement,
    text: 'The pain eases when walking or moving, which fits strain from staying still.',
  },
  {
    contributor: 'postural-strain',
    answer: 'backFatigue',
    weight: 0.5,
    holds: (a) => a.backFatigue,
    text: 'The back tires with standing or activity.',
  },
  {
    contributor: 'postural-strain',
    answer: 'legSide',
    weight: 0.5,
    holds: (a, d) => !d.legSymptoms && a.painAreas.length === 1 && a.painAreas[0] === 'lower-back',
    text: 'The pain stays in the lower back.',
  },
  {
    contributor: 'postural-strain',
    answer: 'painAreas',
    weight: -1,
    holds: (_a, d) => d.belowKneeSymptoms,
    text: 'Symptoms below the knee are not explained by posture.',
  },

  // Hamstring strain: a torn or strained muscle.
  {
    contributor: 'hamstring-strain-injury',
    answer: 'thighInjury',
    weight: 3,
    holds: (a) => a.thighInjury,
    text: 'A sudden sharp pain in the back of the thigh during sprinting, kicking or a stretch is how a hamstring tear starts.',
  },
  {
    contributor: 'hamstring-strain-injury',
    answer: 'thighBruising',
    weight: 2,
    holds: (a) => a.thighBruising,
    text: 'Bruising on the back of the thigh shows bleeding from torn muscle fibres.',
  },
  {
    contributor: 'hamstring-strain-injury',
    answer: 'painAreas',
    weight: 0.5,
    holds: (a) => a.thighInjury && a.painAreas.includes('back-of-thigh'),
    text: 'The pain is in the back of the thigh.',
  },
  {
    contributor: 'hamstring-strain-injury',
    answer: 'activity',
    weight: 0.5,
    holds: (a) => a.thighInjury && a.activity === 'active',
    text: 'An active, sporting life makes a hamstring strain more likely.',
  },
  {
    contributor: 'hamstring-strain-injury',
    answer: 'thighInjury',
    weight: -2,
    holds: (a) => !a.thighInjury && !a.thighBruising,
    text: 'No sudden injury or bruising in the thigh, so a hamstring tear is unlikely.',
  },

  // Non-specific mechanical low back pain: the common case with no single cause.
  {
    contributor: 'non-specific-mechanical',
    answer: 'painAreas',
    weight: 1.5,
    holds: (a) => a.painAreas.includes('lower-back'),
    text: 'Pain in the lower back: most such pain has no single identifiable cause.',
  },
  {
    contributor: 'non-specific-mechanical',
    answer: 'worseBending',
    weight: 1,
    holds: (a) => a.worseBending,
    text: 'Pain that changes with bending is mechanical.',
  },
  {
    contributor: 'non-specific-mechanical',
    answer: 'legSide',
    weight: 0.5,
    holds: (_a, d) => !d.legSymptoms,
    text: 'No leg symptoms.',
  },
  {
    contributor: 'non-specific-mechanical',
    answer: 'liftingWork',
    weight: 0.5,
    holds: (a) => a.liftingWork,
    text: 'Lifting at work loads the back.',
  },
  {
    contributor: 'non-specific-mechanical',
    answer: 'painAreas',
    weight: -1,
    holds: (a) => !a.painAreas.includes('lower-back'),
    text: 'The lower back itself is not painful.',
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
  sourcesOf: (id: ContributorId) => SourceId[],
  clues: readonly Clue[] = CLUES,
): ContributorResult[] {
  const scored = CONTRIBUTOR_IDS.map((id, order) => {
    let points = 0;
    const evidence: EvidenceItem[] = [];
    for (const clue of clues) {
      if (clue.contributor !== id || !clue.holds(a, d)) continue;
      points += clue.weight;
      evidence.push({
        answer: clue.answer,
        effect: clue.weight > 0 ? 'for' : 'against',
        text: clue.text,
      });
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
