// The app shell in real Chromium: the home page under the strict CSP, axe at phone and desktop sizes,
// the skip link, offline after the first visit, and no sideways scrolling at 320 px.
import { describe, expect, it } from 'vitest';
import {
  axeScan,
  expectNoConsoleErrors,
  NARROW,
  screenshot,
  useE2E,
  waitForServiceWorker,
} from './harness.js';

const e2e = useE2E();

const START = { name: 'Start the questions' } as const;

describe('home page', () => {
  it('loads at / with the strict CSP header and no console errors', async () => {
    const session = await e2e.open();
    const { page } = session;
    const response = await page.goto(`${e2e.base}/`);
    expect(response?.status()).toBe(200);
    const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    await expect.poll(() => page.getByRole('link', START).isVisible()).toBe(true);
    await expect.poll(() => page.title()).toContain('Backchain');
    await page.waitForLoadState('networkidle');
    expectNoConsoleErrors(session);
  });

  it('has no axe violations on a phone (360 px)', async () => {
    const { page } = await e2e.open();
    await page.goto(`${e2e.base}/`);
    await page.getByRole('link', START).waitFor();
    await screenshot(page, 'home-360');
    await axeScan(page, 'home-360');
  });

  it('has no axe violations on a desktop (1280 px)', async () => {
    const { page } = await e2e.openDesktop();
    await page.goto(`${e2e.base}/`);
    await page.getByRole('link', START).waitFor();
    await screenshot(page, 'home-1280');
    await axeScan(page, 'home-1280');
  });

  it('has a skip link that is the first Tab stop and moves focus to the main content', async () => {
    const { page } = await e2e.open();
    await page.goto(`${e2e.base}/`);
    await page.getByRole('link', START).waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      href: document.activeElement?.getAttribute('href'),
    }));
    expect(first).toEqual({ text: 'Skip to content', href: '#main' });
    // Visible while focused (it sits off-screen otherwise).
    const box = await page.getByRole('link', { name: 'Skip to content' }).boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The route is unchanged: the skip link does not navigate.
    expect(new URL(page.url()).hash).toBe('');
  });

  it('works offline after the first visit', async () => {
    const session = await e2e.open();
    const { page, context } = session;
    await page.goto(`${e2e.base}/`);
    await page.getByRole('link', START).waitFor();
    await waitForServiceWorker(page);
    await context.setOffline(true);
    // Whatever still tries the network while offline fails loudly in the console; that is expected here.
    session.allowed.push(/ERR_INTERNET_DISCONNECTED/);
    await page.reload();
    await expect.poll(() => page.getByRole('link', START).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('You are offline.').isVisible()).toBe(true);
    // A screen loaded lazily comes from the service worker's cache too.
    await page.getByRole('link', START).click();
    await page.locator('h1#screen-title').waitFor();
    expect(await page.getByText('This screen could not be loaded').count()).toBe(0);
  });

  it('does not scroll sideways at 320 px', async () => {
    const { page } = await e2e.open(NARROW);
    await page.goto(`${e2e.base}/`);
    await page.getByRole('link', START).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(NARROW.width);
    await screenshot(page, 'home-320');
  });
});
