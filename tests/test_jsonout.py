"""hxq's JSON output (orjson) reads back as the document, and for the documents hxq writes is the
text of `json.dumps(…, ensure_ascii=False, indent=2)`: scripts see one stable form."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SHIPPED, examples, load_raw
from hxq_cli.formats.json import dumps
from hxq_cli.text import escape_for_json


def reference(document: Any) -> str:
    return escape_for_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=examples(200), deadline=None)
@given(_documents)
def test_any_document_reads_back_as_itself(document: Any) -> None:
    assert json.loads(dumps(document)) == document


@pytest.mark.parametrize("path", [SHIPPED, *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name)
def test_framework_documents_are_written_as_json_writes_them(path: Any) -> None:
    document = load_raw(str(path))
    assert dumps(document) == reference(document)


def test_control_and_bidi_characters_are_escaped() -> None:
    text = dumps({"t": "a\x1b[31m\u202eb\x85\n"})
    assert "\\u001b" in text and "\\u202e" in text and "\\u0085" in text and "\\n" in text
    assert json.loads(text) == {"t": "a\x1b[31m\u202eb\x85\n"}


def test_what_json_cannot_write_is_refused() -> None:
    for document in [{"a": {1, 2}}, [object()], {"big": 2**70}]:
        with pytest.raises(TypeError):
            dumps(document)
