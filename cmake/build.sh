#!/bin/sh
# Sets up (Debian packages), configures and builds one target: what demo.sh and test.sh both start with.
# Usage: sh cmake/build.sh BUILD_DIR TARGET [CMAKE_ARGS...]   (TARGET "all" builds everything)
set -eu
cd "$(dirname "$0")/.."
sh ./cmake/setup-debian.sh
build=$1
target=$2
shift 2
generator=""
command -v ninja >/dev/null 2>&1 && generator="-G Ninja"
cmake -S . -B "$build" $generator "$@"
cmake --build "$build" -j "$(nproc)" --target "$target"
