// The web app's figures for `npm run bench`: Lighthouse mobile on the home screen and on the intake's first
// question (`/#/intake`), the median of several runs (one with BENCH_QUICK=1; BENCH_WEB_RUNS to choose),
// and the first-load JavaScript against its budget. The Lighthouse runner is scripts/bench-web.mjs.
import { measurePages, runsWanted } from '../bench-web.mjs';

/** Issue 11: the intake's first question interactive like the home screen. */
const SCORE_GOAL = 95;
const TBT_GOAL_MS = 200;

function row(figure, value, unit, goal, ratio, met, note) {
  return { group: 'web', figure, value, unit, goal, ratio, met, ...(note ? { note } : {}) };
}

/** The bench's web figures (see scripts/bench.mjs for the row shape). */
export async function run(ctx) {
  const runs = runsWanted(ctx.quick ? 1 : 3);
  const { load, pages, firstLoad } = await measurePages({ runs, log: () => undefined });
  const rows = [];
  const every = (page) =>
    page.runs.length > 1
      ? `median of ${page.runs.length} runs; each: ${page.runs.map((r) => `${r.performance} / ${Math.round(r.tbt)} ms`).join(', ')}`
      : undefined;
  for (const page of pages) {
    const score = Math.round((page.lhr.categories.performance?.score ?? 0) * 100);
    const tbt = page.lhr.audits['total-blocking-time']?.numericValue ?? 0;
    const where = page.name === 'intake' ? 'intake (/#/intake)' : `${page.name} (/)`;
    // Goals are the intake's; the home screen is printed beside it for reference.
    const goal = page.name === 'intake';
    rows.push(
      row(
        `Lighthouse mobile performance, ${where}`,
        score,
        '',
        goal ? `≥ ${SCORE_GOAL}` : '—',
        goal ? score / SCORE_GOAL : null,
        goal ? score >= SCORE_GOAL : null,
        every(page),
      ),
      row(
        `total blocking time, ${where}`,
        Math.round(tbt),
        'ms',
        goal ? `< ${TBT_GOAL_MS} ms` : '—',
        goal ? tbt / TBT_GOAL_MS : null,
        goal ? tbt < TBT_GOAL_MS : null,
      ),
    );
  }
  rows.push(
    row(
      'first-load JavaScript, gzipped',
      Math.round((load.gzip / 1024) * 10) / 10,
      'kB',
      `≤ ${firstLoad.FIRST_LOAD_BUDGET / 1024} kB`,
      load.gzip / firstLoad.FIRST_LOAD_BUDGET,
      load.gzip <= firstLoad.FIRST_LOAD_BUDGET,
    ),
  );
  return rows;
}
