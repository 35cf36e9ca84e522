"""Text that wraps between words and between Chinese characters, never inside an ID, a number
or a date: Rich's own wrapping folds a run of Chinese with figures in it (截至2025年底) anywhere."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod

_WIDE = (
    r"\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
)
# Punctuation that closes (a line never starts with it: 。 alone on a line) or opens (a line
# never ends with it), as Chinese typesetting has it.
_CLOSING = "\u3001\u3002\u3009\u300b\u300d\u300f\u3011\u3015\uff01\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\u201d\u2019"
_OPENING = "\u3008\u300a\u300c\u300e\u3010\u3014\uff08\u201c\u2018"
# A run of spaces; one wide character (Chinese, full-width punctuation) with the punctuation
# that opens before it and closes after it, after which a line may break; or a run of narrow
# non-space characters (a word, an ID, a number, a date) with the punctuation closing it.
# Around a Chinese character, ASCII brackets open and punctuation closes too (the data writes
# 目标,层层 as often, and a message "did you mean 4.3 (质量强区 · …)").
# A figure keeps the Chinese character just after it (its measure word or unit: 27项, 104个,
# 2025年), as Chinese typesetting keeps a number with its unit; not an opening bracket (27《),
# which goes with what it opens.
# A narrow character of a word, an ID or a number; an ASCII bracket opening a Chinese
# character is not one (2025(含): the bracket goes with 含, so no line ends with it).
_NARROW = rf"(?:[^\s{_WIDE}(\[]|[(\[](?![{_WIDE}]))"
_TOKEN = re.compile(
    rf"\s+|[{_OPENING}([]*[{_WIDE}][{_CLOSING},.;:!?)\]]*"
    rf"|{_NARROW}+(?:(?<=[0-9%])(?![{_OPENING}])[{_WIDE}])?[{_CLOSING}]*|."
)


def break_offsets(text: str, width: int, *, cut_long: bool = True) -> list[int]:
    """Where a line of `text` breaks to fit `width` cells: between tokens, inside one only when
    it is wider than a whole line (or, without `cut_long`, never: it gets a line of its own)."""
    return _breaks(text, width, cut_long=cut_long)[0]


#: Characters that join their neighbours into one cell or widen them: with either in a line,
#: a line's cells are not the sum of its tokens' (Rich measures the line as a whole).
_JOINERS = ("\u200d", "\ufe0f")

#: Cells of the tokens measured so far, and whether each is spaces (most tokens repeat: a
#: Chinese character is one); kept to `_SIZES_KEPT` entries.
_sizes: dict[str, tuple[int, bool]] = {}
_SIZES_KEPT = 4096


def _size(token: str) -> tuple[int, bool]:
    """The cells `token` takes (as Rich's `cell_len`), and whether it is spaces."""
    known = _sizes.get(token)
    if known is None:
        if len(_sizes) >= _SIZES_KEPT:
            _sizes.clear()
        # Printable ASCII takes a cell a character, without asking Rich's tables.
        cells = len(token) if token.isascii() and token.isprintable() else cell_len(token)
        known = _sizes[token] = (cells, token.isspace())
    return known


def _breaks(text: str, width: int, *, cut_long: bool = True) -> tuple[list[int], list[int]]:
    """`break_offsets`, and the cells of each part of `text` between them (one more than the
    offsets): what the breaking adds up anyway, so that a part need not be measured again.
    The cells are those of the tokens summed, which is `cell_len(part)` unless `text` holds
    one of `_JOINERS`."""
    offsets: list[int] = []
    cells: list[int] = []  # of each part before an offset
    used = 0
    end = 0  # where the token ends
    for token in _TOKEN.findall(text):
        start = end
        end += len(token)
        size, space = _sizes.get(token) or _size(token)
        if space:
            if used == 0 and offsets and offsets[-1] == start:
                offsets[-1] = end  # a new line does not start with spaces
                cells[-1] += size
            else:
                used += size
            continue
        if used + size <= width:
            used += size
            continue
        if used > 0:
            offsets.append(start)
            cells.append(used)
            used = 0
        if size <= width or not cut_long:
            used = size
            continue
        for index, char in enumerate(token):
            char_size = _size(char)[0]
            if used + char_size > width and used > 0:
                offsets.append(start + index)
                cells.append(used)
                used = 0
            used += char_size
    cells.append(used)
    # An offset at the end (after trailing spaces) leaves an empty last part: no break.
    if offsets and offsets[-1] >= len(text):
        offsets.pop()
        cells[-2] += cells.pop()
    return offsets, cells


def fold_line(line: str, width: int, indent: str, *, cut_long: bool = True) -> list[str]:
    """`line` broken where `break_offsets` allows to fit `width` cells, each later line after
    `indent` (spaces); `cut_long` as in `break_offsets`."""
    pieces: list[str] = []
    rest, room = line, width
    while cell_len(rest) > room:
        offsets = break_offsets(rest, room, cut_long=cut_long)
        if not offsets:
            break
        pieces.append(rest[: offsets[0]].rstrip(" "))
        rest = rest[offsets[0] :].lstrip(" ")
        room = max(width - len(indent), 1)
    # Trailing spaces (Markdown's line break) past the edge would show as an empty line.
    pieces.append(rest if cell_len(rest) <= room else rest.rstrip(" "))
    return [pieces[0], *(indent + piece for piece in pieces[1:])]


def fold_lines(text: str, width: int) -> str:
    """`text` with each line wider than `width` cells broken by `fold_line`; the later lines
    of a list item ("- ") are indented to its text, as Markdown continues one."""
    out: list[str] = []
    for line in text.split("\n"):
        if cell_len(line) <= width:
            out.append(line)
            continue
        body = line.lstrip(" ")
        indent = " " * (len(line) - len(body) + (2 if body.startswith(("- ", "* ")) else 0))
        out.extend(fold_line(line, width, indent))
    return "\n".join(out)


def _fits(line: str, width: int) -> bool:
    """Whether `line` (one line) takes at most `width` cells; no character takes more than
    two, so a short line is not measured."""
    return 2 * len(line) <= width or cell_len(line) <= width


class WholeText(Text):
    """A `Text` whose wrapping keeps IDs, numbers and dates whole (see `break_offsets`), and
    whose narrowest width is its widest such token, so tables size columns to fit them."""

    def blank_copy(self, plain: str = "") -> WholeText:
        return type(self)(
            plain,
            style=self.style,
            justify=self.justify,
            overflow=self.overflow,
            no_wrap=self.no_wrap,
            end=self.end,
            tab_size=self.tab_size,
        )

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore":
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        wrap_justify = justify or self.justify or "default"
        plain = self.plain
        fits = "\n" not in plain and "\t" not in plain and cell_len(plain) <= width
        if fits and wrap_justify == "default":
            return Lines([self.copy()])  # most texts fit: nothing to break or align
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            plain = line.plain
            # Most lines fit: no need to look for where to break them.
            offsets = [] if cell_len(plain) <= width else self.line_breaks(plain, width)
            new_lines = line.divide(offsets)
            for part in new_lines:
                part.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for part in new_lines:
                part.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines

    def plain_lines(self, width: int) -> list[str] | None:
        """The lines `wrap(console, width)` gives, as strings, without a `Text` made for each
        (for a view drawn without colour, where styles draw nothing); None for a text that
        `wrap` would justify, expand tabs in or not wrap, which the caller wraps instead."""
        overflow = self.overflow or "fold"
        plain = self.plain
        if self.no_wrap or overflow == "ignore" or self.justify not in (None, "default"):
            return None
        if "\t" in plain:
            return None
        if "\n" not in plain and 2 * len(plain) <= width:
            return [plain]  # no character takes more than two cells
        # A line's cells are those of its tokens, added up as it is broken: a long line is not
        # measured again, as a whole or part by part (but see `_JOINERS`).
        measured = type(self).line_breaks is WholeText.line_breaks
        lines: list[str] = []
        for line in plain.split("\n"):
            if 2 * len(line) <= width:
                lines.append(line)
                continue
            if measured and not any(joiner in line for joiner in _JOINERS):
                offsets, cells = _breaks(line, width)
            else:
                # (A single line that fits is not broken; as before.)
                whole = "\n" not in plain and _fits(line, width)
                offsets = [] if whole else self.line_breaks(line, width)
                cells = [width + 1] * (len(offsets) + 1)  # to be measured
            bounds = zip([0, *offsets], [*offsets, len(line)], cells, strict=True)
            for start, stop, size in bounds:
                part = line[start:stop]
                if size > width and (len(part) > width or not _fits(part, width)):
                    # Trimmed as `wrap` trims each part, by Rich itself (rare: most parts fit).
                    trimmed = Text(part)
                    trimmed.rstrip_end(width)
                    trimmed.truncate(width, overflow=overflow)
                    part = trimmed.plain
                lines.append(part)
        return lines

    def line_breaks(self, line: str, width: int) -> list[int]:
        """Where `line` (one line of this text) breaks to fit `width` cells."""
        return break_offsets(line, width)

    def unbroken(self, plain: str) -> list[str]:
        """The pieces of `plain` that a line never breaks (while they fit a line)."""
        return [t for t in _TOKEN.findall(plain) if not t.isspace()]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.plain
        lines = plain.splitlines()
        widest = max((cell_len(line) for line in lines), default=0)
        narrowest = max((cell_len(piece) for piece in self.unbroken(plain)), default=widest)
        return Measurement(narrowest, widest)


#: Between the forms of a figure said in both languages (see `zh.display.display`).
FORMS = " / "


class FigureText(WholeText):
    """A figure as a reader says it, each line one figure: broken only between its forms
    (24.24亿元 / CNY 2.424 billion), never inside one (CNY 2.424 / billion) unless it is wider
    than a whole line; so a table gives its column room for the widest form."""

    def line_breaks(self, line: str, width: int) -> list[int]:
        offsets: list[int] = []
        used = start = 0
        for form in _forms(line):
            size = cell_len(form.rstrip(" "))
            if used and used + size > width:
                offsets.append(start)
                used = 0
            if size > width:  # a form wider than a line: broken as any text is
                inner = break_offsets(form, width)
                offsets.extend(start + offset for offset in inner)
                used = cell_len(form[inner[-1] :]) if inner else size
            else:
                used += cell_len(form)
            start += len(form)
        return [offset for offset in offsets if 0 < offset < len(line)]

    def unbroken(self, plain: str) -> list[str]:
        return [form.rstrip(" ") for line in plain.split("\n") for form in _forms(line)]


def _forms(line: str) -> list[str]:
    """The forms of a figure in `line`, each but the last with the separator after it."""
    parts = line.split(FORMS)
    return [f"{part}{FORMS}" for part in parts[:-1]] + [parts[-1]]
