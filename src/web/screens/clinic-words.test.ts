// Tests the clinician's words and shapes: needs never by colour alone, the sparkline's geometry and its
// summary, the counts, invitation codes, a version's changes in words, and the outcome change in words.
import { describe, expect, it } from 'vitest';
import { NEED_ORDER } from '../../engine/caseload.js';
import {
  authorWords,
  changeWords,
  chartShape,
  daysBetween,
  daysWithDataWords,
  detailWords,
  groupCode,
  lastCheckinWords,
  NEED_WORDS,
  outcomeChangeWords,
  painSummary,
  shiftDate,
  sittingsWords,
  sparkline,
} from './clinic-words.js';

const plain = (d: string) => d;

describe('NEED_WORDS', () => {
  it('gives every need a label and an icon of its own, so colour is never the only sign', () => {
    const icons = NEED_ORDER.map((k) => NEED_WORDS[k].icon);
    expect(new Set(icons).size).toBe(NEED_ORDER.length);
    for (const k of NEED_ORDER) expect(NEED_WORDS[k].label.length).toBeGreaterThan(5);
    expect(NEED_WORDS.warning.tone).toBe('danger');
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-01', 1, '2026-02-28'],
    ['2026-01-01', 1, '2025-12-31'],
    ['2026-12-31', -1, '2027-01-01'],
    ['2024-03-01', 1, '2024-02-29'],
  ])('%s shifted back %i day is %s', (date, days, expected) => {
    expect(shiftDate(date, days)).toBe(expected);
  });

  it('counts whole days across a month end', () => {
    expect(daysBetween('2026-01-30', '2026-02-02')).toBe(3);
  });
});

describe('sparkline', () => {
  const today = '2026-12-10';

  it('spreads 30 days across the width and puts pain 10 at the top and 0 at the bottom', () => {
    const line = sparkline(
      [
        { date: shiftDate(today, 29), value: 0 },
        { date: today, value: 10 },
      ],
      today,
      { width: 120, height: 32 },
    );
    expect(line.dots[0]).toMatchObject({ x: 3, y: 29 });
    expect(line.dots[1]).toMatchObject({ x: 117, y: 3 });
    expect(line.path).toBe('M3 29 L117 3');
  });

  it('leaves out days before the window and sorts by date', () => {
    const line = sparkline(
      [
        { date: today, value: 4 },
        { date: shiftDate(today, 30), value: 9 },
        { date: shiftDate(today, 3), value: 6 },
      ],
      today,
    );
    expect(line.dots.map((d) => d.value)).toEqual([6, 4]);
  });

  it('draws a single day as a dot without a line', () => {
    const line = sparkline([{ date: today, value: 5 }], today);
    expect(line.dots).toHaveLength(1);
    expect(line.path).toBe('');
  });

  it('keeps out-of-scale values inside the box', () => {
    const line = sparkline([{ date: today, value: 14 }], today, { height: 32 });
    expect(line.dots[0]?.y).toBe(3);
  });
});

describe('painSummary', () => {
  const today = '2026-12-10';
  it('says how many days, the latest and the range', () => {
    expect(
      painSummary(
        [
          { date: '2026-12-01', value: 2 },
          { date: '2026-12-09', value: 6 },
          { date: '2026-12-05', value: 4 },
        ],
        today,
        plain,
      ),
    ).toBe('Pain out of 10 on 3 days in the last 30: latest 6 on 2026-12-09, from 2 to 6.');
  });

  it('says so when there is nothing in the window', () => {
    expect(painSummary([{ date: '2026-10-01', value: 3 }], today, plain)).toBe(
      'No pain scores in the last 30 days.',
    );
  });

  it('says "all" when every score is the same', () => {
    expect(painSummary([{ date: today, value: 3 }], today, plain)).toMatch(/on 1 day .* all 3\.$/);
  });
});

describe('counts', () => {
  it.each([
    [{ done: 5, planned: 7 }, 'Sittings in the last 7 days: 5 of 7'],
    [{ done: 0, planned: 0 }, 'No sittings planned in the last 7 days'],
    [{ done: 2, planned: 0 }, 'Sittings in the last 7 days: 2 (none planned)'],
  ])('%o reads "%s"', (s, words) => {
    expect(sittingsWords(s)).toBe(words);
  });

  it('labels the days with data as a count over 30 days', () => {
    expect(daysWithDataWords(18)).toBe('Days with data in the last 30: 18');
  });

  it.each([
    [null, 'No check-in yet'],
    ['2026-12-10', 'Last check-in today'],
    ['2026-12-09', 'Last check-in yesterday'],
    ['2026-12-06', 'Last check-in 4 days ago (2026-12-06)'],
  ])('the last check-in %s reads "%s"', (last, words) => {
    expect(lastCheckinWords(last, '2026-12-10', plain)).toBe(words);
  });
});

describe('groupCode', () => {
  it.each([
    ['ABCDEF23', 'ABCD-EF23'],
    ['abcd ef23', 'ABCD-EF23'],
    ['ABCD-EF23', 'ABCD-EF23'],
    ['SHORT', 'SHORT'],
  ])('%s reads %s', (code, shown) => {
    expect(groupCode(code)).toBe(shown);
  });
});

describe('changeWords', () => {
  const name = (id: string) => (id === 'glute-bridge' ? 'Glute bridge' : id);
  const dose = (amount: number, timesPerDay: number) => ({
    dosage: { unit: 'seconds' as const, amount, repeats: 1, sets: 1, sides: 'none' as const },
    timesPerDay,
  });

  it('says a dose change from and to', () => {
    expect(
      changeWords(
        { op: 'dose', exerciseId: 'glute-bridge', before: dose(20, 1), after: dose(25, 1) },
        name,
      ),
    ).toBe(
      'Changed the dose of Glute bridge from hold 20 seconds once, once a day to hold 25 seconds once, once a day.',
    );
  });

  it('says an addition with its dose, a removal, and notes set and cleared', () => {
    expect(
      changeWords(
        { op: 'add', exerciseId: 'glute-bridge', before: null, after: dose(20, 1) },
        name,
      ),
    ).toBe('Added Glute bridge: hold 20 seconds once, once a day.');
    expect(
      changeWords({ op: 'remove', exerciseId: 'glute-bridge', before: null, after: null }, name),
    ).toBe('Removed Glute bridge.');
    expect(
      changeWords(
        { op: 'note', exerciseId: 'glute-bridge', before: null, after: 'Keep the hips level.' },
        name,
      ),
    ).toBe('Note on Glute bridge: “Keep the hips level.”');
    expect(
      changeWords({ op: 'note', exerciseId: 'glute-bridge', before: 'x', after: null }, name),
    ).toBe('Removed the note on Glute bridge.');
  });

  it('says pauses and resumptions, and who made a version', () => {
    expect(changeWords({ op: 'pause', exerciseId: null, before: null, after: null }, name)).toBe(
      'Paused the programme.',
    );
    expect(authorWords({ id: null, name: 'x', role: 'engine' })).toBe(
      'Backchain, from the assessment',
    );
    expect(authorWords({ id: 'c1', name: 'Alex Morgan', role: 'clinician' })).toBe('Alex Morgan');
  });
});

describe('chartShape', () => {
  it('runs x by date and y by value within the range, higher values higher up', () => {
    const shape = chartShape(
      [
        {
          label: 'Left',
          points: [
            { date: '2026-12-01', value: 30 },
            { date: '2026-12-11', value: 90 },
          ],
        },
      ],
      { min: 0, max: 90 },
      { width: 320, height: 160 },
    );
    const [a, b] = shape.series[0]?.dots ?? [];
    expect(a?.x).toBe(shape.plot.left);
    expect(b?.x).toBe(shape.plot.right);
    expect(b?.y).toBe(shape.plot.top);
    expect(a && b && a.y > b.y).toBe(true);
    expect(shape.first).toBe('2026-12-01');
    expect(shape.last).toBe('2026-12-11');
  });

  it('puts a single day in the middle and gives it no line', () => {
    const shape = chartShape([{ label: 'A', points: [{ date: '2026-12-01', value: 5 }] }], {
      min: 0,
      max: 10,
    });
    expect(shape.series[0]?.dots[0]?.x).toBe((shape.plot.left + shape.plot.right) / 2);
    expect(shape.series[0]?.path).toBe('');
  });

  it('keeps a range with negative values (global rating of change) the right way up', () => {
    const shape = chartShape([], { min: -3, max: 3 });
    expect(shape.y(3)).toBe(shape.plot.top);
    expect(shape.y(-3)).toBe(shape.plot.bottom);
    expect(shape.y(0)).toBe((shape.plot.top + shape.plot.bottom) / 2);
  });
});

describe('outcomeChangeWords', () => {
  it.each([
    [null, 'The first score: later ones are compared with it.'],
    [
      { change: -6, important: true, direction: 'better' as const },
      '6 points better than the first score: at least the smallest change that matters to people.',
    ],
    [
      { change: 1, important: false, direction: 'worse' as const },
      '1 point worse than the first score: less than the smallest change that matters to people.',
    ],
    [
      { change: 3, important: null, direction: 'worse' as const },
      '3 points worse than the first score.',
    ],
    [{ change: 0, important: false, direction: null }, 'No change since the first score.'],
  ])('%o reads "%s"', (change, words) => {
    expect(outcomeChangeWords(change)).toBe(words);
  });
});

describe('detailWords', () => {
  it('writes the dates in a need’s detail as people read them, and leaves the rest', () => {
    expect(
      detailWords('No check-in for 4 days (the last was on 2026-11-25).', (d) => `<${d}>`),
    ).toBe('No check-in for 4 days (the last was on <2026-11-25>).');
    expect(detailWords('Pain is 2 points worse.', () => 'x')).toBe('Pain is 2 points worse.');
  });
});
