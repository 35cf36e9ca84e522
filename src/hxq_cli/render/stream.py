"""Views printed part by part, so that the first screen of a long view is shown before its
last part is laid out (Rich lays out a renderable whole before it writes a line)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.text import Text

from hxq_cli.render.whole_text import WholeText

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table

T = TypeVar("T")

#: Rows laid out together: enough that Rich's per-print overhead does not count, few enough
#: that the first of them fills a screen at once.
ROWS_PER_PART = 64


class Stream:
    """A view made of parts printed one after another; each part is made only when it is
    printed. Printed whole (as any renderable) it shows the same lines.

    `lines_fit`: drawn without colour, no line of any part is wider than the width it is laid
    out at (Blocks, tables, wrapped texts), so a console need not cut lines to its width."""

    def __init__(
        self, parts: Callable[[], Iterable[RenderableType]], *, lines_fit: bool = False
    ) -> None:
        self._parts = parts
        self.lines_fit = lines_fit

    def parts(self) -> Iterator[RenderableType]:
        yield from self._parts()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.parts()


def batches(items: Sequence[T], size: int = ROWS_PER_PART) -> Iterator[Sequence[T]]:
    """`items` in consecutive slices of `size`."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Block:
    """Texts one under another, each wrapped to the width less its indent and each of its
    lines after that many spaces (or, on its first line, after its label; or, with `hang`,
    its later lines that much further in): what a `Group` of `Padding`s or a grid draws for
    text, without laying every line out twice."""

    def __init__(self) -> None:
        self.texts: list[tuple[Text, int, Text | None, int]] = []

    def add(self, text: Text, indent: int = 0, label: Text | None = None, hang: int = 0) -> None:
        """`text` after `indent` spaces; its first line after `label` (cut or padded to fit),
        its later lines after `indent + hang` spaces."""
        self.texts.append((text, indent, label, hang))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        # Without colour a style draws nothing (Rich writes a segment's text alone), so a line
        # is one segment of its text: the long views piped to a file are laid out faster.
        plain = console.color_system is None
        for text, indent, label, hang in self.texts:
            limit = max(1, width - indent - hang)
            later = " " * (indent + hang)
            first: Text | str = " " * indent
            if plain and label is not None and label.overflow in (None, "fold", "crop"):
                # What `truncate(indent, pad=True)` leaves of the label, without a copy of it.
                first = label.plain
                size = cell_len(first)
                if size > indent:
                    first = set_cell_size(first, indent)
                first += " " * (indent - size)
            elif label is not None:
                first = label.copy()
                first.truncate(indent, pad=True)
            if plain:
                strings = text.plain_lines(limit) if isinstance(text, WholeText) else None
                if strings is None:
                    strings = [line.plain for line in text.wrap(console, limit)]
                lead = first if isinstance(first, str) else first.plain
                # Too narrow for the indent: each line cut to the width as Console.print cuts
                # it, so that Block's lines always fit (see `Stream.lines_fit`).
                cut = indent + hang >= width
                for index, string in enumerate(strings):
                    drawn = f"{later if index else lead}{string}"
                    if cut:
                        cropped = Segment.adjust_line_length([Segment(drawn)], width, pad=False)
                        drawn = "".join(segment.text for segment in cropped)
                    yield Segment(f"{drawn}\n")
                continue
            for index, line in enumerate(text.wrap(console, limit)):
                head = later if index else first
                if isinstance(head, Text):
                    yield from _segments(head, console)
                elif head:
                    yield Segment(head)
                yield from _segments(line, console)
                yield Segment.line()


def _segments(line: Text, console: Console) -> Iterable[Segment]:
    # Text.render draws a text's own style only through its spans (Text's rendering joins
    # its lines first, which makes each line's style a span): a line without spans is
    # drawn in its style here.
    if line.spans or not line.style:
        return line.render(console)
    return (Segment(line.plain, console.get_style(line.style)),)


def column_widths(table: Table, console: Console, options: ConsoleOptions) -> tuple[int, ...]:
    """The width of each column's content as Rich lays `table` out at `options`' width, so
    that later parts of a long table can be given the same columns.

    The one use of Rich's private API in hxq: Rich lays out a table's columns only inside its
    own rendering and offers no public way to ask for the widths; these are its own steps
    (the widths with padding, less the padding, which `Column.width` leaves out). Rich is
    pinned below 16, and `tests/test_pager.py` renders a table of many parts, so a Rich
    release that moves them fails the tests, not a user's run.
    """
    widths = _padded_widths(table, console, options)
    return tuple(width - table._get_padding_width(i) for i, width in enumerate(widths))


class _SharedLines:
    """One renderable's segments, made once at the first part's console and width, and
    handed out a part at a time."""

    def __init__(self, make: Callable[[Console, ConsoleOptions], Iterable[Segment]]) -> None:
        self.make = make
        self.segments: Iterator[Segment] | None = None
        self.done = False

    def take(self, console: Console, options: ConsoleOptions, lines: int) -> Iterator[Segment]:
        if self.segments is None:
            self.segments = iter(self.make(console, options))
        for segment in self.segments:
            yield segment
            if segment.text.endswith("\n"):
                lines -= 1
                if not lines:
                    return
        self.done = True


class _LinesPart:
    def __init__(self, shared: _SharedLines) -> None:
        self.shared = shared

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.shared.take(console, options, ROWS_PER_PART)


def lines_in_parts(make: Callable[[Console, ConsoleOptions], Iterable[Segment]]) -> Stream:
    """The segments `make` gives at the console and options of the first part (such as a Rich
    renderable's own `__rich_console__`, made lazily), printed ROWS_PER_PART lines a part:
    the same lines as printing them whole, the first screen shown before the last is made."""

    def parts() -> Iterator[RenderableType]:
        shared = _SharedLines(make)
        while not shared.done:
            yield _LinesPart(shared)

    return Stream(parts)


def table_fits(table: Table, console: Console, options: ConsoleOptions) -> bool:
    """Whether `table` laid out at `options`' width is no wider than that: Rich keeps each
    column at its `min_width` even when the columns then overflow the screen."""
    widths = _padded_widths(table, console, options)
    return sum(widths) + table._extra_width <= options.max_width


def _padded_widths(table: Table, console: Console, options: ConsoleOptions) -> list[int]:
    # Rich's own steps (see `column_widths`).
    inner = options.update_width(options.max_width - table._extra_width)
    return table._calculate_column_widths(console, inner)
