# Compare DeePMD-kit checkpoint weights (model.ckpt-N.pt in a run folder) with a SymLab checkpoint/model JSON.
# Usage: cmp_ckpt.py DEEPMD_RUN_DIR N SYMLAB_JSON
import json, sys, os, numpy as np, torch
from deepmd.pt.entrypoints.main import get_trainer
from deepmd.utils.compat import update_deepmd_input
from deepmd.utils.argcheck import normalize
run, n, sym = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.chdir(run)
cfg = normalize(update_deepmd_input(json.load(open("input.json")), warning=False))
cfg["training"]["numb_steps"] = 0
tr = get_trainer(cfg)
sd = torch.load(f"model.ckpt-{n}.pt", map_location="cpu", weights_only=False)["model"]
tr.wrapper.load_state_dict(sd, strict=False)
m = tr.wrapper.model["Default"] if hasattr(tr.wrapper.model, "keys") else tr.wrapper.model
s = m.serialize()
j = json.load(open(sym)); w = j["model"]["weights"] if "model" in j else j["weights"]
rows = []
def cmp(tag, nets_dp, nets_sym):
    for k, (nd, ns) in enumerate(zip(nets_dp, nets_sym)):
        for i, (L, J) in enumerate(zip(nd["layers"], ns["layers"])):
            a = np.asarray(L["@variables"]["w"]).ravel(); b = np.asarray(J["weight"])
            rows.append((f"{tag}{k}.L{i}.w", np.abs(a - b).max() / np.abs(a).max()))
            a = np.asarray(L["@variables"]["b"]).ravel(); b = np.asarray(J["bias"])
            rows.append((f"{tag}{k}.L{i}.b", np.abs(a - b).max() / np.abs(a).max()))
cmp("emb", s["descriptor"]["embeddings"]["networks"], w["embedding"])
cmp("fit", s["fitting"]["nets"]["networks"], w["fitting"])
worst = max(r[1] for r in rows)
print(f"step {n}: max relative weight difference over {len(rows)} tensors = {worst:.3e}")
for r in sorted(rows, key=lambda r: -r[1])[:4]: print("  ", r[0], f"{r[1]:.3e}")
