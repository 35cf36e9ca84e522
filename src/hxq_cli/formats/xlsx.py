"""The framework as an Excel workbook (XlsxWriter): sheets nodes, facts, sources and glossary.

Rows in the framework's order, the header row frozen, numbers in numeric cells, empty cells
where a value is missing, and columns wide enough for Chinese (a wide East Asian character
counts as two). The columns are the SQLite export's, so the two read alike.

Each sheet prints as a reader expects a table to: landscape A4, scaled to fit the page's width
(as many pages down as it takes), the header row repeated at the top of every page, with
gridlines, the framework's title and the sheet's name above and page numbers below.
"""

from __future__ import annotations

import io
import math
import re
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
#: The width of a sheet's columns together, in characters: what landscape A4 prints at about
#: two thirds of full size, so that a sheet fitted to the page's width stays readable.
PAGE_WIDTH = 250
#: A column narrowed to share PAGE_WIDTH keeps at least this width (an ID, a short title).
NARROWEST = 12
#: The height of one line of text in a row, in points (the default font, Chinese included), and
#: the most lines a row is given (Excel's highest row is 409 points).
LINE_HEIGHT = 15.5
MOST_LINES = 24
#: XlsxWriter's paper code for A4.
A4 = 9
#: The longest title a page header holds (Excel refuses a header of more than 255 characters).
HEADER_TITLE = 100


def display_width(text: str) -> int:
    """How many Latin-character columns the text takes: wide East Asian characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Where a wrapped line may break: after a space, or beside a wide (Chinese) character.
_PIECE = re.compile(r"[^\s\u1100-\uffff]*[\u1100-\uffff]?\s*")
#: The width of a letter of text in the default font (Calibri) against that of a digit, which
#: is what a column's width counts; a wide character takes two.
LETTER = 0.85


def _text_width(text: str) -> float:
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return 2 * wide + LETTER * (len(text) - wide)


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines `text` takes wrapped in a column `width` digits wide, breaking as
    a spreadsheet does: at spaces, and beside any wide character; a word longer than a line
    is cut. Rather one too many than one too few: a line too few hides text."""
    room = max(width - 1.5, 1.0)  # the cell's own margins
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for piece in _PIECE.findall(paragraph):
            word, space = _text_width(piece.rstrip()), LETTER * (len(piece) - len(piece.rstrip()))
            if used and used + word > room:
                lines += 1
                used = 0.0
            if word > room:
                lines += math.ceil(word / room) - 1
                used = word % room
            else:
                used += word
            used += space
    return lines


def column_widths(columns: list[list[Any]], budget: int = PAGE_WIDTH) -> list[float]:
    """The width of each column of values (its header first): as wide as its widest value,
    within MIN_WIDTH and MAX_WIDTH; when they add up to more than `budget`, the columns are
    narrowed to fit it, each to a width in proportion to its values' mean width (but at least
    NARROWEST or its own width), so that long texts keep the room they need to wrap in."""
    natural, mean = [], []
    for values in columns:
        widths = [display_width(str(v)) for v in values if v is not None]
        natural.append(float(min(max(max(widths, default=0) + 2, MIN_WIDTH), MAX_WIDTH)))
        mean.append(sum(widths[1:]) / len(widths[1:]) if widths[1:] else 1.0)
    if sum(natural) <= budget:
        return natural
    floors = [min(width, NARROWEST) for width in natural]

    def fitted(scale: float) -> list[float]:
        return [
            min(width, max(floor, scale * average))
            for width, floor, average in zip(natural, floors, mean, strict=True)
        ]

    low, high = 0.0, float(MAX_WIDTH)
    for _ in range(40):  # bisection: the widest scale whose widths fit the budget
        middle = (low + high) / 2
        low, high = (middle, high) if sum(fitted(middle)) <= budget else (low, middle)
    return [round(width, 1) for width in fitted(low)]


def _fit_height(sheet: Any, row: int, values: Any, widths: list[float]) -> None:
    """Give a row the height its wrapped text takes. A spreadsheet grows a row to fit only as
    a cell is edited (Excel also as it opens a file; LibreOffice not), so it is set here."""
    lines = max(
        (
            wrapped_lines(str(value), width)
            for value, width in zip(values, widths, strict=True)
            if value is not None
        ),
        default=1,
    )
    if lines > 1:
        sheet.set_row(row, min(lines, MOST_LINES) * LINE_HEIGHT)


def _print_setup(sheet: Any, framework: Framework) -> None:
    """Landscape A4, one page wide, the header row on every page, titled and numbered."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.hide_gridlines(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    # In a header "&" starts a code: the title's own are doubled.
    title = framework.title.pick("both", " · ")[:HEADER_TITLE].replace("&", "&&")
    sheet.set_header(f"&L{title}&R&A")
    sheet.set_footer("&C&P / &N")


def export(framework: Framework, lang: Lang = "both") -> bytes:
    """The workbook file's bytes (both languages always)."""
    import xlsxwriter

    buffer = io.BytesIO()
    # in_memory: no temporary files; strings_to_numbers etc. off: text stays text.
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    header = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    text = workbook.add_format({"text_wrap": True, "valign": "top"})
    number = workbook.add_format({"valign": "top"})
    tables = {table.name: table for table in DATABASE}
    for name in SHEETS:
        table = tables[name]
        sheet = workbook.add_worksheet(name)
        rows = list(sqlite.table_rows(table, framework))
        widths = column_widths(
            [[column.name, *(row[col] for row in rows)] for col, column in enumerate(table.columns)]
        )
        for col, column in enumerate(table.columns):
            sheet.write_string(0, col, column.name, header)
            sheet.write_comment(0, col, column.description)
            sheet.set_column(col, col, widths[col], text)
        _fit_height(sheet, 0, table.names, widths)
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, bool) or not isinstance(value, int | float):
                    sheet.write_string(r, col, str(value), text)
                else:
                    sheet.write_number(r, col, value, number)
            _fit_height(sheet, r, row, widths)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(rows), len(table.columns) - 1)
        _print_setup(sheet, framework)
    title = framework.title
    workbook.set_properties({"title": f"{title.zh} / {title.en}", "subject": framework.id})
    workbook.close()
    return buffer.getvalue()
