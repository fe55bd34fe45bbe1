#!/usr/bin/env bash
# Release build of the browser app: one trunk build per entry (see
# crates/domain/src/entries.rs), then precompressed copies of every asset.
#   member.html -> dist/          (public URL /)        every signed-in page
#   signin.html -> dist/entries/signin/  (public URL /entries/signin/)  /login, /register
#   plans.html  -> dist/entries/plans/   (public URL /entries/plans/)   /plans, /estimate
# (Entry::dir in crates/domain/src/entries.rs names these directories.)
# The member entry is built first: trunk empties its dist directory, and the
# other entries live below it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TRUNK_SKIP_VERSION_CHECK=true
entries=(
  "member.html:dist:/"
  "signin.html:dist/entries/signin:/entries/signin/"
  "plans.html:dist/entries/plans:/entries/plans/"
)
for e in "${entries[@]}"; do
  IFS=: read -r html dist url <<<"$e"
  echo "build: trunk build --release $html -> $dist"
  trunk build --release --offline --dist "$dist" --public-url "$url" "$html"
done
scripts/precompress.sh dist
