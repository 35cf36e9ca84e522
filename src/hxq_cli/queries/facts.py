"""The framework's facts as rows: filtered by subtree and text, sorted, with normalised values."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import field
from typing import Literal, cast

from hxq_cli.model import (
    Bilingual,
    Fact,
    Framework,
    Node,
    NodePath,
    Number,
    Value,
    record,
    walk_paths,
)
from hxq_cli.queries.resolve import resolve_fact, resolve_id
from hxq_cli.text import fold
from hxq_cli.zh.figures import UNIT_KINDS, Normalized, normalize

SortKey = Literal["doc", "id", "value"]

#: What `FactRow._normalized` holds before the value has been normalised.
_UNKNOWN = object()

#: Base units whose values are relative to something: drawn by `hxq facts --chart`.
RELATIVE_UNITS = frozenset({"ratio", "fraction"})
# A rank is relative too (first among …), but it is no quantity to draw.
_WITH_BASE = frozenset({"ratio", "fraction", "rank"})


@record  # built in bulk: see model.record
class FactRow:
    """A fact with the path of nodes that holds it (root first, owning node last)."""

    fact: Fact
    path: tuple[Node, ...]
    #: `normalized` once worked out; `_UNKNOWN` until it is asked for.
    _normalized: object = field(default=_UNKNOWN, init=False, compare=False, repr=False)

    @property
    def normalized(self) -> Normalized | None:
        """The fact's value in its base unit, worked out when first asked for: a long view
        works out those of the rows it shows, part by part, not all before its first screen."""
        known = self._normalized
        if known is _UNKNOWN:
            known = normalize(self.fact.value, self.fact.unit)
            object.__setattr__(self, "_normalized", known)  # a cache: the record stays as made
        return cast("Normalized | None", known)

    @property
    def node(self) -> Node:
        return self.path[-1]

    @property
    def base(self) -> Bilingual | None:
        """What a ratio, share or rank is relative to (the fact's `compared_with`)."""
        normalized = self.normalized
        if normalized is None or normalized.unit not in _WITH_BASE:
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


def matches(fact: Fact, query: str) -> bool:
    """Whether the fact's statement holds `query`, in either language (case, width and spacing aside)."""
    wanted = fold(query)
    return wanted in fold(fact.statement.zh) or wanted in fold(fact.statement.en)


def _id_key(identifier: str) -> tuple[tuple[int, int | str], ...]:
    """Dotted IDs in natural order: 4.2 < 4.10 < 4.outcomes."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in identifier.split("."))


def _value_key(row: FactRow) -> tuple[int, str, Value]:
    # Values are only comparable within a base unit: group by it, then by value. Python
    # compares ints and floats exactly, so huge integers need no conversion.
    normalized = row.normalized
    if normalized is None:
        return (len(UNIT_KINDS), row.fact.unit, row.fact.value)
    return (UNIT_KINDS.index(normalized.unit), "", normalized.value)


def each_fact_row(
    framework: Framework, under: str | None = None, search: str | None = None
) -> Iterator[FactRow]:
    """The rows `fact_rows` gives in document order, made one at a time: a pass over a large
    framework holds one top-level subtree at a time (`Framework.passing_tops`).

    Raises UnknownIdError when `under` names no node, before the first row is made.
    """
    only: Fact | None = None
    paths: Iterator[NodePath]
    if under is None:
        # Top by top: walk_paths would take every top-level node at once.
        paths = (path for top in framework.passing_tops() for path in walk_paths((top,)))
    else:
        # A fact's ID selects that one fact; any other ID a node and its parts.
        one = resolve_fact(framework, under)
        located = one[0] if one is not None else resolve_id(framework, under)
        only = one[1] if one is not None else None
        paths = walk_paths((located.node,), located.path[:-1])
    return (
        FactRow(fact, path)
        for path in paths
        for fact in path[-1].facts
        if (only is None or fact is only) and (search is None or matches(fact, search))
    )


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
    rows = list(each_fact_row(framework, under, search))
    if sort == "id":
        rows.sort(key=lambda row: _id_key(row.fact.id))
    elif sort == "value":
        rows.sort(key=_value_key)
    return rows
