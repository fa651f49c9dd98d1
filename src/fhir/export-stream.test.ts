// A streamed export (read a page at a time, written a piece at a time) is the same text as the whole-document
// export of the same record: FHIR, JSON and CSV, on memory and SQLite (and PostgreSQL when DATABASE_URL is set),
// for a record longer than several pages.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { EXPORT_PAGE, exportRecord, loadWhole } from '../service/records.js';
import { newId } from '../store/ids.js';
import { createMemoryStore } from '../store/memory.js';
import { openPostgresStore, openSqliteStore } from '../store/sql.js';
import {
  assessmentPair,
  checkin,
  clinicianUser,
  invitation,
  linkFor,
  measurement,
  newUser,
  outcome,
  programmeVersion,
  sessionLog,
} from '../store/store.contract.js';
import type { Store } from '../store/types.js';
import { exportBundle, exportCsv, exportJson } from './export.js';

const NOW = '2026-11-30T12:00:00.000Z';
const databaseUrl = process.env.DATABASE_URL;
const schemas: string[] = [];

const STORES: { name: string; open: () => Promise<Store> }[] = [
  { name: 'memory', open: () => Promise.resolve(createMemoryStore()) },
  {
    name: 'sqlite',
    open: () =>
      openSqliteStore(
        path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-export-')), 'e.sqlite'),
      ),
  },
  ...(databaseUrl
    ? [
        {
          name: 'postgres',
          open: () => {
            const schema = `test_export_${randomBytes(6).toString('hex')}`;
            schemas.push(schema);
            return openPostgresStore(databaseUrl, { schema });
          },
        },
      ]
    : []),
];

afterAll(async () => {
  if (!databaseUrl || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
  } finally {
    await client.end();
  }
});

const dateOf = (day: number) =>
  new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** A person with more rows in each long list than a page holds, and every kind of part an export has. */
async function longRecord(store: Store) {
  const user = newUser('long-export');
  await store.createUser(user);
  const clinician = clinicianUser('long-export-physio');
  await store.createUser(clinician);
  const first = assessmentPair(user.id);
  await store.addAssessment(first.assessment, first.programme);
  const { assessment, programme } = assessmentPair(user.id);
  await store.addAssessment(assessment, programme);
  const invited = invitation(clinician.id);
  await store.addInvitation(invited);
  expect(await store.acceptInvitation(invited.codeHash, linkFor(user.id, invited))).toBe(true);
  expect(await store.addProgrammeVersion(programmeVersion(programme, 1))).toBe(true);
  expect(await store.addProgrammeVersion(programmeVersion(programme, 2, clinician))).toBe(true);
  const rows = Math.max(EXPORT_PAGE * 2 + 37, 600);
  for (let i = 0; i < rows; i++) {
    // Some days twice, some check-ins warning signs only, so ties and gaps are crossed by pages.
    const date = dateOf(Math.floor(i * 0.7));
    const c = checkin(user.id, date);
    expect(
      await store.addCheckin(
        i % 50 === 7 ? { ...c, painNow: null, painAreas: null, legSide: null } : c,
      ),
    ).toBe(true);
    if (i % 2 === 0) {
      const log = sessionLog(user.id, programme.id, date);
      expect(
        await store.addSessionLog({ ...log, sittingId: i % 6 === 0 ? null : `sit-${date}` }),
      ).toBe(true);
    }
    if (i % 3 === 0) {
      const m = measurement(user.id, date);
      await store.addMeasurement(i % 9 === 0 ? { ...m, kind: 'toe-touch', side: null } : m);
    }
    if (i % 40 === 0) {
      expect(await store.addOutcome(outcome(user.id, date, i % 24, clinician.id))).toBe(true);
    }
  }
  return user;
}

/** The text of a streamed export, and how many pieces it came in. */
async function collect(body: AsyncIterable<string>): Promise<{ text: string; pieces: number }> {
  let text = '';
  let pieces = 0;
  for await (const piece of body) {
    text += piece;
    pieces += 1;
  }
  return { text, pieces };
}

describe.each(STORES)('a streamed export ($name)', ({ open }) => {
  it('is the same text as the whole-document export of the same record, in every format', async () => {
    const store = await open();
    try {
      const user = await longRecord(store);
      const ctx = { store, kb: knowledgeBase, now: () => new Date(NOW) };
      const whole = await loadWhole(store, user.id);
      expect(whole.checkins.length).toBeGreaterThan(EXPORT_PAGE * 2);
      expect(whole.sessions.length).toBeGreaterThan(EXPORT_PAGE);
      const opts = { kb: knowledgeBase, now: NOW };

      const fhir = await collect((await exportRecord(ctx, user.id, 'fhir')).body);
      expect(fhir.pieces).toBeGreaterThan(5);
      expect(fhir.text).toBe(JSON.stringify(exportBundle(whole, opts)));
      const bundle = JSON.parse(fhir.text) as { resourceType: string; entry: unknown[] };
      expect(bundle.resourceType).toBe('Bundle');
      expect(bundle.entry.length).toBeGreaterThan(EXPORT_PAGE * 2);

      const json = await collect((await exportRecord(ctx, user.id, 'json')).body);
      expect(json.text).toBe(JSON.stringify(exportJson(whole, opts)));

      const csv = await collect((await exportRecord(ctx, user.id, 'csv')).body);
      expect(csv.pieces).toBeGreaterThan(1);
      expect(csv.text).toBe(exportCsv(whole));
    } finally {
      await store.close();
    }
  });

  it('is the same for a record with nothing in it but the account', async () => {
    const store = await open();
    try {
      const user = newUser('empty-export');
      await store.createUser(user);
      const ctx = { store, kb: knowledgeBase, now: () => new Date(NOW) };
      const whole = await loadWhole(store, user.id);
      const opts = { kb: knowledgeBase, now: NOW };
      const text = async (format: 'fhir' | 'json' | 'csv') =>
        (await collect((await exportRecord(ctx, user.id, format)).body)).text;
      expect(await text('fhir')).toBe(JSON.stringify(exportBundle(whole, opts)));
      expect(await text('json')).toBe(JSON.stringify(exportJson(whole, opts)));
      expect(await text('csv')).toBe(exportCsv(whole));
      await expect(exportRecord(ctx, newId(new Date()), 'json')).rejects.toMatchObject({
        kind: 'not-found',
      });
    } finally {
      await store.close();
    }
  });
});
