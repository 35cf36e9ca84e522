"""Check a framework's facts against the text of its source, the way a fact-checker would.

Each fact's anchor is looked for in the source with line breaks, spaces and
full-width/half-width differences ignored (NFKC), and must be there exactly once; the figure
at the anchor is parsed and compared with the fact's value and unit. The titles that announce a count ("四张名片") are
checked against their numbered children. No I/O beyond reading the source, no terminal.
"""

from __future__ import annotations

import bisect
import math
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from hxq_cli.errors import UsageError
from hxq_cli.model import Fact, Framework, Node, Source, Value
from hxq_cli.read import TextFile
from hxq_cli.zh.display import QUALIFIER_ALIASES, format_number
from hxq_cli.zh.figures import Figure, Normalized, measure_word, normalize, parse_figures
from hxq_cli.zh.titles import count_mismatches, title_count

Status = Literal["found", "mismatch", "missing", "ambiguous", "unanchored"]

#: Every status, in the order the summary counts them.
STATUSES: tuple[Status, ...] = ("found", "mismatch", "missing", "ambiguous", "unanchored")

#: Why a check has the status it has, beyond the status itself: what a view says in its own
#: words (the JSON keeps `FactCheck.message`, in English).
Note = Literal[
    "no_anchor",  # unanchored: the fact names no span of the source
    "not_in_source",  # missing: the anchor is not in the source
    "figure_elsewhere",  # missing, and the fact's figure appears at `FactCheck.elsewhere`
    "number_written_differently",  # found with the anchor's number written otherwise
    "hedged_differently",  # found, but the source hedges the figure otherwise
    "found_several_times",  # ambiguous: the anchor is not unique, it is at each of `places`
    "no_figure",  # mismatch: no figure at the anchor
    "another_unit",  # mismatch: the figure at the anchor is in another unit
]

# Characters that take no room and that an anchor typed by hand never has.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_ARABIC_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*(?:/[0-9]+)?")
_ANY_NUMBER = r"[0-9]+(?:[.,][0-9]+)*(?:/[0-9]+)?"
#: A number-blind anchor must keep at least this many characters of its own words.
_MIN_LOOSE_WORDS = 2


# --------------------------------------------------------------------------- folding


@dataclass(frozen=True, slots=True)
class Folded:
    """Text in NFKC with whitespace removed, and for each of its characters the original offset."""

    text: str
    origin: tuple[int, ...]


def fold_source(text: str) -> Folded:
    """`text` as anchors are matched: NFKC, no whitespace (line breaks included), no zero-width marks.

    Each base character is normalised together with the combining marks that follow it, so
    that offsets can be mapped back to the original text.
    """
    out: list[str] = []
    origin: list[int] = []
    i, length = 0, len(text)
    while i < length:
        j = i + 1
        while j < length and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        if not chunk.isascii():
            chunk = unicodedata.normalize("NFKC", chunk)
        for char in chunk:
            if not char.isspace() and char not in _INVISIBLE:
                out.append(char)
                origin.append(i)
        i = j
    return Folded("".join(out), tuple(origin))


def find_all(haystack: str, needle: str) -> list[int]:
    """Every offset where `needle` starts in `haystack`, overlapping occurrences included."""
    found: list[int] = []
    if not needle:
        return found
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


# --------------------------------------------------------------------------- the source


def pick_source(framework: Framework, text: TextFile, source_id: str | None) -> Source | None:
    """The framework's source entry that `text` is an edition of.

    Chosen by `source_id` if given, else by equal SHA-256, else by file name, else the
    only entry. None when the framework lists no sources; UsageError when it cannot tell.
    """
    sources = framework.sources
    if source_id is not None:
        for source in sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in sources) or "none"
        raise UsageError(f"unknown source {source_id!r} (the framework's sources: {known})")
    if not sources:
        return None
    by_hash = [s for s in sources if s.sha256 == text.sha256]
    if len(by_hash) == 1:
        return by_hash[0]
    base = os.path.basename(text.name)
    by_name = [s for s in sources if s.file and os.path.basename(s.file) == base]
    if len(by_name) == 1:
        return by_name[0]
    if len(sources) == 1:
        return sources[0]
    known = ", ".join(s.id for s in sources)
    raise UsageError(
        f"{text.name}: cannot tell which source this is; pass --source-id (one of {known})"
    )


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Place:
    """Where an anchor was found (1-based line and column of the original text) and its figure."""

    line: int
    column: int
    figure: Figure | None


@dataclass(frozen=True, slots=True)
class FactCheck:
    """The outcome for one fact: a status, the places its anchor was found, and why."""

    fact: Fact
    node: Node
    status: Status
    places: tuple[Place, ...] = ()
    #: Where the fact's figure itself appears, for a fact whose anchor is missing.
    elsewhere: tuple[Place, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def message(self) -> str:
        """Why, in English, as the JSON says it: the notes in words (views word them their own
        way, in their language)."""
        said = [_NOTE_WORDS[note](self) for note in self.notes if note != "another_unit"]
        if self.status == "mismatch" and "no_figure" not in self.notes:
            figure = self.places[0].figure
            assert figure is not None
            unit = " (another unit)" if "another_unit" in self.notes else ""
            said.append(f"the source says {figure.text}{unit}")
        return "; ".join(said)

    def hedges(self) -> tuple[tuple[str | None, ...], str | None]:
        """How the source hedges the figure at each place (sorted, once each), and how the fact
        does; None for no hedge."""
        said = {p.figure.qualifier for p in self.places if p.figure is not None}
        qualifier = QUALIFIER_ALIASES.get(self.fact.qualifier or "", self.fact.qualifier)
        return tuple(sorted(said, key=lambda h: h or "")), qualifier or None


def _places(places: tuple[Place, ...]) -> str:
    return ", ".join(f"{p.line}:{p.column}" for p in places)


def _hedged(check: FactCheck) -> str:
    hedges, qualifier = check.hedges()
    listed = ", ".join(sorted(h or "none" for h in hedges))
    return f"hedged differently: the source {listed}, the fact {qualifier or 'none'}"


def _several(check: FactCheck) -> str:
    said = ", ".join(
        f"{p.figure.text if p.figure else 'no figure'} at {p.line}:{p.column}" for p in check.places
    )
    return f"anchor not unique, found {len(check.places)} times: {said}"


#: Each note in the English of the JSON's `message`.
_NOTE_WORDS: dict[Note, Callable[[FactCheck], str]] = {
    "no_anchor": lambda _: "the fact has no anchor",
    "not_in_source": lambda _: "anchor not in the source",
    "figure_elsewhere": lambda check: f"its figure appears at {_places(check.elsewhere)}",
    "number_written_differently": lambda _: "anchor found with its number written differently",
    "hedged_differently": _hedged,
    "found_several_times": _several,
    "no_figure": lambda _: "no figure at the anchor",
}


@dataclass(frozen=True, slots=True)
class CountCheck:
    """A title that announces a number of parts, and how many numbered children the node has.

    In a draft (`draft: true`) a count the children miss is still to do, not wrong: the count
    is the text's, and the parts the text names, or names elsewhere, are the person's to add
    (`hxq validate` lists them). Verify checks the file against its source, so only the
    figures decide whether a fresh draft verifies; once `draft: true` is gone, a count the
    children miss is wrong again."""

    node: Node
    announced: int
    actual: int
    draft: bool = False

    @property
    def ok(self) -> bool:
        return self.announced == self.actual

    @property
    def status(self) -> Literal["ok", "mismatch", "todo"]:
        if self.ok:
            return "ok"
        return "todo" if self.draft else "mismatch"


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """Everything `hxq verify` found: one check per fact, one per counted title, the edition."""

    source_name: str
    sha256: str
    source: Source | None
    facts: tuple[FactCheck, ...]
    counts: tuple[CountCheck, ...]
    #: Facts that cite another source of the framework and were not checked against this one.
    other_sources: int = 0
    tally: dict[Status, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tally: dict[Status, int] = dict.fromkeys(STATUSES, 0)
        for check in self.facts:
            tally[check.status] += 1
        self.tally.update(tally)

    @property
    def recorded_sha256(self) -> str | None:
        return self.source.sha256 if self.source else None

    @property
    def same_edition(self) -> bool | None:
        """Whether the file's SHA-256 is the recorded one; None when none is recorded."""
        recorded = self.recorded_sha256
        return None if recorded is None else recorded == self.sha256

    def edition_warning(self) -> str | None:
        """A warning when the file is not the edition whose SHA-256 the framework records."""
        if self.same_edition is not False or self.source is None:
            return None
        return (
            f"{self.source_name}: SHA-256 {self.sha256[:12]}… differs from the "
            f"{self.recorded_sha256 and self.recorded_sha256[:12]}… recorded for source "
            f"{self.source.id!r}: another edition of the text?"
        )

    @property
    def wrong_counts(self) -> int:
        return sum(1 for check in self.counts if check.status == "mismatch")

    @property
    def todo_counts(self) -> int:
        """Counts of a draft whose parts are still to add (not wrong: see `CountCheck`)."""
        return sum(1 for check in self.counts if check.status == "todo")

    @property
    def ok(self) -> bool:
        """True when no fact is missing, ambiguous or mismatched and every count holds."""
        failing = self.tally["mismatch"] + self.tally["missing"] + self.tally["ambiguous"]
        return failing == 0 and self.wrong_counts == 0

    def summary(self) -> str:
        """One line: checked N, found N, mismatched N, missing N, ambiguous N, unanchored N; …"""
        t = self.tally
        line = (
            f"checked {len(self.facts)}, found {t['found']}, mismatched {t['mismatch']}, "
            f"missing {t['missing']}, ambiguous {t['ambiguous']}, unanchored {t['unanchored']}; "
            f"title counts checked {len(self.counts)}, wrong {self.wrong_counts}"
        )
        if self.todo_counts:
            line += f", parts to add {self.todo_counts}"
        if self.other_sources:
            line += f"; {self.other_sources} facts of other sources not checked"
        return line


# --------------------------------------------------------------------------- comparing


def _exact(value: Value) -> Fraction | None:
    """A number as the exact decimal it was written as (0.1 is 1/10); None for inf and nan."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value)) if math.isfinite(value) else None
    return Fraction(value)


def _tolerance(value: Value) -> Fraction:
    """Half a unit in the last digit written: 0.3333 stands for anything that rounds to it."""
    if isinstance(value, Fraction):
        return Fraction(0)
    written = format_number(value)
    decimals = len(written.split(".")[1]) if "." in written and "e" not in written else 0
    return Fraction(1, 2 * 10**decimals)


def _close(found: Fraction | None, expected: Fraction | None, tolerance: Fraction) -> bool:
    if found is None or expected is None:
        return False
    # The last term absorbs the float noise of values like 1/3.
    return abs(found - expected) <= tolerance + abs(expected) * Fraction(1, 10**12)


def agrees(figure: Figure, fact: Fact, after: str = "") -> bool:
    """Whether a figure of the source says what the fact says (value and unit; hedges aside).

    Units agree when they normalise to the same base unit (10000万元 is 1亿元) and, for
    counts, use the same measure word (61家 is not 61名). A unit hxq does not know must be
    written the same, right after the number (`after` is the text that follows the figure).
    Values must be equal, except that a fact may round a fraction of the source (0.3333
    agrees with 1/3, 24.2 does not agree with 24.24).
    """
    expected = normalize(fact.value, fact.unit)
    if expected is None:
        unit = unicodedata.normalize("NFKC", fact.unit.strip())
        # The figure's own unit (吨, 万吨) or its magnitude with the words after it (万 + 头猪).
        if not (unit.startswith(figure.unit) and (figure.unit + after).startswith(unit)):
            return False
        tolerance = Fraction(0) if figure.exact else _tolerance(fact.value)
        return _close(_exact(figure.value), _exact(fact.value), tolerance)
    found = figure.normalized
    if found is None or not _in_same_unit(found, figure.unit, expected, fact.unit):
        return False
    one = normalize(1, fact.unit)
    factor = _exact(one.value) if one else None
    if factor is None:
        return False
    tolerance = Fraction(0) if figure.exact else _tolerance(fact.value) * factor
    return _close(_exact(found.value), _exact(expected.value), tolerance)


def _in_same_unit(a: Normalized | None, a_unit: str, b: Normalized | None, b_unit: str) -> bool:
    """Whether two figures (in base units, and as written) are in the same unit: the same base
    unit and, for counts, the same measure word (61家 is not 61名)."""
    if a is None or b is None or a.unit != b.unit:
        return False
    return a.unit != "count" or measure_word(a_unit) == measure_word(b_unit)


# --------------------------------------------------------------------------- checking


class _AnchorChecker:
    """Checks facts' anchors against one source: its folded text, figures and line starts,
    shared by every fact's check."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.folded = fold_source(text)
        self.figures = parse_figures(self.folded.text)
        self.starts = [f.start for f in self.figures]
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def place(self, folded_offset: int, figure: Figure | None) -> Place:
        origin = self.folded.origin
        offset = origin[folded_offset] if folded_offset < len(origin) else len(self.original)
        line = bisect.bisect_right(self.line_starts, offset)
        return Place(line, offset - self.line_starts[line - 1] + 1, figure)

    def after(self, figure: Figure) -> str:
        return self.folded.text[figure.end : figure.end + 10]

    def figure_at(self, start: int, end: int, fact: Fact) -> Figure | None:
        """The figure an anchor span carries: one inside it (the fact's own if there), else
        the one right after it, else the one right before it."""
        first = bisect.bisect_left(self.starts, start) - 1
        inside: list[Figure] = []
        after: Figure | None = None
        before: Figure | None = None
        figures = self.figures
        # By index, never by a slice: a slice copies the rest of the list for every place an
        # anchor is found, which made a long source with many places quadratic.
        for index in range(max(first, 0), len(figures)):
            figure = figures[index]
            if figure.start >= end:
                if figure.start == end:
                    after = figure
                break
            if figure.end > start:
                inside.append(figure)
            elif figure.end == start:
                before = figure
        if inside:
            for figure in inside:
                if agrees(figure, fact, self.after(figure)):
                    return figure
            expected = normalize(fact.value, fact.unit)
            for figure in inside:
                if _in_same_unit(figure.normalized, figure.unit, expected, fact.unit):
                    return figure
            return inside[0]
        return after or before

    def spans(self, anchor: str) -> tuple[list[tuple[int, int]], bool]:
        """Where the folded anchor is, exactly; failing that, with its numbers as wildcards."""
        exact = [(s, s + len(anchor)) for s in find_all(self.folded.text, anchor)]
        if exact:
            return exact, True
        parts = _ARABIC_NUMBER.split(anchor)
        if len(parts) < 2 or sum(len(p) for p in parts) < _MIN_LOOSE_WORDS:
            return [], True
        pattern = _ANY_NUMBER.join(re.escape(p) for p in parts)
        loose = [(m.start(), m.end()) for m in re.finditer(pattern, self.folded.text)]
        return loose, False

    def elsewhere(self, fact: Fact) -> tuple[Place, ...]:
        return tuple(
            self.place(f.start, f)
            for f in self.figures
            if f.unit and agrees(f, fact, self.after(f))
        )

    def check(self, node: Node, fact: Fact) -> FactCheck:
        anchor = fold_source(fact.anchor).text if fact.anchor else ""
        if not anchor:
            return FactCheck(fact, node, "unanchored", notes=("no_anchor",))
        spans, exact = self.spans(anchor)
        if not spans:
            elsewhere = self.elsewhere(fact)
            notes: tuple[Note, ...] = ("not_in_source",)
            if elsewhere:
                notes += ("figure_elsewhere",)
            return FactCheck(fact, node, "missing", elsewhere=elsewhere, notes=notes)
        places = tuple(self.place(s, self.figure_at(s, e, fact)) for s, e in spans)
        # An anchor must name one place: found twice, even with the same figure at both, a
        # check could land on the wrong one the day the text changes at the other.
        if len(places) > 1:
            return FactCheck(fact, node, "ambiguous", places, notes=("found_several_times",))
        figure = places[0].figure
        if figure is not None and agrees(figure, fact, self.after(figure)):
            found = FactCheck(fact, node, "found", places)
            hedges, qualifier = found.hedges()
            codes: list[Note] = []
            if not exact:
                codes.append("number_written_differently")
            if hedges != (qualifier,):
                codes.append("hedged_differently")
            return FactCheck(fact, node, "found", places, notes=tuple(codes))
        if figure is None:
            return FactCheck(fact, node, "mismatch", places, notes=("no_figure",))
        expected = normalize(fact.value, fact.unit)
        same_unit = _in_same_unit(figure.normalized, figure.unit, expected, fact.unit)
        return FactCheck(
            fact, node, "mismatch", places, notes=() if same_unit else ("another_unit",)
        )


def _counts(framework: Framework) -> tuple[CountCheck, ...]:
    """Every title that announces a count; `count_mismatches` decides which ones are wrong."""
    wrong = {m.node_id: m for m in count_mismatches(framework)}
    checks = []
    for node in framework.walk():
        announced = node.count if node.count is not None else title_count(node.title.zh)
        mismatch = wrong.get(node.id)
        if announced is None or (announced == 0 and mismatch is None):
            continue  # no count, or none of parts (a heading that names a formulation)
        actual = mismatch.actual if mismatch else announced
        checks.append(CountCheck(node, announced, actual, framework.draft))
    return tuple(checks)


def verify(framework: Framework, source: TextFile, source_id: str | None = None) -> VerifyReport:
    """Check every fact of `framework` that cites `source` (or cites nothing) against its text."""
    entry = pick_source(framework, source, source_id)
    checker = _AnchorChecker(source.text)
    checks: list[FactCheck] = []
    others = 0
    for node, fact in framework.facts():
        if entry is not None and fact.source is not None and fact.source != entry.id:
            others += 1
            continue
        checks.append(checker.check(node, fact))
    return VerifyReport(
        source.name, source.sha256 or "", entry, tuple(checks), _counts(framework), others
    )
