"""`hxq draft`: a first framework from a Chinese policy text: its numbered formulations, its
figures with anchors that `hxq verify` finds, and its headings as the tree.

`draft` reads the text once: it folds it as verify does (NFKC, no spaces) but line by line,
so that an anchor never crosses a line; finds the formulations (zh.formulations), then every
figure outside their names (zh.text_figures), then the headings (zh.headings), and places each
item under the heading or paragraph where it stands. Plain result objects out; no I/O beyond
the text given, no terminal.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from hxq_cli.queries.verify import fold_source
from hxq_cli.read import TextFile
from hxq_cli.zh.formulations import FoundFormulation, find_formulations
from hxq_cli.zh.headings import Heading, headings
from hxq_cli.zh.text_figures import TextFigure, figures_in

#: A paragraph longer than this gives its first clause as its title, cut here.
PARAGRAPH_TITLE = 24
#: A clause quoted for a figure is at most this many characters either side of it.
CLAUSE_WINDOW = 120


@dataclass(frozen=True, slots=True)
class Where:
    """Where an item stands in the source: character offset (0-based) and line and column
    (1-based) of its first character."""

    offset: int
    line: int
    column: int

    @property
    def at(self) -> str:
        """LINE:COLUMN, as verify reports places."""
        return f"{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading or a paragraph of the text that items are placed under. `id` is its node ID in
    the draft (1, 1.2 for headings; p3 for the third paragraph of a text without headings)."""

    id: str
    title: str
    level: int
    where: Where


@dataclass(frozen=True, slots=True)
class DraftFigure:
    """A figure of the text as a draft fact: what `TextFigure` says of it (value, unit, hedge,
    date), an exact span of the source as its `anchor`, and the clause around it, quoted for
    the person to rewrite."""

    found: TextFigure
    anchor: str
    clause: str
    where: Where
    section: str | None


@dataclass(frozen=True, slots=True)
class DraftFormulation:
    """A numbered formulation of the text (see `FoundFormulation`), placed in a section."""

    name: str
    count: int
    parts: tuple[str, ...]
    anchor: str
    parts_guessed: bool
    where: Where
    section: str | None

    @property
    def count_differs(self) -> bool:
        """Whether the text names parts, but not as many as the name counts."""
        return bool(self.parts) and len(self.parts) != self.count


@dataclass(frozen=True, slots=True)
class Draft:
    """What `hxq draft` found in one text."""

    source: str
    sha256: str
    characters: int
    title: str
    sections: tuple[Section, ...]
    formulations: tuple[DraftFormulation, ...]
    figures: tuple[DraftFigure, ...]
    #: The text's top-level formulation (a "123456"), whose parts head the tree; or None.
    spine: DraftFormulation | None

    @property
    def empty(self) -> bool:
        return not self.formulations and not self.figures


class _Folded:
    """The text folded as verify folds it, line by line, with a way back to the original."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        origin: list[int] = []
        offset = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            folded = fold_source(body)
            parts.append(folded.text)
            origin.extend(offset + o for o in folded.origin)
            if len(body) < len(line):
                parts.append("\n")
                origin.append(offset + len(body))
            offset += len(line)
        self.text = "".join(parts)
        self.origin = origin
        self.raw = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the folded span `start:end` comes from."""
        raw_start = self.origin[start] if start < len(self.origin) else len(self.raw)
        raw_end = self.origin[end] if end < len(self.origin) else len(self.raw)
        while raw_end > raw_start and self.raw[raw_end - 1].isspace():
            raw_end -= 1
        return raw_start, raw_end

    def where(self, raw_offset: int) -> Where:
        line = bisect.bisect_right(self.line_starts, raw_offset)
        return Where(raw_offset, line, raw_offset - self.line_starts[line - 1] + 1)

    def clause(self, start: int, end: int) -> str:
        """The clause of the original text around the folded span `start:end`."""
        text = self.text
        stops = "，。；！？\n"
        # Searched within a window: a stop that never occurs would make every search scan the
        # whole text (quadratic in a long one).
        floor = max(start - CLAUSE_WINDOW, 0)
        ceiling = min(end + CLAUSE_WINDOW, len(text))
        left = max(max(text.rfind(c, floor, start) for c in stops) + 1, floor)
        rights = [i for i in (text.find(c, end, ceiling) for c in stops) if i != -1]
        right = min(rights, default=ceiling)
        if right < len(text) and text[right] in "。！？；":
            right += 1
        a, b = self.raw_span(left, right)
        return self.raw[a:b].strip()


def _title(text: str) -> str:
    """The text's title: its first line that is not blank, shortened to one line."""
    for line in text.splitlines():
        if line.strip():
            title = " ".join(line.split())
            return title if len(title) <= 60 else title[:59] + "…"
    return ""


def _sections(found: list[Heading], folded: _Folded) -> list[Section]:
    sections: list[Section] = []
    top = 0
    has_top = any(h.level == 1 for h in found)
    for heading in found:
        where = folded.where(heading.offset)
        if heading.level == 1 or not has_top:
            top = heading.number if heading.level == 1 else top + 1
            sections.append(Section(str(top), heading.title, 1, where))
        elif top:
            sections.append(Section(f"{top}.{heading.number}", heading.title, 2, where))
    # Numbers that repeat (a text that restarts its list) keep IDs unique.
    seen: set[str] = set()
    unique = []
    for section in sections:
        if section.id in seen:
            continue
        seen.add(section.id)
        unique.append(section)
    return unique


def _paragraphs(folded: _Folded, offsets: list[int]) -> list[Section]:
    """For a text without headings: each paragraph that holds an item, titled by its first
    clause."""
    raw = folded.raw
    starts: list[int] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        if line.strip():
            starts.append(pos)
        pos += len(line)
    used = sorted({bisect.bisect_right(starts, o) - 1 for o in offsets if starts})
    sections = []
    for index in used:
        if index < 0:
            continue
        start = starts[index]
        line = raw[start : raw.find("\n", start) if "\n" in raw[start:] else len(raw)].strip()
        head = line
        for stop in "，。；：！？,;:":
            cut = head.find(stop)
            if cut > 0:
                head = head[:cut]
        if len(head) > PARAGRAPH_TITLE:
            head = head[: PARAGRAPH_TITLE - 1] + "…"
        sections.append(
            Section(f"p{index + 1}", head or line[:PARAGRAPH_TITLE], 1, folded.where(start))
        )
    return sections


def _section_of(sections: list[Section], offset: int) -> str | None:
    keys = [s.where.offset for s in sections]  # a few dozen: not worth keeping
    index = bisect.bisect_right(keys, offset) - 1
    return sections[index].id if index >= 0 else None


def _spine(formulations: list[DraftFormulation]) -> DraftFormulation | None:
    """The text's top-level formulation: a code of digits 1…n ("123456") whose parts the text
    gives, or one whose parts are themselves formulations of the text."""
    names = {f.name for f in formulations}
    for formulation in formulations:
        digits = "".join(str(i) for i in range(1, formulation.count + 1))
        if formulation.count >= 3 and formulation.name == digits:
            return formulation
    for formulation in formulations:
        nested = sum(1 for part in formulation.parts if any(n in part for n in names))
        if formulation.count >= 3 and nested >= 2:
            return formulation
    return None


def draft(source: TextFile) -> Draft:
    """Draft a framework from a source text: its formulations, figures and sections."""
    text = source.text
    folded = _Folded(text)
    found: list[FoundFormulation] = find_formulations(text)
    # The numbers inside formulation names are no figures: their spans, in the folded text.
    # Every place a name stands, not only the one the finder keeps (中央八项规定 recurs).
    skip = []
    for name in {formulation.name for formulation in found}:
        at = text.find(name)
        while at != -1:
            start = bisect.bisect_left(folded.origin, at)
            end = bisect.bisect_left(folded.origin, at + len(name))
            skip.append((start, end))
            at = text.find(name, at + 1)
    figures_found: list[TextFigure] = figures_in(folded.text, skip)
    anchors_used = [folded.raw_span(f.anchor_start, f.anchor_end)[0] for f in figures_found]
    heads = headings(text)
    offsets = [formulation.start for formulation in found] + anchors_used
    sections = _sections(heads, folded) if heads else _paragraphs(folded, offsets)

    formulations = [
        DraftFormulation(
            name=f.name,
            count=f.count,
            parts=tuple(f.parts),
            anchor=f.anchor,
            parts_guessed=f.parts_guessed,
            where=folded.where(f.start),
            section=_section_of(sections, f.start),
        )
        for f in found
    ]
    figures = []
    for figure in figures_found:
        raw_start, raw_end = folded.raw_span(figure.anchor_start, figure.anchor_end)
        figure_start = folded.raw_span(figure.start, figure.end)[0]
        figures.append(
            DraftFigure(
                found=figure,
                anchor=text[raw_start:raw_end],
                clause=folded.clause(figure.start, figure.end),
                where=folded.where(figure_start),
                section=_section_of(sections, figure_start),
            )
        )
    return Draft(
        source=source.name,
        sha256=source.sha256 or "",
        characters=len(text),
        title=_title(text),
        sections=tuple(sections),
        formulations=tuple(formulations),
        figures=tuple(figures),
        spine=_spine(formulations),
    )
