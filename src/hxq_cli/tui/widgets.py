"""The widgets of `hxq browse`: the framework tree (filled as it is expanded) and its screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList, Static, Tree
from textual.widgets.tree import TreeNode

from hxq_cli.tui.hxq_api import (
    Block,
    FactRow,
    Framework,
    Labels,
    Lang,
    Located,
    Node,
    UsageError,
    WholeText,
    fact_json,
    fact_rows,
    figure,
    label,
    resolve_id,
    visible,
)
from hxq_cli.tui.index import FrameworkIndex
from hxq_cli.tui.keys import (
    APP_KEYS,
    FIGURE_KEYS,
    FOOTER,
    TABLE_KEYS,
    TEXT_KEYS,
    TREE_KEYS,
    Key,
)
from hxq_cli.tui.source import SourceQuotes
from hxq_cli.tui.views import copied, fact_details, legend, plain, tree_label

#: How a search hit looks in the tree, and a collapsed node that holds hits.
HIT = Style(color="yellow", bold=True, underline=True)
HOLDS_HIT = Style(color="yellow")
#: The style of a tree line's ▶/▼: a click on it opens or closes the node (Textual's Tree
#: reads this meta, as on the icons it draws itself).
TOGGLE = Style.from_meta({"toggle": True})


#: Actions that open a line to type in.
LINE_ACTIONS = frozenset({"search", "goto"})


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    """Textual bindings for a key table: one per key, the first key of each shown in the footer."""
    out: list[BindingType] = []
    for entry in keys:
        if not entry.action:  # a key the widget binds itself, listed for the help
            continue
        for i, key in enumerate(entry.keys.split(",")):
            name = entry.action.split("(")[0]
            label = FOOTER.get(name)
            out.append(
                Binding(
                    key,
                    entry.action,
                    label or entry.description,
                    show=label is not None and i == 0,
                    key_display=entry.shown.split()[0] if i == 0 else None,
                    # "/" and ":" before the focused widget: the letters typed right after
                    # them must reach the line they open, not the tree (and in a line being
                    # typed they are characters: BrowseApp.check_action).
                    priority=key == "ctrl+c" or entry.action in LINE_ACTIONS,
                )
            )
    return out


class FrameworkTree(Tree[Node]):
    """The framework as a tree whose children are added when their parent is first expanded."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(TREE_KEYS)
    #: Called as soon as the cursor is on another node: in the same frame as the tree, not a
    #: frame or two later as a handler of NodeHighlighted would be (the message bubbles up).
    when_highlighted: Callable[[], None] | None = None

    def __init__(
        self, framework: Framework, lang: Lang, when_highlighted: Callable[[], None] | None = None
    ) -> None:
        # A tree node's own label is its ID, which no language changes; the line shows the
        # label of `_label_of`, in the language of the moment (see render_label).
        super().__init__(Text(visible(framework.id)), id="tree")
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 3
        self.lang: Lang = lang
        #: Search hits and the nodes above them, by id() of the model node.
        self.hits: frozenset[int] = frozenset()
        self.above_hits: frozenset[int] = frozenset()
        self._shown: dict[int, TreeNode[Node]] = {}
        self._filled: set[int] = set()
        #: Tree lines by language and id() of the model node, made when first drawn.
        self._labels: dict[Lang, dict[int, Text]] = {}
        self._add_framework_nodes(self.root, framework.nodes)
        self._filled.add(id(self.root))
        self.root.expand()
        for top in self.root.children:
            self.fill(top)
            top.expand()
        self.when_highlighted = when_highlighted

    def _add_framework_nodes(self, parent: TreeNode[Node], nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            added = parent.add(Text(visible(node.id)), data=node, allow_expand=bool(node.children))
            self._shown[id(node)] = added
        self._filled.add(id(parent))

    def fill(self, tree_node: TreeNode[Node]) -> None:
        """Add the children of a tree node's framework node, the first time only."""
        if id(tree_node) in self._filled or tree_node.data is None:
            return
        self._add_framework_nodes(tree_node, tree_node.data.children)

    def shown(self, node: Node) -> TreeNode[Node] | None:
        """The tree line of a framework node, if it has been added to the tree."""
        return self._shown.get(id(node))

    def relabel(self, lang: Lang) -> None:
        """Show every title in another language: the lines are drawn again, in it."""
        self.lang = lang
        self._draw_every_line_again()

    def _draw_every_line_again(self) -> None:
        # Textual's Tree keeps each line it has drawn until its `_invalidate`, private: the
        # public way, setting every label again, schedules a redraw per node. The one use of
        # Textual's private API in hxq; Textual is pinned below 9, and tests/test_browse.py
        # checks the lines drawn after `t` and as a search changes, so a release that moves
        # it fails the tests, not a user's run.
        self._invalidate()

    def _label_of(self, node: Node) -> Text:
        labels = self._labels.setdefault(self.lang, {})
        label = labels.get(id(node))
        if label is None:
            label = labels[id(node)] = tree_label(node, self.lang)
        return label

    def reveal(self, path: tuple[Node, ...]) -> None:
        """Expand the ancestors of the last node of `path` (root first) and move the cursor to it."""
        target: TreeNode[Node] | None = None
        for i, node in enumerate(path):
            target = self._shown.get(id(node))
            if target is None:
                return
            if i < len(path) - 1:
                self.fill(target)
                target.expand()
        if target is not None:
            _ = self.last_line  # lays the lines out again, so that the node knows its line
            self.move_cursor(target)
            self.scroll_to_node(target, animate=False)

    def mark(self, hits: frozenset[int], above: frozenset[int]) -> None:
        """Mark search hits (and the nodes that hold them) in the tree."""
        changed = (self.hits ^ hits) | (self.above_hits ^ above)
        self.hits, self.above_hits = hits, above
        # Only the lines whose mark changed are drawn again (a letter more often changes
        # none); past a screenful, drawing every line at once is cheaper.
        lines = [node for key in changed if (node := self._shown.get(key)) and node.line >= 0]
        if len(lines) > self.size.height:
            self._draw_every_line_again()
        else:
            for tree_node in lines:
                tree_node.refresh()

    def render_label(self, node: TreeNode[Node], base_style: Style, style: Style) -> Text:
        data = node.data
        if data is None:
            return super().render_label(node, base_style, style)
        label = self._label_of(data).copy()
        label.stylize(style)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            text = Text.assemble((icon, base_style + TOGGLE), label)
        else:
            text = Text.assemble(label)
        if id(data) in self.hits:
            text.stylize(HIT)
        elif not node.is_expanded and id(data) in self.above_hits:
            text.stylize(HOLDS_HIT)
        return text

    def get_label_width(self, node: TreeNode[Node]) -> int:
        # What render_label would give, without drawing it: the width of every line is asked
        # for each time lines are added or taken away.
        data = node.data
        if data is None:
            return super().get_label_width(node)
        icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        return (cell_len(icon) if node.allow_expand else 0) + self._label_of(data).cell_len

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        before = self.cursor_node
        super().watch_cursor_line(previous_line, line)
        if self.cursor_node is not before and self.when_highlighted is not None:
            self.when_highlighted()

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[Node]) -> None:
        self.fill(event.node)

    @on(Tree.NodeSelected)
    def _clicked(self, event: Tree.NodeSelected[Node]) -> None:
        # Only a mouse click selects (Enter is "go in"): it opens a closed node.
        if not event.node.is_expanded:
            self.fill(event.node)
            event.node.expand()

    def action_go_in(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            self.fill(node)
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_go_out(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and not node.parent.is_root:
            self.move_cursor(node.parent)

    def action_sibling(self, step: int) -> None:
        node = self.cursor_node
        if node is None:
            return
        sibling = node.next_sibling if step > 0 else node.previous_sibling
        if sibling is not None:
            self.move_cursor(sibling)


class SearchField(Input):
    """The search line. It calls `when_changed` with its text as soon as the text changes, so
    that the hits are drawn in the same frame as the letter (Input.Changed would reach the app
    after that frame)."""

    when_changed: Callable[[str], None] | None = None

    def __init__(self, when_changed: Callable[[str], None], *, id: str | None = None) -> None:
        super().__init__(placeholder="search", id=id)
        self.when_changed = when_changed

    def watch_value(self, value: str) -> None:
        if self.when_changed is not None:
            self.when_changed(value)


class SteadyFooter(Footer):
    """Textual's footer, composed again only when the keys it shows change. Textual's own
    composes it again on every move of the focus, even between the tree and the details, which
    show the same keys: that was most of the time a Tab took."""

    _shown: tuple[tuple[str, str, bool], ...] = ()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown


class StatusLine(Widget):
    """One line of state (search hits, what was copied); redrawn without a new layout."""

    text: reactive[Text] = reactive(Text, layout=False)

    def render(self) -> Text:
        return self.text


class Details(ScrollView, can_focus=True):
    """A pane of text (the focused node, a figure in full), scrolled from the keyboard when it
    has the focus (keys.TEXT_KEYS); its border says which lines are shown when they are not all.

    Its lines are rendered once per text (and per width) and drawn a screen at a time with
    Textual's line API: a new node changes what the widget draws, never the layout of the
    screen, so the tree and the details are redrawn in the same frame.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(TEXT_KEYS)
    DEFAULT_CSS = "Details { overflow-x: hidden; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._renderable: RenderableType = Text()
        self._lines: list[Strip] = []
        #: The width the lines were rendered at.
        self._width = 0

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._say_where, init=False)

    def show(self, renderable: RenderableType) -> None:
        self._renderable = renderable
        self._render_lines(self.scrollable_content_region.width)
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._say_where()
        self.refresh()

    def _render_lines(self, width: int) -> None:
        self._width = width
        if width <= 0:
            self._lines = []
            return
        console = self.app.console
        options = console.options.update_width(width)
        style = self.rich_style
        lines = console.render_lines(self._renderable, options, style=style)
        self._lines = [Strip(line, width) for line in lines]
        self.virtual_size = Size(width, len(self._lines))

    def _say_where(self) -> None:
        """Which lines show, in the border, when the text is taller than the pane."""
        total, height = len(self._lines), self.scrollable_content_region.height
        if height <= 0 or total <= height:
            self.border_subtitle = None
            return
        first = min(round(self.scroll_y), total - height) + 1
        last = first + height - 1
        more = " ↓" if last < total else ""
        self.border_subtitle = Text(f"{first}–{last}/{total}{more}")

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._render_lines(width)
        self._say_where()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = y + scroll_y
        if index < len(self._lines):
            return self._lines[index].crop(scroll_x, scroll_x + width)
        return Strip.blank(width, self.rich_style)


#: The help's sections: a heading and its keys.
HELP: tuple[tuple[str, tuple[Key, ...]], ...] = (
    ("In the tree", TREE_KEYS),
    ("In a pane of text (the details, a figure, this help)", TEXT_KEYS),
    ("Everywhere", APP_KEYS),
    ("On the figures screen (f)", FIGURE_KEYS + TABLE_KEYS),
)


def help_text() -> Block:
    """Every key and what it does, by section; a description longer than its line goes on
    under itself, not under the keys."""
    column = max(cell_len(key.shown) for _, keys in HELP for key in keys) + 2
    block = Block()
    for number, (heading, keys) in enumerate(HELP):
        if number:
            block.add(WholeText())
        block.add(WholeText(heading, style="bold underline"))
        for key in keys:
            block.add(WholeText(key.description), column, Text(key.shown, style="bold"))
    block.add(WholeText())
    block.add(WholeText(legend("both"), style="dim"))
    block.add(WholeText("Mouse: click a line to open it, scroll with the wheel.", style="dim"))
    return block


class HelpText(VerticalScroll):
    """The help's text, scrolled from the keyboard as any pane of text (keys.TEXT_KEYS)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(TEXT_KEYS)


class HelpScreen(ModalScreen[None]):
    """Every key, from the same tables as the bindings; it scrolls."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "close"),
    ]

    def compose(self) -> ComposeResult:
        with HelpText(id="help") as pane:
            pane.border_title = Text("hxq browse: keys")
            pane.border_subtitle = Text("↑ ↓ PgUp PgDn scroll · Esc closes")
            yield Static(help_text())

    def on_mount(self) -> None:
        self.query_one(HelpText).focus()


class Choices(OptionList, can_focus=False):
    """The candidates of the go-to line: chosen with the arrow keys while the line keeps the
    focus (the letters typed go on to it)."""


class GotoScreen(ModalScreen[Located | None]):
    """Asks for an ID, alias or title, completing as it is typed; gives the node it names."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "cancel"),
        Binding("tab", "complete", "complete", priority=True),
        Binding("down", "choose(1)", "next", show=False),
        Binding("up", "choose(-1)", "previous", show=False),
    ]

    def __init__(self, framework: Framework, index: FrameworkIndex, lang: Lang) -> None:
        super().__init__()
        self.framework = framework
        self.index = index
        self.lang: Lang = lang
        #: The candidates listed, each a node once: (the name typed that found it, the node).
        self.candidates: list[tuple[str, Node]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="goto"):
            yield Static(Text("Go to: ID, alias or title (↑ ↓ choose, Tab completes)"))
            yield Input(placeholder="4.2, innovation, 科创赋能", id="goto-input")
            yield Choices(id="goto-choices")
            yield Static(id="goto-message")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        # At once (`focus()` would wait a message): the keys typed right after ":" follow.
        self.set_focus(field)

    def candidate_line(self, name: str, node: Node) -> Text:
        """A candidate on one line: ID and title, then the name that found it when that is
        neither (an alias, the title in the other language)."""
        lang = self.lang
        shown = {node.id}
        if lang != "en":
            shown.add(node.title.zh)
        if lang != "zh":
            shown.add(node.title.en)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(visible(node.id).replace("\n", " "), style="bold")
        line.append(" " + visible(node.title.pick(lang)).replace("\n", " "))
        if name not in shown:
            line.append(" · " + visible(name).replace("\n", " "), style="dim")
        return line

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.candidates = self.index.names(event.value)
        choices = self.query_one(Choices)
        choices.set_options(self.candidate_line(name, node) for name, node in self.candidates)
        # Nothing chosen until an arrow key: Enter goes to what was typed.
        choices.highlighted = None
        self.query_one("#goto-message", Static).update("")

    def action_choose(self, step: int) -> None:
        choices = self.query_one(Choices)
        if step > 0:
            choices.action_cursor_down()
        else:
            choices.action_cursor_up()

    def _chosen(self) -> Node | None:
        at = self.query_one(Choices).highlighted
        return self.candidates[at][1] if at is not None and at < len(self.candidates) else None

    def action_complete(self) -> None:
        field = self.query_one(Input)
        at = self.query_one(Choices).highlighted
        if self.candidates:
            field.value = self.candidates[at or 0][0]
            field.cursor_position = len(field.value)

    def _located(self, node: Node) -> Located:
        index = self.index
        return Located(tuple(index.nodes[i] for i in index.path(index.position[id(node)])))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.dismiss(self._located(chosen))
            return
        if not event.value.strip():
            self.dismiss(None)
            return
        try:
            located = resolve_id(self.framework, event.value)
        except UsageError as exc:
            self.query_one("#goto-message", Static).update(plain(str(exc), "red"))
            return
        self.dismiss(located)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._located(self.candidates[event.option_index][1]))


def cell(text: str, style: str = "") -> Text:
    """A table cell: data on one line, never markup, control characters as escapes."""
    return Text(visible(text).replace("\n", " "), style=style, no_wrap=True, end="")


#: Spaces between two columns of the figures table.
GAP = 2
#: The column that gives way when the table is wider than the screen (what a figure
#: measures), and the fewest cells it keeps.
GIVES_WAY, NARROWEST = 1, 16


class FigureTable(ScrollView, can_focus=True):
    """Rows of cells with a cursor, drawn a screen at a time (Textual's line API): a row's
    cells are made only when it is drawn, so a subtree of tens of thousands of figures opens
    as fast as they are counted. (Textual's DataTable lays every row out as it is added, which
    takes seconds for such a subtree.)

    `when_highlighted` is called as soon as the cursor is on another row, `when_selected` on
    Enter or a double click.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(TABLE_KEYS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "figure-table--header",
        "figure-table--cursor",
        "figure-table--even-row",
    }
    DEFAULT_CSS = """
    FigureTable { background: $surface; }
    FigureTable > .figure-table--header { text-style: bold; background: $panel; }
    FigureTable > .figure-table--even-row { background: $surface-lighten-1 50%; }
    FigureTable > .figure-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    FigureTable:focus > .figure-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headers: tuple[Text, ...] = ()
        self.count = 0
        self.cursor_row = 0
        #: The cells of row `i`, made when it is drawn.
        self.cells: Callable[[int], tuple[Text, ...]] = lambda row: ()
        #: Each column's width when it need not give way, and as drawn.
        self.natural: tuple[int, ...] = ()
        self.widths: tuple[int, ...] = ()
        self.when_highlighted: Callable[[], None] | None = None
        self.when_selected: Callable[[], None] | None = None

    def set_rows(
        self,
        headers: tuple[Text, ...],
        count: int,
        cells: Callable[[int], tuple[Text, ...]],
        widths: tuple[int, ...],
        cursor: int = 0,
    ) -> None:
        """Show `count` rows under `headers`, row `i` made by `cells(i)`; `widths`: each
        column's widest cell (the column that gives way may be cut, with an ellipsis)."""
        self.headers, self.count, self.cells = headers, count, cells
        self.natural = tuple(max(w, h.cell_len) for w, h in zip(widths, headers, strict=True))
        self._lay_out()
        self.cursor_row = -1  # so that the move below is one, and says so (when_highlighted)
        self.move_cursor(max(0, min(cursor, count - 1)))
        self.refresh()

    def _lay_out(self) -> None:
        widths = list(self.natural)
        room = self.scrollable_content_region.width
        if room > 0 and len(widths) > GIVES_WAY:
            # The columns up to the ID's stay whole; what a figure measures gives way to them.
            others = sum(w + GAP for i, w in enumerate(widths[: GIVES_WAY + 2]) if i != GIVES_WAY)
            fits = room - 1 - others - GAP
            widths[GIVES_WAY] = max(min(widths[GIVES_WAY], NARROWEST), min(widths[GIVES_WAY], fits))
        self.widths = tuple(widths)
        self.virtual_size = Size(1 + sum(w + GAP for w in widths), self.count + 1)

    def on_resize(self) -> None:
        self._lay_out()
        self._scroll_to_cursor()

    def move_cursor(self, row: int) -> None:
        """Put the cursor on `row` (kept within the table) and scroll it into view."""
        row = max(0, min(row, self.count - 1))
        if row == self.cursor_row:
            return
        self.cursor_row = row
        self._scroll_to_cursor()
        self.refresh()
        if self.when_highlighted is not None:
            self.when_highlighted()

    def _scroll_to_cursor(self) -> None:
        rows = max(1, self.scrollable_content_region.height - 1)  # under the header
        top = self.scroll_offset.y
        if self.cursor_row < top:
            top = self.cursor_row
        elif self.cursor_row >= top + rows:
            top = self.cursor_row - rows + 1
        self.scroll_to(y=top, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step * self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.count - 1)

    def action_select(self) -> None:
        if self.count and self.when_selected is not None:
            self.when_selected()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        row = self.scroll_offset.y + offset.y - 1
        if 0 <= row < self.count:
            self.move_cursor(row)
            if event.chain > 1:
                self.action_select()

    def _line(self, cells: tuple[Text, ...], style: Style) -> Strip:
        line = Text(" ", no_wrap=True, end="")
        for text, width in zip(cells, self.widths, strict=False):
            piece = text.copy()
            piece.truncate(width, overflow="ellipsis", pad=True)
            line.append_text(piece)
            line.append(" " * GAP)
        segments = list(line.render(self.app.console))
        strip = Strip(segments).apply_style(style)
        return strip.extend_cell_length(self.virtual_size.width, style)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("figure-table--header")
            strip = self._line(self.headers, style)
        else:
            row = scroll_y + y - 1
            if row >= self.count:
                return Strip.blank(width, base)
            if row == self.cursor_row:
                style = base + self.get_component_rich_style("figure-table--cursor")
            elif row % 2:
                style = base + self.get_component_rich_style("figure-table--even-row")
            else:
                style = base
            strip = self._line(self.cells(row), style)
        return strip.crop(scroll_x, scroll_x + width)


#: Rows whose widest cell sizes the columns that give way (those wider are cut to fit).
MEASURED_ROWS = 1000


class FactsScreen(Screen[None]):
    """The figures of one subtree as a table (value first, in document order or by value),
    and the figure chosen in it in full below."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(FIGURE_KEYS)

    def __init__(
        self, framework: Framework, node: Node, lang: Lang, quotes: SourceQuotes | None = None
    ) -> None:
        super().__init__()
        self.framework = framework
        self.node = node
        self.lang: Lang = lang
        self.quotes = quotes
        self.by_value = False
        self.rows: list[FactRow] = []
        #: A message on the status line, until another figure is chosen.
        self._message: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="facts-title")
        yield FigureTable(id="facts-table")
        yield Details(id="fact")
        yield StatusLine(id="facts-status")
        yield SteadyFooter()

    def on_mount(self) -> None:
        table = self.query_one(FigureTable)
        table.when_highlighted = self._highlighted
        table.when_selected = self._read_chosen
        self.fill()
        table.focus()

    def _read_chosen(self) -> None:
        self.query_one("#fact", Details).focus()

    def chosen(self) -> FactRow | None:
        """The figure the table's cursor is on."""
        at = self.query_one(FigureTable).cursor_row
        return self.rows[at] if 0 <= at < len(self.rows) else None

    def _cells(self, row: int) -> tuple[Text, ...]:
        fact, lang = self.rows[row].fact, self.lang
        return (
            # One language of the figure in both: the pane below says it in the other.
            cell(figure(fact, "zh" if lang == "both" else lang), "bold"),
            cell(fact.statement.pick(lang)),
            cell(fact.id),
            cell(fact.as_of or ""),
            cell(fact.compared_with.pick(lang) if fact.compared_with else ""),
        )

    def fill(self) -> None:
        """The table again (in the language and order of the moment), on the same figure."""
        lang = self.lang
        before = self.chosen() if self.rows else None
        self.rows = rows = fact_rows(
            self.framework, under=self.node.id, sort="value" if self.by_value else "doc"
        )
        title = Text(no_wrap=True, overflow="ellipsis")
        title.append(f"{len(rows)} ")
        title.append(label(Labels.figures, lang).lower())
        order = Labels.by_value if self.by_value else Labels.document_order
        title.append(f" · {label(order, lang)}", style="dim")
        title.append(" · ")
        title.append(visible(f"{self.node.id} {self.node.title.pick(lang)}"), style="bold")
        self.query_one("#facts-title", Static).update(title)
        # The value first: at 80 columns it shows beside the start of what it measures, and
        # the pane below holds the whole figure. Values, IDs and dates are measured in every
        # row (they stay whole); the texts in the first rows.
        headers = tuple(
            Text(label(name, lang), end="")
            for name in (
                Labels.value,
                Labels.statement,
                Labels.id,
                Labels.as_of,
                Labels.compared_with,
            )
        )
        figure_lang: Lang = "zh" if lang == "both" else lang
        first = rows[:MEASURED_ROWS]
        widths = (
            max((cell_len(visible(figure(row.fact, figure_lang))) for row in rows), default=0),
            max((cell_len(visible(row.fact.statement.pick(lang))) for row in first), default=0),
            max((cell_len(visible(row.fact.id)) for row in rows), default=0),
            max((cell_len(row.fact.as_of or "") for row in rows), default=0),
            max(
                (
                    cell_len(row.fact.compared_with.pick(lang))
                    for row in first
                    if row.fact.compared_with
                ),
                default=0,
            ),
        )
        at = next((i for i, row in enumerate(rows) if before and row.fact is before.fact), 0)
        # The table puts its cursor on the figure, which shows it in the pane (`_highlighted`).
        self.query_one(FigureTable).set_rows(headers, len(rows), self._cells, widths, at)

    def _highlighted(self) -> None:
        self._message = None
        self._show_chosen()

    def _show_chosen(self) -> None:
        row = self.chosen()
        pane = self.query_one("#fact", Details)
        if row is None:
            pane.show(Text(label(Labels.no_figures, self.lang), style="dim"))
        else:
            pane.show(fact_details(Located(row.path), row.fact, self.lang, self.quotes))
        self.status()

    def status(self) -> None:
        """The state of the screen: a message just given, else where the focus is."""
        text = Text(no_wrap=True, overflow="ellipsis")
        if self._message is not None:
            text.append(self._message)
        elif isinstance(self.focused, Details):
            text.append(
                "the figure: ↑ ↓ PgUp PgDn Home End scroll · Tab the table · y copies its ID",
                style="dim",
            )
        else:
            text.append(
                "↑ ↓ choose a figure · Enter or Tab its pane · y copies its ID", style="dim"
            )
        self.query_one(StatusLine).text = text

    def say(self, message: str) -> None:
        """A message on the status line until another figure is chosen."""
        self._message = message
        self.status()

    def on_descendant_focus(self) -> None:
        self.status()

    def relabel(self, lang: Lang) -> None:
        self.lang = lang
        self.fill()

    def action_sort(self) -> None:
        self.by_value = not self.by_value
        self.fill()

    def action_copy_id(self) -> None:
        row = self.chosen()
        if row is not None:
            self.app.copy_to_clipboard(row.fact.id)
            self.say(copied(Labels.copied, row.fact.id, self.lang))

    def action_copy_json(self) -> None:
        row = self.chosen()
        if row is not None:
            self.app.copy_to_clipboard(fact_json(self.framework, Located(row.path), row.fact))
            self.say(copied(Labels.copied_json, row.fact.id, self.lang))
