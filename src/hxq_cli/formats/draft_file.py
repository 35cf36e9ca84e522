"""The framework file `hxq draft` writes: a draft that every command reads as it is.

Its tree follows the text: the parts of the text's top-level formulation (a "123456") first,
where there is one, then the headings (一、 as parts, （一） as their sections) or, in a text
without headings, the paragraphs that hold something; under each, the formulations that stand
there (their parts as numbered children) and the figures as facts. Every English text is
`UNTRANSLATED`; every Chinese text the person should rewrite starts with `QUOTATION`;
`draft: true` tells `hxq validate` to report what is left to do as warnings. The tree is built
as the model's records and written as every framework is (`Framework.to_dict`), so the file
holds each field as the model declares it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from hxq_cli.formats.yaml import pieces as yaml_pieces
from hxq_cli.model import QUOTATION, UNTRANSLATED, Bilingual, Fact, Framework, Node, Source
from hxq_cli.queries.draft import Draft, DraftFigure, DraftFormulation, Section
from hxq_cli.zh.titles import title_count

_HAN = re.compile("[\u3400-\u9fff]")
#: The ID of the only source of a draft.
SOURCE_ID = "source"


def _pair(zh: str, en: str = UNTRANSLATED) -> Bilingual:
    return Bilingual(zh, en)


def _quoted(text: str) -> Bilingual:
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


def _same_name(a: str, b: str) -> bool:
    return a.strip("“”\"'") == b.strip("“”\"'")


@dataclass(slots=True)
class _Holder:
    """A heading, a paragraph or the preamble while the tree is built: its node's fields, and
    the sections, formulations and figures placed under it so far."""

    id: str
    title: Bilingual
    description: Bilingual
    count: int | None = None
    at: str | None = None
    facts: list[Fact] = field(default_factory=list)
    children: list[Node | _Holder] = field(default_factory=list)

    def node(self) -> Node:
        children = tuple(c.node() if isinstance(c, _Holder) else c for c in self.children)
        return Node(
            self.id,
            self.title,
            self.description,
            count=self.count,
            at=self.at,
            facts=tuple(self.facts),
            children=children,
        )


class _Builder:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.figure_numbers: dict[str, int] = {}
        self.formulation_numbers: dict[str, int] = {}
        #: Formulations already in the tree (by identity): each stands once.
        self.placed: set[int] = set()

    def fact(self, node_id: str, figure: DraftFigure) -> Fact:
        number = self.figure_numbers.get(node_id, 0) + 1
        self.figure_numbers[node_id] = number
        found = figure.found
        return Fact(
            id=f"{node_id}.fig-{number}",
            statement=_quoted(figure.clause or figure.anchor),
            value=found.value,
            unit=found.unit,
            qualifier=found.qualifier,
            display=None if found.display is None else _pair(*found.display),
            as_of=found.as_of,
            anchor=figure.anchor,
            source=SOURCE_ID,
            at=figure.where.at,
        )

    def part_formulation(self, part: str) -> DraftFormulation | None:
        """The formulation a part names, where the text gives that part's own parts (双招双引,
        a part of 两大支撑, is 招商引资 and 招才引智): it stands under the part."""
        for formulation in self.draft.formulations:
            if id(formulation) not in self.placed and _same_name(formulation.name, part):
                return formulation
        return None

    def formulation(
        self, node_id: str, formulation: DraftFormulation, title: str | None = None
    ) -> Node:
        self.placed.add(id(formulation))
        clauses = formulation.part_clauses or formulation.parts
        return Node(
            node_id,
            _pair(title or formulation_title(formulation, formulation.anchor)),
            _quoted(formulation.clause or formulation.anchor),
            count=formulation.count,
            at=formulation.where.at,
            children=tuple(
                self.part(f"{node_id}.{index}", part, clause)
                for index, (part, clause) in enumerate(
                    zip(formulation.parts, clauses, strict=True), start=1
                )
            ),
        )

    def part(self, node_id: str, part: str, clause: str = "") -> Node:
        nested = self.part_formulation(part)
        if nested is not None:
            return self.formulation(node_id, nested, part)
        return Node(node_id, _pair(part), _quoted(clause or part))

    def named(self, parent: str, formulation: DraftFormulation) -> Node:
        number = self.formulation_numbers.get(parent, 0) + 1
        self.formulation_numbers[parent] = number
        prefix = f"{parent}." if parent else ""
        return self.formulation(f"{prefix}set-{number}", formulation)


def _spine_match(part: str, formulations: list[DraftFormulation]) -> DraftFormulation | None:
    for formulation in formulations:
        if formulation.name in part or part in formulation.name:
            return formulation
    return None


def _nested(draft: Draft) -> set[int]:
    """Formulations that name a part of another (双招双引 of 两大支撑): they stand under that
    part, not on their own."""
    nested = set()
    for formulation in draft.formulations:
        for other in draft.formulations:
            if other is not formulation and any(
                _same_name(formulation.name, part) for part in other.parts
            ):
                nested.add(id(formulation))
                break
    return nested


def draft_framework(draft: Draft) -> Framework:
    """The draft as a framework (`draft` true), to be written as a framework file."""
    builder = _Builder(draft)
    spine = draft.spine
    formulations = [f for f in draft.formulations if f is not spine]
    nodes: list[Node | _Holder] = []
    if spine is not None:
        builder.placed.add(id(spine))
        clauses = spine.part_clauses or spine.parts
        for index, (part, clause) in enumerate(zip(spine.parts, clauses, strict=True), start=1):
            match = _spine_match(part, [f for f in formulations if id(f) not in builder.placed])
            if match is None:
                nodes.append(builder.part(str(index), part, clause))
            else:
                nodes.append(builder.formulation(str(index), match))
    # Sections: numbered as the text numbers them, and under a spine s1, s2 … so that they do
    # not take the spine's numbers; paragraphs p1, p2 ….
    prefix = "s" if spine is not None else ""
    section_nodes: dict[str | None, _Holder] = {}
    top_sections: list[_Holder] = []
    for section in draft.sections:
        holder = _Holder(
            _section_id(section, prefix),
            _pair(section.title),
            _quoted(section.quote or section.title),
            at=section.where.at,
        )
        if title_count(section.title) is not None:
            # A heading that opens with a formulation's name (“四张名片”协同发力: …) counts no
            # parts of its own: count 0 says so, so that validate and verify do not hold it to
            # the name's number.
            holder.count = 0
        section_nodes[section.id] = holder
        parent_id = section.id.rsplit(".", 1)[0] if "." in section.id else None
        parent = section_nodes.get(parent_id) if parent_id else None
        if parent is not None:
            parent.children.append(holder)
        else:
            top_sections.append(holder)
    loose = _Holder("preamble", _pair("导言"), _quoted(draft.opening or draft.title or "导言"))
    # Formulations that name a part of another stand under that part (placed with it); any
    # whose holder did not take it stand in their section.
    nested = _nested(draft)
    for pass_ in ("holders", "rest"):
        for formulation in formulations:
            if id(formulation) in builder.placed or (
                pass_ == "holders" and id(formulation) in nested
            ):
                continue
            in_section = section_nodes.get(formulation.section, loose)
            in_section.children.append(builder.named(in_section.id, formulation))
    for figure in draft.figures:
        in_section = section_nodes.get(figure.section, loose)
        in_section.facts.append(builder.fact(in_section.id, figure))
    if loose.children or loose.facts:
        nodes.append(loose)
    nodes.extend(top_sections)
    if not nodes:
        nodes.append(_Holder("preamble", _pair("导言"), _quoted(draft.title)))
    title = draft.title or draft.source
    formulations_found, figures_found = len(draft.formulations), len(draft.figures)
    return Framework(
        schema_version=1,
        id=_slug(draft.source),
        title=_pair(title if _HAN.search(title) else f"{title}（初稿）"),
        description=Bilingual(
            f"由 hxq draft 从原文起草的框架初稿，待核对、改写和翻译："
            f"{formulations_found}个提法，{figures_found}项数据。",
            f"A first draft made by hxq draft from the source text, to be checked, rewritten "
            f"and translated: {formulations_found} formulations, {figures_found} figures.",
        ),
        sources=(
            Source(
                id=SOURCE_ID,
                title=_pair(title if _HAN.search(title) else f"{title}（原文）"),
                file=PurePath(draft.source).name if draft.source != "<stdin>" else "stdin.txt",
                sha256=draft.sha256 or None,
            ),
        ),
        nodes=tuple(n.node() if isinstance(n, _Holder) else n for n in nodes),
        draft=True,
    )


def _section_id(section: Section, prefix: str) -> str:
    """A heading's number, made to fit under a spine (s1, s1.2); a paragraph's p5 as it is."""
    return f"{prefix}{section.id}" if section.id[:1].isdigit() else section.id


#: The first lines of a draft: what it is and what to do with it.
HEADER = (
    "# A draft framework written by `hxq draft`: check it, rewrite the quoted Chinese,\n"
    "# translate the English, then delete `draft: true` (see `hxq validate`).\n"
)


def draft_yaml(draft: Draft) -> Iterator[str]:
    """The draft as a framework file, with a first line that names the schema for editors; in
    pieces of about `PIECE_SIZE` characters, node by node (`yaml.pieces`), so that the whole
    file (several times the text) is never held at once; nor the draft with the framework made
    of it, when the caller keeps no reference to the draft."""
    yield HEADER
    framework = draft_framework(draft)
    # The framework holds what the file needs of the draft: a caller that hands the draft
    # over (keeps no reference) has it freed before the file is written.
    del draft
    yield from yaml_pieces(framework)
