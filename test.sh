#!/usr/bin/env bash
# Install the tools the suite drives (fuse3, stress-ng, dbench, fs_mark, ...) if missing, then
# run every test project. Integration tests mount real FUSE volumes, so run as root.
set -euo pipefail
cd "$(dirname "$0")"
packages=(fuse3 stress-ng dbench fsmark attr util-linux fio)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
dotnet build -c Release tiered-fs.sln -v quiet -nologo
dotnet test tiered-fs.sln -c Release --no-build -v quiet -nologo --logger "console;verbosity=normal" "$@"
