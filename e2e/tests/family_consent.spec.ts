import { expect, test } from './fixtures/test';
import { NotificationsPage, SharingPage } from './fixtures/account_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { apiAs, signInByApi } from './fixtures/claims_page';
import { HomePage } from './fixtures/home_page';

// The Chens: Reese (21, family2) has not shared with Dana (family1); Kim (spouse) neither.
test.describe('family privacy', () => {
  test('an adult dependent is hidden until they share, with the reason shown @desktop-only', async ({ page, browser, baseURL }) => {
    await signInByApi(page, 'family1');
    const home = new HomePage(page);
    await home.goto();
    expect(await home.switcherNames()).toEqual(['Dana', 'Milo']);
    await expect(home.hiddenNotice).toContainText('2 people on your plan are not shown');
    await expect(home.hiddenNotice).toContainText('aged 18 or over decide who sees');
    await expect(page.getByRole('main')).not.toContainText('Reese');
    await expectNoA11yViolations(page, 'dashboard with hidden members');

    // Reese shares from her own account
    const reeseContext = await browser.newContext({ baseURL });
    const reesePage = await reeseContext.newPage();
    await signInByApi(reesePage, 'family2');
    const sharing = new SharingPage(reesePage);
    await sharing.goto();
    await expectNoA11yViolations(reesePage, 'family sharing');
    await sharing.shareWith('Dana').click();
    await expect(sharing.status).toContainText('You now share your health information with Dana.');
    await expect(sharing.stopSharingWith('Dana')).toBeVisible();

    await home.goto();
    expect(await home.switcherNames()).toEqual(['Dana', 'Reese', 'Milo']);
    await expect(home.hiddenNotice).toContainText('1 person on your plan is not shown');
    await home.choose('Reese');
    await expect(home.recent.getByRole('link').first()).toBeVisible();
    await page.goto('/id-card');
    await expect(page.getByRole('heading', { name: "Reese Chen's card" })).toBeVisible();

    // and withdraws it
    await sharing.stopSharingWith('Dana').click();
    await expect(sharing.shareWith('Dana')).toBeVisible();
    await reeseContext.close();
    await home.goto();
    expect(await home.switcherNames()).toEqual(['Dana', 'Milo']);
    const dana = await apiAs(baseURL as string, 'family1');
    const claims = await (await dana.get('/api/v1/claims?page_size=100')).json();
    expect(claims.items.every((c: { patient_name: string }) => c.patient_name !== 'Reese Chen')).toBe(true);
    await dana.dispose();
  });

  test('the claims page and estimator keep the member scope from the URL', async ({ page }) => {
    await signInByApi(page, 'member1');
    const home = new HomePage(page);
    await home.goto();
    await home.choose('Riley');
    const id = new URL(page.url()).searchParams.get('member');
    await home.yearClaimsLink.click();
    await expect(page).toHaveURL(new RegExp(`member=${id}`));
    await expect(page.getByLabel('Family member', { exact: true })).toHaveValue(String(id));
    await page.goto(`/estimate?member=${id}`);
    await expect(page.getByLabel('Who is it for?', { exact: true })).toHaveValue(String(id));
  });
});

test.describe('notification preferences', () => {
  test('contact is validated live; preferences are saved and reloaded @desktop-only', async ({ page }) => {
    await signInByApi(page, 'family1');
    const prefs = new NotificationsPage(page);
    await prefs.goto();
    await prefs.email.fill('dana@');
    await expect(prefs.errorsOf('email')).toContainText('Enter an email address like name@example.com.');
    await expect(prefs.email).toHaveAttribute('aria-invalid', 'true');
    await prefs.phone.fill('555-0142');
    await expect(prefs.errorsOf('phone')).toContainText('10 digits');
    await prefs.email.fill('dana.chen@example.com');
    await prefs.phone.fill('555 555 0142');
    await expect(prefs.errorsOf('email')).toBeEmpty();
    await prefs.channel('Claim denied', 'email').check();
    await prefs.channel('Premium due', 'text message').check();
    await expect(prefs.preview).toContainText('Email to d•••@example.com: Claim denied.');
    await expectNoA11yViolations(page, 'notification settings');
    // A new email or phone needs the current password (issue 11).
    await prefs.save.click();
    await expect(prefs.errorsOf('password')).not.toBeEmpty();
    await prefs.password.fill('Demo.Pass1');
    await prefs.save.click();
    await expect(prefs.status).toHaveText('Your notification settings are saved.');
    await expect(prefs.phone).toHaveValue('(555) 555-0142');
    await page.reload();
    await expect(prefs.email).toHaveValue('dana.chen@example.com');
    await expect(prefs.channel('Claim denied', 'email')).toBeChecked();
    await expect(prefs.channel('Premium due', 'text message')).toBeChecked();
    await expect(prefs.channel('Claim denied', 'text message')).not.toBeChecked();
    // a channel without its contact is refused with a clear message
    await prefs.email.fill('');
    await prefs.save.click();
    await expect(prefs.errorsOf('email')).toContainText('Add an email address to get alerts by email');
  });
});

test.describe('ID cards', () => {
  test('a front and back card per visible member, with a PDF download', async ({ page }) => {
    await signInByApi(page, 'member1');
    await page.goto('/id-card');
    for (const name of ['Your card', "Jordan Morgan's card", "Casey Morgan's card", "Riley Morgan's card"]) {
      const card = page.getByRole('region', { name });
      await expect(card).toBeVisible();
      await expect(card.getByText('Front of the card')).toBeAttached();
      await expect(card.getByText('Back of the card')).toBeAttached();
      await expect(card).toContainText(/100200300\*0\d/);
      await expect(card).toContainText('610014');
    }
    const download = page.getByRole('region', { name: "Riley Morgan's card" }).getByRole('link', { name: /Download PDF/ });
    const href = (await download.getAttribute('href')) as string;
    const r = await page.request.get(href);
    expect(r.status()).toBe(200);
    expect(r.headers()['content-type']).toBe('application/pdf');
    expect((await r.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expectNoA11yViolations(page, 'ID cards');
    await page.emulateMedia({ media: 'print' });
    const width = await page.locator('.id-card__face').first().evaluate((el) => el.getBoundingClientRect().width);
    expect(Math.round(width)).toBe(324); // 3.375in at 96 px per inch
  });
});
