"""Terminal view of `hxq verify`: one row per fact with its status, then the title counts."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hxq_cli.model import Bilingual, Lang
from hxq_cli.queries.verify import FactCheck, VerifyReport
from hxq_cli.render.labels import label
from hxq_cli.render.terminal import bilingual_text, data_text
from hxq_cli.render.whole_text import WholeText
from hxq_cli.zh.display import amount

_LABELS: dict[str, Bilingual] = {
    "status": Bilingual("状态", "Status"),
    "id": Bilingual("编号", "ID"),
    "expected": Bilingual("数据", "Fact says"),
    "source": Bilingual("原文", "Source says"),
    "where": Bilingual("位置", "Line:col"),
    "note": Bilingual("说明", "Note"),
    "facts": Bilingual("事实核查", "Facts"),
    "counts": Bilingual("标题中的数目", "Counts in titles"),
    "title": Bilingual("标题", "Title"),
    "announced": Bilingual("标题数目", "Announced"),
    "actual": Bilingual("编号子项", "Numbered parts"),
}

#: Statuses are always written as words; colour only adds to them.
STATUS_STYLES = {
    "found": "green",
    "mismatch": "bold red",
    "missing": "bold red",
    "ambiguous": "bold yellow",
    "unanchored": "dim",
    "ok": "green",
}


def _label(key: str, lang: Lang) -> str:
    return label(_LABELS[key], lang)


def _header(key: str, lang: Lang) -> str:
    """A column header; in both languages, Chinese above English to keep columns narrow."""
    return label(_LABELS[key], lang, stacked=True)


def _status(word: str) -> Text:
    return WholeText(word, style=STATUS_STYLES.get(word, "bold red"))


def _source_cell(check: FactCheck) -> Text:
    figures = [p.figure.text if p.figure else "—" for p in check.places]
    return data_text("\n".join(figures))


def _where_cell(check: FactCheck) -> Text:
    places = check.places or check.elsewhere
    style = "" if check.places else "dim"
    return data_text("\n".join(f"{p.line}:{p.column}" for p in places), style)


def facts_checks_table(report: VerifyReport, lang: Lang) -> Table:
    with_notes = any(check.message for check in report.facts)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_header("status", lang), no_wrap=True)
    table.add_column(_header("id", lang), style="cyan", overflow="fold", ratio=3)
    table.add_column(_header("expected", lang), overflow="fold")
    table.add_column(_header("source", lang), overflow="fold")
    table.add_column(_header("where", lang), overflow="fold")
    if with_notes:
        table.add_column(_header("note", lang), overflow="fold", ratio=4)
    for check in report.facts:
        cells = [
            _status(check.status),
            data_text(check.fact.id),
            data_text(amount(check.fact, lang)),
            _source_cell(check),
            _where_cell(check),
        ]
        if with_notes:
            cells.append(data_text(check.message, "dim" if check.status == "found" else ""))
        table.add_row(*cells)
    return table


def counts_table(report: VerifyReport, lang: Lang) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(_header("status", lang), no_wrap=True)
    table.add_column(_header("id", lang), style="cyan", overflow="fold")
    table.add_column(_header("title", lang), overflow="fold", ratio=3)
    table.add_column(_header("announced", lang), justify="right")
    table.add_column(_header("actual", lang), justify="right")
    for check in report.counts:
        table.add_row(
            _status("ok" if check.ok else "mismatch"),
            data_text(check.node.id),
            bilingual_text(check.node.title, lang),
            WholeText(str(check.announced)),
            WholeText(str(check.actual)),
        )
    return table


def verify_view(report: VerifyReport, lang: Lang) -> RenderableType:
    """The fact checks as a table, then the counted titles as a table."""
    parts: list[RenderableType] = [
        WholeText(_label("facts", lang), style="bold underline"),
        facts_checks_table(report, lang),
    ]
    if report.counts:
        parts += [
            WholeText(""),
            WholeText(_label("counts", lang), style="bold underline"),
            counts_table(report, lang),
        ]
    return Group(*parts)
