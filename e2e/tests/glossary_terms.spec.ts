import { expect, test } from './fixtures/test';
import { ClaimDetailPage } from './fixtures/claim_detail_page';
import { ClaimsPage, signInByApi } from './fixtures/claims_page';
import { GlossaryPage, HELP_PAGES, InlineTerm } from './fixtures/help_page';

// The glossary (issue 12): A to Z, a search, one address per term with
// related terms, and inline definitions on the money words of an EOB.
test.describe('glossary', () => {
  test('search finds a term and its page links related terms', async ({ page }) => {
    const glossary = new GlossaryPage(page);
    await glossary.goto();
    await glossary.search.fill('coinsurance');
    await expect(glossary.result).toContainText(/\d+ terms? match/);
    await glossary.termLink('Coinsurance').click();
    await expect(page).toHaveURL(HELP_PAGES.term('coinsurance'));
    await expect(glossary.heading).toHaveText('Coinsurance');
    await expect(page.getByRole('main')).toContainText('calculated as a percent');
    await glossary.gotoTerm('out-of-pocket-maximum-limit');
    await expect(glossary.heading).toHaveText('Out-of-pocket maximum/limit');
    await glossary.related.getByRole('link', { name: 'Deductible', exact: true }).click();
    await expect(page).toHaveURL(HELP_PAGES.term('deductible'));
    await expect(glossary.heading).toHaveText('Deductible');
  });

  test('A to Z letters jump to their terms', async ({ page }) => {
    const glossary = new GlossaryPage(page);
    await glossary.goto();
    await glossary.letters.getByRole('link', { name: 'P', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Terms starting with P' })).toBeFocused();
    await expect(page).toHaveURL(HELP_PAGES.glossary);
  });

  test('an unknown term says so', async ({ page }) => {
    const glossary = new GlossaryPage(page);
    await glossary.gotoTerm('no-such-term');
    await expect(glossary.heading).toHaveText("We don't have that term");
  });
});

test.describe('inline definitions', () => {
  test('the EOB explains "Deductible" in place, and Escape closes it', async ({ page }) => {
    await signInByApi(page);
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    const c = (await claims.apiAll('sort=owed')).find((x) => x.amounts.deductible > 0 && x.status === 'paid');
    expect(c, 'a paid claim with a deductible part').toBeTruthy();
    await detail.goto(c!.id);
    await detail.expectClaim(c!.claim_number);
    const term = new InlineTerm(detail.oweTable, 'Deductible');
    await expect(term.button).toHaveAttribute('aria-expanded', 'false');
    await term.button.focus();
    await page.keyboard.press('Enter');
    await expect(term.button).toHaveAttribute('aria-expanded', 'true');
    await expect(term.panel).toContainText('before your health insurance or plan begins to pay');
    await expect(term.panel.getByRole('link', { name: /More about .Deductible. in the glossary/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(term.panel).toBeHidden();
    await expect(term.button).toBeFocused();
    // The full entry is one link away.
    await term.button.click();
    await term.panel.getByRole('link', { name: /More about .Deductible. in the glossary/ }).click();
    await expect(page).toHaveURL(HELP_PAGES.term('deductible'));
  });

  for (const [path, word, text] of [
    ['/claims', 'allowed amount', 'amount on which payment is based'],
    ['/plans', 'premium', 'amount that must be paid for your health insurance'],
    ['/id-card', 'copayment', 'fixed amount'],
  ] as const) {
    test(`${path} defines "${word}" in place`, async ({ page }) => {
      await signInByApi(page);
      await page.goto(path);
      const term = new InlineTerm(page.getByRole('main'), word);
      await expect(term.button).toHaveAttribute('aria-expanded', 'false');
      await term.button.click();
      await expect(term.button).toHaveAttribute('aria-expanded', 'true');
      await expect(term.panel).toContainText(text);
      await page.keyboard.press('Escape');
      await expect(term.panel).toBeHidden();
    });
  }

  test('a protected EOB links to the surprise billing rights', async ({ page }) => {
    // The benchmark household has out-of-network emergency room claims.
    await signInByApi(page, 'perf10k');
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    const c = (await claims.api('category=emergency&network=out&status=paid&page_size=1')).items[0];
    await detail.goto(c.id);
    await detail.protection.getByRole('link', { name: 'Your surprise billing protections' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your rights and protections against surprise medical bills');
  });
});
