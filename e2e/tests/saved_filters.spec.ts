import { expect, test } from './fixtures/test';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';

// Saved filters: built-ins apply; a custom filter can be saved, applied,
// renamed and deleted. Each test uses its own uniquely named filters and
// deletes them, so desktop and mobile runs never collide.
test.describe('saved filters', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('built-in filters apply and cannot be renamed or deleted', async ({ page }) => {
    const claims = new ClaimsPage(page);
    await claims.goto();
    await claims.savedFilter('Only prescriptions').click();
    await expect(page).toHaveURL(/category=prescription/);
    await expect(claims.category).toHaveValue('prescription');
    await claims.expectMatchesApi();

    await claims.savedFilter('Emergency visits').click();
    await expect(page).toHaveURL(/category=emergency/);
    await expect(claims.category).toHaveValue('emergency');
    await claims.expectMatchesApi();

    await expect(claims.renameButton('Only prescriptions')).toHaveCount(0);
    await expect(claims.deleteButton('Emergency visits')).toHaveCount(0);
  });

  test('save, apply, rename and delete a custom filter', async ({ page }, testInfo) => {
    const claims = new ClaimsPage(page);
    const name = `Denied ${testInfo.project.name} ${Date.now() % 100000}`;
    const renamed = `${name} (renamed)`.slice(0, 40);

    await claims.goto();
    // Client-side check first: an empty name is refused beside the field.
    await claims.saveFilter.click();
    await expect(claims.filterName).toHaveAttribute('aria-invalid', 'true');
    await expect(claims.filterName).toHaveAccessibleDescription(/give the filter a name/i);

    await claims.status.selectOption({ label: 'Denied' });
    await claims.network.selectOption({ label: 'In network' });
    await expect(page).toHaveURL(/status=denied/);
    const denied = await claims.expectMatchesApi();

    await claims.filterName.fill(name);
    await claims.saveFilter.click();
    await expect(claims.savedFilter(name)).toBeVisible();
    await expect(claims.filterName).toHaveValue('');

    // The server refuses a second filter with the same name; the message sits beside the field.
    await claims.filterName.fill(name);
    await claims.saveFilter.click();
    await expect(claims.filterName).toHaveAttribute('aria-invalid', 'true');
    await expect(claims.filterName).toHaveAccessibleDescription(/already have a filter/i);
    await claims.filterName.fill('');

    // Apply it from an unfiltered list.
    await claims.clearFilters.click();
    await expect(page).toHaveURL(/\/claims$/);
    await claims.savedFilter(name).click();
    await expect(page).toHaveURL(/status=denied/);
    await expect(page).toHaveURL(/network=in/);
    await expect(claims.status).toHaveValue('denied');
    await claims.expectCount(denied.total);

    // Rename.
    await claims.renameButton(name).click();
    const newName = claims.savedFilters.getByLabel('New name', { exact: true });
    await expect(newName).toBeFocused();
    await newName.fill(renamed);
    await claims.savedFilters.getByRole('button', { name: 'Save name', exact: true }).click();
    await expect(claims.savedFilter(renamed)).toBeVisible();
    await expect(claims.savedFilter(name)).toHaveCount(0);

    // Survives a reload (it is on the server).
    await page.reload();
    await expect(claims.savedFilter(renamed)).toBeVisible();

    // Delete asks for a second click, by keyboard.
    await claims.deleteButton(renamed).focus();
    await page.keyboard.press('Enter');
    await expect(claims.confirmDeleteButton(renamed)).toBeFocused();
    await expect(claims.savedFilter(renamed)).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(claims.savedFilter(renamed)).toHaveCount(0);
    await expect(claims.savedFilter('Only prescriptions')).toBeVisible();

    const left = await page.request.get('/api/v1/saved-filters');
    const names = ((await left.json()) as Array<{ name: string }>).map((f) => f.name);
    expect(names).not.toContain(renamed);
  });

  test('delete can be cancelled', async ({ page }, testInfo) => {
    const claims = new ClaimsPage(page);
    const name = `Keep ${testInfo.project.name} ${Date.now() % 100000}`;
    await claims.goto('category=therapy');
    await claims.filterName.fill(name);
    await claims.saveFilter.click();
    await expect(claims.savedFilter(name)).toBeVisible();

    await claims.deleteButton(name).click();
    await claims.savedFilters.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(claims.deleteButton(name)).toBeVisible();
    await expect(claims.savedFilter(name)).toBeVisible();

    // Clean up.
    await claims.deleteButton(name).click();
    await claims.confirmDeleteButton(name).click();
    await expect(claims.savedFilter(name)).toHaveCount(0);
  });
});
