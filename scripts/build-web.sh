#!/usr/bin/env bash
# Release build of the browser app: one trunk build per entry (see
# crates/domain/src/entries.rs: Entry::dir names the directories), then
# precompressed copies of every asset.
#   member.html   -> dist/                  /, /alerts, /id-card, /cards, not-found
#   signin.html   -> dist/entries/signin/   /login, /register
#   recovery.html -> dist/entries/recovery/ /forgot-username, /forgot-password, /unlock
#   claims.html   -> dist/entries/claims/   /claims, /claims/:id
#   plans.html    -> dist/entries/plans/    /plans, /estimate
#   account.html  -> dist/entries/account/  /account, /account/notifications, /account/sharing
# Each entry's public URL is its directory (/entries/signin/...). The member
# entry is built first: trunk empties its dist directory, and the others live
# below it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TRUNK_SKIP_VERSION_CHECK=true
entries=(
  "member.html:dist:/"
  "signin.html:dist/entries/signin:/entries/signin/"
  "recovery.html:dist/entries/recovery:/entries/recovery/"
  "claims.html:dist/entries/claims:/entries/claims/"
  "plans.html:dist/entries/plans:/entries/plans/"
  "account.html:dist/entries/account:/entries/account/"
)
for e in "${entries[@]}"; do
  IFS=: read -r html dist url <<<"$e"
  echo "build: trunk build --release $html -> $dist"
  trunk build --release --offline --dist "$dist" --public-url "$url" "$html"
done
scripts/precompress.sh dist
