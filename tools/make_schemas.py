"""Write src/hxq_cli/schemas/NAME.schema.json, the JSON Schema of each `--json` output.

The schemas are package data, read by `hxq schema NAME`; this script is how they are made,
from the shapes formats/json.py writes and the framework schema's definitions (bilingual,
node, fact, source), copied in so that each file stands alone. Run it after changing a
builder: `python tools/make_schemas.py`; tests/test_output_schemas.py checks every output.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hxq_cli.queries.verify import MAX_PLACES

ROOT = Path(__file__).resolve().parents[1] / "src" / "hxq_cli"
BASE = "https://github.com/hxq-cli/hxq/schemas/"
FRAMEWORK = json.loads((ROOT / "framework.schema.json").read_text(encoding="utf-8"))


def ref(name: str, description: str) -> dict[str, Any]:
    # draft-07 ignores keywords beside $ref: the description goes beside an allOf.
    return {"allOf": [{"$ref": f"#/definitions/{name}"}], "description": description}


def nullable(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}], "description": description}


def obj(
    description: str, properties: dict[str, Any], optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
        "properties": properties,
    }


def with_every_field(definition: str, schema: dict[str, Any]) -> dict[str, Any]:
    """An object schema that also holds every field of a framework definition (fact, node …)
    it does not list, as the framework schema declares it: a field added to the framework
    file reaches the output that writes its records whole."""
    declared = FRAMEWORK["definitions"][definition]
    for name, field in declared["properties"].items():
        if name not in schema["properties"]:
            schema["properties"][name] = copy.deepcopy(field)
            if name in declared.get("required", ()):
                schema["required"].append(name)
    return schema


def array(description: str, items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "description": description, "items": items}


def string(description: str, **more: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **more}


NUMBER = {"type": "number"}
SCHEMA_VERSION = {"const": 1, "description": "Version of this output's shape: 1."}
FRAMEWORK_ID = string("ID of the framework (its `id`).")
NODE_REF = obj(
    "A node named by ID and title.",
    {"id": string("ID of the node."), "title": ref("bilingual", "Title of the node.")},
)


def document(
    name: str, title: str, description: str, body: dict[str, Any], defs: tuple[str, ...]
) -> dict[str, Any]:
    """The schema file of output `name`: its identity, then `body`, then the definitions."""
    definitions = {key: copy.deepcopy(FRAMEWORK["definitions"][key]) for key in defs}
    definitions["node_ref"] = NODE_REF
    if name == "show":
        # The framework file's own top level, for `hxq show --json` without an ID.
        skip = ("$schema", "$id", "title", "definitions")
        definitions["framework"] = copy.deepcopy(
            {k: v for k, v in FRAMEWORK.items() if k not in skip}
        )
    rest = {key: value for key, value in body.items() if key != "description"}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"{BASE}{name}.schema.json",
        "title": title,
        "description": description,
        **rest,
        "definitions": definitions,
    }


FRAMEWORK_DEFS = tuple(FRAMEWORK["definitions"])
PATH = array("The ancestors of the node, top-level first.", ref("node_ref", "An ancestor."))

SHOW = {
    "description": "`hxq show --json`: the whole framework document (without an ID), one "
    "node with its subtree and the path that leads to it (with a node's ID, alias or title), "
    "or one fact with the path of nodes that holds it (with a fact's ID).",
    "oneOf": [
        ref("framework", "`hxq show --json`: the framework document, as in the framework file."),
        obj(
            "`hxq show ID --json`: one node with its subtree and the path that leads to it.",
            {
                "schema_version": SCHEMA_VERSION,
                "framework": FRAMEWORK_ID,
                "path": PATH,
                "node": ref("node", "The node, with its facts and its parts."),
            },
        ),
        obj(
            "`hxq show FACT-ID --json`: one fact, with the path of nodes that holds it.",
            {
                "schema_version": SCHEMA_VERSION,
                "framework": FRAMEWORK_ID,
                "path": array(
                    "The nodes that hold the fact, top-level first, its own node last.",
                    ref("node_ref", "A node on the path."),
                ),
                "fact": {
                    "description": "The fact, as in the framework file, with `display` always "
                    "there: the figure as a reader says it, in each language.",
                    "allOf": [{"$ref": "#/definitions/fact"}, {"required": ["display"]}],
                },
            },
        ),
    ],
}

CHANGE = obj(
    "One field that differs.",
    {
        "field": string("Name of the field."),
        "old": {"description": "The old value; null when the field was absent."},
        "new": {"description": "The new value; null when the field is absent now."},
    },
)
CHANGES = array("The fields that differ.", CHANGE)

FACTS = obj(
    "`hxq facts --json`: the facts, each with its node path and its value in a base unit.",
    {
        "schema_version": SCHEMA_VERSION,
        "framework": FRAMEWORK_ID,
        "facts": array(
            "The facts, in the order asked for (document order by default).",
            with_every_field(
                "fact",
                obj(
                    "One fact.",
                    {
                        "id": string("ID of the fact."),
                        "path": array(
                            "The nodes that hold the fact, top-level first, its own node last.",
                            ref("node_ref", "A node on the path."),
                        ),
                        "statement": ref("bilingual", "What the figure measures."),
                        "value": {
                            "description": "The figure, in `unit`: a number, or an exact fraction "
                            'written as a string ("1/3").',
                            "anyOf": [
                                {"type": "number"},
                                {"type": "string", "pattern": "^[0-9]+/[1-9][0-9]*$"},
                            ],
                        },
                        "unit": string("Unit of the value as the source writes it."),
                        "display": ref(
                            "bilingual",
                            "The figure as a reader says it, in each language (近1亿元, nearly CNY "
                            "100 million).",
                        ),
                        "normalized": nullable(
                            obj(
                                "The figure in a base unit.",
                                {
                                    "value": {
                                        "type": "number",
                                        "description": "The figure in the base unit.",
                                    },
                                    "unit": string(
                                        "The base unit.",
                                        enum=[
                                            "CNY",
                                            "m2",
                                            "fraction",
                                            "ratio",
                                            "count",
                                            "minutes",
                                            "years",
                                            "rank",
                                        ],
                                    ),
                                    "base": nullable(
                                        {"$ref": "#/definitions/bilingual"},
                                        "What a ratio, share or rank is relative to; null otherwise.",
                                    ),
                                },
                            ),
                            "The figure in a base unit; null when the unit is not one hxq normalises.",
                        ),
                        "qualifier": string("How the source hedges the figure."),
                        "compared_with": ref("bilingual", "What a ratio or share is relative to."),
                        "as_of": string("When the figure holds."),
                        "anchor": string(
                            "The characters of the source text that carry the figure."
                        ),
                        "source": string("ID of the source document."),
                    },
                    optional=("qualifier", "compared_with", "as_of", "anchor", "source"),
                ),
            ),
        ),
    },
)

#: The fields `hxq search` looks in, by rank (queries/search.py), and those in no one language.
FIELDS_BY_RANK = {
    "title": ["title", "aliases"],
    "text": ["role", "action", "target", "description"],
    "fact": ["statement", "compared_with", "anchor"],
}
UNTRANSLATED = ["aliases", "anchor"]


def when(
    test: dict[str, Any], then: dict[str, Any], otherwise: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A draft-07 condition on an object's properties (each given as (schema, description))."""

    def properties(given: dict[str, Any]) -> dict[str, Any]:
        return {"properties": {k: {**v, "description": d} for k, (v, d) in given.items()}}

    out = {"if": properties(test), "then": properties(then)}
    if otherwise is not None:
        out["else"] = properties(otherwise)
    return out


HIT = obj(
    "One field of one node (or of one of its facts) that holds the query.",
    {
        "node": ref("node_ref", "The node that holds the field."),
        "path": PATH,
        "rank": string("Where the hit is: title, text or fact.", enum=["title", "text", "fact"]),
        "field": string(
            "Name of the field that matches.",
            enum=[name for names in FIELDS_BY_RANK.values() for name in names],
        ),
        "lang": nullable(
            {"enum": ["zh", "en"]},
            "Language of the matching text; null for a text in no one language "
            "(an alias, or an anchor as the source writes it).",
        ),
        "fact": nullable(
            {"$ref": "#/definitions/fact"},
            "The fact that holds the field; null for a node field.",
        ),
        "text": string("The matching text."),
        "spans": array(
            "Where the query is in the text: [start, end) character offsets.",
            {
                "type": "array",
                "description": "One [start, end) pair.",
                "items": {"type": "integer", "minimum": 0},
                "minItems": 2,
                "maxItems": 2,
            },
        ),
    },
)
# Which fields go with which rank, and which have a language.
HIT["allOf"] = [
    when(
        {"field": ({"enum": UNTRANSLATED}, "A field in no one language.")},
        {"lang": ({"type": "null"}, "No language.")},
        {"lang": ({"enum": ["zh", "en"]}, "The language of a bilingual text.")},
    ),
    *(
        when(
            {"rank": ({"const": rank}, f"A hit of rank {rank}.")},
            {
                "field": ({"enum": fields}, f"The fields of rank {rank}."),
                "fact": (
                    {"type": "object" if rank == "fact" else "null"},
                    "The fact that holds the field." if rank == "fact" else "No fact.",
                ),
            },
        )
        for rank, fields in FIELDS_BY_RANK.items()
    ),
]

SEARCH = obj(
    "`hxq search TEXT --json`: the query and every hit, best rank first.",
    {
        "schema_version": SCHEMA_VERSION,
        "framework": FRAMEWORK_ID,
        "query": string("The text searched for."),
        "hits": array(
            "The hits, best rank first, in document order within a rank; empty for none.", HIT
        ),
    },
)

FIGURE = nullable(
    obj(
        "A figure read from the source text.",
        {
            "text": string("The figure as written."),
            "value": {"type": "number", "description": "Its value."},
            "unit": string("Its unit."),
            "qualifier": nullable({"type": "string"}, "Its hedge; null for none."),
        },
    ),
    "The figure found at the place; null when none could be read.",
)
PLACE = obj(
    "A place in the source text (1-based line and column).",
    {
        "line": {"type": "integer", "minimum": 1, "description": "Line, from 1."},
        "column": {"type": "integer", "minimum": 1, "description": "Column, from 1."},
        "figure": FIGURE,
    },
)


def places(what: str, total: str) -> dict[str, Any]:
    return {
        **array(
            f"{what}: the first {MAX_PLACES} in the text, in its order (`{total}` counts them all).",
            PLACE,
        ),
        "maxItems": MAX_PLACES,
    }


def count(description: str) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "description": description}


VERIFY = obj(
    "`hxq verify --source FILE --json`: every fact and every counted title checked against the source text.",
    {
        "schema_version": SCHEMA_VERSION,
        "framework": FRAMEWORK_ID,
        "source": obj(
            "The source text checked against.",
            {
                "id": nullable(
                    {"type": "string"}, "ID of the framework's source it is; null if none matches."
                ),
                "file": string("Name of the file read."),
                "sha256": string("SHA-256 of the file read."),
                "recorded_sha256": nullable(
                    {"type": "string"}, "SHA-256 recorded in the framework; null if none."
                ),
                "same_edition": nullable(
                    {"type": "boolean"},
                    "Whether the two digests agree; null when none is recorded.",
                ),
            },
        ),
        "ok": {
            "type": "boolean",
            "description": "Whether every fact was found and every count is right (in a draft,"
            " a count whose parts are still to add is not wrong).",
        },
        "summary": obj(
            "How many checks came out which way.",
            {
                name: {"type": "integer", "minimum": 0, "description": about}
                for name, about in (
                    ("checked", "Facts checked."),
                    ("found", "Facts found as recorded."),
                    ("mismatched", "Facts whose anchor carries another figure."),
                    ("missing", "Facts whose anchor is not in the text."),
                    ("ambiguous", "Facts whose anchor is in the text more than once."),
                    ("unanchored", "Facts without an anchor."),
                    ("counts_checked", "Titles with a count checked."),
                    ("counts_wrong", "Titles whose count is wrong."),
                    (
                        "counts_todo",
                        "Titles of a draft whose parts are still to add (not wrong: a draft's"
                        " count is the text's).",
                    ),
                    ("other_sources", "Facts of other sources, not checked."),
                )
            },
        ),
        "facts": array(
            "One check per fact.",
            obj(
                "The check of one fact.",
                {
                    "id": string("ID of the fact."),
                    "node": string("ID of its node."),
                    "status": string(
                        "The outcome.",
                        enum=["found", "mismatch", "missing", "ambiguous", "unanchored"],
                    ),
                    "anchor": nullable({"type": "string"}, "The fact's anchor; null for none."),
                    "expected": obj(
                        "The figure the framework records.",
                        {
                            "value": {
                                "description": 'The recorded value (a fraction as "1/3").',
                                "anyOf": [{"type": "number"}, {"type": "string"}],
                            },
                            "unit": string("The recorded unit."),
                            "qualifier": nullable(
                                {"type": "string"}, "The recorded hedge; null for none."
                            ),
                        },
                    ),
                    "places": places("Where the anchor is", "places_total"),
                    "places_total": count("How many times the anchor is in the text."),
                    "elsewhere": places(
                        "For an anchor not in the text, where the fact's figure is",
                        "elsewhere_total",
                    ),
                    "elsewhere_total": count(
                        "How many times the fact's figure is in the text, for an anchor not in it "
                        "(0 otherwise)."
                    ),
                    "message": nullable(
                        {"type": "string"}, "What is wrong, for a person; null when nothing is."
                    ),
                },
            ),
        ),
        "counts": array(
            "One check per title that announces a count (四张名片: 4).",
            obj(
                "The check of one counted title.",
                {
                    "node": string("ID of the node."),
                    "title": ref("bilingual", "Its title."),
                    "announced": {
                        "type": "integer",
                        "description": "The count the title announces.",
                    },
                    "actual": {"type": "integer", "description": "How many parts the node has."},
                    "status": string(
                        "ok; mismatch; or todo: a draft's count whose parts are still to add"
                        " (not a failure).",
                        enum=["ok", "mismatch", "todo"],
                    ),
                },
            ),
        ),
    },
)

PRESENCE = obj(
    "A node that is only in one file.",
    {
        "id": string("ID of the node."),
        "title": ref("bilingual", "Its title."),
        "parent": nullable({"type": "string"}, "ID of its parent; null at the top level."),
        "within": nullable(
            {"type": "string"}, "ID of the topmost added (removed) node above it; null if none."
        ),
    },
)
FACT_PRESENCE = obj(
    "A fact that is only in one file.",
    {
        "node": string("ID of its node."),
        "within": nullable(
            {"type": "string"}, "ID of the added (removed) node it came (went) with; null if none."
        ),
        "fact": ref("fact", "The fact."),
    },
)
FILE_REF = obj(
    "One of the two files compared.",
    {"file": string("Name of the file."), "framework": string("ID of its framework.")},
)

DIFF = obj(
    "`hxq diff OLD NEW --json`: every difference by kind; empty lists for none.",
    {
        "schema_version": SCHEMA_VERSION,
        "old": FILE_REF,
        "new": FILE_REF,
        "identical": {"type": "boolean", "description": "Whether the two frameworks are the same."},
        "framework": CHANGES,
        "sources": obj(
            "Differences in the sources.",
            {
                "added": array("Sources only in the new file.", {"$ref": "#/definitions/source"}),
                "removed": array("Sources only in the old file.", {"$ref": "#/definitions/source"}),
                "edited": array(
                    "Sources in both, edited.",
                    obj(
                        "An edited source.", {"id": string("ID of the source."), "changes": CHANGES}
                    ),
                ),
            },
        ),
        "nodes": obj(
            "Differences in the nodes.",
            {
                "added": array("Nodes only in the new file.", PRESENCE),
                "removed": array("Nodes only in the old file.", PRESENCE),
                "moved": array(
                    "Nodes under a new ID with the same title.",
                    obj(
                        "A moved node.",
                        {
                            "old_id": string("Its old ID."),
                            "new_id": string("Its new ID."),
                            "title": ref("bilingual", "Its title."),
                            "within": nullable(
                                {"type": "string"},
                                "ID of the moved ancestor it moved with; null if none.",
                            ),
                        },
                    ),
                ),
                "retitled": array(
                    "Nodes with a new title.",
                    obj(
                        "A retitled node.",
                        {
                            "id": string("ID of the node."),
                            "old": ref("bilingual", "The old title."),
                            "new": ref("bilingual", "The new title."),
                        },
                    ),
                ),
                "edited": array(
                    "Nodes with other fields edited.",
                    obj(
                        "An edited node.",
                        {
                            "id": string("ID of the node."),
                            "title": ref("bilingual", "Its title."),
                            "changes": CHANGES,
                        },
                    ),
                ),
            },
        ),
        "facts": obj(
            "Differences in the facts.",
            {
                "changed": array(
                    "Facts in both, changed.",
                    obj(
                        "A changed fact.",
                        {
                            "id": string("Its ID in the new file."),
                            "old_id": string("Its ID in the old file."),
                            "node": string("ID of its node."),
                            "statement": ref("bilingual", "What it measures."),
                            "changes": CHANGES,
                        },
                    ),
                ),
                "added": array("Facts only in the new file.", FACT_PRESENCE),
                "removed": array("Facts only in the old file.", FACT_PRESENCE),
            },
        ),
    },
)

VALIDATE = obj(
    "`hxq validate --json`: whether the file is valid, and every problem with its place.",
    {
        "schema_version": SCHEMA_VERSION,
        "file": string("Name of the file checked."),
        "valid": {"type": "boolean", "description": "Whether the file has no problem."},
        "truncated": {
            "type": "boolean",
            "description": "Whether the list of problems was cut short.",
        },
        "warnings": array(
            "What is worth a look but does not make the file invalid (glossary renderings).",
            obj(
                "One warning.",
                {
                    "line": nullable({"type": "integer", "minimum": 1}, "Line; null when unknown."),
                    "column": nullable(
                        {"type": "integer", "minimum": 1},
                        "Column; null when unknown.",
                    ),
                    "path": string(
                        "Where in the document, e.g. nodes[3].children[0].id; empty for the whole file."
                    ),
                    "message": string("What is wrong, for a person."),
                    "rule": string("Name of the rule broken."),
                },
            ),
        ),
        "problems": array(
            "The problems, in the order of the file.",
            obj(
                "One problem.",
                {
                    "line": nullable(
                        {"type": "integer", "minimum": 1}, "Line of the problem; null when unknown."
                    ),
                    "column": nullable(
                        {"type": "integer", "minimum": 1},
                        "Column of the problem; null when unknown.",
                    ),
                    "path": string(
                        "Where in the document, e.g. nodes[3].children[0].id; empty for the whole file."
                    ),
                    "message": string("What is wrong, for a person."),
                    "rule": string("Name of the rule broken."),
                },
            ),
        ),
    },
)

TERM_USE = obj(
    "A text of a node or a fact that holds one of the term's forms.",
    {
        "id": string("ID of the node, or of the fact."),
        "kind": {"enum": ["node", "fact"], "description": "Whether `id` names a node or a fact."},
        "title": ref("bilingual", "The node's title, or the fact's statement."),
        "field": string(
            "The field that holds the term, as the framework file names it: title, aliases,"
            " role, action, target, description; of a fact statement, compared_with, anchor."
        ),
        "lang": nullable(
            {"enum": ["zh", "en"]},
            "The language of the text; null for a field that is not translated (aliases, anchor).",
        ),
    },
)

TERM_WITH_USES = with_every_field(
    "term",
    obj(
        "A key term (its fields as the framework file writes them), and where it is used.",
        {
            "uses": array(
                "Each text of the framework that holds the term's Chinese, English or a variant"
                " (matched as `hxq search` matches), in document order.",
                TERM_USE,
            ),
        },
    ),
)

TERMS = obj(
    "`hxq terms [QUERY] --json`: the glossary terms QUERY names (every term without one), each"
    " with the nodes and facts that use it.",
    {
        "schema_version": SCHEMA_VERSION,
        "framework": FRAMEWORK_ID,
        "query": nullable(
            {"type": "string"}, "The term looked up, as given; null for the whole glossary."
        ),
        "terms": array("The terms, in the order of the file.", TERM_WITH_USES),
    },
)

INTEGER = {"type": "integer", "minimum": 0}
WHERE = {
    "offset": {**INTEGER, "description": "Character offset of the item in the text (0-based)."},
    "line": {**INTEGER, "description": "Line of the item in the text (1-based)."},
    "column": {**INTEGER, "description": "Column of the item in its line (1-based)."},
}
NULLABLE_TEXT = {"type": ["string", "null"]}
DRAFT = obj(
    "`hxq draft --json`: the numbered formulations, figures and sections found in a text.",
    {
        "schema_version": SCHEMA_VERSION,
        "source": obj(
            "The text drafted from.",
            {
                "name": string("Its path as given ('<stdin>' for standard input)."),
                "sha256": string("SHA-256 of its bytes."),
                "characters": {**INTEGER, "description": "Its length in characters."},
                "title": string("Its first line that is not blank."),
            },
        ),
        "spine": {
            **NULLABLE_TEXT,
            "description": "Name of the text's top-level formulation (a “123456”), or null.",
        },
        "formulations": array(
            "Every numbered formulation, once, in the order of the text.",
            obj(
                "A phrase in which a number counts a named set (三大攻坚战, “1+N+X”).",
                {
                    "name": string("As written, without quotation marks."),
                    "count": {**INTEGER, "description": "The number the name states."},
                    "parts": array("The parts the text names, in its order.", {"type": "string"}),
                    "parts_guessed": {
                        "type": "boolean",
                        "description": "Whether the parts are a guess a person should check.",
                    },
                    "count_differs": {
                        "type": "boolean",
                        "description": "Whether parts were found, but not as many as the count.",
                    },
                    "anchor": string("An exact span of the text holding the name."),
                    "clause": string(
                        "The clause of the text that holds the name, as the draft quotes it"
                        " (cut at a clause boundary, … where cut)."
                    ),
                    "section": {
                        **NULLABLE_TEXT,
                        "description": "ID of the section it stands in (see sections).",
                    },
                    **WHERE,
                },
            ),
        ),
        "figures": array(
            "Every figure, in the order of the text.",
            obj(
                "A number that measures something, with an anchor `hxq verify` finds.",
                {
                    "value": {
                        "oneOf": [
                            NUMBER,
                            string("An exact fraction.", pattern="^[0-9]+/[0-9]+$"),
                        ],
                        "description": 'The number in its unit (24.24 for 24.24亿元; "1/3").',
                    },
                    "unit": string("The unit or measure word as written: %, 亿元, 万人, 倍 …"),
                    "qualifier": {
                        **NULLABLE_TEXT,
                        "description": "The hedge as written (近, 左右, 超过, 多, 翻倍 …), or null.",
                    },
                    "hedge": {
                        "enum": [
                            None,
                            *FRAMEWORK["definitions"]["fact"]["properties"]["qualifier"]["enum"],
                        ],
                        "description": "The hedge in the vocabulary of a fact's qualifier, or null.",
                    },
                    "display": {
                        "anyOf": [{"$ref": "#/definitions/bilingual"}, {"type": "null"}],
                        "description": "How a reader says a figure its number and unit cannot say (翻一番 / doubled).",
                    },
                    "as_of": {
                        **NULLABLE_TEXT,
                        "description": "The date the text gives it (截至2025年底: 2025-12-31), or null.",
                    },
                    "text": string("The figure as written."),
                    "anchor": string(
                        "An exact span of the text around the figure that occurs in it once"
                        " (as `hxq verify` reads it: line breaks and spaces left out)."
                    ),
                    "clause": string(
                        "The clause of the text that holds it, as the draft quotes it"
                        " (cut at a clause boundary, … where cut)."
                    ),
                    "unsure": array(
                        "What a person should check: unit, qualifier.",
                        {"enum": ["unit", "qualifier"]},
                    ),
                    "section": {
                        **NULLABLE_TEXT,
                        "description": "ID of the section it stands in (see sections).",
                    },
                    **WHERE,
                },
            ),
        ),
        "sections": array(
            "The headings of the text (一、, （一）, and unnumbered headings on lines of their"
            " own), or its paragraphs that hold an item.",
            obj(
                "A heading or paragraph.",
                {
                    "id": string(
                        "Its node ID in the draft (1, 3.2, as the text numbers its headings or"
                        " in their order; p4 for a paragraph)."
                    ),
                    "title": string(
                        "The heading, or a paragraph's first sentence cut at a clause boundary."
                    ),
                    "quote": string(
                        "The sentence that opens it (after a heading; a paragraph's first), as"
                        " the draft quotes it for its description; empty when there is none."
                    ),
                    "level": {"enum": [1, 2], "description": "1 a part, 2 a section of one."},
                    **WHERE,
                },
            ),
        ),
    },
)

OUTPUTS = {
    "show": ("hxq show --json", SHOW),
    "facts": ("hxq facts --json", FACTS),
    "search": ("hxq search --json", SEARCH),
    "verify": ("hxq verify --json", VERIFY),
    "diff": ("hxq diff --json", DIFF),
    "validate": ("hxq validate --json", VALIDATE),
    "terms": ("hxq terms --json", TERMS),
    "draft": ("hxq draft --json", DRAFT),
}


def main() -> None:
    folder = ROOT / "schemas"
    folder.mkdir(exist_ok=True)
    for name, (title, body) in OUTPUTS.items():
        schema = document(name, title, body["description"], body, FRAMEWORK_DEFS)
        text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        (folder / f"{name}.schema.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
