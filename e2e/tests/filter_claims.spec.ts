import { expect, test, type Locator } from './fixtures/test';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';

// Each filter narrows the list to exactly what the API matches for the same
// query (count and totals in the summary). Read-only: member1's demo claims.
test.describe('filter claims', () => {
  let claims: ClaimsPage;

  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
    claims = new ClaimsPage(page);
    await claims.goto();
  });

  test('unfiltered list shows every claim with its totals', async () => {
    const all = await claims.expectMatchesApi();
    expect(all.total).toBeGreaterThan(100);
    await expect(claims.pageStatus).toHaveText(`Page 1 of ${Math.ceil(all.total / 25)}`);
    await claims.expectRowsMatchApi();
  });

  test('each select narrows the list', async () => {
    const all = (await claims.api('')).total;
    const cases: Array<[string, Locator, string, RegExp]> = [
      ['category', claims.category, 'Prescription', /category=prescription/],
      ['status', claims.status, 'Denied', /status=denied/],
      ['network', claims.network, 'Out of network', /network=out/],
      ['member', claims.member, 'Riley Morgan', /member=\d+/],
      ['dateRange', claims.dateRange, 'Last 12 months', /range=last12/],
    ];
    for (const [field, select, label, param] of cases) {
      await claims.clearFilters.click();
      await expect(claims.page).toHaveURL(/\/claims$/);
      await select.selectOption({ label });
      await expect(claims.page).toHaveURL(param);
      const api = await claims.expectMatchesApi();
      expect(api.total, `${String(field)} = ${label}`).toBeGreaterThan(0);
      expect(api.total, `${String(field)} = ${label}`).toBeLessThan(all);
    }
  });

  test('provider and text search narrow the list', async () => {
    await claims.provider.fill('Northside');
    await expect(claims.page).toHaveURL(/provider=Northside/);
    const byProvider = await claims.expectMatchesApi();
    expect(byProvider.total).toBeGreaterThan(0);
    for (const c of byProvider.items) expect(c.provider.name).toContain('Northside');

    await claims.clearFilters.click();
    await expect(claims.provider).toHaveValue('');
    const one = (await claims.api('page_size=1')).items[0];
    await claims.search.fill(one.claim_number);
    await expect(claims.page).toHaveURL(new RegExp(`q=${one.claim_number}`));
    await claims.expectCount(1);
    await expect(claims.claimLinks()).toHaveText([one.claim_number]);
  });

  test('custom dates narrow the list', async () => {
    await claims.dateRange.selectOption({ label: 'Custom dates' });
    await claims.from.fill('2025-01-01');
    await claims.to.fill('2025-06-30');
    await expect(claims.page).toHaveURL(/from=2025-01-01/);
    await expect(claims.page).toHaveURL(/to=2025-06-30/);
    const api = await claims.expectMatchesApi();
    expect(api.total).toBeGreaterThan(0);
    for (const c of api.items) {
      expect(c.service_start >= '2025-01-01' && c.service_start <= '2025-06-30').toBe(true);
    }
  });

  test('filters combine (AND) and an impossible mix shows the empty state', async () => {
    await claims.category.selectOption({ label: 'Office visit' });
    await claims.network.selectOption({ label: 'In network' });
    await claims.member.selectOption({ label: 'Riley Morgan' });
    await expect(claims.page).toHaveURL(/category=office_visit/);
    await expect(claims.page).toHaveURL(/network=in/);
    await expect(claims.page).toHaveURL(/member=/);
    const combined = await claims.expectMatchesApi();
    const categoryOnly = await claims.api('category=office_visit');
    expect(combined.total).toBeGreaterThan(0);
    expect(combined.total).toBeLessThan(categoryOnly.total);
    await claims.expectRowsMatchApi();

    await claims.search.fill('zzzz-no-such-claim');
    await expect(claims.empty).toBeVisible();
    await claims.expectCount(0);
    await claims.results.getByRole('button', { name: 'Clear filters' }).click();
    await expect(claims.page).toHaveURL(/\/claims$/);
    await expect(claims.category).toHaveValue('');
    await expect(claims.search).toHaveValue('');
    await claims.expectMatchesApi();
  });

  test('paging moves through the matched set and a filter change returns to page 1', async () => {
    const all = await claims.expectMatchesApi();
    await claims.next.click();
    await expect(claims.page).toHaveURL(/page=2/);
    await expect(claims.pageStatus).toHaveText(`Page 2 of ${Math.ceil(all.total / 25)}`);
    await claims.expectRowsMatchApi();
    await expect(claims.previous).toBeEnabled();
    await claims.status.selectOption({ label: 'Paid' });
    await expect(claims.page).not.toHaveURL(/page=/);
    await expect(claims.pageStatus).toHaveText(/^Page 1 of/);
    await expect(claims.previous).toBeDisabled();
  });
});
