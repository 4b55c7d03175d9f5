#!/usr/bin/env bash
# Build tieredfs and mount a volume on the embedded default config (two tiers under
# /var/lib/tieredfs/tiers) at ${1:-/mnt/tieredfs}, in the foreground. Ctrl-C unmounts cleanly.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v fusermount3 >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fuse3
fi
dotnet build -c Release src/Daemon -v quiet -nologo
mountpoint="${1:-/mnt/tieredfs}"
mkdir -p "$mountpoint"
exec src/Daemon/bin/Release/net10.0/tieredfs mount "$mountpoint"
