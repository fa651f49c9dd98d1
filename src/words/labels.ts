// Labels for answers: the STarT Back tool's last question, and the intake's answers as a clinician reads
// them back on the report. The intake questions' own option labels live with the questions (engine/questions.ts).
import type { Intake } from '../engine/intake.js';
import { START_BACK_Q9 } from '../engine/intake-values.js';

export type StartBackQ9 = (typeof START_BACK_Q9)[number];

/** The answers to STarT Back question 9 (how bothersome), as the tool words them. */
export const START_BACK_Q9_LABELS: Record<StartBackQ9, string> = {
  'not-at-all': 'Not at all',
  slightly: 'Slightly',
  moderately: 'Moderately',
  'very-much': 'Very much',
  extremely: 'Extremely',
};

/** Question 9's answers in the tool's order, each with its label. */
export const START_BACK_Q9_OPTIONS: readonly { value: StartBackQ9; label: string }[] =
  START_BACK_Q9.map((value) => ({ value, label: START_BACK_Q9_LABELS[value] }));

/** Where the pain reaches, within a sentence ("lower back, back of the thigh"). */
export const PAIN_AREA_WORDS: Record<Intake['painAreas'][number], string> = {
  'lower-back': 'lower back',
  buttock: 'buttock',
  'back-of-thigh': 'back of the thigh',
  'below-knee': 'below the knee',
  foot: 'foot',
};

export const LEG_SIDE_WORDS: Record<Intake['legSide'], string> = {
  none: 'No leg symptoms',
  left: 'Left leg',
  right: 'Right leg',
  both: 'Both legs',
};

export const NUMBNESS_WORDS: Record<Intake['numbness'], string> = {
  none: 'None',
  thigh: 'In the thigh',
  'below-knee': 'Below the knee',
  foot: 'In the foot',
};

export const WEAKNESS_WORDS: Record<Intake['legWeakness'], string> = {
  none: 'None',
  mild: 'Mild leg weakness',
  'foot-drop': 'Foot drop (the foot slaps or catches)',
};

export const SLR_WORDS: Record<Intake['slrTest'], string> = {
  'not-done': 'Not done',
  'thigh-pull': 'Pull in the back of the thigh only',
  'back-pain': 'Brought on back pain',
  'leg-pain-below-knee': 'Brought on pain below the knee',
};

export const TOE_TOUCH_WORDS: Record<Intake['toeTouch'], string> = {
  reaches: 'Reaches the toes',
  short: 'Stops short of the toes',
  'not-tried': 'Not tried',
};
