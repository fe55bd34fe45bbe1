import { expect, test } from './fixtures/test';
import { expectNoA11yViolations } from './fixtures/axe';
import { DEMO, LoginPage } from './fixtures/login_page';
import { InboxPage, MessagesPage, SUPPORT, SUPPORT_PASSWORD, ThreadPage } from './fixtures/messages_page';
import { TwoStepSignIn } from './fixtures/two_step_page';
import { totp } from './fixtures/totp';

async function expectNoOverflow(page: import('@playwright/test').Page, where: string): Promise<void> {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(over, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

test('a member writes about a claim, staff answer with two-step, the member sees the reply and the alert', async ({
  page,
  browser,
}, testInfo) => {
  // Three people signing in (four password checks, one with two-step), four
  // axe scans: about 28 s alone on a busy 2-core machine.
  test.setTimeout(90_000);
  // One support account per project: a code is accepted once per 30 s step.
  const desk = testInfo.project.name === 'mobile' ? SUPPORT.support2 : SUPPORT.support1;
  const subject = `Claim question ${testInfo.project.name} ${Date.now()}`;
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.member1.username, DEMO.member1.password);
  const messages = new MessagesPage(page);
  await messages.goto();
  await expectNoA11yViolations(page, '/messages');
  await expectNoOverflow(page, '/messages');
  const path = await messages.writeAboutFirstClaim(subject, 'Why do I owe this amount?');
  const thread = new ThreadPage(page);
  await expect(thread.reference()).toBeVisible();
  await expect(page.getByText(/^About: /)).toContainText('Claim ');
  await expectNoA11yViolations(page, '/messages/:id');
  await expectNoOverflow(page, '/messages/:id');

  // Staff, in their own browser.
  const staffContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const staff = await staffContext.newPage();
  const login = new LoginPage(staff);
  await login.goto();
  const answer = await login.submit(desk.username, SUPPORT_PASSWORD);
  expect(answer.status()).toBe(202);
  const second = new TwoStepSignIn(staff);
  await second.expectShown();
  await second.code.fill(totp(desk.secret));
  expect(await second.verify()).toBe(200);
  const inbox = new InboxPage(staff);
  await expect(inbox.heading).toBeVisible();
  // Staff navigation: the inbox only (behind "Menu" on a phone).
  const menu = staff.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await expect(staff.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Inbox']);
  if (await menu.isVisible()) await menu.click();
  await inbox.topic.selectOption('claims');
  await expect(staff).toHaveURL(/topic=claims/);
  await expectNoA11yViolations(staff, '/support');
  await expectNoOverflow(staff, '/support');
  await inbox.thread(subject).click();
  const staffThread = new ThreadPage(staff);
  await expect(staffThread.messages).toHaveCount(1);
  // The claim's number and date only: no link to it.
  await expect(staff.getByText(/^About: Claim /)).toBeVisible();
  await expect(staff.getByRole('link', { name: /^Claim / })).toHaveCount(0);
  await expectNoA11yViolations(staff, '/support/:id');
  await expectNoOverflow(staff, '/support/:id');
  await staffThread.reply.fill('You owe your coinsurance for this visit.');
  await staffThread.sendReply.click();
  await expect(staffThread.messages).toHaveCount(2);
  // Staff cannot see claims.
  const claims = await staff.request.get('/api/v1/claims');
  expect(claims.status()).toBe(403);
  await staff.goto('/claims');
  await expect(inbox.heading).toBeVisible();
  await staffContext.close();

  // The member: the alert, then the reply.
  await page.goto('/alerts');
  await expect(page.getByText('Member Services replied').first()).toBeVisible();
  await page.goto(path);
  await expect(thread.messages).toHaveCount(2);
  await expect(thread.messages.nth(1)).toContainText('Member Services');
  await expect(thread.messages.nth(1)).toContainText('coinsurance');

  // Another member cannot open it: the same page as for no thread at all.
  const otherContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const other = await otherContext.newPage();
  await new LoginPage(other).goto();
  await new LoginPage(other).signIn(DEMO.member2.username, DEMO.member2.password);
  await other.goto(path);
  await expect(other.getByRole('heading', { level: 1, name: 'Message not found' })).toBeVisible();
  await otherContext.close();
});

test.describe('signed out', () => {
  test.use({ allowConsoleErrors: [] });
  test('a visitor writes to technical support from the help centre', async ({ page }) => {
    await page.goto('/help#email-us');
    await page.getByLabel('Your email address').fill('visitor@example.com');
    await page.getByLabel('Subject').fill('Blank page');
    await page.getByLabel('What happened?').fill('The claims page stays blank.');
    await page.getByRole('button', { name: 'Send to technical support' }).click();
    await expect(page.getByRole('status').filter({ hasText: /MSG-\d{4}-\d{6}/ })).toBeVisible();
    await expectNoA11yViolations(page, '/help (email us)');
  });
});

test('a member attaches a PNG; a renamed file is refused before anything is sent', async ({ page }, testInfo) => {
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.member2.username, DEMO.member2.password);
  const messages = new MessagesPage(page);
  await messages.goto();
  let sent = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/messages') sent += 1;
  });
  // Text renamed to .pdf: its bytes say it is not a PDF.
  await messages.attachment.setInputFiles({ name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
  await expect(page.getByText('This file is not a real PDF, PNG or JPEG')).toBeVisible();
  await messages.topic.selectOption('billing');
  await messages.subject.fill(`With a file ${testInfo.project.name} ${Date.now()}`);
  await messages.body.fill('A photo of my bill is attached.');
  await messages.send.click();
  expect(sent).toBe(0);
  await messages.removeFile.click();
  await expect(page.getByText('This file is not a real PDF, PNG or JPEG')).toBeHidden();
  // A real PNG (its signature, then bytes).
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
  await messages.attachment.setInputFiles({ name: 'bill.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByText('Attached: bill.png')).toBeVisible();
  await messages.send.click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  expect(sent).toBe(1);
  await expect(page.getByRole('link', { name: 'bill.png' })).toBeVisible();
});
