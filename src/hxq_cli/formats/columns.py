"""The columns of hxq's tables, declared once: the facts sheet (CSV, and the Data Package's
facts.csv) and the tables of the database (SQLite, the workbook's sheets, the Data Package's
nodes.csv), with the glossary's columns for `hxq terms --csv`.

A column is a name, what it holds, its type, and how its value comes from the row's record.
Most columns show one field of a record; a field of a record that no column of its table
shows gets a column of its own at the end of the table (two for a bilingual text), described
by the framework schema's description of the field: adding a field to the model adds it to
every table without an edit here. Columns are only ever added, at the end.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from hxq_cli.model import (
    Bilingual,
    Fact,
    Framework,
    Node,
    NodePath,
    Record,
    Source,
    Term,
    walk_paths,
)
from hxq_cli.queries.facts import FactRow, fact_rows
from hxq_cli.zh.display import QUALIFIER_LABELS, chinese, english

_Item = TypeVar("_Item")

#: How a column's values are typed: "text"; "integer"; "number", a figure kept as written
#: (SQLite NUMERIC: 179 stays an integer); "real", a figure computed as a float (SQLite REAL).
Kind = Literal["text", "integer", "number", "real"]

SQL_TYPES: dict[Kind, str] = {
    "text": "TEXT",
    "integer": "INTEGER",
    "number": "NUMERIC",
    "real": "REAL",
}

LANGUAGES = (("zh", "Chinese"), ("en", "English"))


@dataclass(frozen=True, slots=True)
class Row(Generic[_Item]):
    """What a row of a table shows: an item (a fact with its node, a node with its path …),
    the record of the model it is about, and its place in the table (1 is first)."""

    item: _Item
    record: Any
    position: int


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its name, what it holds, its type, and its value in a row."""

    name: str
    description: str
    kind: Kind
    #: The value in a row; None when the row has none.
    value: Callable[[Row[Any]], Any]
    #: Every row has a value (SQL NOT NULL; a Table Schema `required` constraint).
    required: bool = False
    primary_key: bool = False
    #: The SQL column this one refers to, e.g. "nodes(id)".
    references: str | None = None
    #: The only values it may hold (a Table Schema `enum` constraint).
    choices: tuple[str, ...] | None = None
    #: The field of the record it shows (None for one computed from the row).
    field: str | None = None

    def sql(self) -> str:
        """The column's definition in SQL: type, then constraints."""
        out = SQL_TYPES[self.kind]
        if self.primary_key:
            out += " PRIMARY KEY"
        elif self.required:
            out += " NOT NULL"
        if self.references:
            out += f" REFERENCES {self.references}"
        return out


@dataclass(frozen=True, slots=True)
class Table(Generic[_Item]):
    """A table: its name, its columns, and the items its rows show, in the framework's order."""

    name: str
    columns: tuple[Column, ...]
    #: The items of a framework's rows, and the record of the model each row is about.
    items: Callable[[Framework], Iterable[_Item]]
    record_of: Callable[[_Item], Any]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def rows(self, items: Iterable[_Item]) -> Iterator[list[Any]]:
        """One list of values per item, in the order of the columns (None where empty)."""
        values = [column.value for column in self.columns]
        record_of = self.record_of
        for position, item in enumerate(items, start=1):
            row = Row(item, record_of(item), position)
            yield [value(row) for value in values]

    def framework_rows(self, framework: Framework) -> Iterator[list[Any]]:
        """The rows of every item of the framework."""
        return self.rows(self.items(framework))


def converted(
    table: Table[Any], rows: Iterable[list[Any]], convert: Mapping[Kind, Callable[[Any], Any]]
) -> Iterator[list[Any]]:
    """The rows with each value converted as its column's kind says (a format's cells)."""
    converters = [convert[column.kind] for column in table.columns]
    for row in rows:
        yield [to(value) for to, value in zip(converters, row, strict=True)]


# --------------------------------------------------------------------------- building columns


def computed(
    name: str, description: str, kind: Kind, value: Callable[[Any], Any], **more: Any
) -> Column:
    """A column whose value is computed from the row's item."""
    return Column(name, description, kind, lambda row: value(row.item), **more)


def position(what: str) -> Column:
    """The column of the row's place in the table."""
    return Column("position", f"Place of the {what}.", "integer", _place, required=True)


def _place(row: Row[Any]) -> int:
    return row.position


#: How each declared type of a field is shown in one column: its kind; None for a type that is
#: a table of its own (a node's facts and children). A bilingual text takes two columns.
_KINDS: dict[str, Kind | None] = {
    "str": "text",
    "str | None": "text",
    "int | None": "integer",
    "Value": "number",
    "tuple[str, ...]": "text",
    "Bilingual": "text",
    "Bilingual | None": "text",
    "tuple[Fact, ...]": None,
    "tuple[Node, ...]": None,
}


def own(
    record: type[Record],
    name: str,
    description: str,
    *,
    rename: str | None = None,
    joined: str = "; ",
    **more: Any,
) -> list[Column]:
    """The column of field `name` of the record, named `rename` if given, required when the
    field has no default: two columns (NAME_zh, NAME_en) for a bilingual text, whose
    description says where the language goes ("Title in {language}."), and a tuple of texts
    `joined` in one."""
    declared = _field(record, name)
    declared_type = str(declared.type)
    kind = _KINDS[declared_type]
    if kind is None:
        raise TypeError(f"{record.__name__}.{name} is a table of its own, not a column")
    column_name = rename or name
    more.setdefault("required", declared.default is dataclasses.MISSING)
    if declared_type.startswith("Bilingual"):
        return [
            Column(
                f"{column_name}_{code}",
                description.format(language=language),
                kind,
                _language_value(name, code),
                field=name,
                **more,
            )
            for code, language in LANGUAGES
        ]
    value = _joined_value(name, joined) if declared_type.startswith("tuple") else _value(name)
    return [Column(column_name, description, kind, value, field=name, **more)]


def _value(name: str) -> Callable[[Row[Any]], Any]:
    return lambda row: getattr(row.record, name)


def _language_value(name: str, code: str) -> Callable[[Row[Any]], str | None]:
    def language_value(row: Row[Any]) -> str | None:
        text: Bilingual | None = getattr(row.record, name)
        return None if text is None else getattr(text, code)

    return language_value


def _joined_value(name: str, separator: str) -> Callable[[Row[Any]], str | None]:
    return lambda row: separator.join(getattr(row.record, name)) or None


def _field(record: type[Record], name: str) -> dataclasses.Field[Any]:
    return next(one for one in dataclasses.fields(record) if one.name == name)  # type: ignore[arg-type]


def table(
    name: str,
    record: type[Record],
    items: Callable[[Framework], Iterable[_Item]],
    record_of: Callable[[_Item], Any],
    columns: Iterable[Column | list[Column]],
) -> Table[_Item]:
    """A table of these columns, then a column for each field of the record that none of them
    shows (one that is a table of its own excepted), described as the framework schema
    describes the field."""
    listed: list[Column] = []
    for one in columns:
        listed.extend(one if isinstance(one, list) else [one])
    shown = {column.field for column in listed}
    for declared in dataclasses.fields(record):  # type: ignore[arg-type]
        if declared.name in shown or _KINDS[str(declared.type)] is None:
            continue
        described = _schema_description(record, declared.name)
        if str(declared.type).startswith("Bilingual"):
            described = described.rstrip(".") + ", in {language}."
        listed.extend(own(record, declared.name, described))
    return Table(name, tuple(listed), items, record_of)


def _schema_description(record: type[Record], name: str) -> str:
    from hxq_cli.read import framework_schema

    properties = framework_schema()["definitions"][record.__name__.lower()]["properties"]
    described: str = properties[name]["description"]
    return described


# --------------------------------------------------------------------------- the tables


def _fact(row: FactRow) -> Fact:
    return row.fact


def _nodes(framework: Framework) -> Iterator[NodePath]:
    return walk_paths(framework.nodes)


def _node(path: NodePath) -> Node:
    return path[-1]


def _sources(framework: Framework) -> tuple[Source, ...]:
    return framework.sources


def _terms(framework: Framework) -> tuple[Term, ...]:
    return framework.glossary


def _itself(item: _Item) -> _Item:
    return item


NODE_ID = computed(
    "node_id",
    "ID of the node (part of the framework) the fact belongs to, e.g. 4.2.",
    "text",
    lambda row: row.node.id,
    required=True,
    references="nodes(id)",
)
FACT_IDENTIFIED = "ID of the fact: the node's ID, a dot and a word."
FACT_ID = own(Fact, "id", FACT_IDENTIFIED, primary_key=True)
STATEMENT = own(Fact, "statement", "What the figure measures, in {language}.")
QUALIFIER = own(
    Fact,
    "qualifier",
    "How the source hedges the figure: nearly, about, more_than, passed, at_least, at_most "
    "or as_little_as; empty when it is given exactly.",
    choices=tuple(QUALIFIER_LABELS),
)
VALUE = own(Fact, "value", "The figure, in the unit of the unit column.")
UNIT = own(Fact, "unit", "Unit of the value as the source writes it (亿元, %, 个 …).")
NORMALIZED = [
    computed(
        "normalized_value",
        "The figure in a base unit (亿元 → CNY, % → fraction, 万平方米 → m2 …); empty if unknown.",
        "real",
        lambda row: None if row.normalized is None else row.normalized.value,
    ),
    computed(
        "normalized_unit",
        "The base unit: CNY, m2, fraction, ratio, count, minutes, years or rank.",
        "text",
        lambda row: None if row.normalized is None else row.normalized.unit,
    ),
]
COMPARED_WITH = own(
    Fact, "compared_with", "For a ratio or share: what it is relative to, in {language}."
)
AS_OF = own(
    Fact, "as_of", "When the figure holds: a date (YYYY-MM-DD) or a year, as the source gives it."
)
SOURCE_CITED = "ID of the source document the figure is taken from."
ANCHOR = own(Fact, "anchor", "The few characters of the source text that carry the figure.")


def _of_fact(said: Callable[[Fact], str]) -> Callable[[FactRow], str]:
    return lambda row: said(row.fact)


#: The figure as a reader says it: the fact's `display` where it has one, else worded by hxq.
DISPLAY = [
    computed(
        f"display_{code}",
        described,
        "text",
        _of_fact(said),
        required=True,
        field="display",
    )
    for code, described, said in (
        ("zh", "The figure as Chinese writes it (近亿元, 1/3, 突破98%).", chinese),
        ("en", "The figure as English writes it (nearly CNY 100 million, one third).", english),
    )
]

#: The facts, one per row, each with its node's title: `hxq facts --csv`, `hxq export --format
#: csv` and the Data Package's facts.csv.
FACT_SHEET = table(
    "facts",
    Fact,
    fact_rows,
    _fact,
    [
        NODE_ID,
        computed(
            "node_title_zh",
            "Title of that node in Chinese.",
            "text",
            lambda row: row.node.title.zh,
            required=True,
        ),
        computed(
            "node_title_en",
            "Title of that node in English.",
            "text",
            lambda row: row.node.title.en,
            required=True,
        ),
        own(Fact, "id", FACT_IDENTIFIED, primary_key=True, rename="fact_id"),
        STATEMENT,
        QUALIFIER,
        VALUE,
        UNIT,
        NORMALIZED,
        COMPARED_WITH,
        AS_OF,
        own(Fact, "source", SOURCE_CITED),
        ANCHOR,
        DISPLAY,
    ],
)

#: The nodes, in the framework's order, each with its parent: the database's and the Data
#: Package's.
NODES = table(
    "nodes",
    Node,
    _nodes,
    _node,
    [
        own(
            Node,
            "id",
            "ID of the node: a dotted path such as 4.2 (card 2 of part 4).",
            primary_key=True,
        ),
        computed(
            "parent_id",
            "ID of the node it belongs to; empty for a top-level node.",
            "text",
            lambda path: path[-2].id if len(path) > 1 else None,
            references="nodes(id)",
        ),
        position("node in the framework's order (1 is first)"),
        computed(
            "depth",
            "How deep the node sits: 1 for a top-level node.",
            "integer",
            len,
            required=True,
        ),
        own(Node, "title", "Title in {language}."),
        own(
            Node,
            "aliases",
            "Other names the node can be looked up by, separated by spaces.",
            joined=" ",
        ),
        own(Node, "role", "The node's role in the framework, in {language}."),
        own(Node, "action", "What is to be done, in {language}."),
        own(Node, "target", "What is aimed at, in {language}."),
        own(Node, "description", "Description in {language}."),
    ],
)

_TERM_ZH = own(Term, "zh", "The key term as the source writes it.", primary_key=True)
_TERM_REST = [
    own(Term, "en", "Its standard English rendering."),
    own(
        Term, "variants", "Other English forms that count as the same rendering, separated by '; '."
    ),
    own(Term, "note", "What the term means, or why this rendering."),
]

#: The glossary as `hxq terms --csv` writes it.
TERM_SHEET = table("glossary", Term, _terms, _itself, [_TERM_ZH, *_TERM_REST])

#: The tables of the database (SQLite, the workbook's sheets), in the order they are written.
DATABASE: tuple[Table[Any], ...] = (
    table(
        "sources",
        Source,
        _sources,
        _itself,
        [
            own(Source, "id", "ID of the source document.", primary_key=True),
            position("source in the framework's list"),
            own(Source, "title", "Title in {language}."),
            own(Source, "subtitle", "Subtitle in {language}."),
            own(Source, "outlet", "Where it was published, in {language}."),
            own(Source, "interviewer", "Interviewer, in {language}."),
            own(Source, "interviewee", "Interviewee, in {language}."),
            own(Source, "interviewee_role", "The interviewee's role, in {language}."),
            own(Source, "year", "Year of publication."),
            own(Source, "file", "File name of the source text."),
            own(Source, "sha256", "SHA-256 of the source text file."),
        ],
    ),
    NODES,
    table(
        "facts",
        Fact,
        fact_rows,
        _fact,
        [
            FACT_ID,
            NODE_ID,
            position("fact in the framework's order"),
            STATEMENT,
            DISPLAY,
            QUALIFIER,
            VALUE,
            UNIT,
            NORMALIZED,
            COMPARED_WITH,
            AS_OF,
            own(Fact, "source", SOURCE_CITED, rename="source_id", references="sources(id)"),
            ANCHOR,
        ],
    ),
    table(
        "glossary",
        Term,
        _terms,
        _itself,
        [_TERM_ZH, position("term in the framework's glossary"), *_TERM_REST],
    ),
)
