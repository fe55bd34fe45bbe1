// Packs each split module of the release build with the chunks it needs,
// points the loader at the packs, and writes <pkg>/manifest.json.
//
// The loader wasm-split-cli writes (__wasm_split.js) fetches a split module
// and each chunk it needs as a file of its own: 35-64 files per page here,
// which over HTTP/1.1 (6 connections) costs a round trip per 6 files on a
// phone. It declares
//
//   const __chunk_17 = makeLoad(() => { ... fetch(new URL("./chunk_17.wasm", ...)) ... }, [deps]);
//   export const __wasm_split_load_<split> = wrapAsyncCb(makeLoad(() => {
//       ... fetch(new URL("./split_<split>.wasm", ...)) ... }, [__chunk_17, ...]));
//
// For each split module S this writes pack_S.bin: a 4-byte little-endian
// length, a JSON index {file: [offset, length]}, then the files. The loader
// is patched so that when S loads and none of its files was fetched before
// (a deep link, or a section sharing nothing loaded yet), its files come
// from that one pack; otherwise each missing file is fetched alone, so
// moving between sections downloads only what is new. A failed pack fetch
// is forgotten, so a retry fetches again.
//
// manifest.json says, for each split module, what a deep link should
// preload (`preload`: the pack) and which files it needs (`files`). The
// server reads it to answer a page's address with preloads for the page's
// split module (portal_domain::routes::Page::split).
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
// One pack per split module.
const preload = {};
for (const [split, list] of Object.entries(splits)) {
  let offset = 0;
  const index = {};
  const bodies = list.map((f) => {
    const body = readFileSync(join(pkg, f));
    index[f] = [offset, body.length];
    offset += body.length;
    return body;
  });
  const head = Buffer.from(JSON.stringify(index));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  const name = `pack_${split}.bin`;
  writeFileSync(join(pkg, name), Buffer.concat([len, head, ...bodies]));
  preload[split] = [name];
}

// The loader: every fetch goes through __portalFetch, and each split
// module's load marks which section is loading while its chunks start.
let patched = loader.replace(
  /fetch\(new URL\("\.\/([\w.]+)", import\.meta\.url\)\)/g,
  (_, file) => `__portalFetch(${JSON.stringify(file)})`,
);
let sections = 0;
patched = patched.replace(
  /export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\]\)\);/g,
  (_, split, body) => {
    sections += 1;
    return `export const __wasm_split_load_${split} = wrapAsyncCb(__inSection(${JSON.stringify(split)}, makeLoad(${body}])));`;
  },
);
// Compile each module from its bytes, not streaming from a Response: V8
// compiles a streamed Response on the main thread as its bytes arrive, and
// a pack hands over 100-260 modules' bytes at once (about 520 ms of
// main-thread compiling under Lighthouse's 4x CPU slowdown, measured on the
// dashboard). `WebAssembly.instantiate(bytes)` compiles on background
// threads (about 16 ms left on the main thread).
const streaming = "WebAssembly.instantiateStreaming(src, imports)";
const streamed = patched.split(streaming).length - 1;
patched = patched.replaceAll(
  streaming,
  "src.then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.instantiate(bytes, imports))",
);
if (sections !== Object.keys(splits).length || streamed !== loadables.size || patched.includes("fetch(new URL(")) {
  console.error("split-manifest: the loader's shape is not the one this script knows (wasm-split-cli changed?)");
  process.exit(1);
}
const runtime = `// Added by scripts/split-manifest.mjs: one pack per section on a fresh load.
const __packFiles = ${JSON.stringify(splits)};
const __asked = new Set();
const __packs = new Map();
let __section;
function __inSection(section, load) {
    return () => {
        const outer = __section;
        __section = section;
        try { return load(); } finally { __section = outer; }
    };
}
function __unpack(buffer) {
    const view = new DataView(buffer);
    const length = view.getUint32(0, true);
    const index = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
    const files = new Map();
    for (const [file, [offset, size]] of Object.entries(index)) {
        files.set(file, new Uint8Array(buffer, 4 + length + offset, size));
    }
    return files;
}
function __portalFetch(file) {
    const section = __section;
    const files = section === undefined ? undefined : __packFiles[section];
    if (files && files.includes(file) && (__packs.has(section) || files.every((f) => !__asked.has(f)))) {
        let pack = __packs.get(section);
        if (pack === undefined) {
            files.forEach((f) => __asked.add(f));
            pack = fetch(new URL(\`./pack_\${section}.bin\`, import.meta.url)).then((r) => {
                if (!r.ok) throw new Error(\`pack_\${section}.bin: HTTP \${r.status}\`);
                return r.arrayBuffer();
            }).then(__unpack);
            pack.catch(() => {
                __packs.delete(section);
                files.forEach((f) => __asked.delete(f));
            });
            __packs.set(section, pack);
        }
        return pack.then((all) => new Response(all.get(file), { headers: { "content-type": "application/wasm" } }));
    }
    __asked.add(file);
    const single = fetch(new URL(\`./\${file}\`, import.meta.url));
    single.catch(() => __asked.delete(file));
    return single;
}
`;
// After the loader's own import line.
patched = patched.replace(/^(import [^\n]*\n)/, `$1${runtime}`);
if (!patched.includes("function __portalFetch")) {
  console.error("split-manifest: could not place the pack runtime in the loader");
  process.exit(1);
}
writeFileSync(join(pkg, "__wasm_split.js"), patched);

const manifest = {
  base: url,
  main: ["portal_web.js", "__wasm_split.js", "portal_web_bg.wasm"],
  preload,
  files: splits,
};
writeFileSync(join(pkg, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
const counts = Object.entries(splits)
  .map(([s, f]) => `${s} ${f.length}`)
  .join(", ");
console.log(`split-manifest: files per module (one pack each): ${counts}`);
