"""What the view shows, as Rich text built from plain strings: data is never read as markup,
and control characters from the data are shown as escapes."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from hxq_cli.tui.hxq_api import (
    Bilingual,
    Labels,
    Lang,
    Located,
    Node,
    figure_text,
    label,
    lead,
    roles,
    visible,
    word,
)
from hxq_cli.tui.source import SourceQuotes

TITLE = "bold"
DIM = "dim"
ANCHOR = "bold reverse"


def legend(lang: Lang) -> str:
    """What the counts on a tree line are: ↳ parts, # figures (in both languages, each
    English word before its Chinese)."""
    parts, figures = Labels.parts, Labels.figures
    if lang == "both":
        return f"↳ {parts.en.lower()} {parts.zh}  # {figures.en.lower()} {figures.zh}"
    return f"↳ {word(parts, lang)}  # {word(figures, lang)}"


def plain(text: str, style: str = "") -> Text:
    """Data text as Rich text: never markup, control characters shown as escapes."""
    return Text(visible(text), style=style)


def tree_label(node: Node, lang: Lang) -> Text:
    """A tree line: ID, title, then the number of parts (↳) and of figures (#)."""
    label = Text(no_wrap=True, overflow="ellipsis")
    label.append(visible(node.id).replace("\n", " "), style=DIM)
    label.append(" ")
    # A tree line is one line: a line break in a title would hide the rest of it.
    label.append(visible(node.title.pick(lang)).replace("\n", " "))
    counts = []
    if node.children:
        counts.append(f"↳{len(node.children)}")
    if node.facts:
        counts.append(f"#{len(node.facts)}")
    if counts:
        label.append("  " + " ".join(counts), style=DIM)
    return label


def _bilingual(text: Bilingual, lang: Lang, style: str = "") -> list[Text]:
    return [plain(shown, style) for shown in text.texts(lang)]


def breadcrumb(located: Located, lang: Lang) -> Text:
    """The path to a node, root first: 4 四张名片 › 4.2 科创赋能."""
    out = Text(style=DIM)
    for i, node in enumerate(located.path):
        if i:
            out.append(" › ")
        out.append(visible(f"{node.id} {node.title.pick(lang)}"))
    return out


def details(located: Located, lang: Lang, quotes: SourceQuotes | None) -> RenderableType:
    """Everything about one node: title, path, role, action, target, description, figures."""
    node = located.node
    parts: list[RenderableType] = [*_bilingual(node.title, lang, TITLE), breadcrumb(located, lang)]
    if node.aliases:
        parts.append(plain(lead(Labels.aliases, lang) + ", ".join(node.aliases), DIM))
    parts.append(Text())
    for name, value in roles(node):
        line = Text(lead(name, lang), style="bold")
        line.append(visible(value.pick(lang)), style="")
        parts.append(line)
    parts.extend(_bilingual(node.description, lang))
    parts.append(Text())
    heading = Text(label(Labels.figures, lang), style="bold underline")
    parts.append(heading)
    if not node.facts:
        parts.append(Text(label(Labels.no_figures, lang), style=DIM))
    for fact in node.facts:
        line = Text()
        line.append(visible(figure_text(fact, lang)), style="bold")
        line.append("  ")
        line.append(visible(fact.statement.pick(lang)))
        parts.append(line)
        notes: list[str] = []
        if fact.compared_with is not None:
            notes.append(lead(Labels.compared_with, lang) + fact.compared_with.pick(lang))
        if fact.as_of is not None:
            notes.append(lead(Labels.as_of, lang) + fact.as_of)
        if notes:
            parts.append(plain("  " + " · ".join(notes), DIM))
        if quotes is not None and fact.anchor is not None:
            parts.append(_quote(quotes, fact.anchor, lang))
    return Group(*parts)


def _quote(quotes: SourceQuotes, anchor: str, lang: Lang) -> Text:
    found = quotes.quote(anchor)
    out = Text("  ")
    if found is None:
        out.append(lead(Labels.not_in_source, lang), style="red")
        out.append(visible(anchor))
        return out
    out.append("“", style=DIM)
    out.append(visible(found.before), style="italic")
    out.append(visible(found.anchor), style=ANCHOR)
    out.append(visible(found.after), style="italic")
    out.append("”", style=DIM)
    return out
