// The whole journey in real Chromium, without an account: the questions, the result, the programme,
// a session driven by the page clock, a check-in, and that check-in on the progress chart.
import { describe, expect, it } from 'vitest';
import {
  answerAfterExercise,
  CHANGE_QUESTION,
  checkIn,
  completeIntake,
  doExercise,
  SYMPTOM_QUESTIONS,
  TOO_EASY_QUESTION,
} from './flows.js';
import { axeScan, expectNoConsoleErrors, screenshot, useE2E } from './harness.js';

const e2e = useE2E();

describe('the journey from the first question to the progress chart', () => {
  it('intake → result → programme → a finished session → check-in → progress', async () => {
    const session = await e2e.open();
    const { page } = session;
    await page.clock.install();

    await page.goto(`${e2e.base}/#/intake`);
    await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
    // Nothing is pre-selected on the warning-sign step.
    expect(await page.locator('main input[type=radio]:checked').count()).toBe(0);
    await screenshot(page, 'intake-warning-signs');
    await axeScan(page, 'intake-warning-signs');
    // Next without answers is refused, naming the questions.
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Step 1 of/ }).isVisible())
      .toBe(true);
    expect(await page.locator('main').textContent()).toMatch(
      /Do you have numbness or tingling around your genitals/,
    );

    await completeIntake(page, e2e.base);
    await expect
      .poll(() => page.locator('h1#screen-title').textContent())
      .toMatch(/No warning signs found/);
    expect(await page.getByText('Why we think so').count()).toBeGreaterThan(0);
    await screenshot(page, 'result-self-care');
    await axeScan(page, 'result-self-care');

    await page.getByRole('link', { name: 'See your programme' }).click();
    const startSession = page.getByRole('link', { name: /Start today.s session/ });
    await startSession.waitFor();
    await screenshot(page, 'programme');
    await axeScan(page, 'programme');

    await startSession.click();
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    await screenshot(page, 'session-ready');
    await axeScan(page, 'session-ready');
    const first = (await page.locator('main h2').first().textContent()) ?? '';
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.clock.runFor(3_000);
    await screenshot(page, 'session-running');
    await axeScan(page, 'session-running');
    await doExercise(page);
    // The questions, none of them answered for the person: whether anything changed, and "too easy".
    const change = page.getByRole('group', { name: CHANGE_QUESTION });
    const tooEasy = page.getByRole('group', { name: TOO_EASY_QUESTION });
    await change.waitFor();
    await tooEasy.waitFor();
    expect(await page.locator('main form.questions input[type=radio]').count()).toBe(4);
    expect(await page.locator('main input[type=radio]:checked').count()).toBe(0);
    await screenshot(page, 'session-questions');
    await axeScan(page, 'session-questions');
    // Saving with nothing chosen is refused, naming each question still to answer.
    const save = page.getByRole('button', { name: 'Save and continue' });
    await save.click();
    await expect
      .poll(() => change.locator('.field-error').textContent())
      .toMatch(/no change in your pain or legs, or something changed/i);
    await expect
      .poll(() => tooEasy.locator('.field-error').textContent())
      .toMatch(/was it too easy/i);
    // Focus goes to the first question still to answer.
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe('changed');
    // "Something changed" opens the stop rules' three questions, again with nothing chosen; each one
    // left unanswered is named.
    await change.getByRole('radio', { name: /^Something changed/ }).check();
    const named: Record<(typeof SYMPTOM_QUESTIONS)[number], RegExp> = {
      'Did the pain get sharper?': /did the pain get sharper/i,
      'Did the pain spread further down your leg?': /did the pain spread further down your leg/i,
      'Did you notice any new numbness or weakness in your leg?': /new numbness or weakness/i,
    };
    for (const question of SYMPTOM_QUESTIONS) {
      const group = page.getByRole('group', { name: question });
      await group.waitFor();
      expect(await group.locator('input:checked').count(), question).toBe(0);
    }
    await save.click();
    for (const question of SYMPTOM_QUESTIONS) {
      const error = page.getByRole('group', { name: question }).locator('.field-error');
      await expect.poll(() => error.textContent(), { message: question }).toMatch(named[question]);
    }
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name),
    ).toBe('sharper');
    await screenshot(page, 'session-questions-unanswered');
    await axeScan(page, 'session-questions-unanswered');
    await answerAfterExercise(page, { sharper: false, spread: false });

    // The rest are skipped; the session still finishes with a summary.
    const complete = page.getByRole('heading', { name: 'Session complete' });
    for (let i = 0; i < 20 && !(await complete.isVisible()); i++) {
      const skip = page.getByRole('button', { name: 'Skip exercise' });
      if (await skip.isVisible()) await skip.click();
      else await page.clock.runFor(1_000);
    }
    await complete.waitFor();
    expect(await page.locator('main').textContent()).toContain(first.trim());
    await screenshot(page, 'session-summary');
    await axeScan(page, 'session-summary');

    await checkIn(page, e2e.base, 3);
    await page.getByRole('heading', { name: 'Check-in saved' }).waitFor();
    await screenshot(page, 'checkin-saved');
    await axeScan(page, 'checkin-saved');

    await page.getByRole('link', { name: 'See your progress' }).click();
    const chart = page.locator('[data-chart="pain"]');
    await chart.waitFor();
    await expect.poll(() => chart.getAttribute('data-points')).toBe('1');
    const table = page.getByRole('table', { name: 'Pain by day' });
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().textContent()).toMatch(/3/);
    await screenshot(page, 'progress');
    await axeScan(page, 'progress');
    expectNoConsoleErrors(session);
  });
});
