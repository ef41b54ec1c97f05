# Sourced by the run scripts here: paths, a 1-thread DeePMD-kit environment, and `seeded_input`.
# Environment: VENV (default ~/.venv-deepmd), SHARED (default ../shared), WORK (default: current folder).
SHARED=$(cd "${SHARED:-../shared}" && pwd); WORK=${WORK:-$PWD}; V=${VENV:-$HOME/.venv-deepmd}; D=$SHARED/data/deepmd-water
export OMP_NUM_THREADS=1 DP_INTRA_OP_PARALLELISM_THREADS=1 DP_INTER_OP_PARALLELISM_THREADS=1 NUM_WORKERS=0 PATH="$V/bin:$PATH"

# seeded_input SEED STEPS [PYTHON]: writes input.json in the current folder: DeePMD-kit's water se_e2_a
# input for STEPS steps with descriptor and fitting seeds SEED and training seed SEED+10; PYTHON (optional)
# edits the dict `d` further.
seeded_input() {
  "$V/bin/python" "$SHARED/anchors/deepmd/prep_input.py" "$D/se_e2_a.input.json" input.json "$2" "$D"
  "$V/bin/python" - "$1" "${3:-}" <<'PY'
import json, sys
s = int(sys.argv[1]); d = json.load(open("input.json"))
d["model"]["descriptor"]["seed"] = s; d["model"]["fitting_net"]["seed"] = s; d["training"]["seed"] = s + 10
exec(sys.argv[2])
json.dump(d, open("input.json", "w"), indent=1)
PY
}
