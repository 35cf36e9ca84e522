"""The terminal view of `hxq diff`: changes grouped by kind, the way a reader compares editions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hxq_cli.model import Bilingual, Lang
from hxq_cli.queries.diff import Change, FactPresence, FrameworkDiff, NodePresence
from hxq_cli.render.labels import label
from hxq_cli.render.whole_text import WholeText
from hxq_cli.text import visible
from hxq_cli.zh.display import display, format_number

ABSENT = Bilingual("(无)", "(none)")
#: The sections, in show's words (数据 / figures, 组成 / parts).
_SECTIONS: dict[str, Bilingual] = {
    "framework": Bilingual("框架", "Framework"),
    "sources": Bilingual("来源", "Sources"),
    "removed": Bilingual("删除的节点", "Removed nodes"),
    "added": Bilingual("新增的节点", "Added nodes"),
    "moved": Bilingual("移动：名称不变，编号改变", "Moved: same title, new ID"),
    "retitled": Bilingual("改名：编号不变，名称改变", "Retitled: same ID, new title"),
    "edited": Bilingual("修改", "Edited"),
    "facts_changed": Bilingual("变动的数据", "Figures changed"),
    "facts_removed": Bilingual("删除的数据", "Figures removed"),
    "facts_added": Bilingual("新增的数据", "Figures added"),
}
#: A field's name in the Chinese view, in show's words; the other views give the file's key.
_FIELDS_ZH = {
    "id": "编号",
    "title": "名称",
    "description": "描述",
    "role": "定位",
    "action": "举措",
    "target": "目标",
    "aliases": "别名",
    "statement": "事实",
    "value": "数值",
    "unit": "单位",
    "qualifier": "限定",
    "as_of": "时间",
    "compared_with": "比较对象",
    "anchor": "原文",
    "source": "来源",
}
#: Old and new values shorter than this share one line: `24.24 → 25.1`.
SHORT = 32


def _title(title: Bilingual | dict[str, str], lang: Lang) -> str:
    if isinstance(title, dict):
        title = Bilingual(title["zh"], title["en"])
    return visible(title.pick(lang, " · "))


def _plain(value: Any, lang: Lang) -> str:
    absent = ABSENT.zh if lang == "zh" else ABSENT.en
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
    """A field's label: `description (zh)`, or in the Chinese view `描述 (中文)`."""
    if lang == "zh":
        named = _FIELDS_ZH.get(name, name)
        return named if language is None else f"{named} ({'中文' if language == 'zh' else '英文'})"
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


def _changes(changes: Iterable[Change], lang: Lang) -> Table:
    """Field, then old → new on one line when short, or - old / + new on two lines."""
    table = Table.grid(padding=(0, 1, 0, 0))
    table.add_column(width=1)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(width=1)
    table.add_column(overflow="fold")
    for change in changes:
        for name, before, after in _split(change, lang):
            old, new = _plain(before, lang), _plain(after, lang)
            if len(old) < SHORT and len(new) < SHORT:
                line = WholeText(old, style="red")
                line.append(" → ", style="")
                line.append(new, style="green")
                table.add_row("", name, "", line)
            else:
                table.add_row("", name, WholeText("-", "red"), WholeText(old, style="red"))
                table.add_row("", "", WholeText("+", "green"), WholeText(new, style="green"))
    return table


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
        return f"  (含{'和'.join(bit for bit in said if bit)})" if parts or figures else ""
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
            was = "原为" if lang == "zh" else "was"
            heading.append(f" ({was} {visible(fact.old_id)})", style="dim")
        heading.append(f"  {_title(fact.statement, lang)}")
        rows.add_row("~", Group(heading, _changes(fact.changes, lang)))
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
        (sum(1 for p in report.removed if p.within is None), "删除" if zh else "removed"),
        (sum(1 for p in report.added if p.within is None), "新增" if zh else "added"),
        (sum(1 for m in report.moved if m.within is None), "移动" if zh else "moved"),
        (len(report.retitled), "改名" if zh else "retitled"),
        (len(report.edited), "修改" if zh else "edited"),
    ]
    facts = [
        (len(report.facts_changed), "变动" if zh else "changed"),
        (sum(1 for f in report.facts_added if f.within is None), "新增" if zh else "added"),
        (sum(1 for f in report.facts_removed if f.within is None), "删除" if zh else "removed"),
    ]
    other = len(report.framework) + len(report.sources_added) + len(report.sources_removed)
    other += len(report.sources_edited)
    # Each group: its head, and how one count of it is said.
    groups: list[tuple[str, list[tuple[int, str]], str]]
    if zh:
        groups = [("节点：", nodes, "{word}{count}个"), ("数据：", facts, "{word}{count}项")]
        rest, comma, semicolon, none = f"框架与来源：变动{other}处", "，", "；", "没有差异"
    else:
        groups = [("nodes: ", nodes, "{count} {word}"), ("figures: ", facts, "{count} {word}")]
        rest, comma, semicolon = f"framework and sources: {other} changed", ", ", "; "
        none = "no differences"
    bits = [
        head + comma.join(said.format(count=count, word=word) for count, word in counted if count)
        for head, counted, said in groups
        if any(count for count, _ in counted)
    ]
    if other:
        bits.append(rest)
    return semicolon.join(bits) if bits else none
