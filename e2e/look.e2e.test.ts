// The look and the words as a new person meets them on a phone and a laptop: every screen photographed at
// 360 and 1280 px (test-artifacts/screenshots/look-*), the short result within two phone screens, the tab
// bar, topics opening at their top, the pain scale's unset state, and the intake asking only what applies.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerWarningSigns, completeIntake, openRoute, type IntakeAnswers } from './flows.js';
import { axeScan, DESKTOP, expectNoConsoleErrors, MOBILE, screenshot, useE2E } from './harness.js';

const e2e = useE2E();

/** Pain down the leg past the knee, worse on coughing, with a leg raise that brings it on: sciatica. */
const SCIATICA: IntakeAnswers = {
  age: 45,
  days: 20,
  pain: 6,
  areas: ['Lower back', 'Buttock', 'Back of the thigh', 'Below the knee (calf or shin)'],
  side: 'Right',
  numbness: 'None',
  later: [
    { question: /leg pain worse when you cough/, answer: 'Yes' },
    {
      question: /raise one leg with the knee straight/,
      answer: 'Pain down the leg below the knee',
    },
  ],
};

const SCREENS: { route: string; name: string; ready: (page: Page) => Promise<unknown> }[] = [
  {
    route: '',
    name: 'home',
    ready: (p) => p.getByRole('link', { name: /Today.s programme/ }).waitFor(),
  },
  { route: 'result', name: 'result', ready: (p) => p.getByText('What usually happens').waitFor() },
  {
    route: 'programme',
    name: 'programme',
    ready: (p) => p.locator('main h1#screen-title').waitFor(),
  },
  {
    route: 'session',
    name: 'session',
    ready: (p) => p.getByRole('button', { name: 'Start', exact: true }).waitFor(),
  },
  {
    route: 'checkin',
    name: 'checkin',
    ready: (p) => p.getByRole('button', { name: 'Save check-in' }).waitFor(),
  },
  {
    route: 'progress',
    name: 'progress',
    ready: (p) => p.locator('main h1#screen-title').waitFor(),
  },
  {
    route: 'measure',
    name: 'measure',
    ready: (p) => p.getByRole('button', { name: 'Start measuring' }).waitFor(),
  },
  {
    route: 'learn',
    name: 'learn',
    ready: (p) => p.getByLabel('How tight are the hamstrings?').waitFor(),
  },
  {
    route: 'learn/sciatic-nerve',
    name: 'learn-topic',
    ready: (p) => p.getByRole('heading', { name: 'Sources' }).waitFor({ state: 'attached' }),
  },
  {
    route: 'reminders',
    name: 'reminders',
    ready: (p) => p.getByRole('button', { name: 'Download calendar file' }).waitFor(),
  },
  {
    route: 'report',
    name: 'report',
    ready: (p) => p.getByRole('button', { name: 'Print or save as PDF' }).waitFor(),
  },
  {
    route: 'account',
    name: 'account',
    ready: (p) => p.getByRole('button', { name: 'Create account' }).waitFor(),
  },
];

/** Photographs every step of the questions, answering as the person in `a` would. */
async function photographIntake(page: Page, label: string): Promise<void> {
  await page.goto(`${e2e.base}/#/intake`);
  await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
  await screenshot(page, `look-intake-1-${label}`);
  await answerWarningSigns(page);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: /Step 2 of/ }).waitFor();
  await screenshot(page, `look-intake-2-unset-${label}`);
  await page.getByLabel('How old are you?').fill('45');
  await page.getByLabel(/How many days ago/).fill('20');
  await page.getByLabel(/How bad is the pain/).fill('6');
  await screenshot(page, `look-intake-2-${label}`);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('heading', { name: /Step 3 of/ }).waitFor();
  for (const area of SCIATICA.areas) {
    await page.getByRole('checkbox', { name: area, exact: true }).check();
  }
  await page
    .getByRole('group', { name: /Which side are any buttock or leg symptoms on/ })
    .getByRole('radio', { name: 'Right', exact: true })
    .check();
  await screenshot(page, `look-intake-3-${label}`);
  await axeScan(page, `intake body map (${label})`);
  // Leave the questions unfinished: start afresh with a new page load.
  await page.evaluate(() => {
    sessionStorage.clear();
  });
  await page.goto(`${e2e.base}/`);
  await page.reload();
}

describe.each([
  ['360', MOBILE],
  ['1280', DESKTOP],
] as const)('every screen at %s px', (label, viewport) => {
  it('is photographed, and the new views pass axe', async () => {
    const session = await e2e.open(viewport);
    const { page } = session;
    await page.goto(`${e2e.base}/`);
    await page.getByRole('link', { name: 'Start the questions' }).waitFor();
    // The picture is drawn after the first paint.
    await page.locator('.home-picture svg').waitFor();
    await screenshot(page, `look-home-new-${label}`);
    await axeScan(page, `home (${label})`);
    await photographIntake(page, label);

    await completeIntake(page, e2e.base, SCIATICA);
    await page.getByText('What usually happens').waitFor();
    await screenshot(page, `look-result-sciatica-${label}`);
    await axeScan(page, `result, sciatica (${label})`);
    // The detail opens on request.
    await page.getByText('Looking after sciatica').click();
    await screenshot(page, `look-result-sciatica-open-${label}`);
    await axeScan(page, `result detail (${label})`);

    for (const screen of SCREENS) {
      await openRoute(page, e2e.base, screen.route);
      await screen.ready(page);
      await screenshot(page, `look-${screen.name}-${label}`);
    }
    expectNoConsoleErrors(session);
  });

  it('photographs the one emergency panel, as the stopped questions show it', async () => {
    const session = await e2e.open(viewport);
    const { page } = session;
    await page.goto(`${e2e.base}/#/intake`);
    await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
    await answerWarningSigns(page, [/starting or stopping urine/]);
    await page
      .getByRole('heading', { name: 'Emergency: go to an emergency department now' })
      .waitFor();
    await page.getByText(/^Your answer is saved\./).waitFor();
    await screenshot(page, `look-emergency-${label}`);
    await axeScan(page, `emergency (${label})`);
    expectNoConsoleErrors(session);
  });
});

describe('the result, short first', () => {
  it.each([
    ['no warning signs', undefined],
    ['sciatica', SCIATICA],
  ] as const)(
    'shows the level, what to do, the likely causes, what usually happens and the programme button within two phone screens (%s)',
    async (_name, answers) => {
      const session = await e2e.open(MOBILE);
      const { page } = session;
      await completeIntake(page, e2e.base, answers);
      const button = page.getByRole('link', { name: 'See your programme' });
      await button.waitFor();
      const box = await button.boundingBox();
      const top = await page.evaluate(() => window.scrollY);
      expect(box).not.toBeNull();
      expect((box?.y ?? Infinity) + top + (box?.height ?? 0)).toBeLessThanOrEqual(
        2 * MOBILE.height,
      );
      for (const heading of ['What is most likely going on', 'What usually happens']) {
        const h = await page.getByRole('heading', { name: heading }).boundingBox();
        expect((h?.y ?? Infinity) + top, heading).toBeLessThan((box?.y ?? 0) + top);
      }
      // No codes, scores, ids or file names reach the person.
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toMatch(
        /\bM54|\bG57|\bS76|score \d|seed \d|\(seed|None of your answers points to it/,
      );
      expectNoConsoleErrors(session);
    },
  );

  it('offers the sciatica advice (pain relief, positions, work and driving, time course) when the pain reaches below the knee', async () => {
    const session = await e2e.open(MOBILE);
    const { page } = session;
    await completeIntake(page, e2e.base, SCIATICA);
    await page.getByText('Looking after sciatica').click();
    for (const title of ['Pain relief', 'Sleep and rest positions', 'Work and driving']) {
      expect(await page.getByRole('heading', { name: title }).isVisible(), title).toBe(true);
    }
    expect(await page.locator('main').textContent()).toMatch(/4 to 6 weeks/);
    expectNoConsoleErrors(session);
  });
});

describe('the shell', () => {
  it('has a tab bar with icons at the bottom of a phone, and the links in the header on a laptop', async () => {
    const phone = await e2e.open(MOBILE);
    await phone.page.goto(`${e2e.base}/`);
    const nav = phone.page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    const box = await nav.boundingBox();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeGreaterThanOrEqual(MOBILE.height - 2);
    expect(await nav.locator('.tabs > li').count()).toBe(5);
    expect(await nav.locator('.tabs svg').count()).toBe(5);
    // "More" opens the other destinations.
    const more = nav.getByRole('button', { name: 'More' });
    await more.click();
    await nav.getByRole('link', { name: 'Report' }).click();
    await phone.page.waitForURL(/#\/report$/);
    await expect.poll(() => more.getAttribute('aria-expanded')).toBe('false');

    const laptop = await e2e.openDesktop();
    await laptop.page.goto(`${e2e.base}/`);
    const top = laptop.page.getByRole('navigation', { name: 'Main' });
    await top.waitFor();
    expect((await top.boundingBox())?.y ?? 999).toBeLessThan(80);
    expect(await top.getByRole('link', { name: 'Report' }).isVisible()).toBe(true);
    expect(await top.getByRole('button', { name: 'More' }).isVisible()).toBe(false);
  });

  it('opens a learn topic at its top with focus on its heading, even from the bottom of another', async () => {
    const session = await e2e.open(MOBILE);
    const { page } = session;
    await openRoute(page, e2e.base, 'learn/hamstring-anatomy');
    await page.locator('h1#screen-title').waitFor();
    await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight);
    });
    await page.getByRole('link', { name: /^Next:/ }).click();
    await page.waitForURL(/#\/learn\/sciatic-nerve$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('screen-title');
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(5);
    expectNoConsoleErrors(session);
  });
});

describe('the pain scale', () => {
  it('shows no thumb and says "Not chosen yet" until the person chooses', async () => {
    const session = await e2e.open(MOBILE);
    const { page } = session;
    await completeIntake(page, e2e.base);
    await openRoute(page, e2e.base, 'checkin');
    const slider = page.getByRole('slider', { name: 'Pain now' });
    await slider.waitFor();
    const scale = page.locator('#q-painNow');
    expect(await scale.getAttribute('class')).toMatch(/pain-scale-unset/);
    expect(await scale.textContent()).toContain('Not chosen yet');
    expect(await slider.getAttribute('aria-valuetext')).toBe('Not chosen yet');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    expect(await scale.getAttribute('class')).not.toMatch(/pain-scale-unset/);
    expect(await scale.textContent()).toContain('1 out of 10');
    await screenshot(page, 'look-pain-scale-chosen-360');
    expectNoConsoleErrors(session);
  });
});

describe('the questions ask only what applies', () => {
  it('does not ask about leg pain on coughing without leg symptoms, and asks it with them', async () => {
    const session = await e2e.open(MOBILE);
    const { page } = session;
    await completeIntake(page, e2e.base, {
      age: 40,
      days: 10,
      pain: 3,
      areas: ['Lower back'],
      side: 'No buttock or leg symptoms',
      numbness: 'None',
      later: [{ question: /leg pain worse when you cough/, answer: 'Yes' }],
    });
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/coughing or sneezing fits pressure/);
    expectNoConsoleErrors(session);
  });

  it('starts a repeat intake from the last answers, except the warning signs', async () => {
    const session = await e2e.open(MOBILE);
    const { page } = session;
    await completeIntake(page, e2e.base);
    await openRoute(page, e2e.base, 'intake');
    await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
    // Not one warning sign is answered for the person.
    expect(await page.locator('main input[type=radio]:checked').count()).toBe(0);
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('heading', { name: /Step 2 of/ }).waitFor();
    expect(await page.getByLabel('How old are you?').inputValue()).toBe('38');
    // Pain now is asked afresh.
    expect(await page.locator('#q-painNow').count()).toBe(1);
    expect(await page.getByText('Not chosen yet').count()).toBeGreaterThan(0);
    await screenshot(page, 'look-intake-repeat-360');
    expectNoConsoleErrors(session);
  });

  it('does not ask someone whose pain reaches below the knee to pull the toes up during the leg raise', async () => {
    const session = await e2e.open(MOBILE);
    const { page } = session;
    await page.goto(`${e2e.base}/#/intake`);
    await page.getByRole('heading', { name: /Step 1 of/ }).waitFor();
    await answerWarningSigns(page);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByLabel('How old are you?').fill('45');
    await page.getByLabel(/How many days ago/).fill('20');
    await page.getByLabel(/How bad is the pain/).fill('5');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page
      .getByRole('checkbox', { name: 'Below the knee (calf or shin)', exact: true })
      .check();
    await page
      .getByRole('group', { name: /Which side are any buttock or leg symptoms on/ })
      .getByRole('radio', { name: 'Right', exact: true })
      .check();
    await page
      .getByRole('group', { name: /numbness or pins and needles/ })
      .getByRole('radio', { name: 'None', exact: true })
      .check();
    for (let step = 0; step < 4; step++) {
      const raise = page.getByRole('group', { name: /raise one leg with the knee straight/ });
      if (await raise.isVisible()) {
        await raise.getByRole('radio', { name: 'Only a pull in the back of the thigh' }).check();
        expect(await page.getByText(/pulling your toes towards you/).count()).toBe(0);
        await screenshot(page, 'look-intake-self-tests-360');
        expectNoConsoleErrors(session);
        return;
      }
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.waitForTimeout(100);
    }
    throw new Error('the self-test step was not reached');
  });
});
