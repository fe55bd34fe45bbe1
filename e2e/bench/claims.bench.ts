import { test, type ElementHandle, type Page } from '@playwright/test';
import { ClaimsPage, signInByApi } from '../tests/fixtures/claims_page';

/**
 * Claims page with the perf10k account (10,000 claims), headless Chromium on loopback:
 *  - ready: navigation start -> first page of results on screen; budget <= 1 s
 *  - filter change or search keystroke -> updated results painted, over 50 changes;
 *    report p50 and p95; budget p95 <= 50 ms
 *  - memory after those 50 changes (JS heap after GC + wasm memory); budget growth <= 2 MB
 * Prints numbers; asserts nothing.
 */
const READY_RUNS = 5;
const CHANGES = 50;

declare global {
  interface Window {
    __wasmMemory?: WebAssembly.Memory;
    gc?: () => void;
  }
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))];
}

/** Milliseconds from navigation start until results rows are on screen and not busy. */
async function readyTime(page: Page): Promise<number> {
  await page.goto('/claims');
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const done = () => {
          const busy = document.querySelector('[aria-busy]');
          const rows = document.querySelectorAll('a[href^="/claims/"]');
          return busy?.getAttribute('aria-busy') === 'false' && rows.length > 0;
        };
        const finish = () => requestAnimationFrame(() => resolve(performance.now()));
        if (done()) return finish();
        const obs = new MutationObserver(() => {
          if (done()) {
            obs.disconnect();
            finish();
          }
        });
        obs.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => reject(new Error('claims not ready within 10 s')), 10_000);
      }),
  );
}

type Change = { kind: 'search' | 'select'; value: string };

/**
 * Applies one change inside the page and measures until the results region is
 * idle with a different summary, then one more frame (painted).
 */
async function timeChange(page: Page, el: ElementHandle, summary: ElementHandle, change: Change): Promise<number> {
  return page.evaluate(
    ([el, summary, change]) =>
      new Promise<number>((resolve) => {
        const busy = () => document.querySelector('[aria-busy]')?.getAttribute('aria-busy');
        const before = (summary as HTMLElement).textContent;
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          if (busy() === 'false' && (summary as HTMLElement).textContent !== before) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        obs.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => {
          obs.disconnect();
          resolve(Number.NaN);
        }, 5_000);
        const input = el as HTMLInputElement | HTMLSelectElement;
        input.value = change.value;
        input.dispatchEvent(new Event(change.kind === 'search' ? 'input' : 'change', { bubbles: true }));
      }),
    [el, summary, change] as const,
  );
}

async function memory(page: Page): Promise<{ heap: number; wasm: number }> {
  return page.evaluate(async () => {
    for (let i = 0; i < 3; i++) {
      window.gc?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    return { heap, wasm: window.__wasmMemory?.buffer.byteLength ?? 0 };
  });
}

test('claims page with 10,000 claims', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL ?? undefined });
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      const wasm = (e as CustomEvent).detail?.wasm as { memory?: WebAssembly.Memory } | undefined;
      window.__wasmMemory = wasm?.memory;
    });
  });
  const page = await context.newPage();
  await signInByApi(page, 'perf10k');

  // Ready time: fresh navigations to /claims.
  const ready: number[] = [];
  for (let i = 0; i < READY_RUNS; i++) ready.push(await readyTime(page));

  const claims = new ClaimsPage(page);
  await claims.goto();
  const search = await claims.search.elementHandle();
  const status = await claims.status.elementHandle();
  const category = await claims.category.elementHandle();
  const summary = await claims.summary.elementHandle();
  if (!search || !status || !category || !summary) throw new Error('claims controls not found');

  // Alternating changes whose consecutive results differ.
  const terms = ['atorvastatin', 'cedar', 'mri', 'fluticasone', 'lakeside', 'office', 'dental', 'psychotherapy', 'urgent', 'eye'];
  const changes: Array<[ElementHandle, Change]> = [];
  for (let i = 0; changes.length < CHANGES + 4; i++) {
    changes.push([search, { kind: 'search', value: terms[i % terms.length] }]);
    changes.push([search, { kind: 'search', value: '' }]);
    changes.push([status, { kind: 'select', value: i % 2 ? 'denied' : 'paid' }]);
    changes.push([status, { kind: 'select', value: '' }]);
  }
  // Warm-up (first requests, JIT), then the baseline memory.
  for (const [el, c] of changes.slice(0, 4)) await timeChange(page, el, summary, c);
  const before = await memory(page);
  const samples: number[] = [];
  for (const [el, c] of changes.slice(4, 4 + CHANGES)) samples.push(await timeChange(page, el, summary, c));
  const after = await memory(page);
  await context.close();

  const ok = samples.filter((n) => Number.isFinite(n));
  const mb = (b: number) => (b / (1024 * 1024)).toFixed(2);
  const growth = after.heap + after.wasm - (before.heap + before.wasm);
  const p95 = percentile(ok, 95);
  console.log(
    `BENCH claims ready (navigation -> first results painted): median ${percentile(ready, 50).toFixed(0)} ms, worst ${Math.max(...ready).toFixed(0)} ms (n=${ready.length}); budget <= 1000 ms: ${Math.max(...ready) <= 1000 ? 'within' : 'OVER'}`,
  );
  console.log(
    `BENCH filter change -> results painted: p50 ${percentile(ok, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...ok).toFixed(1)} ms (n=${ok.length}${ok.length < samples.length ? `, ${samples.length - ok.length} timed out` : ''}); budget p95 <= 50 ms: ${p95 <= 50 ? 'within' : 'OVER'}`,
  );
  console.log(
    `BENCH memory after ${CHANGES} changes: JS heap ${mb(before.heap)} -> ${mb(after.heap)} MB, wasm ${mb(before.wasm)} -> ${mb(after.wasm)} MB, growth ${mb(growth)} MB; budget <= 2 MB: ${growth <= 2 * 1024 * 1024 ? 'within' : 'OVER'}`,
  );
});
