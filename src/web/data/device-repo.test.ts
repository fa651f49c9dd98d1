// Tests that device mode answers as the API does: the same lists, in the same order (newest first), the same
// write answers and the same exports as the record service gives for the same record on a memory store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWERS, NO_WARNING_SIGNS } from '../../../test/fixtures.js';
import { knowledgeBase } from '../../kb/index.js';
import { everyPage } from '../../service/lists.js';
import {
  exportRecord,
  getAssessment,
  listAssessments,
  listCheckins,
  listMeasurements,
  listSessions,
  type RecordContext,
} from '../../service/records.js';
import { createMemoryStore, type MemorySnapshot } from '../../store/memory.js';
import { DEVICE_STORE_KEY, DEVICE_USER } from './device-keys.js';
import { openDeviceRepo } from './device-repo.js';
import type { ExportFormat, Repo } from './types.js';

/** IndexedDB as a map: where the device repository saves its record. */
const db = vi.hoisted(() => ({ kv: new Map<string, unknown>() }));
vi.mock('./idb.js', () => ({
  kvGet: (key: string) => Promise.resolve(structuredClone(db.kv.get(key))),
  kvSet: (key: string, value: unknown) => {
    db.kv.set(key, structuredClone(value));
    return Promise.resolve();
  },
}));

const START = Date.parse('2026-11-02T09:00:00.000Z');
/** Moves the clock a minute on, so each record is stored after the one before. */
function later(): void {
  vi.setSystemTime(Date.now() + 60_000);
}

/** The record service over the device's saved record, as the server would run it on a memory store. */
function serviceOverSaved(): RecordContext {
  const saved = db.kv.get(DEVICE_STORE_KEY) as MemorySnapshot | undefined;
  if (!saved) throw new Error('the device saved nothing');
  return {
    store: createMemoryStore(structuredClone(saved)),
    kb: knowledgeBase,
    now: () => new Date(),
  };
}

async function text(body: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const piece of body) out += piece;
  return out;
}

function ok<T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.error)}`);
  return outcome.value;
}

const idsOf = (items: readonly { id: string }[]) => items.map((i) => i.id);
const newestFirst = (ids: string[]) => [...ids].sort().reverse();

let repo: Repo;
beforeEach(async () => {
  db.kv.clear();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  repo = await openDeviceRepo();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A record with two of everything, the later one dated later, as a person keeps it day by day. */
async function keepRecord() {
  const first = ok(await repo.assess(ANSWERS));
  later();
  const second = ok(await repo.assess({ ...ANSWERS, painNow: 3 }));
  const programme = await repo.programme();
  const exerciseId = programme?.items[0]?.exerciseId;
  if (!exerciseId) throw new Error('the fixture answers should give a programme with exercises');
  const writes = [];
  for (const date of ['2026-11-02', '2026-11-03']) {
    later();
    writes.push(
      ok(
        await repo.logSession({
          date,
          entries: [
            { exerciseId, done: {}, tooEasy: false, painSharper: false, painSpread: false },
          ],
        }),
      ),
    );
    later();
    writes.push(
      ok(
        await repo.checkin({
          date,
          painNow: 3,
          painAreas: ['lower-back'],
          legSide: 'none',
          warningSigns: NO_WARNING_SIGNS,
        }),
      ),
    );
    later();
    writes.push(ok(await repo.measure({ date, kind: 'slr-angle', side: 'left', value: 60 })));
  }
  return { first, second, writes };
}

describe('the device repository', () => {
  it('answers an assessment with the view the service gives for its id, as GET /api/assessments/:id', async () => {
    const { first, second } = await keepRecord();
    const service = serviceOverSaved();
    expect(first).toStrictEqual(await getAssessment(service, DEVICE_USER, first.id));
    expect(second).toStrictEqual(await getAssessment(service, DEVICE_USER, second.id));
    expect(await repo.latestAssessment()).toStrictEqual(second);
    expect(idsOf((await listAssessments(service, DEVICE_USER, { limit: 5 })).items)).toStrictEqual([
      second.id,
      first.id,
    ]);
  });

  it('gives every list as the service does, newest first (the later stored, the earlier listed)', async () => {
    await keepRecord();
    const service = serviceOverSaved();
    const lists = {
      sessions: [
        await repo.sessions(),
        await everyPage((p) => listSessions(service, DEVICE_USER, p)),
      ],
      checkins: [
        await repo.checkins(),
        await everyPage((p) => listCheckins(service, DEVICE_USER, p)),
      ],
      measurements: [
        await repo.measurements(),
        await everyPage((p) => listMeasurements(service, DEVICE_USER, p)),
      ],
    } as const;
    for (const [name, [device, api]] of Object.entries(lists)) {
      expect(device, name).toStrictEqual(api);
      expect(device, name).toHaveLength(2);
      expect(idsOf(device), name).toStrictEqual(newestFirst(idsOf(device)));
      // Dated one day after the other, so oldest-by-date order would put them the other way round.
      expect(
        device.map((row) => row.date),
        name,
      ).toStrictEqual(['2026-11-03', '2026-11-02']);
    }
  });

  it('answers writes as the API does, without the service’s `duplicate` (the API says that by its status)', async () => {
    const { writes } = await keepRecord();
    expect(writes).toHaveLength(6);
    for (const answer of writes) expect(answer).not.toHaveProperty('duplicate');
  });

  it.each<ExportFormat>(['fhir', 'json', 'csv'])(
    'exports (%s) the same document, name and type as GET /api/export',
    async (format) => {
      await keepRecord();
      const service = serviceOverSaved();
      const file = ok(await repo.exportFile(format));
      const api = await exportRecord(service, DEVICE_USER, format);
      expect(file.filename).toBe(api.fileName);
      expect(file.type).toBe(api.contentType);
      const sent = await text(api.body);
      // The same document; a record read back from its saved copy may list an object's keys in another order.
      if (format === 'csv') expect(file.body).toBe(sent);
      else expect(JSON.parse(file.body)).toStrictEqual(JSON.parse(sent));
      expect(file.body.length).toBeGreaterThan(100);
    },
  );

  it('gives empty lists and an export of the account alone before anything is kept', async () => {
    expect(await repo.latestAssessment()).toBeNull();
    expect(await repo.programme()).toBeNull();
    expect(await repo.sessions()).toStrictEqual([]);
    expect(await repo.checkins()).toStrictEqual([]);
    expect(await repo.measurements()).toStrictEqual([]);
    const file = ok(await repo.exportFile('json'));
    expect(JSON.parse(file.body)).toMatchObject({ assessments: [], checkins: [] });
  });
});
