"""The framework as immutable data: nodes, facts, sources, and the one walk over nodes.

Built from read's `CheckedDocument` (`Framework.from_document`), each node the first time it
is needed: showing one node of a large framework builds only the nodes on its path and their
siblings. No I/O, no terminal.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from numbers import Rational
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

if TYPE_CHECKING:
    import re
    from fractions import Fraction

    from hxq_cli.read import CheckedDocument

Lang = Literal["zh", "en", "both"]

#: The English of a text that a person has still to translate (`hxq draft` writes it, and
#: `hxq validate` warns about it in a draft).
UNTRANSLATED = "[untranslated]"
#: How a draft's Chinese text starts when it quotes the source for a person to rewrite.
QUOTATION = "原文："
Number = int | float
#: A figure as the source gives it: a number, or an exact fraction (1/3 is not 0.3333).
Value: TypeAlias = "int | float | Fraction"
#: A node with its ancestors, root first (the node itself last).
Path = tuple["Node", ...]

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
elif sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # Python 3.10: the decorator only informs type checkers

    def dataclass_transform(**_: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return lambda decorated: decorated


_T = TypeVar("_T")

#: One node's children are built by one thread at a time: `hxq browse` walks the tree for its
#: index in a thread while its view expands nodes, and knows a node by its id(). Re-entrant,
#: so that nothing built while it is held can ever wait on it.
_BUILDING = threading.RLock()


@dataclass_transform(frozen_default=True)
def record(cls: type[_T]) -> type[_T]:
    """A dataclass of the model: frozen to the type checker, which refuses any assignment to a
    field (mypy --strict runs in CI), and hashable by its fields.

    Not `frozen=True` at run time: a frozen dataclass's `__init__` sets each field through
    `object.__setattr__`, which made building a large framework's records about twice as slow
    (BENCHMARKS.md), and the model is built record by record from every file hxq reads.
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)


@record
class Bilingual:
    """A text in Chinese and English."""

    zh: str
    en: str

    @property
    def translated(self) -> bool:
        """Whether the English is written (a draft's is `UNTRANSLATED` until a person writes it)."""
        return self.en != UNTRANSLATED

    def texts(self, lang: Lang) -> tuple[str, ...]:
        """The text in the chosen language; for both, Chinese then English (once if the same).
        Where the English is still to write, the Chinese alone in every language: a reader of a
        draft sees its text, not a placeholder on every line (`hxq validate` lists what is left).

        The one rule for showing a bilingual text: every view and format builds on it."""
        if lang == "zh" or not self.translated:
            return (self.zh,)
        if lang == "en":
            return (self.en,)
        return (self.zh,) if self.zh == self.en else (self.zh, self.en)

    def pick(self, lang: Lang, separator: str = " ") -> str:
        """`texts(lang)` on one line."""
        return separator.join(self.texts(lang))

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@record
class Fact:
    """One figure from a source, with the short span of source text that carries it."""

    id: str
    statement: Bilingual
    value: Value
    unit: str
    anchor: str | None = None
    source: str | None = None
    qualifier: str | None = None
    compared_with: Bilingual | None = None
    as_of: str | None = None
    #: The figure as a reader says it, where the source uses an idiom (翻倍: doubled).
    display: Bilingual | None = None
    #: Where the figure stands in its source: LINE:COLUMN (a draft records it).
    at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "statement": self.statement.to_dict(),
            "value": value_to_data(self.value),
            "unit": self.unit,
        }
        if self.qualifier is not None:
            out["qualifier"] = self.qualifier
        if self.display is not None:
            out["display"] = self.display.to_dict()
        if self.compared_with is not None:
            out["compared_with"] = self.compared_with.to_dict()
        if self.as_of is not None:
            out["as_of"] = self.as_of
        if self.anchor is not None:
            out["anchor"] = self.anchor
        if self.source is not None:
            out["source"] = self.source
        if self.at is not None:
            out["at"] = self.at
        return out


@record
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
    #: The number of parts the title states, where its words do not say it readably (三北).
    count: int | None = None
    #: Where the node stands in its source: LINE:COLUMN (a draft records it).
    at: str | None = None
    #: A node built from a checked document builds its children the first time they are asked
    #: for (`_unbuilt` holds their mappings until then): finding one node deep in a large
    #: framework builds the nodes on its path and their siblings, not the whole subtree.
    _unbuilt: _Unbuilt | None = field(default=None, init=False, repr=False, compare=False)

    if not TYPE_CHECKING:  # to the type checker, Node has no attribute it does not declare

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute not set: `children` of a node built lazily. The name
            # is checked first: an instance that copy or pickle has just made has no `_unbuilt`
            # yet, and reading it here would call this again, endlessly.
            if name != "children":
                raise AttributeError(name)
            with _BUILDING:
                unbuilt = self._unbuilt
                if unbuilt is None:  # built by another thread while this one waited
                    return object.__getattribute__(self, name)
                raws, document = unbuilt
                with _built_from(document):
                    children = tuple(_node_of(raw, document) for raw in raws)
                self.children = children
                self._unbuilt = None
                return children

    def walk(self) -> Iterator[Node]:
        """This node and every descendant, depth first, in document order."""
        for path in walk_paths((self,)):
            yield path[-1]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        out["title"] = self.title.to_dict()
        if self.count is not None:
            out["count"] = self.count
        for name in ("role", "action", "target"):
            value: Bilingual | None = getattr(self, name)
            if value is not None:
                out[name] = value.to_dict()
        out["description"] = self.description.to_dict()
        if self.at is not None:
            out["at"] = self.at
        if self.facts:
            out["facts"] = [fact.to_dict() for fact in self.facts]
        if self.children:
            out["children"] = [child.to_dict() for child in self.children]
        return out


def walk_paths(nodes: Iterable[Node], above: Path = ()) -> Iterator[Path]:
    """The path (root first) to every node under `nodes`, depth first, in document order;
    `above` is the path to their parent. The one walk over nodes: every other builds on it."""
    stack: list[Path] = [(*above, node) for node in reversed(tuple(nodes))]
    while stack:
        path = stack.pop()
        yield path
        stack.extend((*path, child) for child in reversed(path[-1].children))


@record
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


@record
class Located:
    """A node together with its ancestors, root first (the node itself last)."""

    path: Path

    @property
    def node(self) -> Node:
        return self.path[-1]


@record
class Term:
    """A key term of the framework's glossary: Chinese, standard English, a note."""

    zh: str
    en: str
    variants: tuple[str, ...] = ()
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"zh": self.zh, "en": self.en}
        if self.variants:
            out["variants"] = list(self.variants)
        if self.note is not None:
            out["note"] = self.note
        return out


# --------------------------------------------------------------------------- from plain data


def value_from_data(raw: int | float | str) -> Value:
    """A fact's value as the file writes it: a number, or a fraction string "1/3"."""
    if isinstance(raw, str):
        top, _, bottom = raw.partition("/")
        from fractions import Fraction  # here: importing it costs every run otherwise

        if int(bottom) == 0:
            raise ValueError(f"{raw!r} is not a fraction")
        return Fraction(int(top), int(bottom))
    if type(raw) is not int and type(raw) is not float:
        raise ShapeError(f"a value of type {type(raw).__name__}")
    return raw


def value_to_data(value: Value) -> int | float | str:
    """A fact's value as the file (and JSON output) writes it: "1/3" for a fraction."""
    if isinstance(value, Rational) and not isinstance(value, int):
        return f"{value.numerator}/{value.denominator}"
    return value


class ShapeError(TypeError):
    """Data of a type the framework schema does not allow where a record is built from it.

    A checked document never holds any; a cache entry edited by hand can (see read.cache), and
    the builders below check the type of every field so that such an entry is refused as a
    whole (`CheckedDocument.damaged`) rather than printed or a traceback later.
    """


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ShapeError(f"a text of type {type(value).__name__}")
    return value


def _optional_text(value: Any) -> str | None:
    if value is not None and type(value) is not str:
        raise ShapeError(f"a text of type {type(value).__name__}")
    return value


def _pair(raw: Mapping[str, Any]) -> Bilingual:
    zh, en = raw["zh"], raw["en"]
    if type(zh) is not str or type(en) is not str:
        raise ShapeError("a bilingual text that is not two texts")
    return Bilingual(zh, en)


def _bilingual(raw: Mapping[str, Any] | None) -> Bilingual | None:
    return None if raw is None else _pair(raw)


def term_from_dict(raw: Mapping[str, Any]) -> Term:
    return Term(
        _text(raw["zh"]),
        _text(raw["en"]),
        tuple(_text(v) for v in raw.get("variants", ())),
        _optional_text(raw.get("note")),
    )


def fact_from_dict(raw: Mapping[str, Any]) -> Fact:
    """The fact of a checked document's fact mapping (ShapeError for a field of a wrong type)."""
    get = raw.get
    # Positional, in the order of Fact's fields: a large framework builds tens of thousands.
    return Fact(
        _text(raw["id"]),
        _pair(raw["statement"]),
        value_from_data(raw["value"]),
        _text(raw["unit"]),
        _optional_text(get("anchor")),
        _optional_text(get("source")),
        _optional_text(get("qualifier")),
        _bilingual(get("compared_with")),
        _optional_text(get("as_of")),
        _bilingual(get("display")),
        _optional_text(get("at")),
    )


def node_from_dict(raw: Mapping[str, Any]) -> Node:
    """The node (with its subtree) of a checked document's node mapping (ShapeError for a
    field of a wrong type)."""
    node = _node_alone(raw)
    node.children = tuple(node_from_dict(c) for c in raw.get("children", ()))  # type: ignore[misc]
    return node


#: The children's mappings of a node built lazily, and the document they come from.
_Unbuilt = tuple[Sequence[Mapping[str, Any]], "CheckedDocument"]


def _node_of(raw: Mapping[str, Any], document: CheckedDocument) -> Node:
    """The node of a document's node mapping, its children built when first asked for."""
    node = _node_alone(raw)
    children = raw.get("children")
    if children:
        del node.children
        node._unbuilt = (children, document)  # type: ignore[misc]
    return node


def _node_alone(raw: Mapping[str, Any]) -> Node:
    get = raw.get
    aliases = get("aliases")
    facts = get("facts")
    count = get("count")
    if count is not None and type(count) is not int:
        raise ShapeError(f"a count of type {type(count).__name__}")
    # Positional, in the order of Node's fields; most nodes have no aliases.
    return Node(
        _text(raw["id"]),
        _pair(raw["title"]),
        _pair(raw["description"]),
        tuple([_text(alias) for alias in aliases]) if aliases else (),
        _bilingual(get("role")),
        _bilingual(get("action")),
        _bilingual(get("target")),
        tuple([fact_from_dict(f) for f in facts]) if facts else (),
        count=count,
        at=_optional_text(get("at")),
    )


def source_from_dict(raw: Mapping[str, Any]) -> Source:
    year = raw.get("year")
    if year is not None and type(year) is not int:
        raise ShapeError(f"a year of type {type(year).__name__}")
    return Source(
        id=_text(raw["id"]),
        title=_pair(raw["title"]),
        year=year,
        subtitle=_bilingual(raw.get("subtitle")),
        outlet=_bilingual(raw.get("outlet")),
        interviewer=_bilingual(raw.get("interviewer")),
        interviewee=_bilingual(raw.get("interviewee")),
        interviewee_role=_bilingual(raw.get("interviewee_role")),
        file=_optional_text(raw.get("file")),
        sha256=_optional_text(raw.get("sha256")),
    )


def _steps_to(top: Mapping[str, Any], node_id: str) -> list[int] | None:
    """The child positions leading from a top-level node's mapping to the first node with
    this ID, depth first in document order (as `walk_paths`); None if there is none."""
    stack: list[tuple[Mapping[str, Any], list[int]]] = [(top, [])]
    while stack:
        raw, steps = stack.pop()
        if raw.get("id") == node_id:
            return steps
        children = raw.get("children") or ()
        stack.extend((children[i], [*steps, i]) for i in reversed(range(len(children))))
    return None


# --------------------------------------------------------------------------- the framework


@contextmanager
def _built_from(document: CheckedDocument) -> Iterator[None]:
    """Records built from a cache entry that does not hold a framework (only an edit of the
    entry by its owner can make one) are one line of error that removes the entry."""
    try:
        yield
    except (KeyError, TypeError, AttributeError, ValueError, RecursionError):
        # A fresh document has passed the schema, so this is a bug: let it surface.
        if not document.from_cache:
            raise
        raise document.damaged() from None


class Framework:
    """A whole numbered framework: its top-level nodes, sources and the indexes over them.

    Built in full from nodes, or from a checked document (`from_document`), in which case each
    top-level node is built the first time something needs it, and each node's children the
    first time they are asked for; both answer alike, and two frameworks are equal when their
    content is.
    """

    __slots__ = (
        "schema_version",
        "id",
        "title",
        "description",
        "sources",
        "glossary",
        "draft",
        "_tops",
        "_document",
        "_owners",
        "_parents",
        "_by_id",
    )

    def __init__(
        self,
        schema_version: int,
        id: str,
        title: Bilingual,
        description: Bilingual,
        sources: tuple[Source, ...],
        nodes: Sequence[Node] = (),
        glossary: tuple[Term, ...] = (),
        draft: bool = False,
    ) -> None:
        self.schema_version = schema_version
        self.id = id
        self.title = title
        self.description = description
        self.sources = sources
        self.glossary = glossary
        #: Whether the file is a draft a person has not finished (`hxq draft` writes one).
        self.draft = draft
        self._tops: list[Node | None] = list(nodes)
        self._document: CheckedDocument | None = None
        self._owners: Mapping[str, int] | None = None
        self._parents: dict[str, str | None] = {}
        self._by_id: dict[str, Node] = {}

    @classmethod
    def from_document(cls, document: CheckedDocument) -> Framework:
        """The framework of a checked document, built lazily."""
        head = document.head
        with _built_from(document):
            framework = cls(
                schema_version=head["schema_version"],
                id=_text(head["id"]),
                title=_pair(head["title"]),
                description=_pair(head["description"]),
                sources=tuple(source_from_dict(s) for s in head["sources"]),
                glossary=tuple(term_from_dict(t) for t in head.get("glossary", ())),
                draft=head.get("draft") is True,
            )
        framework._tops = [None] * len(document)
        framework._document = document
        # With a duplicated ID, finding its first occurrence needs the whole tree.
        framework._owners = document.owners if document.unique else None
        return framework

    @classmethod
    def load(cls, path: str | None = None) -> Framework:
        """The framework of the file at `path` ("-" for stdin, None for the shipped one), read
        and checked by `hxq_cli.read.load` (from the cache when it holds the file)."""
        from hxq_cli.read import load

        return cls.from_document(load(path))

    def _top(self, index: int) -> Node:
        node = self._tops[index]
        if node is None:
            document = self._document
            assert document is not None
            with _built_from(document):
                node = self._tops[index] = _node_of(document.node(index), document)
        return node

    @property
    def nodes(self) -> tuple[Node, ...]:
        """The top-level nodes (building every one not built yet)."""
        return tuple(self._top(i) for i in range(len(self._tops)))

    def tops_that_may_contain(self, pattern: re.Pattern[str]) -> Iterator[Node]:
        """The top-level nodes whose text may match `pattern`: a subtree not built yet whose
        stored text does not match is skipped unbuilt (see `CheckedDocument.may_contain`)."""
        for index in range(len(self._tops)):
            document = self._document
            unbuilt = self._tops[index] is None
            if unbuilt and document is not None and not document.may_contain(index, pattern):
                continue
            yield self._top(index)

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, in document order."""
        for index in range(len(self._tops)):
            yield from self._top(index).walk()

    def facts(self) -> Iterator[tuple[Node, Fact]]:
        """Every fact with the node that holds it, in document order."""
        for node in self.walk():
            for fact in node.facts:
                yield node, fact

    def _index(self) -> None:
        by_id: dict[str, Node] = {}
        parents: dict[str, str | None] = {}
        for path in walk_paths(self.nodes):
            node = path[-1]
            # The first occurrence wins; `hxq validate` reports duplicates.
            if node.id not in by_id:
                by_id[node.id] = node
                parents[node.id] = path[-2].id if len(path) > 1 else None
        self._by_id = by_id
        self._parents = parents

    @property
    def by_id(self) -> dict[str, Node]:
        """Nodes keyed by ID (the first occurrence of each; built on first use)."""
        if not self._by_id:
            self._index()
        return self._by_id

    def parent_of(self, node_id: str) -> str | None:
        """The ID of the node's parent; None for a top-level node. KeyError for no such node."""
        if not self._by_id:
            self._index()
        return self._parents[node_id]

    def locate(self, node_id: str) -> Located:
        """The node with this exact ID and its ancestors; KeyError if there is none."""
        if self._owners is not None and not self._by_id:
            # Found in the mappings of the top-level subtree that holds it: only the nodes on its
            # path (and their siblings) are built.
            index = self._owners[node_id]
            document = self._document
            assert document is not None
            # The mappings below a top-level node are unchecked in a cache entry.
            with _built_from(document):
                steps = _steps_to(document.node(index), node_id)
            if steps is None:
                raise KeyError(node_id)
            path = [self._top(index)]
            for step in steps:
                path.append(path[-1].children[step])
            return Located(tuple(path))
        by_id = self.by_id
        found = [by_id[node_id]]
        parent = self._parents[node_id]
        while parent is not None:
            found.append(by_id[parent])
            parent = self._parents[parent]
        return Located(tuple(reversed(found)))

    def to_dict(self) -> dict[str, Any]:
        """The framework document, in the shape of the framework file."""
        out: dict[str, Any] = {
            "schema_version": self.schema_version,
            "id": self.id,
            "title": self.title.to_dict(),
            "description": self.description.to_dict(),
        }
        if self.draft:
            out["draft"] = True
        out["sources"] = [source.to_dict() for source in self.sources]
        if self.glossary:
            out["glossary"] = [term.to_dict() for term in self.glossary]
        out["nodes"] = [node.to_dict() for node in self.nodes]
        return out

    def _content(self) -> tuple[object, ...]:
        return (
            self.schema_version,
            self.id,
            self.title,
            self.description,
            self.sources,
            self.glossary,
            self.draft,
            self.nodes,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return self._content() == other._content()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Framework(id={self.id!r}, nodes={len(self._tops)})"
