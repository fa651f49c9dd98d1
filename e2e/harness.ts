// End-to-end harness: the built `backchain serve` as a real process, Debian's chromium via playwright-core,
// one browser context per test that records console errors, uncaught errors and CSP violations, and
// helpers for axe scans, screenshots (test-artifacts/screenshots) and opening a screen by its route.
import { AxeBuilder } from '@axe-core/playwright';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type ViewportSize,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { href, type RouteId } from '../src/web/router.js';
import { killAll, startServe, stop, type Server } from '../test/process.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS = path.join(repoRoot, 'test-artifacts');

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone: the size every screen is designed for first. */
export const MOBILE: ViewportSize = { width: 360, height: 740 };
/** A larger phone, the width the screenshots of new screens are reviewed at. */
export const PHONE: ViewportSize = { width: 390, height: 844 };
/** A laptop. */
export const DESKTOP: ViewportSize = { width: 1280, height: 800 };
/** The narrowest width the app must work at (WCAG reflow). */
export const NARROW: ViewportSize = { width: 320, height: 640 };

/**
 * Browser tests are slow on two cores: the longest walks (three days of sittings, the clinician's
 * loop) take about a minute when the machine is busy, so each test and hook may take two.
 */
export const E2E_TIMEOUT = 120_000;

/** One browser context and its page, with what went wrong in it so far. */
export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and CSP violations, as readable lines. */
  problems: string[];
  /** Patterns of problems this test expects (e.g. a failed fetch while offline); they are not reported. */
  allowed: RegExp[];
}

export interface E2E {
  /** The running server's address, e.g. `http://127.0.0.1:40123` (changes after `restartServer`). */
  readonly base: string;
  readonly browser: Browser;
  readonly server: Server;
  /** This test file's data folder (SQLite), kept across `restartServer`. */
  readonly dataDir: string;
  /** A fresh context (no storage, no service worker) with a page, at `viewport` (a phone by default). */
  open: (viewport?: ViewportSize, options?: BrowserContextOptions) => Promise<Session>;
  /** The same at 1280x800. */
  openDesktop: (options?: BrowserContextOptions) => Promise<Session>;
  /** Stops the server and starts it again on the same data (on a new port: `base` changes). */
  restartServer: () => Promise<void>;
}

/** Launches Debian's chromium (or CHROME_PATH) headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROME_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Reports CSP violations from inside the page (the console also says "Refused to ..."). */
function reportCspViolations(): void {
  document.addEventListener('securitypolicyviolation', (event) => {
    const report = (window as unknown as { __e2eCsp?: (line: string) => void }).__e2eCsp;
    const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
    report?.(
      `${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}${where}` +
        (event.sample ? ` (${event.sample})` : ''),
    );
  });
}

function watch(session: Session, page: Page): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    session.problems.push(
      `console error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''} on ${page.url()}`,
    );
  });
  page.on('pageerror', (error) => {
    session.problems.push(`uncaught error: ${error.stack ?? error.message} on ${page.url()}`);
  });
}

/** Opens a new context and page on `browser` that record their problems. */
export async function openSession(
  browser: Browser,
  viewport: ViewportSize = MOBILE,
  options: BrowserContextOptions = {},
): Promise<Session> {
  const context = await browser.newContext({ viewport, ...options });
  const session: Session = {
    context,
    page: undefined as unknown as Page,
    problems: [],
    allowed: [],
  };
  await context.exposeBinding('__e2eCsp', (_source, line: string) => {
    session.problems.push(`CSP violation: ${line}`);
  });
  await context.addInitScript(reportCspViolations);
  context.on('page', (page) => {
    watch(session, page);
  });
  session.page = await context.newPage();
  return session;
}

/** Throws when the session saw console errors, uncaught errors or CSP violations not in `allowed`. */
export function expectNoConsoleErrors(session: Session, ...allowed: RegExp[]): void {
  const patterns = [...session.allowed, ...allowed];
  const unexpected = session.problems.filter((p) => !patterns.some((re) => re.test(p)));
  if (unexpected.length > 0) {
    throw new Error(
      `The page reported ${unexpected.length} problem(s):\n${unexpected.map((p) => `- ${p}`).join('\n')}`,
    );
  }
}

/** A safe file name: letters, digits, dots, underscores and dashes. */
function fileName(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}

/** Saves a full-page PNG to test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, 'screenshots', `${fileName(name)}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}

export type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The violations as a list a person can act on: rule, impact, what to do, and each element. */
export function describeViolations(results: AxeResults): string {
  return results.violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const summary = (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ');
        return `    ${n.target.join(' ')}: ${summary}\n      ${n.html.slice(0, 200)}`;
      });
      return `- ${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now; throws a readable list of violations,
 * and keeps the full results in test-artifacts/axe/<name>.json when there are any.
 */
export async function axeScan(page: Page, name: string): Promise<AxeResults> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  if (results.violations.length > 0) {
    const file = path.join(ARTIFACTS, 'axe', `${fileName(name)}.json`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(results.violations, null, 2));
    throw new Error(
      `axe found ${results.violations.length} violation(s) on ${name} (${page.url()}):\n${describeViolations(results)}`,
    );
  }
  return results;
}

/**
 * What a person on a narrow screen would trip on, as readable lines: the page scrolling sideways beyond
 * `width`, and controls smaller than a 44 px target either way (links inside running text are exempt).
 */
export async function layoutProblems(page: Page, name: string, width: number): Promise<string[]> {
  const problems: string[] = [];
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) problems.push(`${name}: ${scrollWidth}px`);
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main button, main .button, main .choice, main select, main input:not([type=radio]):not([type=checkbox]), .menu-button',
      ),
    ]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(
        ({ el, box }) =>
          `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
      ),
  );
  for (const s of small) problems.push(`${name}: small target ${s}`);
  return problems;
}

/**
 * Opens a screen by its route (`gotoScreen(page, base, 'learn', 'sitting')` opens `#/learn/sitting`)
 * and waits for its one heading, `h1#screen-title`.
 */
export async function gotoScreen(
  page: Page,
  base: string,
  route: RouteId,
  ...params: string[]
): Promise<void> {
  await page.goto(`${base}/${href(route, ...params)}`);
  await page.locator('h1#screen-title').waitFor({ state: 'visible' });
}

/**
 * Waits until the service worker is active and controls the page (reloading once if it does not yet),
 * so that the app keeps working after `context.setOffline(true)`.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = () => page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!(await controlled())) {
    // clientsClaim usually takes the page over at once; give it a moment before reloading.
    await page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
        timeout: 5_000,
      })
      .catch(async () => {
        await page.reload();
      });
  }
  if (!(await controlled())) throw new Error('the service worker does not control the page');
}

/**
 * Sets up a test file: the built server on a temporary data folder and one chromium for the file
 * (`beforeAll`), contexts closed and their problems checked after each test (`afterEach`: a test fails
 * when its pages logged an error or a CSP violation), everything stopped in `afterAll`.
 * Call it once at the top of the file.
 */
export function useE2E(): E2E {
  vi.setConfig({ testTimeout: E2E_TIMEOUT, hookTimeout: E2E_TIMEOUT });
  let browser: Browser | undefined;
  let server: Server | undefined;
  let dataDir: string | undefined;
  let sessions: Session[] = [];

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`${what} is not ready: call useE2E() at the top level`);
    return value;
  };

  beforeAll(async () => {
    for (const file of ['dist/cli/main.js', 'dist/web/index.html']) {
      if (!fs.existsSync(path.join(repoRoot, file))) {
        throw new Error(`${file} is missing: run \`npm run build\` before the e2e tests`);
      }
    }
    if (!fs.existsSync(CHROME_PATH)) {
      throw new Error(
        `no chromium at ${CHROME_PATH}: apt-get install chromium, or set CHROME_PATH (.ci/run installs it)`,
      );
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backchain-e2e-'));
    [server, browser] = await Promise.all([startServe(dataDir), launchChromium()]);
  });

  afterEach(async (context) => {
    const open = sessions;
    sessions = [];
    const failed = context.task.result?.state === 'fail';
    const problems: string[] = [];
    for (const [i, session] of open.entries()) {
      if (failed && !session.page.isClosed()) {
        const name = `failed-${context.task.name}${open.length > 1 ? `-${i + 1}` : ''}`;
        await screenshot(session.page, name).catch(() => undefined);
      }
      await session.context.close().catch(() => undefined);
      try {
        expectNoConsoleErrors(session);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (problems.length > 0 && !failed) throw new Error(problems.join('\n'));
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stop(server);
    killAll();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const e2e: E2E = {
    get base() {
      return need(server, 'the server').base;
    },
    get browser() {
      return need(browser, 'chromium');
    },
    get server() {
      return need(server, 'the server');
    },
    get dataDir() {
      return need(dataDir, 'the data folder');
    },
    open: async (viewport = MOBILE, options = {}) => {
      const session = await openSession(e2e.browser, viewport, options);
      sessions.push(session);
      return session;
    },
    openDesktop: (options = {}) => e2e.open(DESKTOP, options),
    restartServer: async () => {
      await stop(e2e.server);
      server = undefined;
      server = await startServe(e2e.dataDir);
    },
  };
  return e2e;
}
