// Every screen, with data behind it, scanned by axe and photographed at a phone's and a desktop's width.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkinWarningGroups, completeIntake, openRoute } from './flows.js';
import {
  ARTIFACTS,
  axeScan,
  DESKTOP,
  expectNoConsoleErrors,
  layoutProblems,
  MOBILE,
  NARROW,
  screenshot,
  useE2E,
} from './harness.js';

const e2e = useE2E();

const SCREENS: { route: string; name: string; ready: (page: Page) => Promise<unknown> }[] = [
  {
    route: '',
    name: 'home-returning',
    ready: (p) => p.getByRole('link', { name: /Today.s programme/ }).waitFor(),
  },
  {
    route: 'intake',
    name: 'intake',
    ready: (p) => p.getByRole('heading', { name: /Step 1 of/ }).waitFor(),
  },
  {
    route: 'result',
    name: 'result',
    ready: (p) => p.getByText('Why we think so').first().waitFor(),
  },
  {
    route: 'programme',
    name: 'programme',
    ready: (p) => p.getByRole('link', { name: /Start today.s session/ }).waitFor(),
  },
  {
    route: 'session',
    name: 'session',
    ready: (p) => p.getByRole('button', { name: 'Start', exact: true }).waitFor(),
  },
  {
    route: 'checkin',
    name: 'checkin',
    ready: (p) => p.getByRole('button', { name: 'Save check-in' }).waitFor(),
  },
  {
    route: 'progress',
    name: 'progress',
    ready: (p) => p.getByRole('heading', { name: 'This week' }).waitFor(),
  },
  {
    route: 'measure',
    name: 'measure',
    ready: (p) => p.getByRole('button', { name: 'Start measuring' }).waitFor(),
  },
  {
    route: 'learn',
    name: 'learn',
    ready: (p) => p.getByLabel('How tight are the hamstrings?').waitFor(),
  },
  {
    route: 'learn/posterior-chain-pelvic-tilt',
    name: 'learn-topic',
    ready: (p) =>
      p
        .getByText(/Sources|Source/)
        .first()
        .waitFor(),
  },
  {
    route: 'reminders',
    name: 'reminders',
    ready: (p) => p.getByRole('button', { name: 'Download calendar file' }).waitFor(),
  },
  {
    route: 'report',
    name: 'report',
    ready: (p) => p.getByRole('button', { name: 'Print or save as PDF' }).waitFor(),
  },
  {
    route: 'account',
    name: 'account',
    ready: (p) => p.getByRole('button', { name: 'Create account' }).waitFor(),
  },
];

describe.each([
  ['phone', MOBILE],
  ['desktop', DESKTOP],
] as const)('every screen on a %s', (label, viewport) => {
  it('has no axe violations, and a screenshot is kept', async () => {
    const session = await e2e.open(viewport);
    const { page } = session;
    await completeIntake(page, e2e.base);
    for (const screen of SCREENS) {
      await openRoute(page, e2e.base, screen.route);
      await screen.ready(page);
      await screenshot(page, `screen-${screen.name}-${label}`);
      await axeScan(page, `${screen.name} (${label})`);
    }
    expectNoConsoleErrors(session);
  });
});

describe('narrow screens', () => {
  it('no screen scrolls sideways at 320 px, and every control is a 44 px target', async () => {
    const session = await e2e.open(NARROW);
    const { page } = session;
    await completeIntake(page, e2e.base);
    const wide: string[] = [];
    for (const screen of SCREENS) {
      await openRoute(page, e2e.base, screen.route);
      await screen.ready(page);
      // No sideways scrolling, and targets at least 44 px both ways (links inside running text are exempt).
      wide.push(...(await layoutProblems(page, screen.name, NARROW.width)));
    }
    expect(wide).toEqual([]);
    expectNoConsoleErrors(session);
  });
});

describe('keyboard alone', () => {
  it('answers warning-sign questions with the keyboard only, and a Yes stops them with focus on the advice', async () => {
    const session = await e2e.open(DESKTOP);
    const { page } = session;
    await page.goto(`${e2e.base}/#/intake`);
    await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
    // Tab to the first radio of the first question and choose "No" with an arrow key (Yes is first, and
    // a Yes stops the questions at once, so it is never passed through on the way to No).
    const first = page.locator('main input[type=radio]').first();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await first.evaluate((el) => el === document.activeElement)) break;
    }
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await first.isChecked()).toBe(false);
    await page.keyboard.press('ArrowRight');
    const group = page.locator('main fieldset').first();
    expect(await group.getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(true);
    // Every focusable control shows where focus is.
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? getComputedStyle(el).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
    // The next question, and Space on its Yes: the warning takes the screen and keyboard focus at once.
    await page.keyboard.press('Tab');
    const bladderYes = page
      .getByRole('group', { name: /starting or stopping urine/ })
      .getByRole('radio', { name: 'Yes', exact: true });
    expect(await bladderYes.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await page
      .getByRole('heading', { name: /^Emergency: go to an emergency department now/ })
      .waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('screen-title');
    // The way back to the questions is a button the keyboard reaches.
    const back = page.getByRole('button', { name: 'Back to the questions' });
    for (let i = 0; i < 40; i++) {
      if (await back.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await back.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
    expectNoConsoleErrors(session);
  });
});

describe('the clinician report', () => {
  it('prints on one page, without the navigation', async () => {
    const session = await e2e.open(DESKTOP);
    const { page } = session;
    await completeIntake(page, e2e.base);
    await openRoute(page, e2e.base, 'report');
    await page.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(
      false,
    );
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: true });
      fs.mkdirSync(path.join(ARTIFACTS, 'pdf'), { recursive: true });
      fs.writeFileSync(path.join(ARTIFACTS, 'pdf', `report-${format}.pdf`), pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length, `${format} pages`).toBe(1);
    }
    expectNoConsoleErrors(session);
  });
});

describe('the clinician report with a warning reported since', () => {
  it('shows the warning in an ordinary block and still prints on one page', async () => {
    const session = await e2e.open(DESKTOP);
    const { page } = session;
    await completeIntake(page, e2e.base);
    // An emergency reported at a check-in pauses the programme; the report shows it after the result.
    await openRoute(page, e2e.base, 'checkin');
    await checkinWarningGroups(page)
      .first()
      .getByRole('radio', { name: 'Yes', exact: true })
      .click();
    await page.getByText(/^Your answer is saved\./).waitFor();
    // Home first, so the emergency panel's styles are loaded when the report is drawn.
    await openRoute(page, e2e.base, '');
    await page.locator('.level-panel.level-emergency').waitFor();
    await openRoute(page, e2e.base, 'report');
    const pause = page.locator('#report-pause').locator('..');
    await pause.waitFor();
    expect(await pause.textContent()).toMatch(/Emergency: go to an emergency department now/);
    // The report's block is not the full-screen emergency panel: no minimum height, dark ink.
    const style = await pause.evaluate((el) => {
      const css = getComputedStyle(el);
      return {
        minHeight: parseFloat(css.minHeight) || 0,
        boxShadow: css.boxShadow,
        color: css.color,
      };
    });
    expect(style).toEqual({ minHeight: 0, boxShadow: 'none', color: 'rgb(29, 42, 48)' });
    await screenshot(page, 'report-with-emergency-since');
    await axeScan(page, 'report-with-emergency-since');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.mkdirSync(path.join(ARTIFACTS, 'pdf'), { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'pdf', 'report-emergency-since-A4.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    expectNoConsoleErrors(session);
  });
});

describe('reduced motion', () => {
  it('shows numbered key poses instead of an animation when the person asks for less motion', async () => {
    const session = await e2e.open(MOBILE, { reducedMotion: 'reduce' });
    const { page } = session;
    await completeIntake(page, e2e.base);
    await openRoute(page, e2e.base, 'session');
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    const figure = page.locator('main .figure svg').first();
    expect(await figure.locator('[data-pose]').count()).toBeGreaterThanOrEqual(2);
    // Still: the picture does not change while time passes.
    const before = await figure.innerHTML();
    await page.waitForTimeout(500);
    expect(await figure.innerHTML()).toBe(before);
    await screenshot(page, 'session-reduced-motion');
    expectNoConsoleErrors(session);
  });

  it('animates the figure otherwise', async () => {
    const session = await e2e.open(MOBILE, { reducedMotion: 'no-preference' });
    const { page } = session;
    await completeIntake(page, e2e.base);
    await openRoute(page, e2e.base, 'session');
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    const figure = page.locator('main .figure svg').first();
    expect(await figure.locator('[data-pose]').count()).toBe(0);
    const before = await figure.innerHTML();
    await expect.poll(() => figure.innerHTML(), { timeout: 5_000 }).not.toBe(before);
    expectNoConsoleErrors(session);
  });
});
