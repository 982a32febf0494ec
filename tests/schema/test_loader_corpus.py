#!/usr/bin/env python3
"""The schema against the loader, on the loader's corpus (tests/models/loader_corpus/*.yaml, and the file of many
errors beside it), so that the two cannot drift apart:
- every case with `errors` is refused by `ipcsim validate` (exit 64, exactly those errors on stderr) and by the
  schema, unless it is one of CANNOT_EXPRESS below, which the schema must then accept (a listed case that the
  schema starts refusing is taken off the list);
- every case without `errors` (accepted.yaml) is accepted by both.
"Refused by the schema" means what an editor using it shows: a schema error, or text that is not YAML (a syntax
error, a duplicate key, which JSON's data model cannot hold).

Usage: test_loader_corpus.py IPCSIM_BINARY. Exit status 0 when everything agrees, 1 otherwise, 77 (skipped)
without Debian's python3-jsonschema and python3-yaml.
"""

import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
try:
    import scenario_yaml
    import yaml
except ModuleNotFoundError as missing:
    if missing.name not in ("jsonschema", "yaml"):
        raise
    print(f"skipped: no Python module {missing.name} (apt-get install python3-jsonschema python3-yaml)")
    sys.exit(77)

CORPUS_DIR = scenario_yaml.SOURCE_DIR / "tests" / "models" / "loader_corpus"
# test_loader_errors.cpp's file with one error of each kind, and the errors, which name it.
MANY_ERRORS = scenario_yaml.SOURCE_DIR / "tests" / "models" / "loader" / "many-errors.yaml"

# What a JSON Schema cannot see, and why. A schema judges each value by its form, alone and as written.
EXPRESSION_VALUE = ("the value of a ${...} expression: it depends on params (which --param overrides) and on i and "
                    "n, and the schema checks only its form")
RUN_TIME_EXPRESSION = ("run-time expressions are parsed, typed (integer or condition) and resolved against the "
                       "declared variables when the model is compiled")
COMPARED_VALUES = "a bound that compares two values of the scenario (low <= high, initial within range)"
COMPUTED_NUMBER = ("a limit on the number a quantity denotes after its unit is applied (a double's range, a whole "
                   "number of bytes)")

# Corpus cases (FILE/NAME) that the loader refuses and the schema cannot.
CANNOT_EXPRESS = {
    "counts/count-uses-i": EXPRESSION_VALUE,
    "expressions/division-by-zero": EXPRESSION_VALUE,
    "expressions/modulo-by-zero": EXPRESSION_VALUE,
    "expressions/unknown-param": EXPRESSION_VALUE,
    "expressions/misspelt-param": EXPRESSION_VALUE,
    "expressions/i-outside-count": EXPRESSION_VALUE,
    "expressions/overflow": EXPRESSION_VALUE,
    # The schema checks the characters of an expression, not its grammar.
    "expressions/syntax-error": EXPRESSION_VALUE,
    "expressions/negative-repeat": EXPRESSION_VALUE,
    "decisions/set-unknown-variable": RUN_TIME_EXPRESSION,
    "decisions/set-syntax-error": RUN_TIME_EXPRESSION,
    "decisions/set-condition": RUN_TIME_EXPRESSION,
    "decisions/set-outside-range": RUN_TIME_EXPRESSION,
    "decisions/set-division-by-zero": RUN_TIME_EXPRESSION,
    "decisions/set-overflow": RUN_TIME_EXPRESSION,
    "decisions/while-integer": RUN_TIME_EXPRESSION,
    "decisions/assert-value": RUN_TIME_EXPRESSION,
    "decisions/when-vlaue": RUN_TIME_EXPRESSION,
    "decisions/when-global": RUN_TIME_EXPRESSION,
    "decisions/into-unknown-variable": RUN_TIME_EXPRESSION,
    "decisions/value-condition": RUN_TIME_EXPRESSION,
    "variables/invariant-errors": RUN_TIME_EXPRESSION,
    "variables/initial-outside-range": COMPARED_VALUES,
    "variables/empty-range": COMPARED_VALUES,
    "units/uniform-low-above-high": COMPARED_VALUES,
    "units/compute-too-large": COMPUTED_NUMBER,
    "units/size-too-large": COMPUTED_NUMBER,
    "units/size-fraction": COMPUTED_NUMBER,
    "faults/fault-duplicate-at-rendezvous": ("whether a channel can hold a second copy depends on its capacity, "
                                             "which may come from defaults"),
}


def corpus_cases():
    """(FILE/NAME, case) for every case of the corpus, in file order, then many-errors.yaml as t.yaml."""
    for path in sorted(CORPUS_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            yield f"{path.stem}/{case['name']}", case
    errors = MANY_ERRORS.with_suffix(".expected").read_text(encoding="utf-8")
    yield "loader/many-errors", {"scenario": MANY_ERRORS.read_text(encoding="utf-8"),
                                 "errors": errors.replace(MANY_ERRORS.name + ":", "t.yaml:")}


def validate(ipcsim, directory, text):
    """`ipcsim validate t.yaml` on the text, run where t.yaml is so that messages name it as the corpus does."""
    directory.mkdir()
    (directory / "t.yaml").write_text(text, encoding="utf-8")
    return subprocess.run([ipcsim, "validate", "t.yaml"], cwd=directory, capture_output=True, text=True)


def check_refused(result, check, name, case):
    problems = []
    if result.returncode != 64:
        problems.append(f"ipcsim validate exited {result.returncode}, not 64")
    if result.stderr != case["errors"]:
        problems.append(f"ipcsim validate reported\n{result.stderr}instead of\n{case['errors']}")
    schema_errors = scenario_yaml.schema_errors(check, case["scenario"])
    if name in CANNOT_EXPRESS and schema_errors:
        problems.append("listed in CANNOT_EXPRESS, but the schema refuses it now (take it off the list): " +
                        schema_errors[0])
    if name not in CANNOT_EXPRESS and not schema_errors:
        problems.append("the loader refuses it but the schema accepts it:\n" + case["errors"])
    return problems


def check_accepted(result, check, text):
    problems = []
    if result.returncode != 0 or result.stdout != "t.yaml: ok\n":
        problems.append(f"ipcsim validate exited {result.returncode}:\n{result.stderr}")
    problems += ["the schema refuses it: " + error for error in scenario_yaml.schema_errors(check, text)]
    return problems


def main(ipcsim):
    check = scenario_yaml.validator()
    cases = list(corpus_cases())
    names = {name for name, case in cases}
    # Two runs at a time: most of a run is the program starting.
    with tempfile.TemporaryDirectory() as scratch, ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda k: validate(ipcsim, Path(scratch) / str(k), cases[k][1]["scenario"]),
                                range(len(cases))))
    failures = []
    refused = accepted = 0
    for (name, case), result in zip(cases, results):
        if "errors" in case:
            refused += 1
            problems = check_refused(result, check, name, case)
        else:
            accepted += 1
            problems = check_accepted(result, check, case["scenario"])
        failures += [(name, problem) for problem in problems]
    failures += [(name, "listed in CANNOT_EXPRESS but not in the corpus") for name in sorted(CANNOT_EXPRESS)
                 if name not in names]
    if refused == 0 or accepted == 0:
        failures.append((str(CORPUS_DIR), "no refused or no accepted cases found"))
    for name, problem in failures:
        print(f"{name}: {problem}")
    print(f"{refused} refused cases: {refused - len(CANNOT_EXPRESS)} refused by the schema too, "
          f"{len(CANNOT_EXPRESS)} it cannot express; {accepted} accepted cases; {len(failures)} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]).resolve()))
