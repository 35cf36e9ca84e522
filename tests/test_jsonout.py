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


# --------------------------------------------------------------------------- written in pieces


def _lazy(value: Any, choose: Any) -> Any:
    """The document with some of its lists as `Items`, which `dumps` writes a few items at a
    time, and the mappings that hold them as `Parts`."""
    from hxq_cli.formats.json import Items, Parts

    if isinstance(value, dict):
        members = {key: _lazy(item, choose) for key, item in value.items()}
        lazy = any(isinstance(item, Items | Parts) for item in members.values())
        return Parts(members) if lazy else members
    if isinstance(value, list) and all(isinstance(item, dict) for item in value) and choose():
        return Items(iter([_lazy(item, choose) for item in value]))
    if isinstance(value, list) and choose():
        return Items(iter(value))
    return value


@settings(max_examples=examples(300), deadline=None)
@given(_documents, st.randoms(use_true_random=False), st.booleans())
def test_a_document_written_in_pieces_is_the_document_written_whole(
    document: Any, random: Any, ascii_only: bool
) -> None:
    from hxq_cli.formats.json import iter_dumps

    whole = (
        json.dumps(document, indent=2, ensure_ascii=True) + "\n" if ascii_only else dumps(document)
    )
    lazy = _lazy(document, lambda: random.random() < 0.7)
    assert "".join(iter_dumps(lazy, ascii_only=ascii_only)) == whole


@pytest.mark.parametrize("path", [SHIPPED, FIXTURES / "minimal.yaml"], ids=lambda p: p.name)
def test_show_and_facts_are_written_as_their_whole_documents(path: Any) -> None:
    # The documents `show --json` and `facts --json` write node by node and fact by fact are,
    # byte for byte, what json.dumps writes of the same documents made whole.
    from conftest import load_framework
    from hxq_cli.formats.json import facts_json, framework_json, node_json
    from hxq_cli.queries.facts import each_fact_row

    framework = load_framework(path)
    whole = framework.to_dict()
    assert dumps(framework_json(framework)) == reference(whole)
    located = framework.locate(framework.nodes[0].id)
    assert dumps(node_json(framework, located)) == reference(
        {
            "schema_version": 1,
            "framework": framework.id,
            "path": [],
            "node": located.node.to_dict(),
        }
    )
    written = json.loads(dumps(facts_json(framework, each_fact_row(framework))))
    assert dumps(written) == dumps(facts_json(framework, each_fact_row(framework)))
    assert len(written["facts"]) == sum(1 for _ in framework.facts())
