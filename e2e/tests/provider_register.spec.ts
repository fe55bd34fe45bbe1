import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import {
  DEMO_PROVIDERS,
  PROVIDER,
  ProviderHome,
  ProviderRegisterPage,
  UNREGISTERED_PROVIDERS,
  expectNoOverflow,
} from './fixtures/provider_page';

test.describe('register a provider account', () => {
  test('the live checklists follow the provider policy as it is typed', async ({ page }) => {
    const register = new ProviderRegisterPage(page);
    await register.goto();
    await expect(register.who.provider).toBeChecked();

    // Username: 5 to 10 characters.
    const userLength = register.usernameRule(/5 to 10 characters/);
    await register.expectRule(userLength, false);
    await register.username.fill('cedar');
    await register.expectRule(userLength, true);
    await register.username.fill('cedar.family');
    await register.expectRule(userLength, false);
    await register.username.fill('cedarfm');

    // Password: 8 to 32 characters, a digit, not the username.
    const length = register.passwordRule(/8 to 32 characters/);
    const digit = register.passwordRule(/digit/);
    const notUsername = register.passwordRule(/username/);
    await register.password.pressSequentially('Pine');
    await register.expectRule(length, false);
    await register.expectRule(digit, false);
    await register.expectRule(notUsername, true);
    await register.password.pressSequentially('.Tree');
    await register.expectRule(length, true);
    await register.expectRule(digit, false);
    await register.password.pressSequentially('7');
    await register.expectRule(digit, true);
    await register.password.fill('cedarfm.77');
    await register.expectRule(notUsername, false);
    await expectNoA11yViolations(page, 'provider registration');
    await expectNoOverflow(page, 'provider registration');
  });

  test('a provider ID typed with its asterisk is explained, and nothing is sent', async ({ page }) => {
    const register = new ProviderRegisterPage(page);
    await register.goto();
    const sent = register.recordRequests();
    await register.identity.providerId.fill('700300400*01');
    await expect(register.identity.providerId).toHaveAttribute('aria-invalid', 'true');
    await expect(register.identity.providerId).toHaveAccessibleDescription(/Leave out the asterisk/);
    await register.identity.providerId.fill('700300400');
    await expect(register.identity.providerId).toHaveAccessibleDescription(/two digits that follow the asterisk/);
    await register.identity.providerId.fill('700300400*01');
    await register.identity.taxId.fill(UNREGISTERED_PROVIDERS.harborview.taxId);
    await register.identity.dateOfBirth.fill(UNREGISTERED_PROVIDERS.harborview.dateOfBirth);
    await register.fillCredentials('harborx', 'Heart.Beat7');
    await register.createAccount.click();
    await expect(register.identity.providerId).toBeFocused();
    await expect(register.identity.providerId).toHaveAccessibleDescription(/Leave out the asterisk/);
    expect(sent, 'no registration request while a rule is broken').toHaveLength(0);
  });

  for (const [who, label] of [
    ['facility', 'Facility'],
    ['employer', 'Employer or benefit administrator'],
    ['broker', 'Broker'],
  ] as const) {
    test(`${label}: technical support's line instead of a form`, async ({ page }) => {
      const register = new ProviderRegisterPage(page);
      await register.goto();
      await register.who[who].check();
      await expect(register.support.region).toBeVisible();
      await expect(register.support.region).toContainText(/set up and recovered by technical support/);
      await expect(register.support.phone).toBeVisible();
      await expect(register.support.phone).toHaveAttribute('href', /^tel:\+1800/);
      await expect(register.support.openState).toBeVisible();
      await expect(register.createAccount).toHaveCount(0);
      await expect(register.identity.providerId).toHaveCount(0);
      await expectNoA11yViolations(page, `provider registration: ${label}`);
      await expectNoOverflow(page, `provider registration: ${label}`);
      // Back to a provider: the form again.
      await register.who.provider.check();
      await expect(register.createAccount).toBeVisible();
    });
  }
});

// These use up (or depend on) identities in the shared database: desktop only, in this order.
test.describe.serial('provider registration with the server', { tag: '@desktop-only' }, () => {
  test('a taken username: 409 with suggestions, one of which can be used', async ({ page }) => {
    const register = new ProviderRegisterPage(page);
    await register.goto();
    await register.identity.fill(UNREGISTERED_PROVIDERS.harborview);
    await register.fillCredentials(DEMO_PROVIDERS.provider1.username, 'Heart.Beat7');
    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/provider/register').toBe(409);
    await expect(page.getByRole('alert')).toContainText(/taken/);
    const suggestions = page.getByRole('list', { name: 'Available usernames:' }).getByRole('button');
    await expect(suggestions.first()).toBeVisible();
    await expectNoA11yViolations(page, 'provider username taken');
    const name = (await suggestions.first().innerText()).trim();
    await suggestions.first().click();
    await expect(register.username).toHaveValue(name);
    await expect(register.username).toBeFocused();
    await expect(page).toHaveURL((url) => url.pathname === PROVIDER.register);
  });

  test('Harborview Cardiology registers with its EIN and lands on eligibility', async ({ page }) => {
    const register = new ProviderRegisterPage(page);
    await register.goto();
    await register.identity.fill(UNREGISTERED_PROVIDERS.harborview);
    await register.fillCredentials('harborvw', 'Heart.Beat7');
    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/provider/register').toBe(201);
    const home = new ProviderHome(page);
    await home.expectOn(PROVIDER.eligibility, UNREGISTERED_PROVIDERS.harborview.organization);

    // Registered once: the same details again are refused.
    await home.signOut.click();
    await expect(page).toHaveURL((url) => url.pathname === PROVIDER.home);
    await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
    await register.goto();
    await register.identity.fill(UNREGISTERED_PROVIDERS.harborview);
    await register.fillCredentials('harbor2', 'Heart.Beat7');
    expect((await register.submit()).status()).toBe(409);
    await expect(page.getByRole('alert')).not.toBeEmpty();
  });

  test('Motion Physical Therapy registers with an SSN', async ({ page }) => {
    const register = new ProviderRegisterPage(page);
    await register.goto();
    await register.identity.fill(UNREGISTERED_PROVIDERS.motion);
    await register.fillCredentials('motionpt', 'Stretch.22');
    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/provider/register').toBe(201);
    await new ProviderHome(page).expectOn(PROVIDER.eligibility, UNREGISTERED_PROVIDERS.motion.organization);
  });

  test('details that match no provider on file: 422, said beside the form', async ({ page }) => {
    const register = new ProviderRegisterPage(page);
    await register.goto();
    await register.identity.fill({ providerId: '70090090001', taxId: '41-0000001', dateOfBirth: '1970-01-01' });
    await register.fillCredentials('nobody1', 'Nobody.Here1');
    expect((await register.submit()).status()).toBe(422);
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expect(page).toHaveURL((url) => url.pathname === PROVIDER.register);
  });
});
