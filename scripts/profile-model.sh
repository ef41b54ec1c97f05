#!/usr/bin/env bash
# Profiles the water se_e2_a model benchmark (`symlab bench --only model`: energy only, inference,
# training step on one 192-atom frame) two ways and prints the top functions of each:
#
#   callgrind  instruction counts, repeatable whatever else the machine does. valgrind 3.19 reads
#              neither Swift's DWARF 5 nor AVX-512 code, so this builds a Haswell-target (AVX2)
#              binary into .build-prof and strips its debug info (function names stay).
#   perf       where the time goes (cpu-clock samples) in the normal release build, when
#              `perf record` works on this machine; skipped otherwise.
#
# Usage: scripts/profile-model.sh [OUT]   (default runs/profile-<UTC>; THREADS=1, REPEATS=3)
# docs/performance.md explains how to read the output.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs/profile-$(date -u +%Y%m%dT%H%M%SZ)}
THREADS=${THREADS:-1}; REPEATS=${REPEATS:-3}
mkdir -p "$OUT"
command -v valgrind >/dev/null || { echo "profile-model: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }

echo "[profile] building a Haswell-target release binary into .build-prof (valgrind cannot run AVX-512 code)"
swift build -c release --scratch-path .build-prof -Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell --product symlab \
  > "$OUT/build-prof.log" 2>&1 || { tail -20 "$OUT/build-prof.log"; exit 1; }
cp .build-prof/release/symlab "$OUT/symlab-prof"
strip --strip-debug "$OUT/symlab-prof"

echo "[profile] callgrind: symlab bench --only model --threads $THREADS --repeats 1 (several minutes)"
valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" "$OUT/symlab-prof" bench --only model \
  --threads "$THREADS" --repeats 1 > "$OUT/callgrind.log" 2>&1
callgrind_annotate "$OUT/callgrind.out" > "$OUT/callgrind-top.txt"
echo; echo "== instructions by function (callgrind, top 25)"
sed -n '/file:function/,$p' "$OUT/callgrind-top.txt" | sed -n 3,27p | cut -c1-160

if perf record -e cpu-clock -o /dev/null true >/dev/null 2>&1; then
  [ -x .build/release/symlab ] || { echo "profile-model: .build/release/symlab missing (make build)" >&2; exit 1; }
  echo; echo "[profile] perf: cpu-clock samples of .build/release/symlab bench --only model --threads $THREADS --repeats $REPEATS"
  perf record -e cpu-clock -F 999 -o "$OUT/perf.data" .build/release/symlab bench --only model --threads "$THREADS" \
    --repeats "$REPEATS" > "$OUT/perf-bench.txt" 2>&1
  perf report -i "$OUT/perf.data" --no-children --sort dso,symbol 2>/dev/null | grep -v '^#' | grep -v '^$' > "$OUT/perf-top.txt"
  echo "== time by function (perf, top 25)"; head -25 "$OUT/perf-top.txt" | cut -c1-150
else
  echo; echo "[profile] perf record does not work here: time profile skipped"
fi
echo; echo "[profile] written to $OUT (callgrind.out opens in kcachegrind)"
