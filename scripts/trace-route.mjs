// Where a page's main-thread time goes on a phone: loads each page in
// Chromium with the CPU slowed 4x (as Lighthouse's mobile profile does),
// records a Chrome trace, and prints the page's long tasks (over 50 ms,
// what total blocking time counts) with what filled them, and the main
// thread's WebAssembly compile and instantiate time. Signed in as member1
// for every page but /login.
//
//   node scripts/trace-route.mjs <base url> /login / /claims ...
//
// A diagnostic: prints, never fails. It found the streamed compile of the
// split modules on the main thread (scripts/split-manifest.mjs) and the
// long render of the dashboard, plans and account pages (components::later).
import { createRequire } from "node:module";
const require = createRequire(new URL("../e2e/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium" });
try {
  for (const path of paths.length ? paths : ["/login", "/"]) {
    const ctx = await browser.newContext({ viewport: { width: 412, height: 823 } });
    if (path !== "/login") {
      const r = await ctx.request.post(`${base}/api/v1/auth/login`, {
        data: { username: "member1", password: "Demo.Pass1" },
        headers: { origin: base },
      });
      if (!r.ok()) throw new Error(`sign-in: HTTP ${r.status()}`);
    }
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const events = [];
    cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
    const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
    await cdp.send("Tracing.start", {
      categories: "devtools.timeline,v8,v8.wasm,v8.execute,blink,loading,disabled-by-default-devtools.timeline",
      transferMode: "ReportEvents",
    });
    await page.goto(base + path);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1500);
    await cdp.send("Tracing.end");
    await done;
    // The page's main thread: the renderer thread that instantiated wasm.
    const threads = events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
    const count = (t) => events.filter((x) => x.pid === t.pid && x.tid === t.tid && /^wasm\./.test(x.name)).length;
    const main = threads.sort((a, b) => count(b) - count(a))[0];
    const own = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X");
    const t0 = Math.min(...own.map((e) => e.ts));
    const tasks = own.filter((e) => e.name === "RunTask" && e.dur > 50_000);
    const blocking = tasks.reduce((s, t) => s + t.dur / 1000 - 50, 0);
    console.log(`${path}: ${tasks.length} long tasks, ${blocking.toFixed(0)} ms over 50 ms (4x CPU)`);
    for (const t of tasks) {
      const inner = own.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
      const top = inner.filter(
        (e) => !inner.some((o) => o !== e && o.dur > e.dur && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur),
      );
      const by = new Map();
      for (const e of top) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
      const parts = [...by].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${v.toFixed(0)}`);
      console.log(`    at ${((t.ts - t0) / 1000).toFixed(0).padStart(5)} ms: ${(t.dur / 1000).toFixed(0).padStart(4)} ms  (${parts.join(", ")})`);
    }
    const wasm = new Map();
    for (const e of own.filter((e) => /wasm/i.test(e.name))) wasm.set(e.name, (wasm.get(e.name) ?? 0) + e.dur / 1000);
    const wasmTotal = [...wasm.values()].reduce((s, v) => s + v, 0);
    const lazy = wasm.get("wasm.CompileLazy") ?? 0;
    console.log(`    wasm on the main thread: ${wasmTotal.toFixed(0)} ms (lazy compile of first-called functions ${lazy.toFixed(0)} ms)`);
    await ctx.close();
  }
} finally {
  await browser.close();
}
