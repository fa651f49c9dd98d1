// Device mode: the same record-keeping service the server runs, on an in-memory store saved to IndexedDB.
// Every read, write and export calls the service function the server's route calls, so the device answers
// with the API's shapes and in its order (newest first, `service/lists.ts`). Nothing leaves the device.
// Loaded only when first needed, as it carries the engine and knowledge base.
import type { Problem } from '../../engine/problems.js';
import { knowledgeBase } from '../kb.js';
import { everyPage } from '../../service/lists.js';
import {
  addCheckin,
  addMeasurement,
  createAssessment,
  currentProgramme,
  exportRecord,
  getAssessment,
  listAssessments,
  listCheckins,
  listMeasurements,
  listSessions,
  logSession,
  progress,
  RecordError,
  todayView,
  type RecordContext,
} from '../../service/records.js';
import {
  assessmentBody,
  checkinBody,
  measurementBody,
  parseBody,
  sessionBody,
} from '../../service/schemas.js';
import { createMemoryStore, type MemorySnapshot } from '../../store/memory.js';
import { DEVICE_STORE_KEY, DEVICE_USER } from './device-keys.js';
import { kvGet, kvSet } from './idb.js';
import type { AssessmentView, Failure, Outcome, Repo } from './types.js';

function failure(error: unknown): Failure {
  if (error instanceof RecordError) {
    if (error.kind === 'invalid') {
      return {
        kind: 'invalid',
        title: error.title,
        problems: [{ path: '', expected: '', received: '', message: error.detail }],
      };
    }
    // The kinds the API would answer with 403, 422 and 429 read as they do from the server.
    const kind =
      error.kind === 'forbidden'
        ? 'auth'
        : error.kind === 'refused' || error.kind === 'limited'
          ? 'server'
          : error.kind;
    return { kind, code: error.code, title: error.title, detail: error.detail };
  }
  throw error;
}

async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: failure(error) };
  }
}

/** Why outcome measures cannot be kept on a device. */
const OUTCOMES_NEED_ACCOUNT: Failure = {
  kind: 'auth',
  code: 'account-needed',
  title: 'Outcome measures need an account',
  detail:
    'Outcome measures are kept in your account, where your clinician can see them. Create an account or log in to fill them in.',
};

/** A write's answer as the API sends it: `duplicate` is said there by the status (200, not 201), not in the body. */
function asSent<T extends { duplicate: boolean }>(
  outcome: Outcome<T>,
): Outcome<Omit<T, 'duplicate'>> {
  if (!outcome.ok) return outcome;
  const { duplicate: _d, ...sent } = outcome.value;
  return { ok: true, value: sent };
}

const invalid = (problems: Problem[]): Outcome<never> => ({
  ok: false,
  error: { kind: 'invalid', title: 'Some answers need another look', problems },
});

/** Opens the device's record, creating it on first use. */
export async function openDeviceRepo(): Promise<Repo> {
  const saved = await kvGet<MemorySnapshot>(DEVICE_STORE_KEY);
  const store = createMemoryStore(saved ?? undefined);
  const ctx: RecordContext = { store, kb: knowledgeBase, now: () => new Date() };
  const ensureUser = async () => {
    if (!(await store.getUser(DEVICE_USER))) {
      await store.createUser({
        id: DEVICE_USER,
        email: 'this-device@backchain.invalid',
        passwordHash: '',
        createdAt: new Date().toISOString(),
      });
    }
  };
  const save = () => kvSet(DEVICE_STORE_KEY, store.snapshot());
  /** Every change is saved before it is reported done, so a closed tab loses nothing reported. */
  const write = async <T>(run: () => Promise<T>): Promise<Outcome<T>> => {
    await ensureUser();
    const outcome = await attempt(run);
    if (outcome.ok) await save();
    return outcome;
  };

  const latestAssessment = async (): Promise<AssessmentView | null> =>
    (await listAssessments(ctx, DEVICE_USER, { limit: 1 })).items[0] ?? null;

  return {
    mode: 'device',
    async assess(answers) {
      const body = parseBody(assessmentBody, { answers });
      if (!body.ok) return invalid(body.problems);
      const created = await write(() => createAssessment(ctx, DEVICE_USER, body.value));
      if (!created.ok) return created;
      // As the API: the view of the one just stored, by its id (GET /api/assessments/:id).
      return attempt(() => getAssessment(ctx, DEVICE_USER, created.value.id));
    },
    latestAssessment,
    async programme() {
      const outcome = await attempt(() => currentProgramme(ctx, DEVICE_USER));
      return outcome.ok ? outcome.value : null;
    },
    async logSession(input) {
      const body = parseBody(sessionBody, input);
      if (!body.ok) return invalid(body.problems);
      return asSent(await write(() => logSession(ctx, DEVICE_USER, body.value)));
    },
    sessions() {
      return everyPage((page) => listSessions(ctx, DEVICE_USER, page));
    },
    async checkin(input) {
      const body = parseBody(checkinBody, input);
      if (!body.ok) return invalid(body.problems);
      return asSent(await write(() => addCheckin(ctx, DEVICE_USER, body.value)));
    },
    async today(date) {
      await ensureUser();
      return todayView(ctx, DEVICE_USER, date);
    },
    checkins() {
      return everyPage((page) => listCheckins(ctx, DEVICE_USER, page));
    },
    async measure(input) {
      const body = parseBody(measurementBody, input);
      if (!body.ok) return invalid(body.problems);
      return asSent(await write(() => addMeasurement(ctx, DEVICE_USER, body.value)));
    },
    measurements() {
      return everyPage((page) => listMeasurements(ctx, DEVICE_USER, page));
    },
    async progress(date) {
      return progress(ctx, DEVICE_USER, date);
    },
    async exportFile(format) {
      await ensureUser();
      // The same document GET /api/export?format= sends, gathered into one text.
      return attempt(async () => {
        const out = await exportRecord(ctx, DEVICE_USER, format);
        let body = '';
        for await (const piece of out.body) body += piece;
        return { filename: out.fileName, type: out.contentType, body };
      });
    },
    // No clinician follows a record kept on this device: there is no news to mark seen.
    markVersionsSeen() {
      return Promise.resolve({ ok: true, value: undefined });
    },
    // Outcome measures are what a clinician asks for and reads: they need an account.
    outcomes() {
      return Promise.resolve(null);
    },
    addOutcome() {
      return Promise.resolve({ ok: false, error: OUTCOMES_NEED_ACCOUNT });
    },
  };
}
