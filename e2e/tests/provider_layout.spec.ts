import { expect, test, type Page } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { DEMO_PROVIDERS, PROVIDER, expectNoOverflow, providerSignInByApi } from './fixtures/provider_page';

// Every provider page fits the window at 390, 768 and 1280 px, and passes axe
// at each width (the shell's options move from the left to the top).
const WIDTHS = [
  { label: 'phone 390 px', width: 390, height: 844 },
  { label: 'tablet 768 px', width: 768, height: 1024 },
  { label: 'desktop 1280 px', width: 1280, height: 800 },
];
const PUBLIC = [PROVIDER.home, PROVIDER.register, PROVIDER.recover];
const SIGNED_IN = [PROVIDER.eligibility, PROVIDER.claims, PROVIDER.remittances, PROVIDER.account];

async function settle(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 }).first(), `${path} shows its heading`).toBeVisible({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading'), `${path} has loaded`).toHaveCount(0, { timeout: 20_000 });
}

test.describe('provider pages: layout and accessibility @desktop-only', () => {
  for (const size of WIDTHS) {
    test(`fit and pass axe at ${size.label}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const path of PUBLIC) {
        await settle(page, path);
        await expectNoOverflow(page, `${path} at ${size.label}`);
        await expectNoA11yViolations(page, `${path} at ${size.label}`);
      }
      await providerSignInByApi(page, DEMO_PROVIDERS.provider1.username);
      for (const path of SIGNED_IN) {
        await settle(page, path);
        await expect(page).toHaveURL((url) => url.pathname === path);
        await expect(page.getByRole('navigation', { name: 'Provider options' })).toBeVisible();
        await expectNoOverflow(page, `${path} at ${size.label}`);
        await expectNoA11yViolations(page, `${path} at ${size.label}`);
      }
    });
  }
});
