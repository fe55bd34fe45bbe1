import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { ShellPage } from './fixtures/shell_page';

// The signed-in header (issue 17): on a phone the main navigation sits
// behind an accessible "Menu" disclosure instead of wrapping to 2-3 rows,
// and the member's name and alert badge stay put while a new section loads.
test.describe('header and main navigation', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page, 'member1');
  });

  test('on a phone: a Menu button shows and hides the links, Escape closes it @desktop-only', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const shell = new ShellPage(page);
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    const claims = shell.nav.getByRole('link', { name: 'Claims', exact: true });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(claims).toBeHidden();
    // One row for the brand and the menu, one for the name and "Sign out".
    const header = await shell.header.boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(140);

    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(claims).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(menu).toBeFocused();
    await expect(claims).toBeHidden();

    // Keyboard: open with Enter, Tab to the links, follow one; the menu shuts.
    await page.keyboard.press('Enter');
    await expect(claims).toBeVisible();
    await shell.nav.getByRole('link', { name: /^Alerts/ }).click();
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  });

  test('on a wide screen the links show and there is no Menu button @desktop-only', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    const shell = new ShellPage(page);
    await expect(shell.nav.getByRole('link', { name: 'Claims', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
    // Secure messages are one click away from every page.
    await shell.nav.getByRole('link', { name: 'Messages', exact: true }).click();
    await expect(page).toHaveURL(/\/messages$/);
  });

  test('the name and the alert badge stay while another section loads', async ({ page }) => {
    await page.goto('/');
    const shell = new ShellPage(page);
    await expect(shell.header).toContainText('Alex Morgan', { timeout: 20_000 });
    const badge = shell.header.locator('.nav-count').first();
    await expect(badge).toBeAttached();
    const count = (await badge.textContent())?.replace(/\D/g, '');
    // The claims section is another bundle: a page load. Hold its /me and
    // alert count back: the header shows what this tab last knew meanwhile.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/v1\/(me|alerts\/count)$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/claims');
    await expect(shell.header).toContainText('Alex Morgan', { timeout: 20_000 });
    await expect(shell.header.locator('.nav-count').first()).toHaveText(new RegExp(`^${count}`));
    release();
    await expect(page.getByRole('heading', { level: 1, name: 'Claims' })).toBeVisible();
  });
});
