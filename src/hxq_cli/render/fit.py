"""A table while its columns hold every word whole, else the same content stacked: Rich
squeezes a column below its widest word when the table cannot fit, and then cuts the word
wherever the column ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.measure import Measurement

from hxq_cli.render.stream import column_widths, table_fits

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table


def words_fit(table: Table, console: Console, options: ConsoleOptions) -> bool:
    """Whether every column of `table`, laid out at `options`' width, is at least as wide as
    its `min_width` and as the widest word, ID or number of its header and cells, and the
    table no wider than the screen."""
    if not table_fits(table, console, options):
        return False
    widths = column_widths(table, console, options)
    for column, width in zip(table.columns, widths, strict=True):
        if column.min_width is not None and width < column.min_width:
            return False
        for cell in (column.header, *column.cells):
            if Measurement.get(console, options, cell).minimum > width:
                return False
    return True


class TableOrStacked:
    """`table` when its words fit its columns (see `words_fit`), else what `stacked` makes."""

    def __init__(self, table: Table, stacked: Callable[[], RenderableType]) -> None:
        self.table = table
        self.stacked = stacked

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if words_fit(self.table, console, options):
            yield self.table
        else:
            yield self.stacked()
