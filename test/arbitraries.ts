// fast-check generators for intake answers: every valid combination, and arbitrary junk.
import fc from 'fast-check';
import {
  ACTIVITY,
  LEG_AREAS,
  LEG_SIDES,
  LEG_WEAKNESS,
  NUMBNESS_LEVELS,
  PAIN_AREAS,
  PAIN_QUALITIES,
  SLR_TESTS,
  START_BACK_Q9,
  TOE_TOUCH,
  TRAUMA,
  type IntakeInput,
} from '../src/engine/intake.js';

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

export const startBackArb = fc.record({
  q1: fc.boolean(),
  q2: fc.boolean(),
  q3: fc.boolean(),
  q4: fc.boolean(),
  q5: fc.boolean(),
  q6: fc.boolean(),
  q7: fc.boolean(),
  q8: fc.boolean(),
  q9: fc.constantFrom(...START_BACK_Q9),
});

/**
 * Any valid intake, optional fields sometimes missing. `legSide` is `none` only when no buttock or leg
 * area is in `painAreas` (the contract refuses that contradiction; `contradictoryLegSideArb` makes it).
 */
export const intakeArb: fc.Arbitrary<IntakeInput> = fc
  .record({
    version: fc.constant(1 as const),
    age: fc.integer({ min: 16, max: 110 }),
    durationDays: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 20000 })),
    painNow: fc.integer({ min: 0, max: 10 }),
    painAreas: fc.uniqueArray(fc.constantFrom(...PAIN_AREAS), { minLength: 1 }),
    legSide: fc.constantFrom(...LEG_SIDES),
    painQuality: opt(fc.uniqueArray(fc.constantFrom(...PAIN_QUALITIES))),
    numbness: opt(fc.constantFrom(...NUMBNESS_LEVELS)),
    legWeakness: opt(fc.constantFrom(...LEG_WEAKNESS)),
    weaknessWorsening: opt(fc.boolean()),
    saddleNumbness: opt(fc.boolean()),
    bladderChange: opt(fc.boolean()),
    bowelChange: opt(fc.boolean()),
    sexualDysfunction: opt(fc.boolean()),
    fever: opt(fc.boolean()),
    cancerHistory: opt(fc.boolean()),
    weightLoss: opt(fc.boolean()),
    nightPainConstant: opt(fc.boolean()),
    thoracicPain: opt(fc.boolean()),
    immunosuppressed: opt(fc.boolean()),
    trauma: opt(fc.constantFrom(...TRAUMA)),
    fractureRisk: opt(fc.boolean()),
    worseSitting: opt(fc.boolean()),
    worseBending: opt(fc.boolean()),
    worseCoughSneeze: opt(fc.boolean()),
    easesWithMovement: opt(fc.boolean()),
    morningStiffnessOver30Min: opt(fc.boolean()),
    deepButtockPainSitting: opt(fc.boolean()),
    hipRotationProvokes: opt(fc.boolean()),
    hamstringTightness: opt(fc.boolean()),
    backFatigue: opt(fc.boolean()),
    toeTouch: opt(fc.constantFrom(...TOE_TOUCH)),
    slrTest: opt(fc.constantFrom(...SLR_TESTS)),
    slrAngle: opt(fc.integer({ min: 0, max: 120 })),
    slrDorsiflexionWorse: opt(fc.boolean()),
    thighInjury: opt(fc.boolean()),
    thighBruising: opt(fc.boolean()),
    sittingHours: opt(fc.double({ min: 0, max: 24, noNaN: true })),
    activity: opt(fc.constantFrom(...ACTIVITY)),
    liftingWork: opt(fc.boolean()),
    startBack: opt(startBackArb),
  })
  .map((r) => {
    // Drop the keys whose value is undefined: "missing" is what the contract means by optional.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== undefined) out[k] = v;
    // No leg side means no buttock or leg area: keep only the low back then.
    if (r.legSide === 'none') out.painAreas = ['lower-back'];
    return out as IntakeInput;
  });

/** The buttock and leg areas, at least one, with or without the low back. */
const legAreasArb = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...LEG_AREAS), { minLength: 1 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([legs, withBack, backFirst]) =>
    withBack
      ? backFirst
        ? ['lower-back' as const, ...legs]
        : [...legs, 'lower-back' as const]
      : legs,
  );

/**
 * An otherwise valid intake that contradicts itself: a buttock or leg area in `painAreas` with
 * `legSide` `none`. The contract refuses every one of them.
 */
export const contradictoryLegSideArb: fc.Arbitrary<IntakeInput> = fc
  .tuple(intakeArb, legAreasArb)
  .map(([good, painAreas]) => ({ ...good, painAreas, legSide: 'none' }));

/** A warning sign that can be switched on, by the answers it sets. */
export const warningSignArb = fc.constantFrom<Partial<IntakeInput>>(
  { saddleNumbness: true },
  { bladderChange: true },
  { bowelChange: true },
  { sexualDysfunction: true },
  { fever: true },
  { cancerHistory: true },
  { weightLoss: true },
  { nightPainConstant: true },
  { thoracicPain: true },
  { immunosuppressed: true },
  { fractureRisk: true },
  { weaknessWorsening: true },
  { thighInjury: true },
  { morningStiffnessOver30Min: true },
  { trauma: 'major' },
);

/** Anything at all: junk that must never make the engine throw. */
export const junkArb = fc.oneof(
  fc.anything(),
  intakeArb.chain((good) =>
    fc
      .record({
        key: fc.constantFrom(...Object.keys(good), 'extra', '__proto__'),
        value: fc.anything(),
      })
      .map(({ key, value }) => ({ ...good, [key]: value })),
  ),
);

/** Intakes without warning signs and with pain below 7, which get programmes with exercises. */
export const calmIntakeArb: fc.Arbitrary<IntakeInput> = intakeArb.map((a): IntakeInput => ({
  ...a,
  saddleNumbness: false,
  bladderChange: false,
  bowelChange: false,
  sexualDysfunction: false,
  fever: false,
  cancerHistory: false,
  weightLoss: false,
  nightPainConstant: false,
  thoracicPain: false,
  immunosuppressed: false,
  fractureRisk: false,
  trauma: 'none',
  legWeakness: 'none',
  weaknessWorsening: false,
  painNow: Math.min(a.painNow, 6),
}));
