"""The framework's facts as rows: filtered by subtree and text, sorted, with normalised values."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from hxq_cli.model import Bilingual, Fact, Framework, Node, Number
from hxq_cli.numbers import UNIT_KINDS, Normalized, normalize
from hxq_cli.resolve import resolve_id

SortKey = Literal["doc", "id", "value"]

#: Base units whose values are relative to something: drawn by `hxq facts --chart`.
RELATIVE_UNITS = frozenset({"ratio", "fraction"})
# A rank is relative too (first among …), but it is no quantity to draw.
_WITH_BASE = frozenset({"ratio", "fraction", "rank"})


@dataclass(frozen=True, slots=True)
class FactRow:
    """A fact with the path of nodes that holds it (root first, owning node last)."""

    fact: Fact
    path: tuple[Node, ...]
    normalized: Normalized | None

    @property
    def node(self) -> Node:
        return self.path[-1]

    @property
    def base(self) -> Bilingual | None:
        """What a ratio, share or rank is relative to (the fact's `compared_with`)."""
        if self.normalized is None or self.normalized.unit not in _WITH_BASE:
            return None
        return self.fact.compared_with

    @property
    def chartable(self) -> bool:
        """A ratio (×national, ×city) or a share/percentage: something to draw as a bar."""
        normalized = self.normalized
        return (
            normalized is not None
            and normalized.unit in RELATIVE_UNITS
            and _drawable(normalized.value)
        )


def _drawable(value: Number) -> bool:
    """Whether a bar can be drawn for the value: a finite float (10**400 is not)."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _paths(nodes: tuple[Node, ...], prefix: tuple[Node, ...]) -> Iterator[tuple[Node, ...]]:
    """The path to every node under `nodes`, depth first, in document order."""
    stack = [(*prefix, node) for node in reversed(nodes)]
    while stack:
        path = stack.pop()
        yield path
        stack.extend((*path, child) for child in reversed(path[-1].children))


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def matches(fact: Fact, query: str) -> bool:
    """Whether the fact's statement holds `query`, in either language (case, width and spacing aside)."""
    wanted = _folded(query)
    return wanted in _folded(fact.statement.zh) or wanted in _folded(fact.statement.en)


def _id_key(identifier: str) -> tuple[tuple[int, int | str], ...]:
    """Dotted IDs in natural order: 4.2 < 4.10 < 4.outcomes."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in identifier.split("."))


def _value_key(row: FactRow) -> tuple[int, str, Number]:
    # Values are only comparable within a base unit: group by it, then by value. Python
    # compares ints and floats exactly, so huge integers need no conversion.
    if row.normalized is None:
        return (len(UNIT_KINDS), row.fact.unit, row.fact.value)
    return (UNIT_KINDS.index(row.normalized.unit), "", row.normalized.value)


def fact_rows(
    framework: Framework,
    under: str | None = None,
    search: str | None = None,
    sort: SortKey = "doc",
) -> list[FactRow]:
    """The facts of the framework (or of the subtree of node `under`), optionally filtered by
    the text of their statements, in document order, by ID or by value within each base unit.

    Raises UnknownIdError when `under` names no node.
    """
    if under is None:
        paths = _paths(framework.nodes, ())
    else:
        located = resolve_id(framework, under)
        paths = _paths((located.node,), located.path[:-1])
    rows = [
        FactRow(fact, path, normalize(fact.value, fact.unit))
        for path in paths
        for fact in path[-1].facts
        if search is None or matches(fact, search)
    ]
    if sort == "id":
        rows.sort(key=lambda row: _id_key(row.fact.id))
    elif sort == "value":
        rows.sort(key=_value_key)
    return rows
