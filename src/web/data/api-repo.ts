// Account mode: the person's data lives on the server. Reads are kept on the device for use offline,
// and check-ins made offline wait in an outbox until the network returns.
import type { ProgressSummary } from '../../engine/progress.js';
import { newClientId } from './client-id.js';
import { api } from './http.js';
import { kvGet, kvSet, outboxAdd, outboxAll, outboxRemove } from './idb.js';
import type {
  AssessmentView,
  CheckinBody,
  CheckinResult,
  CheckinView,
  ExportFile,
  ExportFormat,
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
    await kvSet(`cache:${path}`, answer.value);
    return answer.value;
  }
  if (answer.error.kind === 'network') return (await kvGet<T>(`cache:${path}`)) ?? null;
  if (answer.error.kind === 'not-found') {
    await kvSet(`cache:${path}`, null);
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

let flushing: Promise<number> | null = null;

/**
 * Sends what waits in the outbox, oldest first. Each item carries its own idempotency key, so an
 * item whose answer was lost is stored once even when it is sent again. Returns how many were sent.
 */
export function flushOutbox(): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      const items = (await outboxAll()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
      for (const item of items) {
        const answer = await api('POST', item.path, item.body);
        if (!answer.ok && answer.error.kind === 'network') break;
        // Sent, or refused for good (invalid, conflict): either way it must not be sent again.
        await outboxRemove(item.key);
        if (answer.ok) sent++;
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}

export async function pendingCount(): Promise<number> {
  return (await outboxAll()).length;
}

export class ApiRepo implements Repo {
  readonly mode = 'account' as const;

  async assess(answers: unknown): Promise<Outcome<AssessmentView>> {
    const created = await api<{ id: string }>('POST', '/api/assessments', { answers });
    if (!created.ok) return created;
    const view = await api<AssessmentView>('GET', `/api/assessments/${created.value.id}`);
    if (view.ok) await kvSet('cache:latest-assessment', view.value);
    return view;
  }

  async latestAssessment(): Promise<AssessmentView | null> {
    const page = await api<Page<{ id: string }>>('GET', '/api/assessments?limit=1');
    if (!page.ok) {
      if (page.error.kind === 'network')
        return (await kvGet<AssessmentView>('cache:latest-assessment')) ?? null;
      return null;
    }
    const first = page.value.items[0];
    if (!first) return null;
    const view = await api<AssessmentView>('GET', `/api/assessments/${first.id}`);
    if (!view.ok) return (await kvGet<AssessmentView>('cache:latest-assessment')) ?? null;
    await kvSet('cache:latest-assessment', view.value);
    return view.value;
  }

  programme(): Promise<ProgrammeView | null> {
    return cachedGet<ProgrammeView>('/api/programme');
  }

  /** Like a check-in, a session made offline waits in the outbox and is stored once when sent. */
  async logSession(body: SessionBody): Promise<Outcome<SessionResult>> {
    const withId = { ...body, clientId: body.clientId ?? newClientId() };
    await outboxAdd({
      key: withId.clientId,
      path: '/api/sessions',
      body: withId,
      queuedAt: new Date().toISOString(),
    });
    const answer = await api<SessionResult>('POST', '/api/sessions', withId);
    if (!answer.ok && answer.error.kind === 'network') {
      return {
        ok: true,
        value: {
          id: withId.clientId,
          programmeChanges: [],
          warningCheckRequired: false,
          queued: true,
        },
      };
    }
    await outboxRemove(withId.clientId);
    return answer;
  }

  sessions(): Promise<SessionLogView[]> {
    return allPages<SessionLogView>('/api/sessions');
  }

  async checkin(body: CheckinBody, localWarning?: PauseReason): Promise<Outcome<CheckinResult>> {
    const withId = { ...body, clientId: body.clientId ?? newClientId() };
    await outboxAdd({
      key: withId.clientId,
      path: '/api/checkins',
      body: withId,
      queuedAt: new Date().toISOString(),
    });
    const answer = await api<CheckinResult>('POST', '/api/checkins', withId);
    if (!answer.ok && answer.error.kind === 'network') {
      // Until the server has it, the warning stands on this device: no session is offered meanwhile.
      if (localWarning) {
        const pending: PendingWarning = {
          clientId: withId.clientId,
          warning: { ...localWarning, since: new Date().toISOString() },
        };
        await kvSet(PENDING_WARNING_KEY, pending);
      }
      return { ok: true, value: { id: withId.clientId, programmePaused: false, queued: true } };
    }
    await outboxRemove(withId.clientId);
    return answer;
  }

  async today(date: string): Promise<TodayView> {
    const answer = await api<TodayView>('GET', `/api/today?date=${encodeURIComponent(date)}`);
    let view: TodayView | null;
    if (answer.ok) {
      view = answer.value;
      await kvSet('cache:/api/today', view);
    } else if (answer.error.kind === 'network') {
      view = (await kvGet<TodayView>('cache:/api/today')) ?? null;
    } else {
      throw new Error(
        `${answer.error.title}: ${'detail' in answer.error ? answer.error.detail : ''}`,
      );
    }
    const pending = await kvGet<PendingWarning>(PENDING_WARNING_KEY);
    if (pending) {
      const waiting = (await outboxAll()).some((item) => item.key === pending.clientId);
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

  measure(body: MeasurementBody): Promise<Outcome<MeasurementView>> {
    return api<MeasurementView>('POST', '/api/measurements', body);
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
