// `make bench` (a): what each page downloads, as the running server sends it.
//
//   node scripts/bench-sizes.mjs <base url> <dist dir>
//
// For each page address it reads the HTML the server answers, takes every
// same-site .js/.css/.wasm it references (stylesheet, boot script, the main
// module's preloads and the page's own module preloads) and sums their
// brotli sizes (the .br files the build wrote, which the server sends).
// Then it follows one member's tour through the sections and prints, for
// each step, what the new page needs that earlier pages did not load.
// 1 KB = 1024 bytes. Prints numbers and budgets; never fails on a budget.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const [base, dist] = process.argv.slice(2);
const kb = (b) => (b / 1024).toFixed(1);
const verdict = (v, max) => (v <= max * 1024 ? "within budget" : "OVER BUDGET");

/** Brotli size of a site path's file in dist (the .br beside it). */
function brotli(path) {
  const f = join(dist, path);
  if (existsSync(`${f}.br`)) return statSync(`${f}.br`).size;
  if (existsSync(f)) return statSync(f).size;
  throw new Error(`${path}: referenced but missing in ${dist}`);
}

/** The files a page's HTML makes the browser fetch before the page shows. */
async function firstLoad(path) {
  const res = await fetch(base + path);
  const html = await res.text();
  const files = new Set();
  for (const m of html.matchAll(/\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const u = (m[1] ?? m[2] ?? m[3]).replace(/[?#].*$/, "");
    if (u.startsWith("/") && !u.startsWith("//") && /\.(wasm|js|css|bin)$/.test(u)) files.add(u);
  }
  return { status: res.status, files };
}

const pages = [
  ["/login", "sign-in", 160],
  ["/register", "registration", 200],
  ["/forgot-password", "forgot password", 200],
  ["/", "dashboard", 200],
  ["/alerts", "alerts", 200],
  ["/id-card", "ID cards", 200],
  ["/claims", "claims", 200],
  ["/claims/1", "one claim", 200],
  ["/plans", "plans", 200],
  ["/estimate", "estimator", 200],
  ["/account", "account", 200],
  ["/account/notifications", "notifications", 200],
  ["/help", "help centre", 200],
  ["/help/glossary", "glossary", 200],
  ["/find-care", "find care", 200],
  ["/care/virtual", "virtual visits", 200],
];
const loads = new Map();
// The build's manifest: which files each section needs (what a move between
// sections fetches, one by one, when some are already loaded).
const index = readFileSync(join(dist, "index.html"), "utf8");
const build = index.match(/\/pkg\/([0-9a-f]+)\//)?.[1];
const manifest = build ? JSON.parse(readFileSync(join(dist, "pkg", build, "manifest.json"), "utf8")) : null;
const sectionOf = (files) =>
  [...files].map((f) => f.match(/\/pack_(\w+)\.bin$/)?.[1]).find(Boolean);
console.log(`    ${"page".padEnd(26)} ${"files".padStart(5)} ${"brotli KB".padStart(10)}   budget`);
for (const [path, what, budget] of pages) {
  const { status, files } = await firstLoad(path);
  loads.set(path, files);
  const total = [...files].reduce((s, f) => s + brotli(f), 0);
  console.log(
    `    ${`${path} (${what})`.padEnd(26)} ${String(files.size).padStart(5)} ${kb(total).padStart(10)}   <= ${budget} KB: ${verdict(total, budget)}${status === 200 ? "" : ` (HTTP ${status})`}`,
  );
}

console.log("\n    moving between sections in one document: new downloads for each step (budget <= 60 KB)");
const tour = ["/", "/claims", "/plans", "/estimate", "/account", "/alerts", "/id-card", "/claims/1", "/help", "/find-care", "/care/virtual"];
const needs = (path) => {
  const section = sectionOf(loads.get(path));
  return (manifest?.files?.[section] ?? []).map((f) => `${manifest.base}/${f}`);
};
const loaded = new Set(needs(tour[0]));
for (let i = 1; i < tour.length; i++) {
  const fresh = needs(tour[i]).filter((f) => !loaded.has(f));
  fresh.forEach((f) => loaded.add(f));
  const total = fresh.reduce((s, f) => s + brotli(f), 0);
  console.log(
    `    ${`${tour[i - 1]} -> ${tour[i]}`.padEnd(26)} ${String(fresh.length).padStart(5)} ${kb(total).padStart(10)}   ${verdict(total, 60)}`,
  );
}
const all = new Set([...loads.values()].flatMap((s) => [...s]));
const sum = [...all].reduce((s, f) => s + brotli(f), 0);
console.log(`\n    every file a first load can fetch (for information; the packs overlap, a chunk sections share is in each): ${all.size} files, ${kb(sum)} KB brotli`);
const notFound = await firstLoad("/no-such-page");
console.log(`    an unknown address answers HTTP ${notFound.status} (the app's not-found page)`);
