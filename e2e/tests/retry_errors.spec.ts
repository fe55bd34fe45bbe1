import { expect, test, type Locator, type Page } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { PLAN_NAME } from './fixtures/login_page';

// Every error panel's "Try again" loads again (issue 17: only the claims
// list's did; elsewhere the retried request was aborted at once and only a
// reload recovered). The first matching API call is aborted with
// page.route, "Try again" is clicked, and the data appears.

// An aborted request is logged by the browser; that one is expected here.
test.use({ allowConsoleErrors: [/net::ERR_FAILED/] });

type Case = {
  /** What fails. */
  name: string;
  /** The page to open. */
  path: string | ((page: Page) => Promise<string>);
  /** The API call (pathname) to fail once. */
  api: RegExp;
  /** The error panel's heading (or message) shown after the failure. */
  error: string;
  /** Something the loaded data shows. */
  loaded: (page: Page) => Locator;
};

const firstClaim = async (page: Page) => {
  const list = await page.request.get('/api/v1/claims?page_size=1');
  return `/claims/${(await list.json()).items[0].id}`;
};

const CASES: Case[] = [
  { name: 'dashboard', path: '/', api: /^\/api\/v1\/dashboard$/, error: "We couldn't load your dashboard", loaded: (p) => p.getByRole('heading', { name: 'Your coverage' }) },
  { name: 'alerts', path: '/alerts', api: /^\/api\/v1\/alerts$/, error: "We couldn't load your alerts", loaded: (p) => p.getByRole('heading', { name: /^Premium (overdue|due)/ }).first() },
  { name: 'ID cards', path: '/id-card', api: /^\/api\/v1\/coverage$/, error: "We couldn't load your ID cards", loaded: (p) => p.getByRole('main').getByText(PLAN_NAME).first() },
  { name: 'claims list', path: '/claims', api: /^\/api\/v1\/claims$/, error: "We couldn't load your claims", loaded: (p) => p.getByRole('link', { name: /^EV\d+$/ }).first() },
  { name: 'saved filters', path: '/claims', api: /^\/api\/v1\/saved-filters$/, error: "We couldn't load your saved filters.", loaded: (p) => p.getByRole('button', { name: 'Save filter' }) },
  { name: 'claim (EOB)', path: firstClaim, api: /^\/api\/v1\/claims\/\d+$/, error: "We couldn't load this claim", loaded: (p) => p.getByRole('heading', { level: 1, name: /^Claim EV\d+/ }) },
  { name: 'plans', path: '/plans', api: /^\/api\/v1\/plans$/, error: "We couldn't load the plans", loaded: (p) => p.getByRole('main').getByText(PLAN_NAME).first() },
  { name: 'estimator', path: '/estimate', api: /^\/api\/v1\/accumulators$/, error: "We couldn't load the estimator", loaded: (p) => p.getByRole('heading', { name: '1. Find the service' }) },
  { name: 'account settings', path: '/account', api: /^\/api\/v1\/account$/, error: "We couldn't load your account settings", loaded: (p) => p.getByRole('heading', { name: 'Two-step verification' }) },
  { name: 'sign-in history', path: '/account', api: /^\/api\/v1\/account\/history$/, error: "We couldn't load your sign-in history", loaded: (p) => p.getByRole('table', { name: 'Sign-in history, newest first' }) },
  { name: 'sessions', path: '/account', api: /^\/api\/v1\/account\/sessions$/, error: "We couldn't load your sessions", loaded: (p) => p.getByRole('list', { name: "Where you're signed in" }) },
  { name: 'notification settings', path: '/account/notifications', api: /^\/api\/v1\/notifications$/, error: "We couldn't load your settings", loaded: (p) => p.getByRole('heading', { name: 'What will be sent' }) },
  { name: 'family sharing', path: '/account/sharing', api: /^\/api\/v1\/family\/sharing$/, error: "We couldn't load your sharing settings", loaded: (p) => p.getByRole('main').getByText(/Jordan|Casey/).first() },
];

test.describe('"Try again" after a failed load', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page, 'member1');
  });

  for (const c of CASES) {
    test(`${c.name}: the retry loads the data`, async ({ page }) => {
      const path = typeof c.path === 'string' ? c.path : await c.path(page);
      let calls = 0;
      await page.route(
        (url) => c.api.test(url.pathname),
        async (route) => {
          calls++;
          if (calls === 1) await route.abort('failed');
          else await route.continue();
        },
      );
      await page.goto(path);
      const error = page.getByText(c.error, { exact: true });
      await expect(error).toBeVisible({ timeout: 20_000 });
      const panel = page.getByRole('alert').filter({ has: error }).or(page.locator('p', { has: error })).first();
      await panel.getByRole('button', { name: 'Try again' }).click();
      await expect(c.loaded(page)).toBeVisible({ timeout: 20_000 });
      await expect(error).toHaveCount(0);
      expect(calls).toBe(2);
    });
  }
});
