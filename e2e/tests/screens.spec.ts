import { expect, test, type Page } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { EstimatePage } from './fixtures/estimate_page';
import { HomePage } from './fixtures/home_page';
import { PlansPage } from './fixtures/plans_page';

// What a sighted member sees, compared with committed baselines
// (tests/screens.spec.ts-snapshots/). Fonts are pinned (playwright.config.ts,
// fonts/fonts.conf: DejaVu from fonts-dejavu-core) and the suite's server
// runs on a fixed date, so the pictures are the same on any machine.
// After an intended change of the look, regenerate them with
//   cd e2e && npx playwright test screens --project=desktop --update-snapshots
// and look at every changed PNG before committing it.

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** Settled: data loaded, no "Loading…" line, web fonts and images done. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** The EOB pictured: the member's newest denied claim (fixed by the demo seed and the suite's date). */
async function eobPath(page: Page): Promise<string> {
  const r = await page.request.get('/api/v1/claims?status=denied&range=all&page_size=1');
  const body = await r.json();
  return `/claims/${body.items[0].id}`;
}

test.describe('screens @desktop-only', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page, 'member1');
  });

  for (const size of SIZES) {
    test.describe(`${size.name} (${size.width} px)`, () => {
      test.beforeEach(async ({ page }) => {
        await page.setViewportSize({ width: size.width, height: size.height });
      });

      test('dashboard', async ({ page }) => {
        await new HomePage(page).goto();
        await settle(page);
        await expect(page).toHaveScreenshot(`dashboard-${size.name}.png`, { fullPage: true });
      });

      test('claims list', async ({ page }) => {
        await page.goto('/claims?range=all');
        await expect(page.getByRole('link', { name: /^EV\d+$/ }).first()).toBeVisible();
        await settle(page);
        await expect(page).toHaveScreenshot(`claims-${size.name}.png`, { fullPage: true });
      });

      test('explanation of benefits', async ({ page }) => {
        await page.goto(await eobPath(page));
        await expect(page.getByRole('heading', { level: 1, name: /^Claim EV/ })).toBeVisible();
        await settle(page);
        await expect(page).toHaveScreenshot(`eob-${size.name}.png`, { fullPage: true });
      });

      test('plans comparison', async ({ page }) => {
        const plans = new PlansPage(page);
        await plans.goto();
        await settle(page);
        await expect(plans.compareTable).toHaveScreenshot(`plans-compare-${size.name}.png`);
      });

      test('estimator result', async ({ page }) => {
        const est = new EstimatePage(page);
        await est.goto();
        await est.chooseService('mri leg', '73721');
        await est.who.selectOption({ label: 'Riley' });
        await est.providerRadio('ClearPath Imaging').check();
        await expect(est.headline).toBeVisible();
        await settle(page);
        await expect(est.result).toHaveScreenshot(`estimate-result-${size.name}.png`);
      });

      test('ID card', async ({ page }) => {
        await page.goto('/id-card');
        await expect(page.getByRole('main').getByText('GRP-204518').first()).toBeVisible();
        await settle(page);
        await expect(page).toHaveScreenshot(`id-card-${size.name}.png`, { fullPage: true });
      });
    });
  }

  test.describe('print', () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width: 816, height: 1056 });
      await page.emulateMedia({ media: 'print' });
    });

    test('explanation of benefits, printed', async ({ page }) => {
      await page.goto(await eobPath(page));
      await expect(page.getByRole('heading', { level: 1, name: /^Claim EV/ })).toBeVisible();
      await settle(page);
      await expect(page).toHaveScreenshot('eob-print.png', { fullPage: true });
    });

    // The glossary words are buttons on screen; the print rule that hides
    // buttons must not leave "What these mean: , ," on paper.
    for (const path of ['/', '/claims', '/plans']) {
      test(`${path} printed: the glossary words are on paper`, async ({ page }) => {
        await page.goto(path);
        const line = page.locator('.term-line').first();
        await expect(line).toBeVisible();
        const printed = await line.evaluate((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
        expect(printed).toMatch(/^What these mean: [A-Za-z][A-Za-z -]+(, [A-Za-z][A-Za-z -]+)+$/);
      });
    }

    test('ID card, printed: the whole front fits on the card', async ({ page }) => {
      await page.goto('/id-card');
      const front = page.locator('.id-card__face').first();
      await expect(front).toBeVisible();
      await settle(page);
      // Nothing on the front is cut off by the card's edge (issue 17: the
      // group number was cut in half).
      const clipped = await front.evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
      expect(clipped, 'the card front overflows its printed size').toBe(false);
      await expect(page).toHaveScreenshot('id-card-print.png', { fullPage: true });
    });
  });
});
