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

from hxq_cli.labels import Labels, label, roles
from hxq_cli.model import Fact, Framework, Lang, Node, Source, walk_paths
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


def anchor(node: Node) -> str:
    """The HTML id a node's section is linked by from the table of contents."""
    return f"node-{node.id}"


def _heading(node: Node, depth: int, lang: Lang) -> Iterator[str]:
    title = " · ".join(node.title.texts(lang))
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
    yield f"# {escape(' · '.join(framework.title.texts(lang)))}"
    yield ""
    rows = [
        (Labels.framework, f"{escape(framework.id)} (schema {framework.schema_version})"),
        (Labels.version, content_version(framework)),
        (Labels.date, created().date().isoformat()),
    ]
    if framework.sources:
        named = [" · ".join(source.title.texts(lang)) for source in framework.sources]
        rows.insert(1, (Labels.source, escape("; ".join(named))))
    for name, value in rows:
        yield f"- {escape(label(name, lang))}: {value}"
    yield ""


def _contents(framework: Framework, lang: Lang) -> Iterator[str]:
    yield f"## {escape(label(Labels.contents, lang))}"
    yield ""
    for path in walk_paths(framework.nodes):
        node, depth = path[-1], len(path)
        if depth > CONTENTS_DEPTH:
            continue
        title = escape(" · ".join(node.title.texts(lang)))
        yield f"{'  ' * (depth - 1)}- [{title}](#{quote(anchor(node))})"
    yield ""


def facts_table(facts: tuple[Fact, ...], lang: Lang) -> Iterator[str]:
    """A GFM table of facts; the comparison and date columns only where some fact has them."""
    compared = any(fact.compared_with for fact in facts)
    as_of = any(fact.as_of for fact in facts)
    columns = [Labels.statement, Labels.value]
    columns += [Labels.compared_with] if compared else []
    columns += [Labels.as_of] if as_of else []
    yield "| " + " | ".join(label(name, lang) for name in columns) + " |"
    yield "| " + " | ".join("---:" if name is Labels.value else "---" for name in columns) + " |"
    for fact in facts:
        row = [
            cell("\n".join(fact.statement.texts(lang))),
            cell(amount(fact, lang)),
        ]
        if compared:
            row.append(
                cell("\n".join(fact.compared_with.texts(lang))) if fact.compared_with else ""
            )
        if as_of:
            row.append(cell(fact.as_of or ""))
        yield "| " + " | ".join(row) + " |"


#: A line break within a paragraph: CommonMark's backslash, rather than two trailing spaces
#: that no one sees and editors and `git diff --check` strip or flag.
HARD_BREAK = "\\\n"


def _node(node: Node, depth: int, lang: Lang) -> Iterator[str]:
    yield from _heading(node, depth, lang)
    yield ""
    said = roles(node)
    lines = [
        f"**{escape(label(name, lang) + colon(lang).rstrip())}** {escape(value.pick(lang, ' · '))}"
        for name, value in said
    ]
    if lines:
        yield HARD_BREAK.join(lines)
        yield ""
    for text in node.description.texts(lang):
        yield escape(text)
        yield ""
    if node.facts:
        yield from facts_table(node.facts, lang)
        yield ""


def export(framework: Framework, lang: Lang = "both") -> str:
    """The framework as a Markdown briefing: title block, description, contents, every node in
    order, sources."""
    lines = list(_title_block(framework, lang))
    for text in framework.description.texts(lang):
        lines += [escape(text), ""]
    lines.extend(_contents(framework, lang))
    for path in walk_paths(framework.nodes):
        node, depth = path[-1], len(path)
        lines.extend(_node(node, depth, lang))
    if framework.sources:
        lines += [f"## {escape(label(Labels.sources, lang))}", ""]
        for source in framework.sources:
            # One citation per language, each on its line within the list item.
            said = f"{HARD_BREAK}  ".join(escape(text) for text in citation(source, lang))
            lines.append(f"- {said} <sub>({escape(source.id)})</sub>")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
