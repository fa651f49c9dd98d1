// STarT Back scoring: totals, the distress subscale and the risk bands.
import { describe, expect, it } from 'vitest';
import type { StartBackAnswers } from './intake.js';
import { scoreStartBack } from './start-back.js';

const none: StartBackAnswers = {
  q1: false,
  q2: false,
  q3: false,
  q4: false,
  q5: false,
  q6: false,
  q7: false,
  q8: false,
  q9: 'not-at-all',
};

describe('scoreStartBack', () => {
  it.each([
    ['nothing agreed', {}, 0, 0, 'low'],
    ['three physical items', { q1: true, q2: true, q3: true }, 3, 0, 'low'],
    ['four physical items', { q1: true, q2: true, q3: true, q4: true }, 4, 0, 'medium'],
    ['item 9 "moderately" scores nothing', { q9: 'moderately' }, 0, 0, 'low'],
    ['item 9 "very much" scores 1', { q9: 'very-much' }, 1, 1, 'low'],
    ['distress 3, total 4: medium', { q1: true, q5: true, q6: true, q7: true }, 4, 3, 'medium'],
    ['distress 4: high', { q5: true, q6: true, q7: true, q8: true }, 4, 4, 'high'],
    ['distress 4 through item 9', { q5: true, q6: true, q7: true, q9: 'extremely' }, 4, 4, 'high'],
    [
      'everything',
      {
        q1: true,
        q2: true,
        q3: true,
        q4: true,
        q5: true,
        q6: true,
        q7: true,
        q8: true,
        q9: 'extremely',
      },
      9,
      5,
      'high',
    ],
  ] as const)('%s', (_name, answers, total, distress, risk) => {
    expect(scoreStartBack({ ...none, ...answers })).toEqual({ total, distress, risk });
  });
});
