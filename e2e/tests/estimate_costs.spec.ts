import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { dollars, signInByApi } from './fixtures/claims_page';
import { EstimatePage } from './fixtures/estimate_page';

type Estimate = {
  total: number;
  priced: {
    available: boolean;
    amounts: { allowed: number; deductible: number; copay: number; coinsurance: number; plan_paid: number; member_owes: number; billed: number };
    balance_bill: number;
    before: { deductible_met: number; family_deductible_met: number; family_deductible: number };
    after: { deductible_met: number; family_deductible_met: number };
  };
};

// The estimator (read-only). Accumulators come from the demo claims, which
// depend on the day, so the figures on screen are checked against the API's
// answer for the same question (the engine's figures are unit-tested).
test.describe('cost estimator', () => {
  let riley = 0;
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
    const plans = await (await page.request.get('/api/v1/plans')).json();
    riley = plans.household.find((p: { first_name: string }) => p.first_name === 'Riley').id;
  });

  async function api(page: import('./fixtures/test').Page, provider: string, quantity: number): Promise<Estimate> {
    const r = await page.request.post('/api/v1/estimate', { data: { service: '73721', provider, member: riley, quantity } });
    expect(r.status()).toBe(200);
    return r.json();
  }

  test('an MRI before and after the deductible is met', async ({ page }) => {
    const est = new EstimatePage(page);
    await est.goto();
    await est.chooseService('mri leg', '73721');
    await est.who.selectOption({ label: 'Riley' });
    await est.providerRadio('ClearPath Imaging').check();

    // Before: Riley has met none of the deductible, so the MRI goes to it.
    const one = await api(page, 'clearpath-imaging', 1);
    expect(one.priced.before.deductible_met).toBe(0);
    expect(one.priced.amounts.coinsurance).toBe(0);
    await expect(est.headline).toHaveText(`You would pay about ${dollars(one.priced.amounts.member_owes)}`);
    expect(await est.figure('Plan\'s allowed amount')).toBe('$665.00');
    expect(await est.figure('Toward your deductible')).toBe(dollars(one.priced.amounts.deductible));
    expect(await est.figure('Coinsurance')).toBe('$0.00');
    expect(await est.figure('You pay')).toBe(dollars(one.priced.amounts.member_owes));
    await expect(est.result).toContainText(`Deductible: $0.00 of $1,500.00 met now, ${dollars(one.priced.after.deductible_met)} after this.`);
    await expect(est.priorAuth).toBeVisible();
    await expect(est.result).toContainText('This is an estimate, not a guarantee');

    // Three scans: the (family) deductible is met on the way, then 20% coinsurance.
    await est.quantity.fill('3');
    const three = await api(page, 'clearpath-imaging', 3);
    expect(three.priced.amounts.coinsurance).toBeGreaterThan(0);
    expect(three.priced.after.family_deductible_met).toBe(three.priced.before.family_deductible);
    await expect(est.headline).toHaveText(`You would pay about ${dollars(three.priced.amounts.member_owes)}`);
    expect(await est.figure('Coinsurance')).toBe(dollars(three.priced.amounts.coinsurance));
    expect(await est.figure('The plan pays')).toBe(dollars(three.priced.amounts.plan_paid));
    await expect(est.result).toContainText(`Family deductible: ${dollars(three.priced.before.family_deductible_met)} of $3,000.00 met now, $3,000.00 after this.`);
    await expectNoA11yViolations(page, '/estimate (in network)');
  });

  test('out of network: the balance-billing warning', async ({ page }) => {
    const est = new EstimatePage(page);
    await est.goto();
    await est.chooseService('73721', '73721');
    await est.who.selectOption({ label: 'Riley' });
    await est.providerRadio('St. Anne Medical Center').check();
    const oon = await api(page, 'st-anne', 1);
    await expect(est.oonWarning).toBeVisible();
    await expect(est.result).toContainText(`they may bill you up to ${dollars(oon.priced.balance_bill)} more`);
    expect(oon.priced.balance_bill).toBe(237_500 - 80_750);
    await expect(est.result).toContainText('balance billing');
    // The headline is the realistic total: the share plus the possible balance bill, split shown.
    expect(oon.total).toBe(oon.priced.amounts.member_owes + oon.priced.balance_bill);
    await expect(est.headline).toHaveText(`You could pay about ${dollars(oon.total)} in all`);
    await expect(est.result).toContainText(`That is ${dollars(oon.priced.amounts.member_owes)} as your share under your plan, plus up to ${dollars(oon.priced.balance_bill)}`);
    expect(await est.figure('Your share')).toBe(dollars(oon.priced.amounts.member_owes));
    expect(await est.figure('Possible balance bill')).toBe(dollars(oon.priced.balance_bill));
    expect(await est.figure('You pay')).toBe(dollars(oon.total));
    await expectNoA11yViolations(page, '/estimate (out of network)');
  });

  test('thin data: covered, estimate not available; search by words', async ({ page }) => {
    const est = new EstimatePage(page);
    await est.goto();
    await est.search.fill('zzzz');
    await expect(est.searchStatus).toHaveText(/^No service matches\. Try fewer or other words/);
    await est.chooseService('cardiac valve', '216');
    await est.providerRadio('Evergreen Regional Hospital').check();
    await expect(est.headline).toHaveText('Covered, estimate not available');
    await expect(est.result).toContainText('we don\'t have this provider\'s price');
  });

  // Members' own words find the right service first (the full table of 50 is
  // the server test estimate_data::tests::plain_language_searches_find_the_right_service_first).
  const PLAIN: [string, string][] = [
    ['colonoscopy', '45378'],
    ['knee MRI', '73721'],
    ['mammogram', '77067'],
    ['having a baby', '59400'],
    ['blood test', '85025'],
    ['physical therapy', '97110'],
    ['CT scan of the head', '70450'],
    ['cataract surgery', '66984'],
  ];
  test('plain words find the right service first; did you mean', async ({ page }) => {
    const est = new EstimatePage(page);
    await est.goto();
    for (const [words, code] of PLAIN) {
      await est.search.fill(words);
      await expect(est.services().first()).toHaveAccessibleName(new RegExp(` ${code}$`));
    }
    await est.search.fill('colonscopy');
    await expect(est.searchStatus).toHaveText('No service matches. Did you mean “colonoscopy”?');
    await est.didYouMean('colonoscopy').click();
    await expect(est.search).toHaveValue('colonoscopy');
    await expect(est.services().first()).toHaveAccessibleName(/ 45378$/);
  });

  test('the Mammogram due alert lands on a $0 screening estimate', async ({ page }) => {
    const est = new EstimatePage(page);
    const alerts = (await (await page.request.get('/api/v1/alerts')).json()).items as { kind: string; title: string; link: string }[];
    const mammo = alerts.find((a) => a.kind === 'preventive_care' && a.title.startsWith('Mammogram'));
    const link = mammo?.link ?? `/estimate?service=77067&purpose=screening&member=${riley}`;
    expect(link).toMatch(/^\/estimate\?service=77067&purpose=screening&member=\d+$/);
    await page.goto(link);
    await expect(est.purpose('Screening (preventive care)')).toBeChecked();
    await expect(est.providerRadio('ClearPath Imaging')).toBeChecked();
    await expect(est.headline).toHaveText('You would pay about $0.00');
    await expect(est.result).toContainText('Screening (preventive care): about $0.00 (this estimate)');
    await expect(est.result).toContainText('Diagnostic: about');
    await expectNoA11yViolations(page, '/estimate (screening from an alert)');
  });

  test('a colonoscopy: screening is $0, diagnostic is not, and the bundle is shown', async ({ page }) => {
    const est = new EstimatePage(page);
    await est.goto();
    await est.chooseService('colonoscopy', '45378');
    await expect(est.purpose('Diagnostic')).toBeChecked();
    await est.providerRadio('Lakeside Surgery Center').check();
    await expect(est.headline).not.toHaveText('You would pay about $0.00');
    await expect(est.parts.getByRole('rowheader', { name: /^Anesthesia/ })).toBeVisible();
    await est.purpose('Screening (preventive care)').check();
    await expect(est.headline).toHaveText('You would pay about $0.00');
  });

  test('having a baby is priced as a bundle with the newborn, and says what is not included', async ({ page }) => {
    const est = new EstimatePage(page);
    await est.goto();
    await est.chooseService('having a baby', '59400');
    await est.providerRadio('Evergreen Regional Hospital').check();
    await expect(est.parts.getByRole('rowheader')).toHaveCount(5);
    await expect(est.parts).toContainText('Hospital stay for the birth');
    await expect(est.parts).toContainText('under your baby');
    await expect(est.result.getByRole('heading', { name: 'Not included' })).toBeVisible();
    await expect(est.result).toContainText('neonatal intensive care unit (NICU)');
    await expectNoA11yViolations(page, '/estimate (bundle)');
  });
});
