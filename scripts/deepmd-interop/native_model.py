"""DeePMD-kit-native models built by DeePMD-kit itself with seeded random weights, non-trivial
statistics and energy bias, saved as DeePMD-kit's .yaml (`save_dp_model`, what
`dp convert-backend x.pth x.yaml` writes); SymLab's import is checked against them.
se_e2_a: two types, two-side embedding nets, resnet_dt embedding and fitting. se_atten_v2 (DPA-1):
two attention layers, two-side type embedding. Usage: python native_model.py se_e2_a|se_atten_v2 OUT.yaml"""
import sys
import numpy as np
from deepmd.dpmodel.model.model import get_model
from deepmd.dpmodel.utils.serialization import save_dp_model

kind, out = sys.argv[1], sys.argv[2]
script = {"type_map": ["O", "H"],
          "descriptor": {"type": "se_e2_a", "rcut": 3.8, "rcut_smth": 0.8, "sel": [20, 36], "neuron": [3, 6, 12],
                         "axis_neuron": 3, "type_one_side": False, "resnet_dt": True, "seed": 5, "precision": "float64",
                         "activation_function": "tanh"},
          "fitting_net": {"type": "ener", "neuron": [10, 10], "resnet_dt": True, "seed": 6, "precision": "float64",
                          "activation_function": "tanh"}}
if kind == "se_atten_v2":
    script["descriptor"] = {"type": "se_atten_v2", "rcut": 3.8, "rcut_smth": 0.8, "sel": 56, "neuron": [3, 6, 12], "axis_neuron": 3,
                            "attn": 6, "attn_layer": 2, "attn_dotr": True, "attn_mask": False, "tebd_dim": 5, "type_one_side": False,
                            "resnet_dt": True, "seed": 5, "precision": "float64", "activation_function": "tanh"}
model = get_model(script)
data = model.serialize()
rng = np.random.default_rng(7)
dv = data["descriptor"]["@variables"]
nt, nnei, _ = dv["davg"].shape
avg = np.zeros((nt, 1, 4)); avg[:, 0, 0] = rng.uniform(0.05, 0.3, nt)
std = np.ones((nt, 1, 4)); std[:, 0, 0] = rng.uniform(0.1, 0.4, nt); std[:, 0, 1:] = rng.uniform(0.05, 0.2, (nt, 1))
dv["davg"] = np.broadcast_to(avg, (nt, nnei, 4)).copy()
dv["dstd"] = np.broadcast_to(std, (nt, nnei, 4)).copy()
data["@variables"]["out_bias"] = np.array([-93.6, -187.5]).reshape(1, nt, 1)
data["fitting"]["@variables"]["bias_atom_e"] = np.array([[0.25], [-0.125]])
save_dp_model(out, {"backend": "DPModel", "model": data, "model_def_script": script})
print(out, "written")
