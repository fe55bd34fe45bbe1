import { expect, test } from './fixtures/test';
import { AccountPage } from './fixtures/account_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { LoginPage } from './fixtures/login_page';
import { securityAccount } from './fixtures/security_accounts';
import { ShellPage } from './fixtures/shell_page';
import { base32Decode, totp, totpRaw } from './fixtures/totp';
import { TwoStepSignIn } from './fixtures/two_step_page';

test('the TOTP helper matches the RFC 6238 SHA-1 vectors', () => {
  const key = Buffer.from('12345678901234567890');
  expect(totpRaw(key, 59, 8)).toBe('94287082');
  expect(totpRaw(key, 1111111109, 8)).toBe('07081804');
  expect(totpRaw(key, 2000000000, 8)).toBe('69279037');
  expect(base32Decode('GEZDGNBVGY3TQOJQ').toString()).toBe('1234567890');
});

// Turns two-step on for secure01 in the shared database: desktop only.
test.describe('two-step verification', { tag: '@desktop-only' }, () => {
  test('enrol by reading the secret, then sign in with a code and with a recovery code', async ({ page }) => {
    // Several steps, each checked with axe: more than the default 30 s under a parallel run.
    test.setTimeout(90_000);
    const who = securityAccount(1);
    const login = new LoginPage(page);
    const shell = new ShellPage(page);
    const account = new AccountPage(page);
    const second = new TwoStepSignIn(page);

    await login.goto();
    await login.signIn(who.username, who.password);
    await shell.nav.getByRole('link', { name: 'Account' }).click();
    await account.expectLoaded();
    await expect(account.twoStep).toContainText(/two-step verification is off/i);

    const secret = await account.startTwoStep();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectNoA11yViolations(page, 'two-step enrolment');
    // A wrong code does not switch it on.
    await account.twoStep.getByLabel('Code from your authenticator app').fill('000000');
    await account.twoStep.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await expect(account.twoStep.getByText(/not right/)).toBeVisible();

    const codes = await account.confirmTwoStep(totp(secret));
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    await expectNoA11yViolations(page, 'recovery codes');
    await account.twoStep.getByRole('button', { name: 'I have saved my codes' }).click();
    await expect(account.twoStep).toContainText(/is on/);
    await expect(account.twoStep).toContainText('10 unused recovery codes');
    await expectNoA11yViolations(page, 'account page, two-step on');

    // Sign in again: the password, then a code (the next step's: the
    // current one was used to switch on, and a code works only once).
    await shell.signOut();
    await login.submit(who.username, who.password).then((r) => expect(r.status()).toBe(202));
    await second.expectShown();
    await expectNoA11yViolations(page, 'second sign-in step');
    await second.code.fill(totp(secret, 30));
    expect(await second.verify()).toBe(200);
    await shell.expectSignedIn();

    // And with a recovery code.
    await shell.signOut();
    await login.submit(who.username, who.password).then((r) => expect(r.status()).toBe(202));
    await second.expectShown();
    await second.useRecoveryCode.click();
    await expect(second.recoveryCode).toBeFocused();
    await second.recoveryCode.fill(codes[0]);
    expect(await second.verify()).toBe(200);
    await shell.expectSignedIn();

    // The used recovery code is refused the next time, with the message beside the field.
    await shell.signOut();
    await login.submit(who.username, who.password);
    await second.useRecoveryCode.click();
    await second.recoveryCode.fill(codes[0]);
    expect(await second.verify()).toBe(401);
    await expect(page.getByText(/recovery code is not right, or it was used already/).first()).toBeVisible();
    await expect(second.recoveryCode).toHaveAttribute('aria-invalid', 'true');

    // The history shows the two-step sign-ins.
    await second.recoveryCode.fill(codes[1]);
    expect(await second.verify()).toBe(200);
    await shell.expectSignedIn();
    await account.goto();
    await expect(account.history.getByRole('row').filter({ hasText: 'Recovery code used' }).first()).toBeVisible();
    await expect(account.history.getByRole('row').filter({ hasText: 'Signed in' }).filter({ hasText: 'Yes' }).first()).toBeVisible();
  });
});
