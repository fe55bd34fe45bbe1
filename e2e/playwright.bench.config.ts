import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * Browser benchmarks for `make bench` (scripts/bench.sh starts the server and
 * sets BENCH_BASE_URL). Not part of `make test`: they print numbers and assert nothing.
 */
export default defineConfig({
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: 'list',
  outputDir: 'test-results/bench',
  use: {
    baseURL: process.env.BENCH_BASE_URL ?? 'http://127.0.0.1:8282',
    browserName: 'chromium',
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        ...CHROMIUM_ARGS,
        // Exact heap numbers and a callable gc() for the memory measurement.
        '--enable-precise-memory-info',
        '--js-flags=--expose-gc',
      ],
    },
  },
});
