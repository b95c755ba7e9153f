#!/usr/bin/env bash
# bench/run.sh — newsgraph's speed, measured side by side with compromise
# (the most used JavaScript NLP library that finds people and quotations) on
# the same texts, whole process against whole process, in one run.
#
#   bench/run.sh            # everything; SYNTH_N=20000 bench/run.sh for a quicker run
#
# Needs Go, Node.js and npm; installs compromise into a temporary folder.
# Prints a table and writes bench/out/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
SHARED=${SHARED:-../shared}
SYNTH_N=${SYNTH_N:-100000}
COMPROMISE_VERSION=14.17.0
mkdir -p "$OUT"
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)"; exit 1; }

echo "== build"
CGO_ENABLED=0 go build -trimpath -o "$OUT/newsgraph" ./cmd/newsgraph
NG="$OUT/newsgraph"

echo "== corpora"
CORPUS="$OUT/corpus/polnear"
rm -rf "$CORPUS"; mkdir -p "$CORPUS"
if [ -d "$SHARED/data/polnear/train/text" ]; then
  cp "$SHARED"/data/polnear/train/text/*.txt "$SHARED"/data/polnear/dev/text/*.txt "$CORPUS"/
else
  echo "PolNeAR absent: using the project's own fixtures"
  cp examples/*.txt testdata/articles/*.txt "$CORPUS"/
fi
FILES=("$CORPUS"/*.txt)
NFILES=${#FILES[@]}
BYTES=$(cat "${FILES[@]}" | wc -c)
echo "$NFILES articles, $BYTES bytes"
if [ ! -s "$OUT/synth-$SYNTH_N.jsonl" ]; then
  go run ./bench/gen -from "$CORPUS" -n "$SYNTH_N" -size 5000 -o "$OUT/synth-$SYNTH_N.jsonl"
fi

# measure NAME CMD... — runs CMD under /usr/bin/time -v, records wall seconds
# and peak resident memory (MB) in $OUT/NAME.time. It first writes out what
# earlier runs left in the page cache (sync), so that their output (24 MB a
# run for newsgraph) is not flushed to disk in the middle of the next one.
measure() {
  local name=$1; shift
  sync
  /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || {
    echo "bench: $name failed:"; tail -5 "$OUT/$name.err"; return 1; }
}
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$OUT/$1.time"; }
cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$OUT/$1.time"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$OUT/$1.time"; }
# measure_median NAME RUNS CMD... — runs CMD RUNS times and keeps, as NAME,
# the run of median wall time: one slow run on a shared machine then moves
# no figure, and both sides of a comparison get the same treatment.
measure_median() {
  local name=$1 runs=$2; shift 2
  local k
  for ((k = 1; k <= runs; k++)); do measure "$name.$k" "$@"; done
  k=$(for ((i = 1; i <= runs; i++)); do echo "$(wall "$name.$i") $i"; done | sort -n | awk -v m=$(((runs + 1) / 2)) 'NR == m { print $2 }')
  for ext in time out err; do mv "$OUT/$name.$k.$ext" "$OUT/$name.$ext"; done
  rm -f "$OUT/$name".[0-9]*.*
}

echo "== newsgraph analyze, one core (median of 5 runs)"
measure_median ng1 5 taskset -c 0 "$NG" analyze --workers 1 "${FILES[@]}"
echo "== newsgraph analyze, all cores (median of 5 runs)"
measure_median ngN 5 "$NG" analyze "${FILES[@]}"

echo "== in process, one core: go test -bench AnalyzePolNeAR (no start-up, no files, no JSON)"
go test -run '^$' -bench 'AnalyzePolNeAR$' -cpu 1 -count 6 . > "$OUT/gobench.txt"
# median articles/s and MB/s of the six runs
GOBENCH=$(awk '/^BenchmarkAnalyzePolNeAR/ { for (i = 1; i <= NF; i++) { if ($(i+1) == "articles/s") a[n] = $i; if ($(i+1) == "MB/s") m[n] = $i } n++ }
  END { for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) { if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t } if (m[j] < m[i]) { t = m[i]; m[i] = m[j]; m[j] = t } }
        print a[int(n/2)], m[int(n/2)] }' "$OUT/gobench.txt")

echo "== scaling: one 5 MB article against 1,000 articles of 5 KB (no stage may be quadratic)"
rm -rf "$OUT/big" "$OUT/small"
go run ./bench/gen -from "$CORPUS" -n 1 -size 5000000 -o /dev/null -dir "$OUT/big" -files 1 -seed 2
go run ./bench/gen -from "$CORPUS" -n 1000 -size 5000 -o /dev/null -dir "$OUT/small" -files 1000 -seed 3
measure big taskset -c 0 "$NG" analyze --workers 1 "$OUT/big/a000000.txt"
measure small taskset -c 0 "$NG" analyze --workers 1 "$OUT"/small/*.txt

echo "== compromise $COMPROMISE_VERSION (median of 3 runs)"
NODEDIR=$(mktemp -d)
trap 'rm -rf "$NODEDIR"' EXIT
cp bench/compromise.mjs "$NODEDIR"/
(cd "$NODEDIR" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "compromise@$COMPROMISE_VERSION" >/dev/null)
measure_median cmp 3 taskset -c 0 node "$NODEDIR/compromise.mjs" "${FILES[@]}"

echo "== newsgraph ingest into SQLite ($SYNTH_N synthetic articles)"
rm -f "$OUT/bench.db"*
measure ingest "$NG" ingest --db "$OUT/bench.db" "$OUT/synth-$SYNTH_N.jsonl"
echo "== query latency on that corpus"
go run ./bench/querylat -db "$OUT/bench.db" -n 20 > "$OUT/querylat.json"
if [ -n "${NEWSGRAPH_BENCH_POSTGRES:-}" ]; then
  echo "== newsgraph ingest into PostgreSQL ($SYNTH_N synthetic articles)"
  measure ingestpg "$NG" ingest --db "$NEWSGRAPH_BENCH_POSTGRES" "$OUT/synth-$SYNTH_N.jsonl"
else
  echo "(PostgreSQL skipped: set NEWSGRAPH_BENCH_POSTGRES, or run under scripts/with-postgres.sh with NEWSGRAPH_BENCH_POSTGRES=\$NEWSGRAPH_TEST_POSTGRES)"
fi

echo "== quality (newsgraph eval on the development data)"
"$NG" eval --data "$SHARED/data" > "$OUT/eval.txt" 2>&1 || true

# Counts of what each found, from their outputs.
node - "$OUT" <<'JS' > "$OUT/counts.json"
const fs = require('fs'); const out = process.argv[2];
const ng = {people: 0, places: 0, organizations: 0, quotations: 0};
for (const line of fs.readFileSync(out + '/ng1.out', 'utf8').split('\n')) {
  if (!line) continue;
  const d = JSON.parse(line);
  for (const e of d.entities || []) {
    // compromise lists every match, so count mentions, not entities.
    const n = (e.mentions || []).length;
    if (e.type === 'PERSON') ng.people += n;
    else if (e.type === 'ORG') ng.organizations += n;
    else if (e.type === 'LOC' || e.type === 'FAC') ng.places += n;
  }
  ng.quotations += (d.quotes || []).filter(q => q.kind === 'direct' || q.kind === 'partial').length;
}
const cmp = JSON.parse(fs.readFileSync(out + '/cmp.err', 'utf8').trim().split('\n').pop());
console.log(JSON.stringify({newsgraph: ng, compromise: cmp}));
JS

GOBENCH="$GOBENCH" BIG_CPU=$(cpu big) SMALL_CPU=$(cpu small) node - "$OUT" "$NFILES" "$BYTES" "$(wall ng1)" "$(cpu ng1)" "$(rss ng1)" "$(wall ngN)" "$(rss ngN)" \
  "$(wall cmp)" "$(cpu cmp)" "$(rss cmp)" "$( [ -f "$OUT/ingest.time" ] && wall ingest || echo 0)" \
  "$( [ -f "$OUT/ingest.time" ] && rss ingest || echo 0)" "$SYNTH_N" \
  "$( [ -f "$OUT/ingestpg.time" ] && wall ingestpg || echo 0)" "$( [ -f "$OUT/ingestpg.time" ] && rss ingestpg || echo 0)" <<'JS'
const fs = require('fs');
const [out, n, bytes, w1, c1, r1, wN, rN, wc, cc, rc, wi, ri, synth, wp, rp] = process.argv.slice(2);
const N = +n, MB = +bytes / 1e6;
const counts = JSON.parse(fs.readFileSync(out + '/counts.json', 'utf8'));
const evalText = fs.readFileSync(out + '/eval.txt', 'utf8');
const quality = {};
for (const m of evalText.matchAll(/^(\w+): P ([\d.]+) R ([\d.]+) F1 ([\d.]+)/gm)) quality[m[1]] = {P: +m[2], R: +m[3], F1: +m[4]};
const [gbA, gbM] = (process.env.GOBENCH || '0 0').split(' ').map(Number);
const rows = [
  ['newsgraph analyze, 1 core', N / w1, MB / w1, +r1],
  ['  in process (go test -bench, median of 6)', gbA, gbM, 0],
  ['newsgraph analyze, all cores', N / wN, MB / wN, +rN],
  ['compromise, 1 core', N / wc, MB / wc, +rc],
];
if (+wi > 0) rows.push([`newsgraph ingest → SQLite (${synth} articles)`, synth / wi, synth * 5e-3 / wi, +ri]);
if (+wp > 0) rows.push([`newsgraph ingest → PostgreSQL (${synth} articles)`, synth / wp, synth * 5e-3 / wp, +rp]);
const big = +process.env.BIG_CPU, small = +process.env.SMALL_CPU;
const lat = fs.existsSync(out + '/querylat.json') ? JSON.parse(fs.readFileSync(out + '/querylat.json', 'utf8')) : {};
const pad = (s, k) => String(s).padEnd(k);
console.log('\n' + pad('what', 44) + pad('articles/s', 12) + pad('MB/s', 8) + 'peak MB');
for (const [w, a, m, r] of rows) console.log(pad(w, 44) + pad(a.toFixed(0), 12) + pad(m.toFixed(2), 8) + (r || '-'));
const ratio = (N / w1) / (N / wc);
console.log(`\nnewsgraph vs compromise, one core, whole process: ${ratio.toFixed(1)}x faster (CPU ${(+cc / +c1).toFixed(1)}x less)`);
console.log('found (newsgraph / compromise):', Object.keys(counts.newsgraph).map(k => `${k} ${counts.newsgraph[k]} / ${counts.compromise[k]}`).join(', '));
console.log('quality (eval, development data):', JSON.stringify(quality));
console.log(`scaling: one 5 MB article took ${big.toFixed(2)} s CPU, 1,000 × 5 KB took ${small.toFixed(2)} s: ratio ${(big / small).toFixed(2)} (1.0 is linear)`);
for (const [k, v] of Object.entries(lat)) console.log(`query ${k} on ${synth} articles: p50 ${v.p50_ms} ms, p99 ${v.p99_ms} ms`);
fs.writeFileSync(out + '/results.json', JSON.stringify({
  date: new Date().toISOString(), articles: N, bytes: +bytes,
  rows: rows.map(([what, aps, mbps, peak]) => ({what, articles_per_s: aps, mb_per_s: mbps, peak_mb: peak})),
  speedup_vs_compromise: ratio, counts, quality, query_latency: lat,
  scaling: {big_5mb_cpu_s: big, small_1000x5kb_cpu_s: small, ratio: big / small},
}, null, 2));
JS
echo "wrote $OUT/results.json"
