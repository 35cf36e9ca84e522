"""Property tests: whatever file hxq is given, it ends cleanly.

Random YAML text, random YAML documents and random mutations of the shipped framework go
through `show`, `show --json`, `show ID` and `validate` (text and JSON). Each run must exit 0, 1
or 2 with at most one line on stderr and no traceback; JSON output must parse; `show` and
`validate` must agree on whether the file is a framework at all; and what `show --json` writes
must itself be a valid framework file. Derandomized and bounded, so CI runs the same examples
every time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED, Result, Run, examples, parse_text
from hxq_cli.errors import ExitCode

SHIPPED_TEXT = SHIPPED.read_text(encoding="utf-8")
SHIPPED_RAW: dict[str, Any] = parse_text(SHIPPED_TEXT, str(SHIPPED))

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=examples(40),
    # The in-process runner reuses pytest's capsys/monkeypatch/tmp_path: each example
    # overwrites the one file and reads its own output, so sharing them is sound.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --------------------------------------------------------------------------- strategies

_YAML_PUNCTUATION = "{}[]:,-#&*!|>'\"%@`?~ \n\t\r.\\"
yaml_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(_YAML_PUNCTUATION),
        st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs", "Cc", "Cf"]),
    ),
    max_size=300,
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def _dump(value: Any, flow: bool) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=flow)


def _nodes(document: Any) -> list[tuple[list[Any], int]]:
    """Every node of a (still well-formed) framework document as (its sibling list, its index)."""
    found: list[tuple[list[Any], int]] = []
    stack: list[list[Any]] = [document["nodes"]]
    while stack:
        siblings = stack.pop()
        for index, node in enumerate(siblings):
            found.append((siblings, index))
            if isinstance(node, dict) and isinstance(node.get("children"), list):
                stack.append(node["children"])
    return found


def _facts(nodes: Iterable[Any]) -> list[dict[str, Any]]:
    """Every fact (a mapping in a list under `facts`) of these nodes."""
    found: list[dict[str, Any]] = []
    for node in nodes:
        facts = node.get("facts") if isinstance(node, dict) else None
        if isinstance(facts, list):
            found.extend(fact for fact in facts if isinstance(fact, dict))
    return found


_NUMBERS = st.one_of(
    st.sampled_from([float("nan"), float("inf"), 1e300, 2**70, -0.0, 10**400]),
    st.integers(),
    st.floats(),
)
_TITLES = ["三大任务", "五条底线", "2个转变", "Mini", "两张名片", "十二项", " "]
_IDS = ["1", "4", "4.2", "4.9", "x", "x.y", "4.synergy", "4.2.rd-investment", "4..2", "Four"]


@st.composite
def mutated_framework(draw: st.DrawFn) -> str:
    """The shipped framework with a few random edits, as YAML.

    Most edits keep the schema happy but break a rule (duplicate or renumber a node, retitle
    it with a count, cite a missing source, reuse an alias); some break the structure.
    """
    document: Any = json.loads(json.dumps(SHIPPED_RAW))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        nodes = _nodes(document)
        siblings, index = draw(st.sampled_from(nodes))
        node = siblings[index]
        if not isinstance(node, dict):
            continue
        facts = _facts(siblings_[index_] for siblings_, index_ in nodes)
        action = draw(
            st.sampled_from(
                ["drop", "duplicate", "swap", "renumber", "retitle", "source", "alias", "value"]
                + ["delete-key", "replace-value", "extra-key"]
            )
        )
        if action == "drop":
            del siblings[index]
        elif action == "duplicate":
            siblings.insert(index, json.loads(json.dumps(node)))
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(siblings) - 1))
            siblings[index], siblings[other] = siblings[other], siblings[index]
        elif action == "renumber":
            node["id"] = draw(st.sampled_from(_IDS))
        elif action == "retitle":
            node["title"] = {"zh": draw(st.sampled_from(_TITLES)), "en": "Retitled"}
        elif action == "source" and facts:
            draw(st.sampled_from(facts))["source"] = draw(st.sampled_from(["interview-2026", "x"]))
        elif action == "alias":
            node["aliases"] = [draw(st.sampled_from(["vision", "cards", "new-name", "outlook"]))]
        elif action == "value" and facts:
            draw(st.sampled_from(facts))["value"] = draw(_NUMBERS)
        elif action == "delete-key":
            del node[draw(st.sampled_from(sorted(node)))]
        elif action == "replace-value":
            node[draw(st.sampled_from(sorted(node)))] = draw(json_values)
        elif action == "extra-key":
            node[draw(st.text(max_size=8))] = draw(json_values)
    return _dump(document, draw(st.booleans()))


@st.composite
def edited_text(draw: st.DrawFn) -> bytes:
    """The shipped file's bytes with a random span replaced by random bytes."""
    data = SHIPPED_TEXT.encode("utf-8")
    start = draw(st.integers(min_value=0, max_value=len(data)))
    end = draw(st.integers(min_value=start, max_value=min(len(data), start + 40)))
    replacement = draw(st.one_of(st.binary(max_size=8), yaml_text.map(str.encode)))
    return data[:start] + replacement + data[end:]


# --------------------------------------------------------------------------- the property


def strict_json(text: str) -> Any:
    """JSON as the standard has it: Python's NaN and Infinity extensions are errors."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def _clean(result: Result) -> None:
    assert result.code in (ExitCode.OK, ExitCode.NO, ExitCode.TROUBLE), result
    assert "Traceback" not in result.err and "Traceback" not in result.out
    if result.err:
        lines = result.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("hxq: error: "), result.err


def check_any_file(hxq: Run, path: Path, content: bytes) -> None:
    path.write_bytes(content)
    data = ["--data", str(path)]

    shown = hxq("show", *data)
    _clean(shown)
    as_json = hxq("show", "--json", *data)
    _clean(as_json)
    one = hxq("show", "4.2", "--json", *data)
    _clean(one)
    if one.code == ExitCode.OK:
        assert strict_json(one.out)["node"]["id"] == "4.2"
    assert shown.code == as_json.code

    checked = hxq("validate", str(path), "--json")
    _clean(checked)
    assert checked.err == ""
    report = strict_json(checked.out)
    assert report["valid"] is (checked.code == ExitCode.OK)
    text = hxq("validate", str(path))
    _clean(text)
    assert text.code == checked.code
    assert len(text.out.splitlines()) == len(report["problems"]) + 1

    # show and validate agree on whether this is a framework at all.
    structural = [p for p in report["problems"] if p["rule"] in ("parse", "schema")]
    assert (as_json.code == ExitCode.OK) is (not structural), (as_json.err, structural)
    if as_json.code == ExitCode.OK:
        # What show --json writes is itself a framework file (JSON is YAML).
        strict_json(as_json.out)
        path.write_text(as_json.out, encoding="utf-8")
        again = strict_json(hxq("validate", str(path), "--json").out)
        assert not [p for p in again["problems"] if p["rule"] in ("parse", "schema")]


@pytest.fixture
def target(tmp_path: Path) -> Path:
    return tmp_path / "fuzzed.yaml"


@settings(FUZZ, max_examples=examples(80))
@given(content=yaml_text)
def test_random_yaml_text(hxq: Run, target: Path, content: str) -> None:
    check_any_file(hxq, target, content.encode("utf-8", "surrogatepass"))


@settings(FUZZ, max_examples=examples(80))
@given(value=json_values, flow=st.booleans())
def test_random_yaml_documents(hxq: Run, target: Path, value: Any, flow: bool) -> None:
    check_any_file(hxq, target, _dump(value, flow).encode("utf-8"))


@pytest.mark.slow
@settings(FUZZ, max_examples=examples(20))
@given(text=mutated_framework())
def test_mutated_framework(hxq: Run, target: Path, text: str) -> None:
    check_any_file(hxq, target, text.encode("utf-8"))


@settings(FUZZ, max_examples=examples(30))
@given(content=edited_text())
def test_edited_bytes_of_the_framework(hxq: Run, target: Path, content: bytes) -> None:
    check_any_file(hxq, target, content)
