#!/usr/bin/env bash
# Runs every Go fuzz target of the repository (make fuzz), one at a time,
# each for a bounded time, and fails if any of them fails.
#   FUZZTIME   time per target, as go test -fuzztime takes it (default 20s;
#              also "5000x" for a number of executions)
#   FUZZ       only the targets whose name matches this extended regexp
#   PARALLEL   fuzzing workers per target (go test -parallel; default: all CPUs)
# The targets are found by grep: every `func FuzzXxx(` in a *_test.go file.
# A failing input is written to <package>/testdata/fuzz/<FuzzXxx>/ by go test;
# commit it with the fix so that `go test` replays it from then on.
set -euo pipefail

cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-20s}
FUZZ=${FUZZ:-.}
parallel=()
if [ -n "${PARALLEL:-}" ]; then
  parallel=(-parallel "$PARALLEL")
fi

# "<package dir> <target>" per line, sorted, outside third_party and build.
targets=$(grep -rn --include='*_test.go' --exclude-dir=third_party --exclude-dir=build --exclude-dir=.git \
  -E '^func Fuzz[A-Za-z0-9_]*\(' . |
  sed -E 's|^\./(.*)/[^/]*_test\.go:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*|\1 \2|' |
  grep -E " (${FUZZ})" | sort -u || true)
if [ -z "$targets" ]; then
  echo "no fuzz targets match FUZZ=$FUZZ" >&2
  exit 1
fi

echo "fuzz targets ($(echo "$targets" | wc -l)), ${FUZZTIME} each:"
echo "$targets" | sed 's/^/  /'

failed=()
while read -r dir name; do
  echo "=== ./$dir $name"
  if ! go test "./$dir" -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" ${parallel[@]+"${parallel[@]}"} </dev/null; then
    failed+=("./$dir $name")
  fi
done <<< "$targets"

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED fuzz targets (inputs in <package>/testdata/fuzz/<target>/):" >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "all fuzz targets passed"
