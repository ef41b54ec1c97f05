#!/usr/bin/env python3
"""Writes deepmd-se_atten_v2-tiny.json: a DeePMD-kit se_atten_v2 (DPA-1) model with its weights,
labelled frames (DeePMD's energies, atomic energies, forces, virials) and stage-wise intermediates.

Run with the DeePMD-kit 3.2.0 venv of shared/anchors/deepmd/install.sh (PyTorch backend, CPU):

    OMP_NUM_THREADS=1 $VENV/bin/python generate-se_atten_v2-fixture.py \
        --water ../../../data/water-dft/data_0 --frames-from deepmd-se_e2_a-tiny.json \
        --out deepmd-se_atten_v2-tiny.json

The frames (two periodic 192-atom water frames and a 3-molecule cluster) are copied from the
se_e2_a fixture so both fixtures share their inputs. davg/dstd are DeePMD's own statistics
(descriptor.compute_input_stats) over frames 0..9 of data_0; the energy bias is set by hand.
Every descriptor key is given explicitly: the PyTorch class defaults differ from the input-file
defaults (set_davg_zero is True in DescrptSeAttenV2 but False through `dp train`'s argcheck).
"""
import argparse
import datetime
import json

import numpy as np
import torch

import deepmd
import deepmd.pt.model.descriptor.se_atten as se_atten_module
from deepmd.pt.model.model import get_model

torch.set_default_dtype(torch.float64)

CONFIG = {
    "type_map": ["O", "H"],
    "descriptor": {
        "type": "se_atten_v2", "sel": 120, "rcut_smth": 0.5, "rcut": 6.0, "neuron": [8, 16, 16],
        "axis_neuron": 4, "tebd_dim": 8, "attn": 12, "attn_layer": 2, "attn_dotr": True, "attn_mask": False,
        "type_one_side": False, "resnet_dt": False, "set_davg_zero": False, "activation_function": "tanh",
        "scaling_factor": 1.0, "normalize": True, "temperature": None, "concat_output_tebd": True,
        "trainable_ln": True, "ln_eps": 1e-5, "env_protection": 0.0, "exclude_types": [],
        "precision": "float64", "seed": 21,
    },
    "fitting_net": {"type": "ener", "neuron": [16, 16], "resnet_dt": True, "activation_function": "tanh",
                    "numb_fparam": 0, "numb_aparam": 0, "precision": "float64", "seed": 22},
}
ENERGY_BIAS = [-2.718281828459045, -0.5772156649015329]
INTERMEDIATE_ATOMS = [0, 1, 64, 65]  # two O and two H of frame 0


def layer_json(name, layer, activation, skip):
    v = layer["@variables"]
    w, b, idt = v["w"], v["b"], v.get("idt")
    return {"name": name, "n_in": int(w.shape[0]), "n_out": int(w.shape[1]), "activation": activation,
            "skip": skip, "timestep": idt is not None, "W": {"data": w.tolist()},
            "b": {"data": [] if b is None else b.tolist()}, **({"idt": {"data": idt.tolist()}} if idt is not None else {})}


def skip_rule(n_in, n_out, resnet):
    if not resnet:
        return "none"
    return "identity" if n_out == n_in else ("concat" if n_out == 2 * n_in else "none")


def net_json(name, net, activation, linear_last=False):
    layers = []
    for k, layer in enumerate(net["layers"]):
        w = layer["@variables"]["w"]
        last = linear_last and k == len(net["layers"]) - 1
        act = "linear" if last or layer["activation_function"].lower() in ("linear", "none") else activation
        skip = "none" if last else skip_rule(w.shape[0], w.shape[1], layer.get("resnet", True))
        layers.append(layer_json(f"{name}.layer{k}", layer, act, skip))
    return {"name": name, "layers": layers}


def read_water(path, count):
    coord = np.load(f"{path}/set.000/coord.npy")[:count].astype(np.float64)
    box = np.load(f"{path}/set.000/box.npy")[:count].astype(np.float64)
    atype = np.loadtxt(f"{path}/type.raw", dtype=int)
    return coord, box, atype


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--water", required=True, help="DeePMD system folder of the water data (data_0)")
    ap.add_argument("--frames-from", required=True, help="the se_e2_a fixture whose frames are reused")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.manual_seed(0)

    model = get_model(json.loads(json.dumps(CONFIG)))
    model.eval()
    descriptor = model.atomic_model.descriptor
    coord, box, atype = read_water(args.water, 10)
    nloc = atype.shape[0]
    sample = {"coord": torch.tensor(coord.reshape(10, nloc, 3)), "atype": torch.tensor(np.tile(atype, (10, 1))),
              "box": torch.tensor(box.reshape(10, 3, 3)), "natoms": torch.tensor(np.tile([nloc, nloc, 64, 128], (10, 1)))}
    descriptor.compute_input_stats([sample])
    with torch.no_grad():
        model.atomic_model.out_bias[:] = torch.tensor(ENERGY_BIAS).reshape(1, 2, 1)

    # Capture DeePMD's own intermediates: env matrices, G before and after the attention layers, D.
    captured = {}
    original_env = se_atten_module.prod_env_mat

    def recording_env(*a, **k):
        out = original_env(*a, **k)
        captured["env"] = (a, k, out)
        return out

    se_atten_module.prod_env_mat = recording_env
    block = descriptor.se_atten
    block.dpa1_attention.register_forward_hook(
        lambda mod, inp, out: captured.update(g_before=inp[0].detach().numpy().copy(), g_after=out.detach().numpy().copy()))
    block.register_forward_pre_hook(lambda mod, a, k: captured.update(nlist=a[0].detach().numpy().copy(),
                                                                     ext_atype=a[2].detach().numpy().copy()), with_kwargs=True)
    descriptor.register_forward_hook(lambda mod, inp, out: captured.update(descriptor=out[0].detach().numpy().copy()))

    source = json.load(open(args.frames_from))
    frames, intermediates = [], None
    for f in source["frames"]:
        c = torch.tensor(np.array(f["coord"]).reshape(1, -1, 3))
        t = torch.tensor(np.array(f["types"]).reshape(1, -1))
        b = torch.tensor(np.array(f["cell"]).reshape(1, 9)) if f["periodic"] else None
        out = model(c, t, box=b)
        frame = {k: f[k] for k in ("name", "periodic", "natoms", "types", "type_names", "coord", "cell")}
        frame["expected"] = {"energy": float(out["energy"].item()),
                             "atom_energy": out["atom_energy"].detach().numpy().reshape(-1).tolist(),
                             "force": out["force"].detach().numpy().reshape(-1, 3).tolist(),
                             "virial": out["virial"].detach().numpy().reshape(3, 3).tolist()}
        frames.append(frame)
        if intermediates is None:
            intermediates = stage_dump(f["name"], captured, descriptor, model)

    se_atten_module.prod_env_mat = original_env
    serial = model.serialize()
    d = serial["descriptor"]
    fitting = serial["fitting"]
    attention = []
    for k, layer in enumerate(d["attention_layers"]["attention_layers"]):
        a = layer["attention_layer"]
        ln = layer["attn_layer_norm"]["@variables"]
        attention.append({"in_proj": layer_json(f"attention{k}.in_proj", a["in_proj"], "linear", "none"),
                          "out_proj": layer_json(f"attention{k}.out_proj", a["out_proj"], "linear", "none"),
                          "layer_norm": {"weight": ln["w"].tolist(), "bias": ln["b"].tolist(),
                                         "eps": layer["attn_layer_norm"]["eps"]}})
    parameters = {
        "davg": {"data": d["@variables"]["davg"].tolist()}, "dstd": {"data": d["@variables"]["dstd"].tolist()},
        "energy_bias": {"data": serial["@variables"]["out_bias"].reshape(-1).tolist()},
        "fitting_bias_atom_e": {"data": fitting["@variables"]["bias_atom_e"].reshape(-1).tolist()},
        "type_embedding": net_json("type_embedding", d["type_embedding"]["embedding"], "linear"),
        "embedding_nets": [net_json("radial", d["embeddings"]["networks"][0], "tanh"),
                           net_json("type_pair", d["embeddings_strip"]["networks"][0], "tanh")],
        "attention_layers": attention,
        "fitting_nets": [net_json("fitting", fitting["nets"]["networks"][0], "tanh", linear_last=True)],
    }
    fixture = {
        "fixture": "deepmd-se_atten_v2-tiny (DPA-1 strip mode, two-side type embedding, 2 attention layers)",
        "generator": {"deepmd_kit_version": deepmd.__version__, "torch_version": torch.__version__,
                      "api": "deepmd.pt.model.model.get_model(config) (PyTorch backend, CPU, float64); "
                             "intermediates captured from the same forward pass (prod_env_mat, dpa1_attention, descriptor)",
                      "script": "generate-se_atten_v2-fixture.py (beside this file)",
                      "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"),
                      "stats": "davg/dstd from descriptor.compute_input_stats on frames 0..9 of data_0",
                      "energy_bias": "set explicitly (atomic_model.out_bias), not fitted"},
        "config": CONFIG, "parameters": parameters, "frames": frames, "intermediates": intermediates,
    }
    with open(args.out, "w") as fh:
        json.dump(fixture, fh)
    print(f"wrote {args.out}: " + ", ".join(f"{f['name']} E={f['expected']['energy']:.12f}" for f in frames))


def stage_dump(frame_name, captured, descriptor, model):
    """Per-atom env rows, G before/after attention, T = (1/nnei) G_attᵀ R̃ and the descriptor of frame 0."""
    a, k, (dmatrix, diff, sw) = captured["env"]
    nnei = dmatrix.shape[2]
    raw, _, _ = se_atten_module.prod_env_mat(a[0], a[1], a[2], torch.zeros_like(a[3]), torch.ones_like(a[4]), *a[5:], **k)
    nlist, ext_atype = captured["nlist"], captured["ext_atype"]
    norm = dmatrix.detach().numpy().reshape(-1, nnei, 4)
    raw = raw.detach().numpy().reshape(-1, nnei, 4)
    rij = diff.detach().numpy().reshape(-1, nnei, 3)
    sw = sw.detach().numpy().reshape(-1, nnei)
    g_before = captured["g_before"].reshape(-1, nnei, captured["g_before"].shape[-1])
    g_after = captured["g_after"].reshape(-1, nnei, captured["g_after"].shape[-1])
    desc = captured["descriptor"].reshape(-1, captured["descriptor"].shape[-1])
    out = {"frame": frame_name, "atoms": INTERMEDIATE_ATOMS}
    for i in INTERMEDIATE_ATOMS:
        valid = nlist[0, i] >= 0
        out[f"env_matrix_atom{i}"] = {
            "center_atom": i, "valid": valid.tolist(),
            "neighbour_type": [int(ext_atype[0, j]) if j >= 0 else -1 for j in nlist[0, i]],
            "rij": (rij[i] * valid[:, None]).tolist(), "r": (np.linalg.norm(rij[i], axis=1) * valid).tolist(),
            "sw": sw[i].tolist(), "R_raw": {"data": raw[i].tolist()}, "R_norm": {"data": norm[i].tolist()}}
        out[f"embedding_G_atom{i}"] = {"data": g_before[i].tolist()}
        out[f"attention_G_atom{i}"] = {"data": g_after[i].tolist()}
        out[f"T_atom{i}"] = {"data": (g_after[i].T @ norm[i] / nnei).tolist()}
        out[f"descriptor_atom{i}"] = {"data": desc[i].tolist()}
    return out


if __name__ == "__main__":
    main()
