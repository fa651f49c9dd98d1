// The assessment just made, handed from the intake to the result screen, which shows it without asking
// for it again. It is taken once: a reload, or any later visit to the result, loads it as usual.
import type { AssessmentView, Repo } from '../data/types.js';

let handed: { mode: Repo['mode']; assessment: AssessmentView } | null = null;

/** Keeps the assessment the repository `mode` just answered with, for the result screen to take. */
export function handOverAssessment(mode: Repo['mode'], assessment: AssessmentView): void {
  handed = { mode, assessment };
}

/** The assessment handed over for this repository `mode`, once; null when there is none (or it was taken). */
export function takeHandedOver(mode: Repo['mode']): AssessmentView | null {
  const got = handed;
  handed = null;
  return got?.mode === mode ? got.assessment : null;
}
