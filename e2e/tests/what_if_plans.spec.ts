import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { signInByApi } from './fixtures/claims_page';
import { PLAN, PlansPage } from './fixtures/plans_page';

// What-if yearly cost, worked out in the browser by portal-domain's engine.
// The figures are the ones unit-tested in crates/server/src/demo/catalog.rs
// (what_if_figures_for_the_demo_family, what_if_custom_figures_for_the_demo_family).
test.describe('what-if yearly cost', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('presets: low use and high use, cheapest plan marked', async ({ page }) => {
    const plans = new PlansPage(page);
    await plans.goto();
    await plans.use('Low use');
    const low: Record<string, string> = {
      [PLAN.bronze]: '$4,560.00',
      [PLAN.silver]: '$6,560.00',
      [PLAN.gold]: '$10,680.00',
      [PLAN.platinum]: '$13,280.00',
      [PLAN.epo]: '$5,580.00',
    };
    for (const [plan, total] of Object.entries(low)) {
      await expect.poll(() => plans.total(plan)).toBe(total);
    }
    await expect(plans.whatIfSummary).toHaveText(`Lowest estimated total: ${PLAN.bronze}, $4,560.00 a year.`);
    await expect(plans.planCost(PLAN.bronze).getByText('Lowest estimated total')).toBeVisible();
    await expect(plans.planCost(PLAN.gold).getByText('Lowest estimated total')).toHaveCount(0);
    await expect(plans.planCost(PLAN.bronze)).toContainText('would not reach the deductible');

    await plans.use('High use');
    const high: Record<string, string> = {
      [PLAN.bronze]: '$17,840.00',
      [PLAN.silver]: '$18,360.00',
      [PLAN.gold]: '$18,310.00',
      [PLAN.platinum]: '$17,200.00',
      [PLAN.epo]: '$18,400.00',
    };
    for (const [plan, total] of Object.entries(high)) {
      await expect.poll(() => plans.total(plan)).toBe(total);
    }
    await expect(plans.planCost(PLAN.platinum).getByText('Lowest estimated total')).toBeVisible();
    await expect(plans.planCost(PLAN.bronze)).toContainText('out-of-pocket maximum');

    await plans.use('Like last year (your claims)');
    await expect(page.getByText(/^Last year your household had \d+ processed claims/)).toBeVisible();
    await expect(plans.whatIfSummary).toBeVisible();
    await expectNoA11yViolations(page, '/plans (what-if results)');
  });

  test('custom use: 4 specialist visits, an MRI, 12 generic prescriptions and a baby', async ({ page }) => {
    const plans = new PlansPage(page);
    await plans.goto();
    await plans.use('My own list');
    await expect(page.getByText('Your list is empty: add the care you expect.')).toBeVisible();
    // a bad number is explained beside the field and adds nothing
    await plans.times.fill('-3');
    await plans.addToList.click();
    await expect(page.getByText('Enter a whole number from 1 to 400.')).toBeVisible();
    await expect(plans.times).toHaveAttribute('aria-invalid', 'true');

    await plans.addUse('Alex', 'Specialist visit', 4);
    await plans.addUse('Alex', 'Imaging (X-ray, MRI, CT)', 1);
    await plans.addUse('Alex', 'Generic drug', 12);
    await plans.addUse('Alex', 'Maternity (having a baby)', 1);
    await expect(page.getByRole('list', { name: 'Your list' }).getByRole('listitem')).toHaveCount(4);

    const totals: Record<string, string> = {
      [PLAN.bronze]: '$10,840.00',
      [PLAN.silver]: '$10,900.00',
      [PLAN.gold]: '$12,745.00',
      [PLAN.platinum]: '$13,960.00',
      [PLAN.epo]: '$10,257.50',
    };
    for (const [plan, total] of Object.entries(totals)) {
      await expect.poll(() => plans.total(plan)).toBe(total);
    }
    const epo = plans.planCost(PLAN.epo);
    await expect(epo.getByText('Lowest estimated total')).toBeVisible();
    await expect(epo).toContainText('reach the deductible ($1,750.00 per person, $3,500.00 for the family) in July');
    await expect(page.getByText(/18 services priced per plan for Family coverage/)).toBeVisible();

    // removing an item changes the figures
    await page.getByRole('button', { name: 'Remove Alex: 1 × Maternity (having a baby)' }).click();
    await expect(page.getByRole('list', { name: 'Your list' }).getByRole('listitem')).toHaveCount(3);
    await expect.poll(() => plans.total(PLAN.epo)).not.toBe('$10,257.50');
    await expectNoA11yViolations(page, '/plans (custom use)');
  });
});
