#!/usr/bin/env bash
# The one test command: installs what the tests need (Debian's Chromium, the
# npm packages of the browser tests), then runs formatting and lint checks,
# every Rust test and the browser tests against a fresh build of the bundled
# site. Fails loudly when something cannot be installed: no test is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo "$@"; else
      echo "error: '$*' needs root (or sudo)" >&2; exit 1; fi
  else "$@"; fi
}

# fonts-liberation2: Liberation Serif (Times New Roman's metrics, with
# Vietnamese), which the PDF import tests embed in the PDFs they write.
if ! command -v chromium >/dev/null 2>&1 || [ ! -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ]; then
  echo "== installing Debian's chromium and fonts-liberation2"
  need_root apt-get update -qq
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation2 >/dev/null
fi
command -v chromium >/dev/null || { echo "error: chromium is not installed" >&2; exit 1; }
command -v node >/dev/null || { echo "error: node is required for the browser tests" >&2; exit 1; }

echo "== npm packages for the browser tests"
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo build --release --locked
cargo test --locked --release

echo "== search client against the Rust reader (index written by cargo test)"
node --test tests/js/*.test.mjs

echo "== browser tests"
VANBAN_BIN="$PWD/target/release/vanban" node --test --test-concurrency=1 tests/browser/*.test.mjs
