#!/usr/bin/env bash
# `ipcsim check --jobs 2` against `--jobs 1` on the same machine in one run: each case alternates the two
# ROUNDS times (default 5) and keeps the best of each, since these machines are noisy. Prints a Markdown
# table: states and the check's own seconds (its `performance:` line) for both, and their ratio.
#
#   bench/run_jobs_bench.sh            # IPCSIM (default build/ipcsim), ROUNDS
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
IPCSIM=${IPCSIM:-$root/build/ipcsim}
ROUNDS=${ROUNDS:-5}
[ -x "$IPCSIM" ] || { echo "ipcsim not found at $IPCSIM (build it first)" >&2; exit 2; }

# best_of CASE-NAME SCENARIO ARGS...: one table row
best_of() {
  local name=$1; shift
  local best=(999999 999999) states=(0 0) verdict=("" "")
  for _ in $(seq "$ROUNDS"); do
    for j in 0 1; do
      local out secs
      out=$("$IPCSIM" check "$@" --jobs $((j + 1)) 2>&1 || true)
      secs=$(sed -n 's/^performance: \([0-9.]*\) s.*/\1/p' <<<"$out")
      states[j]=$(sed -n 's/^statistics: \([0-9]*\) states.*/\1/p' <<<"$out")
      verdict[j]=$(head -n 1 <<<"$out" | sed 's/^scenario [^:]*: //')
      if awk -v a="$secs" -v b="${best[j]}" 'BEGIN { exit !(a < b) }'; then best[j]=$secs; fi
    done
  done
  [ "${verdict[0]}" = "${verdict[1]}" ] || { echo "verdicts differ on $name: ${verdict[*]}" >&2; exit 1; }
  echo "| $name | ${verdict[0]} | ${states[0]} | ${best[0]} | ${states[1]} | ${best[1]} | $(awk -v a="${best[0]}" -v b="${best[1]}" 'BEGIN { printf "%.2f", a / b }') |"
}

echo "$("$IPCSIM" --version 2>/dev/null | head -1 || true) ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg); best of $ROUNDS; $(date +%F)" >&2
echo "| check | verdict | states, 1 thread | s, 1 thread | states, 2 threads | s, 2 threads | speed-up |"
echo "|---|---|---:|---:|---:|---:|---:|"
best_of "philosophers, last reversed, N=6 MEALS=2" "$root/scenarios/classic-dining-philosophers-ordered.yaml" --param N=6 --param MEALS=2
best_of "philosophers, last reversed, N=7 MEALS=2" "$root/scenarios/classic-dining-philosophers-ordered.yaml" --param N=7 --param MEALS=2
best_of "fork servers, N=12" "$here/fork-servers.yaml" --param N=12
best_of "fork servers, N=14" "$here/fork-servers.yaml" --param N=14
best_of "fork servers, N=16" "$here/fork-servers.yaml" --param N=16
best_of "producers/consumers, P=C=K=M=4" "$here/producer-consumer.yaml" --param P=4 --param C=4 --param K=4 --param M=4
best_of "producers/consumers, P=C=K=M=5" "$here/producer-consumer.yaml" --param P=5 --param C=5 --param K=5 --param M=5
best_of "client/server pairs, NP=200" "$here/client-server-pairs.yaml" --param NP=200
