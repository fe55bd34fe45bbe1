import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { GlossaryPage, HELP_PAGES, HelpPage } from './fixtures/help_page';

// axe (WCAG 2.1 AA) on every help page, at phone and desktop sizes (the
// two projects), with no horizontal overflow.
async function expectNoOverflow(page: import('@playwright/test').Page, where: string): Promise<void> {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

test.describe('help pages accessibility (axe, WCAG 2.1 AA)', () => {
  test('help centre, with answers open and a search', async ({ page }) => {
    const help = new HelpPage(page);
    await help.goto();
    await expectNoA11yViolations(page, '/help');
    await help.question('Which browsers work?').click();
    await help.search.fill('password');
    await expect(help.searchResult).toContainText('match');
    await expectNoA11yViolations(page, '/help with a search');
    await expectNoOverflow(page, '/help');
  });

  test('glossary and one entry', async ({ page }) => {
    const glossary = new GlossaryPage(page);
    await glossary.goto();
    await expectNoA11yViolations(page, '/help/glossary');
    await expectNoOverflow(page, '/help/glossary');
    await glossary.gotoTerm('out-of-pocket-maximum-limit');
    await expect(glossary.related).toBeVisible();
    await expectNoA11yViolations(page, '/help/glossary/out-of-pocket-maximum-limit');
    await expectNoOverflow(page, 'a glossary entry');
  });

  for (const [path, heading] of [
    [HELP_PAGES.surpriseBilling, 'Your rights and protections against surprise medical bills'],
    [HELP_PAGES.languageAssistance, 'Notice of nondiscrimination and language assistance'],
    [HELP_PAGES.appeals, 'Your claims and appeals rights'],
  ] as const) {
    test(`rights page ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('main')).not.toContainText('number on your ID card');
      await expectNoA11yViolations(page, path);
      await expectNoOverflow(page, path);
    });
  }

  test('taglines carry their language', async ({ page }) => {
    await page.goto(HELP_PAGES.languageAssistance);
    const taglines = page.locator('.tagline p[lang]');
    await expect(taglines).toHaveCount(15);
    await expect(page.locator('.tagline p[lang="ar"]')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('.tagline p[lang="es"]')).toContainText('1-800-555-0143');
    await expect(page.locator('.tagline p[lang="vi"]')).toContainText('1-800-555-0142');
  });
});
