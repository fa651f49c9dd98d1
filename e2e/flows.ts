// What a person does in the app, as steps the journey tests share: answering the questions, a session, a
// check-in, signing up, and reading back what the server stored.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface IntakeAnswers {
  age: number;
  days: number;
  pain: number;
  areas: string[];
  side: 'No buttock or leg symptoms' | 'Left' | 'Right' | 'Both sides';
  numbness: 'None' | 'In the thigh' | 'Below the knee' | 'In the foot';
  /** Warning-step questions answered "Yes" that stop nothing on their own (history: osteoporosis, cancer). */
  history?: RegExp[];
  /** Answers to the optional steps after "Where it hurts": a choice by its label, or a number typed. */
  later?: { question: RegExp; answer: string }[];
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

/**
 * Tight hamstrings after long sitting, six weeks in: self-care, and a programme with a non-gentle exercise
 * (the bridge) and ones that tension the sciatic nerve (the gentle supine hamstring stretch and the
 * straight-leg raise) beside abdominal bracing.
 */
export const TIGHT_HAMSTRINGS: IntakeAnswers = {
  ...SELF_CARE,
  days: 60,
  later: [
    { question: /worse after sitting/, answer: 'Yes' },
    { question: /backs of your thighs feel tight/, answer: 'Yes' },
    { question: /lower back tire or ache/, answer: 'Yes' },
    { question: /fingertips reach your toes/, answer: 'No, they stop short' },
    {
      question: /raise one leg with the knee straight/,
      answer: 'Only a pull in the back of the thigh',
    },
    { question: /how many hours do you sit/, answer: '9' },
  ],
};

/** Waits until the first element the locator finds is visible. */
async function visible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/**
 * Answers every warning-sign question on the current step "No", explicitly, except those matching `yes`.
 * A "Yes" that makes a warning certain stops the questions at once (the screen changes under the click),
 * so it is clicked rather than checked, and nothing more is answered after it.
 */
export async function answerWarningSigns(
  page: Page,
  yes: RegExp[] = [],
  /** Answered "Yes" and expected not to stop anything (`check` fails if the screen changes). */
  history: RegExp[] = [],
): Promise<number> {
  const groups = page.locator('main fieldset').filter({
    has: page.getByRole('radio', { name: 'No', exact: true }),
  });
  const count = await groups.count();
  for (let i = 0; i < count; i++) {
    const group = groups.nth(i);
    const legend = (await group.locator('legend').first().textContent()) ?? '';
    if (yes.some((re) => re.test(legend))) {
      await group.getByRole('radio', { name: 'Yes', exact: true }).click();
      return count;
    }
    const answer = history.some((re) => re.test(legend)) ? 'Yes' : 'No';
    await group.getByRole('radio', { name: answer, exact: true }).check();
  }
  return count;
}

/**
 * Goes through the whole intake from `#/intake` to the result screen. Questions left part-way open at a
 * later step are taken back to step 1, and the areas are set to exactly `a.areas` (a repeat intake starts
 * from the last answers).
 */
export async function completeIntake(page: Page, base: string, a: IntakeAnswers = SELF_CARE) {
  await page.goto(`${base}/#/intake`);
  const first = page.getByRole('heading', { name: /Step 1 of/ });
  await visible(page.getByRole('heading', { name: /Step \d+ of/ }));
  for (let i = 0; i < 10 && !(await first.isVisible()); i++) {
    await page.getByRole('button', { name: 'Back', exact: true }).click();
  }
  await visible(first);
  const asked = await answerWarningSigns(page, [], a.history);
  expect(asked).toBeGreaterThanOrEqual(13);
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await visible(page.getByRole('heading', { name: /Step 2 of/ }));
  await page.getByLabel('How old are you?').fill(String(a.age));
  await page.getByLabel(/How many days ago/).fill(String(a.days));
  await page.getByLabel(/How bad is the pain/).fill(String(a.pain));
  await page.getByRole('button', { name: 'Next', exact: true }).click();

  await visible(page.getByRole('heading', { name: /Step 3 of/ }));
  const areas = page
    .getByRole('group', { name: /Where does the pain reach/ })
    .getByRole('checkbox');
  for (let i = 0; i < (await areas.count()); i++) {
    const box = areas.nth(i);
    const label =
      (await box.getAttribute('aria-label')) ??
      (await box.evaluate((el) => el.closest('label')?.textContent?.trim() ?? ''));
    await box.setChecked(a.areas.includes(label));
  }
  for (const area of a.areas) {
    expect(await page.getByRole('checkbox', { name: area, exact: true }).isChecked(), area).toBe(
      true,
    );
  }
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
  const later = [...(a.later ?? [])];
  for (let step = 0; step < 8; step++) {
    for (const { question, answer } of later) {
      const group = page.getByRole('group', { name: question });
      const field = page.getByRole('textbox', { name: question });
      if (await group.isVisible()) {
        await group.getByRole('radio', { name: answer, exact: true }).check();
      } else if (await field.isVisible()) {
        await field.fill(answer);
      }
    }
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

/** The link that opens the session player: a new session, the one begun, or a later sitting of the day. */
export const SESSION_LINK = /(Start|Continue) today.s session|Start sitting \d/;

/** After each exercise: first whether anything changed (unless the person stopped it, which says so). */
export const CHANGE_QUESTION = 'Any change in your pain or legs?';
/** Behind "Something changed" (or at once after "Stop: pain got worse"): the stop rules' three questions. */
export const SYMPTOM_QUESTIONS = [
  'Did the pain get sharper?',
  'Did the pain spread further down your leg?',
  'Did you notice any new numbness or weakness in your leg?',
] as const;
/** Always asked: the one question progression reads. */
export const TOO_EASY_QUESTION = 'Was it too easy?';

export interface AfterExercise {
  sharper: boolean;
  spread: boolean;
  numb?: boolean;
  tooEasy?: boolean;
}

/**
 * Answers the questions after an exercise, every one explicitly. Nothing changed: "No change" and
 * "Was it too easy?", which saves at once. Otherwise "Something changed", the three symptom questions
 * and "Was it too easy?", then "Save and continue".
 */
export async function answerAfterExercise(page: Page, answers: AfterExercise) {
  const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
  await page.locator('main form.questions').waitFor();
  const change = page.getByRole('group', { name: CHANGE_QUESTION });
  const tooEasy = page
    .getByRole('group', { name: TOO_EASY_QUESTION })
    .getByRole('radio', { name: yesNo(answers.tooEasy ?? false), exact: true });
  const something = answers.sharper || answers.spread || (answers.numb ?? false);
  const asked = await change.isVisible();
  if (asked && !something) {
    await change.getByRole('radio', { name: 'No change in my pain or legs' }).check();
    // The second tap saves: the form goes away under it.
    await tooEasy.click();
    return;
  }
  if (asked) await change.getByRole('radio', { name: /^Something changed/ }).check();
  const given = [answers.sharper, answers.spread, answers.numb ?? false];
  for (const [i, question] of SYMPTOM_QUESTIONS.entries()) {
    await page
      .getByRole('group', { name: question })
      .getByRole('radio', { name: yesNo(given[i] ?? false), exact: true })
      .check();
  }
  await tooEasy.check();
  await page.getByRole('button', { name: 'Save and continue' }).click();
}

/**
 * Does the current exercise to the end with the page clock: Start (the first exercise of a sitting),
 * then the get-ready countdowns, holds and rests run on the clock and repetitions follow their pace (a
 * set is finished with "Done with this set"), side after side, until the questions come.
 */
export async function doExercise(page: Page): Promise<void> {
  const questions = page.locator('main form.questions');
  for (let guard = 0; guard < 120; guard++) {
    if (await questions.isVisible()) return;
    const start = page.getByRole('button', { name: 'Start', exact: true });
    const done = page.getByRole('button', { name: 'Done with this set' });
    if (await start.isVisible()) {
      await start.click();
    } else if (await done.isVisible()) {
      await done.click();
    } else {
      // A countdown, a hold or a rest is running: move the page's clock on instead of waiting.
      await page.clock.runFor(5_000);
    }
  }
  throw new Error('the exercise did not reach its questions');
}

/**
 * Opens a screen the way the app's own links do (changing the hash), so it also works offline: a
 * new page load is needed only when the page is not the app yet. Moving to another screen, it waits until
 * the screen that was showing has gone and the new one has its heading, so nothing is read from the
 * screen being left.
 */
export async function openRoute(page: Page, base: string, route: string): Promise<void> {
  if (!page.url().startsWith(base)) await page.goto(`${base}/`);
  const target = `#/${route}`;
  // The screen a hash shows: its first part (`learn/sitting` is the Learn screen, like `learn`).
  const screenOf = (h: string) => h.replace(/^#\/?/, '').split('/')[0] ?? '';
  const same = screenOf(new URL(page.url()).hash) === screenOf(target);
  if (!same) {
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('main > *')) el.setAttribute('data-e2e-left', '');
    });
  }
  await page.evaluate((next) => {
    window.location.hash = next;
  }, target);
  await page.waitForURL(new RegExp(`#/${route}$`));
  if (!same) {
    await page.waitForFunction(
      () =>
        document.querySelector('main > [data-e2e-left]') === null &&
        document.querySelector('main h1#screen-title') !== null,
    );
  }
}

/** The check-in's warning-sign questions: every fieldset answered "No" or "None" (the side question has neither). */
export function checkinWarningGroups(page: Page) {
  return page.locator('main fieldset').filter({
    has: page.getByRole('radio', { name: /^(No|None)$/ }),
  });
}

/** Moves the check-in's pain slider to `pain` with the keyboard (each key press counts as choosing). */
export async function setCheckinPain(page: Page, pain: number): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Pain now' });
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < pain; i++) await page.keyboard.press('ArrowRight');
}

export interface CheckinAnswers {
  /** The body-map areas, by their labels; the lower back by default. */
  areas?: string[];
  /** Asked only with a buttock or leg area: the side to give then. */
  side?: 'Left' | 'Right' | 'Both sides';
}

/**
 * Fills the daily check-in with no warning sign and saves it: the warning-sign questions first (each
 * answered explicitly), then pain now, where it reaches, and the side only when a leg area is ticked.
 */
export async function checkIn(page: Page, base: string, pain: number, a: CheckinAnswers = {}) {
  await openRoute(page, base, 'checkin');
  const slider = page.getByRole('slider', { name: 'Pain now' });
  await slider.waitFor();
  const groups = checkinWarningGroups(page);
  const n = await groups.count();
  // The daily warning signs: the three cauda equina ones, sexual function, numbness, weakness, a fall,
  // fever and night pain (more with a history of cancer; the weakness follow-up only after a weak leg).
  expect(n).toBeGreaterThanOrEqual(9);
  // They come first, before the pain slider.
  expect(
    await groups
      .last()
      .evaluate(
        (el, sliderEl) =>
          (el.compareDocumentPosition(sliderEl as Node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
        await slider.elementHandle(),
      ),
  ).toBe(true);
  for (let i = 0; i < n; i++) {
    const group = groups.nth(i);
    const legend = (await group.locator('legend').first().textContent()) ?? '';
    // Worded for the time since the last check-in (or today); history is never asked again.
    expect(legend).toMatch(/^(Since your last check-in|Today,|Has the leg weakness got worse)/);
    expect(legend).not.toMatch(/osteoporosis|treated for cancer/i);
    const no = group.getByRole('radio', { name: 'No', exact: true });
    if ((await no.count()) > 0) await no.check();
    else await group.getByRole('radio', { name: 'None', exact: true }).check();
  }
  await setCheckinPain(page, pain);
  const areas = a.areas ?? ['Lower back'];
  for (const area of areas) {
    await page.getByRole('checkbox', { name: area, exact: true }).check();
  }
  const side = page.getByRole('group', { name: /Which side are the buttock or leg symptoms on/ });
  if (a.side) {
    // Asked with a leg area, offering a side and never "none".
    expect(await side.locator('label').allTextContents()).toEqual(['Left', 'Right', 'Both sides']);
    await side.getByRole('radio', { name: a.side, exact: true }).check();
  } else {
    expect(await side.count()).toBe(0);
  }
  await page.getByRole('button', { name: 'Save check-in' }).click();
}

let people = 0;
export const PASSWORD = 'a long calm sentence 42';

/** Creates an account with a new email address and waits until it is signed in. */
export async function signUp(page: Page, base: string): Promise<string> {
  const email = `person${++people}.${Date.now()}@example.org`;
  await page.goto(`${base}/#/account`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  return email;
}

/** A list the API returns (`/api/checkins`, `/api/assessments`), read through the page's own fetch and cookies. */
export async function apiItems<T = Record<string, unknown>>(
  page: Page,
  path: string,
): Promise<T[]> {
  const answer = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as unknown };
  }, path);
  expect(answer.status, `GET ${path}`).toBe(200);
  return (answer.body as { items: T[] }).items;
}
