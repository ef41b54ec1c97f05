"""Writes the fixture's input frames (frames.json): two water frames of data/water-dft/data_3
(periodic, 192 atoms), a 6-atom triclinic cell smaller than twice the cutoff (every atom sees
several images of its neighbours and of itself) and a 24-atom non-periodic cluster cut from a water
frame. Deterministic (numpy seed 2026). Usage: python frames.py REPO OUT.json"""
import json, sys
import numpy as np

repo, out = sys.argv[1], sys.argv[2]
d = f"{repo}/data/water-dft/data_3"
types = [int(t) for t in open(f"{d}/type.raw").read().split()]
coord = np.load(f"{d}/set.000/coord.npy")
box = np.load(f"{d}/set.000/box.npy")
frames = []
for k in (0, 41):
    frames.append({"name": f"water_data_3_frame{k}", "types": types, "positions": coord[k].tolist(), "cell": box[k].tolist()})

rng = np.random.default_rng(2026)
cell = np.array([[4.7, 0.0, 0.0], [0.9, 5.1, 0.0], [-0.6, 0.7, 4.9]])
while True:
    frac = rng.random((6, 3))
    pos = frac @ cell
    diff = pos[:, None, :] - pos[None, :, :]
    f = diff @ np.linalg.inv(cell)
    f -= np.round(f)
    r = np.linalg.norm(f @ cell, axis=2) + 10 * np.eye(6)
    if r.min() > 1.0:
        break
frames.append({"name": "small_triclinic_O2H4", "types": [0, 0, 1, 1, 1, 1], "positions": pos.ravel().tolist(), "cell": cell.ravel().tolist()})

# Cluster: the 8 water molecules nearest to the box centre, molecules kept whole (minimum image
# relative to each oxygen), as a non-periodic frame.
x = coord[0].reshape(-1, 3)
h = box[0].reshape(3, 3)
inv = np.linalg.inv(h)
def image(v):
    g = v @ inv
    return (g - np.round(g)) @ h
centre = 0.5 * h.sum(axis=0)
oxygens = [i for i, t in enumerate(types) if t == 0]
nearest = sorted(oxygens, key=lambda i: np.linalg.norm(image(x[i] - centre)))[:8]
hydrogens = [i for i, t in enumerate(types) if t == 1]
atoms, cluster_types = [], []
for o in nearest:
    po = centre + image(x[o] - centre)
    atoms.append(po); cluster_types.append(0)
    for hh in sorted(hydrogens, key=lambda j: np.linalg.norm(image(x[j] - x[o])))[:2]:
        atoms.append(po + image(x[hh] - x[o])); cluster_types.append(1)
frames.append({"name": "water_cluster_8", "types": cluster_types, "positions": np.array(atoms).ravel().tolist(), "cell": None})
json.dump({"frames": frames}, open(out, "w"), indent=1)
print(f"{out}: " + ", ".join(f"{f['name']} ({len(f['types'])} atoms)" for f in frames))
