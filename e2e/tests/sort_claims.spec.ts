import { expect, test } from './fixtures/test';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';

// Sorting: header buttons with aria-sort on wide screens, the "Sort by" select on phones.
test.describe('sort claims', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('default is newest first', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto();
    await claims.expectRowsMatchApi();
    const dates = (await claims.api('')).items.map((c) => c.service_start);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  test('sortable column headers set aria-sort and flip direction', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the table (and its header buttons) is replaced by cards on phones');
    const claims = new ClaimsPage(page);
    await claims.goto();
    await expect(claims.columnHeader('Date')).toHaveAttribute('aria-sort', 'descending');

    await claims.sortButton('Provider').click();
    await expect(page).toHaveURL(/sort=provider&dir=asc/);
    await expect(claims.columnHeader('Provider')).toHaveAttribute('aria-sort', 'ascending');
    await expect(claims.columnHeader('Date')).not.toHaveAttribute('aria-sort', /.+/);
    await claims.expectRowsMatchApi();
    const names = (await claims.api(claims.urlQuery())).items.map((c) => c.provider.name.toLowerCase());
    expect([...names].sort()).toEqual(names);

    await claims.sortButton('Provider').click();
    await expect(page).toHaveURL(/sort=provider(&|$)/);
    await expect(page).not.toHaveURL(/dir=asc/);
    await expect(claims.columnHeader('Provider')).toHaveAttribute('aria-sort', 'descending');
    await claims.expectRowsMatchApi();

    await claims.sortButton('You owe').click();
    await expect(page).toHaveURL(/sort=owed/);
    await expect(claims.columnHeader('You owe')).toHaveAttribute('aria-sort', 'descending');
    await claims.expectRowsMatchApi();
    const owed = (await claims.api(claims.urlQuery())).items.map((c) => c.amounts.member_owes);
    expect([...owed].sort((a, b) => b - a)).toEqual(owed);

    await claims.sortButton('Status').click();
    await expect(page).toHaveURL(/sort=status&dir=asc/);
    await expect(claims.columnHeader('Status')).toHaveAttribute('aria-sort', 'ascending');
    await claims.expectRowsMatchApi();

    // Keyboard: the header buttons work with Enter.
    await claims.sortButton('Date').focus();
    await page.keyboard.press('Enter');
    await expect(claims.columnHeader('Date')).toHaveAttribute('aria-sort', 'descending');
    await page.keyboard.press('Enter');
    await expect(claims.columnHeader('Date')).toHaveAttribute('aria-sort', 'ascending');
    await claims.expectRowsMatchApi();
  });

  test('sort keeps the filters and survives reload', async ({ page, isMobile }) => {
    const claims = new ClaimsPage(page);
    await claims.goto('category=prescription');
    if (isMobile) {
      await claims.sortBy.selectOption({ label: 'You owe: least first' });
    } else {
      await claims.sortButton('You owe').click();
      await claims.sortButton('You owe').click();
    }
    await expect(page).toHaveURL(/category=prescription/);
    await expect(page).toHaveURL(/sort=owed&dir=asc/);
    await claims.expectRowsMatchApi();
    await page.reload();
    await expect(claims.category).toHaveValue('prescription');
    await claims.expectRowsMatchApi();
    if (!isMobile) await expect(claims.columnHeader('You owe')).toHaveAttribute('aria-sort', 'ascending');
  });
});
