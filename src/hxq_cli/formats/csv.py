"""The facts table as CSV: one writer, for `hxq facts --csv`, `hxq export --format csv`, the
Data Package's tables and `hxq terms --csv`; the columns are `formats.columns`'.

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
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from itertools import islice
from typing import Any

from hxq_cli.formats.columns import FACT_SHEET, TERM_SHEET, Kind, Table, converted
from hxq_cli.model import Framework, Lang, Value
from hxq_cli.queries.facts import FactRow, each_fact_row
from hxq_cli.text import visible
from hxq_cli.zh.display import format_number

#: Written first with --excel, so that Excel knows the file is UTF-8.
BOM = "\ufeff"
LINE_TERMINATOR = "\r\n"

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
    # Also behind spaces: an import that trims cells would otherwise run " =1+1".
    return "'" + shown if shown.lstrip().startswith(_FORMULA_START) else shown


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


def _data_text(text: str | None) -> str:
    return text or ""


def _integer(number: int | None) -> str:
    return "" if number is None else str(number)


#: How each kind of column is written: in a spreadsheet (safe to open: see `cell`), or as data
#: (every value exactly as it is).
SPREADSHEET_CELLS: dict[Kind, Callable[[Any], str]] = {
    "text": cell,
    "integer": _integer,
    "number": csv_number,
    "real": csv_number,
}
DATA_CELLS: dict[Kind, Callable[[Any], str]] = {**SPREADSHEET_CELLS, "text": _data_text}


def table_csv(
    table: Table[Any], items: Iterable[Any], *, spreadsheet: bool = True, bom: bool = False
) -> str:
    """CSV text of a table's rows of these items, its header first; `spreadsheet` makes every
    text cell safe to open (`cell`), `bom` starts it with a byte-order mark (for Excel)."""
    cells = SPREADSHEET_CELLS if spreadsheet else DATA_CELLS
    return write_rows(table.names, converted(table, table.rows(items), cells), bom=bom)


def write_rows(header: Iterable[str], rows: Iterable[Iterable[str]], *, bom: bool = False) -> str:
    """CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_TERMINATOR)
    writer.writerow(header)
    writer.writerows(rows)
    return (BOM if bom else "") + buffer.getvalue()


def facts_csv(rows: Iterable[FactRow], *, spreadsheet: bool = True, bom: bool = False) -> str:
    """The facts as CSV text: the header row, then one row per fact (`table_csv`)."""
    return table_csv(FACT_SHEET, rows, spreadsheet=spreadsheet, bom=bom)


def export(framework: Framework, lang: Lang = "both", *, excel: bool = False) -> str:
    """Every fact of the framework as spreadsheet CSV (both languages always); `excel` adds
    the byte-order mark Excel needs to read UTF-8."""
    return "".join(pieces(framework, lang, excel=excel))


#: Rows written into one piece of `pieces`.
ROWS_PER_PIECE = 500


def pieces(framework: Framework, lang: Lang = "both", *, excel: bool = False) -> Iterator[str]:
    """`export`'s text in pieces of a few hundred rows, made as they are written: a large
    framework's facts are never all held at once."""
    table = FACT_SHEET
    rows = converted(table, table.rows(each_fact_row(framework)), SPREADSHEET_CELLS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_TERMINATOR)
    buffer.write(BOM if excel else "")
    writer.writerow(table.names)
    while True:
        batch = list(islice(rows, ROWS_PER_PIECE))
        writer.writerows(batch)
        yield buffer.getvalue()
        if len(batch) < ROWS_PER_PIECE:
            return
        buffer.seek(0)
        buffer.truncate()


def terms_csv(framework: Framework) -> str:
    """The glossary as CSV: Chinese, English, other English forms (separated by "; "), note."""
    return table_csv(TERM_SHEET, framework.glossary)
