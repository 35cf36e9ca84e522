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

from typing import Any

from hxq_cli.formats.columns import FACT_SHEET, NODES, Column, Kind
from hxq_cli.formats.csv import LINE_TERMINATOR, facts_csv, table_csv, unit_note
from hxq_cli.formats.json import dumps
from hxq_cli.model import Framework, Lang, Source
from hxq_cli.queries.export import content_version, created
from hxq_cli.queries.facts import fact_rows

DESCRIPTOR = "datapackage.json"
FACTS_FILE = "facts.csv"
NODES_FILE = "nodes.csv"

#: The Table Schema type of each kind of column.
TYPES: dict[Kind, str] = {
    "text": "string",
    "integer": "integer",
    "number": "number",
    "real": "number",
}

#: No licence is stated for a framework's data: said so in the Open Definition's words.
LICENSE = {
    "name": "notspecified",
    "title": "Licence not specified: the figures are quoted from the sources listed; "
    "their terms apply.",
}


def package_name(framework_id: str) -> str:
    """The framework's ID as a Data Package name (lowercase letters, digits, - . _)."""
    return framework_id.lower()


def _field(column: Column, description: str | None = None) -> dict[str, Any]:
    """A column as a Table Schema field."""
    field: dict[str, Any] = {
        "name": column.name,
        "type": TYPES[column.kind],
        "description": description or column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.primary_key:
        constraints["unique"] = True
    if column.choices is not None:
        constraints["enum"] = list(column.choices)
    if constraints:
        field["constraints"] = constraints
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
    for column in FACT_SHEET.columns:
        described = column.description
        if column.name in ("value", "unit") and units:
            described = f"{described} {units}"
        fields.append(_field(column, described))
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
            "fields": [_field(column) for column in NODES.columns],
            "missingValues": [""],
            "primaryKey": ["id"],
            # An empty resource name is this resource: each parent is a node of the table.
            "foreignKeys": [
                {"fields": ["parent_id"], "reference": {"resource": "", "fields": ["id"]}}
            ],
        },
    }


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
        NODES_FILE: table_csv(NODES, NODES.items(framework), spreadsheet=False),
    }
