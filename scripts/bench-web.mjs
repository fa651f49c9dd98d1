// `npm run bench:web`: Lighthouse (mobile defaults) against the built app served by `backchain serve`,
// printing the category scores, the key metrics and the first-load gzipped JS; HTML reports go to
// test-artifacts/lighthouse/. Needs a build (`npm run build`) and chromium (CHROME_PATH, /usr/bin/chromium).
// Each page is measured BENCH_WEB_RUNS times (3 unless set) and the median run is shown: on a busy
// machine one run's blocking time can be several times another's. `measurePages` is also used by the
// `web` module of `npm run bench` (scripts/bench/web.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webRoot = path.join(root, 'dist', 'web');
const cli = path.join(root, 'dist', 'cli', 'main.js');
const reports = path.join(root, 'test-artifacts', 'lighthouse');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PAGES = [
  { name: 'home', route: '/' },
  { name: 'intake', route: '/#/intake' },
];
/** Runs Lighthouse could not record that are tried again, per page. */
const RETRIES = 3;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = [
  ['FCP', 'first-contentful-paint', (v) => `${(v / 1000).toFixed(2)} s`],
  ['LCP', 'largest-contentful-paint', (v) => `${(v / 1000).toFixed(2)} s`],
  ['TBT', 'total-blocking-time', (v) => `${Math.round(v)} ms`],
  ['CLS', 'cumulative-layout-shift', (v) => v.toFixed(3)],
  ['bytes', 'total-byte-weight', (v) => `${(v / 1024).toFixed(1)} kB`],
];

/** Starts `backchain serve --port 0` on a fresh data folder and resolves with its address. */
function startServer(dataDir) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
  });
  let out = '';
  const address = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 20_000);
    const onData = (chunk) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${out}`));
    });
  });
  return { child, address };
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, n) => {
      const line = r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
      return n === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** How many Lighthouse runs a page gets: the median is reported (BENCH_WEB_RUNS, at least 1). */
export function runsWanted(fallback = 3) {
  const n = Number(process.env.BENCH_WEB_RUNS);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/**
 * The run in the middle by performance score, ties broken by total blocking time: one real run, so its
 * figures belong together (a median of each metric separately could describe no run at all).
 */
function medianRun(lhrs) {
  const perf = (lhr) => lhr.categories.performance?.score ?? 0;
  const tbt = (lhr) => lhr.audits['total-blocking-time']?.numericValue ?? 0;
  const sorted = [...lhrs].sort((a, b) => perf(a) - perf(b) || tbt(b) - tbt(a));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Serves the built app and runs Lighthouse on each page `runs` times, each run in a fresh browser so
 * one run's stored data (IndexedDB, service worker) cannot help the next. Resolves with the first-load
 * figures and, per page, the median run and every run's performance score and blocking time.
 */
export async function measurePages({
  runs = runsWanted(),
  log = (line) => process.stderr.write(line),
} = {}) {
  if (!fs.existsSync(path.join(webRoot, 'index.html')) || !fs.existsSync(cli)) {
    throw new Error(
      'bench:web needs the built app: run `npm run build` first (dist/web/index.html is missing).',
    );
  }
  if (!fs.existsSync(chromePath)) {
    throw new Error(
      `bench:web needs chromium at ${chromePath}: apt-get install chromium, or set CHROME_PATH.`,
    );
  }
  const firstLoad = await tsImport(
    pathToFileURL(path.join(root, 'e2e', 'first-load.ts')).href,
    import.meta.url,
  );
  const load = firstLoad.measureFirstLoad(webRoot);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-bench-'));
  const server = startServer(dataDir);
  let chrome;
  const cleanUp = () => {
    chrome?.kill();
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  try {
    const base = await server.address;
    fs.mkdirSync(reports, { recursive: true });
    const pages = [];
    for (const { name, route } of PAGES) {
      const url = `${base}${route}`;
      const done = [];
      // A run Lighthouse itself could not record (NO_NAVSTART and the like, on a busy machine) is tried
      // again, up to RETRIES times in all; a page that never loads still fails the bench.
      let retries = 0;
      for (let n = 1; n <= runs; n += 1) {
        log(`lighthouse (mobile): ${url}${runs > 1 ? ` (run ${n} of ${runs})` : ''}\n`);
        chrome = await chromeLauncher.launch({ chromePath, chromeFlags, logLevel: 'silent' });
        const result = await lighthouse(url, {
          port: chrome.port,
          output: ['html', 'json'],
          logLevel: 'error',
          onlyCategories: CATEGORIES,
        });
        chrome.kill();
        chrome = undefined;
        if (!result) throw new Error(`lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError) {
          const why = `${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
          if (retries >= RETRIES) throw new Error(why);
          retries += 1;
          log(`  ${why}; trying again\n`);
          n -= 1;
          continue;
        }
        for (const warning of lhr.runWarnings) log(`  warning: ${warning}\n`);
        done.push({ lhr, report: result.report });
      }
      const lhr = medianRun(done.map((d) => d.lhr));
      const { report } = done.find((d) => d.lhr === lhr);
      const [html, json] = Array.isArray(report) ? report : [report, ''];
      fs.writeFileSync(path.join(reports, `${name}.html`), html);
      fs.writeFileSync(path.join(reports, `${name}.json`), json);
      pages.push({
        name,
        lhr,
        runs: done.map((d) => ({
          performance: Math.round((d.lhr.categories.performance?.score ?? 0) * 100),
          tbt: d.lhr.audits['total-blocking-time']?.numericValue ?? 0,
        })),
      });
    }
    return { load, pages, firstLoad };
  } finally {
    cleanUp();
    process.removeListener('exit', cleanUp);
  }
}

async function main() {
  let measured;
  try {
    measured = await measurePages();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const { load, pages: results, firstLoad } = measured;
  const { describeFirstLoad, FIRST_LOAD_BUDGET } = firstLoad;
  const runs = results[0]?.runs.length ?? 0;
  console.log(
    `\nLighthouse 12, mobile defaults (simulated slow 4G, 4x CPU slowdown)${runs > 1 ? `, median of ${runs} runs` : ''}\n`,
  );
  console.log(
    table([
      ['page', ...CATEGORIES, ...METRICS.map(([label]) => label)],
      ...results.map(({ name, lhr }) => [
        name,
        ...CATEGORIES.map((c) => {
          const score = lhr.categories[c]?.score;
          return score === null || score === undefined ? 'n/a' : Math.round(score * 100);
        }),
        ...METRICS.map(([, id, format]) => {
          const value = lhr.audits[id]?.numericValue;
          return value === undefined ? 'n/a' : format(value);
        }),
      ]),
    ]),
  );
  for (const { name, lhr } of results) {
    const weak = Object.values(lhr.audits).filter(
      (a) => typeof a.score === 'number' && a.score < 0.9 && a.scoreDisplayMode !== 'informative',
    );
    if (weak.length === 0) continue;
    console.log(`\n${name}: audits scoring below 90`);
    for (const a of weak) {
      console.log(
        `  ${String(Math.round(a.score * 100)).padStart(3)}  ${a.id}${a.displayValue ? `: ${a.displayValue}` : ''}`,
      );
    }
  }
  console.log(`\n${describeFirstLoad(load)}`);
  console.log(`\nHTML reports: ${path.relative(root, reports)}/`);
  if (runs > 1) {
    console.log('\nevery run (performance / TBT):');
    for (const { name, runs: each } of results) {
      console.log(
        `  ${name}: ${each.map((r) => `${r.performance} / ${Math.round(r.tbt)} ms`).join(', ')}`,
      );
    }
  }
  return load.gzip > FIRST_LOAD_BUDGET ? 1 : 0;
}

// Run as a script (`npm run bench:web`), not when imported by the bench's web module.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(`bench:web failed: ${err instanceof Error ? err.stack : String(err)}`);
      process.exitCode = 1;
    },
  );
}
