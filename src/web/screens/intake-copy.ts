// The questions' own words beside the shared question texts: each step's introduction, extra hints, and the
// how-to steps of the two self-tests. Kept as data so the readability test can read them.
import type { QuestionField, StepId } from './intake-steps.js';

export const STEP_INTROS: Partial<Record<StepId, string>> = {
  'warning-signs':
    'These come first, because a few rare problems need a doctor quickly. Please answer every question Yes or No.',
  'about-you': 'A few numbers about you and this bout of pain.',
  'where-it-hurts':
    'Mark everywhere the pain reaches right now, in the list or on the picture. The picture shows the body from behind, so your left is on its left.',
  pattern: 'Answer the ones you can. Leave out any you are not sure about.',
  'self-tests':
    'Two simple checks you can do at home. Only try them if they feel comfortable: “I did not try” is a fine answer.',
  thigh: 'Leave out any you are not sure about.',
  'daily-life': 'Leave out any you are not sure about.',
  'start-back':
    'The STarT Back questions are a short list that GPs and physios use. Your answers show how much the pain affects your day and your mood, so the right amount of support can be suggested.',
};

/** Extra help beside some questions, where the shared wording leaves a term or a step unexplained. */
export const EXTRA_HINTS: Partial<Record<QuestionField, string>> = {
  durationDays: 'For example 14 for two weeks, or 0 if it began today.',
  weaknessWorsening: 'For example, the foot catches more often, or the leg gives way more easily.',
  slrAngle:
    '0 degrees is the leg flat on the floor; 90 is pointing straight up. You can measure it later on the Measure screen.',
  slrDorsiflexionWorse:
    'Raise the leg again to just below where you felt it, then pull your toes towards you. Skip this if it hurts.',
  sittingHours: 'Count work, travel and time at home. You can use a decimal, such as 7.5.',
  numbness: 'Pins and needles is a prickling, tingling feeling.',
  legSide: 'Symptoms means pain, numbness or pins and needles.',
};

export const TOE_TOUCH_HOW_TO: readonly string[] = [
  'Stand with your feet together and your knees straight, but not pressed back hard.',
  'Breathe out and slowly bend forward from the hips. Let your arms hang down towards your toes.',
  'Go only as far as is comfortable. Stop at once if you feel pain in your back or down your leg.',
  'Notice whether your fingertips reach your toes. Come back up slowly; bending your knees a little makes it easier.',
];

export const SLR_HOW_TO: readonly string[] = [
  'Lie on your back on the floor or a firm bed, with both legs straight.',
  'Tighten the front of one thigh so that knee stays straight. Slowly lift that leg, or have someone lift it for you by the heel.',
  'Stop as soon as you feel a pull or any pain, and lower the leg slowly. Do not push through it.',
  'If your pain already goes below the knee, stop the moment you feel it there. There is no need to bring it on fully.',
  'Notice what you felt, and where: only a pull in the back of the thigh, pain in the back, or pain running down the leg below the knee.',
  'Try the other leg the same way, and answer for the leg that brought on more.',
];
