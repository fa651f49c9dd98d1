// Moves what a person kept on this device (assessments, sessions, check-ins, measurements) into their new account,
// through the same API as everything else, so the server re-checks every item. The device copy is cleared only when
// everything arrived; a move that stops part way keeps it and, tried again, sends only what has not arrived yet.
// A 429 is waited out and the same item sent again; a passing server fault is tried again a few times first.
import { sittingsFrom } from '../../engine/sittings.js';
import { createMemoryStore, type MemorySnapshot } from '../../store/memory.js';
import type {
  AssessmentRecord,
  CheckinRecord,
  MeasurementRecord,
  SessionLogRecord,
} from '../../store/types.js';
import { DEVICE_STORE_KEY, DEVICE_USER, resetDeviceRepo } from './device.js';
import { api, writeVerdict } from './http.js';
import { kvDelete, kvGet, kvSet } from './idb.js';
import type { z } from 'zod';
import type { checkinBody } from '../../service/schemas.js';
import type { Failure, Outcome } from './types.js';

/** What has been sent so far, so a move tried again never sends an item twice. */
const PROGRESS_KEY = 'move-progress';

export interface DeviceRecord {
  /** Oldest first, as every list here. */
  assessments: AssessmentRecord[];
  sessions: SessionLogRecord[];
  checkins: CheckinRecord[];
  measurements: MeasurementRecord[];
}

export const MOVE_KINDS = ['assessment', 'session', 'checkin', 'measurement'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];
export type Counts = Record<MoveKind, number>;

/** One POST of the move. */
export interface MoveStep {
  kind: MoveKind;
  deviceId: string;
  createdAt: string;
  /** The local date it belongs to, for the words. */
  date: string;
  path: string;
  body: unknown;
}

/** An item the server refused for good, in words to show. */
export interface Refusal {
  kind: MoveKind;
  date: string;
  title: string;
  detail: string;
}

export interface MoveProgress {
  accountId: string;
  /** Device ids already answered by the server (stored, or refused for good). */
  done: string[];
  moved: Counts;
  refused: Refusal[];
}

export interface MoveReport {
  /** `nothing` to move; `complete`: every item was answered; `stopped` part way (the device keeps everything). */
  status: 'nothing' | 'complete' | 'stopped';
  totals: Counts;
  moved: Counts;
  refused: Refusal[];
  /** Why it stopped, when it did. */
  stoppedBy?: Failure;
  /** The device's copy was cleared (only after a complete move with nothing refused). */
  cleared: boolean;
  /** Clearing the device's copy was attempted and failed. */
  clearFailed?: boolean;
}

/** What the move needs from the outside world, injected so the logic is tested without a browser. */
export interface MoveDeps {
  readDevice(): Promise<DeviceRecord | null>;
  post(path: string, body: unknown): Promise<Outcome<unknown>>;
  loadProgress(): Promise<MoveProgress | undefined>;
  saveProgress(progress: MoveProgress): Promise<void>;
  /** Removes the device's record and the move's progress. */
  clearDevice(): Promise<void>;
  /** Waits `ms` milliseconds (injected so tests do not wait); a timer by default. */
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait, so a screen can say why the move paused: seconds, and the answer that asked for it. */
  onWait?: (seconds: number, why: Failure) => void;
}

/** The longest single wait after a 429, whatever `Retry-After` says; the item is then sent again. */
export const MAX_WAIT_SECONDS = 120;
/** How many 429s in a row one item may meet before the move stops (to be tried again later). */
export const MAX_LIMITED_WAITS = 10;
/** The waits, in seconds, before sending an item again after a server fault (5xx, busy); then the move stops. */
export const FAULT_WAITS_SECONDS = [2, 5, 15] as const;

const timer = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

const zero = (): Counts => ({ assessment: 0, session: 0, checkin: 0, measurement: 0 });
const RANK: Record<MoveKind, number> = { assessment: 0, session: 1, checkin: 2, measurement: 3 };

type CheckinBody = z.input<typeof checkinBody>;

/**
 * How a check-in kept on the device becomes the API's check-in body, field by field. The type names every
 * field of the body, so a field the check-in gains does not compile here until the move carries it too
 * (it used to be dropped without a word). Null leaves a field out: a check-in that carried only warning
 * signs has no pain answers, and they are left out, not sent as null.
 */
const CHECKIN_MOVE: {
  [K in keyof Required<CheckinBody>]: (c: CheckinRecord) => CheckinBody[K] | null;
} = {
  date: (c) => c.date,
  // Asked only with a warning before any assessment, to judge it, and not kept with the check-in.
  age: () => null,
  painNow: (c) => c.painNow,
  painAreas: (c) => c.painAreas as CheckinBody['painAreas'] | null,
  legSide: (c) => c.legSide as CheckinBody['legSide'] | null,
  warningSigns: (c) => c.warningSigns,
  sittingHours: (c) => c.sittingHours,
  walkingBreaks: (c) => c.walkingBreaks,
  // The device's id: the server stores a check-in with a known clientId only once.
  clientId: (c) => c.id,
};

/** The body that moves one device check-in into the account. */
export function checkinMoveBody(c: CheckinRecord): CheckinBody {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(CHECKIN_MOVE)) {
    const given = (value as (c: CheckinRecord) => unknown)(c);
    if (given !== null && given !== undefined) body[field] = given;
  }
  return body as CheckinBody;
}

/**
 * Every item as a POST, in the order it happened on the device, so the server replays the same
 * history: each assessment builds the programme that the sessions after it were logged against,
 * and a check-in's warning signs are compared with the assessment that came before it.
 */
export function planMove(record: DeviceRecord): MoveStep[] {
  const steps: MoveStep[] = [
    ...record.assessments.map((a) => ({
      kind: 'assessment' as const,
      deviceId: a.id,
      createdAt: a.createdAt,
      date: a.createdAt.slice(0, 10),
      path: '/api/assessments',
      // The device's id: the server makes an assessment with a known clientId only once.
      body: { answers: a.answers, clientId: a.id },
    })),
    ...record.sessions.map((s) => ({
      kind: 'session' as const,
      deviceId: s.id,
      createdAt: s.createdAt,
      date: s.date,
      path: '/api/sessions',
      // `planned` is filled in by the server from its programme; the body never carries it.
      body: {
        date: s.date,
        entries: s.entries.map(({ planned: _planned, ...entry }) => entry),
        // The device's id: the server stores and applies a session with a known clientId only once.
        clientId: s.id,
      },
    })),
    ...record.checkins.map((c) => ({
      kind: 'checkin' as const,
      deviceId: c.id,
      createdAt: c.createdAt,
      date: c.date,
      path: '/api/checkins',
      body: checkinMoveBody(c),
    })),
    ...record.measurements.map((m) => ({
      kind: 'measurement' as const,
      deviceId: m.id,
      createdAt: m.createdAt,
      date: m.date,
      path: '/api/measurements',
      body: {
        date: m.date,
        kind: m.kind,
        ...(m.side === null ? {} : { side: m.side }),
        value: m.value,
        // The device's id: the server stores a measurement with a known clientId only once.
        clientId: m.id,
      },
    })),
  ];
  return steps.sort(
    (a, b) =>
      a.createdAt.localeCompare(b.createdAt) ||
      RANK[a.kind] - RANK[b.kind] ||
      a.deviceId.localeCompare(b.deviceId),
  );
}

/**
 * A refusal that sending again would not change (bad data, a conflict with the record, a full day or
 * record: 422 `day-full`/`record-full`), as opposed to a lost connection, a 429 or a server fault. A
 * 404 (the account is gone) stops the move instead: nothing is marked as answered that was not.
 */
export function refusedForGood(failure: Failure): boolean {
  return failure.kind !== 'not-found' && writeVerdict(failure) === 'refused';
}

/** A failure worth a few quick retries within the move: a server fault, an unreadable answer, `busy`. */
function passingFault(failure: Failure): boolean {
  if (failure.kind === 'conflict') return failure.code === 'busy';
  return failure.kind === 'server' && writeVerdict(failure) === 'later';
}

/** Sends one step, waiting out 429s and retrying passing faults; the last answer. */
async function sendStep(deps: MoveDeps, step: MoveStep): Promise<Outcome<unknown>> {
  const sleep = deps.sleep ?? timer;
  let limited = 0;
  let faults = 0;
  for (;;) {
    const answer = await deps.post(step.path, step.body);
    if (answer.ok) return answer;
    const failure = answer.error;
    let seconds: number | null = null;
    if (failure.kind === 'limited' && limited < MAX_LIMITED_WAITS) {
      limited++;
      seconds = Math.min(MAX_WAIT_SECONDS, Math.max(1, failure.retryAfterSeconds));
    } else if (passingFault(failure) && faults < FAULT_WAITS_SECONDS.length) {
      seconds = FAULT_WAITS_SECONDS[faults] ?? null;
      faults++;
    }
    if (seconds === null) return answer;
    deps.onWait?.(seconds, failure);
    await sleep(seconds * 1000);
  }
}

/** The failure's words, naming the fields the server pointed at. */
export function failureWords(failure: Failure): { title: string; detail: string } {
  if (failure.kind === 'invalid') {
    return {
      title: failure.title,
      detail: failure.problems
        .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
        .join('; '),
    };
  }
  return { title: failure.title, detail: failure.detail };
}

/** Runs the move for one account; see the file's opening comment for what it promises. */
export async function moveDeviceData(deps: MoveDeps, accountId: string): Promise<MoveReport> {
  const record = await deps.readDevice();
  const steps = record ? planMove(record) : [];
  const totals = zero();
  for (const s of steps) totals[s.kind]++;
  if (steps.length === 0)
    return { status: 'nothing', totals, moved: zero(), refused: [], cleared: false };

  const saved = await deps.loadProgress();
  const progress: MoveProgress =
    saved?.accountId === accountId
      ? { ...saved, done: [...saved.done], moved: { ...saved.moved }, refused: [...saved.refused] }
      : { accountId, done: [], moved: zero(), refused: [] };
  const done = new Set(progress.done);

  for (const step of steps) {
    if (done.has(step.deviceId)) continue;
    const answer = await sendStep(deps, step);
    if (answer.ok) {
      progress.moved[step.kind]++;
    } else if (refusedForGood(answer.error)) {
      progress.refused.push({ kind: step.kind, date: step.date, ...failureWords(answer.error) });
    } else {
      await deps.saveProgress(progress);
      return {
        status: 'stopped',
        totals,
        moved: progress.moved,
        refused: progress.refused,
        stoppedBy: answer.error,
        cleared: false,
      };
    }
    done.add(step.deviceId);
    progress.done.push(step.deviceId);
    await deps.saveProgress(progress);
  }

  const report: MoveReport = {
    status: 'complete',
    totals,
    moved: progress.moved,
    refused: progress.refused,
    cleared: false,
  };
  // With refusals, the device keeps its copy until the person has had the chance to save it.
  if (progress.refused.length > 0) return report;
  try {
    await deps.clearDevice();
    return { ...report, cleared: true };
  } catch {
    return { ...report, clearFailed: true };
  }
}

const NOUNS: Record<MoveKind, [string, string]> = {
  assessment: ['set of answers', 'sets of answers'],
  session: ['session', 'sessions'],
  checkin: ['check-in', 'check-ins'],
  measurement: ['measurement', 'measurements'],
};

const count = (n: number, kind: MoveKind) => `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`;

function listWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const day = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${String(d)} ${MONTHS[(m ?? 1) - 1] ?? ''} ${String(y)}`;
};

export interface MoveWords {
  tone: 'success' | 'warning' | 'danger' | 'info';
  title: string;
  lines: string[];
  refusals: string[];
}

/** The report in plain words. */
export function describeMove(r: MoveReport): MoveWords {
  const kinds = MOVE_KINDS.filter((k) => r.totals[k] > 0);
  const movedAll = listWords(kinds.map((k) => count(r.moved[k], k)));
  const refusals = r.refused.map(
    (x) =>
      `The ${NOUNS[x.kind][0]} of ${day(x.date)}: ${x.title}.${x.detail ? ` ${x.detail}` : ''}`,
  );
  switch (r.status) {
    case 'nothing':
      return {
        tone: 'info',
        title: 'Nothing to move',
        lines: ['This device holds no answers.'],
        refusals,
      };
    case 'stopped': {
      const why = r.stoppedBy ? failureWords(r.stoppedBy) : { title: 'It stopped', detail: '' };
      const progressWords = listWords(
        kinds.map((k) => `${r.moved[k]} of ${count(r.totals[k], k)}`),
      );
      return {
        tone: 'warning',
        title: 'The move stopped part way',
        lines: [
          `Moved ${progressWords} before this happened: ${why.title}. ${why.detail}`.trim(),
          'Everything is still on this device. Try again to move the rest: what has already moved is not sent twice.',
        ],
        refusals,
      };
    }
    case 'complete': {
      const lines = [`Moved ${movedAll} to your account.`];
      if (r.refused.length > 0) {
        lines.push(
          `${r.refused.length === 1 ? 'One item' : `${r.refused.length} items`} could not be moved; the server did not accept ${r.refused.length === 1 ? 'it' : 'them'}:`,
        );
        return { tone: 'warning', title: 'Moved, except a few items', lines, refusals };
      }
      lines.push(
        r.cleared
          ? 'This device’s copy has been removed: your account holds everything now.'
          : 'This device’s copy could not be removed; it stays here but is not used while you are logged in.',
      );
      return { tone: 'success', title: 'Moved to your account', lines, refusals };
    }
  }
}

/** Reads the device's record from its saved snapshot, read-only, through the store's restore step. */
export async function readDeviceRecord(): Promise<DeviceRecord | null> {
  const snapshot = await kvGet<MemorySnapshot>(DEVICE_STORE_KEY);
  if (!snapshot) return null;
  const store = createMemoryStore(snapshot);
  const assessments: AssessmentRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listAssessments(DEVICE_USER, { limit: 500, cursor });
    assessments.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const record: DeviceRecord = {
    assessments: assessments.reverse(),
    sessions: await store.sessionLogsSince(DEVICE_USER, '0000-01-01'),
    checkins: await store.allCheckins(DEVICE_USER),
    measurements: await store.allMeasurements(DEVICE_USER),
  };
  const empty =
    record.assessments.length +
      record.sessions.length +
      record.checkins.length +
      record.measurements.length ===
    0;
  return empty ? null : record;
}

/** How many of each kind this device holds, or null when it holds nothing. */
export async function deviceCounts(): Promise<Counts | null> {
  const record = await readDeviceRecord();
  if (!record) return null;
  return {
    assessment: record.assessments.length,
    // Sittings, as Progress and the report count them: one sitting is several logged exercises.
    session: sittingsFrom(record.sessions).length,
    checkin: record.checkins.length,
    measurement: record.measurements.length,
  };
}

/** Removes the device's record and any half-done move. */
export async function clearDeviceData(): Promise<void> {
  await kvDelete(DEVICE_STORE_KEY);
  resetDeviceRepo();
  await kvDelete(PROGRESS_KEY);
}

/** The move with the browser's storage and the API; `onWait` hears of each pause (a 429, a server fault). */
export function moveDeviceDataToAccount(
  accountId: string,
  onWait?: (seconds: number, why: Failure) => void,
): Promise<MoveReport> {
  return moveDeviceData(
    {
      readDevice: readDeviceRecord,
      post: async (path, body) => {
        try {
          return await api<unknown>('POST', path, body);
        } catch {
          return {
            ok: false,
            error: {
              kind: 'server',
              code: 'unreadable',
              title: 'The server’s answer could not be read',
              detail: 'Try again in a moment.',
            },
          };
        }
      },
      loadProgress: () => kvGet<MoveProgress>(PROGRESS_KEY),
      saveProgress: (progress) => kvSet(PROGRESS_KEY, progress),
      clearDevice: clearDeviceData,
      ...(onWait ? { onWait } : {}),
    },
    accountId,
  );
}
