// The engine: assess + plan (answers checked, assessed, programme built) per call, p50 and p99 over the
// public vignettes (test/vignettes) and variations of them, against the 1 ms budget. Runs the built library.
// Each call is timed twice: by the clock (what a person waits, which includes the moments the operating
// system gives the core to another process: on a busy machine that alone can pass 1 ms) and by the
// process's CPU time (the engine's own work, which other processes do not change).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The budget for one assess + plan (issue 11: "Keep the engine's p99 under 1 ms"). */
const BUDGET_MS = 1;

/**
 * Each vignette as written, and with its age, pain, duration and sitting changed (a person like them but
 * not the same): the engine's branches for phase, chronicity and age-linked rules all get exercised.
 */
function variations(vignettes) {
  const cases = [];
  for (const v of vignettes) {
    cases.push(v.answers);
    for (const age of [19, 45, 71]) {
      for (const painNow of [1, 5, 9]) {
        for (const durationDays of [3, 30, 200]) {
          cases.push({
            ...v.answers,
            age,
            painNow,
            durationDays,
            sittingHours: (age + painNow) % 12,
          });
        }
      }
    }
  }
  return cases;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function row(figure, value, unit, goal, ratio, met) {
  return { group: 'engine', figure, value, unit, goal, ratio, met };
}

/** The bench's engine figures (see scripts/bench.mjs for the row shape). */
export async function run(ctx) {
  const { root, quick } = ctx;
  const library = path.join(root, 'dist', 'index.js');
  if (!fs.existsSync(library))
    throw new Error(`${library} is missing: build first (npm run build)`);
  const { assessAndPlan, knowledgeBase } = await import(pathToFileURL(library).href);
  const vignettes = JSON.parse(
    fs.readFileSync(path.join(root, 'test', 'vignettes', 'public.json'), 'utf8'),
  );
  // Only answers the engine accepts: a refusal is a different (and shorter) path.
  const cases = variations(vignettes).filter((a) => assessAndPlan(a, knowledgeBase).ok);
  // Warm up first, so the figures are of the optimised code a running server has.
  for (let i = 0; i < 10; i += 1)
    for (const answers of cases) assessAndPlan(answers, knowledgeBase);
  const rounds = quick ? 10 : 40;
  const wall = new Float64Array(rounds * cases.length);
  const cpu = new Float64Array(rounds * cases.length);
  let n = 0;
  for (let r = 0; r < rounds; r += 1) {
    for (const answers of cases) {
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      const result = assessAndPlan(answers, knowledgeBase);
      wall[n] = Number(process.hrtime.bigint() - started) / 1e6;
      const used = process.cpuUsage(cpuBefore);
      cpu[n] = (used.user + used.system) / 1000;
      n += 1;
      if (!result.ok) throw new Error('a vignette was refused on a later round');
    }
  }
  const label = `${cases.length} cases from ${vignettes.length} vignettes × ${rounds} rounds`;
  const rows = [];
  for (const [name, times] of [
    ['clock', wall],
    ['CPU time', cpu],
  ]) {
    const sorted = [...times].sort((a, b) => a - b);
    const p50 = quantile(sorted, 0.5);
    const p99 = quantile(sorted, 0.99);
    const us = (ms) => Math.round(ms * 1000);
    rows.push(
      row(`assess + plan p50, ${name} (${label})`, us(p50), 'µs', 'info', null, null),
      row(
        `assess + plan p99, ${name} (${label})`,
        us(p99),
        'µs',
        `< ${BUDGET_MS} ms`,
        Math.round((p99 / BUDGET_MS) * 100) / 100,
        p99 < BUDGET_MS,
      ),
    );
  }
  return rows;
}
