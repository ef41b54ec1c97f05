"""DeePMD-kit's energies, forces and virials of the fixture frames for a model file.
Usage: python evaluate.py MODEL.pth FRAMES.json OUT.json
Runs DeePMD-kit's inference API (deepmd.infer.DeepPot), Float64, one frame per call; non-periodic
frames are passed without a cell."""
import json, sys
import numpy as np
import deepmd
from deepmd.infer import DeepPot

model, frames_path, out = sys.argv[1:4]
dp = DeepPot(model)
frames = json.load(open(frames_path))["frames"]
results = []
for f in frames:
    coords = np.array(f["positions"], dtype=np.float64).reshape(1, -1)
    cells = None if f.get("cell") is None else np.array(f["cell"], dtype=np.float64).reshape(1, 9)
    e, force, virial = dp.eval(coords, cells, f["types"], atomic=False)[:3]
    results.append({"name": f["name"], "energy": float(np.asarray(e).ravel()[0]),
                    "forces": np.asarray(force, dtype=np.float64).ravel().tolist(),
                    "virial": np.asarray(virial, dtype=np.float64).ravel().tolist()})
json.dump({"deepmd_kit": deepmd.__version__, "model": model.split("/")[-1], "frames": results}, open(out, "w"), indent=1)
print(f"{out}: " + ", ".join(f"{r['name']} E = {r['energy']:.10f} eV" for r in results))
