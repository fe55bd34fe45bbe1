import { defineConfig, devices } from '@playwright/test';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { TODAY } from './tests/fixtures/clock';

/**
 * End-to-end suite for the member portal.
 *
 * The release server (`make build`) is started by `start-server.sh` on
 * 127.0.0.1:8181 with demo data and a fresh SQLite database for every run.
 * Browsers: Debian's Chromium (`/usr/bin/chromium`); Playwright never downloads one.
 *
 * Both projects share that one database, so specs that use up demo identities
 * (registration, lockout) are tagged `@desktop-only` and run once, on desktop.
 */
const CI = !!process.env.CI;
const PORT = Number(process.env.E2E_PORT ?? 8181);
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** The short-idle-timeout server (idle_timeout.spec.ts) listens on the next port. */
const IDLE_PORT = PORT + 1;

/**
 * Chromium sees only DejaVu Sans and DejaVu Sans Mono (fonts-dejavu-core,
 * installed by scripts/setup.sh): text, layout checks and screenshot
 * baselines are the same on every machine.
 */
const FONTCONFIG_FILE = path.join(__dirname, 'fonts', 'fonts.conf');
const chromiumLaunch = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  env: { ...process.env, FONTCONFIG_FILE } as Record<string, string>,
};

export default defineConfig({
  testDir: './tests',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 2 : 0,
  workers: 2,
  timeout: 30_000,
  expect: {
    timeout: 7_500,
    // Baselines in tests/*-snapshots/ (committed); fonts are pinned above.
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', scale: 'css', maxDiffPixelRatio: 0.002 },
  },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-US',
    timezoneId: 'UTC',
  },
  projects: [
    {
      name: 'desktop',
      use: {
        ...devices['Desktop Chrome'],
        browserName: 'chromium',
        launchOptions: chromiumLaunch,
      },
    },
    {
      name: 'mobile',
      grepInvert: /@desktop-only/,
      use: {
        ...devices['Pixel 7'],
        browserName: 'chromium',
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        launchOptions: chromiumLaunch,
      },
    },
  ],
  webServer: [
    {
      command: './start-server.sh',
      env: { E2E_ADDR: `127.0.0.1:${PORT}`, E2E_TODAY: TODAY },
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      // A second server with a short idle timeout, for idle_timeout.spec.ts only.
      command: './start-server.sh',
      env: {
        E2E_ADDR: `127.0.0.1:${IDLE_PORT}`,
        E2E_TODAY: TODAY,
        E2E_SERVER_ARGS: '--session-idle-secs 40',
      },
      url: `http://127.0.0.1:${IDLE_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
});
