// The shapes of the knowledge base: sources, contributors, exercises, self-care items and education topics.
// Everything here is data; the engine reads it and never writes it.

/** Every source the knowledge base cites, by stable id. */
export const SOURCE_IDS = [
  'art-causes',
  'art-tight-hamstrings-pt',
  'art-back-pain-from-hamstrings',
  'art-lbp-sciatica-hamstrings',
  'art-weak-hamstrings',
  'nice-ng59',
  'nice-cks-sciatica',
  'nice-cks-back-pain',
  'girft-cauda-equina',
  'keele-start-back',
  'sadler-2017-review',
  'nhs-sciatica',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** The seven contributors of the intake contract, in the order used to break score ties. */
export const CONTRIBUTOR_IDS = [
  'lumbar-radiculopathy',
  'piriformis-syndrome',
  'hamstring-tightness',
  'hamstring-weakness',
  'postural-strain',
  'hamstring-strain-injury',
  'non-specific-mechanical',
] as const;
export type ContributorId = (typeof CONTRIBUTOR_IDS)[number];

/** The exercise ids of the catalogue (`exercises.md`): a public contract. */
export const EXERCISE_IDS = [
  'knee-to-chest',
  'figure-four',
  'supine-hamstring-gentle',
  'supine-hamstring-strap',
  'hamstring-wall-stretch',
  'active-hamstring-stretch',
  'abdominal-brace',
  'glute-bridge',
  'supine-straight-leg-raise',
  'standing-march',
  'good-morning-modified',
] as const;
export type ExerciseId = (typeof EXERCISE_IDS)[number];

/** The self-care and habit ids of the catalogue: a public contract. */
export const SELF_CARE_IDS = [
  'cold-pack',
  'moist-heat',
  'walking-breaks',
  'desk-setup',
  'lifting-technique',
  'massage-gun-caution',
] as const;
export type SelfCareId = (typeof SELF_CARE_IDS)[number];

export interface Source {
  id: SourceId;
  title: string;
  kind: 'article' | 'guideline' | 'study';
  /** Who published it, in a few words. */
  publisher: string;
  /** The seed file it was read from, for the five source articles. */
  file?: string;
  /** What the product takes from it, and how far it can be trusted. */
  note: string;
}

export interface Range {
  min: number;
  max: number;
}

/**
 * How much of an exercise to do. `unit` says what `range` counts: the seconds of each hold, or
 * the repetitions of a movement. `repeats` is how many holds make a set (1 for rep-based work).
 */
export interface Dosage {
  unit: 'seconds' | 'reps';
  range: Range;
  repeats: Range;
  sets: Range;
  /** `each`: the dosage is done on the left and then the right; `none`: both sides work together. */
  sides: 'each' | 'none';
  timesPerDay: Range;
}

/**
 * Situations in which an exercise must never be given, whatever else is true.
 * - `hamstring-injury`: a suspected hamstring tear (`thighInjury`), until a clinician has reviewed it.
 * - `below-knee-symptoms`: pain or numbness below the knee (the sciatic nerve runs through the hamstrings).
 * - `acute-phase`: the episode began less than 42 days ago.
 */
export const EXCLUSION_CODES = ['hamstring-injury', 'below-knee-symptoms', 'acute-phase'] as const;
export type ExclusionCode = (typeof EXCLUSION_CODES)[number];

/** The muscles an illustration can pick out, stretched or working. */
export type MuscleId =
  | 'hamstrings'
  | 'glutes'
  | 'piriformis'
  | 'low-back'
  | 'abdominals'
  | 'hip-flexors'
  | 'thigh-front';

/** The joints a movement arrow can follow. */
export type ArrowJoint =
  'near.knee' | 'near.ankle' | 'near.wrist' | 'far.knee' | 'hip' | 'shoulder';

/** What an illustration draws besides the body: the muscle worked, the movement's arrow, the camera, props. */
export interface FigureMarks {
  /** The muscles stretched or working, in the highlight colour. */
  muscles: MuscleId[];
  /** The joint whose path, from the first key pose to the last, the movement arrow follows. */
  arrow?: ArrowJoint;
  /** The camera's height in degrees: 0 from the side; higher to see a crossed leg from above. */
  elevation?: number;
  /** The camera turned around the vertical in degrees: 0 from the side, negative towards the feet. */
  azimuth?: number;
  /** A mat to lie on, a door frame to rest the leg on, a strap from the hands to the foot. */
  props?: ('mat' | 'door-frame' | 'strap')[];
}

/** One key pose of an exercise's illustration: joint angles in degrees at `at` (0..1) of one repetition. */
export interface Keyframe {
  at: number;
  angles: Record<string, number>;
  /** On the first key pose: what the illustration picks out (the same for the whole movement). */
  marks?: FigureMarks;
}

export interface Exercise {
  id: ExerciseId;
  name: string;
  kind: 'stretch' | 'strengthening';
  /** Marked gentle in the catalogue: the only kind allowed under the `gentle-only` gate. */
  gentle: boolean;
  /** True for every stretch whose target is the hamstrings (barred under `hamstring-injury`). */
  hamstringStretch: boolean;
  /**
   * Flexes the hip with the knee straight, which tensions the sciatic nerve: removed from the plan while
   * it backs off after pain spread down the leg (`exercises.md`, version 2).
   */
  nerveTension: boolean;
  /** What it is for, in one or two plain sentences. */
  purpose: string;
  steps: string[];
  cues: string[];
  mistakes: string[];
  dosage: Dosage;
  /** Another way to dose the same exercise the sources give, with a short label. */
  alternativeDosage?: { label: string; dosage: Dosage };
  serves: ContributorId[];
  neverWhen: ExclusionCode[];
  /** Harder next steps, nearest first. */
  progressions: ExerciseId[];
  /** Easier fallbacks, nearest first: where the engine looks for a gentler replacement. */
  regressions: ExerciseId[];
  sources: SourceId[];
  /** The illustration's key poses for the figure model (src/figure), in ascending `at`. */
  keyframes: Keyframe[];
}

export interface SelfCareItem {
  id: SelfCareId;
  name: string;
  /** What to do, step by step. */
  steps: string[];
  /** When it applies, in plain words. */
  when: string;
  /** Minutes per use, where the sources give one. */
  minutes?: Range;
  cautions: string[];
  sources: SourceId[];
}

/** How strong the evidence behind a contributor's mechanism is, said honestly. */
export type EvidenceStrength = 'strong' | 'moderate' | 'weak' | 'very-weak';

export interface Contributor {
  id: ContributorId;
  name: string;
  /** A one-line summary a person can read first. */
  summary: string;
  /** How it produces back and thigh symptoms, in the product's own words, paragraph by paragraph. */
  mechanism: string[];
  /** What typically points to it, and what points away. */
  typicalSigns: string[];
  icd10: { code: string; display: string }[];
  /** Why it carries these codes: for the clinician report and the exports, never shown to the person. */
  codingNote?: string;
  evidence: { strength: EvidenceStrength; note: string };
  /** Education topics that explain it further. */
  topics: string[];
  sources: SourceId[];
}

export interface EducationTopic {
  id: string;
  title: string;
  summary: string;
  /** Paragraphs in plain words. */
  body: string[];
  /** Where the sources disagree or overreach, the honest strength of the evidence. */
  evidenceNote?: string;
  related: { contributors: ContributorId[]; exercises: ExerciseId[]; topics: string[] };
  sources: SourceId[];
}

/** The care advice a result offers by what the assessment found: looking after sciatica day to day. */
export const CARE_ADVICE_IDS = [
  'sciatica-pain-relief',
  'sciatica-positions',
  'sciatica-work-driving',
  'sciatica-time-course',
] as const;
export type CareAdviceId = (typeof CARE_ADVICE_IDS)[number];

export interface CareAdvice {
  id: CareAdviceId;
  title: string;
  /** Short paragraphs in plain words. */
  body: string[];
  /** Offered when one of these contributors is likely or possible, or when the pain reaches below the knee. */
  offeredFor: ContributorId[];
  sources: SourceId[];
}

/** What usually happens next, said first on the result: by what the assessment found. */
export interface Prognosis {
  /** Most back pain with or without pain in the thigh. */
  backPain: string;
  /** Pain that runs down the leg from a nerve (sciatica). */
  sciatica: string;
  /** Pain that has lasted more than 12 weeks. */
  persistent: string;
  sources: SourceId[];
}

/** A rule every session shows and the engine enforces, by stable code. */
export interface StopRule {
  code:
    | 'stop-if-sharper-or-spreading'
    | 'never-stretch-into-pain'
    | 'progress-when-too-easy-twice'
    | 'start-gradually'
    | 'stretch-with-strength';
  text: string;
  sources: SourceId[];
}

/** The progression rule, as data: when and how an exercise moves up or down. */
export interface ProgressionRule {
  /** Sessions running in which the person answered "yes, too easy" before the exercise progresses. */
  tooEasySessions: number;
  text: string;
  sources: SourceId[];
}

/**
 * Backing off when symptoms worsen (`exercises.md`, version 2): what a person is told, and how long the
 * programme stays gentle-only without the exercises that tension the sciatic nerve.
 */
export interface BackOffRule {
  /** Calendar days in a row of check-ins with the leg symptoms no further than at the assessment. */
  settledDays: number;
  /** Days in which a second spreading episode re-runs the warning-sign check. */
  spreadWindowDays: number;
  /** Shown when pain spread down the leg during or after an exercise: what to do now, when to get help. */
  spreadAdvice: string[];
  /** Shown when a check-in reports a leg area or side the assessment did not have. */
  newLegSymptomsAdvice: string[];
  /** Shown when an exercise made the pain sharper without spreading. */
  sharperAdvice: string;
  sources: SourceId[];
}

/** The whole knowledge base, passed into the engine with its version. */
export interface KnowledgeBase {
  version: string;
  sources: readonly Source[];
  contributors: readonly Contributor[];
  exercises: readonly Exercise[];
  selfCare: readonly SelfCareItem[];
  topics: readonly EducationTopic[];
  careAdvice: readonly CareAdvice[];
  prognosis: Prognosis;
  stopRules: readonly StopRule[];
  progression: ProgressionRule;
  backOff: BackOffRule;
}
