// A refused programme change in words: the rule's own text, and for a dose above the lowest, that lowest
// dose in the one dose sentence (the engine carries it as data).
import type { ChangeRefusal } from '../engine/clinician-change.js';
import { dosageWords } from './dose.js';
import { lowerFirst } from './text.js';

/**
 * A refusal as a clinician reads it: "Only the lowest dose while backing off after pain spread down the
 * leg. The lowest dose of this exercise: 20 repetitions, once a day."
 */
export function refusalWords(refusal: Pick<ChangeRefusal, 'text' | 'lowest'>): string {
  const { lowest } = refusal;
  if (lowest === undefined) return refusal.text;
  const dose = lowerFirst(dosageWords(lowest.dosage, lowest.timesPerDay));
  return `${refusal.text} The lowest dose of this exercise: ${dose}.`;
}
