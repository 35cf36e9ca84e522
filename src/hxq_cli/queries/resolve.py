"""Turn what a person types (a dotted ID, an alias, a title) into a node of the framework."""

from __future__ import annotations

import difflib

from hxq_cli.errors import UnknownIdError
from hxq_cli.model import Framework, Located, Node
from hxq_cli.text import fold

MAX_SUGGESTIONS = 3


def _keys(node: Node) -> list[str]:
    """Every string that names a node, in the order they are tried."""
    return [node.id, *node.aliases, node.title.zh, node.title.en]


def resolve_id(framework: Framework, query: str) -> Located:
    """The node named by `query`: dotted ID, else alias, else exact Chinese/English title
    (spaces and case aside); the first in document order when several share a title.

    Raises UnknownIdError (with the closest IDs as suggestions) when nothing matches.
    """
    wanted = query.strip()
    # locate() rather than `in by_id`: a lazily built framework finds an ID without building all.
    try:
        return framework.locate(wanted)
    except KeyError:
        pass
    # An alias is a name given on purpose, so it wins over a title that happens to match.
    folded = fold(wanted)
    titled: str | None = None
    for node in framework.walk():
        if any(fold(alias) == folded for alias in node.aliases):
            return framework.locate(node.id)
        if titled is None and folded in (fold(node.title.zh), fold(node.title.en)):
            titled = node.id
    if titled is not None:
        return framework.locate(titled)
    raise UnknownIdError(query, suggest_ids(framework, wanted))


def suggest_ids(framework: Framework, query: str) -> list[str]:
    """Up to three IDs whose ID, alias or title is closest to `query`."""
    folded = fold(query)
    owner: dict[str, str] = {}
    for node in framework.walk():
        for key in _keys(node):
            owner.setdefault(fold(key), node.id)
    found: list[str] = []
    if folded:
        # A Chinese fragment ("名片") is best served by titles that contain it.
        found.extend(owner[key] for key in owner if folded in key and len(folded) >= 2)
        found.extend(owner[k] for k in difflib.get_close_matches(folded, owner, n=10, cutoff=0.6))
    unique = list(dict.fromkeys(found))
    return unique[:MAX_SUGGESTIONS]
