// Shared test fixtures: answers several suites use, typed by the engine so they cannot drift from the contract.
import type { WarningSigns } from '../src/engine/checkin.js';
import type { IntakeInput } from '../src/engine/intake.js';
import { createMemoryStore, MEMORY_SNAPSHOT_VERSION } from '../src/store/memory.js';
import type { Store } from '../src/store/types.js';

/** A plain intake with hamstring tightness and no warning signs: a programme with exercises, nothing paused. */
export const ANSWERS = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
  hamstringTightness: true,
  toeTouch: 'short',
  slrTest: 'thigh-pull',
  slrAngle: 55,
  sittingHours: 9,
  activity: 'sedentary',
  worseSitting: true,
} satisfies IntakeInput;

/** Every warning sign answered "no", explicitly (a check-in never defaults them). */
export const NO_WARNING_SIGNS: WarningSigns = {
  saddleNumbness: false,
  bladderChange: false,
  bowelChange: false,
  sexualDysfunction: false,
  numbness: 'none',
  legWeakness: 'none',
  weaknessWorsening: false,
  trauma: 'none',
  fever: false,
  fractureRisk: false,
  cancerHistory: false,
  weightLoss: false,
  nightPainConstant: false,
  thoracicPain: false,
};

/**
 * A memory store holding one person (every write needs its person to exist, as the SQL stores' foreign
 * keys require): the record service's tests start from it.
 */
export function storeWithPerson(userId: string): Store {
  const store = createMemoryStore({
    version: MEMORY_SNAPSHOT_VERSION,
    users: [
      {
        id: userId,
        email: `${userId}@example.org`,
        passwordHash: '',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    ],
    credentials: [],
    assessments: [],
    programmes: [],
    sessionLogs: [],
    checkins: [],
    measurements: [],
    audit: [],
    loginLimits: [],
    erasures: [],
    clinicianCodes: [],
    invitations: [],
    careLinks: [],
    programmeVersions: [],
    outcomes: [],
    outcomeSchedule: [],
  });
  return store;
}

/** A parse result a fixture relies on: its value, or the test stops naming what did not parse. */
export function parsed<T>(result: { ok: true; value: T } | { ok: false; problems: unknown[] }): T {
  if (!result.ok) throw new Error(`fixture does not parse: ${JSON.stringify(result.problems)}`);
  return result.value;
}
