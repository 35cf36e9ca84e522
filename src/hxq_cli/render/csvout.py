"""CSV output: UTF-8 text, a header row, one row per fact (`hxq export --format csv`).

Written with the csv module (RFC 4180 quoting, "\\n" line ends). Values are written as they
are in the framework: this is data, not a view, so nothing is escaped or reworded.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator

from hxq_cli.model import Fact, Framework, Node, Number, format_number

LINE_TERMINATOR = "\n"

#: The columns of the facts table, in order, with what each holds (used for the header and
#: as the field descriptions of the Data Package).
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("node_id", "ID of the node (part of the framework) the fact belongs to, e.g. 4.2."),
    ("node_title_zh", "Title of that node in Chinese."),
    ("node_title_en", "Title of that node in English."),
    ("fact_id", "ID of the fact: the node's ID, a dot and a word."),
    ("statement_zh", "What the figure measures, in Chinese."),
    ("statement_en", "What the figure measures, in English."),
    (
        "qualifier",
        "How the source hedges the figure: approximately, more_than, at_least or as_low_as; "
        "empty when it is given exactly.",
    ),
    ("value", "The figure, in the unit of the unit column."),
    ("unit", "Unit of the value as the source writes it (亿元, %, 个 …)."),
    ("compared_with_zh", "For a ratio or share: what it is relative to, in Chinese."),
    ("compared_with_en", "For a ratio or share: what it is relative to, in English."),
    ("as_of", "When the figure holds: a date (YYYY-MM-DD) or a year, as the source gives it."),
    ("source", "ID of the source document the figure is taken from."),
    ("anchor", "The few characters of the source text that carry the figure."),
)


#: What the units common in Chinese policy texts mean, for readers of the exported tables.
UNIT_GLOSSARY: dict[str, str] = {
    "亿元": "100 million yuan",
    "万元": "10,000 yuan",
    "元": "yuan",
    "万平方米": "10,000 square metres",
    "平方米": "square metres",
    "亩": "mu (about 667 square metres)",
    "%": "percent",
    "倍": "times (a ratio)",
    "占比": "a share between 0 and 1",
    "个": "count of items",
    "家": "count of companies or institutions",
    "项": "count of projects, standards or measures",
    "名": "count of people",
    "人": "count of people",
    "次": "count of times",
    "名次": "a rank (1 is first)",
    "分钟": "minutes",
    "天": "days",
    "年": "years",
}


def unit_note(units: Iterable[str]) -> str:
    """A sentence naming each unit (in first-seen order) and, where known, what it means."""
    named = [
        f"{unit} ({UNIT_GLOSSARY[unit]})" if unit in UNIT_GLOSSARY else unit
        for unit in dict.fromkeys(units)
    ]
    return f"Units used: {', '.join(named)}." if named else ""


def csv_number(value: Number) -> str:
    """A number as a CSV cell: 24.24, 179, and NaN / INF / -INF as Table Schema spells them."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return format_number(value)


def fact_row(node: Node, fact: Fact) -> list[str]:
    """One row of the facts table, in the order of FACT_COLUMNS; empty cells for absent values."""
    compared = fact.compared_with
    return [
        node.id,
        node.title.zh,
        node.title.en,
        fact.id,
        fact.statement.zh,
        fact.statement.en,
        fact.qualifier or "",
        csv_number(fact.value),
        fact.unit,
        compared.zh if compared else "",
        compared.en if compared else "",
        fact.as_of or "",
        fact.source or "",
        fact.anchor or "",
    ]


def write_rows(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_TERMINATOR)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _fact_rows(framework: Framework) -> Iterator[list[str]]:
    for node, fact in framework.facts():
        yield fact_row(node, fact)


def framework_facts_csv(framework: Framework) -> str:
    """Every fact of the framework, one per row, in document order, with a header row."""
    return write_rows((name for name, _ in FACT_COLUMNS), _fact_rows(framework))
