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
import itertools
import re
from array import array
from dataclasses import dataclass
from pathlib import PurePath

from hxq_cli.queries.verify import Origins, fold_source
from hxq_cli.read import TextFile
from hxq_cli.zh.formulations import FoundFormulation, find_formulations
from hxq_cli.zh.headings import (
    Heading,
    first_sentence,
    headings,
    paragraph_title,
    paragraphs,
    quotation,
)
from hxq_cli.zh.text_figures import TextFigure, figures_in

#: Brackets and quotation marks as the folded text writes them (NFKC makes （） ASCII).
_PAIRS = (("(", ")"), ("“", "”"), ("‘", "’"), ("《", "》"), ("「", "」"), ("[", "]"))
#: A line at least this long is a paragraph (shorter ones are titles, bylines, captions).
PARAGRAPH = 40
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
    the draft (1, 1.2 for headings, as the text numbers them or in their order where it does
    not; p3 for the third paragraph of a text without headings). `quote` is the sentence that
    opens it, for the person to rewrite as its description."""

    id: str
    title: str
    level: int
    where: Where
    quote: str


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
    #: The clause that holds the name, quoted for the person to rewrite.
    clause: str
    #: For each part, the clause that gives it near the name (or the part as written).
    part_clauses: tuple[str, ...] = ()

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
    #: The text's first sentence after its title, quoted as the description of what stands
    #: before its first heading.
    opening: str
    sections: tuple[Section, ...]
    formulations: tuple[DraftFormulation, ...]
    figures: tuple[DraftFigure, ...]
    #: The text's top-level formulation (a "123456"), whose parts head the tree; or None.
    spine: DraftFormulation | None
    #: How many figures were found but left out: none of their anchors stands in one place
    #: only (the figure's whole line stands elsewhere too), so verify could not find it.
    unanchored: int = 0

    @property
    def empty(self) -> bool:
        return not self.formulations and not self.figures


class _Folded:
    """The text folded as verify folds it, line by line, with a way back to the original.

    The way back (`origin`, the original offset of each folded character) is kept as runs
    where the offsets stop going up one by one, as `fold_source` keeps it: a list of one int
    per character cost some 36 bytes a character, most of a long draft's memory."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        code = "I" if len(text) < 2**32 and array("I").itemsize >= 4 else "q"
        folded_starts: array[int] = array(code)
        original_starts: array[int] = array(code)
        size = 0  # of the folded text so far
        following = -1  # the original offset that would continue the current run
        offset = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            folded = fold_source(body)
            parts.append(folded.text)
            # A line break stands as one "\n", from the break's first character.
            ends = [len(body)] if len(body) < len(line) else []
            if ends:
                parts.append("\n")
            for origin in itertools.chain(folded.origin, ends):
                origin += offset
                if origin != following:
                    folded_starts.append(size)
                    original_starts.append(origin)
                size += 1
                following = origin + 1
            offset += len(line)
        self.text = "".join(parts)
        self.origin = Origins(folded_starts, original_starts, size)
        self.raw = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._last_clause: tuple[tuple[int, int], str] = ((-1, -1), "")

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
        stops = ",。;!?\n"  # folded: NFKC makes ，；！？ ASCII
        # Searched within a window: a stop that never occurs would make every search scan the
        # whole text (quadratic in a long one).
        floor = max(start - CLAUSE_WINDOW, 0)
        ceiling = min(end + CLAUSE_WINDOW, len(text))

        def stop_before(at: int) -> int:
            return max(max(text.rfind(c, floor, at) for c in stops) + 1, floor)

        def stop_after(at: int) -> int:
            rights = [i for i in (text.find(c, at, ceiling) for c in stops) if i != -1]
            return min(rights, default=ceiling)

        left, right = stop_before(start), stop_after(end)
        # A clause that opens a bracket or a quotation runs on to its close (and one that
        # closes one starts at its opening): a quotation never leaves one half-open.
        for opener, closer in _PAIRS:
            segment = text[left:right]
            if segment.count(opener) > segment.count(closer):
                close = text.find(closer, right, ceiling)
                if close != -1:
                    right = stop_after(close)
            elif segment.count(closer) > segment.count(opener):
                opening = text.rfind(opener, floor, left)
                if opening != -1:
                    left = stop_before(opening)
        if right < len(text) and text[right] in "。!?;":
            right += 1
        a, b = self.raw_span(left, right)
        # Figures of one clause share its text (a sentence of five figures is held once).
        if self._last_clause[0] != (a, b):
            self._last_clause = ((a, b), quotation(self.raw[a:b]))
        return self._last_clause[1]

    def part_clause(self, part: str, near: int) -> str:
        """The clause that gives `part` of a formulation named at raw offset `near`: where
        the part stands in the name's paragraph (before or after it), else the part."""
        start = self.raw.rfind("\n", 0, near) + 1
        end = self.raw.find("\n", near)
        at = self.raw.find(part, start, end if end != -1 else len(self.raw))
        if at == -1:
            return part
        folded = self.folded_offset(at)
        return self.clause(folded, self.folded_offset(at + len(part))) or part

    def folded_offset(self, raw_offset: int) -> int:
        """The offset in the folded text of the character at `raw_offset` of the original."""
        return bisect.bisect_left(self.origin, raw_offset)

    def paragraph(self, raw_offset: int) -> str:
        """The line of the original text that holds `raw_offset`, or starts after it."""
        end = self.raw.find("\n", raw_offset)
        return self.raw[raw_offset : end if end != -1 else len(self.raw)]

    def next_paragraph(self, raw_offset: int) -> str:
        """The first paragraph after the line at `raw_offset`: what follows a heading (the
        rest of a heading that runs over two lines is skipped)."""
        start = self.raw.find("\n", raw_offset)
        while start != -1:
            line = self.paragraph(start + 1).strip()
            if len(line) >= PARAGRAPH or line.endswith(("。", "！", "？", "!", "?")):
                return line
            start = self.raw.find("\n", start + 1)
        return ""


#: How a line ends that is no title: a salutation (各位代表：, 同志们！) or a sentence.
_NOT_TITLE_ENDS = ("：", ":", "！", "!", "。", "？", "?", "；", ";", "，", ",")


def _title_line(text: str, heads: list[Heading]) -> str | None:
    """The text's title line: its first line that is not blank, where that line is short, ends
    no sentence and greets no one (各位代表：) and is not the text's first heading; else None."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            offset += len(line)
            continue
        first = line.index(stripped[0]) + offset
        if (
            len(stripped) >= PARAGRAPH
            or stripped.endswith(_NOT_TITLE_ENDS)
            or any(h.offset <= first < h.offset + len(line) for h in heads[:1])
        ):
            return None
        return stripped
    return None


def _title(text: str, name: str, heads: list[Heading]) -> str:
    """The text's title: its title line, shortened to one line; for a text with none (a report
    that opens with 各位代表：), its file name without the extension, or, read from stdin, its
    first heading."""
    line = _title_line(text, heads)
    if line is None:
        if name not in ("-", "<stdin>", ""):
            return PurePath(name).stem
        line = heads[0].title if heads else ""
    title = " ".join(line.split())
    return title if len(title) <= 60 else title[:59] + "…"


def _opening(text: str, titled: bool) -> str:
    """The first sentence of the text's first paragraph after its title line, if it has one."""
    lines = [line for line in text.splitlines() if line.strip()]
    body = next((line for line in lines[1 if titled else 0 :] if len(line.strip()) > PARAGRAPH), "")
    return quotation(first_sentence(body))


def _sections(found: list[Heading], folded: _Folded) -> list[Section]:
    """A section for each heading, numbered 1, 2 … and 1.1, 1.2 … in the text's order: as
    the text numbers them, and on where it restarts a list or skips a number, so that IDs
    stay unique and parts count 1, 2, 3."""
    sections: list[Section] = []
    top = sub = 0
    has_top = any(h.level == 1 for h in found)
    for heading in found:
        where = folded.where(heading.offset)
        opening = heading.sentence or first_sentence(folded.next_paragraph(heading.offset))
        quote = quotation(opening)
        if heading.level == 1 or not has_top:
            top, sub = top + 1, 0
            sections.append(Section(str(top), heading.title, 1, where, quote))
        elif top:
            sub += 1
            sections.append(Section(f"{top}.{sub}", heading.title, 2, where, quote))
    return sections


def _paragraphs(folded: _Folded, offsets: list[int]) -> list[Section]:
    """For a text without headings: each paragraph that holds an item, titled by its first
    sentence cut at a clause (`paragraph_title`)."""
    found = paragraphs(folded.raw)
    starts = [paragraph.offset for paragraph in found]
    used = sorted({bisect.bisect_right(starts, o) - 1 for o in offsets if starts})
    sections = []
    for index in used:
        if index < 0:
            continue
        paragraph = found[index]
        quote = quotation(first_sentence(paragraph.text))
        where = folded.where(paragraph.offset)
        title = paragraph_title(paragraph.text)
        sections.append(Section(f"p{index + 1}", title, 1, where, quote))
    return sections


def _section_of(sections: list[Section], starts: list[int], offset: int) -> str | None:
    """The ID of the section an offset stands in; `starts` are the sections' offsets (made
    once: a text without headings can have a section for each of thousands of paragraphs)."""
    index = bisect.bisect_right(starts, offset) - 1
    return sections[index].id if index >= 0 else None


def _part_clauses(folded: _Folded, found: FoundFormulation) -> tuple[str, ...]:
    """The clause that gives each part (聚力做强企业 for 做强企业); the part alone where it
    shares its clause with another part (a list: 党建引领、科创赋能、…)."""
    clauses = [folded.part_clause(part, found.start) for part in found.parts]
    return tuple(
        part if clauses.count(clause) > 1 else clause
        for part, clause in zip(found.parts, clauses, strict=True)
    )


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
    unanchored: list[str] = []
    figures_found: list[TextFigure] = figures_in(folded.text, skip, unanchored)
    anchors_used = [folded.raw_span(f.anchor_start, f.anchor_end)[0] for f in figures_found]
    heads = headings(text)
    offsets = [formulation.start for formulation in found] + anchors_used
    sections = _sections(heads, folded) if heads else _paragraphs(folded, offsets)
    starts = [section.where.offset for section in sections]

    formulations = []
    for f in found:
        start = folded.folded_offset(f.start)
        formulations.append(
            DraftFormulation(
                name=f.name,
                count=f.count,
                parts=tuple(f.parts),
                anchor=f.anchor,
                parts_guessed=f.parts_guessed,
                where=folded.where(f.start),
                section=_section_of(sections, starts, f.start),
                clause=folded.clause(start, folded.folded_offset(f.start + len(f.name))),
                part_clauses=_part_clauses(folded, f),
            )
        )
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
                section=_section_of(sections, starts, figure_start),
            )
        )
    return Draft(
        source=source.name,
        sha256=source.sha256 or "",
        characters=len(text),
        title=_title(text, source.name, heads),
        opening=_opening(text, _title_line(text, heads) is not None),
        sections=tuple(sections),
        formulations=tuple(formulations),
        figures=tuple(figures),
        spine=_spine(formulations),
        unanchored=len(unanchored),
    )
