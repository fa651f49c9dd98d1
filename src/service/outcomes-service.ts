// Outcome measures on both sides (docs/clinician.md): the person answers them (scored as their authors specify), a
// clinician schedules them and enters the one licensed total (Oswestry), and both read them with the change since
// the first score. Transport-free.
import type { z } from 'zod';
import { outcomeChange, scoreOutcome, type OutcomeAnswers } from '../engine/outcomes.js';
import { problem } from '../engine/problems.js';
import type { InstrumentId, KnowledgeBase } from '../kb/types.js';
import { newId } from '../store/ids.js';
import type { OutcomeRecord, OutcomeScheduleRecord, PersonStore } from '../store/types.js';
import { asLinked } from './care-access.js';
import type * as responses from './responses.js';
import { RecordError, asPerson, audited, today, type RecordContext } from './records.js';

/** A scored outcome as both sides read it, with the change since the first score on its instrument. */
export type OutcomeView = z.infer<typeof responses.outcomeView>;

/** A measure a clinician asked for, from a date. */
export type ScheduleView = z.infer<typeof responses.scheduleView>;

const byTime = (a: OutcomeRecord, b: OutcomeRecord) =>
  a.date === b.date ? (a.createdAt < b.createdAt ? -1 : 1) : a.date < b.date ? -1 : 1;

/** Each outcome with its change since the person's first score on that instrument, oldest first. */
export function outcomeViews(
  records: readonly OutcomeRecord[],
  kb: Pick<KnowledgeBase, 'instruments'>,
): OutcomeView[] {
  const ordered = [...records].sort(byTime);
  const first = new Map<InstrumentId, OutcomeRecord>();
  return ordered.map((o) => {
    const start = first.get(o.instrument);
    if (!start) first.set(o.instrument, o);
    const instrument = kb.instruments[o.instrument];
    // The global rating of change is itself a change, so even its first answer has one.
    const change =
      start || o.instrument === 'global-rating-of-change'
        ? outcomeChange(instrument, start?.score ?? 0, o.score)
        : null;
    return {
      id: o.id,
      instrument: o.instrument,
      date: o.date,
      score: o.score,
      range: instrument.range,
      answers: o.answers,
      enteredBy: o.enteredBy,
      change,
    };
  });
}

export const scheduleView = (s: OutcomeScheduleRecord): ScheduleView => ({
  id: s.id,
  instrument: s.instrument,
  dueDate: s.dueDate,
  createdAt: s.createdAt,
  done: s.doneOutcomeId !== null,
});

/** Every outcome (oldest first) and the measures still due (not answered, not withdrawn). */
async function outcomesOf(
  store: PersonStore,
  personId: string,
  kb: KnowledgeBase,
): Promise<{ items: OutcomeView[]; due: ScheduleView[] }> {
  const [outcomes, schedule] = await Promise.all([
    store.allOutcomes(personId),
    store.listOutcomeSchedule(personId),
  ]);
  return {
    items: outcomeViews(outcomes, kb),
    due: schedule
      .filter((s) => s.doneOutcomeId === null && s.cancelledAt === null)
      .map(scheduleView),
  };
}

/** The one view of an outcome just stored, with its change against the person's earlier ones. */
async function viewOf(
  store: PersonStore,
  record: OutcomeRecord,
  kb: KnowledgeBase,
): Promise<OutcomeView> {
  const all = await store.allOutcomes(record.userId);
  const views = outcomeViews(all.some((o) => o.id === record.id) ? all : [...all, record], kb);
  const view = views.find((v) => v.id === record.id);
  if (!view) throw new Error('outcome stored but not read back');
  return view;
}

const scored = (answers: unknown, kb: KnowledgeBase) => {
  const result = scoreOutcome(answers, kb);
  if (!result.ok) {
    throw new RecordError(
      'invalid',
      'validation',
      'Some answers need another look',
      'The answers do not fit the measure.',
      result.problems,
    );
  }
  return result.value;
};

const clinicianOnly = () =>
  new RecordError(
    'forbidden',
    'clinician-only',
    'Entered by your clinician',
    'The Oswestry Disability Index is licensed: only its total, entered by a clinician, is kept.',
  );

/** The person's outcome measures over time and the ones a clinician asked for that are still due. */
export async function listOwnOutcomes(
  ctx: RecordContext,
  personId: string,
): Promise<{ items: OutcomeView[]; due: ScheduleView[] }> {
  return outcomesOf(ctx.store, personId, ctx.kb);
}

export interface OwnOutcomeInput {
  answers: OutcomeAnswers;
  date?: string | undefined;
  scheduleId?: string | undefined;
  clientId?: string | undefined;
}

/**
 * Scores and stores the person's answers to a measure (closing the schedule entry it answers). The
 * Oswestry total is the clinician's to enter; one sent again with the same `clientId` is stored once.
 */
export async function addOwnOutcome(
  ctx: RecordContext,
  personId: string,
  body: OwnOutcomeInput,
): Promise<OutcomeView> {
  if (body.answers.instrument === 'oswestry-total') throw clinicianOnly();
  const score = scored(body.answers, ctx.kb);
  return asPerson(ctx, personId, async (tx) => {
    const { store } = tx;
    const now = tx.now();
    const clientId = body.clientId ?? null;
    if (clientId !== null) {
      const stored = (await store.allOutcomes(personId)).find((o) => o.clientId === clientId);
      if (stored) {
        await audited(tx, personId, 'create', stored.id, 'duplicate');
        return viewOf(store, stored, ctx.kb);
      }
    }
    const scheduleId = body.scheduleId ?? null;
    if (scheduleId !== null) {
      const entry = (await store.listOutcomeSchedule(personId)).find((s) => s.id === scheduleId);
      if (!entry || entry.cancelledAt !== null || entry.doneOutcomeId !== null) {
        throw new RecordError(
          'not-found',
          'not-found',
          'Not found',
          'There is no measure due with that id.',
        );
      }
      if (entry.instrument !== score.instrument) {
        throw new RecordError(
          'invalid',
          'validation',
          'Another measure was asked for',
          `This entry asks for ${ctx.kb.instruments[entry.instrument].name}.`,
          [problem(['scheduleId'], `an entry asking for ${score.instrument}`, scheduleId)],
        );
      }
    }
    const record: OutcomeRecord = {
      userId: personId,
      id: newId(now),
      instrument: score.instrument,
      date: body.date ?? today(now),
      createdAt: now.toISOString(),
      answers: body.answers,
      score: score.score,
      enteredBy: personId,
      scheduleId,
      clientId,
    };
    if ((await store.addOutcome(record)) !== true) {
      throw new RecordError('conflict', 'busy', 'Sent at the same moment', 'Please send it again.');
    }
    await audited(tx, personId, 'create', record.id, 'ok');
    return viewOf(store, record, ctx.kb);
  });
}

/** A clinician reads the person's outcome measures and what is still due. */
export async function personOutcomes(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<{ items: OutcomeView[]; due: ScheduleView[] }> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'read',
    '/api/clinician/people/:personId/outcomes',
    (tx) => outcomesOf(tx.store, personId, ctx.kb),
  );
}

/** A clinician asks the person to fill in a measure from a date (not the Oswestry total, which they enter). */
export async function scheduleOutcome(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
  body: { instrument: InstrumentId; dueDate: string },
): Promise<ScheduleView> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'create',
    '/api/clinician/people/:personId/outcomes/schedule',
    async (tx, _link, note) => {
      if (body.instrument === 'oswestry-total') {
        throw new RecordError(
          'forbidden',
          'clinician-only',
          'Entered by you',
          'The Oswestry Disability Index is licensed: enter its total yourself rather than asking the person.',
        );
      }
      const now = tx.now();
      const entry: OutcomeScheduleRecord = {
        userId: personId,
        id: newId(now),
        instrument: body.instrument,
        dueDate: body.dueDate,
        createdAt: now.toISOString(),
        createdBy: clinicianId,
        doneOutcomeId: null,
        cancelledAt: null,
      };
      note.resourceId = entry.id;
      await tx.store.addOutcomeSchedule(entry);
      return scheduleView(entry);
    },
  );
}

/** A clinician enters an Oswestry Disability Index total (the only measure a clinician enters). */
export async function enterOutcomeTotal(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
  body: { instrument: 'oswestry-total'; total: number; date: string },
): Promise<OutcomeView> {
  return asLinked(
    ctx,
    clinicianId,
    personId,
    'create',
    '/api/clinician/people/:personId/outcomes',
    async (tx, _link, note) => {
      const instrument: string = body.instrument;
      if (instrument !== 'oswestry-total') {
        throw new RecordError(
          'forbidden',
          'person-only',
          'Answered by the person',
          'A clinician enters only the Oswestry total; the other measures are the person’s own answers.',
        );
      }
      const score = scored({ instrument: 'oswestry-total', total: body.total }, ctx.kb);
      const now = tx.now();
      const record: OutcomeRecord = {
        userId: personId,
        id: newId(now),
        instrument: 'oswestry-total',
        date: body.date,
        createdAt: now.toISOString(),
        answers: { instrument: 'oswestry-total', total: body.total },
        score: score.score,
        enteredBy: clinicianId,
        scheduleId: null,
        clientId: null,
      };
      note.resourceId = record.id;
      if ((await tx.store.addOutcome(record)) !== true) {
        throw new Error('an outcome without a client id was taken for a repeat');
      }
      return viewOf(tx.store, record, ctx.kb);
    },
  );
}
