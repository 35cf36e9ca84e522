"""The facts table as CSV: one column list, one writer, for `hxq facts --csv`, `hxq export
--format csv` and the Data Package's facts.csv.

Written with the csv module (RFC 4180: quoted where needed, CRLF line ends), UTF-8, a header
row, no byte-order mark unless asked (`--excel`: the mark is what makes Excel read the file
as UTF-8, Chinese intact; other tools read it as a stray character in the first header).
The spreadsheet form (the default) shows control characters as escapes and prefixes a text
cell a spreadsheet would run as a formula (=, +, -, @ first) with an apostrophe. The data
form (for the Data Package) keeps every value exactly as it is.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from fractions import Fraction

from hxq_cli.model import Bilingual, Framework, Lang, Value
from hxq_cli.queries.facts import FactRow, fact_rows
from hxq_cli.text import visible
from hxq_cli.zh.display import chinese, english, format_number

#: Written first with --excel, so that Excel knows the file is UTF-8.
BOM = "\ufeff"
LINE_TERMINATOR = "\r\n"

#: The columns of the facts table, in order, with what each holds (the header, and the field
#: descriptions of the Data Package). Columns are only ever added, at the end.
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("node_id", "ID of the node (part of the framework) the fact belongs to, e.g. 4.2."),
    ("node_title_zh", "Title of that node in Chinese."),
    ("node_title_en", "Title of that node in English."),
    ("fact_id", "ID of the fact: the node's ID, a dot and a word."),
    ("statement_zh", "What the figure measures, in Chinese."),
    ("statement_en", "What the figure measures, in English."),
    (
        "qualifier",
        "How the source hedges the figure: nearly, about, more_than, passed, at_least, "
        "at_most or as_little_as; empty when it is given exactly.",
    ),
    ("value", "The figure, in the unit of the unit column."),
    ("unit", "Unit of the value as the source writes it (亿元, %, 个 …)."),
    (
        "normalized_value",
        "The figure in a base unit (亿元 → CNY, % → fraction, 万平方米 → m2 …); empty if unknown.",
    ),
    (
        "normalized_unit",
        "The base unit: CNY, m2, fraction, ratio, count, minutes, years or rank.",
    ),
    ("compared_with_zh", "For a ratio or share: what it is relative to, in Chinese."),
    ("compared_with_en", "For a ratio or share: what it is relative to, in English."),
    ("as_of", "When the figure holds: a date (YYYY-MM-DD) or a year, as the source gives it."),
    ("source", "ID of the source document the figure is taken from."),
    ("anchor", "The few characters of the source text that carry the figure."),
    ("display_zh", "The figure as Chinese writes it (近亿元, 1/3, 突破98%)."),
    ("display_en", "The figure as English writes it (nearly CNY 100 million, one third)."),
)
FACT_COLUMN_NAMES = tuple(name for name, _ in FACT_COLUMNS)

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

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unit_note(units: Iterable[str]) -> str:
    """A sentence naming each unit (in first-seen order) and, where known, what it means."""
    named = [
        f"{unit} ({UNIT_GLOSSARY[unit]})" if unit in UNIT_GLOSSARY else unit
        for unit in dict.fromkeys(units)
    ]
    return f"Units used: {', '.join(named)}." if named else ""


def cell(text: str | None) -> str:
    """A text cell that is safe to open in a spreadsheet: no control characters, no formula."""
    if text is None:
        return ""
    shown = visible(text)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def csv_number(value: Value | None) -> str:
    """A number as a CSV cell: 24.24, 179, a fraction as a decimal (the column is numeric; the
    display columns keep 1/3), and NaN / INF / -INF as Table Schema spells them."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        return repr(float(value))
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "INF" if value > 0 else "-INF"
    return format_number(value)


def _pair(text: Bilingual | None) -> tuple[str | None, str | None]:
    return (None, None) if text is None else (text.zh, text.en)


def fact_cells(row: FactRow, *, spreadsheet: bool = True) -> list[str]:
    """One row of the facts table, in the order of FACT_COLUMNS."""
    fact, node, normalized = row.fact, row.node, row.normalized
    text = cell if spreadsheet else (lambda value: value or "")
    return [
        text(node.id),
        *map(text, _pair(node.title)),
        text(fact.id),
        *map(text, _pair(fact.statement)),
        text(fact.qualifier),
        csv_number(fact.value),
        text(fact.unit),
        csv_number(normalized.value if normalized else None),
        normalized.unit if normalized else "",
        *map(text, _pair(fact.compared_with)),
        text(fact.as_of),
        text(fact.source),
        text(fact.anchor),
        text(chinese(fact)),
        text(english(fact)),
    ]


def write_rows(header: Iterable[str], rows: Iterable[Iterable[str]], *, bom: bool = False) -> str:
    """CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_TERMINATOR)
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM if bom else "") + buffer.getvalue()


def facts_csv(rows: Iterable[FactRow], *, spreadsheet: bool = True, bom: bool = False) -> str:
    """The facts as CSV text: the header row (FACT_COLUMNS), then one row per fact; `bom`
    starts it with a byte-order mark (for Excel)."""
    cells = (fact_cells(row, spreadsheet=spreadsheet) for row in rows)
    return write_rows(FACT_COLUMN_NAMES, cells, bom=bom)


def export(framework: Framework, lang: Lang = "both", *, excel: bool = False) -> str:
    """Every fact of the framework as spreadsheet CSV (both languages always); `excel` adds
    the byte-order mark Excel needs to read UTF-8."""
    return facts_csv(fact_rows(framework), bom=excel)


#: The columns of the glossary table.
TERM_COLUMNS = ("zh", "en", "variants", "note")


def terms_csv(framework: Framework) -> str:
    """The glossary as CSV: Chinese, English, other English forms (separated by "; "), note."""
    rows = (
        [cell(t.zh), cell(t.en), cell("; ".join(t.variants)), cell(t.note)]
        for t in framework.glossary
    )
    return write_rows(TERM_COLUMNS, rows)
