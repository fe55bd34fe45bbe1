import { expect, test, type Page } from './fixtures/test';
import { DEMO, LoginPage } from './fixtures/login_page';
import { ShellPage } from './fixtures/shell_page';

// The app is built as one bundle per entry (crates/domain/src/entries.rs):
// links within an entry navigate in place, links into another entry load its
// page, and the History API keeps back and forward working across both.

/** Marks the current document; the mark survives only client-side navigation. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { portalMark?: boolean }).portalMark = true;
  });
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { portalMark?: boolean }).portalMark === true);
}

test.describe('entries', () => {
  test('the sign-in page loads only the sign-in bundle', async ({ page }) => {
    const wasm: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.wasm')) wasm.push(path);
    });
    const login = new LoginPage(page);
    await login.goto();
    await login.expectLoaded();
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/^\/entries\/signin\/signin-[0-9a-f]+_bg\.wasm$/);
  });

  test('links navigate in place within an entry and load the page of another; back and forward work', async ({
    page,
  }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(DEMO.member1.username, DEMO.member1.password);
    const shell = new ShellPage(page);
    await shell.expectSignedIn();

    // Home -> ID cards: the same entry, the same document.
    await markDocument(page);
    await shell.follow('ID cards');
    await expect(page).toHaveURL((url) => url.pathname === '/id-card');
    expect(await sameDocument(page), 'ID cards opened without a page load').toBe(true);

    // ID cards -> Claims: another entry, loaded as a page; still signed in.
    await shell.follow('Claims');
    await expect(page).toHaveURL((url) => url.pathname === '/claims');
    await expect(shell.heading('Claims')).toBeVisible();
    expect(await sameDocument(page), 'Claims is a page load').toBe(false);
    await shell.expectSignedIn();

    // Back into the member entry, then back again within it.
    await page.goBack();
    await expect(page).toHaveURL((url) => url.pathname === '/id-card');
    await page.goBack();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(shell.heading(/^Welcome/)).toBeVisible();
    await page.goForward();
    await expect(page).toHaveURL((url) => url.pathname === '/id-card');
    await page.goForward();
    await expect(page).toHaveURL((url) => url.pathname === '/claims');
    await expect(shell.heading('Claims')).toBeVisible();
  });
});
