import { expect, test } from './fixtures/test';
import { DEMO, LoginPage } from './fixtures/login_page';

const LOCKED = /locked/i;

// Locks member3 for 15 minutes in the shared database: desktop only.
test.describe('lockout', { tag: '@desktop-only' }, () => {
  test('five wrong passwords lock the account; then the right one is refused too', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();

    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await login.submit(DEMO.member3.username, `Wrong.Pass${attempt}`);
      statuses.push(response.status());
      await expect(login.alert(/\S/).first()).toBeVisible();
    }
    // The 5th failure already answers 423 (a retry of this test sees 423 throughout).
    expect(statuses.at(-1), `statuses ${statuses.join(', ')}`).toBe(423);

    // Says the account is locked, and until when.
    const lockMessage = login.alert(LOCKED);
    await expect(lockMessage).toBeVisible();
    await expect(lockMessage).toContainText(/\d/);

    const right = await login.submit(DEMO.member3.username, DEMO.member3.password);
    expect(right.status(), 'the right password while locked').toBe(423);
    await expect(login.alert(LOCKED)).toBeVisible();
    await login.expectLoaded();
  });
});
