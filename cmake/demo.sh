#!/bin/sh
# Sets up (Debian packages), builds ipcsim and runs a bundled scenario: the README's first command.
set -eu
cd "$(dirname "$0")/.."
sh ./cmake/setup-debian.sh
build=${IPCSIM_BUILD:-build}
generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
cmake -S . -B "$build" $generator -DIPCSIM_TESTS=OFF
cmake --build "$build" -j "$(nproc)" --target ipcsim
"$build/ipcsim" run scenarios/buffering-bounded.yaml --trace "$build/buffering-bounded.jsonl"
echo "trace: $build/buffering-bounded.jsonl"
