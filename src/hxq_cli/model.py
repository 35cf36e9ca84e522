"""The framework as immutable data: nodes, facts, sources, terms, and the one walk over nodes.

Each field is declared once, here: reading a record from a mapping and writing it back
(`from_dict`, `to_dict`) follow the record's dataclass fields, in their order, and so do the
columns of the tabular exports (`formats.columns`). A node's children may be built the first
time they are asked for (`Node.children`), and a framework's top-level nodes the first time
each is needed (`TopNodes`): `hxq_cli.read` builds frameworks that way. No I/O, no terminal.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from numbers import Rational
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeAlias, TypeVar

if TYPE_CHECKING:
    import re
    from fractions import Fraction

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
NodePath = tuple["Node", ...]

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
elif sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # Python 3.10: the decorator only informs type checkers

    def dataclass_transform(**_: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return lambda decorated: decorated


_T = TypeVar("_T")
_R = TypeVar("_R", bound="Record")


def converted(read: Callable[[Any], Any], write: Callable[[Any], Any]) -> Any:
    """A field read from plain data by `read` and written back by `write`, where its type
    alone does not say how (a fact's value: a number, or a fraction written "1/3")."""
    return field(metadata={"read": read, "write": write})


@dataclass_transform(frozen_default=True, field_specifiers=(field, converted))
def record(cls: type[_T]) -> type[_T]:
    """A dataclass of the model: frozen to the type checker, which refuses any assignment to a
    field (mypy --strict runs in CI), and hashable by its fields.

    Not `frozen=True` at run time: a frozen dataclass's `__init__` sets each field through
    `object.__setattr__`, which made building a large framework's records about twice as slow
    (BENCHMARKS.md), and the model is built record by record from every file hxq reads.
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)


class ShapeError(TypeError):
    """Data of a type the framework schema does not allow where a record is built from it.

    A checked document never holds any; a cache entry edited by hand can, and the records
    check the type of every field they read so that `hxq_cli.read` can refuse such an entry as a
    whole rather than print it or fail later with a traceback.
    """


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

    # Written out rather than derived from the fields like the records below: the pair is the
    # model's atom, read and written several times for every node and fact.
    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Bilingual:
        zh, en = raw["zh"], raw["en"]
        if type(zh) is not str or type(en) is not str:
            raise ShapeError("a bilingual text that is not two texts")
        return cls(zh, en)


class Record:
    """A record of the framework read from, and written to, a mapping by its dataclass fields.

    A field is written under its own name, in the order the fields are declared, and left out
    when it holds its default (None, or an empty tuple). How a value is read and written
    follows from the field's type (`_CONVERSIONS`), or from its metadata (`converted`).
    """

    __slots__ = ()

    def to_dict(self, *, without: str = "") -> dict[str, Any]:
        """The record as plain data (as the framework file and the JSON output write it); the
        field named `without` left out (a node's children, written one by one)."""
        out: dict[str, Any] = {}
        for one in _FIELDS.get(type(self)) or _fields_of(type(self)):
            if one.name == without:
                continue
            value = getattr(self, one.name)
            if one.required or value != one.default:
                out[one.name] = one.write(value)
        return out

    @classmethod
    def from_dict(cls: type[_R], raw: Mapping[str, Any], *, without: str = "") -> _R:
        """The record of a mapping of a checked document; ShapeError for a field of a wrong
        type, KeyError for a missing one. The field named `without` is left at its default."""
        read = _READERS.get((cls, without)) or _compiled_reader(cls, without)
        made: _R = read(raw)
        return made


@record
class Fact(Record):
    """One figure from a source, with the short span of source text that carries it."""

    id: str
    statement: Bilingual
    value: Value = converted(value_from_data, value_to_data)
    unit: str
    qualifier: str | None = None
    #: The figure as a reader says it, where the source uses an idiom (翻倍: doubled).
    display: Bilingual | None = None
    compared_with: Bilingual | None = None
    as_of: str | None = None
    anchor: str | None = None
    source: str | None = None
    #: Where the figure stands in its source: LINE:COLUMN (a draft records it).
    at: str | None = None


@record
class Node(Record):
    """One element of the framework (a card, a goal, a bottom line …) and its subtree.

    The optional texts are keyword-only, so that the fields stand in the order the framework
    file writes them while a node is made as `Node(id, title, description, …)`.
    """

    id: str
    aliases: tuple[str, ...] = field(default=(), kw_only=True)
    title: Bilingual
    #: The number of parts the title states, where its words do not say it readably (三北).
    count: int | None = field(default=None, kw_only=True)
    role: Bilingual | None = field(default=None, kw_only=True)
    action: Bilingual | None = field(default=None, kw_only=True)
    target: Bilingual | None = field(default=None, kw_only=True)
    description: Bilingual
    #: Where the node stands in its source: LINE:COLUMN (a draft records it).
    at: str | None = field(default=None, kw_only=True)
    facts: tuple[Fact, ...] = ()
    #: Read through the property `Node.children` (below), which builds the children of a node
    #: made with `children_later` the first time they are asked for.
    children: tuple[Node, ...] = ()

    def walk(self) -> Iterator[Node]:
        """This node and every descendant, depth first, in document order."""
        for path in walk_paths((self,)):
            yield path[-1]


class Later(Generic[_T]):
    """A value built the first time it is asked for: once, by one thread, while any other
    thread that asks meanwhile waits for it.

    `hxq browse` walks the tree for its index in a thread while its view expands nodes, and
    knows a node by its id(): both must be given the same child objects. Building never asks
    for the value it is building (a node's children are built from its mappings alone), so the
    lock need not be re-entrant.
    """

    __slots__ = ("_build", "_value", "_lock")

    def __init__(self, build: Callable[[], _T]) -> None:
        self._build: Callable[[], _T] | None = build
        self._lock = threading.Lock()

    def get(self) -> _T:
        with self._lock:
            build = self._build
            if build is not None:
                self._value = build()
                self._build = None  # only once built: a build that raised is tried again
        return self._value


#: The slot that `@dataclass(slots=True)` made for `Node.children`: it holds the children, or
#: the `Later` that builds them.
_CHILDREN_SLOT: Any = Node.__dict__["children"]


def _children(node: Node) -> tuple[Node, ...]:
    stored = _CHILDREN_SLOT.__get__(node, Node)
    if type(stored) is tuple:
        return stored
    built: tuple[Node, ...] = stored.get()
    _CHILDREN_SLOT.__set__(node, built)
    return built


# The children of a node, built on first use for a node made by `children_later`. Copying,
# pickling, comparing and hashing a node read its fields by name, and so build them too.
setattr(  # noqa: B010 - an assignment to Node.children the type checker would refuse
    Node, "children", property(_children, _CHILDREN_SLOT.__set__, doc="The node's children.")
)


def children_later(node: Node, build: Callable[[], tuple[Node, ...]]) -> Node:
    """`node`, its children to be built by `build` the first time they are asked for."""
    _CHILDREN_SLOT.__set__(node, Later(build))
    return node


def walk_paths(nodes: Iterable[Node], above: NodePath = ()) -> Iterator[NodePath]:
    """The path (root first) to every node under `nodes`, depth first, in document order;
    `above` is the path to their parent. The one walk over nodes: every other builds on it."""
    stack: list[NodePath] = [(*above, node) for node in reversed(tuple(nodes))]
    while stack:
        path = stack.pop()
        yield path
        stack.extend((*path, child) for child in reversed(path[-1].children))


@record
class Source(Record):
    """A document the framework's facts are taken from."""

    id: str
    title: Bilingual
    subtitle: Bilingual | None = None
    outlet: Bilingual | None = None
    interviewer: Bilingual | None = None
    interviewee: Bilingual | None = None
    interviewee_role: Bilingual | None = None
    year: int | None = None
    file: str | None = None
    sha256: str | None = None


@record
class Located:
    """A node together with its ancestors, root first (the node itself last)."""

    path: NodePath

    @property
    def node(self) -> Node:
        return self.path[-1]


@record
class Term(Record):
    """A key term of the framework's glossary: Chinese, standard English, a note."""

    zh: str
    en: str
    variants: tuple[str, ...] = ()
    note: str | None = None


# --------------------------------------------------------------------------- plain data


def text_from_data(value: Any) -> str:
    """A text of plain data (ShapeError for anything else)."""
    if type(value) is not str:
        raise ShapeError(f"a text of type {type(value).__name__}")
    return value


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise ShapeError(f"an integer of type {type(value).__name__}")
    return value


def _texts(value: Any) -> tuple[str, ...]:
    return tuple([text_from_data(item) for item in value])


def _records(cls: type[Record]) -> Callable[[Any], tuple[Any, ...]]:
    def records(items: Any) -> tuple[Any, ...]:
        read = _READERS.get((cls, "")) or _compiled_reader(cls, "")
        return tuple([read(item) for item in items])

    return records


def _writer(items: tuple[Record, ...]) -> list[dict[str, Any]]:
    return [item.to_dict() for item in items]


def _same(value: _T) -> _T:
    return value


#: How a field is read from plain data and written back, by its type as declared (an optional
#: field's None is its default, never read or written).
_CONVERSIONS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "str": (text_from_data, _same),
    "str | None": (text_from_data, _same),
    "int | None": (_integer, _same),
    "Bilingual": (Bilingual.from_dict, Bilingual.to_dict),
    "Bilingual | None": (Bilingual.from_dict, Bilingual.to_dict),
    "tuple[str, ...]": (_texts, list),
    "tuple[Fact, ...]": (_records(Fact), _writer),
    "tuple[Node, ...]": (_records(Node), _writer),
}


@dataclass(frozen=True, slots=True)
class _Field:
    """How one field of a record is read from a mapping and written to one."""

    name: str
    required: bool
    default: Any
    #: Passed to the record by keyword (a keyword-only field), not by position.
    keyword: bool
    read: Callable[[Any], Any]
    write: Callable[[Any], Any]


_FIELDS: dict[type[Record], tuple[_Field, ...]] = {}


def _fields_of(cls: type[Record]) -> tuple[_Field, ...]:
    """How each field of the record class is read and written, in the order declared."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = _declared_fields(cls)
    return found


_READERS: dict[tuple[type[Record], str], Callable[[Mapping[str, Any]], Any]] = {}


def _compiled_reader(cls: type[Record], without: str) -> Callable[[Mapping[str, Any]], Any]:
    """The function that makes a record of `cls` from a mapping, the field `without` left at
    its default: each field read as `_fields_of` says, in one call of the record's class.

    Written out for the class's fields and compiled once, as `dataclasses` writes `__init__`: a
    large framework builds tens of thousands of records, and a loop over the fields for each
    made building a subtree half as slow again. The source holds only the names of the fields
    (identifiers the class declares), never data.
    """
    names: dict[str, Any] = {"cls": cls}
    arguments = []
    by_keyword = False
    for number, one in enumerate(_fields_of(cls)):
        if one.name == without:
            by_keyword = True  # the fields after it, by keyword
            continue
        names[f"read{number}"], names[f"default{number}"] = one.read, one.default
        key = repr(one.name)
        if one.required:
            value = f"read{number}(raw[{key}])"
        else:
            value = f"default{number} if (value := get({key})) is None else read{number}(value)"
        by_keyword = by_keyword or one.keyword
        arguments.append(f"{one.name}={value}" if by_keyword else value)
    source = "def read(raw):\n    get = raw.get\n    return cls(\n        "
    source += ",\n        ".join(arguments) + ",\n    )\n"
    exec(source, names)
    found: Callable[[Mapping[str, Any]], Any] = names["read"]
    _READERS[(cls, without)] = found
    return found


def _declared_fields(cls: type[Record]) -> tuple[_Field, ...]:
    out = []
    for one in fields(cls):  # type: ignore[arg-type]
        declared = str(one.type)
        if "read" in one.metadata:
            read, write = one.metadata["read"], one.metadata["write"]
        elif declared in _CONVERSIONS:
            read, write = _CONVERSIONS[declared]
        else:
            raise TypeError(
                f"{cls.__name__}.{one.name}: no conversion for {declared!r}; "
                "add one to model._CONVERSIONS or give the field `converted(read, write)`"
            )
        required = one.default is MISSING
        default = None if required else one.default
        out.append(_Field(one.name, required, default, one.kw_only is True, read, write))
    return tuple(out)


# --------------------------------------------------------------------------- the framework


class TopNodes(Protocol):
    """The top-level nodes of a framework, built the first time each is needed
    (`hxq_cli.read` builds a framework's from its checked document)."""

    def __len__(self) -> int: ...

    def build(self, index: int, *, keep: bool = True) -> Node:
        """The top-level node at `index`; without `keep`, for one pass over it, its source
        (the parsed mapping) not kept for later builds."""
        ...

    def may_contain(self, index: int, pattern: re.Pattern[str]) -> bool:
        """False only when the node at `index` is not built yet and `pattern` finds nothing in
        any of its subtree's texts."""
        ...

    def steps_to(self, node_id: str) -> tuple[int, list[int]] | None:
        """Where the first node with this ID is: the position of the top-level node that holds
        it, and the child positions that lead from there to it. None when that cannot be told
        without building every node (an ID occurs twice); KeyError when there is no such node."""
        ...


class Framework:
    """A whole numbered framework: its top-level nodes, sources and the indexes over them.

    Built in full from nodes, or from `TopNodes` that build each top-level node the first time
    something needs it; both answer alike, and two frameworks are equal when their content is.
    """

    __slots__ = (
        "schema_version",
        "id",
        "title",
        "description",
        "sources",
        "glossary",
        "draft",
        "subtree",
        "_tops",
        "_later",
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
        nodes: Sequence[Node] | TopNodes = (),
        glossary: tuple[Term, ...] = (),
        draft: bool = False,
        subtree: str | None = None,
    ) -> None:
        self.schema_version = schema_version
        self.id = id
        self.title = title
        self.description = description
        self.sources = sources
        self.glossary = glossary
        #: Whether the file is a draft a person has not finished (`hxq draft` writes one).
        self.draft = draft
        #: The ID of the one part of a larger framework this framework holds (its one
        #: top-level node, IDs as in the whole); None for a whole framework.
        self.subtree = subtree
        self._later: TopNodes | None
        if isinstance(nodes, Sequence):
            self._tops: list[Node | None] = list(nodes)
            self._later = None
        else:
            self._tops = [None] * len(nodes)
            self._later = nodes
        self._parents: dict[str, str | None] = {}
        self._by_id: dict[str, Node] = {}

    def _top(self, index: int) -> Node:
        node = self._tops[index]
        if node is None:
            assert self._later is not None
            node = self._tops[index] = self._later.build(index)
        return node

    @property
    def nodes(self) -> tuple[Node, ...]:
        """The top-level nodes (building every one not built yet)."""
        return tuple(self._top(i) for i in range(len(self._tops)))

    def passing_tops(self) -> Iterator[Node]:
        """The top-level nodes, for one pass over the whole framework: a node not built yet is
        built for the pass and let go after it, so that a pass over a large framework (an
        export, `facts --json`) holds one top-level subtree at a time, not all of them."""
        for index in range(len(self._tops)):
            node = self._tops[index]
            if node is None:
                assert self._later is not None
                node = self._later.build(index, keep=False)
            yield node

    def tops_that_may_contain(self, pattern: re.Pattern[str]) -> Iterator[Node]:
        """The top-level nodes whose text may match `pattern`: one not built yet whose texts
        `pattern` does not match is skipped unbuilt (see `TopNodes.may_contain`)."""
        for index in range(len(self._tops)):
            later = self._later
            unbuilt = self._tops[index] is None
            if unbuilt and later is not None and not later.may_contain(index, pattern):
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

    def locate(self, node_id: str) -> Located:
        """The node with this exact ID and its ancestors; KeyError if there is none."""
        if self._later is not None and not self._by_id:
            # Only the nodes on its path (and their siblings) are built.
            found = self._later.steps_to(node_id)
            if found is not None:
                index, steps = found
                path = [self._top(index)]
                for step in steps:
                    path.append(path[-1].children[step])
                return Located(tuple(path))
        by_id = self.by_id
        found_node = [by_id[node_id]]
        parent = self._parents[node_id]
        while parent is not None:
            found_node.append(by_id[parent])
            parent = self._parents[parent]
        return Located(tuple(reversed(found_node)))

    def to_dict(self) -> dict[str, Any]:
        """The framework document, in the shape of the framework file."""
        out = self.head_dict()
        out["nodes"] = [node.to_dict() for node in self.nodes]
        return out

    def head_dict(self) -> dict[str, Any]:
        """The framework document's own keys, in their order, without its nodes (a writer that
        makes the nodes one at a time adds them last)."""
        out: dict[str, Any] = {
            "schema_version": self.schema_version,
            "id": self.id,
        }
        if self.subtree is not None:
            out["subtree"] = self.subtree
        out |= {
            "title": self.title.to_dict(),
            "description": self.description.to_dict(),
        }
        if self.draft:
            out["draft"] = True
        out["sources"] = [source.to_dict() for source in self.sources]
        if self.glossary:
            out["glossary"] = [term.to_dict() for term in self.glossary]
        return out

    def _content(self) -> tuple[object, ...]:
        return (
            self.schema_version,
            self.id,
            self.subtree,
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
