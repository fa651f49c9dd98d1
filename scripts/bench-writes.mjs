// `npm run bench:writes`: one person's outbox flushed from two devices at once. Two `backchain serve`
// processes on one PostgreSQL database (DATABASE_URL; a database of its own, dropped afterwards) take 100
// sessions for the same person at the same moment (within the per-person limit of 120 a minute; a 429 is
// sent again after its Retry-After, as a device does); prints how many were stored or refused and the
// latencies (p50, p99, max). Needs a build (`npm run build`). Timing is printed, never asserted. The
// bench of writes against the bare floor is `npm run bench writes` (scripts/bench/writes.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli', 'main.js');
const url = process.env.DATABASE_URL;
const COUNT = Number(process.env.BENCH_WRITES ?? 100);
if (!url) {
  console.error('bench:writes needs DATABASE_URL (postgres://…)');
  process.exit(2);
}

const ANSWERS = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
  hamstringTightness: true,
};

function serve(env) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bench-'));
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, base: m[1] });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function send(base, cookie, method, route, body) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', origin: base, ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = res.headers.get('set-cookie');
  await res.text();
  return {
    status: res.status,
    cookie: set ? set.split(';')[0] : cookie,
    retryAfter: Number(res.headers.get('retry-after') ?? 0),
  };
}

const name = `backchain_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const dbUrl = new URL(url);
dbUrl.pathname = `/${name}`;
const servers = [];
try {
  servers.push(...(await Promise.all([1, 2].map(() => serve({ DATABASE_URL: dbUrl.toString() })))));
  const [one, two] = servers;
  const email = 'bench@example.org';
  const password = 'correct horse battery';
  const signup = await send(one.base, '', 'POST', '/api/auth/signup', { email, password });
  await send(one.base, signup.cookie, 'POST', '/api/assessments', { answers: ANSWERS });
  const login = await send(two.base, '', 'POST', '/api/auth/login', { email, password });
  const entry = { exerciseId: 'abdominal-brace', done: {}, painSharper: false, painSpread: false };
  let waited = 0;
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: COUNT }, async (_, i) => {
      const [base, cookie] = i % 2 === 0 ? [one.base, signup.cookie] : [two.base, login.cookie];
      const t0 = performance.now();
      const body = { clientId: `bench-${String(i).padStart(5, '0')}`, entries: [entry] };
      let r = await send(base, cookie, 'POST', '/api/sessions', body);
      // Too fast for the person's limit: sent again once Retry-After has passed, as a device does.
      while (r.status === 429) {
        waited += 1;
        await new Promise((resolve) => setTimeout(resolve, r.retryAfter * 1000));
        r = await send(base, cookie, 'POST', '/api/sessions', body);
      }
      return { status: r.status, ms: performance.now() - t0 };
    }),
  );
  const total = performance.now() - started;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  const stored = results.filter((r) => r.status === 201).length;
  console.log(`${COUNT} sessions for one person through two processes on PostgreSQL`);
  console.log(`  stored ${stored}, refused ${COUNT - stored}; sent again after a 429: ${waited}`);
  console.log(
    `  latency p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${ms.at(-1).toFixed(0)} ms; all done in ${total.toFixed(0)} ms`,
  );
  process.exitCode = stored === COUNT ? 0 : 1;
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => new Promise((resolve) => s.child.on('exit', resolve))));
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
