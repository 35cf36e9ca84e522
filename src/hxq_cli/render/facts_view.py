"""Terminal views of `hxq facts`: the facts as a table, and ratio-type facts as bars."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from numbers import Rational

from rich import box
from rich.bar import Bar
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from hxq_cli.labels import Labels, label, lead
from hxq_cli.model import Bilingual, Lang, Number
from hxq_cli.queries.facts import FactRow
from hxq_cli.render.fit import TableOrStacked
from hxq_cli.render.stream import ROWS_PER_PART, Block, Stream, batches, column_widths
from hxq_cli.render.terminal import bilingual_text, data_text, english_adds_to, figure
from hxq_cli.render.whole_text import FigureText, WholeText
from hxq_cli.zh.display import chinese, display, english, format_number

# How a normalised value is labelled when it differs from the value as written.
_BASE_UNIT_LABELS = {"CNY": " CNY", "m2": " m²", "minutes": " min", "years": " years"}


def _header(text: Bilingual, lang: Lang) -> str:
    """A column header; in both languages, Chinese above English to keep columns narrow."""
    return label(text, lang, stacked=True)


#: The first column in both languages: a fact's ID, with its node's title under it.
_ID_NODE = Bilingual(f"{Labels.id.zh} · {Labels.node.zh}", f"{Labels.id.en} · {Labels.node.en}")


def _grouped(value: Number) -> str:
    """A number with thousands separators: 2,424,000,000."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,}"
    return format_number(value)


def _value_cell(row: FactRow, lang: Lang, separator: str = "\n") -> Text:
    """The figure as said, Chinese above English in both languages, then its base-unit value."""
    fact = row.fact
    said = [chinese(fact), english(fact)] if lang == "both" else [display(fact, lang)]
    if len(said) == 2 and not english_adds_to(*said):  # 179家 already says 179, 1871项 1,871
        said = said[:1]
    shown = " ".join(said)
    cell = FigureText(separator).join(data_text(text, "bold") for text in dict.fromkeys(said))
    normalized = row.normalized
    # An exact fraction (1/3) has no decimal to show: its display says it.
    exact = isinstance(fact.value, Rational) and not isinstance(fact.value, int)
    # In both languages an English figure that differs from the Chinese (CNY 2.424 billion
    # for 24.24亿元) has already restated it: a third line would say it again.
    restated = len(said) == 2
    if normalized is not None and normalized.value != fact.value and not exact and not restated:
        base = f"{_grouped(normalized.value)}{_BASE_UNIT_LABELS.get(normalized.unit, '')}"
        if base not in shown:  # English already says 10,000 m²
            cell.append(separator)
            cell.append(data_text(f"= {base}", "dim"))
    return cell


def _node_title(row: FactRow, lang: Lang, style: str = "") -> Text:
    # The node's title is context, not content: once, in Chinese, when both languages are shown.
    return data_text(row.node.title.pick("zh" if lang == "both" else lang), style)


def _widest(texts: Sequence[str]) -> int:
    return max((cell_len(text) for text in texts), default=0)


#: From this width on, every part of a fact has its own column (English statements too), if
#: the longest ID leaves WIDE_REST columns for the others.
WIDE = 120
WIDE_REST = 100


def _statement_langs(lang: Lang) -> tuple[Lang, ...]:
    # In both languages each has its own column: rows as tall as the longer, not the sum.
    return ("zh", "en") if lang == "both" else (lang,)


@dataclass(frozen=True)
class _WideColumns:
    """What every part of a long wide table shares, so that its columns line up from part to
    part: which columns there are, and the widths of those that hold IDs, figures and dates."""

    with_compared: bool
    with_as_of: bool
    id_width: int
    as_of_width: int = 10
    #: Every column's width, once the first part has been laid out.
    widths: tuple[int, ...] | None = None


#: The ID column is no wider than this or a fifth of the terminal: a longer ID has a line of
#: its own above its row, rather than every row giving up the columns that one ID needs.
ID_COLUMN_MAX = 30
#: The narrowest a column of running words is left when the value column takes cells from it.
_NARROWEST_WORDS = 12


def _wide_columns(rows: Sequence[FactRow], lang: Lang) -> _WideColumns:
    return _WideColumns(
        with_compared=lang != "both" and any(row.fact.compared_with for row in rows),
        with_as_of=any(row.fact.as_of for row in rows),
        id_width=_widest([row.fact.id for row in rows]),
        as_of_width=max(10, _widest([row.fact.as_of or "" for row in rows])),
    )


def _wide_cells(row: FactRow, lang: Lang, columns: _WideColumns) -> list[RenderableType]:
    fact = row.fact
    shown_id = fact.id if cell_len(fact.id) <= columns.id_width else ""
    if lang == "both":
        # Under the ID, the node's title: two lines that a row in two languages has anyway.
        where = data_text(shown_id, "cyan")
        if shown_id:
            where.append("\n")
        where.append(_node_title(row, lang, "dim"))
        cells: list[RenderableType] = [where]
    else:
        cells = [data_text(shown_id), _node_title(row, lang)]
    if lang == "both":
        cells.extend(_details(row, one, as_of=False) for one in ("zh", "en"))
    else:
        cells.append(data_text(fact.statement.pick(lang)))
    cells.append(_value_cell(row, lang))
    if columns.with_compared:
        cells.append(
            bilingual_text(fact.compared_with, lang) if fact.compared_with else WholeText("")
        )
    if columns.with_as_of:
        cells.append(data_text(fact.as_of or ""))
    return cells


def _wide_table(
    cells: Sequence[list[RenderableType]],
    lang: Lang,
    columns: _WideColumns,
    *,
    header: bool = True,
) -> Table:
    """Facts as a table laid out to the full width, its ID, value and date columns as wide
    as `columns` says: every table of one list of facts has the same columns."""
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_header=header,
        expand=lang == "both",
    )
    if lang == "both":
        table.add_column(_header(_ID_NODE, lang), overflow="fold", width=columns.id_width)
    else:
        table.add_column(
            _header(Labels.id, lang), style="cyan", no_wrap=True, width=columns.id_width
        )
        table.add_column(_header(Labels.node, lang), overflow="fold", ratio=2)
    for one in _statement_langs(lang):
        # English takes about twice the cells of the same Chinese.
        table.add_column(
            _header(Labels.statement, one), overflow="fold", ratio=6 if one == "en" else 4
        )
    table.add_column(_header(Labels.value, lang), justify="right", overflow="fold")
    if columns.with_compared:
        table.add_column(_header(Labels.compared_with, lang), overflow="fold", ratio=3)
    if columns.with_as_of:
        table.add_column(_header(Labels.as_of, lang), no_wrap=True, width=columns.as_of_width)
    if columns.widths is not None:
        for column, width in zip(table.columns, columns.widths, strict=True):
            if not column.no_wrap:  # IDs and dates keep the widths that hold them whole
                column.width = width
    for row in cells:
        table.add_row(*row)
    return table


def _details(row: FactRow, lang: Lang, *, as_of: bool = True) -> Text:
    """The statement, then what it is compared with (and its date), in `lang`."""
    fact = row.fact
    what = bilingual_text(fact.statement, lang)
    details: list[tuple[Bilingual, str | Bilingual | None]] = [
        (Labels.compared_with, fact.compared_with)
    ]
    if as_of:
        details.append((Labels.as_of, fact.as_of))
    for name, value in details:
        if value is not None:
            what.append("\n")
            what.append(data_text(lead(name, lang), "dim"))
            shown = value if isinstance(value, str) else value.pick(lang, " / ")
            what.append(data_text(shown, "dim"))
    return what


def _stacked(rows: Sequence[FactRow], lang: Lang, *, last: bool = True) -> Block:
    """Each fact as a block of lines (ID and node, figure, statement, details): for terminals
    too narrow for columns that keep IDs and figures whole. A blank line between facts, and
    after the last unless more follow (`last` false)."""
    block = Block()
    for index, row in enumerate(rows):
        if index:
            block.add(WholeText(""))
        head = data_text(row.fact.id, "bold cyan")
        head.append("  ")
        head.append(_node_title(row, lang, "dim"))
        block.add(head)
        block.add(_value_cell(row, lang, "  "), 2)
        block.add(_details(row, lang), 2)
    if not last:
        block.add(WholeText(""))
    return block


class FactRowsTable:
    """The facts as a table with one column per part from WIDE columns on (when the longest
    ID leaves room), else as stacked blocks, so that IDs, figures and dates are never broken.

    A long list is printed in parts of ROWS_PER_PART facts (see `Stream`), whose columns are
    as wide from one part to the next."""

    def __init__(self, rows: Sequence[FactRow], lang: Lang) -> None:
        self.rows = rows
        self.lang = lang
        self.columns = _wide_columns(rows, lang)
        #: The columns' widths, fixed by the first part laid out.
        self.widths: tuple[int, ...] | None = None

    def parts(self) -> Iterator[RenderableType]:
        if len(self.rows) <= ROWS_PER_PART:
            yield _FactsPart(self, self.rows, first=True, last=True)
            return
        count = (len(self.rows) + ROWS_PER_PART - 1) // ROWS_PER_PART
        for index, batch in enumerate(batches(self.rows)):
            yield _FactsPart(self, batch, first=index == 0, last=index == count - 1)


class _FactsPart:
    """Some consecutive facts of a `FactRowsTable`, laid out as the width allows."""

    def __init__(
        self, whole: FactRowsTable, rows: Sequence[FactRow], *, first: bool, last: bool
    ) -> None:
        self.whole = whole
        self.rows = rows
        self.first = first
        self.last = last

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        whole, lang = self.whole, self.whole.lang
        # The ID column takes up to a fifth of a wide terminal, or ID_COLUMN_MAX; in both
        # languages no more than that, for the two statements' sake.
        id_cap = ID_COLUMN_MAX if lang == "both" else max(ID_COLUMN_MAX, options.max_width // 5)
        columns = replace(whole.columns, id_width=min(whole.columns.id_width, id_cap))
        if options.max_width < max(WIDE, columns.id_width + WIDE_REST):
            yield _stacked(self.rows, lang, last=self.last)
            return
        cells = [_wide_cells(row, lang, columns) for row in self.rows]
        if whole.widths is None:
            # The first part's layout is every part's, so that the columns line up.
            first = _wide_table(cells, lang, columns)
            whole.widths = _figures_whole(
                first, column_widths(first, console, options), console, options
            )
        columns = replace(columns, widths=whole.widths)
        # A table for each run of rows whose IDs fit their column; a longer ID on its own line.
        header = self.first
        run: list[list[RenderableType]] = []
        for row, row_cells in zip(self.rows, cells, strict=True):
            if cell_len(row.fact.id) > columns.id_width:
                if run or header:
                    yield _wide_table(run, lang, columns, header=header)
                    header, run = False, []
                yield data_text(row.fact.id, "cyan")
            run.append(row_cells)
        if run:
            yield _wide_table(run, lang, columns, header=header)


def _figures_whole(
    table: Table, widths: tuple[int, ...], console: Console, options: ConsoleOptions
) -> tuple[int, ...]:
    """`widths` with the value column as wide as its widest figure form: where a row is
    tight Rich squeezes that column below it (nearly CNY 100 / million at 130 columns); the
    cells it needs come from the widest column that wraps its words."""
    value = next(i for i, column in enumerate(table.columns) if column.justify == "right")
    cells = table.columns[value].cells
    need = max((Measurement.get(console, options, cell).minimum for cell in cells), default=0)
    short = need - widths[value]
    wrapping = [i for i, column in enumerate(table.columns) if column.ratio and i != value]
    if short <= 0 or not wrapping:
        return widths
    donor = max(wrapping, key=lambda i: widths[i])
    if widths[donor] - short < _NARROWEST_WORDS:
        return widths
    return tuple(
        width + short if i == value else width - short if i == donor else width
        for i, width in enumerate(widths)
    )


def fact_rows_table(rows: Sequence[FactRow], lang: Lang) -> Stream:
    """Every fact with its ID, node, statement, value (also in a base unit), unit, what it is
    compared with and its date; laid out to the terminal's width, in parts."""
    # Blocks, tables and wrapped IDs: every line within the width.
    return Stream(FactRowsTable(rows, lang).parts, lines_fit=True)


def _bar_label(row: FactRow, lang: Lang) -> Text:
    label = bilingual_text(row.fact.statement, lang)
    base = row.base
    if base is not None and row.normalized is not None and row.normalized.unit == "ratio":
        label.append("\n")
        label.append(data_text(lead(Labels.compared_with, lang), "dim"))
        label.append(data_text(base.pick(lang, " / "), "dim"))
    return label


def _bars(rows: Sequence[FactRow], size: float, kind: str, lang: Lang) -> RenderableType:
    """Each fact's statement, figure and bar on a row; the statement above its figure and bar
    when the columns would cut a word."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(ratio=3, overflow="fold")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(ratio=2)
    for row in rows:
        figure_text, bar = _figure_and_bar(row, size, kind, lang)
        table.add_row(_bar_label(row, lang), figure_text, bar)
        table.add_row("", "", "")
    return TableOrStacked(table, lambda: _bars_stacked(rows, size, kind, lang))


def _figure_and_bar(row: FactRow, size: float, kind: str, lang: Lang) -> tuple[Text, Bar]:
    assert row.normalized is not None
    value = float(row.normalized.value)
    colour = "green" if kind == "share" else "cyan"
    # The figure as a reader says it (1.19倍 / 1.19 times, 翻倍 / doubled), as every view.
    return data_text(figure(row.fact, lang), "bold"), Bar(size, 0, max(value, 0.0), color=colour)


def _bars_stacked(rows: Sequence[FactRow], size: float, kind: str, lang: Lang) -> Group:
    parts: list[RenderableType] = []
    for row in rows:
        figure_text, bar = _figure_and_bar(row, size, kind, lang)
        line = Table.grid(padding=(0, 1), expand=True)
        line.add_column(no_wrap=True)
        line.add_column(ratio=1)
        line.add_row(figure_text, bar)
        parts += [_bar_label(row, lang), Padding(line, (0, 0, 0, 2)), WholeText("")]
    return Group(*parts)


def _heading(title: str, scale: str) -> Text:
    heading = WholeText(title, style="bold underline")
    heading.append(f"  ({scale})", style="dim")
    return heading


def facts_chart(rows: Sequence[FactRow], lang: Lang) -> RenderableType:
    """Shares and percentages as bars out of 100%, then ratios as bars out of the largest."""
    shares = [r for r in rows if r.normalized is not None and r.normalized.unit == "fraction"]
    ratios = [r for r in rows if r.normalized is not None and r.normalized.unit == "ratio"]
    parts: list[RenderableType] = []
    if shares:
        size = max(1.0, *(float(r.normalized.value) for r in shares if r.normalized))
        scale = f"{label(Labels.full_bar, lang)} = {size * 100:g}%"
        parts.append(_heading(label(Labels.shares, lang), scale))
        parts.append(_bars(shares, size, "share", lang))
    if ratios:
        size = max(float(r.normalized.value) for r in ratios if r.normalized)
        times = Labels.times.zh if lang == "zh" else Labels.times.en
        scale = f"{label(Labels.full_bar, lang)} = {format_number(size)}{times}"
        parts.append(_heading(label(Labels.ratios, lang), scale))
        parts.append(_bars(ratios, size if size > 0 else 1.0, "ratio", lang))
    return Group(*parts)
