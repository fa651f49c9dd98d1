// Keele STarT Back Tool scoring, exactly as `triage-policy.md` states it.
import type { StartBackAnswers } from './intake.js';

export type StartBackRisk = 'low' | 'medium' | 'high';

export interface StartBackScore {
  total: number;
  distress: number;
  risk: StartBackRisk;
}

/** Items 1–8 score 1 when agreed; item 9 scores 1 for "very much" or "extremely". Distress = items 5–9. */
export function scoreStartBack(a: StartBackAnswers): StartBackScore {
  const q9: number = a.q9 === 'very-much' || a.q9 === 'extremely' ? 1 : 0;
  const items = [a.q1, a.q2, a.q3, a.q4, a.q5, a.q6, a.q7, a.q8].map((agree): number =>
    agree ? 1 : 0,
  );
  const total = items.reduce((sum, x) => sum + x, 0) + q9;
  const distress = items.slice(4).reduce((sum, x) => sum + x, 0) + q9;
  const risk: StartBackRisk = distress >= 4 ? 'high' : total >= 4 ? 'medium' : 'low';
  return { total, distress, risk };
}

/** The Keele notice shown wherever the items are asked. */
export const KEELE_NOTICE =
  'The Keele STarT Back Screening Tool is copyright Keele University. It is used here with its free licence for non-commercial use.';

/** The nine items as a person is asked them (agree / disagree for 1–8). */
export const START_BACK_ITEMS = {
  q1: 'My back pain has spread down my leg(s) at some time in the last 2 weeks.',
  q2: 'I have had pain in the shoulder or neck at some time in the last 2 weeks.',
  q3: 'I have only walked short distances because of my back pain.',
  q4: 'In the last 2 weeks, I have dressed more slowly than usual because of back pain.',
  q5: 'It is not really safe for a person with a condition like mine to be physically active.',
  q6: 'Worrying thoughts have been going through my mind a lot of the time.',
  q7: 'I feel that my back pain is terrible and it is never going to get any better.',
  q8: 'In general I have not enjoyed all the things I used to enjoy.',
  q9: 'Overall, how bothersome has your back pain been in the last 2 weeks?',
} as const;
