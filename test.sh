#!/usr/bin/env bash
# Install the tools the suite drives (fuse3, stress-ng, dbench, fs_mark, ...) if missing, then
# run every test project. Integration tests mount real FUSE volumes, so run as root.
set -euo pipefail
cd "$(dirname "$0")"
packages=(fuse3 stress-ng dbench fsmark attr util-linux fio python3 e2fsprogs)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
dotnet build -c Release tiered-fs.sln -v quiet -nologo
log=$(mktemp)
status=0
dotnet test tiered-fs.sln -c Release --no-build -v quiet -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
# One closing line over all test assemblies.
passed=$(awk '/^ +Passed: +[0-9]+$/ {n += $2} END {print n + 0}' "$log")
failed=$(awk '/^ +Failed: +[0-9]+$/ {n += $2} END {print n + 0}' "$log")
skipped=$(awk '/^ +Skipped: +[0-9]+$/ {n += $2} END {print n + 0}' "$log")
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
