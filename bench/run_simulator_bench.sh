#!/usr/bin/env bash
# Simulator benchmark: the same ping-pong exchange (P pairs x M round trips over rendezvous mailboxes) run
# as a scenario through `ipcsim run bench/pingpong.yaml` and written by hand against S4U
# (bench/s4u_pingpong.cpp). Builds both (Release), runs every configuration best of RUNS with the programs
# interleaved, and prints Markdown tables: wall seconds and their ratio, peak RSS, whether ipcsim is
# within the 1.5x target, and the same in CPU seconds. See bench/README.md.
#
# Two S4U baselines are measured:
#   S4U        s4u_pingpong as written: SimGrid's default network model, in which every comm, even of
#              0 bytes on one host, is an action of the max-min (LMM) solver on the host's loopback link
#   S4U-const  the same program with --cfg=network/model:Constant --cfg=network/latency-factor:0:
#              the cheapest comms S4U has (no solver); the stricter comparison
# The verdict ("within 1.5x") is against S4U; the ratio against S4U-const is shown beside it.
#
# Usage: bench/run_simulator_bench.sh [P:M ...]        default: 1:100000 100:1000 1000:100 50000:10
# Environment:
#   BUILD_DIR        build directory (default: <repo>/build-bench)
#   RUNS             runs per program and configuration; the best (smallest) time is kept (default 3)
#   S4U_TIMEOUT      seconds after which an S4U run is abandoned (default 300); a baseline that runs out of
#                    time is reported as "> S4U_TIMEOUT" and not repeated (the default model's solver
#                    makes 50 000 concurrent pairs take tens of minutes)
#   SKIP_BUILD=1     use the binaries already in BUILD_DIR
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
build="${BUILD_DIR:-$repo/build-bench}"
runs="${RUNS:-3}"
s4u_timeout="${S4U_TIMEOUT:-300}"
target=1.5
if [ "$#" -gt 0 ]; then
  configs=("$@")
else
  # Three shapes of the same 200 000 messages, then the memory target: 100 000 processes in one run.
  configs=(1:100000 100:1000 1000:100 50000:10)
fi
for c in "${configs[@]}"; do
  [[ "$c" =~ ^[1-9][0-9]*:[1-9][0-9]*$ ]] || { echo "bad configuration '$c': expected P:M, e.g. 1000:100" >&2; exit 64; }
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer" >&2; exit 64; }

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building ipcsim and s4u_pingpong (Release) in $build" >&2
  if ! { cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIPCSIM_TESTS=OFF -DIPCSIM_BENCH=ON &&
    cmake --build "$build" --target ipcsim s4u_pingpong; } >"$tmp/build.log" 2>&1; then
    tail -n 40 "$tmp/build.log" >&2
    echo "build failed" >&2
    exit 70
  fi
fi
ipcsim="$build/ipcsim"
s4u="$build/bench/s4u_pingpong"
scenario="$here/pingpong.yaml"
for b in "$ipcsim" "$s4u"; do
  [ -x "$b" ] || { echo "missing $b (configure with -DIPCSIM_BENCH=ON)" >&2; exit 70; }
done
constant=(--cfg=network/model:Constant --cfg=network/latency-factor:0)

calc() { awk "BEGIN { print $* }"; }
fmt2() { awk -v x="$1" 'BEGIN { printf "%.2f", x }'; }
min() { if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a) ? b : a }'; fi; }
max() { if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b > a) ? b : a }'; fi; }
mem() { awk -v k="$1" 'BEGIN { if (k >= 1048576) printf "%.2f GiB", k / 1048576; else printf "%.0f MiB", k / 1024 }'; }

# measure LIMIT EXPECTED CMD...: runs CMD once under /usr/bin/time (LIMIT seconds at most, 0: no limit) and
# checks that its first output line contains EXPECTED. Sets WALL, CPU (user + system) and RSS (KiB);
# returns 124 when the run was stopped at the limit (RSS is then its peak so far).
measure() {
  local limit="$1" expected="$2"
  shift 2
  local status=0
  /usr/bin/time -o "$tmp/time" -f "%e %M %U %S" timeout "$limit" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  local user sys
  read -r WALL RSS user sys < <(tail -n 1 "$tmp/time")
  CPU="$(calc "$user + $sys")"
  if [ "$status" = 124 ]; then
    return 124
  elif [ "$status" != 0 ] || ! head -n 1 "$tmp/out" | grep -qF -- "$expected"; then
    echo "$* failed (status $status):" >&2
    head -n 3 "$tmp/out" >&2
    tail -n 5 "$tmp/err" >&2
    exit 70
  fi
}

wall_rows=()
cpu_rows=()
for c in "${configs[@]}"; do
  p="${c%%:*}"
  m="${c##*:}"
  messages=$((2 * p * m))
  echo "P=$p M=$m: $((2 * p)) processes, $messages messages, best of $runs" >&2
  declare -A wall=() cpu=() rss=() out_of_time=() cpu_so_far=()
  for ((r = 1; r <= runs; r++)); do
    for prog in s4u s4uc ipcsim; do
      [ -z "${out_of_time[$prog]:-}" ] || continue
      case "$prog" in
      s4u) cmd=("$s4u" "$p" "$m") limit="$s4u_timeout" expected="completed at t = 0, $messages messages" ;;
      s4uc) cmd=("$s4u" "$p" "$m" "${constant[@]}") limit="$s4u_timeout" expected="completed at t = 0, $messages messages" ;;
      ipcsim) cmd=("$ipcsim" run "$scenario" --param "P=$p" --param "M=$m") limit=0 expected="scenario bench-pingpong: completed at t = 0 " ;;
      esac
      if measure "$limit" "$expected" "${cmd[@]}"; then
        wall[$prog]="$(min "${wall[$prog]:-}" "$WALL")"
        cpu[$prog]="$(min "${cpu[$prog]:-}" "$CPU")"
        printf '  run %d %-7s %8.2f s wall %8.2f s CPU  %s\n' "$r" "$prog" "$WALL" "$CPU" "$(mem "$RSS")" >&2
      else
        out_of_time[$prog]=1
        cpu_so_far[$prog]="$CPU"
        printf '  run %d %-7s stopped after %s s (not repeated)  %s so far\n' "$r" "$prog" "$limit" "$(mem "$RSS")" >&2
      fi
      rss[$prog]="$(max "${rss[$prog]:-}" "$RSS")"
    done
  done
  name="P=$p M=$m ($((2 * p)) processes)"
  iw="${wall[ipcsim]}" ic="${cpu[ipcsim]}"
  # column text for a baseline: seconds, ratio ipcsim/baseline, RSS
  for prog in s4u s4uc; do
    if [ -n "${out_of_time[$prog]:-}" ] && [ -z "${wall[$prog]:-}" ]; then
      declare "${prog}_w=> $s4u_timeout" "${prog}_r=< $(fmt2 "$(calc "$iw / $s4u_timeout")")"
      declare "${prog}_c=> $(fmt2 "${cpu_so_far[$prog]}")" "${prog}_cr=< $(fmt2 "$(calc "$ic / ${cpu_so_far[$prog]}")")"
      declare "${prog}_m=> $(mem "${rss[$prog]}")"
      declare "${prog}_ok=$(awk -v i="$iw" -v s="$s4u_timeout" -v t="$target" 'BEGIN { print (i <= t * s) ? "yes" : "unknown" }')"
    else
      declare "${prog}_w=$(fmt2 "${wall[$prog]}")" "${prog}_r=$(fmt2 "$(calc "$iw / ${wall[$prog]}")")"
      declare "${prog}_c=$(fmt2 "${cpu[$prog]}")" "${prog}_cr=$(fmt2 "$(calc "$ic / ${cpu[$prog]}")")"
      declare "${prog}_m=$(mem "${rss[$prog]}")"
      declare "${prog}_ok=$(awk -v i="$iw" -v s="${wall[$prog]}" -v t="$target" 'BEGIN { print (i <= t * s) ? "yes" : "NO" }')"
    fi
  done
  wall_rows+=("| $name | $s4u_w | $(fmt2 "$iw") | $s4u_r | $s4u_m | $(mem "${rss[ipcsim]}") | $s4u_ok | $s4uc_w | $s4uc_r |")
  cpu_rows+=("| $name | $s4u_c | $s4uc_c | $(fmt2 "$ic") | $s4u_cr | $s4uc_cr |")
  unset wall cpu rss out_of_time cpu_so_far
done

echo
echo "ipcsim $(git -C "$repo" describe --always --dirty 2>/dev/null || echo '?'), SimGrid $(pkg-config --modversion simgrid 2>/dev/null || echo '?'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%d), best of $runs"
echo
echo "Wall-clock seconds (ratio = ipcsim / S4U; target: ipcsim within ${target}x of S4U):"
echo
echo "| configuration | S4U s | ipcsim s | ratio | S4U peak RSS | ipcsim peak RSS | within ${target}x | S4U-const s | ratio vs S4U-const |"
echo "|---|---:|---:|---:|---:|---:|:---:|---:|---:|"
printf '%s\n' "${wall_rows[@]}"
echo
echo "CPU seconds (user + system; steadier than wall-clock time on a busy machine):"
echo
echo "| configuration | S4U CPU s | S4U-const CPU s | ipcsim CPU s | ratio | ratio vs S4U-const |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${cpu_rows[@]}"
