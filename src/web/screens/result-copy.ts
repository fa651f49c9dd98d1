// The result screen's own words (beside the knowledge base's): kept as data for the readability test.
import { PHASE_SENTENCE } from '../../words/index.js';

/** The phase in a sentence of its own (src/words). */
export const PHASE_WORDS = PHASE_SENTENCE;

export const RESULT_WORDS = {
  noCause:
    'No single cause stands out. That is common: most back pain has no one clear cause, and it still gets better.',
  notDiagnosis: 'This is a guide, not a diagnosis.',
  fromCheckin:
    'This comes from a daily check-in that found a new warning sign, after your answers to the questions. Your programme is paused.',
  pausedByCheckin: 'A daily check-in found a new warning sign.',
  emergencyShow:
    'Show this screen to the staff if it helps. Do not start or continue any exercises.',
  noProgramme: 'Your programme could not be loaded just now. Try again in a moment.',
  notNow: 'For now there are no exercises: the programme waits until a clinician has seen you.',
  gentleOnly: 'Your programme starts with gentle exercises only, at the lowest dose.',
  allowed:
    'Your programme is ready: exercises, how much to do, and self-care that fits your answers.',
  noResult:
    'There is no result yet: the questions have not been answered on this device or account.',
  noResultTime: 'They take about five minutes, and the warning signs come first.',
} as const;

export const RESULT_COPY: readonly string[] = [
  ...Object.values(PHASE_WORDS),
  ...Object.values(RESULT_WORDS),
  'What is most likely going on',
  'What usually happens',
  'Why we think so',
  'Looking after sciatica',
  'What points to it',
  'What points away from it',
];
