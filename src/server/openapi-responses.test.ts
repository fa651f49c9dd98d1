// Every route's real answers against the OpenAPI document the server serves (GET /api/openapi.json): a day of a
// person's record and a clinician's work, each 2xx body checked with the document's own response schema, which
// allows no field it does not name and needs every field it marks required. No response is an untyped object.
// Error answers too: problems provoked on the way (invalid, unauthenticated, forbidden, not found, a conflict,
// a refused clinician change, a limit) each have their status and every member in the route's document.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ANSWERS,
  call,
  cookieOf,
  json,
  makeApp,
  NO_WARNING_SIGNS,
  signUp,
  type Caller,
  type TestApp,
} from '../../test/http.js';

type JsonSchema = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** One answer the app gave: the route as the document names it, its status, content type and body. */
interface Answer {
  route: string;
  status: number;
  type: string;
  body: string;
}

/** Routes whose answers are not JSON described field by field: the document itself, the FHIR Questionnaire, downloads. */
const NOT_JSON = new Set([
  'get /api/fhir/Questionnaire/intake',
  'get /api/export',
  'get /api/clinician/people/{personId}/export',
]);

let t: TestApp;
let app: FastifyInstance;
let doc: OpenApiDocument;
/** The successes, every route's at least once. */
const answers: Answer[] = [];
/** The problems provoked on purpose. */
const problems: Answer[] = [];

interface HitOptions {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends a request to a route named as the document names it (`{id}` filled from `params`); its answer. */
async function send(
  method: NonNullable<InjectOptions['method']>,
  path: string,
  who: Caller,
  options: HitOptions = {},
) {
  const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = options.params?.[name];
    if (value === undefined) throw new Error(`no ${name} for ${path}`);
    return value;
  });
  const res = await call(
    app,
    method,
    `${url}${options.query ?? ''}`,
    who,
    options.body,
    options.headers,
  );
  const answer: Answer = {
    route: `${method.toLowerCase()} ${path}`,
    status: res.statusCode,
    type: String(res.headers['content-type'] ?? ''),
    body: res.body,
  };
  return { res, answer };
}

/** Sends a request meant to succeed and keeps its answer. */
async function hit(...args: Parameters<typeof send>) {
  const { res, answer } = await send(...args);
  answers.push(answer);
  return res;
}

/** Sends a request meant to be refused and keeps its answer. */
async function provoke(...args: Parameters<typeof send>) {
  const { res, answer } = await send(...args);
  problems.push(answer);
  return res;
}

/** The media type of an answer, without its parameters. */
const mediaType = (type: string) => type.split(';')[0]?.trim() ?? '';

/** The document's schema for one route's answer with this status and media type, as a zod schema (null: no body). */
function documented(route: string, status: number, type = 'application/json'): z.ZodType | null {
  const [method = '', path = ''] = route.split(' ');
  const response = doc.paths[path]?.[method]?.responses?.[String(status)];
  if (!response) throw new Error(`${route} answered ${status}, which the document does not list`);
  const schema = response.content?.[type]?.schema;
  if (!schema && response.content !== undefined) {
    throw new Error(`${route} answered ${status} as ${type}, which the document does not list`);
  }
  return schema ? z.fromJSONSchema(schema, { defaultTarget: 'openapi-3.0' }) : null;
}

/** Where a response schema says nothing about a value: no type, an open object, a list of anything. */
function untyped(schema: unknown, at: string, out: string[]): string[] {
  if (typeof schema !== 'object' || schema === null) return out;
  const s = schema as JsonSchema;
  const composed = ['anyOf', 'oneOf', 'allOf'].find((k) => Array.isArray(s[k]));
  if (composed) {
    (s[composed] as unknown[]).forEach((part, i) => untyped(part, `${at}.${composed}[${i}]`, out));
    return out;
  }
  if (s.$ref !== undefined || s.enum !== undefined || s.const !== undefined) return out;
  if (s.type === undefined) out.push(`${at}: no type`);
  if (s.type === 'object') {
    const properties = (s.properties ?? {}) as Record<string, unknown>;
    const extra = s.additionalProperties;
    const typedExtra = typeof extra === 'object' && extra !== null && Object.keys(extra).length > 0;
    if (extra !== false && !typedExtra) {
      out.push(
        Object.keys(properties).length === 0
          ? `${at}: an object with no fields`
          : `${at}: an object open to any field`,
      );
    }
    for (const [name, value] of Object.entries(properties)) untyped(value, `${at}.${name}`, out);
    if (typedExtra) untyped(extra, `${at}.*`, out);
  }
  if (s.type === 'array') {
    if (s.items === undefined) out.push(`${at}: a list of anything`);
    else untyped(s.items, `${at}[]`, out);
  }
  return out;
}

const PASSWORD = 'correct horse battery';
const entry = (exerciseId: string, over: Record<string, unknown> = {}) => ({
  exerciseId,
  done: { sets: 1, reps: 8 },
  tooEasy: false,
  painSharper: false,
  painSpread: false,
  ...over,
});
const checkin = (over: Record<string, unknown> = {}) => ({
  painNow: 3,
  painAreas: ['lower-back'],
  legSide: 'none',
  warningSigns: NO_WARNING_SIGNS,
  sittingHours: 6,
  walkingBreaks: 4,
  ...over,
});

beforeAll(async () => {
  t = await makeApp();
  app = t.app;
  const day = (date: string) => {
    t.clock.now = new Date(`${date}T09:00:00.000Z`);
  };
  await hit('GET', '/api/health', {});
  await hit('GET', '/api/config', {});
  await hit('GET', '/api/fhir/Questionnaire/intake', {});

  // A person: account, tokens, an assessment (sent twice), and the programme built from it.
  const signup = await hit(
    'POST',
    '/api/auth/signup',
    {},
    {
      body: { email: 'ana@example.org', password: PASSWORD },
    },
  );
  const ana: Caller = { cookie: cookieOf(signup) };
  await hit(
    'POST',
    '/api/auth/login',
    {},
    { body: { email: 'ana@example.org', password: PASSWORD } },
  );
  await hit('GET', '/api/me', ana);
  const token = json<{ id: string }>(
    await hit('POST', '/api/auth/tokens', ana, { body: { name: 'Phone', scopes: ['read'] } }),
  );
  await hit('GET', '/api/auth/tokens', ana);
  await hit('DELETE', '/api/auth/tokens/{id}', ana, { params: { id: token.id } });
  const assessment = json<{ id: string }>(
    await hit('POST', '/api/assessments', ana, {
      body: { answers: { ...ANSWERS, startBack: START_BACK }, clientId: 'device-assess-0001' },
    }),
  );
  await hit('POST', '/api/assessments', ana, {
    body: { answers: { ...ANSWERS, startBack: START_BACK }, clientId: 'device-assess-0001' },
  });
  await hit('GET', '/api/assessments/{id}', ana, { params: { id: assessment.id } });
  await hit('GET', '/api/programme', ana);
  await hit('GET', '/api/today', ana, { query: '?date=2026-11-02' });

  // Refused: no credential, a field not valid, a body that is not JSON, an id not hers, a token out of scope.
  await provoke('GET', '/api/me', {});
  await provoke('POST', '/api/checkins', ana, { body: checkin({ painNow: 'lots' }) });
  await provoke('POST', '/api/measurements', ana, {
    body: '<value>7</value>',
    headers: { 'content-type': 'application/xml' },
  });
  await provoke('GET', '/api/assessments/{id}', ana, {
    params: { id: assessment.id.replace(/.$/, (c) => (c === '0' ? '1' : '0')) },
  });
  const reader = json<{ token: string }>(
    await call(app, 'POST', '/api/auth/tokens', ana, { name: 'Reader', scopes: ['read'] }),
  );
  await provoke('POST', '/api/checkins', { token: reader.token }, { body: checkin() });

  // A week: sittings (one too easy twice, so it progresses), check-ins, measurements.
  for (const [date, sitting] of [
    ['2026-11-02', 'sitting-0000000001'],
    ['2026-11-03', 'sitting-0000000002'],
  ] as const) {
    day(date);
    await hit('POST', '/api/sessions', ana, {
      body: {
        date,
        sittingId: sitting,
        clientId: `session-${sitting}`,
        entries: [
          entry('glute-bridge', { tooEasy: true }),
          entry('abdominal-brace', { felt: 'same' }),
        ],
      },
    });
    await hit('POST', '/api/checkins', ana, {
      body: checkin({ date, clientId: `checkin-${date}` }),
    });
    await hit('POST', '/api/measurements', ana, {
      body: { date, kind: 'slr-angle', side: 'left', value: 55, clientId: `slr-${date}-left` },
    });
  }
  await hit('POST', '/api/sessions', ana, {
    body: {
      date: '2026-11-03',
      sittingId: 'sitting-0000000002',
      clientId: 'session-sitting-0000000002',
      entries: [entry('glute-bridge')],
    },
  });
  await hit('POST', '/api/checkins', ana, {
    body: checkin({ date: '2026-11-03', clientId: 'checkin-2026-11-03' }),
  });
  await hit('POST', '/api/measurements', ana, {
    body: {
      date: '2026-11-03',
      kind: 'slr-angle',
      side: 'left',
      value: 55,
      clientId: 'slr-2026-11-03-left',
    },
  });
  await hit('POST', '/api/measurements', ana, {
    body: { date: '2026-11-03', kind: 'toe-touch', value: 12 },
  });

  // A clinician, an invitation the person reads and accepts, and a second one withdrawn.
  const coraSignup = await hit(
    'POST',
    '/api/auth/signup',
    {},
    {
      body: {
        email: 'cora@example.org',
        password: PASSWORD,
        role: 'clinician',
        displayName: 'Cora Lind',
      },
    },
  );
  const cora: Caller = { cookie: cookieOf(coraSignup) };
  // A clinician account holds no record of its own.
  await provoke('GET', '/api/programme', cora);
  const invitation = json<{ id: string; code: string }>(
    await hit('POST', '/api/clinician/invitations', cora),
  );
  const spare = json<{ id: string }>(await hit('POST', '/api/clinician/invitations', cora));
  await hit('DELETE', '/api/clinician/invitations/{id}', cora, { params: { id: spare.id } });
  await hit('GET', '/api/clinician/invitations', cora);
  await hit('GET', '/api/invitations/{code}', ana, { params: { code: invitation.code } });
  const link = json<{ id: string }>(
    await hit('POST', '/api/invitations/{code}/accept', ana, { params: { code: invitation.code } }),
  );
  const anaId = json<{ id: string }>(await call(app, 'GET', '/api/me', ana)).id;
  const person = { params: { personId: anaId } };

  // The clinician changes the programme (every kind of change), pauses and resumes it, and asks for a measure.
  await hit('GET', '/api/clinician/people/{personId}', cora, person);
  await hit('POST', '/api/clinician/people/{personId}/programme/changes', cora, {
    ...person,
    body: {
      basedOn: 1,
      note: 'Hold the knee hug a little longer.',
      changes: [
        { op: 'dose', exerciseId: 'knee-to-chest', dosage: { amount: 45 } },
        { op: 'note', exerciseId: 'knee-to-chest', note: 'Slowly.' },
        { op: 'remove', exerciseId: 'abdominal-brace' },
        { op: 'add', exerciseId: 'abdominal-brace' },
      ],
    },
  });
  await hit('POST', '/api/clinician/people/{personId}/programme/pause', cora, {
    ...person,
    body: { paused: true, note: 'Call me first.' },
  });
  await hit('GET', '/api/today', ana, { query: '?date=2026-11-03' });
  await hit('GET', '/api/programme', ana);
  await hit('POST', '/api/clinician/people/{personId}/programme/pause', cora, {
    ...person,
    body: { paused: false },
  });
  await hit('GET', '/api/today', ana, { query: '?date=2026-11-03' });
  await hit('GET', '/api/programme/versions', ana);
  await hit('POST', '/api/programme/versions/seen', ana, { body: { upTo: 4 } });
  const scheduled = json<{ id: string }>(
    await hit('POST', '/api/clinician/people/{personId}/outcomes/schedule', cora, {
      ...person,
      body: { instrument: 'rmdq', dueDate: '2026-11-03' },
    }),
  );
  await hit('GET', '/api/outcomes', ana);
  await hit('POST', '/api/outcomes', ana, {
    body: {
      answers: { instrument: 'rmdq', ticked: Array.from({ length: 24 }, (_, i) => i < 6) },
      scheduleId: scheduled.id,
      date: '2026-11-03',
    },
  });
  await hit('POST', '/api/outcomes', ana, {
    body: { answers: { instrument: 'pain-nrs', value: 4 }, date: '2026-11-02' },
  });
  await hit('POST', '/api/outcomes', ana, {
    body: { answers: { instrument: 'pain-nrs', value: 2 }, date: '2026-11-03' },
  });
  await hit('POST', '/api/clinician/people/{personId}/outcomes', cora, {
    ...person,
    body: { instrument: 'oswestry-total', total: 30, date: '2026-11-03' },
  });

  // Pain spreading down the leg in a stretch: the stop rules drop it, and the programme backs off.
  day('2026-11-04');
  await hit('POST', '/api/sessions', ana, {
    body: { date: '2026-11-04', entries: [entry('supine-hamstring-gentle', { painSpread: true })] },
  });
  await hit('POST', '/api/checkins', ana, {
    body: checkin({ date: '2026-11-04', painAreas: ['lower-back', 'buttock'], legSide: 'left' }),
  });
  await hit('GET', '/api/today', ana, { query: '?date=2026-11-04' });

  // Refused changes: one against an old version (409), and raised doses while backing off (422, each refusal
  // naming its rule, a dose above the lowest with that lowest dose).
  const changes = `/api/clinician/people/{personId}/programme/changes`;
  await provoke('POST', changes, cora, {
    ...person,
    body: { basedOn: 1, changes: [{ op: 'remove', exerciseId: 'knee-to-chest' }] },
  });
  const versions = json<{ items: { number: number }[] }>(
    await call(app, 'GET', `/api/clinician/people/${anaId}/programme/versions`, cora),
  );
  const current = json<{ items: { exerciseId: string; dosage: { amount: number } }[] }>(
    await call(app, 'GET', '/api/programme', ana),
  );
  await provoke('POST', changes, cora, {
    ...person,
    body: {
      basedOn: Math.max(...versions.items.map((v) => v.number)),
      changes: current.items.map((item) => ({
        op: 'dose',
        exerciseId: item.exerciseId,
        dosage: { amount: item.dosage.amount + 1 },
      })),
    },
  });

  // Everything the person and the clinician read.
  for (const path of [
    '/api/assessments',
    '/api/programme',
    '/api/programmes',
    '/api/sessions',
    '/api/checkins',
    '/api/measurements',
    '/api/sittings',
    '/api/links',
    '/api/outcomes',
    '/api/programme/versions',
    '/api/access-log',
    '/api/audit',
  ]) {
    await hit('GET', path, ana);
  }
  await hit('GET', '/api/progress', ana, { query: '?date=2026-11-04' });
  await hit('GET', '/api/export', ana, { query: '?format=json' });
  await hit('GET', '/api/clinician/people', cora);
  for (const path of [
    '/api/clinician/people/{personId}',
    '/api/clinician/people/{personId}/checkins',
    '/api/clinician/people/{personId}/sittings',
    '/api/clinician/people/{personId}/measurements',
    '/api/clinician/people/{personId}/outcomes',
    '/api/clinician/people/{personId}/programme/versions',
    '/api/clinician/people/{personId}/report',
  ]) {
    await hit('GET', path, cora, person);
  }
  await hit('GET', '/api/clinician/people/{personId}/progress', cora, {
    ...person,
    query: '?date=2026-11-04',
  });
  await hit('GET', '/api/clinician/people/{personId}/export', cora, {
    ...person,
    query: '?format=fhir',
  });

  // A warning sign: the programme pauses, and every view leads with it.
  await hit('POST', '/api/checkins', ana, {
    body: { date: '2026-11-04', warningSigns: { ...NO_WARNING_SIGNS, bladderChange: true } },
  });
  await hit('GET', '/api/today', ana, { query: '?date=2026-11-04' });
  await hit('GET', '/api/programme', ana);
  await hit('GET', '/api/clinician/people', cora);
  await hit('GET', '/api/clinician/people/{personId}', cora, person);
  await hit('GET', '/api/clinician/people/{personId}/checkins', cora, person);

  // A second person linked, then let go by the clinician; the first ends her own link; the accounts go.
  const ben = await signUp(app, 'ben@example.org');
  const second = json<{ code: string }>(
    await call(app, 'POST', '/api/clinician/invitations', cora),
  );
  await call(app, 'POST', `/api/invitations/${second.code}/accept`, ben);
  const benId = json<{ id: string }>(await call(app, 'GET', '/api/me', ben)).id;
  await hit('DELETE', '/api/clinician/people/{personId}', cora, { params: { personId: benId } });
  await hit('DELETE', '/api/links/{id}', ana, { params: { id: link.id } });
  await hit('POST', '/api/auth/password', ben, {
    body: { currentPassword: PASSWORD, newPassword: 'another horse battery staple' },
  });
  await hit('POST', '/api/auth/logout', cora);
  await hit('DELETE', '/api/me', ana);

  // Someone trying invitation codes: each unknown one is not found, and after ten, a limit.
  const dan = await signUp(app, 'dan@example.org');
  for (let i = 0; i <= 10; i++) {
    await provoke('GET', '/api/invitations/{code}', dan, { params: { code: 'WRONG123' } });
  }
  doc = json<OpenApiDocument>(await call(app, 'GET', '/api/openapi.json'));
});

afterAll(async () => {
  await app.close();
});

/** A STarT Back answer set, so the assessment carries its score. */
const START_BACK = {
  q1: true,
  q2: false,
  q3: true,
  q4: false,
  q5: false,
  q6: true,
  q7: false,
  q8: false,
  q9: 'slightly',
};

describe('every route against the OpenAPI document', () => {
  it('drove every documented route, each to a success', () => {
    const failed = answers
      .filter((a) => a.status >= 300)
      .map((a) => `${a.route} ${a.status}: ${a.body}`);
    expect(failed).toStrictEqual([]);
    const documentedRoutes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    const driven = new Set(answers.map((a) => a.route));
    expect(documentedRoutes.filter((r) => !driven.has(r))).toStrictEqual([]);
  });

  it('each answer has exactly the fields its schema names, of the types it names', () => {
    const wrong: string[] = [];
    for (const a of answers) {
      if (NOT_JSON.has(a.route)) continue;
      const schema = documented(a.route, a.status);
      if (schema === null) {
        if (a.body !== '')
          wrong.push(`${a.route} ${a.status}: a body the document does not describe`);
        continue;
      }
      expect(a.type, a.route).toMatch(/^application\/json/);
      const checked = schema.safeParse(JSON.parse(a.body));
      if (!checked.success) {
        wrong.push(`${a.route} ${a.status}: ${z.prettifyError(checked.error)}`);
      }
    }
    expect(wrong).toStrictEqual([]);
  });

  it('describes every field of every answer: no untyped value, open object or list of anything', () => {
    const vague: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method} ${path}`;
        if (NOT_JSON.has(route)) continue;
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          const schemas = Object.entries(response.content ?? {});
          for (const [type, { schema }] of schemas) {
            if (schema) untyped(schema, `${route} ${status} ${type}`, vague);
            else vague.push(`${route} ${status} ${type}: no schema`);
          }
          if (schemas.length === 0 && status !== '204') vague.push(`${route} ${status}: no schema`);
        }
      }
    }
    expect(vague).toStrictEqual([]);
  });

  it('provoked every kind of problem: invalid, unauthenticated, forbidden, not found, conflict, refused, limited', () => {
    const seen = problems.map((p) => {
      const body = JSON.parse(p.body) as { type: string; refusals?: { lowest?: unknown }[] };
      return `${p.status} ${body.type.split('/').at(-1) ?? ''}`;
    });
    expect(new Set(seen)).toStrictEqual(
      new Set([
        '401 unauthorized',
        '400 validation',
        '415 unsupported-media-type',
        '404 not-found',
        '403 insufficient-scope',
        '403 clinician-account',
        '409 version-changed',
        '422 change-refused',
        '404 invitation-unusable',
        '429 too-many-tries',
      ]),
    );
    const refused = problems.find((p) => p.status === 422);
    const { refusals = [] } = JSON.parse(refused?.body ?? '{}') as {
      refusals?: { rule: string; lowest?: unknown }[];
    };
    expect(refusals.some((r) => r.lowest !== undefined)).toBe(true);
  });

  it('each problem is listed for its route, as problem+json, with exactly the members its schema names', () => {
    const wrong: string[] = [];
    for (const p of problems) {
      expect(mediaType(p.type), p.route).toBe('application/problem+json');
      let schema: z.ZodType | null;
      try {
        schema = documented(p.route, p.status, mediaType(p.type));
      } catch (e) {
        wrong.push((e as Error).message);
        continue;
      }
      const checked = schema?.safeParse(JSON.parse(p.body));
      if (!checked?.success) {
        wrong.push(
          `${p.route} ${p.status}: ${checked ? z.prettifyError(checked.error) : 'no schema'}`,
        );
      }
    }
    expect(wrong).toStrictEqual([]);
  });

  it('the check fails on a field the document lacks, or a required one missing', () => {
    const schema = documented('get /api/me', 200);
    const me = JSON.parse(answers.find((a) => a.route === 'get /api/me')?.body ?? '{}') as object;
    expect(schema?.safeParse(me).success).toBe(true);
    expect(schema?.safeParse({ ...me, extra: 1 }).success).toBe(false);
    const { email: _email, ...withoutEmail } = me as { email: string };
    expect(schema?.safeParse(withoutEmail).success).toBe(false);
    // A problem too: a member it does not name, or a status it is not for, fails.
    const problem = problems.find((p) => p.status === 400);
    const invalid = JSON.parse(problem?.body ?? '{}') as object;
    const problemSchema = documented('post /api/checkins', 400, 'application/problem+json');
    expect(problemSchema?.safeParse(invalid).success).toBe(true);
    expect(problemSchema?.safeParse({ ...invalid, refusals: [] }).success).toBe(false);
    expect(problemSchema?.safeParse({ ...invalid, status: 422 }).success).toBe(false);
    // A status the route does not list is an error in itself.
    expect(() => documented('get /api/health', 404, 'application/problem+json')).toThrow(
      /does not list/,
    );
    expect(untyped({ type: 'object', additionalProperties: {} }, 'open', [])).toHaveLength(1);
    expect(
      untyped({ type: 'object', properties: { a: {} }, additionalProperties: false }, 'any', []),
    ).toStrictEqual(['any.a: no type']);
  });
});
