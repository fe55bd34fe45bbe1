#!/usr/bin/env bash
# Writes .br (brotli, quality 11) and .gz (gzip -9) beside every text and wasm
# asset in the built app, so the server sends compressed files straight from
# disk (tower-http ServeDir::precompressed_br/gzip) instead of compressing on
# every request.
set -euo pipefail
dir="${1:-dist}"
find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.bin' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -9 -k -f -n "$f"
  done
