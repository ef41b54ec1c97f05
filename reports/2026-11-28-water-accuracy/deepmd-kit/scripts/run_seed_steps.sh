#!/usr/bin/env bash
# DeePMD-kit 3.2.0 (PyTorch) water se_e2_a: STEPS ($2, default 2000) steps with every seed set to $1, 1 thread;
# train, freeze, dp test on data_3. Usage: run_seed_steps.sh SEED [STEPS] [FOLDER_SUFFIX]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); source "$HERE/common.sh"
S=$1; STEPS=${2:-2000}; W=$WORK/seed$S${3:-}
mkdir -p $W; cd $W
seeded_input $S $STEPS
dp --pt train input.json --skip-neighbor-stat -l train.log > train.stdout 2>&1
dp --pt freeze -o frozen.pth > freeze.stdout 2>&1
dp --pt test -m frozen.pth -s $D/data_3 -n 0 > test.log 2>&1
grep -E "Energy RMSE/Natoms|Force  *RMSE" test.log
