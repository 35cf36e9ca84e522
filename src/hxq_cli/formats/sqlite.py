"""The framework as a SQLite database (stdlib sqlite3) that Datasette opens as it is.

Tables `nodes`, `facts`, `sources` and `glossary`, each with its primary key, foreign keys (a node's
parent, a fact's node and source), the framework's order (`position`) and depth, numbers
stored as numbers and NULL where a value is missing, both languages side by side, and each
figure as a reader says it (`display_zh`, `display_en`). Nodes and sources also have a
`label`, their title in both languages, which Datasette shows for a link to them instead of
the bare ID.

Full-text search: `nodes_fts` and `facts_fts` are FTS5 tables (porter stemming over unicode61)
whose rowid is the row's `position`. Each indexes a row's texts as written (`text`), and every
run of one to sixteen Chinese characters in them as a word of its own (`grams`, see
`hxq_cli.zh.grams`): a tokenizer splits text at spaces and punctuation only, so without them
a Chinese clause would be one word, and 研发 would not be found in 研发投入. Datasette's search
box quotes what is typed, so 研发投入 matches that word of four characters (never the four
characters scattered) and innovation the English word. The metadata written beside the
database wires the search box to these tables (`fts_table`, `fts_pk`), names the label
columns, sets the facets offered by default and adds two canned queries: the figures under a
node, and a search of nodes and facts at once.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path, PurePath
from typing import Any

from hxq_cli.errors import DataError
from hxq_cli.formats.columns import DATABASE, Column, Kind, Row, Table, converted
from hxq_cli.formats.json import dumps
from hxq_cli.model import Bilingual, Framework, Lang
from hxq_cli.zh.grams import LONGEST, search_grams

#: Table → the columns whose texts its full-text index (TABLE_fts) holds.
SEARCHED: dict[str, tuple[str, ...]] = {
    "nodes": (
        "title_zh",
        "title_en",
        "aliases",
        "role_zh",
        "role_en",
        "action_zh",
        "action_en",
        "target_zh",
        "target_en",
        "description_zh",
        "description_en",
    ),
    "facts": (
        "statement_zh",
        "statement_en",
        "display_zh",
        "display_en",
        "compared_with_zh",
        "compared_with_en",
        "anchor",
    ),
}
#: FTS5's tokenizer: words split at spaces and punctuation, case and accents folded, English
#: words stemmed (figure finds figures); a Chinese word passes through as it is.
TOKENIZER = "porter unicode61 remove_diacritics 2"
#: The facets Datasette offers on each table unless told otherwise.
FACETS: dict[str, list[str]] = {"facts": ["unit", "node_id", "qualifier"], "nodes": ["parent_id"]}

TABLE_DESCRIPTIONS = {
    "nodes": "The parts of the framework, in its order (position), each with its parent.",
    "facts": "Every figure of the framework, one per row, with the node it belongs to.",
    "sources": "The documents the figures are taken from.",
    "glossary": "The key terms: Chinese, the standard English rendering, and a note.",
}

SEARCH_NOTE = (
    "The search box finds Chinese words of any length (研, 研发, 研发投入: the characters "
    f"together, as typed; up to {LONGEST} characters anywhere, longer ones between punctuation) "
    "and English words (innovation, with their other forms); several words separated by "
    "spaces must all be found."
)


def _title_in_both(row: Row[Any]) -> str:
    title: Bilingual = row.record.title
    return title.pick("both", " · ")


#: The column Datasette shows for a link to a row of the tables others link to.
LABEL = Column(
    "label",
    "The title in both languages (Chinese · English), which Datasette shows for a link here.",
    "text",
    _title_in_both,
    required=True,
)
_LABELLED = ("nodes", "sources")

#: The tables of the database: those of `formats.columns.DATABASE`, and the label of each that
#: other tables link to.
TABLES: tuple[Table[Any], ...] = tuple(
    Table(table.name, (*table.columns, LABEL), table.items, table.record_of)
    if table.name in _LABELLED
    else table
    for table in DATABASE
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
    for table in TABLES:
        body = ",\n  ".join(f"{column.name} {column.sql()}" for column in table.columns)
        connection.execute(f"CREATE TABLE {table.name} (\n  {body}\n)")
    for table in TABLES:
        connection.execute(f"CREATE UNIQUE INDEX {table.name}_position ON {table.name}(position)")
    connection.execute("CREATE INDEX facts_node_id ON facts(node_id)")
    connection.execute("CREATE INDEX nodes_parent_id ON nodes(parent_id)")


def search_text(texts: list[str]) -> tuple[str, str]:
    """A row's `text` and `grams` in its full-text index: its texts one per line, and every
    run of Chinese characters in them once, separated by spaces."""
    grams = dict.fromkeys(gram for text in texts for gram in search_grams(text))
    return "\n".join(texts), " ".join(grams)


def _index_text(connection: sqlite3.Connection) -> None:
    for table, columns in SEARCHED.items():
        connection.execute(
            # Contentless (content=''): the index alone, the texts being in the table itself.
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5(text, grams, "
            f"content='', tokenize='{TOKENIZER}')"
        )
        rows = connection.execute(f"SELECT position, {', '.join(columns)} FROM {table}")
        connection.executemany(
            f"INSERT INTO {table}_fts(rowid, text, grams) VALUES (?, ?, ?)",
            (
                (position, *search_text([value for value in values if value is not None]))
                for position, *values in rows.fetchall()
            ),
        )


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
                for table in TABLES:
                    _insert(connection, table, framework)
                _index_text(connection)
            connection.execute("VACUUM")
        finally:
            connection.close()
        return path.read_bytes()


#: Datasette's canned queries (its metadata's `queries`): name → title, description, SQL.
#: `escape_fts` is Datasette's own SQL function, which quotes each word as its search box does.
QUERIES: dict[str, dict[str, str]] = {
    "figures_under": {
        "title": "Figures under a node",
        "description": "Every figure of a node and of all its parts, in the framework's order. "
        "node: an ID (4.2) or an alias (innovation).",
        "sql": """with recursive under(id) as (
  select id from nodes
  where id = :node or instr(' ' || coalesce(aliases, '') || ' ', ' ' || :node || ' ') > 0
  union
  select nodes.id from nodes join under on nodes.parent_id = under.id
)
select facts.id, facts.node_id, nodes.label as node, facts.statement_zh, facts.statement_en,
  facts.display_zh, facts.display_en, facts.as_of, facts.anchor
from facts join under on facts.node_id = under.id join nodes on nodes.id = facts.node_id
order by facts.position""",
    },
    "search": {
        "title": "Search nodes and figures",
        "description": "The nodes and the figures whose texts hold every word of q, nodes "
        "first, each in the framework's order. " + SEARCH_NOTE,
        "sql": """select kind, id, title, figure_zh, figure_en from (
  select 'node' as kind, 1 as part, position, id, label as title,
    null as figure_zh, null as figure_en
  from nodes
  where :q != ''
    and position in (select rowid from nodes_fts where nodes_fts match escape_fts(:q))
  union all
  select 'fact', 2, position, id, statement_zh || ' · ' || statement_en, display_zh, display_en
  from facts
  where :q != ''
    and position in (select rowid from facts_fts where facts_fts match escape_fts(:q))
)
order by part, position""",
    },
}


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
        for table in TABLES
    }
    for name in _LABELLED:
        tables[name]["label_column"] = LABEL.name
    for name, facets in FACETS.items():
        tables[name]["facets"] = facets
    for name in SEARCHED:
        tables[name]["description"] += " " + SEARCH_NOTE
        # Datasette's search box, wired to the index: TABLE_fts's rowid is the row's position.
        tables[name] |= {"fts_table": f"{name}_fts", "fts_pk": "position"}
        tables[f"{name}_fts"] = {"hidden": True}
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
                "description": SEARCH_NOTE,
                "tables": tables,
                "queries": QUERIES,
            }
        },
    }


def companion(framework: Framework, file_name: str) -> str:
    """The Datasette metadata file written beside the database `file_name` (its .metadata.json:
    `datasette FILE -m FILE.metadata.json`)."""
    return dumps(metadata(framework, PurePath(file_name).stem))
