"""Terminal view of `hxq verify`: one row per fact with its status, then the title counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from hxq_cli.labels import Labels, label, lead
from hxq_cli.model import Bilingual, Lang
from hxq_cli.queries.verify import STATUSES, CountCheck, FactCheck, Note, VerifyReport
from hxq_cli.render.fit import TableOrStacked
from hxq_cli.render.stream import Block
from hxq_cli.render.terminal import bilingual_text, data_text, figure, figure_text
from hxq_cli.render.whole_text import FigureText, WholeText
from hxq_cli.text import visible
from hxq_cli.zh.display import QUALIFIERS

#: Each status in words (colour only adds to them).
STATUS_WORDS: dict[str, Bilingual] = {
    "found": Labels.found,
    "mismatch": Labels.mismatch,
    "missing": Labels.missing,
    "ambiguous": Labels.ambiguous,
    "unanchored": Labels.unanchored,
    "ok": Labels.ok,
    "todo": Labels.todo,
}

#: What each note says (see `Labels`).
_NOTES: dict[Note, Bilingual] = {
    "no_anchor": Labels.no_anchor,
    "not_in_source": Labels.not_in_source,
    "figure_elsewhere": Labels.figure_elsewhere,
    "number_written_differently": Labels.number_written_differently,
    "hedged_differently": Labels.hedged_differently,
    "found_several_times": Labels.found_several_times,
    "no_figure": Labels.no_figure,
    "another_unit": Labels.another_unit,
}
Language = Literal["zh", "en"]
_NOTE_SEPARATORS = {"zh": "；", "en": "; "}

#: Statuses are always written as words; colour only adds to them.
STATUS_STYLES = {
    "found": "green",
    "mismatch": "bold red",
    "missing": "bold red",
    "ambiguous": "bold yellow",
    "unanchored": "dim",
    "ok": "green",
    "todo": "yellow",
}


def _header(text: Bilingual, lang: Lang) -> str:
    """A column header; in both languages, Chinese above English to keep columns narrow."""
    return label(text, lang, stacked=True)


def _status(status: str, lang: Lang) -> Text:
    """The status in the view's language; in both, Chinese then English on one line."""
    return WholeText(label(STATUS_WORDS[status], lang), style=STATUS_STYLES.get(status, "bold red"))


def _source_cell(check: FactCheck) -> Text:
    # The source's own words, quoted as such (they stay Chinese in every language).
    figures = [f"“{p.figure.text}”" if p.figure else "—" for p in check.places]
    return FigureText(visible("\n".join(figures)))


def _more(check: FactCheck, lang: Lang) -> str | None:
    """How many places there are beyond those listed, or None when all are."""
    more = check.more_places if check.places else check.more_elsewhere
    return label(Labels.more_places, lang).format(count=f"{more:,}") if more else None


def _where_cell(check: FactCheck, lang: Lang) -> Text:
    places = check.places or check.elsewhere
    style = "" if check.places else "dim"
    lines = [f"{p.line}:{p.column}" for p in places]
    more = _more(check, lang)
    text = data_text("\n".join(lines), style)
    if more is not None:
        text.append("\n" + more, style="dim")
    return text


def _hedge(qualifier: str | None, language: Language) -> str:
    if qualifier is None:
        return Labels.none.pick(language)
    words = QUALIFIERS.get(qualifier, (qualifier, qualifier.replace("_", " ")))
    return words[0] if language == "zh" else words[1]


def _note(check: FactCheck, language: Language) -> str:
    said, qualifier = check.hedges()
    comma = "、" if language == "zh" else ", "
    notes = (
        _NOTES[note]
        .pick(language)
        .format(
            times=f"{check.places_total:,}",
            source=comma.join(_hedge(h, language) for h in said),
            fact=_hedge(qualifier, language),
        )
        for note in check.notes
    )
    return _NOTE_SEPARATORS[language].join(notes)


def note_texts(check: FactCheck, lang: Lang) -> tuple[str, ...]:
    """What the Value at anchor and Line:col columns do not show, in the view's language (in
    both, Chinese then English); nothing when there is nothing to add."""
    if not check.notes:
        return ()
    return Bilingual(_note(check, "zh"), _note(check, "en")).texts(lang)


#: Below this many columns beside the longest ID, each check is stacked rather than a row.
TABLE_REST = 50
#: The narrowest the note column may be: narrower, a note folds a word or two to a line, and
#: the checks are stacked instead.
NOTE_WIDTH = 24


def _note_cell(texts: tuple[str, ...], check: FactCheck) -> Text:
    """A note, dim beside a fact found; in both, the English under the Chinese, dim."""
    text = data_text(texts[0] if texts else "", "dim" if check.status == "found" else "")
    for other in texts[1:]:
        text.append("\n")
        text.append(data_text(other, "dim"))
    return text


def _checks_table(checks: Sequence[FactCheck], lang: Lang) -> Table:
    notes = [note_texts(check, lang) for check in checks]
    with_notes = any(notes)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_header(Labels.status, lang), no_wrap=True)
    id_width = max((cell_len(check.fact.id) for check in checks), default=2)
    table.add_column(_header(Labels.id, lang), style="cyan", no_wrap=True, min_width=id_width)
    table.add_column(_header(Labels.value, lang), overflow="fold")
    table.add_column(_header(Labels.value_at_anchor, lang), overflow="fold")
    table.add_column(_header(Labels.line_col, lang), no_wrap=True)
    if with_notes:
        table.add_column(_header(Labels.note, lang), overflow="fold", ratio=4, min_width=NOTE_WIDTH)
    for check, note in zip(checks, notes, strict=True):
        cells = [
            _status(check.status, lang),
            data_text(check.fact.id),
            figure_text(check.fact, lang),
            _source_cell(check),
            _where_cell(check, lang),
        ]
        if with_notes:
            cells.append(_note_cell(note, check))
        table.add_row(*cells)
    return table


def _checks_stacked(checks: Sequence[FactCheck], lang: Lang) -> Group:
    lines: list[RenderableType] = []
    for check in checks:
        head = WholeText()
        head.append(_status(check.status, lang))
        head.append("  ")
        head.append(data_text(check.fact.id, "cyan"))
        body = WholeText(lead(Labels.value, lang), style="dim")
        body.append(data_text(figure(check.fact, lang)))
        if check.places:
            body.append("\n" + lead(Labels.value_at_anchor, lang), style="dim")
            # Each figure with its place: two places are not a figure on a line of its own.
            for index, place in enumerate(check.places):
                if index:
                    body.append(", ", style="dim")
                body.append(data_text(f"“{place.figure.text}”" if place.figure else "—"))
                body.append(f"  @ {place.line}:{place.column}", style="dim")
        elif check.elsewhere:
            body.append("\n" + lead(Labels.value_at_anchor, lang), style="dim")
            where = ", ".join(f"{p.line}:{p.column}" for p in check.elsewhere)
            body.append(f"@ {where}", style="dim")
        more = _more(check, lang)
        if more is not None:
            body.append(", " + more, style="dim")
        note = note_texts(check, lang)
        if note:
            body.append("\n")
            body.append(_note_cell(note, check))
        lines.extend([head, Padding(body, (0, 0, 0, 2))])
    return Group(*lines)


class FactChecks:
    """The fact checks as a table, or stacked when the longest ID leaves too little room."""

    def __init__(self, checks: Sequence[FactCheck], lang: Lang) -> None:
        self.checks = checks
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        id_width = max((cell_len(check.fact.id) for check in self.checks), default=2)
        if options.max_width >= id_width + TABLE_REST:
            yield TableOrStacked(
                _checks_table(self.checks, self.lang),
                lambda: _checks_stacked(self.checks, self.lang),
            )
        else:
            yield _checks_stacked(self.checks, self.lang)


def counts_table(counts: Sequence[CountCheck], lang: Lang) -> RenderableType:
    """Each counted title: status, ID, title, the count it announces and the parts numbered;
    each stacked when the columns would cut a word."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_header(Labels.status, lang), no_wrap=True)
    table.add_column(_header(Labels.id, lang), style="cyan", no_wrap=True)
    table.add_column(_header(Labels.title, lang), overflow="fold", ratio=3)
    table.add_column(_header(Labels.announced, lang), justify="right")
    table.add_column(_header(Labels.numbered_parts, lang), justify="right")
    for check in counts:
        table.add_row(
            _status(check.status, lang),
            data_text(check.node.id),
            bilingual_text(check.node.title, lang),
            WholeText(str(check.announced)),
            WholeText(str(check.actual)),
        )
    return TableOrStacked(table, lambda: _counts_stacked(counts, lang))


def _counts_stacked(counts: Sequence[CountCheck], lang: Lang) -> Block:
    block = Block()
    for check in counts:
        head = _status(check.status, lang)
        head.append("  ")
        head.append(data_text(check.node.id, "cyan"))
        block.add(head)
        block.add(bilingual_text(check.node.title, lang), 2)
        numbers = WholeText(lead(Labels.announced, lang), style="dim")
        numbers.append(str(check.announced))
        numbers.append("  " + lead(Labels.numbered_parts, lang), style="dim")
        numbers.append(str(check.actual))
        block.add(numbers, 2)
    return block


def verify_view(report: VerifyReport, lang: Lang, *, problems: bool = False) -> RenderableType:
    """The fact checks as a table, then the counted titles as a table; with `problems`, only
    the checks that failed (and a line saying so when none did)."""
    checks = [c for c in report.facts if not problems or c.status not in ("found", "unanchored")]
    counts = [c for c in report.counts if not problems or c.status == "mismatch"]
    parts: list[RenderableType] = []
    if checks:
        parts += [
            WholeText(label(Labels.fact_checks, lang), style="bold underline"),
            FactChecks(checks, lang),
        ]
    if counts:
        parts += [
            WholeText(""),
            WholeText(label(Labels.counts_in_titles, lang), style="bold underline"),
            counts_table(counts, lang),
        ]
    if not parts:
        parts.append(WholeText(label(Labels.no_problems, lang), style="green"))
    return Group(*parts)


def summary_lines(report: VerifyReport, lang: Lang) -> tuple[str, ...]:
    """The summary for stderr in the view's language, in the status words of the rows (in both,
    the Chinese line then the English one, which is `VerifyReport.summary`)."""
    lines: list[str] = []
    if lang in ("zh", "both"):
        said = "，".join(
            f"{STATUS_WORDS[status].zh}{report.tally[status]}项" for status in STATUSES
        )
        line = (
            f"核查{len(report.facts)}项：{said}；"
            f"标题数目核查{len(report.counts)}个，{Labels.mismatch.zh}{report.wrong_counts}个"
        )
        if report.todo_counts:
            line += f"，{Labels.todo.zh}{Labels.parts.zh}{report.todo_counts}个"
        if report.other_sources:
            line += f"；另有{report.other_sources}项数据出自其他来源，未核查"
        lines.append(line)
    if lang in ("en", "both"):
        lines.append(report.summary())
    return tuple(lines)
