#!/usr/bin/env bash
# Does tiering make a real tieredfs mount faster? fio on a live mount over a fast tier (ext4 on a
# fresh zram device) and a slow tier (ext4 on a direct-I/O loop device whose reads are throttled to
# 1000 IOPS for the daemon's blkio cgroup), per workload and policy, against two bounds measured
# with the same fio job: the whole volume on the fast tier only, and on the slow tier only.
# The daemon (256M) and fio (64M) live in memory cgroups so page caches cannot hide the tiers.
#
# Usage: bench/live-tiering.sh [--seconds N] [--loaded] [--workloads LIST] [--out DIR] [POLICY...]
#   POLICY      static lru cde hps harmonia sibyl (default: static lru cde hps harmonia)
#   --seconds   workload length per run (default 90; shift splits it into two phases)
#   --loaded    run `stress-ng --cpu 2` beside every run
#   --workloads comma list of hotzone,shift,scan,ingest,uniform (default: all)
#   --out       results directory (default /var/tmp/tieredfs-live/results-<timestamp>)
# Root only. Sets up and tears down (on exit, Ctrl-C included) its devices, mounts and cgroups;
# a run killed with SIGKILL is cleaned up by the next one. See bench/live-tiering.md.
set -euo pipefail
CALLER_DIR=$PWD
cd "$(dirname "$0")/.."
REPO=$PWD

# ---- fixed setup -------------------------------------------------------------------------------
WORK=/var/tmp/tieredfs-live           # mountpoints, loop image, state; results-* stay here
MNT=$WORK/mnt                         # the tieredfs mount
FASTFS=$WORK/fast                     # ext4 on zram
SLOWFS=$WORK/slow                     # ext4 on loop (direct I/O) over $SLOW_IMG
SLOW_IMG=$WORK/slow.img
STATE=$WORK/state                     # devices this script created, for cleanup after a SIGKILL
ZRAM_SIZE=4G          # > 2 GiB file + ingest's live set, so the fast-only bound fits on zram
SLOW_SIZE=4G
SLOW_READ_IOPS=1000   # blkio v1 throttle of the daemon's reads from the slow tier's loop device
DAEMON_MEM=256M
FIO_MEM=64M
CG_DAEMON=tieredfs-live-daemon        # same name under memory/ and blkio/
CG_FIO=tieredfs-live-fio
CG_LOAD=tieredfs-live-load            # stress-ng (no limits): lets a later run find and stop it
FAST_CAPACITY=512MiB  # fast tier in the two-tier volume; 0.90 high watermark -> ~460 MiB used
FILE_MIB=2048         # the file every run writes once, sequentially
JOBS=4                # fio jobs per reading group: psync has queue depth 1 per job
WINDOW=10             # seconds per reported window
INGEST_RATE_MIB=32    # ingest writer rate; one 10 s batch (320 MiB) > the daemon's 256M of cache
TIEREDFS=$REPO/src/Daemon/bin/Release/net10.0/tieredfs
LIVEPLOT=$REPO/bench/LivePlot/bin/Release/net10.0/LivePlot
ALL_POLICIES=(static lru cde hps harmonia sibyl)
ALL_WORKLOADS=(hotzone shift scan ingest uniform)

SECONDS_PER_RUN=90
LOADED=0
POLICIES=()
WORKLOADS=("${ALL_WORKLOADS[@]}")
OUT=""
DAEMON_PID=""
STRESS_PID=""
FIO_PID=""

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { printf 'live-tiering: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

parse_args() {
  while (($#)); do
    case $1 in
      --seconds)
        if ! [[ ${2:-} =~ ^[0-9]+$ ]] || (($2 < 10)); then die "--seconds needs a whole number >= 10"; fi
        SECONDS_PER_RUN=$2; shift 2 ;;
      --loaded) LOADED=1; shift ;;
      --workloads) [[ -n ${2:-} ]] || die "--workloads needs a list"; IFS=, read -r -a WORKLOADS <<<"$2"; shift 2 ;;
      --out) [[ -n ${2:-} ]] || die "--out needs a directory"; OUT=$2; shift 2 ;;
      -h|--help) usage; exit 0 ;;
      -*) die "unknown option $1 (see --help)" ;;
      *) [[ " ${ALL_POLICIES[*]} " == *" $1 "* ]] || die "unknown policy '$1' (one of: ${ALL_POLICIES[*]})"; POLICIES+=("$1"); shift ;;
    esac
  done
  ((${#POLICIES[@]})) || POLICIES=(static lru cde hps harmonia)
  local w
  for w in "${WORKLOADS[@]}"; do
    [[ " ${ALL_WORKLOADS[*]} " == *" $w "* ]] || die "unknown workload '$w' (one of: ${ALL_WORKLOADS[*]})"
  done
  [[ -n $OUT ]] || OUT=$WORK/results-$(date +%Y%m%d-%H%M%S)
  [[ $OUT == /* ]] || OUT=$CALLER_DIR/$OUT
}

# ---- prerequisites and build -------------------------------------------------------------------
check_machine() {
  ((EUID == 0)) || die "run as root (mounts, zram, loop devices, cgroups)"
  local c
  for c in memory blkio; do
    [[ -f /sys/fs/cgroup/$c/cgroup.procs ]] || die "needs the cgroup v1 $c controller at /sys/fs/cgroup/$c"
  done
  [[ -f /sys/fs/cgroup/blkio/blkio.throttle.read_iops_device ]] || die "blkio v1 has no throttle.read_iops_device (CONFIG_BLK_DEV_THROTTLING)"
  modprobe zram 2>/dev/null || true
  [[ -w /sys/class/zram-control/hot_add ]] || die "no /sys/class/zram-control/hot_add (zram module missing?)"
  local missing=() p
  # fonts + fontconfig: ScottPlot draws text with SkiaSharp, which needs a font on the machine.
  for p in fio stress-ng fuse3 e2fsprogs util-linux python3 fontconfig fonts-dejavu-core; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
      die "apt-get install ${missing[*]} failed"
    fi
  fi
  command -v dotnet >/dev/null || die "dotnet SDK not found"
}

build() {
  local blog=$WORK/build.log
  log "building tieredfs and LivePlot (Release)"
  dotnet build -c Release src/Daemon -v quiet -nologo >"$blog" 2>&1 \
    || { tail -30 "$blog" >&2; die "dotnet build src/Daemon failed (log: $blog)"; }
  dotnet build -c Release bench/LivePlot -v quiet -nologo >>"$blog" 2>&1 \
    || { tail -30 "$blog" >&2; die "dotnet build bench/LivePlot failed (log: $blog)"; }
  [[ -x $TIEREDFS && -x $LIVEPLOT ]] || die "build produced no $TIEREDFS or $LIVEPLOT"
}

# One run at a time: $WORK/pid names the running script. (Not flock: the daemon, fio and dotnet's
# build servers would inherit the lock and keep holding it after a SIGKILL.)
claim_workdir() {
  local pid
  pid=$(cat "$WORK/pid" 2>/dev/null || true)
  if [[ $pid =~ ^[0-9]+$ ]] && ((pid != $$)) && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q live-tiering; then
    die "another live-tiering.sh (pid $pid) is using $WORK"
  fi
  echo $$ >"$WORK/pid"
}

# ---- setup and teardown ------------------------------------------------------------------------
# Every step checks before it acts, so teardown can run at start (leftovers of a killed run), on
# exit and on Ctrl-C, in any state. It only touches what this script creates: the devices named
# in $STATE or backed by $SLOW_IMG, the mounts under $WORK, the processes in its own cgroups.

cgroup_pids() { cat "/sys/fs/cgroup/memory/$1/cgroup.procs" 2>/dev/null || true; }

# Kill whatever is still in cgroup $1 (only this script puts processes there), then remove it.
remove_cgroup() {
  local cg=$1 pid i c
  for i in 1 2 3 4 5 6 7 8 9 10; do
    local pids
    pids=$(cgroup_pids "$cg")
    [[ -z $pids ]] && break
    for pid in $pids; do kill "$( ((i > 5)) && echo -KILL || echo -TERM)" "$pid" 2>/dev/null || true; done
    sleep 0.5
  done
  for c in memory blkio; do
    [[ -d /sys/fs/cgroup/$c/$cg ]] && { rmdir "/sys/fs/cgroup/$c/$cg" 2>/dev/null || log "warning: could not remove cgroup $c/$cg"; }
  done
  return 0
}

# Wait up to $2 seconds for process $1 to exit.
wait_gone() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

unmount_volume() {
  if mountpoint -q "$MNT" 2>/dev/null; then
    "$TIEREDFS" unmount "$MNT" >/dev/null 2>&1 || true
  fi
  if [[ -n $DAEMON_PID ]]; then
    # The daemon commits metadata before it exits; give it time, then stop it.
    wait_gone "$DAEMON_PID" 60 || { log "daemon $DAEMON_PID did not exit after unmount; killing it"; kill -KILL "$DAEMON_PID" 2>/dev/null || true; }
    wait "$DAEMON_PID" 2>/dev/null || true
    DAEMON_PID=""
  fi
  # A daemon that died leaves a dead FUSE mount ("Transport endpoint is not connected").
  if mountpoint -q "$MNT" 2>/dev/null || grep -qs " $MNT fuse" /proc/mounts; then
    umount -l "$MNT" 2>/dev/null || true
  fi
}

teardown() {
  set +e
  [[ -n $STRESS_PID ]] && { kill -TERM "$STRESS_PID" 2>/dev/null; wait "$STRESS_PID" 2>/dev/null; STRESS_PID=""; }
  [[ -n $FIO_PID ]] && { kill -TERM "$FIO_PID" 2>/dev/null; wait "$FIO_PID" 2>/dev/null; FIO_PID=""; }
  remove_cgroup "$CG_LOAD"
  remove_cgroup "$CG_FIO"
  unmount_volume
  remove_cgroup "$CG_DAEMON"   # also a daemon left by a SIGKILLed run
  local fs dev
  for fs in "$FASTFS" "$SLOWFS"; do
    if mountpoint -q "$fs" 2>/dev/null; then
      umount "$fs" 2>/dev/null || { sleep 1; umount "$fs" 2>/dev/null; } || { log "warning: $fs busy; lazy unmount"; umount -l "$fs"; }
    fi
  done
  for dev in $(losetup --list -n -O NAME -j "$SLOW_IMG" 2>/dev/null); do losetup -d "$dev" || log "warning: could not detach $dev"; done
  # The zram device is ours if $STATE names it and it was made in this boot (numbers are reused).
  if [[ -f $STATE ]]; then
    local zram boot
    zram=$(sed -n 's/^zram=\([0-9]*\)$/\1/p' "$STATE")
    boot=$(sed -n 's/^boot=//p' "$STATE")
    if [[ -n $zram && $boot == "$(cat /proc/sys/kernel/random/boot_id)" && -e /sys/block/zram$zram ]] \
       && ! grep -qs "^/dev/zram$zram " /proc/mounts; then
      echo "$zram" >/sys/class/zram-control/hot_remove || log "warning: could not remove zram$zram"
    fi
    rm -f "$STATE"
  fi
  rm -f "$SLOW_IMG" "$WORK/control.sock"
  rmdir "$MNT" "$FASTFS" "$SLOWFS" 2>/dev/null
  return 0
}

# mkfs without lazy init: ext4lazyinit would otherwise write inode tables in the background
# during the first runs.
mkfs_quiet() { mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$1" >/dev/null; }

setup_devices() {
  mkdir -p "$MNT" "$FASTFS" "$SLOWFS"
  local zram
  zram=$(cat /sys/class/zram-control/hot_add)   # a fresh device, never /dev/zram0 of other scripts
  printf 'zram=%s\nboot=%s\n' "$zram" "$(cat /proc/sys/kernel/random/boot_id)" >"$STATE"
  echo "$ZRAM_SIZE" >"/sys/block/zram$zram/disksize"
  mkfs_quiet "/dev/zram$zram"
  mount -o discard "/dev/zram$zram" "$FASTFS"   # discard: deleted runs give their RAM back
  truncate -s "$SLOW_SIZE" "$SLOW_IMG"
  SLOW_DEV=$(losetup --find --show --direct-io=on "$SLOW_IMG")
  mkfs_quiet "$SLOW_DEV"
  mount "$SLOW_DEV" "$SLOWFS"
  SLOW_MAJMIN=$(lsblk -dno MAJ:MIN "$SLOW_DEV" | tr -d ' ')
  log "fast tier: /dev/zram$zram ($ZRAM_SIZE) at $FASTFS; slow tier: $SLOW_DEV ($SLOW_MAJMIN, direct I/O over $SLOW_IMG) at $SLOWFS"
}

setup_cgroups() {
  local c cg
  for cg in "$CG_DAEMON" "$CG_FIO" "$CG_LOAD"; do
    for c in memory blkio; do mkdir -p "/sys/fs/cgroup/$c/$cg"; done
  done
  echo "$DAEMON_MEM" >"/sys/fs/cgroup/memory/$CG_DAEMON/memory.limit_in_bytes"
  echo "$FIO_MEM" >"/sys/fs/cgroup/memory/$CG_FIO/memory.limit_in_bytes"
  # Only the daemon reads the slow tier's device, so only its cgroup is throttled.
  echo "$SLOW_MAJMIN $SLOW_READ_IOPS" >"/sys/fs/cgroup/blkio/$CG_DAEMON/blkio.throttle.read_iops_device"
}

# in_cgroup CG CMD... &: run CMD in the background inside memory and blkio cgroup CG. Always call
# it with &: it execs, so that $! is CMD's own pid (the subshell becomes sh, sh becomes CMD) and
# killing $! kills CMD, not a wrapper.
in_cgroup() {
  local cg=$1; shift
  exec sh -c 'echo $$ >/sys/fs/cgroup/memory/'"$cg"'/cgroup.procs && echo $$ >/sys/fs/cgroup/blkio/'"$cg"'/cgroup.procs && exec "$@"' sh "$@"
}

drop_caches() { sync; echo 3 >/proc/sys/vm/drop_caches; }

# ---- one volume --------------------------------------------------------------------------------
# write_config LAYOUT POLICY FILE: LAYOUT is tiered (fast 512MiB + slow), fast-only or slow-only.
# The bounds use a one-tier volume: the whole file (and every ingest file) is on that tier.
# Metadata is on the zram filesystem in every layout, outside the tier directories.
write_config() {
  local layout=$1 policy=$2 file=$3
  {
    cat <<TOML
[volume]
extent_size = "1MiB"
policy = "$policy"
migration_rate = "64MiB"
metadata_dir = "$FASTFS/meta"

TOML
    if [[ $layout != slow-only ]]; then
      cat <<TOML
[[tier]]
name = "fast"
path = "$FASTFS/tier"
$([[ $layout == tiered ]] && echo "capacity = \"$FAST_CAPACITY\"")
high_watermark = 0.90
low_watermark = 0.75

TOML
    fi
    if [[ $layout != fast-only ]]; then
      cat <<TOML
[[tier]]
name = "slow"
path = "$SLOWFS/tier"

TOML
    fi
    cat <<TOML
[service]
control_socket = "$WORK/control.sock"
log_level = "information"
TOML
  } >"$file"
}

mount_volume() { # CONFIG LOGFILE
  rm -rf "$FASTFS/tier" "$FASTFS/meta" "$SLOWFS/tier"   # a new volume for every run
  mkdir -p "$FASTFS/tier" "$FASTFS/meta" "$SLOWFS/tier"
  "$TIEREDFS" check-config "$1" >/dev/null || die "config $1 refused"
  in_cgroup "$CG_DAEMON" "$TIEREDFS" mount --config "$1" "$MNT" >"$2" 2>&1 &
  DAEMON_PID=$!
  local i
  for ((i = 0; i < 300; i++)); do
    mountpoint -q "$MNT" && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || break
    sleep 0.1
  done
  tail -20 "$2" >&2
  return 1
}

# "fast N slow M" extents of a file, from `tieredfs inspect`.
layout_of() {
  "$TIEREDFS" inspect "$1" | awk 'NR > 1 { n[$2]++ } END { printf "fast %d slow %d\n", n["fast"], n["slow"] }'
}

# ---- fio ---------------------------------------------------------------------------------------
# Every workload is a fio job file run in the fio cgroup. Reading groups log IOPS and latency per
# second (log_avg_msec=1000); windows are built from those logs, the overall IOPS, mean and p99
# from fio's json+ output (its latency bins merge exactly across phases). segments.txt tells the
# summarizer which fio output and logs belong to the measured group and at what time they start.
fio_global() { # RUNTIME
  cat <<FIO
[global]
ioengine=psync
direct=0
bs=4k
time_based
runtime=$1
lat_percentiles=1
log_avg_msec=1000
norandommap
group_reporting
FIO
}

run_fio() { # NAME JOBFILE
  in_cgroup "$CG_FIO" fio --output-format=json+ --output="$RUN_DIR/$1.json" "$2" >"$RUN_DIR/$1.err" 2>&1 &
  FIO_PID=$!
  local rc=0
  wait "$FIO_PID" || rc=$?
  FIO_PID=""
  ((rc == 0)) || { tail -5 "$RUN_DIR/$1.err" >&2; log "fio $1 failed (exit $rc; $RUN_DIR/$1.err)"; return 1; }
}

# segment PHASE OFFSET_S RUNTIME_S NAME GROUP DDIR LOGPREFIX: the measured group GROUP of fio run
# NAME, which starts OFFSET_S seconds into the workload and logs to LOGPREFIX_{iops,lat}.N.log.
segment() { echo "measure $*" >>"$RUN_DIR/segments.txt"; }
# aux NAME GROUP DDIR LABEL: a side group reported as MiB/s (the scan, the ingest writer).
aux() { echo "aux $*" >>"$RUN_DIR/segments.txt"; }

# randread JOBNAME RUNTIME DISTRIBUTION [OFFSET SIZE]: the reading group of most workloads.
randread_job() {
  local name=$1 dist=$3 offset=${4:-0} size=${5:-${FILE_MIB}m}
  fio_global "$2"
  cat <<FIO
[$name]
filename=$MNT/data.bin
offset=$offset
size=$size
rw=randread
random_distribution=$dist
numjobs=$JOBS
write_iops_log=$RUN_DIR/$name
write_lat_log=$RUN_DIR/$name
FIO
}

# hotzone: 90% of reads on the last 20% of the file (all on the slow tier after the write).
wl_hotzone() {
  randread_job hot "$SECONDS_PER_RUN" zoned:10/80:90/20 >"$RUN_DIR/hot.fio"
  drop_caches
  run_fio hot "$RUN_DIR/hot.fio" && segment 1 0 "$SECONDS_PER_RUN" hot hot read hot
}

# shift: the hotzone for the first half, then the hot 20% moves to 40-60% of the file.
wl_shift() {
  local a=$((SECONDS_PER_RUN / 2)) b=$((SECONDS_PER_RUN - SECONDS_PER_RUN / 2))
  randread_job hot1 "$a" zoned:10/80:90/20 >"$RUN_DIR/hot1.fio"
  randread_job hot2 "$b" zoned:5/40:90/20:5/40 >"$RUN_DIR/hot2.fio"
  drop_caches
  run_fio hot1 "$RUN_DIR/hot1.fio" && segment 1 0 "$a" hot1 hot1 read hot1 || return 1
  drop_caches
  run_fio hot2 "$RUN_DIR/hot2.fio" && segment 2 "$a" "$b" hot2 hot2 read hot2
}

# scan: random 4k reads of a 128 MiB hot set at the end of the file (measured) while one job
# reads the cold first 1.5 GiB sequentially, over and over. 128 MiB, not 64: the fio cgroup's
# 64M page cache would otherwise hold most of the hot set and hide the tiers.
wl_scan() {
  local hot_mib=128
  {
    randread_job hot "$SECONDS_PER_RUN" random $(((FILE_MIB - hot_mib) << 20)) "${hot_mib}m"
    cat <<FIO
[scan]
new_group
filename=$MNT/data.bin
offset=0
size=1536m
rw=read
bs=1m
numjobs=1
FIO
  } >"$RUN_DIR/scan.fio"
  drop_caches
  run_fio scan "$RUN_DIR/scan.fio" && segment 1 0 "$SECONDS_PER_RUN" scan hot read hot && aux scan scan read scan
}

# ingest: write-once-read-soon, in epochs of $WINDOW seconds. Epoch k writes batch k of 1 MiB
# files at $INGEST_RATE_MIB MiB/s while $JOBS jobs read random 4k blocks of batch k-1 (written 0-20 s
# earlier), which is deleted after. Epoch 0 only writes and is not measured; each measured epoch
# is one window. The readers take their files with opendir: with nrfiles and a shared
# filename_format only the first of the numjobs clones does any I/O.
wl_ingest() {
  local epochs=$(((SECONDS_PER_RUN + WINDOW - 1) / WINDOW)) files=$((INGEST_RATE_MIB * WINDOW)) k
  drop_caches
  for ((k = 0; k <= epochs; k++)); do
    mkdir -p "$MNT/ingest/b$k"
    {
      fio_global "$WINDOW"
      cat <<FIO
[write]
time_based=0
runtime=3600
directory=$MNT/ingest/b$k
filename_format=f\$filenum
nrfiles=$files
filesize=1m
size=${files}m
rw=write
bs=1m
rate=${INGEST_RATE_MIB}m
fallocate=none
FIO
      ((k == 0)) || cat <<FIO
[read]
new_group
opendir=$MNT/ingest/b$((k - 1))
rw=randread
file_service_type=random
numjobs=$JOBS
write_iops_log=$RUN_DIR/ingest$k
write_lat_log=$RUN_DIR/ingest$k
FIO
    } >"$RUN_DIR/ingest$k.fio"
    run_fio "ingest$k" "$RUN_DIR/ingest$k.fio" || return 1
    if ((k > 0)); then
      segment 1 $(((k - 1) * WINDOW)) "$WINDOW" "ingest$k" read read "ingest$k"
      aux "ingest$k" write write write
      rm -rf "$MNT/ingest/b$((k - 1))"
    fi
  done
}

# uniform: uniform random reads over the whole file (placement matters little: nothing is hot).
wl_uniform() {
  randread_job uni "$SECONDS_PER_RUN" random >"$RUN_DIR/uni.fio"
  drop_caches
  run_fio uni "$RUN_DIR/uni.fio" && segment 1 0 "$SECONDS_PER_RUN" uni uni read uni
}

# OOM kills so far in the daemon's memory cgroup (0 on kernels that do not count them).
oom_kills() { awk '$1 == "oom_kill" { n = $2 } END { print n + 0 }' "/sys/fs/cgroup/memory/$CG_DAEMON/memory.oom_control"; }

# ---- one run: new volume, write the file, workload, status, unmount ----------------------------
run_one() { # WORKLOAD RUN KIND LAYOUT POLICY
  local workload=$1 run=$2 kind=$3 layout=$4 policy=$5
  RUN_DIR=$OUT/$workload/$run
  rm -rf "$RUN_DIR"; mkdir -p "$RUN_DIR"
  log "$workload / $run: layout $layout, policy $policy"
  if ((LOADED)); then
    # Its own cgroup (a later run finds it after a SIGKILL) and session (whatever stress-ng signals
    # to stop its workers stays in its own process group); --timeout is one more safety net.
    in_cgroup "$CG_LOAD" setsid stress-ng --cpu 2 --timeout $((SECONDS_PER_RUN * 3 + 600)) --quiet &
    STRESS_PID=$!
  fi
  local memcg=/sys/fs/cgroup/memory/$CG_DAEMON oom_before
  oom_before=$(oom_kills)
  write_config "$layout" "$policy" "$RUN_DIR/tieredfs.toml"
  local ok=1
  if ! mount_volume "$RUN_DIR/tieredfs.toml" "$RUN_DIR/daemon.log"; then
    log "mount failed ($RUN_DIR/daemon.log)"; ok=0
  else
    # The file, once, sequentially: fastest-first placement decides where each extent goes.
    fio --name=prep --filename="$MNT/data.bin" --size="${FILE_MIB}m" --rw=write --bs=1m \
        --ioengine=psync --fallocate=none --end_fsync=1 >"$RUN_DIR/prep.log" 2>&1 \
      || { log "writing the file failed ($RUN_DIR/prep.log)"; ok=0; }
    if ((ok)); then
      layout_of "$MNT/data.bin" >"$RUN_DIR/layout-before.txt" || { log "tieredfs inspect failed"; ok=0; }
      log "  data.bin after the write: $(cat "$RUN_DIR/layout-before.txt")"
    fi
    if ((ok)); then "wl_$workload" || ok=0; fi
    if ((ok)) && ! kill -0 "$DAEMON_PID" 2>/dev/null; then log "the daemon died ($RUN_DIR/daemon.log)"; ok=0; fi
    # Counters just before unmount; the layout after the workload shows what moved. The daemon's
    # anonymous memory (its cgroup's page cache is always at the limit, so not worth a number).
    awk '$1 == "rss" { print $2 }' "$memcg/memory.stat" >"$RUN_DIR/daemon-rss.txt"
    "$TIEREDFS" status --json "$MNT" >"$RUN_DIR/status.json" 2>"$RUN_DIR/status.err" || log "status --json failed: $(cat "$RUN_DIR/status.err")"
    layout_of "$MNT/data.bin" >"$RUN_DIR/layout-after.txt" 2>/dev/null || true
  fi
  unmount_volume
  echo $(($(oom_kills) - oom_before)) >"$RUN_DIR/daemon-oom-kills.txt"
  if [[ -n $STRESS_PID ]]; then kill -TERM "$STRESS_PID" 2>/dev/null; wait "$STRESS_PID" 2>/dev/null || true; STRESS_PID=""; fi
  summarize_run "$workload" "$run" "$kind" "$ok" || log "warning: could not summarize $RUN_DIR"
  ((ok)) || log "$workload / $run FAILED; continuing"
  return 0
}

# ---- results -----------------------------------------------------------------------------------
summarize_run() { # WORKLOAD RUN KIND OK  -> appends to windows.csv and summary.csv
  python3 - "$OUT" "$RUN_DIR" "$@" "$WINDOW" <<'PY'
import csv, glob, json, os, sys
out, rundir, workload, run, kind, ok, window = sys.argv[1:8]
ok, window = ok == "1", int(window)

def read_log(path):
    """fio log with log_avg_msec=1000: 'msec, value, ddir, bs, offset' -> {(second, ddir): value}"""
    rows = {}
    with open(path) as f:
        for line in f:
            p = [x.strip() for x in line.split(",")]
            if len(p) >= 3 and p[0]:
                rows[(round(int(p[0]) / 1000), int(p[2]))] = float(p[1])
    return rows

def group(path, name):
    text = open(path).read()
    # fio writes notes such as "fio: opendir added N files" into the --output file too.
    for job in json.loads(text[text.index("{"):])["jobs"]:
        if job["jobname"] == name:
            return job
    raise SystemExit(f"no group {name} in fio output")

segments, auxes = [], []
path = os.path.join(rundir, "segments.txt")
if os.path.exists(path):
    for line in open(path):
        p = line.split()
        (segments if p[0] == "measure" else auxes).append(p[1:])

windows, ios, runtime_ms, lat_sum, bins = [], 0, 0, 0.0, {}
for phase, offset, seconds, name, grp, ddir, prefix in segments:
    offset, seconds, d = int(offset), int(seconds), 0 if ddir == "read" else 1
    stats = group(os.path.join(rundir, name + ".json"), grp)[ddir]
    ios += stats["total_ios"]; runtime_ms += stats["runtime"]
    lat_sum += stats["lat_ns"]["mean"] * stats["total_ios"]
    for k, v in stats["lat_ns"].get("bins", {}).items():
        bins[int(k)] = bins.get(int(k), 0) + v
    # Per second: IOPS summed over the group's jobs, latency weighted by each job's IOPS.
    per_sec = {}
    for ipath in glob.glob(os.path.join(rundir, f"{prefix}_iops.*.log")):
        iops = read_log(ipath)
        lat = read_log(ipath.replace("_iops.", "_lat."))
        for (sec, dd), v in iops.items():
            if dd != d or sec < 1 or sec > seconds:
                continue
            s = per_sec.setdefault(sec, [0.0, 0.0])
            s[0] += v
            s[1] += v * lat.get((sec, dd), 0.0)
    for w in range((seconds + window - 1) // window):
        secs = [s for s in range(w * window + 1, min((w + 1) * window, seconds) + 1) if s in per_sec]
        n = sum(per_sec[s][0] for s in secs)
        windows.append(dict(workload=workload, run=run, kind=kind, phase=phase, window=len(windows),
            t_start_s=offset + w * window, t_end_s=offset + min((w + 1) * window, seconds),
            iops=round(n / len(secs), 1) if secs else "",
            mean_lat_us=round(sum(per_sec[s][1] for s in secs) / n / 1000, 1) if n else ""))

# The windows come from fio's per-second logs, the overall from its JSON: they must agree.
secs_iops = [w["iops"] for w in windows if w["iops"] != ""]
if ios and runtime_ms and secs_iops:
    from_logs, from_json = sum(secs_iops) / len(secs_iops), ios / (runtime_ms / 1000)
    if abs(from_logs - from_json) > 0.1 * from_json:
        print(f"  warning: windows average {from_logs:.0f} IOPS but fio's JSON says {from_json:.0f} ({rundir})", file=sys.stderr)

def p99(b):
    total, acc = sum(b.values()), 0
    for k in sorted(b):
        acc += b[k]
        if acc >= 0.99 * total:
            return k
    return None

aux = []
for name, grp, ddir, label in auxes:
    stats = group(os.path.join(rundir, name + ".json"), grp)[ddir]
    aux.append((label, stats["io_bytes"], stats["runtime"]))
aux_text = " ".join(f"{l}={sum(b for x, b, _ in aux if x == l) / 1048576 / (sum(t for x, _, t in aux if x == l) / 1000):.0f}MiB/s"
                    for l in dict.fromkeys(a[0] for a in aux) if sum(t for x, _, t in aux if x == l))

status = {}
try:
    status = json.load(open(os.path.join(rundir, "status.json")))
except (OSError, ValueError):
    pass
mig = status.get("volume", {}).get("migrations", {})
ext = status.get("volume", {}).get("extent_size", 1 << 20)
def fast_extents(f):
    try:
        return open(os.path.join(rundir, f)).read().split()[1]
    except (OSError, IndexError):
        return ""
def number(f, scale=1):
    try:
        return round(int(open(os.path.join(rundir, f)).read()) / scale)
    except (OSError, ValueError):
        return ""
lat99 = p99(bins) if bins else None
summary = dict(workload=workload, run=run, kind=kind, status="ok" if ok and ios else "failed",
    iops=round(ios / (runtime_ms / 1000), 1) if runtime_ms else "",
    mean_lat_us=round(lat_sum / ios / 1000, 1) if ios else "",
    p99_lat_us=round(lat99 / 1000, 1) if lat99 is not None else "",
    promotions=mig.get("promotions", ""), demotions=mig.get("demotions", ""),
    bytes_promoted=mig["promotions"] * ext if "promotions" in mig else "",
    bytes_demoted=mig["demotions"] * ext if "demotions" in mig else "",
    bytes_moved=mig.get("bytes_moved", ""),
    fast_extents_before=fast_extents("layout-before.txt"), fast_extents_after=fast_extents("layout-after.txt"),
    daemon_rss_mib=number("daemon-rss.txt", 1048576), daemon_oom_kills=number("daemon-oom-kills.txt"), aux=aux_text)

def append(name, rows, fields):
    path = os.path.join(out, name)
    new = not os.path.exists(path)
    with open(path, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        if new:
            w.writeheader()
        w.writerows(rows)
append("windows.csv", windows, ["workload", "run", "kind", "phase", "window", "t_start_s", "t_end_s", "iops", "mean_lat_us"])
append("summary.csv", [summary], list(summary))
print(f"  -> {summary['iops'] or '-'} IOPS, mean {summary['mean_lat_us'] or '-'} us, p99 {summary['p99_lat_us'] or '-'} us, "
      f"windows {' '.join(str(round(w['iops'])) if w['iops'] != '' else '-' for w in windows)}, "
      f"promoted {summary['promotions'] or 0} demoted {summary['demotions'] or 0} extents"
      + (f", {aux_text}" if aux_text else ""), file=sys.stderr)
PY
}

# The ideal mixture for the hotzone workloads: 90% of reads served at the fast-only bound's
# speed, 10% at the slow-only bound's. Per read that is a mean time of 0.9/fast + 0.1/slow
# seconds per I/O (per job slot), so the IOPS is the harmonic mixture 1 / (0.9/fast + 0.1/slow).
add_ideal() { # WORKLOAD
  python3 - "$OUT" "$1" <<'PY'
import csv, os, sys
out, workload = sys.argv[1:3]
rows = list(csv.DictReader(open(os.path.join(out, "summary.csv"))))
b = {r["run"]: float(r["iops"]) for r in rows if r["workload"] == workload and r["kind"] == "bound" and r["iops"]}
if "fast-only" in b and "slow-only" in b and b["fast-only"] > 0 and b["slow-only"] > 0:
    ideal = 1 / (0.9 / b["fast-only"] + 0.1 / b["slow-only"])
    print(f"  ideal = 1 / (0.9/{b['fast-only']:.0f} + 0.1/{b['slow-only']:.0f}) = {ideal:.0f} IOPS", file=sys.stderr)
    fields = list(rows[0])
    with open(os.path.join(out, "summary.csv"), "a", newline="") as f:
        csv.DictWriter(f, fieldnames=fields, lineterminator="\n", restval="").writerow(
            dict(workload=workload, run="ideal", kind="ideal", status="computed", iops=round(ideal, 1)))
PY
}

report() {
  python3 - "$OUT" "$SECONDS_PER_RUN" "$LOADED" <<'PY'
import csv, os, sys
out, seconds, loaded = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
if not os.path.exists(os.path.join(out, "summary.csv")):
    raise SystemExit("live-tiering: no results to report (every run failed?)")
summary = list(csv.DictReader(open(os.path.join(out, "summary.csv"))))
windows = list(csv.DictReader(open(os.path.join(out, "windows.csv")))) if os.path.exists(os.path.join(out, "windows.csv")) else []
about = {
    "hotzone": "4k random reads, 90% on the last 20% of a 2 GiB file (the slow-tier part)",
    "shift": "hotzone for the first half, then 90% on 40-60% of the file",
    "scan": "4k random reads of a 128 MiB hot set (measured) beside a sequential scan of the first 1.5 GiB",
    "ingest": "1 MiB files written at 32 MiB/s, 4k random reads of the batch written in the previous 10 s (measured)",
    "uniform": "4k uniform random reads over the whole 2 GiB file",
}
def num(x, fmt="{:.0f}"):
    return fmt.format(float(x)) if x not in ("", None) else "-"
def mib(x):
    return f"{int(x) / 1048576:.0f} MiB" if x not in ("", None) else "-"
md = [f"### Live tiering (bench/live-tiering.sh, {seconds} s per run{', loaded: stress-ng --cpu 2' if loaded else ''})", ""]
for wl in dict.fromkeys(r["workload"] for r in summary):
    rows = [r for r in summary if r["workload"] == wl]
    rows.sort(key=lambda r: {"bound": 0, "ideal": 1, "policy": 2}[r["kind"]])
    bounds = {r["run"]: float(r["iops"]) for r in rows if r["kind"] == "bound" and r["iops"]}
    print(f"\n== {wl}: {about.get(wl, '')}")
    print(f"{'run':<10} {'kind':<7} {'IOPS per 10 s window':<60} {'IOPS':>8} {'mean us':>8} {'p99 us':>8} {'promoted':>10} {'demoted':>10}  notes")
    md += [f"**{wl}**: {about.get(wl, '')}", "",
           "| run | IOPS | per 10 s window | mean µs | p99 µs | promoted | demoted | fast extents of the file before→after | notes |",
           "|---|---:|---|---:|---:|---:|---:|---|---|"]
    for r in rows:
        ws = " ".join(num(w["iops"]) for w in windows if w["workload"] == wl and w["run"] == r["run"])
        notes = []
        if r["status"] == "failed":
            notes.append("FAILED")
        if r["kind"] == "policy" and r["iops"] and "slow-only" in bounds:
            notes.append(f"{float(r['iops']) / bounds['slow-only']:.2f}x slow-only")
        ideal_iops = [float(x["iops"]) for x in rows if x["kind"] == "ideal"]
        if r["kind"] == "policy" and r["iops"] and ideal_iops:
            notes.append(f"{float(r['iops']) / ideal_iops[0]:.0%} of ideal")
        if r.get("aux"):
            notes.append(r["aux"])
        if r.get("daemon_rss_mib"):
            notes.append(f"daemon rss {r['daemon_rss_mib']} MiB")
        if r.get("daemon_oom_kills") not in ("", "0", None):
            notes.append(f"OOM kills in the daemon's cgroup: {r['daemon_oom_kills']}")
        moved = f"{r['fast_extents_before']}→{r['fast_extents_after']}" if r.get("fast_extents_before") else ""
        print(f"{r['run']:<10} {r['kind']:<7} {ws:<60} {num(r['iops']):>8} {num(r['mean_lat_us']):>8} {num(r['p99_lat_us']):>8} "
              f"{mib(r['bytes_promoted']):>10} {mib(r['bytes_demoted']):>10}  {'; '.join(notes)}")
        md.append(f"| {r['run']}{' (bound)' if r['kind'] == 'bound' else ''} | {num(r['iops'])} | {ws} | {num(r['mean_lat_us'])} | "
                  f"{num(r['p99_lat_us'])} | {mib(r['bytes_promoted'])} | {mib(r['bytes_demoted'])} | {moved} | {'; '.join(notes)} |")
    ideal = [r for r in rows if r["kind"] == "ideal"]
    if ideal and "fast-only" in bounds and "slow-only" in bounds:
        line = (f"ideal = 1 / (0.9/fast-only + 0.1/slow-only) = 1 / (0.9/{bounds['fast-only']:.0f} + 0.1/{bounds['slow-only']:.0f})"
                f" = {float(ideal[0]['iops']):.0f} IOPS (the hot 90% at fast-only speed, the rest at slow-only speed)")
        print(line)
        md += ["", line]
    md.append("")
open(os.path.join(out, "results.md"), "w").write("\n".join(md) + "\n")
print("\n---- markdown for docs/results.md (also in " + os.path.join(out, "results.md") + ") ----\n")
print("\n".join(md))
PY
}

# ---- main --------------------------------------------------------------------------------------
main() {
  parse_args "$@"
  check_machine
  mkdir -p "$WORK"
  claim_workdir
  build   # before the cleanup below: it unmounts a leftover volume with `tieredfs unmount`
  if [[ -e $STATE || -d /sys/fs/cgroup/memory/$CG_DAEMON ]] || grep -qs " $WORK/" /proc/mounts; then
    log "cleaning up what an earlier, killed run left behind"
    teardown
  fi
  trap 'trap - INT TERM; teardown; rm -f "$WORK/pid"' EXIT
  trap 'log "interrupted; cleaning up"; exit 130' INT TERM
  mkdir -p "$OUT"
  [[ -z $(ls -A "$OUT" 2>/dev/null) ]] || die "results directory $OUT is not empty"
  setup_devices
  setup_cgroups
  log "results in $OUT; ${#WORKLOADS[@]} workloads x (2 bounds + ${#POLICIES[@]} policies), ${SECONDS_PER_RUN} s each$( ((LOADED)) && echo ', loaded')"
  local wl p
  for wl in "${WORKLOADS[@]}"; do
    run_one "$wl" fast-only bound fast-only static
    run_one "$wl" slow-only bound slow-only static
    [[ $wl == hotzone || $wl == shift ]] && add_ideal "$wl"
    for p in "${POLICIES[@]}"; do run_one "$wl" "$p" policy tiered "$p"; done
  done
  report || exit 1
  "$LIVEPLOT" "$OUT" || log "warning: plotting failed"
  if grep -q ',failed,' "$OUT/summary.csv"; then log "some runs failed (see the notes above)"; exit 1; fi
}

main "$@"
