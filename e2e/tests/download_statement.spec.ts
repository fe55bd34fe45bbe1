import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { BillingPage } from './fixtures/billing_page';

// Each premium statement on /billing can be downloaded as a printable PDF
// (GET /api/v1/billing/statements/{id}/statement.pdf), by a link that names
// the statement; the PDF has the balance /billing shows.
test.describe('download a statement', () => {
  test('every statement has its own download link to a PDF with its figures', async ({ page }) => {
    await signInByApi(page, 'member1');
    const summary = await (await page.request.get('/api/v1/billing')).json();
    const billing = new BillingPage(page);
    await billing.goto();
    for (const s of summary.statements as { id: number; number: string; balance: number }[]) {
      const link = billing.downloadLink(s.number);
      await expect(link).toBeVisible();
      await expect(link).toHaveAttribute('href', `/api/v1/billing/statements/${s.id}/statement.pdf`);
      await expect(link).toHaveAttribute('download', `statement-${s.number}.pdf`);
      const r = await page.request.get((await link.getAttribute('href')) ?? '');
      expect(r.status()).toBe(200);
      expect(r.headers()['content-type']).toBe('application/pdf');
      const text = (await r.body()).toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      const balance = `$${(s.balance / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
      expect(text).toContain(`(${balance})`);
    }
    const first = summary.statements[0].number as string;
    const download = page.waitForEvent('download');
    await billing.downloadLink(first).click();
    expect((await download).suggestedFilename()).toBe(`statement-${first}.pdf`);
  });
});
