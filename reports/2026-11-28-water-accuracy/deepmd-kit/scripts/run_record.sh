#!/usr/bin/env bash
# run_seed_steps.sh with SAMPLER_RECORD=1 (Sample_rank_0.txt: the batch of every step) and a checkpoint every 100 steps.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); source "$HERE/common.sh"
S=$1; STEPS=${2:-2000}; W=$WORK/seed$S-rec
mkdir -p $W; cd $W
seeded_input $S $STEPS 'd["training"]["save_freq"]=100; d["training"]["max_ckpt_keep"]=30'
SAMPLER_RECORD=1 dp --pt train input.json --skip-neighbor-stat -l train.log > train.stdout 2>&1
dp --pt freeze -o frozen.pth > freeze.stdout 2>&1
dp --pt test -m frozen.pth -s $D/data_3 -n 0 > test.log 2>&1
grep -E "Energy RMSE/Natoms|Force  *RMSE" test.log
