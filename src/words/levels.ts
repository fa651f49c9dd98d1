// The words for triage levels, exercise gates, phases, likelihoods, evidence and risk: one table each,
// read by the screens, the report, the terminal and the exports. Types only from the engine, so the
// first screen can show a level without loading the engine.
import type { Likelihood } from '../engine/contributors.js';
import type { Phase } from '../engine/intake.js';
import type { StartBackRisk } from '../engine/start-back.js';
import type { Gate, Level } from '../engine/triage.js';
import type { EvidenceStrength } from '../kb/types.js';
import { lowerFirst } from './text.js';

/** The heading that says the level in words, first thing on a result, a report or the terminal. */
export const LEVEL_HEADLINE: Record<Level, string> = {
  emergency: 'Emergency: go to an emergency department now',
  urgent: 'Urgent: speak to a doctor today',
  soon: 'Soon: see a GP or physiotherapist within 1 to 2 weeks',
  'self-care': 'No warning signs found: you can start with self-care',
};

/** The heading over the advice when a daily check-in finds a warning sign; for self-care, the check-in was saved. */
export const CHECKIN_ADVICE_HEADING: Record<Level, string> = {
  emergency: 'Get emergency help now',
  urgent: 'Speak to a doctor today',
  soon: 'Book an appointment with a GP or physiotherapist',
  'self-care': 'Check-in saved',
};

/** The level's name alone, shown beside its icon or in a list. */
export const LEVEL_NAME: Record<Level, string> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  soon: 'Soon',
  'self-care': 'Self-care',
};

/** The heading over the first part of a level's advice. */
export const CONTACT_HEADING: Record<Level, string> = {
  emergency: 'What to do now',
  urgent: 'Whom to contact, and when',
  soon: 'Whom to contact, and when',
  'self-care': 'What to do',
};

/** What the exercise gate allows, to continue a sentence ("Exercise: …"). */
export const GATE_WORDS: Record<Gate, string> = {
  allowed: 'exercise allowed, built up gradually',
  'gentle-only': 'gentle exercises only, at the lowest dose, until seen',
  'not-now': 'no exercise until seen',
};

/** The phase of the episode, to continue a sentence ("Phase: …"). */
export const PHASE_WORDS: Record<Phase, string> = {
  acute: 'acute (under 6 weeks)',
  subacute: 'subacute (6 to 12 weeks)',
  chronic: 'persistent (over 12 weeks)',
};

/** The phase in a sentence of its own, for the person. */
export const PHASE_SENTENCE: Record<Phase, string> = {
  acute: 'This pain began less than 6 weeks ago.',
  subacute: 'This pain began 6 to 12 weeks ago.',
  chronic: 'This pain began more than 12 weeks ago.',
};

/** The phase in a sentence, with the name doctors give it: the programme says why it starts as it does. */
export const PHASE_NAMED: Record<Phase, string> = {
  acute: 'Your pain began less than 6 weeks ago (doctors call this the acute phase).',
  subacute: 'Your pain began 6 to 12 weeks ago (the subacute phase).',
  chronic: 'Your pain has lasted more than 12 weeks (persistent, or chronic, pain).',
};

/** How likely a contributor is. */
export const LIKELIHOOD_WORDS: Record<Likelihood, string> = {
  likely: 'Likely',
  possible: 'Possible',
  unlikely: 'Unlikely',
};

/** How strong the evidence behind a contributor is, as a label ("Very weak"). */
export const STRENGTH_WORDS: Record<EvidenceStrength, string> = {
  strong: 'Strong',
  moderate: 'Moderate',
  weak: 'Weak',
  'very-weak': 'Very weak',
};

/** The strength in a phrase: "very weak evidence". */
export function evidenceWords(s: EvidenceStrength): string {
  return `${lowerFirst(STRENGTH_WORDS[s])} evidence`;
}

/** A STarT Back risk group: "Low risk". */
export const RISK_WORDS: Record<StartBackRisk, string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
};
