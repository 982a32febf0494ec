#!/bin/sh
# Sets up (Debian packages), builds and runs the whole test suite: the README's second command.
# IPCSIM_BUILD (default build) names the build directory; extra arguments go to the CMake configure step,
# e.g. `sh cmake/test.sh -DIPCSIM_SANITIZE=ON`.
set -eu
cd "$(dirname "$0")/.."
build=${IPCSIM_BUILD:-build}
sh ./cmake/build.sh "$build" all -DIPCSIM_TESTS=ON "$@"
ctest --test-dir "$build" -j "$(nproc)" --output-on-failure
