"""`hxq browse`: the framework as a tree beside the details of the focused node (Textual)."""

from __future__ import annotations

import bisect
import threading
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import Input

from hxq_cli.tui.hxq_api import (
    Framework,
    Labels,
    Lang,
    Located,
    Node,
    SourceText,
    UsageError,
    label,
    node_json,
    visible,
)
from hxq_cli.tui.index import FrameworkIndex
from hxq_cli.tui.keys import APP_KEYS
from hxq_cli.tui.source import SourceQuotes
from hxq_cli.tui.views import (
    copied,
    details,
    hit_at_said,
    hits_said,
    language_said,
    legend,
)
from hxq_cli.tui.widgets import (
    LINE_ACTIONS,
    Details,
    FactsScreen,
    FrameworkTree,
    GotoScreen,
    HelpScreen,
    SearchField,
    StatusLine,
    SteadyFooter,
    bindings,
)

LANGS: tuple[Lang, ...] = ("zh", "en", "both")
#: The tree's share of the width, in percent: at first, and each step of `<` and `>`.
TREE_WIDTH, TREE_STEP = 40, 5
#: The fewest cells the tree and the details keep (the CSS's `min-width`s).
TREE_CELLS, DETAILS_CELLS = 24, 20
#: The app's commands on the tree and its details, which do nothing over another screen.
ON_THE_TREE = frozenset(
    {"search", "next_hit", "goto", "facts", "copy_id", "copy_json", "tree_width"}
)


class BrowseApp(App[int]):
    """The framework tree on the left, the focused node on the right; keys in keys.py."""

    CSS = """
    #main { height: 1fr; }
    #tree { min-width: 24; border: round $primary-darken-2; overflow-x: hidden; }
    /* The min-widths are TREE_CELLS and DETAILS_CELLS. */
    #tree:focus { border: round $primary; }
    #details, #fact { width: 1fr; min-width: 20; border: round $primary-darken-2; padding: 0 1;
                      scrollbar-gutter: stable; }
    #details:focus, #fact:focus { border: round $primary; }
    #search { display: none; border: none; height: 1; padding: 0 1; }
    #search.open { display: block; }
    #status, #facts-status { height: 1; padding: 0 1; background: $panel; }
    #help, #goto { width: 80%; max-width: 90; height: auto; max-height: 90%;
                   border: round $primary; background: $surface; padding: 0 1; }
    HelpScreen, GotoScreen { align: center middle; }
    #goto-input { border: none; height: 1; padding: 0; margin: 1 0; }
    #goto-choices { border: none; height: auto; max-height: 10; padding: 0; background: $surface;
                    text-wrap: nowrap; text-overflow: ellipsis; }
    #facts-title { height: 1; padding: 0 1; background: $panel; }
    #facts-table { height: 1fr; min-height: 4; }
    #fact { height: 1fr; min-height: 5; }
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
        #: Whether the status line speaks of the search: from a search until the cursor
        #: leaves its hits.
        self._search_said = False
        #: A message on the status line (what was copied, the language), until the next move.
        self._message: str | None = None
        #: The tree's share of the width, in percent (for the session: every screen keeps it).
        self.tree_width = TREE_WIDTH

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield FrameworkTree(self.framework, self.lang, when_highlighted=self._show_details)
            yield Details(id="details")
        yield SearchField(self.run_search, id="search")
        yield StatusLine(id="status")
        yield SteadyFooter()

    @property
    def framework_tree(self) -> FrameworkTree:
        return self.query_one(FrameworkTree)

    def on_mount(self) -> None:
        tree = self.framework_tree
        tree.styles.width = f"{self.tree_width}%"
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

    def _status(self) -> None:
        """The status line says the state of the moment: a message just given; the search,
        while the line is open or the cursor on one of its hits; else where the focus is."""
        text = Text(no_wrap=True, overflow="ellipsis")
        lang = self.lang
        field = self.query_one("#search", Input)
        if self._message is not None:
            text.append(self._message)
        elif field.has_class("open"):
            if self.query_text:
                text.append(hits_said(len(self.hits), self.query_text, lang))
                text.append(" · Enter jumps to the first · Esc closes", style="dim")
            else:
                text.append("type to search · Enter jumps to the first hit · Esc closes")
        elif self._search_said and self.query_text:
            if self.hit_at >= 0:
                text.append(hit_at_said(self.hit_at + 1, len(self.hits), self.query_text, lang))
            else:
                text.append(hits_said(len(self.hits), self.query_text, lang))
            if self.hits:
                text.append(" · n next, N previous", style="dim")
        elif isinstance(self.default_screen.focused, Details):
            text.append(label(Labels.details, lang))
            text.append(" · ↑ ↓ PgUp PgDn Home End scroll · Tab the tree · ? help", style="dim")
        else:
            text.append(language_said(lang))
            text.append(" · t changes it · Tab the details · ? help", style="dim")
        self.query_one(StatusLine).text = text

    def say(self, message: str) -> None:
        """A message on the status line of the screen shown, until the next move."""
        screen = self.screen
        if isinstance(screen, FactsScreen):
            screen.say(message)
            return
        self._message = message
        self._status()

    def _moved(self) -> None:
        """The cursor is on another node: a message goes, and so does the search's status
        unless the node is one of its hits (then it says which)."""
        self._message = None
        at = self._hit_of_cursor()
        self.hit_at = -1 if at is None else at
        self._search_said = at is not None
        self._status()

    def _hit_of_cursor(self) -> int | None:
        """Which search hit the cursor is on (its place among the hits), if any."""
        node = self.focused_node()
        if node is None or not self.query_text or id(node) not in self.framework_tree.hits:
            return None
        index = self.index()
        at = bisect.bisect_left(self.hits, index.position[id(node)])
        return at if at < len(self.hits) else None

    def on_descendant_focus(self) -> None:
        self._status()

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
        self._moved()

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
        for screen in self.screen_stack:
            if isinstance(screen, FactsScreen):
                screen.relabel(lang)
        self.say(language_said(lang))

    # ------------------------------------------------------------------ the tree's width

    def action_tree_width(self, step: int) -> None:
        """A wider (step 1) or narrower (-1) tree, within what leaves each pane its fewest
        cells on this screen (a step past them would change nothing the reader sees)."""
        columns = max(self.size.width, TREE_CELLS + DETAILS_CELLS)
        narrowest = -(-TREE_CELLS * 100 // columns)  # rounded up
        widest = (columns - DETAILS_CELLS) * 100 // columns
        width = self.tree_width + step * TREE_STEP
        self.tree_width = max(narrowest, min(widest, width))
        self.framework_tree.styles.width = f"{self.tree_width}%"

    # ------------------------------------------------------------------ search

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" and ":" are bound ahead of the focused widget; in a line being typed they are
        # characters.
        if action in LINE_ACTIONS and isinstance(self.focused, Input):
            return False
        # Over the tree (the figures, the help, go to) the commands on the tree do nothing.
        return self.screen is self.default_screen or action not in ON_THE_TREE

    def action_search(self) -> None:
        field = self.query_one("#search", Input)
        field.add_class("open")
        # At once, not after this message (as `focus()` does): keys typed right after "/"
        # (several come in one read from the terminal) are on their way to the focused widget.
        self.screen.set_focus(field)
        self._message = None
        self._status()

    def run_search(self, text: str) -> None:
        """Mark the nodes that hold `text` (rules of `hxq search`)."""
        index = self.index()
        self._message = None
        try:
            hits = index.search(text) if text.strip() else []
        except UsageError as exc:
            hits = []
            self._message = str(exc)
        self.query_text = text.strip()
        self.hits = hits
        self.hit_at = -1
        self._search_said = True
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
            self._go_to_hit(0)

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
        """The next search hit after the cursor (step 1) or the one before it (-1), round
        the ends."""
        if not self.hits:
            if self.query_text:
                self._search_said = True
                self._status()
            else:
                self.say("no search yet: / searches")
            return
        node = self.focused_node()
        here = -1 if node is None else self.index().position.get(id(node), -1)
        if step > 0:
            at = bisect.bisect_right(self.hits, here)
        else:
            at = bisect.bisect_left(self.hits, here) - 1
        self._go_to_hit(at % len(self.hits))

    def _go_to_hit(self, at: int) -> None:
        index = self.index()
        path = tuple(index.nodes[i] for i in index.path(self.hits[at]))
        self.framework_tree.reveal(path)
        # After the move (which asks which hit the cursor is on): the hit is this one.
        self._search_said = True
        self.hit_at = at
        self._message = None
        self._status()

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
            self.push_screen(FactsScreen(self.framework, node, self.lang, self.quotes))

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # ------------------------------------------------------------------ copy, quit

    def action_copy_id(self) -> None:
        node = self.focused_node()
        if node is not None:
            self.copy_to_clipboard(node.id)
            self.say(copied(Labels.copied, node.id, self.lang))

    def action_copy_json(self) -> None:
        node = self.focused_node()
        if node is not None:
            self.copy_to_clipboard(node_json(self.framework, self._located(node)))
            self.say(copied(Labels.copied_json, node.id, self.lang))

    async def action_quit(self) -> None:
        self.exit(0)
