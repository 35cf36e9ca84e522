"""The framework as an Excel workbook (XlsxWriter): sheets nodes, facts and sources.

Rows in the framework's order, the header row frozen, numbers in numeric cells, empty cells
where a value is missing, and columns wide enough for Chinese (a wide East Asian character
counts as two). The columns are the SQLite export's, so the two read alike.
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

from hxq_cli.formats import sqlite
from hxq_cli.formats.columns import DATABASE
from hxq_cli.model import Framework, Lang

#: The sheets, in the order a reader meets them: the database's tables, the tree first.
SHEETS = ("nodes", "facts", "sources", "glossary")
#: The widest a column grows, in characters of a Latin font; longer text wraps.
MAX_WIDTH = 60
MIN_WIDTH = 6


def display_width(text: str) -> int:
    """How many Latin-character columns the text takes: wide East Asian characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width(values: list[Any]) -> float:
    widest = max((display_width(str(v)) for v in values if v is not None), default=0)
    return min(max(widest + 2, MIN_WIDTH), MAX_WIDTH)


def export(framework: Framework, lang: Lang = "both") -> bytes:
    """The workbook file's bytes (both languages always)."""
    import xlsxwriter

    buffer = io.BytesIO()
    # in_memory: no temporary files; strings_to_numbers etc. off: text stays text.
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    header = workbook.add_format({"bold": True, "bottom": 1})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    number = workbook.add_format({"valign": "top"})
    tables = {table.name: table for table in DATABASE}
    for name in SHEETS:
        table = tables[name]
        sheet = workbook.add_worksheet(name)
        rows = list(sqlite.table_rows(table, framework))
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, column.name, header)
            sheet.write_comment(0, col, column.description)
            values = [row[col] for row in rows]
            sheet.set_column(col, col, _width([column.name, *values]), text)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool) or not isinstance(value, int | float):
                    sheet.write_string(r, col, str(value), text)
                else:
                    sheet.write_number(r, col, value, number)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(rows), len(table.columns) - 1)
    title = framework.title
    workbook.set_properties({"title": f"{title.zh} / {title.en}", "subject": framework.id})
    workbook.close()
    return buffer.getvalue()
