// The exports bench: four FHIR exports at once of a record with 50,000 check-ins (and 1,000 days of sittings and
// leg raises), while /api/health is asked every 10 ms. Goals (issue 11): the server grows by under 100 MB while
// they run, and /api/health answers in under 50 ms throughout; on SQLite and PostgreSQL. The server's memory is
// its resident set (VmRSS, and the peak VmHWM from /proc, Linux only), from just before the exports to their end.
// Also timed for reference: one export of each format alone.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { benchPerson, fillPostgres, fillSqlite } from './lib/history.mjs';
import { fromDist, serveProject, tempPostgres } from './lib/util.mjs';

const GROWTH_GOAL_MB = 100;
const HEALTH_GOAL_MS = 50;
const DAYS = 1000;
const PARALLEL = 4;

/** The server's resident memory now and at its peak since the last reset, in MB (Linux /proc). */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Resets the peak resident set (VmHWM) of a process to its current size. */
function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** GETs a route to the end, counting the bytes; resolves with the status, size and time taken. */
function download(base, route, headers, agent) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(new URL(route, base), { headers, agent }, (res) => {
      let size = 0;
      res.on('data', (c) => {
        size += c.length;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode, size, ms: performance.now() - started }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Asks /api/health every `everyMs` until `stop()`; gives the answers' times, sorted. */
function healthProbe(base, everyMs) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const r = await download(base, '/api/health', {}, agent);
      if (r.status === 200) times.push(r.ms);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      agent.destroy();
      return times.sort((a, b) => a - b);
    },
  };
}

async function storeRun(ctx, kind) {
  const { root, quick } = ctx;
  const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const perDay = quick ? 20 : 50;
  const checkins = DAYS * perDay;
  const group = `exports, ${label}, ${checkins.toLocaleString('en-GB')} check-ins`;
  const cleanups = [];
  try {
    let storeOptions;
    if (kind === 'sqlite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bench-exports-'));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      storeOptions = { dataDir };
    } else {
      const db = await tempPostgres(ctx.databaseUrl, 'exports');
      cleanups.push(db.drop);
      storeOptions = { databaseUrl: db.url, dataDir: os.tmpdir() };
    }
    const person = await benchPerson(root, storeOptions);
    const fill = { days: DAYS, fillerCheckins: 0, checkinsPerDay: perDay };
    if (kind === 'sqlite') {
      const { sqliteFileIn } = await fromDist(root, 'store/open.js');
      await fillSqlite(sqliteFileIn(storeOptions.dataDir), person, fill);
    } else {
      await fillPostgres(storeOptions.databaseUrl, person, fill);
    }

    const server = await serveProject(root, storeOptions);
    cleanups.unshift(server.stop);
    const headers = { cookie: `bc_session=${person.secret}` };
    const agent = new http.Agent({ keepAlive: true });
    cleanups.unshift(async () => agent.destroy());

    // One of each alone, for reference (and to warm the server up).
    const alone = {};
    for (const format of ['fhir', 'json', 'csv']) {
      alone[format] = await download(server.base, `/api/export?format=${format}`, headers, agent);
    }
    const idle = await (async () => {
      const probe = healthProbe(server.base, 10);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return probe.stop();
    })();

    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = memoryOf(server.pid);
    const peakReset = resetPeak(server.pid);
    let sampledPeak = before.rss;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, memoryOf(server.pid).rss);
    }, 20);
    const probe = healthProbe(server.base, 10);
    const started = performance.now();
    const runs = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        download(server.base, '/api/export?format=fhir', headers, agent),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const health = await probe.stop();
    clearInterval(sampler);
    const after = memoryOf(server.pid);
    const peak = Math.max(sampledPeak, peakReset ? after.peak : 0);
    const growth = peak - before.rss;
    const ok = runs.every((r) => r.status === 200 && r.size === alone.fhir.size);
    const p99 = quantile(health, 0.99);
    const max = health.at(-1);
    const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    return [
      {
        group,
        figure: `server memory growth, ${PARALLEL} FHIR exports at once`,
        value: growth,
        unit: 'MB',
        goal: `< ${GROWTH_GOAL_MB} MB`,
        ratio: growth / GROWTH_GOAL_MB,
        met: ok && growth < GROWTH_GOAL_MB,
        note:
          `resident ${before.rss.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB; each export ${mb(alone.fhir.size)}, ` +
          `all ${PARALLEL} done in ${seconds.toFixed(1)} s${ok ? '' : `; answers: ${runs.map((r) => `${r.status}/${r.size}`).join(', ')}`}`,
      },
      {
        group,
        figure: `/api/health while they run, p99`,
        value: p99,
        unit: 'ms',
        goal: `< ${HEALTH_GOAL_MS} ms`,
        ratio: p99 / HEALTH_GOAL_MS,
        met: health.length > 0 && p99 < HEALTH_GOAL_MS,
        note:
          `${health.length} answers, median ${quantile(health, 0.5).toFixed(1)} ms, slowest ${max?.toFixed(1)} ms; ` +
          `idle p99 ${quantile(idle, 0.99).toFixed(1)} ms`,
      },
      {
        group,
        figure: 'one export alone: FHIR / JSON / CSV',
        value: alone.fhir.ms / 1000,
        unit: 's',
        goal: 'for reference',
        ratio: null,
        met: null,
        note:
          `FHIR ${(alone.fhir.ms / 1000).toFixed(1)} s (${mb(alone.fhir.size)}), JSON ${(alone.json.ms / 1000).toFixed(1)} s ` +
          `(${mb(alone.json.size)}), CSV ${(alone.csv.ms / 1000).toFixed(1)} s (${mb(alone.csv.size)})`,
      },
    ];
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error(`cleanup: ${e}`));
  }
}

/** The exports bench: SQLite always, PostgreSQL when DATABASE_URL is set. */
export async function run(ctx) {
  const rows = await storeRun(ctx, 'sqlite');
  if (ctx.databaseUrl) rows.push(...(await storeRun(ctx, 'postgres')));
  else {
    rows.push({
      group: 'exports, PostgreSQL',
      figure: 'skipped',
      value: null,
      met: null,
      note: 'DATABASE_URL is not set',
    });
  }
  return rows;
}
