import { expect, test } from './fixtures/test';
import { AccountPage } from './fixtures/account_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { LoginPage } from './fixtures/login_page';
import { securityAccount } from './fixtures/security_accounts';
import { SentCodeSetup, twoStepCodeSentTo } from './fixtures/sent_code_page';
import { ShellPage } from './fixtures/shell_page';

// Turns two-step on and off for secure09 in the shared database: desktop only.
test.describe('two-step verification by email', { tag: '@desktop-only' }, () => {
  test('set up from account settings with the email on file, then switched off with a sent code', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    const who = securityAccount(9);
    const email = who.email as string;
    const login = new LoginPage(page);
    const shell = new ShellPage(page);
    const account = new AccountPage(page);
    const setup = new SentCodeSetup(page, account.twoStep);

    await login.goto();
    await login.signIn(who.username, who.password);
    await account.goto();
    await account.expectLoaded();
    await account.twoStep.getByRole('button', { name: 'Get codes by text or email' }).click();
    // Only an email is on file: email is chosen and filled in, and as it is
    // already the contact on file, no password is asked for.
    await expect(setup.email).toBeChecked();
    await expect(setup.emailAddress).toHaveValue(email);
    await expect(setup.currentPassword).toHaveCount(0);
    await expectNoA11yViolations(page, 'two-step by email set-up');
    // Another address would become the contact on file: the password is asked for.
    await setup.emailAddress.fill('someone.else@example.com');
    await expect(setup.currentPassword).toBeVisible();
    await setup.emailAddress.fill(email);
    await expect(setup.currentPassword).toHaveCount(0);
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/account/two-step/code-setup');
    await setup.sendCode.click();
    expect((await sent).status()).toBe(200);
    await expect(account.twoStep.getByText('s•••@example.com')).toBeVisible();
    // A wrong code is refused beside the field.
    expect((await setup.enter('000000')).status()).toBe(400);
    await expect(setup.code).toHaveAccessibleDescription(/not right/);
    const code = await twoStepCodeSentTo(request, email);
    expect((await setup.enter(code)).status()).toBe(200);
    await expect(setup.codesHeading).toBeFocused();
    await account.twoStep.getByRole('button', { name: 'I have saved my codes' }).click();
    await expect(account.twoStep).toContainText('we email a code to s•••@example.com when you sign in');
    await expectNoA11yViolations(page, 'account page, two-step by email on');

    // Switching off: the password and a code sent for it.
    await account.twoStep.locator('summary').filter({ hasText: 'Turn off two-step verification' }).click();
    const offForm = account.twoStep.locator('form').filter({ has: page.getByLabel('Code we sent you') });
    await offForm.getByRole('button', { name: 'Send me a code' }).click();
    await expect(offForm.getByText(/We sent a code to s•••@example.com/)).toBeVisible();
    await expect(offForm.getByLabel('Code we sent you')).toBeFocused();
    const offCode = await twoStepCodeSentTo(request, email);
    await offForm.getByLabel('Current password', { exact: true }).fill(who.password);
    await offForm.getByLabel('Code we sent you').fill(offCode);
    await offForm.getByRole('button', { name: 'Turn off two-step verification' }).click();
    await expect(account.twoStep).toContainText(/two-step verification is off/i);

    await shell.signOut();
    expect((await login.submit(who.username, who.password)).status()).toBe(200);
  });
});
