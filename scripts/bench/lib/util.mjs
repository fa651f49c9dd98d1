// Shared pieces of the bench modules: starting servers as child processes, a PostgreSQL database of the
// bench's own, people seeded straight into a store (sign-up is limited per address, and hashing passwords
// is not what is measured), and HTTP load with autocannon.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Imports a module of the build, e.g. `store/open.js`. */
export function fromDist(root, rel) {
  return import(pathToFileURL(path.join(root, 'dist', rel)).href);
}

/** The intake answers every bench person gave (no warning signs, no leg symptoms). */
export const ANSWERS = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
  hamstringTightness: true,
  toeTouch: 'short',
  slrTest: 'thigh-pull',
  slrAngle: 55,
  sittingHours: 9,
  activity: 'sedentary',
  worseSitting: true,
};

export const NO_WARNING_SIGNS = {
  saddleNumbness: false,
  bladderChange: false,
  bowelChange: false,
  sexualDysfunction: false,
  numbness: 'none',
  legWeakness: 'none',
  weaknessWorsening: false,
  trauma: 'none',
  fever: false,
  fractureRisk: false,
  cancerHistory: false,
  weightLoss: false,
  nightPainConstant: false,
  thoracicPain: false,
};

/**
 * Spawns `node ARGS` and waits for a line naming the URL it listens on ("listening on http://…", on
 * stdout or stderr). Its other output is dropped (a server's request log would otherwise fill a pipe).
 * Returns the base URL and a stop() that sends SIGTERM and waits for the exit.
 */
export function startServer(args, { env = {}, cwd, timeoutMs = 60_000 } = {}) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "listening on" within ${timeoutMs} ms from ${args.join(' ')}: ${out}`));
    }, timeoutMs);
    const onData = (chunk) => {
      if (ready) return;
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (!m) return;
      ready = true;
      out = '';
      clearTimeout(timer);
      const exited = new Promise((done) => child.once('exit', done));
      resolve({
        base: m[1],
        pid: child.pid,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code} before listening: ${out}`));
    });
  });
}

/** `backchain serve` from the build on a free port, on SQLite in `dataDir` or on `databaseUrl`. */
export function serveProject(root, { dataDir, databaseUrl, env = {} }) {
  return startServer(
    [path.join(root, 'dist', 'cli', 'main.js'), 'serve', '--port', '0', '--data', dataDir],
    { cwd: root, env: { ...env, DATABASE_URL: databaseUrl ?? '' } },
  );
}

/**
 * A PostgreSQL database of the bench's own next to the one `url` names, dropped by `drop()`, so a run
 * never sees other rows and leaves nothing behind.
 */
export async function tempPostgres(url, label) {
  const { default: pg } = await import('pg');
  const name = `backchain_bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      try {
        await again.query(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

/** People made for a bench: ids (the project's own kind) and the secrets of their browser sessions. */
export async function makePeople(root, count) {
  const { newId } = await fromDist(root, 'store/ids.js');
  return Array.from({ length: count }, (_, i) => ({
    index: i,
    id: newId(new Date()),
    email: `bench-${i}@example.org`,
    secret: randomBytes(24).toString('base64url'),
  }));
}

/**
 * Stores each person, a browser session for them, and an assessment (which makes their programme), in
 * the store the options name, through the project's own store and record service. Returns the
 * programme of the first person (every person gave the same answers).
 */
export async function seedPeople(root, storeOptions, people) {
  const { openStore } = await fromDist(root, 'store/open.js');
  const { createAssessment } = await fromDist(root, 'service/records.js');
  const { assessmentBody, parseBody } = await fromDist(root, 'service/schemas.js');
  const { knowledgeBase } = await fromDist(root, 'kb/index.js');
  const { hashSecret, sessionCredential } = await fromDist(root, 'server/auth.js');
  const store = await openStore(storeOptions);
  try {
    const parsed = parseBody(assessmentBody, { answers: ANSWERS });
    if (!parsed.ok) throw new Error(`bench answers refused: ${JSON.stringify(parsed.problems)}`);
    const ctx = { store, kb: knowledgeBase, now: () => new Date() };
    const now = new Date();
    for (const p of people) {
      const made = await store.createUser({
        id: p.id,
        email: p.email,
        passwordHash: 'bench: never signs in with a password',
        createdAt: now.toISOString(),
      });
      if (!made) throw new Error(`bench person ${p.email} exists already`);
      await store.addCredential(sessionCredential(p.id, now, hashSecret(p.secret)));
      await createAssessment(ctx, p.id, parsed.value);
    }
    return await store.getCurrentProgramme(people[0].id);
  } finally {
    await store.close();
  }
}

/**
 * HTTP load: `connections` keep-alive connections for `seconds`, as fast as the server answers, or paced
 * at `rate` requests a second over all of them. `next()` gives each request's { method, path, headers,
 * body }. Returns requests a second, latency percentiles (ms) and every status seen.
 */
export async function load(base, { connections, seconds, rate, next }) {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    timeout: 30,
    requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }],
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
  );
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    rps: answered / result.duration,
    answered,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Whether every answer of a load was `status` (and there were no errors or timeouts). */
export function allStatus(run, status) {
  return (
    run.answered > 0 &&
    run.errors === 0 &&
    run.timeouts === 0 &&
    Object.keys(run.statuses).every((code) => Number(code) === status)
  );
}

/** A load's statuses for a note, e.g. "201×5012, 429×3". */
export function statusText(run) {
  const parts = Object.entries(run.statuses).map(([code, n]) => `${code}×${n}`);
  if (run.errors > 0) parts.push(`errors×${run.errors}`);
  if (run.timeouts > 0) parts.push(`timeouts×${run.timeouts}`);
  return parts.join(', ');
}
