#!/usr/bin/env bash
# `make dev`: the API server on 127.0.0.1:3000 (demo data, data/dev.db) and
# `trunk serve` on 127.0.0.1:8080 with hot reload; trunk proxies /api to :3000
# (the [[proxy]] in Trunk.toml). Ctrl-C stops both.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

API_ADDR="${API_ADDR:-127.0.0.1:3000}"
WEB_PORT="${WEB_PORT:-8080}"

echo "dev: building the server (release)"
cargo build --release -p portal-server

mkdir -p data
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

PORTAL_ALLOWED_ORIGINS="http://127.0.0.1:${WEB_PORT},http://localhost:${WEB_PORT}" \
  target/release/portal-server --demo --addr "$API_ADDR" \
  --database-url sqlite://data/dev.db --static-dir dist &
pids+=($!)

# Its own dist dir, so a debug build never lands in dist/ (which `make run` serves).
trunk serve --port "$WEB_PORT" --address 127.0.0.1 --dist target/trunk-dev --offline &
pids+=($!)

echo "dev: app with hot reload on http://127.0.0.1:${WEB_PORT} (API on http://${API_ADDR}); sign in as member1 / Demo.Pass1; Ctrl-C stops both"
# Stop everything as soon as either process exits.
wait -n
