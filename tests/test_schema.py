"""`hxq schema` and the JSON Schema itself: one source of truth that editors can use too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from conftest import (
    FIXTURES,
    REPO,
    SHIPPED,
    Run,
    load_raw,
    parse_text,
)
from hxq_cli.read import framework_schema as schema

SCHEMA_FILE = REPO / "src" / "hxq_cli" / "framework.schema.json"
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema="


def test_schema_command_prints_the_shipped_schema(hxq: Run) -> None:
    result = hxq("schema")
    assert result.code == 0
    assert result.err == ""
    assert json.loads(result.out) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert json.loads(result.out) == schema()


def test_schema_is_valid_draft_07() -> None:
    assert schema()["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema())


def _subschemas(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_every_pattern_says_what_it_means() -> None:
    """`hxq validate` explains a pattern by its description; a bare regex helps nobody."""
    patterned = [s for s in _subschemas(schema()) if "pattern" in s]
    assert patterned
    for sub in patterned:
        assert isinstance(sub.get("description"), str), sub


@pytest.mark.parametrize(
    "path", [SHIPPED, FIXTURES / "minimal.yaml", *EXAMPLES], ids=lambda p: p.name
)
def test_frameworks_pass_the_schema(path: Path) -> None:
    value = parse_text(path.read_text(encoding="utf-8"), str(path))
    assert list(Draft7Validator(schema()).iter_errors(value)) == []


@pytest.mark.parametrize("path", [SHIPPED, *EXAMPLES], ids=lambda p: p.name)
def test_framework_files_name_the_schema_for_editors(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    target = (path.parent / first[len(MODELINE) :]).resolve()
    assert target == SCHEMA_FILE.resolve()


def test_readme_shows_the_editor_line() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert MODELINE in readme
    assert "hxq schema > framework.schema.json" in readme


def test_the_fast_check_leaves_the_schema_as_shipped() -> None:
    # The fast check is given a rewritten copy of the schema, never the schema itself.
    from hxq_cli.read import schema as schema_module

    schema_module.schema_accepts({"schema_version": 1})
    assert schema_module.schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_spaces_the_fast_check_is_given_are_those_python_reads_as_space() -> None:
    import re
    import sys

    from hxq_cli.read.schema import PYTHON_SPACES

    spaces = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c))
    assert spaces == PYTHON_SPACES


@pytest.mark.parametrize("text", ["\x1c", "\x1f", "\x85", "\u3000", " \u2028", "\t"])
def test_a_text_of_spaces_breaks_the_schema_in_both_checks(text: str) -> None:
    from hxq_cli.read import schema as schema_module

    doc = load_raw(str(SHIPPED))
    doc["title"]["en"] = text
    assert not schema_module.schema_accepts(doc)
    assert not schema_module.reference_validator().is_valid(doc)
