#!/usr/bin/env bash
# SymLab and DeePMD-kit side by side on this machine: same water data, same model sizes, same thread
# counts, one after the other in one run. SymLab (2 threads) is measured before AND after DeePMD-kit
# so that drift (other load, thermal, turbo) shows; SymLab is also measured at 1 thread to show whether
# the second core does useful work. Writes results.json and results.md into OUT.
#
# Usage: scripts/bench-vs-deepmd.sh [VENV]        (from anywhere; or `make bench-deepmd`)
#   VENV            a DeePMD-kit venv (default $DEEPMD_VENV). Without one, SymLab is measured alone
#                   and no ratio is reported. Make one with ../shared/anchors/deepmd/install.sh.
# Environment (defaults keep the whole run under ~10 min on 2 cores, se_e2_a only):
#   TRAIN_STEPS=60  timed training steps per tool and configuration, after the warm-up block
#   BLOCK=20        steps per timing block (the display interval); median over blocks
#   WARMUP_STEPS=20 training steps run first and dropped (a multiple of BLOCK)
#   INFER_FRAMES=20 inference frames (one frame per call, E+F+virial) per repeat
#   INFER_REPEATS=3 inference repeats (median); INFER_WARMUP=5 DeePMD-kit warm-up calls (dropped;
#                   TorchScript's first calls are slow); SymLab's bench drops one warm-up call
#   THREADS=2       the thread count of the comparison (SymLab is also run at 1 thread)
#   DPA1=1          also DPA-1: experiments/water-dpa1.yaml vs DeePMD-kit se_atten_v2 (slow: ~7 s/step
#                   and ~2 s/frame in DeePMD-kit's PyTorch backend; use small TRAIN_STEPS_DPA1)
#   TRAIN_STEPS_DPA1=10 BLOCK_DPA1=5 WARMUP_STEPS_DPA1=5 INFER_FRAMES_DPA1=5
#   COMPRESS=1      also the compressed se_e2_a section: the DeePMD-kit-trained model exact and compressed,
#                   in DeePMD-kit (dp --pt compress) and in SymLab (symlab import + symlab compress), inference
#                   and E/F agreement (see compress_run; needs the PyTorch backend; 0 skips it)
#   OUT=runs/bench-vs-deepmd-<UTC time>   output folder (relative to the repository root)
#   SKIP_BUILD=1    use the existing .build/release/symlab instead of running `make build`
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
VENV=${1:-${DEEPMD_VENV:-}}
TRAIN_STEPS=${TRAIN_STEPS:-60}; BLOCK=${BLOCK:-20}; WARMUP_STEPS=${WARMUP_STEPS:-20}
INFER_FRAMES=${INFER_FRAMES:-20}; INFER_REPEATS=${INFER_REPEATS:-3}; INFER_WARMUP=${INFER_WARMUP:-5}
THREADS=${THREADS:-2}; DPA1=${DPA1:-0}
TRAIN_STEPS_DPA1=${TRAIN_STEPS_DPA1:-10}; BLOCK_DPA1=${BLOCK_DPA1:-5}; WARMUP_STEPS_DPA1=${WARMUP_STEPS_DPA1:-5}
INFER_FRAMES_DPA1=${INFER_FRAMES_DPA1:-5}
COMPRESS=${COMPRESS:-1}
OUT=${OUT:-runs/bench-vs-deepmd-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
SYMLAB="$REPO/.build/release/symlab"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench-vs-deepmd: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench-vs-deepmd: python3 is needed to assemble the table" >&2; exit 1; }
for v in TRAIN_STEPS BLOCK WARMUP_STEPS INFER_FRAMES INFER_REPEATS THREADS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "bench-vs-deepmd: $v must be a positive integer, got '${!v}'" >&2; exit 2; }
done
[[ $INFER_WARMUP =~ ^[0-9]+$ ]] || { echo "bench-vs-deepmd: INFER_WARMUP must be an integer >= 0" >&2; exit 2; }
if (( TRAIN_STEPS % BLOCK || WARMUP_STEPS % BLOCK )); then
  echo "bench-vs-deepmd: TRAIN_STEPS and WARMUP_STEPS must be multiples of BLOCK ($BLOCK)" >&2; exit 2
fi
if [ "$DPA1" = 1 ]; then
  for v in TRAIN_STEPS_DPA1 BLOCK_DPA1 WARMUP_STEPS_DPA1; do
    [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "bench-vs-deepmd: $v must be a positive integer, got '${!v}'" >&2; exit 2; }
  done
  [[ $INFER_FRAMES_DPA1 =~ ^[0-9]+$ ]] && (( INFER_FRAMES_DPA1 >= 2 )) \
    || { echo "bench-vs-deepmd: INFER_FRAMES_DPA1 must be at least 2 (N frames minus 1 frame)" >&2; exit 2; }
  if (( TRAIN_STEPS_DPA1 % BLOCK_DPA1 || WARMUP_STEPS_DPA1 % BLOCK_DPA1 )); then
    echo "bench-vs-deepmd: TRAIN_STEPS_DPA1 and WARMUP_STEPS_DPA1 must be multiples of BLOCK_DPA1 ($BLOCK_DPA1)" >&2; exit 2
  fi
fi
log() { echo "[$(date -u +%H:%M:%S)] $*"; }
RESULTS="$OUT/rows.jsonl"; : > "$RESULTS"
row() { echo "$1" >> "$RESULTS"; }   # one JSON object per measured row

# ---- DeePMD-kit: locate ../shared (its data, inputs and measuring scripts) and the venv
SHARED=""; for s in "$REPO/../shared" "$REPO/../../shared"; do [ -d "$s/anchors/deepmd" ] && { SHARED=$(cd "$s" && pwd); break; }; done
DEEPMD_NOTE=""
if [ -z "$SHARED" ]; then
  DEEPMD_NOTE="../shared (DeePMD-kit's data, inputs and measuring scripts) is absent next to the repository: DeePMD-kit skipped, no ratio measured"
elif [ -z "$VENV" ]; then
  DEEPMD_NOTE="no DeePMD-kit venv given (argument or \$DEEPMD_VENV): DeePMD-kit skipped, no ratio measured"
elif [ ! -x "$VENV/bin/dp" ] || ! "$VENV/bin/python" -c "import deepmd" 2>/dev/null; then
  DEEPMD_NOTE="$VENV is not a DeePMD-kit venv (no bin/dp or 'import deepmd' fails): DeePMD-kit skipped, no ratio measured"
fi
if [ -n "$DEEPMD_NOTE" ]; then
  cat >&2 <<EOF
bench-vs-deepmd: $DEEPMD_NOTE.
  To compare, make a DeePMD-kit 3.2.0 venv (about 7 GB; PyTorch backend, WITH_TF=1 adds TensorFlow):
    WITH_TF=1 bash ${SHARED:-../shared}/anchors/deepmd/install.sh "\$HOME/.venv-deepmd"
  then: scripts/bench-vs-deepmd.sh "\$HOME/.venv-deepmd"   (or DEEPMD_VENV=... make bench-deepmd)
  Measuring SymLab alone.
EOF
fi
DATA_SHARED=${SHARED:+$SHARED/data/deepmd-water}
same_data="unknown"
if [ -n "$DATA_SHARED" ] && [ -d "$DATA_SHARED" ]; then
  same_data=true
  for i in 0 1 2 3; do diff -rq "data/water-dft/data_$i" "$DATA_SHARED/data_$i" >/dev/null 2>&1 || same_data=false; done
fi

# ---- SymLab release binary
if [ "${SKIP_BUILD:-0}" != 1 ]; then log "make build (release)"; make build > "$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log"; exit 1; }; fi
[ -x "$SYMLAB" ] || { echo "bench-vs-deepmd: $SYMLAB missing (make build)" >&2; exit 1; }

# ---- machine and versions
CPU=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
CPU_ID=$(lscpu 2>/dev/null | awk -F: '/^CPU family/ {gsub(/ /,"",$2); f=$2} /^Model:/ {gsub(/ /,"",$2); m=$2} END {print "family " f ", model " m}')
grep -qw avx512f /proc/cpuinfo 2>/dev/null && CPU_ID="$CPU_ID, AVX-512" || CPU_ID="$CPU_ID, no AVX-512"
CPU="$CPU ($CPU_ID)"
NCPU=$(nproc)
SYMLAB_COMMIT=$(sed -n 's/^build_commit=//p' "$SYMLAB.build-info" 2>/dev/null || git rev-parse HEAD)
SYMLAB_DIRTY=$(sed -n 's/^build_dirty=//p' "$SYMLAB.build-info" 2>/dev/null || echo unknown)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "CPU: $CPU ($NCPU cores); load average $LOAD_START"

# median of the per-step times of blocks after the warm-up, from SymLab's learning-curve.csv
# (wall_s is cumulative optimiser time, validation excluded)
symlab_blocks() {  # CSV WARMUP_STEPS -> "median min max nblocks"
  python3 - "$1" "$2" <<'PY'
import csv, statistics as st, sys
rows = list(csv.DictReader(open(sys.argv[1]))); skip = int(sys.argv[2])
b, prev = [], (0, 0.0)
for r in rows:
    n, t = int(r["step"]), float(r["wall_s"])
    if n > skip and n > prev[0]: b.append((t - prev[1]) / (n - prev[0]))
    prev = (n, t)
print(f"{st.median(b):.6f} {min(b):.6f} {max(b):.6f} {len(b)}" if b else "nan nan nan 0")
PY
}
maxrss_kb() { sed -n 's/.*_\([0-9]*\)KB_maxrss.*/\1/p' "$1" | tail -1; }

# A DeePMD system folder with the first N frames of data_3 (for SymLab inference timing by `symlab test`)
subset() {  # N DIR
  python3 - "$REPO/data/water-dft/data_3" "$1" "$2" <<'PY'
import glob, os, shutil, sys, numpy as np
src, n, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(os.path.join(dst, "set.000"), exist_ok=True)
for f in ("type.raw", "type_map.raw"): shutil.copy(os.path.join(src, f), dst)
for f in ("coord", "box", "energy", "force"):
    a = np.concatenate([np.load(os.path.join(s, f + ".npy")) for s in sorted(glob.glob(os.path.join(src, "set.*")))])
    np.save(os.path.join(dst, "set.000", f + ".npy"), a[:n])
PY
}

# ---- SymLab: training (symlab train, blocks of BLOCK steps) + inference
symlab_run() {  # MODEL(se_e2_a|dpa1) THREADS PHASE(before|after|1-thread)
  local model=$1 thr=$2 phase=$3 cfg steps block warm frames dir
  if [ "$model" = se_e2_a ]; then cfg=experiments/water-se_e2_a.yaml; block=$BLOCK; warm=$WARMUP_STEPS; steps=$TRAIN_STEPS; frames=$INFER_FRAMES
  else cfg=experiments/water-dpa1.yaml; block=$BLOCK_DPA1; warm=$WARMUP_STEPS_DPA1; steps=$TRAIN_STEPS_DPA1; frames=$INFER_FRAMES_DPA1; fi
  dir="$OUT/symlab-$model-${thr}t-$phase"; mkdir -p "$dir"
  # (validation: one frame of data_3, so that the final full validation of `symlab train` stays short)
  [ -d "$OUT/data_3_1" ] || subset 1 "$OUT/data_3_1"
  # the repository's config with threads, display interval and save interval set for timing
  sed -e "s/^\(  threads:\).*/\1 $thr/" -e "s/^\(  disp_freq:\).*/\1 $block/" -e "s/^\(  save_freq:\).*/\1 1000000/" \
      -e "s/^\(  validation_frames:\).*/\1 1/" -e "s|^\(  validation:\).*|\1 [$OUT/data_3_1]|" "$cfg" > "$dir/config.yaml"
  log "SymLab $model, $thr thread(s), $phase: train $((warm + steps)) steps"
  OPENBLAS_NUM_THREADS=$thr OMP_NUM_THREADS=$thr $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$dir/time_train.txt" \
    "$SYMLAB" train "$dir/config.yaml" -o "$dir/train" --steps $((warm + steps)) > "$dir/train.log" 2>&1 \
    || { tail -20 "$dir/train.log"; return 1; }
  read -r med mn mx nb < <(symlab_blocks "$dir/train/learning-curve.csv" "$warm")
  local rss_train; rss_train=$(maxrss_kb "$dir/time_train.txt")
  local inf_ms=None inf_rss="" nl_ms=None bench_step=None inf_how
  if [ "$model" = se_e2_a ]; then
    # `symlab bench --only model`: the default ModelConfig is water se_e2_a (sel [46, 92], 25-50-100,
    # 240x3); one 192-atom frame of data_0; median of --repeats after one warm-up call.
    OPENBLAS_NUM_THREADS=$thr $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$dir/time_bench.txt" \
      "$SYMLAB" bench --only model --threads "$thr" --repeats "$INFER_REPEATS" > "$dir/bench.txt" 2>&1 \
      || { cat "$dir/bench.txt"; return 1; }
    # its table: "label  ms  x-energy-only  [DeePMD-kit figure from docs]", columns 2+ spaces apart
    bench_ms() { python3 - "$dir/bench.txt" "$1" <<'PY'
import re, sys
for line in open(sys.argv[1]):
    if line.startswith(sys.argv[2]): print(re.split(r"\s{2,}", line.strip())[1]); break
PY
    }
    nl_ms=$(bench_ms "neighbour list")
    local pred; pred=$(bench_ms "inference: E + F + virial")
    bench_step=$(python3 -c "print($(bench_ms "training step") / 1000)")
    inf_ms=$(python3 -c "print(round($nl_ms + $pred, 3))")
    inf_how="symlab bench --only model: neighbour list + predict (E+F+virial), median of $INFER_REPEATS after 1 warm-up"
  else
    inf_how="symlab test on $frames frames minus 1 frame (model load cancels), median of $INFER_REPEATS"
  fi
  # `symlab test` on the first N frames of data_3 with the model just trained: peak RSS of inference
  # (and, for DPA-1, the per-frame time: (t(N frames) - t(1 frame)) / (N - 1), medians over repeats)
  [ -d "$OUT/data_3_$frames" ] || subset "$frames" "$OUT/data_3_$frames"
  [ -d "$OUT/data_3_1" ] || subset 1 "$OUT/data_3_1"
  local tn=() t1=()
  for r in $(seq "$INFER_REPEATS"); do
    OPENBLAS_NUM_THREADS=$thr $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$dir/time_test_$r.txt" \
      "$SYMLAB" test --model "$dir/train/model.json" --data "$OUT/data_3_$frames" > "$dir/test_$r.log" 2>&1 || { cat "$dir/test_$r.log"; return 1; }
    tn+=("$(sed 's/_wall_s.*//' "$dir/time_test_$r.txt")")
    if [ "$model" != se_e2_a ]; then
      OPENBLAS_NUM_THREADS=$thr $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$dir/time_test1_$r.txt" \
        "$SYMLAB" test --model "$dir/train/model.json" --data "$OUT/data_3_1" > "$dir/test1_$r.log" 2>&1 || { cat "$dir/test1_$r.log"; return 1; }
      t1+=("$(sed 's/_wall_s.*//' "$dir/time_test1_$r.txt")")
    fi
  done
  inf_rss=$(maxrss_kb "$dir/time_test_1.txt")
  if [ "$model" != se_e2_a ]; then
    inf_ms=$(python3 -c "import statistics as s; a=[float(x) for x in '${tn[*]}'.split()]; b=[float(x) for x in '${t1[*]}'.split()]; print(round((s.median(a)-s.median(b))/max($frames-1,1)*1e3, 3))")
  fi
  row "$(python3 -c "import json,sys; print(json.dumps(dict(tool='SymLab', backend='symlab', model='$model', threads=$thr, phase='$phase',
    train_s_per_step=float('$med'), train_block_min=float('$mn'), train_block_max=float('$mx'), train_blocks=int('$nb'), block_steps=$block, warmup_steps=$warm,
    train_how='symlab train: median over blocks of $block steps after $warm warm-up steps (learning-curve.csv wall_s: predict+loss+gradients+Adam; batch building and validation excluded)',
    infer_ms_per_frame=$inf_ms, infer_how='$inf_how', neighbour_list_ms=$nl_ms, bench_train_step_s=$bench_step,
    peak_rss_train_mib=round(int('$rss_train')/1024), peak_rss_infer_mib=(round(int('$inf_rss')/1024) if '$inf_rss' else None))))")"
  log "  -> train $med s/step (blocks $nb, min $mn max $mx), inference $inf_ms ms/frame, peak RSS train $((rss_train / 1024)) MiB"
}

# ---- DeePMD-kit: prep_input.py + dp train (blocks of disp_freq) + parse_timing.py; freeze; infer_bench.py
deepmd_run() {  # BACKEND(pt|tf) NAME(se_e2_a|se_atten)
  local be=$1 name=$2 block warm steps frames ext dir
  if [ "$name" = se_e2_a ]; then block=$BLOCK; warm=$WARMUP_STEPS; steps=$TRAIN_STEPS; frames=$INFER_FRAMES
  else block=$BLOCK_DPA1; warm=$WARMUP_STEPS_DPA1; steps=$TRAIN_STEPS_DPA1; frames=$INFER_FRAMES_DPA1; fi
  case $be in pt) ext=pth;; tf) ext=pb;; esac
  dir="$OUT/deepmd-$name-$be"; mkdir -p "$dir"
  local A="$SHARED/anchors/deepmd"
  log "DeePMD-kit $be $name, $THREADS threads: train $((warm + steps)) steps"
  (
    cd "$dir"
    export OMP_NUM_THREADS=$THREADS DP_INTRA_OP_PARALLELISM_THREADS=$THREADS DP_INTER_OP_PARALLELISM_THREADS=1 NUM_WORKERS=0
    export PATH="$VENV/bin:$PATH" SAVE_FREQ=1000000
    "$VENV/bin/python" "$A/prep_input.py" "$DATA_SHARED/$name.input.json" input.json $((warm + steps)) "$DATA_SHARED" > prep.log
    "$VENV/bin/python" - "$block" <<'PY'
import json, sys
d = json.load(open("input.json")); d["training"]["disp_freq"] = int(sys.argv[1]); d["training"]["save_freq"] = 1000000
# no validation: DeePMD-kit's per-block wall time would include it (3 frames per display), SymLab's excludes it
d["training"].pop("validation_data", None)
json.dump(d, open("input.json", "w"), indent=2)
PY
    $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o time_train.txt dp --$be train input.json --skip-neighbor-stat -l train.log > train.stdout 2>&1 \
      || { tail -30 train.stdout; exit 1; }
    "$VENV/bin/python" "$A/parse_timing.py" train.log "$warm" > timing.txt
    $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o time_freeze.txt dp --$be freeze -o frozen.$ext > freeze.stdout 2>&1 \
      || { tail -30 freeze.stdout; exit 1; }
    log "DeePMD-kit $be $name: inference, $INFER_REPEATS x $frames frames after $INFER_WARMUP warm-up calls"
    MAXF=$frames "$VENV/bin/python" "$A/infer_bench.py" frozen.$ext "$DATA_SHARED/data_3" "$INFER_REPEATS" "$INFER_WARMUP" > infer.log 2>&1 \
      || { tail -30 infer.log; exit 1; }
  ) || return 1
  local med mn mx nb inf rss_train rss_inf
  read -r med mn mx nb < <(python3 - "$dir/timing.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
m = re.search(r"blocks=(\d+).*median ([\d.]+) s/step.*min ([\d.]+)\s+max ([\d.]+)", t)
print(f"{m.group(2)} {m.group(3)} {m.group(4)} {m.group(1)}" if m else "nan nan nan 0")
PY
)
  inf=$(python3 -c "import re,statistics as s; v=[float(x) for x in re.findall(r'=> ([\d.]+) ms/frame', open('$dir/infer.log').read())]; print(round(s.median(v),3) if v else None)")
  rss_train=$(maxrss_kb "$dir/time_train.txt")
  rss_inf=$(sed -n 's/^peak RSS \([0-9]*\) MiB.*/\1/p' "$dir/infer.log")
  local model=$name; [ "$name" = se_atten ] && model=dpa1
  local ver; ver=$("$VENV/bin/python" -c "import deepmd; print(deepmd.__version__)" 2>/dev/null)
  row "$(python3 -c "import json; print(json.dumps(dict(tool='DeePMD-kit', backend='$be', model='$model', input='$name.input.json', threads=$THREADS, phase='deepmd',
    train_s_per_step=float('$med'), train_block_min=float('$mn'), train_block_max=float('$mx'), train_blocks=int('$nb'), block_steps=$block, warmup_steps=$warm,
    train_how='dp --$be train without validation_data: median over blocks of $block steps (disp_freq) after $warm warm-up steps (parse_timing.py; includes data loading)',
    infer_ms_per_frame=$inf, infer_how='infer_bench.py (DeepPot.eval, 1 frame per call, E+F+virial): median of $INFER_REPEATS repeats of $frames frames after $INFER_WARMUP warm-up calls',
    peak_rss_train_mib=round(int('$rss_train')/1024), peak_rss_infer_mib=(int('$rss_inf') if '$rss_inf' else None), version='$ver')))")"
  log "  -> train $med s/step (blocks $nb), inference $inf ms/frame, peak RSS train $((rss_train / 1024)) MiB"
}

# ==== compressed se_e2_a (issue 13, item 7): `symlab compress` against `dp --pt compress` =================
# Self-contained section: compress_run measures, compress_report adds its table to results.md and the key
# "compressed_se_e2_a" to results.json. One trained model for all four measurements: the DeePMD-kit se_e2_a
# that deepmd_run trained and froze (PyTorch), (a) as frozen, (b) compressed by `dp --pt compress -t input.json`
# (training skipped the neighbour statistics, so -t gives min_nbor_dist from the training data), (c) converted
# to SymLab (`dp convert-backend` -> `symlab import`) and (d) that compressed by `symlab compress --data` with
# the same training data (same r_min, hence the same table range). Inference: DeePMD-kit with infer_bench.py
# as deepmd_run does; SymLab with `symlab bench --only model --model` (neighbour list + E+F+virial on one
# 192-atom frame) as symlab_run does, peak RSS from `symlab test`. Accuracy: E and F of each compressed model
# against its exact one, and SymLab against DeePMD-kit, on the first INFER_FRAMES frames of data_3, and on
# two copies of its frame 0 with one O-H pair pushed to 0.3 Å (coarse table) and 0.102 Å (beyond both tables).
compress_run() {
  local src="$OUT/deepmd-se_e2_a-pt" dir="$OUT/compress-se_e2_a" A="$SHARED/anchors/deepmd" frames=$INFER_FRAMES
  [ -f "$src/frozen.pth" ] && [ -f "$src/input.json" ] || { log "compressed se_e2_a: no DeePMD-kit PyTorch frozen model: skipped"; return 0; }
  mkdir -p "$dir"
  [ -d "$OUT/data_3_$frames" ] || subset "$frames" "$OUT/data_3_$frames"
  python3 - "$REPO/data/water-dft/data_3" "$dir/close-pairs" <<'PY' || return 1
import os, shutil, sys, numpy as np
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(dst, "set.000"), exist_ok=True)
for f in ("type.raw", "type_map.raw"): shutil.copy(os.path.join(src, f), dst)
types = np.loadtxt(os.path.join(src, "type.raw"), dtype=int)
x0, box = np.load(os.path.join(src, "set.000", "coord.npy"))[0].reshape(-1, 3), np.load(os.path.join(src, "set.000", "box.npy"))[:1]
o, h = int(np.where(types == 0)[0][0]), int(np.where(types == 1)[0][0])
frames = []
for d in (0.3, 0.102):  # SymLab's readers refuse pairs closer than 0.1 A
    x = x0.copy(); x[h] = x[o] + np.array([d, 0, 0]); frames.append(x.reshape(-1))
np.save(os.path.join(dst, "set.000", "coord.npy"), np.array(frames)); np.save(os.path.join(dst, "set.000", "box.npy"), np.repeat(box, 2, axis=0))
PY
  local sets=("$OUT/data_3_$frames" "$dir/close-pairs")
  local train_data=(--data "$DATA_SHARED/data_0" --data "$DATA_SHARED/data_1" --data "$DATA_SHARED/data_2")
  log "compressed se_e2_a: dp --pt compress, then symlab import + symlab compress of the same model"
  (
    cd "$dir"
    export OMP_NUM_THREADS=$THREADS DP_INTRA_OP_PARALLELISM_THREADS=$THREADS DP_INTER_OP_PARALLELISM_THREADS=1 NUM_WORKERS=0 PATH="$VENV/bin:$PATH"
    $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o time_dp_compress.txt \
      dp --pt compress -i "$src/frozen.pth" -o compressed.pth -t "$src/input.json" -s 0.01 -e 5 > dp_compress.log 2>&1 \
      || { tail -30 dp_compress.log; exit 1; }
    dp convert-backend "$src/frozen.pth" exact.yaml > convert.log 2>&1 || { tail -30 convert.log; exit 1; }
    for m in frozen compressed; do
      local model=compressed.pth; [ "$m" = frozen ] && model="$src/frozen.pth"
      log "compressed se_e2_a: DeePMD-kit $m, $INFER_REPEATS x $frames frames after $INFER_WARMUP warm-up calls"
      MAXF=$frames python "$A/infer_bench.py" "$model" "$DATA_SHARED/data_3" "$INFER_REPEATS" "$INFER_WARMUP" > "infer_deepmd_$m.log" 2>&1 \
        || { tail -30 "infer_deepmd_$m.log"; exit 1; }
    done
    # DeePMD-kit's E and F of both models on the systems `symlab test` reads below
    python - "$src/frozen.pth" compressed.pth "${sets[@]}" <<'PY' > predict_deepmd.log 2>&1 || { tail -30 predict_deepmd.log; exit 1; }
import json, os, sys, numpy as np
from deepmd.infer import DeepPot
models = {key: DeepPot(path) for key, path in (("exact", sys.argv[1]), ("compressed", sys.argv[2]))}
out = {}
for sysdir in sys.argv[3:]:
    names = open(os.path.join(sysdir, "type_map.raw")).read().split()
    coord, box = (np.load(os.path.join(sysdir, "set.000", f + ".npy")) for f in ("coord", "box"))
    for key, dp in models.items():
        tm = dp.get_type_map()
        atype = np.array([tm.index(names[t]) for t in np.loadtxt(os.path.join(sysdir, "type.raw"), dtype=int)])
        rows = [dp.eval(coord[i:i + 1], box[i:i + 1], atype)[:2] for i in range(len(coord))]
        out.setdefault(os.path.basename(sysdir), {})[key] = dict(energy=[float(e.reshape(-1)[0]) for e, _ in rows],
                                                                forces=[f.reshape(-1).tolist() for _, f in rows])
import torch  # DeePMD-kit's table of each net: [lower, upper, upper x extrapolate, stride, 10 stride, check]
out["_tables"] = [v.tolist() for k, v in torch.jit.load(sys.argv[2], map_location="cpu").state_dict().items() if "compress_info" in k]
json.dump(out, open("predictions_deepmd.json", "w"))
PY
  ) || return 1
  "$SYMLAB" import "$dir/exact.yaml" -o "$dir/exact.json" > "$dir/import.log" 2>&1 || { cat "$dir/import.log"; return 1; }
  OPENBLAS_NUM_THREADS=$THREADS $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$dir/time_symlab_compress.txt" \
    "$SYMLAB" compress "$dir/exact.json" -o "$dir/compressed.json" "${train_data[@]}" > "$dir/symlab_compress.log" 2>&1 \
    || { cat "$dir/symlab_compress.log"; return 1; }
  local m set
  for m in exact compressed; do
    log "compressed se_e2_a: SymLab $m, symlab bench --only model --model, $THREADS thread(s)"
    OPENBLAS_NUM_THREADS=$THREADS "$SYMLAB" bench --only model --model "$dir/$m.json" --threads "$THREADS" --repeats "$INFER_REPEATS" \
      > "$dir/bench_symlab_$m.txt" 2>&1 || { cat "$dir/bench_symlab_$m.txt"; return 1; }
    for set in "${sets[@]}"; do  # the first: peak RSS of inference; both: predictions for the accuracy check
      OPENBLAS_NUM_THREADS=$THREADS $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$dir/time_test_symlab_$m-$(basename "$set").txt" \
        "$SYMLAB" test --model "$dir/$m.json" --data "$set" --predictions "$dir/predictions_symlab_$m-$(basename "$set").json" \
        > "$dir/test_symlab_$m-$(basename "$set").log" 2>&1 || { cat "$dir/test_symlab_$m-$(basename "$set").log"; return 1; }
    done
  done
  # rows (section "compress") and the accuracy cross-check
  python3 - "$dir" "$THREADS" "$INFER_REPEATS" "$frames" "$INFER_WARMUP" "$(basename "${sets[0]}")" <<'PY' >> "$RESULTS" || return 1
import json, os, re, statistics as st, sys
d, threads, repeats, frames, warm, timed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
def rss(path):
    m = re.search(r"_(\d+)KB_maxrss", open(path).read()); return round(int(m.group(1)) / 1024) if m else None
def bench(path, label):
    for line in open(path):
        if line.startswith(label): return float(re.split(r"\s{2,}", line.strip())[1])
for m in ("frozen", "compressed"):
    log = open(os.path.join(d, f"infer_deepmd_{m}.log")).read()
    v = [float(x) for x in re.findall(r"=> ([\d.]+) ms/frame", log)]; r = re.search(r"peak RSS (\d+) MiB", log)
    print(json.dumps(dict(section="compress", tool="DeePMD-kit", backend="pt", model="se_e2_a " + ("exact" if m == "frozen" else "compressed"),
        threads=threads, infer_ms_per_frame=round(st.median(v), 3) if v else None, peak_rss_infer_mib=int(r.group(1)) if r else None,
        infer_how=f"infer_bench.py (DeepPot.eval, 1 frame per call, E+F+virial): median of {repeats} repeats of {frames} frames after {warm} warm-up calls"
        + ("; dp --pt compress -s 0.01 -e 5 -t input.json" if m == "compressed" else ""))))
for m in ("exact", "compressed"):
    b = os.path.join(d, f"bench_symlab_{m}.txt")
    ms = round(bench(b, "neighbour list") + bench(b, "inference: E + F + virial"), 3)
    print(json.dumps(dict(section="compress", tool="SymLab", backend="symlab", model=f"se_e2_a {m}", threads=threads, infer_ms_per_frame=ms,
        peak_rss_infer_mib=rss(os.path.join(d, f"time_test_symlab_{m}-{timed}.txt")),
        infer_how=f"symlab bench --only model --model: neighbour list + predict (E+F+virial) on one 192-atom frame, median of {repeats} after 1 warm-up"
        + ("; symlab compress --stride 0.01 --extrapolate 5 --data <training data>" if m == "compressed" else "; dp convert-backend + symlab import"))))
# accuracy: max |dE|/atom and max |dF| between the four models on the same frames, per frame set
dp = json.load(open(os.path.join(d, "predictions_deepmd.json")))
acc = []
for name, label in ((timed, f"the first {frames} frames of data_3"), ("close-pairs", "data_3 frame 0 with an O-H pair at 0.3 and at 0.102 Å")):
    pred = {("DeePMD-kit", m): (dp[name][m]["energy"], dp[name][m]["forces"]) for m in ("exact", "compressed")}
    for m in ("exact", "compressed"):
        fr = json.load(open(os.path.join(d, f"predictions_symlab_{m}-{name}.json")))["frames"]
        pred[("SymLab", m)] = ([f["energy"] for f in fr], [f["forces"] for f in fr]); natoms = len(fr[0]["types"])
    def diff(a, b):
        (ea, fa), (eb, fb) = pred[a], pred[b]
        return dict(energy_per_atom_max=max(abs(x - y) / natoms for x, y in zip(ea, eb)),
                    force_max=max(abs(x - y) for u, v in zip(fa, fb) for x, y in zip(u, v)))
    for a, b in [(("DeePMD-kit", "compressed"), ("DeePMD-kit", "exact")), (("SymLab", "compressed"), ("SymLab", "exact")),
                 (("SymLab", "exact"), ("DeePMD-kit", "exact")), (("SymLab", "compressed"), ("DeePMD-kit", "compressed"))]:
        acc.append(dict(frames=label, a=" ".join(a), b=" ".join(b), **diff(a, b)))
tab = re.findall(r"r_min = ([\d.]+) Å.*?s~ table \[(\S+), (\S+)\)", open(os.path.join(d, "symlab_compress.log")).read())
json.dump(dict(pairs=acc, symlab_table=dict(r_min=float(tab[0][0]), lower=float(tab[0][1]), upper=float(tab[0][2])) if tab else None,
               deepmd_tables=[dict(lower=t[0], upper=t[1], end=t[2]) for t in dp.get("_tables", [])]),
          open(os.path.join(d, "accuracy.json"), "w"), indent=2)
PY
  log "  -> compressed se_e2_a rows and $dir/accuracy.json written"
}

compress_report() {  # appends the section's table to results.md and its key to results.json
  local dir="$OUT/compress-se_e2_a"
  grep -q '"section": "compress"' "$RESULTS" 2>/dev/null || return 0
  python3 - "$OUT" <<'PY'
import json, os, sys
out = sys.argv[1]
rows = [r for r in (json.loads(l) for l in open(os.path.join(out, "rows.jsonl")) if l.strip()) if r.get("section") == "compress"]
acc_path = os.path.join(out, "compress-se_e2_a", "accuracy.json")
acc = json.load(open(acc_path)) if os.path.exists(acc_path) else None
get = lambda tool, model: next((r for r in rows if r["tool"] == tool and r["model"] == "se_e2_a " + model), None)
speed = {}
for tool in ("SymLab", "DeePMD-kit"):
    e, c = get(tool, "exact"), get(tool, "compressed")
    if e and c and e["infer_ms_per_frame"] and c["infer_ms_per_frame"]: speed[tool] = round(e["infer_ms_per_frame"] / c["infer_ms_per_frame"], 3)
ratio = {}
for model in ("exact", "compressed"):
    s, d = get("SymLab", model), get("DeePMD-kit", model)
    if s and d and s["infer_ms_per_frame"] and d["infer_ms_per_frame"]: ratio[model] = round(s["infer_ms_per_frame"] / d["infer_ms_per_frame"], 3)
res = json.load(open(os.path.join(out, "results.json")))
res["compressed_se_e2_a"] = dict(rows=rows, compression_speedup=speed, ratio_symlab_over_deepmd=ratio, accuracy=acc)
json.dump(res, open(os.path.join(out, "results.json"), "w"), indent=2)
f = lambda v, p=1: "-" if v is None else f"{v:.{p}f}"
L = ["", "## Compressed se_e2_a: `symlab compress` vs `dp --pt compress` (one DeePMD-kit-trained model)", "",
     "| tool | model | threads | inference ms/frame (E+F+virial) | exact / compressed | peak RSS infer MiB |", "|---|---|---|---|---|---|"]
for r in rows:
    sp = speed.get(r["tool"]) if r["model"].endswith("compressed") else None
    L.append(f"| {r['tool']} | {r['model']} | {r['threads']} | {f(r['infer_ms_per_frame'])} | {f(sp, 2) if sp else '-'} | {f(r['peak_rss_infer_mib'], 0)} |")
if ratio:
    L += ["", "SymLab / DeePMD-kit inference time: " + ", ".join(f"{k} {v:.3f}" for k, v in ratio.items()) + " (below 1: SymLab faster)."]
if acc:
    L += ["", "Accuracy: the four models on the same frames (max over frames, atoms and components)"
          + (f"; SymLab's table: r_min {acc['symlab_table']['r_min']} Å, s~ in [{acc['symlab_table']['lower']}, {acc['symlab_table']['upper']}), coarse to 5 x upper" if acc.get("symlab_table") else "")
          + ("; DeePMD-kit's: " + ", ".join(f"[{t['lower']}, {t['upper']}) to {t['end']}" for t in acc["deepmd_tables"]) if acc.get("deepmd_tables") else "") + ":", "",
          "| frames | model | against | max abs(dE)/atom (eV) | max abs(dF) (eV/Å) |", "|---|---|---|---|---|"]
    for p in acc["pairs"]: L.append(f"| {p['frames']} | {p['a']} | {p['b']} | {p['energy_per_atom_max']:.2e} | {p['force_max']:.2e} |")
L += ["", "How: " + "; ".join(sorted({r['tool'] + ' ' + r['model'] + ': ' + r['infer_how'] for r in rows})) + "."]
open(os.path.join(out, "results.md"), "a").write("\n".join(L) + "\n")
PY
}
# ==== end of the compressed se_e2_a section ====================================================================

# ---- the run: SymLab (THREADS) before, SymLab 1 thread, DeePMD-kit backends, SymLab (THREADS) after
MODELS=(se_e2_a); [ "$DPA1" = 1 ] && MODELS+=(dpa1)
BACKENDS=()
if [ -z "$DEEPMD_NOTE" ]; then
  BACKENDS=(pt)
  if "$VENV/bin/python" -c "import tensorflow" >/dev/null 2>&1; then BACKENDS+=(tf)
  else log "DeePMD-kit venv has no TensorFlow: PyTorch backend only (WITH_TF=1 install.sh adds it)"; fi
fi
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for m in "${MODELS[@]}"; do
  symlab_run "$m" "$THREADS" before
  [ "$THREADS" != 1 ] && symlab_run "$m" 1 1-thread
  if [ -z "$DEEPMD_NOTE" ]; then
    for be in "${BACKENDS[@]}"; do
      if [ "$m" = dpa1 ] && [ "$be" = tf ]; then log "DPA-1: TensorFlow backend skipped (se_atten_v2 is compared with PyTorch)"; continue; fi
      deepmd_run "$be" "$([ "$m" = dpa1 ] && echo se_atten || echo se_e2_a)"
    done
    if [ "$m" = se_e2_a ] && [ "$COMPRESS" = 1 ]; then compress_run || log "compressed se_e2_a section failed: see $OUT/compress-se_e2_a (the other results stand)"; fi
    symlab_run "$m" "$THREADS" after
  fi
done
FINISHED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
# OpenBLAS core type: `symlab bench` prints "BLAS: <config>; core <name>; N thread(s)"
BLAS_LINE=$(cat "$OUT"/symlab-se_e2_a-*/bench.txt 2>/dev/null | grep -m1 '^BLAS:' | sed 's/; [0-9]* thread(s)//' || true)
[ -n "$BLAS_LINE" ] || BLAS_LINE=$(OPENBLAS_VERBOSE=2 "$SYMLAB" --version 2>&1 | grep -m1 -i 'core' || echo "OpenBLAS core: unknown")

# ---- table: results.json + results.md
python3 - "$OUT" <<PY
import json, os, sys
out = sys.argv[1]
rows = [json.loads(l) for l in open(os.path.join(out, "rows.jsonl")) if l.strip()]
rows = [r for r in rows if r.get("section") != "compress"]  # the compressed se_e2_a section reports itself (compress_report)
meta = dict(started="$STARTED", finished="$FINISHED", cpu="""$CPU""", cores=$NCPU,
            openblas="""$BLAS_LINE""", load_average_start="$LOAD_START", load_average_end="$LOAD_END",
            symlab_commit="$SYMLAB_COMMIT", symlab_build_dirty="$SYMLAB_DIRTY", threads=$THREADS,
            same_data=("$same_data" == "true") if "$same_data" != "unknown" else None,
            deepmd_venv="$VENV" or None, deepmd_skipped="""$DEEPMD_NOTE""" or None,
            settings=dict(train_steps=$TRAIN_STEPS, block=$BLOCK, warmup_steps=$WARMUP_STEPS, infer_frames=$INFER_FRAMES,
                          infer_repeats=$INFER_REPEATS, infer_warmup=$INFER_WARMUP, dpa1=("$DPA1" == "1")))
ratios = []
for model in sorted({r["model"] for r in rows}):
    sym = {r["phase"]: r for r in rows if r["tool"] == "SymLab" and r["model"] == model}
    for d in (r for r in rows if r["tool"] == "DeePMD-kit" and r["model"] == model):
        for phase in ("before", "after"):
            s = sym.get(phase)
            if not s: continue
            q = lambda k: (round(s[k] / d[k], 3) if s.get(k) and d.get(k) else None)
            ratios.append(dict(model=model, deepmd_backend=d["backend"], symlab_phase=phase, threads=d["threads"],
                               train=q("train_s_per_step"), infer=q("infer_ms_per_frame"), peak_rss_train=q("peak_rss_train_mib")))
speedup = []
for model in sorted({r["model"] for r in rows}):
    one = next((r for r in rows if r["tool"] == "SymLab" and r["model"] == model and r["threads"] == 1), None)
    many = next((r for r in rows if r["tool"] == "SymLab" and r["model"] == model and r["phase"] == "before"), None)
    if one and many and one is not many:
        speedup.append(dict(model=model, threads=many["threads"],
                            train=round(one["train_s_per_step"] / many["train_s_per_step"], 3),
                            infer=round(one["infer_ms_per_frame"] / many["infer_ms_per_frame"], 3) if one["infer_ms_per_frame"] and many["infer_ms_per_frame"] else None))
json.dump(dict(meta=meta, rows=rows, ratios_symlab_over_deepmd=ratios, symlab_thread_speedup=speedup,
               ratio_measured=bool(ratios)), open(os.path.join(out, "results.json"), "w"), indent=2)
f = lambda v, p=3: "-" if v is None else (f"{v:.{p}f}" if isinstance(v, float) else str(v))
L = [f"# SymLab vs DeePMD-kit, side by side ({meta['started']} - {meta['finished']})", "",
     f"- CPU: {meta['cpu']} ({meta['cores']} cores); {meta['openblas']}",
     f"- load average at start {meta['load_average_start']}, at end {meta['load_average_end']} (other load inflates every figure)",
     f"- SymLab {meta['symlab_commit'][:12]} (dirty build: {meta['symlab_build_dirty']}); "
     + ("DeePMD-kit " + ", ".join(sorted({r.get('version','?') for r in rows if r['tool']=='DeePMD-kit'})) + f" from {meta['deepmd_venv']}" if meta['deepmd_venv'] and not meta['deepmd_skipped'] else "DeePMD-kit not run"),
     f"- same water data for both (data/water-dft == ../shared/data/deepmd-water): {meta['same_data']}",
     f"- settings: {meta['settings']}", ""]
if meta["deepmd_skipped"]:
    L += [f"**No ratio measured**: {meta['deepmd_skipped']}.", ""]
L += ["| model | tool | backend | threads | when | train s/step (median) | blocks min-max | inference ms/frame (E+F+virial) | peak RSS train MiB | peak RSS infer MiB |",
      "|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    L.append(f"| {r['model']} | {r['tool']} | {r['backend']} | {r['threads']} | {r['phase']} | {f(r['train_s_per_step'])} | "
             f"{f(r['train_block_min'])}-{f(r['train_block_max'])} ({r['train_blocks']}) | {f(r['infer_ms_per_frame'],1)} | {f(r['peak_rss_train_mib'])} | {f(r['peak_rss_infer_mib'])} |")
if ratios:
    L += ["", "Ratios SymLab / DeePMD-kit (below 1: SymLab faster or smaller), SymLab measured before and after DeePMD-kit:", "",
          "| model | DeePMD-kit backend | SymLab run | threads | train | inference | peak RSS train |", "|---|---|---|---|---|---|---|"]
    for q in ratios:
        L.append(f"| {q['model']} | {q['deepmd_backend']} | {q['symlab_phase']} | {q['threads']} | {f(q['train'])} | {f(q['infer'])} | {f(q['peak_rss_train'])} |")
drift = []
for model in sorted({r["model"] for r in rows}):
    b = next((r for r in rows if r["tool"] == "SymLab" and r["model"] == model and r["phase"] == "before"), None)
    a = next((r for r in rows if r["tool"] == "SymLab" and r["model"] == model and r["phase"] == "after"), None)
    if a and b:
        for k, name in (("train_s_per_step", "training"), ("infer_ms_per_frame", "inference")):
            if a.get(k) and b.get(k) and abs(a[k] / b[k] - 1) > 0.10:
                drift.append(f"{model} {name}: SymLab after / before = {a[k] / b[k]:.2f}")
if drift:
    L += ["", "**Drift**: the SymLab runs before and after DeePMD-kit differ by more than 10% (" + "; ".join(drift)
          + "): the machine's speed changed during the run, so read the ratios as a range at best."]
if speedup:
    L += ["", "SymLab thread speed-up (1-thread time / multi-thread time; 2.0 = both cores fully used):", "",
          "| model | threads | train | inference |", "|---|---|---|---|"]
    for s in speedup: L.append(f"| {s['model']} | 1 -> {s['threads']} | {f(s['train'],2)} | {f(s['infer'],2)} |")
L += ["", "How (training): " + "; ".join(sorted({r['tool'] + ' ' + r['model'] + ': ' + r['train_how'] for r in rows})) + ".",
      "", "How (inference): " + "; ".join(sorted({r['tool'] + ' ' + r['model'] + ': ' + r['infer_how'] for r in rows})) + "."]
open(os.path.join(out, "results.md"), "w").write("\n".join(L) + "\n")
PY
compress_report
echo; cat "$OUT/results.md"; echo; echo "written: $OUT/results.json $OUT/results.md"
