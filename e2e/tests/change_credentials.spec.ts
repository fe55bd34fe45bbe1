import { expect, test } from './fixtures/test';
import { AccountPage } from './fixtures/account_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { LoginPage } from './fixtures/login_page';
import { securityAccount } from './fixtures/security_accounts';
import { ShellPage } from './fixtures/shell_page';

// Changes secure05's username and password: desktop only.
test.describe('account settings', { tag: '@desktop-only' }, () => {
  test('change username (taken: suggestions) and password (reuse refused)', async ({ page }) => {
    // Several steps, each checked with axe: more than the default 30 s under a parallel run.
    test.setTimeout(90_000);
    const who = securityAccount(5);
    const login = new LoginPage(page);
    const shell = new ShellPage(page);
    const account = new AccountPage(page);
    await login.goto();
    await login.signIn(who.username, who.password);
    await account.goto();
    await expectNoA11yViolations(page, 'account page');

    // Username: taken in any case -> suggestions.
    const u = account.username;
    await u.getByLabel('New username').fill('MEMBER1');
    await u.getByLabel('Current password').fill(who.password);
    await u.getByRole('button', { name: 'Change username' }).click();
    await expect(u.getByRole('alert')).toContainText(/taken/);
    const suggestion = u.getByRole('button', { name: /^Use / });
    await expect(suggestion.first()).toBeVisible();
    await expectNoA11yViolations(page, 'username taken');

    const newName = 'leenew05';
    await u.getByLabel('New username').fill(newName);
    await u.getByRole('button', { name: 'Change username' }).click();
    await expect(u.getByRole('status')).toContainText(`Your username is now ${newName}`);

    // Password: the checklist, then the reuse rule from the server.
    const p = account.password;
    await p.getByLabel('Current password').fill(who.password);
    await p.getByLabel('New password', { exact: true }).fill('short');
    await expect(p.getByRole('list', { name: 'Your new password needs' }).getByText('Not met:').first()).toBeAttached();
    await p.getByLabel('New password', { exact: true }).fill(who.password);
    await p.getByLabel('Confirm new password').fill(who.password);
    await p.getByRole('button', { name: 'Change password' }).click();
    await expect(p.getByText(/used this password before/)).toBeVisible();
    await expectNoA11yViolations(page, 'password reuse refused');

    const fresh = 'Lee.Change55';
    await p.getByLabel('New password', { exact: true }).fill(fresh);
    await p.getByLabel('Confirm new password').fill(fresh);
    await p.getByRole('button', { name: 'Change password' }).click();
    await expect(p.getByRole('status')).toContainText(/password is changed/);

    // Contact details are checked as typed.
    const c = account.contact;
    await c.getByLabel('Phone').fill('555-0142');
    await c.getByRole('button', { name: 'Save contact details' }).click();
    await expect(c.getByText(/10 digits/)).toBeVisible();
    await c.getByLabel('Phone').fill('555 555 0142');
    await c.getByLabel('Email').fill('lee05@example.com');
    // Changing where account messages go needs the password.
    await c.getByLabel('Current password').fill(fresh);
    await c.getByRole('button', { name: 'Save contact details' }).click();
    await expect(c.getByRole('status')).toContainText(/saved/);
    await expect(c.getByLabel('Phone')).toHaveValue('(555) 555-0142');

    await shell.signOut();
    await login.signIn(newName, fresh);
    await shell.expectSignedIn();
  });

  test('sign out everywhere else, seen from a second browser', async ({ page, browser }) => {
    // Several steps, each checked with axe: more than the default 30 s under a parallel run.
    test.setTimeout(90_000);
    const who = securityAccount(6);
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(who.username, who.password);

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const otherLogin = new LoginPage(otherPage);
    await otherLogin.goto();
    await otherLogin.signIn(who.username, who.password);

    const account = new AccountPage(page);
    await account.goto();
    await expect(account.sessions.getByRole('listitem')).toHaveCount(2);
    await expect(account.sessions.getByText('This device')).toHaveCount(1);
    await account.sessions.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await expect(account.sessions.getByText(/Every other session is signed out/)).toBeVisible();
    await expect(account.sessions.getByRole('listitem')).toHaveCount(1);

    // The other browser's next request is refused: back to sign-in, keeping its page.
    await otherPage.goto('/cards');
    await expect(otherPage).toHaveURL(/\/login\?next=%2Fcards/);
    await other.close();

    // This one still works; then everywhere, including here.
    await account.goto();
    await account.sessions.getByRole('button', { name: 'Sign out everywhere, including here' }).click();
    await expect(page).toHaveURL(/\/login/);
  });
});
