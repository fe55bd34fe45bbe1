import { expect, test } from './fixtures/test';
import { readFile } from 'node:fs/promises';
import { ClaimDetailPage } from './fixtures/claim_detail_page';
import { ClaimsPage, dollars, signInByApi } from './fixtures/claims_page';

// The explanation of benefits as a PDF, from the claim's page.
test.describe('EOB PDF', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  for (const [what, query] of [
    ['a denied claim', 'status=denied'],
    ['a paid claim', 'status=paid'],
  ] as const) {
    test(`downloading the EOB of ${what} gives a tagged PDF with its figures`, async ({ page }) => {
      const claims = new ClaimsPage(page);
      const detail = new ClaimDetailPage(page);
      const [claim] = await claims.apiAll(`${query}&sort=owed`);
      await detail.goto(claim.id);
      await detail.expectClaim(claim.claim_number);
      await expect(detail.pdfLink).toHaveAttribute('href', `/api/v1/claims/${claim.id}/eob.pdf`);
      const downloading = page.waitForEvent('download');
      await detail.pdfLink.click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`eob-${claim.claim_number}.pdf`);
      const bytes = await readFile(await download.path());
      const text = bytes.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      // Tagged, titled, in English; the text is real text with the page's figures.
      for (const needle of ['/StructTreeRoot', '/Lang (en-US)', '/Marked true', '/DisplayDocTitle true']) {
        expect(text).toContain(needle);
      }
      expect(text).toContain(`(Explanation of benefits: claim ${claim.claim_number})`);
      expect(text).toContain(`(${dollars(claim.amounts.member_owes)})`);
      expect(text).toContain(`(${dollars(claim.amounts.billed)})`);
    });
  }
});
