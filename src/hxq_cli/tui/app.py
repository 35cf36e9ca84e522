"""`hxq browse`: the framework as a tree beside the details of the focused node (Textual)."""

from __future__ import annotations

import threading
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import Footer, Input

from hxq_cli.tui.hxq_api import (
    Framework,
    Lang,
    Located,
    Node,
    SourceText,
    UsageError,
    node_json,
    visible,
)
from hxq_cli.tui.index import FrameworkIndex
from hxq_cli.tui.keys import APP_KEYS
from hxq_cli.tui.source import SourceQuotes
from hxq_cli.tui.views import details, legend
from hxq_cli.tui.widgets import (
    LINE_ACTIONS,
    Details,
    FactsScreen,
    FrameworkTree,
    GotoScreen,
    HelpScreen,
    SearchField,
    StatusLine,
    bindings,
)

LANGS: tuple[Lang, ...] = ("zh", "en", "both")


class BrowseApp(App[int]):
    """The framework tree on the left, the focused node on the right; keys in keys.py."""

    CSS = """
    #main { height: 1fr; }
    #tree { width: 2fr; min-width: 24; border: round $primary-darken-2; overflow-x: hidden; }
    #tree:focus { border: round $primary; }
    #details { width: 3fr; border: round $primary-darken-2; padding: 0 1; scrollbar-gutter: stable; }
    #details:focus { border: round $primary; }
    #search { display: none; border: none; height: 1; padding: 0 1; }
    #search.open { display: block; }
    #status { height: 1; padding: 0 1; background: $panel; }
    #help, #goto { width: 80%; max-width: 90; height: auto; max-height: 90%;
                   border: round $primary; background: $surface; padding: 0 1; }
    HelpScreen, GotoScreen { align: center middle; }
    #goto-input { border: none; height: 1; padding: 0; margin: 1 0; }
    #facts-title { height: 1; padding: 0 1; background: $panel; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(APP_KEYS)
    ENABLE_COMMAND_PALETTE = False

    #: A var, not a reactive: a reactive would repaint the whole screen when it changes.
    lang: var[Lang] = var[Lang]("both", init=False)

    def __init__(
        self,
        framework: Framework,
        *,
        lang: Lang = "both",
        start: Located | None = None,
        source: SourceText | None = None,
    ) -> None:
        super().__init__()
        self.framework = framework
        self.set_reactive(BrowseApp.lang, lang)
        self.start = start
        self.quotes = SourceQuotes(source) if source is not None else None
        self.title = visible(framework.title.pick(lang))
        self._index: FrameworkIndex | None = None
        self._index_lock = threading.Lock()
        #: Search hits as positions in the index, in document order; the one jumped to last.
        self.hits: list[int] = []
        self.hit_at = -1
        self.query_text = ""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield FrameworkTree(self.framework, self.lang, when_highlighted=self._show_details)
            yield Details(id="details")
        yield SearchField(self.run_search, id="search")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def framework_tree(self) -> FrameworkTree:
        return self.query_one(FrameworkTree)

    def on_mount(self) -> None:
        tree = self.framework_tree
        tree.focus()
        self.query_one("#search", Input).cursor_blink = False
        self._frame()
        if self.start is not None:
            start = self.start.path
            self.call_after_refresh(tree.reveal, start)
        else:
            tree.move_cursor(tree.root.children[0] if tree.root.children else None)
        self._status()
        # The index (every node, and the text search looks in) is built while the reader looks,
        # once the first screen is drawn: before, the thread would slow that screen down.
        self.call_after_refresh(self._build_index)

    def _build_index(self) -> None:
        self.run_worker(self.index, thread=True, exclusive=True, group="index")

    def index(self) -> FrameworkIndex:
        """The framework's search and completion index (built once, in any thread)."""
        with self._index_lock:
            if self._index is None:
                index = FrameworkIndex(self.framework)
                index.prepare()
                self._index = index
            return self._index

    def _frame(self) -> None:
        lang = self.lang
        tree = self.framework_tree
        # Text, not str: a str border title would be read as Textual markup.
        tree.border_title = Text(visible(self.framework.title.pick(lang)))
        tree.border_subtitle = Text(legend(lang))

    def _status(self, message: str | None = None) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        if message is not None:
            text.append(message)
        elif self.query_text:
            text.append(f"{len(self.hits)} hits for ")
            text.append(visible(self.query_text), style="bold")
            if self.hits:
                text.append(" · n next, N previous", style="dim")
        else:
            text.append(f"language: {self.lang} · t changes it · ? help", style="dim")
        self.query_one(StatusLine).text = text

    # ------------------------------------------------------------------ the focused node

    def focused_node(self) -> Node | None:
        cursor = self.framework_tree.cursor_node
        return None if cursor is None else cursor.data

    def _located(self, node: Node) -> Located:
        tree_node = self.framework_tree.shown(node)
        path: list[Node] = []
        while tree_node is not None and tree_node.data is not None:
            path.append(tree_node.data)
            tree_node = tree_node.parent
        return Located(tuple(reversed(path)))

    def _show_details(self) -> None:
        node = self.focused_node()
        if node is None:
            return
        self.query_one(Details).show(details(self._located(node), self.lang, self.quotes))

    # ------------------------------------------------------------------ language

    def action_cycle_lang(self) -> None:
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]

    def watch_lang(self, lang: Lang) -> None:
        # No widget shows the app's title (screenshots name their file after it): set without
        # the repaint of the whole screen that assigning the reactive would cost.
        self.set_reactive(App.title, visible(self.framework.title.pick(lang)))
        self.framework_tree.relabel(lang)
        self._frame()
        self._show_details()
        self._status()
        for screen in self.screen_stack:
            if isinstance(screen, FactsScreen):
                screen.relabel(lang)

    # ------------------------------------------------------------------ search

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" and ":" are bound ahead of the focused widget; in a line being typed they are
        # characters.
        return not (action in LINE_ACTIONS and isinstance(self.focused, Input))

    def action_search(self) -> None:
        field = self.query_one("#search", Input)
        field.add_class("open")
        # At once, not after this message (as `focus()` does): keys typed right after "/"
        # (several come in one read from the terminal) are on their way to the focused widget.
        self.screen.set_focus(field)
        self._status("type to search · Enter jumps to the first hit · Esc closes")

    def run_search(self, text: str) -> None:
        """Mark the nodes that hold `text` (rules of `hxq search`)."""
        index = self.index()
        try:
            hits = index.search(text) if text.strip() else []
        except UsageError as exc:
            hits = []
            self._status(str(exc))
        self.query_text = text.strip()
        self.hits = hits
        self.hit_at = -1
        found = frozenset(id(index.nodes[i]) for i in hits)
        above: set[int] = set()
        for position in hits:
            parent = index.parents[position]
            while parent >= 0 and id(index.nodes[parent]) not in above:
                above.add(id(index.nodes[parent]))
                parent = index.parents[parent]
        self.framework_tree.mark(found, frozenset(above))
        self._status()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search()
        if self.hits:
            self.hit_at = -1
            self.action_next_hit(1)

    def _close_search(self) -> None:
        field = self.query_one("#search", Input)
        field.remove_class("open")
        self.framework_tree.focus()

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if isinstance(event, Key) and event.key == "escape":
            field = self.query_one("#search", Input)
            if field.has_class("open"):
                self._close_search()
                event.stop()

    def action_next_hit(self, step: int) -> None:
        if not self.hits:
            self._status("no search hits: / searches" if not self.query_text else None)
            return
        self.hit_at = (self.hit_at + step) % len(self.hits)
        index = self.index()
        path = tuple(index.nodes[i] for i in index.path(self.hits[self.hit_at]))
        self.framework_tree.reveal(path)
        self._status(f"hit {self.hit_at + 1} of {len(self.hits)} for {self.query_text}")

    # ------------------------------------------------------------------ go to, facts, help

    async def action_goto(self) -> None:
        # Awaited: the keys typed right after ":" wait until its line is there to take them.
        await self.push_screen(GotoScreen(self.framework, self.index(), self.lang), self._went)

    def _went(self, located: Located | None) -> None:
        if located is not None:
            self.framework_tree.reveal(located.path)
        self.framework_tree.focus()

    def action_facts(self) -> None:
        node = self.focused_node()
        if node is not None:
            self.push_screen(FactsScreen(self.framework, node, self.lang))

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # ------------------------------------------------------------------ copy, quit

    def action_copy_id(self) -> None:
        node = self.focused_node()
        if node is not None:
            self.copy_to_clipboard(node.id)
            self._status(f"copied {visible(node.id)}")

    def action_copy_json(self) -> None:
        node = self.focused_node()
        if node is not None:
            self.copy_to_clipboard(node_json(self.framework, self._located(node)))
            self._status(f"copied the JSON of {visible(node.id)}")

    async def action_quit(self) -> None:
        self.exit(0)
