"""JSON output: written with the json module, UTF-8, never through Rich."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from hxq_cli.model import Framework, Located, Node
from hxq_cli.render.safe import escape_for_json

if TYPE_CHECKING:
    from hxq_cli.search import SearchHit

#: Version of every JSON document hxq writes; bumped when a key changes meaning or goes away.
SCHEMA_VERSION = 1


def dumps(document: Any) -> str:
    """Indented JSON, Chinese kept as UTF-8; control and bidi characters escaped."""
    return escape_for_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def write_json(document: Any, stream: TextIO) -> None:
    stream.write(dumps(document))


def framework_document(framework: Framework) -> dict[str, Any]:
    """The whole framework: every node, fact and source, in the framework file's shape."""
    return framework.to_dict()


def node_document(framework: Framework, located: Located) -> dict[str, Any]:
    """One node with its subtree, and the path of ancestors that leads to it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework.id,
        "path": [{"id": n.id, "title": n.title.to_dict()} for n in located.path[:-1]],
        "node": located.node.to_dict(),
    }


def _node_ref(node: Node) -> dict[str, Any]:
    return {"id": node.id, "title": node.title.to_dict()}


def search_document(framework: Framework, query: str, hits: Sequence[SearchHit]) -> dict[str, Any]:
    """`hxq search --json`: the query and every hit, best rank first (the same shape for none)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework.id,
        "query": query,
        "hits": [
            {
                "node": _node_ref(hit.node),
                "path": [_node_ref(node) for node in hit.path[:-1]],
                "rank": hit.rank.name.lower(),
                "field": hit.field,
                "lang": hit.lang,
                "fact": None if hit.fact is None else hit.fact.to_dict(),
                "text": hit.text,
                "spans": [list(span) for span in hit.spans],
            }
            for hit in hits
        ],
    }
