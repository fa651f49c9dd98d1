// The intake's answer values (intake.md), without zod, so the questions can load in a browser before the parser does.
export const PAIN_AREAS = ['lower-back', 'buttock', 'back-of-thigh', 'below-knee', 'foot'] as const;
export type PainArea = (typeof PAIN_AREAS)[number];
export const LEG_SIDES = ['none', 'left', 'right', 'both'] as const;
export const PAIN_QUALITIES = ['ache', 'pulling', 'sharp', 'burning', 'shooting'] as const;
export const NUMBNESS_LEVELS = ['none', 'thigh', 'below-knee', 'foot'] as const;
export const LEG_WEAKNESS = ['none', 'mild', 'foot-drop'] as const;
export const TRAUMA = ['none', 'minor', 'major'] as const;
export const TOE_TOUCH = ['reaches', 'short', 'not-tried'] as const;
export const SLR_TESTS = ['not-done', 'thigh-pull', 'back-pain', 'leg-pain-below-knee'] as const;
export const ACTIVITY = ['sedentary', 'light', 'active'] as const;
export const START_BACK_Q9 = [
  'not-at-all',
  'slightly',
  'moderately',
  'very-much',
  'extremely',
] as const;
