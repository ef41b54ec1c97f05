import pickle, json, numpy as np
s = pickle.load(open("init.pkl","rb"))
d, f = s["descriptor"], s["fitting"]
def layer(L):
    w = np.asarray(L["@variables"]["w"]); nin, nout = w.shape
    idt = L["@variables"]["idt"]
    skip = "none"
    if L["resnet"] and nout == nin: skip = "identity"
    elif L["resnet"] and nout == 2 * nin: skip = "concat"
    act = "linear" if L["activation_function"] in ("none", "linear", None) else "tanh"
    out = {"inputs": nin, "outputs": nout, "weight": w.ravel().tolist(), "bias": np.asarray(L["@variables"]["b"]).ravel().tolist(),
           "activation": act, "skip": skip}
    if idt is not None: out["timestep"] = np.asarray(idt).ravel().tolist()
    return out
emb = [{"layers": [layer(L) for L in n["layers"]]} for n in d["embeddings"]["networks"]]
fit = [{"layers": [layer(L) for L in n["layers"]]} for n in f["nets"]["networks"]]
davg = np.asarray(d["@variables"]["davg"]); dstd = np.asarray(d["@variables"]["dstd"])
bias = (np.asarray(s["@variables"]["out_bias"]).reshape(-1) + np.asarray(f["@variables"]["bias_atom_e"]).reshape(-1)).tolist()
model = {"type": "deeppot", "formatVersion": 1, "provenance": {"source": "DeePMD-kit 3.2.0 initial model"},
  "config": {"type_map": ["O", "H"], "seed": 1,
    "descriptor": {"rcut": 6.0, "rcut_smth": 0.5, "sel": [46, 92], "neuron": [25, 50, 100], "axis_neuron": 16, "type_one_side": True,
                   "resnet_dt": False, "permutation": "deepsets-sum", "rotation": "gram-factored", "set_davg_zero": False},
    "fitting": {"neuron": [240, 240, 240], "resnet_dt": True}},
  "weights": {"embedding": emb, "fitting": fit, "davg": davg[:, 0, :].ravel().tolist(), "dstd": dstd[:, 0, :].ravel().tolist(),
              "energyBias": bias, "stageParameters": []}}
json.dump(model, open("init-model.json", "w"))
print("ok", bias, [l["skip"] for l in emb[0]["layers"]], [l["skip"] for l in fit[0]["layers"]], [("timestep" in l) for l in fit[0]["layers"]])
