#!/usr/bin/env python3
"""Every bundled scenario (scenarios/*.yaml) is valid under docs/scenario.schema.json, so that an editor using the
schema shows no error in any of them. Exit status 0 when all are, 1 otherwise, 77 (skipped) without Debian's
python3-jsonschema and python3-yaml."""

import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
try:
    import scenario_yaml
except ModuleNotFoundError as missing:
    if missing.name not in ("jsonschema", "yaml"):
        raise
    print(f"skipped: no Python module {missing.name} (apt-get install python3-jsonschema python3-yaml)")
    sys.exit(77)


def main():
    check = scenario_yaml.validator()
    files = sorted((scenario_yaml.SOURCE_DIR / "scenarios").glob("*.yaml"))
    if not files:
        print("no scenarios/*.yaml found")
        return 1
    failed = 0
    for path in files:
        errors = scenario_yaml.schema_errors(check, path.read_text(encoding="utf-8"))
        for error in errors:
            print(f"{path.name}: {error}")
        failed += bool(errors)
    print(f"{len(files) - failed} of {len(files)} bundled scenarios valid under the schema")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
