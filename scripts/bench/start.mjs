// Start-up: `backchain serve` against a bare Fastify server on the same database (SQLite, and PostgreSQL when
// DATABASE_URL is given), and the CLI's commands against bare Node. Each figure is the median of several runs,
// from process spawn to the first 200 (or to exit for the CLI), the sides interleaved so noise from other
// work on the machine falls on all alike.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The floor: the least a server answering health from a SQLite file must load and do. Run with
 * `node --input-type=module -e` from the project root so `fastify` and `better-sqlite3` resolve.
 */
const BARE_SERVER = `
import Fastify from 'fastify';
import Database from 'better-sqlite3';
const db = new Database(process.env.BARE_DB);
db.pragma('journal_mode = WAL');
db.exec('create table if not exists t (id integer primary key, body text)');
const ping = db.prepare('select count(*) as n from t');
const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok', rows: ping.get().n }));
await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => { void app.close().then(() => { db.close(); process.exit(0); }); });
`;

/** The PostgreSQL floor: Fastify and a pg pool, answering health with a query. */
const BARE_PG_SERVER = `
import Fastify from 'fastify';
import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL });
const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok', one: (await pool.query('select 1 as one')).rows[0].one }));
await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => { void app.close().then(() => pool.end()).then(() => process.exit(0)); });
`;

/** A vignette's answers, for the CLI's assess and plan. */
const ANSWERS = {
  version: 1,
  age: 35,
  durationDays: 20,
  painNow: 4,
  painAreas: ['lower-back'],
  legSide: 'none',
  hamstringTightness: true,
};

/** The CLI took 0.4 to 0.5 s for any command when the issue was filed (issue 11, "Start-up"). */
const CLI_BEFORE_MS = 400;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A port nobody is listening on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** One GET of /api/health: its status, or 0 when nothing answers yet. */
function healthStatus(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

/** Spawns a server and asks for its health every 2 ms: milliseconds from spawn to the first 200. */
async function timeToHealth(args, env, cwd) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args(port), {
    cwd,
    env: { ...env, BARE_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk.toString();
  });
  let exited = false;
  const exit = new Promise((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  try {
    for (;;) {
      if (exited) throw new Error(`server exited before answering: ${errors.slice(0, 2000)}`);
      if ((await healthStatus(port)) === 200) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error('no health answer in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    if (!exited) child.kill('SIGTERM');
    await exit;
  }
}

/** Runs a command to its end: milliseconds from spawn to exit. Throws on a non-zero exit. */
function timeToExit(args, cwd, env = process.env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${errors.slice(0, 2000)}`));
    });
  });
}

function row(figure, value, goal, ratio, met, unit = 'ms') {
  return { group: 'start', figure, value: Math.round(value * 10) / 10, unit, goal, ratio, met };
}

/**
 * Medians of spawn → first health 200 for the bare server and `backchain serve`, taken in turns. The first
 * start of each (which creates and migrates its database) is not timed: a restart is what counts.
 */
async function startPair(bare, serve, runs, root) {
  await timeToHealth(serve.args, serve.env, root);
  await timeToHealth(bare.args, bare.env, root);
  const times = { bare: [], serve: [] };
  for (let i = 0; i < runs; i += 1) {
    // Alternate which goes first, so a burst of other work does not always land on one side.
    const order = i % 2 === 0 ? ['bare', 'serve'] : ['serve', 'bare'];
    for (const side of order) {
      const { args, env } = side === 'bare' ? bare : serve;
      times[side].push(await timeToHealth(args, env, root));
    }
  }
  return { bareMs: median(times.bare), serveMs: median(times.serve) };
}

/** The two rows of a pair: the floor, and serve against 1.5 times it. */
function pairRows(store, floorName, { bareMs, serveMs }, runs, build) {
  return [
    row(`${floorName}: spawn to first health 200 (median of ${runs})`, bareMs, 'floor', 1, null),
    row(
      `backchain serve (${store}): spawn to first health 200 (median of ${runs}${build})`,
      serveMs,
      '≤ 1.5× bare',
      Math.round((serveMs / bareMs) * 100) / 100,
      serveMs <= 1.5 * bareMs,
    ),
  ];
}

/** A database of its own on the PostgreSQL server of `url`, and how to drop it afterwards. */
async function scratchDatabase(url) {
  const { default: pg } = await import('pg');
  const name = `backchain_bench_start_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The bench's start-up figures (see scripts/bench.mjs for the row shape). */
export async function run(ctx) {
  const { root, quick } = ctx;
  const runs = quick ? 5 : 15;
  const cli = path.join(root, 'dist', 'cli', 'main.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: build first (npm run build)`);
  // `tsc -p tsconfig.build.json` alone leaves tsc's own main.js, without the bundling of the full build.
  const bundled = fs.readFileSync(cli, 'utf8').includes('__backchainRequire');
  const build = bundled ? '' : ', UNBUNDLED: tsc output, run npm run build';
  if (!bundled)
    console.warn(`bench start: ${cli} is not bundled; run npm run build for real figures`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bench-start-'));
  try {
    const dataDir = path.join(work, 'data');
    const answers = path.join(work, 'answers.json');
    fs.writeFileSync(answers, JSON.stringify(ANSWERS));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const sqlite = await startPair(
      {
        args: () => ['--input-type=module', '-e', BARE_SERVER],
        env: { ...env, BARE_DB: path.join(work, 'bare.sqlite') },
      },
      { args: (port) => [cli, 'serve', '--port', String(port), '--data', dataDir], env },
      runs,
      root,
    );
    const rows = pairRows('SQLite', 'bare Fastify + better-sqlite3', sqlite, runs, build);

    if (ctx.databaseUrl) {
      const db = await scratchDatabase(ctx.databaseUrl);
      try {
        const pgEnv = { ...env, DATABASE_URL: db.url };
        const postgres = await startPair(
          {
            args: () => ['--input-type=module', '-e', BARE_PG_SERVER],
            env: { ...env, BARE_DATABASE_URL: db.url },
          },
          { args: (port) => [cli, 'serve', '--port', String(port), '--data', dataDir], env: pgEnv },
          runs,
          root,
        );
        rows.push(...pairRows('PostgreSQL', 'bare Fastify + pg', postgres, runs, build));
      } finally {
        await db.drop();
      }
    } else {
      rows.push({
        group: 'start',
        figure: 'backchain serve (PostgreSQL): spawn to first health 200',
        value: null,
        unit: '',
        goal: '≤ 1.5× bare',
        ratio: null,
        met: null,
        note: 'skipped: set DATABASE_URL=postgres://… to measure it',
      });
    }

    // The CLI: each command against Node starting and exiting with nothing to do.
    const backupFile = path.join(work, 'backup.sqlite');
    const commands = [
      ['--version', [cli, '--version']],
      ['explain', [cli, 'explain', 'abdominal-brace']],
      ['assess --answers', [cli, 'assess', '--answers', answers, '--json']],
      ['plan --answers', [cli, 'plan', '--answers', answers]],
      // The operator's commands open the store the server made above.
      ['backup', [cli, 'backup', '--to', backupFile, '--data', dataDir]],
      ['clinician-code', [cli, 'clinician-code', '--data', dataDir]],
    ];
    const nodeFloor = [];
    const times = commands.map(() => []);
    for (let i = 0; i < runs; i += 1) {
      nodeFloor.push(await timeToExit(['-e', ''], root, env));
      for (const [k, [, args]] of commands.entries())
        times[k].push(await timeToExit(args, root, env));
    }
    const floorMs = median(nodeFloor);
    rows.push(row(`bare node -e '' (median of ${runs})`, floorMs, 'floor', 1, null));
    for (const [k, [name]] of commands.entries()) {
      const ms = median(times[k]);
      rows.push(
        row(
          `backchain ${name} (median of ${runs}${build})`,
          ms,
          `< ${CLI_BEFORE_MS} ms (was 400–500)`,
          Math.round((ms / floorMs) * 100) / 100,
          ms < CLI_BEFORE_MS,
        ),
      );
    }
    return rows;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The measuring parts, for comparing builds by hand (see the function docs above). */
export { BARE_PG_SERVER, BARE_SERVER, median, timeToExit, timeToHealth };
