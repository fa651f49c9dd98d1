// The in-memory store against the shared Store contract, and its snapshots (how the web app keeps it between visits).
import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  MEMORY_SNAPSHOT_VERSION,
  type MemoryStore,
  type MemorySnapshot,
  type MemorySnapshotV1,
  type MemorySnapshotV2,
  type MemorySnapshotV3,
} from './memory.js';
import {
  assessmentPair,
  auditEntry,
  checkin,
  clinicianCode,
  clinicianUser,
  credential,
  invitation,
  linkFor,
  measurement,
  newUser,
  outcome,
  outcomeDue,
  programmeVersion,
  sessionLog,
  storeContract,
  updateOf,
} from './store.contract.js';
import {
  checkNewerRefused,
  checkOldProgrammeState,
  checkStoredFixture,
  DOCUMENT_TABLES,
  SNAPSHOT_FIXTURES,
  STORED_CASES,
  type WriteStored,
} from '../../test/store-upgrades.js';
import type { CheckinRecord, LimitKey, SessionLogRecord, Store } from './types.js';

storeContract('memory', () => Promise.resolve(createMemoryStore()));

const ADDRESS: LimitKey = { scope: 'login-address', account: '', address: '192.0.2.7' };
const pairOf = (email: string): LimitKey => ({
  scope: 'login-pair',
  account: email.toLowerCase(),
  address: '192.0.2.7',
});
/** One more counted attempt under a limiter key, at a fixed time. */
const countAttempt = (store: Store, k: LimitKey) =>
  store.updateLimits([k], ([row]) => ({
    rows: [
      {
        count: (row?.count ?? 0) + 1,
        windowStart: row?.windowStart ?? '2026-11-21T09:00:00.000Z',
        blockedUntil: null,
      },
    ],
    result: undefined,
  }));
const readLimits = (store: Store, keys: LimitKey[]) =>
  store.updateLimits(keys, (rows) => ({ rows: [], result: rows }));

/** A snapshot as version 3 saved it: no clinician side, and users without a role or display name. */
function asVersion3(snapshot: MemorySnapshot): MemorySnapshotV3 {
  const {
    clinicianCodes: _c,
    invitations: _i,
    careLinks: _l,
    programmeVersions: _v,
    outcomes: _o,
    outcomeSchedule: _s,
    ...tables
  } = snapshot;
  return {
    ...tables,
    version: 3,
    users: tables.users.map(({ role: _r, displayName: _d, ...u }) => u),
  };
}

describe('memory store snapshots', () => {
  /** A person with rows in every table: two assessments (one programme is history), a changed programme, and more. */
  async function fill(store: Store, label: string) {
    const user = newUser(label);
    expect(await store.createUser(user)).toBe(true);
    const old = assessmentPair(user.id);
    await store.addAssessment(old.assessment, old.programme);
    const latest = assessmentPair(user.id);
    await store.addAssessment(latest.assessment, latest.programme);
    const current = await store.getCurrentProgramme(user.id);
    if (!current) throw new Error('the programme was just added');
    const sessionClientId = `session_${label}_0001`;
    const loggedOnDevice: SessionLogRecord = {
      ...sessionLog(user.id, current.id, '2026-11-20'),
      clientId: sessionClientId,
    };
    expect(await store.addSessionLog(loggedOnDevice, updateOf(current))).toBe(true);
    expect(await store.addSessionLog(sessionLog(user.id, current.id, '2026-11-21'))).toBe(true);
    const withClientId: CheckinRecord = {
      ...checkin(user.id, '2026-11-21'),
      clientId: `device_${label}_0001`,
    };
    expect(await store.addCheckin(withClientId)).toBe(true);
    expect(await store.addCheckin(checkin(user.id, '2026-11-19'))).toBe(true);
    await store.addMeasurement(measurement(user.id, '2026-11-21'));
    await store.addAudit(auditEntry(user.id));
    const token = credential(user.id, 'token');
    await store.addCredential(token);
    await countAttempt(store, pairOf(user.email));
    await store.addMeasurement({
      ...measurement(user.id, '2026-11-22'),
      clientId: `measure_${label}_0001`,
    });
    // The clinician side: a clinician signed up with a code, linked, changed the programme, asked for a measure.
    const code = clinicianCode();
    await store.addClinicianCode(code);
    const clinician = clinicianUser(`${label}-physio`);
    expect(await store.createClinician(clinician, code.codeHash, code.createdAt)).toBe(true);
    const invited = invitation(clinician.id);
    await store.addInvitation(invited);
    await store.addInvitation(invitation(clinician.id));
    const link = linkFor(user.id, invited);
    expect(await store.acceptInvitation(invited.codeHash, link)).toBe(true);
    await store.touchLink(user.id, link.id, '2026-11-22T08:00:00.000Z');
    const changed = await store.getCurrentProgramme(user.id);
    if (!changed) throw new Error('the programme was just added');
    expect(await store.addProgrammeVersion(programmeVersion(changed, 1))).toBe(true);
    expect(
      await store.addProgrammeVersion(programmeVersion(changed, 2, clinician), updateOf(changed)),
    ).toBe(true);
    const due = outcomeDue(user.id, '2026-11-22', clinician.id);
    await store.addOutcomeSchedule(due);
    expect(
      await store.addOutcome({
        ...outcome(user.id, '2026-11-22'),
        scheduleId: due.id,
        clientId: `outcome_${label}_0001`,
      }),
    ).toBe(true);
    await store.addAudit({ ...auditEntry(user.id), actor: clinician.id });
    return {
      user,
      token,
      clientId: withClientId.clientId ?? '',
      sessionClientId,
      clinician,
      invited,
      programmeId: changed.id,
      outcomeClientId: `outcome_${label}_0001`,
    };
  }

  /** Everything the Store methods say about one person. */
  async function readAll(store: Store, person: Awaited<ReturnType<typeof fill>>) {
    const { user, token, clientId, sessionClientId, clinician, invited, programmeId } = person;
    const page = { limit: 500 };
    return {
      clinician: await store.getUser(clinician.id),
      clinicianRowCounts: await store.rowCounts(clinician.id),
      invitations: await store.listInvitations(clinician.id),
      invitationByCode: await store.getInvitationByCode(invited.codeHash),
      linksOfPerson: await store.listLinksOfPerson(user.id),
      linksOfClinician: await store.listLinksOfClinician(clinician.id),
      activeLink: await store.activeLink(user.id, clinician.id),
      versions: await store.listProgrammeVersions(user.id, programmeId),
      outcomes: await store.allOutcomes(user.id),
      outcomeSchedule: await store.listOutcomeSchedule(user.id),
      auditByOthers: await store.listAuditByOthers(user.id, page),
      user: await store.getUser(user.id),
      byEmail: await store.getUserByEmail(user.email),
      credential: await store.getCredential(token.tokenHash),
      assessments: await store.listAssessments(user.id, page),
      latestAssessment: await store.latestAssessment(user.id),
      currentProgramme: await store.getCurrentProgramme(user.id),
      programmes: await store.listProgrammes(user.id, page),
      sessionLogs: await store.listSessionLogs(user.id, page),
      sessionLogsSince: await store.sessionLogsSince(user.id, '2026-01-01'),
      sessionByClientId: await store.findSessionLogByClientId(user.id, sessionClientId),
      checkins: await store.listCheckins(user.id, page),
      allCheckins: await store.allCheckins(user.id),
      byClientId: await store.findCheckinByClientId(user.id, clientId),
      measurements: await store.listMeasurements(user.id, page),
      allMeasurements: await store.allMeasurements(user.id),
      audit: await store.listAudit(user.id, page),
      limits: await readLimits(store, [pairOf(user.email)]),
      erasures: await store.listErasures({ limit: 500 }),
      tokens: await store.listCredentials(user.id, 'token'),
      measurementByClientId: await store.findMeasurementByClientId(
        user.id,
        `measure_${user.email.split('.')[0] ?? ''}_0001`,
      ),
      rowCounts: await store.rowCounts(user.id),
    };
  }

  it('round-trips every table through JSON: a store made from the snapshot answers the same', async () => {
    const store = createMemoryStore();
    const people = [await fill(store, 'snap-a'), await fill(store, 'snap-b')];
    await countAttempt(store, ADDRESS);
    const erased = newUser('snap-erased');
    await store.createUser(erased);
    await store.deleteUser(erased.id, {
      id: 'erasure-0001',
      subjectHash: 'a'.repeat(64),
      at: '2026-11-21T09:00:00.000Z',
      requestedBy: 'person',
    });

    const saved = JSON.parse(JSON.stringify(store.snapshot())) as MemorySnapshot;
    expect(saved.version).toBe(MEMORY_SNAPSHOT_VERSION);
    const restored = createMemoryStore(saved);

    for (const person of people) {
      const before = await readAll(store, person);
      // Not vacuous: every table of the person has rows (and the clinician has the invitations).
      for (const [table, n] of Object.entries(before.rowCounts)) {
        // The progress summary is derived data, rebuilt when missing: never saved in a snapshot.
        if (table === 'invitations' || table === 'progress_history') expect(n, table).toBe(0);
        else expect(n, table).toBeGreaterThan(0);
      }
      expect(before.clinicianRowCounts.invitations).toBe(2);
      expect(before.clinician?.role).toBe('clinician');
      expect(before.versions).toHaveLength(2);
      expect(before.outcomeSchedule[0]?.doneOutcomeId).toBe(before.outcomes[0]?.id);
      expect(before.linksOfPerson[0]?.lastViewedAt).toBe('2026-11-22T08:00:00.000Z');
      expect(before.programmes.items).toHaveLength(2);
      expect(before.currentProgramme?.revision).toBe(2);
      expect(await readAll(restored, person)).toStrictEqual(before);
    }
    expect(await readLimits(restored, [ADDRESS])).toStrictEqual([
      { count: 1, windowStart: '2026-11-21T09:00:00.000Z', blockedUntil: null },
    ]);
    expect((await restored.listErasures({ limit: 10 })).items).toHaveLength(1);
    expect(restored.snapshot()).toStrictEqual(store.snapshot());
  });

  it('gives a working store that keeps its own state: uniqueness, revisions and copies hold', async () => {
    const store = createMemoryStore();
    const person = await fill(store, 'snap-c');
    const saved = store.snapshot();
    const restored = createMemoryStore(saved);

    const again: CheckinRecord = {
      ...checkin(person.user.id, '2026-11-22'),
      clientId: person.clientId,
    };
    expect(await restored.addCheckin(again)).toBe('duplicate');
    const current = await restored.getCurrentProgramme(person.user.id);
    if (!current) throw new Error('the restored store lost the programme');
    const sessionAgain: SessionLogRecord = {
      ...sessionLog(person.user.id, current.id, '2026-11-22'),
      clientId: person.sessionClientId,
    };
    expect(await restored.addSessionLog(sessionAgain, updateOf(current))).toBe('duplicate');
    expect(await restored.getCurrentProgramme(person.user.id)).toStrictEqual(current);
    expect(
      await restored.addSessionLog(
        sessionLog(person.user.id, current.id, '2026-11-22'),
        updateOf(current, 0),
      ),
    ).toBe(false);
    expect(await restored.createUser({ ...newUser('clash'), email: person.user.email })).toBe(
      false,
    );
    // The clinician side's rules hold too: a used invitation, a taken version number, a seen client id.
    expect(
      await restored.acceptInvitation(
        person.invited.codeHash,
        linkFor(person.user.id, person.invited),
      ),
    ).toBe('unusable');
    await expect(restored.addProgrammeVersion(programmeVersion(current, 2))).rejects.toThrow();
    expect(
      await restored.addOutcome({
        ...outcome(person.user.id, '2026-11-23'),
        clientId: person.outcomeClientId,
      }),
    ).toBe('duplicate');

    // Writes to one store never show in the other, nor in the snapshot object.
    expect(await restored.addCheckin(checkin(person.user.id, '2026-11-23'))).toBe(true);
    expect((await restored.rowCounts(person.user.id)).checkins).toBe(3);
    expect((await store.rowCounts(person.user.id)).checkins).toBe(2);
    expect(saved.checkins.filter((c) => c.userId === person.user.id)).toHaveLength(2);
    saved.users.length = 0;
    expect(await restored.getUser(person.user.id)).toBeDefined();
  });

  it('upgrades a version 1 snapshot: its session logs had no client id', async () => {
    const store = createMemoryStore();
    const person = await fill(store, 'snap-v1');
    const current = store.snapshot();
    const { loginLimits: _l, erasures: _e, ...tables } = asVersion3(current);
    const v1: MemorySnapshotV1 = {
      ...tables,
      version: 1,
      credentials: current.credentials.map(({ tokenHash, userId, kind, createdAt, expiresAt }) => ({
        tokenHash,
        userId,
        kind,
        createdAt,
        expiresAt,
      })),
      loginFailures: [],
      sessionLogs: current.sessionLogs.map(({ clientId: _c, ...log }) => log),
    };
    const saved = JSON.parse(JSON.stringify(v1)) as MemorySnapshotV1;
    expect(saved.sessionLogs.length).toBeGreaterThan(0);
    expect(saved.sessionLogs.every((l) => !('clientId' in l))).toBe(true);

    const restored = createMemoryStore(saved);
    const logs = await restored.sessionLogsSince(person.user.id, '0000-01-01');
    expect(logs.map((l) => l.clientId)).toStrictEqual([null, null]);
    expect(logs.map(({ clientId: _c, ...l }) => l)).toStrictEqual(
      (await store.sessionLogsSince(person.user.id, '0000-01-01')).map(
        ({ clientId: _c, ...l }) => l,
      ),
    );
    expect(restored.snapshot().version).toBe(MEMORY_SNAPSHOT_VERSION);
    // Everything but the session logs' client ids, the credentials' new fields and the limits
    // (which start afresh) comes through unchanged; the clinician side starts empty.
    expect({
      ...restored.snapshot(),
      sessionLogs: [],
      credentials: [],
      loginLimits: [],
    }).toStrictEqual({
      ...current,
      // Everyone was a person before version 4.
      users: current.users.map((u) => ({ ...u, role: 'person', displayName: null })),
      sessionLogs: [],
      credentials: [],
      loginLimits: [],
      clinicianCodes: [],
      invitations: [],
      careLinks: [],
      programmeVersions: [],
      outcomes: [],
      outcomeSchedule: [],
    });
    const programme = await restored.getCurrentProgramme(person.user.id);
    if (!programme) throw new Error('the upgraded store lost the programme');
    const sent: SessionLogRecord = {
      ...sessionLog(person.user.id, programme.id, '2026-11-22'),
      clientId: person.sessionClientId,
    };
    expect(await restored.addSessionLog(sent)).toBe(true);
    expect(await restored.addSessionLog({ ...sent, id: `${sent.id}x` })).toBe('duplicate');
  });

  it('upgrades a version 2 snapshot: credentials get ids and scopes, login failures are dropped', async () => {
    const store = createMemoryStore();
    const person = await fill(store, 'snap-v2');
    const session = credential(person.user.id, 'session');
    await store.addCredential(session);
    const current = store.snapshot();
    const { loginLimits: _l, erasures: _e, ...tables } = asVersion3(current);
    const v2: MemorySnapshotV2 = {
      ...tables,
      version: 2,
      credentials: current.credentials.map(({ tokenHash, userId, kind, createdAt, expiresAt }) => ({
        tokenHash,
        userId,
        kind,
        createdAt,
        expiresAt,
      })),
      loginFailures: [{ key: 'address:192.0.2.7', at: '2026-11-21T08:00:00.000Z' }],
    };
    const restored = createMemoryStore(JSON.parse(JSON.stringify(v2)) as MemorySnapshotV2);
    const token = await restored.getCredential(person.token.tokenHash);
    expect(token).toMatchObject({
      userId: person.user.id,
      kind: 'token',
      name: null,
      // A token made before scopes could read, write and export: it keeps doing so.
      scopes: ['read', 'write', 'export'],
      lastUsedAt: null,
    });
    expect(token?.id).toMatch(/^[0-9a-z]{26}$/);
    expect((await restored.getCredential(session.tokenHash))?.scopes).toStrictEqual([]);
    expect(await readLimits(restored, [ADDRESS])).toStrictEqual([undefined]);
    expect(restored.snapshot().version).toBe(MEMORY_SNAPSHOT_VERSION);
    expect(await restored.listCheckins(person.user.id, { limit: 10 })).toStrictEqual(
      await store.listCheckins(person.user.id, { limit: 10 }),
    );
  });

  it('upgrades a version 3 snapshot: users become people with no display name, the clinician side starts empty', async () => {
    const store = createMemoryStore();
    const person = await fill(store, 'snap-v3');
    const current = store.snapshot();
    const v3 = JSON.parse(JSON.stringify(asVersion3(current))) as MemorySnapshotV3;
    expect(v3.users.every((u) => !('role' in u) && !('displayName' in u))).toBe(true);
    expect(v3).not.toHaveProperty('careLinks');

    const restored = createMemoryStore(v3);
    const saved = restored.snapshot();
    expect(saved.version).toBe(MEMORY_SNAPSHOT_VERSION);
    // The clinician made with the code was one in version 4 only; in a real version 3 snapshot
    // there were none, so every user reads back as a person.
    expect(await restored.getUser(person.user.id)).toStrictEqual({
      ...person.user,
      email: person.user.email.toLowerCase(),
      role: 'person',
      displayName: null,
    });
    expect(saved.users.every((u) => u.role === 'person' && u.displayName === null)).toBe(true);
    expect(saved).toStrictEqual({
      ...current,
      users: saved.users,
      clinicianCodes: [],
      invitations: [],
      careLinks: [],
      programmeVersions: [],
      outcomes: [],
      outcomeSchedule: [],
    });
    expect(await restored.listLinksOfPerson(person.user.id)).toStrictEqual([]);
    expect(await restored.allOutcomes(person.user.id)).toStrictEqual([]);
    // And the clinician side works on it from there.
    const clinician = clinicianUser('snap-v3-new');
    expect(await restored.createUser(clinician)).toBe(true);
    const invited = invitation(clinician.id);
    await restored.addInvitation(invited);
    expect(
      await restored.acceptInvitation(invited.codeHash, linkFor(person.user.id, invited)),
    ).toBe(true);
    expect((await restored.rowCounts(person.user.id)).care_links).toBe(1);
  });

  it('reads a programme state saved before backing off existed, and applies sessions to it', async () => {
    const store = createMemoryStore();
    await checkOldProgrammeState(store, (userId, oldState) => {
      // A snapshot a device saved with an older Backchain: the state without backOff and restDate.
      const saved = JSON.parse(JSON.stringify(store.snapshot())) as MemorySnapshot;
      const current = saved.programmes.find((p) => p.userId === userId && p.current);
      if (!current) throw new Error('the snapshot lost the programme');
      current.state = oldState;
      expect(current.state).not.toHaveProperty('backOff');
      return Promise.resolve(createMemoryStore(saved));
    });
  });

  it('refuses a snapshot of a format it does not know, and a snapshot after close', async () => {
    const store = createMemoryStore();
    const future = { ...store.snapshot(), version: 99 } as unknown as MemorySnapshot;
    expect(() => createMemoryStore(future)).toThrow(/version 99/);
    await store.close();
    expect(() => store.snapshot()).toThrow(/after close/);
  });
});

/** Puts a stored document into a snapshot of `store`, as a device saved it, and starts a store from that. */
const intoSnapshot =
  (store: MemoryStore): WriteStored =>
  (place, _userId, id, stored) => {
    const saved = JSON.parse(JSON.stringify(store.snapshot())) as Record<string, unknown>;
    const rows = saved[DOCUMENT_TABLES[place.table]] as Record<string, unknown>[];
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error(`no ${place.table} row ${id} in the snapshot`);
    row[place.field] = stored;
    return Promise.resolve(createMemoryStore(saved as unknown as MemorySnapshot));
  };

describe('memory store: stored documents of every version, read through the snapshot', () => {
  it.each(STORED_CASES)('reads $name', async ({ fixture, place }) => {
    const store = createMemoryStore();
    await checkStoredFixture(store, 'fixture-person', fixture, place, intoSnapshot(store));
  });

  it('refuses a document written by a newer Backchain, naming it and where it was', async () => {
    const store = createMemoryStore();
    await checkNewerRefused(store, 'newer-person', intoSnapshot(store));
  });
});

describe('memory store: device snapshots saved by every version (test/fixtures/stored/snapshot)', () => {
  it('holds a snapshot from before documents carried versions, and one as saved today', () => {
    expect(SNAPSHOT_FIXTURES.map((f) => f.file)).toStrictEqual([
      'device.v4.json',
      `device.v${String(MEMORY_SNAPSHOT_VERSION)}.json`,
    ]);
  });

  it.each(SNAPSHOT_FIXTURES.map((f) => [f.file, f] as const))(
    'loads %s and saves it again as today’s snapshot',
    async (_file, fixture) => {
      const store = createMemoryStore(structuredClone(fixture.stored) as MemorySnapshot);
      const saved = store.snapshot();
      expect(saved).toStrictEqual(fixture.read);
      expect(saved.version).toBe(MEMORY_SNAPSHOT_VERSION);
      // The device's record reads as it did, documents upgraded: the result names its triage policy.
      const [assessment] = (await store.listAssessments('device', { limit: 1 })).items;
      expect(assessment?.result.policyVersion).toBe(1);
      expect(assessment?.answers.version).toBe(1);
      expect((await store.getCurrentProgramme('device'))?.state.backOff).toBeNull();
      expect(await store.allCheckins('device')).toHaveLength(1);
      // And what it saves, it loads again unchanged.
      expect(createMemoryStore(saved).snapshot()).toStrictEqual(saved);
    },
  );

  it('differs from the version 4 snapshot only in document versions and the new policy version', () => {
    const [v4] = SNAPSHOT_FIXTURES;
    const stored = v4?.stored as {
      assessments: { result: object }[];
      programmes: { state: object }[];
    };
    const read = v4?.read as {
      assessments: { result: object }[];
      programmes: { state: object }[];
    };
    expect(stored.assessments[0]?.result).not.toHaveProperty('policyVersion');
    expect(read.assessments[0]?.result).toStrictEqual({
      ...stored.assessments[0]?.result,
      v: 2,
      policyVersion: 1,
    });
    expect(read.programmes[0]?.state).toStrictEqual({ ...stored.programmes[0]?.state, v: 2 });
  });
});
