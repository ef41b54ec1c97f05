"""Largest relative differences between SymLab's predictions (`symlab test --predictions`) and
DeePMD-kit's (evaluate.py) on the same frames: |ΔE|/|E| per frame, max|ΔF|/max|F| and
max|ΔW|/max|W| per frame (periodic frames only for W). Exit status 1 above TOLERANCE (default 1e-10).
Usage: python compare.py SYMLAB.json DEEPMD.json [TOLERANCE]"""
import json, sys
import numpy as np

a = json.load(open(sys.argv[1]))["frames"]
b = json.load(open(sys.argv[2]))["frames"]
tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-10
assert [f["name"] for f in a] == [f["name"] for f in b], "frames differ"
def rel(x, y):
    x, y = np.asarray(x), np.asarray(y)
    return float(np.abs(x - y).max() / max(np.abs(y).max(), 1e-300))
e = max(abs(x["energy"] - y["energy"]) / abs(y["energy"]) for x, y in zip(a, b))
f = max(rel(x["forces"], y["forces"]) for x, y in zip(a, b))
w = max([rel(x["virial"], y["virial"]) for x, y in zip(a, b) if x.get("cell") is not None] or [0.0])
print(f"{len(a)} frames: max relative difference E {e:.2e}, F {f:.2e}, W {w:.2e} (tolerance {tol:g})")
sys.exit(0 if max(e, f, w) <= tol else 1)
