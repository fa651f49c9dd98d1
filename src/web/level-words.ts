// The words for each triage level on screen: its headline, its name beside the icon, and the heading
// over whom to contact. Free of the engine, so the first screen can show a standing warning without loading it.
import type { Level } from '../engine/triage.js';

/** The heading that says the level in words, first thing on the screen. */
export const HEADLINE: Record<Level, string> = {
  emergency: 'Emergency: go to an emergency department now',
  urgent: 'Urgent: speak to a doctor today',
  soon: 'Soon: see a GP or physiotherapist within 1 to 2 weeks',
  'self-care': 'No warning signs found: you can start with self-care',
};

/** The level's name, shown beside its icon. */
export const LEVEL_NAME: Record<Level, string> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  soon: 'Soon',
  'self-care': 'Self-care',
};

/** The heading over the first part of the advice. */
export const CONTACT_HEADING: Record<Level, string> = {
  emergency: 'What to do now',
  urgent: 'Whom to contact, and when',
  soon: 'Whom to contact, and when',
  'self-care': 'What to do',
};

/** The advice of a level split into parts, so the screen can give each its own heading. */
export interface AdviceParts {
  /** Whom to contact and when (for self-care: what to do). */
  contact: string;
  /** What is still safe to do meanwhile; absent for self-care (the programme is open) and emergency. */
  safe?: string;
  /** When to go to an emergency department after all; absent for an emergency. */
  safetyNet?: string;
}
