import { expect, test } from './fixtures/test';
import { RegisterPage, UNREGISTERED } from './fixtures/register_page';
import { ShellPage } from './fixtures/shell_page';
import { LoginPage } from './fixtures/login_page';
import { SentCodeSetup, twoStepCodeSentTo } from './fixtures/sent_code_page';
import { TwoStepSignIn } from './fixtures/two_step_page';
import { expectNoA11yViolations } from './fixtures/axe';

const JORDAN_PHONE = '+15555550186';

// Registration uses up demo identities in the shared database: desktop only.
test.describe('register a member', { tag: '@desktop-only' }, () => {
  test('with member ID, date of birth and SSN, then two-step by text: the next sign-in asks for the texted code', async ({
    page,
    request,
  }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useIdentity();
    await register.fillIdentity(UNREGISTERED.jordan);
    await register.fillCredentials({ username: 'jordan86', password: 'Sunny.Day7' });

    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/auth/register').toBe(201);

    // Two-step verification is offered before the dashboard.
    const protect = new SentCodeSetup(page);
    await expect(protect.protectHeading).toBeFocused();
    await expect(protect.text).toBeChecked();
    await expectNoA11yViolations(page, 'protect your account');
    // A bad number is refused beside the field, and nothing is sent.
    await protect.phoneNumber.fill('555-01');
    await protect.sendCode.click();
    await expect(protect.phoneNumber).toHaveAccessibleDescription(/10 digits/);
    expect((await protect.sendByText('(555) 555-0186')).status()).toBe(200);
    await expect(page.getByText('(•••) •••-0186')).toBeVisible();
    await expect(protect.code).toBeFocused();
    const setupCode = await twoStepCodeSentTo(request, JORDAN_PHONE);
    expect((await protect.enter(setupCode)).status()).toBe(200);
    await expect(protect.codesHeading).toBeFocused();
    await expect(page.getByRole('list', { name: 'Save your recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await page.getByRole('button', { name: 'I have saved my codes: go to my dashboard' }).click();

    const shell = new ShellPage(page);
    await shell.expectSignedIn();
    await shell.expectDashboardShows(UNREGISTERED.jordan.firstName);

    // Signing in again: the password, then the code texted to the phone.
    await shell.signOut();
    const login = new LoginPage(page);
    await login.goto();
    expect((await login.submit('jordan86', 'Sunny.Day7')).status()).toBe(202);
    const twoStep = new TwoStepSignIn(page);
    await expect(twoStep.sentCode).toBeFocused();
    await expect(twoStep.sentCode).toHaveAccessibleName('Code we texted you');
    await expect(page.getByText('(•••) •••-0186')).toBeVisible();
    await expect(twoStep.sendNewCode).toBeVisible();
    await expectNoA11yViolations(page, 'sign-in code by text');
    const signInCode = await twoStepCodeSentTo(request, JORDAN_PHONE);
    await twoStep.sentCode.fill(signInCode);
    expect(await twoStep.verify()).toBe(200);
    await shell.expectSignedIn();
    await shell.expectDashboardShows(UNREGISTERED.jordan.firstName);
  });

  // Runs before the valid-code test: both codes belong to Casey Morgan.
  test('with an expired activation code: says so beside the Activation code field', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useActivationCode();
    await register.activationCode.fill(UNREGISTERED.casey.expiredCode);
    await register.fillCredentials({ username: 'caseym', password: 'Bright.Leaf8' });

    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/auth/register').toBe(422);

    await register.expectFieldError(register.activationCode, /expired/i);
    await expect(page).toHaveURL(/\/register/);
  });

  test('with an activation code: lands signed in on the dashboard', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useActivationCode();
    await register.activationCode.fill(UNREGISTERED.casey.activationCode);
    await register.fillCredentials({ username: 'casey07', password: 'Bright.Leaf8' });

    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/auth/register').toBe(201);

    // Two-step verification can wait: "Not now" goes to the dashboard.
    const protect = new SentCodeSetup(page);
    await expect(protect.protectHeading).toBeVisible();
    await protect.notNow.click();
    const shell = new ShellPage(page);
    await shell.expectSignedIn();
    await shell.expectDashboardShows(UNREGISTERED.casey.firstName);
  });
});
