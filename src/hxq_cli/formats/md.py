"""A briefing in Markdown (CommonMark with GitHub tables): a title block (framework, source,
version, date), a table of contents, a heading in words per node with its ID set apart
below it, the figures as a reader says them, and the sources as citations.

Text from the data is escaped so that it reads as written: `*`, `_`, `[`, `<`, `|` … never
turn into emphasis, links, HTML or table cells, and control characters are shown as escapes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import quote

from hxq_cli.model import Bilingual, Fact, Framework, Lang, Node, Source, walk_paths
from hxq_cli.queries.export import content_version, created
from hxq_cli.text import colon, visible
from hxq_cli.zh.display import amount

#: Markdown has six heading levels; deeper nodes stay at the sixth.
MAX_HEADING = 6
#: Levels of the framework listed in the table of contents.
CONTENTS_DEPTH = 2

# Punctuation that means something inline in CommonMark or GFM: emphasis, code, links,
# HTML, autolinks, strikethrough, table pipes, and the backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What makes a line a heading, quote, list item or thematic break when it comes first.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)])(?=\s|$))", re.MULTILINE)
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")

_LABELS = {
    "statement": Bilingual("事实", "Fact"),
    "value": Bilingual("数值", "Figure"),
    "compared_with": Bilingual("比较对象", "Compared with"),
    "as_of": Bilingual("时间", "As of"),
    "role": Bilingual("定位", "Role"),
    "action": Bilingual("举措", "Action"),
    "target": Bilingual("目标", "Target"),
    "sources": Bilingual("来源", "Sources"),
    "framework": Bilingual("框架", "Framework"),
    "source": Bilingual("来源", "Source"),
    "version": Bilingual("版本", "Version"),
    "date": Bilingual("日期", "Date"),
    "contents": Bilingual("目录", "Contents"),
}


def escape(text: str) -> str:
    """`text` as literal Markdown: nothing in it is read as syntax."""
    text = _INLINE.sub(r"\\\1", visible(text))
    text = _ENTITY.sub(r"\\&", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, digits, delimiter = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{digits}\\{delimiter}"


def cell(text: str) -> str:
    """Escaped text for a table cell: one line, with line breaks as <br>."""
    lines = [escape(line.strip()) for line in text.splitlines() or [""]]
    return "<br>".join(line for line in lines if line)


def _pick(value: Bilingual, lang: Lang) -> tuple[str, ...]:
    return value.texts(lang)


def _label(key: str, lang: Lang) -> str:
    return _LABELS[key].pick(lang)


def anchor(node: Node) -> str:
    """The HTML id a node's section is linked by from the table of contents."""
    return f"node-{node.id}"


def _heading(node: Node, depth: int, lang: Lang) -> Iterator[str]:
    title = " · ".join(_pick(node.title, lang))
    yield f"{'#' * min(depth + 1, MAX_HEADING)} {escape(title)}"
    yield ""
    target = html.escape(anchor(node))
    yield f'<a id="{target}"></a><sub>ID: {html.escape(visible(node.id))}</sub>'


def citation(source: Source, lang: Lang) -> tuple[str, ...]:
    """The source as one citation per language: who, what (and its subtitle), where, when."""
    out: list[str] = []
    if lang != "en":
        title = source.title.zh + (f"——{source.subtitle.zh}" if source.subtitle else "")
        parts = [f"《{title}》"]
        parts += [source.outlet.zh] if source.outlet else []
        parts += [f"{source.year}年"] if source.year is not None else []
        who = f"{source.interviewer.zh}:" if source.interviewer else ""
        out.append(who + ",".join(parts) + "。")
    if lang != "zh":
        title = source.title.en + (f": {source.subtitle.en}" if source.subtitle else "")
        parts = [f"“{title}”"]
        parts += [source.outlet.en] if source.outlet else []
        parts += [str(source.year)] if source.year is not None else []
        who = f"{source.interviewer.en}, " if source.interviewer else ""
        out.append(who + ", ".join(parts) + ".")
    return tuple(dict.fromkeys(out))


def _title_block(framework: Framework, lang: Lang) -> Iterator[str]:
    yield f"# {escape(' · '.join(_pick(framework.title, lang)))}"
    yield ""
    rows = [
        ("framework", f"{escape(framework.id)} (schema {framework.schema_version})"),
        ("version", content_version(framework)),
        ("date", created().date().isoformat()),
    ]
    if framework.sources:
        named = [" · ".join(_pick(source.title, lang)) for source in framework.sources]
        rows.insert(1, ("source", escape("; ".join(named))))
    for key, value in rows:
        yield f"- {escape(_label(key, lang))}: {value}"
    yield ""


def _contents(framework: Framework, lang: Lang) -> Iterator[str]:
    yield f"## {escape(_label('contents', lang))}"
    yield ""
    for path in walk_paths(framework.nodes):
        node, depth = path[-1], len(path)
        if depth > CONTENTS_DEPTH:
            continue
        title = escape(" · ".join(_pick(node.title, lang)))
        yield f"{'  ' * (depth - 1)}- [{title}](#{quote(anchor(node))})"
    yield ""


def facts_table(facts: tuple[Fact, ...], lang: Lang) -> Iterator[str]:
    """A GFM table of facts; the comparison and date columns only where some fact has them."""
    compared = any(fact.compared_with for fact in facts)
    as_of = any(fact.as_of for fact in facts)
    columns = ["statement", "value"]
    columns += ["compared_with"] if compared else []
    columns += ["as_of"] if as_of else []
    yield "| " + " | ".join(_label(key, lang) for key in columns) + " |"
    yield "| " + " | ".join("---:" if key == "value" else "---" for key in columns) + " |"
    for fact in facts:
        row = [
            cell("\n".join(_pick(fact.statement, lang))),
            cell(amount(fact, lang)),
        ]
        if compared:
            row.append(
                cell("\n".join(_pick(fact.compared_with, lang))) if fact.compared_with else ""
            )
        if as_of:
            row.append(cell(fact.as_of or ""))
        yield "| " + " | ".join(row) + " |"


def _node(node: Node, depth: int, lang: Lang) -> Iterator[str]:
    yield from _heading(node, depth, lang)
    yield ""
    for key in ("role", "action", "target"):
        value: Bilingual | None = getattr(node, key)
        if value is not None:
            head = escape(_label(key, lang) + colon(lang).rstrip())
            yield f"**{head}** {escape(' · '.join(_pick(value, lang)))}  "
    if node.role or node.action or node.target:
        yield ""
    for text in _pick(node.description, lang):
        yield escape(text)
        yield ""
    if node.facts:
        yield from facts_table(node.facts, lang)
        yield ""


def export(framework: Framework, lang: Lang = "both") -> str:
    """The framework as a Markdown briefing: title block, description, contents, every node in
    order, sources."""
    lines = list(_title_block(framework, lang))
    for text in _pick(framework.description, lang):
        lines += [escape(text), ""]
    lines.extend(_contents(framework, lang))
    for path in walk_paths(framework.nodes):
        node, depth = path[-1], len(path)
        lines.extend(_node(node, depth, lang))
    if framework.sources:
        lines += [f"## {escape(_label('sources', lang))}", ""]
        for source in framework.sources:
            # Two spaces end a line within the list item: one citation per language.
            said = "  \n  ".join(escape(text) for text in citation(source, lang))
            lines.append(f"- {said} <sub>({escape(source.id)})</sub>")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
