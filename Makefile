# Member portal: build, run, test and measure.
#
#   make run    build (release) and serve the portal with demo data on http://127.0.0.1:8080
#   make dev    server on :3000 + `trunk serve` with hot reload on :8080
#   make test   formatting, lints, unit tests, wasm build checks, release build, Playwright
#   make bench  bundle size, app start time, server start (prints numbers, asserts nothing)
#
# Every target runs scripts/setup.sh first (idempotent: seconds on a warm machine).

SHELL := /usr/bin/env bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.NOTPARALLEL:

# Tools: cargo-installed trunk/wasm-bindgen, and wasm-opt (npm binaryen) from e2e/.
export PATH := $(CURDIR)/e2e/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# trunk must not try to reach crates.io for its update check.
export TRUNK_SKIP_VERSION_CHECK := true

# The server's documented environment variables are honoured here too
# (`PORTAL_ADDR=127.0.0.1:9000 make run`); make variables win over both.
ADDR      ?= $(or $(PORTAL_ADDR),127.0.0.1:8080)
DATABASE  ?= $(or $(DATABASE_URL),sqlite://data/portal.db)
SERVER    := target/release/portal-server

# Everything the browser bundle is built from: trunk runs only when one changed,
# so a warm `make run` does not rebuild (or re-optimise) the wasm.
WEB_SOURCES := $(shell find src style public crates/domain/src -type f 2>/dev/null) \
               index.html scripts/build-web.sh scripts/split-manifest.mjs Trunk.toml Cargo.toml Cargo.lock \
               crates/domain/Cargo.toml \
               $(wildcard .cargo/config.toml rust-toolchain.toml)

.PHONY: help setup build web server run dev test bench clean distclean

help:
	@echo "make run    build and serve the portal with demo data on http://$(ADDR)"
	@echo "make dev    API server on :3000 + trunk serve (hot reload) on :8080"
	@echo "make test   fmt, clippy (host + wasm), cargo test, wasm build, release build, Playwright"
	@echo "make bench  bundle size, app start time, server start, request rates"
	@echo "make setup  install/check the toolchain only"
	@echo "make clean  remove build output (keeps data/ and node_modules)"

# SETUP_DONE=1 skips it in sub-makes of a target that already ran it.
setup:
	@if [ -z "$(SETUP_DONE)" ]; then scripts/setup.sh; fi

build: web server

web: dist/index.html

dist/index.html: $(WEB_SOURCES) | setup
	scripts/build-web.sh
	@touch $@

server: | setup
	@echo "build: cargo build --release -p portal-server"
	cargo build --release -p portal-server

run: setup build
	@mkdir -p data
	@echo "run: http://$(ADDR)  (demo sign-in: member1 / Demo.Pass1; Ctrl-C stops)"
	exec $(SERVER) --demo --database-url $(DATABASE) --static-dir dist --addr $(ADDR)

dev: setup
	@scripts/dev.sh

test: setup
	@echo "test: cargo fmt --check"
	cargo fmt --all --check
	@echo "test: clippy (host, all targets)"
	cargo clippy --workspace --all-targets -- -D warnings
	@echo "test: clippy (portal-web for wasm32, unsplit and split)"
	cargo clippy -p portal-web --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p portal-web --target wasm32-unknown-unknown --features split -- -D warnings
	@echo "test: cargo test"
	cargo test --workspace
	@echo "test: portal-domain builds for wasm32"
	cargo build -p portal-domain --target wasm32-unknown-unknown
	@echo "test: release build"
	$(MAKE) --no-print-directory build SETUP_DONE=1
	@echo "test: type-check the e2e suite"
	cd e2e && npx --no-install tsc --noEmit
	@echo "test: Playwright (desktop + mobile)"
	cd e2e && npx --no-install playwright test
	@echo "test: all passed"

bench:
	@scripts/setup.sh --bench
	@scripts/bench.sh

clean:
	rm -rf dist e2e/test-results e2e/playwright-report bench-results release.html
	cargo clean

distclean: clean
	rm -rf data e2e/node_modules
