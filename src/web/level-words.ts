// The words for each triage level on screen: its headline, its name beside the icon, and the heading
// over whom to contact. Free of the engine, so the first screen can show a standing warning without loading it.

// The tables live in src/words with every other surface's words; these names are the screens' own.
export { CONTACT_HEADING, LEVEL_HEADLINE as HEADLINE, LEVEL_NAME } from '../words/levels.js';

/** The advice of a level split into parts, so the screen can give each its own heading. */
export interface AdviceParts {
  /** Whom to contact and when (for self-care: what to do). */
  contact: string;
  /** What is still safe to do meanwhile; absent for self-care (the programme is open) and emergency. */
  safe?: string;
  /** When to go to an emergency department after all; absent for an emergency. */
  safetyNet?: string;
}
