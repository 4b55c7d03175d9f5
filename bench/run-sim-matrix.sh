#!/usr/bin/env bash
# Builds the simulator harness, generates the 5 synthetic traces, runs `sim --policy all` on
# each of the 4 built-in hierarchies (20 runs × 8 policies) and regenerates docs/results-sim.md.
# Usage: bench/run-sim-matrix.sh [REQUESTS (default 100000)] [SEED (default 42)] [OUT (default docs/results-sim.md)]
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS="${1:-100000}"
SEED="${2:-42}"
OUT="${3:-docs/results-sim.md}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tieredfs-matrix.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

dotnet build -c Release bench/SimMatrix/SimMatrix.csproj -v quiet -nologo >/dev/null
SIM=(dotnet bench/SimMatrix/bin/Release/net10.0/TieredFs.SimMatrix.dll)

PATTERNS=(zipf shifting scan-mix write-log read-web)
HSS=(perf cost tri quad)
start=$(date +%s)
for p in "${PATTERNS[@]}"; do
  "${SIM[@]}" gen-trace --pattern "$p" --requests "$REQUESTS" --seed "$SEED" --out "$WORK/$p.csv" >/dev/null
done
mkdir -p "$WORK/results"
for p in "${PATTERNS[@]}"; do
  for h in "${HSS[@]}"; do
    echo "== $p on $h" >&2
    "${SIM[@]}" sim --trace "$WORK/$p.csv" --hss "$h" --policy all --seed "$SEED" > "$WORK/results/${p}__${h}.jsonl"
    grep -v '^{' "$WORK/results/${p}__${h}.jsonl" >&2
  done
done
elapsed=$(( $(date +%s) - start ))
HEADER="Traces: 5 generated patterns × ${REQUESTS} requests (seed ${SEED}, 4 GiB footprint, 1 MiB extents, fast tier = 10% of footprint), HSS: perf, cost, tri, quad (docs/devices.md). Matrix wall time: ${elapsed} s on $(nproc) cores."
"${SIM[@]}" report "$WORK/results" "$OUT" "$HEADER"
echo "wrote $OUT" >&2
