// The record service on the memory store, as the web app's device mode runs it: refusals, pausing, and check-ins and sessions sent twice.
import { beforeEach, describe, expect, it } from 'vitest';
import { parsed, ANSWERS, NO_WARNING_SIGNS, storeWithPerson } from '../../test/fixtures.js';
import { knowledgeBase } from '../kb/index.js';
import type { Store } from '../store/types.js';
import {
  addCheckin,
  addMeasurement,
  createAssessment,
  currentProgramme,
  exportRecord,
  getAssessment,
  listCheckins,
  listSessions,
  logSession,
  progress,
  RecordError,
  type RecordContext,
} from './records.js';
import {
  assessmentBody,
  checkinBody,
  parseBody,
  sessionBody,
  type CheckinBody,
  type SessionBody,
} from './schemas.js';

const USER = 'user-0001';

/** A parsed body, as the server's validator or the web app's form would hand it over. */

const checkinOf = (over: object = {}): CheckinBody =>
  parsed(
    parseBody(checkinBody, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
      ...over,
    }),
  );

const sessionOf = (exerciseId: string, entry: object = {}, over: object = {}): SessionBody =>
  parsed(
    parseBody(sessionBody, {
      entries: [
        { exerciseId, done: {}, tooEasy: false, painSharper: false, painSpread: false, ...entry },
      ],
      ...over,
    }),
  );

/** The refusal a promise ends with, for asserting on its fields. */
async function refusal(promise: Promise<unknown>): Promise<RecordError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof RecordError) return e;
    throw e;
  }
  throw new Error('expected a RecordError, but the operation succeeded');
}

let store: Store;
let ctx: RecordContext;
beforeEach(() => {
  store = storeWithPerson(USER);
  ctx = { store, kb: knowledgeBase, now: () => new Date('2026-11-02T09:00:00.000Z') };
});

async function assessed(): Promise<string> {
  const created = await createAssessment(
    ctx,
    USER,
    parsed(parseBody(assessmentBody, { answers: ANSWERS })),
  );
  return created.programmeId;
}

describe('before an assessment', () => {
  it('refuses a check-in with a conflict, no-assessment, and stores nothing', async () => {
    const err = await refusal(addCheckin(ctx, USER, checkinOf()));
    expect(err).toMatchObject({
      kind: 'conflict',
      code: 'no-assessment',
      title: 'No assessment yet',
      detail: 'Complete an assessment first; check-ins compare against it.',
    });
    expect(await store.allCheckins(USER)).toStrictEqual([]);
  });

  it('has no programme (not-found) and refuses a session (conflict, no-programme)', async () => {
    expect(await refusal(currentProgramme(ctx, USER))).toMatchObject({
      kind: 'not-found',
      code: 'not-found',
      detail: 'There is no programme yet: complete an assessment first here.',
    });
    expect(await refusal(logSession(ctx, USER, sessionOf('abdominal-brace')))).toMatchObject({
      kind: 'conflict',
      code: 'no-programme',
    });
  });

  it("says not-found for an unknown assessment and for an export of an account that doesn't exist", async () => {
    expect((await refusal(getAssessment(ctx, USER, 'nope'))).kind).toBe('not-found');
    expect(await refusal(exportRecord(ctx, 'nobody-0001', 'json'))).toMatchObject({
      kind: 'not-found',
      detail: 'There is no account here.',
    });
  });
});

describe('after an assessment', () => {
  it('builds the current programme from the answers', async () => {
    const programmeId = await assessed();
    const programme = await currentProgramme(ctx, USER);
    expect(programme.id).toBe(programmeId);
    expect(programme.paused).toBe(false);
    expect(programme.items.map((i) => i.exerciseId)).toContain('abdominal-brace');
  });

  it('pauses the programme on a new emergency sign, and then refuses sessions (programme-paused)', async () => {
    await assessed();
    expect((await logSession(ctx, USER, sessionOf('abdominal-brace'))).id).toBeTypeOf('string');
    const out = await addCheckin(
      ctx,
      USER,
      checkinOf({ warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true } }),
    );
    expect(out.programmePaused).toBe(true);
    expect(out.duplicate).toBe(false);
    expect(out.triage?.level).toBe('emergency');
    expect((await currentProgramme(ctx, USER)).paused).toBe(true);

    const err = await refusal(logSession(ctx, USER, sessionOf('abdominal-brace')));
    expect(err).toMatchObject({
      kind: 'conflict',
      code: 'programme-paused',
      title: 'Your programme is paused',
      detail: out.triage?.advice,
    });
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toHaveLength(1);
  });

  it('does not pause for a check-in with nothing new', async () => {
    await assessed();
    const out = await addCheckin(ctx, USER, checkinOf());
    expect(out).toStrictEqual({
      id: out.id,
      programmePaused: false,
      reassessmentAdvised: false,
      backOffEnded: false,
      advice: [],
      duplicate: false,
    });
    expect((await currentProgramme(ctx, USER)).paused).toBe(false);
  });

  it('refuses an exercise that is not in the programme as invalid, storing nothing', async () => {
    await assessed();
    const err = await refusal(logSession(ctx, USER, sessionOf('good-morning-modified')));
    expect(err).toMatchObject({ kind: 'invalid', code: 'not-in-programme' });
    expect(err.detail).toContain('good-morning-modified');
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toStrictEqual([]);
  });

  it('queues sessions sent at the same moment instead of refusing them, each applied once', async () => {
    await assessed();
    const before = (await store.getCurrentProgramme(USER))?.revision ?? -1;
    const sent = await Promise.all(
      Array.from({ length: 8 }, () => logSession(ctx, USER, sessionOf('abdominal-brace'))),
    );
    expect(sent.map((s) => s.duplicate)).toStrictEqual(Array.from({ length: 8 }, () => false));
    expect(new Set(sent.map((s) => s.id)).size).toBe(8);
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toHaveLength(8);
    // Every session read the programme the one before it left: eight updates, none lost.
    expect((await store.getCurrentProgramme(USER))?.revision).toBe(before + 8);
  });

  it('refuses every write for an account deleted meanwhile (account-gone), writing nothing', async () => {
    await assessed();
    await store.deleteUser(USER);
    for (const write of [
      () => createAssessment(ctx, USER, parsed(parseBody(assessmentBody, { answers: ANSWERS }))),
      () => logSession(ctx, USER, sessionOf('abdominal-brace')),
      () => addCheckin(ctx, USER, checkinOf()),
      () => addMeasurement(ctx, USER, { kind: 'toe-touch', value: 3 }),
    ]) {
      expect(await refusal(write())).toMatchObject({ kind: 'not-found', code: 'account-gone' });
    }
    expect(Object.values(await store.rowCounts(USER)).every((n) => n === 0)).toBe(true);
  });

  it('leaves the audit row of each write in its own transaction, and none for a refused one', async () => {
    const audit = {
      actor: USER,
      credentialKind: 'token' as const,
      credentialId: 'token-0001',
      address: '192.0.2.4',
      resource: '/api/test',
    };
    const audited = { ...ctx, audit };
    const created = await createAssessment(
      audited,
      USER,
      parsed(parseBody(assessmentBody, { answers: ANSWERS })),
    );
    const session = await logSession(audited, USER, sessionOf('abdominal-brace'));
    await refusal(logSession(audited, USER, sessionOf('good-morning-modified')));
    const rows = (await store.listAudit(USER, { limit: 10 })).items;
    expect(rows.map((r) => [r.action, r.resourceId, r.outcome])).toStrictEqual([
      ['create', session.id, 'ok'],
      ['create', created.id, 'ok'],
    ]);
    expect(rows[0]).toMatchObject({
      actor: USER,
      credentialKind: 'token',
      credentialId: 'token-0001',
      address: '192.0.2.4',
      resource: '/api/test',
    });
    // Device mode has no audit context, and keeps no audit trail.
    await logSession(ctx, USER, sessionOf('abdominal-brace'));
    expect((await store.listAudit(USER, { limit: 10 })).items).toHaveLength(2);
  });

  it('summarises progress and records measurements', async () => {
    await assessed();
    await addCheckin(ctx, USER, checkinOf({ date: '2026-11-01', painNow: 6 }));
    await addCheckin(ctx, USER, checkinOf({ date: '2026-11-02', painNow: 2 }));
    const m = await addMeasurement(ctx, USER, { kind: 'slr-angle', side: 'left', value: 60 });
    expect(m).not.toHaveProperty('userId');
    expect(m).toMatchObject({ date: '2026-11-02', side: 'left', value: 60 });
    const p = await progress(ctx, USER);
    expect(p.pain.map((x) => x.value)).toStrictEqual([6, 2]);
    expect(p.slr).toHaveLength(1);
  });
});

describe('assessments and measurements with a clientId', () => {
  it('stores an assessment once per clientId, answering a repeat with the stored one and its programme', async () => {
    const body = parsed(
      parseBody(assessmentBody, { answers: ANSWERS, clientId: 'device-assess-01' }),
    );
    const first = await createAssessment(ctx, USER, body);
    const again = await createAssessment(ctx, USER, body);
    expect(first.duplicate).toBe(false);
    expect(again).toStrictEqual({ ...first, duplicate: true });
    expect((await store.rowCounts(USER)).assessments).toBe(1);
    expect((await store.rowCounts(USER)).programmes).toBe(1);
    const other = await createAssessment(
      ctx,
      USER,
      parsed(parseBody(assessmentBody, { answers: ANSWERS })),
    );
    expect(other.id).not.toBe(first.id);
  });

  it('stores a measurement once per clientId, however many are sent at once', async () => {
    const all = await Promise.all(
      Array.from({ length: 4 }, () =>
        addMeasurement(ctx, USER, {
          kind: 'slr-angle',
          side: 'left',
          value: 61,
          clientId: 'device-measure-01',
        }),
      ),
    );
    expect(all.filter((m) => !m.duplicate)).toHaveLength(1);
    expect(new Set(all.map((m) => m.id)).size).toBe(1);
    expect(await store.allMeasurements(USER)).toHaveLength(1);
    expect(all[0]).toMatchObject({ clientId: 'device-measure-01', value: 61 });
  });
});

describe('check-ins with a clientId', () => {
  it('stores the first, and returns a repeat as a duplicate without a second row or new triage', async () => {
    await assessed();
    const first = await addCheckin(ctx, USER, checkinOf({ clientId: 'device-queue-01' }));
    expect(first.duplicate).toBe(false);
    const repeat = await addCheckin(
      ctx,
      USER,
      checkinOf({
        clientId: 'device-queue-01',
        warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true },
      }),
    );
    expect(repeat).toStrictEqual({ ...first, duplicate: true });
    expect(repeat.triage).toBeUndefined();
    expect((await currentProgramme(ctx, USER)).paused).toBe(false);
    const listed = await listCheckins(ctx, USER, { limit: 10 });
    expect(listed.items.map((c) => [c.id, c.clientId])).toStrictEqual([
      [first.id, 'device-queue-01'],
    ]);
    expect(listed.items[0]).not.toHaveProperty('userId');
  });

  it('stores one of several sent at the same moment, and answers the others with it', async () => {
    await assessed();
    const clientId = 'device-queue-02';
    const all = await Promise.all(
      Array.from({ length: 5 }, () => addCheckin(ctx, USER, checkinOf({ clientId, painNow: 5 }))),
    );
    const stored = all.find((a) => !a.duplicate);
    expect(all.filter((a) => !a.duplicate)).toHaveLength(1);
    for (const a of all) expect(a).toStrictEqual({ ...stored, duplicate: a.duplicate });
    expect(await store.allCheckins(USER)).toHaveLength(1);
  });

  it('answers a repeat even when the assessment it was checked against is gone from view', async () => {
    await assessed();
    const first = await addCheckin(
      ctx,
      USER,
      checkinOf({
        clientId: 'device-queue-03',
        warningSigns: { ...NO_WARNING_SIGNS, fever: true },
      }),
    );
    expect(first.triage?.reasons.map((r) => r.code)).toContain('possible-infection');
    // A repeat needs nothing but the stored check-in: it is answered before any other rule.
    const noAssessment = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'latestAssessment') return () => Promise.resolve(undefined);
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const again = await addCheckin(
      { ...ctx, store: noAssessment },
      USER,
      checkinOf({ clientId: 'device-queue-03' }),
    );
    expect(again).toStrictEqual({ ...first, duplicate: true });
  });
});

describe('sessions with a clientId', () => {
  /** The glute bridge's dose now, and the programme's revision (bumped by every applied session). */
  const bridge = async () => {
    const p = await store.getCurrentProgramme(USER);
    return {
      amount: p?.programme.items.find((i) => i.exerciseId === 'glute-bridge')?.dosage.amount,
      streak: p?.state.easyStreak['glute-bridge'],
      revision: p?.revision,
    };
  };

  it('stores the first, and returns a repeat as a duplicate without a second row or applying progression again', async () => {
    await assessed();
    const easier = { tooEasy: true };
    const first = await logSession(
      ctx,
      USER,
      sessionOf('glute-bridge', easier, { clientId: 'device-queue-01' }),
    );
    expect(first).toStrictEqual({
      id: first.id,
      programmeChanges: [],
      warningCheckRequired: false,
      stoppedForToday: false,
      advice: [],
      duplicate: false,
    });
    expect(await bridge()).toStrictEqual({ amount: 20, streak: 1, revision: 1 });
    // Counted again, this would be the second "too easy" session and progress the exercise.
    const repeat = await logSession(
      ctx,
      USER,
      sessionOf('glute-bridge', easier, { clientId: 'device-queue-01' }),
    );
    expect(repeat).toStrictEqual({ ...first, duplicate: true });
    expect(await bridge()).toStrictEqual({ amount: 20, streak: 1, revision: 1 });
    const listed = await listSessions(ctx, USER, { limit: 10 });
    expect(listed.items.map((l) => [l.id, l.clientId])).toStrictEqual([
      [first.id, 'device-queue-01'],
    ]);
    expect(listed.items[0]).not.toHaveProperty('userId');

    // Another clientId is another session: now it progresses, and its repeat answers with that.
    const second = await logSession(
      ctx,
      USER,
      sessionOf('glute-bridge', easier, { clientId: 'device-queue-02' }),
    );
    expect(second.programmeChanges).toContainEqual(
      expect.objectContaining({ exerciseId: 'glute-bridge', change: 'progressed' }),
    );
    const progressed = await bridge();
    expect(progressed.amount).toBeGreaterThan(20);
    expect(
      await logSession(
        ctx,
        USER,
        sessionOf('glute-bridge', easier, { clientId: 'device-queue-02' }),
      ),
    ).toStrictEqual({ ...second, duplicate: true });
    expect(await bridge()).toStrictEqual(progressed);
    // Without a clientId, nothing is ever a repeat.
    const plain = sessionOf('glute-bridge');
    expect((await logSession(ctx, USER, plain)).duplicate).toBe(false);
    expect((await logSession(ctx, USER, plain)).duplicate).toBe(false);
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toHaveLength(4);
  });

  it('answers a repeat of the session that asked for the warning-sign check with its stored result, not a refusal', async () => {
    await assessed();
    // Pain spreading drops the exercise and backs the plan off (the bridge gives way to the march),
    // so the second spreading session is of an exercise the back-off kept, on another day.
    const spread = (exerciseId: string, clientId: string, date: string) =>
      sessionOf(exerciseId, { painSpread: true }, { clientId, date });
    await logSession(ctx, USER, spread('glute-bridge', 'spread-once-01', '2026-11-01'));
    const second = await logSession(
      ctx,
      USER,
      spread('abdominal-brace', 'spread-twice-02', '2026-11-02'),
    );
    expect(second.warningCheckRequired).toBe(true);
    const before = await store.getCurrentProgramme(USER);
    expect(before?.state.warningCheckRequired).toBe(true);
    expect(before?.state.spreadEpisodes).toStrictEqual(['2026-11-01', '2026-11-02']);

    // The repeats are answered although sessions are now refused and both exercises left the plan.
    expect(
      await logSession(ctx, USER, spread('abdominal-brace', 'spread-twice-02', '2026-11-02')),
    ).toStrictEqual({ ...second, duplicate: true });
    expect(
      await logSession(ctx, USER, spread('glute-bridge', 'spread-once-01', '2026-11-01')),
    ).toMatchObject({ warningCheckRequired: false, stoppedForToday: true, duplicate: true });
    expect(await store.getCurrentProgramme(USER)).toStrictEqual(before);
    // A new session is still refused until the check-in.
    expect(
      await refusal(
        logSession(ctx, USER, spread('knee-to-chest', 'spread-thrice-03', '2026-11-03')),
      ),
    ).toMatchObject({ code: 'warning-check-required' });
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toHaveLength(2);
  });

  it('answers a repeat while the programme is paused, or after the exercise left it', async () => {
    await assessed();
    const first = await logSession(
      ctx,
      USER,
      sessionOf('supine-hamstring-gentle', { painSharper: true }, { clientId: 'device-queue-04' }),
    );
    expect(first.programmeChanges[0]).toMatchObject({ exerciseId: 'supine-hamstring-gentle' });
    const programme = await currentProgramme(ctx, USER);
    expect(programme.items.map((i) => i.exerciseId)).not.toContain('supine-hamstring-gentle');
    await addCheckin(
      ctx,
      USER,
      checkinOf({ warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true } }),
    );
    expect((await currentProgramme(ctx, USER)).paused).toBe(true);
    const again = await logSession(
      ctx,
      USER,
      sessionOf('supine-hamstring-gentle', { painSharper: true }, { clientId: 'device-queue-04' }),
    );
    expect(again).toStrictEqual({ ...first, duplicate: true });
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toHaveLength(1);
  });

  it('stores one of several sent at the same moment, applies it once, and answers the others with it', async () => {
    await assessed();
    const clientId = 'device-queue-05';
    const revision = (await store.getCurrentProgramme(USER))?.revision ?? -1;
    const all = await Promise.all(
      Array.from({ length: 5 }, () =>
        logSession(ctx, USER, sessionOf('glute-bridge', {}, { clientId })),
      ),
    );
    const stored = all.find((a) => !a.duplicate);
    expect(all.filter((a) => !a.duplicate)).toHaveLength(1);
    for (const a of all) expect(a).toStrictEqual({ ...stored, duplicate: a.duplicate });
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toHaveLength(1);
    expect((await store.getCurrentProgramme(USER))?.revision).toBe(revision + 1);
  });

  it('answers a repeat sent at the same moment with the stored one, even when it asked for the warning check', async () => {
    await assessed();
    await logSession(
      ctx,
      USER,
      sessionOf('glute-bridge', { painSpread: true }, { date: '2026-11-01' }),
    );
    const body = sessionOf(
      'abdominal-brace',
      { painSpread: true },
      { clientId: 'device-queue-06', date: '2026-11-02' },
    );
    // The first stores it and asks for the warning check; the second, queued behind it, would be
    // refused by that check were it not the same session: it gets the stored answer.
    const [first, second] = await Promise.all([
      logSession(ctx, USER, body),
      logSession(ctx, USER, body),
    ]);
    expect(first.warningCheckRequired).toBe(true);
    expect(second).toStrictEqual({ ...first, duplicate: true });
    expect(await store.sessionLogsSince(USER, '0000-01-01')).toHaveLength(2);
    expect((await store.getCurrentProgramme(USER))?.state.spreadEpisodes).toHaveLength(2);
  });
});
