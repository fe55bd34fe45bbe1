#!/usr/bin/env bash
# Release build of the browser app: one trunk build per entry (see
# crates/domain/src/entries.rs: Entry::dir names the directories), then
# precompressed copies of every asset.
#   entry     bin               -> dist directory     pages
#   member    src/bin/member.rs   -> dist/              /, /alerts, /id-card, /cards, not-found
#   signin    src/bin/signin.rs   -> dist/entries/signin/   /login, /register
#   recovery  src/bin/recovery.rs -> dist/entries/recovery/ /forgot-username, /forgot-password, /unlock
#   claims    src/bin/claims.rs   -> dist/entries/claims/   /claims, /claims/:id
#   plans     src/bin/plans.rs    -> dist/entries/plans/    /plans, /estimate
#   account   src/bin/account.rs  -> dist/entries/account/  /account, /account/notifications, /account/sharing
# Each entry's page is index.html with its own bin and first title, written
# to entry-<name>.html beside it (git ignores them; never edit them). Each entry's public URL is
# its directory (/entries/signin/...). The member entry is built first: trunk
# empties its dist directory, and the others live below it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TRUNK_SKIP_VERSION_CHECK=true
site="Evergreen Health Member Portal"
entries=(
  "member|dist|/|$site"
  "signin|dist/entries/signin|/entries/signin/|Sign in · $site"
  "recovery|dist/entries/recovery|/entries/recovery/|$site"
  "claims|dist/entries/claims|/entries/claims/|$site"
  "plans|dist/entries/plans|/entries/plans/|$site"
  "account|dist/entries/account|/entries/account/|$site"
)
for e in "${entries[@]}"; do
  IFS='|' read -r bin dist url title <<<"$e"
  html="entry-$bin.html"
  sed -e "s|data-bin=\"portal-web\"|data-bin=\"$bin\"|" \
      -e "s|<title>.*</title>|<title>$title</title>|" \
      -e "2s|.*|<!-- The $bin entry (release), written by scripts/build-web.sh from index.html. See portal_domain::entries. -->|" \
      index.html >"$html"
  grep -q "data-bin=\"$bin\"" "$html" || { echo "build-web: no data-bin in $html" >&2; exit 1; }
  echo "build: trunk build --release $html -> $dist"
  trunk build --release --offline --dist "$dist" --public-url "$url" "$html"
done
scripts/precompress.sh dist
