#!/usr/bin/env bash
# Release build of the browser app: one single-page app, split by route.
#
#   1. trunk builds the HTML, CSS, icon and boot.js (hashed names), its own
#      Rust step skipped (release.html, written from index.html, marks the
#      rust link data-trunk-skip; git ignores it).
#   2. cargo builds the wasm from the `portal-web` bin with the `split`
#      feature and the linker's relocations (--emit-relocs), which the
#      splitter needs; in its own target directory, because a RUSTFLAGS
#      change rebuilds everything.
#   3. wasm-split-cli splits it *before* wasm-bindgen: the main module,
#      split_<page>.wasm per page (portal_domain::routes::Page::split) and
#      chunk_<n>.wasm for code that pages share, and the loader __wasm_split.js.
#   4. wasm-bindgen (main module only) and wasm-opt (every module) write
#      dist/pkg/<v>/, where <v> is a hash of every module: chunk names are no
#      content hash, so each build has its own directory, and the last
#      $KEEP_BUILDS builds stay online for tabs still running them.
#   5. scripts/split-manifest.mjs writes dist/pkg/<v>/manifest.json (page
#      -> files to preload), which the server reads to answer a deep link
#      with preloads for that page's modules; the main module's preloads go
#      into dist/index.html here.
#   6. precompressed .br/.gz copies of every asset.
# Designers' `trunk serve` (make dev) builds index.html unsplit instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TRUNK_SKIP_VERSION_CHECK=true
KEEP_BUILDS="${KEEP_BUILDS:-3}"
target_dir=target/split
wasm_in="$target_dir/wasm32-unknown-unknown/wasm-release/portal-web.wasm"
split_out="$target_dir/out"

# Earlier builds' modules survive trunk emptying dist/.
old_pkgs="$target_dir/old-pkg"
rm -rf "$old_pkgs"
if [ -d dist/pkg ]; then mv dist/pkg "$old_pkgs"; fi

echo "build: trunk build --release (HTML, CSS, assets; Rust step skipped)"
sed -e 's|<link data-trunk rel="rust"[^>]*/>|<link data-trunk rel="rust" data-trunk-skip />|' \
    -e '2s|.*|<!-- Release page, written by scripts/build-web.sh from index.html: never edit. -->|' \
    index.html >release.html
grep -q 'data-trunk-skip' release.html || { echo "build-web: no rust link in index.html" >&2; exit 1; }
trunk build --release --offline --dist dist release.html
mv dist/release.html dist/index.html 2>/dev/null || true
# Trunk leaves the skipped rust link in the page: drop it.
sed -i -E 's#<link[^>]*data-trunk-skip[^>]*>##' dist/index.html

echo "build: cargo build (wasm32, wasm-release, --features split, --emit-relocs)"
# RUSTFLAGS replaces .cargo/config.toml's rustflags: repeat them here.
RUSTFLAGS="--cfg erase_components -Clink-args=--emit-relocs" \
  cargo build --offline --target wasm32-unknown-unknown --profile wasm-release \
  --bin portal-web --features split --target-dir "$target_dir"

echo "build: wasm-split-cli"
rm -rf "$split_out"
wasm-split-cli "$wasm_in" "$split_out" --out-name portal_web >/dev/null
[ -f "$split_out/portal_web.wasm" ] || { echo "build-web: the splitter wrote no main module" >&2; exit 1; }

v="$(cat "$split_out"/*.wasm "$split_out"/__wasm_split.js | sha256sum | cut -c1-16)"
pkg="dist/pkg/$v"
mkdir -p "$pkg"
echo "build: wasm-bindgen + wasm-opt -> $pkg"
wasm-bindgen "$split_out/portal_web.wasm" --out-dir "$pkg" --target web \
  --keep-lld-exports --no-demangle --no-typescript
cp "$split_out"/__wasm_split.js "$pkg"/
cp "$split_out"/split_*.wasm "$pkg"/ 2>/dev/null || true
cp "$split_out"/chunk_*.wasm "$pkg"/ 2>/dev/null || true
# (name-section warnings from the splitter's output are harmless: silenced)
printf '%s\0' "$pkg"/*.wasm | xargs -0 -P "$(nproc)" -I{} wasm-opt -Oz --enable-bulk-memory \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-sign-ext \
  --enable-mutable-globals --enable-multivalue {} -o {} 2> >(grep -v 'unknown name subsection' >&2)

echo "build: manifest and preloads"
node scripts/split-manifest.mjs "$pkg" "/pkg/$v"
# Minify the JS glue and the loader (esbuild from e2e/node_modules): half the
# bytes for the browser to parse before the app starts. (The glue's import
# object repeats one key per import; esbuild warns and keeps the semantics.)
for f in "$pkg"/*.js; do
  esbuild "$f" --minify --format=esm --log-level=error --outfile="$f" --allow-overwrite
done
# The main module's files, first in <head> (public/boot.js starts the app from them).
main_links="<link rel=\"modulepreload\" href=\"/pkg/$v/portal_web.js\" data-app=\"js\" />"
main_links+="<link rel=\"modulepreload\" href=\"/pkg/$v/__wasm_split.js\" />"
main_links+="<link rel=\"preload\" as=\"fetch\" type=\"application/wasm\" crossorigin href=\"/pkg/$v/portal_web_bg.wasm\" data-app=\"wasm\" />"
python3 - "$main_links" <<'PY'
import sys
path = "dist/index.html"
html = open(path, encoding="utf-8").read()
import re
# The placeholder in index.html (minified by trunk); the server puts each
# page's own preloads there.
marker = re.search(r'<meta name="?app-preloads"?\s*/?>', html)
if not marker:
    sys.exit("build-web: no <meta name=app-preloads> in dist/index.html")
html = html[: marker.start()] + sys.argv[1] + '<meta name="app-preloads">' + html[marker.end() :]
open(path, "w", encoding="utf-8").write(html)
PY

# Keep the newest earlier builds beside this one.
if [ -d "$old_pkgs" ]; then
  { ls -1t "$old_pkgs" | grep -vx "$v" || true; } | head -n "$((KEEP_BUILDS - 1))" | while read -r d; do
    [ -e "dist/pkg/$d" ] || mv "$old_pkgs/$d" "dist/pkg/$d"
  done
  rm -rf "$old_pkgs"
fi
scripts/precompress.sh dist
echo "build: dist/pkg/$v ($(ls "$pkg"/*.wasm | wc -l) wasm modules)"
