#!/usr/bin/env bash
# One idempotent setup for `make run`, `make test`, `make dev` and `make bench`.
#
# Checks every tool by version and installs only what is missing, so a warm
# machine passes in a few seconds and a fresh Debian machine (root, apt) gets
# everything (39 minutes measured on a busy 2-core machine, mostly `cargo install`
# of trunk and wasm-bindgen-cli).
#
#   scripts/setup.sh          # build, run and test tools
#   scripts/setup.sh --bench  # also wrk, for `make bench`
#
# Never downloads a browser: Playwright drives Debian's /usr/bin/chromium.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
export PATH="$HOME/.cargo/bin:$ROOT/e2e/node_modules/.bin:$PATH"
export DEBIAN_FRONTEND=noninteractive

TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="132"
WASM_TARGET="wasm32-unknown-unknown"

want_bench=0
for arg in "$@"; do
  case "$arg" in
    --bench) want_bench=1 ;;
    *) echo "setup: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# --- Debian packages (only when something is missing) -----------------------
apt_missing=()
need_cmd_pkg() { command -v "$1" >/dev/null 2>&1 || apt_missing+=("$2"); }
need_cmd_pkg curl curl
need_cmd_pkg brotli brotli
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
# The only fonts the Playwright suite lets Chromium use (e2e/fonts/fonts.conf),
# so screenshot baselines match on any machine.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || apt_missing+=(fonts-dejavu-core)
need_cmd_pkg node nodejs
need_cmd_pkg npm npm
[ "$want_bench" = 1 ] && need_cmd_pkg wrk wrk

if [ "${#apt_missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${apt_missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: ${apt_missing[*]}"
    sudo_cmd=(sudo -E)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq "${apt_missing[@]}" </dev/null
else
  say "Debian packages ok (chromium, fonts-dejavu-core, brotli, curl, node$([ "$want_bench" = 1 ] && echo ', wrk'))"
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is needed for Playwright (found $(node --version))"

# --- Rust toolchain pieces ---------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first"

if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  say "rust target $WASM_TARGET ok"
else
  say "adding rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET"
fi

for comp in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$comp"; then
    say "adding rustup component $comp"
    rustup component add "$comp"
  fi
done

# trunk, pinned (0.22 needs a newer rustc than this machine has).
have_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_trunk" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION ok"
else
  say "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}; takes minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/version = |"/, ""); print; exit }
' Cargo.lock)"
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen package in Cargo.lock"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" = "$WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION ok"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (found: ${have_wb:-none}; takes minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-split-cli splits the release wasm by route before wasm-bindgen
# (scripts/build-web.sh; docs/splitting.md). Pinned: it is coupled to
# wasm-bindgen's internals (0.2.4 understands 0.2.128 and later).
WASM_SPLIT_VERSION="0.2.4"
if command -v wasm-split-cli >/dev/null 2>&1 \
  && cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "wasm-split-cli $WASM_SPLIT_VERSION ok"
else
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (crate wasm_split_cli_support; takes minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# Crates for every target, so trunk (offline = true) and cargo never need the network later.
say "cargo fetch"
cargo fetch --quiet

# --- Node packages in e2e/ (Playwright, axe, wasm-opt from binaryen) --------
stamp="e2e/node_modules/.setup-stamp"
lock_sum="$(cat e2e/package.json e2e/package-lock.json | sha256sum | cut -d' ' -f1)"
if [ -d e2e/node_modules ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
  say "e2e node_modules ok"
else
  say "installing e2e node packages (npm ci; browsers are never downloaded)"
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NPM_CONFIG_UPDATE_NOTIFIER=false npm ci --no-audit --no-fund --loglevel=error)
  printf '%s\n' "$lock_sum" >"$stamp"
fi

have_wasm_opt="$(wasm-opt --version 2>/dev/null || true)"
case "$have_wasm_opt" in
  *"version $WASM_OPT_VERSION"*) say "wasm-opt $WASM_OPT_VERSION ok (e2e/node_modules/.bin)" ;;
  *) die "wasm-opt $WASM_OPT_VERSION not found on PATH (got: ${have_wasm_opt:-none}); check binaryen in e2e/package.json" ;;
esac

say "done"
