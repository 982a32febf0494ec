#!/bin/sh
# `cmake --install` into a temporary prefix: the binary (which runs from there), the man page (which renders
# without a warning and names every option that `ipcsim SUBCOMMAND --help` lists), the documentation, and the
# bash completion (which completes the subcommands and knows every option too).
# Usage: tests/install_test.sh BUILD_DIR   (a CTest test: tests/CMakeLists.txt)
set -eu
build=$1
prefix=$(mktemp -d "${TMPDIR:-/tmp}/ipcsim-install-XXXXXX")
trap 'rm -rf "$prefix"' EXIT
failures=0
fail() { echo "install_test: $*" >&2; failures=$((failures + 1)); }

cmake --install "$build" --prefix "$prefix" >"$prefix/install.log"
for file in bin/ipcsim share/man/man1/ipcsim.1 share/doc/ipcsim/README.md share/doc/ipcsim/docs/semantics.md \
  share/doc/ipcsim/docs/images/msc-data-race.svg share/bash-completion/completions/ipcsim; do
  [ -f "$prefix/$file" ] || fail "not installed: $file"
done
"$prefix/bin/ipcsim" --version | head -1 | grep -q '^ipcsim [0-9]' || fail "the installed ipcsim does not run"

# man -l where man-db is installed, else groff itself; a warning is a failure.
page=$prefix/share/man/man1/ipcsim.1
if command -v man >/dev/null; then
  LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -l "$page" >"$prefix/page.txt" 2>"$prefix/warnings.txt"
else
  LC_ALL=C.UTF-8 groff -man -Tutf8 -ww "$page" >"$prefix/page.txt" 2>"$prefix/warnings.txt"
fi
[ ! -s "$prefix/warnings.txt" ] || fail "the man page renders with warnings: $(cat "$prefix/warnings.txt")"
grep -q "ipcsim - simulate, check and compare message-passing IPC designs" "$prefix/page.txt" ||
  fail "the man page does not render its NAME"

# Every option of every subcommand's --help: an item of the rendered page ("       -j, --jobs J"), and in the
# completion's list for that subcommand.
completion=$prefix/share/bash-completion/completions/ipcsim
for command in "" run check compare "export promela" validate graph; do
  # shellcheck disable=SC2086 # "export promela" is two words
  options=$("$prefix/bin/ipcsim" $command --help | grep -oE '^ +(-[a-z],)?--[a-z-]+' | tr ',' '\n' | tr -d ' ')
  completed=$(bash -c '. "$1"; _ipcsim_options "$2"' _ "$completion" "${command#export }")
  for option in $options; do
    [ "$option" = -h ] || [ "$option" = --help ] && continue
    grep -qE -- "^ +(-[a-z], )?$option([ ,]|\$)" "$prefix/page.txt" ||
      fail "ipcsim $command $option is not in the man page"
    case " $completed " in
    *" $option "*) ;;
    *) [ -z "$command" ] || fail "ipcsim $command $option is not completed" ;;
    esac
  done
done

# The completion as bash runs it, without the bash-completion package.
complete_words() {
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ipcsim; echo "${COMPREPLY[*]}"' _ \
    "$completion" "$@"
}
[ "$(complete_words ipcsim ch)" = check ] || fail "ipcsim ch<TAB> gives '$(complete_words ipcsim ch)'"
[ "$(complete_words ipcsim check scenarios/x.yaml --sa)" = --sarif ] ||
  fail "ipcsim check --sa<TAB> gives '$(complete_words ipcsim check scenarios/x.yaml --sa)'"
[ "$(complete_words ipcsim compare s.yaml --ju)" = --junit ] || fail "ipcsim compare --ju<TAB> does not give --junit"

[ "$failures" -eq 0 ] || exit 1
echo "install_test: every file installed, the man page renders, every option documented and completed"
