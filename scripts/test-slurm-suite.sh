#!/usr/bin/env bash
# Part of `make test`: a tiny suite end to end through a real single-node SLURM (scripts/local-slurm.sh).
#
#   1. starts the local SLURM under its own prefix (stopped again on exit, whatever happens);
#   2. suite A: one run locally (--max-runs 1), the rest as an sbatch array plus the dependent
#      report job (--executor slurm --wait); one variant diverges on purpose and must be reported
#      failed; the run finished locally must be untouched;
#   3. suite B, the reverse: one run through SLURM, the rest locally;
#   4. checks every result, the report files and that the report lists the failed runs.
#
# Usage: scripts/test-slurm-suite.sh   (SYMLAB=path/to/symlab, default .build/debug/symlab)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SYMLAB=$(realpath "${SYMLAB:-.build/debug/symlab}")
export SYMLAB_SLURM_PREFIX=${SYMLAB_SLURM_PREFIX:-/tmp/symlab-slurm-test}
WORK=$(mktemp -d /tmp/symlab-slurm-suite.XXXXXX)
T0=$(date +%s)

say() { echo "[test-slurm-suite] $*"; }
fail() { echo "[test-slurm-suite] FAIL: $*" >&2; exit 1; }
cleanup() {
  local status=$?
  "$ROOT/scripts/local-slurm.sh" stop >/dev/null 2>&1 || true
  if [ $status = 0 ]; then rm -rf "$WORK"; else echo "[test-slurm-suite] kept $WORK for inspection" >&2; fi
}

[ -x "$SYMLAB" ] || fail "$SYMLAB not found: build it first (swift build --product symlab)"
trap cleanup EXIT
scripts/local-slurm.sh start
# shellcheck disable=SC1091
source "$SYMLAB_SLURM_PREFIX/env.sh"

cd "$WORK"
"$SYMLAB" data generate silicon-sw --out data/si8 --temperatures 600 --frames 16 --trajectories 2 --supercell 1 \
  --equilibration-steps 40 --sample-every 5 >/dev/null
cat > base.yaml <<'EOF'
model:
  type_map: [Si]
  descriptor: {rcut: 4.0, rcut_smth: 1.0, sel: [24], neuron: [4, 8], axis_neuron: 4}
  fitting: {neuron: [16, 16]}
data:
  train: [data/si8]
  split: {mode: frame, fraction: 0.25}
  stat_frames: 4
learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
training: {steps: 12, seed: 1, disp_freq: 4, save_freq: 4, validation_frames: 2}
EOF
cat > suite.yaml <<'EOF'
name: slurm-e2e
description: A tiny suite run partly locally, partly as a SLURM job array.
base: base.yaml
variants:
  - name: se_e2_a
  - {name: dense Gram, model.descriptor.rotation: gram-dense}
  - {name: absurd lr, learning_rate.start_lr: 1.0e300, learning_rate.stop_lr: 1.0e299}
grid:
  training.seed: [1, 2]
resources: {threads: 1, time: "00:10:00"}
EOF

count() { find "$1/results" -name '*.json' | wc -l; }
status_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['status'])" "$1"; }

say "suite A: one run locally, the rest on SLURM"
"$SYMLAB" run suite.yaml -o A --max-runs 1 --no-report >/dev/null
[ "$(count A)" = 1 ] || fail "the local run left $(count A) results, expected 1"
local_result=$(find A/results -name '*.json')
before=$(sha256sum "$local_result")
"$SYMLAB" run suite.yaml -o A --executor slurm --dry-run | grep -q '#SBATCH --array=0-4' || fail "dry run does not show a 5-task array"
"$SYMLAB" run suite.yaml -o A --executor slurm --wait
[ "$(count A)" = 6 ] || fail "suite A has $(count A) results, expected 6"
[ "$(sha256sum "$local_result")" = "$before" ] || fail "SLURM rewrote the result of the run finished locally"
failed=0
for f in A/results/*.json; do [ "$(status_of "$f")" = failed ] && failed=$((failed + 1)); done
[ $failed = 2 ] || fail "expected the 2 absurd-lr runs to fail, $failed failed"
[ -s A/report/report.md ] && [ -s A/report/results.csv ] || fail "the report job wrote no report"
grep -q '^## Failed runs' A/report/report.md || fail "the report does not list the failed runs"
grep -q 'training diverged' A/report/report.md || fail "the report does not give the failure reason"
ls A/slurm/logs/run-*_*.out >/dev/null || fail "no array task logs"
"$SYMLAB" run suite.yaml -o A --dry-run | grep -q '4 done, 2 failed' || fail "the dry run of the finished suite A is wrong"

say "suite B: one run on SLURM, the rest locally"
"$SYMLAB" run suite.yaml -o B --executor slurm --max-runs 1 --no-report --wait
[ "$(count B)" = 1 ] || fail "the SLURM run left $(count B) results, expected 1"
"$SYMLAB" run suite.yaml -o B -j 2 >/dev/null
[ "$(count B)" = 6 ] || fail "suite B has $(count B) results, expected 6"
[ -s B/report/report.md ] || fail "suite B wrote no report"

say "OK in $(( $(date +%s) - T0 )) s: a suite finished on SLURM after a local start and the reverse; failed runs reported"
