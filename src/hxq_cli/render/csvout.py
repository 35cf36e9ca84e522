"""CSV output: written with the csv module, UTF-8 with a byte-order mark and a header row.

The byte-order mark is what makes Excel read the file as UTF-8 (Chinese intact); other
spreadsheets and `csv` readers opened with encoding "utf-8-sig" skip it. Data is untrusted:
control and bidi characters are shown as escapes, and a text cell that a spreadsheet would
run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from hxq_cli.facts import FactRow
from hxq_cli.model import Bilingual, Number, format_number
from hxq_cli.render.safe import visible

#: Written first, so that spreadsheets know the file is UTF-8.
BOM = "\ufeff"

#: The columns of `facts_csv`, in order. Columns are only ever added, at the end.
FACT_COLUMNS = (
    "id",
    "node_id",
    "node_zh",
    "node_en",
    "statement_zh",
    "statement_en",
    "value",
    "unit",
    "qualifier",
    "normalized_value",
    "normalized_unit",
    "compared_with_zh",
    "compared_with_en",
    "as_of",
    "anchor",
    "source",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str | None) -> str:
    """A text cell that is safe to open: no control characters, never taken for a formula."""
    if text is None:
        return ""
    shown = visible(text)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


def _number(value: Number | None) -> str:
    return "" if value is None else format_number(value)


def _pair(text: Bilingual | None) -> list[str]:
    return ["", ""] if text is None else [cell(text.zh), cell(text.en)]


def facts_csv(rows: Iterable[FactRow], *, bom: bool = True) -> str:
    """The facts as CSV text: a header row (FACT_COLUMNS), then one row per fact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FACT_COLUMNS)
    for row in rows:
        fact = row.fact
        normalized = row.normalized
        writer.writerow(
            [
                cell(fact.id),
                cell(row.node.id),
                *_pair(row.node.title),
                *_pair(fact.statement),
                _number(fact.value),
                cell(fact.unit),
                cell(fact.qualifier),
                _number(normalized.value if normalized else None),
                normalized.unit if normalized else "",
                *_pair(fact.compared_with),
                cell(fact.as_of),
                cell(fact.anchor),
                cell(fact.source),
            ]
        )
    return (BOM if bom else "") + buffer.getvalue()
