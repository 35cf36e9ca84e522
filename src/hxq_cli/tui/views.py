"""What the view shows, as Rich text built from plain strings: data is never read as markup,
and control characters from the data are shown as escapes. Text folds as the terminal views
fold it (render/whole_text.py): never inside an ID or a figure, and no line starts with
closing punctuation."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from hxq_cli.tui.hxq_api import (
    Bilingual,
    Block,
    Fact,
    Labels,
    Lang,
    Located,
    Node,
    WholeText,
    data_text,
    fact_view,
    figure,
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
    """Data text as Rich text: never markup, control characters shown as escapes; it folds as
    the terminal views fold text."""
    return data_text(text, style)


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
    out = WholeText(style=DIM)
    for i, node in enumerate(located.path):
        if i:
            out.append(" › ")
        out.append(visible(f"{node.id} {node.title.pick(lang)}"))
    return out


#: How far the later lines of a figure, and its notes, are set in under the figure.
HANG = 2


def details(located: Located, lang: Lang, quotes: SourceQuotes | None) -> RenderableType:
    """Everything about one node: title, path, role, action, target, description, figures."""
    node = located.node
    block = Block()
    for line in _bilingual(node.title, lang, TITLE):
        block.add(line)
    block.add(breadcrumb(located, lang))
    if node.aliases:
        block.add(plain(lead(Labels.aliases, lang) + ", ".join(node.aliases), DIM))
    block.add(WholeText())
    for name, value in roles(node):
        line = WholeText()
        line.append(lead(name, lang), style="bold")
        line.append(plain(value.pick(lang)))
        block.add(line)
    for line in _bilingual(node.description, lang):
        block.add(line)
    block.add(WholeText())
    block.add(WholeText(label(Labels.figures, lang), style="bold underline"))
    if not node.facts:
        block.add(WholeText(label(Labels.no_figures, lang), style=DIM))
    for fact in node.facts:
        line = WholeText()
        line.append(plain(figure(fact, lang), "bold"))
        line.append("  ")
        line.append(plain(fact.statement.pick(lang)))
        block.add(line, hang=HANG)
        notes: list[str] = []
        if fact.compared_with is not None:
            notes.append(lead(Labels.compared_with, lang) + fact.compared_with.pick(lang))
        if fact.as_of is not None:
            notes.append(lead(Labels.as_of, lang) + fact.as_of)
        if notes:
            block.add(plain(" · ".join(notes), DIM), HANG)
        if quotes is not None and fact.anchor is not None:
            block.add(quote(quotes, fact.anchor, lang), HANG)
    return block


def fact_details(
    located: Located, fact: Fact, lang: Lang, quotes: SourceQuotes | None
) -> RenderableType:
    """One figure in full, as `hxq show FACT_ID` shows it; with a source, the sentence around
    its anchor."""
    shown = fact_view(located, fact, lang)
    if quotes is None or fact.anchor is None:
        return shown
    block = Block()
    block.add(WholeText())
    block.add(quote(quotes, fact.anchor, lang))
    return Group(shown, block)


def quote(quotes: SourceQuotes, anchor: str, lang: Lang) -> Text:
    """The sentence of the source around `anchor`, the anchor highlighted."""
    found = quotes.quote(anchor)
    out = WholeText()
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


# ------------------------------------------------------------------ the status line's sentences
# Each in the view's language (Chinese, then English, in both); a sentence that counts is the
# view's own, the words it names things with are the table's.


def _said(text: Bilingual, lang: Lang) -> str:
    return text.pick(lang, " · ")


def hits_said(count: int, query: str, lang: Lang) -> str:
    """How many nodes hold the search: 1 hit for card, 7 hits for card, 7 个节点匹配“card”."""
    query = visible(query)
    hits = "hit" if count == 1 else "hits"
    return _said(Bilingual(f"{count} 个节点匹配“{query}”", f"{count} {hits} for {query}"), lang)


def hit_at_said(at: int, count: int, query: str, lang: Lang) -> str:
    """Which hit the cursor is on: hit 2 of 7 for card, 第 2 个，共 7 个节点匹配“card”."""
    query = visible(query)
    return _said(
        Bilingual(
            f"第 {at} 个，共 {count} 个节点匹配“{query}”", f"hit {at} of {count} for {query}"
        ),
        lang,
    )


def language_said(lang: Lang) -> str:
    """The language now shown, named in itself: 语言：中文, Language: English."""
    names = {"zh": Labels.chinese.zh, "en": Labels.english.en}
    return lead(Labels.language, lang) + names.get(lang, label(Labels.both_languages, lang))


def copied(what: Bilingual, value: str, lang: Lang) -> str:
    """What was copied, said with the value itself (the terminal may not have passed it on)."""
    return _said(what, lang).format(what=visible(value))
