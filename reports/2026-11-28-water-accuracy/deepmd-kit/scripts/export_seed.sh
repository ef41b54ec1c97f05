#!/usr/bin/env bash
# Export DeePMD-kit's freshly initialised model for seed $1 (same config as run_seed_steps.sh) as a SymLab model.json.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); SHARED=$(cd "${SHARED:-../shared}" && pwd); WORK=${WORK:-$PWD}
S=$1; W=$WORK/init-$S; V=${VENV:-$HOME/.venv-deepmd}; D=$SHARED/data/deepmd-water
mkdir -p $W; cd $W
export OMP_NUM_THREADS=1 DP_INTRA_OP_PARALLELISM_THREADS=1 DP_INTER_OP_PARALLELISM_THREADS=1 NUM_WORKERS=0 PATH="$V/bin:$PATH"
$V/bin/python $SHARED/anchors/deepmd/prep_input.py $D/se_e2_a.input.json input.json 2000 $D
$V/bin/python - <<PY
import json; d=json.load(open("input.json"))
d["model"]["descriptor"]["seed"]=$S; d["model"]["fitting_net"]["seed"]=$S; d["training"]["seed"]=$S+10
json.dump(d, open("input.json","w"), indent=1)
PY
$V/bin/python - <<'PY'
import json, pickle
from deepmd.pt.entrypoints.main import get_trainer
from deepmd.utils.compat import update_deepmd_input
from deepmd.utils.argcheck import normalize
cfg = normalize(update_deepmd_input(json.load(open("input.json")), warning=False))
tr = get_trainer(cfg)
m = tr.wrapper.model["Default"] if hasattr(tr.wrapper.model, "keys") else tr.wrapper.model
pickle.dump(m.serialize(), open("init.pkl", "wb"))
PY
$V/bin/python $HERE/tojson.py
