"""The framework file `hxq draft` writes: a draft that every command reads as it is.

Its tree follows the text: the parts of the text's top-level formulation (a "123456") first,
where there is one, then the headings (一、 as parts, （一） as their sections) or, in a text
without headings, the paragraphs that hold something; under each, the formulations that stand
there (their parts as numbered children) and the figures as facts. Every English text is
`UNTRANSLATED`; every Chinese text the person should rewrite starts with `QUOTATION`;
`draft: true` tells `hxq validate` to report what is left to do as warnings.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from hxq_cli.formats.yaml import dumps_yaml
from hxq_cli.model import QUOTATION, UNTRANSLATED, value_to_data
from hxq_cli.queries.draft import Draft, DraftFigure, DraftFormulation, Section

_HAN = re.compile("[\u3400-\u9fff]")
#: The ID of the only source of a draft.
SOURCE_ID = "source"


def _pair(zh: str, en: str = UNTRANSLATED) -> dict[str, str]:
    return {"zh": zh, "en": en}


def _quoted(text: str) -> dict[str, str]:
    return _pair(f"{QUOTATION}{text}")


def _slug(name: str) -> str:
    """The framework ID: the file's name and -draft (gwr2024-draft), or draft for stdin."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", PurePath(name).stem).strip("-_")
    return f"{slug[:190]}-draft" if slug and name != "<stdin>" else "draft"


def formulation_title(formulation: DraftFormulation, clause: str) -> str:
    """The node title of a formulation: its name as written, with the words that follow it in
    the text where the name alone has no Chinese (“123456”顶层设计)."""
    name = formulation.name
    if _HAN.search(name):
        return name
    after = clause.split(name, 1)[1] if name in clause else ""
    after = after.lstrip("”\"'’」")
    head = re.match("[\u3400-\u9fff]{1,10}", after)
    return f"“{name}”{head.group(0) if head else '提法'}"


class _Builder:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.figure_numbers: dict[str, int] = {}
        self.formulation_numbers: dict[str, int] = {}

    def fact(self, node_id: str, figure: DraftFigure) -> dict[str, Any]:
        number = self.figure_numbers.get(node_id, 0) + 1
        self.figure_numbers[node_id] = number
        found = figure.found
        fact: dict[str, Any] = {
            "id": f"{node_id}.fig-{number}",
            "statement": _quoted(figure.clause or figure.anchor),
            "value": value_to_data(found.value),
            "unit": found.unit,
        }
        if found.qualifier is not None:
            fact["qualifier"] = found.qualifier
        if found.display is not None:
            fact["display"] = _pair(*found.display)
        if found.as_of is not None:
            fact["as_of"] = found.as_of
        fact["anchor"] = figure.anchor
        fact["source"] = SOURCE_ID
        fact["at"] = figure.where.at
        return fact

    def formulation(
        self, node_id: str, formulation: DraftFormulation, figures: list[dict[str, Any]]
    ) -> dict[str, Any]:
        node: dict[str, Any] = {
            "id": node_id,
            "title": _pair(formulation_title(formulation, formulation.anchor)),
            "count": formulation.count,
            "description": _quoted(formulation.anchor),
            "at": formulation.where.at,
        }
        if figures:
            node["facts"] = figures
        if formulation.parts:
            node["children"] = [
                {
                    "id": f"{node_id}.{index}",
                    "title": _pair(part),
                    "description": _quoted(part),
                }
                for index, part in enumerate(formulation.parts, start=1)
            ]
        return node

    def named(self, parent: str, formulation: DraftFormulation) -> dict[str, Any]:
        number = self.formulation_numbers.get(parent, 0) + 1
        self.formulation_numbers[parent] = number
        prefix = f"{parent}." if parent else ""
        return self.formulation(f"{prefix}set-{number}", formulation, [])


def _spine_match(part: str, formulations: list[DraftFormulation]) -> DraftFormulation | None:
    for formulation in formulations:
        if formulation.name in part or part in formulation.name:
            return formulation
    return None


def framework_document(draft: Draft) -> dict[str, Any]:
    """The draft as a framework document (the shape of the framework file)."""
    builder = _Builder(draft)
    spine = draft.spine
    formulations = [f for f in draft.formulations if f is not spine]
    nodes: list[dict[str, Any]] = []
    placed: set[int] = set()
    if spine is not None:
        for index, part in enumerate(spine.parts, start=1):
            match = _spine_match(part, formulations)
            if match is None:
                nodes.append({"id": str(index), "title": _pair(part), "description": _quoted(part)})
                continue
            placed.add(id(match))
            nodes.append(builder.formulation(str(index), match, []))
    prefix = "s" if spine is not None else ""
    # Sections: their IDs made to fit under a spine (s1, s2 …) or as the text numbers them.
    section_nodes: dict[str | None, dict[str, Any]] = {}
    top_sections: list[dict[str, Any]] = []
    for section in draft.sections:
        node_id = _section_id(section, prefix)
        node = {
            "id": node_id,
            "title": _pair(section.title),
            "description": _quoted(section.title),
            "at": section.where.at,
        }
        section_nodes[section.id] = node
        parent_id = section.id.rsplit(".", 1)[0] if "." in section.id else None
        parent = section_nodes.get(parent_id) if parent_id else None
        if parent is not None:
            parent.setdefault("children", []).append(node)
        else:
            top_sections.append(node)
    loose: dict[str, Any] = {
        "id": "preamble",
        "title": _pair("导言"),
        "description": _quoted(draft.title or "导言"),
    }
    for formulation in formulations:
        if id(formulation) in placed:
            continue
        holder = section_nodes.get(formulation.section, loose)
        child = builder.named(holder["id"], formulation)
        holder.setdefault("children", []).append(child)
    for figure in draft.figures:
        holder = section_nodes.get(figure.section, loose)
        holder.setdefault("facts", []).append(builder.fact(holder["id"], figure))
    if "children" in loose or "facts" in loose:
        nodes.append(loose)
    nodes.extend(top_sections)
    for node in nodes:
        _children_last(node)
    if not nodes:
        nodes.append(
            {"id": "preamble", "title": _pair("导言"), "description": _quoted(draft.title)}
        )
    title = draft.title or draft.source
    counts = f"{len(draft.formulations)} formulations, {len(draft.figures)} figures"
    document: dict[str, Any] = {
        "schema_version": 1,
        "id": _slug(draft.source),
        "title": _pair(title if _HAN.search(title) else f"{title}（初稿）"),
        "description": _pair(
            f"由 hxq draft 从原文起草的框架初稿，待核对、改写和翻译：{counts}。",
            f"A first draft made by hxq draft from the source text, to be checked, "
            f"rewritten and translated: {counts}.",
        ),
        "draft": True,
        "sources": [
            {
                "id": SOURCE_ID,
                "title": _pair(title if _HAN.search(title) else f"{title}（原文）"),
                "file": PurePath(draft.source).name if draft.source != "<stdin>" else "stdin.txt",
                "sha256": draft.sha256,
            }
        ],
        "nodes": nodes,
    }
    if not draft.sha256:
        del document["sources"][0]["sha256"]
    return document


def _section_id(section: Section, prefix: str) -> str:
    if not prefix:
        return section.id
    head, dot, rest = section.id.partition(".")
    return f"{prefix}{head}{dot}{rest}"


def _children_last(node: dict[str, Any]) -> None:
    """Keys in the order framework files write them (facts, then children), at every level."""
    for key in ("facts", "children"):
        if key in node:
            node[key] = node.pop(key)
    for child in node.get("children", ()):
        _children_last(child)


def draft_yaml(draft: Draft) -> str:
    """The draft as a framework file, with a first line that names the schema for editors."""
    header = "# A draft framework written by `hxq draft`: check it, rewrite the quoted Chinese,\n"
    header += "# translate the English, then delete `draft: true` (see `hxq validate`).\n"
    return header + dumps_yaml(framework_document(draft))
