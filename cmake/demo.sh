#!/bin/sh
# Sets up (Debian packages), builds ipcsim and runs a bundled scenario: the README's first command.
set -eu
cd "$(dirname "$0")/.."
build=${IPCSIM_BUILD:-build}
sh ./cmake/build.sh "$build" ipcsim -DIPCSIM_TESTS=OFF
"$build/ipcsim" run scenarios/buffering-bounded.yaml --trace "$build/buffering-bounded.jsonl"
echo "trace: $build/buffering-bounded.jsonl"
