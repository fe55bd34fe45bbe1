import { expect, test } from './fixtures/test';
import { RegisterPage, UNREGISTERED } from './fixtures/register_page';
import { ShellPage } from './fixtures/shell_page';

// Registration uses up demo identities in the shared database: desktop only.
test.describe('register a member', { tag: '@desktop-only' }, () => {
  test('with member ID, date of birth and SSN: lands signed in on the dashboard', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useIdentity();
    await register.fillIdentity(UNREGISTERED.jordan);
    await register.fillCredentials({ username: 'jordan86', password: 'Sunny.Day7' });

    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/auth/register').toBe(201);

    const shell = new ShellPage(page);
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

    const shell = new ShellPage(page);
    await shell.expectSignedIn();
    await shell.expectDashboardShows(UNREGISTERED.casey.firstName);
  });
});
