#!/usr/bin/env bash
# Release build of the browser app: one trunk build per entry (see
# crates/domain/src/entries.rs), then precompressed copies of every asset.
#   member.html -> dist/          (public URL /)        /claims, /claims/:id, not found
#   signin.html -> dist/signin/   (public URL /signin/) /login, /register
#   plans.html  -> dist/plans/    (public URL /plans/)  /plans, /estimate
#   home.html   -> dist/home/     (public URL /home/)   /, /alerts, /id-card, /cards
#   account.html -> dist/account/ (public URL /account/) /account/...
# The member entry is built first: trunk empties its dist directory, and the
# other entries live below it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TRUNK_SKIP_VERSION_CHECK=true
entries=("member.html:dist:/" "signin.html:dist/signin:/signin/" "plans.html:dist/plans:/plans/" "home.html:dist/home:/home/" "account.html:dist/account:/account/")
for e in "${entries[@]}"; do
  IFS=: read -r html dist url <<<"$e"
  echo "build: trunk build --release $html -> $dist"
  trunk build --release --offline --dist "$dist" --public-url "$url" "$html"
done
scripts/precompress.sh dist
