"""The terminal view of `hxq diff`: changes grouped by kind, the way a reader compares editions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from hxq_cli.labels import Labels, label, named, word
from hxq_cli.model import Bilingual, Lang
from hxq_cli.queries.diff import (
    FIGURE_FIELDS,
    Change,
    FactChanged,
    FactPresence,
    FrameworkDiff,
    NodePresence,
)
from hxq_cli.render.whole_text import WholeText
from hxq_cli.text import cells, colon, visible
from hxq_cli.zh.display import display, format_number

#: The sections, in show's words (数据 / figures, 组成 / parts).
_SECTIONS: dict[str, Bilingual] = {
    "framework": Labels.framework,
    "sources": Labels.sources,
    "removed": Labels.removed_nodes,
    "added": Labels.added_nodes,
    "moved": Labels.moved_nodes,
    "retitled": Labels.retitled_nodes,
    "edited": Labels.edited,
    "facts_changed": Labels.figures_changed,
    "facts_removed": Labels.figures_removed,
    "facts_added": Labels.figures_added,
}
#: The language of a changed text, as the Chinese view names it (the others give its code).
_LANGUAGES = {"zh": Labels.chinese, "en": Labels.english}
#: Old and new values shorter than this share one line: `24.24 → 25.1`.
SHORT = 32


def _title(title: Bilingual | dict[str, str], lang: Lang) -> str:
    if isinstance(title, dict):
        title = Bilingual(title["zh"], title["en"])
    return visible(title.pick(lang, " · "))


def _plain(value: Any, lang: Lang) -> str:
    absent = f"({Labels.none.zh if lang == 'zh' else Labels.none.en})"
    if value is None:
        return absent
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(_plain(item, lang) for item in value) or absent
    if isinstance(value, dict):
        return " · ".join(_plain(item, lang) for item in value.values())
    return visible(" ".join(str(value).split()))


def _field(name: str, lang: Lang, language: str | None = None) -> str:
    """A field's label: `description (zh)` as the file names it, or in the Chinese view the
    label every view gives it, `描述 (中文)`."""
    if lang == "zh":
        text = named(name)
        said = text.zh if text is not None else name
        return said if language is None else f"{said} ({_LANGUAGES[language].zh})"
    return name if language is None else f"{name} ({language})"


def _split(change: Change, lang: Lang) -> list[tuple[str, Any, Any]]:
    """(label, old, new) per language that changed, for bilingual fields; else one triple."""
    old, new = change.old, change.new
    if isinstance(old, dict) and isinstance(new, dict) and set(old) == set(new) == {"zh", "en"}:
        langs = [key for key in ("zh", "en") if old[key] != new[key]]
        shown = [key for key in langs if lang in (key, "both")] or langs
        return [(_field(change.field, lang, key), old[key], new[key]) for key in shown]
    name = _field(change.field, lang)
    if lang != "both" and (_is_pair(old) or _is_pair(new)):
        # A text that came or went: in the chosen language only.
        return [(name, old[lang] if _is_pair(old) else old, new[lang] if _is_pair(new) else new)]
    return [(name, old, new)]


def _is_pair(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"zh", "en"}


def _changes(changes: Iterable[Change], lang: Lang) -> _Changes:
    """Field, then old → new on one line when short and the line fits the width it is drawn
    at, else - old / + new on two lines (a figure such as `CNY 2.51 billion` is never folded
    in the middle of an arrow line)."""
    triples = [
        (name, _plain(before, lang), _plain(after, lang))
        for change in changes
        for name, before, after in _split(change, lang)
    ]
    return _Changes(triples)


class _Changes:
    """The rows of `_changes`, laid out for the width they are drawn at."""

    def __init__(self, triples: list[tuple[str, str, str]]) -> None:
        self.triples = triples

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table.grid(padding=(0, 1, 0, 0))
        table.add_column(width=1)
        table.add_column(style="dim", no_wrap=True)
        table.add_column(width=1)
        table.add_column(overflow="fold")
        label_width = max((cells(name) for name, _, _ in self.triples), default=0)
        # The value column: what is left after the three columns before it and their gaps.
        room = options.max_width - (2 + label_width + 1 + 2)
        for name, old, new in self.triples:
            short = len(old) < SHORT and len(new) < SHORT
            if short and cells(old) + 3 + cells(new) <= room:
                line = WholeText(old, style="red")
                line.append(" → ", style="")
                line.append(new, style="green")
                table.add_row("", name, "", line)
            else:
                table.add_row("", name, WholeText("-", "red"), WholeText(old, style="red"))
                table.add_row("", "", WholeText("+", "green"), WholeText(new, style="green"))
        yield table


def _figure_changes(fact: FactChanged, lang: Lang) -> list[Change]:
    """A fact's changes, those of its figure (value, unit, qualifier) told as one: the figure
    as each edition says it, with its unit, in the view's language (24.24亿元 → 25.1亿元)."""
    figure = [change for change in fact.changes if change.field in FIGURE_FIELDS]
    if not figure:
        return list(fact.changes)
    said = Change("value", display(fact.old, lang), display(fact.new, lang))
    if said.old == said.new:
        # A figure written in words (`display`) that its new value did not change: the numbers.
        return list(fact.changes)
    rest = [change for change in fact.changes if change.field not in FIGURE_FIELDS]
    return [said, *rest]


def _rows() -> Table:
    rows = Table.grid(padding=(0, 1, 0, 0))
    rows.add_column(width=1)
    rows.add_column(overflow="fold")
    return rows


def _with(parts: int, figures: int, lang: Lang) -> str:
    """What came or went with a node: "(with 7 parts and 2 figures)", in Chinese as show's
    tree counts (含7个部分和2项数据)."""
    if lang == "zh":
        said = [f"{parts}个部分" if parts else "", f"{figures}项数据" if figures else ""]
        joined = f"{said[0]}和{said[1]}" if parts and figures else "".join(said)
        return f"  (含{joined})" if joined else ""
    bits = []
    if parts:
        bits.append(f"{parts} {'part' if parts == 1 else 'parts'}")
    if figures:
        bits.append(f"{figures} {'figure' if figures == 1 else 'figures'}")
    return f"  (with {' and '.join(bits)})" if bits else ""


def _line(*pieces: tuple[str, str]) -> Text:
    text = WholeText()
    for piece, style in pieces:
        text.append(piece, style=style)
    return text


def _nodes_in_or_out(
    presences: Sequence[NodePresence],
    facts: Sequence[FactPresence],
    mark: str,
    style: str,
    lang: Lang,
) -> tuple[int, Table]:
    below = Counter(p.within for p in presences if p.within is not None)
    figures = Counter(f.within for f in facts if f.within is not None)
    rows = _rows()
    tops = [p for p in presences if p.within is None]
    for presence in tops:
        node = presence.node
        rows.add_row(
            WholeText(mark, style),
            _line(
                (visible(node.id), f"bold {style}"),
                (f"  {_title(node.title, lang)}", ""),
                (_with(below[node.id], figures[node.id], lang), "dim"),
            ),
        )
    return len(tops), rows


def _facts_in_or_out(
    presences: Sequence[FactPresence], mark: str, style: str, lang: Lang
) -> tuple[int, Table]:
    rows = _rows()
    alone = [p for p in presences if p.within is None]
    for presence in alone:
        fact = presence.fact
        amount = visible(display(fact, lang))
        rows.add_row(
            WholeText(mark, style),
            _line(
                (visible(fact.id), f"bold {style}"),
                (f"  {amount}", "bold"),
                (f"  {_title(fact.statement, lang)}", ""),
            ),
        )
    return len(alone), rows


def diff_view(report: FrameworkDiff, old_name: str, new_name: str, lang: Lang) -> RenderableType:
    """Every difference grouped by kind; parts and figures that came or went with a node are
    counted on that node's line rather than listed.
    """
    parts: list[RenderableType] = [
        # A file name can hold a newline; the header stays one line per file.
        WholeText(f"--- {visible(old_name)}".replace("\n", "\\n"), style="red"),
        WholeText(f"+++ {visible(new_name)}".replace("\n", "\\n"), style="green"),
    ]

    def section(key: str, count: int, body: RenderableType) -> None:
        if count:
            title = label(_SECTIONS[key], lang)
            parts.extend(
                [WholeText(""), WholeText(f"{title} ({count})", style="bold underline"), body]
            )

    section("framework", len(report.framework), _changes(report.framework, lang))

    rows = _rows()
    for source in report.sources_removed:
        rows.add_row(
            WholeText("-", "red"), WholeText(f"{visible(source.id)}  {_title(source.title, lang)}")
        )
    for source in report.sources_added:
        rows.add_row(
            WholeText("+", "green"),
            WholeText(f"{visible(source.id)}  {_title(source.title, lang)}"),
        )
    for source_edit in report.sources_edited:
        rows.add_row(
            "~",
            Group(WholeText(visible(source_edit.id), "bold"), _changes(source_edit.changes, lang)),
        )
    section(
        "sources",
        len(report.sources_added) + len(report.sources_removed) + len(report.sources_edited),
        rows,
    )

    section("removed", *_nodes_in_or_out(report.removed, report.facts_removed, "-", "red", lang))
    section("added", *_nodes_in_or_out(report.added, report.facts_added, "+", "green", lang))

    rows = _rows()
    carried = Counter(move.within for move in report.moved if move.within is not None)
    tops = [move for move in report.moved if move.within is None]
    for move in tops:
        rows.add_row(
            "→",
            _line(
                (visible(move.old_id), "bold red"),
                (" → ", ""),
                (visible(move.new_id), "bold green"),
                (f"  {_title(move.title, lang)}", ""),
                (_with(carried[move.old_id], 0, lang), "dim"),
            ),
        )
    section("moved", len(tops), rows)

    rows = _rows()
    for retitled in report.retitled:
        change = Change("title", retitled.old.to_dict(), retitled.new.to_dict())
        rows.add_row("~", Group(WholeText(visible(retitled.id), "bold"), _changes([change], lang)))
    section("retitled", len(report.retitled), rows)

    rows = _rows()
    for edited in report.edited:
        heading = _line((visible(edited.id), "bold"), (f"  {_title(edited.title, lang)}", ""))
        rows.add_row("~", Group(heading, _changes(edited.changes, lang)))
    section("edited", len(report.edited), rows)

    rows = _rows()
    for fact in report.facts_changed:
        heading = _line((visible(fact.id), "bold"))
        if fact.old_id != fact.id:
            was = word(Labels.was, lang)
            heading.append(f" ({was} {visible(fact.old_id)})", style="dim")
        heading.append(f"  {_title(fact.statement, lang)}")
        rows.add_row("~", Group(heading, _changes(_figure_changes(fact, lang), lang)))
    section("facts_changed", len(report.facts_changed), rows)

    section("facts_removed", *_facts_in_or_out(report.facts_removed, "-", "red", lang))
    section("facts_added", *_facts_in_or_out(report.facts_added, "+", "green", lang))

    parts.extend([WholeText(""), WholeText(summary(report, lang), style="bold")])
    return Group(*parts)


def summary(report: FrameworkDiff, lang: Lang = "en") -> str:
    """One line counting each kind of difference ("no differences" when there is none); in
    Chinese in the Chinese view."""
    zh = lang == "zh"
    nodes = [
        (sum(1 for p in report.removed if p.within is None), Labels.removed),
        (sum(1 for p in report.added if p.within is None), Labels.added),
        (sum(1 for m in report.moved if m.within is None), Labels.moved),
        (len(report.retitled), Labels.retitled),
        (len(report.edited), Labels.edited),
    ]
    facts = [
        (len(report.facts_changed), Labels.changed),
        (sum(1 for f in report.facts_added if f.within is None), Labels.added),
        (sum(1 for f in report.facts_removed if f.within is None), Labels.removed),
    ]
    other = len(report.framework) + len(report.sources_added) + len(report.sources_removed)
    other += len(report.sources_edited)
    comma, semicolon = ("，", "；") if zh else (", ", "; ")
    # Each group: its head and its counts (a Chinese count with its measure word).
    groups = (
        (
            Labels.nodes,
            [f"{word(t, lang)}{n}个" if zh else f"{n} {word(t, lang)}" for n, t in nodes if n],
        ),
        (
            Labels.figures,
            [f"{word(t, lang)}{n}项" if zh else f"{n} {word(t, lang)}" for n, t in facts if n],
        ),
    )
    bits = [f"{word(head, lang)}{colon(lang)}{comma.join(said)}" for head, said in groups if said]
    if other:
        framework, sources, changed = (
            word(text, lang) for text in (Labels.framework, Labels.sources, Labels.changed)
        )
        if zh:
            bits.append(f"{framework}与{sources}{colon(lang)}{changed}{other}处")
        else:
            bits.append(f"{framework} and {sources}{colon(lang)}{other} {changed}")
    return semicolon.join(bits) if bits else word(Labels.no_differences, lang)
