"""The framework as a Mermaid `mindmap`, for GitHub Markdown and Mermaid's own tools.

Each node is written `nN["text"]`: a synthetic ID (dotted IDs with hyphens are not valid
mindmap IDs) and a quoted label. Mermaid reads labels as Markdown and knows no backslash
escapes inside quotes, so every ASCII punctuation character that could mean something to
the mindmap parser, to Markdown or to HTML (quotes, brackets, `*`, `_`, `<`, `#`, `%` …) is
written as a Mermaid entity code, `#35;` for `#`, which Mermaid turns back into the character
after parsing. The two languages are joined with `<br>`, Mermaid's line break.

One root: the framework's title, or for a subtree export (one top-level node) that node.
The diagram asks for Mermaid's `tidy-tree` layout (its front matter): the root in the middle,
the parts on either side, each node's own parts stacked beside it in the framework's order,
no two boxes overlapping at any depth. Where that layout is not installed (it is a package of
its own, which mermaid-cli loads), Mermaid says so in its log and falls back to the mindmap's
force-directed layout, whose boxes crowd and may overlap once a level holds many: so the
mindmap goes DEFAULT_DEPTH levels below its root unless asked for more. Titles are shown
without machine IDs unless asked (`ids`).
"""

from __future__ import annotations

import re

from hxq_cli.model import Bilingual, Framework, Lang, Node, walk_paths
from hxq_cli.queries.export import diagram_root
from hxq_cli.text import visible

INDENT = "  "
#: The front matter that asks for the tree layout (an older Mermaid ignores what it does not
#: know of it, and one without the layout falls back to the mindmap's own).
FRONT_MATTER = ("---", "config:", "  layout: tidy-tree", "---")
LINE_BREAK = "<br>"
#: Levels below the root drawn unless --depth says otherwise.
DEFAULT_DEPTH = 2

# Letters, digits, spaces, non-ASCII text and this punctuation are written as they are;
# anything else in ASCII becomes an entity code. (`:` stays coded: Mermaid's entity pass
# rewrites "style…:…#…;" anywhere in a diagram; `%` and braces could start a directive.)
_PLAIN_PUNCTUATION = set(".,'()/?!;=+-")
# What Markdown reads as a list, heading underline or list marker when it starts a line.
_LINE_START = set("-+=")
_LIST_MARKER = re.compile(r"^(\d+)([.)])(?=\s|$)")


def entity_escape(text: str) -> str:
    """Label text with Mermaid-significant characters as entity codes; one line."""
    text = " ".join(visible(text).split())
    match = _LIST_MARKER.match(text)
    head = ""
    if match:
        head = f"{match.group(1)}#{ord(match.group(2))};"
        text = text[match.end() :]
    out = [
        ch
        if not ch.isascii() or ch.isalnum() or ch == " " or ch in _PLAIN_PUNCTUATION
        else f"#{ord(ch)};"
        for ch in text
    ]
    if not head and out and out[0] in _LINE_START:
        out[0] = f"#{ord(out[0])};"
    return head + "".join(out)


def _label(node: Node, lang: Lang, ids: bool) -> str:
    lines = list(node.title.texts(lang))
    if ids:
        lines[0] = f"{node.id} {lines[0]}"
    return LINE_BREAK.join(entity_escape(line) for line in lines)


def _root_label(title: Bilingual, lang: Lang) -> str:
    return LINE_BREAK.join(entity_escape(line) for line in title.texts(lang))


def export(
    framework: Framework, lang: Lang = "both", *, depth: int | None = None, ids: bool = False
) -> str:
    """A `mindmap` diagram grown from one root, `depth` levels below it (DEFAULT_DEPTH for
    None)."""
    levels = DEFAULT_DEPTH if depth is None else depth
    root = diagram_root(framework)
    if root is not None:
        tops = root.children
        lines = [*FRONT_MATTER, "mindmap", f'{INDENT}root("{_label(root, lang, ids)}")']
    else:
        tops = framework.nodes
        lines = [*FRONT_MATTER, "mindmap", f'{INDENT}root("{_root_label(framework.title, lang)}")']
    for counter, path in enumerate(walk_paths(tops), start=1):
        if len(path) > levels:
            continue
        node, indent = path[-1], len(path) + 1
        lines.append(f'{INDENT * indent}n{counter}["{_label(node, lang, ids)}"]')
    return "\n".join(lines) + "\n"
