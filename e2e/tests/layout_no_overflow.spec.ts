import { expect, test, type Page } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';

// No page is wider than the window (issue 17: /account was 563 px wide on a
// 390 px phone, and /claims cut off its last columns between 640 and 915 px).
// 200% zoom of a 1280 px window lays out like a 640 px one.
const WIDTHS: { label: string; width: number; height: number }[] = [
  { label: 'phone 390 px', width: 390, height: 844 },
  { label: 'tablet 768 px', width: 768, height: 1024 },
  { label: 'laptop 1024 px', width: 1024, height: 768 },
  { label: 'desktop 1280 px', width: 1280, height: 800 },
  { label: '200% zoom of 1280 px', width: 640, height: 400 },
];

const PUBLIC_ROUTES = ['/login', '/register', '/forgot-username', '/forgot-password', '/unlock'];
const MEMBER_ROUTES = [
  '/',
  '/alerts',
  '/id-card',
  '/claims',
  '/claims?range=all&status=denied',
  'CLAIM',
  '/plans',
  '/estimate',
  '/account',
  '/account/notifications',
  '/account/sharing',
  '/account/data',
  '/find-care',
  '/find-care?q=therapist&within=25&network=any',
  'LISTING',
  '/care/virtual',
  '/no-such-page',
];

/** Waits for the page's data (no "Loading…" line left) and measures it. */
async function overflow(page: Page, path: string): Promise<{ scroll: number; viewport: number }> {
  await page.goto(path);
  // A first load starts the app's bundle: allow for a busy machine.
  await expect(page.getByRole('heading', { level: 1 }).first(), `${path} shows its heading`).toBeVisible({ timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.loading'), `${path} has loaded`).toHaveCount(0, { timeout: 20_000 });
  return page.evaluate(() => ({
    scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    viewport: document.documentElement.clientWidth,
  }));
}

test.describe('no horizontal overflow @desktop-only', () => {
  for (const size of WIDTHS) {
    test(`every route fits at ${size.label}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      const wide: string[] = [];
      for (const path of PUBLIC_ROUTES) {
        const m = await overflow(page, path);
        if (m.scroll > m.viewport) wide.push(`${path}: ${m.scroll}px in a ${m.viewport}px window`);
      }
      await signInByApi(page, 'member1');
      const list = await page.request.get('/api/v1/claims?page_size=1');
      const claimId = (await list.json()).items[0].id as number;
      const found = await page.request.get('/api/v1/directory/providers?q=Evergreen%20Regional%20Hospital&within=25');
      const listingId = (await found.json()).providers[0].id as number;
      for (const route of MEMBER_ROUTES) {
        const path = route === 'CLAIM' ? `/claims/${claimId}` : route === 'LISTING' ? `/find-care/providers/${listingId}` : route;
        const m = await overflow(page, path);
        if (m.scroll > m.viewport) wide.push(`${path}: ${m.scroll}px in a ${m.viewport}px window`);
      }
      expect(wide, `pages wider than the window at ${size.label}`).toEqual([]);
    });
  }
});
