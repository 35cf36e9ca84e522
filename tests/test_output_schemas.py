"""Every `--json` output holds to its JSON Schema (`hxq schema NAME`), on the shipped
framework and on another of a different shape; every schema is valid draft-07, names itself
with a stable `$id` and describes every property."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import FIXTURES, REPO, SHIPPED, Run
from hxq_cli.read import OUTPUT_SCHEMAS, framework_schema, output_schema

RIVERTON = REPO / "examples" / "riverton-321.yaml"
FILES = {"shipped": SHIPPED, "riverton": RIVERTON}
SOURCE = FIXTURES / "verify-source.txt"

#: Command line (after the data file's --data) of each output, with its exit codes.
COMMANDS: dict[str, list[tuple[str, ...]]] = {
    "show": [("show", "--json"), ("show", "1", "--json"), ("show", "2", "--json")],
    "facts": [("facts", "--json"), ("facts", "--json", "--search", "zzz-nothing")],
    "search": [("search", "the", "--json"), ("search", "zzz-nothing", "--json")],
    "verify": [("verify", "--source", str(SOURCE), "--json")],
    "validate": [("validate", "--json")],
    "terms": [("terms", "--json")],
}


def _validator(name: str) -> jsonschema.Draft7Validator:
    schema = output_schema(name)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _check(name: str, text: str) -> Any:
    document = json.loads(text)
    errors = sorted(_validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [(list(e.path), e.message) for e in errors[:5]]
    return document


@pytest.mark.parametrize("data", list(FILES))
@pytest.mark.parametrize("name", list(COMMANDS))
def test_json_output_holds_to_its_schema(hxq: Run, name: str, data: str) -> None:
    for args in COMMANDS[name]:
        result = hxq(*args, "--data", str(FILES[data]))
        assert result.out, (args, result.err)
        _check(name, result.out)


@pytest.mark.parametrize(("old", "new"), [("shipped", "riverton"), ("riverton", "riverton")])
def test_diff_output_holds_to_its_schema(hxq: Run, old: str, new: str) -> None:
    result = hxq("diff", str(FILES[old]), str(FILES[new]), "--json")
    document = _check("diff", result.out)
    assert document["identical"] is (old == new)


def test_a_failed_validation_holds_to_its_schema(hxq: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nid: x\n", encoding="utf-8")
    document = _check("validate", hxq("validate", "--json", "--data", str(broken)).out)
    assert document["valid"] is False and document["problems"]


def test_schema_command_prints_each_schema(hxq: Run) -> None:
    for name in OUTPUT_SCHEMAS:
        result = hxq("schema", name)
        assert result.code == 0
        assert json.loads(result.out) == output_schema(name)
    refused = hxq("schema", "nope")
    assert refused.code == 2 and "no schema named 'nope'" in refused.err


def _properties(schema: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        for key, value in schema.get("properties", {}).items():
            yield f"{where}.{key}", value
        for key, value in schema.items():
            yield from _properties(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from _properties(value, f"{where}[{index}]")


@pytest.mark.parametrize("name", ["framework", *OUTPUT_SCHEMAS])
def test_every_schema_has_an_id_and_describes_every_property(name: str) -> None:
    schema = framework_schema() if name == "framework" else output_schema(name)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$id"] == f"https://github.com/hxq-cli/hxq/schemas/{name}.schema.json"
    for where, prop in _properties(schema):
        assert prop.get("description"), where
        # draft-07 ignores whatever stands beside a $ref.
        assert "$ref" not in prop or set(prop) == {"$ref"}, where


def test_shipped_schemas_are_what_the_generator_writes() -> None:
    # tools/make_schemas.py is how the schema files are made: a builder changed without
    # running it shows up here (and in the schema tests above).
    spec = importlib.util.spec_from_file_location(
        "make_schemas", REPO / "tools" / "make_schemas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, (title, body) in module.OUTPUTS.items():
        made = module.document(name, title, body["description"], body, module.FRAMEWORK_DEFS)
        assert made == output_schema(name), name
