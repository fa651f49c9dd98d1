// `npm run bench:web`: Lighthouse (mobile defaults) against the built app served by `backchain serve`,
// printing the category scores, the key metrics and the first-load gzipped JS; HTML reports go to
// test-artifacts/lighthouse/. Needs a build (`npm run build`) and chromium (CHROME_PATH, /usr/bin/chromium).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function main() {
  if (!fs.existsSync(path.join(webRoot, 'index.html')) || !fs.existsSync(cli)) {
    console.error(
      'bench:web needs the built app: run `npm run build` first (dist/web/index.html is missing).',
    );
    return 1;
  }
  if (!fs.existsSync(chromePath)) {
    console.error(
      `bench:web needs chromium at ${chromePath}: apt-get install chromium, or set CHROME_PATH.`,
    );
    return 1;
  }

  const { measureFirstLoad, describeFirstLoad, FIRST_LOAD_BUDGET } = await tsImport(
    '../e2e/first-load.ts',
    import.meta.url,
  );
  const load = measureFirstLoad(webRoot);

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
    const results = [];
    // A fresh browser per page, so one page's stored data (IndexedDB, service worker) cannot help the next.
    for (const { name, route } of PAGES) {
      const url = `${base}${route}`;
      process.stderr.write(`lighthouse (mobile): ${url}\n`);
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
        throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      }
      const [html, json] = Array.isArray(result.report) ? result.report : [result.report, ''];
      fs.writeFileSync(path.join(reports, `${name}.html`), html);
      fs.writeFileSync(path.join(reports, `${name}.json`), json);
      for (const warning of lhr.runWarnings) process.stderr.write(`  warning: ${warning}\n`);
      results.push({ name, lhr });
    }

    console.log('\nLighthouse 12, mobile defaults (simulated slow 4G, 4x CPU slowdown)\n');
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
    return load.gzip > FIRST_LOAD_BUDGET ? 1 : 0;
  } finally {
    cleanUp();
    process.removeListener('exit', cleanUp);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`bench:web failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exitCode = 1;
  },
);
