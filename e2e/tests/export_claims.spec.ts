import { expect, test } from './fixtures/test';
import { readFile } from 'node:fs/promises';
import { ClaimsPage, dollars, signInByApi } from './fixtures/claims_page';

/** A small RFC 4180 parser: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const HEADER = [
  'Claim number', 'Service start', 'Service end', 'Patient', 'Provider', 'Provider NPI', 'Network',
  'Claim type', 'Category', 'Status', 'Status date', 'Billed', 'Allowed', 'Plan paid', 'Deductible',
  'Copay', 'Coinsurance', 'Not covered', 'You owe',
];

// "Export CSV" downloads every claim the filters match, not just the page on screen.
test.describe('export claims', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page);
  });

  test('the parser reads quoted fields', () => {
    expect(parseCsv('a,"b, c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b, c', 'd "e"'],
      ['1', '2', '3'],
    ]);
  });

  for (const [what, query] of [
    ['a filtered view (more than one page)', 'network=in&range=all'],
    ['a narrow filter', 'category=emergency'],
  ] as const) {
    test(`the CSV of ${what} holds every matched claim`, async ({ page }) => {
      const claims = new ClaimsPage(page);
      await claims.goto(query);
      const api = await claims.expectMatchesApi();
      await expect(claims.exportLink).toHaveAttribute('download', /.+/);
      await expect(claims.exportLink).toHaveAttribute('href', new RegExp(`^/api/v1/claims/export\\.csv\\?`));

      const downloading = page.waitForEvent('download');
      await claims.exportLink.click();
      const download = await downloading;
      const text = await readFile(await download.path(), 'utf8');
      const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((f) => f !== ''));
      expect(header).toEqual(HEADER);
      expect(rows.length).toBe(api.total);

      const all = await claims.apiAll(query);
      expect(all.length).toBe(api.total);
      expect(rows.map((r) => r[0]).sort()).toEqual(all.map((c) => c.claim_number).sort());
      // Money is plain decimals that add up to the summary totals.
      const owed = rows.reduce((sum, r) => sum + Math.round(Number(r[18]) * 100), 0);
      expect(owed).toBe(api.totals.member_owes);
      // The page on screen stays as it was.
      await expect(page).toHaveURL(new RegExp(`/claims\\?${query}$`));
    });

    test(`the PDF statement of ${what} has the page's totals`, async ({ page }) => {
      const claims = new ClaimsPage(page);
      await claims.goto(query);
      const api = await claims.expectMatchesApi();
      await expect(claims.statementLink).toHaveAttribute('href', new RegExp(`^/api/v1/claims/statement\\.pdf\\?`));
      const downloading = page.waitForEvent('download');
      await claims.statementLink.click();
      const download = await downloading;
      const text = (await readFile(await download.path())).toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text).toContain('/StructTreeRoot');
      expect(text).toContain(`(${dollars(api.totals.member_owes)})`);
      expect(text).toContain(`(${api.total})`);
    });
  }
});
