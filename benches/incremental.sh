#!/usr/bin/env bash
# Incremental rebuild under `vanban serve`: time from saving one edited
# document of an N-document corpus to the reload event on the server's
# event stream, and how long the site-wide files (search index, feeds, API,
# sitemap) take to follow in the background. Each edit waits for the
# previous one's background work to finish.
# Usage: benches/incremental.sh [N] (default 10000)
# Environment: WORK, SEED, VANBAN, SKIP_BUILD as for run.sh; EDITS (default
# 5); KIND=body (append a paragraph, default), title (change the title
# with `sed -i`, which every list page naming the document shows) or
# summary (set the front matter's summary, shown on the document's page);
# SERVE_STDERR, a file for the server's standard error (default: none).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-10000}"
WORK="${WORK:-/tmp/vanban-bench}"
SEED="${SEED:-1}"
EDITS="${EDITS:-5}"
KIND="${KIND:-body}"
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
"$VANBAN" serve --root "$src" --port 0 >"$log" 2>"${SERVE_STDERR:-/dev/null}" &
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
say "editing ${doc#"$src"/} $EDITS times ($KIND)"
echo "| edit | save → reload message (ms) | server's own count (ms) | pages rendered | then large pages (ms) | background catch-up (ms) |"
echo "|---:|---:|---:|---:|---:|---:|"
results="$WORK/incremental-$N.ms"
: >"$results"
for ((i = 1; i <= EDITS; i++)); do
  before=$(wc -l <"$stamps")
  caught=$(grep -c '^Caught up' "$log" || true)
  rebuilt=$(grep -c '^Rebuilt' "$log" || true)
  t0=$(date +%s.%N)
  if [ "$KIND" = title ]; then
    sed -i "s/^title = \"\(.*\)\"$/title = \"\1 (sửa lần $i)\"/" "$doc"
  elif [ "$KIND" = summary ]; then
    if grep -q '^summary = ' "$doc"; then
      sed -i "s/^summary = .*/summary = \"Tóm tắt, sửa lần $i.\"/" "$doc"
    else
      sed -i "0,/^title = /s//summary = \"Tóm tắt, sửa lần $i.\"\ntitle = /" "$doc"
    fi
  else
    printf '\nĐoạn bổ sung lần thứ %d.\n' "$i" >>"$doc"
  fi
  until [ "$(wc -l <"$stamps")" -gt "$before" ]; do sleep 0.01; done
  line=$(tail -1 "$stamps")
  t1=${line%% *}
  ms=$(echo "$line" | sed -n 's/.*"ms":\([0-9]*\).*/\1/p')
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
  echo "$wall" >>"$results"
  until [ "$(grep -c '^Rebuilt' "$log" || true)" -gt "$rebuilt" ]; do sleep 0.01; done
  rendered=$(grep '^Rebuilt' "$log" | tail -1 | sed -n 's/.*: \([0-9]*\) pages rendered.*/\1/p')
  # Large pages of other documents are made just after the reload message.
  large=$(grep '^Rebuilt' "$log" | tail -1 | sed -n 's/.*then [0-9]* large pages in \([0-9]*\) ms.*/\1/p')
  # A page-level rebuild says the site-wide files follow; wait for them.
  catch_up=-
  if grep '^Rebuilt' "$log" | tail -1 | grep -q 'follow$'; then
    until [ "$(grep -c '^Caught up' "$log" || true)" -gt "$caught" ]; do sleep 0.05; done
    catch_up=$(grep '^Caught up' "$log" | tail -1 | sed -n 's/^Caught up in \([0-9]*\) ms.*/\1/p')
  fi
  echo "| $i | $wall | $ms | $rendered | ${large:--} | $catch_up |"
  sleep 0.5
done
echo
echo "median save → reload: $(sort -n "$results" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }') ms over $EDITS edits of a $N-document site ($KIND)"
grep '^Rebuilt\|^Caught up' "$log" | tail -$((2 * EDITS)) >&2
