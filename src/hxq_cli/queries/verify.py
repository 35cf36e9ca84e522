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
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import partial
from itertools import islice
from typing import Literal, overload

from hxq_cli.errors import UsageError
from hxq_cli.model import Fact, Framework, Node, Number, Source, Value
from hxq_cli.read import TextFile
from hxq_cli.text import find_all
from hxq_cli.zh.display import QUALIFIER_ALIASES, format_number
from hxq_cli.zh.figures import (
    Figure,
    Normalized,
    figure_matches,
    measure_word,
    normalize,
    read_figure,
    reads_alone,
)
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


class Origins(Sequence[int]):
    """The offset in the original text of each character of a folded text.

    Kept as runs, each where the offsets stop going up one by one (a space left out, a character
    that NFKC made two), so that a long text costs a few bytes per run, not per character."""

    __slots__ = ("_folded", "_original", "_length")

    def __init__(self, folded: array[int], original: array[int], length: int) -> None:
        self._folded = folded
        self._original = original
        self._length = length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        run = bisect.bisect_right(self._folded, index) - 1
        return self._original[run] + index - self._folded[run]


@dataclass(frozen=True, slots=True)
class Folded:
    """Text in NFKC with whitespace removed, and for each of its characters the original offset."""

    text: str
    origin: Sequence[int]


# Characters NFKC leaves as they are, one by one: printable ASCII, the CJK ideographs, kana,
# Hangul syllables and the punctuation of Chinese text that NFKC keeps (、。《》「」 “” —); and
# the full-width forms of ASCII, which NFKC turns into ASCII one for one. A stretch of text made
# of these and of ASCII whitespace (what str.isspace says of ASCII) is folded at once; any other
# character on its own, with the combining marks that follow it (`_fold_cluster`).
# tests/test_verify.py holds these sets to NFKC.
PLAIN_CHARACTERS = (
    "!-~\u00b7\u2010\u2012-\u2016\u2018-\u2023\u2027\u3001-\u3003\u3008-\u3011"
    "\u3014-\u301f\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3"
    "\uff01-\uff5e"
)
_ASCII_BLANKS = "\t-\r\x1c-\x20"
_OTHER = re.compile(f"[^{PLAIN_CHARACTERS}{_ASCII_BLANKS}]")
_BLANK = re.compile(f"[{_ASCII_BLANKS}]+")
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
#: Characters folded at once, at most: the copies a stretch makes stay small.
_STRETCH = 1 << 20
#: Pieces of folded text joined into one at a time, so that their overhead stays small.
_JOIN_EVERY = 4096


class _Folder:
    """Builds a `Folded`: the folded text in pieces, and the runs of its origins."""

    def __init__(self, length: int) -> None:
        code = "I" if length < 2**32 and array("I").itemsize >= 4 else "q"
        self.folded_starts: array[int] = array(code)
        self.original_starts: array[int] = array(code)
        self.pieces: list[str] = []
        self.size = 0  # of the folded text so far
        self.following = -1  # the original offset that would continue the current run

    def run(self, origin: int) -> None:
        """The next folded character comes from `origin`: a new run unless it continues one."""
        if origin != self.following:
            self.folded_starts.append(self.size)
            self.original_starts.append(origin)

    def plain(self, text: str, start: int) -> None:
        """Fold a stretch of plain characters and ASCII whitespace that starts at `start`."""
        kept = 0  # offset in `text` of the next character kept
        for blank in _BLANK.finditer(text):
            if blank.start() > kept:
                self.run(start + kept)
                self.size += blank.start() - kept
                self.following = start + blank.start()
            kept = blank.end()
        if kept < len(text):
            self.run(start + kept)
            self.size += len(text) - kept
            self.following = start + len(text)
        folded = _BLANK.sub("", text)
        # A few kinds of full-width punctuation (，：（）): replaced kind by kind, several times
        # as fast as str.translate.
        for wide in set(_FULL_WIDTH.findall(folded)):
            folded = folded.replace(wide, chr(ord(wide) - 0xFEE0))
        self.pieces.append(folded)

    def cluster(self, kept: str, origin: int) -> None:
        """Characters all folded from the one at `origin` (NFKC can make one several)."""
        for char in kept:
            self.run(origin)
            self.size += 1
            self.following = origin + 1
            self.pieces.append(char)
        if len(self.pieces) >= _JOIN_EVERY:
            self.pieces[:] = ["".join(self.pieces)]

    def folded(self) -> Folded:
        origins = Origins(self.folded_starts, self.original_starts, self.size)
        return Folded("".join(self.pieces), origins)


def fold_source(text: str) -> Folded:
    """`text` as anchors are matched: NFKC, no whitespace (line breaks included), no zero-width marks.

    Each base character is normalised together with the combining marks that follow it, so
    that offsets can be mapped back to the original text.
    """
    length = len(text)
    folder = _Folder(length)
    i = 0
    while i < length:
        other = _OTHER.search(text, i, min(length, i + _STRETCH))
        stop = other.start() if other is not None else min(length, i + _STRETCH)
        if stop < length and stop > i and unicodedata.combining(text[stop]):
            stop -= 1  # the character before a mark goes with it
        if stop > i:
            folder.plain(text[i:stop], i)
            i = stop
            if other is None:
                continue
        end = i + 1
        while end < length and unicodedata.combining(text[end]):
            end += 1
        kept = _fold_cluster(text[i:end])
        if kept:
            folder.cluster(kept, i)
        i = end
    return folder.folded()


def _fold_cluster(chunk: str) -> str:
    """A character with the combining marks after it, in NFKC, without spaces or invisible marks."""
    if not chunk.isascii():
        chunk = unicodedata.normalize("NFKC", chunk)
    return "".join([c for c in chunk if not c.isspace() and c not in _INVISIBLE])


def occurrences(haystack: str, needle: str) -> Iterator[int]:
    """Every offset where `needle` starts in `haystack`, overlapping occurrences included."""
    if not needle:
        return
    start = haystack.find(needle)
    while start != -1:
        yield start
        start = haystack.find(needle, start + 1)


#: How many needles make one pass over a text for all of them cheaper than a `str.find` pass
#: for each (a Python step per character against a C scan).
ONE_PASS_FROM = 128


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
    #: Where the anchor was found: the first `MAX_PLACES` places in the text.
    places: tuple[Place, ...] = ()
    #: Where the fact's figure itself appears, for a fact whose anchor is missing: the first
    #: `MAX_PLACES` places in the text.
    elsewhere: tuple[Place, ...] = ()
    notes: tuple[Note, ...] = ()
    #: How many places there are beyond those listed in `places` and in `elsewhere`.
    more_places: int = 0
    more_elsewhere: int = 0

    @property
    def places_total(self) -> int:
        """How many times the anchor was found."""
        return len(self.places) + self.more_places

    @property
    def elsewhere_total(self) -> int:
        """How many times the fact's figure appears elsewhere (for an anchor not found)."""
        return len(self.elsewhere) + self.more_elsewhere

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


def _places(places: tuple[Place, ...], more: int) -> str:
    listed = ", ".join(f"{p.line}:{p.column}" for p in places)
    return f"{listed} and {more} more places" if more else listed


def _hedged(check: FactCheck) -> str:
    hedges, qualifier = check.hedges()
    listed = ", ".join(sorted(h or "none" for h in hedges))
    return f"hedged differently: the source {listed}, the fact {qualifier or 'none'}"


def _several(check: FactCheck) -> str:
    said = ", ".join(
        f"{p.figure.text if p.figure else 'no figure'} at {p.line}:{p.column}" for p in check.places
    )
    more = f" and {check.more_places} more" if check.more_places else ""
    return f"anchor not unique, found {check.places_total} times: {said}{more}"


#: Each note in the English of the JSON's `message`.
_NOTE_WORDS: dict[Note, Callable[[FactCheck], str]] = {
    "no_anchor": lambda _: "the fact has no anchor",
    "not_in_source": lambda _: "anchor not in the source",
    "figure_elsewhere": lambda check: (
        f"its figure appears at {_places(check.elsewhere, check.more_elsewhere)}"
    ),
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


#: How many places a check lists, the first in the text; it counts the rest. A text that
#: repeats a figure thousands of times would otherwise list them all under every fact that
#: has it, and the report would grow with facts times the length of the text.
MAX_PLACES = 10
#: Figures read (and compared with the facts looked for) remembered by their text, at most.
_REMEMBERED = 1 << 16
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _Span:
    """A place an anchor was found at, and the figures of the text in it and beside it."""

    __slots__ = ("start", "end", "inside", "before", "after")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.inside: list[Figure] = []
        self.before: Figure | None = None
        self.after: Figure | None = None

    def meet(self, figure: Figure) -> bool:
        """Take in the next figure of the text (one that ends at or after the span's start);
        True once the figures have gone past the span."""
        if figure.start >= self.end:
            if figure.start == self.end:
                self.after = figure
            return True
        if figure.end > self.start:
            self.inside.append(figure)
        else:  # it ends where the span starts
            self.before = figure
        return False


class _Looked:
    """Facts that agree with the same figures (the same value and unit), whose anchors are
    missing: where their figure is in the text, the first `MAX_PLACES` places and a count."""

    __slots__ = ("fact", "places", "total")

    def __init__(self, fact: Fact) -> None:
        self.fact = fact
        self.places: list[Place] = []
        self.total = 0


class _Elsewhere:
    """The figures of the facts whose anchors are missing, looked for in one pass over the
    text's figures: each figure is compared with the few facts whose value it is near (an
    index by base unit and value), and what agrees is remembered by the figure's text."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, Value, str], _Looked] = {}
        #: (base unit, measure word) → the facts' bounds, lowest first, and the widest span.
        self._bounds: dict[tuple[str, str], tuple[list[float], list[tuple[float, _Looked]]]] = {}
        self._widest: dict[tuple[str, str], float] = {}
        #: Facts whose bounds no float holds: compared with every figure of their unit.
        self._unbounded: dict[tuple[str, str], list[_Looked]] = {}
        self._agreeing: dict[tuple[str, Number, str, bool], tuple[_Looked, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self._bounds or self._unbounded)

    def add(self, fact: Fact) -> _Looked:
        key = (type(fact.value).__name__, fact.value, fact.unit)
        looked = self._groups.get(key)
        if looked is None:
            looked = self._groups[key] = _Looked(fact)
            self._index(looked)
        return looked

    def _index(self, looked: _Looked) -> None:
        # Only a figure with a unit is looked at (`offer`), and only a fact whose unit hxq
        # knows can agree with one.
        fact = looked.fact
        expected = normalize(fact.value, fact.unit)
        one = normalize(1, fact.unit)
        if expected is None or one is None:
            return
        centre = _exact(expected.value)
        if centre is None:
            return
        measure = measure_word(fact.unit) if expected.unit == "count" else ""
        key = (expected.unit, measure)
        # The widest `agrees` allows: a fraction of the source, against the fact's rounding.
        slack = _tolerance(fact.value) * (_exact(one.value) or 0) + abs(centre) / 10**12
        try:
            low, high = float(centre - slack), float(centre + slack)
        except OverflowError:
            self._unbounded.setdefault(key, []).append(looked)
            return
        # Floats round: a little wider, and `agrees` decides.
        low -= abs(low) * 1e-9
        high += abs(high) * 1e-9
        lows, entries = self._bounds.setdefault(key, ([], []))
        at = bisect.bisect_right(lows, low)
        lows.insert(at, low)
        entries.insert(at, (high, looked))
        self._widest[key] = max(self._widest.get(key, 0.0), high - low)

    def offer(self, figure: Figure, place: Callable[[], Place]) -> None:
        """Count a figure of the text for every fact it agrees with (`place` makes its place)."""
        key = (type(figure.value).__name__, figure.value, figure.unit, figure.exact)
        agreeing = self._agreeing.get(key)
        if agreeing is None:
            if len(self._agreeing) >= _REMEMBERED:
                self._agreeing.clear()
            agreeing = self._agreeing[key] = self._agreeing_with(figure)
        for looked in agreeing:
            looked.total += 1
            if len(looked.places) < MAX_PLACES:
                looked.places.append(place())

    def _agreeing_with(self, figure: Figure) -> tuple[_Looked, ...]:
        normalized = figure.normalized
        if normalized is None:
            return ()
        measure = measure_word(figure.unit) if normalized.unit == "count" else ""
        key = (normalized.unit, measure)
        candidates = list(self._unbounded.get(key, ()))
        lows, entries = self._bounds.get(key, ([], []))
        try:
            value = float(normalized.value)
        except OverflowError:
            candidates += [looked for _, looked in entries]
        else:
            at = bisect.bisect_right(lows, value)
            floor = value - self._widest.get(key, 0.0)
            while at > 0 and lows[at - 1] >= floor:
                at -= 1
                high, looked = entries[at]
                if high >= value:
                    candidates.append(looked)
        # In the facts' order, as they were added.
        found = {id(looked) for looked in candidates if agrees(figure, looked.fact)}
        return tuple(looked for looked in self._groups.values() if id(looked) in found)


class _AnchorChecker:
    """Checks facts' anchors against one source: its folded text and line starts, shared by
    every fact's check, and one pass over the figures of the text for all of them."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.folded = fold_source(text)
        self.line_starts = array("q", [0])
        self.line_starts.extend(m.end() for m in _LINE_BREAK.finditer(text))

    def place(self, folded_offset: int, figure: Figure | None) -> Place:
        origin = self.folded.origin
        offset = origin[folded_offset] if folded_offset < len(origin) else len(self.original)
        line = bisect.bisect_right(self.line_starts, offset)
        return Place(line, offset - self.line_starts[line - 1] + 1, figure)

    def _place_of(self, figure: Figure, start: int, end: int) -> Place:
        return self.place(start, _moved(figure, start, end))

    def after(self, figure: Figure) -> str:
        return self.folded.text[figure.end : figure.end + 10]

    def figure_at(self, span: _Span, fact: Fact) -> Figure | None:
        """The figure an anchor span carries: one inside it (the fact's own if there), else
        the one right after it, else the one right before it."""
        inside = span.inside
        if inside:
            for figure in inside:
                if agrees(figure, fact, self.after(figure)):
                    return figure
            expected = normalize(fact.value, fact.unit)
            for figure in inside:
                if _in_same_unit(figure.normalized, figure.unit, expected, fact.unit):
                    return figure
            return inside[0]
        return span.after or span.before

    def spans(
        self, anchor: str, found_all: dict[str, tuple[list[int], int]] | None = None
    ) -> tuple[list[_Span], int, bool]:
        """Where the folded anchor is, exactly, or failing that with its numbers as wildcards:
        the first `MAX_PLACES` places, how many there are, and whether they are exact.
        `found_all` holds what `find_all` found of the anchor and its longest words."""
        text = self.folded.text
        if found_all is not None:
            starts, total = found_all[anchor]
            found = [_Span(s, s + len(anchor)) for s in starts]
        else:
            found = [
                _Span(s, s + len(anchor)) for s in islice(occurrences(text, anchor), MAX_PLACES)
            ]
            total = _count(text, anchor, found) if found else 0
        if found:
            return found, total, True
        parts = _ARABIC_NUMBER.split(anchor)
        if len(parts) < 2 or sum(len(p) for p in parts) < _MIN_LOOSE_WORDS:
            return [], 0, True
        # A pattern with wildcards is slow to search a long text with; its longest words,
        # which it needs, are found or missed far faster (an anchor missing from a wrong
        # source costs a `find`, not a regular-expression scan).
        longest = max(parts, key=len)
        if (found_all[longest][1] == 0) if found_all is not None else longest not in text:
            return [], 0, False
        matches = re.finditer(_ANY_NUMBER.join(re.escape(p) for p in parts), text)
        loose = [_Span(m.start(), m.end()) for m in islice(matches, MAX_PLACES)]
        return loose, len(loose) + sum(1 for _ in matches), False

    def check_all(self, facts: Iterable[tuple[Node, Fact]]) -> list[FactCheck]:
        """The check of each fact, in order: first where each anchor is, then one pass over
        the figures of the text for the figures at those places and for the figures of the
        facts whose anchors are missing, then each outcome."""
        looked_for = _Elsewhere()
        found: list[tuple[Node, Fact, list[_Span], int, bool] | FactCheck] = []
        spans: list[_Span] = []
        folded = [
            (node, fact, fold_source(fact.anchor).text if fact.anchor else "")
            for node, fact in facts
        ]
        found_all = None
        anchors = {anchor for _, _, anchor in folded if anchor}
        if len(anchors) >= ONE_PASS_FROM:
            words = {max(_ARABIC_NUMBER.split(anchor), key=len) for anchor in anchors}
            found_all = find_all(self.folded.text, anchors | words, MAX_PLACES)
        for node, fact, anchor in folded:
            if not anchor:
                found.append(FactCheck(fact, node, "unanchored", notes=("no_anchor",)))
                continue
            places, total, exact = self.spans(anchor, found_all)
            if not total:
                looked_for.add(fact)
            spans += places
            found.append((node, fact, places, total, exact))
        self._sweep(spans, looked_for)
        return [
            one if isinstance(one, FactCheck) else self._outcome(*one, looked_for) for one in found
        ]

    def _sweep(self, spans: list[_Span], looked_for: _Elsewhere) -> None:
        """Hand each figure of the text to the spans it is in or beside, and to the facts
        looked for elsewhere; a figure is read only when one of them needs it."""
        spans.sort(key=lambda span: span.start)
        waiting = 0
        active: list[_Span] = []
        read: dict[str, Figure | None] = {}
        for match in figure_matches(self.folded.text):
            start, end = match.span()
            while waiting < len(spans) and spans[waiting].start <= end:
                active.append(spans[waiting])
                waiting += 1
            if not active and not looked_for:
                if waiting == len(spans):
                    break
                continue
            text = match.group()
            if text in read:
                figure = read[text]
            elif not reads_alone(match):
                figure = read_figure(match)  # read with the words around it: not remembered
            else:
                if len(read) >= _REMEMBERED:
                    read.clear()
                figure = read[text] = read_figure(match)
            if figure is None:
                continue
            if active:
                moved = _moved(figure, start, end)
                active = [span for span in active if not span.meet(moved)]
            if looked_for and figure.unit:
                # Its place is made only when it is listed.
                looked_for.offer(figure, partial(self._place_of, figure, start, end))

    def _outcome(
        self,
        node: Node,
        fact: Fact,
        spans: list[_Span],
        total: int,
        exact: bool,
        looked_for: _Elsewhere,
    ) -> FactCheck:
        if not total:
            looked = looked_for.add(fact)
            notes: tuple[Note, ...] = ("not_in_source",)
            if looked.total:
                notes += ("figure_elsewhere",)
            elsewhere = tuple(looked.places)
            more = looked.total - len(elsewhere)
            return FactCheck(
                fact, node, "missing", elsewhere=elsewhere, notes=notes, more_elsewhere=more
            )
        places = tuple(self.place(span.start, self.figure_at(span, fact)) for span in spans)
        # An anchor must name one place: found twice, even with the same figure at both, a
        # check could land on the wrong one the day the text changes at the other.
        if total > 1:
            return FactCheck(
                fact,
                node,
                "ambiguous",
                places,
                notes=("found_several_times",),
                more_places=total - len(places),
            )
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


def _moved(figure: Figure, start: int, end: int) -> Figure:
    """`figure` as found at `start`…`end` (the same words read elsewhere in the text)."""
    return figure if figure.start == start else replace(figure, start=start, end=end)


def _count(text: str, needle: str, first: list[_Span]) -> int:
    """How many times `needle` is in `text`, overlapping occurrences included (`first`: the
    first few, found already)."""
    if len(first) < MAX_PLACES:
        return len(first)
    # Occurrences of a needle that no proper prefix of it ends cannot overlap: str.count
    # counts them at the speed of a scan.
    if not any(needle.endswith(needle[:k]) for k in range(1, len(needle))):
        return text.count(needle)
    return sum(1 for _ in occurrences(text, needle))


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
    mine: list[tuple[Node, Fact]] = []
    others = 0
    for node, fact in framework.facts():
        if entry is not None and fact.source is not None and fact.source != entry.id:
            others += 1
            continue
        mine.append((node, fact))
    checks = checker.check_all(mine)
    return VerifyReport(
        source.name, source.sha256 or "", entry, tuple(checks), _counts(framework), others
    )
