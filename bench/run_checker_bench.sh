#!/usr/bin/env bash
# Checker benchmark: the same models checked by `ipcsim check` and by SPIN on hand-written Promela.
# Prints one Markdown table: states, transitions, seconds, memory, counterexample length and verdict of
# both, side by side.
#
#   bench/run_checker_bench.sh                 # default cases (a few minutes on 2 CPUs)
#   bench/run_checker_bench.sh 8 9             # also the deadlocking philosophers for N=8 and N=9
#   FORK_SERVERS_N=14 bench/run_checker_bench.sh   # also the fork servers at the issue's other N
#
# Environment: IPCSIM (default build/ipcsim), SPIN (default spin), CC (default gcc),
# PAN_DEPTH (initial pan -m, default 1000000), PAN_MEMLIM (pan -DMEMLIM in MiB, default 8192), EXTRA_TIME_LIMIT (ipcsim --time-limit for the extra N,
# default 300 s; a run that hits it shows "limit" and agree "n/a"), EXTRA_MAX_MEMORY (ipcsim --max-memory
# in MiB for the extra fork-server N, default 4096), FORK_SERVERS_N (extra N for the fork servers, run
# under both limits), KEEP_TMP=1 keeps the pan build directory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
IPCSIM=${IPCSIM:-$root/build/ipcsim}
SPIN=${SPIN:-spin}
CC=${CC:-gcc}
PAN_DEPTH=${PAN_DEPTH:-1000000}
PAN_MEMLIM=${PAN_MEMLIM:-8192}             # pan -DMEMLIM (MiB): beyond it SPIN reports "out of memory"
EXTRA_TIME_LIMIT=${EXTRA_TIME_LIMIT:-300}   # ipcsim --time-limit (s) for the optional extra N
EXTRA_MAX_MEMORY=${EXTRA_MAX_MEMORY:-4096} # ipcsim --max-memory (MiB) for the extra fork-server N
EXTRA_N=("$@")   # optional extra N for the deadlocking dining philosophers (e.g. 8 9)
read -r -a FORK_SERVERS_N <<<"${FORK_SERVERS_N:-}"   # optional extra N for the fork servers (the issue's other: 14)

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time" >&2
  sudo apt-get install -y time >&2 || apt-get install -y time >&2
fi
command -v "$SPIN" >/dev/null || { echo "spin not found (apt-get install spin)" >&2; exit 2; }
[ -x "$IPCSIM" ] || { echo "ipcsim not found at $IPCSIM (build it first)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/checker-bench.XXXXXX")
[ "${KEEP_TMP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }   # KiB -> MiB

# run_spin MODEL.pml DEFINES... -> sets spin_verdict spin_states spin_transitions spin_secs spin_mib spin_rss
# spin_cex spin_build
run_spin() {
  local model=$1; shift
  local dir="$tmp/spin.$RANDOM$RANDOM"
  mkdir -p "$dir"
  cp "$model" "$dir/"
  local start end
  start=$(date +%s.%N)
  (cd "$dir" && "$SPIN" -a "$@" "$(basename "$model")" >spin.out 2>&1 \
     && "$CC" -O2 -DSAFETY -DMEMLIM="$PAN_MEMLIM" -o pan pan.c >cc.out 2>&1) \
    || { echo "spin/gcc failed in $dir" >&2; cat "$dir"/*.out >&2; exit 2; }
  end=$(date +%s.%N)
  spin_build=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  local depth=$PAN_DEPTH
  while :; do
    (cd "$dir" && /usr/bin/time -f "%e %M" -o time.out ./pan -m"$depth" >pan.out 2>&1) || true
    if grep -q "max search depth too small" "$dir/pan.out"; then
      depth=$((depth * 10)); continue
    fi
    break
  done
  local errors
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$dir/pan.out" | head -1)
  if grep -q "MEMLIM\|out of memory" "$dir/pan.out"; then
    spin_verdict="out of memory"   # pan stopped at -DMEMLIM: no verdict
  elif [ -z "$errors" ]; then
    echo "could not parse pan output in $dir" >&2; cat "$dir/pan.out" >&2; exit 2
  elif [ "$errors" -gt 0 ]; then
    if grep -q "invalid end state" "$dir/pan.out"; then spin_verdict="deadlock"; else spin_verdict="violated"; fi
  else
    spin_verdict="holds"
  fi
  spin_states=$(awk '/states, stored/ { print $1; exit }' "$dir/pan.out")
  spin_transitions=$(awk '/transitions \(= stored\+matched\)/ { print $1; exit }' "$dir/pan.out")
  # the counterexample: the steps of the trail pan wrote (its "at depth D" + 1; lines starting with - are
  # not steps). Promela's init, which starts the processes, is part of it.
  spin_cex=-
  local trail
  trail=$(find "$dir" -maxdepth 1 -name '*.trail' | head -1)
  [ -z "$trail" ] || spin_cex=$(grep -cv '^-' "$trail")
  spin_pan_secs=$(sed -n 's/^pan: elapsed time \([0-9.e+-]*\).*/\1/p' "$dir/pan.out")
  spin_mib=$(awk '/total actual memory usage/ { printf "%.0f", $1; exit }' "$dir/pan.out")
  read -r spin_secs spin_rss_kib < <(tail -n 1 "$dir/time.out")
  spin_rss=$(mib "$spin_rss_kib")
  spin_depth=$depth
  [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$dir"
}

# run_ipcsim SCENARIO ARGS... -> sets ipc_verdict ipc_states ipc_transitions ipc_secs ipc_rss ipc_cex
run_ipcsim() {
  local scenario=$1; shift
  local out="$tmp/ipcsim.json" rc=0
  /usr/bin/time -f "%e %M" -o "$tmp/ipcsim.time" "$IPCSIM" check "$scenario" "$@" --json >"$out" 2>"$tmp/ipcsim.err" || rc=$?
  read -r ipc_secs ipc_rss_kib < <(tail -n 1 "$tmp/ipcsim.time")   # last line: GNU time first reports a non-zero exit
  ipc_rss=$(mib "$ipc_rss_kib")
  local stats   # the counterexample: the steps of the first violation's schedule
  stats=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
v = d.get("violations") or []
print(d["statistics"]["states"], d["statistics"]["transitions"], len(v[0]["schedule"]) if v else "-")' "$out")
  read -r ipc_states ipc_transitions ipc_cex <<<"$stats"
  case $rc in
    0) ipc_verdict="holds" ;;
    1) ipc_verdict=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
v = [p["property"] for p in d["properties"] if p["verdict"] == "violated"]
print("+".join(v) if v else "violated")' "$out") ;;
    3) ipc_verdict="limit" ;;
    *) echo "ipcsim check failed (exit $rc)" >&2; cat "$tmp/ipcsim.err" >&2; exit 2 ;;
  esac
}

# ipcsim_both SCENARIO ARGS...: the same check with --jobs 2 (sets par_verdict par_states par_secs), then
# the default sequential search (run_ipcsim's variables).
ipcsim_both() {
  run_ipcsim "$@" --jobs 2
  par_verdict=$ipc_verdict par_states=$ipc_states par_secs=$ipc_secs
  run_ipcsim "$@"
}

rows=()
# row MODEL PARAMS  (uses the variables set by run_spin and ipcsim_both)
row() {
  local agree=no
  if [ "$par_verdict" != "$ipc_verdict" ] && [ "$par_verdict" != limit ] && [ "$ipc_verdict" != limit ]; then
    disagreements=$((disagreements + 1))   # the parallel search must agree with the sequential one
  fi
  if [ "$spin_verdict" = "$ipc_verdict" ]; then agree=yes
  elif [ "$ipc_verdict" = limit ] || [ "$spin_verdict" = "out of memory" ]; then agree="n/a"   # a tool gave no verdict
  else disagreements=$((disagreements + 1)); fi
  local line="| $1 | $2 | $spin_verdict | $spin_states | $spin_transitions | $spin_secs | $spin_mib | $spin_rss | $spin_cex"
  line+=" | $ipc_verdict | $ipc_states | $ipc_transitions | $ipc_secs | $ipc_rss | $ipc_cex | $par_states | $par_secs | $agree |"
  rows+=("$line")
  echo "$line" >&2
}
disagreements=0

phil_deadlock() {
  local n=$1; shift
  run_spin "$here/promela/philosophers.pml" -DN="$n" -DMEALS=2
  run_ipcsim "$root/scenarios/classic-dining-philosophers.yaml" --param N="$n" --param MEALS=2 --stop-at-first "$@"
  par_verdict=$ipc_verdict par_states="-" par_secs="-"   # a first deadlock is the depth-first search's job
  row "philosophers (all left first)" "N=$n MEALS=2"
}
phil_reversed() {
  local n=$1
  run_spin "$here/promela/philosophers.pml" -DN="$n" -DMEALS=2 -DREVERSED
  ipcsim_both "$root/scenarios/classic-dining-philosophers-ordered.yaml" --param N="$n" --param MEALS=2
  row "philosophers (last reversed)" "N=$n MEALS=2"
}
# The first row of the checker-performance issue: fork servers over rendezvous channels, looping forever.
fork_servers() {
  local n=$1; shift
  run_spin "$here/promela/fork_servers.pml" -DN="$n"
  ipcsim_both "$here/fork-servers.yaml" --param N="$n" "$@"
  row "fork servers (last reversed)" "N=$n"
}
# Its second row: the same ring without the reversed philosopher, to the first deadlock.
fork_ring() {
  local n=$1
  run_spin "$here/promela/fork_servers.pml" -DN="$n" -DRING
  run_ipcsim "$here/fork-servers.yaml" --param N="$n" --param RING=1 --stop-at-first
  par_verdict=$ipc_verdict par_states="-" par_secs="-"   # a first deadlock is the depth-first search's job
  row "fork servers (ring), first deadlock" "N=$n"
}
prodcons() {
  local p=$1 c=$2 k=$3 m=$4
  run_spin "$here/promela/producer_consumer.pml" -DP="$p" -DC="$c" -DK="$k" -DM="$m"
  ipcsim_both "$here/producer-consumer.yaml" --param P="$p" --param C="$c" --param K="$k" --param M="$m"
  row "producer/consumer" "P=$p C=$c K=$k M=$m"
}

echo "$("$IPCSIM" --version 2>/dev/null | head -1 || true) ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")); $("$SPIN" -V | head -1); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg); $(date +%F)" >&2

for n in 5 6 7 16; do phil_deadlock "$n"; done   # 16: the first-deadlock row of the checker-performance issue
for n in "${EXTRA_N[@]}"; do phil_deadlock "$n" --time-limit "$EXTRA_TIME_LIMIT"; done
for n in 5 6; do phil_reversed "$n"; done
fork_servers 5
PAN_DEPTH=10000000 fork_servers 12   # the issue's N=12 (and 14 below): pan goes 0.9 M and 8.2 M steps deep
for n in "${FORK_SERVERS_N[@]}"; do
  PAN_DEPTH=10000000 fork_servers "$n" --time-limit "$EXTRA_TIME_LIMIT" --max-memory "$EXTRA_MAX_MEMORY"
done
PAN_DEPTH=10000000 fork_ring 16   # the issue's second row
prodcons 2 2 2 2
prodcons 2 2 4 3
prodcons 3 3 2 3
prodcons 4 4 4 4   # the producer/consumer row of the checker-performance issue

echo
echo "| model | params | SPIN verdict | SPIN states | SPIN transitions | SPIN s | SPIN MiB (pan) | SPIN RSS MiB | SPIN cex steps | ipcsim verdict | ipcsim states | ipcsim transitions | ipcsim s | ipcsim RSS MiB | ipcsim cex steps | ipcsim --jobs 2 states | ipcsim --jobs 2 s | agree |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|:---:|"
printf '%s\n' "${rows[@]}"

if [ "$disagreements" -gt 0 ]; then
  echo "$disagreements verdict(s) disagree" >&2
  exit 1
fi
