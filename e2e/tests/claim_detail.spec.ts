import { expect, test } from './fixtures/test';
import { ClaimDetailPage, MEMBER_SERVICES_PHONE } from './fixtures/claim_detail_page';
import { apiAs, ClaimsPage, dollars, signInByApi, type ApiClaim } from './fixtures/claims_page';

type ApiLine = { code: string; description: string; amounts: ApiClaim['amounts'] };
type ApiNotice = { title: string; paragraphs: string[]; items: string[] };
type ApiClaimDetail = ApiClaim & {
  patient_member_id: string;
  denial_reason: string | null;
  lines: ApiLine[];
  explanation: {
    story: string[];
    protection: ApiNotice | null;
    pending: ApiNotice | null;
    denial: ApiNotice | null;
    appeal: { notice_date: string; deadline: string; passed: boolean } | null;
  };
};

/** "2026-09-16" as the page writes it ("September 16, 2026"). */
function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${months[m - 1]} ${d}, ${y}`;
}

// The explanation of benefits for one claim.
test.describe('claim detail', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('what you owe adds up, part by part, and matches the API', async ({ page }) => {
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    // Claims where the member owes more than one kind of part.
    const candidates = (await claims.apiAll('sort=owed')).filter((c) => {
      const a = c.amounts;
      return [a.deductible, a.copay, a.coinsurance, a.not_covered].filter((x) => x > 0).length >= 2;
    });
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates.slice(0, 3)) {
      await detail.goto(c.id);
      await detail.expectClaim(c.claim_number);
      const a = c.amounts;
      const parts = {
        Deductible: await detail.owePart('Deductible'),
        Copay: await detail.owePart('Copay'),
        Coinsurance: await detail.owePart('Coinsurance'),
        'Not covered': await detail.owePart('Not covered'),
      };
      expect(parts).toEqual({
        Deductible: a.deductible || null,
        Copay: a.copay || null,
        Coinsurance: a.coinsurance || null,
        'Not covered': a.not_covered || null,
      });
      const total = await detail.owePart('You owe');
      const sum = Object.values(parts).reduce<number>((s, x) => s + (x ?? 0), 0);
      expect(total).toBe(sum);
      expect(total).toBe(a.member_owes);
      // The story names billed, allowed, plan paid and the network discount.
      await expect(detail.cost).toContainText(`billed ${dollars(a.billed)}`);
      await expect(detail.cost).toContainText(`allowed amount for this care is ${dollars(a.allowed)}`);
      await expect(detail.cost).toContainText(`Your plan paid ${dollars(a.plan_paid)}`);
      const discount = a.billed - a.allowed - a.not_covered;
      if (discount !== 0) await expect(detail.cost).toContainText(dollars(discount));
    }
  });

  test('header facts and line items', async ({ page }) => {
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    const c = (await claims.api('status=paid&page_size=1')).items[0];
    const full = (await (await page.request.get(`/api/v1/claims/${c.id}`)).json()) as ApiClaimDetail;
    await detail.goto(c.id);
    await detail.expectClaim(c.claim_number);
    await expect(detail.fact('Patient')).toContainText(full.patient_name);
    await expect(detail.fact('Patient')).toContainText(full.patient_member_id);
    await expect(detail.fact('Provider')).toContainText(full.provider.name);
    await expect(detail.fact('Provider')).toContainText(full.provider.npi);
    await expect(detail.fact('Status')).toContainText('Paid');
    await expect(detail.lines.getByRole('row')).toHaveCount(full.lines.length + 1);
    for (const line of full.lines) {
      await expect(detail.lines).toContainText(line.code);
    }
    await expect(detail.printButton).toBeVisible();
  });

  test('reversal lines show negative amounts clearly', async ({ page }) => {
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    let reversal: ApiClaimDetail | undefined;
    for (const c of await claims.apiAll('status=adjusted')) {
      const full = (await (await page.request.get(`/api/v1/claims/${c.id}`)).json()) as ApiClaimDetail;
      if (full.lines.some((l) => l.amounts.billed < 0)) {
        reversal = full;
        break;
      }
    }
    test.skip(!reversal, 'no reversed claim in the demo data');
    const r = reversal as ApiClaimDetail;
    await detail.goto(r.id);
    await detail.expectClaim(r.claim_number);
    const line = r.lines.find((l) => l.amounts.billed < 0) as ApiLine;
    const row = detail.lines.getByRole('row').filter({ hasText: 'Reversal' }).first();
    await expect(row).toBeVisible();
    await expect(row).toContainText(dollars(line.amounts.billed));
    expect(dollars(line.amounts.billed)).toMatch(/^\u2212\$/);
  });

  test('a denied claim explains why and how to appeal', async ({ page }) => {
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    const c = (await claims.api('status=denied&page_size=1')).items[0];
    const full = (await (await page.request.get(`/api/v1/claims/${c.id}`)).json()) as ApiClaimDetail;
    await detail.goto(c.id);
    await detail.expectClaim(c.claim_number);
    await expect(detail.denial).toBeVisible();
    if (full.denial_reason) await expect(detail.denial).toContainText(full.denial_reason);
    await expect(detail.denial).toContainText(MEMBER_SERVICES_PHONE);
    await expect(detail.denial).toContainText('180 days');
    // The real deadline: 180 days from the notice, and what to do once it has passed.
    const appeal = full.explanation.appeal;
    expect(appeal).not.toBeNull();
    const notice = new Date(`${appeal?.notice_date}T00:00:00Z`).getTime();
    const deadline = new Date(`${appeal?.deadline}T00:00:00Z`).getTime();
    expect((deadline - notice) / 86_400_000).toBe(180);
    await expect(detail.denial).toContainText(longDate(appeal?.deadline ?? ''));
    if (appeal?.passed) {
      await expect(detail.denial).toContainText('it has passed. You can still:');
      await expect(detail.denial).not.toContainText('How to appeal');
    } else {
      await expect(detail.denial).toContainText('How to appeal');
    }
  });

  test('a claim only received says what is pending, never what was agreed', async ({ page }) => {
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    const c = (await claims.api('status=received&page_size=1')).items[0];
    test.skip(!c, 'no received claim in the demo data');
    const full = (await (await page.request.get(`/api/v1/claims/${c.id}`)).json()) as ApiClaimDetail;
    await detail.goto(c.id);
    await detail.expectClaim(c.claim_number);
    await expect(detail.pending).toBeVisible();
    await expect(detail.pending).toContainText(full.explanation.pending?.paragraphs[0] ?? '');
    await expect(detail.cost).not.toContainText('agreed');
    await expect(detail.cost).not.toContainText('$0.00');
    await expect(detail.oweTable).toHaveCount(0);
  });

  test('an out-of-network emergency claim is protected, never warned of balance billing', async ({ page }) => {
    // The benchmark household has out-of-network emergency room claims (St. Anne).
    await signInByApi(page, 'perf10k');
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    const c = (await claims.api('category=emergency&network=out&status=paid&page_size=1')).items[0];
    expect(c, 'an out-of-network emergency claim in the demo data').toBeTruthy();
    await detail.goto(c.id);
    await detail.expectClaim(c.claim_number);
    await expect(detail.protection).toContainText('No Surprises Act');
    await expect(detail.protection).toContainText('1-800-985-3059');
    await expect(page.getByRole('main')).not.toContainText('may bill you for that difference');
    await expect(page.getByRole('main')).not.toContainText('balance billing');
  });

  test('back to claims keeps the list filters (also after reload)', async ({ page }) => {
    const claims = new ClaimsPage(page);
    const detail = new ClaimDetailPage(page);
    await claims.goto();
    await claims.status.selectOption({ label: 'Paid' });
    await claims.network.selectOption({ label: 'In network' });
    await claims.next.click();
    await expect(page).toHaveURL(/page=2/);
    await claims.expectRowsMatchApi();
    const listUrl = page.url();
    const first = claims.claimLinks().first();
    const number = (await first.innerText()).trim();
    await first.click();
    await detail.expectClaim(number);

    await page.reload();
    await detail.expectClaim(number);
    await detail.backLink.click();
    await expect(page).toHaveURL(listUrl);
    await expect(claims.status).toHaveValue('paid');
    await expect(claims.network).toHaveValue('in');
    await expect(claims.pageStatus).toHaveText(/^Page 2 of/);
    await claims.expectRowsMatchApi();
  });

  test("another household's claim shows not found, with none of its data", async ({ page, baseURL }) => {
    const rivera = await apiAs(baseURL as string, 'member2');
    const theirs = ((await (await rivera.get('/api/v1/claims?page_size=1')).json()) as { items: ApiClaim[] }).items[0];
    await rivera.dispose();
    expect(theirs).toBeTruthy();

    const detail = new ClaimDetailPage(page);
    await detail.goto(theirs.id);
    await expect(detail.notFound).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText(theirs.claim_number);
    await expect(page.getByRole('main')).not.toContainText(theirs.patient_name);
    await expect(page.getByRole('main')).not.toContainText('Rivera');
    await expect(detail.backLink).toHaveAttribute('href', '/claims');
  });

  test('an id that does not exist shows not found', async ({ page }) => {
    const detail = new ClaimDetailPage(page);
    await detail.goto(99999999);
    await expect(detail.notFound).toBeVisible();
  });
});
