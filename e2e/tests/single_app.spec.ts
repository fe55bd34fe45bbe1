import { expect, test } from './fixtures/test';
import { DEMO, LoginPage } from './fixtures/login_page';
import { ShellPage } from './fixtures/shell_page';
import {
  CLAIMS_MODULE,
  PUBLIC_PAGES,
  SIGNED_IN_PAGES,
  markDocument,
  preloadedWasm,
  recordWasm,
  sameDocument,
} from './fixtures/app_document';

// One single-page app on leptos_router, split by route (issue 18): one
// document for every section, a deep link to every page answered with that
// page's modules preloaded, each module fetched once, and a module that
// cannot be fetched never stops the app.

test.describe('one app', () => {
  test('one document from the dashboard through claims, plans, estimate, account and alerts, and back and forward', async ({
    page,
  }) => {
    const wasm = recordWasm(page);
    const login = new LoginPage(page);
    await login.goto();
    await markDocument(page);
    await login.signIn(DEMO.member1.username, DEMO.member1.password);
    const shell = new ShellPage(page);
    await shell.expectSignedIn();
    await expect(shell.heading(/^Welcome/)).toBeVisible();

    const tour: Array<[string | RegExp, string, string | RegExp]> = [
      ['Claims', '/claims', 'Claims'],
      ['Plans', '/plans', 'Plans and costs'],
      ['Cost estimator', '/estimate', 'Cost estimator'],
      ['Account', '/account', 'Account and security'],
      [/^Alerts/, '/alerts', 'Alerts'],
    ];
    for (const [link, path, heading] of tour) {
      await shell.follow(link);
      await expect(page).toHaveURL((url) => url.pathname === path);
      await expect(shell.heading(heading)).toBeVisible();
      // The member's name stays in the header: the shell was never re-mounted.
      await expect(shell.header).toContainText('Alex');
    }
    expect(await sameDocument(page), 'every section opened in the sign-in page\'s document').toBe(true);

    // Back through every section, then forward again.
    const back = [...tour].reverse().slice(1).map(([, path, heading]) => [path, heading] as const);
    for (const [path, heading] of [...back, ['/', /^Welcome/] as const]) {
      await page.goBack();
      await expect(page).toHaveURL((url) => url.pathname === path);
      await expect(shell.heading(heading)).toBeVisible();
    }
    for (const [, path, heading] of tour) {
      await page.goForward();
      await expect(page).toHaveURL((url) => url.pathname === path);
      await expect(shell.heading(heading)).toBeVisible();
    }
    expect(await sameDocument(page)).toBe(true);
    const twice = wasm.filter((f, i) => wasm.indexOf(f) !== i);
    expect(twice, 'no module fetched twice').toEqual([]);
  });

  test('a deep link to every page shows it, with its modules preloaded and each fetched once', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(DEMO.member1.username, DEMO.member1.password);
    await new ShellPage(page).expectSignedIn();
    // The pointer rests where no link is, so nothing is prefetched on hover.
    const size = page.viewportSize() ?? { width: 390, height: 800 };
    await page.mouse.move(size.width - 2, size.height - 2);
    for (const [path, heading] of SIGNED_IN_PAGES) {
      const wasm = recordWasm(page);
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: heading }), path).toBeVisible();
      const preloaded = new Set(await preloadedWasm(page));
      const fetched = [...new Set(wasm)];
      expect(fetched.length, `${path}: fetched once each`).toBe(wasm.length);
      // No waterfall: everything the page fetched was announced in its HTML.
      expect(fetched.filter((f) => !preloaded.has(f)), `${path}: modules not preloaded`).toEqual([]);
    }
    const claim = await page.goto('/claims/1');
    expect(claim?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: /^Claim|couldn't find/ })).toBeVisible();
  });

  test('a signed-in deep link preloads its first API reads, and the app uses each preload', async ({ page }) => {
    // A sign-in and five full page loads, each checked for its preloads: 29 s
    // on a busy 2-core machine against the default 30 s.
    test.setTimeout(90_000);
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(DEMO.member1.username, DEMO.member1.password);
    await new ShellPage(page).expectSignedIn();
    const unused: string[] = [];
    page.on('console', (msg) => {
      if (/preloaded using link preload but not used/.test(msg.text())) unused.push(msg.text());
    });
    const pages: Array<[string, string | RegExp, string]> = [
      ['/', /^Welcome/, '/api/v1/dashboard?member=all&'],
      ['/claims', 'Claims', '/api/v1/claims'],
      ['/plans', 'Plans and costs', '/api/v1/plans'],
      ['/estimate', 'Cost estimator', '/api/v1/accumulators'],
      ['/account', 'Account and security', '/api/v1/account'],
    ];
    for (const [path, heading, read] of pages) {
      const api: string[] = [];
      const onRequest = (r: { url: () => string }) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) api.push(url.pathname + url.search);
      };
      page.on('request', onRequest);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: heading }), path).toBeVisible();
      const reads = await page.$$eval('link[rel=preload][as=fetch]', (links) =>
        links.map((l) => l.getAttribute('href') ?? '').filter((h) => h.startsWith('/api/')),
      );
      expect(reads, `${path}: who is signed in and the page's data are preloaded`).toEqual(
        expect.arrayContaining(['/api/v1/me', read]),
      );
      // The browser warns a few seconds after the load event about a preload nobody used.
      await page.waitForTimeout(3500);
      page.off('request', onRequest);
      const twice = api.filter((u, i) => api.indexOf(u) !== i);
      expect(twice, `${path}: an API read fetched twice (its preload not used)`).toEqual([]);
    }
    expect(unused, 'every preloaded read is used by the app').toEqual([]);
  });

  test('a deep link to every public page, and an unknown address answers 404 with the not-found page', async ({
    page,
  }) => {
    for (const [path, heading] of PUBLIC_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: heading }), path).toBeVisible();
    }
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });

  test.describe('when a module cannot be fetched', () => {
    // The browser reports each aborted fetch; the loader logs the failure.
    test.use({ allowConsoleErrors: [/Failed to load resource|ERR_FAILED|TypeError: Failed to fetch/] });

    test('the page says so with a reload button, the rest of the app keeps working, and reloading recovers', async ({
      page,
    }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn(DEMO.member1.username, DEMO.member1.password);
      const shell = new ShellPage(page);
      await shell.expectSignedIn();
      await markDocument(page);

      let refused = 0;
      await page.route(CLAIMS_MODULE, (route) => {
        refused += 1;
        return route.abort('failed');
      });
      await shell.follow('Claims');
      await expect(shell.heading("This page didn't load")).toBeVisible({ timeout: 15_000 });
      await expect(page.getByRole('alert')).toContainText('Reload the page');
      expect(refused, 'tried again before giving up').toBeGreaterThanOrEqual(4);

      // The rest of the app still works, in the same document.
      await shell.follow('Plans');
      await expect(shell.heading('Plans and costs')).toBeVisible();
      await shell.follow('Claims');
      await expect(shell.heading("This page didn't load")).toBeVisible({ timeout: 15_000 });
      expect(await sameDocument(page)).toBe(true);

      // Back online: "Reload the page" shows the claims.
      await page.unroute(CLAIMS_MODULE);
      await page.getByRole('button', { name: 'Reload the page' }).click();
      await expect(shell.heading('Claims')).toBeVisible();
    });

    test('a fetch that fails once is retried and the page appears', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn(DEMO.member1.username, DEMO.member1.password);
      const shell = new ShellPage(page);
      await shell.expectSignedIn();
      let attempts = 0;
      await page.route(CLAIMS_MODULE, (route) => {
        attempts += 1;
        return attempts === 1 ? route.abort('failed') : route.continue();
      });
      await shell.follow('Claims');
      await expect(shell.heading('Claims')).toBeVisible();
      expect(attempts).toBeGreaterThanOrEqual(2);
    });
  });
});
