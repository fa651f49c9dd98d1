// The rules every session shows and enforces (`exercises.md`), and the progression rule, as data.
import type { ProgressionRule, StopRule } from './types.js';

export const stopRules: readonly StopRule[] = [
  {
    code: 'stop-if-sharper-or-spreading',
    text: 'Stop the exercise at once if the pain gets sharper or spreads further down your leg. That exercise then comes out of your plan and a gentler one is offered. If pain spreads a second time within a week, or you notice new numbness or weakness, you will be asked the warning-sign questions again before the next session.',
    sources: ['art-causes', 'art-weak-hamstrings'],
  },
  {
    code: 'never-stretch-into-pain',
    text: 'Never stretch into pain. Stop at the first feeling of stretch and hold there; a stretch should feel like a gentle pull, never a sharp or burning pain.',
    sources: ['art-tight-hamstrings-pt', 'art-lbp-sciatica-hamstrings'],
  },
  {
    code: 'progress-when-too-easy-twice',
    text: 'Move a stretch or exercise on only when it has felt too easy for two sessions running.',
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
  text: 'When an exercise has felt too easy for two sessions running, its dose goes up one step (a longer hold, more repetitions, then more rounds) until it reaches the top of its range; after that it moves on to the next, harder exercise. An exercise that made pain sharper or spread down the leg is replaced by a gentler one.',
  sources: ['art-lbp-sciatica-hamstrings', 'art-weak-hamstrings'],
};
