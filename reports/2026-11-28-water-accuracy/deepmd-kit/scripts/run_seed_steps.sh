#!/usr/bin/env bash
# DeePMD-kit 3.2.0 (PyTorch) water se_e2_a: STEPS ($2, default 2000) steps with every seed set to $1, 1 thread;
# train, freeze, dp test on data_3. Usage: run_seed_steps.sh SEED [STEPS] [FOLDER_SUFFIX]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); SHARED=$(cd "${SHARED:-../shared}" && pwd); WORK=${WORK:-$PWD}
S=$1; STEPS=${2:-2000}; W=$WORK/seed$S${3:-}; V=${VENV:-$HOME/.venv-deepmd}; D=$SHARED/data/deepmd-water
mkdir -p $W; cd $W
export OMP_NUM_THREADS=1 DP_INTRA_OP_PARALLELISM_THREADS=1 DP_INTER_OP_PARALLELISM_THREADS=1 NUM_WORKERS=0 PATH="$V/bin:$PATH"
$V/bin/python $SHARED/anchors/deepmd/prep_input.py $D/se_e2_a.input.json input.json $STEPS $D
$V/bin/python - <<PY
import json; d=json.load(open("input.json"))
d["model"]["descriptor"]["seed"]=$S; d["model"]["fitting_net"]["seed"]=$S; d["training"]["seed"]=$S+10
json.dump(d, open("input.json","w"), indent=1)
PY
dp --pt train input.json --skip-neighbor-stat -l train.log > train.stdout 2>&1
dp --pt freeze -o frozen.pth > freeze.stdout 2>&1
dp --pt test -m frozen.pth -s $D/data_3 -n 0 > test.log 2>&1
grep -E "Energy RMSE/Natoms|Force  *RMSE" test.log
