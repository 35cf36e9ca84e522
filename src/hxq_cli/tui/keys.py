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
    Key("home", "Home", "scroll_home", "first line"),
    Key("end", "End", "scroll_end", "last line"),
)

#: Commands that work wherever the focus is (bound on the app).
APP_KEYS: tuple[Key, ...] = (
    Key("slash", "/", "search", "search: hits update as you type; Enter jumps to the first"),
    Key("n", "n", "next_hit(1)", "next search hit"),
    Key("N", "N", "next_hit(-1)", "previous search hit"),
    Key("colon,g", ": g", "goto", "go to an ID, alias or title (Tab completes)"),
    # Each language named in its own, as a language menu names them.
    Key("t", "t", "cycle_lang", f"language: {Labels.chinese.zh}, {Labels.english.en}, both"),
    Key("f", "f", "facts", "figures of the focused subtree as a table (v sorts by value)"),
    Key("y", "y", "copy_id", "copy the focused ID to the clipboard"),
    Key("Y", "Y", "copy_json", "copy the focused node as JSON (as hxq show ID --json)"),
    Key("question_mark", "?", "help", "this help"),
    Key("q,ctrl+c", "q Ctrl+C", "quit", "quit"),
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
}
