import { test } from './fixtures/test';
import { signInByApi, ClaimsPage } from './fixtures/claims_page';
const pages = ['/help', '/help/glossary', '/help/glossary/out-of-pocket-maximum-limit', '/help/surprise-billing', '/help/language-assistance', '/help/appeals', '/login'];
for (const w of [390, 768, 1280]) {
  test(`shots ${w}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: 900 });
    for (const p of pages) {
      await page.goto(p);
      await page.waitForTimeout(700);
      if (p === '/help') {
        await page.locator('details.qa > summary').filter({ hasText: 'Which browsers work?' }).click();
      }
      await page.screenshot({ path: `/tmp/shots/${w}${p.replace(/\//g, '_')}.png`, fullPage: true });
    }
    await signInByApi(page);
    const claims = new ClaimsPage(page);
    const c = (await claims.apiAll('sort=owed')).find((x) => x.amounts.deductible > 0 && x.status === 'paid');
    await page.goto(`/claims/${c!.id}`);
    await page.getByRole('table', { name: 'How what you owe adds up' }).getByRole('button', { name: 'Deductible', exact: true }).click();
    await page.waitForTimeout(700);
    await page.screenshot({ path: `/tmp/shots/${w}_eob.png`, fullPage: true });
    await page.goto('/');
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `/tmp/shots/${w}_dashboard.png`, fullPage: false });
  });
}
