"""A field is declared once, in the model: reading, writing, the tables and the comparisons
follow its declaration."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import SHIPPED, load_framework
from hxq_cli.formats.columns import DATABASE, FACT_SHEET, table
from hxq_cli.model import Fact, Node, Record, Source, Term
from hxq_cli.queries.facts import FactRow, fact_rows

FRAMEWORK = load_framework(SHIPPED)


def _with_a_field_more() -> type[Record]:
    """Fact with one more field, `reviewed_by`, declared as a new field of the model would be
    (CONTRIBUTING.md tells how a real one is added)."""
    declared = [
        (
            one.name,
            one.type,
            dataclasses.field(metadata=one.metadata)
            if one.default is dataclasses.MISSING
            else dataclasses.field(default=one.default, metadata=one.metadata),
        )
        for one in dataclasses.fields(Fact)
    ]
    declared.append(("reviewed_by", "str | None", dataclasses.field(default=None)))
    made: type[Record] = dataclasses.make_dataclass(
        "Fact", declared, bases=(Record,), slots=True, unsafe_hash=True
    )
    return made


@pytest.mark.parametrize("record", [Fact, Node, Source, Term])
def test_every_record_reads_back_what_it_writes(record: type[Record]) -> None:
    groups: dict[type[Record], list[Record]] = {
        Fact: [fact for _, fact in FRAMEWORK.facts()],
        Node: list(FRAMEWORK.walk()),
        Source: list(FRAMEWORK.sources),
        Term: list(FRAMEWORK.glossary),
    }
    found = groups[record]
    assert found
    for item in found:
        assert record.from_dict(item.to_dict()) == item


def test_a_field_added_to_facts_is_read_written_and_a_column_of_the_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    widened_fact = _with_a_field_more()
    row = fact_rows(FRAMEWORK)[0]
    raw = {**row.fact.to_dict(), "reviewed_by": "a reader of the source"}
    fact = widened_fact.from_dict(raw)
    written = fact.to_dict()
    # Written after the fields declared before it, and read back as it was.
    assert list(written) == [*row.fact.to_dict(), "reviewed_by"]
    assert widened_fact.from_dict(written) == fact
    assert "reviewed_by" not in widened_fact.from_dict(row.fact.to_dict()).to_dict()

    # The framework schema describes the new field; its column takes that description.
    from hxq_cli import read

    schema = read.framework_schema()
    properties = {
        **schema["definitions"]["fact"]["properties"],
        "reviewed_by": {
            "type": "string",
            "description": "Who checked the figure against the source.",
        },
    }
    fact_definition = {**schema["definitions"]["fact"], "properties": properties}
    definitions = {**schema["definitions"], "fact": fact_definition}
    monkeypatch.setattr(read, "framework_schema", lambda: {**schema, "definitions": definitions})
    for listed in (FACT_SHEET, next(t for t in DATABASE if t.name == "facts")):
        widened = table(listed.name, widened_fact, listed.items, listed.record_of, listed.columns)
        assert widened.names == (*listed.names, "reviewed_by")
        added = widened.columns[-1]
        assert (added.description, added.kind, added.sql()) == (
            "Who checked the figure against the source.",
            "text",
            "TEXT",
        )
        item = FactRow(fact, row.path)  # type: ignore[arg-type]
        with_url, without = widened.rows([item]), listed.rows([row])
        assert next(with_url) == [*next(without), "a reader of the source"]
