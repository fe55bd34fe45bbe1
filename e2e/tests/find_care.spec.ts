import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { FindCarePage, ListingPage } from './fixtures/find_care_page';
import { EstimatePage } from './fixtures/estimate_page';

// Find care (issue 14): the provider directory, read-only, as member1
// (home ZIP 98103, Evergreen Silver PPO 2026).

test('find an in-network pediatrician near a ZIP who speaks Spanish', async ({ page }) => {
  await signInByApi(page);
  const find = new FindCarePage(page);
  await find.goto();
  await expect(find.summary).toContainText('within 10 miles of your home ZIP code, 98103 (Seattle)');
  await find.searchFor('pediatrician', '98115');
  await find.showMoreFilters();
  await find.language.selectOption({ label: 'Spanish' });
  await find.settled();
  // The search is in the address, like the claims filters.
  await expect(page).toHaveURL(/\/find-care\?q=pediatrician&zip=98115&language=es$/);
  await expect(find.summary).toContainText('for Pediatrics within 10 miles of 98115 (Seattle), in the network of Evergreen Silver PPO 2026.');
  const count = await find.results.count();
  expect(count).toBeGreaterThan(0);
  // Every listing shown is what was asked for, nearest first.
  let last = 0;
  for (let i = 0; i < count; i++) {
    const card = find.results.nth(i);
    await expect(card).toContainText('Pediatrics');
    await expect(card).toContainText('In network for Evergreen Silver PPO 2026');
    await expect(card).toContainText(/Speaks .*Spanish/);
    const miles = Number((await card.locator('.provider-card__distance').innerText()).match(/([\d.]+) miles? away/)?.[1]);
    expect(miles).toBeLessThanOrEqual(10);
    expect(miles).toBeGreaterThanOrEqual(last);
    last = miles;
  }
  // The count in the summary is the API's.
  const api = await page.request.get('/api/v1/directory/providers?q=pediatrician&zip=98115&language=es');
  const body = await api.json();
  await expect(find.summary).toContainText(`${body.total} listing`);
  await expectNoA11yViolations(page, '/find-care with results');

  // A listing, and back to the same results.
  const first = find.results.first();
  const name = await first.getByRole('heading', { level: 2 }).innerText();
  await first.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const listing = new ListingPage(page);
  await expect(listing.statusFor('Evergreen Silver PPO 2026')).toContainText('In network');
  await expect(page.getByText(/^The plan last confirmed this listing with the provider on /).or(page.getByText(/last confirmed this listing/))).toBeVisible();
  await expectNoA11yViolations(page, 'a listing');
  await listing.back.click();
  await expect(page).toHaveURL(/\/find-care\?q=pediatrician&zip=98115&language=es$/);
  await expect(find.language).toHaveValue('es');
});

test('a ZIP code is checked beside its field', async ({ page }) => {
  await signInByApi(page);
  const find = new FindCarePage(page);
  await find.goto();
  await find.zip.fill('981');
  await find.search.click();
  await expect(page.getByText('Enter a 5-digit ZIP code, such as 98103.')).toBeVisible();
  await expect(find.zip).toHaveAttribute('aria-invalid', 'true');
  await expect(find.zip).toBeFocused();
  // Outside the service area: the server's words, beside the field.
  await find.zip.fill('10001');
  await find.search.click();
  await expect(page.getByText(/ZIP code 10001 is not in the plan's service area/)).toBeVisible();
});

test('nothing found suggests a wider search', async ({ page }) => {
  await signInByApi(page);
  const find = new FindCarePage(page);
  await find.goto('?q=urologist&within=1&language=so&gender=nonbinary');
  await expect(find.summary).toContainText('0 listings');
  await expect(page.getByRole('button', { name: 'Search within 5 miles' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove the filters' }).click();
  await find.settled();
  await expect(page).toHaveURL(/\/find-care\?q=urologist&within=1$/);
  await expectNoA11yViolations(page, '/find-care with no results');
});

test('a doctor checked against the 2027 plans, and priced in the estimator', async ({ page }) => {
  await signInByApi(page);
  const find = new FindCarePage(page);
  await find.goto('?q=Lakeside%20Orthopedics&within=25');
  await find.result('Lakeside Orthopedics').getByRole('link', { name: 'Lakeside Orthopedics' }).click();
  const listing = new ListingPage(page);
  await expect(listing.statusFor('Evergreen Silver PPO 2026')).toHaveText('In network, Tier 2');
  await expect(listing.statusFor('Evergreen Platinum HMO 2027')).toHaveText('In network, Tier 1 (preferred)');
  // A record of what the listing says, to download (No Surprises Act reliance).
  await page.getByRole('button', { name: 'Keep a record of this listing' }).click();
  const saved = page.getByRole('status').filter({ hasText: /^Saved as DIR-\d{4}-\d{6}\./ });
  await expect(saved).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), saved.getByRole('link', { name: 'Download the record (PDF)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^directory-record-DIR-\d{4}-\d{6}\.pdf$/);
  // Out of network: Summit Dermatology, as its claims say.
  await find.goto('?q=Summit%20Dermatology&within=25&network=any');
  await find.result('Summit Dermatology').getByRole('link', { name: 'Summit Dermatology' }).click();
  await expect(page.getByText('Out of network for your plan, Evergreen Silver PPO 2026.')).toBeVisible();
  await expect(listing.statusFor('Evergreen Bronze HSA 2027')).toHaveText('Out of network');
  // A provider the estimator prices: the estimator opens with it chosen.
  await find.goto('?q=Cedar%20Family%20Medicine&within=25');
  await find.result('Cedar Family Medicine').getByRole('link', { name: 'Cedar Family Medicine' }).click();
  await listing.priceHere.click();
  await expect(page).toHaveURL(/\/estimate\?provider=cedar-family$/);
  const est = new EstimatePage(page);
  await expect(est.heading).toBeVisible();
  await est.chooseService('99203', '99203');
  await expect(est.providerRadio('Cedar Family Medicine')).toBeChecked();
  await expect(est.headline).toBeVisible();
});

// Reports Vista Eye Care's phone as wrong (payer3: no other spec reads its
// messages). Changes the shared database: desktop only.
test('report wrong information and see it under review @desktop-only', async ({ page }) => {
  await signInByApi(page, 'payer3');
  const find = new FindCarePage(page);
  await find.goto('?q=Vista%20Eye%20Care&within=25');
  await find.result('Vista Eye Care').getByRole('link', { name: 'Vista Eye Care' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vista Eye Care' })).toBeVisible();
  const open = page.getByRole('button', { name: 'Report wrong information' });
  await expect(open).toHaveAttribute('aria-expanded', 'false');
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  // "Something else" needs words: the message is beside the field.
  await page.getByLabel('Something else').check();
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByText('Tell us what is wrong.')).toBeVisible();
  await expect(page.getByLabel('What you know')).toBeFocused();
  await expectNoA11yViolations(page, 'the report form');
  await page.getByLabel('The phone number is wrong').check();
  await page.getByLabel('What you know').fill('The number rings a fax machine.');
  await page.getByRole('button', { name: 'Send report' }).click();
  const receipt = page.getByRole('status').filter({ hasText: 'Your reference number is' });
  await expect(receipt).toBeVisible();
  const reference = (await receipt.innerText()).match(/MSG-\d{4}-\d{6}/)?.[0];
  expect(reference).toBeTruthy();
  await expect(page.getByText(/^Under review: on /)).toBeVisible();
  // The report is in the member's messages, under its reference.
  await receipt.getByRole('link', { name: 'See your report in Messages' }).click();
  await expect(page.getByText(reference as string).first()).toBeVisible();
  await expect(page.getByText('The number rings a fax machine.', { exact: false }).first()).toBeVisible();
  // Reloading the listing still says it is under review.
  await page.goBack();
  await page.reload();
  await expect(page.getByText(/^Under review: on /)).toBeVisible();
});

// Chooses a family doctor as payer2's primary care provider (no other spec
// reads payer2's ID card or coverage). Changes the shared database: desktop only.
test('choose a primary care provider and see it on the ID card @desktop-only', async ({ page }) => {
  await signInByApi(page, 'payer2');
  const find = new FindCarePage(page);
  await find.goto('?q=family%20medicine&accepting=true&within=25');
  const doctor = find.results.filter({ has: page.getByRole('heading', { level: 2, name: /^Dr\. / }) }).filter({ hasText: 'Family medicine' }).first();
  const name = await doctor.getByRole('heading', { level: 2 }).innerText();
  await doctor.getByRole('link', { name }).click();
  const panel = page.getByRole('region', { name: 'Primary care provider' });
  await expect(panel).toBeVisible();
  await expectNoA11yViolations(page, 'a primary care listing');
  const choose = panel.getByRole('button', { name: /^Choose for / });
  const who = (await choose.first().innerText()).replace('Choose for ', '');
  await choose.first().click();
  const done = panel.getByRole('status');
  await expect(done).toContainText(`Done: ${name} is ${who}'s primary care provider from `);
  const from = (await done.innerText()).match(/from (.+)\. /)?.[1] as string;
  // The ID card says who from when; the dashboard too.
  await done.getByRole('link', { name: 'See the ID cards' }).click();
  await expect(page.getByText(`New primary care provider from ${from}: ${name}`).first()).toBeVisible();
  await page.goto('/');
  await expect(page.getByText(`New primary care from ${from}: ${name}`).first()).toBeVisible();
  // The listing remembers the choice.
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole('region', { name: 'Primary care provider' })).toContainText(`${who}'s primary care provider from ${from}.`);
});
