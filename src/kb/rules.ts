// The rules every session shows and enforces (`exercises.md`), and the progression rule, as data.
import type { BackOffRule, ProgressionRule, StopRule } from './types.js';

export const stopRules: readonly StopRule[] = [
  {
    code: 'stop-if-sharper-or-spreading',
    text: 'Stop the exercise at once if the pain gets sharper or spreads further down your leg. Sharper pain: that exercise comes out of your plan and a gentler one is offered. Pain spreading down the leg: the session ends for today, and your plan stays gentle, without the stretches that pull on the sciatic nerve, until your check-ins show the leg has settled for a week. If pain spreads a second time within a week, or you notice new numbness or weakness, you will be asked the warning-sign questions again before the next session.',
    sources: ['art-causes', 'art-weak-hamstrings'],
  },
  {
    code: 'never-stretch-into-pain',
    text: 'Never stretch into pain. Stop at the first feeling of stretch and hold there; a stretch should feel like a gentle pull, never a sharp or burning pain.',
    sources: ['art-tight-hamstrings-pt', 'art-lbp-sciatica-hamstrings'],
  },
  {
    code: 'progress-when-too-easy-twice',
    text: 'Move a stretch or exercise on only when it has been too easy for two sessions running. After each exercise you are asked "Was it too easy?"; how the pain felt is asked separately and never makes an exercise harder.',
    sources: ['art-lbp-sciatica-hamstrings'],
  },
  {
    code: 'start-gradually',
    text: 'Start gradually, at the lowest dose. Advice from a physiotherapist or doctor is worth having before you begin, especially if the pain is recent and strong, or has lasted for months.',
    sources: ['art-weak-hamstrings'],
  },
  {
    code: 'stretch-with-strength',
    text: 'Stretching alone rarely settles this kind of pain, so your plan pairs stretches with strengthening whenever it is safe to.',
    sources: ['art-tight-hamstrings-pt', 'art-lbp-sciatica-hamstrings'],
  },
];

export const progression: ProgressionRule = {
  tooEasySessions: 2,
  text: 'When you have answered "yes, too easy" for an exercise two sessions running, its dose goes up one step (a longer hold, more repetitions, then more rounds) until it reaches the top of its range; after that it moves on to the next, harder exercise. An exercise that made pain sharper or spread down the leg is replaced by a gentler one.',
  sources: ['art-lbp-sciatica-hamstrings', 'art-weak-hamstrings'],
};

export const backOff: BackOffRule = {
  settledDays: 7,
  spreadWindowDays: 7,
  spreadAdvice: [
    'Stop exercising for today. Pain spreading further down the leg means the nerve is more irritated, so your plan now keeps to gentle exercises and leaves out the stretches that pull on the sciatic nerve.',
    'For now, find a position that eases the leg: many people find lying on their back with the knees bent over a pillow, or on their side with a pillow between the knees, the most comfortable. Keep moving gently about the house and take short walks as far as is comfortable; long bed rest does not help.',
    'If the leg pain has not settled back to where it was within a few days, or keeps spreading, book to see a GP or physiotherapist. Go to an emergency department at once if you notice numbness around the genitals or back passage, a change in bladder or bowel control, or weakness in both legs.',
  ],
  newLegSymptomsAdvice: [
    'Your check-in shows pain or symptoms in a part of the leg, or on a side, that you did not have when you answered the questions. That can mean a nerve is more irritated than before.',
    'Please answer the questions again, so your advice and plan fit how things are now. Until then your plan keeps to gentle exercises without the stretches that pull on the sciatic nerve. If the new symptoms are strong or getting worse, speak to a GP or physiotherapist.',
  ],
  sharperAdvice:
    'That exercise made the pain sharper, so it has come out of your plan. Where there is a gentler exercise of the same kind, it takes its place.',
  sources: ['art-causes', 'art-weak-hamstrings', 'nice-cks-sciatica', 'nice-ng59'],
};
