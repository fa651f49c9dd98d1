// Device mode: the same record-keeping service the server runs, on an in-memory store saved to IndexedDB.
// Nothing leaves the device. Loaded only when first needed, as it carries the engine and knowledge base.
import type { Problem } from '../../engine/problems.js';
import { exportBundle, exportCsv, exportJson } from '../../fhir/export.js';
import { knowledgeBase } from '../../kb/index.js';
import {
  addCheckin,
  addMeasurement,
  createAssessment,
  currentProgramme,
  loadWhole,
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
import { exportNames } from './api-repo.js';
import { DEVICE_STORE_KEY, DEVICE_USER } from './device.js';
import { kvGet, kvSet } from './idb.js';
import type { AssessmentView, CheckinResult, Failure, Outcome, Repo } from './types.js';

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

  const latestAssessment = async (): Promise<AssessmentView | null> => {
    const page = await store.listAssessments(DEVICE_USER, { limit: 1 });
    const first = page.items[0];
    return first
      ? { id: first.id, createdAt: first.createdAt, answers: first.answers, result: first.result }
      : null;
  };

  return {
    mode: 'device',
    async assess(answers) {
      const body = parseBody(assessmentBody, { answers });
      if (!body.ok) return invalid(body.problems);
      const created = await write(() => createAssessment(ctx, DEVICE_USER, body.value));
      if (!created.ok) return created;
      const view = await latestAssessment();
      return view
        ? { ok: true, value: view }
        : {
            ok: false,
            error: {
              kind: 'server',
              code: 'lost',
              title: 'Not saved',
              detail: 'The assessment was not saved on this device.',
            },
          };
    },
    latestAssessment,
    async programme() {
      const outcome = await attempt(() => currentProgramme(ctx, DEVICE_USER));
      return outcome.ok ? outcome.value : null;
    },
    async logSession(input) {
      const body = parseBody(sessionBody, input);
      if (!body.ok) return invalid(body.problems);
      return write(() => logSession(ctx, DEVICE_USER, body.value));
    },
    async sessions() {
      const logs = await store.sessionLogsSince(DEVICE_USER, '0000-01-01');
      return logs.map(({ userId: _u, programmeId: _p, ...rest }) => rest);
    },
    async checkin(input) {
      const body = parseBody(checkinBody, input);
      if (!body.ok) return invalid(body.problems);
      const outcome = await write(() => addCheckin(ctx, DEVICE_USER, body.value));
      if (!outcome.ok) return outcome;
      const { duplicate: _d, ...result } = outcome.value;
      return { ok: true, value: result satisfies CheckinResult };
    },
    async today(date) {
      await ensureUser();
      return todayView(ctx, DEVICE_USER, date);
    },
    async checkins() {
      return (await store.allCheckins(DEVICE_USER)).map(({ userId: _u, ...rest }) => rest);
    },
    async measure(input) {
      const body = parseBody(measurementBody, input);
      if (!body.ok) return invalid(body.problems);
      return write(() => addMeasurement(ctx, DEVICE_USER, body.value));
    },
    async measurements() {
      return (await store.allMeasurements(DEVICE_USER)).map(({ userId: _u, ...rest }) => rest);
    },
    async progress(date) {
      return progress(ctx, DEVICE_USER, date);
    },
    async exportFile(format) {
      await ensureUser();
      const record = await loadWhole(store, DEVICE_USER);
      const opts = { kb: knowledgeBase, now: new Date().toISOString() };
      const body =
        format === 'fhir'
          ? JSON.stringify(exportBundle(record, opts), null, 2)
          : format === 'json'
            ? JSON.stringify(exportJson(record, opts), null, 2)
            : exportCsv(record);
      return { ok: true, value: { ...exportNames[format], body } };
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
