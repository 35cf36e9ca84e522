"""The framework as plain, immutable data: nodes, facts, sources; no I/O, no terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from hxq_cli.record import frozen_record

Lang = Literal["zh", "en", "both"]
Number = int | float

#: How the source hedges a figure ("近", "突破", "最快" …), and how to say it.
QUALIFIER_LABELS: dict[str, tuple[str, str]] = {
    "approximately": ("约", "approx."),
    "more_than": ("超过", "over"),
    "at_least": ("至少", "at least"),
    "as_low_as": ("最快", "as little as"),
}


def format_number(value: Number) -> str:
    """A number as people write it: 1871, 24.24, 0.3333 (never 1871.0 or 1e+06)."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)


@frozen_record
class Bilingual:
    """A text in Chinese and English."""

    zh: str
    en: str

    def pick(self, lang: Lang) -> str:
        """The text in one language, or both joined by a space."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        return self.zh if self.zh == self.en else f"{self.zh} {self.en}"

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@frozen_record
class Fact:
    """One figure from a source, with the short span of source text that carries it."""

    id: str
    statement: Bilingual
    value: Number
    unit: str
    anchor: str | None = None
    source: str | None = None
    qualifier: str | None = None
    compared_with: Bilingual | None = None
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "statement": self.statement.to_dict(),
            "value": self.value,
            "unit": self.unit,
        }
        if self.qualifier is not None:
            out["qualifier"] = self.qualifier
        if self.compared_with is not None:
            out["compared_with"] = self.compared_with.to_dict()
        if self.as_of is not None:
            out["as_of"] = self.as_of
        if self.anchor is not None:
            out["anchor"] = self.anchor
        if self.source is not None:
            out["source"] = self.source
        return out


@frozen_record
class Node:
    """One element of the framework (a card, a goal, a bottom line …) and its subtree."""

    id: str
    title: Bilingual
    description: Bilingual
    aliases: tuple[str, ...] = ()
    role: Bilingual | None = None
    action: Bilingual | None = None
    target: Bilingual | None = None
    facts: tuple[Fact, ...] = ()
    children: tuple[Node, ...] = ()

    def walk(self) -> Iterator[Node]:
        """This node and every descendant, depth first, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        out["title"] = self.title.to_dict()
        for name in ("role", "action", "target"):
            value: Bilingual | None = getattr(self, name)
            if value is not None:
                out[name] = value.to_dict()
        out["description"] = self.description.to_dict()
        if self.facts:
            out["facts"] = [fact.to_dict() for fact in self.facts]
        if self.children:
            out["children"] = [child.to_dict() for child in self.children]
        return out


@frozen_record
class Source:
    """A document the framework's facts are taken from."""

    id: str
    title: Bilingual
    year: int | None = None
    subtitle: Bilingual | None = None
    outlet: Bilingual | None = None
    interviewer: Bilingual | None = None
    interviewee: Bilingual | None = None
    interviewee_role: Bilingual | None = None
    file: str | None = None
    sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title.to_dict()}
        for name in ("subtitle", "outlet", "interviewer", "interviewee", "interviewee_role"):
            value: Bilingual | None = getattr(self, name)
            if value is not None:
                out[name] = value.to_dict()
        if self.year is not None:
            out["year"] = self.year
        if self.file is not None:
            out["file"] = self.file
        if self.sha256 is not None:
            out["sha256"] = self.sha256
        return out


@frozen_record
class Located:
    """A node together with its ancestors, root first (the node itself last)."""

    path: tuple[Node, ...]

    @property
    def node(self) -> Node:
        return self.path[-1]


@dataclass(slots=True)
class Framework:
    """A whole numbered framework: its top-level nodes, sources and the indexes over them."""

    schema_version: int
    id: str
    title: Bilingual
    description: Bilingual
    sources: tuple[Source, ...]
    nodes: tuple[Node, ...]
    # Caches, not content: two frameworks are equal whether or not their index is built.
    _parents: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    _by_id: dict[str, Node] = field(default_factory=dict, repr=False, compare=False)

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, in document order."""
        for top in self.nodes:
            yield from top.walk()

    def _index(self) -> None:
        by_id: dict[str, Node] = {}
        parents: dict[str, str | None] = {}
        stack: list[tuple[Node, str | None]] = [(n, None) for n in reversed(self.nodes)]
        while stack:
            node, parent = stack.pop()
            # The first occurrence wins; `hxq validate` reports duplicates.
            if node.id not in by_id:
                by_id[node.id] = node
                parents[node.id] = parent
            stack.extend((child, node.id) for child in reversed(node.children))
        self._by_id = by_id
        self._parents = parents

    @property
    def by_id(self) -> dict[str, Node]:
        """Nodes keyed by ID (built on first use)."""
        if not self._by_id:
            self._index()
        return self._by_id

    def locate(self, node_id: str) -> Located:
        """The node with this exact ID and its ancestors; KeyError if there is none."""
        by_id = self.by_id
        path = [by_id[node_id]]
        parent = self._parents[node_id]
        while parent is not None:
            path.append(by_id[parent])
            parent = self._parents[parent]
        return Located(tuple(reversed(path)))

    def facts(self) -> Iterator[tuple[Node, Fact]]:
        """Every fact with the node that holds it, in document order."""
        for node in self.walk():
            for fact in node.facts:
                yield node, fact

    def to_dict(self) -> dict[str, Any]:
        """The framework document, in the shape of the framework file."""
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "title": self.title.to_dict(),
            "description": self.description.to_dict(),
            "sources": [source.to_dict() for source in self.sources],
            "nodes": [node.to_dict() for node in self.nodes],
        }


class LazyFramework(Framework):
    """A Framework whose top-level subtrees are built the first time they are needed.

    It answers exactly as the same framework built in full (fields, `walk`, `facts`, `by_id`,
    `locate`, `to_dict`, `==`): everything that reads `nodes` builds them all. `locate` builds
    only the subtree that holds the node, found through `owners` (node ID → position of its
    top-level node, for the first occurrence of each ID); given None (a file with a duplicate
    ID), it builds everything, as a full framework would. Showing one node of a 10,000-node
    framework then builds a few thousand objects instead of 200,000.
    """

    __slots__ = ("_build", "_built", "_owners", "_all")

    def __init__(
        self,
        *,
        schema_version: int,
        id: str,
        title: Bilingual,
        description: Bilingual,
        sources: tuple[Source, ...],
        count: int,
        build: Callable[[int], Node],
        owners: Mapping[str, int] | None,
    ) -> None:
        # Not Framework.__init__: it would assign `nodes`, which is computed here.
        self.schema_version = schema_version
        self.id = id
        self.title = title
        self.description = description
        self.sources = sources
        self._parents = {}
        self._by_id = {}
        self._build = build
        self._built: list[Node | None] = [None] * count
        self._owners = owners
        self._all: tuple[Node, ...] | None = None

    @property
    def nodes(self) -> tuple[Node, ...]:
        """The top-level nodes (building every one not built yet)."""
        if self._all is None:
            self._all = tuple(self._top(i) for i in range(len(self._built)))
        return self._all

    @nodes.setter
    def nodes(self, value: tuple[Node, ...]) -> None:
        self._all = value
        self._owners = None
        self._parents = {}
        self._by_id = {}

    def _top(self, index: int) -> Node:
        node = self._built[index]
        if node is None:
            node = self._built[index] = self._build(index)
        return node

    def locate(self, node_id: str) -> Located:
        """The node with this exact ID and its ancestors; KeyError if there is none."""
        if self._owners is None or self._by_id:
            return super().locate(node_id)
        stack: list[tuple[Node, int]] = [(self._top(self._owners[node_id]), 0)]
        path: list[Node] = []
        while stack:
            node, depth = stack.pop()
            del path[depth:]
            path.append(node)
            if node.id == node_id:
                return Located(tuple(path))
            stack.extend((child, depth + 1) for child in reversed(node.children))
        raise KeyError(node_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return _content(self) == _content(other)

    __hash__ = None  # type: ignore[assignment]


def _content(framework: Framework) -> tuple[object, ...]:
    return (
        framework.schema_version,
        framework.id,
        framework.title,
        framework.description,
        framework.sources,
        framework.nodes,
    )
