import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { expectNoA11yViolations } from './fixtures/axe';
import { VirtualCarePage, VisitPage } from './fixtures/virtual_care_page';

// Virtual visits (issue 14). Booking changes the shared database, so the
// specs that book are desktop only and use households no other spec books
// for (payer3: book, join opens, move, cancel; payer2: an on-demand visit).

test('coverage, past visits from claims and a past visit, by phone and desktop', async ({ page }) => {
  await signInByApi(page);
  const care = new VirtualCarePage(page);
  await care.goto();
  // member1's plan: a $10 copay for in-network virtual visits; in person
  // the same primary care visit is the $25 copay.
  await expect(care.coverage).toContainText('Evergreen Silver PPO 2026 charges a $10.00 copay for a virtual visit');
  const primary = care.coverage.getByRole('row', { name: /Virtual primary care visit/ });
  await expect(primary).toContainText('$10.00');
  await expect(primary).toContainText('$25.00');
  // Each past visit is a telehealth claim, linked to the claim and its EOB.
  const visits = care.past.getByRole('listitem');
  expect(await visits.count()).toBeGreaterThan(1);
  await expect(visits.first().getByRole('link', { name: /^Claim .* and its explanation of benefits$/ })).toBeVisible();
  await expect(care.past).toContainText(/Telehealth/);
  await expect(care.past).toContainText(/booked here \(VV-DEMO\d+\)/);
  await expectNoA11yViolations(page, '/care/virtual');

  // The booked past visit's own page: over, so nothing to join or change.
  const api = await (await page.request.get('/api/v1/care/virtual')).json();
  const booked = api.past.find((p: { booking: string | null }) => p.booking);
  await page.goto(`/care/virtual/${booked.booking}`);
  await expect(page.getByRole('heading', { level: 1, name: /^Virtual visit with / })).toBeVisible();
  await expect(page.getByText("This visit's time is over.")).toBeVisible();
  await expect(page.locator('.vv-summary')).toContainText('This visit was on ');
  await expect(page.getByText('What you owe (from the claim)')).toBeVisible();
  await expect(new VisitPage(page).cancel).toHaveCount(0);
  await expectNoA11yViolations(page, 'a past virtual visit');
  await page.getByRole('link', { name: 'See the claim and its explanation of benefits' }).click();
  await expect(page).toHaveURL(new RegExp(`/claims/${booked.claim_id}$`));
});

test('book a virtual visit, see Join open ten minutes before, move and cancel it @desktop-only', async ({ page }) => {
  await page.clock.install();
  await signInByApi(page, 'payer3');
  const care = new VirtualCarePage(page);
  await care.goto();
  const provider = await care.chooseFirstProvider('Primary care');
  // The second day offered, so the time is hours away.
  await care.day.selectOption({ index: 1 });
  await care.times.first().check();
  const time = (await care.times.first().locator('..').innerText()).trim();
  await care.reason.fill('Follow-up on a cough');
  await expectNoA11yViolations(page, 'booking a virtual visit');
  await care.book.click();

  // The confirmation: the visit's own page, date, time and time zone.
  await expect(page).toHaveURL(/\/care\/virtual\/VV-[A-Z0-9]{8}$/);
  const visit = new VisitPage(page);
  await expect(page.getByRole('heading', { level: 1, name: `Virtual visit with ${provider}` })).toBeVisible();
  await expect(visit.summary).toContainText(`Booked for `);
  await expect(visit.summary).toContainText(time);
  await expect(visit.summary).toContainText(/P[SD]T/);
  await expect(visit.joinWait).toContainText('You can join from');
  await expect(visit.join).toHaveCount(0);
  await expectNoA11yViolations(page, 'a booked virtual visit');

  // The calendar file.
  const href = await visit.calendar.getAttribute('href');
  const ics = await page.request.get(href as string);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const text = await ics.text();
  expect(text).toContain('BEGIN:VEVENT');
  expect(text).toContain(`SUMMARY:Virtual visit with ${provider.replace(/,/g, '\\,')}`);
  expect(text).not.toContain('cough');

  // Join appears by itself ten minutes before the start.
  const reference = page.url().split('/').pop() as string;
  const booked = await (await page.request.get(`/api/v1/care/virtual/visits/${reference}`)).json();
  await page.clock.setSystemTime(new Date((booked.join_opens_at + 5) * 1000));
  await page.clock.runFor(6000);
  await expect(visit.join).toBeVisible();
  await page.clock.setSystemTime(new Date());
  await page.clock.runFor(6000);
  await expect(visit.join).toHaveCount(0);

  // Move it to another time that day.
  await visit.moveToAnother.click();
  const times = page.getByRole('group', { name: 'Time' }).getByRole('radio');
  await times.last().check();
  await visit.moveIt.click();
  await expect(visit.summary).not.toContainText(time);

  // Cancel it: the page says so, and the list no longer has it.
  await visit.cancel.click();
  await visit.confirmCancel.click();
  await expect(visit.summary).toContainText('Cancelled.');
  await page.getByRole('link', { name: 'Back to virtual visits' }).click();
  await expect(care.upcoming).toContainText('No virtual visits booked.');
});

test('an on-demand urgent care visit can be joined at once @desktop-only', async ({ page }) => {
  await signInByApi(page, 'payer2');
  const care = new VirtualCarePage(page);
  await care.goto();
  await care.chooseFirstProvider('Urgent care, on demand 24 hours a day');
  await care.times.first().check();
  await care.book.click();
  const visit = new VisitPage(page);
  await expect(visit.summary).toContainText('Booked for ');
  await expect(visit.join).toBeVisible();
  await visit.join.click();
  await expect(page).toHaveURL(/\/telehealth\/demo-room$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Demo video room' })).toBeVisible();
  await expect(page.getByText(/No video call takes place in this demo/)).toBeVisible();
  // The reminder alert for a visit starting within a day.
  const alerts = await (await page.request.get('/api/v1/alerts')).json();
  expect(alerts.items.some((a: { kind: string }) => a.kind === 'virtual_visit')).toBe(true);
});
