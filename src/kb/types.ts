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

/** A "never when" situation: its name as people read it, and how it applied, as a clinician reads it. */
export interface Exclusion {
  /** What it is, in plain words that fit after "Never when:" ("a recent hamstring injury"). */
  name: string;
  /** Why it applies to this person, for a clinician's refusal ("this person reported one"). */
  applies: string;
}

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
  /** How much one step up adds to the hold (seconds) or the repetitions, before the repeats and sets rise. */
  amountStep: Readonly<Record<Dosage['unit'], number>>;
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

/** The triage levels (`triage-policy.md`), from least to most urgent. */
export const LEVELS = ['self-care', 'soon', 'urgent', 'emergency'] as const;
export type Level = (typeof LEVELS)[number];
/** Exercise gates from least to most restrictive. */
export const GATES = ['allowed', 'gentle-only', 'not-now'] as const;
export type Gate = (typeof GATES)[number];

/** The rules of the triage policy by stable code, in the policy's order. */
export const TRIAGE_CODES = [
  'cauda-equina-saddle',
  'cauda-equina-bladder',
  'cauda-equina-bowel',
  'cauda-equina-sexual',
  'bilateral-neurological',
  'progressive-foot-drop',
  'major-trauma',
  'progressive-weakness',
  'foot-drop',
  'bilateral-leg-symptoms',
  'possible-infection',
  'possible-fracture',
  'cancer-warning-signs',
  'severe-pain',
  'radicular-deficit',
  'cancer-history',
  'weight-loss',
  'night-pain',
  'thoracic-pain',
  'immunosuppressed',
  'age-at-onset',
  'inflammatory-pattern',
  'persistent-pain',
  'hamstring-injury',
  'psychosocial-high-risk',
] as const;
export type TriageCode = (typeof TRIAGE_CODES)[number];

/** What a triage rule tells the person when it fires, and where that comes from. */
export interface TriageRuleContent {
  /** Why this matters, in plain words. */
  text: string;
  sources: readonly SourceId[];
}

/**
 * The words of the triage policy: each rule's reason, and the advice for each level and gate. Which answers
 * fire a rule, and its level and gate, are the engine's (`src/engine/triage.ts`).
 */
export interface TriageWords {
  rules: Readonly<Record<TriageCode, TriageRuleContent>>;
  /** What the person is told for each level. */
  levelAdvice: Readonly<Record<Level, string>>;
  /** What is still safe to do while waiting to be seen, for each exercise gate. */
  gateAdvice: Readonly<Record<Gate, string>>;
  /** The emergency safety net every level below emergency carries. */
  safetyNet: string;
}

/** The contributor clues by stable id, `<contributor>.<what it reads>`, grouped by contributor. */
export const CLUE_IDS = [
  'lumbar-radiculopathy.pain-below-knee',
  'lumbar-radiculopathy.slr-test',
  'lumbar-radiculopathy.slr-dorsiflexion-worse',
  'lumbar-radiculopathy.worse-cough-sneeze',
  'lumbar-radiculopathy.numbness-below-knee',
  'lumbar-radiculopathy.numbness-thigh',
  'lumbar-radiculopathy.leg-weakness',
  'lumbar-radiculopathy.pain-quality',
  'lumbar-radiculopathy.worse-bending',
  'lumbar-radiculopathy.leg-side-against',
  'lumbar-radiculopathy.slr-test-against',
  'piriformis-syndrome.deep-buttock-pain-sitting',
  'piriformis-syndrome.hip-rotation-provokes',
  'piriformis-syndrome.buttock-pain',
  'piriformis-syndrome.buttock-without-back-pain',
  'piriformis-syndrome.worse-sitting',
  'piriformis-syndrome.worse-cough-sneeze-against',
  'piriformis-syndrome.leg-weakness-against',
  'piriformis-syndrome.leg-side-against',
  'hamstring-tightness.hamstring-tightness',
  'hamstring-tightness.toe-touch',
  'hamstring-tightness.slr-angle-under-70',
  'hamstring-tightness.slr-angle-70-to-80',
  'hamstring-tightness.slr-angle-80-or-more',
  'hamstring-tightness.toe-touch-against',
  'hamstring-tightness.slr-test',
  'hamstring-tightness.sitting-hours',
  'hamstring-tightness.pain-quality',
  'hamstring-tightness.worse-bending',
  'hamstring-tightness.thigh-injury-against',
  'hamstring-weakness.hamstring-tightness',
  'hamstring-weakness.back-fatigue',
  'hamstring-weakness.activity',
  'hamstring-weakness.toe-touch-against',
  'hamstring-weakness.thigh-injury-against',
  'postural-strain.sitting-hours',
  'postural-strain.activity',
  'postural-strain.worse-sitting',
  'postural-strain.eases-with-movement',
  'postural-strain.back-fatigue',
  'postural-strain.leg-side',
  'postural-strain.pain-areas-against',
  'hamstring-strain-injury.thigh-injury',
  'hamstring-strain-injury.thigh-bruising',
  'hamstring-strain-injury.pain-areas',
  'hamstring-strain-injury.activity',
  'hamstring-strain-injury.thigh-injury-against',
  'non-specific-mechanical.pain-areas',
  'non-specific-mechanical.worse-bending',
  'non-specific-mechanical.leg-side',
  'non-specific-mechanical.lifting-work',
  'non-specific-mechanical.pain-areas-against',
] as const;
export type ClueId = (typeof CLUE_IDS)[number];

/** A clue: when it holds (the engine decides from the answers), it moves one contributor up or down. */
export interface ContributorClue {
  contributor: ContributorId;
  /** Points: positive for the contributor, negative against. */
  weight: number;
  /** What the clue tells the person, shown under "Why we think so". */
  text: string;
}

/** Why a self-care item joins a plan, by stable id, `<item>.<what it answers>`. */
export const SELF_CARE_REASON_IDS = [
  'cold-pack.first-48-hours',
  'moist-heat.after-cold',
  'moist-heat.after-48-hours',
  'walking-breaks.long-sitting',
  'desk-setup.long-sitting',
  'lifting-technique.lifting-work',
  'lifting-technique.worse-bending',
  'massage-gun-caution.hamstrings',
] as const;
export type SelfCareReasonId = (typeof SELF_CARE_REASON_IDS)[number];

/** A reason a self-care item joins a plan (the engine decides when it holds), in the person's words. */
export interface SelfCareReason {
  item: SelfCareId;
  text: string;
}

/** The notes a programme can carry, by stable id: why it is empty or limited. */
export const PROGRAMME_NOTE_IDS = [
  'not-now',
  'gentle-only',
  'hamstring-injury',
  'backing-off',
  'all-stopped',
  'unpaired',
] as const;
export type ProgrammeNoteId = (typeof PROGRAMME_NOTE_IDS)[number];

/** The cautions an exercise can carry in a plan, by stable id. */
export const CAUTION_IDS = ['gentle-only', 'below-knee-hamstring-stretch'] as const;
export type CautionId = (typeof CAUTION_IDS)[number];

/** Why a clinician's change to a programme is refused, by the safety rule (and case) that refuses it. */
export const REFUSAL_IDS = [
  'gate-not-now',
  'gate-gentle-only',
  'stop-rule',
  'back-off-nerve-tension',
  'back-off-not-gentle',
  'warning-pause',
  'lowest-dose-gate',
  'lowest-dose-back-off',
] as const;
export type RefusalId = (typeof REFUSAL_IDS)[number];

/** The words of a programme and of the rules that change it: notes, cautions and a clinician's refusals. */
export interface ProgrammeWords {
  notes: Readonly<Record<ProgrammeNoteId, string>>;
  cautions: Readonly<Record<CautionId, string>>;
  refusals: Readonly<Record<RefusalId, string>>;
}

/* The outcome measures (`instruments.ts`). */

/** The instruments, by stable id. */
export const INSTRUMENT_IDS = [
  'pain-nrs',
  'rmdq',
  'psfs',
  'sciatica-bothersomeness',
  'global-rating-of-change',
  'oswestry-total',
] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

/** The smallest change a person would notice as real, in points or as a share of the starting score. */
export interface MinimalImportantChange {
  points: number;
  /** Also counts as important when the change is at least this share of the start (0..1). */
  fraction?: number;
  /** Where the threshold comes from, and how firm it is. */
  note: string;
}

export interface InstrumentBase {
  id: InstrumentId;
  name: string;
  /** What it measures, in one plain sentence. */
  purpose: string;
  /** Lowest and highest possible scores. */
  range: { min: number; max: number };
  /** Whether a higher score is worse (disability, pain) or better (function). */
  higherIsWorse: boolean;
  minimalImportantChange: MinimalImportantChange | null;
  /** LOINC code for the total, only where one is known to exist for exactly this score. */
  loinc?: { code: string; display: string };
  /** Citation of the instrument's authors. */
  citation: string;
  /** Who may use it, and on what terms. */
  licence: string;
}

/** Answered by ticking the statements that apply today: the score is how many were ticked. */
export interface ChecklistInstrument extends InstrumentBase {
  kind: 'checklist';
  instructions: string;
  items: readonly string[];
}

/** A fixed set of items, each rated on the same labelled scale: the score is their sum. */
export interface RatedItemsInstrument extends InstrumentBase {
  kind: 'rated-items';
  instructions: string;
  items: readonly string[];
  scale: readonly { value: number; label: string }[];
}

/** Up to `maxActivities` activities the person names, each rated 0..10: the score is their mean. */
export interface PatientSpecificInstrument extends InstrumentBase {
  kind: 'patient-specific';
  instructions: string;
  maxActivities: number;
}

/** One answer from a labelled scale. */
export interface SingleRatingInstrument extends InstrumentBase {
  kind: 'single-rating';
  question: string;
  scale: readonly { value: number; label: string }[];
}

/** A total entered by a clinician from an instrument the project may not reproduce. */
export interface EnteredTotalInstrument extends InstrumentBase {
  kind: 'entered-total';
}

export type Instrument =
  | ChecklistInstrument
  | RatedItemsInstrument
  | PatientSpecificInstrument
  | SingleRatingInstrument
  | EnteredTotalInstrument;

/** The whole knowledge base, passed into the engine with its version. */
export interface KnowledgeBase {
  version: string;
  /** The version of the triage policy (`docs/triage-policy.md`) the triage rules implement. */
  policyVersion: number;
  triage: TriageWords;
  sources: readonly Source[];
  contributors: readonly Contributor[];
  /** The clues that score the contributors, by id. */
  clues: Readonly<Record<ClueId, ContributorClue>>;
  exercises: readonly Exercise[];
  /** The "never when" situations exercises name, by id. */
  exclusions: Readonly<Record<ExclusionCode, Exclusion>>;
  selfCare: readonly SelfCareItem[];
  /** Why each self-care item joins a plan, by id. */
  selfCareReasons: Readonly<Record<SelfCareReasonId, SelfCareReason>>;
  /** The words of a programme: its notes and cautions, and why a clinician's change is refused. */
  programme: ProgrammeWords;
  topics: readonly EducationTopic[];
  careAdvice: readonly CareAdvice[];
  prognosis: Prognosis;
  stopRules: readonly StopRule[];
  progression: ProgressionRule;
  backOff: BackOffRule;
  /** The outcome measures (`instruments.ts`), by id; `INSTRUMENT_IDS` gives their order. */
  instruments: Readonly<Record<InstrumentId, Instrument>>;
}
