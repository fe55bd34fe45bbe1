import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { LoginPage } from './fixtures/login_page';
import { securityAccount } from './fixtures/security_accounts';

/**
 * Runs against the second server of the suite (playwright.config.ts), started
 * with a 40-second idle timeout: the warning comes 20 seconds before the end.
 */
const IDLE_PORT = Number(process.env.E2E_PORT ?? 8181) + 1;
const IDLE_BASE_URL = `http://127.0.0.1:${IDLE_PORT}`;

test.use({ baseURL: IDLE_BASE_URL });

test.describe('idle timeout', { tag: '@desktop-only' }, () => {
  test('warns before the end, "Stay signed in" extends, then the session ends and sign-in keeps the page', async ({ page }) => {
    test.setTimeout(120_000);
    const who = securityAccount(7);
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(who.username, who.password);
    await page.goto('/cards');

    const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await expect(dialog).toContainText(/you will be signed out in/);
    await expect(dialog.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
    await expectNoA11yViolations(page, 'idle warning');

    const kept = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/session/keep-alive');
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await kept).status()).toBe(200);
    await expect(dialog).toBeHidden();

    // No activity again: the warning, then the end, back to sign-in with the page kept.
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/login\?next=%2Fcards/, { timeout: 30_000 });
    await expect(page.getByText('Your session ended. Please sign in again.')).toBeVisible();
    await login.signIn(who.username, who.password);
    await expect(page).toHaveURL(/\/cards$/);
  });
});
