import { expect, test } from './fixtures/test';
import { RegisterPage, UNREGISTERED } from './fixtures/register_page';

function exactWord(s: string): RegExp {
  const escaped = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.-])${escaped}($|[^\\w.-])`);
}

// Sends a registration for a demo person (refused, 409): desktop only.
test.describe('username taken', { tag: '@desktop-only' }, () => {
  test('says the username is taken and offers free ones; a suggestion fills Username', async ({ page }) => {
    const register = new RegisterPage(page);
    await register.goto();
    await register.useIdentity();
    await register.fillIdentity(UNREGISTERED.taylor);
    await register.fillCredentials({ username: 'member1', password: 'Sunny.Day7' });

    const response = await register.submit();
    expect(response.status(), 'POST /api/v1/auth/register').toBe(409);
    const problem = (await response.json()) as { suggestions?: string[] };
    const suggestions = problem.suggestions ?? [];
    expect(suggestions.length, 'server suggestions').toBeGreaterThanOrEqual(2);
    expect(suggestions.length, 'server suggestions').toBeLessThanOrEqual(3);

    await register.expectFieldError(register.username, /taken/i);

    for (const name of suggestions) {
      await expect(page.getByRole('button', { name: exactWord(name) })).toBeVisible();
    }

    const pick = suggestions[0];
    await page.getByRole('button', { name: exactWord(pick) }).click();
    await expect(register.username).toHaveValue(pick);
    await expect(page).toHaveURL(/\/register/);
  });
});
