#!/usr/bin/env python3
"""The outputs README.md quotes, made by the program: `regenerate` rewrites them in place from a built
ipcsim (docs/regenerate.sh), `check` compares them with what that ipcsim prints now (a CTest test).

Usage: readme_outputs.py regenerate|check IPCSIM [REPOSITORY]   (REPOSITORY: default, this file's parent's)

README.md marks each quoted output with an HTML comment on the line before it, which Markdown does not
show. COMMAND starts with `ipcsim ` and runs in a scratch directory where scenarios/, docs/ and bench/ are
the repository's, so it names files as a user at the repository's root does and writes its files apart:

  <!-- output: COMMAND -->
      the fenced block that follows is "$ COMMAND", then what COMMAND prints (stdout, then stderr)
  <!-- output and exit status: COMMAND -->
      the same, then "$ echo $?" and COMMAND's exit status
  <!-- file: PATH -->
      the fenced block that follows is the text of the repository's file PATH
  <!-- table FILE of: COMMAND -->
      the Markdown table that follows (its lines start with "|") is the table in the file FILE that
      COMMAND writes (e.g. `ipcsim compare ... --out sweep` and sweep/results.md)
  <!-- picture IMAGE from FILE of: COMMAND -->
      `regenerate` copies the file FILE that COMMAND writes to IMAGE (docs/images/...); `check` only sees
      that COMMAND still draws an SVG there (the bytes carry the Graphviz and gnuplot versions)

Timings are excepted: on a line that starts with one of TIMING_LINES every number is the machine's (wall
seconds, cpu seconds, MiB of memory, states per second), and `check` compares such lines with the numbers
masked. Every fenced block that starts with "$ ipcsim" must have a marker, so that no quoted output is left
out of the test.
"""
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

TIMING_LINES = ("performance: ",)  # `check`'s last line: "performance: 0.052 s (cpu 0.048 s), 35.1 MiB ..."
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
MARKER = re.compile(
    r"^<!-- (?:(?P<output>output(?P<status> and exit status)?)"
    r"|(?P<file>file)"
    r"|table (?P<table>\S+) of"
    r"|picture (?P<image>\S+) from (?P<drawn>\S+) of): (?P<what>.+?) -->$")
SHARED_FOLDERS = ("scenarios", "docs", "bench")


class Commands:
    """Runs each command once, in a scratch directory of its own, and keeps what it printed and wrote."""

    def __init__(self, ipcsim, repo, scratch):
        self.ipcsim, self.repo, self.scratch = ipcsim, repo, scratch
        self.done = {}

    def run(self, command):
        if command not in self.done:
            words = shlex.split(command)
            if words[0] != "ipcsim":
                sys.exit(f"readme_outputs.py: a quoted command must start with 'ipcsim ': {command}")
            directory = os.path.join(self.scratch, str(len(self.done)))
            os.mkdir(directory)
            for folder in SHARED_FOLDERS:
                os.symlink(os.path.join(self.repo, folder), os.path.join(directory, folder))
            result = subprocess.run([self.ipcsim] + words[1:], cwd=directory, capture_output=True,
                                    encoding="utf-8")
            self.done[command] = (result.stdout + result.stderr, result.returncode, directory)
        return self.done[command]


def quoted_output(commands, command, with_status):
    printed, status, _ = commands.run(command)
    text = f"$ {command}\n{printed}"
    if with_status:
        text += f"$ echo $?\n{status}\n"
    return text


def written_table(commands, command, name):
    _, _, directory = commands.run(command)
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines(keepends=True) if line.startswith("|")]
    if not lines:
        sys.exit(f"readme_outputs.py: {name} of '{command}' holds no table")
    return "".join(lines)


def fenced_block(lines, at, what):
    """The body of the fenced block that starts at lines[at], and the index of its closing fence."""
    if at >= len(lines) or not lines[at].startswith("```"):
        sys.exit(f"README.md:{at}: a fenced block must follow the marker for {what}")
    end = at + 1
    while end < len(lines) and not lines[end].startswith("```"):
        end += 1
    if end == len(lines):
        sys.exit(f"README.md:{at + 1}: the fenced block after the marker for {what} does not end")
    return "".join(lines[at + 1:end]), end


def table_lines(lines, at):
    end = at
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "".join(lines[at:end]), end


def quoted_parts(lines):
    """(marker match, first line of the quoted text, its end, the text) for every marker of README.md."""
    parts = []
    marked = set()
    for k, line in enumerate(lines):
        m = MARKER.match(line.rstrip("\n"))
        if line.startswith("<!-- ") and not m and re.match(r"<!-- (output|file|table|picture)", line):
            sys.exit(f"README.md:{k + 1}: a marker this script cannot read: {line.strip()}")
        if not m or m["image"]:
            continue
        if m["table"]:
            text, end = table_lines(lines, k + 1)
            parts.append((m, k + 1, end, text))
        else:
            text, end = fenced_block(lines, k + 1, m["what"])
            parts.append((m, k + 2, end, text))
            marked.add(k + 1)
    for k, line in enumerate(lines):
        if line.startswith("```") and k + 1 < len(lines) and lines[k + 1].startswith("$ ipcsim") and k not in marked:
            sys.exit(f"README.md:{k + 2}: a quoted command without a marker: {lines[k + 1].strip()}")
    return parts


def made_text(commands, repo, m):
    if m["output"]:
        return quoted_output(commands, m["what"], bool(m["status"]))
    if m["file"]:
        with open(os.path.join(repo, m["what"]), encoding="utf-8") as f:
            return f.read()
    return written_table(commands, m["what"], m["table"])


def picture_markers(lines):
    return [m for m in (MARKER.match(line.rstrip("\n")) for line in lines) if m and m["image"]]


def drawn_picture(commands, m):
    """The path of the picture that the marker's command draws; exits when it draws none."""
    _, status, directory = commands.run(m["what"])
    path = os.path.join(directory, m["drawn"])
    if not os.path.isfile(path):
        sys.exit(f"readme_outputs.py: '{m['what']}' (exit {status}) did not draw {m['drawn']} for {m['image']}")
    return path


def without_timings(text):
    return "".join(NUMBER.sub("#", line) if line.startswith(TIMING_LINES) else line
                   for line in text.splitlines(keepends=True))


def regenerate(commands, repo, readme, lines):
    parts = quoted_parts(lines)
    for m, start, end, _ in reversed(parts):  # from the end, so that the earlier indexes hold
        lines[start:end] = made_text(commands, repo, m).splitlines(keepends=True)
    for m in picture_markers(lines):
        shutil.copyfile(drawn_picture(commands, m), os.path.join(repo, m["image"]))
        print(f"drew {m['image']}")
    with open(readme, "w", encoding="utf-8") as f:
        f.write("".join(lines))
    print(f"README.md: {len(parts)} quoted outputs regenerated")


def check(commands, repo, lines):
    failures = 0
    parts = quoted_parts(lines)
    for m, start, _, quoted in parts:
        made = made_text(commands, repo, m)
        if without_timings(made) != without_timings(quoted):
            failures += 1
            print(f"README.md:{start + 1}: the quoted text differs from what '{m['what']}' gives now:")
            sys.stdout.writelines(difflib.unified_diff(quoted.splitlines(keepends=True),
                                                       made.splitlines(keepends=True), "README.md", "now"))
    for m in picture_markers(lines):  # still drawn; their bytes are not compared
        with open(drawn_picture(commands, m), encoding="utf-8") as f:
            if "<svg" not in f.read():
                failures += 1
                print(f"{m['drawn']} of '{m['what']}' is not an SVG picture")
    print(f"README.md: {len(parts)} quoted outputs, {failures} stale"
          + ("; run sh docs/regenerate.sh build/ipcsim and read the diff" if failures else ""))
    return 1 if failures else 0


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("regenerate", "check"):
        sys.exit(__doc__.split("\n\n")[1])
    ipcsim = os.path.abspath(sys.argv[2])
    repo = os.path.abspath(sys.argv[3] if len(sys.argv) == 4 else os.path.join(os.path.dirname(__file__), ".."))
    readme = os.path.join(repo, "README.md")
    with open(readme, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    with tempfile.TemporaryDirectory(prefix="ipcsim-readme-") as scratch:
        commands = Commands(ipcsim, repo, scratch)
        if sys.argv[1] == "regenerate":
            regenerate(commands, repo, readme, lines)
            return 0
        return check(commands, repo, lines)


if __name__ == "__main__":
    sys.exit(main())
