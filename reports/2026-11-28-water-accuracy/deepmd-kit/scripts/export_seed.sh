#!/usr/bin/env bash
# Export DeePMD-kit's freshly initialised model for seed $1 (same config as run_seed_steps.sh) as a SymLab model.json.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); source "$HERE/common.sh"
S=$1; W=$WORK/init-$S
mkdir -p $W; cd $W
seeded_input $S 2000
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
