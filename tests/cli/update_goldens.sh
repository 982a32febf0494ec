#!/bin/sh
# Regenerates the golden CLI outputs of every bundled scenario from a built ipcsim:
#   tests/cli/golden/<scenario>.summary.txt   stdout of `ipcsim run scenarios/<scenario>.yaml --trace T`
#   tests/cli/golden/<scenario>.trace.jsonl   the trace T
# Usage: tests/cli/update_goldens.sh [PATH/TO/ipcsim]   (default: build/ipcsim)
# Run from anywhere; scenarios are named relative to the repository root, as the tests do. Read the diff
# before committing: a golden is a claim that the new output is right.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=${1:-$root/build/ipcsim}
case $binary in /*) ;; *) binary=$(pwd)/$binary ;; esac
[ -x "$binary" ] || { echo "update_goldens.sh: no executable at $binary" >&2; exit 2; }
mkdir -p "$here/golden"
cd "$root"
for scenario in scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  status=0
  "$binary" run "$scenario" --trace "$here/golden/$name.trace.jsonl" >"$here/golden/$name.summary.txt" || status=$?
  case $status in
    0 | 1) echo "$name: exit $status" ;;
    *) echo "update_goldens.sh: $scenario: ipcsim run exited with $status" >&2; exit 1 ;;
  esac
done
