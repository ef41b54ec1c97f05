#!/usr/bin/env bash
# Checks one SymLab model against DeePMD-kit: export to DeePMD-kit's .yaml, `dp convert-backend` to
# TorchScript (what LAMMPS loads), DeePMD-kit's energies, forces and virials on the frames of DATA
# against SymLab's (`symlab test --predictions`); prints the largest relative differences and exits
# 1 above 1e-10. Needs DeePMD-kit 3.2.0 and a release build.
# Usage (from the repository root): VENV=/path/to/deepmd-venv scripts/deepmd-interop/check-model.sh MODEL.json DATA...
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd)
V=${VENV:-$HOME/.venv-deepmd}; SYMLAB=${SYMLAB:-$ROOT/.build/release/symlab}
export OMP_NUM_THREADS=1 DP_INTRA_OP_PARALLELISM_THREADS=1 DP_INTER_OP_PARALLELISM_THREADS=1 PATH="$V/bin:$PATH"
MODEL=$1; shift
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
"$SYMLAB" export --format deepmd "$MODEL" "$W/model.yaml"
"$SYMLAB" test --model "$MODEL" $(printf -- '--data %s ' "$@") --predictions "$W/symlab.json" > "$W/test.log"
dp convert-backend "$W/model.yaml" "$W/model.pth" > "$W/convert.log" 2>&1 || { cat "$W/convert.log"; exit 1; }
python "$HERE/evaluate.py" "$W/model.pth" "$W/symlab.json" "$W/deepmd.json" > /dev/null 2>&1
python "$HERE/compare.py" "$W/symlab.json" "$W/deepmd.json"
