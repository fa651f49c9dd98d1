// The clinician side of the record service on the memory store: invitations and links, the access check and
// the person's audit trail, programme changes and pauses as versions, the list by need, and outcome measures.
import { beforeEach, describe, expect, it } from 'vitest';
import { ANSWERS, NO_WARNING_SIGNS, parsed } from '../../test/fixtures.js';
import { refusalOf } from '../engine/clinician-change.js';
import { activeExclusions } from '../engine/plan.js';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import type { Role, Store } from '../store/types.js';
import {
  acceptInvitation,
  accessLog,
  addOwnOutcome,
  cancelInvitation,
  caseload,
  changeProgramme,
  createInvitation,
  endLink,
  endLinkByClinician,
  enterOutcomeTotal,
  listInvitations,
  listLinks,
  listOwnOutcomes,
  listOwnVersions,
  markVersionsSeen,
  normaliseCode,
  pauseProgramme,
  personCheckins,
  personExport,
  personMeasurements,
  personOutcomes,
  personProgress,
  personReport,
  personSittings,
  personSummary,
  personVersions,
  previewInvitation,
  scheduleOutcome,
  CODE_ALPHABET,
  LEFT_CLINICIAN,
} from './clinician.js';
import { programmeChangeBody } from './clinician-schemas.js';
import {
  addCheckin,
  addMeasurement,
  createAssessment,
  currentProgramme,
  logSession,
  RecordError,
  todayView,
  type RecordContext,
} from './records.js';
import { assessmentBody, checkinBody, parseBody, sessionBody } from './schemas.js';

const PERSON = 'person-0001';
const PERSON2 = 'person-0002';
const CLINICIAN = 'clinician-01';
const OTHER = 'clinician-02';

let store: Store;
let clock: Date;
/** The person's own requests. */
let own: RecordContext;
/** The clinician's requests (the server sets `audit.actor` to the caller). */
let care: RecordContext;

const contextOf = (actor: string): RecordContext => ({
  store,
  kb: knowledgeBase,
  now: () => clock,
  audit: {
    actor,
    credentialKind: 'session',
    credentialId: `cred-${actor}`,
    address: '192.0.2.1',
    resource: '/test',
  },
});

async function user(id: string, role: Role, displayName: string | null = null) {
  await store.createUser({
    id,
    email: `${id}@example.org`,
    passwordHash: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    role,
    displayName,
  });
}

beforeEach(async () => {
  store = createMemoryStore();
  clock = new Date('2026-11-02T09:00:00.000Z');
  await user(PERSON, 'person');
  await user(PERSON2, 'person');
  await user(CLINICIAN, 'clinician', 'Alex Morgan, physiotherapist');
  await user(OTHER, 'clinician', 'Sam Lee, physiotherapist');
  own = contextOf(PERSON);
  care = contextOf(CLINICIAN);
});

/** The refusal a promise ends with. */
async function refusal(promise: Promise<unknown>): Promise<RecordError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof RecordError) return e;
    throw e;
  }
  throw new Error('expected a RecordError, but the operation succeeded');
}

async function assess(personId = PERSON, answers: object = ANSWERS) {
  return createAssessment(
    contextOf(personId),
    personId,
    parsed(parseBody(assessmentBody, { answers })),
  );
}

/** Invites and accepts: the person is linked to the clinician. */
async function link(personId = PERSON, clinicianId = CLINICIAN) {
  const made = await createInvitation(contextOf(clinicianId), clinicianId);
  return acceptInvitation(contextOf(personId), personId, made.code);
}

const checkin = (over: object = {}) =>
  parsed(
    parseBody(checkinBody, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
      ...over,
    }),
  );

const session = (exerciseId: string, entry: object = {}, over: object = {}) =>
  parsed(
    parseBody(sessionBody, {
      entries: [
        { exerciseId, done: {}, tooEasy: false, painSharper: false, painSpread: false, ...entry },
      ],
      ...over,
    }),
  );

const change = (body: object) => parsed(parseBody(programmeChangeBody, body));

/** The first exercise of the person's programme. */
async function firstItem(personId = PERSON) {
  const item = (await currentProgramme(contextOf(personId), personId)).items[0];
  if (!item) throw new Error('the fixture programme has exercises');
  return item;
}

describe('invitations', () => {
  it('makes an 8-character code shown as XXXX-XXXX, a link, and a 7-day expiry; only its hash is kept', async () => {
    const made = await createInvitation(care, CLINICIAN);
    const letter = `[${CODE_ALPHABET}]`;
    expect(made.code).toMatch(new RegExp(`^${letter}{4}-${letter}{4}$`));
    expect(made.code).not.toMatch(/[01OIL]/);
    expect(made.link).toBe(`/#/link/${made.code}`);
    expect(made.expiresAt).toBe('2026-11-09T09:00:00.000Z');
    const stored = await store.listInvitations(CLINICIAN);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(normaliseCode(made.code));
    expect((await listInvitations(care, CLINICIAN)).items).toEqual([
      { id: made.id, createdAt: clock.toISOString(), expiresAt: made.expiresAt, status: 'open' },
    ]);
  });

  it('reads the code however it is typed (case, spaces, dashes)', async () => {
    const made = await createInvitation(care, CLINICIAN);
    const typed = ` ${made.code.toLowerCase().replace('-', ' - ')} `;
    const preview = await previewInvitation(own, PERSON, typed);
    expect(preview.clinician).toEqual({
      name: 'Alex Morgan, physiotherapist',
      email: `${CLINICIAN}@example.org`,
    });
    expect(preview.willSee.length).toBeGreaterThan(0);
    expect(preview.mayChange.join(' ')).toContain('safety rules');
  });

  it('shows each status: used, cancelled, expired, open', async () => {
    const used = await createInvitation(care, CLINICIAN);
    await acceptInvitation(own, PERSON, used.code);
    const cancelled = await createInvitation(care, CLINICIAN);
    await cancelInvitation(care, CLINICIAN, cancelled.id);
    const expired = await createInvitation(care, CLINICIAN);
    clock = new Date('2026-11-05T09:00:00.000Z');
    const open = await createInvitation(care, CLINICIAN);
    clock = new Date('2026-11-09T09:00:00.000Z');
    const status = new Map(
      (await listInvitations(care, CLINICIAN)).items.map((i) => [i.id, i.status]),
    );
    expect(Object.fromEntries(status)).toEqual({
      [used.id]: 'used',
      [cancelled.id]: 'cancelled',
      [expired.id]: 'expired',
      [open.id]: 'open',
    });
  });

  it('refuses a person making an invitation, and a clinician accepting one', async () => {
    expect(await refusal(createInvitation(own, PERSON))).toMatchObject({
      kind: 'forbidden',
      code: 'not-a-clinician',
    });
    const made = await createInvitation(care, CLINICIAN);
    expect(await refusal(acceptInvitation(contextOf(OTHER), OTHER, made.code))).toMatchObject({
      kind: 'forbidden',
      code: 'clinician-account',
    });
  });

  it('cannot cancel a used or unknown invitation, nor another clinician’s', async () => {
    const made = await createInvitation(care, CLINICIAN);
    expect((await refusal(cancelInvitation(contextOf(OTHER), OTHER, made.id))).kind).toBe(
      'not-found',
    );
    await acceptInvitation(own, PERSON, made.code);
    expect((await refusal(cancelInvitation(care, CLINICIAN, made.id))).kind).toBe('not-found');
    expect((await refusal(cancelInvitation(care, CLINICIAN, 'nope'))).kind).toBe('not-found');
  });

  const unusableCases: [string, () => Promise<string>][] = [
    ['unknown', () => Promise.resolve('ABCD-EFGH')],
    [
      'used',
      async () => {
        const made = await createInvitation(care, CLINICIAN);
        await acceptInvitation(contextOf(PERSON2), PERSON2, made.code);
        return made.code;
      },
    ],
    [
      'withdrawn',
      async () => {
        const made = await createInvitation(care, CLINICIAN);
        await cancelInvitation(care, CLINICIAN, made.id);
        return made.code;
      },
    ],
    [
      'expired',
      async () => {
        const made = await createInvitation(care, CLINICIAN);
        clock = new Date('2026-11-09T09:00:00.000Z');
        return made.code;
      },
    ],
  ];
  it.each(unusableCases)(
    'answers a %s code invitation-unusable, to read or accept',
    async (_, make) => {
      const code = await make();
      for (const attempt of [
        previewInvitation(own, PERSON, code),
        acceptInvitation(own, PERSON, code),
      ]) {
        expect(await refusal(attempt)).toMatchObject({
          kind: 'not-found',
          code: 'invitation-unusable',
        });
      }
      expect(await store.listLinksOfPerson(PERSON)).toEqual([]);
    },
  );

  it('refuses a second active link to the same clinician (already-linked)', async () => {
    await link();
    const again = await createInvitation(care, CLINICIAN);
    expect(await refusal(acceptInvitation(own, PERSON, again.code))).toMatchObject({
      kind: 'conflict',
      code: 'already-linked',
    });
    // A person may link to more than one clinician.
    expect((await link(PERSON, OTHER)).status).toBe('active');
  });

  it('limits a person trying codes: 10 failed lookups an hour, then too-many-tries with a wait', async () => {
    const made = await createInvitation(care, CLINICIAN);
    // A right code does not count against the person.
    await previewInvitation(own, PERSON, made.code);
    for (let i = 0; i < 10; i++) {
      expect((await refusal(previewInvitation(own, PERSON, `WXYZ-${i}${i}${i}${i}`))).code).toBe(
        'invitation-unusable',
      );
    }
    clock = new Date('2026-11-02T09:10:00.000Z');
    const limited = await refusal(previewInvitation(own, PERSON, made.code));
    expect(limited).toMatchObject({ kind: 'limited', code: 'too-many-tries' });
    expect(limited.extra).toEqual({ retryAfterSeconds: 50 * 60 });
    expect((await refusal(acceptInvitation(own, PERSON, made.code))).code).toBe('too-many-tries');
    // Another person is not limited by it.
    expect((await previewInvitation(contextOf(PERSON2), PERSON2, made.code)).clinician.name).toBe(
      'Alex Morgan, physiotherapist',
    );
    // After the hour, the person may try again.
    clock = new Date('2026-11-02T10:00:00.000Z');
    expect((await acceptInvitation(own, PERSON, made.code)).status).toBe('active');
  });
});

describe('links', () => {
  it('lists the person’s links newest first, each with the clinician’s name', async () => {
    const first = await link();
    clock = new Date('2026-11-02T10:00:00.000Z');
    const second = await link(PERSON, OTHER);
    const { items } = await listLinks(own, PERSON);
    expect(items.map((l) => l.id)).toEqual([second.id, first.id]);
    expect(items[0]?.clinician).toEqual({
      id: OTHER,
      name: 'Sam Lee, physiotherapist',
      email: `${OTHER}@example.org`,
    });
    expect(items[1]).toMatchObject({
      status: 'active',
      clinician: { id: CLINICIAN, name: 'Alex Morgan, physiotherapist' },
      createdAt: '2026-11-02T09:00:00.000Z',
      endedAt: null,
      endedBy: null,
    });
  });

  it('ends a link from either side at once, saying who ended it', async () => {
    const a = await link();
    const b = await link(PERSON, OTHER);
    clock = new Date('2026-11-03T09:00:00.000Z');
    await endLink(own, PERSON, a.id);
    await endLinkByClinician(contextOf(OTHER), OTHER, PERSON);
    const byId = new Map((await listLinks(own, PERSON)).items.map((l) => [l.id, l]));
    expect(byId.get(a.id)).toMatchObject({
      status: 'ended',
      endedBy: 'person',
      endedAt: clock.toISOString(),
    });
    expect(byId.get(b.id)).toMatchObject({ status: 'ended', endedBy: 'clinician' });
    expect((await refusal(endLink(own, PERSON, a.id))).kind).toBe('not-found');
    expect((await refusal(endLinkByClinician(care, CLINICIAN, PERSON))).code).toBe('not-linked');
  });
});

/** Every clinician call about one person, to run against each state of the link. */
const personCalls: [
  string,
  (ctx: RecordContext, clinicianId: string, personId: string) => Promise<unknown>,
][] = [
  ['summary', personSummary],
  ['check-ins', personCheckins],
  ['sittings', personSittings],
  ['measurements', personMeasurements],
  ['outcomes', personOutcomes],
  ['versions', personVersions],
  ['progress', (c, cl, p) => personProgress(c, cl, p)],
  ['report', personReport],
  ['export', (c, cl, p) => personExport(c, cl, p, 'json')],
  [
    'change',
    (c, cl, p) =>
      changeProgramme(
        c,
        cl,
        p,
        change({
          basedOn: 1,
          changes: [{ op: 'note', exerciseId: 'abdominal-brace', note: 'Slowly' }],
        }),
      ),
  ],
  ['pause', (c, cl, p) => pauseProgramme(c, cl, p, { paused: true })],
  [
    'schedule',
    (c, cl, p) => scheduleOutcome(c, cl, p, { instrument: 'rmdq', dueDate: '2026-11-09' }),
  ],
  [
    'Oswestry total',
    (c, cl, p) =>
      enterOutcomeTotal(c, cl, p, { instrument: 'oswestry-total', total: 30, date: '2026-11-02' }),
  ],
  ['end link', endLinkByClinician],
];

describe('the access check: nothing without an active link', () => {
  const states: [string, () => Promise<void>][] = [
    ['never linked', async () => {}],
    [
      'only invited',
      async () => {
        await createInvitation(care, CLINICIAN);
      },
    ],
    [
      'ended by the person',
      async () => {
        const l = await link();
        await endLink(own, PERSON, l.id);
      },
    ],
    [
      'ended by the clinician',
      async () => {
        await link();
        await endLinkByClinician(care, CLINICIAN, PERSON);
      },
    ],
    [
      'linked to another clinician only',
      async () => {
        await link(PERSON, OTHER);
      },
    ],
  ];
  it.each(states)(
    'refuses every call alike when %s, and writes nothing on the person’s trail',
    async (_, arrange) => {
      await assess();
      await arrange();
      const trail = (await store.listAudit(PERSON, { limit: 500 })).items.length;
      for (const [name, call] of personCalls) {
        const err = await refusal(call(care, CLINICIAN, PERSON));
        expect({ name, kind: err.kind, code: err.code, detail: err.detail }).toEqual({
          name,
          kind: 'not-found',
          code: 'not-linked',
          detail: 'You can see a person’s record only while they have an active link to you.',
        });
      }
      expect((await store.listAudit(PERSON, { limit: 500 })).items).toHaveLength(trail);
      expect((await caseload(care, CLINICIAN)).items).toEqual([]);
    },
  );

  it('answers an unknown person as not-linked too, so no account’s existence leaks', async () => {
    for (const [, call] of personCalls) {
      expect((await refusal(call(care, CLINICIAN, 'nobody-0001'))).code).toBe('not-linked');
    }
  });

  it('refuses the very next call once the person ends the link', async () => {
    await assess();
    const l = await link();
    expect((await personCheckins(care, CLINICIAN, PERSON)).items).toEqual([]);
    await endLink(own, PERSON, l.id);
    for (const [, call] of personCalls) {
      expect((await refusal(call(care, CLINICIAN, PERSON))).code).toBe('not-linked');
    }
  });
});

describe('the person’s audit trail', () => {
  it('gets one row by the clinician for every clinician call, in the person’s transaction', async () => {
    await assess();
    await link();
    for (const [name, call] of personCalls) {
      const before = (await store.listAudit(PERSON, { limit: 500 })).items.length;
      await call(care, CLINICIAN, PERSON).catch((e: unknown) => {
        // A refusal by the record's rules is an access too; only the link check writes nothing.
        if (!(e instanceof RecordError) || e.code === 'not-linked') throw e;
      });
      const rows = (await store.listAudit(PERSON, { limit: 500 })).items;
      expect({ name, rows: rows.length - before }).toEqual({ name, rows: 1 });
      expect(rows[0]).toMatchObject({
        actor: CLINICIAN,
        credentialKind: 'session',
        credentialId: `cred-${CLINICIAN}`,
        address: '192.0.2.1',
      });
    }
  });

  it('also writes the list’s read of each linked person', async () => {
    await link();
    await link(PERSON2);
    await caseload(care, CLINICIAN);
    for (const p of [PERSON, PERSON2]) {
      expect((await store.listAudit(p, { limit: 5 })).items[0]).toMatchObject({
        actor: CLINICIAN,
        action: 'read',
        resource: '/api/clinician/people',
      });
    }
  });

  it('keeps a refused change as a refused row', async () => {
    await assess();
    await link();
    await refusal(
      changeProgramme(
        care,
        CLINICIAN,
        PERSON,
        change({ basedOn: 7, changes: [{ op: 'remove', exerciseId: 'x' }] }),
      ),
    );
    expect((await store.listAudit(PERSON, { limit: 1 })).items[0]).toMatchObject({
      actor: CLINICIAN,
      action: 'update',
      outcome: 'refused',
    });
  });

  it('reads to the person in plain words, naming the clinician, newest first', async () => {
    await assess();
    await link();
    await personSummary(care, CLINICIAN, PERSON);
    clock = new Date('2026-11-02T09:01:00.000Z');
    await personCheckins(care, CLINICIAN, PERSON);
    clock = new Date('2026-11-02T09:02:00.000Z');
    const { number } = { number: 1 };
    const item = await firstItem();
    await changeProgramme(
      care,
      CLINICIAN,
      PERSON,
      change({
        basedOn: number,
        changes: [{ op: 'note', exerciseId: item.exerciseId, note: 'Breathe out' }],
      }),
    );
    clock = new Date('2026-11-02T09:03:00.000Z');
    await personExport(care, CLINICIAN, PERSON, 'fhir');
    const log = await accessLog(own, PERSON, { limit: 10 });
    expect(log.items.map((i) => [i.action, i.what])).toEqual([
      ['export', 'your whole record (a FHIR copy)'],
      ['update', 'your programme (changed)'],
      ['read', 'your check-ins'],
      ['read', 'your assessment and programme'],
    ]);
    expect(log.items[0]?.who).toEqual({
      id: CLINICIAN,
      name: 'Alex Morgan, physiotherapist',
      role: 'clinician',
    });
    // The person's own acts are not in it.
    expect(log.items.some((i) => i.who.id === PERSON)).toBe(false);
    await store.deleteUser(CLINICIAN);
    expect((await accessLog(own, PERSON, { limit: 1 })).items[0]?.who.name).toBe(LEFT_CLINICIAN);
  });
});

describe('changing the programme', () => {
  beforeEach(async () => {
    await assess();
    await link();
  });

  it('makes version 2 on the first change (storing the engine’s as 1), and the person sees it before the next sitting', async () => {
    const item = await firstItem();
    const version = await changeProgramme(
      care,
      CLINICIAN,
      PERSON,
      change({
        basedOn: 1,
        note: 'A little more each time',
        changes: [
          { op: 'dose', exerciseId: item.exerciseId, timesPerDay: item.timesPerDay },
          { op: 'note', exerciseId: item.exerciseId, note: 'Keep your back flat' },
        ],
      }),
    );
    expect(version).toMatchObject({
      number: 2,
      author: { id: CLINICIAN, name: 'Alex Morgan, physiotherapist', role: 'clinician' },
      note: 'A little more each time',
      seenAt: null,
    });
    expect(version.changes.map((c) => [c.op, c.exerciseId])).toEqual([
      ['dose', item.exerciseId],
      ['note', item.exerciseId],
    ]);
    const programme = await currentProgramme(own, PERSON);
    expect(programme.items[0]?.note).toBe('Keep your back flat');

    const history = await personVersions(care, CLINICIAN, PERSON);
    expect(history.items.map((v) => [v.number, v.author.role, v.seenAt === null])).toEqual([
      [2, 'clinician', true],
      [1, 'engine', false],
    ]);
    expect((await personSummary(care, CLINICIAN, PERSON)).versionNumber).toBe(2);

    const day = await todayView(own, PERSON);
    expect(day.programmeNews?.versions.map((v) => v.number)).toEqual([2]);
    expect(day.sessionAllowed).toBe(true);
    await markVersionsSeen(own, PERSON, 2);
    expect((await todayView(own, PERSON)).programmeNews).toBeNull();
    expect((await listOwnVersions(own, PERSON)).items[0]?.seenAt).toBe(clock.toISOString());
  });

  it('shows the engine’s version 1 before any change', async () => {
    expect((await listOwnVersions(own, PERSON)).items).toMatchObject([
      { number: 1, author: { role: 'engine', id: null }, changes: [] },
    ]);
    expect((await todayView(own, PERSON)).programmeNews).toBeNull();
  });

  it('refuses a change based on an older version (version-changed) and applies nothing', async () => {
    const item = await firstItem();
    const note = { op: 'note', exerciseId: item.exerciseId, note: 'One' };
    await changeProgramme(care, CLINICIAN, PERSON, change({ basedOn: 1, changes: [note] }));
    const before = await currentProgramme(own, PERSON);
    const err = await refusal(
      changeProgramme(
        care,
        CLINICIAN,
        PERSON,
        change({ basedOn: 1, changes: [{ ...note, note: 'Two' }] }),
      ),
    );
    expect(err).toMatchObject({
      kind: 'conflict',
      code: 'version-changed',
      extra: { versionNumber: 2 },
    });
    expect(await currentProgramme(own, PERSON)).toEqual(before);
  });

  it('refuses a forbidden exercise naming the rule, and an out-of-range dose, applying nothing', async () => {
    const programme = await currentProgramme(own, PERSON);
    const latest = await store.latestAssessment(PERSON);
    const rules = (await store.getCurrentProgramme(PERSON))?.programme;
    if (!latest || !rules) throw new Error('assessed');
    const inPlan = new Set<string>(programme.items.map((i) => i.exerciseId));
    const forbidden = knowledgeBase.exercises.find(
      (ex) =>
        !inPlan.has(ex.id) &&
        refusalOf(
          ex,
          rules,
          { backOff: null, dropped: [] },
          activeExclusions(latest.answers),
          knowledgeBase,
        ) !== null,
    );
    if (!forbidden) throw new Error('the fixture has an exercise its rules forbid');
    const expected = refusalOf(
      forbidden,
      rules,
      { backOff: null, dropped: [] },
      activeExclusions(latest.answers),
      knowledgeBase,
    );
    const item = await firstItem();
    const err = await refusal(
      changeProgramme(
        care,
        CLINICIAN,
        PERSON,
        change({
          basedOn: 1,
          changes: [
            { op: 'note', exerciseId: item.exerciseId, note: 'Fine on its own' },
            { op: 'add', exerciseId: forbidden.id },
            { op: 'dose', exerciseId: item.exerciseId, dosage: { amount: 999 } },
            { op: 'remove', exerciseId: 'no-such-exercise' },
          ],
        }),
      ),
    );
    expect(err).toMatchObject({ kind: 'refused', code: 'change-refused' });
    const refusals = err.extra.refusals as { index: number; rule: string; text: string }[];
    expect(refusals.map((r) => [r.index, r.rule])).toEqual([
      [1, expected?.rule],
      [2, 'dose-range'],
      [3, 'unknown-exercise'],
    ]);
    expect(refusals[0]?.text).toBe(expected?.text);
    expect(err.detail).toContain(expected?.text);
    expect(await currentProgramme(own, PERSON)).toEqual(programme);
    expect((await listOwnVersions(own, PERSON)).items).toHaveLength(1);
  });

  it('refuses any change while a warning sign pauses the programme (warning-pause)', async () => {
    await addCheckin(
      own,
      PERSON,
      checkin({ warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true } }),
    );
    const item = await firstItem();
    const err = await refusal(
      changeProgramme(
        care,
        CLINICIAN,
        PERSON,
        change({ basedOn: 1, changes: [{ op: 'remove', exerciseId: item.exerciseId }] }),
      ),
    );
    expect(err.code).toBe('change-refused');
    expect((err.extra.refusals as { rule: string }[]).map((r) => r.rule)).toEqual([
      'warning-pause',
    ]);
  });

  it('refuses a change without a programme (no-programme)', async () => {
    await link(PERSON2);
    expect(
      (
        await refusal(
          changeProgramme(
            care,
            CLINICIAN,
            PERSON2,
            change({ basedOn: 1, changes: [{ op: 'remove', exerciseId: 'x' }] }),
          ),
        )
      ).code,
    ).toBe('no-programme');
  });

  it('brings the clinician’s programme back, not the engine’s rebuild, when a back-off ends', async () => {
    const items = (await currentProgramme(own, PERSON)).items;
    const exercise = (id: string) => knowledgeBase.exercises.find((ex) => ex.id === id);
    // One that stays through a back-off (gentle, no nerve tension), and another the clinician removes.
    const gentle = items.find((i) => {
      const ex = exercise(i.exerciseId);
      return ex?.gentle === true && !ex.nerveTension;
    });
    const removed = items.find((i) => i !== gentle);
    // The stop rules drop the exercise in which pain spread: a third one.
    const spreadIn = items.find((i) => i !== gentle && i !== removed);
    if (!gentle || !removed || !spreadIn) {
      throw new Error('the fixture programme has a gentle exercise and two others');
    }
    await changeProgramme(
      care,
      CLINICIAN,
      PERSON,
      change({
        basedOn: 1,
        changes: [
          { op: 'note', exerciseId: gentle.exerciseId, note: 'Mine' },
          { op: 'remove', exerciseId: removed.exerciseId },
        ],
      }),
    );
    // Pain spreads in a sitting: backing off until the leg settles.
    await logSession(
      own,
      PERSON,
      session(spreadIn.exerciseId, { painSpread: true }, { date: '2026-11-02' }),
    );
    expect((await currentProgramme(own, PERSON)).backOff?.reason).toBe('spread');
    let settled = false;
    for (let d = 3; d <= 20 && !settled; d++) {
      const date = `2026-11-${String(d).padStart(2, '0')}`;
      clock = new Date(`${date}T09:00:00.000Z`);
      settled = (await addCheckin(own, PERSON, checkin({ date }))).backOffEnded;
    }
    expect(settled).toBe(true);
    const after = await currentProgramme(own, PERSON);
    expect(after.backOff).toBeNull();
    expect(after.items.find((i) => i.exerciseId === gentle.exerciseId)?.note).toBe('Mine');
    expect(after.items.map((i) => i.exerciseId)).not.toContain(removed.exerciseId);
  });
});

describe('pausing', () => {
  beforeEach(async () => {
    await assess();
    await link();
  });

  it('blocks sittings until the clinician resumes, whatever the check-ins say', async () => {
    const item = await firstItem();
    const paused = await pauseProgramme(care, CLINICIAN, PERSON, {
      paused: true,
      note: 'Wait for our call',
    });
    expect(paused).toMatchObject({
      number: 2,
      note: 'Wait for our call',
      changes: [{ op: 'pause', exerciseId: null }],
    });
    let day = await todayView(own, PERSON);
    expect(day).toMatchObject({ sessionAllowed: false, blockedBy: 'paused', warning: null });
    expect(day.clinicianPause).toMatchObject({
      by: CLINICIAN,
      name: 'Alex Morgan, physiotherapist',
      note: 'Wait for our call',
    });
    expect((await currentProgramme(own, PERSON)).clinicianPause?.since).toBe(clock.toISOString());

    const err = await refusal(logSession(own, PERSON, session(item.exerciseId)));
    expect(err).toMatchObject({ code: 'programme-paused' });
    expect(err.detail).toContain('Alex Morgan, physiotherapist paused your programme');
    expect(err.detail).toContain('Wait for our call');

    await addCheckin(own, PERSON, checkin());
    expect((await todayView(own, PERSON)).blockedBy).toBe('paused');

    expect((await refusal(pauseProgramme(care, CLINICIAN, PERSON, { paused: true }))).code).toBe(
      'already-paused',
    );
    await pauseProgramme(care, CLINICIAN, PERSON, { paused: false });
    day = await todayView(own, PERSON);
    expect(day).toMatchObject({ sessionAllowed: true, blockedBy: null, clinicianPause: null });
    expect((await refusal(pauseProgramme(care, CLINICIAN, PERSON, { paused: false }))).code).toBe(
      'not-paused',
    );
    expect((await logSession(own, PERSON, session(item.exerciseId))).duplicate).toBe(false);
  });

  it('outlasts a new assessment', async () => {
    await pauseProgramme(care, CLINICIAN, PERSON, { paused: true });
    await assess();
    expect((await todayView(own, PERSON)).blockedBy).toBe('paused');
    expect((await currentProgramme(own, PERSON)).paused).toBe(true);
  });

  it('never lifts a pause a warning sign set', async () => {
    await pauseProgramme(care, CLINICIAN, PERSON, { paused: true });
    await addCheckin(
      own,
      PERSON,
      checkin({ warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true } }),
    );
    await pauseProgramme(care, CLINICIAN, PERSON, { paused: false });
    const programme = await currentProgramme(own, PERSON);
    expect(programme).toMatchObject({ paused: true, clinicianPause: null });
    expect(programme.pausedBy?.level).toBe('emergency');
    expect((await todayView(own, PERSON)).blockedBy).toBe('paused');
  });
});

describe('outcome measures', () => {
  beforeEach(async () => {
    await link();
  });

  it('scores the person’s answers, with the change since their first score on the instrument', async () => {
    const ticked = (n: number) => Array.from({ length: 24 }, (_, i) => i < n);
    const first = await addOwnOutcome(own, PERSON, {
      answers: { instrument: 'rmdq', ticked: ticked(12) },
      date: '2026-11-02',
    });
    expect(first).toMatchObject({
      score: 12,
      range: { min: 0, max: 24 },
      change: null,
      enteredBy: PERSON,
    });
    const later = await addOwnOutcome(own, PERSON, {
      answers: { instrument: 'rmdq', ticked: ticked(7) },
      date: '2026-11-20',
    });
    expect(later.change).toEqual({ change: -5, important: true, direction: 'better' });
    const seen = await personOutcomes(care, CLINICIAN, PERSON);
    expect(seen.items.map((o) => o.score)).toEqual([12, 7]);
  });

  it('closes the schedule entry the answers name', async () => {
    const due = await scheduleOutcome(care, CLINICIAN, PERSON, {
      instrument: 'pain-nrs',
      dueDate: '2026-11-09',
    });
    expect((await listOwnOutcomes(own, PERSON)).due).toEqual([due]);
    expect(
      await refusal(
        addOwnOutcome(own, PERSON, {
          answers: { instrument: 'global-rating-of-change', value: 1 },
          scheduleId: due.id,
        }),
      ),
    ).toMatchObject({ kind: 'invalid' });
    await addOwnOutcome(own, PERSON, {
      answers: { instrument: 'pain-nrs', value: 4 },
      scheduleId: due.id,
    });
    expect((await listOwnOutcomes(own, PERSON)).due).toEqual([]);
    expect(
      (
        await refusal(
          addOwnOutcome(own, PERSON, {
            answers: { instrument: 'pain-nrs', value: 4 },
            scheduleId: due.id,
          }),
        )
      ).kind,
    ).toBe('not-found');
  });

  it('stores an answer sent twice once', async () => {
    const body = {
      answers: { instrument: 'pain-nrs' as const, value: 4 },
      clientId: 'outcome-0001',
    };
    const a = await addOwnOutcome(own, PERSON, body);
    const b = await addOwnOutcome(own, PERSON, body);
    expect(b.id).toBe(a.id);
    expect(await store.allOutcomes(PERSON)).toHaveLength(1);
  });

  it('keeps the Oswestry total to the clinician, and the other measures to the person', async () => {
    expect(
      await refusal(
        addOwnOutcome(own, PERSON, { answers: { instrument: 'oswestry-total', total: 40 } }),
      ),
    ).toMatchObject({ kind: 'forbidden', code: 'clinician-only' });
    const total = await enterOutcomeTotal(care, CLINICIAN, PERSON, {
      instrument: 'oswestry-total',
      total: 40,
      date: '2026-11-02',
    });
    expect(total).toMatchObject({ score: 40, enteredBy: CLINICIAN, range: { min: 0, max: 100 } });
    expect(
      (
        await refusal(
          scheduleOutcome(care, CLINICIAN, PERSON, {
            instrument: 'oswestry-total',
            dueDate: '2026-11-09',
          }),
        )
      ).kind,
    ).toBe('forbidden');
    const wrong = { instrument: 'rmdq', total: 3, date: '2026-11-02' } as unknown as Parameters<
      typeof enterOutcomeTotal
    >[3];
    expect((await refusal(enterOutcomeTotal(care, CLINICIAN, PERSON, wrong))).kind).toBe(
      'forbidden',
    );
  });
});

describe('the clinician’s list', () => {
  it('puts a new warning sign first with its advice, and drops it once the clinician has looked', async () => {
    await assess(PERSON);
    await assess(PERSON2);
    await link(PERSON);
    await link(PERSON2);
    clock = new Date('2026-11-03T09:00:00.000Z');
    await addCheckin(own, PERSON, checkin({ date: '2026-11-03', painNow: 5 }));
    await addCheckin(
      contextOf(PERSON2),
      PERSON2,
      checkin({ date: '2026-11-03', warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true } }),
    );
    await addMeasurement(own, PERSON, {
      kind: 'slr-angle',
      side: 'left',
      value: 60,
      date: '2026-11-03',
    });
    let rows = (await caseload(care, CLINICIAN)).items;
    expect(rows.map((r) => [r.personId, r.need.kind])).toEqual([
      [PERSON2, 'warning'],
      // A programme since yesterday and no sitting yet.
      [PERSON, 'low-adherence'],
    ]);
    expect(rows[0]?.warning).toMatchObject({ level: 'emergency', since: clock.toISOString() });
    expect(rows[0]?.warning?.advice.length).toBeGreaterThan(0);
    expect(rows[1]).toMatchObject({
      pain: [{ date: '2026-11-03', value: 5 }],
      daysWithData30: 1,
      lastCheckin: '2026-11-03',
      lastViewedAt: null,
      email: `${PERSON}@example.org`,
    });

    clock = new Date('2026-11-03T10:00:00.000Z');
    const summary = await personSummary(care, CLINICIAN, PERSON2);
    expect(summary.need.kind).toBe('warning');
    expect(summary.warning?.level).toBe('emergency');
    expect(summary.programme?.paused).toBe(true);
    expect(summary.assessment?.contributors.every((c) => Array.isArray(c.icd10))).toBe(true);
    rows = (await caseload(care, CLINICIAN)).items;
    expect(rows.find((r) => r.personId === PERSON2)).toMatchObject({
      warning: null,
      lastViewedAt: clock.toISOString(),
    });
    expect(rows.find((r) => r.personId === PERSON2)?.need.kind).not.toBe('warning');
  });

  it('counts sittings done of planned over the last 7 days and shows people who have gone quiet', async () => {
    await assess();
    await link();
    const item = await firstItem();
    await logSession(own, PERSON, session(item.exerciseId, {}, { date: '2026-11-02' }));
    clock = new Date('2026-11-06T09:00:00.000Z');
    const [row] = (await caseload(care, CLINICIAN)).items;
    expect(row?.sittings.done).toBe(1);
    expect(row?.sittings.planned).toBeGreaterThanOrEqual(5);
    expect(row?.need.kind).toBe('quiet');
  });
});

describe('what the clinician reads', () => {
  it('answers each read from the person’s record', async () => {
    await assess();
    await link();
    const item = await firstItem();
    await addCheckin(own, PERSON, checkin());
    await logSession(own, PERSON, session(item.exerciseId, { painSharper: true }));
    await addMeasurement(own, PERSON, { kind: 'slr-angle', side: 'right', value: 55 });
    expect((await personCheckins(care, CLINICIAN, PERSON)).items).toHaveLength(1);
    const sittings = (await personSittings(care, CLINICIAN, PERSON)).items;
    expect(sittings).toHaveLength(1);
    expect(sittings[0]?.entries[0]).toMatchObject({
      exerciseId: item.exerciseId,
      painSharper: true,
    });
    expect((await personMeasurements(care, CLINICIAN, PERSON)).items[0]).toMatchObject({
      side: 'right',
      value: 55,
    });
    expect((await personProgress(care, CLINICIAN, PERSON)).pain).toHaveLength(1);
    const report = await personReport(care, CLINICIAN, PERSON);
    expect(report.assessment?.id).toBe((await store.latestAssessment(PERSON))?.id);
    expect(report.programme?.items.length).toBeGreaterThan(0);
    const exported = await personExport(care, CLINICIAN, PERSON, 'csv');
    expect(exported.format).toBe('csv');
  });
});
