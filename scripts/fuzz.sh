#!/bin/bash
# Coverage-guided fuzzing of SymLab's readers with libFuzzer (docs/fuzzing.md).
#
#   scripts/fuzz.sh [SECONDS] [READER ...]     (`make fuzz`, `make fuzz FUZZ_SECONDS=3600`)
#
# Builds the harnesses of Fuzz/ (swiftc -sanitize=fuzzer,address) and runs each reader's for
# SECONDS (default $FUZZ_SECONDS or 20) from its seeds (Fuzz/Seeds/<reader>) and the corpus kept
# from earlier runs (Fuzz/.build-fuzz/corpus/<reader>). Readers: npy extxyz deepmd training-config
# suite model deepmd-model checkpoint (default: all). Prints the executions per reader; fails when
# a harness crashes (a trap, a sanitizer report, an error that is not one line naming the file),
# runs out of memory (-rss_limit_mb) or takes longer than FUZZ_TIMEOUT seconds on one input
# (default 10; 60 for suites, which may expand to 1,000 runs, 30 s in this sanitised debug build on
# a loaded machine).
# The failing input is saved under Fuzz/.build-fuzz/artifacts/<reader>/ and the command to replay
# it printed.
#
# Environment: FUZZ_SECONDS, FUZZ_TIMEOUT, FUZZ_RSS_MB (default 2048), FUZZ_NICE (default 19:
# long runs must not slow down other builds), FUZZ_SKIP_BUILD=1 (reuse the last build).
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${FUZZ_SECONDS:-20}}
shift $(( $# > 0 ? 1 : 0 ))
rss=${FUZZ_RSS_MB:-2048}
niceness=${FUZZ_NICE:-19}
build=Fuzz/.build-fuzz

# reader: harness executable, longest input (bytes), seconds per input, dictionary
declare -A harness=([npy]=FuzzNPY [extxyz]=FuzzExtXYZ [deepmd]=FuzzDeePMD [training-config]=FuzzTrainingConfig
                    [suite]=FuzzSuiteSpec [model]=FuzzModelFile [deepmd-model]=FuzzDeePMDModel [checkpoint]=FuzzCheckpoint)
declare -A maxlen=([npy]=4096 [extxyz]=4096 [deepmd]=8192 [training-config]=4096 [suite]=4096 [model]=16384
                    [deepmd-model]=24576 [checkpoint]=16384)
declare -A timeouts=([npy]=10 [extxyz]=10 [deepmd]=10 [training-config]=10 [suite]=60 [model]=10 [deepmd-model]=10 [checkpoint]=10)
declare -A dict=([npy]=npy [extxyz]=extxyz [deepmd]=deepmd [training-config]=yaml [suite]=yaml [model]=model [deepmd-model]=deepmd-model [checkpoint]=checkpoint)
readers=("$@")
[ ${#readers[@]} -gt 0 ] || readers=(npy extxyz deepmd training-config suite model deepmd-model checkpoint)
for reader in "${readers[@]}"; do
  [ -n "${harness[$reader]:-}" ] || { echo "fuzz: unknown reader '$reader' (readers: ${!harness[*]})" >&2; exit 2; }
done
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: SECONDS must be a whole number, got '$seconds'" >&2; exit 2; }

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  echo "fuzz: building the harnesses (debug, -sanitize=fuzzer,address) in $build"
  # SwiftPM keeps the build plan of the path dependency (the root package) until this manifest
  # changes: touching it makes source files added to the root package part of the build.
  touch Fuzz/Package.swift
  mkdir -p "$build"
  if ! swift build -c debug --package-path Fuzz --build-path "$build" \
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library > "$build/build.log" 2>&1; then
    # The linker warns about every ASan symbol it cannot export: only the real problems are shown.
    grep -v "Cannot export local symbol" "$build/build.log" | grep -E "error|undefined" | head -40 >&2
    echo "fuzz: build failed (full log: $build/build.log)" >&2
    exit 1
  fi
fi

for reader in "${readers[@]}"; do
  [ -x "$build/debug/${harness[$reader]}" ] || { echo "fuzz: $build/debug/${harness[$reader]} missing (run without FUZZ_SKIP_BUILD=1)" >&2; exit 1; }
done

# Swift's backtracer would wait for a debugger after a crash; libFuzzer reports the crash itself.
export SWIFT_BACKTRACE=enable=no
# Leaks inside Foundation itself are suppressed (see the file); leaks of ours still fail.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
failed=()
printf '%-16s %12s %10s %8s  %s\n' reader executions "exec/s" corpus result
for reader in "${readers[@]}"; do
  corpus=$build/corpus/$reader artifacts=$build/artifacts/$reader log=$build/logs/$reader.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  # Where the harness writes its input for readers that take a path (tmpfs when available).
  scratch_root=/dev/shm; [ -d "$scratch_root" ] || scratch_root=${TMPDIR:-/tmp}
  export SYMLAB_FUZZ_SCRATCH=$scratch_root/symlab-fuzz-$reader-$$
  nice -n "$niceness" "$build/debug/${harness[$reader]}" -max_total_time="$seconds" -max_len="${maxlen[$reader]}" \
    -timeout="${FUZZ_TIMEOUT:-${timeouts[$reader]}}" -rss_limit_mb="$rss" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    -dict="Fuzz/Dictionaries/${dict[$reader]}.dict" "$corpus" "Fuzz/Seeds/$reader" > "$log" 2>&1
  status=$?
  rm -rf "$SYMLAB_FUZZ_SCRATCH"
  runs=$(grep -a 'stat::number_of_executed_units:' "$log" | tail -1 | awk '{print $2}')
  speed=$(grep -a 'stat::average_exec_per_sec:' "$log" | tail -1 | awk '{print $2}')
  size=$(find "$corpus" -type f | wc -l)
  if [ $status = 0 ]; then result=ok; else
    artifact=$(grep -a -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
    kind=$(grep -a -o -m1 'ERROR: libFuzzer: [a-z -]*\|ERROR: [A-Za-z]*Sanitizer: [a-z-]*' "$log" | head -1 | sed 's/ *$//')
    result="FAILED (${kind:-exit $status}): ${artifact:-see $log}"
    failed+=("$reader")
  fi
  printf '%-16s %12s %10s %8s  %s\n' "$reader" "${runs:-?}" "${speed:-?}" "$size" "$result"
  if [ $status != 0 ]; then
    grep -a -m3 'Fatal error\|ERROR: \|SUMMARY' "$log" | sed 's/^/    /'
    [ -n "${artifact:-}" ] && echo "    replay: SWIFT_BACKTRACE=enable=no $build/debug/${harness[$reader]} $artifact"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (logs in $build/logs)" >&2
  exit 1
fi
echo "fuzz: no crash, hang or out-of-memory in ${#readers[@]} readers (${seconds} s each)"
