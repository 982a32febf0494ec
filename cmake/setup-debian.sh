#!/bin/sh
# Installs what ipcsim needs to build and test on Debian 12, when it is missing. Safe to run again.
# Extra package names given as arguments are installed too (cmake/fuzz.sh adds clang's).
set -eu
packages="cmake g++ make ninja-build pkg-config libsimgrid-dev libyaml-cpp-dev catch2 libgraphviz-dev graphviz \
libcli11-dev nlohmann-json3-dev libfmt-dev spin gnuplot-nox python3 python3-jsonschema python3-yaml man-db $*"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing$missing" >&2
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
