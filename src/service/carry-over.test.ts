// A new assessment keeps the clinician's changes that are still safe (docs/clinician.md, "A new assessment"):
// through the service on the memory store, with the same answers, after a gentle-only re-assessment, a removal,
// and a warning sign's not-now gate; and a property that no carried-over programme breaks the rules.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { calmIntakeArb, intakeArb } from '../../test/arbitraries.js';
import { ANSWERS, parsed } from '../../test/fixtures.js';
import { refusalOf } from '../engine/clinician-change.js';
import type { IntakeInput } from '../engine/intake.js';
import { activeExclusions } from '../engine/plan.js';
import { permittedNow } from '../engine/session.js';
import { knowledgeBase } from '../kb/index.js';
import type { Dosage, Exercise, Range } from '../kb/types.js';
import { createMemoryStore } from '../store/memory.js';
import type { Store } from '../store/types.js';
import {
  acceptInvitation,
  changeProgramme,
  createInvitation,
  endLink,
  listOwnVersions,
  personVersions,
} from './clinician.js';
import { programmeChangeBody } from './clinician-schemas.js';
import { createAssessment, currentProgramme, todayView, type RecordContext } from './records.js';
import { assessmentBody, parseBody } from './schemas.js';

const PERSON = 'person-0001';
const CLINICIAN = 'clinician-01';
const byId = new Map<string, Exercise>(knowledgeBase.exercises.map((ex) => [ex.id, ex]));
const exercise = (id: string): Exercise => {
  const ex = byId.get(id);
  if (!ex) throw new Error(`no exercise ${id}`);
  return ex;
};

let store: Store;
const contextOf = (): RecordContext => ({
  store,
  kb: knowledgeBase,
  now: () => new Date('2026-11-02T09:00:00.000Z'),
});

async function setUp(): Promise<void> {
  store = createMemoryStore();
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
}

const assess = (answers: object) =>
  createAssessment(contextOf(), PERSON, parsed(parseBody(assessmentBody, { answers })));

async function link(): Promise<string> {
  const made = await createInvitation(contextOf(), CLINICIAN);
  return (await acceptInvitation(contextOf(), PERSON, made.code)).id;
}

/** Sends one change request against the programme's latest version. */
async function change(changes: object[]): Promise<void> {
  const { items } = await personVersions(contextOf(), CLINICIAN, PERSON);
  const basedOn = items[0]?.number ?? 1;
  await changeProgramme(
    contextOf(),
    CLINICIAN,
    PERSON,
    parsed(parseBody(programmeChangeBody, { basedOn, changes })),
  );
}

/** The programme's exercises now: the first gentle one, another, and a permitted one it does not hold. */
async function picks() {
  const programme = await currentProgramme(contextOf(), PERSON);
  const latest = await store.latestAssessment(PERSON);
  const stored = (await store.getCurrentProgramme(PERSON))?.programme;
  if (!latest || !stored) throw new Error('assessed');
  const gentle = programme.items.find((i) => exercise(i.exerciseId).gentle);
  const other = programme.items.find((i) => i !== gentle);
  const inPlan = new Set<string>(programme.items.map((i) => i.exerciseId));
  const addable = knowledgeBase.exercises.find(
    (ex) =>
      !inPlan.has(ex.id) &&
      ex.gentle &&
      refusalOf(
        ex,
        stored,
        { backOff: null, dropped: [] },
        activeExclusions(latest.answers),
        knowledgeBase,
      ) === null,
  );
  if (!gentle || !other || !addable)
    throw new Error('the fixture programme has what the tests need');
  return { gentle, other, addable };
}

const highest = (d: Dosage) => ({ amount: d.range.max, repeats: d.repeats.max, sets: d.sets.max });

beforeEach(setUp);

describe('a new assessment carries the clinician’s changes over', () => {
  it('keeps a raised dose, an added exercise and a note with the same answers, as news for the person', async () => {
    await assess(ANSWERS);
    await link();
    const { gentle, addable } = await picks();
    const raised = highest(exercise(gentle.exerciseId).dosage);
    await change([
      { op: 'dose', exerciseId: gentle.exerciseId, dosage: raised },
      { op: 'add', exerciseId: addable.id, note: 'Slowly, breathe out' },
    ]);
    await change([{ op: 'note', exerciseId: gentle.exerciseId, note: 'Keep the knee soft' }]);

    await assess(ANSWERS);

    const after = await currentProgramme(contextOf(), PERSON);
    const kept = after.items.find((i) => i.exerciseId === gentle.exerciseId);
    expect(kept?.dosage).toMatchObject(raised);
    expect(kept?.note).toBe('Keep the knee soft');
    expect(after.items.find((i) => i.exerciseId === addable.id)?.note).toBe('Slowly, breathe out');

    const { items } = await listOwnVersions(contextOf(), PERSON);
    expect(items.map((v) => v.number)).toEqual([2, 1]);
    const carried = items[0];
    expect(carried?.author.role).toBe('engine');
    expect(carried?.note).toBe(
      'Carried over from version 3 of the previous programme: the clinician’s changes that are still safe after this assessment.',
    );
    expect(carried?.changes.map((c) => [c.op, c.exerciseId])).toEqual(
      expect.arrayContaining([
        ['dose', gentle.exerciseId],
        ['note', gentle.exerciseId],
        ['add', addable.id],
      ]),
    );
    const today = await todayView(contextOf(), PERSON, '2026-11-02');
    expect(today.programmeNews?.versions.map((v) => v.number)).toEqual([2]);
  });

  it('refuses a raised dose after a re-assessment that makes the gate gentle-only, and says by which rule', async () => {
    await assess(ANSWERS);
    await link();
    const { gentle } = await picks();
    const raised = highest(exercise(gentle.exerciseId).dosage);
    await change([{ op: 'dose', exerciseId: gentle.exerciseId, dosage: raised }]);

    await assess({ ...ANSWERS, immunosuppressed: true });

    const after = await store.getCurrentProgramme(PERSON);
    expect(after?.programme.gate).toBe('gentle-only');
    const item = after?.programme.items.find((i) => i.exerciseId === gentle.exerciseId);
    expect(item).toBeDefined();
    expect(item?.dosage).not.toMatchObject(raised);
    const [carried] = (await listOwnVersions(contextOf(), PERSON)).items;
    expect(carried?.changes).toEqual([]);
    expect(carried?.note).toContain('Not carried over:');
    expect(carried?.note).toContain(knowledgeBase.programme.refusals['lowest-dose-gate']);
  });

  it('keeps a removed exercise out, with or without the link', async () => {
    await assess(ANSWERS);
    const linkId = await link();
    const { other } = await picks();
    await change([{ op: 'remove', exerciseId: other.exerciseId }]);
    await endLink(contextOf(), PERSON, linkId);

    await assess(ANSWERS);

    const after = await currentProgramme(contextOf(), PERSON);
    expect(after.items.map((i) => i.exerciseId)).not.toContain(other.exerciseId);
    const [carried] = (await listOwnVersions(contextOf(), PERSON)).items;
    expect(carried?.changes).toEqual([
      expect.objectContaining({ op: 'remove', exerciseId: other.exerciseId }),
    ]);
  });

  it('carries nothing into a warning sign’s not-now programme, and says so', async () => {
    await assess(ANSWERS);
    await link();
    const { addable } = await picks();
    await change([{ op: 'add', exerciseId: addable.id }]);

    await assess({ ...ANSWERS, saddleNumbness: true });

    const after = await store.getCurrentProgramme(PERSON);
    expect(after?.programme.gate).toBe('not-now');
    expect(after?.programme.items).toEqual([]);
    const [carried] = (await listOwnVersions(contextOf(), PERSON)).items;
    expect(carried?.changes).toEqual([]);
    expect(carried?.note).toContain(knowledgeBase.programme.refusals['gate-not-now']);
  });

  it('makes no version when there were no clinician changes', async () => {
    await assess(ANSWERS);
    await assess(ANSWERS);
    expect((await listOwnVersions(contextOf(), PERSON)).items.map((v) => v.number)).toEqual([1]);
    expect(
      await store.listProgrammeVersions(PERSON, (await currentProgramme(contextOf(), PERSON)).id),
    ).toEqual([]);
  });
});

const within = (value: number, r: Range) => value >= r.min && value <= r.max;

/** Any intake for the re-assessment, often a calm one. */
const answersArb: fc.Arbitrary<IntakeInput> = fc.oneof(
  { weight: 1, arbitrary: intakeArb },
  { weight: 2, arbitrary: calmIntakeArb },
);

describe('carried-over programmes (property)', () => {
  it('never hold an exercise the new assessment forbids, nor a dose outside the catalogue’s range', async () => {
    let carriedSome = 0;
    await fc.assert(
      fc.asyncProperty(
        calmIntakeArb,
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        answersArb,
        async (first, pick, level, second) => {
          await setUp();
          await assess(first);
          await link();
          const plan = (await currentProgramme(contextOf(), PERSON)).items;
          const target = plan[pick % Math.max(plan.length, 1)];
          const inPlan = new Set<string>(plan.map((i) => i.exerciseId));
          const others = knowledgeBase.exercises.filter((ex) => !inPlan.has(ex.id));
          const add = others[pick % Math.max(others.length, 1)];
          const dose = (d: Dosage) => {
            const at = (r: Range) => r.min + Math.round(level * (r.max - r.min));
            return { amount: at(d.range), repeats: at(d.repeats), sets: at(d.sets) };
          };
          for (const body of [
            target && {
              op: 'dose',
              exerciseId: target.exerciseId,
              dosage: dose(exercise(target.exerciseId).dosage),
            },
            add && { op: 'add', exerciseId: add.id, dosage: dose(add.dosage) },
          ]) {
            // A change the first assessment's rules refuse is simply not made.
            if (body) await change([body]).catch(() => undefined);
          }

          await assess(second);

          const current = await store.getCurrentProgramme(PERSON);
          const latest = await store.latestAssessment(PERSON);
          if (!current || !latest) throw new Error('assessed');
          const exclusions = activeExclusions(latest.answers);
          const rules = { gate: latest.result.exercise, exclusions };
          if ((await store.listProgrammeVersions(PERSON, current.id)).length > 0) carriedSome++;
          for (const item of current.programme.items) {
            const ex = exercise(item.exerciseId);
            expect(permittedNow(ex, rules, current.state, exclusions)).toBe(true);
            const ranges =
              [ex.dosage, ex.alternativeDosage?.dosage].find((d) => d?.unit === item.dosage.unit) ??
              ex.dosage;
            expect(within(item.dosage.amount, ranges.range)).toBe(true);
            expect(within(item.dosage.repeats, ranges.repeats)).toBe(true);
            expect(within(item.dosage.sets, ranges.sets)).toBe(true);
            expect(within(item.timesPerDay, ranges.timesPerDay)).toBe(true);
            if (rules.gate === 'gentle-only') {
              // Gentle-only means the lowest dose, whoever set it.
              expect(item.dosage.amount).toBe(ranges.range.min);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
    // The property must see carried-over programmes for it to say anything.
    expect(carriedSome).toBeGreaterThan(15);
  });
});
