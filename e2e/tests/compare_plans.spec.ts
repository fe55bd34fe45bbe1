import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { PLAN, PlansPage } from './fixtures/plans_page';

// Side-by-side comparison (read-only): three plans, differences, best values.
test.describe('compare plans', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('three plans side by side with the best value per row marked', async ({ page }) => {
    const plans = new PlansPage(page);
    await plans.goto();
    await plans.compareOnly(PLAN.bronze, PLAN.gold, PLAN.platinum);
    await expect(page.getByText('Comparing 3 plans.')).toBeVisible();
    expect(await plans.columns()).toEqual([PLAN.bronze, PLAN.gold, PLAN.platinum]);

    // Premiums for the Morgans' family tier; the lowest is marked in words.
    expect(await plans.cells('Monthly premium (Family)')).toEqual([
      { text: '$320.00', best: true },
      { text: '$880.00', best: false },
      { text: '$1,100.00', best: false },
    ]);
    expect(await plans.cells('Deductible, individual')).toEqual([
      { text: '$3,300.00', best: false },
      { text: '$750.00', best: false },
      { text: '$0.00', best: true },
    ]);
    // Copay vs. coinsurance compared on a typical visit's cost.
    expect(await plans.cells('Specialist visit')).toEqual([
      { text: '30% coinsurance after deductible', best: false },
      { text: '$40.00 copay', best: false },
      { text: '$25.00 copay', best: true },
    ]);
    expect((await plans.cells('HSA-eligible')).map((c) => c.text)).toEqual(['Yes', 'No', 'No']);
    expect((await plans.cells('Out-of-network care')).map((c) => c.text)).toEqual([
      'Covered, at a higher cost',
      'Covered, at a higher cost',
      'Emergencies only',
    ]);

    // Rows that are the same for all are said to be, and can be hidden.
    await expect(plans.row('Preventive care')).toContainText('Same in all');
    await plans.onlyDifferences.check();
    await expect(plans.row('Preventive care')).toHaveCount(0);
    await expect(plans.row('Deductible, individual')).toHaveCount(1);

    // "Best" never marks "Not covered", nor a benefit that is worse once the
    // deductible is met: Gold's 10% beats Platinum's $50 copay only then, so neither is best.
    expect(await plans.cells('Medical equipment')).toEqual([
      { text: '30% coinsurance after deductible', best: false },
      { text: '10% coinsurance after deductible', best: false },
      { text: '$50.00 copay', best: false },
    ]);
    // One heading per section.
    const headings = await plans.sections();
    expect(headings.filter((h) => h === 'Care in network')).toHaveLength(1);
    expect(new Set(headings).size).toBe(headings.length);

    // At most four plans: a fifth cannot be ticked.
    await plans.compareBox(PLAN.silver).check();
    await expect(plans.compareBox(PLAN.epo)).toBeDisabled();
    // Fewer than two: the table goes and the page says why.
    await plans.compareOnly(PLAN.gold);
    await expect(page.getByText('Choose at least two plans to compare.')).toBeVisible();
    await expect(plans.compareTable).toHaveCount(0);
  });

  test('Not covered is never the best', async ({ page }) => {
    const plans = new PlansPage(page);
    await plans.goto();
    await plans.compareOnly(PLAN.silver, PLAN.epo);
    const columns = await plans.columns();
    const cells = await plans.cells('Medical equipment');
    const byPlan = Object.fromEntries(columns.map((name, i) => [name, cells[i]]));
    expect(byPlan).toEqual({
      [PLAN.silver]: { text: '20% coinsurance after deductible', best: true },
      [PLAN.epo]: { text: 'Not covered', best: false },
    });
  });
});
