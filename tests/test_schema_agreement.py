"""The compiled schema (fast) and jsonschema (the reference) give every document one verdict.

The loader accepts on the fast verdict alone and asks jsonschema to explain a rejection, so the
two must agree. Both read a pattern's `$` as JSON Schema (ECMA-262) does, as the end of the
text: plain jsonschema, with Python's regexes, would accept the ID "0\n".
"""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from conftest import FIXTURES, SHIPPED, examples, load_raw
from hxq_cli.read import not_a_framework
from hxq_cli.read import schema as schema_module
from hxq_cli.read.schema import first_schema_error

MINIMAL = load_raw(str(FIXTURES / "minimal.yaml"))
REFERENCE = schema_module.reference_validator()

# Text that probes the schema's patterns: whitespace of every kind (Python's \s includes
# \x1c-\x1f), controls, dots, dashes, digits, upper case, CJK.
_text = st.text(
    alphabet=st.sampled_from(
        list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2028\u3000\u200b") + list("aZ09.-_") + ["名", "é"]
    ),
    max_size=6,
)
_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    _text,
    st.sampled_from(["1", "1.2", "a", "a-b", "1.a", "1.2.x-y", "approximately", "interview"]),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(_text, st.just("zh")), inner, max_size=3),
    ),
    max_leaves=6,
)


def _containers(doc: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found.extend(_containers(value, (*path, key)))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found.extend(_containers(value, (*path, index)))
    return found


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _verdicts(doc: Any) -> tuple[bool, bool]:
    return schema_module.schema_accepts(doc), REFERENCE.is_valid(doc)


@settings(max_examples=examples(400), deadline=None)
@given(st.data())
def test_mutated_documents_get_one_verdict(data: st.DataObject) -> None:
    doc = copy.deepcopy(MINIMAL)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_containers(doc)))
        target = _at(doc, path)
        action = data.draw(st.sampled_from(["leaf", "replace", "delete", "add"]))
        if action == "leaf":
            leaves = [p for p in _containers(doc) if p and not isinstance(_at(doc, p), dict | list)]
            leaf = data.draw(st.sampled_from(leaves))
            _at(doc, leaf[:-1])[leaf[-1]] = data.draw(_leaf)
        elif path and action == "replace":
            _at(doc, path[:-1])[path[-1]] = data.draw(_value)
        elif isinstance(target, dict) and target and action == "delete":
            del target[data.draw(st.sampled_from(sorted(target)))]
        elif isinstance(target, dict):
            target[data.draw(st.one_of(_text, st.sampled_from(["zh", "en", "id", "facts"])))] = (
                data.draw(_value)
            )
        elif isinstance(target, list):
            target.append(data.draw(_value))
    fast, reference = _verdicts(doc)
    assert fast == reference
    assert _loader_accepts(doc) == reference


def _loader_accepts(doc: Any) -> bool:
    return not_a_framework(doc) is None and first_schema_error(doc) is None


def test_a_trailing_newline_breaks_an_anchored_pattern_in_both_checks() -> None:
    for written in ["0\n", "a\n"]:
        doc = copy.deepcopy(MINIMAL)
        doc["id"] = written
        assert _verdicts(doc) == (False, False)
        assert not _loader_accepts(doc)
    # Plain jsonschema lets it through: the reason for the reference validator.
    doc = copy.deepcopy(MINIMAL)
    doc["id"] = "0\n"
    assert Draft7Validator(schema_module.schema()).is_valid(doc)


def test_valid_documents_pass_both() -> None:
    assert _verdicts(MINIMAL) == (True, True)
    assert _verdicts(load_raw(str(SHIPPED))) == (True, True)


def test_checking_never_fills_in_defaults() -> None:
    doc = copy.deepcopy(MINIMAL)
    schema_module.schema_accepts(doc)
    assert doc == MINIMAL


_TRICKY: list[Any] = [
    None,
    True,
    0,
    -1,
    2**64,
    1.5,
    float("nan"),
    float("inf"),
    "",
    " ",
    "\x1c",
    "\u3000",
    "\u200b",
    "x",
    "X",
    "1",
    "1.a",
    "a.1",
    "1..2",
    "1\n",
    "a\n",
    "\n",
    "-a",
    "a_b",
    "9" * 201,
    "名" * 10001,
    "approximately",
    "2025",
    [],
    ["a", "a"],
    {},
    {"zh": "甲", "en": "A"},
]


@pytest.mark.slow
def test_every_single_edit_gets_one_verdict() -> None:
    """Each leaf replaced by each tricky value, each key deleted, an unknown key added: the
    fast check and the reference give one verdict."""
    disagreements: list[tuple[Any, ...]] = []
    paths = [p for p in _containers(MINIMAL) if p]
    for path in paths:
        for value in _TRICKY:
            doc = copy.deepcopy(MINIMAL)
            _at(doc, path[:-1])[path[-1]] = value
            fast, reference = _verdicts(doc)
            # NaN and infinity: only the fast check refuses them (no reader lets them in).
            stricter = isinstance(value, float) and not math.isfinite(value) and not fast
            if fast != reference and not stricter:
                disagreements.append((path, value, fast, reference))
        parent = _at(MINIMAL, path[:-1])
        if isinstance(parent, dict):
            doc = copy.deepcopy(MINIMAL)
            del _at(doc, path[:-1])[path[-1]]
            if len(set(_verdicts(doc))) > 1:
                disagreements.append((path, "deleted", *_verdicts(doc)))
    for path in _containers(MINIMAL):
        if isinstance(_at(MINIMAL, path), dict):
            doc = copy.deepcopy(MINIMAL)
            _at(doc, path)["unknown"] = "x"
            if len(set(_verdicts(doc))) > 1:
                disagreements.append((path, "unknown key", *_verdicts(doc)))
    assert disagreements == []
