// A warning that stands until a new assessment: a later, less urgent warning never hides an earlier emergency,
// whether the programme is paused or there is no programme yet.
import { describe, expect, it } from 'vitest';
import { parsed, ANSWERS, storeWithPerson } from '../../test/fixtures.js';
import { knowledgeBase } from '../kb/index.js';
import {
  addCheckin,
  createAssessment,
  currentProgramme,
  standingPause,
  todayView,
  type RecordContext,
} from './records.js';
import { assessmentBody, checkinBody, parseBody } from './schemas.js';

const USER = 'user-standing-1';

function context(): RecordContext {
  let t = Date.parse('2026-11-20T08:00:00.000Z');
  return {
    store: storeWithPerson(USER),
    kb: knowledgeBase,
    now: () => new Date((t += 60_000)),
  };
}

const saddle = () => parsed(parseBody(checkinBody, { warningSigns: { saddleNumbness: true } }));
const fever = () =>
  parsed(parseBody(checkinBody, { warningSigns: { saddleNumbness: false, fever: true } }));

describe('a standing warning', () => {
  it('keeps an emergency when an urgent warning comes after it on a paused programme', async () => {
    const ctx = context();
    await createAssessment(ctx, USER, parsed(parseBody(assessmentBody, { answers: ANSWERS })));
    expect((await addCheckin(ctx, USER, saddle())).programmePaused).toBe(true);
    await addCheckin(ctx, USER, fever());
    const programme = await currentProgramme(ctx, USER);
    expect(programme.pausedBy?.level).toBe('emergency');
    expect(programme.pausedBy?.reasons.map((r) => r.code).sort()).toEqual([
      'cauda-equina-saddle',
      'possible-infection',
    ]);
    const today = await todayView(ctx, USER, '2026-11-20');
    expect(today.warning?.level).toBe('emergency');
    expect(today.sessionAllowed).toBe(false);
  });

  it('keeps an emergency reported before any assessment when an urgent one follows', async () => {
    const ctx = context();
    await addCheckin(ctx, USER, saddle());
    await addCheckin(ctx, USER, fever());
    const today = await todayView(ctx, USER, '2026-11-20');
    expect(today.warning?.level).toBe('emergency');
    expect(today.warning?.reasons.map((r) => r.code)).toEqual(['cauda-equina-saddle']);
  });

  it('raises an urgent pause to an emergency when an emergency comes later', () => {
    const urgent = {
      level: 'urgent' as const,
      advice: 'Today.',
      reasons: [{ code: 'possible-infection' as const, text: 'Fever.', answers: [] }],
    };
    const emergency = {
      level: 'emergency' as const,
      advice: 'Now.',
      reasons: [{ code: 'cauda-equina-bladder' as const, text: 'Bladder.', answers: [] }],
    };
    expect(standingPause(urgent, emergency)).toMatchObject({ level: 'emergency', advice: 'Now.' });
    expect(standingPause(emergency, urgent)).toMatchObject({ level: 'emergency', advice: 'Now.' });
    expect(standingPause(null, urgent)).toBe(urgent);
  });
});
