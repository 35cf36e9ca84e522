"""hxq's JSON writer gives exactly the text of `json.dumps(…, ensure_ascii=False, indent=2)`."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SHIPPED
from hxq_cli.loader import load_raw
from hxq_cli.render.jsonout import dumps, indented


def reference(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
_keys = st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none())
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(_keys, inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=500, deadline=None)
@given(_documents)
def test_any_document_is_written_as_json_writes_it(document: Any) -> None:
    assert indented(document) == reference(document)


@pytest.mark.parametrize("path", [SHIPPED, *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name)
def test_framework_documents_are_written_as_json_writes_them(path: Any) -> None:
    document = load_raw(str(path))
    assert indented(document) == reference(document)
    assert json.loads(dumps(document)) == document


def test_special_numbers_and_keys_read_as_json_writes_them() -> None:
    document = {1: [math.nan, math.inf, -math.inf, -0.0, 1e300, 2**70], None: {}, False: [], 2.5: 0}
    assert indented(document) == reference(document)


def test_what_json_cannot_write_is_refused_as_json_refuses_it() -> None:
    for document in [{"a": {1, 2}}, [object()], {(1, 2): "tuple key"}]:
        with pytest.raises(TypeError):
            reference(document)
        with pytest.raises(TypeError):
            indented(document)
