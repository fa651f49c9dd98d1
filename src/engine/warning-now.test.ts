// "Stop now": every warning rule stops a surface once certain and never before; soundness and completeness over the rule table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knowledgeBase as kb } from '../kb/index.js';
import { intakeArb, warningSignArb } from '../../test/arbitraries.js';
import {
  derive,
  intakeSchema,
  parseIntake,
  type Intake,
  type IntakeField,
  type IntakeInput,
} from './intake.js';
import {
  LEVELS,
  TRIAGE_RULES,
  WARNING_RULES,
  adviceFor,
  highestLevel,
  mostRestrictiveGate,
  ruleByCode,
  triage,
  type TriageRule,
} from './triage.js';
import {
  ANSWER_DOMAINS,
  isCertain,
  isPossible,
  warningNow,
  type KnownAnswers,
} from './warning-now.js';

function parse(input: IntakeInput): Intake {
  const parsed = parseIntake(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.value;
}

const codesOf = (known: KnownAnswers, rules?: readonly TriageRule[]) =>
  warningNow(known, kb, rules)?.reasons.map((r) => r.code) ?? [];

const warningCodes = (a: Intake) =>
  triage(a, kb)
    .triage.reasons.map((r) => r.code)
    .filter((code) => WARNING_RULES.some((r) => r.code === code));

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((first, i) =>
    subsets(items.slice(i + 1), size - 1).map((rest) => [first, ...rest]),
  );
}

function product(domains: readonly (readonly unknown[])[]): unknown[][] {
  return domains.reduce<unknown[][]>(
    (all, domain) => all.flatMap((row) => domain.map((v) => [...row, v])),
    [[]],
  );
}

/**
 * Every smallest set of answers (fields the rule reads, values from ANSWER_DOMAINS) that makes the
 * rule certain. Worked out from the rule table, so a new rule is covered without a new test.
 */
function smallestCertain(rule: TriageRule): KnownAnswers[] {
  for (let size = 0; size <= rule.reads.length; size++) {
    const found: KnownAnswers[] = [];
    for (const fields of subsets(rule.reads, size)) {
      const domains = fields.map((f) => ANSWER_DOMAINS[f] ?? []);
      for (const values of product(domains)) {
        const known = Object.fromEntries(fields.map((f, i) => [f, values[i]])) as KnownAnswers;
        if (isCertain(rule, known)) found.push(known);
      }
    }
    if (found.length > 0) return found;
  }
  return [];
}

const without = (known: KnownAnswers, field: string): KnownAnswers =>
  Object.fromEntries(Object.entries(known).filter(([k]) => k !== field));

describe('warningNow: every warning rule, from the table', () => {
  it('covers every emergency and urgent rule, and nothing else', () => {
    expect(WARNING_RULES.map((r) => r.code).sort()).toEqual(
      TRIAGE_RULES.filter((r) => r.level === 'emergency' || r.level === 'urgent')
        .map((r) => r.code)
        .sort(),
    );
    expect(WARNING_RULES.length).toBeGreaterThan(0);
  });

  it('stops nothing on no answers at all', () => {
    expect(warningNow({}, kb)).toBeNull();
  });

  describe.each(WARNING_RULES.map((r) => [r.code, r] as const))('%s', (_code, rule) => {
    const smallest = smallestCertain(rule);

    it('can be made certain, and every smallest way gives it with its level and advice', () => {
      expect(smallest.length).toBeGreaterThan(0);
      for (const known of smallest) {
        const now = warningNow(known, kb);
        expect(now, JSON.stringify(known)).not.toBeNull();
        if (!now) continue;
        const reason = now.reasons.find((r) => r.code === rule.code);
        expect(reason, JSON.stringify(known)).toBeDefined();
        expect(reason?.text).toBe(kb.triage.rules[rule.code].text);
        // It names only answers that were given, and at least one of them.
        expect(reason?.answers.length).toBeGreaterThan(0);
        for (const answer of reason?.answers ?? []) expect(Object.keys(known)).toContain(answer);
        // The level and gate are those of the certain rules, the advice is the level's.
        const levels = now.reasons.map((r) => ruleByCode(r.code).level);
        expect(now.level).toBe(highestLevel(levels));
        expect(LEVELS.indexOf(now.level)).toBeGreaterThanOrEqual(LEVELS.indexOf(rule.level));
        expect(now.gate).toBe(mostRestrictiveGate(now.reasons.map((r) => ruleByCode(r.code).gate)));
        expect(now.advice).toBe(adviceFor(now.level, now.gate, kb));
      }
    });

    it('alone, it gives exactly its own level, gate and advice', () => {
      const alone = smallest.filter((known) => codesOf(known).length === 1);
      expect(alone.length).toBeGreaterThan(0);
      for (const known of alone) {
        expect(warningNow(known, kb)).toStrictEqual({
          level: rule.level,
          gate: rule.gate,
          reasons: [expect.objectContaining({ code: rule.code })],
          advice: adviceFor(rule.level, rule.gate, kb),
        });
      }
    });

    it('is not certain with any one of those answers left out', () => {
      for (const known of smallest) {
        for (const field of Object.keys(known)) {
          const less = without(known, field);
          expect(codesOf(less), JSON.stringify(less)).not.toContain(rule.code);
          // Still possible: leaving an answer out is not the same as answering "no".
          expect(isPossible(rule, less)).toBe(true);
        }
      }
    });

    it('is certain on a full set of answers exactly when it fires there', () => {
      fc.assert(
        fc.property(intakeArb, warningSignArb, (raw, sign) => {
          const a = parse({ ...raw, ...sign });
          expect(isCertain(rule, a)).toBe(rule.fires(a, derive(a)) !== null);
          expect(isPossible(rule, a)).toBe(rule.fires(a, derive(a)) !== null);
        }),
        { numRuns: 150 },
      );
    });
  });
});

describe('warningNow: answers that leave a rule uncertain do not stop', () => {
  const cases: {
    name: string;
    known: KnownAnswers;
    certain: string[];
    notCertain: string[];
  }[] = [
    {
      name: 'sexual change, side of the leg symptoms unknown',
      known: { sexualDysfunction: true },
      certain: [],
      notCertain: ['cauda-equina-sexual'],
    },
    {
      name: 'sexual change with leg symptoms on the left',
      known: { sexualDysfunction: true, legSide: 'left' },
      certain: ['cauda-equina-sexual'],
      notCertain: [],
    },
    {
      name: 'a minor fall, age and fracture risk unknown',
      known: { trauma: 'minor' },
      certain: [],
      notCertain: ['possible-fracture'],
    },
    {
      name: 'a minor fall at 69, fracture risk unknown',
      known: { trauma: 'minor', age: 69 },
      certain: [],
      notCertain: ['possible-fracture'],
    },
    {
      name: 'a minor fall at 70',
      known: { trauma: 'minor', age: 70 },
      certain: ['possible-fracture'],
      notCertain: [],
    },
    {
      name: 'a minor fall with osteoporosis, age unknown',
      known: { trauma: 'minor', fractureRisk: true },
      certain: ['possible-fracture'],
      notCertain: [],
    },
    {
      name: 'a cancer history, its warning signs unknown',
      known: { cancerHistory: true },
      certain: [],
      notCertain: ['cancer-warning-signs'],
    },
    {
      name: 'a cancer history with weight loss',
      known: { cancerHistory: true, weightLoss: true },
      certain: ['cancer-warning-signs'],
      notCertain: [],
    },
    {
      name: 'both legs, numbness and weakness unknown',
      known: { legSide: 'both' },
      certain: [],
      notCertain: ['bilateral-neurological', 'bilateral-leg-symptoms'],
    },
    {
      name: 'both legs with thigh numbness, weakness unknown',
      known: { legSide: 'both', numbness: 'thigh' },
      certain: ['bilateral-neurological'],
      notCertain: ['bilateral-leg-symptoms'],
    },
    {
      name: 'weakness getting worse, how weak unknown',
      known: { weaknessWorsening: true },
      certain: [],
      notCertain: ['progressive-weakness', 'progressive-foot-drop'],
    },
    {
      name: 'a foot drop getting worse',
      known: { legWeakness: 'foot-drop', weaknessWorsening: true },
      certain: ['progressive-foot-drop'],
      notCertain: ['foot-drop'],
    },
    { name: 'pain of 7', known: { painNow: 7 }, certain: [], notCertain: ['severe-pain'] },
    { name: 'pain of 8', known: { painNow: 8 }, certain: ['severe-pain'], notCertain: [] },
    {
      name: 'answers given as undefined are not answers',
      known: { bladderChange: undefined, fever: true },
      certain: ['possible-infection'],
      notCertain: ['cauda-equina-bladder'],
    },
  ];
  it.each(cases)('$name', ({ known, certain, notCertain }) => {
    const codes = codesOf(known);
    expect(codes).toEqual(expect.arrayContaining(certain));
    for (const code of notCertain) expect(codes).not.toContain(code);
    if (certain.length === 0) expect(warningNow(known, kb)).toBeNull();
  });

  it('a "no" rules a rule out: isPossible is false once its own answers exclude it', () => {
    expect(isPossible(ruleByCode('cauda-equina-sexual'), { legSide: 'none' })).toBe(false);
    expect(isPossible(ruleByCode('cauda-equina-sexual'), { sexualDysfunction: false })).toBe(false);
    expect(
      isPossible(ruleByCode('possible-fracture'), {
        trauma: 'minor',
        age: 69,
        fractureRisk: false,
      }),
    ).toBe(false);
    expect(isPossible(ruleByCode('possible-fracture'), { trauma: 'minor', age: 69 })).toBe(true);
  });
});

describe('warningNow: soundness and completeness (properties)', () => {
  /** A valid intake, often with a warning sign switched on so that rules fire. */
  const answersArb = fc
    .tuple(intakeArb, fc.option(warningSignArb, { nil: undefined, freq: 2 }))
    .map(([raw, sign]) => parse({ ...raw, ...sign }));

  it('never stops for a rule that does not fire on the full answers (partial answers of any completion)', () => {
    fc.assert(
      fc.property(answersArb, fc.func(fc.boolean()), (full, keep) => {
        // The answers known so far: any part of the full set, which is one way of completing them.
        const known = Object.fromEntries(
          Object.entries(full).filter(([field]) => keep(field)),
        ) as KnownAnswers;
        const now = warningNow(known, kb);
        const fired = warningCodes(full);
        for (const reason of now?.reasons ?? []) {
          expect(fired).toContain(reason.code);
          for (const answer of reason.answers) expect(Object.keys(known)).toContain(answer);
        }
        if (now) {
          expect(LEVELS.indexOf(now.level)).toBeLessThanOrEqual(
            LEVELS.indexOf(triage(full, kb).triage.level),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('stops for exactly the emergency and urgent rules of triage() on a full set of answers', () => {
    fc.assert(
      fc.property(answersArb, (full) => {
        const now = warningNow(full, kb);
        const expected = triage(full, kb).triage.reasons.filter((r) =>
          WARNING_RULES.some((w) => w.code === r.code),
        );
        if (expected.length === 0) {
          expect(now).toBeNull();
          return;
        }
        expect(now?.reasons).toEqual(expected);
        const level = highestLevel(expected.map((r) => ruleByCode(r.code).level));
        expect(now?.level).toBe(level);
        expect(now?.advice).toBe(adviceFor(level, now?.gate ?? 'not-now', kb));
        // On the full answers the level is the full triage's (every warning rule outranks the rest).
        expect(now?.level).toBe(triage(full, kb).triage.level);
      }),
      { numRuns: 1000 },
    );
  });

  it('adding answers never takes a certain rule away (monotone in what is known)', () => {
    fc.assert(
      fc.property(answersArb, fc.func(fc.boolean()), fc.func(fc.boolean()), (full, a, b) => {
        const fewer = Object.fromEntries(
          Object.entries(full).filter(([f]) => a(f) && b(f)),
        ) as KnownAnswers;
        const more = Object.fromEntries(Object.entries(full).filter(([f]) => a(f))) as KnownAnswers;
        for (const code of codesOf(fewer)) expect(codesOf(more)).toContain(code);
      }),
      { numRuns: 500 },
    );
  });
});

describe('ANSWER_DOMAINS and the rules’ reads', () => {
  it('has a domain for every field any triage rule reads', () => {
    const read = new Set(TRIAGE_RULES.flatMap((r) => r.reads));
    for (const field of read) expect(ANSWER_DOMAINS, field).toHaveProperty(field);
    for (const field of read) expect(ANSWER_DOMAINS[field]?.length, field).toBeGreaterThan(1);
  });

  it('lets warningNow judge any rule of the table, each of which can fire', () => {
    for (const rule of TRIAGE_RULES) expect(isPossible(rule, {}), rule.code).toBe(true);
    expect(() => warningNow({}, kb, TRIAGE_RULES)).not.toThrow();
    expect(codesOf({ thighInjury: true }, TRIAGE_RULES)).toContain('hamstring-injury');
  });

  it('has only values the intake accepts', () => {
    const base: IntakeInput = {
      version: 1,
      age: 40,
      durationDays: 10,
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'left',
    };
    for (const [field, domain] of Object.entries(ANSWER_DOMAINS)) {
      for (const value of domain ?? []) {
        if (value === undefined) continue;
        expect(
          parseIntake({ ...base, [field]: value }).ok,
          `${field}: ${JSON.stringify(value)}`,
        ).toBe(true);
      }
    }
  });

  it.each(TRIAGE_RULES.map((r) => [r.code, r] as const))(
    '%s reads every answer that can change whether it fires (property)',
    (_code, rule) => {
      const others = (Object.keys(intakeSchema.shape) as IntakeField[]).filter(
        (f) => !rule.reads.includes(f),
      );
      fc.assert(
        fc.property(
          intakeArb,
          intakeArb,
          warningSignArb,
          fc.subarray(others),
          (rawA, rawB, sign, changed) => {
            const a = parse({ ...rawA, ...sign });
            const b = parse(rawB);
            // Only fields outside the rule's reads change: it must fire, or not, just the same.
            const mixed = { ...a } as Record<string, unknown>;
            for (const f of changed) mixed[f] = (b as Record<string, unknown>)[f];
            const m = mixed as unknown as Intake;
            expect(rule.fires(m, derive(m)) !== null).toBe(rule.fires(a, derive(a)) !== null);
          },
        ),
        { numRuns: 200 },
      );
    },
  );
});
