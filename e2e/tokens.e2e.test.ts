// Access tokens on the Account screen in real Chromium: make one with a name, scopes and an expiry (shown
// once), see it listed with its last use, use it from a script, and revoke it. Axe-clean, 44 px targets.
import { describe, expect, it } from 'vitest';
import { signUp } from './flows.js';
import {
  axeScan,
  expectNoConsoleErrors,
  layoutProblems,
  MOBILE,
  screenshot,
  useE2E,
} from './harness.js';

const e2e = useE2E();

describe('access tokens on the Account screen', () => {
  it('makes a token shown once, lists it, lets a script read with it, and revokes it', async () => {
    const session = await e2e.open();
    const { page } = session;
    await signUp(page, e2e.base);
    const section = page.getByRole('region', { name: 'Access tokens' });
    await section.getByText('You have no access tokens.').waitFor();

    await section.getByLabel('Name').fill('Sleep tracker');
    // Read is ticked already; add export, so the token may do two things.
    await section.getByLabel(/Export your record/).check();
    await section.getByLabel('Expires after').selectOption('30');
    await section.getByRole('button', { name: 'Make token' }).click();
    const secret = section.getByLabel('The token', { exact: true });
    await secret.waitFor();
    const token = await secret.inputValue();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const item = section.getByRole('listitem').filter({ hasText: 'Sleep tracker' });
    await expect.poll(() => item.textContent()).toMatch(/read your data, export your record/);
    expect(await item.textContent()).toMatch(/last used never/);
    await screenshot(page, 'account-tokens');
    await axeScan(page, 'account-tokens');
    // Every control is a 44 px target, and the section fits the phone's width. (The long test email in
    // "Signed in as …" can widen the page itself; that is not this section's.)
    expect(
      (await layoutProblems(page, 'account-tokens', MOBILE.width)).filter((p) =>
        p.includes('small target'),
      ),
    ).toStrictEqual([]);
    expect(await section.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // The token works for what it may do, and for nothing else.
    const read = await fetch(`${e2e.base}/api/progress`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    const write = await fetch(`${e2e.base}/api/measurements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'toe-touch', value: 3 }),
    });
    expect(write.status).toBe(403);

    // Once copied, the secret goes; the list shows the use.
    await section.getByRole('button', { name: 'I have copied it' }).click();
    expect(await section.getByLabel('The token', { exact: true }).count()).toBe(0);
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Access tokens' })
          .getByRole('listitem')
          .filter({ hasText: 'Sleep tracker' })
          .textContent(),
      )
      .not.toMatch(/last used never/);

    await page
      .getByRole('region', { name: 'Access tokens' })
      .getByRole('button', { name: 'Revoke the token Sleep tracker' })
      .click();
    await page.getByText('The token “Sleep tracker” was revoked').waitFor();
    expect(
      (await fetch(`${e2e.base}/api/progress`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(401);
    await page.getByText('You have no access tokens.').waitFor();
    await axeScan(page, 'account-tokens-revoked');
    expectNoConsoleErrors(session);
  });
});
