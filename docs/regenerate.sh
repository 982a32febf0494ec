#!/bin/sh
# Rewrites every output README.md quotes (the fenced blocks and tables after an "<!-- output: ... -->",
# "<!-- file: ... -->" or "<!-- table ... -->" marker) and redraws the pictures of docs/images/ that come
# from commands ("<!-- picture ... -->"), by running each command with the given ipcsim. The markers and the
# timing convention are described at the top of docs/readme_outputs.py; the test
# "docs/readme-outputs" fails when a quoted output is stale.
# Usage: sh docs/regenerate.sh PATH/TO/ipcsim   (e.g. build/ipcsim). Read the diff before committing.
set -eu
[ $# -eq 1 ] || { echo "usage: sh docs/regenerate.sh PATH/TO/ipcsim" >&2; exit 2; }
[ -x "$1" ] || { echo "docs/regenerate.sh: no executable at $1" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/readme_outputs.py" regenerate "$1" "$here/.."
