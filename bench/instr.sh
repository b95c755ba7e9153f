#!/usr/bin/env bash
# bench/instr.sh — instructions per article, whole process and by stage,
# counted by callgrind: a measure of a speed change that does not depend on
# how busy the machine is (wall time on a shared machine varies 3x).
#
#   bench/instr.sh            # every 3rd PolNeAR text, cold caches as in a real run
#   STEP=1 bench/instr.sh     # all of them (slower)
#   KEEP=1 bench/instr.sh     # keep the callgrind file for callgrind_annotate
#
# Needs valgrind. Prints millions of instructions per article for the whole
# run and, by package, the instructions spent in its own code.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
STEP=${STEP:-3}
command -v valgrind >/dev/null || { echo "instr: needs valgrind (apt-get install valgrind)"; exit 1; }
OUT=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "callgrind output kept in $OUT" >&2; else trap 'rm -rf "$OUT"' EXIT; fi
CGO_ENABLED=0 go build -trimpath -o "$OUT/newsgraph" ./cmd/newsgraph
mapfile -t FILES < <(ls "$SHARED"/data/polnear/train/text/*.txt "$SHARED"/data/polnear/dev/text/*.txt | awk -v s="$STEP" 'NR % s == 0')
N=${#FILES[@]}
GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file="$OUT/cg" \
  "$OUT/newsgraph" analyze --workers 1 "${FILES[@]}" > /dev/null 2> "$OUT/vg.err"
callgrind_annotate --threshold=100 "$OUT/cg" 2>/dev/null > "$OUT/ann"
# Self cost of every function, summed by the package it belongs to
# (inclusive costs are unreliable for Go under callgrind: goroutine stack
# switches look like recursion).
awk -v n="$N" '
/PROGRAM TOTALS/ { gsub(",", "", $1); total = $1; next }
/^ *[0-9,]+ \(/ {
  c = $1; gsub(",", "", c); f = $0
  if (match(f, /newsgraph\/newsgraph\/internal\/[a-z0-9]+/)) p = substr(f, RSTART + 29, RLENGTH - 29)
  else if (f ~ /newsgraph\/newsgraph\/doc\//) p = "doc"
  else if (f ~ /newsgraph\/newsgraph\/[a-z0-9_]+\.go/) p = "newsgraph (root)"
  else if (f ~ /crypto\//) p = "crypto (ContentID)"
  else if (f ~ /[.\/]runtime[.\/]|\/bytealg\/|maphash/) p = "runtime, maps, memmove"
  else p = "other"
  s[p] += c
}
END {
  printf "%d articles\n%-24s %7.3f M instructions/article\n", n, "whole process", total / n / 1e6
  fflush()
  for (p in s) if (s[p] / n >= 500) printf "%-24s\t%7.3f %5.1f%%\n", p, s[p] / n / 1e6, 100 * s[p] / total | "sort -t\"\t\" -k2 -nr"
}' "$OUT/ann"
