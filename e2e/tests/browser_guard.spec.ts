import { test } from './fixtures/test';
import { LoginPage } from './fixtures/login_page';

// The shared fixture (fixtures/test.ts) fails a test on what a member's
// browser complains about. These tests provoke each kind on purpose and are
// marked `test.fail()`: they pass only when the fixture fails them.
test.describe('the browser guard @desktop-only', () => {
  test('fails a test on a CSP violation (an inline style attribute)', async ({ page }) => {
    test.fail();
    await new LoginPage(page).goto();
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.setAttribute('style', 'width: 50%');
      document.body.append(div);
    });
    // The violation event is delivered asynchronously.
    await page.waitForTimeout(200);
  });

  test('fails a test on a console error', async ({ page }) => {
    test.fail();
    await new LoginPage(page).goto();
    await page.evaluate(() => console.error('something broke'));
  });

  test('fails a test on an uncaught exception', async ({ page }) => {
    test.fail();
    await new LoginPage(page).goto();
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('uncaught');
      }, 0);
    });
    await page.waitForTimeout(200);
  });
});
