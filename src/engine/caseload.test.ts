// The clinician's list by need: one row per rule and per boundary (table-driven), and the list's order.
import { describe, expect, it } from 'vitest';
import { knowledgeBase as kb } from '../kb/index.js';
import {
  ADHERENCE_FLOOR,
  NEED_ORDER,
  PAIN_WORSE_POINTS,
  QUIET_DAYS,
  byNeed,
  needOf,
  type CaseloadFacts,
  type Need,
  type NeedKind,
  type WarningFact,
} from './caseload.js';
import { ruleByCode } from './triage.js';

const TODAY = '2026-03-15';
const DAYS = [...Array(14).keys()].map((i) => `2026-03-${String(15 - i).padStart(2, '0')}`);

/** A check-in on a date, made at noon that day (UTC). */
const checkin = (date: string, painNow: number | null = 3) => ({
  date,
  createdAt: `${date}T12:00:00Z`,
  painNow,
});

/** Someone doing well: a check-in every day of the last 14 at pain 3, every planned sitting done. */
const CALM: CaseloadFacts = {
  today: TODAY,
  linkedAt: '2026-03-01T09:00:00Z',
  lastViewedAt: '2026-03-14T12:00:00Z',
  checkins: DAYS.map((d) => checkin(d)),
  warnings: [],
  spreadDates: [],
  backOff: null,
  sittings: { done: 7, planned: 7 },
};

const bladder = ruleByCode('cauda-equina-bladder');
const fever = ruleByCode('possible-infection');
const warning = (at: string, over: Partial<WarningFact> = {}): WarningFact => ({
  at,
  level: 'emergency',
  reasons: [
    { code: bladder.code, text: kb.triage.rules[bladder.code].text, answers: ['bladderChange'] },
  ],
  advice: 'Go to an emergency department now.',
  ...over,
});

/** Pain on given dates, and nothing else, as the check-ins of the last 14 days. */
const painOn = (values: Record<string, number | null>) =>
  Object.entries(values).map(([date, pain]) => checkin(date, pain));

describe('needOf', () => {
  const cases: {
    name: string;
    facts: Partial<CaseloadFacts>;
    kind: NeedKind;
    since?: string | null;
    detail?: string;
  }[] = [
    { name: 'nothing to note', facts: {}, kind: 'none', since: null },

    // A warning sign since the clinician last looked.
    {
      name: 'a warning after the last look',
      facts: { warnings: [warning('2026-03-14T12:00:01Z')] },
      kind: 'warning',
      since: '2026-03-14T12:00:01Z',
      detail:
        'Reported a warning sign (emergency): A new change in how you pass urine, with back pain, can mean the nerves to the bladder are being squeezed.',
    },
    {
      name: 'a warning at exactly the last look is not new',
      facts: { warnings: [warning('2026-03-14T12:00:00Z')] },
      kind: 'none',
    },
    {
      name: 'a warning before the last look',
      facts: { warnings: [warning('2026-03-14T11:59:59Z')] },
      kind: 'none',
    },
    {
      name: 'any warning when the record was never opened',
      facts: { lastViewedAt: null, warnings: [warning('2026-02-01T08:00:00Z')] },
      kind: 'warning',
      since: '2026-02-01T08:00:00Z',
    },
    {
      name: 'instants compared as moments, not as text (13:30+01:00 is after 12:00Z)',
      facts: { warnings: [warning('2026-03-14T13:30:00+01:00')] },
      kind: 'warning',
    },
    {
      name: 'instants compared as moments, not as text (12:30+01:00 is before 12:00Z)',
      facts: { warnings: [warning('2026-03-14T12:30:00+01:00')] },
      kind: 'none',
    },
    {
      name: 'several new warnings: the latest, in any order',
      facts: {
        warnings: [
          warning('2026-03-14T18:00:00Z', {
            level: 'urgent',
            reasons: [
              { code: fever.code, text: kb.triage.rules[fever.code].text, answers: ['fever'] },
            ],
          }),
          warning('2026-03-15T07:00:00Z', { level: 'urgent' }),
          warning('2026-03-01T07:00:00Z'),
        ],
      },
      kind: 'warning',
      since: '2026-03-15T07:00:00Z',
      detail:
        'Reported a warning sign (urgent): A new change in how you pass urine, with back pain, can mean the nerves to the bladder are being squeezed.',
    },
    {
      name: 'a warning without reasons (an urgent assessment)',
      facts: { warnings: [warning('2026-03-15T07:00:00Z', { level: 'urgent', reasons: [] })] },
      kind: 'warning',
      detail: 'Reported a warning sign (urgent).',
    },
    {
      name: 'a warning comes before every other need',
      facts: {
        warnings: [warning('2026-03-15T07:00:00Z')],
        spreadDates: [TODAY],
        checkins: [],
        sittings: { done: 0, planned: 7 },
      },
      kind: 'warning',
    },

    // Pain spreading down the leg in the last 7 days.
    {
      name: 'pain spread today',
      facts: { spreadDates: [TODAY] },
      kind: 'worsening',
      since: TODAY,
      detail: 'Pain spread down the leg in a sitting on 2026-03-15.',
    },
    {
      name: 'pain spread 6 days ago: still within the 7 days',
      facts: { spreadDates: ['2026-03-09'] },
      kind: 'worsening',
      since: '2026-03-09',
    },
    {
      name: 'pain spread 7 days ago: outside them',
      facts: { spreadDates: ['2026-03-08'] },
      kind: 'none',
    },
    {
      name: 'several spreading episodes: the latest',
      facts: { spreadDates: ['2026-03-10', '2026-03-13', '2026-03-02'] },
      kind: 'worsening',
      since: '2026-03-13',
    },
    {
      name: 'new leg symptoms at a check-in, backing off until reassessed',
      facts: {
        backOff: { reason: 'new-leg-symptoms', since: '2026-03-05', until: 'reassessment' },
      },
      kind: 'worsening',
      since: '2026-03-05',
      detail: 'New leg symptoms at a check-in on 2026-03-05: backing off until reassessed.',
    },
    {
      name: 'backing off after an old spreading episode alone is not worsening',
      facts: {
        backOff: { reason: 'spread', since: '2026-03-02', until: 'settled' },
        spreadDates: ['2026-03-02'],
      },
      kind: 'none',
    },
    {
      name: 'both spreading and new leg symptoms: the more recent leads',
      facts: {
        spreadDates: ['2026-03-12'],
        backOff: { reason: 'new-leg-symptoms', since: '2026-03-14', until: 'reassessment' },
      },
      kind: 'worsening',
      since: '2026-03-14',
    },

    // Mean pain of the last 7 days against the 7 before.
    {
      name: 'mean pain up by exactly 2 points',
      facts: {
        checkins: painOn({ '2026-03-15': 5, '2026-03-10': 6, '2026-03-08': 3, '2026-03-02': 4 }),
      },
      kind: 'worsening',
      since: '2026-03-15',
      detail: 'Pain averaged 5.5 out of 10 in the last 7 days, up from 3.5 the 7 days before.',
    },
    {
      name: 'mean pain up by exactly 2 points, in thirds',
      facts: {
        checkins: painOn({
          '2026-03-15': 3,
          '2026-03-14': 3,
          '2026-03-13': 4,
          '2026-03-08': 1,
          '2026-03-07': 1,
          '2026-03-06': 2,
        }),
      },
      kind: 'worsening',
    },
    {
      name: 'mean pain up by a little less than 2 points',
      facts: {
        checkins: painOn({ '2026-03-15': 5, '2026-03-14': 5, '2026-03-13': 4, '2026-03-08': 3 }),
      },
      kind: 'none',
    },
    {
      name: 'the day 7 days ago belongs to the week before',
      facts: { checkins: painOn({ '2026-03-09': 3, '2026-03-08': 1 }) },
      kind: 'worsening',
      since: '2026-03-09',
    },
    {
      name: 'the day 14 days ago belongs to neither week',
      facts: { checkins: painOn({ '2026-03-15': 9, '2026-03-01': 1 }) },
      kind: 'none',
    },
    {
      name: 'no pain in the week before: nothing to compare',
      facts: { checkins: painOn({ '2026-03-15': 9, '2026-03-08': null }) },
      kind: 'none',
    },
    {
      name: 'no pain in the last 7 days: nothing to compare',
      facts: { checkins: painOn({ '2026-03-15': null, '2026-03-08': 1 }) },
      kind: 'none',
    },
    {
      name: 'mean pain down is not worsening',
      facts: { checkins: painOn({ '2026-03-15': 1, '2026-03-08': 8 }) },
      kind: 'none',
    },
    {
      name: 'worsening comes before quiet and low adherence',
      facts: {
        checkins: painOn({ '2026-03-10': 7, '2026-03-04': 2 }),
        sittings: { done: 0, planned: 7 },
      },
      kind: 'worsening',
    },

    // No check-in for 3 days or more.
    {
      name: 'the last check-in 3 days ago',
      facts: { checkins: painOn({ '2026-03-12': 3, '2026-03-11': 3 }) },
      kind: 'quiet',
      since: '2026-03-12',
      detail: 'No check-in for 3 days (the last was on 2026-03-12).',
    },
    {
      name: 'the last check-in 2 days ago',
      facts: { checkins: painOn({ '2026-03-13': 3, '2026-03-11': 3 }) },
      kind: 'none',
    },
    {
      name: 'the latest check-in counts, whatever the order',
      facts: { checkins: painOn({ '2026-03-01': 3, '2026-03-13': 3, '2026-03-05': 3 }) },
      kind: 'none',
    },
    {
      name: 'no check-in at all, linked 3 days ago',
      facts: { checkins: [], linkedAt: '2026-03-12T23:30:00Z' },
      kind: 'quiet',
      since: '2026-03-12T23:30:00Z',
      detail: 'No check-in since linking 3 days ago.',
    },
    {
      name: 'no check-in at all, linked 2 days ago',
      facts: { checkins: [], linkedAt: '2026-03-13T00:30:00Z' },
      kind: 'none',
    },
    {
      name: 'quiet comes before low adherence',
      facts: { checkins: painOn({ '2026-03-10': 3 }), sittings: { done: 0, planned: 7 } },
      kind: 'quiet',
    },

    // Fewer than half the planned sittings in the last 7 days.
    {
      name: '3 of 7 sittings',
      facts: { sittings: { done: 3, planned: 7 } },
      kind: 'low-adherence',
      since: null,
      detail: 'Did 3 of 7 planned sittings in the last 7 days.',
    },
    { name: 'exactly half', facts: { sittings: { done: 2, planned: 4 } }, kind: 'none' },
    {
      name: 'none of one planned sitting',
      facts: { sittings: { done: 0, planned: 1 } },
      kind: 'low-adherence',
    },
    { name: 'nothing planned', facts: { sittings: { done: 0, planned: 0 } }, kind: 'none' },
    { name: 'more than planned', facts: { sittings: { done: 9, planned: 7 } }, kind: 'none' },
  ];

  it.each(cases)('$name: $kind', ({ facts, kind, since, detail }) => {
    const need = needOf({ ...CALM, ...facts });
    expect(need.kind).toBe(kind);
    if (since !== undefined) expect(need.since).toBe(since);
    if (detail !== undefined) expect(need.detail).toBe(detail);
    expect(need.detail.length).toBeGreaterThan(0);
  });

  it('uses the constants the docs name', () => {
    expect([PAIN_WORSE_POINTS, QUIET_DAYS, ADHERENCE_FLOOR]).toEqual([2, 3, 0.5]);
    expect(NEED_ORDER).toEqual(['warning', 'worsening', 'quiet', 'low-adherence', 'none']);
  });

  it('does not change the facts it is given', () => {
    const facts = { ...CALM, warnings: [warning('2026-03-15T07:00:00Z')] };
    const before = structuredClone(facts);
    needOf(facts);
    expect(facts).toEqual(before);
  });
});

describe('byNeed', () => {
  const row = (key: string, kind: NeedKind, since: string | null) => ({
    key,
    need: { kind, since, detail: '' } satisfies Need,
  });

  it('orders by need, then the most recent first, then by key', () => {
    const rows = [
      row('a', 'none', null),
      row('b', 'low-adherence', null),
      row('c', 'quiet', '2026-03-10'),
      row('d', 'quiet', '2026-03-12'),
      row('e', 'worsening', '2026-03-11'),
      row('f', 'warning', '2026-03-14T08:00:00Z'),
      row('g', 'warning', '2026-03-15T08:00:00Z'),
      row('h', 'low-adherence', null),
      row('i', 'quiet', '2026-03-12'),
    ];
    expect(byNeed(rows).map((r) => r.key)).toEqual(['g', 'f', 'e', 'd', 'i', 'c', 'b', 'h', 'a']);
  });

  it('compares a local date with an instant as moments', () => {
    const rows = [
      row('date', 'quiet', '2026-03-12'),
      row('instant-before', 'quiet', '2026-03-11T23:00:00Z'),
      row('instant-after', 'quiet', '2026-03-12T09:00:00+02:00'),
    ];
    expect(byNeed(rows).map((r) => r.key)).toEqual(['instant-after', 'date', 'instant-before']);
  });

  it('puts rows without a moment after those with one, within a group', () => {
    const rows = [row('x', 'quiet', null), row('y', 'quiet', '2026-03-01')];
    expect(byNeed(rows).map((r) => r.key)).toEqual(['y', 'x']);
  });

  it('returns a new array and leaves the one given as it was', () => {
    const rows = [row('b', 'none', null), row('a', 'warning', '2026-03-15T08:00:00Z')];
    const out = byNeed(rows);
    expect(out).not.toBe(rows);
    expect(rows.map((r) => r.key)).toEqual(['b', 'a']);
    expect(out.map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('orders real needs: a new warning first', () => {
    const people = [
      { key: 'quiet', need: needOf({ ...CALM, checkins: [] }) },
      { key: 'fine', need: needOf(CALM) },
      { key: 'warned', need: needOf({ ...CALM, warnings: [warning('2026-03-15T07:00:00Z')] }) },
      { key: 'spread', need: needOf({ ...CALM, spreadDates: ['2026-03-14'] }) },
      { key: 'lazy', need: needOf({ ...CALM, sittings: { done: 1, planned: 7 } }) },
    ];
    expect(byNeed(people).map((p) => p.key)).toEqual(['warned', 'spread', 'quiet', 'lazy', 'fine']);
  });
});
