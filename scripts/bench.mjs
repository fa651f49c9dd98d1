// `npm run bench`: runs the bench modules of scripts/bench/ against the built dist/ and prints one table:
// each figure, its goal, the ratio to the goal or to the bare floor measured in the same run, and whether
// it is met. Timing is printed, never asserted; `npm test` has no timed assertions.
//
//   node scripts/bench.mjs                 every module
//   node scripts/bench.mjs writes reads    only these
//   BENCH_QUICK=1                          a smaller, faster run (fewer rows, shorter loads)
//   DATABASE_URL=postgres://…              adds the PostgreSQL figures (each module makes its own database)
//   BENCH_JSON=file.json                   also writes the rows as JSON
//
// A module is scripts/bench/NAME.mjs exporting `async function run(ctx)` that returns rows
// `{ group, figure, value, unit, goal, ratio, met }` (`met` null for a figure printed for reference, and
// `note` for anything a reader needs, e.g. why a row was skipped). Helpers of the modules live in
// scripts/bench/lib/ and are never run as modules.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The modules in the order they run: the cheap ones first, the ones that load the machine last. */
const MODULES = ['engine', 'start', 'writes', 'reads', 'exports', 'web'];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !MODULES.includes(name));
if (unknown.length > 0) {
  console.error(
    `bench: unknown module ${unknown.join(', ')}; expected some of ${MODULES.join(', ')}`,
  );
  process.exit(2);
}
if (!fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: no build found; run `npm run build` first (the bench runs dist/)');
  process.exit(2);
}

const ctx = {
  root,
  databaseUrl: process.env.DATABASE_URL || undefined,
  quick: process.env.BENCH_QUICK === '1',
};

const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
console.log(
  `Backchain bench — ${os.cpus().length} cores, ${cpu}, Node ${process.version}, ${os.platform()} ${os.release()}` +
    `${ctx.quick ? ' — quick run (BENCH_QUICK=1)' : ''}`,
);
console.log(
  ctx.databaseUrl
    ? 'PostgreSQL: figures included (DATABASE_URL is set)'
    : 'PostgreSQL: skipped (set DATABASE_URL=postgres://… to include it)',
);

/** A number as people read it: three significant figures, whole numbers from 100 up. */
function shown(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value ?? '—');
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-GB');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

const rows = [];
const failures = [];
const names = asked.length > 0 ? asked : MODULES;
for (const name of names) {
  const file = path.join(root, 'scripts', 'bench', `${name}.mjs`);
  if (!fs.existsSync(file)) {
    console.log(`\n[${name}] skipped: scripts/bench/${name}.mjs does not exist`);
    continue;
  }
  console.log(`\n[${name}] running…`);
  const started = performance.now();
  try {
    const mod = await import(pathToFileURL(file).href);
    if (typeof mod.run !== 'function') throw new Error('it exports no run(ctx)');
    const got = await mod.run(ctx);
    for (const row of got ?? []) rows.push({ module: name, ...row });
    console.log(
      `[${name}] done in ${((performance.now() - started) / 1000).toFixed(1)} s, ${got?.length ?? 0} figures`,
    );
  } catch (err) {
    failures.push(name);
    console.error(`[${name}] FAILED: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  }
}

const table = rows.map((r) => ({
  group: r.group ?? r.module,
  figure: r.figure ?? '',
  value: `${shown(r.value)}${r.unit ? ` ${r.unit}` : ''}`,
  goal: r.goal ?? '—',
  ratio: typeof r.ratio === 'number' ? r.ratio.toFixed(2) : '—',
  met: r.met === true ? 'met' : r.met === false ? 'NOT MET' : '—',
  note: r.note ?? '',
}));
const columns = ['group', 'figure', 'value', 'goal', 'ratio', 'met'];
const width = Object.fromEntries(
  columns.map((c) => [c, Math.max(c.length, ...table.map((t) => t[c].length))]),
);
const line = (t) =>
  columns
    .map((c) => (c === 'value' || c === 'ratio' ? t[c].padStart(width[c]) : t[c].padEnd(width[c])))
    .join('  ');
console.log(`\n${line(Object.fromEntries(columns.map((c) => [c, c])))}`);
console.log(columns.map((c) => '-'.repeat(width[c])).join('  '));
for (const t of table) {
  console.log(line(t));
  if (t.note) console.log(`${' '.repeat(width.group + 2)}↳ ${t.note}`);
}

const goals = rows.filter((r) => r.met === true || r.met === false);
const met = goals.filter((r) => r.met === true).length;
console.log(
  `\n${met} of ${goals.length} goals met${failures.length > 0 ? `; modules that failed: ${failures.join(', ')}` : ''}.`,
);
console.log(
  'Ratios compare figures measured in this run on this machine; absolute numbers vary between runs and machines.',
);
if (process.env.BENCH_JSON) {
  fs.writeFileSync(
    process.env.BENCH_JSON,
    `${JSON.stringify({ machine: { cores: os.cpus().length, cpu, node: process.version }, quick: ctx.quick, rows }, null, 2)}\n`,
  );
}
process.exitCode = failures.length > 0 ? 1 : 0;
