// Outcome measures in words and on the chart: the change against the smallest change that matters,
// judged as the engine judges it, and the band drawn where that threshold lies.
import { describe, expect, it } from 'vitest';
import { outcomeChange } from '../../engine/outcomes.js';
import { instrumentById, type InstrumentId } from '../../kb/instruments.js';
import {
  changeWords,
  chartModel,
  formatNumber,
  importantThreshold,
  scoreWords,
} from './outcomes-words.js';

/** The words for a latest score against a first, with the change as the engine computes it. */
function words(id: InstrumentId, first: number, latest: number, isFirst = false): string {
  const ins = instrumentById(id);
  return changeWords(ins, {
    score: latest,
    change: isFirst ? null : outcomeChange(ins, first, latest),
  });
}

describe('changeWords', () => {
  const cases: [string, InstrumentId, number, number, string][] = [
    [
      'Roland-Morris 4 points better from 12 (30% of 12 is 3.6)',
      'rmdq',
      12,
      8,
      '4 points better than your first score: a change big enough to matter.',
    ],
    [
      'Roland-Morris 4 points better from 20: under 5 points and under 30%',
      'rmdq',
      20,
      16,
      '4 points better than your first score: less than the smallest change that matters (5 points).',
    ],
    [
      'Roland-Morris 1 point worse from 10: the threshold is 30% of 10',
      'rmdq',
      10,
      11,
      '1 point worse than your first score: less than the smallest change that matters (3 points).',
    ],
    [
      'pain exactly 2 points better matters',
      'pain-nrs',
      8,
      6,
      '2 points better than your first score: a change big enough to matter.',
    ],
    [
      'PSFS runs the other way: higher is better',
      'psfs',
      3,
      5.5,
      '2.5 points better than your first score: a change big enough to matter.',
    ],
    [
      'the sciatica index has no agreed threshold',
      'sciatica-bothersomeness',
      14,
      10,
      '4 points better than your first score. There is no agreed smallest change that matters for this questionnaire.',
    ],
    ['no change', 'rmdq', 9, 9, 'The same as your first score.'],
    [
      'global rating: much improved matters',
      'global-rating-of-change',
      0,
      2,
      'Much improved: a change big enough to matter.',
    ],
    [
      'global rating: slightly worse does not',
      'global-rating-of-change',
      0,
      -1,
      'Slightly worse: less than the change that usually matters (“much” better or worse).',
    ],
    [
      'global rating: no change',
      'global-rating-of-change',
      0,
      0,
      'No change: no change since you started.',
    ],
  ];
  for (const [title, id, first, latest, expected] of cases) {
    it(title, () => {
      expect(words(id, first, latest)).toBe(expected);
    });
  }

  it('calls the first score the starting point', () => {
    expect(words('rmdq', 0, 12, true)).toBe(
      'Your first score: the starting point to compare with.',
    );
  });
});

describe('scoreWords and formatNumber', () => {
  it('says a score out of its range, or the global rating in its own words', () => {
    expect(scoreWords(instrumentById('rmdq'), 7)).toBe('7 out of 24');
    expect(scoreWords(instrumentById('psfs'), 6.5)).toBe('6.5 out of 10');
    expect(scoreWords(instrumentById('global-rating-of-change'), -3)).toBe('Worse than ever');
    expect(scoreWords(instrumentById('oswestry-total'), 34)).toBe('34%');
  });

  it('writes a minus sign and at most one decimal', () => {
    expect(formatNumber(-2)).toBe('−2');
    expect(formatNumber(2.25)).toBe('2.3');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('importantThreshold', () => {
  it('is the points, or the share of the start when smaller, as the engine judges', () => {
    const rmdq = instrumentById('rmdq');
    expect(importantThreshold(rmdq, 20)).toBe(5);
    expect(importantThreshold(rmdq, 10)).toBeCloseTo(3);
    expect(importantThreshold(instrumentById('sciatica-bothersomeness'), 10)).toBeNull();
  });

  it('agrees with the engine at the threshold for every start', () => {
    const rmdq = instrumentById('rmdq');
    for (let start = 1; start <= 24; start++) {
      const t = importantThreshold(rmdq, start) ?? 0;
      const step = Math.ceil(t - 1e-9);
      if (start - step >= 0) expect(outcomeChange(rmdq, start, start - step).important).toBe(true);
      if (step - 1 > 0 && start - (step - 1) >= 0) {
        expect(outcomeChange(rmdq, start, start - (step - 1)).important).toBe(false);
      }
    }
  });
});

describe('chartModel', () => {
  const rmdq = instrumentById('rmdq');
  const items = [
    { date: '2026-12-10', score: 8 },
    { date: '2026-12-01', score: 12 },
    { date: '2026-12-20', score: 5 },
  ];

  it('puts the oldest score on the left and higher scores higher up', () => {
    const m = chartModel(rmdq, items);
    expect(m.points.map((p) => p.date)).toEqual(['2026-12-01', '2026-12-10', '2026-12-20']);
    expect(m.points[0]?.x).toBe(m.plot.left);
    expect(m.points[2]?.x).toBe(m.plot.right);
    // 9 days of 19 in: across by date, not evenly by count.
    expect(m.points[1]?.x).toBeCloseTo(m.plot.left + (9 / 19) * (m.plot.right - m.plot.left));
    const [a, b] = m.points;
    expect(a && b && a.y < b.y).toBe(true);
  });

  it('draws the band around the first score, as wide as the threshold each way', () => {
    const m = chartModel(rmdq, items);
    const yOf = (v: number) => m.plot.bottom - (v / 24) * (m.plot.bottom - m.plot.top);
    const t = importantThreshold(rmdq, 12) ?? 0;
    expect(m.band?.top).toBeCloseTo(yOf(12 + t));
    expect(m.band?.bottom).toBeCloseTo(yOf(12 - t));
    expect(m.baseline).toBeCloseTo(yOf(12));
  });

  it('has no band where no threshold is agreed, and centres the global rating on no change', () => {
    expect(chartModel(instrumentById('sciatica-bothersomeness'), items).band).toBeNull();
    const grc = chartModel(instrumentById('global-rating-of-change'), [
      { date: '2026-12-01', score: 2 },
    ]);
    const mid = (grc.plot.top + grc.plot.bottom) / 2;
    expect(grc.baseline).toBeCloseTo(mid);
  });

  it('puts a single score in the middle', () => {
    const m = chartModel(rmdq, [{ date: '2026-12-01', score: 4 }]);
    expect(m.points[0]?.x).toBe((m.plot.left + m.plot.right) / 2);
  });

  it('keeps scores outside the range on the chart', () => {
    const m = chartModel(rmdq, [{ date: '2026-12-01', score: 30 }]);
    expect(m.points[0]?.y).toBe(m.plot.top);
  });
});
