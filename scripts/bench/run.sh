#!/usr/bin/env bash
# The performance benchmark suite (make bench; docs/PERFORMANCE.md):
#   1. Go benchmarks of the x/jobs hot paths on the real app (EndBlocker vs
#      open jobs, lifecycle messages, settlement with 3 and 50 validators,
#      indexed queries at 1,000 and 100,000 jobs, state bytes per lifecycle);
#   2. the node benchmark: a real single-validator agijd on loopback, bank
#      sends vs job lifecycles (tx/s and ratio), and REST query latency with
#      1,000 and 100,000 jobs seeded through genesis.
# Results go to $BENCH_OUT (default build/bench): keeper.txt, node.txt,
# node.json, summary.txt.
#   BENCHTIME        go test -benchtime of the keeper benchmarks (default 100x)
#   BENCH_COUNT      go test -count of the keeper benchmarks (default 1)
#   BENCH_FILTER     go test -bench regexp (default .)
#   AGIJ_BENCH_TXS   transactions per throughput phase (default 3000)
#   AGIJ_BENCH_QUERY_JOBS  jobs of the large query state (default 100000)
#   SKIP_KEEPER=1 / SKIP_NODE=1  run only one half
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${BENCH_OUT:-build/bench}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:  $(git describe --always --dirty 2>/dev/null || echo unknown)"
  echo "go:      $(go version)"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //') x $(nproc)"
  echo "memory:  $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo 2>/dev/null)"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
} | tee "$OUT/machine.txt"

if [ "${SKIP_KEEPER:-0}" != 1 ]; then
  echo "== keeper benchmarks (x/jobs/keeper) =="
  go test ./x/jobs/keeper -run '^$' -bench "${BENCH_FILTER:-.}" -benchmem \
    -benchtime "${BENCHTIME:-100x}" -count "${BENCH_COUNT:-1}" -timeout 40m | tee "$OUT/keeper.txt"
fi

if [ "${SKIP_NODE:-0}" != 1 ]; then
  echo "== node benchmark (tests/bench) =="
  AGIJ_BENCH=1 AGIJ_BENCH_OUT="$OUT/node.json" go test ./tests/bench -run TestNodeBenchmark -count 1 -timeout 30m -v \
    | grep -av $'\033\\[90m' | tee "$OUT/node.txt"
fi

{
  cat "$OUT/machine.txt"
  [ -f "$OUT/keeper.txt" ] && grep -E '^Benchmark' "$OUT/keeper.txt"
  [ -f "$OUT/node.txt" ] && grep -E '^(machine|bank-send|job-lifecycle|job/bank|jobs)' "$OUT/node.txt" | sort -u
} > "$OUT/summary.txt" || true
echo "results in $OUT"
