"""A Frictionless Data Package: `datapackage.json` describing `facts.csv` and `nodes.csv`.

Both tables are tabular data resources (Data Package 1.0 profiles, which Data Package 2
readers also accept) with a Table Schema: every column named, typed and described, empty
cells declared as missing values, the primary keys, a foreign key from each fact to its node
and from each node to its parent (a self-reference). nodes.csv keeps every field of a node
(action and target included), its place in the framework's order (`position`) and depth, so
the package loses nothing of the tree. Units vary row by row, so they are a column of their
own (`unit`), described in the `value` and `unit` fields.

The descriptor carries the sources in full, a licence (none is stated for the framework's
data: `notspecified`), a version that changes exactly when the data does (a digest of the
framework) and the time it was created (SOURCE_DATE_EPOCH, when set, for reproducible builds).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hxq_cli.formats.csv import (
    FACT_COLUMNS,
    LINE_TERMINATOR,
    facts_csv,
    unit_note,
    write_rows,
)
from hxq_cli.formats.json import dumps
from hxq_cli.model import Bilingual, Framework, Lang, Source, walk_paths
from hxq_cli.queries.export import content_version, created
from hxq_cli.queries.facts import fact_rows
from hxq_cli.zh.display import QUALIFIER_LABELS

DESCRIPTOR = "datapackage.json"
FACTS_FILE = "facts.csv"
NODES_FILE = "nodes.csv"

_NUMBER_FIELDS = {"value", "normalized_value"}
_INTEGER_FIELDS = {"depth", "position"}

NODE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "ID of the node: a dotted path such as 4.2 (card 2 of part 4)."),
    ("parent_id", "ID of the node it belongs to; empty for a top-level node."),
    ("position", "Place of the node in the framework's order (1 is first)."),
    ("depth", "How deep the node sits: 1 for a top-level node."),
    ("title_zh", "Title in Chinese."),
    ("title_en", "Title in English."),
    ("aliases", "Other names the node can be looked up by, separated by spaces."),
    ("role_zh", "The node's role in the framework, in Chinese."),
    ("role_en", "The node's role in the framework, in English."),
    ("action_zh", "What is to be done, in Chinese."),
    ("action_en", "What is to be done, in English."),
    ("target_zh", "What is aimed at, in Chinese."),
    ("target_en", "What is aimed at, in English."),
    ("description_zh", "Description in Chinese."),
    ("description_en", "Description in English."),
)

#: No licence is stated for a framework's data: said so in the Open Definition's words.
LICENSE = {
    "name": "notspecified",
    "title": "Licence not specified: the figures are quoted from the sources listed; "
    "their terms apply.",
}


def package_name(framework_id: str) -> str:
    """The framework's ID as a Data Package name (lowercase letters, digits, - . _)."""
    return framework_id.lower()


def _field(name: str, description: str) -> dict[str, Any]:
    kind = (
        "integer" if name in _INTEGER_FIELDS else "number" if name in _NUMBER_FIELDS else "string"
    )
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    required = ("fact_id", "node_id", "value", "unit", "id", "title_zh", "title_en")
    if name in (*required, "position", "depth", "description_zh", "description_en"):
        field["constraints"] = {"required": True}
    if name in ("fact_id", "id"):
        field["constraints"]["unique"] = True
    if name == "qualifier":
        field["constraints"] = {"enum": list(QUALIFIER_LABELS)}
    return field


def _dialect() -> dict[str, Any]:
    return {
        "delimiter": ",",
        "lineTerminator": LINE_TERMINATOR,
        "quoteChar": '"',
        "doubleQuote": True,
        "header": True,
    }


def _facts_resource(framework: Framework) -> dict[str, Any]:
    units = unit_note(fact.unit for _, fact in framework.facts())
    fields = []
    for name, description in FACT_COLUMNS:
        if name in ("value", "unit") and units:
            description = f"{description} {units}"
        fields.append(_field(name, description))
    return {
        "profile": "tabular-data-resource",
        "name": "facts",
        "path": FACTS_FILE,
        "title": "Facts",
        "description": "Every figure of the framework, one per row, with the node it belongs to "
        "and the source text that carries it.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": _dialect(),
        "schema": {
            "fields": fields,
            "missingValues": [""],
            "primaryKey": ["fact_id"],
            "foreignKeys": [
                {"fields": ["node_id"], "reference": {"resource": "nodes", "fields": ["id"]}}
            ],
        },
    }


def _nodes_resource() -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": "nodes",
        "path": NODES_FILE,
        "title": "Nodes",
        "description": "The parts of the framework, in document order, each with its parent.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": _dialect(),
        "schema": {
            "fields": [_field(name, description) for name, description in NODE_COLUMNS],
            "missingValues": [""],
            "primaryKey": ["id"],
            # An empty resource name is this resource: each parent is a node of the table.
            "foreignKeys": [
                {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}}
            ],
        },
    }


def _node_rows(framework: Framework) -> Iterator[list[str]]:
    for position, path in enumerate(walk_paths(framework.nodes), start=1):
        node, parent, depth = path[-1], path[-2] if len(path) > 1 else None, len(path)
        yield [
            node.id,
            parent.id if parent else "",
            str(position),
            str(depth),
            node.title.zh,
            node.title.en,
            " ".join(node.aliases),
            *_pair(node.role),
            *_pair(node.action),
            *_pair(node.target),
            node.description.zh,
            node.description.en,
        ]


def _pair(text: Bilingual | None) -> tuple[str, str]:
    return ("", "") if text is None else (text.zh, text.en)


def _source(source: Source) -> dict[str, Any]:
    """A source as a Data Package source: a title, and every field hxq knows of it."""
    out: dict[str, Any] = {"title": f"{source.title.zh} / {source.title.en}"}
    out.update((key, value) for key, value in source.to_dict().items() if key != "title")
    return out


def descriptor(framework: Framework) -> dict[str, Any]:
    """The `datapackage.json` of the package."""
    title, description = framework.title, framework.description
    return {
        "profile": "tabular-data-package",
        "name": package_name(framework.id),
        "title": f"{title.zh} / {title.en}",
        "description": f"{description.en}\n\n{description.zh}",
        "version": content_version(framework),
        "created": created().isoformat().replace("+00:00", "Z"),
        "licenses": [LICENSE],
        "sources": [_source(source) for source in framework.sources],
        "resources": [_facts_resource(framework), _nodes_resource()],
    }


def export(framework: Framework, lang: Lang = "both") -> dict[str, str]:
    """File name → text of every file of the package, descriptor first (both languages always)."""
    return {
        DESCRIPTOR: dumps(descriptor(framework)),
        FACTS_FILE: facts_csv(fact_rows(framework), spreadsheet=False),
        NODES_FILE: write_rows((name for name, _ in NODE_COLUMNS), _node_rows(framework)),
    }
