"""The framework as OPML 2.0, the outline format outliners and mind-map tools import.

Each node is an `<outline>` whose `text` is its title in the chosen language(s) (its ID first
when asked, `ids`), whose `_note` (the attribute OmniOutliner, Workflowy, Dynalist and mind-map
tools read as a note) holds its description and figures, and whose `id` is its ID, so that an
outline can be traced back to the framework (OPML lets an outline carry attributes of its own;
tools keep those they do not know, or drop them, and read the rest). Written with
xml.etree.ElementTree, which escapes the data; characters XML 1.0 cannot hold are shown as
visible escapes first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hxq_cli.model import Bilingual, Framework, Lang, Node
from hxq_cli.text import visible
from hxq_cli.zh.display import amount

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return visible(text) if _NOT_XML.search(text) else text


def _text(value: Bilingual, lang: Lang) -> str:
    return _clean(" · ".join(value.texts(lang)))


def _note(node: Node, lang: Lang) -> str:
    lines = list(node.description.texts(lang))
    for fact in node.facts:
        lines.append(f"{_text(fact.statement, lang)}: {amount(fact, lang)}")
    return _clean("\n".join(lines))


def _outline(parent: ET.Element, node: Node, lang: Lang, ids: bool) -> None:
    node_id, text = _clean(node.id), _text(node.title, lang)
    element = ET.SubElement(
        parent, "outline", {"text": f"{node_id} {text}" if ids else text, "id": node_id}
    )
    note = _note(node, lang)
    if note:
        element.set("_note", note)
    for child in node.children:
        _outline(element, child, lang, ids)


def export(framework: Framework, lang: Lang = "both", *, ids: bool = False) -> str:
    """An OPML 2.0 document: the framework's title as the head's title, one outline per node,
    each with its ID as an attribute (and before its title, for `ids`)."""
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _text(framework.title, lang)
    body = ET.SubElement(root, "body")
    for node in framework.nodes:
        _outline(body, node, lang, ids)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
