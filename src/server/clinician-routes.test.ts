// The clinician side over HTTP (docs/clinician.md): sign-up of both roles (open and by code), invitations,
// links, the clinician's list and one person's record, programme changes (accepted, refused with the rule
// named, based on an old version), pause, outcome measures, what the person sees, and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { knowledgeBase } from '../kb/index.js';
import { createMemoryStore } from '../store/memory.js';
import type { Store } from '../store/types.js';
import {
  ANSWERS,
  call,
  cookieOf,
  json,
  NO_WARNING_SIGNS,
  signUp,
  type Caller,
} from '../../test/http.js';
import { buildApp, type ClinicianSignup } from './app.js';
import { clinicianCodeRecord } from './clinician-codes.js';

const PASSWORD = 'correct horse battery';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const clock = { now: new Date('2026-11-02T09:00:00.000Z') };

async function start(
  clinicianSignup?: ClinicianSignup,
): Promise<{ a: FastifyInstance; store: Store }> {
  clock.now = new Date('2026-11-02T09:00:00.000Z');
  const store = createMemoryStore();
  app = await buildApp({
    store,
    kb: knowledgeBase,
    now: () => clock.now,
    ...(clinicianSignup ? { clinicianSignup } : {}),
  });
  return { a: app, store };
}

function signup(a: FastifyInstance, body: Record<string, unknown>) {
  return call(a, 'POST', '/api/auth/signup', {}, { password: PASSWORD, ...body });
}

async function clinician(a: FastifyInstance, email: string, name: string): Promise<Caller> {
  const res = await signup(a, { email, role: 'clinician', displayName: name });
  expect(res.statusCode, res.body).toBe(201);
  return { cookie: cookieOf(res) };
}

const CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

interface Problem {
  type: string;
  status: number;
  errors?: { path: string }[];
  refusals?: { index: number; exerciseId: string | null; rule: string; text: string }[];
}

describe('sign-up and roles', () => {
  it('makes a person by default and a clinician with the name people see', async () => {
    const { a } = await start();
    const person = await signup(a, { email: 'ana@example.org' });
    expect(person.statusCode).toBe(201);
    expect(json(person)).toMatchObject({ role: 'person', displayName: null });

    const nameless = await signup(a, { email: 'cora@example.org', role: 'clinician' });
    expect(nameless.statusCode).toBe(400);
    expect(json<Problem>(nameless).errors?.map((e) => e.path)).toStrictEqual(['displayName']);
    const tooLong = await signup(a, {
      email: 'cora@example.org',
      role: 'clinician',
      displayName: 'x'.repeat(81),
    });
    expect(json<Problem>(tooLong).errors?.map((e) => e.path)).toStrictEqual(['displayName']);

    const made = await signup(a, {
      email: 'cora@example.org',
      role: 'clinician',
      displayName: '  Cora Lind, physiotherapist  ',
    });
    expect(made.statusCode).toBe(201);
    expect(json(made)).toMatchObject({
      role: 'clinician',
      displayName: 'Cora Lind, physiotherapist',
    });
    const me = json(await call(a, 'GET', '/api/me', { cookie: cookieOf(made) }));
    expect(me).toMatchObject({ role: 'clinician', displayName: 'Cora Lind, physiotherapist' });
    const login = await call(
      a,
      'POST',
      '/api/auth/login',
      {},
      { email: 'cora@example.org', password: PASSWORD },
    );
    expect(json(login)).toMatchObject({ role: 'clinician' });
    expect(json(await call(a, 'GET', '/api/config'))).toStrictEqual({ clinicianSignup: 'open' });
  });

  it('a person account takes no display name or clinician code', async () => {
    const { a } = await start();
    const res = await signup(a, { email: 'ana@example.org', displayName: 'Ana' });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors?.map((e) => e.path)).toStrictEqual(['displayName']);
  });

  it('with --clinician-signup code, a clinician needs a single-use code that has not expired', async () => {
    const { a, store } = await start('code');
    expect(json(await call(a, 'GET', '/api/config'))).toStrictEqual({ clinicianSignup: 'code' });
    const body = { email: 'cora@example.org', role: 'clinician', displayName: 'Cora' };
    const without = await signup(a, body);
    expect(without.statusCode).toBe(400);
    expect(json<Problem>(without).errors?.map((e) => e.path)).toStrictEqual(['clinicianCode']);
    const wrong = await signup(a, { ...body, clinicianCode: 'AAAA-BBBB-CCCC' });
    expect(wrong.statusCode).toBe(400);
    expect(json<Problem>(wrong).errors?.map((e) => e.path)).toStrictEqual(['clinicianCode']);

    const fresh = clinicianCodeRecord(clock.now);
    await store.addClinicianCode(fresh.record);
    // Typed in lower case without the dashes, it still counts.
    const typed = fresh.code.toLowerCase().replaceAll('-', '');
    const made = await signup(a, { ...body, clinicianCode: typed });
    expect(made.statusCode, made.body).toBe(201);
    // Used up: it makes one account only.
    const again = await signup(a, { ...body, email: 'dan@example.org', clinicianCode: fresh.code });
    expect(again.statusCode).toBe(400);
    expect(json<Problem>(again).errors?.map((e) => e.path)).toStrictEqual(['clinicianCode']);

    const old = clinicianCodeRecord(new Date(clock.now.getTime() - 15 * 86_400_000));
    await store.addClinicianCode(old.record);
    const expired = await signup(a, {
      ...body,
      email: 'eve@example.org',
      clinicianCode: old.code,
    });
    expect(expired.statusCode).toBe(400);

    // People sign up as before.
    expect((await signup(a, { email: 'ana@example.org' })).statusCode).toBe(201);
  });
});

describe('the clinician loop over HTTP', () => {
  it('invite, accept, follow, change, pause, measure, and end', async () => {
    const { a } = await start();
    const ana = await signUp(a, 'ana@example.org');
    const anaId = json<{ id: string }>(await call(a, 'GET', '/api/me', ana)).id;
    expect((await call(a, 'POST', '/api/assessments', ana, { answers: ANSWERS })).statusCode).toBe(
      201,
    );
    const cora = await clinician(a, 'cora@example.org', 'Cora Lind, physiotherapist');

    // The invitation: a code shown once, a link holding it, valid 7 days.
    const invitation = await call(a, 'POST', '/api/clinician/invitations', cora);
    expect(invitation.statusCode).toBe(201);
    const inv = json<{ id: string; code: string; link: string; expiresAt: string }>(invitation);
    expect(inv.code).toMatch(CODE);
    expect(inv.link).toBe(`/#/link/${inv.code}`);
    expect(Date.parse(inv.expiresAt) - clock.now.getTime()).toBe(7 * 86_400_000);
    const listed = json<{ items: { id: string; status: string }[] }>(
      await call(a, 'GET', '/api/clinician/invitations', cora),
    );
    expect(listed.items).toMatchObject([{ id: inv.id, status: 'open' }]);
    expect(JSON.stringify(listed)).not.toContain(inv.code);

    // Before accepting, nothing: the clinician is refused as for anyone never linked.
    const before = await call(a, 'GET', `/api/clinician/people/${anaId}`, cora);
    expect(before.statusCode).toBe(404);
    expect(json<Problem>(before).type).toMatch(/not-linked$/);

    // The person reads who will see what, typed any way, then accepts.
    const preview = await call(
      a,
      'GET',
      `/api/invitations/${inv.code.toLowerCase().replace('-', '')}`,
      ana,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    const shown = json<{ clinician: { name: string; email: string }; willSee: string[] }>(preview);
    expect(shown.clinician).toStrictEqual({
      name: 'Cora Lind, physiotherapist',
      email: 'cora@example.org',
    });
    expect(shown.willSee.length).toBeGreaterThan(0);
    const accepted = await call(a, 'POST', `/api/invitations/${inv.code}/accept`, ana);
    expect(accepted.statusCode, accepted.body).toBe(201);
    const link = json<{ id: string; status: string; clinician: { name: string } }>(accepted);
    expect(link).toMatchObject({
      status: 'active',
      clinician: { name: 'Cora Lind, physiotherapist' },
    });
    // Single use; and one active link per clinician.
    const reused = await call(a, 'POST', `/api/invitations/${inv.code}/accept`, ana);
    expect(reused.statusCode).toBe(404);
    expect(json<Problem>(reused).type).toMatch(/invitation-unusable$/);
    const second = json<{ code: string }>(
      await call(a, 'POST', '/api/clinician/invitations', cora),
    );
    const twice = await call(a, 'POST', `/api/invitations/${second.code}/accept`, ana);
    expect(twice.statusCode).toBe(409);
    expect(json<Problem>(twice).type).toMatch(/already-linked$/);
    expect(
      json<{ items: { id: string; status: string }[] }>(await call(a, 'GET', '/api/links', ana))
        .items,
    ).toMatchObject([{ id: link.id, status: 'active' }]);

    // The person's week, then the clinician's list and the record.
    const checkin = await call(a, 'POST', '/api/checkins', ana, {
      painNow: 3,
      painAreas: ['lower-back'],
      legSide: 'none',
      warningSigns: NO_WARNING_SIGNS,
    });
    expect(checkin.statusCode).toBe(201);
    const people = json<{ items: { personId: string; email: string; need: { kind: string } }[] }>(
      await call(a, 'GET', '/api/clinician/people', cora),
    );
    expect(people.items.map((p) => [p.personId, p.email])).toStrictEqual([
      [anaId, 'ana@example.org'],
    ]);
    const summaryRes = await call(a, 'GET', `/api/clinician/people/${anaId}`, cora);
    expect(summaryRes.statusCode, summaryRes.body).toBe(200);
    const summary = json<{
      person: { id: string };
      versionNumber: number;
      programme: { items: { exerciseId: string; dosage: { amount: number } }[] };
    }>(summaryRes);
    expect(summary.person.id).toBe(anaId);
    expect(summary.versionNumber).toBe(1);
    const checkins = json<{ items: { painNow: number }[] }>(
      await call(a, 'GET', `/api/clinician/people/${anaId}/checkins`, cora),
    );
    expect(checkins.items.map((c) => c.painNow)).toStrictEqual([3]);

    // A change within the rules makes version 2.
    const changesUrl = `/api/clinician/people/${anaId}/programme/changes`;
    const changed = await call(a, 'POST', changesUrl, cora, {
      basedOn: 1,
      note: 'Hold the knee hug a little longer.',
      changes: [{ op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 45 } }],
    });
    expect(changed.statusCode, changed.body).toBe(201);
    const version = json<{
      version: {
        number: number;
        author: { name: string; role: string };
        changes: { op: string; exerciseId: string | null }[];
        note: string;
      };
    }>(changed).version;
    expect(version).toMatchObject({
      number: 2,
      author: { name: 'Cora Lind, physiotherapist', role: 'clinician' },
      changes: [{ op: 'dose', exerciseId: 'knee-to-chest' }],
      note: 'Hold the knee hug a little longer.',
    });
    const programme = json<{ items: { exerciseId: string; dosage: { amount: number } }[] }>(
      await call(a, 'GET', '/api/programme', ana),
    );
    expect(programme.items.find((i) => i.exerciseId === 'knee-to-chest')?.dosage.amount).toBe(45);

    // Refused: each change names its rule, and nothing is applied.
    const refused = await call(a, 'POST', changesUrl, cora, {
      basedOn: 2,
      changes: [
        { op: 'add', exerciseId: 'good-morning-modified' },
        { op: 'dose', exerciseId: 'glute-bridge', dosage: { amount: 40 } },
        { op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 50 } },
      ],
    });
    expect(refused.statusCode).toBe(422);
    const problem = json<Problem>(refused);
    expect(problem.type).toMatch(/change-refused$/);
    expect(problem.refusals?.map((r) => [r.index, r.exerciseId, r.rule])).toStrictEqual([
      [0, 'good-morning-modified', 'never-when'],
      [1, 'glute-bridge', 'dose-range'],
    ]);
    expect(problem.refusals?.every((r) => r.text.length > 0)).toBe(true);
    const unchanged = json<{ items: { exerciseId: string; dosage: { amount: number } }[] }>(
      await call(a, 'GET', '/api/programme', ana),
    );
    expect(unchanged).toStrictEqual(programme);

    // Based on an older version: refused, so a change is never made on what the clinician did not see.
    const stale = await call(a, 'POST', changesUrl, cora, {
      basedOn: 1,
      changes: [{ op: 'note', exerciseId: 'knee-to-chest', note: 'Slowly.' }],
    });
    expect(stale.statusCode).toBe(409);
    expect(json<Problem>(stale).type).toMatch(/version-changed$/);

    // The person sees the change and its note before their next sitting, and marks it seen.
    const today = json<{ programmeNews: { versions: { number: number; note: string }[] } | null }>(
      await call(a, 'GET', '/api/today', ana),
    );
    expect(today.programmeNews?.versions.map((v) => [v.number, v.note])).toStrictEqual([
      [2, 'Hold the knee hug a little longer.'],
    ]);
    const history = json<{ items: { number: number; author: { role: string } }[] }>(
      await call(a, 'GET', '/api/programme/versions', ana),
    );
    expect(history.items.map((v) => [v.number, v.author.role])).toStrictEqual([
      [2, 'clinician'],
      [1, 'engine'],
    ]);
    expect(
      (await call(a, 'POST', '/api/programme/versions/seen', ana, { upTo: 2 })).statusCode,
    ).toBe(204);
    expect(json(await call(a, 'GET', '/api/today', ana)).programmeNews).toBeNull();

    // A clinician's pause stops sittings until a clinician resumes.
    const pauseUrl = `/api/clinician/people/${anaId}/programme/pause`;
    const paused = await call(a, 'POST', pauseUrl, cora, { paused: true, note: 'Call me first.' });
    expect(paused.statusCode, paused.body).toBe(201);
    expect(json<{ version: { number: number } }>(paused).version.number).toBe(3);
    expect(json(await call(a, 'GET', '/api/today', ana))).toMatchObject({
      sessionAllowed: false,
      blockedBy: 'paused',
    });
    expect((await call(a, 'POST', pauseUrl, cora, { paused: false })).statusCode).toBe(201);
    expect(json(await call(a, 'GET', '/api/today', ana))).toMatchObject({ sessionAllowed: true });

    // Outcome measures: scheduled by the clinician, answered by the person; the Oswestry total is the clinician's.
    const scheduled = await call(
      a,
      'POST',
      `/api/clinician/people/${anaId}/outcomes/schedule`,
      cora,
      {
        instrument: 'rmdq',
        dueDate: '2026-11-03',
      },
    );
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const entry = json<{ id: string; instrument: string; done: boolean }>(scheduled);
    expect(entry).toMatchObject({ instrument: 'rmdq', done: false });
    const mine = json<{ due: { id: string }[] }>(await call(a, 'GET', '/api/outcomes', ana));
    expect(mine.due.map((d) => d.id)).toStrictEqual([entry.id]);
    const ticked = Array.from({ length: 24 }, (_, i) => i < 6);
    const answered = await call(a, 'POST', '/api/outcomes', ana, {
      answers: { instrument: 'rmdq', ticked },
      scheduleId: entry.id,
      date: '2026-11-03',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(json(answered)).toMatchObject({
      instrument: 'rmdq',
      score: 6,
      range: { min: 0, max: 24 },
    });
    expect(json<{ due: unknown[] }>(await call(a, 'GET', '/api/outcomes', ana)).due).toStrictEqual(
      [],
    );
    const oswestry = { answers: { instrument: 'oswestry-total', total: 30 }, date: '2026-11-03' };
    const ownOswestry = await call(a, 'POST', '/api/outcomes', ana, oswestry);
    expect(ownOswestry.statusCode).toBe(403);
    const total = await call(a, 'POST', `/api/clinician/people/${anaId}/outcomes`, cora, {
      instrument: 'oswestry-total',
      total: 30,
      date: '2026-11-03',
    });
    expect(total.statusCode, total.body).toBe(201);
    expect(json(total)).toMatchObject({ instrument: 'oswestry-total', score: 30 });
    const outcomes = json<{ items: { instrument: string; score: number }[] }>(
      await call(a, 'GET', `/api/clinician/people/${anaId}/outcomes`, cora),
    );
    expect(outcomes.items.map((o) => [o.instrument, o.score])).toStrictEqual([
      ['rmdq', 6],
      ['oswestry-total', 30],
    ]);

    // The person sees who looked at what, in words, by the clinician's name.
    const log = json<{
      items: { who: { id: string; name: string; role: string }; what: string }[];
    }>(await call(a, 'GET', '/api/access-log?limit=100', ana));
    const byCora = log.items.filter((i) => i.who.name === 'Cora Lind, physiotherapist');
    expect(byCora.length).toBeGreaterThan(5);
    expect(byCora.every((i) => i.who.role === 'clinician')).toBe(true);
    expect(byCora.some((i) => /check-ins/.test(i.what))).toBe(true);
    expect(byCora.some((i) => /programme/.test(i.what))).toBe(true);

    // The person ends the link: the clinician's very next request is refused.
    expect((await call(a, 'DELETE', `/api/links/${link.id}`, ana)).statusCode).toBe(204);
    const after = await call(a, 'GET', `/api/clinician/people/${anaId}/checkins`, cora);
    expect(after.statusCode).toBe(404);
    expect(json<Problem>(after).type).toMatch(/not-linked$/);
    expect(
      json<{ items: unknown[] }>(await call(a, 'GET', '/api/clinician/people', cora)).items,
    ).toStrictEqual([]);
    expect(
      json<{ items: { status: string; endedBy: string }[] }>(
        await call(a, 'GET', '/api/links', ana),
      ).items,
    ).toMatchObject([{ status: 'ended', endedBy: 'person' }]);
  });

  it('limits a person trying codes: 10 failed lookups an hour, then 429 with Retry-After', async () => {
    const { a } = await start();
    const ana = await signUp(a, 'ana@example.org');
    const cora = await clinician(a, 'cora@example.org', 'Cora');
    const good = json<{ code: string }>(await call(a, 'POST', '/api/clinician/invitations', cora));
    for (let i = 0; i < 10; i++) {
      const res = await call(a, 'GET', `/api/invitations/AAAA-AAA${String(i + 2)}`, ana);
      expect(res.statusCode).toBe(404);
      expect(json<Problem>(res).type).toMatch(/invitation-unusable$/);
    }
    const limited = await call(a, 'GET', `/api/invitations/${good.code}`, ana);
    expect(limited.statusCode).toBe(429);
    expect(json<Problem>(limited).type).toMatch(/too-many-tries$/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another person is not held back by ana's tries.
    const ben = await signUp(a, 'ben@example.org');
    expect((await call(a, 'GET', `/api/invitations/${good.code}`, ben)).statusCode).toBe(200);
  });

  it('the clinician can end the link from their side, and both see it ended', async () => {
    const { a } = await start();
    const ana = await signUp(a, 'ana@example.org');
    const anaId = json<{ id: string }>(await call(a, 'GET', '/api/me', ana)).id;
    const cora = await clinician(a, 'cora@example.org', 'Cora');
    const inv = json<{ id: string; code: string }>(
      await call(a, 'POST', '/api/clinician/invitations', cora),
    );
    expect((await call(a, 'POST', `/api/invitations/${inv.code}/accept`, ana)).statusCode).toBe(
      201,
    );
    expect((await call(a, 'DELETE', `/api/clinician/people/${anaId}`, cora)).statusCode).toBe(204);
    expect((await call(a, 'GET', `/api/clinician/people/${anaId}`, cora)).statusCode).toBe(404);
    expect(
      json<{ items: { status: string; endedBy: string }[] }>(
        await call(a, 'GET', '/api/links', ana),
      ).items,
    ).toMatchObject([{ status: 'ended', endedBy: 'clinician' }]);
    // A withdrawn invitation cannot be used.
    const withdrawn = json<{ id: string; code: string }>(
      await call(a, 'POST', '/api/clinician/invitations', cora),
    );
    expect(
      (await call(a, 'DELETE', `/api/clinician/invitations/${withdrawn.id}`, cora)).statusCode,
    ).toBe(204);
    expect((await call(a, 'GET', `/api/invitations/${withdrawn.code}`, ana)).statusCode).toBe(404);
    expect(
      json<{ items: { id: string; status: string }[] }>(
        await call(a, 'GET', '/api/clinician/invitations', cora),
      ).items.find((i) => i.id === withdrawn.id)?.status,
    ).toBe('cancelled');
  });
});

interface OpenApiSchema {
  type?: string;
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
}

describe('the OpenAPI document', () => {
  it('lists every clinician and link route, each answer with its fields described', async () => {
    const { a } = await start();
    const doc = json<{
      paths: Record<
        string,
        Record<
          string,
          { responses?: Record<string, { content?: Record<string, { schema: OpenApiSchema }> }> }
        >
      >;
    }>(await call(a, 'GET', '/api/openapi.json'));
    const expected = [
      'post /api/clinician/invitations',
      'get /api/clinician/invitations',
      'delete /api/clinician/invitations/{id}',
      'get /api/clinician/people',
      'get /api/clinician/people/{personId}',
      'delete /api/clinician/people/{personId}',
      'get /api/clinician/people/{personId}/checkins',
      'get /api/clinician/people/{personId}/sittings',
      'get /api/clinician/people/{personId}/measurements',
      'get /api/clinician/people/{personId}/outcomes',
      'get /api/clinician/people/{personId}/programme/versions',
      'get /api/clinician/people/{personId}/progress',
      'get /api/clinician/people/{personId}/report',
      'get /api/clinician/people/{personId}/export',
      'post /api/clinician/people/{personId}/programme/changes',
      'post /api/clinician/people/{personId}/programme/pause',
      'post /api/clinician/people/{personId}/outcomes/schedule',
      'post /api/clinician/people/{personId}/outcomes',
      'get /api/invitations/{code}',
      'post /api/invitations/{code}/accept',
      'get /api/links',
      'delete /api/links/{id}',
      'get /api/access-log',
      'get /api/outcomes',
      'post /api/outcomes',
      'get /api/programme/versions',
      'post /api/programme/versions/seen',
      'get /api/config',
    ];
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(listed.filter((r) => r.includes('/api/clinician/')).sort()).toStrictEqual(
      expected.filter((r) => r.includes('/api/clinician/')).sort(),
    );
    const vague: string[] = [];
    for (const route of expected) {
      const [method = '', path = ''] = route.split(' ');
      const op = doc.paths[path]?.[method];
      expect(op, route).toBeDefined();
      // No body (204) or a file (the export): nothing to describe field by field.
      if (method === 'delete' || route.endsWith('/seen') || route.endsWith('/export')) continue;
      const ok = Object.entries(op?.responses ?? {}).find(([status]) => status.startsWith('2'));
      const schema = ok?.[1].content?.['application/json']?.schema;
      if (!schema?.properties || Object.keys(schema.properties).length === 0) vague.push(route);
    }
    expect(vague).toStrictEqual([]);
  });
});
