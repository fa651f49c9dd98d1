// The intake questions as data, in the order a person is asked them: warning signs first.
// Shared by the terminal interview, the web app and the FHIR Questionnaire, so wording lives in one place.
import {
  ACTIVITY,
  LEG_SIDES,
  LEG_WEAKNESS,
  NUMBNESS_LEVELS,
  PAIN_AREAS,
  PAIN_QUALITIES,
  SLR_TESTS,
  TOE_TOUCH,
  TRAUMA,
} from './intake-values.js';
import type { IntakeField } from './intake.js';

export type SectionId =
  | 'warning-signs'
  | 'about-you'
  | 'where-it-hurts'
  | 'history'
  | 'pattern'
  | 'self-tests'
  | 'thigh'
  | 'daily-life';

export interface Option {
  value: string;
  label: string;
}

export type QuestionKind = 'yes-no' | 'choice' | 'multi' | 'integer' | 'number';

export interface Question {
  field: Exclude<IntakeField, 'version' | 'startBack'>;
  section: SectionId;
  kind: QuestionKind;
  text: string;
  help?: string;
  options?: readonly Option[];
  min?: number;
  max?: number;
  /** Required by the contract (no default). */
  required: boolean;
  /** A warning-sign question: always asked, and answered explicitly, never defaulted. */
  warning: boolean;
}

export const SECTIONS: readonly { id: SectionId; title: string }[] = [
  { id: 'warning-signs', title: 'Warning signs' },
  { id: 'about-you', title: 'About you and this episode' },
  { id: 'where-it-hurts', title: 'Where it hurts' },
  { id: 'history', title: 'Your health' },
  { id: 'pattern', title: 'What makes it better or worse' },
  { id: 'self-tests', title: 'Two simple self-tests' },
  { id: 'thigh', title: 'The back of the thigh' },
  { id: 'daily-life', title: 'Your day' },
];

const labels = (values: readonly string[], words: Record<string, string>): Option[] =>
  values.map((value) => ({ value, label: words[value] ?? value }));

export const QUESTIONS: readonly Question[] = [
  // Warning signs come first, so someone who needs a doctor today hears it before anything else.
  {
    field: 'saddleNumbness',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Do you have numbness or tingling around your genitals, back passage (anus) or inner thighs?',
  },
  {
    field: 'bladderChange',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Have you had new difficulty starting or stopping urine, a weak flow, or any loss of bladder control?',
  },
  {
    field: 'bowelChange',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Have you had a new loss of bowel control, or lost the feeling of needing to go?',
  },
  {
    field: 'sexualDysfunction',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Have you noticed a new loss of sexual function or of feeling in the genitals?',
  },
  {
    field: 'trauma',
    section: 'warning-signs',
    kind: 'choice',
    required: false,
    warning: true,
    text: 'Did the pain start after a fall or an accident?',
    options: labels(TRAUMA, {
      none: 'No',
      minor: 'Yes, a minor one (a slip or fall at home)',
      major: 'Yes, a major one (fall from a height, road accident, sports collision)',
    }),
  },
  {
    field: 'legWeakness',
    section: 'warning-signs',
    kind: 'choice',
    required: false,
    warning: true,
    text: 'Is either leg weak?',
    help: 'Foot drop: the foot slaps down or catches when you walk, or you cannot walk on your heels.',
    options: labels(LEG_WEAKNESS, {
      none: 'No',
      mild: 'Yes, a little weak',
      'foot-drop': 'Yes, the foot slaps or catches (foot drop)',
    }),
  },
  {
    field: 'weaknessWorsening',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Is any leg weakness getting worse over hours or days?',
  },
  {
    field: 'fever',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Do you have a fever, chills, or feel generally unwell along with the back pain?',
  },
  {
    field: 'fractureRisk',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Do you have osteoporosis (thin bones), or take steroid tablets long term?',
  },
  {
    field: 'cancerHistory',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Have you ever been treated for cancer?',
  },
  {
    field: 'weightLoss',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Have you lost weight in recent months without trying?',
  },
  {
    field: 'nightPainConstant',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Is the pain constant at night, with no position that eases it?',
  },
  {
    field: 'thoracicPain',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Do you have pain between your shoulder blades?',
  },
  {
    field: 'immunosuppressed',
    section: 'warning-signs',
    kind: 'yes-no',
    required: false,
    warning: true,
    text: 'Is your immune system weakened (for example by illness or long-term medicines that suppress it), or do you inject drugs?',
  },

  {
    field: 'age',
    section: 'about-you',
    kind: 'integer',
    min: 16,
    max: 110,
    required: true,
    warning: true,
    text: 'How old are you?',
  },
  {
    field: 'durationDays',
    section: 'about-you',
    kind: 'integer',
    min: 0,
    required: true,
    warning: false,
    text: 'How many days ago did this episode of pain begin? (0 = today)',
  },
  {
    field: 'painNow',
    section: 'about-you',
    kind: 'integer',
    min: 0,
    max: 10,
    required: true,
    warning: true,
    text: 'How bad is the pain right now, from 0 (none) to 10 (the worst imaginable)?',
  },

  {
    field: 'painAreas',
    section: 'where-it-hurts',
    kind: 'multi',
    required: true,
    warning: false,
    text: 'Where does the pain reach right now? Choose every area.',
    options: labels(PAIN_AREAS, {
      'lower-back': 'Lower back',
      buttock: 'Buttock',
      'back-of-thigh': 'Back of the thigh',
      'below-knee': 'Below the knee',
      foot: 'Foot',
    }),
  },
  {
    field: 'legSide',
    section: 'where-it-hurts',
    kind: 'choice',
    required: true,
    warning: true,
    text: 'Which side are any buttock or leg symptoms on?',
    options: labels(LEG_SIDES, {
      none: 'No buttock or leg symptoms',
      left: 'Left',
      right: 'Right',
      both: 'Both sides',
    }),
  },
  {
    field: 'numbness',
    section: 'where-it-hurts',
    kind: 'choice',
    required: false,
    warning: true,
    text: 'How far down the leg do you feel any numbness or pins and needles?',
    options: labels(NUMBNESS_LEVELS, {
      none: 'None',
      thigh: 'In the thigh',
      'below-knee': 'Below the knee',
      foot: 'In the foot',
    }),
  },
  {
    field: 'painQuality',
    section: 'where-it-hurts',
    kind: 'multi',
    required: false,
    warning: false,
    text: 'How does the pain feel? Choose any that fit.',
    options: labels(PAIN_QUALITIES, {
      ache: 'Aching',
      pulling: 'Pulling',
      sharp: 'Sharp',
      burning: 'Burning',
      shooting: 'Shooting',
    }),
  },

  {
    field: 'worseSitting',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Is the pain worse after sitting for a while?',
  },
  {
    field: 'worseBending',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Is the pain worse when you bend forward?',
  },
  {
    field: 'worseCoughSneeze',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Is the leg pain worse when you cough or sneeze?',
  },
  {
    field: 'easesWithMovement',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Does the pain ease when you walk or move around?',
  },
  {
    field: 'morningStiffnessOver30Min',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'After waking, are you stiff for more than 30 minutes, easing as you get going?',
  },
  {
    field: 'deepButtockPainSitting',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Do you get a deep pain in the buttock when sitting, especially on hard seats?',
  },
  {
    field: 'hipRotationProvokes',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Does crossing your legs, or turning the hip inwards, bring on the buttock or leg pain?',
  },
  {
    field: 'hamstringTightness',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Do the backs of your thighs feel tight?',
  },
  {
    field: 'backFatigue',
    section: 'pattern',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Does your lower back tire or ache after standing or activity?',
  },

  {
    field: 'toeTouch',
    section: 'self-tests',
    kind: 'choice',
    required: false,
    warning: false,
    text: 'Standing with your knees straight, can your fingertips reach your toes? Only try this if it is comfortable.',
    options: labels(TOE_TOUCH, {
      reaches: 'Yes, they reach',
      short: 'No, they stop short',
      'not-tried': 'I did not try',
    }),
  },
  {
    field: 'slrTest',
    section: 'self-tests',
    kind: 'choice',
    required: false,
    warning: false,
    text: 'Lie on your back and slowly raise one leg with the knee straight (or have someone raise it). What does it bring on?',
    help: 'Stop as soon as you feel a pull or any pain. Do not push through it.',
    options: labels(SLR_TESTS, {
      'not-done': 'I did not do it',
      'thigh-pull': 'Only a pull in the back of the thigh',
      'back-pain': 'Pain in the back',
      'leg-pain-below-knee': 'Pain down the leg below the knee',
    }),
  },
  {
    field: 'slrAngle',
    section: 'self-tests',
    kind: 'integer',
    min: 0,
    max: 120,
    required: false,
    warning: false,
    text: 'If you measured it, how high did the straight leg go, in degrees? (leave empty if not measured)',
  },
  {
    field: 'slrDorsiflexionWorse',
    section: 'self-tests',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'During the leg raise, did pulling your toes towards you make the leg symptoms worse?',
  },

  {
    field: 'thighInjury',
    section: 'thigh',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Did you feel a sudden sharp pain in the back of the thigh while sprinting, kicking or stretching?',
  },
  {
    field: 'thighBruising',
    section: 'thigh',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Is there bruising on the back of the thigh?',
  },

  {
    field: 'sittingHours',
    section: 'daily-life',
    kind: 'number',
    min: 0,
    max: 24,
    required: false,
    warning: false,
    text: 'About how many hours do you sit on a usual day? (leave empty to skip)',
  },
  {
    field: 'activity',
    section: 'daily-life',
    kind: 'choice',
    required: false,
    warning: false,
    text: 'How active is a usual week for you?',
    options: labels(ACTIVITY, {
      sedentary: 'Mostly sitting',
      light: 'Lightly active',
      active: 'Active or sporty',
    }),
  },
  {
    field: 'liftingWork',
    section: 'daily-life',
    kind: 'yes-no',
    required: false,
    warning: false,
    text: 'Do you lift or carry loads at work?',
  },
];

/** The intake's question for a field, when it has one. */
export function questionFor(field: string): Question | undefined {
  return QUESTIONS.find((q) => q.field === field);
}

const CHECKIN_TEXT: Partial<
  Record<Question['field'], { text: string; options?: readonly Option[] }>
> = {
  saddleNumbness: {
    text: 'Since your last check-in, have you noticed numbness or tingling around your genitals, back passage (anus) or inner thighs?',
  },
  bladderChange: {
    text: 'Since your last check-in, have you had new difficulty starting or stopping urine, a weak flow, or any loss of bladder control?',
  },
  bowelChange: {
    text: 'Since your last check-in, have you had a new loss of bowel control, or lost the feeling of needing to go?',
  },
  sexualDysfunction: {
    text: 'Since your last check-in, have you noticed a new loss of sexual function or of feeling in the genitals?',
  },
  numbness: { text: 'Today, how far down the leg do you feel any numbness or pins and needles?' },
  legWeakness: { text: 'Today, is either leg weak?' },
  weaknessWorsening: {
    text: 'Has the leg weakness got worse since your last check-in, over hours or days?',
  },
  trauma: {
    text: 'Since your last check-in, have you had a fall or an accident?',
    options: labels(TRAUMA, {
      none: 'No',
      minor: 'Yes, a minor one (a slip or fall at home)',
      major: 'Yes, a major one (fall from a height, road accident, sports collision)',
    }),
  },
  fever: {
    text: 'Since your last check-in, have you had a fever or chills, or felt generally unwell?',
  },
  nightPainConstant: {
    text: 'Since your last check-in, has the pain been constant at night, with no position that eases it?',
  },
  weightLoss: { text: 'Since your last check-in, have you lost weight without trying?' },
  thoracicPain: {
    text: 'Since your last check-in, have you had pain between your shoulder blades?',
  },
};

/**
 * A warning-sign question as the daily check-in asks it: worded for "since your last check-in" (or
 * "today" for what is a state, not an event), with the intake's kind, options and help.
 */
export function checkinQuestion(field: Question['field']): Question {
  const base = questionFor(field);
  if (!base) throw new Error(`no question for ${field}`);
  const own = CHECKIN_TEXT[field];
  return { ...base, ...(own ?? {}) };
}
