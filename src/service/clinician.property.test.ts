// The safety invariant of clinician changes end to end (fast-check): whatever a clinician sends through the service,
// the stored programme never holds an exercise the engine's rules forbid now, nor a dose outside the catalogue's range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calmIntakeArb, intakeArb } from '../../test/arbitraries.js';
import type { IntakeInput } from '../engine/intake.js';
import { parsed } from '../../test/fixtures.js';
import type { ClinicianChange } from '../engine/clinician-change.js';
import { activeExclusions } from '../engine/plan.js';
import { permittedNow } from '../engine/session.js';
import { mostRestrictiveGate } from '../engine/triage.js';
import { knowledgeBase } from '../kb/index.js';
import type { Dosage, Range } from '../kb/types.js';
import { createMemoryStore } from '../store/memory.js';
import type { Store } from '../store/types.js';
import {
  acceptInvitation,
  changeProgramme,
  createInvitation,
  listOwnVersions,
} from './clinician.js';
import { programmeChangeBody } from './clinician-schemas.js';
import { createAssessment, logSession, RecordError, type RecordContext } from './records.js';
import { assessmentBody, parseBody, sessionBody } from './schemas.js';

const PERSON = 'person-0001';
const CLINICIAN = 'clinician-01';
const ids = knowledgeBase.exercises.map((ex) => ex.id as string);

/**
 * A change as drawn, resolved against the programme when it is sent: which exercise (of the plan, or
 * of the catalogue for an add, now and then an unknown one) and each dose part either inside its range
 * (as a fraction of it) or any count at all, so both valid changes and each refusal come up often.
 */
interface DrawnChange {
  op: ClinicianChange['op'];
  pick: number;
  unknown: boolean;
  /** Per part (amount, repeats, sets, times a day): absent, a fraction of its range, or a raw count. */
  parts: ({ inRange: number } | { raw: number } | null)[];
  note: string | null;
}

const partArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 6, arbitrary: fc.record({ inRange: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ raw: fc.integer({ min: 0, max: 120 }) }) },
);

const drawnArb: fc.Arbitrary<DrawnChange> = fc.record({
  op: fc.constantFrom('add', 'remove', 'dose', 'note'),
  pick: fc.nat(),
  unknown: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
  parts: fc.array(partArb, { minLength: 4, maxLength: 4 }),
  note: fc.option(fc.constantFrom('Slowly', 'Breathe out as you lift'), { nil: null }),
});

const valueOf = (part: DrawnChange['parts'][number], r: Range): number | undefined =>
  part === null || part === undefined
    ? undefined
    : 'raw' in part
      ? part.raw
      : r.min + Math.round(part.inRange * (r.max - r.min));

/** The change a drawn one makes of this plan. */
function resolve(d: DrawnChange, plan: readonly string[]): ClinicianChange {
  const fromPlan = plan.length > 0 && d.op !== 'add';
  const exerciseId = d.unknown
    ? 'no-such-exercise'
    : fromPlan
      ? (plan[d.pick % plan.length] ?? 'no-such-exercise')
      : (ids[d.pick % ids.length] ?? 'no-such-exercise');
  const ex = knowledgeBase.exercises.find((e) => e.id === exerciseId);
  const ranges = ex?.dosage;
  const [amount, repeats, sets, times] = d.parts;
  const dose = ranges && {
    amount: valueOf(amount ?? null, ranges.range),
    repeats: valueOf(repeats ?? null, ranges.repeats),
    sets: valueOf(sets ?? null, ranges.sets),
  };
  const timesPerDay = ranges && valueOf(times ?? null, ranges.timesPerDay);
  switch (d.op) {
    case 'add':
      return {
        op: 'add',
        exerciseId,
        ...(dose &&
        dose.amount !== undefined &&
        dose.repeats !== undefined &&
        dose.sets !== undefined
          ? { dosage: { amount: dose.amount, repeats: dose.repeats, sets: dose.sets } }
          : {}),
        ...(timesPerDay === undefined ? {} : { timesPerDay }),
      };
    case 'remove':
      return { op: 'remove', exerciseId };
    case 'dose':
      return {
        op: 'dose',
        exerciseId,
        ...(dose ? { dosage: dose } : {}),
        ...(timesPerDay === undefined ? {} : { timesPerDay }),
      };
    case 'note':
      return { op: 'note', exerciseId, note: d.note };
  }
}

/** Intakes without warning signs, which get programmes with exercises more often; mixed with any intake. */
const answersArb: fc.Arbitrary<IntakeInput> = fc.oneof(
  { weight: 1, arbitrary: intakeArb },
  {
    weight: 3,
    arbitrary: calmIntakeArb,
  },
);

const within = (value: number, r: Range) => value >= r.min && value <= r.max;

/** Every way the stored programme could break the rules now; empty when it keeps them all. */
async function breaches(store: Store): Promise<string[]> {
  const current = await store.getCurrentProgramme(PERSON);
  const latest = await store.latestAssessment(PERSON);
  if (!current || !latest) return [];
  const rules = {
    gate: mostRestrictiveGate([current.programme.gate, latest.result.exercise]),
    exclusions: current.programme.exclusions,
  };
  const exclusions = [...new Set([...rules.exclusions, ...activeExclusions(latest.answers)])];
  const out: string[] = [];
  for (const item of current.programme.items) {
    const ex = knowledgeBase.exercises.find((e) => e.id === item.exerciseId);
    if (!ex) {
      out.push(`${item.exerciseId}: not in the catalogue`);
      continue;
    }
    if (!permittedNow(ex, rules, current.state, exclusions)) {
      out.push(`${item.exerciseId}: forbidden now`);
    }
    const ranges: Dosage =
      [ex.dosage, ex.alternativeDosage?.dosage].find((d) => d?.unit === item.dosage.unit) ??
      ex.dosage;
    const d = item.dosage;
    if (!within(d.amount, ranges.range)) out.push(`${item.exerciseId}: amount ${d.amount}`);
    if (!within(d.repeats, ranges.repeats)) out.push(`${item.exerciseId}: repeats ${d.repeats}`);
    if (!within(d.sets, ranges.sets)) out.push(`${item.exerciseId}: sets ${d.sets}`);
    if (!within(item.timesPerDay, ranges.timesPerDay)) {
      out.push(`${item.exerciseId}: ${item.timesPerDay} times a day`);
    }
  }
  return out;
}

describe('clinician changes through the service', () => {
  it('never store a forbidden exercise or an out-of-range dose, and a refusal changes nothing', async () => {
    // Both outcomes must happen often enough for the property to say something.
    const seen = { accepted: 0, refused: 0 };
    const rules = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        answersArb,
        fc.boolean(),
        fc.array(fc.array(drawnArb, { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 5,
        }),
        async (answers, spreadFirst, requests) => {
          const store = createMemoryStore();
          const ctx: RecordContext = {
            store,
            kb: knowledgeBase,
            now: () => new Date('2026-11-02T09:00:00.000Z'),
          };
          for (const [id, role] of [
            [PERSON, 'person'],
            [CLINICIAN, 'clinician'],
          ] as const) {
            await store.createUser({
              id,
              email: `${id}@example.org`,
              passwordHash: '',
              createdAt: '2026-11-01T00:00:00.000Z',
              role,
              displayName: role === 'clinician' ? 'Alex Morgan' : null,
            });
          }
          const created = await createAssessment(
            ctx,
            PERSON,
            parsed(parseBody(assessmentBody, { answers })),
          );
          const invitation = await createInvitation(ctx, CLINICIAN);
          await acceptInvitation(ctx, PERSON, invitation.code);
          const first = (await store.getCurrentProgramme(PERSON))?.programme.items[0];
          if (spreadFirst && first) {
            // Pain spreading in a sitting backs the programme off: gentle only, no nerve tension.
            await logSession(
              ctx,
              PERSON,
              parsed(
                parseBody(sessionBody, {
                  entries: [
                    {
                      exerciseId: first.exerciseId,
                      done: {},
                      painSharper: false,
                      painSpread: true,
                    },
                  ],
                }),
              ),
            ).catch((e: unknown) => {
              if (!(e instanceof RecordError)) throw e;
            });
          }
          expect(created.programmeId).toBeTypeOf('string');
          for (const drawn of requests) {
            const before = await store.getCurrentProgramme(PERSON);
            const plan: string[] = before?.programme.items.map((i) => i.exerciseId) ?? [];
            const changes = drawn.map((d) => resolve(d, plan));
            const basedOn = (await listOwnVersions(ctx, PERSON)).items[0]?.number ?? 1;
            const body = parsed(parseBody(programmeChangeBody, { basedOn, changes }));
            const refused = await changeProgramme(ctx, CLINICIAN, PERSON, body).then(
              () => false,
              (e: unknown) => {
                if (e instanceof RecordError && e.code === 'change-refused') {
                  for (const r of e.extra.refusals as { rule: string }[]) rules.add(r.rule);
                  return true;
                }
                throw e;
              },
            );
            seen[refused ? 'refused' : 'accepted'] += 1;
            if (refused) expect(await store.getCurrentProgramme(PERSON)).toEqual(before);
            expect(await breaches(store)).toEqual([]);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(seen.accepted).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(30);
    // The safety rules themselves were exercised, not only the bookkeeping ones.
    for (const rule of ['gate', 'never-when', 'back-off', 'dose-range'])
      expect(rules).toContain(rule);
  });
});
