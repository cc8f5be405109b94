#!/usr/bin/env bash
# What each family of files of a built site costs: count, bytes, and bytes
# on disk (4 KiB blocks on this ext4).
# Usage: benches/families.sh OUTPUT_DIR
# Families: stub pages (index.html with class="document stub"), other pages
# (index.html), search records, term shards, big-term files, the rest of
# search/, open data (api/), feeds and sitemaps (*.xml), everything else.
set -euo pipefail
out=${1:?usage: benches/families.sh OUTPUT_DIR}
cd "$out"
stubs=$(mktemp)
# grep -l stops at the first match, so this reads only the head of each page.
find . -name index.html -print0 | xargs -0 grep -l 'class="document stub"' | sed 's|^\./||' | sort >"$stubs" || true
find . -type f -printf '%P\t%s\t%b\n' | sort | awk -F'\t' -v stubs="$stubs" '
  BEGIN { while ((getline l < stubs) > 0) stub[l] = 1 }
  {
    p = $1
    if (p in stub) f = "stub pages"
    else if (p ~ /(^|\/)index\.html$/) f = "other pages"
    else if (p ~ /^search\/(d|r)\//) f = "search records"
    else if (p ~ /^search\/s\//) f = "search shards"
    else if (p ~ /^search\/t\//) f = "search big terms"
    else if (p ~ /^search\//) f = "search, other"
    else if (p ~ /^api\//) f = "open data (api/)"
    else if (p ~ /\.xml$/) f = "feeds, sitemaps"
    else f = "other"
    n[f]++; b[f] += $2; d[f] += $3 * 512
    N++; B += $2; D += $3 * 512
  }
  END {
    print "| family | files | bytes | on disk |"
    print "|---|---:|---:|---:|"
    split("stub pages|other pages|search records|search shards|search big terms|search, other|open data (api/)|feeds, sitemaps|other", order, "|")
    for (i = 1; i <= 9; i++) { f = order[i]; if (f in n) printf "| %s | %d | %d | %d |\n", f, n[f], b[f], d[f] }
    printf "| **all** | %d | %d | %d |\n", N, B, D
  }'
rm -f "$stubs"
