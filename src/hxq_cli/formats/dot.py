"""The framework as a Graphviz DOT digraph: one root, a box per node, an edge from each parent.

The root is the framework's title, or, for a subtree export (a framework with one top-level
node), that node. Left to right (`rankdir=LR`) with `ordering=out`, so the children of each
node stand top to bottom in the framework's order: parts 1, 2, 3 … read down the page.
Labels are titles without machine IDs unless asked (`ids`); every label (graph, node, edge)
names a CJK-capable font, so Chinese is drawn rather than boxed.

Every ID and label is a double-quoted DOT string, in which only `"` and `\\` need escaping;
line breaks are written `\\n` (centred lines) and control characters as visible escapes.
"""

from __future__ import annotations

from hxq_cli.model import Bilingual, Framework, Lang, Node, walk_paths
from hxq_cli.queries.export import diagram_root
from hxq_cli.text import visible

#: A CJK-capable font (Noto's, installed with most Linux desktops and fonts-noto-cjk).
FONT = "Noto Sans CJK SC"
ROOT_ID = "root"

GRAPH_ATTRIBUTES = (
    f'  graph [rankdir=LR, ordering=out, nodesep=0.15, ranksep=0.5, fontname="{FONT}", '
    "fontsize=18, labelloc=t];",
    f'  node [shape=box, style="rounded,filled", fillcolor="#f7f7f7", color="#888888", '
    f'fontname="{FONT}", fontsize=11];',
    f'  edge [color="#999999", arrowhead=none, fontname="{FONT}"];',
)
#: Fill of the root and of the top level, so the parts stand out from their details.
ROOT_FILL = "#dbe8f5"
TOP_FILL = "#eef4fa"


def quote(text: str) -> str:
    """`text` as a DOT double-quoted string; each line of the text is a line of the label."""
    lines = [visible(line) for line in text.split("\n")]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def title_lines(title: Bilingual, lang: Lang) -> list[str]:
    """A title in the chosen language(s), one per line."""
    return list(title.texts(lang))


def label(node: Node, lang: Lang, *, ids: bool = False) -> str:
    """A node's label: its title (Chinese over English for both), the ID first if asked."""
    lines = title_lines(node.title, lang)
    if ids:
        lines[0] = f"{node.id}  {lines[0]}"
    return "\n".join(lines)


def export(
    framework: Framework, lang: Lang = "both", *, depth: int | None = None, ids: bool = False
) -> str:
    """A `digraph` grown from one root, `depth` levels below it (all for None)."""
    root = diagram_root(framework)
    lines = [f"digraph {quote(framework.id)} {{", *GRAPH_ATTRIBUTES]
    edges: list[str] = []
    if root is None:
        root_label = "\n".join(title_lines(framework.title, lang))
        lines.append(f'  {quote(ROOT_ID)} [label={quote(root_label)}, fillcolor="{ROOT_FILL}"];')
        tops: tuple[Node, ...] = framework.nodes
        edges.extend(f"  {quote(ROOT_ID)} -> {quote(top.id)};" for top in tops)
    else:
        tops = (root,)
    for path in walk_paths(tops):
        node, level = path[-1], len(path) - (1 if root is not None else 0)
        if depth is not None and level > depth:
            continue
        fill = ROOT_FILL if level == 0 else TOP_FILL if level == 1 else None
        style = f', fillcolor="{fill}"' if fill else ""
        lines.append(f"  {quote(node.id)} [label={quote(label(node, lang, ids=ids))}{style}];")
        if depth is None or level < depth:
            edges.extend(f"  {quote(node.id)} -> {quote(child.id)};" for child in node.children)
    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines) + "\n"
