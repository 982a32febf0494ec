"""Scenarios as an editor's schema validator sees them, and the schema's verdict on them.

yaml-language-server (and most YAML tools now) types scalars by the YAML 1.2 core schema, whereas PyYAML follows
YAML 1.1, where `yes`, `on` and `0777` are a boolean and an octal number and `<<` merges mappings. The loader
below resolves as YAML 1.2 core does, so that the tests judge the schema on the data an editor gives it. Keys
stay as written: JSON has only text keys.
"""

import json
import re
from pathlib import Path

import jsonschema
import yaml

SOURCE_DIR = Path(__file__).resolve().parents[2]
SCHEMA_FILE = SOURCE_DIR / "docs" / "scenario.schema.json"


class CoreLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types, no merge keys, and the keys of a
    mapping unique, as YAML requires (PyYAML keeps the last of two; editors report them)."""

    yaml_implicit_resolvers = {}

    def construct_mapping(self, node, deep=False):
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(None, None, "a key that is not text", key_node.start_mark)
            if key_node.value in mapping:
                raise yaml.constructor.ConstructorError(None, None, "duplicate key " + repr(key_node.value),
                                                        key_node.start_mark)
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping


def _core_int(loader, node):
    text = node.value
    for prefix, base in (("0o", 8), ("0x", 16)):
        if text.startswith(prefix):
            return int(text[2:], base)
    return int(text, 10)


def _core_float(loader, node):
    text = node.value.lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


_CORE_TYPES = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""], yaml.SafeLoader.construct_yaml_null),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF",
     lambda loader, node: node.value.lower() == "true"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789", _core_int),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+.0123456789", _core_float),
]
for tag, pattern, first, construct in _CORE_TYPES:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))
    CoreLoader.add_constructor(tag, construct)


def load(text):
    """The scenario's data, or raises yaml.YAMLError."""
    return yaml.load(text, Loader=CoreLoader)


def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(check, text):
    """What the schema finds wrong in a scenario's text, one line per error; [] when it accepts it. Text that is
    not YAML (a syntax error, a duplicate key) is rejected, as an editor rejects it."""
    try:
        data = load(text)
    except yaml.YAMLError as e:
        return ["not YAML: " + str(e).replace("\n", " ")]
    errors = sorted(check.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return ["/".join(map(str, e.absolute_path)) + ": " + e.message for e in errors]
