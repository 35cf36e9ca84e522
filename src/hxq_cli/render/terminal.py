"""Rich renderables for the terminal views. Data is always wrapped in `Text`, never markup."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from hxq_cli.labels import Labels, label, lead, named, roles
from hxq_cli.model import (
    Bilingual,
    Fact,
    Framework,
    Lang,
    Located,
    Node,
    Term,
)
from hxq_cli.render.fit import TableOrStacked
from hxq_cli.render.stream import Block, Stream, lines_in_parts
from hxq_cli.render.whole_text import FigureText, WholeText
from hxq_cli.text import visible
from hxq_cli.zh.display import chinese, display, english

if TYPE_CHECKING:
    from hxq_cli.queries.terms import TermUse, TermUses

#: How many figures of each child the children table shows.
KEY_FACTS_PER_CHILD = 3


def make_console(file: TextIO, *, color: bool, width: int) -> Console:
    """A console that never reads markup or highlights numbers, drawing `width` columns, in
    colour (as deep as the terminal takes it) when `color`, else with no styles at all."""
    return Console(
        file=file,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        width=width,
        force_terminal=True if color else None,
        no_color=False if color else None,
        color_system="auto" if color else None,
    )


def english_adds(fact: Fact) -> bool:
    """Whether the English figure says more than the Chinese: words (CNY 2.424 billion for
    24.24亿元), not the same number again (104 for 104个, 1,871 for 1871项)."""
    return english_adds_to(chinese(fact), english(fact))


def english_adds_to(zh: str, en: str) -> bool:
    """`english_adds` for a figure already said in both languages."""
    if en == zh:
        return False
    return any(c.isalpha() for c in en) or en.replace(",", "") not in zh


def figure(fact: Fact, lang: Lang) -> str:
    """The figure as a reader says it; in both languages Chinese / English, the English only
    when it adds to the Chinese (see `english_adds`)."""
    if lang == "both" and not english_adds(fact):
        return chinese(fact)
    return display(fact, lang)


def figure_text(fact: Fact, lang: Lang, style: str = "") -> Text:
    """The figure (see `figure`) as text broken only between its two languages' forms."""
    return FigureText(visible(figure(fact, lang)), style=style)


def data_text(value: str, style: str = "") -> Text:
    """Data as text that wraps only between words or Chinese characters (see `WholeText`)."""
    return WholeText(visible(value), style=style)


def bilingual_text(value: Bilingual, lang: Lang, style: str = "") -> Text:
    """One language, or Chinese then English on its own line."""
    shown = value.texts(lang)
    text = data_text(shown[0], style)
    for other in shown[1:]:
        text.append("\n")
        text.append(data_text(other, f"{style} dim".strip()))
    return text


def _key_facts(node: Node, lang: Lang) -> list[Text]:
    """The first figures of a node, each on a line of its own (a reader's eye finds it, and it
    never shares a break) and kept whole, with its statement beneath."""
    facts = [fact for part in node.walk() for fact in part.facts][:KEY_FACTS_PER_CHILD]
    texts: list[Text] = []
    for fact in facts:
        texts.append(figure_text(fact, lang, "bold"))
        shown = fact.statement.texts(lang)
        statement = data_text(shown[0])
        for other in shown[1:]:
            statement.append("\n")
            statement.append(data_text(other, "dim"))
        texts.append(statement)
    return texts


def _heading(located: Located, lang: Lang) -> Text:
    node = located.node
    heading = WholeText()
    heading.append(data_text(node.id, "bold cyan"))
    heading.append("  ")
    heading.append(data_text(node.title.pick("zh" if lang == "both" else lang), "bold"))
    return heading


def _title_cell(node: Node, lang: Lang) -> Text:
    cell = bilingual_text(node.title, lang, "bold")
    role = node.role or node.target
    if role is not None:
        cell.append("\n")
        cell.append(bilingual_text(role, lang, "italic"))
    return cell


def children_table(children: Iterable[Node], lang: Lang) -> RenderableType:
    """Parts of a node: ID, title with role beneath, and the first figures of each part; each
    part stacked (ID and title, then its figures) when the columns would cut a word."""
    children = list(children)
    with_facts = any(fact for child in children for part in child.walk() for fact in part.facts)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    id_width = max((len(child.id) for child in children), default=2)
    table.add_column(label(Labels.id, lang), style="cyan", no_wrap=True, min_width=id_width)
    table.add_column(label(Labels.title, lang), overflow="fold", ratio=2)
    if with_facts:
        table.add_column(label(Labels.key_figures, lang), overflow="fold", ratio=5)
    for child in children:
        row: list[RenderableType] = [data_text(child.id), _title_cell(child, lang)]
        if with_facts:
            row.append(Group(*_key_facts(child, lang)))
        table.add_row(*row, end_section=with_facts)
    return TableOrStacked(table, lambda: _children_stacked(children, lang))


def _children_stacked(children: Iterable[Node], lang: Lang) -> Block:
    block = Block()
    for index, child in enumerate(children):
        if index:
            block.add(WholeText(""))
        block.add(data_text(child.id, "cyan"))
        block.add(_title_cell(child, lang), 2)
        for text in _key_facts(child, lang):
            block.add(text, 4)
    return block


def facts_table(facts: Iterable[Fact], lang: Lang) -> RenderableType:
    """A node's figures: statement, value, compared with, as of; each figure stacked (value and
    date, then statement and comparison) when the columns would cut a word."""
    facts = list(facts)
    with_compared = any(fact.compared_with for fact in facts)
    with_as_of = any(fact.as_of for fact in facts)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column(label(Labels.statement, lang), overflow="fold", ratio=4)
    table.add_column(label(Labels.value, lang), justify="right", overflow="fold")
    if with_compared:
        table.add_column(label(Labels.compared_with, lang), overflow="fold", ratio=2)
    if with_as_of:
        table.add_column(label(Labels.as_of, lang), overflow="fold")
    for fact in facts:
        row: list[RenderableType] = [
            bilingual_text(fact.statement, lang),
            figure_text(fact, lang, "bold"),
        ]
        if with_compared:
            row.append(
                bilingual_text(fact.compared_with, lang) if fact.compared_with else WholeText("")
            )
        if with_as_of:
            row.append(data_text(fact.as_of or ""))
        table.add_row(*row)
    return TableOrStacked(table, lambda: _facts_stacked(facts, lang))


def _facts_stacked(facts: Iterable[Fact], lang: Lang) -> Block:
    block = Block()
    for index, fact in enumerate(facts):
        if index:
            block.add(WholeText(""))
        head = data_text(figure(fact, lang), "bold")
        if fact.as_of:
            head.append("  ")
            head.append(data_text(fact.as_of, "dim"))
        block.add(head)
        block.add(bilingual_text(fact.statement, lang), 2)
        if fact.compared_with is not None:
            line = WholeText(lead(Labels.compared_with, lang), style="dim")
            line.append(bilingual_text(fact.compared_with, lang))
            block.add(line, 2)
    return block


def node_view(located: Located, lang: Lang) -> RenderableType:
    """One node: heading, path, role, description, its parts as a table, its figures as a table."""
    node = located.node
    parts: list[RenderableType] = [_heading(located, lang)]
    for other in node.title.texts(lang)[1:]:
        parts.append(data_text(other, "bold dim"))
    if len(located.path) > 1:
        trail = WholeText(lead(Labels.path, lang), style="dim")
        trail.append(
            WholeText(" › ", style="dim").join(data_text(n.id, "dim") for n in located.path)
        )
        parts.append(trail)
    for name, value in roles(node):
        line = WholeText(lead(name, lang), style="bold")
        line.append(bilingual_text(value, lang))
        parts.append(line)
    parts.append(WholeText(""))
    parts.append(bilingual_text(node.description, lang))
    if node.children:
        parts.append(WholeText(""))
        parts.append(WholeText(label(Labels.parts, lang), style="bold underline"))
        parts.append(children_table(node.children, lang))
    if node.facts:
        parts.append(WholeText(""))
        parts.append(WholeText(label(Labels.figures, lang), style="bold underline"))
        parts.append(facts_table(node.facts, lang))
    return Group(*parts)


def fact_view(located: Located, fact: Fact, lang: Lang) -> RenderableType:
    """One fact: its ID and figure, the path of nodes that holds it, statement, compared
    with, as of, the source and the anchor (the source text that carries it)."""
    heading = WholeText()
    heading.append(data_text(fact.id, "bold cyan"))
    heading.append("  ")
    heading.append(data_text(display(fact, "zh" if lang == "both" else lang), "bold"))
    parts: list[RenderableType] = [heading]
    if lang == "both" and english_adds(fact):
        parts.append(data_text(english(fact), "bold dim"))
    trail = WholeText(lead(Labels.path, lang), style="dim")
    trail.append(
        WholeText(" › ", style="dim").join(
            data_text(f"{n.id} {n.title.pick('zh' if lang == 'both' else lang)}", "dim")
            for n in located.path
        )
    )
    parts.extend([trail, WholeText(""), bilingual_text(fact.statement, lang), WholeText("")])
    fields: list[tuple[Bilingual, Text]] = []
    if fact.compared_with is not None:
        fields.append((Labels.compared_with, bilingual_text(fact.compared_with, lang)))
    if fact.as_of is not None:
        fields.append((Labels.as_of, data_text(fact.as_of)))
    if fact.source is not None:
        fields.append((Labels.source, data_text(fact.source)))
    if fact.anchor is not None:
        fields.append((Labels.anchor, data_text(f"「{fact.anchor}」")))
    for name, value in fields:
        line = WholeText(lead(name, lang), style="bold")
        line.append(value)
        parts.append(line)
    return Group(*parts)


def _tree_label(node: Node, lang: Lang) -> Text:
    label = WholeText()
    label.append(data_text(node.id, "cyan"))
    label.append("  ")
    shown = node.title.texts(lang)
    label.append(data_text(shown[0], "bold"))
    for other in shown[1:]:
        label.append(" · ")
        label.append(data_text(other))
    if node.role is not None:
        # The role is set off from the title, so that it does not read as more of it.
        label.append(" — ", style="dim")
        label.append(data_text(node.role.pick(lang), "italic dim"))
    if node.facts:
        label.append(f"  ({_figure_count(len(node.facts), lang)})", style="dim")
    return label


def _figure_count(count: int, lang: Lang) -> str:
    """How many figures a node holds, in words: "5 figures", "5项数据"."""
    if lang == "zh":
        return f"{count}项数据"
    return f"{count} figure" if count == 1 else f"{count} figures"


#: Below this width views stack their fields: the tree's guides (four columns a level) would
#: leave a deep ID no room.
NARROW = 60


class FrameworkTree:
    """The framework as a tree with guides; below NARROW columns as an indented list (two
    columns a level), which leaves a deep ID the room to stay whole. Each node's label is
    made as its line is reached, so the first screen of a large tree shows at once."""

    def __init__(self, framework: Framework, lang: Lang) -> None:
        self.framework = framework
        self.lang = lang

    def segments(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        framework, lang = self.framework, self.lang
        # Every node is built before the first line (labels are made as they are reached): a
        # part of the file that cannot be read stops the view before it has printed anything.
        for _node in framework.walk():
            pass
        if options.max_width >= NARROW and self._drawn_plain(console, options):
            yield from self._plain_tree(console, options)
            return
        if options.max_width >= NARROW:
            tree = Tree(data_text(framework.title.pick(lang), "bold"), guide_style="dim")
            tree.children = [_Branch(tree, node, lang) for node in framework.nodes]
            # Rich's own drawing of the tree, which reads each branch's children as it goes.
            yield from console.render(tree, options)
            return
        head = Block()
        head.add(data_text(framework.title.pick(lang), "bold"))
        yield from console.render(head, options)
        stack: list[tuple[int, Node]] = [(1, node) for node in reversed(framework.nodes)]
        while stack:
            depth, node = stack.pop()
            block = Block()
            block.add(_tree_label(node, lang), 2 * depth - 2, hang=2)
            yield from console.render(block, options)
            stack.extend((depth + 1, child) for child in reversed(node.children))

    def _drawn_plain(self, console: Console, options: ConsoleOptions) -> bool:
        """Whether `_plain_tree` draws the lines Rich's `Tree` would: without colour (where
        styles draw nothing), labels wrapped as `WholeText.plain_lines` wraps them, and every
        label given at least a cell beside its guides."""
        if console.color_system is not None or options.no_wrap:
            return False
        if options.justify is not None or options.overflow not in (None, "fold"):
            return False
        deepest = 0
        stack = [(1, node) for node in self.framework.nodes]
        while stack:
            depth, node = stack.pop()
            deepest = max(deepest, depth)
            stack.extend((depth + 1, child) for child in node.children)
        return options.max_width - len(Tree.ASCII_GUIDES[0]) * deepest >= 1

    def _plain_tree(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        """The lines Rich's `Tree` draws for the framework without colour (the guides of
        `Tree.__rich_console__`, each label wrapped to the width beside them), a line a
        segment: Rich's drawing lays each label out as styled segments and cuts each line,
        most of the CPU time of a whole tree piped to a file."""
        space, below, fork, end = Tree.ASCII_GUIDES if options.ascii_only else Tree.TREE_GUIDES[0]
        width, lang = options.max_width, self.lang

        def lines(label: Text, room: int) -> list[str]:
            strings = label.plain_lines(room) if isinstance(label, WholeText) else None
            if strings is None:
                strings = [line.plain for line in label.wrap(console, room)]
            return strings

        for string in lines(data_text(self.framework.title.pick(lang), "bold"), width):
            yield Segment(f"{string}\n")
        # Each entry: the guides of the node's ancestors, whether it is its parent's last child.
        stack: list[tuple[str, bool, Node]] = [
            ("", index == len(self.framework.nodes) - 1, node)
            for index, node in enumerate(self.framework.nodes)
        ][::-1]
        while stack:
            guides, last, node = stack.pop()
            strings = lines(_tree_label(node, lang), width - len(guides) - len(fork))
            first, later = guides + (end if last else fork), guides + (space if last else below)
            for index, string in enumerate(strings):
                yield Segment(f"{later if index else first}{string}\n")
            inner = guides + (space if last else below)
            children = node.children
            stack.extend(
                (inner, index == len(children) - 1, child)
                for index, child in reversed(list(enumerate(children)))
            )


class _Branch(Tree):
    """A node of the framework as a branch of a Rich `Tree`, with the style its parent's
    `Tree.add` would give it; its own branches are made when first read."""

    def __init__(self, parent: Tree, node: Node, lang: Lang) -> None:
        # Not Tree.__init__: that would set `children`, which this branch makes on demand.
        self.label = _tree_label(node, lang)
        self.style = parent.style
        self.guide_style = parent.guide_style
        self.expanded = parent.expanded
        self.highlight = parent.highlight
        self._node = node
        self._lang = lang

    def __getattr__(self, name: str) -> Any:
        if name != "children":
            raise AttributeError(name)
        children: list[Tree] = [_Branch(self, child, self._lang) for child in self._node.children]
        self.children = children
        return children


def framework_tree(framework: Framework, lang: Lang) -> Stream:
    """The whole framework as a tree; "(n figures)" after a node counts its figures. Printed
    in parts (see `lines_in_parts`)."""
    return lines_in_parts(FrameworkTree(framework, lang).segments)


def text_renderer(*, width: int, color: bool) -> Callable[[RenderableType], str]:
    """A function that lays out one renderable after another as the terminal would show it."""
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)

    def render(renderable: RenderableType) -> str:
        console.print(renderable)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    return render


def terms_table(glossary: Iterable[Term], lang: Lang) -> RenderableType:
    """The glossary: each term's Chinese, its standard English and the note (English); each
    term stacked (Chinese, then English and note beneath) when the columns would cut a word."""
    glossary = list(glossary)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    # Each language's column is headed in its own language, the note's (English) in English.
    if lang != "en":
        table.add_column(Labels.chinese.zh, overflow="fold", no_wrap=False)
    table.add_column(Labels.english.pick("zh" if lang == "zh" else "en"), overflow="fold", ratio=2)
    if lang != "zh":
        table.add_column(Labels.note.en, overflow="fold", ratio=4, style="dim")
    for term in glossary:
        row: list[RenderableType] = []
        if lang != "en":
            row.append(data_text(term.zh, "bold"))
        row.append(data_text(_term_english(term, lang)))
        if lang != "zh":
            row.append(data_text(term.note or ""))
        table.add_row(*row)
    return TableOrStacked(table, lambda: _terms_stacked(glossary, lang))


def _term_english(term: Term, lang: Lang) -> str:
    return term.en + ("".join(f"\n  ({v})" for v in term.variants) if lang != "zh" else "")


def _terms_stacked(glossary: Iterable[Term], lang: Lang) -> Block:
    block = Block()
    for term in glossary:
        if lang == "en":
            block.add(data_text(_term_english(term, lang), "bold"))
        else:
            block.add(data_text(term.zh, "bold"))
            block.add(data_text(_term_english(term, lang)), 2)
        if lang != "zh" and term.note:
            block.add(data_text(term.note, "dim"), 2)
    return block


def _field_name(field: str, language: str | None, lang: Lang) -> str:
    """A field as the Chinese views name it (名称（中文）), else as the file does (`title.zh`):
    without spaces, so that a line is never broken inside one."""
    if lang == "zh":
        named_label = named(field)
        said = named_label.zh if named_label is not None else field
        languages = {"zh": Labels.chinese.zh, "en": Labels.english.zh}
        return said if language is None else f"{said}（{languages[language]}）"
    return field if language is None else f"{field}.{language}"


def term_uses_view(found: Iterable[TermUses], lang: Lang) -> RenderableType:
    """Each term the query names, then each node and fact that uses it: ID, title, and the
    fields that hold it (for translators: where a rendering must be the term's)."""
    block = Block()
    for index, item in enumerate(found):
        term = item.term
        if index:
            block.add(WholeText(""))
        heading = data_text(
            {"zh": term.zh, "en": term.en}.get(lang, f"{term.zh} · {term.en}"), "bold"
        )
        if term.variants and lang != "zh":
            heading.append(visible(f"  ({', '.join(term.variants)})"), style="dim")
        block.add(heading)
        # One line per node or fact, the fields that hold the term gathered on it.
        lines: dict[str, tuple[TermUse, list[str]]] = {}
        for use in item.uses:
            lines.setdefault(use.id, (use, []))[1].append(_field_name(use.field, use.lang, lang))
        if not lines:
            block.add(WholeText(visible(Labels.term_unused.pick(lang, " / ")), style="dim"), 2)
        for use, fields in lines.values():
            line = WholeText(visible(use.id), style="bold")
            line.append(f"  {visible(use.title.pick(lang, ' · '))}")
            line.append(f"  [{('、' if lang == 'zh' else ', ').join(fields)}]", style="dim")
            block.add(line, 2, hang=2)
    return block
