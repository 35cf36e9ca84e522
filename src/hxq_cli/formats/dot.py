"""The framework as a Graphviz DOT digraph: one root, a box per node, an edge from each parent.

The root is the framework's title, or, for a subtree export (a framework with one top-level
node), that node. Left to right (`rankdir=LR`) with `ordering=out`, so the children of each
node stand top to bottom in the framework's order: parts 1, 2, 3 … read down the page.
Labels are titles without machine IDs unless asked (`ids`), a long English title wrapped
between words; every label (graph, node, edge) names a CJK-capable font, so Chinese is drawn
rather than boxed.

Two settings keep the drawing clean at full depth (checked on Graphviz's own positions,
`dot -Tplain`, in tests/test_export.py): edges are polylines (`splines=polyline`), which
never cross where the layout leaves room between the columns (Graphviz's curved splines
crossed 8 times on 10 generated frameworks of 150 nodes, polylines never); and an edge weighs
as much as its depth below the root, so that dot keeps each node beside its own parts rather
than the upper levels straight (with equal weights it left a parent, such as 4.synergy, far
from its parts, their edges running down the page in a bundle).

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
    f"  graph [rankdir=LR, ordering=out, splines=polyline, nodesep=0.15, ranksep=0.5, "
    f'fontname="{FONT}", fontsize=18, labelloc=t];',
    f'  node [shape=box, style="rounded,filled", fillcolor="#f7f7f7", color="#888888", '
    f'fontname="{FONT}", fontsize=11];',
    f'  edge [color="#999999", arrowhead=none, fontname="{FONT}"];',
)
#: Fill of the root and of the top level, so the parts stand out from their details.
ROOT_FILL = "#dbe8f5"
TOP_FILL = "#eef4fa"
#: A line of a label longer than this many characters is wrapped between words (Chinese,
#: which has no spaces, is left whole: its titles are short).
WRAP = 32


def quote(text: str) -> str:
    """`text` as a DOT double-quoted string; each line of the text is a line of the label."""
    lines = [visible(line) for line in text.split("\n")]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def title_lines(title: Bilingual, lang: Lang) -> list[str]:
    """A title in the chosen language(s), one per line, each wrapped at WRAP characters."""
    return [part for text in title.texts(lang) for part in _wrapped(text)]


def _wrapped(text: str) -> list[str]:
    """`text` in lines of at most WRAP characters where spaces allow, each break taking the
    place of one space (so the lines joined by spaces are the text again)."""
    words = text.split(" ")
    lines = [[words[0]]]
    for word in words[1:]:
        line = " ".join(lines[-1])
        if line and len(line) + 1 + len(word) > WRAP:
            lines.append([word])
        else:
            lines[-1].append(word)
    return [" ".join(line) for line in lines]


def label(node: Node, lang: Lang, *, ids: bool = False) -> str:
    """A node's label: its title (Chinese over English for both), the ID first if asked."""
    texts = list(node.title.texts(lang))
    if ids:
        texts[0] = f"{node.id}  {texts[0]}"
    return "\n".join(part for text in texts for part in _wrapped(text))


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
        edges.extend(f"  {quote(ROOT_ID)} -> {quote(top.id)} [weight=1];" for top in tops)
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
            edges.extend(
                f"  {quote(node.id)} -> {quote(child.id)} [weight={level + 1}];"
                for child in node.children
            )
    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines) + "\n"
