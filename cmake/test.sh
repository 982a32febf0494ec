#!/bin/sh
# Sets up (Debian packages), builds and runs the whole test suite: the README's second command.
# IPCSIM_BUILD (default build) names the build directory; extra arguments go to the CMake configure step,
# e.g. `sh cmake/test.sh -DIPCSIM_SANITIZE=ON`.
set -eu
cd "$(dirname "$0")/.."
sh ./cmake/setup-debian.sh
build=${IPCSIM_BUILD:-build}
generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
cmake -S . -B "$build" $generator -DIPCSIM_TESTS=ON "$@"
cmake --build "$build" -j "$(nproc)"
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure
