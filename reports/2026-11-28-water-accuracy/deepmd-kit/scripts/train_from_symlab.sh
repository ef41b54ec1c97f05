#!/usr/bin/env bash
# DeePMD-kit 3.2.0 trains 2000 steps starting from a SymLab model.json (the inverse of init/tojson.py); 1 thread.
# Usage: train_from_symlab.sh NAME SYMLAB_MODEL_JSON SEED
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); source "$HERE/common.sh"
N=$1; M=$2; S=$3; W=$WORK/fromsym-$N
mkdir -p $W; cd $W
seeded_input $S 2000
SYMLAB_MODEL=$M $V/bin/python - <<'PY' > train.stdout 2>&1
import json, os, numpy as np, torch
from deepmd.pt.entrypoints.main import get_trainer
from deepmd.utils.compat import update_deepmd_input
from deepmd.utils.argcheck import normalize
cfg = normalize(update_deepmd_input(json.load(open("input.json")), warning=False))
tr = get_trainer(cfg)
m = tr.wrapper.model["Default"] if hasattr(tr.wrapper.model, "keys") else tr.wrapper.model
s = m.serialize()
w = json.load(open(os.environ["SYMLAB_MODEL"]))["weights"]
def put(L, J):
    v = L["@variables"]; nin, nout = J["inputs"], J["outputs"]
    assert v["w"].shape == (nin, nout)
    v["w"] = np.array(J["weight"], dtype=np.float64).reshape(nin, nout); v["b"] = np.array(J["bias"], dtype=np.float64)
    if J.get("timestep") is not None: v["idt"] = np.array(J["timestep"], dtype=np.float64)
    else: assert v["idt"] is None
for net, jn in zip(s["descriptor"]["embeddings"]["networks"], w["embedding"]):
    for L, J in zip(net["layers"], jn["layers"]): put(L, J)
for net, jn in zip(s["fitting"]["nets"]["networks"], w["fitting"]):
    for L, J in zip(net["layers"], jn["layers"]): put(L, J)
dv = s["descriptor"]["@variables"]; nt, nnei, _ = dv["davg"].shape
dv["davg"] = np.broadcast_to(np.array(w["davg"]).reshape(nt, 1, 4), (nt, nnei, 4)).copy()
dv["dstd"] = np.broadcast_to(np.array(w["dstd"]).reshape(nt, 1, 4), (nt, nnei, 4)).copy()
s["@variables"]["out_bias"] = np.array(w["energyBias"], dtype=np.float64).reshape(1, nt, 1)
s["fitting"]["@variables"]["bias_atom_e"] = np.zeros((nt, 1))
m2 = type(m).deserialize(s)
m.load_state_dict(m2.state_dict())
print("loaded SymLab weights from", os.environ["SYMLAB_MODEL"])
tr.run()
PY
dp --pt freeze -o frozen.pth > freeze.stdout 2>&1
dp --pt test -m frozen.pth -s $D/data_3 -n 0 > test.log 2>&1
grep -E "Energy RMSE/Natoms|Force  *RMSE" test.log
