#!/usr/bin/env bash
# Soak run: mounts one tiered-fs volume and runs the external tools for longer than the integration suite does.
# Not part of CI. Usage: tests/run-soak.sh [MINUTES]   (default 10; needs root, /dev/fuse and the Debian
# packages listed in tests/Integration.Tests/README.md). TIEREDFS_BIN overrides the daemon (apphost or .dll).
set -euo pipefail
minutes=${1:-10}
secs=$((minutes * 60))
repo=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${TIEREDFS_BIN:-}" ]; then
    dotnet build "$repo/src/Daemon" -c Release -o "$repo/artifacts/soak-bin" >/dev/null
    TIEREDFS_BIN="$repo/artifacts/soak-bin/tieredfs.dll"
fi
case "$TIEREDFS_BIN" in *.dll) daemon=(dotnet "$TIEREDFS_BIN") ;; *) daemon=("$TIEREDFS_BIN") ;; esac

work=$(mktemp -d /tmp/tieredfs-soak.XXXXXX)
mnt=$work/mnt
mkdir -p "$mnt" "$work/fast" "$work/slow"
cat > "$work/config.toml" <<TOML
[volume]
extent_size = "1MiB"

[[tier]]
name = "fast"
path = "$work/fast"
capacity = "256MiB"

[[tier]]
name = "slow"
path = "$work/slow"
TOML

"${daemon[@]}" mount --config "$work/config.toml" -o allow_other "$mnt" >"$work/daemon.log" 2>&1 &
pid=$!
cleanup() {
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
    umount -l "$mnt" 2>/dev/null || true
    echo "daemon log: $work/daemon.log (work dir kept: $work)"
}
trap cleanup EXIT

for _ in $(seq 150); do
    awk -v m="$mnt" '$5 == m && / - fuse\.tieredfs /' /proc/self/mountinfo | grep -q . && break
    kill -0 "$pid" 2>/dev/null || { echo "daemon exited:"; cat "$work/daemon.log"; exit 1; }
    sleep 0.1
done
awk -v m="$mnt" '$5 == m && / - fuse\.tieredfs /' /proc/self/mountinfo | grep -q . || { echo "mount timeout"; exit 1; }

status=0
per=$((secs / 3))
echo "== stress-ng filesystem class, ${per}s"
mkdir -p "$mnt/stress"
stress-ng --class filesystem --all 1 -t "$per" --verify --temp-path "$mnt/stress" \
    --exclude binderfs,verity 2>&1 | tee "$work/stress-ng.log" | grep -E " fail: |failed|aborted" || true
grep -q " fail: " "$work/stress-ng.log" && status=1

echo "== dbench 8 clients, ${per}s"
mkdir -p "$mnt/dbench"
dbench -D "$mnt/dbench" -t "$per" 8 >"$work/dbench.log" 2>&1 || status=1
grep -E "ERROR|Throughput" "$work/dbench.log" || true

echo "== fs_mark until ${per}s are up"
mkdir -p "$mnt/fsmark"
end=$((SECONDS + per))
while [ $SECONDS -lt $end ]; do
    (cd "$mnt/fsmark" && fs_mark -d . -n 1000 -s 65536 -L 1 -S 1) >>"$work/fsmark.log" 2>&1 || { status=1; break; }
    rm -f "$mnt"/fsmark/*
done

echo "== inspect a large file"
head -c 600M /dev/urandom > "$mnt/big"
"${daemon[@]}" inspect "$mnt/big" | awk 'NR>1 {print $2}' | sort | uniq -c

[ $status -eq 0 ] && echo "SOAK OK" || echo "SOAK FAILED"
exit $status
