#!/usr/bin/env bash
# Smoke test against a running SLURM (normally the local one from scripts/local-slurm.sh start):
# a 4-task array (--cpus-per-task=1) whose task 2 exits 3, an afterany dependent that must still
# run and see the other tasks' outputs, the exit codes per task, and scancel of a running array.
# Prints SMOKE OK and exits 0, or one FAIL line and exits 1. Every wait is bounded.
# Usage: scripts/slurm-smoke.sh     (SLURM_CONF from the environment, else from the local prefix)
# shellcheck disable=SC2016  # the $SLURM_* in --wrap '...' expand in the job, not here
set -euo pipefail
PREFIX=${SYMLAB_SLURM_PREFIX:-/tmp/symlab-slurm}
if [ -z "${SLURM_CONF:-}" ]; then
  [ -f "$PREFIX/env.sh" ] || { echo "FAIL: SLURM_CONF not set and no $PREFIX/env.sh (run scripts/local-slurm.sh start)"; exit 1; }
  # shellcheck disable=SC1091
  . "$PREFIX/env.sh"
fi
fail() { echo "FAIL: $*"; exit 1; }
# wait_gone IDS SECONDS: until squeue lists none of IDS as pending/running/completing.
wait_gone() {
  local end=$((SECONDS + $2)) out
  while [ $SECONDS -lt "$end" ]; do
    out=$(squeue -h -j "$1" -t PD,R,CG 2>&1) || fail "squeue -j $1: $out"
    [ -z "$out" ] && return 0
    sleep 0.1
  done
  fail "jobs $1 not finished after $2 s: $(squeue -h -j "$1" -o '%i %T %r' | tr '\n' ';')"
}

dir=$(mktemp -d /tmp/slurm-smoke.XXXXXX)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
mkdir logs                        # sbatch does not create --output directories (the task fails)
timeout 10 sinfo -h -o '%P %a %D %T' | grep -q 'up 1 idle\|up 1 mixed\|up 1 allocated' || fail "no node up: $(sinfo 2>&1)"

t0=$(date +%s.%N)
A=$(sbatch --parsable --array=0-3 --cpus-per-task=1 --output='logs/slurm-%A_%a.out' \
      --wrap 'echo $SLURM_ARRAY_TASK_ID > out_$SLURM_ARRAY_TASK_ID; [ $SLURM_ARRAY_TASK_ID != 2 ] || exit 3')
[[ $A =~ ^[0-9]+$ ]] || fail "sbatch --parsable printed '$A'"
D=$(sbatch --parsable --dependency="afterany:$A" --output=logs/aggregate.out \
      --wrap 'cat out_* | tr "\n" " " > combined')
wait_gone "$A,$D" 60
elapsed=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
[ "$(cat combined 2>/dev/null)" = "0 1 2 3 " ] || fail "afterany dependent did not collect 0-3 (got '$(cat combined 2>/dev/null)')"
for t in 0 1 2 3; do [ -f "logs/slurm-${A}_$t.out" ] || fail "no logs/slurm-${A}_$t.out (have: $(ls logs))"; done

# Exit code per task: scontrol (while the job is remembered, MinJobAge) and sacct -c (jobcomp file,
# raw job ids only: map them with squeue %A).
codes=$(scontrol -o show job "$A" | sed -E 's/.*ArrayTaskId=([0-9]+).* ExitCode=([0-9]+):.*/\1:\2/' | sort | tr '\n' ' ')
[ "$codes" = "0:0 1:0 2:3 3:0 " ] || fail "scontrol exit codes '$codes'"
raw2=$(squeue -h -t all -j "${A}_2" -o %A)
sacct -c -j "$raw2" -n -o State,ExitCode 2>/dev/null | grep -q 'FAILED *3:0' || fail "sacct -c for task 2 (job $raw2): $(sacct -c -j "$raw2" 2>&1)"

# scancel of an array with running and pending tasks.
L=$(sbatch --parsable --array=0-5 --output=/dev/null --wrap 'sleep 300')
end=$((SECONDS + 20))
until squeue -h -j "$L" -t R | grep -q .; do [ $SECONDS -lt $end ] || fail "array $L never started"; sleep 0.1; done
scancel "$L"
wait_gone "$L" 30
! squeue -h -t all -j "$L" -o %T | grep -qv CANCELLED || fail "array $L not all CANCELLED"

echo "array(4, task 2 exit 3) + afterany dependent done in ${elapsed} s; scancel ok (SLURM_CONF=$SLURM_CONF)"
echo "SMOKE OK"
