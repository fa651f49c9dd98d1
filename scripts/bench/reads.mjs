// The reads bench: GET /api/progress for a person with 1,000 days of history (a check-in, a sitting and a leg
// raise a day) in a database of 10 million check-ins (1 million with BENCH_QUICK=1), against GET /api/me of the
// same person in the same run. Goals (issue 11): progress under 5 ms, and no more than 3 × /api/me; on SQLite and
// PostgreSQL. Both are asked one after another over one kept-alive connection, in alternating rounds, so a
// slow moment of the shared machine falls on both alike; the figures are medians, with the p99 in the note.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { benchPerson, fillPostgres, fillSqlite } from './lib/history.mjs';
import { fromDist, serveProject, tempPostgres } from './lib/util.mjs';

const PROGRESS_GOAL_MS = 5;
const RATIO_GOAL = 3;
const DAYS = 1000;

/** Sends GET requests over one kept-alive connection and times each, in milliseconds. */
export function timer(base, headers) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (route) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.get(new URL(route, base), { agent, headers }, (res) => {
        let size = 0;
        res.on('data', (c) => {
          size += c.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode, ms: performance.now() - started, size }),
        );
      });
      req.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Times `routes` in alternating rounds; returns each route's median, p99 and the answers' statuses and size. */
export async function alternate(client, routes, { rounds, perRound }) {
  const times = Object.fromEntries(routes.map((r) => [r, []]));
  const statuses = new Set();
  const sizes = {};
  for (const route of routes) for (let i = 0; i < perRound; i++) await client.get(route);
  for (let round = 0; round < rounds; round++) {
    for (const route of routes) {
      for (let i = 0; i < perRound; i++) {
        const r = await client.get(route);
        statuses.add(r.status);
        sizes[route] = r.size;
        times[route].push(r.ms);
      }
    }
  }
  const out = { statuses: [...statuses] };
  for (const route of routes) {
    const sorted = [...times[route]].sort((a, b) => a - b);
    out[route] = { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), size: sizes[route] };
  }
  return out;
}

async function storeRun(ctx, kind) {
  const { root, quick } = ctx;
  const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const fillerCheckins = (quick ? 1_000_000 : 10_000_000) - DAYS;
  const group = `reads, ${label}, ${quick ? '1 M' : '10 M'} check-ins`;
  const cleanups = [];
  try {
    let storeOptions;
    if (kind === 'sqlite') {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bench-reads-'));
      cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      storeOptions = { dataDir };
    } else {
      const db = await tempPostgres(ctx.databaseUrl, 'reads');
      cleanups.push(db.drop);
      storeOptions = { databaseUrl: db.url, dataDir: os.tmpdir() };
    }
    const person = await benchPerson(root, storeOptions);
    const filled = performance.now();
    if (kind === 'sqlite') {
      const { sqliteFileIn } = await fromDist(root, 'store/open.js');
      await fillSqlite(sqliteFileIn(storeOptions.dataDir), person, { days: DAYS, fillerCheckins });
    } else {
      await fillPostgres(storeOptions.databaseUrl, person, { days: DAYS, fillerCheckins });
    }
    const fillSeconds = (performance.now() - filled) / 1000;
    console.log(
      `  ${label}: ${fillerCheckins + DAYS} check-ins written in ${fillSeconds.toFixed(0)} s`,
    );

    const server = await serveProject(root, storeOptions);
    cleanups.unshift(server.stop);
    const client = timer(server.base, { cookie: `bc_session=${person.secret}` });
    cleanups.unshift(async () => client.close());
    const today = new Date().toISOString().slice(0, 10);
    const progress = `/api/progress?date=${today}`;
    // The first read makes the kept summary of the older days (as after an upgrade, or a late row).
    const first = await client.get(progress);
    const r = await alternate(client, ['/api/me', progress], {
      rounds: quick ? 10 : 20,
      perRound: quick ? 50 : 100,
    });
    const me = r['/api/me'];
    const pr = r[progress];
    const ok = r.statuses.length === 1 && r.statuses[0] === 200 && first.status === 200;
    return [
      {
        group,
        figure: 'GET /api/me (the floor), median',
        value: me.p50,
        unit: 'ms',
        goal: 'the floor',
        ratio: null,
        met: null,
        note: `p99 ${me.p99.toFixed(2)} ms`,
      },
      {
        group,
        figure: `GET /api/progress, ${DAYS.toLocaleString('en-GB')} days of history, median`,
        value: pr.p50,
        unit: 'ms',
        goal: `< ${PROGRESS_GOAL_MS} ms and ≤ ${RATIO_GOAL} × /api/me`,
        ratio: pr.p50 / me.p50,
        met: ok && pr.p50 < PROGRESS_GOAL_MS && pr.p50 / me.p50 <= RATIO_GOAL,
        note:
          `p99 ${pr.p99.toFixed(2)} ms; ${(pr.size / 1024).toFixed(1)} kB; ` +
          `first read (makes the summary) ${first.ms.toFixed(0)} ms` +
          `${ok ? '' : `; statuses ${r.statuses.join(', ')}`}`,
      },
    ];
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error(`cleanup: ${e}`));
  }
}

/** The reads bench: SQLite always, PostgreSQL when DATABASE_URL is set. */
export async function run(ctx) {
  const rows = await storeRun(ctx, 'sqlite');
  if (ctx.databaseUrl) rows.push(...(await storeRun(ctx, 'postgres')));
  else {
    rows.push({
      group: 'reads, PostgreSQL',
      figure: 'skipped',
      value: null,
      met: null,
      note: 'DATABASE_URL is not set',
    });
  }
  return rows;
}
