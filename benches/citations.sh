#!/usr/bin/env bash
# Citation-resolution benchmark: one document holding many citations, the
# shape that was quadratic (issue 17 item 4). For each size it builds a site
# of one plan of SIZE megabytes, three ways — citations in sentences, the
# citations joined by ";" into one "Căn cứ …" list, and the same text with no
# citation at all (the floor) — and prints wall time and peak memory from
# /usr/bin/time -v, median of RUNS, runs alternating between the shapes.
# Linear means the cited shapes stay a small constant factor of the floor as
# SIZE grows. The citations cycle through 97 numbers, so the site has 97
# stub pages whatever the size: what grows is resolution, not page count
# (a document citing N distinct absent documents makes N stub pages, which
# the build benchmark measures).
# Usage: benches/citations.sh [SIZE_MB...]   (default: 1 8 50)
# Environment: WORK (default /tmp/vanban-cite-bench), RUNS (default 3),
#              VANBAN (default target/release/vanban), SKIP_BUILD=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/vanban-cite-bench}"
RUNS="${RUNS:-3}"
VANBAN="${VANBAN:-$ROOT/target/release/vanban}"
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1 8 50)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install -y time)" >&2; exit 1; }

# make_site DIR SHAPE MB: a site with one document of about MB megabytes.
make_site() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys
root, shape, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(f"{root}/content", exist_ok=True)
open(f"{root}/config.toml", "w").write('title = "Đo trích dẫn"\nbase_url = "/"\n')
open(f"{root}/content/_index.md", "w").write('+++\nname = "Trung ương"\nlevel = "trung-uong"\n+++\n')
parts, size, i = [], 0, 0
while size < mb * 1_000_000:
    i += 1
    if shape == "sentences":
        s = f"Thực hiện Công văn số {i % 97 + 1}/UBND-VP ngày 12/3/2019 của UBND tỉnh về việc phối hợp.\n\n"
    elif shape == "list":
        s = f"Quyết định số {i % 97 + 1}/QĐ-UBND ngày 01/02/2019; "
    else:
        s = "Các cơ quan, đơn vị tổ chức thực hiện nghiêm túc nội dung kế hoạch này.\n\n"
    parts.append(s)
    size += len(s.encode())
body = ("Căn cứ " if shape == "list" else "") + "".join(parts)
front = '+++\ntitle = "Kế hoạch đo"\nkind = "ke-hoach"\nnumber = "1/KH-UBND"\nissued = "2020-01-02"\n+++\n'
open(f"{root}/content/ke-hoach.md", "w").write(front + body + "\n")
PY
}

# run SITE: prints "seconds max_rss_kb" of one build.
run() {
  local out="$WORK/out-$RANDOM$RANDOM"
  /usr/bin/time -v "$VANBAN" build --root "$1" --output-dir "$out" >/dev/null 2>"$WORK/time.txt" || {
    cat "$WORK/time.txt" >&2; exit 1; }
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$WORK/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $NF}')
  rm -rf "$out" "$(dirname "$out")/.$(basename "$out").previous"
  echo "$wall $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rm -rf "$WORK"; mkdir -p "$WORK"
printf '%-6s %-9s %10s %12s\n' "MB" "shape" "wall (s)" "peak RSS (MB)"
for mb in "${SIZES[@]}"; do
  for shape in none sentences list; do make_site "$WORK/$shape-$mb" "$shape" "$mb"; done
  declare -A walls=() rsss=()
  for ((r = 1; r <= RUNS; r++)); do
    for shape in none sentences list; do
      read -r w m < <(run "$WORK/$shape-$mb")
      walls[$shape]+="$w "; rsss[$shape]+="$m "
    done
  done
  for shape in none sentences list; do
    w=$(tr ' ' '\n' <<<"${walls[$shape]}" | grep . | median)
    m=$(tr ' ' '\n' <<<"${rsss[$shape]}" | grep . | median)
    printf '%-6s %-9s %10s %12s\n' "$mb" "$shape" "$w" "$((m / 1024))"
  done
  unset walls rsss
done
