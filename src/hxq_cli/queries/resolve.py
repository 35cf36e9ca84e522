"""Turn what a person types (a dotted ID, a fact ID, an alias, a title) into a node or a fact of
the framework. Every input is folded the same way (`text.fold`): full-width digits and stops,
the ideographic full stop 。 and case do not matter."""

from __future__ import annotations

import difflib

from hxq_cli.errors import UnknownIdError, UsageError
from hxq_cli.model import Fact, Framework, Located, Node
from hxq_cli.text import fold, shorten

MAX_SUGGESTIONS = 3


def _keys(node: Node) -> list[str]:
    """Every string that names a node, in the order they are tried."""
    return [node.id, *node.aliases, node.title.zh, node.title.en]


def _locate(framework: Framework, node_id: str) -> Located | None:
    # locate() rather than `in by_id`: a lazily built framework finds an ID without building all.
    try:
        return framework.locate(node_id)
    except KeyError:
        return None


def find_node(framework: Framework, query: str) -> Located | None:
    """The node whose ID is `query`, as typed or folded; None if no node has it. Builds only
    the subtree that holds it."""
    wanted = query.strip()
    return _locate(framework, wanted) or _locate(framework, fold(wanted))


def resolve_fact(framework: Framework, query: str) -> tuple[Located, Fact] | None:
    """The fact whose ID is `query` (folded), with the node that holds it; None if no fact has it.

    A fact's ID is its node's ID, a dot and a word (`hxq validate` checks it), so the fact is
    looked for in that node alone: a large framework is not built to find it."""
    folded = fold(query)
    if "." not in folded:
        return None
    holder = _locate(framework, folded.rsplit(".", 1)[0])
    if holder is not None:
        for fact in holder.node.facts:
            if fold(fact.id) == folded:
                return holder, fact
    return None


def resolve_id(framework: Framework, query: str) -> Located:
    """The node named by `query`: dotted ID, else a fact's ID (its node), else an alias, else
    a Chinese or English title; a name as typed before a name as folded.

    Raises UnknownIdError (with the closest IDs and their titles as suggestions) when nothing
    matches, and UsageError when the name names several nodes (never one of them at random).
    """
    wanted = query.strip()
    found = find_node(framework, wanted)
    if found is not None:
        return found
    fact = resolve_fact(framework, wanted)
    if fact is not None:
        return fact[0]
    return framework.locate(_named_node(framework, wanted, query))


def _named_node(framework: Framework, wanted: str, query: str) -> str:
    """The ID of the one node that `wanted` is the alias or the title of."""
    # An alias is a name given on purpose, so it wins over a title that happens to match; a
    # name as typed wins over one that matches only once folded ("Task A" is the node titled
    # so, not the one titled "Task Ａ", whose full-width letter folds to it).
    folded = fold(wanted)
    alias_typed: list[Node] = []
    title_typed: list[Node] = []
    alias_folded: list[Node] = []
    title_folded: list[Node] = []
    for node in framework.walk():
        titles = (node.title.zh, node.title.en)
        if wanted in node.aliases:
            alias_typed.append(node)
        if wanted in titles:
            title_typed.append(node)
        if any(fold(alias) == folded for alias in node.aliases):
            alias_folded.append(node)
        if any(fold(title) == folded for title in titles):
            title_folded.append(node)
    for named in (alias_typed, title_typed, alias_folded, title_folded):
        if len(named) == 1:
            return named[0].id
        if named:
            nodes = ", ".join(
                f"{node.id} ({shorten(node.title.pick('both', ' · '), 40)})"
                for node in named[:MAX_SUGGESTIONS]
            )
            more = len(named) - MAX_SUGGESTIONS
            nodes += f" and {more:,} more" if more > 0 else ""
            raise UsageError(
                f"{shorten(wanted, 80)!r} names {len(named):,} nodes: {nodes}; "
                "give one of their IDs"
            )
    raise unknown_id(framework, query)


def unknown_id(framework: Framework, query: str) -> UnknownIdError:
    """The error for an ID that names nothing: the closest IDs with their titles, else the
    top-level IDs."""
    suggested = suggest_ids(framework, query)
    if suggested:
        return UnknownIdError(query, suggested)
    tops = ", ".join(node.id for node in framework.nodes)
    return UnknownIdError(query, [], hint=f"the top-level IDs are {tops}")


def suggest_ids(framework: Framework, query: str) -> list[tuple[str, str]]:
    """Up to three (ID, title) pairs whose ID, alias or title is closest to `query`: node IDs,
    and fact IDs (titled by their statement), so that a misspelt fact ID suggests the fact."""
    folded = fold(query)
    owner: dict[str, tuple[str, str]] = {}
    for node in framework.walk():
        named = (node.id, node.title.pick("both", " · "))
        for key in _keys(node):
            owner.setdefault(fold(key), named)
        for fact in node.facts:
            owner.setdefault(fold(fact.id), (fact.id, fact.statement.pick("both", " · ")))
    found: list[tuple[str, str]] = []
    if folded:
        # A Chinese fragment ("名片") is best served by titles that contain it.
        found.extend(owner[key] for key in owner if folded in key and len(folded) >= 2)
        found.extend(owner[k] for k in difflib.get_close_matches(folded, owner, n=10, cutoff=0.6))
    unique = list(dict.fromkeys(found))
    return unique[:MAX_SUGGESTIONS]
