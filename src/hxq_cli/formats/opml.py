"""The framework as OPML 2.0, the outline format outliners and mind-map tools import.

Each node is an `<outline>` whose `text` is its title in the chosen language(s) and whose
`_note` (the attribute OmniOutliner, Workflowy, Dynalist and mind-map tools read as a note)
holds its description and figures. Written with xml.etree.ElementTree, which escapes the
data; characters XML 1.0 cannot hold are shown as visible escapes first.
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


def _outline(parent: ET.Element, node: Node, lang: Lang) -> None:
    element = ET.SubElement(parent, "outline", {"text": _text(node.title, lang)})
    note = _note(node, lang)
    if note:
        element.set("_note", note)
    for child in node.children:
        _outline(element, child, lang)


def export(framework: Framework, lang: Lang = "both") -> str:
    """An OPML 2.0 document: the framework's title as the head's title, one outline per node."""
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = _text(framework.title, lang)
    body = ET.SubElement(root, "body")
    for node in framework.nodes:
        _outline(body, node, lang)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
