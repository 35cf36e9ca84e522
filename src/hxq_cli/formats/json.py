"""JSON output of every command: the documents, and one writer (orjson), never through Rich."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from hxq_cli.model import Fact, Framework, Lang, Located, Node, value_to_data
from hxq_cli.text import escape_for_json

if TYPE_CHECKING:
    from hxq_cli.queries.diff import Change, FactPresence, FrameworkDiff, NodePresence
    from hxq_cli.queries.draft import Draft, Where
    from hxq_cli.queries.facts import FactRow
    from hxq_cli.queries.search import SearchHit
    from hxq_cli.queries.terms import TermUses
    from hxq_cli.queries.validate import Report
    from hxq_cli.queries.verify import Place, VerifyReport
    from hxq_cli.zh.figures import Figure

#: Version of every JSON document hxq writes; bumped when a key changes meaning or goes away.
SCHEMA_VERSION = 1


class Items:
    """A list in a document whose items are made one at a time as the document is written
    (`iter_dumps`), so that a large output never holds all of them at once. Iterated once. It
    stands as an item of another `Items` or as a value of `Parts`."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self._items = items

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)


class Parts(dict[str, Any]):
    """A mapping in a document that holds an `Items` (as a value, or in a `Parts` value):
    written member by member."""


#: What `iter_dumps` gathers before handing text on: large enough for few writes.
PIECE_SIZE = 1 << 16


def dumps(document: Any) -> str:
    """Indented JSON (two spaces), Chinese kept as UTF-8; control and bidi characters escaped.

    Written by orjson, the fastest of the encoders measured (BENCHMARKS.md), which writes what
    `json.dumps(indent=2, ensure_ascii=False)` writes for hxq's documents. Its integers are
    64-bit, which the reader guarantees.
    """
    return "".join(iter_dumps(document))


def iter_dumps(document: Any, *, ascii_only: bool = False) -> Iterator[str]:
    """The text `dumps` writes, in pieces of about `PIECE_SIZE` characters: each `Items` list
    is written item by item, every value in it by the encoder (orjson; with `ascii_only`,
    `json.dumps(ensure_ascii=True)` for a stream that cannot take UTF-8), and the pieces put
    together as the encoder writes a whole document (two spaces a level, ", " between items).
    """
    encode = _ascii_value if ascii_only else _orjson_value
    held: list[str] = []
    size = 0
    for text in _composed(document, encode, 0):
        held.append(text)
        size += len(text)
        if size >= PIECE_SIZE:
            yield escape_for_json("".join(held))
            held.clear()
            size = 0
    held.append("\n")
    yield escape_for_json("".join(held))


def _orjson_value(value: Any) -> str:
    import orjson

    text: str = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    return text


def _ascii_value(value: Any) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=True)


#: Items encoded together, at most: fewer calls of the encoder, and still few items held.
_BATCH = 64


def _composed(value: Any, encode: Callable[[Any], str], depth: int) -> Iterator[str]:
    """`encode(value)`, with each `Items` in it written a few items at a time."""
    if isinstance(value, Items):
        opening = "["
        batch: list[Any] = []
        for item in value:
            if isinstance(item, Items | Parts):
                if batch:
                    yield opening + _batch(batch, encode, depth)
                    opening, batch = ",", []
                yield opening + "\n" + "  " * (depth + 1)
                opening = ","
                yield from _composed(item, encode, depth + 1)
                continue
            batch.append(item)
            if len(batch) == _BATCH:
                yield opening + _batch(batch, encode, depth)
                opening, batch = ",", []
        if batch:
            yield opening + _batch(batch, encode, depth)
            opening = ","
        yield "[]" if opening == "[" else "\n" + "  " * depth + "]"
    elif isinstance(value, Parts):
        inner = "\n" + "  " * (depth + 1)
        opening = "{"
        for key, item in value.items():
            yield opening + inner + encode(key) + ": "
            opening = ","
            yield from _composed(item, encode, depth + 1)
        yield "{}" if opening == "{" else "\n" + "  " * depth + "}"
    else:
        text = encode(value)
        # Indented as deep as the value stands: JSON text holds no line break but these.
        yield text.replace("\n", "\n" + "  " * depth) if depth else text


def _batch(items: list[Any], encode: Callable[[Any], str], depth: int) -> str:
    """Items of a list at `depth`, encoded as one list: its lines without the brackets, from
    the line break before the first item to the end of the last."""
    body = encode(items)[1:-2]  # "\n  item,\n  item" of "[\n  item,\n  item\n]"
    return body.replace("\n", "\n" + "  " * depth) if depth else body


def framework_json(framework: Framework) -> dict[str, Any]:
    """The whole framework: every node, fact and source, in the framework file's shape; its
    nodes made one at a time as it is written (`Items`)."""
    head = framework.head_dict()
    # The framework's own keys in their order, "nodes" the last of them.
    head["nodes"] = Items(node_document(node) for node in framework.passing_tops())
    return Parts(head)


def node_document(node: Node) -> dict[str, Any]:
    """The node as the framework file writes it (`Node.to_dict`), its parts made one at a
    time as it is written (`Items`)."""
    children = node.children
    if not children:
        if len(node.facts) <= _BATCH:
            return node.to_dict(without="children")
        # Without children, facts are a node's last field: a node of many (a draft of a text
        # without headings holds all its figures in one paragraph) writes them one by one.
        own = node.to_dict(without="facts")
        own["facts"] = Items(fact.to_dict() for fact in node.facts)
        return Parts(own)
    own = node.to_dict(without="children")
    own["children"] = Items(node_document(child) for child in children)
    return Parts(own)


def node_json(framework: Framework, located: Located) -> dict[str, Any]:
    """One node with its subtree, and the path of ancestors that leads to it."""
    return Parts(
        schema_version=SCHEMA_VERSION,
        framework=framework.id,
        path=[{"id": n.id, "title": n.title.to_dict()} for n in located.path[:-1]],
        node=node_document(located.node),
    )


def fact_json(framework: Framework, located: Located, fact: Fact) -> dict[str, Any]:
    """One fact (`hxq show FACT-ID --json`), with the path of nodes that holds it."""
    entry = fact.to_dict()
    entry["display"] = _display(fact)
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework.id,
        "path": _path(located.path),
        "fact": entry,
    }


def _path(nodes: tuple[Node, ...]) -> list[dict[str, Any]]:
    return [{"id": n.id, "title": n.title.to_dict()} for n in nodes]


def fact_entry(row: FactRow) -> dict[str, Any]:
    """One fact: its own keys, the path of nodes that holds it, and its value in a base unit."""
    own = row.fact.to_dict()
    normalized = row.normalized
    base = row.base
    entry: dict[str, Any] = {
        "id": own.pop("id"),
        "path": _path(row.path),
        "statement": own.pop("statement"),
        "value": own.pop("value"),
        "unit": own.pop("unit"),
        "display": _display(row.fact),
        "normalized": None
        if normalized is None
        else {
            "value": normalized.value,
            "unit": normalized.unit,
            "base": None if base is None else base.to_dict(),
        },
    }
    entry.update(own)
    return entry


def facts_json(framework: Framework, rows: Iterable[FactRow]) -> dict[str, Any]:
    """The facts of `hxq facts`, each with its node path and normalised value; each entry made
    as it is written (`Items`)."""
    return Parts(
        schema_version=SCHEMA_VERSION,
        framework=framework.id,
        facts=Items(fact_entry(row) for row in rows),
    )


def _figure(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "text": figure.text,
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
    }


def _places(places: tuple[Place, ...]) -> list[dict[str, Any]]:
    return [{"line": p.line, "column": p.column, "figure": _figure(p.figure)} for p in places]


def verify_json(framework: Framework, report: VerifyReport) -> dict[str, Any]:
    """The per-fact and per-title report of `hxq verify`, with the edition of the source."""
    source = report.source
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework.id,
        "source": {
            "id": None if source is None else source.id,
            "file": report.source_name,
            "sha256": report.sha256,
            "recorded_sha256": report.recorded_sha256,
            "same_edition": report.same_edition,
        },
        "ok": report.ok,
        "summary": {
            "checked": len(report.facts),
            "found": report.tally["found"],
            "mismatched": report.tally["mismatch"],
            "missing": report.tally["missing"],
            "ambiguous": report.tally["ambiguous"],
            "unanchored": report.tally["unanchored"],
            "counts_checked": len(report.counts),
            "counts_wrong": report.wrong_counts,
            "counts_todo": report.todo_counts,
            "other_sources": report.other_sources,
        },
        "facts": [
            {
                "id": check.fact.id,
                "node": check.node.id,
                "status": check.status,
                "anchor": check.fact.anchor,
                "expected": {
                    "value": value_to_data(check.fact.value),
                    "unit": check.fact.unit,
                    "qualifier": check.fact.qualifier,
                },
                "places": _places(check.places),
                "places_total": check.places_total,
                "elsewhere": _places(check.elsewhere),
                "elsewhere_total": check.elsewhere_total,
                "message": check.message or None,
            }
            for check in report.facts
        ],
        "counts": [
            {
                "node": check.node.id,
                "title": check.node.title.to_dict(),
                "announced": check.announced,
                "actual": check.actual,
                "status": check.status,
            }
            for check in report.counts
        ],
    }


def _node_ref(node: Node) -> dict[str, Any]:
    return {"id": node.id, "title": node.title.to_dict()}


def search_json(framework_id: str, query: str, hits: Sequence[SearchHit]) -> dict[str, Any]:
    """`hxq search --json`: the query and every hit, best rank first (the same shape for none)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework_id,
        "query": query,
        "hits": [
            {
                "node": _node_ref(hit.node),
                "path": [_node_ref(node) for node in hit.path[:-1]],
                "rank": hit.rank.name.lower(),
                "field": hit.field,
                "lang": hit.lang,
                "fact": None if hit.fact is None else hit.fact.to_dict(),
                "text": hit.text,
                "spans": [list(span) for span in hit.spans],
            }
            for hit in hits
        ],
    }


def _changes(changes: Iterable[Change]) -> list[dict[str, Any]]:
    # A value as the framework file writes it: a fraction as "1/3".
    return [
        {"field": c.field, "old": value_to_data(c.old), "new": value_to_data(c.new)}
        for c in changes
    ]


def _presence(presence: NodePresence) -> dict[str, Any]:
    node = presence.node
    return {
        "id": node.id,
        "title": node.title.to_dict(),
        "parent": presence.parent_id,
        "within": presence.within,
    }


def _fact_presence(presence: FactPresence) -> dict[str, Any]:
    return {"node": presence.node_id, "within": presence.within, "fact": presence.fact.to_dict()}


def diff_json(
    report: FrameworkDiff, old: tuple[str, Framework], new: tuple[str, Framework]
) -> dict[str, Any]:
    """`hxq diff --json`: every difference by kind; empty lists (never missing keys) for none.

    `old` and `new` are (file name, framework) pairs.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "old": {"file": old[0], "framework": old[1].id},
        "new": {"file": new[0], "framework": new[1].id},
        "identical": report.identical,
        "framework": _changes(report.framework),
        "sources": {
            "added": [source.to_dict() for source in report.sources_added],
            "removed": [source.to_dict() for source in report.sources_removed],
            "edited": [{"id": s.id, "changes": _changes(s.changes)} for s in report.sources_edited],
        },
        "nodes": {
            "added": [_presence(p) for p in report.added],
            "removed": [_presence(p) for p in report.removed],
            "moved": [
                {
                    "old_id": m.old_id,
                    "new_id": m.new_id,
                    "title": m.title.to_dict(),
                    "within": m.within,
                }
                for m in report.moved
            ],
            "retitled": [
                {"id": r.id, "old": r.old.to_dict(), "new": r.new.to_dict()}
                for r in report.retitled
            ],
            "edited": [
                {"id": e.id, "title": e.title.to_dict(), "changes": _changes(e.changes)}
                for e in report.edited
            ],
        },
        "facts": {
            "changed": [
                {
                    "id": f.id,
                    "old_id": f.old_id,
                    "node": f.node_id,
                    "statement": f.statement.to_dict(),
                    "changes": _changes(f.changes),
                }
                for f in report.facts_changed
            ],
            "added": [_fact_presence(p) for p in report.facts_added],
            "removed": [_fact_presence(p) for p in report.facts_removed],
        },
    }


def validation_json(report: Report) -> dict[str, Any]:
    """`hxq validate --json`: whether the file is valid, and every problem with its place."""
    return {
        "schema_version": SCHEMA_VERSION,
        "file": report.file,
        "valid": report.valid,
        "truncated": report.truncated,
        "warnings": [
            {
                "line": warning.line,
                "column": warning.column,
                "path": warning.path,
                "message": warning.message,
                "rule": warning.rule,
            }
            for warning in report.warnings
        ],
        "problems": [
            {
                "line": problem.line,
                "column": problem.column,
                "path": problem.path,
                "message": problem.message,
                "rule": problem.rule,
            }
            for problem in report.problems
        ],
    }


def export(framework: Framework, lang: Lang = "both") -> str:
    """The framework document as JSON (both languages always)."""
    return dumps(framework_json(framework))


def pieces(framework: Framework, lang: Lang = "both") -> Iterator[str]:
    """`export`'s text in pieces, node by node."""
    return iter_dumps(framework_json(framework))


def terms_json(framework: Framework, found: list[TermUses], query: str | None) -> dict[str, Any]:
    """`hxq terms [QUERY] --json`: the glossary terms the query names (all without one), each
    with where the framework uses it."""
    return {
        "schema_version": SCHEMA_VERSION,
        "framework": framework.id,
        "query": query,
        "terms": [
            {
                **item.term.to_dict(),
                "uses": [
                    {
                        "id": use.id,
                        "kind": use.kind,
                        "title": use.title.to_dict(),
                        "field": use.field,
                        "lang": use.lang,
                    }
                    for use in item.uses
                ],
            }
            for item in found
        ],
    }


def _display(fact: Fact) -> dict[str, str]:
    # Imported here: the figure grammar it loads is not needed by `hxq show --json`.
    from hxq_cli.zh.display import chinese, english

    return {"zh": chinese(fact), "en": english(fact)}


def _where(where: Where) -> dict[str, int]:
    return {"line": where.line, "column": where.column, "offset": where.offset}


def draft_json(draft: Draft) -> dict[str, Any]:
    """What `hxq draft` found in a text: its formulations, figures and sections, each with the
    place it stands in the text (offset 0-based, line and column 1-based); each item made as
    it is written (`Items`), so that a text of many figures never has all their entries (ten
    times the text) held at once."""
    formulations = (
        {
            "name": f.name,
            "count": f.count,
            "parts": list(f.parts),
            "parts_guessed": f.parts_guessed,
            "count_differs": f.count_differs,
            "anchor": f.anchor,
            "clause": f.clause,
            "section": f.section,
            **_where(f.where),
        }
        for f in draft.formulations
    )
    figures = (
        {
            "value": value_to_data(f.found.value),
            "unit": f.found.unit,
            "qualifier": f.found.word,
            "hedge": f.found.qualifier,
            "display": {"zh": f.found.display[0], "en": f.found.display[1]}
            if f.found.display
            else None,
            "as_of": f.found.as_of,
            "text": f.found.text,
            "anchor": f.anchor,
            "clause": f.clause,
            "unsure": list(f.found.unsure),
            "section": f.section,
            **_where(f.where),
        }
        for f in draft.figures
    )
    sections = (
        {"id": s.id, "title": s.title, "quote": s.quote, "level": s.level, **_where(s.where)}
        for s in draft.sections
    )
    return Parts(
        schema_version=SCHEMA_VERSION,
        source={
            "name": draft.source,
            "sha256": draft.sha256,
            "characters": draft.characters,
            "title": draft.title,
        },
        spine=draft.spine.name if draft.spine else None,
        formulations=Items(formulations),
        figures=Items(figures),
        sections=Items(sections),
    )
