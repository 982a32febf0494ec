#!/usr/bin/env python3
"""`ipcsim check --sarif` on bundled scenarios (violated, holding, stopped at a limit), each log validated
against the SARIF 2.1.0 JSON Schema vendored in tests/vendor/sarif/, with the checks a schema cannot make:
each result's rule is in tool.driver.rules at its ruleIndex.

Usage: sarif_schema_test.py IPCSIM SOURCE_DIR   (a CTest test: tests/CMakeLists.txt)
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("sarif_schema_test.py: needs Debian's python3-jsonschema (apt-get install python3-jsonschema)")

# (arguments, exit status, rule ids of the results)
CHECKS = [
    (["scenarios/classic-dining-philosophers.yaml"], 1, ["deadlock"]),
    (["scenarios/shm-race.yaml"], 1, ["data_race"]),
    (["scenarios/protocol-check-then-act.yaml"], 1, ["invariant"]),
    (["scenarios/buffering-zero-capacity.yaml"], 0, []),
    (["scenarios/classic-dining-philosophers.yaml", "--max-states", "10"], 3, []),
]


def sarif_log(ipcsim, source_dir, args, status, directory):
    path = os.path.join(directory, "log.sarif")
    done = subprocess.run([ipcsim, "check", *args, "--sarif", path], cwd=source_dir, stdout=subprocess.DEVNULL)
    if done.returncode != status:
        raise AssertionError(f"exit status {done.returncode}, expected {status}")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def problems_of(validator, log, rule_ids):
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    found = [result["ruleId"] for result in run["results"]]
    if found != rule_ids:
        problems.append(f"results {found}, expected {rule_ids}")
    for result in run["results"]:
        if rules[result["ruleIndex"]] != result["ruleId"]:
            problems.append(f"ruleIndex {result['ruleIndex']} is not {result['ruleId']}")
    return problems


def main():
    ipcsim, source_dir = sys.argv[1:3]
    with open(os.path.join(source_dir, "tests/vendor/sarif/sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="ipcsim-sarif-") as directory:
        for args, status, rule_ids in CHECKS:
            name = " ".join(args)
            try:
                problems = problems_of(validator, sarif_log(ipcsim, source_dir, args, status, directory), rule_ids)
            except (AssertionError, OSError, ValueError) as e:
                problems = [str(e)]
            for problem in problems:
                print(f"{name}: {problem}")
            if problems:
                failed += 1
            else:
                passed += 1
            print(f"{name}: {'INVALID' if problems else 'valid'}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
