#!/usr/bin/env bash
# Build-time benchmark: vanban against Hugo and Zola on the same synthetic
# Markdown, for both corpora (the default one and the long tail of cited
# stubs, `bench-corpus --long-tail`).
# Usage: benches/run.sh [N...]   (default: 1000 10000 100000)
# Environment: WORK (scratch folder, default /tmp/vanban-bench), RUNS (default 3),
#              SEED (default 1), VANBAN (binary, default target/release/vanban),
#              SKIP_BUILD=1 (use the existing binary), HUGO (default hugo),
#              ZOLA (default zola, else /work/tools/zola/target/release/zola),
#              CORPORA (default "default long-tail"),
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
ZOLA="${ZOLA:-$(command -v zola || echo /work/tools/zola/target/release/zola)}"
read -r -a CORPORA <<<"${CORPORA:-default long-tail}"
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

# Zola has no Debian package here: build it from its published source
# (benches/README.md says how) and point ZOLA at the binary.
HAVE_ZOLA=1
if ! "$ZOLA" --version >/dev/null 2>&1; then
  say "zola not found at $ZOLA: skipping the Zola runs (see benches/README.md)"
  HAVE_ZOLA=0
else
  say "using $("$ZOLA" --version)"
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

# summarize "s MiB cpu"... : median seconds, peak MiB, median CPU of single
# runs (mawk has no sort, so sort(1) does it).
summarize() {
  local line med cpu peak
  for line in "$@"; do
    case $line in fail*) echo "fail fail fail"; return ;; esac
  done
  med=$(printf '%s\n' "$@" | awk '{ print $1 }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  cpu=$(printf '%s\n' "$@" | awk '{ print $3 }' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  peak=$(printf '%s\n' "$@" | awk '{ print $2 }' | sort -g | tail -1)
  echo "$med $peak $cpu"
}

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

# --- the Zola site around the converted content ------------------------------
write_zola_theme() {
  local site=$1
  mkdir -p "$site/templates"
  cat >"$site/config.toml" <<'EOF'
base_url = "/"
title = "Văn hóa công vụ — kho văn bản thử nghiệm"
default_language = "vi"
compile_sass = false
build_search_index = false
EOF
  cat >"$site/templates/base.html" <<'EOF'
<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body>
<header><a href="{{ get_url(path="/") }}">{{ config.title }}</a></header>
<main>{% block main %}{% endblock %}</main>
</body>
</html>
EOF
  cat >"$site/templates/page.html" <<'EOF'
{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block main %}{% set p = page.extra %}
<article>
<p>{% if p.issuer %}{{ p.issuer }}{% endif %}{% if p.number %} · Số: {{ p.number }}{% endif %}{% if p.place %} · {{ p.place }}{% endif %}{% if page.date %}, {{ page.date | date(format="%d/%m/%Y") }}{% endif %}</p>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
{% if p.signer %}<p>{{ p.signer.authority | default(value="") }}<br>{{ p.signer.position }}<br>{{ p.signer.name }}</p>{% endif %}
{% if p.recipients %}<p>Nơi nhận:</p><ul>{% for r in p.recipients %}<li>{{ r }}</li>{% endfor %}</ul>{% endif %}
</article>
{% endblock %}
EOF
  cat >"$site/templates/section.html" <<'EOF'
{% extends "base.html" %}{% block title %}{{ section.title }} | {{ config.title }}{% endblock %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}</ul>
<ul>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.date %} ({{ p.date | date(format="%d/%m/%Y") }}){% endif %}</li>{% endfor %}</ul>
{% endblock %}
EOF
  cp "$site/templates/section.html" "$site/templates/index.html"
}

# --- corpora -----------------------------------------------------------------
# All of them first: regenerating one removes the old copy, and no removal
# may happen once timing has begun. Corpus C at size N lives in
# $WORK/$C-N/{vanban,hugo,zola}.
mkdir -p "$WORK"
for C in "${CORPORA[@]}"; do
  flags=()
  [ "$C" = long-tail ] && flags=(--long-tail)
  for N in "${SIZES[@]}"; do
    base="$WORK/$C-$N"
    src="$base/vanban"
    # A corpus is reused when it was made from the same size, seed and
    # generator (the stamp holds all three); at 100,000 documents it takes a
    # minute to write.
    stamp="$C $N $SEED $(sha256sum "$VANBAN" | cut -c1-16)"
    if [ "$(cat "$src/.bench-stamp" 2>/dev/null)" = "$stamp" ] && [ -d "$base/zola" ]; then
      say "== $C N=$N: reusing the corpus in $base"
    else
      say "== $C N=$N: generating corpus in $base (vanban, hugo, zola)"
      rm -rf "$base"
      mkdir -p "$base"
      "$VANBAN" bench-corpus --docs "$N" --out "$src" --seed "$SEED" "${flags[@]}" \
        --hugo "$base/hugo" --zola "$base/zola" >&2
      echo "$stamp" >"$src/.bench-stamp"
      touch "$CLEANED"
    fi
    write_hugo_theme "$base/hugo"
    write_zola_theme "$base/zola"
  done
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
for C in "${CORPORA[@]}"; do
for N in "${SIZES[@]}"; do
  base="$WORK/$C-$N"
  src="$base/vanban"
  v_s="-" v_mib="-" v_cpu="-" vr_s="-" vr_mib="-" vr_cpu="-"
  h_s="-" h_mib="-" h_cpu="-" hr_s="-" hr_mib="-" hr_cpu="-"
  z_s="-" z_mib="-" z_cpu="-" zr_s="-" zr_mib="-" zr_cpu="-"
  # The tools alternate run by run (vanban, hugo, zola, vanban, …) so that
  # a change of the machine's load falls on all three alike.
  say "== $C N=$N: vanban, hugo, zola alternately ×$RUNS, then ×$RUNS into the same folders"
  v_all=() h_all=() z_all=() vr_all=() hr_all=() zr_all=()
  for ((r = 0; r < RUNS; r++)); do
    [ "$HAVE_BUILD" = 1 ] && v_all+=("$(RUNS=1 measure "$RUNS_DIR/vanban-$C-$N-$r" "$VANBAN" build --root "$src" --output-dir "{out}")")
    [ "$HAVE_HUGO" = 1 ] && h_all+=("$(RUNS=1 measure "$RUNS_DIR/hugo-$C-$N-$r" "$HUGO" --source "$base/hugo" --destination "{out}" --quiet)")
    [ "$HAVE_ZOLA" = 1 ] && z_all+=("$(RUNS=1 measure "$RUNS_DIR/zola-$C-$N-$r" "$ZOLA" --root "$base/zola" build --output-dir "{out}")")
  done
  for ((r = 0; r < RUNS; r++)); do
    [ "$HAVE_BUILD" = 1 ] && vr_all+=("$(RUNS=1 measure "$RUNS_DIR/vanban-$C-$N-0" "$VANBAN" build --root "$src" --output-dir "{out}")")
    [ "$HAVE_HUGO" = 1 ] && hr_all+=("$(RUNS=1 measure "$RUNS_DIR/hugo-$C-$N-0" "$HUGO" --source "$base/hugo" --destination "{out}" --quiet)")
    [ "$HAVE_ZOLA" = 1 ] && zr_all+=("$(RUNS=1 measure "$RUNS_DIR/zola-$C-$N-0" "$ZOLA" --root "$base/zola" build --force --output-dir "{out}")")
  done
  [ ${#v_all[@]} -gt 0 ] && read -r v_s v_mib v_cpu < <(summarize "${v_all[@]}")
  [ ${#h_all[@]} -gt 0 ] && read -r h_s h_mib h_cpu < <(summarize "${h_all[@]}")
  [ ${#z_all[@]} -gt 0 ] && read -r z_s z_mib z_cpu < <(summarize "${z_all[@]}")
  [ ${#vr_all[@]} -gt 0 ] && read -r vr_s vr_mib vr_cpu < <(summarize "${vr_all[@]}")
  [ ${#hr_all[@]} -gt 0 ] && read -r hr_s hr_mib hr_cpu < <(summarize "${hr_all[@]}")
  [ ${#zr_all[@]} -gt 0 ] && read -r zr_s zr_mib zr_cpu < <(summarize "${zr_all[@]}")
  ROWS+=("| $C | $N | $v_s | $v_cpu | $v_mib | $h_s | $h_cpu | $h_mib | $z_s | $z_cpu | $z_mib | $(ratio "$v_s" "$h_s") | $(ratio "$v_s" "$z_s") |")
  REBUILD_ROWS+=("| $C | $N | $vr_s | $vr_cpu | $vr_mib | $hr_s | $hr_cpu | $hr_mib | $zr_s | $zr_cpu | $zr_mib | $(ratio "$vr_s" "$hr_s") | $(ratio "$vr_s" "$zr_s") |")
  say "   vanban ${v_s}s (rebuild ${vr_s}s), hugo ${h_s}s (rebuild ${hr_s}s), zola ${z_s}s (rebuild ${zr_s}s)"
done
done
# Outputs are only measured, not kept: at 100,000 documents they take GBs.
rm -rf "$RUNS_DIR"
touch "$CLEANED"

HEADER="| corpus | N | vanban s | vanban CPU s | vanban peak MiB | hugo s | hugo CPU s | hugo peak MiB | zola s | zola CPU s | zola peak MiB | vanban / hugo | vanban / zola |"
RULE="|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
echo
echo "Build into an empty folder. Median of $RUNS runs, each into a new folder after \`sync\` and ${SETTLE} s; no file was removed during the runs or in the ${FREED_WAIT} s before them; pages/s counts the N documents; CPU s = user + system; peak = max RSS over the runs; vanban / hugo = vanban s / hugo s (below 1: vanban is faster); the three tools alternate run by run."
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
