// Data written by earlier versions that every store must still read: a programme state from before backing off existed.
import { expect } from 'vitest';
import { knowledgeBase } from '../src/kb/index.js';
import {
  createAssessment,
  logSession,
  todayView,
  type RecordContext,
} from '../src/service/records.js';
import { assessmentBody, parseBody, sessionBody } from '../src/service/schemas.js';
import type { CheckinRecord, Store } from '../src/store/types.js';
import { parsed, ANSWERS } from './fixtures.js';

/** A check-in's triage as stored (for rows written by hand). */
export const TRIAGE: NonNullable<CheckinRecord['triage']> = {
  level: 'emergency',
  reasons: [
    {
      code: 'cauda-equina-bladder',
      text: 'A new change in passing urine needs checking in hospital.',
      answers: ['bladderChange'],
    },
  ],
  advice: 'Go to an emergency department now.',
};

/** A programme state as Backchain stored it before backing off: no `backOff`, no `restDate`. */
export const OLD_PROGRAMME_STATE = {
  easyStreak: { 'knee-to-chest': 1 },
  dropped: [],
  spreadEpisodes: [],
  warningCheckRequired: false,
} as const;

/**
 * Assesses a person on `store`, lets `writeOldState` put the old state in place of the programme's (as
 * an older version wrote it, returning the store to read it with), then checks it is read with the new
 * fields at their "nothing happened" values and that sessions apply to it as to a new one.
 */
export async function checkOldProgrammeState(
  store: Store,
  writeOldState: (userId: string, oldState: object) => Promise<Store>,
): Promise<void> {
  const userId = 'old-state-0001';
  const clock = { now: new Date('2026-11-02T09:00:00.000Z') };
  const first: RecordContext = { store, kb: knowledgeBase, now: () => clock.now };
  await store.createUser({
    id: userId,
    email: `${userId}@example.org`,
    passwordHash: 'not a real hash',
    createdAt: clock.now.toISOString(),
  });
  await createAssessment(first, userId, parsed(parseBody(assessmentBody, { answers: ANSWERS })));
  const upgraded = await writeOldState(userId, structuredClone(OLD_PROGRAMME_STATE));
  const ctx: RecordContext = { ...first, store: upgraded };

  const read = await upgraded.getCurrentProgramme(userId);
  expect(read?.state).toStrictEqual({
    ...OLD_PROGRAMME_STATE,
    backOff: null,
    restDate: null,
    clinicianPause: null,
  });
  expect(await todayView(ctx, userId, '2026-11-02')).toMatchObject({
    sessionAllowed: true,
    blockedBy: null,
    backOff: null,
  });

  // The streak carried over: one more "too easy" session progresses the exercise.
  const session = (entry: object, date: string) =>
    parsed(
      parseBody(sessionBody, {
        date,
        entries: [{ done: {}, tooEasy: false, painSharper: false, painSpread: false, ...entry }],
      }),
    );
  const easy = await logSession(
    ctx,
    userId,
    session({ exerciseId: 'knee-to-chest', tooEasy: true }, '2026-11-02'),
  );
  expect(easy.programmeChanges).toContainEqual(
    expect.objectContaining({ exerciseId: 'knee-to-chest', change: 'progressed' }),
  );
  // Pain spreading backs it off as any new programme.
  const spread = await logSession(
    ctx,
    userId,
    session({ exerciseId: 'glute-bridge', painSpread: true }, '2026-11-03'),
  );
  expect(spread.stoppedForToday).toBe(true);
  const after = await upgraded.getCurrentProgramme(userId);
  expect(after?.state.backOff).toStrictEqual({
    reason: 'spread',
    since: '2026-11-03',
    until: 'settled',
  });
  expect(after?.state.restDate).toBe('2026-11-03');
  expect(await todayView(ctx, userId, '2026-11-03')).toMatchObject({
    sessionAllowed: false,
    blockedBy: 'rest-today',
  });
}
