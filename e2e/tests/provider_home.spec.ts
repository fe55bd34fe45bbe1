import { expect, test, type Page } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { signInByApi } from './fixtures/claims_page';
import {
  DEMO_PATIENT,
  DEMO_PROVIDERS,
  EligibilityPage,
  PROVIDER,
  ProviderClaimsPage,
  ProviderHome,
  ProviderRecoverPage,
  expectNoOverflow,
  providerSignInByApi,
} from './fixtures/provider_page';

const cedar = DEMO_PROVIDERS.provider1;

/** The NPIs of the signed-in provider, from `GET /api/v1/me`. */
async function myNpis(page: Page): Promise<string[]> {
  const r = await page.request.get('/api/v1/me');
  expect(r.status()).toBe(200);
  const me = await r.json();
  expect(me.role).toBe('provider');
  return (me.provider.npis as { npi: string }[]).map((n) => n.npi);
}

/** Waits until the page has its heading and no "Loading…" line. */
async function loaded(page: Page, heading: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.loading')).toHaveCount(0, { timeout: 20_000 });
}

test.describe('the provider home', () => {
  test('signed out: intro, sign-in, registration and recovery; axe and no overflow', async ({ page }) => {
    await page.goto(PROVIDER.home);
    await loaded(page, 'Provider home');
    await expect(page.getByRole('link', { name: 'Sign in as a provider' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Need to register?' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Forgot username or password?' })).toHaveAttribute('href', PROVIDER.recover);
    await expect(page.getByRole('link', { name: 'Help centre' })).toBeVisible();
    await expectNoA11yViolations(page, 'provider home');
    await expectNoOverflow(page, 'provider home');

    const recover = new ProviderRecoverPage(page);
    await recover.goto();
    await expect(recover.who.provider).toBeChecked();
    await expectNoA11yViolations(page, 'provider recovery');
    await expectNoOverflow(page, 'provider recovery');
    await recover.who.broker.check();
    await expect(recover.support.phone).toBeVisible();
    await expect(recover.continue).toHaveCount(0);
    await expectNoA11yViolations(page, 'provider recovery: broker');
  });

  test('recovery: the provider identity gets the neutral answer', async ({ page }) => {
    const recover = new ProviderRecoverPage(page);
    await recover.goto();
    await recover.identity.providerId.fill('700100200*01');
    await expect(recover.identity.providerId).toHaveAccessibleDescription(/Leave out the asterisk/);
    await recover.identity.fill(cedar);
    expect(await recover.submit()).toBe(202);
    await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in now' })).toBeVisible();
  });

  test('provider1 signs in and lands on eligibility; a member page sends it back', async ({ page }) => {
    const home = new ProviderHome(page);
    await home.signIn(cedar.username);
    await home.expectOn(PROVIDER.eligibility, cedar.organization);
    await expect(home.options.getByRole('link', { name: 'Eligibility and benefits' })).toHaveAttribute('aria-current', 'page');

    // Member pages are not for providers: back to the provider home.
    for (const path of ['/claims', '/', '/account']) {
      await page.goto(path);
      await expect(page, `${path} sends a provider home`).toHaveURL((url) => url.pathname === PROVIDER.eligibility);
    }
    // The public provider home goes straight on too.
    await page.goto(PROVIDER.home);
    await expect(page).toHaveURL((url) => url.pathname === PROVIDER.eligibility);
  });

  test('a member never sees a provider page', async ({ page }) => {
    await signInByApi(page, 'member1');
    await page.goto(PROVIDER.claims);
    await expect(page).toHaveURL((url) => url.pathname === '/');
  });

  test('eligibility: active with amounts; a wrong date of birth is not found', async ({ page }) => {
    await providerSignInByApi(page, cedar.username);
    await page.goto(PROVIDER.eligibility);
    await loaded(page, 'Eligibility and benefits');
    const elig = new EligibilityPage(page);
    await expect(elig.dateOfService).not.toHaveValue('');
    await expectNoA11yViolations(page, 'eligibility form');

    expect(await elig.lookUp(DEMO_PATIENT.memberId, DEMO_PATIENT.dateOfBirth)).toBe(200);
    await expect(elig.result).toBeVisible();
    await expect(elig.result.getByRole('heading', { name: DEMO_PATIENT.name })).toBeVisible();
    await expect(elig.result.locator('.eligibility-status')).toContainText(/\b(Active|Not active) on /i);
    await expect(elig.result).toContainText('Deductible met');
    await expect(elig.result).toContainText('Out-of-pocket remaining');
    await expect(elig.result).toContainText(/\$\d/);
    await expect(elig.result.getByRole('progressbar').first()).toBeVisible();
    await expect(elig.result).toContainText(/Reference number/);
    await expectNoA11yViolations(page, 'eligibility result');
    await expectNoOverflow(page, 'eligibility result');

    expect(await elig.lookUp(DEMO_PATIENT.memberId, '1984-03-15')).toBe(404);
    await expect(page.locator('.provider-not-found')).toBeVisible();
    await expect(elig.result).toHaveCount(0);

    // The member ID's asterisk advice; nothing is sent.
    let sent = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/provider/eligibility') sent += 1;
    });
    await elig.memberId.fill('100200300*01');
    await elig.check.click();
    await expect(elig.memberId).toHaveAccessibleDescription(/Leave out the asterisk/);
    expect(sent).toBe(0);
  });

  test("claim status: only provider1's claims, filtered by status", async ({ page }) => {
    await providerSignInByApi(page, cedar.username);
    const npis = await myNpis(page);
    const first = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/provider/claims/search');
    await page.goto(PROVIDER.claims);
    const all = await (await first).json();
    await loaded(page, 'Claim status');
    expect(all.total).toBeGreaterThan(0);
    for (const c of all.claims) expect(npis, `claim ${c.claim_number} is provider1's`).toContain(c.npi);
    await expect(page.locator('.claims-summary')).toContainText(`${all.total} claim`);
    await expectNoA11yViolations(page, 'claim status');
    await expectNoOverflow(page, 'claim status');

    const claims = new ProviderClaimsPage(page);
    await claims.status.selectOption('paid');
    const paid = await claims.submit();
    for (const c of paid.claims) expect(c.status).toBe('paid');
    if (paid.claims.length > 0) {
      await expect(page.locator('.badge').first()).toHaveText('Paid');
      await expect(page.locator('.badge:not(.badge--paid)')).toHaveCount(0);
    } else {
      await expect(page.getByText('No claims match this search.')).toBeVisible();
    }

    // A date range the wrong way round is explained, and not sent.
    let sent = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/provider/claims/search') sent += 1;
    });
    await page.getByLabel('Service from').fill('2026-10-01');
    await page.getByLabel('Service to').fill('2026-09-01');
    await claims.search.click();
    await expect(page.getByLabel('Service to')).toHaveAccessibleDescription(/before the start date/);
    expect(sent).toBe(0);
  });

  test('remittances: payments, their claims and the CSV', async ({ page }) => {
    await providerSignInByApi(page, cedar.username);
    await page.goto(PROVIDER.remittances);
    await loaded(page, 'Remittances');
    const csv = page.getByRole('link', { name: 'Download CSV' });
    await expect(csv).toHaveAttribute('href', '/api/v1/provider/remittances.csv');
    const list = await (await page.request.get('/api/v1/provider/remittances')).json();
    if (list.remittances.length > 0) {
      const first = page.locator('.remit').first();
      await expect(first).toContainText(list.remittances[0].payment_number);
      await first.getByRole('button', { name: /^Claims in this payment/ }).click();
      await expect(first.getByText(list.remittances[0].claims[0].claim_number)).toBeVisible();
    }
    await expectNoA11yViolations(page, 'remittances');
    await expectNoOverflow(page, 'remittances');
    const file = await page.request.get('/api/v1/provider/remittances.csv');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('text/csv');
  });

  test('the account page: username, password and security, in the provider shell', async ({ page }) => {
    await providerSignInByApi(page, cedar.username);
    await page.goto(PROVIDER.account);
    await loaded(page, 'Username, password and security');
    await expect(page.getByRole('region', { name: 'Username', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Password', exact: true })).toBeVisible();
    const home = new ProviderHome(page);
    await expect(home.options).toBeVisible();
    await expectNoA11yViolations(page, 'provider account');
    await expectNoOverflow(page, 'provider account');
  });
});

test.describe('provider account changes', { tag: '@desktop-only' }, () => {
  test('provider2 changes its username, signs in with it, and changes it back', async ({ page }) => {
    test.setTimeout(60_000);
    const who = DEMO_PROVIDERS.provider2;
    await providerSignInByApi(page, who.username);
    await page.goto(PROVIDER.account);
    await loaded(page, 'Username, password and security');
    await expect(page.getByRole('banner')).toContainText(who.organization);
    const change = async (to: string) => {
      const u = page.getByRole('region', { name: 'Username', exact: true });
      await u.getByLabel('New username').fill(to);
      await u.getByLabel('Current password').fill(who.password);
      await u.getByRole('button', { name: 'Change username' }).click();
      await expect(u.getByRole('status')).toContainText(`Your username is now ${to}`);
    };
    await change('evergrn2');
    const again = await page.request.post('/api/v1/auth/login', { data: { username: 'evergrn2', password: who.password } });
    expect(again.status()).toBe(200);
    await page.reload();
    await loaded(page, 'Username, password and security');
    await change(who.username);
  });
});
