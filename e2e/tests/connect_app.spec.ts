import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { ConnectAppPage, SAMPLE_APP, SampleApp, connectedApps } from './fixtures/connect_app_page';

// The test acts as a third-party app: it starts SMART App Launch with PKCE,
// the member consents in the portal, the app exchanges the code, reads
// EOBs, the member disconnects it and its token stops working.
test('connect the sample app, read claims, disconnect it @desktop-only', async ({ page, request, baseURL }) => {
  const app = new SampleApp(request, baseURL ?? '');
  const consentAddress = await app.authorize('launch/patient patient/*.rs offline_access', 'e2e-state');
  expect(consentAddress).toMatch(/^\/authorize\?request=[0-9a-f]{64}$/);

  await signInByApi(page, 'billpay3');
  const consent = new ConnectAppPage(page);
  const redirected = await consent.catchRedirect();
  await page.goto(consentAddress);
  await expect(consent.heading).toBeVisible();
  await expect(page.getByRole('heading', { name: SAMPLE_APP.name })).toBeVisible();
  await expect(page.getByText(/^Your claims: providers, services, dates/)).toBeVisible();
  await expect(page.getByText(/It asks to stay connected/)).toBeVisible();
  await expect(page.getByText(/HIPAA usually no longer protects it/)).toBeVisible();
  await expectNoA11yViolations(page, 'consent screen');
  await consent.allow().click();
  await expect(page.getByRole('heading', { name: 'Sample app' })).toBeVisible();

  const back = new URL(redirected());
  expect(back.searchParams.get('state')).toBe('e2e-state');
  const tokens = await app.token(back.searchParams.get('code') ?? '');
  expect(tokens.refresh_token).toBeTruthy();
  const eobs = await app.fhir(tokens.access_token, `ExplanationOfBenefit?patient=Patient/${tokens.patient}&_count=5`);
  expect(eobs.status).toBe(200);
  expect(eobs.body.total).toBeGreaterThan(0);
  expect(eobs.body.entry).toHaveLength(5);

  // The member sees it on the account page and disconnects it.
  await page.goto('/account');
  const apps = connectedApps(page);
  await expect(apps.getByRole('heading', { name: SAMPLE_APP.name })).toBeVisible();
  await expect(apps.getByText(/Last read your information/)).toBeVisible();
  await expectNoA11yViolations(page, 'account with a connected app');
  await apps.getByRole('button', { name: `Disconnect ${SAMPLE_APP.name}` }).click();
  await apps.getByRole('button', { name: `Yes, disconnect ${SAMPLE_APP.name}` }).click();
  await expect(apps.getByText(/is disconnected: it can no longer read your information/)).toBeVisible();
  await expect(apps.getByText(/No apps are connected/)).toBeVisible();
  const after = await app.fhir(tokens.access_token, 'Patient');
  expect(after.status).toBe(401);
});

test('declining sends the app access_denied and shares nothing @desktop-only', async ({ page, request, baseURL }) => {
  const app = new SampleApp(request, baseURL ?? '');
  const consentAddress = await app.authorize('patient/ExplanationOfBenefit.rs', 'no-thanks');
  await signInByApi(page, 'billpay3');
  const consent = new ConnectAppPage(page);
  const redirected = await consent.catchRedirect();
  await page.goto(consentAddress);
  await expect(page.getByText(/It can read for a short time only/)).toBeVisible();
  await consent.decline().click();
  await expect(page.getByRole('heading', { name: 'Sample app' })).toBeVisible();
  const back = new URL(redirected());
  expect(back.searchParams.get('error')).toBe('access_denied');
  expect(back.searchParams.get('code')).toBeNull();
  // The same request cannot be answered again.
  await page.goto(consentAddress);
  await expect(page.getByRole('heading', { name: 'This request has ended' })).toBeVisible();
});
