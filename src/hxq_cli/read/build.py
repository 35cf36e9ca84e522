"""The framework of a checked document, each node built the first time it is needed.

Showing one node of a large framework builds only the nodes on its path and their siblings.
A node of a document read from a cache entry that cannot be built (only an edit of the entry
by its owner can make one) is one line of error that removes the entry, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from hxq_cli.model import (
    Bilingual,
    Framework,
    Node,
    Source,
    Term,
    children_later,
    text_from_data,
)
from hxq_cli.read.document import CheckedDocument


def build_framework(document: CheckedDocument) -> Framework:
    """The framework of a checked document, its nodes built as they are needed."""
    head = document.head
    with _built_from(document):
        return Framework(
            schema_version=head["schema_version"],
            id=text_from_data(head["id"]),
            title=Bilingual.from_dict(head["title"]),
            description=Bilingual.from_dict(head["description"]),
            sources=tuple(Source.from_dict(s) for s in head["sources"]),
            nodes=_DocumentTops(document),
            glossary=tuple(Term.from_dict(t) for t in head.get("glossary", ())),
            draft=head.get("draft") is True,
            subtree=text_from_data(head["subtree"]) if "subtree" in head else None,
        )


class _DocumentTops:
    """The top-level nodes of a checked document (`model.TopNodes`)."""

    __slots__ = ("_document",)

    def __init__(self, document: CheckedDocument) -> None:
        self._document = document

    def __len__(self) -> int:
        return len(self._document)

    def build(self, index: int, *, keep: bool = True) -> Node:
        document = self._document
        with _built_from(document):
            return _node(document.node(index, keep=keep), document)

    def may_contain(self, index: int, pattern: re.Pattern[str]) -> bool:
        return self._document.may_contain(index, pattern)

    def steps_to(self, node_id: str) -> tuple[int, list[int]] | None:
        document = self._document
        if not document.unique:  # the first occurrence of an ID needs the whole tree
            return None
        index = document.owners[node_id]
        # The mappings below a top-level node are unchecked in a cache entry.
        with _built_from(document):
            steps = _steps_to(document.node(index), node_id)
        if steps is None:
            raise KeyError(node_id)
        return index, steps


def _node(raw: Mapping[str, Any], document: CheckedDocument) -> Node:
    """The node of a document's node mapping, its children built when first asked for."""
    node = Node.from_dict(raw, without="children")
    children = raw.get("children")
    if children:
        children_later(node, lambda: _children(children, document))
    return node


def _children(raws: Sequence[Mapping[str, Any]], document: CheckedDocument) -> tuple[Node, ...]:
    with _built_from(document):
        return tuple([_node(raw, document) for raw in raws])


def _steps_to(top: Mapping[str, Any], node_id: str) -> list[int] | None:
    """The child positions leading from a top-level node's mapping to the first node with
    this ID, depth first in document order (as `model.walk_paths`); None if there is none."""
    stack: list[tuple[Mapping[str, Any], list[int]]] = [(top, [])]
    while stack:
        raw, steps = stack.pop()
        if raw.get("id") == node_id:
            return steps
        children = raw.get("children") or ()
        stack.extend((children[i], [*steps, i]) for i in reversed(range(len(children))))
    return None


@contextmanager
def _built_from(document: CheckedDocument) -> Iterator[None]:
    """Records built from a cache entry that does not hold a framework are one line of error
    that removes the entry (`CheckedDocument.damaged`)."""
    try:
        yield
    except (KeyError, TypeError, AttributeError, ValueError, RecursionError):
        # A fresh document has passed the schema, so this is a bug: let it surface.
        if not document.from_cache:
            raise
        raise document.damaged() from None
