import { expect, test } from './fixtures/test';
import { DEMO, LoginPage } from './fixtures/login_page';
import { SHELL_DEEP_LINK, ShellPage } from './fixtures/shell_page';

test('a signed-out visit to a shell page goes to sign-in and back after signing in', async ({ page }) => {
  await page.goto(SHELL_DEEP_LINK);

  const login = new LoginPage(page);
  await login.expectLoaded();
  await expect(page).toHaveURL((url) => url.pathname === '/login' && (url.searchParams.get('next') ?? '').startsWith(SHELL_DEEP_LINK));

  await login.signIn(DEMO.member1.username, DEMO.member1.password);

  await expect(page).toHaveURL((url) => url.pathname === SHELL_DEEP_LINK);
  await new ShellPage(page).expectSignedIn();
});
