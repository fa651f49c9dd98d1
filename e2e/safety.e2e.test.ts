// The safety paths in real Chromium: an emergency answer shows what to do now and no programme anywhere;
// pain getting sharper during an exercise drops it at once and offers a gentler one.
import { describe, expect, it } from 'vitest';
import { answerAfterExercise, answerWarningSigns, completeIntake, SESSION_LINK } from './flows.js';
import { axeScan, expectNoConsoleErrors, screenshot, useE2E } from './harness.js';

const e2e = useE2E();

const EMERGENCY_HEADING = 'Emergency: go to an emergency department now';

describe('the emergency path', () => {
  it('a bladder change stops the questions, fills the screen with what to do, and no screen offers a programme', async () => {
    const session = await e2e.open();
    const { page } = session;
    await page.goto(`${e2e.base}/#/intake`);
    await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
    await answerWarningSigns(page, [/starting or stopping urine/]);
    // The answer stops the questions at once: no button to press, no more questions.
    await page.getByRole('heading', { name: EMERGENCY_HEADING }).waitFor();
    expect(await page.getByRole('heading', { name: /Step \d of/ }).count()).toBe(0);
    expect(await page.locator('main a[href="#/programme"]').count()).toBe(0);
    expect(await page.locator('main a[href^="tel:"]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('main').textContent()).toMatch(/emergency department/i);
    await page.getByText('Your answer is saved.', { exact: false }).waitFor();
    await screenshot(page, 'emergency-from-intake');
    await axeScan(page, 'emergency-from-intake');

    // Stored at once: after a reload, Home leads with it.
    await page.goto(`${e2e.base}/`);
    await page.getByRole('heading', { name: EMERGENCY_HEADING }).waitFor();
    await screenshot(page, 'home-emergency');
    await axeScan(page, 'home-emergency');

    for (const route of ['programme', 'session', 'reminders', 'report']) {
      await page.goto(`${e2e.base}/#/${route}`);
      await page.locator('h1#screen-title').waitFor();
      await expect
        .poll(() => page.locator('main').textContent(), {
          message: `#/${route} shows the emergency`,
        })
        .toMatch(/emergency/i);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(await page.getByRole('link', { name: SESSION_LINK }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Start', exact: true }).count()).toBe(0);
      for (const exercise of ['knee-to-chest', 'Glute bridge', 'Hamstring', 'march']) {
        expect(text, `#/${route} names the exercise ${exercise}`).not.toMatch(
          new RegExp(exercise, 'i'),
        );
      }
      await screenshot(page, `emergency-${route}`);
    }
    expectNoConsoleErrors(session);
  });
});

describe('the stop-rule path', () => {
  it('pain getting sharper (without spreading) drops the exercise at once and offers a gentler one', async () => {
    const session = await e2e.open();
    const { page } = session;
    await page.clock.install();
    await completeIntake(page, e2e.base);
    await page.goto(`${e2e.base}/#/session`);
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    const name = ((await page.locator('main .player-title').textContent()) ?? '').trim();
    expect(name.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.clock.runFor(2_000);
    await page.getByRole('button', { name: 'Stop: pain got worse' }).click();
    await answerAfterExercise(page, { sharper: true, spread: false });
    // The change is said in words at once, before anything else happens, and the session goes on with
    // the next exercise.
    await expect
      .poll(() => page.locator('main').textContent())
      .toMatch(/out of your programme|instead/i);
    await expect.poll(() => page.locator('main .player-title').textContent()).not.toBe(name);
    expect(await page.getByRole('heading', { name: 'No more exercise today' }).count()).toBe(0);
    await screenshot(page, 'stop-rule-dropped');
    await axeScan(page, 'stop-rule-dropped');

    // A new session no longer starts with it: it is out of the programme.
    await page.goto(`${e2e.base}/#/programme`);
    await page.getByRole('link', { name: SESSION_LINK }).click();
    await page.locator('main .player-title').waitFor();
    const names = await page.locator('main h2').allTextContents();
    expect(names.map((n) => n.trim())).not.toContain(name);
    expectNoConsoleErrors(session);
  });
});
