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
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path, PurePath
from typing import Any

from hxq_cli.errors import DataError
from hxq_cli.formats.columns import DATABASE, Kind, Table, converted
from hxq_cli.formats.json import dumps
from hxq_cli.model import Framework, Lang

#: Table → the columns its full-text index covers.
FTS_COLUMNS: dict[str, tuple[str, ...]] = {
    "nodes": ("title_zh", "title_en", "aliases", "description_zh", "description_en"),
    "facts": ("statement_zh", "statement_en", "anchor"),
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


def _number(value: Any) -> Any:
    # SQLite integers are 64-bit; a larger one is kept as a REAL, not refused. An exact
    # fraction (1/3) is a REAL here; its display columns keep it as written.
    if isinstance(value, Fraction) or (isinstance(value, int) and not -(2**63) <= value < 2**63):
        return float(value)
    return value


def _real(value: Any) -> float | None:
    return None if value is None else float(value)


def _same(value: Any) -> Any:
    return value


#: How each kind of column is stored (NULL where a value is missing).
VALUES: dict[Kind, Callable[[Any], Any]] = {
    "text": _same,
    "integer": _same,
    "number": _number,
    "real": _real,
}


def table_rows(table: Table[Any], framework: Framework) -> Iterator[list[Any]]:
    """The rows of a table of the database, each value as stored."""
    return converted(table, table.framework_rows(framework), VALUES)


def _create(connection: sqlite3.Connection) -> None:
    for table in DATABASE:
        body = ",\n  ".join(f"{column.name} {column.sql()}" for column in table.columns)
        connection.execute(f"CREATE TABLE {table.name} (\n  {body}\n)")
    for table in DATABASE:
        connection.execute(f"CREATE INDEX {table.name}_position ON {table.name}(position)")
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


def _insert(connection: sqlite3.Connection, table: Table[Any], framework: Framework) -> None:
    marks = ", ".join("?" * len(table.columns))
    try:
        connection.executemany(
            f"INSERT INTO {table.name} VALUES ({marks})", table_rows(table, framework)
        )
    except sqlite3.IntegrityError as exc:
        raise DataError(
            f"cannot write the {table.name} table: {exc} (hxq validate names duplicated IDs)"
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
                for table in DATABASE:
                    _insert(connection, table, framework)
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
        table.name: {
            "title": table.name.capitalize(),
            "description": TABLE_DESCRIPTIONS[table.name],
            "sort": "position",
            "columns": {column.name: column.description for column in table.columns},
        }
        for table in DATABASE
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
