#!/usr/bin/env python3
"""Writes the fuzz seed corpora (Fuzz/Seeds/<reader>/) from the repository's valid files.

Run from the repository root: python3 Fuzz/Seeds/make-seeds.py (needs NumPy). The seeds are
committed; rerun only to change them. Every seed is a valid input (or, for npy, one of the test
fixtures that SymLab rejects with a clear error), a few KB at most (DeePMD-kit models: up to 15 KB):

- npy/:      the NumPy-written test fixtures and one-frame slices of data/silicon-sw arrays.
- extxyz/:   the ASE-written test fixtures and hand-written variants (no Properties, pbc F F F,
             Voigt stress, several frames and species).
- deepmd/:   DeePMD system folders packed as `DeePMDContainer` inputs (see FuzzSupport.swift):
             a one-frame 64-atom silicon cell from data/silicon-sw, a non-periodic 3-atom water
             molecule in two sets with float32 and int64 arrays, ...
- training-config/, suite/: the experiments' configs and suites, the tests' suites, and variants
             with anchors/aliases, stage options and several grid axes.
- model/:    model.json of tiny models trained for 2 steps with .build/debug/symlab (built by
             `swift build`; skipped with a note when it is missing): one-type silicon; two-type
             water with type_one_side false, resnet_dt and the dense Gram rotation; DPA-1 style
             (type embedding, gated attention, mixed-type fitting); ISAB with truncated axis; PMA
             with the sparse three-body rotation.
- deepmd-model/: DeePMD-kit .yaml models written by `symlab export --format deepmd` from tiny models
             trained the same way: se_e2_a with one type; se_e2_a with two types, type_one_side
             false, resnet_dt and the dense Gram rotation (exported as se_e2_a); se_e2_a with
             two types and type_one_side true; se_atten_v2 (DPA-1, one attention layer, one
             head). SymLab's provenance block is dropped (the reader ignores it), so that each
             seed stays under 16 KB.
- checkpoint/: checkpoint.bin of three of the tiny models above (silicon, two-side water with
             resnet_dt and gram-dense, DPA-1 style) as `CheckpointContainer` inputs (FuzzSupport.swift):
             the file as it is and packed as header and data; the silicon one also as a version 1 JSON file.

Arguments name the corpora to write (npy extxyz deepmd yaml model deepmd-model checkpoint; default all).
"""
import json
import os
import shutil
import subprocess
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "Fuzz", "Seeds")
FIXTURES = os.path.join(ROOT, "Tests", "SymAtomsTests", "Resources", "io")
SEPARATOR = b"\n--8<-- next file --8<--\n"
FILES = ["type.raw", "type_map.raw", "nopbc"] + [
    f"{s}/{a}.npy" for s in ("set.000", "set.001") for a in ("coord", "box", "energy", "force", "virial")
]


def folder(name):
    path = os.path.join(SEEDS, name)
    os.makedirs(path, exist_ok=True)
    return path


def npy_bytes(array):
    import io
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def npy_seeds():
    out = folder("npy")
    for name in sorted(os.listdir(FIXTURES)):
        if name.endswith(".npy"):
            shutil.copy(os.path.join(FIXTURES, name), out)
    si = os.path.join(ROOT, "data", "silicon-sw", "si-sw-300K", "set.000")
    for name in ("box", "coord", "energy", "virial"):
        write(os.path.join(out, f"silicon_{name}_frame0.npy"), npy_bytes(np.load(os.path.join(si, name + ".npy"))[:1]))
    write(os.path.join(out, "silicon_coord_3d_f4.npy"),
          npy_bytes(np.load(os.path.join(si, "coord.npy"))[:1, :24].reshape(1, 8, 3).astype("<f4")))
    write(os.path.join(out, "scalar_i8.npy"), npy_bytes(np.array(7, dtype="<i8")))
    write(os.path.join(out, "empty_f8.npy"), npy_bytes(np.zeros((0, 9))))


EXTXYZ = {
    "no_properties.xyz": "2\nenergy=-1.5\nH 0 0 0\nH 0 0 0.74\n",
    "nonperiodic.extxyz": '3\nProperties=species:S:1:pos:R:3:force:R:3 energy=-14.2 pbc="F F F"\n'
                          "O 0 0 0 0.1 0 0\nH 0.96 0 0 0 0.1 0\nH -0.24 0.93 0 0 0 0.1\n",
    "voigt_stress.extxyz": '2\nLattice="4 0 0 0 4 0 0 0 4" Properties=species:S:1:pos:R:3:forces:R:3 '
                           'free_energy=-8.1 stress="0.01 0.02 0.03 0.004 0.005 0.006" pbc="T T T"\n'
                           "Si 0 0 0 0.1 0.2 0.3\nSi 1.35 1.35 1.35 -0.1 -0.2 -0.3\n",
    "two_systems.extxyz": '1\nLattice="3 0 0 0 3 0 0 0 3" E=-1\nSi 0 0 0\n'
                          "2\nProperties=species:S:1:pos:R:3:tags:I:1 energy=-2 virial=\"1 0 0 0 1 0 0 0 1\"\n"
                          "O 0 0 0 1\nH 0 0 1 2\n"
                          '1\nLattice="3 0 0 0 3 0 0 0 3" E=-1.1\nSi 0.1 0 0\n',
}


def extxyz_seeds():
    out = folder("extxyz")
    for name in sorted(os.listdir(FIXTURES)):
        if name.endswith(".extxyz"):
            shutil.copy(os.path.join(FIXTURES, name), out)
    for name, text in EXTXYZ.items():
        write(os.path.join(out, name), text)


def container(files, flags=0):
    parts = [files.get(name, b"") for name in FILES]
    while parts and parts[-1] == b"":
        parts.pop()
    for part in parts:
        assert SEPARATOR not in part
    return bytes([flags]) + SEPARATOR.join(parts)


def deepmd_seeds():
    out = folder("deepmd")
    si = os.path.join(ROOT, "data", "silicon-sw", "si-sw-300K")
    types = open(os.path.join(si, "type.raw")).read()
    silicon = {"type.raw": types.encode(), "type_map.raw": open(os.path.join(si, "type_map.raw")).read().encode()}
    for name in ("coord", "box", "energy", "force", "virial"):
        silicon[f"set.000/{name}.npy"] = npy_bytes(np.load(os.path.join(si, "set.000", name + ".npy"))[:1])
    write(os.path.join(out, "silicon_one_frame.bin"), container(silicon))
    # A water molecule, non-periodic, two sets, float32 coordinates in [nframes, atoms, 3], int64 energies.
    coord = np.array([[0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0], [0, 0, 0.1, 0.95, 0, 0, -0.25, 0.92, 0]])
    force = np.array([[0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1], [0, 0.2, 0, 0.1, 0, 0, 0, 0, -0.1]])
    water = {"type.raw": b"0\n1\n1\n", "type_map.raw": b"O\nH\n", "nopbc": b"-",
             "set.000/coord.npy": npy_bytes(coord[:1].reshape(1, 3, 3).astype("<f4")),
             "set.000/energy.npy": npy_bytes(np.array([-14], dtype="<i8")),
             "set.000/force.npy": npy_bytes(force[:1]),
             "set.001/coord.npy": npy_bytes(coord[1:]),
             "set.001/energy.npy": npy_bytes(np.array([[-14.2]])),
             "set.001/force.npy": npy_bytes(force[1:].reshape(1, 3, 3))}
    write(os.path.join(out, "water_nopbc_two_sets.bin"), container(water))
    write(os.path.join(out, "water_nopbc_given_type_map.bin"), container(water, flags=1))
    # The same molecule in a periodic box with virials and no type_map.raw.
    box = np.array([[10.0, 0, 0, 0, 10, 0, 0, 0, 10]])
    periodic = {"type.raw": b"0 1 1", "set.000/coord.npy": npy_bytes(coord[:1]), "set.000/box.npy": npy_bytes(box),
                "set.000/energy.npy": npy_bytes(np.array([-14.1])),
                "set.000/virial.npy": npy_bytes(np.eye(3).reshape(1, 3, 3).astype("<i4"))}
    write(os.path.join(out, "water_periodic_no_type_map.bin"), container(periodic))


def copy_seeds(name, paths):
    out = folder(name)
    for path in paths:
        shutil.copy(os.path.join(ROOT, path), out)


TINY_CONFIG = """model:
  type_map: [Si]
  descriptor: {rcut: 4.0, rcut_smth: 1.0, sel: [24], neuron: [4, 8], axis_neuron: 4}
  fitting: {neuron: [16, 16]}
data:
  train: [data/silicon-sw]
  split: {mode: frame, fraction: 0.25}
  stat_frames: 4
learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
training: {steps: 12, seed: 1, disp_freq: 4, save_freq: 4, validation_frames: 2}
"""

SUITES = {
    "two_variants.yaml": "name: demo\nbase: base.yaml\nvariants:\n  - name: se_e2_a\n  - name: dense\n"
                         "    model.descriptor.rotation: gram-dense\ngrid:\n  training.seed: [1, 2, 3]\n",
    "precedence.yaml": "base: base.yaml\nset: {training.steps: 20, model.descriptor.axis_neuron: 3}\nvariants:\n"
                       "  - {name: a}\n  - {name: b, training.steps: 30}\ngrid:\n  training.seed: [5]\n"
                       "  model.fitting.neuron: [[8, 8]]\n",
    "grid_baseline.yaml": "base: base.yaml\ngrid:\n  model.descriptor.rotation: [gram-dense, gram-factored]\n"
                          "  training.seed: [1, 2]\nbaseline: {model.descriptor.rotation: gram-factored}\n",
    "grid_aliases.yaml": "base: base.yaml\nset: {training.steps: &steps 20, learning_rate.decay_steps: *steps}\n"
                         "grid:\n  training.seed: &seeds [1, 2, 3]\n  model.descriptor.rotation: [gram-dense, gram-factored]\n"
                         "  model.fitting.neuron: [[8], [8, 8], [16, 16]]\n"
                         "baseline: {model.descriptor.rotation: gram-factored, model.fitting.neuron: [8]}\n",
    "inline_base.yaml": "name: inline\ndescription: an inline base\nbase:\n" + "".join("  " + l + "\n" for l in TINY_CONFIG.splitlines())
                        + "metrics: [validation, test, symmetry, cost, timing]\ntest: [data/silicon-sw-test]\n"
                          "primary_metric: test.force_rmse\nevaluation: {symmetry_frames: 1, symmetry_seed: 7}\n"
                          "resources: {threads: 2, memory: 2G, time: \"00:10:00\", partition: debug, "
                          "slurm_options: [--account=abc]}\n",
}


def yaml_seeds():
    copy_seeds("training-config", ["experiments/silicon-sw.yaml", "experiments/water-se_e2_a.yaml",
                                    "experiments/water-dpa1.yaml"])
    write(os.path.join(SEEDS, "training-config", "stage_options.yaml"),
          TINY_CONFIG.replace("axis_neuron: 4}", "axis_neuron: 4,\n    permutation: {type: sab, preset: small, heads: 2},\n"
                              "    rotation: {type: knn-sparse, k: 4, width: 0.2}}")
          .replace("training: {", "training: {augment_rotations: false, "))
    write(os.path.join(SEEDS, "training-config", "tiny.yaml"), TINY_CONFIG)
    write(os.path.join(SEEDS, "training-config", "auto_batch.yaml"),
          TINY_CONFIG.replace("stat_frames: 4", "stat_frames: 4\n  batch_size: \"auto:64\"\n  overflow: error\n"
                              "  validation: [data/silicon-sw-test]").replace("split: {mode: frame, fraction: 0.25}",
                                                                              "split: {mode: system, fraction: 0.5}"))
    write(os.path.join(SEEDS, "training-config", "anchors.yaml"),
          TINY_CONFIG.replace("neuron: [4, 8]", "neuron: &widths [4, 8]").replace("neuron: [16, 16]", "neuron: *widths"))
    copy_seeds("suite", ["experiments/default.yaml", "experiments/rotation-operators.yaml", "experiments/water.yaml"])
    for name, text in SUITES.items():
        write(os.path.join(SEEDS, "suite", name), text)


MODELS = {
    "silicon_tiny.json": """model:
  type_map: [Si]
  descriptor: {rcut: 4.0, rcut_smth: 1.0, sel: [8], neuron: [2, 4], axis_neuron: 2}
  fitting: {neuron: [4]}
data: {train: [data/silicon-sw], split: {mode: frame, fraction: 0.25}, stat_frames: 2, overflow: drop-farthest}
learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
training: {steps: 2, seed: 1, disp_freq: 1, save_freq: 2, validation_frames: 1}
""",
    "water_two_side_dense.json": """model:
  type_map: [O, H]
  descriptor: {rcut: 3.0, rcut_smth: 0.5, sel: [4, 6], neuron: [2, 4], axis_neuron: 2, type_one_side: false,
               resnet_dt: true, rotation: gram-dense}
  fitting: {neuron: [3, 3], resnet_dt: true}
data: {train: [data/water-dft/data_0], split: {mode: frame, fraction: 0.25}, stat_frames: 2, overflow: drop-farthest}
learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
training: {steps: 2, seed: 2, disp_freq: 1, save_freq: 2, validation_frames: 1}
""",
    "dpa1_tiny.json": """model:
  type_map: [O, H]
  descriptor: {rcut: 3.0, rcut_smth: 0.5, sel: [10], neuron: [2, 4], axis_neuron: 2, type_one_side: false,
               embedding: {type: type-embedding, tebd_dim: 2},
               permutation: {type: gated-attention, layers: 1, width: 4, heads: 2, dotr: true}}
  fitting: {neuron: [3], resnet_dt: true, mixed_types: true}
data: {train: [data/water-dft/data_0], split: {mode: frame, fraction: 0.25}, stat_frames: 2, overflow: drop-farthest}
learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
training: {steps: 2, seed: 3, disp_freq: 1, save_freq: 2, validation_frames: 1}
""",
    "isab_truncated_axis.json": """model:
  type_map: [Si]
  descriptor: {rcut: 4.0, rcut_smth: 1.0, sel: [8], neuron: [2, 4], axis_neuron: 2,
               permutation: {type: isab, layers: 1, inducing: 2, width: 4, heads: 2},
               rotation: {type: truncated-axis, axis: 1}}
  fitting: {neuron: [4]}
data: {train: [data/silicon-sw], split: {mode: frame, fraction: 0.25}, stat_frames: 2, overflow: drop-farthest}
learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
training: {steps: 2, seed: 4, disp_freq: 1, save_freq: 2, validation_frames: 1}
""",
    "pma_three_body.json": """model:
  type_map: [Si]
  descriptor: {rcut: 4.0, rcut_smth: 1.0, sel: [8], neuron: [2, 4], axis_neuron: 2,
               permutation: {type: pma, seeds: 2, width: 4, heads: 2},
               rotation: {type: three-body-sparse, rcut: 3.0, rcut_smth: 2.5, sel: 4, width: 2}}
  fitting: {neuron: [4]}
data: {train: [data/silicon-sw], split: {mode: frame, fraction: 0.25}, stat_frames: 2, overflow: drop-farthest}
learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
training: {steps: 2, seed: 5, disp_freq: 1, save_freq: 2, validation_frames: 1}
""",
}


# DeePMD-kit models: the exportable ones of MODELS with fewer neighbour slots and embedding layers,
# a one-side water model and DPA-1 with one head (se_atten_v2 has one), small enough for 16 KB.
DEEPMD_MODELS = {
    "silicon_se_e2_a.yaml": MODELS["silicon_tiny.json"],
    "water_se_e2_a_two_side_resnet.yaml": MODELS["water_two_side_dense.json"]
        .replace("sel: [4, 6], neuron: [2, 4]", "sel: [2, 2], neuron: [2]"),
    "water_se_e2_a_one_side.yaml": MODELS["water_two_side_dense.json"]
        .replace("sel: [4, 6]", "sel: [2, 2]")
        .replace("type_one_side: false,\n               resnet_dt: true, rotation: gram-dense", "type_one_side: true")
        .replace("fitting: {neuron: [3, 3], resnet_dt: true}", "fitting: {neuron: [3]}").replace("seed: 2", "seed: 6"),
    "water_se_atten_v2.yaml": MODELS["dpa1_tiny.json"].replace("sel: [10], neuron: [2, 4]", "sel: [4], neuron: [2]")
        .replace("width: 4, heads: 2", "width: 2, heads: 1").replace("seed: 3", "seed: 7"),
}


def symlab_binary(what):
    symlab = os.path.join(ROOT, ".build", "debug", "symlab")
    if not os.path.exists(symlab):
        print(f"{what} seeds skipped: build symlab first (swift build)")
        return None
    return symlab


def train(symlab, config, tmp):
    """Trains `config` in `tmp` and returns the path of its model.json."""
    write(os.path.join(tmp, "config.yaml"), config)
    subprocess.run([symlab, "train", os.path.join(tmp, "config.yaml"), "-o", os.path.join(tmp, "run")],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(tmp, "run", "model.json")


def model_seeds():
    symlab = symlab_binary("model")
    if symlab is None:
        return
    out = folder("model")
    for name, config in MODELS.items():
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(train(symlab, config, tmp), os.path.join(out, name))


def without_provenance(text):
    """The exported YAML without the top-level `symlab_provenance` mapping (build and host details)."""
    lines, out, skipping = text.splitlines(keepends=True), [], False
    for line in lines:
        if not line.startswith((" ", "-")):
            skipping = line.startswith("'symlab_provenance':")
        if not skipping:
            out.append(line)
    return "".join(out)


def deepmd_model_seeds():
    symlab = symlab_binary("deepmd-model")
    if symlab is None:
        return
    out = folder("deepmd-model")
    for name, config in DEEPMD_MODELS.items():
        with tempfile.TemporaryDirectory() as tmp:
            exported = os.path.join(tmp, "model.yaml")
            subprocess.run([symlab, "export", "--format", "deepmd", train(symlab, config, tmp), exported],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            text = without_provenance(open(exported).read())
            assert len(text.encode()) < 16384, f"{name}: {len(text.encode())} bytes"
            write(os.path.join(out, name), text)


def checkpoint_parts(data):
    """The header JSON (padding dropped) and the tensor data of a binary checkpoint."""
    h = int.from_bytes(data[16:24], "little")
    return data[40:40 + h].rstrip(b" "), data[40 + h:]


def version1(data):
    """The version 1 (JSON) checkpoint of the state in the binary checkpoint `data`."""
    header_bytes, blob = checkpoint_parts(data)
    header = json.loads(header_bytes)
    values = {}
    for t in header["tensors"]:
        count = int(np.prod(t["shape"]))
        values[t["name"]] = np.frombuffer(blob, "<f8", count=count, offset=t["offset"]).tolist() if count else []
    model, weights = header["model"], header["model"]["weights"]
    for part in ("embedding", "fitting"):
        for i, net in enumerate(weights[part]):
            for k, layer in enumerate(net["layers"]):
                for key in ("weight", "bias", "timestep"):
                    if f"model.{part}[{i}].layers[{k}].{key}" in values:
                        layer[key] = values[f"model.{part}[{i}].layers[{k}].{key}"]
    for key in ("davg", "dstd", "energyBias"):
        weights[key] = values[f"model.{key}"]
    weights["stageParameters"] = [values[f"model.stageParameters[{i}]"] for i in range(len(weights["stageParameters"]))]
    adam = header["adam"]
    moments = adam.pop("moments")
    adam["m"] = [values[f"adam.m[{i}]"] for i in range(moments)]
    adam["v"] = [values[f"adam.v[{i}]"] for i in range(moments)]
    return json.dumps({"type": "symlab-checkpoint", "version": 1, "config": header["config"], "step": header["step"],
                       "model": model, "adam": adam, "sampler": header["sampler"],
                       "elapsedSeconds": header["elapsedSeconds"]}).encode()


def checkpoint_seeds():
    """checkpoint.bin of three tiny models trained for 2 steps, as `CheckpointContainer` inputs: the
    file as it is (mode 0) and packed as header and data (mode 1); one as a version 1 JSON file too."""
    symlab = symlab_binary("checkpoint")
    if symlab is None:
        return
    out = folder("checkpoint")
    for name in ("silicon_tiny.json", "water_two_side_dense.json", "dpa1_tiny.json"):
        stem = name.removesuffix(".json")
        with tempfile.TemporaryDirectory() as tmp:
            train(symlab, MODELS[name], tmp)
            data = open(os.path.join(tmp, "run", "checkpoint.bin"), "rb").read()
        header, blob = checkpoint_parts(data)
        seeds = {f"{stem}.bin": b"\x00" + data, f"{stem}_packed.bin": b"\x01" + header + b"\x00" + blob}
        if stem == "silicon_tiny":
            seeds[f"{stem}_version1.json"] = b"\x00" + version1(data)
        for seed, content in seeds.items():
            assert len(content) < 16384, f"{seed}: {len(content)} bytes"
            write(os.path.join(out, seed), content)


if __name__ == "__main__":
    import sys
    readers = {"npy": npy_seeds, "extxyz": extxyz_seeds, "deepmd": deepmd_seeds, "yaml": yaml_seeds,
               "model": model_seeds, "deepmd-model": deepmd_model_seeds, "checkpoint": checkpoint_seeds}
    for reader in sys.argv[1:] or readers:
        readers[reader]()
    print("seeds written to", SEEDS)
