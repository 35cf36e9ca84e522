"""A Frictionless Data Package: `datapackage.json` describing `facts.csv` and `nodes.csv`.

Both tables are tabular data resources (Data Package 1.0 profiles, which Data Package 2
readers also accept) with a Table Schema: every column named, typed and described, the
facts' primary key, and a foreign key from each fact to its node. Units vary row by row, so
they are a column of their own (`unit`), described in the `value` and `unit` fields.
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
from hxq_cli.model import Framework, Lang, walk_paths
from hxq_cli.queries.facts import fact_rows
from hxq_cli.zh.display import QUALIFIER_LABELS

DESCRIPTOR = "datapackage.json"
FACTS_FILE = "facts.csv"
NODES_FILE = "nodes.csv"

_NUMBER_FIELDS = {"value"}

NODE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "ID of the node: a dotted path such as 4.2 (card 2 of part 4)."),
    ("parent_id", "ID of the node it belongs to; empty for a top-level node."),
    ("depth", "How deep the node sits: 1 for a top-level node."),
    ("title_zh", "Title in Chinese."),
    ("title_en", "Title in English."),
    ("aliases", "Other names the node can be looked up by, separated by spaces."),
    ("role_zh", "The node's role in the framework, in Chinese."),
    ("role_en", "The node's role in the framework, in English."),
    ("description_zh", "Description in Chinese."),
    ("description_en", "Description in English."),
)


def package_name(framework_id: str) -> str:
    """The framework's ID as a Data Package name (lowercase letters, digits, - . _)."""
    return framework_id.lower()


def _field(name: str, description: str, *, integer: bool = False) -> dict[str, Any]:
    kind = "integer" if integer else "number" if name in _NUMBER_FIELDS else "string"
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if name in ("fact_id", "node_id", "value", "unit", "id", "title_zh", "title_en"):
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
            "fields": [
                _field(name, description, integer=name == "depth")
                for name, description in NODE_COLUMNS
            ],
            "missingValues": [""],
            "primaryKey": ["id"],
        },
    }


def _node_rows(framework: Framework) -> Iterator[list[str]]:
    for path in walk_paths(framework.nodes):
        node, parent, depth = path[-1], path[-2] if len(path) > 1 else None, len(path)
        role = node.role
        yield [
            node.id,
            parent.id if parent else "",
            str(depth),
            node.title.zh,
            node.title.en,
            " ".join(node.aliases),
            role.zh if role else "",
            role.en if role else "",
            node.description.zh,
            node.description.en,
        ]


def descriptor(framework: Framework) -> dict[str, Any]:
    """The `datapackage.json` of the package."""
    title, description = framework.title, framework.description
    return {
        "profile": "tabular-data-package",
        "name": package_name(framework.id),
        "title": f"{title.zh} / {title.en}",
        "description": f"{description.en}\n\n{description.zh}",
        "sources": [
            {"title": f"{source.title.zh} / {source.title.en}"} for source in framework.sources
        ],
        "resources": [_facts_resource(framework), _nodes_resource()],
    }


def export(framework: Framework, lang: Lang = "both") -> dict[str, str]:
    """File name → text of every file of the package, descriptor first (both languages always)."""
    return {
        DESCRIPTOR: dumps(descriptor(framework)),
        FACTS_FILE: facts_csv(fact_rows(framework), spreadsheet=False),
        NODES_FILE: write_rows((name for name, _ in NODE_COLUMNS), _node_rows(framework)),
    }
