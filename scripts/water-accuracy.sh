#!/usr/bin/env bash
# Accuracy benchmark: DeePMD-kit's water se_e2_a example at the step counts of the reference runs
# (docs/benchmarks.md: 2,000 and 6,000 steps), 3 seeds each, 2 runs at a time (one BLAS thread
# each). Resumable: finished runs are skipped, killed runs continue from their checkpoint.
# Usage: [SEEDS="1 2 3"] [JOBS=2] scripts/water-accuracy.sh [STEPS...]   (default: 2000 6000)
set -euo pipefail
cd "$(dirname "$0")/.."
SYMLAB=${SYMLAB:-.build/release/symlab}
STEPS=${*:-2000 6000}
JOBS=${JOBS:-2}
SEEDS=${SEEDS:-1 2 3}
jobs=()
for steps in $STEPS; do
  for seed in $SEEDS; do jobs+=("$steps $seed"); done
done
printf '%s\n' "${jobs[@]}" | xargs -P "$JOBS" -L 1 bash -c '
  out=runs/water-accuracy/steps$0-seed$1
  if [ -f "$out/result.json" ]; then echo "done already: $out"; exit 0; fi
  mkdir -p "$out"
  resume=""; { [ -f "$out/checkpoint.bin" ] || [ -f "$out/checkpoint.json" ]; } && resume="--resume"
  '"$SYMLAB"' train experiments/water-se_e2_a.yaml -o "$out" --steps "$0" --seed "$1" $resume > "$out/train.log" 2>&1 \
    && echo "finished $out" || echo "FAILED $out (see $out/train.log)"'
echo
echo "steps seed  rmse_e(meV/atom)  rmse_f(meV/A)  s/step"
rows=$(for steps in $STEPS; do
  for seed in $SEEDS; do
    f=runs/water-accuracy/steps$steps-seed$seed/result.json
    [ -f "$f" ] || continue
    tr -d ' \n' < "$f" | sed -E 's/.*"energyRMSE":([^,}]*).*"forceRMSE":([^,}]*).*/\1 \2/' | \
      awk -v s="$steps" -v d="$seed" -v t="$(tr -d ' \n' < "$f" | sed -E 's/.*"secondsPerStep":([^,}]*).*/\1/')" \
      '{printf "%5d %4d  %16.3f  %13.1f  %6.3f\n", s, d, $1*1000, $2*1000, t}'
  done
done)
echo "$rows"
echo "$rows" | awk '
  { n[$1]++; e[$1]+=$3; ee[$1]+=$3*$3; f[$1]+=$4; ff[$1]+=$4*$4 }
  END { for (s in n) { m=n[s]; me=e[s]/m; mf=f[s]/m
          se=(m>1)?sqrt((ee[s]-m*me*me)/(m-1)):0; sf=(m>1)?sqrt((ff[s]-m*mf*mf)/(m-1)):0
          printf "%5d mean of %d seeds: E %.3f (sd %.3f) meV/atom, F %.1f (sd %.1f) meV/A\n", s, m, me, se, mf, sf } }'
