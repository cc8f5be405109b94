#!/usr/bin/env bash
# Build-time benchmark: vanban against Hugo on the same synthetic corpus.
# Usage: benches/run.sh [N...]   (default: 1000 10000 100000)
# Environment: WORK (scratch folder, default /tmp/vanban-bench), RUNS (default 3),
#              SEED (default 1), VANBAN (binary, default target/release/vanban),
#              SKIP_BUILD=1 (use the existing binary), HUGO (default hugo),
#              SETTLE (seconds to wait before each run, after `sync`,
#              default 10).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/vanban-bench}"
RUNS="${RUNS:-3}"
SEED="${SEED:-1}"
# ext4 without a journal (this VM's disk) skips inodes freed in the last
# 60 s when it allocates new ones, and in the last 6 minutes once their
# inode table block is dirty again, which the next build's own file
# creations make it: every new file then scans past the freed ones (perf:
# `recently_deleted`, over half of a 10,000-document build that followed the
# removal of an earlier output by 65 s). So no output is removed while
# anything is measured: each run writes into a folder of its own, all of them
# are removed at the end, and a run started within FREED_WAIT seconds of an
# earlier run's removal first waits for the rest.
SETTLE="${SETTLE:-10}"
FREED_WAIT=370
VANBAN="${VANBAN:-$ROOT/target/release/vanban}"
HUGO="${HUGO:-hugo}"
SIZES=("$@")
if [ ${#SIZES[@]} -eq 0 ]; then
  SIZES=(1000 10000 100000)
fi

say() { printf '%s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  say "building vanban (release)…"
  (cd "$ROOT" && cargo build --release --quiet)
fi
if [ ! -x "$VANBAN" ]; then
  say "error: $VANBAN not found (build failed?)"
  exit 1
fi

apt_install() {
  # Needs root; tries once with the current lists, then after an update.
  local pkg=$1
  [ "$(id -u)" = 0 ] || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1 && return 0
  apt-get update -qq >/dev/null 2>&1 || return 1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1
}

HAVE_HUGO=1
if ! command -v "$HUGO" >/dev/null 2>&1; then
  say "hugo not found; installing Debian's hugo…"
  if ! apt_install hugo; then
    say "could not install hugo (apt-get failed or not root): skipping the Hugo runs"
    HAVE_HUGO=0
  fi
fi
if [ "$HAVE_HUGO" = 1 ]; then
  say "using $("$HUGO" version 2>/dev/null | head -1)"
fi

GNU_TIME=/usr/bin/time
if [ ! -x "$GNU_TIME" ]; then
  say "GNU time not found; installing time…"
  if ! apt_install time; then
    say "could not install GNU time: peak memory will show as n/a"
    GNU_TIME=""
  fi
fi

HAVE_BUILD=1
if ! "$VANBAN" build --help >/dev/null 2>&1; then
  say "'$VANBAN build' is not available: skipping the vanban runs"
  HAVE_BUILD=0
fi

# --- measuring -------------------------------------------------------------
RUNS_DIR="$WORK/runs"
CLEANED="$WORK/.cleaned-at"

# measure FOLDER CMD... : runs CMD $RUNS times, the literal {out} in CMD
# replaced by FOLDER with its %i replaced by the run's number (so a FOLDER
# without %i is built into again and again), and prints "<median seconds>
# <peak MiB> <median CPU seconds (user + system)>" (peak over the runs), or
# "fail fail fail".
measure() {
  local folder=$1
  shift
  local times=() cpus=() peak=0 i stats secs kib user sys out arg cmd
  stats="$(mktemp)"
  for ((i = 0; i < RUNS; i++)); do
    out="${folder//%i/$i}"
    cmd=()
    for arg in "$@"; do cmd+=("${arg//\{out\}/$out}"); done
    # The previous run's files reach the disk before this one starts.
    sync
    sleep "$SETTLE"
    if [ -n "$GNU_TIME" ]; then
      if ! "$GNU_TIME" -f '%e %M %U %S' -o "$stats" "${cmd[@]}" >/dev/null 2>"$stats.err"; then
        say "command failed: ${cmd[*]}"
        tail -5 "$stats.err" >&2 || true
        rm -f "$stats" "$stats.err"
        echo "fail fail fail"
        return
      fi
      read -r secs kib user sys <"$stats"
      cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    else
      local t0 t1
      t0=$(date +%s.%N)
      if ! "${cmd[@]}" >/dev/null 2>"$stats.err"; then
        say "command failed: ${cmd[*]}"
        rm -f "$stats" "$stats.err"
        echo "fail fail fail"
        return
      fi
      t1=$(date +%s.%N)
      secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
      kib=0
      cpus+=("-")
    fi
    times+=("$secs")
    if [ "$kib" -gt "$peak" ]; then peak=$kib; fi
  done
  rm -f "$stats" "$stats.err"
  local median cpu
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  if [ -n "$GNU_TIME" ]; then
    echo "$median $(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }') $cpu"
  else
    echo "$median n/a -"
  fi
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s == "fail" || s == "-" || s + 0 == 0) print "-"; else printf "%.0f", n / s }'; }
ratio() { awk -v h="$1" -v v="$2" 'BEGIN { if (h == "-" || v == "-" || h == "fail" || v == "fail" || v + 0 == 0) print "-"; else printf "%.2f", h / v }'; }

# --- the Hugo site around the converted content ------------------------------
write_hugo_theme() {
  local site=$1
  mkdir -p "$site/layouts/_default"
  cat >"$site/hugo.toml" <<'EOF'
baseURL = "/"
title = "Văn hóa công vụ — kho văn bản thử nghiệm"
languageCode = "vi"
disableKinds = ["taxonomy", "term"]
EOF
  cat >"$site/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
EOF
  cat >"$site/layouts/_default/single.html" <<'EOF'
{{ define "main" }}{{ $p := .Params }}{{ with .Params.params }}{{ $p = . }}{{ end }}
<article>
<p>{{ with $p.issuer }}{{ . }}{{ end }}{{ with $p.number }} · Số: {{ . }}{{ end }}{{ with $p.place }} · {{ . }}{{ end }}{{ if not .Date.IsZero }}, {{ .Date.Format "02/01/2006" }}{{ end }}</p>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with $p.signer }}<p>{{ .authority }}<br>{{ .position }}<br>{{ .name }}</p>{{ end }}
{{ with $p.recipients }}<p>Nơi nhận:</p><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
</article>
{{ end }}
EOF
  cat >"$site/layouts/_default/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<ul>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} ({{ .Date.Format "02/01/2006" }}){{ end }}</li>{{ end }}</ul>
{{ end }}
EOF
}

# --- corpora -----------------------------------------------------------------
# All of them first: regenerating one removes the old copy, and no removal
# may happen once timing has begun.
mkdir -p "$WORK"
for N in "${SIZES[@]}"; do
  src="$WORK/vanban-$N"
  site="$WORK/hugo-$N"
  # A corpus is reused when it was made from the same size, seed and
  # generator (the stamp holds all three); at 100,000 documents it takes a
  # minute to write.
  stamp="$N $SEED $(sha256sum "$VANBAN" | cut -c1-16)"
  if [ "$(cat "$src/.bench-stamp" 2>/dev/null)" = "$stamp" ] && [ -d "$site" ]; then
    say "== N=$N: reusing the corpus in $src (Hugo copy in $site)"
  else
    say "== N=$N: generating corpus in $src (Hugo copy in $site)"
    rm -rf "$src" "$site"
    "$VANBAN" bench-corpus --docs "$N" --out "$src" --seed "$SEED" --hugo "$site" >&2
    echo "$stamp" >"$src/.bench-stamp"
    touch "$CLEANED"
  fi
  write_hugo_theme "$site"
done
# Outputs left by an interrupted run go now, before the wait.
if [ -e "$RUNS_DIR" ]; then
  rm -rf "$RUNS_DIR"
  touch "$CLEANED"
fi
if [ -e "$CLEANED" ]; then
  freed_ago=$(($(date +%s) - $(stat -c %Y "$CLEANED")))
  if [ "$freed_ago" -lt "$FREED_WAIT" ]; then
    say "files were removed ${freed_ago} s ago: waiting $((FREED_WAIT - freed_ago)) s until the disk no longer skips their inodes"
    sleep $((FREED_WAIT - freed_ago))
  fi
fi
mkdir -p "$RUNS_DIR"

# --- runs --------------------------------------------------------------------
# Each size is built from nothing into new folders, then again into the first
# of them, as a webmaster rebuilds: Hugo writes over its files, vanban into the
# output it replaced the time before.
ROWS=()
REBUILD_ROWS=()
for N in "${SIZES[@]}"; do
  src="$WORK/vanban-$N"
  site="$WORK/hugo-$N"
  v_s="-" v_mib="-" v_cpu="-" vr_s="-" vr_mib="-" vr_cpu="-"
  if [ "$HAVE_BUILD" = 1 ]; then
    say "== N=$N: vanban build ×$RUNS, then ×$RUNS into the same folder"
    read -r v_s v_mib v_cpu < <(measure "$RUNS_DIR/vanban-$N-%i" "$VANBAN" build --root "$src" --output-dir "{out}")
    read -r vr_s vr_mib vr_cpu < <(measure "$RUNS_DIR/vanban-$N-0" "$VANBAN" build --root "$src" --output-dir "{out}")
  fi
  h_s="-" h_mib="-" h_cpu="-" hr_s="-" hr_mib="-" hr_cpu="-"
  if [ "$HAVE_HUGO" = 1 ]; then
    say "== N=$N: hugo ×$RUNS, then ×$RUNS into the same folder"
    read -r h_s h_mib h_cpu < <(measure "$RUNS_DIR/hugo-$N-%i" "$HUGO" --source "$site" --destination "{out}" --quiet)
    read -r hr_s hr_mib hr_cpu < <(measure "$RUNS_DIR/hugo-$N-0" "$HUGO" --source "$site" --destination "{out}" --quiet)
  fi
  ROWS+=("| $N | $v_s | $(rate "$N" "$v_s") | $v_cpu | $v_mib | $h_s | $(rate "$N" "$h_s") | $h_cpu | $h_mib | $(ratio "$h_s" "$v_s") |")
  REBUILD_ROWS+=("| $N | $vr_s | $(rate "$N" "$vr_s") | $vr_cpu | $vr_mib | $hr_s | $(rate "$N" "$hr_s") | $hr_cpu | $hr_mib | $(ratio "$hr_s" "$vr_s") |")
  say "   vanban ${v_s}s (rebuild ${vr_s}s), hugo ${h_s}s (rebuild ${hr_s}s)"
done
# Outputs are only measured, not kept: at 100,000 documents they take GBs.
rm -rf "$RUNS_DIR"
touch "$CLEANED"

HEADER="| N | vanban s | vanban pages/s | vanban CPU s | vanban peak MiB | hugo s | hugo pages/s | hugo CPU s | hugo peak MiB | ratio |"
RULE="|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
echo
echo "Build into an empty folder. Median of $RUNS runs, each into a new folder after \`sync\` and ${SETTLE} s; no file was removed during the runs or in the ${FREED_WAIT} s before them; pages/s counts the N documents; CPU s = user + system; peak = max RSS over the runs; ratio = hugo s / vanban s."
echo
echo "$HEADER"
echo "$RULE"
printf '%s\n' "${ROWS[@]}"
echo
echo "Rebuild: the same, $RUNS more times into the first run's folder (vanban's first rebuild starts a new folder and keeps the one it replaces, which the later ones write into)."
echo
echo "$HEADER"
echo "$RULE"
printf '%s\n' "${REBUILD_ROWS[@]}"
