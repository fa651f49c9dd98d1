// What a person does in the app, as steps the journey tests share: answering the questions, a session, a check-in.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface IntakeAnswers {
  age: number;
  days: number;
  pain: number;
  areas: string[];
  side: 'No buttock or leg symptoms' | 'Left' | 'Right' | 'Both sides';
  numbness: 'None' | 'In the thigh' | 'Below the knee' | 'In the foot';
}

/** A person with thigh tightness and no warning sign: self-care with a full programme. */
export const SELF_CARE: IntakeAnswers = {
  age: 38,
  days: 40,
  pain: 4,
  areas: ['Lower back', 'Back of the thigh'],
  side: 'Left',
  numbness: 'None',
};

/** Waits until the first element the locator finds is visible. */
async function visible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Answers every warning-sign question on the current step "No", explicitly, except `yes`. */
export async function answerWarningSigns(page: Page, yes: RegExp[] = []): Promise<number> {
  const groups = page.locator('main fieldset').filter({
    has: page.getByRole('radio', { name: 'No', exact: true }),
  });
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const legend = (await group.locator('legend').first().textContent()) ?? '';
    if (yes.some((re) => re.test(legend))) {
      await group.getByRole('radio', { name: 'Yes', exact: true }).check();
      // An emergency answer ends the questions at once.
      return count;
    }
    await group.getByRole('radio', { name: 'No', exact: true }).check();
  }
  return count;
}

/** Goes through the whole intake from `#/intake` to the result screen. */
export async function completeIntake(page: Page, base: string, a: IntakeAnswers = SELF_CARE) {
  await page.goto(`${base}/#/intake`);
  await visible(page.getByRole('heading', { name: /Step 1 of/ }));
  const asked = await answerWarningSigns(page);
  expect(asked).toBeGreaterThanOrEqual(13);
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await visible(page.getByRole('heading', { name: /Step 2 of/ }));
  await page.getByLabel('How old are you?').fill(String(a.age));
  await page.getByLabel(/How many days ago/).fill(String(a.days));
  await page.getByLabel(/How bad is the pain/).fill(String(a.pain));
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await visible(page.getByRole('heading', { name: /Step 3 of/ }));
  for (const area of a.areas) await page.getByRole('checkbox', { name: area, exact: true }).check();
  await page
    .getByRole('group', { name: /Which side are any buttock or leg symptoms on/ })
    .getByRole('radio', { name: a.side, exact: true })
    .check();
  // Numbness is read by the warning rules, so it is asked explicitly too.
  await page
    .getByRole('group', { name: /numbness or pins and needles/ })
    .getByRole('radio', { name: a.numbness, exact: true })
    .check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  // The remaining steps are optional; STarT Back is offered and declined.
  for (let step = 0; step < 8; step++) {
    const finish = page.getByRole('button', { name: 'See my result' });
    const skip = page.getByRole('radio', { name: 'No, skip them' });
    if (await skip.isVisible()) await skip.check();
    if (await finish.isVisible()) {
      await finish.click();
      break;
    }
    const before = await page.locator('main h2').first().textContent();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect
      .poll(() => page.locator('main h2').first().textContent(), {
        message: `Next did not leave "${before ?? ''}"`,
      })
      .not.toBe(before);
  }
  await page.waitForURL(/#\/result/);
  await visible(page.locator('h1#screen-title'));
}

/** Answers the three (four) questions after an exercise and saves them. */
export async function answerAfterExercise(
  page: Page,
  answers: { felt: 'Easier' | 'Same' | 'Harder'; sharper: boolean; spread: boolean },
) {
  const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
  await page
    .getByRole('group', { name: 'How did it feel?' })
    .getByRole('radio', { name: answers.felt })
    .check();
  await page
    .getByRole('group', { name: 'Did the pain get sharper?' })
    .getByRole('radio', { name: yesNo(answers.sharper), exact: true })
    .check();
  await page
    .getByRole('group', { name: 'Did the pain spread further down your leg?' })
    .getByRole('radio', { name: yesNo(answers.spread), exact: true })
    .check();
  const numbness = page.getByRole('group', { name: /new numbness or weakness/ });
  if (await numbness.isVisible()) {
    await numbness.getByRole('radio', { name: 'No', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

/**
 * Does the current exercise to the end with the page clock: Start, then holds run on the clock and
 * reps are counted, side after side, until the questions come.
 */
export async function doExercise(page: Page): Promise<void> {
  const questions = page.getByRole('group', { name: 'How did it feel?' });
  for (let guard = 0; guard < 60; guard++) {
    if (await questions.isVisible()) return;
    const start = page.getByRole('button', { name: 'Start', exact: true });
    const count = page.getByRole('button', { name: 'Count rep' });
    const done = page.getByRole('button', { name: 'Done', exact: true });
    if (await start.isVisible()) {
      await start.click();
    } else if (await count.isVisible()) {
      for (let i = 0; i < 12 && (await count.isVisible()); i++) await count.click();
      if (await done.isVisible()) await done.click();
    } else {
      // A hold or a rest is running: move the page's clock on instead of waiting.
      await page.clock.runFor(5_000);
    }
  }
  throw new Error('the exercise did not reach its questions');
}

/**
 * Opens a screen the way the app's own links do (changing the hash), so it also works offline: a
 * new page load is needed only when the page is not the app yet.
 */
export async function openRoute(page: Page, base: string, route: string): Promise<void> {
  if (!page.url().startsWith(base)) await page.goto(`${base}/`);
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${route}`);
  await page.waitForURL(new RegExp(`#/${route}$`));
}

/** Fills the daily check-in with no warning sign and saves it. */
export async function checkIn(page: Page, base: string, pain: number) {
  await openRoute(page, base, 'checkin');
  const slider = page.getByRole('slider', { name: 'Pain now' });
  await slider.waitFor();
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < pain; i++) await page.keyboard.press('ArrowRight');
  await page.getByRole('checkbox', { name: 'Lower back', exact: true }).check();
  await page
    .getByRole('group', { name: /Which side are any buttock or leg symptoms on/ })
    .getByRole('radio', { name: 'No buttock or leg symptoms' })
    .check();
  const groups = page.locator('main fieldset').filter({
    has: page.getByRole('radio', { name: /^(No|None)$/ }),
  });
  const n = await groups.count();
  expect(n).toBeGreaterThanOrEqual(14);
  for (let i = 0; i < n; i++) {
    const group = groups.nth(i);
    const no = group.getByRole('radio', { name: 'No', exact: true });
    if ((await no.count()) > 0) await no.check();
    else await group.getByRole('radio', { name: 'None', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save check-in' }).click();
}
