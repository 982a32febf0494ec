#!/bin/sh
# Builds the loader's libFuzzer target with clang (AddressSanitizer, UndefinedBehaviorSanitizer) and runs it
# for SECONDS (default 60) from a seed corpus: every bundled scenario, benchmark and loader test file, and
# every earlier finding kept in tests/models/loader/fuzz/. Fails (libFuzzer exits 70) on a crash, a
# sanitizer report, an exception other than ScenarioError, a hang (-timeout) or memory beyond -rss_limit_mb;
# the input is then in $IPCSIM_BUILD/findings/: add it to tests/models/loader/fuzz/ as a regression case.
# libFuzzer's last status line reads '#N: cov: ... oom/timeout/crash: 0/0/0': N inputs tried, none failing.
# Usage: sh cmake/fuzz.sh [SECONDS]        IPCSIM_BUILD (default build-fuzz) names the build directory.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${IPCSIM_BUILD:-build-fuzz}
sh ./cmake/setup-debian.sh clang-14 libclang-rt-14-dev
generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" $generator -DIPCSIM_FUZZ=ON -DIPCSIM_TESTS=OFF
cmake --build "$build" -j "$(nproc)" --target loader_fuzzer
mkdir -p "$build/corpus" "$build/seeds" "$build/findings"
for seed in scenarios/*.yaml bench/*.yaml tests/models/loader/*.yaml tests/models/loader/fuzz/* \
  tests/checker/limits/*.yaml; do
  [ -f "$seed" ] && cp "$seed" "$build/seeds/$(echo "$seed" | tr / _)"
done
# The first directory collects what the fuzzer finds new; the seeds stay as they are. -fork=1 runs the inputs
# in a child: libFuzzer's own timeout handler can deadlock in the allocator under AddressSanitizer.
"$build/tests/fuzz/loader_fuzzer" -fork=1 -ignore_timeouts=0 -ignore_ooms=0 -ignore_crashes=0 \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$build/findings/" -dict=tests/fuzz/scenario.dict "$build/corpus" "$build/seeds"
