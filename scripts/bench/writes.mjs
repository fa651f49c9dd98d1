// Writes: authenticated POST /api/checkins and POST /api/sessions on `backchain serve` against a bare Fastify
// server writing the same rows into the same tables (lib/bare-writes-server.mjs), on SQLite and, with
// DATABASE_URL, on PostgreSQL. Two figures per write and store (issue 11, "What it must reach"):
//   - requests a second with 10 connections, as a ratio of the bare floor's (goal: 0.5 or better);
//   - p99 latency paced at 1,000 requests a second (goal: under 25 ms, every answer a 201).
// The load is spread over many people, as a real service's is: each person writes at a pace the
// per-person limits allow (docs/api.md, "Limits"), and any refusal shows in the statuses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  allStatus,
  fromDist,
  load,
  makePeople,
  NO_WARNING_SIGNS,
  seedPeople,
  serveProject,
  startServer,
  statusText,
  tempPostgres,
} from './lib/util.mjs';

const RATE = 1000;
const P99_GOAL_MS = 25;
const FLOOR_GOAL = 0.5;

/** The calendar dates a bench person's check-ins carry: one a day, going back from today. */
function pastDates(days) {
  const today = Date.now();
  return Array.from({ length: days }, (_, i) =>
    new Date(today - i * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * Request makers for one kind of write, spread over the people in turn. Each person's check-ins carry
 * one date each (a day apart), like a person checking in daily; sessions are today's, eight exercises to
 * a sitting, like the web player logging each exercise as it ends.
 */
function requests(kind, people, exerciseId) {
  const dates = pastDates(3650);
  const today = dates[0];
  const counts = new Array(people.length).fill(0);
  let turn = 0;
  return () => {
    const n = turn++;
    const i = n % people.length;
    const person = people[i];
    const count = counts[i]++;
    const clientId = `bench-${kind}-${n}-${person.index}`;
    const body =
      kind === 'checkins'
        ? {
            date: dates[count % dates.length],
            painNow: 3,
            painAreas: ['lower-back'],
            legSide: 'none',
            warningSigns: NO_WARNING_SIGNS,
            sittingHours: 6,
            walkingBreaks: 4,
            clientId,
          }
        : {
            date: today,
            entries: [
              {
                exerciseId,
                done: { sets: 2, reps: 10 },
                painSharper: false,
                painSpread: false,
              },
            ],
            clientId,
            sittingId: `bench-sitting-${person.index}-${Math.floor(count / 8)}`,
          };
    return {
      method: 'POST',
      path: `/api/${kind}`,
      headers: {
        'content-type': 'application/json',
        cookie: `bc_session=${person.secret}`,
        'x-bench-user': person.id,
      },
      body: JSON.stringify(body),
    };
  };
}

/** Requests a second of several loads together (their answers over their time). */
function rpsOf(runs, seconds) {
  return runs.reduce((a, r) => a + r.answered, 0) / (seconds * runs.length);
}

async function storeRun(ctx, kind) {
  const { root, quick } = ctx;
  const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const group = `writes, ${label}`;
  const seconds = quick ? 2 : 5;
  const pacedSeconds = quick ? 5 : 10;
  const warmSeconds = quick ? 1 : 2;
  const people = await makePeople(root, quick ? 600 : 2000);
  const cleanups = [];
  const rows = [];
  try {
    let projectStore;
    let bareEnv;
    if (kind === 'sqlite') {
      const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bench-writes-'));
      const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bench-bare-'));
      cleanups.push(async () => {
        fs.rmSync(projectDir, { recursive: true, force: true });
        fs.rmSync(bareDir, { recursive: true, force: true });
      });
      projectStore = { dataDir: projectDir };
      const { sqliteFileIn } = await fromDist(root, 'store/open.js');
      await seedPeople(root, { dataDir: bareDir }, people);
      bareEnv = { BARE_SQLITE_FILE: sqliteFileIn(bareDir) };
    } else {
      const projectDb = await tempPostgres(ctx.databaseUrl, 'writes');
      cleanups.push(projectDb.drop);
      const bareDb = await tempPostgres(ctx.databaseUrl, 'bare');
      cleanups.push(bareDb.drop);
      projectStore = { databaseUrl: projectDb.url, dataDir: os.tmpdir() };
      await seedPeople(root, { databaseUrl: bareDb.url }, people);
      bareEnv = { BARE_DATABASE_URL: bareDb.url };
    }
    const programme = await seedPeople(root, projectStore, people);
    const exerciseId = programme.programme.items[0].exerciseId;

    const bare = await startServer(
      [path.join(root, 'scripts', 'bench', 'lib', 'bare-writes-server.mjs')],
      {
        cwd: root,
        env: bareEnv,
      },
    );
    cleanups.unshift(bare.stop);
    const project = await serveProject(root, projectStore);
    cleanups.unshift(project.stop);

    for (const write of ['checkins', 'sessions']) {
      const what = write === 'checkins' ? 'check-ins' : 'sessions';
      const next = requests(write, people, exerciseId);
      const flat = (base) => load(base, { connections: 10, seconds, next });
      await load(bare.base, { connections: 10, seconds: warmSeconds, next });
      await load(project.base, { connections: 10, seconds: warmSeconds, next });
      // Bare, project, project, bare: a slow moment of the shared machine falls on both alike.
      const b1 = await flat(bare.base);
      const p1 = await flat(project.base);
      const p2 = await flat(project.base);
      const b2 = await flat(bare.base);
      const bareRps = rpsOf([b1, b2], seconds);
      const projectRps = rpsOf([p1, p2], seconds);
      const ratio = projectRps / bareRps;
      const flatOk = allStatus(p1, 201) && allStatus(p2, 201);
      rows.push({
        group,
        figure: `${what} a second, bare floor (10 connections)`,
        value: bareRps,
        unit: 'req/s',
        goal: 'the floor',
        ratio: null,
        met: null,
        note:
          allStatus(b1, 201) && allStatus(b2, 201)
            ? ''
            : `bare: ${statusText(b1)}; ${statusText(b2)}`,
      });
      rows.push({
        group,
        figure: `${what} a second, Backchain (10 connections)`,
        value: projectRps,
        unit: 'req/s',
        goal: `≥ ${FLOOR_GOAL} × floor, all 201`,
        ratio,
        met: ratio >= FLOOR_GOAL && flatOk,
        note: `p99 ${p1.p99} / ${p2.p99} ms${flatOk ? '' : `; answers: ${statusText(p1)}; ${statusText(p2)}`}`,
      });

      const pacedBare = await load(bare.base, {
        connections: 50,
        seconds: pacedSeconds,
        rate: RATE,
        next,
      });
      const paced = await load(project.base, {
        connections: 50,
        seconds: pacedSeconds,
        rate: RATE,
        next,
      });
      const pacedOk = allStatus(paced, 201);
      const kept = paced.rps >= RATE * 0.97;
      rows.push({
        group,
        figure: `${what}: p99 at ${RATE.toLocaleString('en-GB')} req/s`,
        value: paced.p99,
        unit: 'ms',
        goal: `< ${P99_GOAL_MS} ms, all 201`,
        ratio: paced.p99 / P99_GOAL_MS,
        met: paced.p99 < P99_GOAL_MS && pacedOk && kept,
        note:
          `sent ${Math.round(paced.rps)} req/s, p50 ${paced.p50} ms, max ${paced.max} ms; bare floor p99 ${pacedBare.p99} ms` +
          `${pacedOk ? '' : `; answers: ${statusText(paced)}`}${kept ? '' : '; the pace was not kept'}`,
      });
    }
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((e) => console.error(`cleanup: ${e}`));
  }
  return rows;
}

/** The writes bench: SQLite always, PostgreSQL when DATABASE_URL is set. */
export async function run(ctx) {
  const rows = await storeRun(ctx, 'sqlite');
  if (ctx.databaseUrl) rows.push(...(await storeRun(ctx, 'postgres')));
  else {
    rows.push({
      group: 'writes, PostgreSQL',
      figure: 'skipped',
      value: null,
      met: null,
      note: 'DATABASE_URL is not set',
    });
  }
  return rows;
}
