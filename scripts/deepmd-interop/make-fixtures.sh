#!/usr/bin/env bash
# Regenerates the DeePMD-kit interop fixture (Tests/SymModelTests/Fixtures/deepmd-interop/), which
# lets CI check SymLab's DeePMD-kit export and import without DeePMD-kit installed:
#   1. three tiny SymLab water models (se_e2_a with one-side and with two-side embedding nets, and
#      DPA-1 = DeePMD-kit's se_atten_v2), trained 20 steps;
#   2. `symlab export --format deepmd` of each -> <name>.yaml (the test checks the export is still
#      byte-identical to the file DeePMD-kit evaluated);
#   3. DeePMD-kit-native models (native.yaml se_e2_a, native-dpa1.yaml se_atten_v2, built and saved by
#      DeePMD-kit itself) for the import;
#   4. DeePMD-kit converts every .yaml to TorchScript (`dp convert-backend X.yaml X.pth`, the file LAMMPS
#      loads) and evaluates the frames of frames.json (periodic water, a small triclinic cell, a
#      non-periodic cluster) -> <name>.deepmd.json: energies, forces, virials.
# Needs DeePMD-kit 3.2.0 (/work/shared/anchors/deepmd/install.sh) and a release build (make build).
# Usage (from the repository root): VENV=/path/to/deepmd-venv scripts/deepmd-interop/make-fixtures.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd)
V=${VENV:-$HOME/.venv-deepmd}; SYMLAB=${SYMLAB:-$ROOT/.build/release/symlab}
FIX=$ROOT/Tests/SymModelTests/Fixtures/deepmd-interop
export OMP_NUM_THREADS=1 DP_INTRA_OP_PARALLELISM_THREADS=1 DP_INTER_OP_PARALLELISM_THREADS=1 PATH="$V/bin:$PATH"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
mkdir -p "$FIX"; cd "$ROOT"
python "$HERE/frames.py" "$ROOT" "$FIX/frames.json"
for name in tiny-one-side tiny-two-side tiny-dpa1; do
  "$SYMLAB" train "$HERE/$name.yaml" -o "$W/$name" > "$W/$name.log"
  cp "$W/$name/model.json" "$FIX/$name.model.json"
  "$SYMLAB" export --format deepmd "$FIX/$name.model.json" "$FIX/$name.yaml"
done
python "$HERE/native_model.py" se_e2_a "$FIX/native.yaml"
python "$HERE/native_model.py" se_atten_v2 "$FIX/native-dpa1.yaml"
for name in tiny-one-side tiny-two-side tiny-dpa1 native native-dpa1; do
  dp convert-backend "$FIX/$name.yaml" "$W/$name.pth" > "$W/$name.convert.log" 2>&1 || { cat "$W/$name.convert.log"; exit 1; }
  python "$HERE/evaluate.py" "$W/$name.pth" "$FIX/frames.json" "$FIX/$name.deepmd.json"
done
echo "fixture written to $FIX"
