"""The widgets of `hxq browse`: the framework tree (filled as it is expanded) and its screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static, Tree
from textual.widgets.tree import TreeNode

from hxq_cli.tui.hxq_api import (
    Framework,
    Labels,
    Lang,
    Located,
    Node,
    UsageError,
    fact_rows,
    figure_text,
    label,
    resolve_id,
    visible,
)
from hxq_cli.tui.index import FrameworkIndex
from hxq_cli.tui.keys import APP_KEYS, FOOTER, TREE_KEYS, Key
from hxq_cli.tui.views import legend, plain, tree_label

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


class StatusLine(Widget):
    """One line of state (search hits, what was copied); redrawn without a new layout."""

    text: reactive[Text] = reactive(Text, layout=False)

    def render(self) -> Text:
        return self.text


class Details(ScrollView, can_focus=True):
    """The focused node, in full (see views.details).

    Its lines are rendered once per node (and per width) and drawn a screen at a time with
    Textual's line API: a new node changes what the widget draws, never the layout of the
    screen, so the tree and the details are redrawn in the same frame.
    """

    DEFAULT_CSS = "Details { overflow-x: hidden; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._renderable: RenderableType = Text()
        self._lines: list[Strip] = []
        #: The width the lines were rendered at.
        self._width = 0

    def show(self, renderable: RenderableType) -> None:
        self._renderable = renderable
        self._render_lines(self.scrollable_content_region.width)
        self.scroll_to(0, 0, animate=False)
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

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._render_lines(width)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = y + scroll_y
        if index < len(self._lines):
            return self._lines[index].crop(scroll_x, scroll_x + width)
        return Strip.blank(width, self.rich_style)


class HelpScreen(ModalScreen[None]):
    """Every key, from the same table as the bindings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", "close"),
    ]

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("hxq browse: keys\n\n", style="bold")
        for key in (*TREE_KEYS, *APP_KEYS):
            text.append(f"{key.shown:<12}", style="bold")
            text.append(f"{key.description}\n")
        text.append(f"\n{legend('both')}\n", style="dim")
        text.append("Mouse: click a line to open it, scroll with the wheel.\n", style="dim")
        text.append("Esc or ? closes this help.", style="dim")
        with Vertical(id="help"):
            yield Static(text)


class GotoScreen(ModalScreen[Located | None]):
    """Asks for an ID, alias or title, completing as it is typed; gives the node it names."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "cancel"),
        Binding("tab", "complete", "complete", priority=True),
    ]

    def __init__(self, framework: Framework, index: FrameworkIndex, lang: Lang) -> None:
        super().__init__()
        self.framework = framework
        self.index = index
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="goto"):
            yield Static(Text("Go to: ID, alias or title (Tab completes, Esc cancels)"))
            yield Input(placeholder="4.2, innovation, 科创赋能", id="goto-input")
            yield Static(id="goto-choices")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        # At once (`focus()` would wait a message): the keys typed right after ":" follow.
        self.set_focus(field)

    def _choices(self, typed: str) -> list[tuple[str, Node]]:
        return self.index.names(typed)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        lines = Text()
        for name, node in self._choices(event.value):
            lines.append(visible(name).replace("\n", " "), style="bold")
            lines.append(f"  {visible(node.id)} {visible(node.title.pick(self.lang))}\n")
        self.query_one("#goto-choices", Static).update(lines)

    def action_complete(self) -> None:
        field = self.query_one(Input)
        choices = self._choices(field.value)
        if choices:
            field.value = choices[0][0]
            field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.dismiss(None)
            return
        try:
            located = resolve_id(self.framework, event.value)
        except UsageError as exc:
            self.query_one("#goto-choices", Static).update(plain(str(exc), "red"))
            return
        self.dismiss(located)


class FactsScreen(Screen[None]):
    """The figures of one subtree as a table, in document order or by value."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "app.pop_screen", "back"),
        Binding("v", "sort", "sort by value / document order"),
    ]

    def __init__(self, framework: Framework, node: Node, lang: Lang) -> None:
        super().__init__()
        self.framework = framework
        self.node = node
        self.lang: Lang = lang
        self.by_value = False

    def compose(self) -> ComposeResult:
        yield Static(id="facts-title")
        yield DataTable(id="facts-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        lang = self.lang
        rows = fact_rows(
            self.framework, under=self.node.id, sort="value" if self.by_value else "doc"
        )
        order = (
            "by value (v: document order)" if self.by_value else "in document order (v: by value)"
        )
        title = Text()
        title.append(f"{len(rows)} ")
        title.append(label(Labels.figures, lang).lower())
        title.append(" · ")
        title.append(visible(f"{self.node.id} {self.node.title.pick(lang)}"), style="bold")
        title.append(f" · {order} · Esc back", style="dim")
        self.query_one("#facts-title", Static).update(title)
        table: DataTable[Text] = self.query_one(DataTable)
        table.clear(columns=True)
        for name in (Labels.id, Labels.statement, Labels.value, Labels.as_of, Labels.compared_with):
            table.add_column(Text(label(name, lang)))
        for row in rows:
            fact = row.fact
            table.add_row(
                plain(fact.id),
                plain(fact.statement.pick(lang)),
                plain(figure_text(fact, lang)),
                plain(fact.as_of or ""),
                plain(fact.compared_with.pick(lang) if fact.compared_with else ""),
            )

    def relabel(self, lang: Lang) -> None:
        self.lang = lang
        self.fill()

    def action_sort(self) -> None:
        self.by_value = not self.by_value
        self.fill()
