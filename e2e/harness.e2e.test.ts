// Tests of the e2e harness itself: it must notice CSP violations, console and uncaught errors and axe
// violations, or every other browser test would pass for the wrong reason.
import { describe, expect, it } from 'vitest';
import { axeScan, expectNoConsoleErrors, gotoScreen, useE2E } from './harness.js';

const e2e = useE2E();

describe('the e2e harness', () => {
  it('records an inline style and an inline script blocked by the CSP', async () => {
    const session = await e2e.open();
    const { page } = session;
    await page.goto(`${e2e.base}/`);
    await page.locator('h1#screen-title').waitFor();
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.setAttribute('style', 'color: red');
      document.body.append(div);
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await expect
      .poll(() => session.problems.filter((p) => p.startsWith('CSP violation')).length)
      .toBeGreaterThanOrEqual(2);
    expect(session.problems.join('\n')).toMatch(/CSP violation: style-src-attr blocked inline/);
    expect(session.problems.join('\n')).toMatch(/CSP violation: script-src-elem blocked inline/);
    expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
    expect(() => {
      expectNoConsoleErrors(session);
    }).toThrow(/problem\(s\):\n- /);
    // Handled here: clear them so the automatic check after the test passes.
    session.problems.length = 0;
  });

  it('records console errors and uncaught errors, and lets a test allow the ones it expects', async () => {
    const session = await e2e.open();
    const { page } = session;
    await page.goto(`${e2e.base}/`);
    await page.evaluate(() => {
      console.error('something broke');
      setTimeout(() => {
        throw new Error('thrown later');
      }, 0);
    });
    await expect.poll(() => session.problems.length).toBe(2);
    expect(session.problems[0]).toMatch(/^console error: something broke/);
    expect(session.problems[1]).toMatch(/^uncaught error: Error: thrown later/);
    expect(() => {
      expectNoConsoleErrors(session, /something broke/);
    }).toThrow(/thrown later/);
    session.allowed.push(/something broke/, /thrown later/);
    expectNoConsoleErrors(session);
  });

  it('reports axe violations by rule and element', async () => {
    const { page } = await e2e.open();
    await gotoScreen(page, e2e.base, 'home');
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'unlabelled-field';
      document.querySelector('main')?.append(input);
    });
    await expect(axeScan(page, 'harness-self-test')).rejects.toThrow(
      /axe found 1 violation\(s\) on harness-self-test[\s\S]*- label \(critical\)[\s\S]*#unlabelled-field/,
    );
  });

  it('shows that without a service worker the page does not load offline (the offline test means something)', async () => {
    const session = await e2e.open(undefined, { serviceWorkers: 'block' });
    const { page, context } = session;
    await page.goto(`${e2e.base}/`);
    await context.setOffline(true);
    session.allowed.push(/ERR_INTERNET_DISCONNECTED/);
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  });
});
