#!/bin/bash
# Stand-in for the tieredfs daemon, for validating the test harness itself before the daemon exists:
#   TIEREDFS_BIN=tests/Integration.Tests/StandIn/bindfs-standin.sh dotnet test tests/Integration.Tests --filter 'FullyQualifiedName~Posix.Mounted'
# It serves the FIRST tier directory through bindfs (a libfuse2 passthrough, Debian package 'bindfs') with the
# fstype fuse.tieredfs. No tiering, no inspect, no config validation: only the POSIX/lifecycle plumbing is real.
# Not used by CI.
set -u
cmd=${1:-}; shift || true
case "$cmd" in
mount)
    config="" opts=""
    while [ $# -gt 1 ]; do
        case "$1" in
            --config) config=$2; shift 2 ;;
            -o) opts=$2; shift 2 ;;
            *) echo "standin: unexpected argument $1" >&2; exit 2 ;;
        esac
    done
    mnt=$1
    [ -f "$config" ] || { echo "$config:1: config: file not found" >&2; exit 2; }
    src=$(sed -n 's/^path = "\(.*\)"$/\1/p' "$config" | head -n1)
    mkdir -p "$src/data"
    # a dead mount left by SIGKILL: detach it first, as the contract requires of the real daemon
    while awk -v m="$mnt" '$5 == m && / - fuse\.tieredfs /' /proc/self/mountinfo | grep -q .; do
        umount -l "$mnt" || break
    done
    allow="--no-allow-other"
    fuseopts="subtype=tieredfs,default_permissions"
    IFS=',' read -ra list <<< "$opts"
    for o in "${list[@]}"; do
        case "$o" in
            allow_other) allow="" ;;
            "") ;;
            *) fuseopts="$fuseopts,$o" ;;
        esac
    done
    exec bindfs -f $allow -o "$fuseopts" "$src/data" "$mnt"
    ;;
unmount)
    umount "$1"
    ;;
*)
    echo "standin: '$cmd' is not supported by the bindfs stand-in" >&2
    exit 1
    ;;
esac
