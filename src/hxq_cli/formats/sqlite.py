"""The framework as a SQLite database (stdlib sqlite3) that Datasette opens as it is.

Tables `nodes`, `facts`, `sources` and `glossary`, each with its primary key, foreign keys (a node's
parent, a fact's node and source), the framework's order (`position`) and depth, numbers
stored as numbers and NULL where a value is missing, both languages side by side, and each
figure as a reader says it (`display_zh`, `display_en`).

Full-text search: `nodes_fts` and `facts_fts` are FTS5 tables over their table
(`content="nodes"`), which is how Datasette finds them and offers a search box. They use the
`trigram` tokenizer, because Chinese has no spaces between words: any run of three or more
characters is found, in Chinese or English (case aside). A trigram index cannot find a
word of two characters (研发); search for one with `LIKE`, e.g.
`select id, title_zh from nodes where title_zh like '%研发%' or description_zh like '%研发%'`.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path, PurePath
from typing import Any

from hxq_cli.errors import DataError
from hxq_cli.formats.json import dumps
from hxq_cli.model import Bilingual, Framework, Lang, walk_paths
from hxq_cli.queries.facts import fact_rows
from hxq_cli.zh.display import amount

#: (column, SQL type and constraints, description): one list for the DDL and the metadata.
NODE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "TEXT PRIMARY KEY", "ID of the node: a dotted path such as 4.2 (card 2 of part 4)."),
    (
        "parent_id",
        "TEXT REFERENCES nodes(id)",
        "ID of the node it belongs to; NULL for a top-level node.",
    ),
    ("position", "INTEGER NOT NULL", "Place of the node in the framework's order (1 is first)."),
    ("depth", "INTEGER NOT NULL", "How deep the node sits: 1 for a top-level node."),
    ("title_zh", "TEXT NOT NULL", "Title in Chinese."),
    ("title_en", "TEXT NOT NULL", "Title in English."),
    ("aliases", "TEXT", "Other names the node can be looked up by, separated by spaces."),
    ("role_zh", "TEXT", "The node's role in the framework, in Chinese."),
    ("role_en", "TEXT", "The node's role in the framework, in English."),
    ("action_zh", "TEXT", "What is to be done, in Chinese."),
    ("action_en", "TEXT", "What is to be done, in English."),
    ("target_zh", "TEXT", "What is aimed at, in Chinese."),
    ("target_en", "TEXT", "What is aimed at, in English."),
    ("description_zh", "TEXT NOT NULL", "Description in Chinese."),
    ("description_en", "TEXT NOT NULL", "Description in English."),
)

SOURCE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "TEXT PRIMARY KEY", "ID of the source document."),
    ("position", "INTEGER NOT NULL", "Place of the source in the framework's list."),
    ("title_zh", "TEXT NOT NULL", "Title in Chinese."),
    ("title_en", "TEXT NOT NULL", "Title in English."),
    ("subtitle_zh", "TEXT", "Subtitle in Chinese."),
    ("subtitle_en", "TEXT", "Subtitle in English."),
    ("outlet_zh", "TEXT", "Where it was published, in Chinese."),
    ("outlet_en", "TEXT", "Where it was published, in English."),
    ("interviewer_zh", "TEXT", "Interviewer, in Chinese."),
    ("interviewer_en", "TEXT", "Interviewer, in English."),
    ("interviewee_zh", "TEXT", "Interviewee, in Chinese."),
    ("interviewee_en", "TEXT", "Interviewee, in English."),
    ("interviewee_role_zh", "TEXT", "The interviewee's role, in Chinese."),
    ("interviewee_role_en", "TEXT", "The interviewee's role, in English."),
    ("year", "INTEGER", "Year of publication."),
    ("file", "TEXT", "File name of the source text."),
    ("sha256", "TEXT", "SHA-256 of the source text file."),
)

FACT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("id", "TEXT PRIMARY KEY", "ID of the fact: the node's ID, a dot and a word."),
    ("node_id", "TEXT NOT NULL REFERENCES nodes(id)", "ID of the node the fact belongs to."),
    ("position", "INTEGER NOT NULL", "Place of the fact in the framework's order."),
    ("statement_zh", "TEXT NOT NULL", "What the figure measures, in Chinese."),
    ("statement_en", "TEXT NOT NULL", "What the figure measures, in English."),
    ("display_zh", "TEXT NOT NULL", "The figure as a Chinese reader says it."),
    ("display_en", "TEXT NOT NULL", "The figure as an English reader says it."),
    (
        "qualifier",
        "TEXT",
        "How the source hedges the figure (nearly, about, more_than, passed, at_least, "
        "at_most, as_little_as); NULL when exact.",
    ),
    ("value", "NUMERIC NOT NULL", "The figure, in the unit of the unit column."),
    ("unit", "TEXT NOT NULL", "Unit of the value as the source writes it (亿元, %, 个 …)."),
    ("normalized_value", "REAL", "The figure in a base unit (亿元 → CNY, % → fraction …)."),
    ("normalized_unit", "TEXT", "The base unit: CNY, m2, fraction, ratio, count, … ."),
    ("compared_with_zh", "TEXT", "For a ratio or share: what it is relative to, in Chinese."),
    ("compared_with_en", "TEXT", "For a ratio or share: what it is relative to, in English."),
    ("as_of", "TEXT", "When the figure holds: a date (YYYY-MM-DD) or a year."),
    ("source_id", "TEXT REFERENCES sources(id)", "ID of the source document."),
    ("anchor", "TEXT", "The few characters of the source text that carry the figure."),
)

TERM_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("zh", "TEXT PRIMARY KEY", "The key term as the source writes it."),
    ("position", "INTEGER NOT NULL", "Place of the term in the framework's glossary."),
    ("en", "TEXT NOT NULL", "Its standard English rendering."),
    (
        "variants",
        "TEXT",
        "Other English forms that count as the same rendering, separated by '; '.",
    ),
    ("note", "TEXT", "What the term means, or why this rendering."),
)

#: Table → the columns its full-text index covers.
FTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "nodes": ("title_zh", "title_en", "aliases", "description_zh", "description_en"),
    "facts": ("statement_zh", "statement_en", "anchor"),
}

TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "sources": SOURCE_COLUMNS,
    "nodes": NODE_COLUMNS,
    "facts": FACT_COLUMNS,
    "glossary": TERM_COLUMNS,
}

TABLE_DESCRIPTIONS = {
    "nodes": "The parts of the framework, in its order (position), each with its parent.",
    "facts": "Every figure of the framework, one per row, with the node it belongs to.",
    "sources": "The documents the figures are taken from.",
    "glossary": "The key terms: Chinese, the standard English rendering, and a note.",
}

_TWO_CHARACTER_NOTE = (
    "Search finds any run of three or more characters (trigram index), in Chinese or "
    "English. For a two-character Chinese word use LIKE, e.g. "
    "select id, title_zh from nodes where title_zh like '%研发%'."
)


def _pair(text: Bilingual | None) -> tuple[str | None, str | None]:
    return (None, None) if text is None else (text.zh, text.en)


def _number(value: Any) -> Any:
    # SQLite integers are 64-bit; a larger one is kept as a REAL, not refused. An exact
    # fraction (1/3) is a REAL here; its display columns keep it as written.
    if isinstance(value, Fraction) or (isinstance(value, int) and not -(2**63) <= value < 2**63):
        return float(value)
    return value


def node_rows(framework: Framework) -> Iterator[tuple[Any, ...]]:
    """The rows of the nodes table, in the framework's order (columns as NODE_COLUMNS)."""
    for position, path in enumerate(walk_paths(framework.nodes), start=1):
        node = path[-1]
        yield (
            node.id,
            path[-2].id if len(path) > 1 else None,
            position,
            len(path),
            node.title.zh,
            node.title.en,
            " ".join(node.aliases) or None,
            *_pair(node.role),
            *_pair(node.action),
            *_pair(node.target),
            node.description.zh,
            node.description.en,
        )


def fact_table_rows(framework: Framework) -> Iterator[tuple[Any, ...]]:
    """The rows of the facts table, in the framework's order (columns as FACT_COLUMNS)."""
    for position, row in enumerate(fact_rows(framework), start=1):
        fact, normalized = row.fact, row.normalized
        yield (
            fact.id,
            row.node.id,
            position,
            fact.statement.zh,
            fact.statement.en,
            amount(fact, "zh"),
            amount(fact, "en"),
            fact.qualifier,
            _number(fact.value),
            fact.unit,
            float(normalized.value) if normalized is not None else None,
            normalized.unit if normalized is not None else None,
            *_pair(fact.compared_with),
            fact.as_of,
            fact.source,
            fact.anchor,
        )


def source_rows(framework: Framework) -> Iterator[tuple[Any, ...]]:
    """The rows of the sources table, in the framework's order (columns as SOURCE_COLUMNS)."""
    for position, source in enumerate(framework.sources, start=1):
        yield (
            source.id,
            position,
            source.title.zh,
            source.title.en,
            *_pair(source.subtitle),
            *_pair(source.outlet),
            *_pair(source.interviewer),
            *_pair(source.interviewee),
            *_pair(source.interviewee_role),
            source.year,
            source.file,
            source.sha256,
        )


def glossary_rows(framework: Framework) -> Iterator[tuple[Any, ...]]:
    """The rows of the glossary table, in the framework's order (columns as TERM_COLUMNS)."""
    for position, term in enumerate(framework.glossary, start=1):
        yield (term.zh, position, term.en, "; ".join(term.variants) or None, term.note)


def _create(connection: sqlite3.Connection) -> None:
    for table, columns in TABLES.items():
        body = ",\n  ".join(f"{name} {kind}" for name, kind, _ in columns)
        connection.execute(f"CREATE TABLE {table} (\n  {body}\n)")
    for table in TABLES:
        connection.execute(f"CREATE INDEX {table}_position ON {table}(position)")
    connection.execute("CREATE INDEX facts_node_id ON facts(node_id)")
    connection.execute("CREATE INDEX nodes_parent_id ON nodes(parent_id)")


def _index_text(connection: sqlite3.Connection) -> None:
    for table, columns in FTS_COLUMNS.items():
        # content="table" (double quotes) is the form Datasette looks for to offer search.
        connection.execute(
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5({', '.join(columns)}, "
            f"content=\"{table}\", tokenize='trigram')"
        )
        connection.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


def _insert(connection: sqlite3.Connection, table: str, rows: Iterator[tuple[Any, ...]]) -> None:
    marks = ", ".join("?" * len(TABLES[table]))
    try:
        connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    except sqlite3.IntegrityError as exc:
        raise DataError(
            f"cannot write the {table} table: {exc} (hxq validate names duplicated IDs)"
        ) from None


def export(framework: Framework, lang: Lang = "both") -> bytes:
    """The database file's bytes (both languages always)."""
    # Built in a file of its own and read back: Connection.serialize needs Python 3.11.
    with tempfile.TemporaryDirectory(prefix="hxq-") as folder:
        path = Path(folder) / "export.db"
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            _create(connection)
            with connection:
                _insert(connection, "sources", source_rows(framework))
                _insert(connection, "nodes", node_rows(framework))
                _insert(connection, "facts", fact_table_rows(framework))
                _insert(connection, "glossary", glossary_rows(framework))
            _index_text(connection)
            connection.commit()
            connection.execute("VACUUM")
        finally:
            connection.close()
        return path.read_bytes()


def metadata(framework: Framework, database: str) -> dict[str, Any]:
    """Datasette metadata for the database file named `database` (its name without .db)."""
    title, description = framework.title, framework.description
    sources = "; ".join(f"{s.title.zh} / {s.title.en}" for s in framework.sources)
    tables: dict[str, Any] = {
        table: {
            "title": table.capitalize(),
            "description": TABLE_DESCRIPTIONS[table],
            "sort": "position",
            "columns": {name: about for name, _, about in columns},
        }
        for table, columns in TABLES.items()
    }
    for table in FTS_COLUMNS:
        tables[table]["description"] += " " + _TWO_CHARACTER_NOTE
        tables[f"{table}_fts"] = {"hidden": True}
    return {
        "title": f"{title.zh} / {title.en}",
        "description": f"{description.en}\n\n{description.zh}",
        "source": sources or framework.id,
        # No licence is stated for a framework's data (the Data Package says `notspecified`).
        "license": "Not specified: the figures are quoted from the sources listed; "
        "their terms apply",
        "databases": {
            database: {
                "title": f"{title.zh} / {title.en}",
                "description": _TWO_CHARACTER_NOTE,
                "tables": tables,
            }
        },
    }


def companion(framework: Framework, file_name: str) -> str:
    """The Datasette metadata file written beside the database `file_name` (its .metadata.json:
    `datasette FILE -m FILE.metadata.json`)."""
    return dumps(metadata(framework, PurePath(file_name).stem))
