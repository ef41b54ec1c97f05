#!/usr/bin/env bash
# A throwaway single-node SLURM on localhost for tests and CI (Debian 12, slurm-wlm 22.05 + munge).
#
# Usage: scripts/local-slurm.sh start|stop|status
#   start   install slurmctld slurmd slurm-client munge with apt if missing, write slurm.conf under
#           the prefix, start munged (unless auth/none), slurmctld and slurmd, wait until the node
#           is idle. A second start while running says so and exits 0.
#   stop    cancel remaining jobs, stop only the daemons this script started (by saved PID).
#   status  exit 0 and one line when running, exit 1 otherwise.
# Then: source $SYMLAB_SLURM_PREFIX/env.sh (exports SLURM_CONF) and use sbatch/squeue/scancel/sacct -c.
#
# Environment:
#   SYMLAB_SLURM_PREFIX     conf, state, spool, logs, PIDs       (default /tmp/symlab-slurm)
#   SYMLAB_SLURM_AUTH       munge | none (auth/none, no munged)  (default munge)
#   SYMLAB_SLURM_CTLD_PORT  SYMLAB_SLURM_D_PORT                  (default 6817, 6818)
#   SYMLAB_SLURM_WAIT       seconds to wait for the idle node    (default 60)
#   SYMLAB_SLURM_WIPE=1     stop also deletes the prefix
# Touches: apt packages (install only), /etc/munge/munge.key (created if missing), /run/munge.
# Does not touch /etc/slurm or systemd. Needs root (uses sudo when not root). See docs/slurm.md.
set -euo pipefail

PREFIX=${SYMLAB_SLURM_PREFIX:-/tmp/symlab-slurm}
AUTH=${SYMLAB_SLURM_AUTH:-munge}
CTLD_PORT=${SYMLAB_SLURM_CTLD_PORT:-6817}
D_PORT=${SYMLAB_SLURM_D_PORT:-6818}
WAIT_S=${SYMLAB_SLURM_WAIT:-60}
CONF=$PREFIX/etc/slurm.conf
RUN=$PREFIX/run
LOG=$PREFIX/log
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

log() { echo "[local-slurm] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# ours NAME: true if the PID saved in $RUN/NAME.pid.ours is alive and is really ours (its
# /proc cmdline names NAME, and our slurm.conf for the slurm daemons): a recycled PID is never touched.
ours() {
  local pid cmd
  pid=$(cat "$RUN/$1.pid.ours" 2>/dev/null) && [ -n "$pid" ] || return 1
  cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$1"* ]] && { [ "$1" = munged ] || [[ $cmd == *"$CONF"* ]]; }
}
pidof_ours() { cat "$RUN/$1.pid.ours"; }

# stop_ours NAME: TERM, up to 10 s, then KILL.
stop_ours() {
  local pid
  if ours "$1"; then
    pid=$(pidof_ours "$1")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do ours "$1" || break; sleep 0.2; done
    if ours "$1"; then log "$1 (pid $pid) ignored TERM, sending KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$RUN/$1.pid.ours"
}

# Processes of this cluster's jobs that are still alive: slurmstepd and job processes carry our
# SLURM_CONF in their environment (jobs also a SLURM_JOB_ID). A cancel that races a task's launch
# can miss its processes until KillWait, and stopping slurmd then would leave them behind.
job_leftovers() {
  local f p
  while read -r f; do
    p=${f#/proc/}; p=${p%/environ}
    [ "$p" != $$ ] || continue
    if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = slurmstepd ] || grep -qz '^SLURM_JOB_ID=' "$f" 2>/dev/null; then echo "$p"; fi
  done < <(grep -lzxF "SLURM_CONF=$CONF" /proc/[0-9]*/environ 2>/dev/null || true)
}

port_busy() {
  if command -v ss >/dev/null; then ss -ltnH "sport = :$1" | grep -q .
  else timeout 1 bash -c "echo > /dev/tcp/127.0.0.1/$1" 2>/dev/null; fi
}

# Re-run as root through sudo (start and stop need root: apt, munged, slurmd).
as_root() {
  [ "$(id -u)" = 0 ] && return 0
  command -v sudo >/dev/null || die "must run as root, and sudo is not installed"
  if ! sudo -n true 2>/dev/null; then
    [ -t 0 ] || die "must run as root, and sudo needs a password (no terminal to ask on)"
    sudo -v || die "must run as root, and sudo failed"
  fi
  local vars
  mapfile -t vars < <(env | grep '^SYMLAB_SLURM_' || true)
  exec sudo -n env "${vars[@]}" bash "$0" "$@"
}

install_packages() {
  local missing=() p t0
  for p in slurmctld slurmd slurm-client munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return 0
  t0=$(date +%s.%N)
  log "installing ${missing[*]} with apt (log: $LOG/apt.log)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq > "$LOG/apt.log" 2>&1 ||
    die "apt-get update failed: $(tail -1 "$LOG/apt.log")"
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >> "$LOG/apt.log" 2>&1 ||
    die "apt-get install ${missing[*]} failed: $(tail -1 "$LOG/apt.log")"
  log "installed in $(since "$t0") s"
}

write_conf() {
  local hw auth_lines
  # Node geometry and memory from slurmd -C, so slurmd never drains the node for a mismatch.
  hw=$(slurmd -C | head -1 | sed -E 's/^NodeName=[^ ]+ //')
  [ -n "$hw" ] || die "slurmd -C printed nothing"
  if [ "$AUTH" = munge ]; then auth_lines=$'AuthType=auth/munge\nCredType=cred/munge'
  else auth_lines=$'AuthType=auth/none\nCredType=cred/none'; fi
  # batch_sched_delay=0: no 3-s gaps between array tasks. kill_invalid_depend: a job whose
  # dependency can never be met is cancelled instead of pending forever. MailProg=/bin/true:
  # no "MailProg is invalid" errors. jobcomp/filetxt: `sacct -c` works without slurmdbd.
  # KillWait=5: SIGKILL 5 s (not 30) after a cancel's SIGTERM.
  cat > "$CONF" <<EOF
# generated by scripts/local-slurm.sh (slurm $(slurmd -V | awk '{print $2}'))
ClusterName=symlab
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
$auth_lines
SlurmctldPort=$CTLD_PORT
SlurmdPort=$D_PORT
StateSaveLocation=$PREFIX/state
SlurmdSpoolDir=$PREFIX/spool
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
MailProg=/bin/true
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG/jobcomp.txt
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
DependencyParameters=kill_invalid_depend
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=300
KillWait=5
NodeName=localhost NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  chmod 644 "$CONF"
  echo "export SLURM_CONF=$CONF" > "$PREFIX/env.sh"
}

start_munged() {
  rm -f "$RUN/munged.pid.ours"
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    log "munged already running (not ours: stop will leave it)"; return 0
  fi
  if [ ! -s /etc/munge/munge.key ]; then
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
  fi
  install -d -o munge -g munge -m 0755 /run/munge   # no systemd to create it
  rm -f /run/munge/munged.pid
  runuser -u munge -- munged --pid-file=/run/munge/munged.pid || die "munged failed to start (see /var/log/munge/munged.log)"
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || die "munged not answering after 5 s (see /var/log/munge/munged.log)"
  cp /run/munge/munged.pid "$RUN/munged.pid.ours"
}

# spawn NAME ARGS...: run a daemon in the foreground mode (-D), detached, PID saved.
spawn() {
  local name=$1; shift
  SLURM_CONF=$CONF setsid "$name" "$@" > "$LOG/$name.out" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid.ours"
}

cmd_status() {
  if ours slurmctld && ours slurmd; then
    echo "local SLURM running: slurmctld $(pidof_ours slurmctld), slurmd $(pidof_ours slurmd), node $(SLURM_CONF=$CONF timeout 10 sinfo -h -n localhost -o %T 2>/dev/null || echo '?'); SLURM_CONF=$CONF"
    return 0
  fi
  echo "local SLURM not running (prefix $PREFIX)"
  return 1
}

cmd_start() {
  local t0 state deadline
  t0=$(date +%s.%N)
  case $AUTH in munge|none) ;; *) die "SYMLAB_SLURM_AUTH must be munge or none, not '$AUTH'" ;; esac
  if ours slurmctld && ours slurmd; then
    log "already running (slurmctld $(pidof_ours slurmctld), slurmd $(pidof_ours slurmd)); source $PREFIX/env.sh"
    return 0
  fi
  if ours slurmctld || ours slurmd || ours munged; then log "half running: stopping first"; cmd_stop; fi
  for p in "$CTLD_PORT" "$D_PORT"; do
    ! port_busy "$p" || die "port $p is in use (another SLURM?); set SYMLAB_SLURM_CTLD_PORT / SYMLAB_SLURM_D_PORT"
  done
  mkdir -p "$PREFIX"/{etc,run,log}
  install_packages
  # Fresh state (job ids restart at 1), logs and job-completion file. `sacct -c` opens that file
  # for appending, so it belongs to the user who ran us through sudo (root otherwise).
  rm -rf "$PREFIX/state" "$PREFIX/spool" "$LOG"/slurm*.log "$LOG"/slurm*.out "$LOG/jobcomp.txt"
  mkdir -p "$PREFIX"/{state,spool}
  install -m 644 -o "${SUDO_UID:-0}" -g "${SUDO_GID:-0}" /dev/null "$LOG/jobcomp.txt"
  write_conf
  if [ "$AUTH" = munge ]; then start_munged; fi
  export SLURM_CONF=$CONF

  deadline=$((SECONDS + WAIT_S))
  spawn slurmctld -D -f "$CONF"
  while [ $SECONDS -lt $deadline ]; do
    timeout 5 scontrol ping 2>/dev/null | grep -q 'is UP' && break
    ours slurmctld || die "slurmctld exited: $(tail -3 "$LOG/slurmctld.out" "$LOG/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
    sleep 0.1
  done
  spawn slurmd -D -N localhost -f "$CONF"            # -N: the host is not named 'localhost'

  state=
  while [ $SECONDS -lt $deadline ]; do
    state=$(timeout 5 sinfo -h -n localhost -o %T 2>/dev/null || true)
    [ "$state" = idle ] && break
    ours slurmctld || die "slurmctld exited: $(tail -3 "$LOG/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
    ours slurmd || die "slurmd exited: $(tail -3 "$LOG/slurmd.out" "$LOG/slurmd.log" 2>/dev/null | tr '\n' ' ')"
    sleep 0.2
  done
  if [ "$state" != idle ]; then
    cmd_stop
    die "node not idle after ${WAIT_S} s (state '${state:-none}'); logs in $LOG"
  fi
  log "up in $(since "$t0") s: slurmctld $(pidof_ours slurmctld), slurmd $(pidof_ours slurmd), munged $(cat "$RUN/munged.pid.ours" 2>/dev/null || echo -), auth/$AUTH"
  cat <<EOF
Local SLURM is running (node localhost, partition debug, $(sinfo -h -o %c) CPUs). Use it with:
  export SLURM_CONF=$CONF     # or: source $PREFIX/env.sh
  sbatch --array=0-3 --wrap 'echo \$SLURM_ARRAY_TASK_ID'; squeue; sacct -c
Stop it with: $0 stop   (SYMLAB_SLURM_WIPE=1 also deletes $PREFIX)
EOF
}

cmd_stop() {
  local ids
  export SLURM_CONF=$CONF
  if ours slurmctld; then
    ids=$(timeout 10 squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [ -n "${ids// /}" ]; then
      log "cancelling jobs: $ids"
      # shellcheck disable=SC2086
      timeout 10 scancel $ids 2>/dev/null || true
      for _ in $(seq 75); do [ -z "$(timeout 5 squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
    fi
  fi
  stop_ours slurmd
  stop_ours slurmctld
  ids=$(job_leftovers | tr '\n' ' ')
  if [ -n "$ids" ]; then
    log "killing leftover job processes: $ids"
    # shellcheck disable=SC2086
    kill -TERM $ids 2>/dev/null || true
    for _ in $(seq 25); do [ -z "$(job_leftovers)" ] && break; sleep 0.2; done
    ids=$(job_leftovers | tr '\n' ' ')
    # shellcheck disable=SC2086
    [ -z "$ids" ] || kill -KILL $ids 2>/dev/null || true
  fi
  stop_ours munged
  if [ "${SYMLAB_SLURM_WIPE:-0}" = 1 ]; then rm -rf "$PREFIX"; log "removed $PREFIX"; fi
  log "stopped"
}

case ${1:-} in
  start) as_root "$@"; cmd_start ;;
  stop) as_root "$@"; cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
