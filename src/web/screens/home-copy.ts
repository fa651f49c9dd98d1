// The home page's words: what Backchain does, and how it works step by step. Kept as data for the readability test.

export const HOME_LEAD =
  'Backchain checks for warning signs first. Then it tells you how soon to get care, and gives you a plan of stretches, strength work and habits that fits your pain.';

export type StepIconKind = 'questions' | 'result' | 'plan' | 'checkin';

/** What Backchain does, step by step: the words beside each icon on the home page. */
export const HOW_IT_WORKS: readonly { icon: StepIconKind; title: string; text: string }[] = [
  {
    icon: 'questions',
    title: 'Five minutes of questions',
    text: 'Warning signs come first, then where it hurts and what makes it worse.',
  },
  {
    icon: 'result',
    title: 'Your result',
    text: 'How soon to get care, and what is most likely behind your pain.',
  },
  {
    icon: 'plan',
    title: 'A daily plan',
    text: 'Guided stretches and strength work with timers and pictures.',
  },
  {
    icon: 'checkin',
    title: 'Short check-ins',
    text: 'A minute a day, so you and your clinician can see how it goes.',
  },
];

export const HOME_PICTURE_TITLE =
  'A person lying on a mat, drawing one knee in to the chest: one of the gentle stretches in a Backchain plan.';

export const HOME_COPY: readonly string[] = [
  'Back pain that runs down the back of the thigh',
  HOME_LEAD,
  ...HOW_IT_WORKS.flatMap((s) => [s.title, s.text]),
  HOME_PICTURE_TITLE,
];
