// Tests moving the device's record into an account: the order, the bodies, stopping part way, resuming without duplicates,
// refusals in words, waiting out 429s and server faults, and clearing the device only after everything arrived.
import { describe, expect, it } from 'vitest';
import { assessIntake } from '../../engine/assess.js';
import { parseIntake } from '../../engine/intake.js';
import { knowledgeBase } from '../../kb/index.js';
import type {
  AssessmentRecord,
  CheckinRecord,
  MeasurementRecord,
  SessionLogRecord,
} from '../../store/types.js';
import { ANSWERS, NO_WARNING_SIGNS } from '../../../test/fixtures.js';
import { checkinBody } from '../../service/schemas.js';
import { failureFromProblem } from './http.js';
import {
  checkinMoveBody,
  describeMove,
  FAULT_WAITS_SECONDS,
  MAX_LIMITED_WAITS,
  MAX_WAIT_SECONDS,
  moveDeviceData,
  planMove,
  type DeviceRecord,
  type MoveDeps,
  type MoveProgress,
} from './move-to-account.js';
import type { Failure, Outcome } from './types.js';

function assessment(id: string, createdAt: string): AssessmentRecord {
  const parsed = parseIntake(ANSWERS);
  if (!parsed.ok) throw new Error('fixture does not parse');
  return {
    userId: 'device',
    id,
    createdAt,
    answers: parsed.value,
    result: assessIntake(parsed.value, knowledgeBase),
    knowledgeBase: knowledgeBase.version,
  };
}

function session(id: string, createdAt: string, date: string): SessionLogRecord {
  // Built as a variable, not a literal, so the fixture fits the record type with or without newer optional fields.
  const row = {
    userId: 'device',
    id,
    programmeId: 'p1',
    date,
    createdAt,
    entries: [
      {
        exerciseId: 'knee-to-chest' as const,
        planned: {
          unit: 'seconds' as const,
          amount: 20,
          repeats: 3,
          sets: 1,
          sides: 'each' as const,
        },
        done: { sets: 1, holdSeconds: 20 },
        felt: 'same' as const,
        painSharper: false,
        painSpread: false,
      },
    ],
    programmeChanges: [],
    warningCheckRequired: false,
    clientId: null,
  };
  return row;
}

function checkin(id: string, createdAt: string, date: string): CheckinRecord {
  return {
    userId: 'device',
    id,
    date,
    createdAt,
    painNow: 3,
    painAreas: ['lower-back'],
    legSide: 'none',
    warningSigns: { ...NO_WARNING_SIGNS },
    sittingHours: 8,
    walkingBreaks: null,
    triage: null,
    programmePaused: false,
    clientId: null,
  };
}

function measurement(id: string, createdAt: string, date: string): MeasurementRecord {
  return { userId: 'device', id, date, createdAt, kind: 'toe-touch', side: null, value: 5 };
}

/** Two assessments with a session, check-in and measurement between and after them. */
const RECORD: DeviceRecord = {
  assessments: [
    assessment('a1', '2026-11-01T08:00:00.000Z'),
    assessment('a2', '2026-11-10T08:00:00.000Z'),
  ],
  sessions: [
    session('s1', '2026-11-02T08:00:00.000Z', '2026-11-02'),
    session('s2', '2026-11-11T08:00:00.000Z', '2026-11-11'),
  ],
  checkins: [checkin('c1', '2026-11-03T08:00:00.000Z', '2026-11-03')],
  measurements: [measurement('m1', '2026-11-12T08:00:00.000Z', '2026-11-12')],
};

const NETWORK: Failure = {
  kind: 'network',
  code: 'offline',
  title: 'No connection',
  detail: 'Check your connection.',
};

/** Fake browser storage and API: `answer` decides each POST's outcome by its index and the step's path. */
function fakes(answer: (call: number, path: string, body: unknown) => Outcome<unknown>) {
  const state = {
    record: RECORD as DeviceRecord | null,
    progress: undefined as MoveProgress | undefined,
    posts: [] as { path: string; body: unknown }[],
    cleared: 0,
    /** Every wait the move asked for, in milliseconds (nothing really waits). */
    waits: [] as number[],
  };
  const deps: MoveDeps = {
    readDevice: () => Promise.resolve(state.record),
    post: (path, body) => {
      const call = state.posts.length;
      state.posts.push({ path, body });
      return Promise.resolve(answer(call, path, body));
    },
    loadProgress: () => Promise.resolve(state.progress),
    saveProgress: (p) => {
      state.progress = structuredClone(p);
      return Promise.resolve();
    },
    clearDevice: () => {
      state.cleared++;
      state.record = null;
      state.progress = undefined;
      return Promise.resolve();
    },
    sleep: (ms) => {
      state.waits.push(ms);
      return Promise.resolve();
    },
  };
  return { state, deps };
}

const OK: Outcome<unknown> = { ok: true, value: {} };

describe('planMove', () => {
  const steps = planMove(RECORD);

  it('replays the device history in the order it happened', () => {
    expect(steps.map((s) => s.deviceId)).toEqual(['a1', 's1', 'c1', 'a2', 's2', 'm1']);
  });

  it('sends each assessment’s answers only, with the device’s id as clientId', () => {
    expect(steps[0]?.path).toBe('/api/assessments');
    expect(Object.keys(steps[0]?.body as object)).toEqual(['answers', 'clientId']);
    expect((steps[0]?.body as { clientId?: string }).clientId).toBe('a1');
  });

  it('sends session entries without `planned`, with their date and the device’s id as clientId', () => {
    const body = steps[1]?.body as { date: string; entries: Record<string, unknown>[] };
    expect(steps[1]?.path).toBe('/api/sessions');
    expect(body.date).toBe('2026-11-02');
    expect(body.entries[0]).not.toHaveProperty('planned');
    expect(body.entries[0]).toMatchObject({ exerciseId: 'knee-to-chest', felt: 'same' });
    expect((steps[1]?.body as { clientId?: string }).clientId).toBe('s1');
  });

  it('sends each check-in with the device’s id as clientId, and leaves out unanswered numbers', () => {
    const body = steps[2]?.body as Record<string, unknown>;
    expect(body.clientId).toBe('c1');
    expect(body.sittingHours).toBe(8);
    expect(body).not.toHaveProperty('walkingBreaks');
    expect(body.warningSigns).toEqual(NO_WARNING_SIGNS);
    expect(body).not.toHaveProperty('triage');
  });

  it('sends a check-in that carried only warning signs without its missing pain answers', () => {
    const warningOnly: CheckinRecord = {
      ...checkin('c9', '2026-11-04T08:00:00.000Z', '2026-11-04'),
      painNow: null,
      painAreas: null,
      legSide: null,
      sittingHours: null,
      warningSigns: { saddleNumbness: false, bladderChange: true },
    };
    const [step] = planMove({
      ...RECORD,
      assessments: [],
      sessions: [],
      measurements: [],
      checkins: [warningOnly],
    });
    expect(step?.body).toEqual({
      date: '2026-11-04',
      warningSigns: { saddleNumbness: false, bladderChange: true },
      clientId: 'c9',
    });
  });

  it('leaves out a measurement’s missing side, and sends the device’s id as clientId', () => {
    expect(steps[5]?.body).toEqual({
      date: '2026-11-12',
      kind: 'toe-touch',
      value: 5,
      clientId: 'm1',
    });
  });
});

describe('moveDeviceData', () => {
  it('sends everything, then clears the device', async () => {
    const { state, deps } = fakes(() => OK);
    const report = await moveDeviceData(deps, 'acc');
    expect(report.status).toBe('complete');
    expect(report.moved).toEqual({ assessment: 2, session: 2, checkin: 1, measurement: 1 });
    expect(report.cleared).toBe(true);
    expect(state.cleared).toBe(1);
    expect(state.posts).toHaveLength(6);
  });

  it('stops at a lost connection, keeps the device data, and resumes without sending anything twice', async () => {
    let online = true;
    const { state, deps } = fakes((call) => {
      if (call === 2) online = false;
      return online ? OK : { ok: false, error: NETWORK };
    });
    const first = await moveDeviceData(deps, 'acc');
    expect(first.status).toBe('stopped');
    expect(first.cleared).toBe(false);
    expect(first.stoppedBy).toEqual(NETWORK);
    expect(first.moved).toEqual({ assessment: 1, session: 1, checkin: 0, measurement: 0 });
    expect(state.cleared).toBe(0);
    expect(state.record).not.toBeNull();

    online = true;
    const again = await moveDeviceData(deps, 'acc');
    expect(again.status).toBe('complete');
    expect(again.moved).toEqual({ assessment: 2, session: 2, checkin: 1, measurement: 1 });
    expect(again.cleared).toBe(true);
    // 3 calls the first time (the third failed), then the 4 not yet sent: a1 and s1 went once.
    const sent = state.posts.map((p) => p.path);
    expect(sent.filter((p) => p === '/api/assessments')).toHaveLength(2);
    expect(sent.filter((p) => p === '/api/sessions')).toHaveLength(2);
    expect(sent.filter((p) => p === '/api/checkins')).toHaveLength(2); // refused once by the network, then sent
    expect(state.posts).toHaveLength(7);
  });

  it('counts a refusal in words, carries on, and keeps the device copy so nothing is lost', async () => {
    const { state, deps } = fakes((_call, path) =>
      path === '/api/sessions'
        ? {
            ok: false,
            error: {
              kind: 'server' as const,
              code: 'x',
              title: 'never used',
              detail: '',
            },
          }
        : OK,
    );
    // A 5xx is not a refusal: after a few tries the move stops.
    expect((await moveDeviceData(deps, 'acc')).status).toBe('stopped');
    expect(state.waits).toEqual(FAULT_WAITS_SECONDS.map((s) => s * 1000));

    const refusing = fakes((_call, path) =>
      path === '/api/sessions'
        ? {
            ok: false,
            error: {
              kind: 'conflict' as const,
              code: 'not-in-programme',
              title: 'Exercise not in your programme',
              detail: 'These are not in your current programme: knee-to-chest.',
            },
          }
        : OK,
    );
    const report = await moveDeviceData(refusing.deps, 'acc');
    expect(report.status).toBe('complete');
    expect(report.moved).toEqual({ assessment: 2, session: 0, checkin: 1, measurement: 1 });
    expect(report.refused).toHaveLength(2);
    expect(report.cleared).toBe(false);
    expect(refusing.state.cleared).toBe(0);
    const words = describeMove(report);
    expect(words.tone).toBe('warning');
    expect(words.refusals[0]).toBe(
      'The session of 2 November 2026: Exercise not in your programme. These are not in your current programme: knee-to-chest.',
    );
    expect(state.cleared).toBe(0);
  });

  it('names the fields of a refused body', async () => {
    const { deps } = fakes((_call, path) =>
      path === '/api/measurements'
        ? {
            ok: false,
            error: {
              kind: 'invalid' as const,
              title: 'Some answers need another look',
              problems: [
                { path: 'value', expected: '', received: '500', message: 'degrees from 0 to 120' },
              ],
            },
          }
        : OK,
    );
    const report = await moveDeviceData(deps, 'acc');
    expect(describeMove(report).refusals).toEqual([
      'The measurement of 12 November 2026: Some answers need another look. value: degrees from 0 to 120',
    ]);
  });

  it('tries again after a momentary conflict rather than giving the item up', async () => {
    const { deps } = fakes((_call, path) =>
      path === '/api/checkins'
        ? {
            ok: false,
            error: { kind: 'conflict' as const, code: 'busy', title: 'Busy', detail: 'Again.' },
          }
        : OK,
    );
    const report = await moveDeviceData(deps, 'acc');
    expect(report.status).toBe('stopped');
    expect(report.refused).toEqual([]);
  });

  it('starts afresh for another account, ignoring what was sent to the first', async () => {
    const { state, deps } = fakes(() => OK);
    state.progress = {
      accountId: 'someone-else',
      done: ['a1', 's1', 'c1'],
      moved: { assessment: 1, session: 1, checkin: 1, measurement: 0 },
      refused: [],
    };
    const report = await moveDeviceData(deps, 'acc');
    expect(state.posts).toHaveLength(6);
    expect(report.moved.assessment).toBe(2);
  });

  it('reports nothing to move on an empty device, and sends nothing', async () => {
    const { state, deps } = fakes(() => OK);
    state.record = null;
    const report = await moveDeviceData(deps, 'acc');
    expect(report.status).toBe('nothing');
    expect(state.posts).toEqual([]);
    expect(state.cleared).toBe(0);
  });

  it('says a clearing failure honestly', async () => {
    const { deps } = fakes(() => OK);
    const report = await moveDeviceData(
      { ...deps, clearDevice: () => Promise.reject(new Error('quota')) },
      'acc',
    );
    expect(report.cleared).toBe(false);
    expect(report.clearFailed).toBe(true);
    expect(describeMove(report).lines.join(' ')).toMatch(/could not be removed/);
  });
});

/** Failures as the API client makes them from real answers. */
const limited = (retryAfter: string | null) =>
  failureFromProblem(
    429,
    { type: '/problems/too-many-writes', title: 'Too many at once' },
    retryAfter,
  );
const fault = (status = 503) => failureFromProblem(status, { title: 'Service unavailable' });
const full = (code: 'day-full' | 'record-full') =>
  failureFromProblem(422, {
    type: `/problems/${code}`,
    title: code === 'day-full' ? 'That day is full' : 'Your record is full',
    detail: 'This one was not saved.',
  });

describe('moveDeviceData against the limits and server faults', () => {
  it('waits out a 429 as Retry-After says and sends the same item again, losing nothing', async () => {
    const { state, deps } = fakes((call) =>
      call === 2 ? { ok: false, error: limited('40') } : OK,
    );
    const waits: number[] = [];
    const report = await moveDeviceData(
      {
        ...deps,
        onWait: (seconds) => {
          waits.push(seconds);
        },
      },
      'acc',
    );
    expect(report.status).toBe('complete');
    expect(report.moved).toEqual({ assessment: 2, session: 2, checkin: 1, measurement: 1 });
    expect(state.waits).toEqual([40_000]);
    expect(waits).toEqual([40]);
    // The third item (c1) went twice, back to back, and nothing was skipped or reordered.
    expect(state.posts.map((p) => (p.body as { clientId?: string }).clientId)).toEqual([
      'a1',
      's1',
      'c1',
      'c1',
      'a2',
      's2',
      'm1',
    ]);
    expect(report.cleared).toBe(true);
  });

  it('waits a minute after a 429 without Retry-After, and never longer than the cap', async () => {
    const { state, deps } = fakes((call) =>
      call === 0
        ? { ok: false, error: limited(null) }
        : call === 2
          ? { ok: false, error: limited('3600') }
          : OK,
    );
    const report = await moveDeviceData(deps, 'acc');
    expect(report.status).toBe('complete');
    expect(state.waits).toEqual([60_000, MAX_WAIT_SECONDS * 1000]);
  });

  it('stops, keeping the device’s copy and the item, when 429s do not end; tried again it goes on', async () => {
    let busy = true;
    const { state, deps } = fakes((_call, path) =>
      busy && path === '/api/checkins' ? { ok: false, error: limited('10') } : OK,
    );
    const first = await moveDeviceData(deps, 'acc');
    expect(first.status).toBe('stopped');
    expect(first.stoppedBy).toMatchObject({ kind: 'limited' });
    expect(state.waits).toHaveLength(MAX_LIMITED_WAITS);
    expect(first.refused).toEqual([]);
    expect(state.cleared).toBe(0);
    expect(state.progress?.done).toEqual(['a1', 's1']);
    expect(describeMove(first).lines[1]).toMatch(/still on this device/);

    busy = false;
    const again = await moveDeviceData(deps, 'acc');
    expect(again.status).toBe('complete');
    expect(again.moved).toEqual({ assessment: 2, session: 2, checkin: 1, measurement: 1 });
    expect(again.cleared).toBe(true);
  });

  it('tries a server fault again after a short wait and goes on', async () => {
    const { state, deps } = fakes((call) =>
      call === 1 || call === 2 ? { ok: false, error: fault(502) } : OK,
    );
    const report = await moveDeviceData(deps, 'acc');
    expect(report.status).toBe('complete');
    expect(state.waits).toEqual([2_000, 5_000]);
    expect(report.moved.session).toBe(2);
  });

  it('stops on a fault that lasts, without marking the item as answered', async () => {
    const { state, deps } = fakes((_call, path) =>
      path === '/api/measurements' ? { ok: false, error: fault() } : OK,
    );
    const report = await moveDeviceData(deps, 'acc');
    expect(report.status).toBe('stopped');
    expect(report.moved).toEqual({ assessment: 2, session: 2, checkin: 1, measurement: 0 });
    expect(state.progress?.done).not.toContain('m1');
    expect(state.cleared).toBe(0);
    expect(state.record).not.toBeNull();
  });

  it('stops at once on a lost connection: no waiting while offline', async () => {
    const { state, deps } = fakes((call) => (call === 0 ? { ok: false, error: NETWORK } : OK));
    const report = await moveDeviceData(deps, 'acc');
    expect(report.status).toBe('stopped');
    expect(state.waits).toEqual([]);
    expect(state.posts).toHaveLength(1);
  });

  it.each(['day-full', 'record-full'] as const)(
    'reports a 422 %s as refused for good, moves the rest, and keeps the device’s copy',
    async (code) => {
      const { state, deps } = fakes((_call, path) =>
        path === '/api/checkins' ? { ok: false, error: full(code) } : OK,
      );
      const report = await moveDeviceData(deps, 'acc');
      expect(report.status).toBe('complete');
      expect(report.moved).toEqual({ assessment: 2, session: 2, checkin: 0, measurement: 1 });
      expect(report.refused).toEqual([
        {
          kind: 'checkin',
          date: '2026-11-03',
          title: code === 'day-full' ? 'That day is full' : 'Your record is full',
          detail: 'This one was not saved.',
        },
      ]);
      expect(state.waits).toEqual([]);
      expect(report.cleared).toBe(false);
      expect(state.cleared).toBe(0);
      expect(describeMove(report).refusals[0]).toMatch(/^The check-in of 3 November 2026: /);
    },
  );
});

describe('describeMove', () => {
  it('says what moved and that the device copy is gone', () => {
    const words = describeMove({
      status: 'complete',
      totals: { assessment: 1, session: 3, checkin: 1, measurement: 0 },
      moved: { assessment: 1, session: 3, checkin: 1, measurement: 0 },
      refused: [],
      cleared: true,
    });
    expect(words.tone).toBe('success');
    expect(words.lines[0]).toBe(
      'Moved 1 set of answers, 3 sessions and 1 check-in to your account.',
    );
  });

  it('says how far a stopped move got, and that everything is still on the device', () => {
    const words = describeMove({
      status: 'stopped',
      totals: { assessment: 2, session: 2, checkin: 1, measurement: 0 },
      moved: { assessment: 1, session: 1, checkin: 0, measurement: 0 },
      refused: [],
      stoppedBy: NETWORK,
      cleared: false,
    });
    expect(words.lines[0]).toBe(
      'Moved 1 of 2 sets of answers, 1 of 2 sessions and 0 of 1 check-in before this happened: No connection. Check your connection.',
    );
    expect(words.lines[1]).toMatch(/still on this device/);
  });
});

describe('checkinMoveBody', () => {
  const full: CheckinRecord = {
    userId: 'device',
    id: '0001abcdefghjkmnpqrstvwxyz',
    date: '2026-11-20',
    createdAt: '2026-11-20T08:00:00.000Z',
    painNow: 4,
    painAreas: ['lower-back', 'back-of-thigh'],
    legSide: 'left',
    warningSigns: { ...NO_WARNING_SIGNS },
    sittingHours: 6.5,
    walkingBreaks: 3,
    triage: null,
    programmePaused: false,
    clientId: null,
  };

  it('carries every answer of a device check-in into a body the API accepts, unchanged', () => {
    const body = checkinMoveBody(full);
    const parsed = checkinBody.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data).toEqual({
      date: full.date,
      painNow: full.painNow,
      painAreas: full.painAreas,
      legSide: full.legSide,
      warningSigns: full.warningSigns,
      sittingHours: full.sittingHours,
      walkingBreaks: full.walkingBreaks,
      clientId: full.id,
    });
  });

  it('leaves out the pain answers a warning-only check-in never had, rather than sending null', () => {
    const body = checkinMoveBody({
      ...full,
      painNow: null,
      painAreas: null,
      legSide: null,
      sittingHours: null,
      walkingBreaks: null,
      warningSigns: { bladderChange: true },
    });
    expect(body).toEqual({
      date: full.date,
      warningSigns: { bladderChange: true },
      clientId: full.id,
    });
  });
});
