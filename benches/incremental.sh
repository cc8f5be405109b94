#!/usr/bin/env bash
# Incremental rebuild under `vanban serve`: time from saving one edited
# document of an N-document corpus to the reload event on the server's
# event stream. Usage: benches/incremental.sh [N] (default 10000)
# Environment: WORK, SEED, VANBAN, SKIP_BUILD as for run.sh; EDITS (default 5).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10000}"
WORK="${WORK:-/tmp/vanban-bench}"
SEED="${SEED:-1}"
EDITS="${EDITS:-5}"
VANBAN="${VANBAN:-$ROOT/target/release/vanban}"
say() { printf '%s\n' "$*" >&2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi
src="$WORK/incremental-$N"
rm -rf "$src"
mkdir -p "$WORK"
"$VANBAN" bench-corpus --docs "$N" --out "$src" --seed "$SEED" >&2

log="$WORK/serve-$N.log"
"$VANBAN" serve --root "$src" --port 0 >"$log" 2>/dev/null &
server=$!
events=""
cleanup() {
  [ -n "$events" ] && kill "$events" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
}
trap cleanup EXIT

say "initial build of $N documents…"
until grep -q '^Serving' "$log"; do
  kill -0 "$server" 2>/dev/null || { say "serve exited"; cat "$log" >&2; exit 1; }
  sleep 1
done
url=$(grep -o 'http://[^ ]*' "$log" | head -1)
grep '^Built' "$log" >&2

# Each reload event is stamped with the time it arrived.
stamps="$WORK/events-$N.txt"
: >"$stamps"
curl -sN "${url}__vanban/events" | while IFS= read -r line; do
  case "$line" in data:*) printf '%s %s\n' "$(date +%s.%N)" "$line" >>"$stamps" ;; esac
done &
events=$!
sleep 1

doc=$(find "$src/content" -name '*.md' ! -name '_index.md' | sort | sed -n "$((N / 2))p")
say "editing ${doc#"$src"/} $EDITS times"
echo "| edit | save → reload message (ms) | server's own count (ms) |"
echo "|---:|---:|---:|"
for ((i = 1; i <= EDITS; i++)); do
  before=$(wc -l <"$stamps")
  t0=$(date +%s.%N)
  printf '\nĐoạn bổ sung lần thứ %d.\n' "$i" >>"$doc"
  until [ "$(wc -l <"$stamps")" -gt "$before" ]; do sleep 0.01; done
  line=$(tail -1 "$stamps")
  t1=${line%% *}
  ms=$(echo "$line" | sed -n 's/.*"ms":\([0-9]*\).*/\1/p')
  echo "| $i | $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }') | $ms |"
  sleep 1
done
grep '^Rebuilt' "$log" | tail -"$EDITS" >&2
