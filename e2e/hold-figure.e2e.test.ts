// The session figure in real Chromium on the page clock: it moves into a hold's position and then stays
// perfectly still (no bouncing) for the hold, moves back out in the rest, and holds its frame when paused.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIGURE_MOVE_MS } from '../src/figure/model.js';
import { GET_READY_SECONDS } from '../src/web/screens/session-machine.js';
import { completeIntake } from './flows.js';
import { ARTIFACTS, useE2E } from './harness.js';

const e2e = useE2E();

/** Counts the page's requestAnimationFrame calls from now on (the page clock's own, wrapped). */
async function countAnimationFrames(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as Window & { __frames?: number };
    const original = window.requestAnimationFrame.bind(window);
    w.__frames = 0;
    window.requestAnimationFrame = (callback) => {
      w.__frames = (w.__frames ?? 0) + 1;
      return original(callback);
    };
  });
  return async () => {
    const frames = await page.evaluate(() => (window as Window & { __frames?: number }).__frames);
    if (frames === undefined) throw new Error('the frame counter is gone (did the page reload?)');
    return frames;
  };
}

/**
 * A PNG of the session's figure alone, kept in test-artifacts/screenshots/hold-figure-<name>.png. Its box is
 * taken a pixel inside the figure's edges: the text around it may move it by a fraction of a pixel (the
 * paused timer's words), which changes only the blended edge row, not the picture.
 */
async function figureShot(page: Page, name: string): Promise<Buffer> {
  const file = path.join(ARTIFACTS, 'screenshots', `hold-figure-${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const figure = page.locator('.player-figure .figure');
  await figure.scrollIntoViewIfNeeded();
  const box = await figure.boundingBox();
  if (!box) throw new Error('the figure is not on the screen');
  const x = Math.ceil(box.x) + 1;
  const y = Math.ceil(box.y) + 1;
  const clip = {
    x,
    y,
    width: Math.floor(box.x + box.width) - 1 - x,
    height: Math.floor(box.y + box.height) - 1 - y,
  };
  return page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
}

describe('the figure during a hold', () => {
  it('moves into the stretch, stays still for the hold, moves out in the rest, and holds when paused', async () => {
    const { page } = await e2e.open();
    await page.clock.install();
    await completeIntake(page, e2e.base);
    await page.goto(`${e2e.base}/#/session`);
    const start = page.getByRole('button', { name: 'Start', exact: true });
    await start.waitFor();
    // The first exercise is a hold in seconds (knee to chest for this person).
    const dosage = (await page.locator('.player-dosage').textContent()) ?? '';
    expect(dosage).toMatch(/^Hold 30 seconds/);
    const step = page.locator('.player-step');
    const timer = page.locator('.timer-number');

    // From here the page's time moves only when the test moves it.
    const now = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(now + 1000);

    // Control: before Start the figure demonstrates the movement, so frames a second apart differ,
    // and it asks for an animation frame every 16 ms of the page's time.
    const frames = await countAnimationFrames(page);
    const demo: Buffer[] = [];
    for (let i = 0; i < 3; i++) {
      demo.push(await figureShot(page, `demo-${i}`));
      await page.clock.runFor(1000);
    }
    expect(new Set(demo.map((b) => b.toString('base64'))).size).toBeGreaterThan(1);
    expect(await frames()).toBeGreaterThan(100);

    await start.click();
    // First a countdown to get into position, then the hold.
    await expect.poll(() => step.textContent()).toMatch(/get into position/i);
    await page.clock.runFor(GET_READY_SECONDS * 1000);
    await page.clock.runFor(500);
    await expect.poll(() => step.textContent()).toBe('Hold 1 of 3');
    const movingIn = await figureShot(page, 'moving-in');

    // Past the move-in: two frames two seconds apart are the same picture, byte for byte.
    await page.clock.runFor(FIGURE_MOVE_MS + 1000);
    const held = await figureShot(page, 'held-3s');
    // Still, it stops animating: only the countdown's own re-renders ask for a frame (one a second).
    const framesBefore = await frames();
    await page.clock.runFor(2000);
    expect((await frames()) - framesBefore).toBeLessThan(10);
    const heldLater = await figureShot(page, 'held-5s');
    expect(await timer.textContent()).toBe('25');
    expect(heldLater.equals(held)).toBe(true);
    expect(movingIn.equals(held)).toBe(false);
    // The demo passes through the held pose once a repetition, so one of its frames may land on it
    // (near the turn the picture changes by less than a pixel); a demo stuck there would match them all.
    expect(demo.filter((frame) => !frame.equals(held)).length).toBeGreaterThanOrEqual(2);
    // Still at the end of the hold.
    await page.clock.runFor(24_000);
    expect(await timer.textContent()).toBe('1');
    expect((await figureShot(page, 'held-29s')).equals(held)).toBe(true);

    // The rest: the figure goes back to the start and stays there.
    await page.clock.runFor(3000);
    await expect.poll(() => step.textContent()).toBe('Relax');
    const rested = await figureShot(page, 'rest-2s');
    await page.clock.runFor(2000);
    expect((await figureShot(page, 'rest-4s')).equals(rested)).toBe(true);
    expect(rested.equals(held)).toBe(false);

    // The next hold, paused during its move-in, holds its frame until resumed.
    await page.clock.runFor(6000);
    await expect.poll(() => step.textContent()).toBe('Hold 2 of 3');
    await page.clock.runFor(500);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.clock.runFor(100);
    const paused = await figureShot(page, 'paused');
    await page.clock.runFor(2000);
    expect((await figureShot(page, 'paused-2s')).equals(paused)).toBe(true);
    expect(paused.equals(held)).toBe(false);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.clock.runFor(FIGURE_MOVE_MS + 500);
    expect((await figureShot(page, 'held-again')).equals(held)).toBe(true);
  });
});
