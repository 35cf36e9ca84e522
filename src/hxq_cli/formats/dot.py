"""The framework as a Graphviz DOT digraph: one box per node, an edge from each parent.

Every ID and label is a double-quoted DOT string, in which only `"` and `\\` need escaping;
line breaks are written `\\n` (centred lines) and control characters as visible escapes.
"""

from __future__ import annotations

from hxq_cli.model import Framework, Lang, Node
from hxq_cli.text import visible

#: Graph attributes: left to right reads like an outline; CJK-capable fonts where installed.
GRAPH_ATTRIBUTES = (
    'rankdir=LR;\n  node [shape=box, style="rounded", fontname="Noto Sans CJK SC, sans-serif"];'
)


def quote(text: str) -> str:
    """`text` as a DOT double-quoted string; each line of the text is a line of the label."""
    lines = [visible(line) for line in text.split("\n")]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def _label(node: Node, lang: Lang) -> str:
    title = node.title
    lines = [f"{node.id} {title.zh if lang != 'en' else title.en}"]
    if lang == "both" and title.en != title.zh:
        lines.append(title.en)
    return "\n".join(lines)


def export(framework: Framework, lang: Lang = "both") -> str:
    """A `digraph` with the framework's title as graph label, nodes in document order."""
    title = framework.title
    label = (
        title.pick(lang) if lang != "both" or title.zh == title.en else f"{title.zh}\n{title.en}"
    )
    lines = [
        f"digraph {quote(framework.id)} {{",
        f"  {GRAPH_ATTRIBUTES}",
        f"  label={quote(label)};",
        "  labelloc=t;",
    ]
    edges: list[str] = []
    for node in framework.walk():
        lines.append(f"  {quote(node.id)} [label={quote(_label(node, lang))}];")
        edges.extend(f"  {quote(node.id)} -> {quote(child.id)};" for child in node.children)
    lines.extend(edges)
    lines.append("}")
    return "\n".join(lines) + "\n"
