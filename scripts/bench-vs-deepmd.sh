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
#   THREADS=2       the thread count of the comparison
#   THREADS_1=1     also train and infer with both codes at 1 thread: section "Threads" of results.md (1- and
#                   THREADS-thread figures, speed-ups, and the thread counts DeePMD-kit reports and the CPU time
#                   per wall second each run used, to check that it ran with the threads asked); 0 skips them
#   DEEPMD_BACKENDS="pt tf"  DeePMD-kit backends to measure (default: pt, and tf when TensorFlow imports)
#   DPA1=1          also DPA-1: experiments/water-dpa1.yaml vs DeePMD-kit se_atten_v2 (slow: ~7 s/step
#                   and ~2 s/frame in DeePMD-kit's PyTorch backend; use small TRAIN_STEPS_DPA1)
#   TRAIN_STEPS_DPA1=10 BLOCK_DPA1=5 WARMUP_STEPS_DPA1=5 INFER_FRAMES_DPA1=5
#   OUT=runs/bench-vs-deepmd-<UTC time>   output folder (relative to the repository root)
#   SKIP_BUILD=1    use the existing .build/release/symlab instead of running `make build`
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
VENV=${1:-${DEEPMD_VENV:-}}
TRAIN_STEPS=${TRAIN_STEPS:-60}; BLOCK=${BLOCK:-20}; WARMUP_STEPS=${WARMUP_STEPS:-20}
INFER_FRAMES=${INFER_FRAMES:-20}; INFER_REPEATS=${INFER_REPEATS:-3}; INFER_WARMUP=${INFER_WARMUP:-5}
THREADS=${THREADS:-2}; DPA1=${DPA1:-0}; THREADS_1=${THREADS_1:-1}
TRAIN_STEPS_DPA1=${TRAIN_STEPS_DPA1:-10}; BLOCK_DPA1=${BLOCK_DPA1:-5}; WARMUP_STEPS_DPA1=${WARMUP_STEPS_DPA1:-5}
INFER_FRAMES_DPA1=${INFER_FRAMES_DPA1:-5}
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
[[ $THREADS_1 =~ ^[01]$ ]] || { echo "bench-vs-deepmd: THREADS_1 must be 0 or 1" >&2; exit 2; }
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
# ==== results.md: section "Threads" (issue 13, item 5) =============================================
python3 - "$OUT" "$THREADS" "$THREADS_1" <<'PY'
import json, os, sys
out, threads, threads_1 = sys.argv[1:]
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
json.dump(res, open(os.path.join(out, "results.json"), "w"), indent=2)
with open(os.path.join(out, "results.md"), "a") as fh: fh.write("\n".join(L) + "\n")
PY
# ==== end of section "Threads" ====================================================================
echo; cat "$OUT/results.md"; echo; echo "written: $OUT/results.json $OUT/results.md"
