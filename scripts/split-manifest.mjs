// Writes <pkg>/manifest.json: for each split module of the release build,
// the files its loader fetches (the module and every chunk it needs), read
// from the loader wasm-split-cli wrote (__wasm_split.js), which declares
//
//   const __chunk_17 = makeLoad(() => { ... fetch(new URL("./chunk_17.wasm", ...)) ... }, [deps]);
//   export const __wasm_split_load_<split> = wrapAsyncCb(makeLoad(() => {
//       ... fetch(new URL("./split_<split>.wasm", ...)) ... }, [__chunk_17, ...]));
//
// The server reads the manifest to answer a page's address with preloads
// for the page's split module (portal_domain::routes::Page::split).
//
//   node scripts/split-manifest.mjs <pkg dir> <public url of pkg dir>
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const [pkg, url] = process.argv.slice(2);
if (!pkg || !url) {
  console.error("usage: split-manifest.mjs <pkg dir> <public url>");
  process.exit(2);
}
const loader = readFileSync(join(pkg, "__wasm_split.js"), "utf8");

/** name -> { file, deps } for every loadable (chunks and splits). */
const loadables = new Map();
const decl =
  /(?:export )?const (__chunk_\d+|__wasm_split_load_\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)", import\.meta\.url\)\);[\s\S]*?\n\}\s*,\s*\[([^\]]*)\]/g;
for (const m of loader.matchAll(decl)) {
  const deps = m[3]
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  loadables.set(m[1], { file: m[2], deps });
}

/** Every file `name` needs, itself last. */
function files(name, seen = new Set()) {
  const entry = loadables.get(name);
  if (!entry || seen.has(name)) return [];
  seen.add(name);
  return [...entry.deps.flatMap((d) => files(d, seen)), entry.file];
}

const splits = {};
for (const name of loadables.keys()) {
  const split = name.match(/^__wasm_split_load_(\w+)$/)?.[1];
  if (!split) continue;
  const list = files(name);
  for (const f of list) {
    if (!existsSync(join(pkg, f))) {
      console.error(`split-manifest: ${split} needs ${f}, which is not in ${pkg}`);
      process.exit(1);
    }
  }
  splits[split] = list;
}
if (Object.keys(splits).length === 0) {
  console.error("split-manifest: no split modules found in __wasm_split.js");
  process.exit(1);
}
const manifest = { base: url, main: ["portal_web.js", "__wasm_split.js", "portal_web_bg.wasm"], splits };
writeFileSync(join(pkg, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
const counts = Object.entries(splits)
  .map(([s, f]) => `${s} ${f.length}`)
  .join(", ");
console.log(`split-manifest: files per module: ${counts}`);
