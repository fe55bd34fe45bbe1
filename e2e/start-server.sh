#!/usr/bin/env bash
# Starts the release server for the Playwright suite on a fresh, throw-away
# SQLite database (demo data seeded), so every run begins from the same state.
# Extra server flags come from E2E_SERVER_ARGS (e.g. a short --session-idle-secs).
# The plan's calendar is pinned to E2E_TODAY (tests/fixtures/clock.ts, the same
# date as the server tests' Config::TEST_TODAY), so the demo claims, enrollment
# window, alerts and estimates are the same whatever day the suite runs.
# Playwright stops it with SIGTERM (gracefulShutdown in playwright.config.ts);
# the temporary directory is removed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
addr="${E2E_ADDR:-127.0.0.1:8181}"
server="${PORTAL_SERVER_BIN:-$root/target/release/portal-server}"
static_dir="${E2E_STATIC_DIR:-$root/dist}"
today="${E2E_TODAY:-2026-11-23}"

if [ ! -x "$server" ] || [ ! -f "$static_dir/index.html" ]; then
  echo "start-server: build first: 'make build' (needs target/release/portal-server and dist/)" >&2
  exit 1
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/portal-e2e.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Every spec signs in from 127.0.0.1, desktop and mobile in parallel: the
# per-address sign-in rate limit (tested in crates/server/tests/http/abuse_http.rs)
# would otherwise refuse some of them.
"$server" --demo --addr "$addr" --static-dir "$static_dir" \
  --database-url "sqlite://$tmp/portal.db" --today "$today" --auth-rate-per-address 0 --signin-delay-after 0 ${E2E_SERVER_ARGS:-} &
pid=$!
wait "$pid"
