// Account mode in real Chromium: data saved to the server survives a server restart, and a check-in
// made offline is kept on the device and arrives exactly once when the network returns.
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkIn, completeIntake, PASSWORD, signUp as signUpAt } from './flows.js';
import {
  axeScan,
  expectNoConsoleErrors,
  screenshot,
  useE2E,
  waitForServiceWorker,
} from './harness.js';

const e2e = useE2E();
const signUp = (page: Parameters<typeof signUpAt>[0]) => signUpAt(page, e2e.base);

async function listed(context: BrowserContext, path: string): Promise<unknown[]> {
  const response = await context.request.get(`${e2e.base}${path}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: unknown[] }).items;
}

describe('account mode', () => {
  it('signs up, saves to the server, and after a server restart the data is still there', async () => {
    const session = await e2e.open();
    const { page, context } = session;
    const email = await signUp(page);
    await screenshot(page, 'account-signed-in');
    await axeScan(page, 'account-signed-in');
    await completeIntake(page, e2e.base);
    await expect
      .poll(() => page.locator('h1#screen-title').textContent())
      .toMatch(/No warning signs found/);
    expect(await listed(context, '/api/assessments')).toHaveLength(1);

    await e2e.restartServer();
    // The new server listens on a new port, which is a new origin for the browser: log in there.
    await page.goto(`${e2e.base}/#/account`);
    await page.getByLabel('Email').waitFor();
    await page.getByText('Log in instead').click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    await page.goto(`${e2e.base}/#/result`);
    await expect
      .poll(() => page.locator('h1#screen-title').textContent())
      .toMatch(/No warning signs found/);
    await page.goto(`${e2e.base}/#/programme`);
    await page.getByRole('link', { name: /Start today.s session/ }).waitFor();
    expect(await listed(context, '/api/assessments')).toHaveLength(1);
    expectNoConsoleErrors(session);
  });

  it('keeps a check-in made offline and sends it once when the network returns', async () => {
    const session = await e2e.open();
    const { page, context } = session;
    await signUp(page);
    await completeIntake(page, e2e.base);
    await page.goto(`${e2e.base}/`);
    await waitForServiceWorker(page);
    expect(await listed(context, '/api/checkins')).toHaveLength(0);

    await context.setOffline(true);
    // Requests the app makes while offline fail in the console by design.
    session.allowed.push(/ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/);
    await page.reload();
    await checkIn(page, e2e.base, 4);
    await page.getByText(/Saved on this device/).waitFor();
    await screenshot(page, 'checkin-offline');
    await axeScan(page, 'checkin-offline');

    await context.setOffline(false);
    await expect
      .poll(async () => (await listed(context, '/api/checkins')).length, { timeout: 15_000 })
      .toBe(1);
    // Reloading online flushes the outbox again: there is nothing left to send twice.
    await page.reload();
    await page.locator('h1#screen-title').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await listed(context, '/api/checkins')).toHaveLength(1);
    await page.goto(`${e2e.base}/#/progress`);
    await expect
      .poll(() => page.locator('[data-chart="pain"]').getAttribute('data-points'))
      .toBe('1');
    expectNoConsoleErrors(session);
  });
});
