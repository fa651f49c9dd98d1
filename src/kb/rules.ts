// The rules every session shows and enforces (`exercises.md`), and the progression rule, as data.
import type { BackOffRule, ProgressionRule, StopRule } from './types.js';

export const stopRules: readonly StopRule[] = [
  {
    code: 'stop-if-sharper-or-spreading',
    text: 'Stop the exercise at once if the pain gets sharper or spreads further down your leg. If the pain got sharper, that exercise comes out of your plan and a gentler one takes its place. If the pain spread down the leg, the session ends for today. Your plan then stays gentle, without the stretches that pull on the sciatic nerve, until your check-ins show the leg has settled for a week. If pain spreads again within a week, or you notice new numbness or weakness, you will be asked the warning-sign questions again before the next session.',
    sources: ['art-causes', 'art-weak-hamstrings'],
  },
  {
    code: 'never-stretch-into-pain',
    text: 'Never stretch into pain. Stop at the first feeling of stretch and hold there. A stretch should feel like a gentle pull, never a sharp or burning pain.',
    sources: ['art-tight-hamstrings-pt', 'art-lbp-sciatica-hamstrings'],
  },
  {
    code: 'progress-when-too-easy-twice',
    text: 'Move a stretch or exercise on only when it has been too easy for two sessions running. After each exercise you are asked "Was it too easy?" How the pain felt is asked on its own, and it never makes an exercise harder.',
    sources: ['art-lbp-sciatica-hamstrings'],
  },
  {
    code: 'start-gradually',
    text: 'Start slowly, at the lowest dose. It is worth asking a physio or doctor before you begin, most of all if the pain is new and strong, or has lasted for months.',
    sources: ['art-weak-hamstrings'],
  },
  {
    code: 'stretch-with-strength',
    text: 'Stretching alone rarely settles this kind of pain. So your plan pairs stretches with strength work whenever it is safe.',
    sources: ['art-tight-hamstrings-pt', 'art-lbp-sciatica-hamstrings'],
  },
];

export const progression: ProgressionRule = {
  tooEasySessions: 2,
  amountStep: { seconds: 10, reps: 5 },
  text: 'When you answer "yes, too easy" for an exercise two sessions running, its dose goes up one step. First the hold gets longer, then you do more of them, then more rounds. Once it reaches the top of its range, you move on to the next, harder exercise. If a move made pain sharper or spread down the leg, it is swapped for a gentler one.',
  sources: ['art-lbp-sciatica-hamstrings', 'art-weak-hamstrings'],
};

export const backOff: BackOffRule = {
  settledDays: 7,
  spreadWindowDays: 7,
  spreadAdvice: [
    'Stop exercising for today. Pain that spreads further down the leg means the nerve is more sore. So your plan now keeps to gentle exercises, and leaves out the stretches that pull on the sciatic nerve.',
    'For now, find a position that eases the leg. Many people find it best to lie on their back with the knees bent over a pillow. Or lie on your side with a pillow between the knees. Keep moving gently about the house, and take short walks as far as you can in comfort. Long bed rest does not help.',
    'If the leg pain has not settled back to where it was within a few days, or keeps spreading, book to see a GP or physio. Go to an emergency department at once if you get numbness between your legs or around your back passage, a change in how your bladder or bowels work, or weakness in both legs.',
  ],
  newLegSymptomsAdvice: [
    'Your check-in shows pain or other signs in a part of the leg, or on a side, that you did not have when you answered the questions. That can mean a nerve is more sore than before.',
    'Please answer the questions again, so your advice and plan fit how things are now. Until then your plan keeps to gentle exercises, without the stretches that pull on the sciatic nerve. If the new pain is strong or getting worse, speak to a GP or physio.',
  ],
  sharperAdvice:
    'That exercise made the pain sharper, so it has come out of your plan. If there is a gentler exercise of the same kind, it takes its place.',
  sources: ['art-causes', 'art-weak-hamstrings', 'nice-cks-sciatica', 'nice-ng59'],
};
