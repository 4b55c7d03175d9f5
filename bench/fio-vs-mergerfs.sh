#!/usr/bin/env bash
# fio matrix on a tieredfs mount and on mergerfs over the same backing filesystem, in one run.
# Backing: a zram ext4 filesystem (fast tier; also mergerfs's branch) and an ext4 filesystem on a
# loop device over a file on the root disk (slow tier). Rows: 4K randread, 4K randwrite,
# 1M seqread, 1M seqwrite + fsync; psync, 1 job. Both mounts bypass the kernel page cache
# (tieredfs -o direct_io, mergerfs cache.files=off: FOPEN_DIRECT_IO) so every request reaches the
# daemon; both daemons then use the backing filesystem's page cache. (fio --direct=1 cannot be used:
# mergerfs passes O_DIRECT down with unaligned buffers and gets EINVAL.)
# Usage: bench/fio-vs-mergerfs.sh [runtime-seconds]   (root; installs fio, mergerfs, fuse3)
set -euo pipefail
cd "$(dirname "$0")/.."
runtime="${1:-15}"
size=1G
work=/var/tmp/tieredfs-bench
for p in fio mergerfs fuse3; do dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fio mergerfs fuse3; break; }; done
dotnet build -c Release src/Daemon -v quiet -nologo >/dev/null
tieredfs=src/Daemon/bin/Release/net10.0/tieredfs

mkdir -p "$work"/{zram,loop,tfs,mfs}
cleanup() {
  umount "$work/tfs" 2>/dev/null || true; umount "$work/mfs" 2>/dev/null || true
  sleep 1
  umount "$work/zram" 2>/dev/null || true; umount "$work/loop" 2>/dev/null || true
  [[ -n "${loopdev:-}" ]] && losetup -d "$loopdev" 2>/dev/null || true
}
trap cleanup EXIT
if ! mountpoint -q "$work/zram"; then
  modprobe zram 2>/dev/null || true
  if [[ "$(cat /sys/block/zram0/disksize)" == 0 ]]; then echo 4G > /sys/block/zram0/disksize; fi
  mkfs.ext4 -q -F /dev/zram0
  mount /dev/zram0 "$work/zram"
fi
if ! mountpoint -q "$work/loop"; then
  truncate -s 4G "$work/loop.img"
  loopdev=$(losetup --find --show "$work/loop.img")
  mkfs.ext4 -q -F "$loopdev"
  mount "$loopdev" "$work/loop"
fi
rm -rf "$work/zram/tfs" "$work/zram/mfs" "$work/loop/tfs"
mkdir -p "$work/zram/mfs"
cat > "$work/tieredfs.toml" <<TOML
[volume]
extent_size = "1MiB"
[[tier]]
name = "zram"
path = "$work/zram/tfs"
[[tier]]
name = "loop"
path = "$work/loop/tfs"
TOML
"$tieredfs" mount -o direct_io --config "$work/tieredfs.toml" "$work/tfs" >"$work/tieredfs.log" 2>&1 &
mergerfs -o allow_other,use_ino,cache.files=off,category.create=ff,minfreespace=0 "$work/zram/mfs" "$work/mfs"
for i in $(seq 50); do mountpoint -q "$work/tfs" && break; sleep 0.2; done

run() { # name dir rw bs extra...
  local name=$1 dir=$2 rw=$3 bs=$4; shift 4
  fio --name="$name" --directory="$dir" --filename=fio.dat --size=$size --rw="$rw" --bs="$bs" \
      --ioengine=psync --numjobs=1 --direct=0 --time_based --runtime="$runtime" --ramp_time=2 \
      --output-format=json --output="$work/$name.$(basename "$dir").json" "$@" >"$work/fio.err" 2>&1 || { cat "$work/fio.err" >&2; return 1; }
  python3 -c 'import json,sys; j=json.load(sys.stdin)["jobs"][0]; r=j["read"]; w=j["write"]; x=r if r["io_bytes"]>0 else w; print("%d %.1f %.1f" % (x["iops"], x["bw"]/1024, x["clat_ns"]["mean"]/1000))' <"$work/$name.$(basename "$dir").json"
}
printf "%-22s %12s %12s %12s %12s %7s\n" "row" "tieredfs" "mergerfs" "tfs MiB/s" "mfs MiB/s" "ratio"
for row in "randread-4k randread 4k" "randwrite-4k randwrite 4k" "seqread-1M read 1M" "seqwrite-1M+fsync write 1M --end_fsync=1"; do
  set -- $row
  name=$1 rw=$2 bs=$3; shift 3
  # Lay the file out first so reads hit written data on both.
  for d in "$work/tfs" "$work/mfs"; do [[ -f "$d/fio.dat" ]] || fio --name=prep --directory="$d" --filename=fio.dat --size=$size --rw=write --bs=1M --ioengine=psync >"$work/prep.log" 2>&1 || { cat "$work/prep.log"; exit 1; }; done
  tfs_result=$(run "$name" "$work/tfs" "$rw" "$bs" "$@")
  mfs_result=$(run "$name" "$work/mfs" "$rw" "$bs" "$@")
  read -r ti tb tl <<<"$tfs_result"
  read -r mi mb ml <<<"$mfs_result"
  ratio=$(python3 -c "print('%.2f' % ($ti/$mi if $mi else 0))")
  printf "%-22s %12s %12s %12s %12s %7s\n" "$name" "$ti IOPS" "$mi IOPS" "$tb" "$mb" "$ratio"
done
"$tieredfs" inspect "$work/tfs/fio.dat" | awk 'NR>1{print $2}' | sort | uniq -c | sed 's/^/extents per tier: /'
