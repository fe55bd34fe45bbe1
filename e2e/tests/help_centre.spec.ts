import { expect, test } from './fixtures/test';
import { HelpPage } from './fixtures/help_page';
import { LoginPage } from './fixtures/login_page';

// The help centre (issue 12): public, in the footer of every page, its
// questions reachable by keyboard, its contact lines open or closed in the
// visitor's own time zone, and a live check of the visitor's browser.
test.describe('help centre', () => {
  test('is linked in the same place from sign-in and from the dashboard', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    const footerHelp = page.getByRole('contentinfo').getByRole('link', { name: 'Help centre' });
    await expect(footerHelp).toBeVisible();
    await footerHelp.click();
    const help = new HelpPage(page);
    await expect(help.heading).toBeVisible();
    await expect(page).toHaveURL(/\/help$/);
  });

  test('every question is reachable with Tab and opens with Enter', async ({ page }) => {
    const help = new HelpPage(page);
    await help.goto();
    const all = (await help.questions().allInnerTexts()).map((t) => t.trim());
    expect(all.length).toBeGreaterThanOrEqual(15);
    await help.search.focus();
    const reached = new Set<string>();
    for (let i = 0; i < 300 && reached.size < all.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.tagName === 'SUMMARY' ? (el.textContent ?? '').trim() : null;
      });
      if (focused) reached.add(focused);
    }
    expect([...reached].sort()).toEqual([...all].sort());

    const question = help.question('I forgot my password');
    await question.focus();
    await page.keyboard.press('Enter');
    await expect(help.answer('I forgot my password')).toHaveAttribute('open', '');
    await expect(help.answer('I forgot my password').getByRole('link', { name: 'Forgot password' })).toBeVisible();
  });

  test('username and password answers follow the rules in force', async ({ page }) => {
    const help = new HelpPage(page);
    await help.goto();
    const policy = await (await page.request.get('/api/v1/policy')).json();
    await help.question('What does my password need?').click();
    const answer = help.answer('What does my password need?');
    for (const rule of policy.password_rules.filter((r: { server_checked: boolean }) => !r.server_checked)) {
      await expect(answer).toContainText(rule.message);
    }
    await help.question("Why can't I sign in?").click();
    await expect(help.answer("Why can't I sign in?")).toContainText(
      `After ${policy.limits.lockout_attempts} failed sign-ins in a row, your account is locked for ${policy.limits.lockout_minutes} minutes`,
    );
    await help.question('How do I create an account?').click();
    await expect(help.answer('How do I create an account?')).toContainText('type 10020030002');
  });

  test('search finds questions, contact lines and glossary terms', async ({ page }) => {
    const help = new HelpPage(page);
    await help.goto();
    await help.search.fill('locked');
    await expect(help.answer("Why can't I sign in?")).toHaveAttribute('open', '');
    await expect(help.question('I forgot my username')).toBeHidden();
    await expect(help.searchResult).toContainText('match “locked”');

    await help.search.fill('korean');
    await expect(help.audience('Members')).toBeVisible();
    await expect(help.audience('Healthcare providers and facilities')).toBeHidden();

    await help.search.fill('deductible');
    await expect(help.glossary.getByRole('link', { name: 'Deductible', exact: true })).toBeVisible();
    await help.search.fill('');
    await expect(help.audience('Healthcare providers and facilities')).toBeVisible();
  });
});

test.describe('contact lines in the visitor time zone', () => {
  test.use({ timezoneId: 'America/Los_Angeles' });

  test('open on a Monday morning, with the closing time in Pacific time', async ({ page }) => {
    // Monday November 23, 2026, 10:00 Eastern = 7:00 Pacific.
    await page.clock.setFixedTime(new Date('2026-11-23T15:00:00Z'));
    const help = new HelpPage(page);
    await help.goto();
    await expect(help.contact).toContainText('America/Los_Angeles');
    const members = help.line('Members', 'Member Services');
    await expect(members).toContainText(/Open now, until Monday,? 3:00\sPM PST/);
    await expect(members).toContainText('Monday to Friday, 8 a.m. to 6 p.m. Eastern time');
    await expect(members).toContainText('TTY: 711');
    await expect(help.line('Members', 'Spanish').locator('[lang="es"]')).toHaveText('Español');
  });

  test('closed on a Saturday, with the next opening; technical support open', async ({ page }) => {
    // Saturday November 28, 2026, 10:00 Eastern = 7:00 Pacific.
    await page.clock.setFixedTime(new Date('2026-11-28T15:00:00Z'));
    const help = new HelpPage(page);
    await help.goto();
    await expect(help.line('Members', 'Member Services')).toContainText(/Closed now\. Opens Monday,? 5:00\sAM PST/);
    await expect(help.line('Website technical support', 'Technical support')).toContainText(
      /Open now, until Saturday,? 2:00\sPM PST/,
    );
  });

  test('closed on Thanksgiving, opening on Friday', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-11-26T17:00:00Z'));
    const help = new HelpPage(page);
    await help.goto();
    await expect(help.line('Members', 'Member Services')).toContainText(/Closed now\. Opens Friday,? 5:00\sAM PST/);
  });
});

test.describe('browser check', () => {
  test('says the browser is supported and cookies are on', async ({ page }) => {
    const help = new HelpPage(page);
    await help.goto();
    await help.question('Which browsers work?').click();
    await expect(help.check('Cookies')).toContainText('On.');
    await expect(help.check('Browser version')).toContainText('which the portal supports');
    await expect(help.browserCheck).toContainText('Google Chrome 96 or newer');
  });

  test('reports cookies disabled when they are', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'cookieEnabled', { get: () => false });
    });
    const help = new HelpPage(page);
    await help.goto();
    await help.question('Which browsers work?').click();
    await expect(help.check('Cookies')).toContainText('problem');
    await expect(help.check('Cookies')).toContainText('Off. The portal needs cookies');
    await expect(help.browserCheck.getByRole('status')).toContainText('Your browser is why');
  });

  test('reports a browser that is too old', async ({ browser }) => {
    const context = await browser.newContext({
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; rv:78.0) Gecko/20100101 Firefox/78.0',
    });
    const page = await context.newPage();
    const help = new HelpPage(page);
    await help.goto();
    await help.question('Which browsers work?').click();
    await expect(help.check('Browser version')).toContainText('Mozilla Firefox 78 is too old: the portal needs version 89 or newer');
    await context.close();
  });
});
