// Sittings as people do them, over three days on the page clock: a twice-a-day programme, a reload in the
// middle of a sitting that carries on where it stopped, the second sitting holding only what is still due,
// about ten taps for a whole sitting with no changes, and the same counts on Progress and the report.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeIntake, openRoute, signUp, TIGHT_HAMSTRINGS } from './flows.js';
import { screenshot, useE2E } from './harness.js';

const e2e = useE2E();

/**
 * Runs one exercise of the sitting by the clock alone (no tap: the countdowns, holds, rests and the pace
 * move on by themselves), then answers "No change" and "Not too easy": two taps. Returns the taps made.
 */
async function exerciseWithoutTaps(page: Page): Promise<number> {
  const questions = page.locator('main form.questions');
  for (let guard = 0; guard < 200 && !(await questions.isVisible()); guard++) {
    await page.clock.runFor(5_000);
  }
  await questions.waitFor();
  await page
    .getByRole('group', { name: 'Any change in your pain or legs?' })
    .getByRole('radio', { name: 'No change in my pain or legs' })
    .check();
  // The second tap saves at once: the form goes away under it.
  await page
    .getByRole('group', { name: 'Was it too easy?' })
    .getByRole('radio', { name: 'No', exact: true })
    .click();
  await questions.waitFor({ state: 'detached' }).catch(() => undefined);
  return 2;
}

/** The exercise the player shows now, by its heading. */
const current = (page: Page) => page.locator('main h2.player-title').first().textContent();

describe('sittings over three days', () => {
  it('counts sittings and exercises the same everywhere, continues after a reload, and needs about ten taps', async () => {
    const session = await e2e.open();
    const { page } = session;
    await page.clock.install({ time: new Date('2026-11-20T07:30:00') });
    await completeIntake(page, e2e.base, TIGHT_HAMSTRINGS);

    // Day 1, morning: the first sitting holds every exercise; one of them is due twice today.
    await openRoute(page, e2e.base, 'programme');
    const start = page.getByRole('link', { name: 'Start today’s session' });
    await start.waitFor();
    const items = await page.locator('main .today-list li').count();
    expect(items).toBeGreaterThanOrEqual(3);
    expect(await page.locator('main').textContent()).toMatch(/2 sittings/);
    await start.click();

    let taps = 1;
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const first = await current(page);
    taps += await exerciseWithoutTaps(page);
    const second = await current(page);
    expect(second).not.toBe(first);

    // A reload in the middle of the sitting (a closed tab, a phone call) keeps its place.
    await page.reload();
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    expect(await page.locator('main .player-position').textContent()).toMatch(
      /Exercise 2 of \d+ · carrying on where you left off/,
    );
    expect(await current(page)).toBe(second);
    await screenshot(page, 'sitting-continued');
    taps += 1;
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    for (let i = 1; i < items; i++) taps += await exerciseWithoutTaps(page);
    await page.getByRole('heading', { name: 'Session complete' }).waitFor();
    // The whole sitting: Start, two taps an exercise, and one Start again after the reload.
    expect(taps).toBe(1 + 2 * items + 1);
    expect(taps).toBeLessThanOrEqual(12);

    // The second sitting of the day holds only the exercise due twice.
    await openRoute(page, e2e.base, 'programme');
    const evening = page.getByRole('link', { name: 'Start sitting 2' });
    await evening.waitFor();
    expect(await page.locator('main').textContent()).toMatch(/only what is still due/);
    await screenshot(page, 'sitting-second-due');
    await page.clock.setSystemTime(new Date('2026-11-20T18:00:00'));
    await evening.click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    expect(await page.locator('main .player-position').textContent()).toMatch(
      /Sitting 2 of 2 today · Exercise 1 of 1/,
    );
    await exerciseWithoutTaps(page);
    await page.getByRole('heading', { name: 'Session complete' }).waitFor();
    await openRoute(page, e2e.base, 'programme');
    await page.getByText('Today’s exercises are done').waitFor();

    // Day 2: the morning sitting done, the evening missed. Day 3: nothing.
    await page.clock.setSystemTime(new Date('2026-11-21T08:00:00'));
    await openRoute(page, e2e.base, 'home');
    await openRoute(page, e2e.base, 'programme');
    await page.getByRole('link', { name: 'Start today’s session' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    for (let i = 0; i < items; i++) await exerciseWithoutTaps(page);
    await page.getByRole('heading', { name: 'Session complete' }).waitFor();
    await page.clock.setSystemTime(new Date('2026-11-22T09:00:00'));

    // The counts, worked out once: 2 + 1 + 0 sittings of 6, and exercises (items + 1 a day) likewise.
    const perDay = items + 1;
    const exercisesDone = perDay + items;
    const exercisesPlanned = 3 * perDay;
    const pct = (done: number, planned: number) => Math.round((done / planned) * 100);
    const words = `3 of 6 sittings (50%) and ${String(exercisesDone)} of ${String(exercisesPlanned)} exercises (${String(pct(exercisesDone, exercisesPlanned))}%)`;

    await openRoute(page, e2e.base, 'progress');
    await expect.poll(() => page.locator('main').textContent()).toContain(words);
    expect(await page.locator('main').textContent()).toMatch(/1 of 2 sittings done, 1 missed/);
    await screenshot(page, 'sitting-progress');

    await openRoute(page, e2e.base, 'report');
    await expect.poll(() => page.locator('main').textContent()).toContain(words);

    // Account: signing up offers to move what this device holds, counted in sittings too.
    await signUp(page, e2e.base);
    await expect
      .poll(() => page.locator('main').textContent())
      .toMatch(/This device holds [^.]*3 exercise sittings/);
  });
});
