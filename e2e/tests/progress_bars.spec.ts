import { expect, test } from './fixtures/test';
import { signInByApi } from './fixtures/claims_page';
import { HomePage } from './fixtures/home_page';

// What a sighted member sees: every progress bar on the dashboard is drawn
// as wide as the figure it stands for (issue 17: the CSP blocked the inline
// width and every bar was drawn full). The shared fixture fails the test on
// the CSP violation itself; this checks the drawing.
test.describe('dashboard progress bars', () => {
  test.beforeEach(async ({ page }) => {
    await signInByApi(page, 'member1');
  });

  for (const who of ['Everyone', 'Riley']) {
    test(`each bar's fill is as wide as its figure (${who})`, async ({ page }) => {
      const home = new HomePage(page);
      await home.goto();
      await home.choose(who);
      const bars = page.getByRole('progressbar');
      await expect(bars.first()).toBeVisible();
      const count = await bars.count();
      expect(count).toBeGreaterThan(1);
      let partial = 0;
      for (let i = 0; i < count; i++) {
        const bar = bars.nth(i);
        const name = (await bar.getAttribute('aria-valuetext')) ?? '';
        const now = Number(await bar.getAttribute('aria-valuenow'));
        const max = Number(await bar.getAttribute('aria-valuemax'));
        // The track's inner width (inside its border) is what 100% means.
        const inner = await bar.evaluate((el) => el.clientWidth);
        const fill = await bar.locator(':scope > *').boundingBox();
        expect(fill, `the fill of "${name}" is drawn`).not.toBeNull();
        const expected = max > 0 ? (inner * Math.min(now, max)) / max : 0;
        expect(Math.abs((fill?.width ?? -1) - expected), `"${name}": drawn ${fill?.width}px, figure ${expected}px`).toBeLessThanOrEqual(2);
        if (now > 0 && now < max) partial++;
      }
      // The check means something only if some bars are neither empty nor full.
      if (who === 'Everyone') expect(partial).toBeGreaterThan(0);
    });
  }
});
