// Sittings through the record service: the exercises of one sitting, logged one by one (offline too, sent
// twice), are one sitting in the record, in progress and in the list; a second sitting holds what is still due.
import { describe, expect, it } from 'vitest';
import { parsed, ANSWERS, storeWithPerson } from '../../test/fixtures.js';
import { knowledgeBase } from '../kb/index.js';
import {
  createAssessment,
  currentProgramme,
  listSittings,
  logSession,
  progress,
  type RecordContext,
} from './records.js';
import { assessmentBody, parseBody, sessionBody } from './schemas.js';

const USER = 'user-sittings-1';

function context(start = '2026-11-20T07:00:00.000Z'): RecordContext {
  let t = Date.parse(start);
  return {
    store: storeWithPerson(USER),
    kb: knowledgeBase,
    now: () => new Date((t += 60_000)),
  };
}

const log = (exerciseId: string, sittingId: string, clientId: string, date = '2026-11-20') =>
  parsed(
    parseBody(sessionBody, {
      date,
      sittingId,
      clientId,
      entries: [{ exerciseId, done: {}, tooEasy: false, painSharper: false, painSpread: false }],
    }),
  );

describe('sittings in the record', () => {
  it('counts a whole sitting logged exercise by exercise as one sitting, and a repeat once', async () => {
    const ctx = context();
    await createAssessment(ctx, USER, parsed(parseBody(assessmentBody, { answers: ANSWERS })));
    const plan = (await currentProgramme(ctx, USER)).items;
    expect(plan.length).toBeGreaterThan(1);
    for (const [i, item] of plan.entries()) {
      await logSession(
        ctx,
        USER,
        log(item.exerciseId, 'sitting-morning-1', `client-${String(i)}-aaaa`),
      );
    }
    // The outbox sends the first one again: stored once, and the sitting is unchanged.
    const repeat = await logSession(
      ctx,
      USER,
      log(plan[0]?.exerciseId ?? '', 'sitting-morning-1', 'client-0-aaaa'),
    );
    expect(repeat.duplicate).toBe(true);

    const sittings = await listSittings(ctx, USER);
    expect(sittings).toHaveLength(1);
    expect(sittings[0]?.sittingId).toBe('sitting-morning-1');
    expect(sittings[0]?.entries.map((e) => e.exerciseId)).toEqual(plan.map((i) => i.exerciseId));

    const summary = await progress(ctx, USER, '2026-11-20');
    const perDay = Math.max(...plan.map((i) => i.timesPerDay));
    expect(summary.adherence.done).toBe(1);
    expect(summary.adherence.planned).toBe(perDay);
    expect(summary.adherence.exercises?.done).toBe(plan.length);
  });

  it('files a sitting that runs past midnight under the day it began', async () => {
    const ctx = context('2026-11-20T23:50:00.000Z');
    await createAssessment(ctx, USER, parsed(parseBody(assessmentBody, { answers: ANSWERS })));
    const plan = (await currentProgramme(ctx, USER)).items;
    // The player sends the sitting's date with every exercise, even after midnight.
    for (const [i, item] of plan.entries()) {
      await logSession(
        ctx,
        USER,
        log(item.exerciseId, 'sitting-late-01', `late-${String(i)}-bbbb`),
      );
    }
    const [sitting] = await listSittings(ctx, USER);
    expect(sitting?.date).toBe('2026-11-20');
    const nextDay = await progress(ctx, USER, '2026-11-21');
    expect(nextDay.adherence.days?.find((d) => d.date === '2026-11-21')?.sittingsDone).toBe(0);
    expect(nextDay.adherence.days?.find((d) => d.date === '2026-11-20')?.sittingsDone).toBe(1);
  });
});
