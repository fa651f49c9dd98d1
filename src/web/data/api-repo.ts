// Account mode: the person's data lives on the server. Reads are kept on the device for use offline, and
// writes that cannot be stored now (offline, 429, a server fault) wait in an outbox, in order, until they can.
import type { ProgressSummary } from '../../engine/progress.js';
import { newClientId } from './client-id.js';
import { formatDate } from '../format-date.js';
import { api, writeVerdict } from './http.js';
import { answerCopy, fromAnswerCopy } from './answer-copies.js';
import { kvGet, kvSet, outboxAdd, outboxAll, outboxRemove, type OutboxItem } from './idb.js';
import type {
  AssessmentView,
  CheckinBody,
  CheckinResult,
  CheckinView,
  ExportFile,
  ExportFormat,
  Failure,
  MeasurementBody,
  MeasurementView,
  Outcome,
  OutcomeBody,
  OutcomesView,
  OutcomeView,
  PauseReason,
  ProgrammeView,
  Repo,
  SessionBody,
  SessionLogView,
  SessionResult,
  TodayView,
} from './types.js';

/** A warning reported offline, standing on this device until its check-in reaches the server. */
interface PendingWarning {
  clientId: string;
  warning: NonNullable<TodayView['warning']>;
}
const PENDING_WARNING_KEY = 'cache:pending-warning';
/** The levels from least to most urgent (the engine's order, kept here so this file stays off the engine). */
const LEVEL_RANK = ['self-care', 'soon', 'urgent', 'emergency'] as const;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A GET whose last good answer is kept, and given back when the network is down. */
async function cachedGet<T>(path: string): Promise<T | null> {
  const answer = await api<T>('GET', path);
  if (answer.ok) {
    await kvSet(`cache:${path}`, answerCopy(answer.value));
    return answer.value;
  }
  if (answer.error.kind === 'network')
    return (fromAnswerCopy(await kvGet(`cache:${path}`)) as T | null | undefined) ?? null;
  if (answer.error.kind === 'not-found') {
    await kvSet(`cache:${path}`, answerCopy(null));
    return null;
  }
  throw new Error(`${answer.error.title}: ${'detail' in answer.error ? answer.error.detail : ''}`);
}

async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=500&cursor=${encodeURIComponent(cursor)}` : '?limit=500';
    const page = await cachedGet<Page<T>>(`${path}${query}`);
    if (!page) break;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** A saved record the server refused for good, kept so the person is told rather than losing it silently. */
export interface RefusedRecord {
  /** The outbox item's key (its clientId). */
  key: string;
  path: string;
  /** The local date the record was for. */
  date: string;
  title: string;
  detail: string;
  /** When the server refused it. */
  at: string;
}
const REFUSED_KEY = 'cache:refused-outbox';
/** Enough to explain what went wrong; older ones fall off. */
const REFUSED_KEPT = 50;

/** What one pass over the outbox did. */
export interface FlushResult {
  /** Stored now (a repeat the server already had counts as stored). */
  sent: number;
  /** Refused for good now, and moved to the refused list. */
  refused: number;
  /** Why it stopped before the end, leaving that item and every later one waiting; null when it reached the end. */
  stoppedBy: Failure | null;
  /** When the next pass is due, in milliseconds from now; null when none is planned (nothing waits, or a sign-in is needed). */
  retryInMs: number | null;
  /** Of `sent`, those no screen was waiting on (sent in the background: the screens' data changed). */
  sentUnawaited: number;
}

/** The wait after a server fault or lost connection: 30 s, doubling each time, at most 10 minutes. */
export const BACK_OFF_FIRST_MS = 30_000;
export const BACK_OFF_MAX_MS = 600_000;

/** The wait before pass number `faults + 1` after `faults` passes in a row stopped by a fault. */
export function backOffMs(faults: number): number {
  return Math.min(BACK_OFF_MAX_MS, BACK_OFF_FIRST_MS * 2 ** Math.max(0, faults - 1));
}

/** Passes in a row that stopped on a fault; a pass that gets an answer about its item starts again at 0. */
let faults = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
/** After a 429: the answer, and the moment (ms since the epoch) before which nothing is sent. */
let heldBy: Failure | null = null;
let limitedUntil = 0;
let running: Promise<FlushResult> | null = null;
let queuedRun: Promise<FlushResult> | null = null;
const listeners = new Set<(result: FlushResult) => void>();
/** Items a screen is waiting on (direct sends), and their answers once a pass reaches them. */
const awaiting = new Set<string>();
const answers = new Map<string, Outcome<unknown>>();

/** When to try again after a pass stopped by `failure` (null: not on a timer). */
function retryDelay(failure: Failure | null): number | null {
  heldBy = null;
  if (failure === null) {
    faults = 0;
    return null;
  }
  if (failure.kind === 'limited') {
    // The server answered and said when: no back-off on top of its word, and nothing sent before it.
    faults = 0;
    const ms = Math.max(1, failure.retryAfterSeconds) * 1000;
    limitedUntil = Date.now() + ms;
    heldBy = failure;
    return ms;
  }
  // A lapsed sign-in waits for the person to sign in again (the app flushes when they do).
  if (failure.kind === 'auth') return null;
  faults++;
  return backOffMs(faults);
}

function schedule(ms: number | null): void {
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
  if (ms === null) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void flushOutbox().catch(() => undefined);
  }, ms);
}

/** Stops any planned retry (signing out: what waited belonged to the account). */
export function cancelOutboxRetry(): void {
  schedule(null);
  faults = 0;
  heldBy = null;
  limitedUntil = 0;
}

/** Calls `listener` after every pass over the outbox, timed ones included; returns how to stop. */
export function onOutboxFlushed(listener: (result: FlushResult) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function dateOf(item: OutboxItem): string {
  const date = (item.body as { date?: unknown } | null)?.date;
  return typeof date === 'string' ? date : item.queuedAt.slice(0, 10);
}

async function noteRefused(item: OutboxItem, failure: Failure): Promise<void> {
  const words =
    failure.kind === 'invalid'
      ? { title: failure.title, detail: failure.problems.map((p) => p.message).join('; ') }
      : { title: failure.title, detail: failure.detail };
  const list = (await refusedRecords()).filter((r) => r.key !== item.key);
  list.push({
    key: item.key,
    path: item.path,
    date: dateOf(item),
    ...words,
    at: new Date().toISOString(),
  });
  await kvSet(REFUSED_KEY, list.slice(-REFUSED_KEPT));
}

/** One pass: oldest first, stopping at the first item to keep, so the server gets them in order. */
async function flushOnce(): Promise<FlushResult> {
  const result: FlushResult = {
    sent: 0,
    refused: 0,
    stoppedBy: null,
    retryInMs: null,
    sentUnawaited: 0,
  };
  const holdMs = limitedUntil - Date.now();
  if (heldBy && holdMs > 0) {
    // The server said when to come back: nothing is sent before then, whoever asks.
    result.stoppedBy = heldBy;
    result.retryInMs = holdMs;
    schedule(holdMs);
    for (const listener of listeners) listener(result);
    return result;
  }
  try {
    const items = (await outboxAll()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    for (const item of items) {
      const answer = await api('POST', item.path, item.body);
      if (awaiting.has(item.key)) answers.set(item.key, answer);
      if (!answer.ok && writeVerdict(answer.error) === 'later') {
        // Not stored (a lost connection, 429, 5xx): it and everything after it wait, in order.
        result.stoppedBy = answer.error;
        break;
      }
      if (answer.ok) {
        result.sent++;
        if (!awaiting.has(item.key)) result.sentUnawaited++;
      } else {
        // Refused for good: sending it again would not help, but the person is told which it was
        // (a screen waiting on it shows the refusal itself).
        if (!awaiting.has(item.key)) await noteRefused(item, answer.error);
        result.refused++;
      }
      await outboxRemove(item.key);
    }
    result.retryInMs = retryDelay(result.stoppedBy);
  } catch (error) {
    // The device's storage failed: try again later rather than never.
    faults++;
    result.retryInMs = backOffMs(faults);
    schedule(result.retryInMs);
    throw error;
  }
  schedule(result.retryInMs);
  for (const listener of listeners) listener(result);
  return result;
}

/**
 * Sends what waits in the outbox, oldest first. Each item carries its own idempotency key, so an
 * item whose answer was lost is stored once even when it is sent again. A 429, a server fault or a lost
 * connection keeps the item and all after it, and plans another pass (after `Retry-After`, or with a
 * back-off); only a refusal for good removes an unstored item, and it is listed (`refusedRecords`).
 * A call during a pass gets the next pass, which starts when that one ends, so what was just queued is
 * always part of the pass it waits for.
 */
export function flushOutbox(): Promise<FlushResult> {
  if (!running) {
    running = flushOnce().finally(() => {
      running = null;
    });
    return running;
  }
  if (!queuedRun) {
    const again = () => {
      queuedRun = null;
      return flushOutbox();
    };
    queuedRun = running.then(again, again);
  }
  return queuedRun;
}

export async function pendingCount(): Promise<number> {
  return (await outboxAll()).length;
}

/** The saved records the server refused for good, oldest first. */
export async function refusedRecords(): Promise<RefusedRecord[]> {
  return (await kvGet<RefusedRecord[]>(REFUSED_KEY)) ?? [];
}

/** The person has read the notice about refused records. */
export async function dismissRefused(): Promise<void> {
  await kvSet(REFUSED_KEY, []);
}

const RECORD_NOUN: Record<string, string> = {
  '/api/checkins': 'check-in',
  '/api/sessions': 'exercise log',
  '/api/measurements': 'measurement',
};

/** The notice about refused records, in words: which records, and why. */
export function refusedNotice(records: RefusedRecord[]): string {
  if (records.length === 0) return '';
  const shown = records.slice(0, 3).map((r) => {
    const noun = RECORD_NOUN[r.path] ?? 'record';
    return `your ${noun} of ${formatDate(r.date)} (${r.title})`;
  });
  const more = records.length - shown.length;
  const n = records.length;
  return `${String(n)} saved record${n === 1 ? '' : 's'} could not be stored: ${shown.join('; ')}${
    more > 0 ? ` and ${String(more)} more` : ''
  }.`;
}

/**
 * Queues a write and sends the outbox through it, so it goes after anything older still waiting.
 * Returns the server's answer, or null when it was kept on the device to send later (offline, 429, 5xx).
 */
async function sendThroughOutbox<T>(
  path: string,
  body: { clientId: string },
): Promise<Outcome<T> | null> {
  const key = body.clientId;
  awaiting.add(key);
  try {
    await outboxAdd({ key, path, body, queuedAt: new Date().toISOString() });
    await flushOutbox();
    const answer = answers.get(key);
    if (!answer) return null;
    if (!answer.ok && writeVerdict(answer.error) === 'later') return null;
    return answer as Outcome<T>;
  } finally {
    awaiting.delete(key);
    answers.delete(key);
  }
}

/** A failure that passes (offline, 429, a server fault), after which the last good copy is the best there is. */
function passing(failure: Failure): boolean {
  if (failure.kind === 'network' || failure.kind === 'limited') return true;
  return failure.kind === 'server' && (failure.status === undefined || failure.status >= 500);
}

export class ApiRepo implements Repo {
  readonly mode = 'account' as const;

  async assess(answers: unknown): Promise<Outcome<AssessmentView>> {
    const created = await api<{ id: string }>('POST', '/api/assessments', { answers });
    if (!created.ok) return created;
    const view = await api<AssessmentView>('GET', `/api/assessments/${created.value.id}`);
    if (view.ok) await kvSet('cache:latest-assessment', answerCopy(view.value));
    return view;
  }

  async latestAssessment(): Promise<AssessmentView | null> {
    const page = await api<Page<{ id: string }>>('GET', '/api/assessments?limit=1');
    if (!page.ok) {
      if (page.error.kind === 'network')
        return (
          (fromAnswerCopy(await kvGet('cache:latest-assessment')) as
            AssessmentView | null | undefined) ?? null
        );
      return null;
    }
    const first = page.value.items[0];
    if (!first) return null;
    const view = await api<AssessmentView>('GET', `/api/assessments/${first.id}`);
    if (!view.ok)
      return (
        (fromAnswerCopy(await kvGet('cache:latest-assessment')) as
          AssessmentView | null | undefined) ?? null
      );
    await kvSet('cache:latest-assessment', answerCopy(view.value));
    return view.value;
  }

  programme(): Promise<ProgrammeView | null> {
    return cachedGet<ProgrammeView>('/api/programme');
  }

  /** Like a check-in, a session that cannot be sent now waits in the outbox and is stored once when sent. */
  async logSession(body: SessionBody): Promise<Outcome<SessionResult>> {
    const withId = { ...body, clientId: body.clientId ?? newClientId() };
    const answer = await sendThroughOutbox<SessionResult>('/api/sessions', withId);
    return (
      answer ?? {
        ok: true,
        value: {
          id: withId.clientId,
          programmeChanges: [],
          warningCheckRequired: false,
          queued: true,
        },
      }
    );
  }

  sessions(): Promise<SessionLogView[]> {
    return allPages<SessionLogView>('/api/sessions');
  }

  async checkin(body: CheckinBody, localWarning?: PauseReason): Promise<Outcome<CheckinResult>> {
    const withId = { ...body, clientId: body.clientId ?? newClientId() };
    const answer = await sendThroughOutbox<CheckinResult>('/api/checkins', withId);
    if (answer?.ok) return answer;
    // Until the server has it, the warning stands on this device: no session is offered meanwhile.
    // Refused for good, it stands too, listed with the refused records until the person has read why.
    if (localWarning) {
      const pending: PendingWarning = {
        clientId: withId.clientId,
        warning: { ...localWarning, since: new Date().toISOString() },
      };
      await kvSet(PENDING_WARNING_KEY, pending);
      if (answer) {
        await noteRefused(
          {
            key: withId.clientId,
            path: '/api/checkins',
            body: withId,
            queuedAt: pending.warning.since,
          },
          answer.error,
        );
      }
    }
    return (
      answer ?? { ok: true, value: { id: withId.clientId, programmePaused: false, queued: true } }
    );
  }

  async today(date: string): Promise<TodayView> {
    const answer = await api<TodayView>('GET', `/api/today?date=${encodeURIComponent(date)}`);
    let view: TodayView | null;
    if (answer.ok) {
      view = answer.value;
      await kvSet('cache:/api/today', answerCopy(view));
    } else if (passing(answer.error)) {
      // Offline, or the server cannot answer now: the last good answer, with any warning standing here.
      view =
        (fromAnswerCopy(await kvGet('cache:/api/today')) as TodayView | null | undefined) ?? null;
    } else {
      throw new Error(
        `${answer.error.title}: ${'detail' in answer.error ? answer.error.detail : ''}`,
      );
    }
    const pending = await kvGet<PendingWarning>(PENDING_WARNING_KEY);
    if (pending) {
      const waiting =
        (await outboxAll()).some((item) => item.key === pending.clientId) ||
        (await refusedRecords()).some((r) => r.key === pending.clientId);
      if (!waiting) await kvSet(PENDING_WARNING_KEY, null);
      else if (
        !view?.warning ||
        LEVEL_RANK.indexOf(pending.warning.level) > LEVEL_RANK.indexOf(view.warning.level)
      ) {
        return {
          warning: pending.warning,
          sessionAllowed: false,
          blockedBy: 'paused',
          backOff: view?.backOff ?? null,
          reassessmentAdvised: view?.reassessmentAdvised ?? false,
          programmeNews: view?.programmeNews ?? null,
          clinicianPause: view?.clinicianPause ?? null,
        };
      }
    }
    return (
      view ?? {
        warning: null,
        sessionAllowed: false,
        blockedBy: 'no-programme',
        backOff: null,
        reassessmentAdvised: false,
        programmeNews: null,
        clinicianPause: null,
      }
    );
  }

  checkins(): Promise<CheckinView[]> {
    return allPages<CheckinView>('/api/checkins');
  }

  /** Like a check-in: a measurement that cannot be sent now waits in the outbox. */
  async measure(body: MeasurementBody): Promise<Outcome<MeasurementView>> {
    const withId = { ...body, clientId: body.clientId ?? newClientId() };
    const answer = await sendThroughOutbox<MeasurementView>('/api/measurements', withId);
    if (answer) return answer;
    const now = new Date().toISOString();
    return {
      ok: true,
      value: {
        id: withId.clientId,
        date: body.date ?? now.slice(0, 10),
        createdAt: now,
        kind: body.kind,
        side: body.side ?? null,
        value: body.value,
        clientId: withId.clientId,
        queued: true,
      },
    };
  }

  measurements(): Promise<MeasurementView[]> {
    return allPages<MeasurementView>('/api/measurements');
  }

  async progress(date: string): Promise<ProgressSummary> {
    const summary = await cachedGet<ProgressSummary>(
      `/api/progress?date=${encodeURIComponent(date)}`,
    );
    if (!summary) throw new Error('Progress is not available yet.');
    return summary;
  }

  async exportFile(format: ExportFormat): Promise<Outcome<ExportFile>> {
    let response: Response;
    try {
      response = await fetch(`/api/export?format=${format}`, { credentials: 'same-origin' });
    } catch {
      return {
        ok: false,
        error: {
          kind: 'network',
          code: 'offline',
          title: 'No connection',
          detail: 'Exports come from the server; try again when you are online.',
        },
      };
    }
    if (!response.ok) {
      return {
        ok: false,
        error: {
          kind: 'server',
          code: 'export',
          title: 'The export failed',
          detail: `The server answered ${response.status}.`,
        },
      };
    }
    return { ok: true, value: { ...exportNames[format], body: await response.text() } };
  }

  /** Seen on the server: news marked seen on one device is not shown on another. */
  async markVersionsSeen(upTo: number): Promise<Outcome<void>> {
    const answer = await api<unknown>('POST', '/api/programme/versions/seen', { upTo });
    return answer.ok ? { ok: true, value: undefined } : answer;
  }

  outcomes(): Promise<OutcomesView | null> {
    return cachedGet<OutcomesView>('/api/outcomes');
  }

  /**
   * Sent at once, never queued: the score and its change come from the server, and a clinician may be
   * waiting for it. Offline, the screen says so and keeps the answers for another try.
   */
  addOutcome(body: OutcomeBody): Promise<Outcome<OutcomeView>> {
    return api<OutcomeView>('POST', '/api/outcomes', {
      ...body,
      clientId: body.clientId ?? newClientId(),
    });
  }
}

export const exportNames: Record<ExportFormat, { filename: string; type: string }> = {
  fhir: { filename: 'backchain-record.fhir.json', type: 'application/fhir+json' },
  json: { filename: 'backchain-record.json', type: 'application/json' },
  csv: { filename: 'backchain-checkins-and-sessions.csv', type: 'text/csv' },
};
