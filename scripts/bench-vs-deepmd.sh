#!/usr/bin/env bash
# SymLab and DeePMD-kit side by side on this machine: same water data, same model sizes, same thread
# counts, one after the other in one run. SymLab (2 threads) is measured before AND after DeePMD-kit
# so that drift (other load, thermal, turbo) shows; both codes are also measured at 1 thread to show
# whether the second core does useful work (section "Threads"), and on water supercells of 192 to 12,288
# atoms (section "Scaling in atoms"). Writes results.json and results.md into OUT.
#
# Usage: scripts/bench-vs-deepmd.sh [VENV]        (from anywhere; or `make bench-deepmd`)
#   VENV            a DeePMD-kit venv (default $DEEPMD_VENV). Without one, SymLab is measured alone
#                   and no ratio is reported. Make one with ../shared/anchors/deepmd/install.sh.
# Environment (with THREADS_1=0 SCALING=0 the defaults keep the run under ~10 min on 2 cores, se_e2_a only;
# the 1-thread and scaling runs add several minutes each):
#   TRAIN_STEPS=60  timed training steps per tool and configuration, after the warm-up block
#   BLOCK=20        steps per timing block (the display interval); median over blocks
#   WARMUP_STEPS=20 training steps run first and dropped (a multiple of BLOCK)
#   INFER_FRAMES=20 inference frames (one frame per call, E+F+virial) per repeat
#   INFER_REPEATS=3 inference repeats (median); INFER_WARMUP=5 DeePMD-kit warm-up calls (dropped;
#                   TorchScript's first calls are slow); SymLab's bench drops one warm-up call
#   THREADS=2       the thread count of the comparison
#   THREADS_1=1     also train and infer with both codes at 1 thread: section "Threads" of results.md (1- and
#                   THREADS-thread figures, speed-ups, and the thread counts DeePMD-kit reports and the CPU time
#                   per wall second each run used, to check that it ran with the threads asked); 0 skips them
#   DEEPMD_BACKENDS="pt tf"  DeePMD-kit backends to measure (default: pt, and tf when TensorFlow imports)
#   DPA1=1          also DPA-1: experiments/water-dpa1.yaml vs DeePMD-kit se_atten_v2 (slow: ~7 s/step
#                   and ~2 s/frame in DeePMD-kit's PyTorch backend; use small TRAIN_STEPS_DPA1)
#   TRAIN_STEPS_DPA1=10 BLOCK_DPA1=5 WARMUP_STEPS_DPA1=5 INFER_FRAMES_DPA1=5
#   COMPRESS=1      also the compressed se_e2_a section: the DeePMD-kit-trained model exact and compressed,
#                   in DeePMD-kit (dp --pt compress) and in SymLab (symlab import + symlab compress), inference
#                   and E/F agreement (see compress_run; needs the PyTorch backend; 0 skips it)
#   OUT=runs/bench-vs-deepmd-<UTC time>   output folder (relative to the repository root)
#   SKIP_BUILD=1    use the existing .build/release/symlab instead of running `make build`
# Scaling in atoms (section "Scaling in atoms" of results.md; se_e2_a, THREADS threads, both codes, the models
# trained above): inference on n x n x n copies of a periodic data_3 frame (192 n^3 atoms), one process
# per (code, size) so that the peak RSS is per size, and one process on a single water molecule (3 atoms)
# whose peak RSS is the baseline (program + model loaded): increment = peak - baseline.
#   SCALING=1       on (0: off)
#   SCALING_SIZES="1 2 4"  the replication factors n: 192, 1,536 and 12,288 atoms
#   SCALING_FRAMES=auto    frames per size (auto: max(2, round(INFER_FRAMES x 192 / atoms)))
#   SCALING_REPEATS=INFER_REPEATS  repeats per size (median)
#   SCALING_MAX_RSS_MIB=8192  a size whose peak RSS, estimated on the safe side from the smaller sizes
#                   (baseline + atoms x the largest increment per atom so far x 1.2), would exceed this (or the
#                   memory available now minus 2 GiB) is not run: the table gives the estimate instead. A
#                   process that goes over it anyway is stopped (and reported). Smoke runs: 12,288 atoms
#                   needs about 16 GiB in SymLab and 17 GiB or more in DeePMD-kit's PyTorch backend, so it
#                   runs only with a larger cap on an otherwise idle machine (docs/benchmarks.md);
#                   SCALING_SIZES="1 2 3 4" adds 5,184 atoms (SymLab 6.5 GiB, DeePMD-kit PyTorch 7.5 GiB)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
VENV=${1:-${DEEPMD_VENV:-}}
TRAIN_STEPS=${TRAIN_STEPS:-60}; BLOCK=${BLOCK:-20}; WARMUP_STEPS=${WARMUP_STEPS:-20}
INFER_FRAMES=${INFER_FRAMES:-20}; INFER_REPEATS=${INFER_REPEATS:-3}; INFER_WARMUP=${INFER_WARMUP:-5}
THREADS=${THREADS:-2}; DPA1=${DPA1:-0}; THREADS_1=${THREADS_1:-1}
SCALING=${SCALING:-1}; SCALING_SIZES=${SCALING_SIZES:-1 2 4}; SCALING_FRAMES=${SCALING_FRAMES:-auto}
SCALING_REPEATS=${SCALING_REPEATS:-$INFER_REPEATS}; SCALING_MAX_RSS_MIB=${SCALING_MAX_RSS_MIB:-8192}
TRAIN_STEPS_DPA1=${TRAIN_STEPS_DPA1:-10}; BLOCK_DPA1=${BLOCK_DPA1:-5}; WARMUP_STEPS_DPA1=${WARMUP_STEPS_DPA1:-5}
INFER_FRAMES_DPA1=${INFER_FRAMES_DPA1:-5}
COMPRESS=${COMPRESS:-1}
OUT=${OUT:-runs/bench-vs-deepmd-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
SYMLAB="$REPO/.build/release/symlab"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench-vs-deepmd: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench-vs-deepmd: python3 is needed to assemble the table" >&2; exit 1; }
for v in TRAIN_STEPS BLOCK WARMUP_STEPS INFER_FRAMES INFER_REPEATS THREADS SCALING_REPEATS SCALING_MAX_RSS_MIB; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "bench-vs-deepmd: $v must be a positive integer, got '${!v}'" >&2; exit 2; }
done
[[ $INFER_WARMUP =~ ^[0-9]+$ ]] || { echo "bench-vs-deepmd: INFER_WARMUP must be an integer >= 0" >&2; exit 2; }
[[ $THREADS_1 =~ ^[01]$ && $SCALING =~ ^[01]$ ]] || { echo "bench-vs-deepmd: THREADS_1 and SCALING must be 0 or 1" >&2; exit 2; }
[[ $SCALING_FRAMES = auto || $SCALING_FRAMES =~ ^[2-9]$|^[1-9][0-9]+$ ]] \
  || { echo "bench-vs-deepmd: SCALING_FRAMES must be auto or an integer >= 2 (N frames minus 1 frame)" >&2; exit 2; }
for n in $SCALING_SIZES; do [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench-vs-deepmd: SCALING_SIZES must be positive integers, got '$n'" >&2; exit 2; }; done
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
# CPU seconds (user + sys) per wall second of a /usr/bin/time record: about 1 for one busy thread
cpu_use() { python3 -c "import re,sys; m=re.search(r'([\d.]+)_wall_s_([\d.]+)_user_s_([\d.]+)_sys_s', open(sys.argv[1]).read()); w=float(m.group(1)) if m else 0; print(round((float(m.group(2))+float(m.group(3)))/w, 2) if w else None)" "$1" 2>/dev/null || echo None; }

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
      "$SYMLAB" test --threads "$thr" --model "$dir/train/model.json" --data "$OUT/data_3_$frames" > "$dir/test_$r.log" 2>&1 || { cat "$dir/test_$r.log"; return 1; }
    tn+=("$(sed 's/_wall_s.*//' "$dir/time_test_$r.txt")")
    if [ "$model" != se_e2_a ]; then
      OPENBLAS_NUM_THREADS=$thr $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$dir/time_test1_$r.txt" \
        "$SYMLAB" test --threads "$thr" --model "$dir/train/model.json" --data "$OUT/data_3_1" > "$dir/test1_$r.log" 2>&1 || { cat "$dir/test1_$r.log"; return 1; }
      t1+=("$(sed 's/_wall_s.*//' "$dir/time_test1_$r.txt")")
    fi
  done
  inf_rss=$(maxrss_kb "$dir/time_test_1.txt")
  if [ "$model" != se_e2_a ]; then
    inf_ms=$(python3 -c "import statistics as s; a=[float(x) for x in '${tn[*]}'.split()]; b=[float(x) for x in '${t1[*]}'.split()]; print(round((s.median(a)-s.median(b))/max($frames-1,1)*1e3, 3))")
  fi
  # the thread counts SymLab reports: its training config's `threads`, and `symlab bench`'s OpenBLAS threads
  local seen; seen=$(python3 - "$dir" "$model" <<'PY'
import json, os, re, sys
d, model = sys.argv[1:]
cfg = json.load(open(os.path.join(d, "train", "config.json")))["schedule"]["threads"]
m = re.search(r"^BLAS:.*; (\d+) thread", open(os.path.join(d, "bench.txt")).read(), re.M) if model == "se_e2_a" else None
print(json.dumps(dict(config_threads=cfg, bench_blas_threads=int(m.group(1)) if m else None)))
PY
)
  row "$(python3 -c "import json,sys; print(json.dumps(dict(tool='SymLab', backend='symlab', model='$model', threads=$thr, phase='$phase',
    train_s_per_step=float('$med'), train_block_min=float('$mn'), train_block_max=float('$mx'), train_blocks=int('$nb'), block_steps=$block, warmup_steps=$warm,
    train_how='symlab train: median over blocks of $block steps after $warm warm-up steps (learning-curve.csv wall_s: predict+loss+gradients+Adam; batch building and validation excluded)',
    infer_ms_per_frame=$inf_ms, infer_how='$inf_how', neighbour_list_ms=$nl_ms, bench_train_step_s=$bench_step,
    peak_rss_train_mib=round(int('$rss_train')/1024), peak_rss_infer_mib=(round(int('$inf_rss')/1024) if '$inf_rss' else None),
    cpu_use_train=$(cpu_use "$dir/time_train.txt"), cpu_use_infer=$(cpu_use "$dir/$([ "$model" = se_e2_a ] && echo time_bench.txt || echo time_test_1.txt)"),
    threads_seen=json.loads('$seen'))))")"
  log "  -> train $med s/step (blocks $nb, min $mn max $mx), inference $inf_ms ms/frame, peak RSS train $((rss_train / 1024)) MiB"
}

# ---- DeePMD-kit: prep_input.py + dp train (blocks of disp_freq) + parse_timing.py; freeze; infer_bench.py
# DeePMD-kit's thread settings for THR threads (../shared/anchors/deepmd.md)
deepmd_env() {  # THR
  export OMP_NUM_THREADS=$1 DP_INTRA_OP_PARALLELISM_THREADS=$1 DP_INTER_OP_PARALLELISM_THREADS=1 NUM_WORKERS=0
}
# infer_bench.py MODEL SYSTEM REPEATS WARMUP (MAXF frames), then the thread counts the backend really has
# ("threads used: ..."): torch.get_num_threads() / TensorFlow's session config; and frame 0's energy per atom.
# `"$VENV/bin/python" -c "$DEEPMD_INFER_WRAP" infer_bench.py ARGS...` (a string, so /usr/bin/time can run it)
DEEPMD_INFER_WRAP='
import runpy, sys
path = sys.argv[1]; sys.argv = sys.argv[1:]
g = {}
try:
    g = runpy.run_path(path, run_name="__main__")
finally:
    if "torch" in sys.modules:
        import torch
        print(f"threads used: torch intra {torch.get_num_threads()} inter {torch.get_num_interop_threads()}")
    elif "deepmd.tf.env" in sys.modules:
        c = sys.modules["deepmd.tf.env"].default_tf_session_config
        print(f"threads used: tf intra {c.intra_op_parallelism_threads} inter {c.inter_op_parallelism_threads}")
    es, nat = g.get("es", []), g.get("nat", 1)
    if len(es):
        print(f"frame 0 energy per atom {float(es[0]) / nat:.10f} eV")
'
deepmd_infer() {  # MODEL SYSTEM REPEATS WARMUP
  "$VENV/bin/python" -c "$DEEPMD_INFER_WRAP" "$SHARED/anchors/deepmd/infer_bench.py" "$@"
}
deepmd_run() {  # BACKEND(pt|tf) NAME(se_e2_a|se_atten) [THR (default THREADS)]
  local be=$1 name=$2 thr=${3:-$THREADS} block warm steps frames ext dir phase=deepmd
  if [ "$name" = se_e2_a ]; then block=$BLOCK; warm=$WARMUP_STEPS; steps=$TRAIN_STEPS; frames=$INFER_FRAMES
  else block=$BLOCK_DPA1; warm=$WARMUP_STEPS_DPA1; steps=$TRAIN_STEPS_DPA1; frames=$INFER_FRAMES_DPA1; fi
  case $be in pt) ext=pth;; tf) ext=pb;; esac
  dir="$OUT/deepmd-$name-$be"
  if [ "$thr" != "$THREADS" ]; then dir="$dir-${thr}t"; phase="$thr-thread"; fi
  mkdir -p "$dir"
  local A="$SHARED/anchors/deepmd"
  log "DeePMD-kit $be $name, $thr thread(s): train $((warm + steps)) steps"
  (
    cd "$dir"
    deepmd_env "$thr"
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
    MAXF=$frames deepmd_infer frozen.$ext "$DATA_SHARED/data_3" "$INFER_REPEATS" "$INFER_WARMUP" > infer.log 2>&1 \
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
  # the thread counts DeePMD-kit reports (its training log's summary "Num Intra/Inter Threads", the backend's
  # own count at inference) and the CPU seconds per wall second of the training process and of the timed
  # inference repeats: about 1 with one thread, up to THR with THR busy threads
  python3 - "$dir" "$be" "$model" "$name" "$thr" "$phase" "$med" "$mn" "$mx" "$nb" "$block" "$warm" "$inf" "$rss_train" "$rss_inf" "$ver" \
    "$INFER_REPEATS" "$frames" "$INFER_WARMUP" >> "$RESULTS" <<'PY'
import json, os, re, statistics as st, sys
d, be, model, name, thr, phase, med, mn, mx, nb, block, warm, inf, rss_train, rss_inf, ver, reps, frames, iwarm = sys.argv[1:]
rd = lambda f: open(os.path.join(d, f), errors="replace").read()
log, infer, tt = rd("train.log"), rd("infer.log"), rd("time_train.txt")
g = lambda pat, t: (lambda m: int(m.group(1)) if m else None)(re.search(pat, t))
m = re.search(r"([\d.]+)_wall_s_([\d.]+)_user_s_([\d.]+)_sys_s", tt)
rep = [(float(u) + float(s)) / float(w) for w, u, s in re.findall(r"wall ([\d.]+)s\s+user ([\d.]+)s sys ([\d.]+)s", infer) if float(w) > 0]
seen = dict(log_intra=g(r"Num Intra Threads:\s*(\d+)", log), log_inter=g(r"Num Inter Threads:\s*(\d+)", log),
            infer_intra=g(r"threads used: \w+ intra (\d+)", infer), infer_inter=g(r"threads used: \w+ intra \d+ inter (\d+)", infer))
num = lambda x: None if x in ("", "None", "nan") else float(x)
thr = int(thr)
print(json.dumps(dict(tool="DeePMD-kit", backend=be, model=model, input=f"{name}.input.json", threads=thr, phase=phase,
    train_s_per_step=num(med), train_block_min=num(mn), train_block_max=num(mx), train_blocks=int(nb), block_steps=int(block), warmup_steps=int(warm),
    train_how=f"dp --{be} train without validation_data: median over blocks of {block} steps (disp_freq) after {warm} warm-up steps (parse_timing.py; includes data loading)",
    infer_ms_per_frame=num(inf), infer_how=f"infer_bench.py (DeepPot.eval, 1 frame per call, E+F+virial): median of {reps} repeats of {frames} frames after {iwarm} warm-up calls",
    peak_rss_train_mib=round(int(rss_train) / 1024), peak_rss_infer_mib=int(rss_inf) if rss_inf else None, version=ver,
    env=dict(OMP_NUM_THREADS=thr, DP_INTRA_OP_PARALLELISM_THREADS=thr, DP_INTER_OP_PARALLELISM_THREADS=1, NUM_WORKERS=0),
    threads_seen=seen,
    cpu_use_train=round((float(m.group(2)) + float(m.group(3))) / float(m.group(1)), 2) if m and float(m.group(1)) else None,
    cpu_use_infer=round(st.median(rep), 2) if rep else None)))
PY
  log "  -> train $med s/step (blocks $nb), inference $inf ms/frame, peak RSS train $((rss_train / 1024)) MiB; $(tail -1 "$RESULTS" | python3 -c "import json,sys; r=json.load(sys.stdin); print('threads seen', r['threads_seen'], 'CPU use train', r['cpu_use_train'], 'infer', r['cpu_use_infer'])")"
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

# ---- the run: SymLab (THREADS) before, SymLab 1 thread, DeePMD-kit backends (THREADS, then 1 thread),
# SymLab (THREADS) after
MODELS=(se_e2_a); [ "$DPA1" = 1 ] && MODELS+=(dpa1)
BACKENDS=()
if [ -z "$DEEPMD_NOTE" ]; then
  if [ -n "${DEEPMD_BACKENDS:-}" ]; then read -r -a BACKENDS <<< "$DEEPMD_BACKENDS"
  else
    BACKENDS=(pt)
    if "$VENV/bin/python" -c "import tensorflow" >/dev/null 2>&1; then BACKENDS+=(tf)
    else log "DeePMD-kit venv has no TensorFlow: PyTorch backend only (WITH_TF=1 install.sh adds it)"; fi
  fi
  for be in "${BACKENDS[@]}"; do [[ $be = pt || $be = tf ]] || { echo "bench-vs-deepmd: DEEPMD_BACKENDS: pt and/or tf, got '$be'" >&2; exit 2; }; done
fi
ONE_THREAD=0; [ "$THREADS_1" = 1 ] && [ "$THREADS" != 1 ] && ONE_THREAD=1
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for m in "${MODELS[@]}"; do
  symlab_run "$m" "$THREADS" before
  if [ "$ONE_THREAD" = 1 ]; then symlab_run "$m" 1 1-thread; fi
  if [ -z "$DEEPMD_NOTE" ]; then
    for thr in "$THREADS" $([ "$ONE_THREAD" = 1 ] && echo 1); do
      for be in "${BACKENDS[@]}"; do
        if [ "$m" = dpa1 ] && [ "$be" = tf ]; then log "DPA-1: TensorFlow backend skipped (se_atten_v2 is compared with PyTorch)"; continue; fi
        deepmd_run "$be" "$([ "$m" = dpa1 ] && echo se_atten || echo se_e2_a)" "$thr"
      done
    done
    if [ "$m" = se_e2_a ] && [ "$COMPRESS" = 1 ]; then compress_run || log "compressed se_e2_a section failed: see $OUT/compress-se_e2_a (the other results stand)"; fi
    symlab_run "$m" "$THREADS" after
  fi
done
# ==== Scaling in atoms (issue 13, item 4) ==========================================================
# se_e2_a inference (E+F+virial, one frame per call, THREADS threads) on n x n x n copies of data_3's
# periodic frames, both codes, with the models trained above. One process per (code, size), so that
# /usr/bin/time's peak RSS is that size's; a process on one water molecule (3 atoms, same box) gives the
# baseline (program, libraries and model loaded). Rows: $OUT/scaling.jsonl.
SCALING_ROWS="$OUT/scaling.jsonl"; : > "$SCALING_ROWS"

# DeePMD-format system folder: the first FRAMES frames of data_3 replicated N x N x N (exact for a periodic
# system: energy x N^3, forces repeated; atoms grouped by type); N = 0: one molecule (the first O and
# its two nearest H, minimum image) in the same box
supercell() {  # N FRAMES DIR
  python3 - "$REPO/data/water-dft/data_3" "$@" <<'PY'
import glob, os, sys, numpy as np
src, n, nf, dst = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sets = sorted(glob.glob(os.path.join(src, "set.*")))
load = lambda f: np.concatenate([np.load(os.path.join(s, f + ".npy")) for s in sets])[:nf]
types = np.loadtxt(os.path.join(src, "type.raw"), dtype=int).reshape(-1)
coord, force = load("coord").reshape(nf, -1, 3), load("force").reshape(nf, -1, 3)
box, energy = load("box").reshape(nf, 3, 3), load("energy").reshape(nf)
if n == 0:
    o = int(np.flatnonzero(types == 0)[0]); hs = np.flatnonzero(types == 1)
    d = coord[0, hs] - coord[0, o]; d -= np.round(d @ np.linalg.inv(box[0])) @ box[0]
    sel = np.concatenate([[o], hs[np.argsort(np.linalg.norm(d, axis=1))[:2]]])
    t, c, f, b, e = types[sel], coord[:, sel], force[:, sel], box, energy * 3 / types.size
else:
    shifts = np.einsum("sk,fkd->fsd", np.array(np.meshgrid(*[range(n)] * 3, indexing="ij"), float).reshape(3, -1).T, box)
    t, c, f = [], [], []
    for ty in np.unique(types):
        idx = np.flatnonzero(types == ty)
        c.append((coord[:, None, idx] + shifts[:, :, None]).reshape(nf, -1, 3))
        f.append(np.broadcast_to(force[:, None, idx], (nf, shifts.shape[1], idx.size, 3)).reshape(nf, -1, 3))
        t += [ty] * (shifts.shape[1] * idx.size)
    t, c, f, b, e = np.array(t), np.concatenate(c, 1), np.concatenate(f, 1), box * n, energy * n ** 3
os.makedirs(os.path.join(dst, "set.000"), exist_ok=True)
np.savetxt(os.path.join(dst, "type.raw"), t, fmt="%d")
open(os.path.join(dst, "type_map.raw"), "w").write(open(os.path.join(src, "type_map.raw")).read())
for name, a in (("coord", c), ("box", b), ("energy", e), ("force", f)):
    np.save(os.path.join(dst, "set.000", name + ".npy"), np.ascontiguousarray(a).reshape(nf, -1))
PY
}

# COMMAND under /usr/bin/time (record in TIMEFILE, output in LOG), stopped if its resident set grows past
# CAP_MIB (checked every 0.2 s): returns 99 then
capped() {  # CAP_MIB TIMEFILE LOG COMMAND...
  local cap=$1 tf=$2 lg=$3; shift 3
  $TIME -f "%e_wall_s_%U_user_s_%S_sys_s_%MKB_maxrss" -o "$tf" "$@" > "$lg" 2>&1 &
  local tp=$! stopped=0 rc=0 cp rss
  while kill -0 "$tp" 2>/dev/null; do
    for cp in $(pgrep -P "$tp" || true); do   # the measured process: /usr/bin/time's child
      rss=$(awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$cp/status" 2>/dev/null || true)
      if [ -n "$rss" ] && (( rss > cap )); then kill "$cp" 2>/dev/null || true; stopped=1; fi
    done
    sleep 0.2
  done
  wait "$tp" || rc=$?
  if [ "$stopped" = 1 ]; then echo "bench-vs-deepmd: stopped, resident set above $cap MiB" >> "$lg"; return 99; fi
  return "$rc"
}

# the peak RSS (MiB) expected at ATOMS from this code's rows so far, on the safe side: baseline + ATOMS x the
# largest increment per atom measured, x (ATOMS / largest size)^(p - 1) when the last two sizes grew with an
# exponent p > 1, x 1.2 (DeePMD-kit's increment per atom can rise with size: x1.5 from 1,536 to 5,184 atoms)
scaling_estimate() {  # CODE ATOMS
  python3 - "$SCALING_ROWS" "$1" "$2" <<'PY'
import json, math, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
code, atoms = sys.argv[2], int(sys.argv[3])
base = next((r["peak_rss_mib"] for r in rows if r["code"] == code and r["n"] == 0 and r.get("peak_rss_mib")), None)
pts = sorted((r["atoms"], r["peak_rss_mib"] - base) for r in rows
             if base is not None and r["code"] == code and r["n"] > 0 and r["status"] == "measured" and r.get("peak_rss_mib"))
if not pts: print(0, 0); sys.exit()
per_atom, p = max(max(i, 0) / a for a, i in pts), 1.0
if len(pts) > 1 and pts[-2][1] > 0 and pts[-1][1] > 0:
    p = max(1.0, math.log(pts[-1][1] / pts[-2][1]) / math.log(pts[-1][0] / pts[-2][0]))
print(round(base + 1.2 * per_atom * atoms * max(1.0, atoms / pts[-1][0]) ** (p - 1)), round(base + max(pts[-1][1], 0) * atoms / pts[-1][0]))
PY
}

scaling_code() {  # CODE(symlab|deepmd-pt|deepmd-tf)
  local code=$1 model dir be=""
  case $code in
    symlab) model="$OUT/symlab-se_e2_a-${THREADS}t-before/train/model.json";;
    deepmd-pt) be=pt; model="$OUT/deepmd-se_e2_a-pt/frozen.pth";;
    deepmd-tf) be=tf; model="$OUT/deepmd-se_e2_a-tf/frozen.pb";;
  esac
  [ -f "$model" ] || { log "Scaling: $code skipped, no model $model"; return 0; }
  dir="$OUT/scaling/$code"; mkdir -p "$dir"
  local n atoms frames warm est lin avail limit status tag r rc over=0
  for n in 0 $SCALING_SIZES; do
    atoms=$((n == 0 ? 3 : 192 * n * n * n)); tag=$([ "$n" = 0 ] && echo molecule || echo "${n}x${n}x${n}")
    if [ "$over" = 1 ]; then   # a smaller size already crossed the cap
      log "Scaling: $code $atoms atoms NOT run: a smaller size went above the memory cap"
      python3 -c "import json; print(json.dumps(dict(code='$code', n=$n, atoms=$atoms, status='not run', estimated_peak_rss_mib=None, linear_estimate_mib=None,
        limit_mib=$SCALING_MAX_RSS_MIB, why='a smaller size went above the memory cap')))" >> "$SCALING_ROWS"
      continue
    fi
    if [ "$n" = 0 ]; then frames=1
    elif [ "$SCALING_FRAMES" = auto ]; then frames=$(python3 -c "print(max(2, round($INFER_FRAMES * 192 / $atoms)))")
    else frames=$SCALING_FRAMES; fi
    warm=$(python3 -c "print(1 if $n == 0 else min($INFER_WARMUP, max(2, round($INFER_WARMUP * 192 / $atoms))))")
    [ -d "$OUT/scaling/data/$tag-$frames" ] || supercell "$n" "$frames" "$OUT/scaling/data/$tag-$frames"
    [ "$n" = 0 ] || [ -d "$OUT/scaling/data/$tag-1" ] || supercell "$n" 1 "$OUT/scaling/data/$tag-1"
    # memory guard: the estimate from the smaller sizes against the cap and what the machine has free now
    read -r est lin < <(scaling_estimate "$code" "$atoms")
    avail=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)
    limit=$(( SCALING_MAX_RSS_MIB < avail - 2048 ? SCALING_MAX_RSS_MIB : avail - 2048 ))
    if [ "$n" != 0 ] && (( est > limit )); then
      log "Scaling: $code $atoms atoms NOT run: estimated peak RSS $est MiB (linear extrapolation $lin MiB) > limit $limit MiB (SCALING_MAX_RSS_MIB $SCALING_MAX_RSS_MIB, available $avail MiB)"
      python3 -c "import json; print(json.dumps(dict(code='$code', n=$n, atoms=$atoms, status='not run', estimated_peak_rss_mib=$est, linear_estimate_mib=$lin, limit_mib=$limit,
        why='estimated peak RSS $est MiB (safe side; linear extrapolation of the largest size measured: $lin MiB) > limit $limit MiB (SCALING_MAX_RSS_MIB=$SCALING_MAX_RSS_MIB, MemAvailable $avail MiB - 2 GiB)')))" >> "$SCALING_ROWS"
      continue
    fi
    log "Scaling: $code, $tag ($atoms atoms): $frames frame(s) x $([ "$n" = 0 ] && echo 1 || echo "$SCALING_REPEATS") repeat(s)${be:+, $warm warm-up call(s)}; estimated peak RSS $([ "$est" = 0 ] && echo "- (no smaller size yet)" || echo "$est MiB"), limit $limit MiB"
    status=measured; rc=0
    if [ "$code" = symlab ]; then
      # per frame = (t(FRAMES frames) - t(1 frame)) / (FRAMES - 1): start-up, model and data load cancel
      for r in $(seq "$([ "$n" = 0 ] && echo 1 || echo "$SCALING_REPEATS")"); do
        OPENBLAS_NUM_THREADS=$THREADS capped "$limit" "$dir/time_${tag}_$r.txt" "$dir/test_${tag}_$r.log" \
          "$SYMLAB" test --threads "$THREADS" --model "$model" --data "$OUT/scaling/data/$tag-$frames" --csv "$dir/frames_$tag.csv" || { rc=$?; break; }
        [ "$n" = 0 ] && break
        OPENBLAS_NUM_THREADS=$THREADS capped "$limit" "$dir/time1_${tag}_$r.txt" "$dir/test1_${tag}_$r.log" \
          "$SYMLAB" test --threads "$THREADS" --model "$model" --data "$OUT/scaling/data/$tag-1" || { rc=$?; break; }
      done
    else
      ( cd "$dir" && deepmd_env "$THREADS" && MAXF=$frames capped "$limit" "$dir/time_${tag}_1.txt" "$dir/infer_$tag.log" \
          "$VENV/bin/python" -c "$DEEPMD_INFER_WRAP" "$SHARED/anchors/deepmd/infer_bench.py" "$model" "$OUT/scaling/data/$tag-$frames" \
          "$([ "$n" = 0 ] && echo 1 || echo "$SCALING_REPEATS")" "$warm" ) || rc=$?
    fi
    if [ "$rc" = 99 ]; then status="stopped"; over=1; log "  -> stopped: resident set went above $limit MiB"
    elif [ "$rc" != 0 ]; then status="failed (exit $rc)"; log "  -> failed (exit $rc): see $dir"; fi
    python3 - "$dir" "$code" "$n" "$atoms" "$frames" "$tag" "$status" "$est" "$lin" "$limit" "$warm" >> "$SCALING_ROWS" <<'PY'
import csv, glob, json, os, re, statistics as st, sys
d, code, n, atoms, frames, tag, status, est, lin, limit, warm = sys.argv[1:]
n, atoms, frames = int(n), int(atoms), int(frames)
rec = lambda f: re.search(r"([\d.]+)_wall_s_([\d.]+)_user_s_([\d.]+)_sys_s_(\d+)KB_maxrss", open(f).read())
recs = {os.path.basename(f): rec(f) for f in glob.glob(os.path.join(d, f"time*_{tag}_*.txt"))}
recs = {k: m for k, m in recs.items() if m}
peak = max((int(m.group(4)) for m in recs.values()), default=None)
row = dict(code=code, n=n, atoms=atoms, frames=frames, status=status, peak_rss_mib=round(peak / 1024) if peak else None,
           estimated_peak_rss_mib=int(est) if int(est) else None, linear_estimate_mib=int(lin) if int(lin) else None, limit_mib=int(limit))
cpu = lambda m: float(m.group(2)) + float(m.group(3))
if code == "symlab":
    tn = [(float(m.group(1)), cpu(m)) for k, m in recs.items() if k.startswith("time_")]
    t1 = [(float(m.group(1)), cpu(m)) for k, m in recs.items() if k.startswith("time1_")]
    if n and tn and t1 and status == "measured":
        row["ms_per_frame"] = round((st.median(w for w, _ in tn) - st.median(w for w, _ in t1)) / (frames - 1) * 1e3, 3)
        row["cpu_ms_per_frame"] = round((st.median(c for _, c in tn) - st.median(c for _, c in t1)) / (frames - 1) * 1e3, 3)
        row["repeats"] = len(tn)
    row["how"] = ("symlab test: (median wall time of N frames - median wall time of 1 frame) / (N - 1), each in its own process, "
                  "so start-up, model and data loading and the first frame's page faults cancel; CPU ms/frame likewise from user + sys time; "
                  "peak RSS: /usr/bin/time, the largest of the runs") if n else "baseline: symlab test on one 3-atom frame; peak RSS: /usr/bin/time"
    try:
        r0 = next(csv.DictReader(open(os.path.join(d, f"frames_{tag}.csv"))))
        row["frame0_energy_per_atom_ev"] = round(float(r0["energy"]) / int(r0["atoms"]), 10)
    except (OSError, StopIteration, KeyError, ValueError):
        pass
else:
    try: log = open(os.path.join(d, f"infer_{tag}.log"), errors="replace").read()
    except OSError: log = ""
    v = [float(x) for x in re.findall(r"=> ([\d.]+) ms/frame", log)]
    c = [(float(u) + float(s_)) / frames * 1e3 for u, s_ in re.findall(r"user ([\d.]+)s sys ([\d.]+)s", log)]
    if n and v and status == "measured":
        row["ms_per_frame"], row["repeats"] = round(st.median(v), 3), len(v)
        if c: row["cpu_ms_per_frame"] = round(st.median(c), 3)
    m = re.search(r"frame 0 energy per atom ([-\d.eE+]+)", log)
    if m: row["frame0_energy_per_atom_ev"] = float(m.group(1))
    m = re.search(r"threads used: (.*)", log)
    if m: row["threads_used"] = m.group(1)
    row["warmup_calls"] = int(warm)
    row["how"] = ("infer_bench.py (DeepPot.eval, 1 frame per call, model load excluded): median over repeats of the wall time "
                  "per frame after the warm-up calls (min(INFER_WARMUP, max(2, INFER_WARMUP x 192 / atoms))); CPU ms/frame from "
                  "its user + sys time; peak RSS: /usr/bin/time") if n else "baseline: infer_bench.py on one 3-atom frame; peak RSS: /usr/bin/time"
if row.get("ms_per_frame") is not None:
    row["us_per_atom"] = round(row["ms_per_frame"] * 1e3 / atoms, 3)
print(json.dumps(row))
PY
    log "  -> $(tail -1 "$SCALING_ROWS")"
  done
}

if [ "$SCALING" = 1 ]; then
  SCALING_CODES=(symlab); for be in "${BACKENDS[@]}"; do SCALING_CODES+=("deepmd-$be"); done
  for c in "${SCALING_CODES[@]}"; do scaling_code "$c"; done
fi
# ==== end of Scaling in atoms ======================================================================

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
    for d in (r for r in rows if r["tool"] == "DeePMD-kit" and r["model"] == model and r["threads"] == $THREADS):
        for phase in ("before", "after"):
            s = sym.get(phase)
            if not s: continue
            q = lambda k: (round(s[k] / d[k], 3) if s.get(k) and d.get(k) else None)
            ratios.append(dict(model=model, deepmd_backend=d["backend"], symlab_phase=phase, threads=d["threads"],
                               train=q("train_s_per_step"), infer=q("infer_ms_per_frame"), peak_rss_train=q("peak_rss_train_mib")))
json.dump(dict(meta=meta, rows=rows, ratios_symlab_over_deepmd=ratios,
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
L += ["", "How (training): " + "; ".join(sorted({r['tool'] + ' ' + r['model'] + ': ' + r['train_how'] for r in rows})) + ".",
      "", "How (inference): " + "; ".join(sorted({r['tool'] + ' ' + r['model'] + ': ' + r['infer_how'] for r in rows})) + "."]
open(os.path.join(out, "results.md"), "w").write("\n".join(L) + "\n")
PY
# ==== results.md: sections "Threads" and "Scaling in atoms" (issue 13, items 5 and 4) ==============
python3 - "$OUT" "$THREADS" "$SCALING_ROWS" "$SCALING" "$SCALING_SIZES" "$SCALING_FRAMES" "$SCALING_REPEATS" "$SCALING_MAX_RSS_MIB" "$THREADS_1" <<'PY'
import json, os, sys
out, threads, srows_path, scaling, sizes, sframes, sreps, smax, threads_1 = sys.argv[1:]
threads = int(threads)
res = json.load(open(os.path.join(out, "results.json")))
meta, rows = res["meta"], res["rows"]
f = lambda v, p=3: "-" if v is None else (f"{v:,.{p}f}" if isinstance(v, float) else f"{v:,}" if isinstance(v, int) else str(v))
versions = ("DeePMD-kit " + ", ".join(sorted({r.get("version", "?") for r in rows if r["tool"] == "DeePMD-kit"}))) if any(r["tool"] == "DeePMD-kit" for r in rows) else "DeePMD-kit not run"
head = [f"- CPU: {meta['cpu']} ({meta['cores']} cores); {meta['openblas']}",
        f"- load average at start {meta['load_average_start']}, at end {meta['load_average_end']}; "
        f"SymLab {meta['symlab_commit'][:12]} (dirty build: {meta['symlab_build_dirty']}); {versions}"]
L = []

# ---- Threads: 1 thread against THREADS threads, training and inference, both codes
thr_rows = []
key = lambda r: (r["model"], r["tool"], r["backend"])
for k in sorted({key(r) for r in rows}):
    one = next((r for r in rows if key(r) == k and r["threads"] == 1), None)
    many = next((r for r in rows if key(r) == k and r["threads"] == threads and r["phase"] in ("before", "deepmd")), None)
    if not (one and many) or one is many: continue
    sp = lambda q: round(one[q] / many[q], 3) if one.get(q) and many.get(q) else None
    seen1, seenN = one.get("threads_seen") or {}, many.get("threads_seen") or {}
    # did each run use the threads asked? the counts the code reports, and the CPU seconds per wall second
    problems = []
    for r, s in ((one, seen1), (many, seenN)):
        for name, v in s.items():
            if name.endswith("inter"): continue
            if v is not None and v != r["threads"]: problems.append(f"{r['threads']}-thread run: {name} {v}")
        for q in ("cpu_use_train", "cpu_use_infer"):
            if r["threads"] == 1 and r.get(q) is not None and r[q] > 1.25: problems.append(f"1-thread run: {q} {r[q]}")
    thr_rows.append(dict(model=k[0], tool=k[1], backend=k[2], threads=threads,
                         train_s_per_step_1=one["train_s_per_step"], train_s_per_step_n=many["train_s_per_step"], train_speedup=sp("train_s_per_step"),
                         infer_ms_per_frame_1=one["infer_ms_per_frame"], infer_ms_per_frame_n=many["infer_ms_per_frame"], infer_speedup=sp("infer_ms_per_frame"),
                         cpu_use_train=[one.get("cpu_use_train"), many.get("cpu_use_train")], cpu_use_infer=[one.get("cpu_use_infer"), many.get("cpu_use_infer")],
                         threads_seen=[seen1, seenN], threads_as_asked=not problems, problems=problems))
if thr_rows:
    L += ["", f"## Threads", "", *head, "",
          f"1 thread against {threads} threads, same settings, one run. Speed-up = 1-thread time / {threads}-thread time "
          f"({threads}.0 = every thread does full work; 1.0 = the extra threads buy nothing). SymLab's {threads}-thread figures "
          f"are its run before DeePMD-kit. CPU use = CPU seconds per wall second (/usr/bin/time for training, whole "
          f"process; for inference DeePMD-kit's timed repeats, SymLab's `symlab bench` process): about 1 for one busy thread.", "",
          f"| model | tool | backend | train s/step 1 thr | train s/step {threads} thr | train speed-up | inference ms/frame 1 thr | inference ms/frame {threads} thr | inference speed-up | CPU use train 1 / {threads} | CPU use infer 1 / {threads} | threads as asked? |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for t in thr_rows:
        L.append(f"| {t['model']} | {t['tool']} | {t['backend']} | {f(t['train_s_per_step_1'])} | {f(t['train_s_per_step_n'])} | {f(t['train_speedup'], 2)} | "
                 f"{f(t['infer_ms_per_frame_1'], 1)} | {f(t['infer_ms_per_frame_n'], 1)} | {f(t['infer_speedup'], 2)} | "
                 f"{f(t['cpu_use_train'][0], 2)} / {f(t['cpu_use_train'][1], 2)} | {f(t['cpu_use_infer'][0], 2)} / {f(t['cpu_use_infer'][1], 2)} | "
                 + ("yes" if t["threads_as_asked"] else "**no**: " + "; ".join(t["problems"])) + " |")
    # SymLab / DeePMD-kit at 1 thread (the THREADS-thread ratios are in the table above)
    r1 = []
    for t in (t for t in thr_rows if t["tool"] == "SymLab"):
        for d in (d for d in thr_rows if d["tool"] == "DeePMD-kit" and d["model"] == t["model"]):
            q = lambda k: round(t[k] / d[k], 3) if t.get(k) and d.get(k) else None
            r1.append(dict(model=t["model"], deepmd_backend=d["backend"], train_1=q("train_s_per_step_1"), infer_1=q("infer_ms_per_frame_1"),
                           train_n=q("train_s_per_step_n"), infer_n=q("infer_ms_per_frame_n")))
    if r1:
        L += ["", "Ratios SymLab / DeePMD-kit at 1 thread and at %d threads (below 1: SymLab faster):" % threads, "",
              f"| model | DeePMD-kit backend | train, 1 thr | train, {threads} thr | inference, 1 thr | inference, {threads} thr |", "|---|---|---|---|---|---|"]
        for q in r1: L.append(f"| {q['model']} | {q['deepmd_backend']} | {f(q['train_1'])} | {f(q['train_n'])} | {f(q['infer_1'])} | {f(q['infer_n'])} |")
    res["threads"] = dict(rows=thr_rows, ratios_symlab_over_deepmd=r1)
    L += ["", "How each thread count was set: SymLab `training.threads` and OPENBLAS_NUM_THREADS (`symlab bench --threads`); "
          "DeePMD-kit OMP_NUM_THREADS = DP_INTRA_OP_PARALLELISM_THREADS = N, DP_INTER_OP_PARALLELISM_THREADS = 1, NUM_WORKERS = 0. "
          "Threads reported: SymLab's training config and `symlab bench`'s OpenBLAS count; DeePMD-kit's training-log summary "
          "(Num Intra/Inter Threads) and, at inference, torch.get_num_threads() or TensorFlow's session config.",
          "", "<details><summary>JSON rows (Threads)</summary>", "", "```json", *(json.dumps(t) for t in thr_rows), "```", "", "</details>"]
elif threads_1 == "1" and threads != 1:
    L += ["", "## Threads", "", "No 1-thread rows were measured (a run failed?): no speed-up."]

# ---- Scaling in atoms
if scaling == "1":
    srows = [json.loads(l) for l in open(srows_path) if l.strip()] if os.path.exists(srows_path) else []
    codes = []
    for r in srows:
        if r["code"] not in codes: codes.append(r["code"])
    name = {"symlab": "SymLab", "deepmd-pt": "DeePMD-kit PyTorch", "deepmd-tf": "DeePMD-kit TensorFlow"}
    L += ["", "## Scaling in atoms", "", *head, "",
          f"se_e2_a inference (E+F+virial, one frame per call, {threads} threads) on n x n x n copies of data_3's periodic "
          f"frames (n = {sizes}: {', '.join(f'{192 * int(n) ** 3:,}' for n in sizes.split())} atoms; energies x n^3 and forces "
          "repeated, so frame 0's energy per atom must not change with n), with the models trained above. One process per "
          "(code, size); peak RSS from /usr/bin/time. Baseline = the peak RSS of a process that loads the model and "
          "evaluates one water molecule (3 atoms): increment = peak - baseline. Target (issue 13, item 4): time per atom "
          "flat within 20% and memory at most linear, i.e. time per atom within 0.8-1.2 x the 192-atom figure and increment per atom at most 1.2 x.",
          "CPU ms/frame (user + sys) is beside the wall time: on a loaded machine it moves less; sys time is mostly page faults.",
          "", "| code | atoms | frames | ms/frame | CPU ms/frame | us/atom | us/atom ÷ 192-atom | time/atom flat (±20%)? | peak RSS MiB | increment MiB | increment KiB/atom | ÷ 192-atom | memory linear (±20%)? | frame 0 E/atom eV |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    verdict = lambda x, hi, lo: "-" if x is None else ("yes" if 0.8 <= x <= 1.2 else (f"**no**: {hi}" if x > 1.2 else f"no: {lo}"))
    summary = []
    for c in codes:
        cr = [r for r in srows if r["code"] == c]
        base = next((r.get("peak_rss_mib") for r in cr if r["n"] == 0 and r["status"] == "measured"), None)
        ref = next((r for r in cr if r["atoms"] == 192 and r["status"] == "measured"), None)
        for r in cr:
            if r["n"] == 0:
                L.append(f"| {name.get(c, c)} | 3 (baseline: one molecule) | 1 | - | - | - | - | - | {f(r.get('peak_rss_mib'))} | - | - | - | - | - |"
                         + ("" if r["status"] == "measured" else f" ({r['status']})"))
                continue
            if r["status"] == "not run":
                est = r["estimated_peak_rss_mib"]
                lin = r.get("linear_estimate_mib")
                if est is None:
                    L.append(f"| {name.get(c, c)} | {r['atoms']:,} | - | - | - | - | - | - | **not run**: {r.get('why', '')} | - | - | - | - | - |")
                    summary.append(f"{name.get(c, c)}, {r['atoms']:,} atoms: **not run** ({r.get('why', '')})")
                    continue
                L.append(f"| {name.get(c, c)} | {r['atoms']:,} | - | - | - | - | - | - | **not run**: estimated {est:,} (linear {f(lin)}) > limit {r['limit_mib']:,} | "
                         f"est. {f(est - base if base is not None else None)} (linear {f(lin - base if base is not None and lin else None)}) | - | - | - | - |")
                summary.append(f"{name.get(c, c)}, {r['atoms']:,} atoms: **not run**, estimated peak RSS {est:,} MiB on the safe side, "
                               f"{f(lin)} MiB extrapolated linearly from the largest size measured (limit {r['limit_mib']:,} MiB)")
                continue
            if r["status"] != "measured":
                summary.append(f"{name.get(c, c)}, {r['atoms']:,} atoms: **{r['status']}**")
            inc = r["peak_rss_mib"] - base if base is not None and r.get("peak_rss_mib") is not None else None
            r["increment_mib"] = inc
            r["increment_kib_per_atom"] = round(inc * 1024 / r["atoms"], 1) if inc is not None else None
            if ref and ref is not r and r["status"] == "measured":
                r["us_per_atom_over_192"] = round(r["us_per_atom"] / ref["us_per_atom"], 3) if r.get("us_per_atom") and ref.get("us_per_atom") else None
                r["increment_per_atom_over_192"] = round(r["increment_kib_per_atom"] / ref["increment_kib_per_atom"], 3) \
                    if r.get("increment_kib_per_atom") and ref.get("increment_kib_per_atom") else None
                r["time_flat"] = verdict(r["us_per_atom_over_192"], "time per atom rises", "time per atom falls")
                m = r["increment_per_atom_over_192"]
                # Memory: at most linear meets the target; growing slower than the atom count is better still.
                r["memory_linear"] = ("yes: grows slower than the atom count" if m is not None and m < 0.8
                                      else verdict(m, "memory grows faster than the atom count", ""))
                summary.append(f"{name.get(c, c)}, {r['atoms']:,} atoms: time/atom x{f(r['us_per_atom_over_192'], 2)} ({r['time_flat']}), "
                               f"memory increment/atom x{f(r['increment_per_atom_over_192'], 2)} ({r['memory_linear']})")
            st = "" if r["status"] == "measured" else f" **{r['status']}**" + (" (peak RSS: where it was stopped)" if r["status"] == "stopped" else "")
            L.append(f"| {name.get(c, c)} | {r['atoms']:,}{st} | {r['frames']} | {f(r.get('ms_per_frame'), 1)} | {f(r.get('cpu_ms_per_frame'), 1)} | {f(r.get('us_per_atom'), 1)} | "
                     f"{f(r.get('us_per_atom_over_192'), 2) if ref is not r else '1 (ref.)'} | {r.get('time_flat', '-') if ref is not r else '-'} | "
                     f"{f(r.get('peak_rss_mib'))} | {f(inc)} | {f(r.get('increment_kib_per_atom'), 1)} | "
                     f"{f(r.get('increment_per_atom_over_192'), 2) if ref is not r else '1 (ref.)'} | {r.get('memory_linear', '-') if ref is not r else '-'} | "
                     f"{f(r.get('frame0_energy_per_atom_ev'), 8)} |")
    if summary: L += ["", "Against the target: " + "; ".join(summary) + "."]
    L += ["", f"Settings: SCALING_SIZES=\"{sizes}\", SCALING_FRAMES={sframes}, SCALING_REPEATS={sreps}, SCALING_MAX_RSS_MIB={smax} "
          "(a size whose peak RSS, estimated on the safe side from the smaller sizes (baseline + atoms x the largest increment "
          "per atom measured x 1.2, steeper when the last two sizes grew faster than linearly), exceeds it or the memory available "
          "minus 2 GiB is not run; a process that crosses it is stopped). How: " + "; ".join(sorted({name.get(r['code'], r['code']) + ': ' + r['how'] for r in srows if r.get('how') and r['n']})) + ".",
          "", "<details><summary>JSON rows (Scaling in atoms)</summary>", "", "```json", *(json.dumps(r) for r in srows), "```", "", "</details>"]
    res["scaling"] = dict(rows=srows, settings=dict(sizes=[int(n) for n in sizes.split()], frames=sframes, repeats=int(sreps), max_rss_mib=int(smax)))
json.dump(res, open(os.path.join(out, "results.json"), "w"), indent=2)
with open(os.path.join(out, "results.md"), "a") as fh: fh.write("\n".join(L) + "\n")
PY
# ==== end of sections "Threads" and "Scaling in atoms" ============================================
compress_report
echo; cat "$OUT/results.md"; echo; echo "written: $OUT/results.json $OUT/results.md"
