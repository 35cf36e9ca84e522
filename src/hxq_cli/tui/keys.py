"""Every key of `hxq browse`, in one table that the bindings, the help screen and the README share."""

from __future__ import annotations

from dataclasses import dataclass

from hxq_cli.tui.hxq_api import Labels


@dataclass(frozen=True, slots=True)
class Key:
    """One command: the keys that run it (Textual names), how help shows them, what it does."""

    keys: str
    shown: str
    action: str
    description: str


#: Moving in the tree (bound on the tree itself).
TREE_KEYS: tuple[Key, ...] = (
    Key("down,j", "↓ j", "cursor_down", "next line"),
    Key("up,k", "↑ k", "cursor_up", "previous line"),
    Key("right,l,enter", "→ l Enter", "go_in", "expand, or go to the first part"),
    Key("left,h", "← h", "go_out", "collapse, or go to the parent"),
    Key("J", "J", "sibling(1)", "next sibling"),
    Key("K", "K", "sibling(-1)", "previous sibling"),
    Key("pagedown", "PgDn", "page_down", "a page down"),
    Key("pageup", "PgUp", "page_up", "a page up"),
    Key("home", "Home", "scroll_home", "first line"),
    Key("end", "End", "scroll_end", "last line"),
)

#: Reading a pane of text: the details of a node or of a figure, the help (bound on each).
TEXT_KEYS: tuple[Key, ...] = (
    Key("down,j", "↓ j", "scroll_down", "a line down"),
    Key("up,k", "↑ k", "scroll_up", "a line up"),
    Key("pagedown,space", "PgDn Space", "page_down", "a page down"),
    Key("pageup,b", "PgUp b", "page_up", "a page up"),
    Key("home", "Home", "scroll_home", "the top"),
    Key("end", "End", "scroll_end", "the end"),
)

#: Commands that work wherever the focus is (bound on the app).
APP_KEYS: tuple[Key, ...] = (
    Key("tab", "Tab", "focus_next", "the next pane: tree, details"),
    Key("shift+tab", "Shift+Tab", "focus_previous", "the previous pane"),
    Key("less_than_sign", "<", "tree_width(-1)", "a narrower tree (kept until you quit)"),
    Key("greater_than_sign", ">", "tree_width(1)", "a wider tree"),
    Key("slash", "/", "search", "search: hits update as you type; Enter jumps to the first"),
    Key("n", "n", "next_hit(1)", "next search hit"),
    Key("N", "N", "next_hit(-1)", "previous search hit"),
    Key("colon,g", ": g", "goto", "go to an ID, alias or title (↑ ↓ choose, Tab completes)"),
    # Each language named in its own, as a language menu names them.
    Key("t", "t", "cycle_lang", f"language: {Labels.chinese.zh}, {Labels.english.en}, both"),
    Key("f", "f", "facts", "figures of the focused subtree: a table, and the chosen one in full"),
    Key("y", "y", "copy_id", "copy the focused ID to the clipboard"),
    Key("Y", "Y", "copy_json", "copy the focused node as JSON (as hxq show ID --json)"),
    Key("question_mark", "?", "help", "this help"),
    Key("q,ctrl+c", "q Ctrl+C", "quit", "quit"),
)

#: Choosing a figure in the table of the figures screen (bound on the table).
TABLE_KEYS: tuple[Key, ...] = (
    Key("down,j", "↓ j", "cursor(1)", "next figure: the pane below shows it in full"),
    Key("up,k", "↑ k", "cursor(-1)", "previous figure"),
    Key("pagedown", "PgDn", "page(1)", "a page down"),
    Key("pageup", "PgUp", "page(-1)", "a page up"),
    Key("home", "Home", "first", "first figure"),
    Key("end", "End", "last", "last figure"),
    Key("enter", "Enter", "select", "the figure's pane, to read it all"),
)

#: The figures screen (`f`), bound on it.
FIGURE_KEYS: tuple[Key, ...] = (
    Key("tab", "Tab", "", "from the table to the figure's pane and back"),
    Key("y", "y", "copy_id", "copy the chosen figure's ID"),
    Key("Y", "Y", "copy_json", "copy it as JSON (as hxq show FACT_ID --json)"),
    Key("v", "v", "sort", "sort by value / in document order"),
    Key("escape,f", "Esc f", "app.pop_screen", "back to the tree"),
)

#: Keys in the footer, with their short labels.
FOOTER: dict[str, str] = {
    "search": "search",
    "goto": "go to",
    "cycle_lang": "language",
    "facts": "figures",
    "copy_id": "copy ID",
    "help": "help",
    "quit": "quit",
    "sort": "sort",
    "app.pop_screen": "back",
}
