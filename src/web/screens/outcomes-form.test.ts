// Outcome forms → the answers sent: nothing assumed, every problem named, and every complete form
// accepted and scored by the engine as its authors specify.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreOutcome } from '../../engine/outcomes.js';
import { knowledgeBase as kb } from '../../kb/index.js';
import { answersFrom, emptyForm, PERSON_INSTRUMENTS, type OutcomeForm } from './outcomes-form.js';

const problemsOf = (form: OutcomeForm) => {
  const r = answersFrom(form);
  return r.ok ? [] : r.problems;
};

describe('answersFrom', () => {
  it('refuses a blank rating, never assuming a score', () => {
    for (const id of [
      'pain-nrs',
      'global-rating-of-change',
      'sciatica-bothersomeness',
      'psfs',
    ] as const) {
      expect(answersFrom(emptyForm(id)).ok, id).toBe(false);
    }
  });

  it('takes a Roland-Morris form with nothing ticked: none describes you today scores 0', () => {
    const r = answersFrom(emptyForm('rmdq'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(scoreOutcome(r.answers, kb)).toMatchObject({ ok: true, value: { score: 0 } });
  });

  it('counts the ticked Roland-Morris sentences', () => {
    const ticked = Array.from({ length: 24 }, (_, i) => i % 3 === 0);
    const r = answersFrom({ instrument: 'rmdq', ticked });
    expect(r.ok && scoreOutcome(r.answers, kb)).toMatchObject({ ok: true, value: { score: 8 } });
  });

  it('names each unanswered sciatica item', () => {
    const problems = problemsOf({
      instrument: 'sciatica-bothersomeness',
      ratings: [3, null, 2, null],
    });
    expect(problems.map((p) => p.field)).toEqual(['sbi-1', 'sbi-3']);
    expect(problems[0]?.message).toBe(
      'Choose how bothersome numbness or tingling in the leg, foot or groin has been.',
    );
    const r = answersFrom({ instrument: 'sciatica-bothersomeness', ratings: [3, 0, 2, 6] });
    expect(r.ok && scoreOutcome(r.answers, kb)).toMatchObject({ ok: true, value: { score: 11 } });
  });

  it('scores the Patient-Specific Functional Scale as the mean of its named activities', () => {
    const r = answersFrom({
      instrument: 'psfs',
      activities: [
        { activity: ' Putting on socks ', score: 4 },
        { activity: '', score: null },
        { activity: 'Sitting through a film', score: 7 },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.answers).toEqual({
      instrument: 'psfs',
      activities: [
        { activity: 'Putting on socks', score: 4 },
        { activity: 'Sitting through a film', score: 7 },
      ],
    });
    expect(scoreOutcome(r.answers, kb)).toMatchObject({ ok: true, value: { score: 5.5 } });
  });

  it('asks for the missing half of a half-filled activity', () => {
    const missing = problemsOf({
      instrument: 'psfs',
      activities: [{ activity: 'Walking', score: null }],
    });
    expect(missing.map((p) => p.field)).toEqual(['psfs-score-0']);
    expect(missing[0]?.message).toMatch(/activity 1/);
    expect(
      problemsOf({ instrument: 'psfs', activities: [{ activity: '  ', score: 5 }] }).map(
        (p) => p.field,
      ),
    ).toEqual(['psfs-activity-0']);
  });

  it('sends the global rating and pain as chosen, including the ends of their scales', () => {
    for (const value of [-3, 0, 3]) {
      expect(answersFrom({ instrument: 'global-rating-of-change', value })).toEqual({
        ok: true,
        answers: { instrument: 'global-rating-of-change', value },
      });
    }
    expect(answersFrom({ instrument: 'pain-nrs', value: 0 })).toEqual({
      ok: true,
      answers: { instrument: 'pain-nrs', value: 0 },
    });
  });
});

const formArb: fc.Arbitrary<OutcomeForm> = fc.oneof(
  fc.record({
    instrument: fc.constant('pain-nrs' as const),
    value: fc.option(fc.integer({ min: 0, max: 10 })),
  }),
  fc.record({
    instrument: fc.constant('global-rating-of-change' as const),
    value: fc.option(fc.integer({ min: -3, max: 3 })),
  }),
  fc.record({
    instrument: fc.constant('rmdq' as const),
    ticked: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
  }),
  fc.record({
    instrument: fc.constant('sciatica-bothersomeness' as const),
    ratings: fc.array(fc.option(fc.integer({ min: 0, max: 6 })), { minLength: 4, maxLength: 4 }),
  }),
  fc.record({
    instrument: fc.constant('psfs' as const),
    activities: fc.array(
      fc.record({
        activity: fc.string({ maxLength: 130 }),
        score: fc.option(fc.integer({ min: 0, max: 10 })),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
);

describe('answersFrom, any form', () => {
  it('gives answers the engine accepts, or names at least one problem', () => {
    fc.assert(
      fc.property(formArb, (form) => {
        const r = answersFrom(form);
        if (r.ok) {
          const scored = scoreOutcome(r.answers, kb);
          expect(scored.ok).toBe(true);
          expect(r.answers.instrument).toBe(form.instrument);
        } else {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(p.message).not.toBe('');
        }
      }),
    );
  });

  it('covers every instrument a person fills in', () => {
    expect([...PERSON_INSTRUMENTS].sort()).toEqual([
      'global-rating-of-change',
      'pain-nrs',
      'psfs',
      'rmdq',
      'sciatica-bothersomeness',
    ]);
  });
});
