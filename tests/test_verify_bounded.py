"""`hxq verify` in bounded time, memory and output: one pass over the source's figures for
every fact, at most `MAX_PLACES` places listed per fact (the rest counted), the folded text's
origins kept as runs. Each shortcut is held to the plain way it replaces (the reference
implementations below, as verify was before), on texts Hypothesis writes."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import REPO, examples, run_measured
from hxq_cli.model import Bilingual, Fact, Framework, Node
from hxq_cli.queries import verify as verify_module
from hxq_cli.queries.verify import (
    MAX_PLACES,
    PLAIN_CHARACTERS,
    agrees,
    fold_source,
    occurrences,
    verify,
)
from hxq_cli.read import TextFile
from hxq_cli.zh.figures import Figure, figure_matches, measure_word, normalize, parse_figures

sys.path.insert(0, str(REPO / "bench"))

from make_source import write_framework, write_source  # noqa: E402

# --------------------------------------------------------------------------- the references

_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def reference_fold(text: str) -> tuple[str, list[int]]:
    """Fold one character (with its combining marks) at a time, as verify did."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        if not chunk.isascii():
            chunk = unicodedata.normalize("NFKC", chunk)
        for char in chunk:
            if not char.isspace() and char not in _INVISIBLE:
                out.append(char)
                origin.append(i)
        i = j
    return "".join(out), origin


_ARABIC = re.compile(r"[0-9]+(?:[.,][0-9]+)*(?:/[0-9]+)?")
_ANY = r"[0-9]+(?:[.,][0-9]+)*(?:/[0-9]+)?"

Where = tuple[int, int, str | None]


def reference_places(text: str, fact: Fact) -> tuple[list[Where], list[Where]]:
    """Every place of the fact's anchor with the figure it carries, and (for an anchor not
    found) every place of its figure: each fact against every figure, as verify did."""
    folded, origin = reference_fold(text)
    figures = parse_figures(folded)
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def where(offset: int, figure: Figure | None) -> Where:
        at = origin[offset] if offset < len(origin) else len(text)
        line = max(i for i, start in enumerate(line_starts) if start <= at)
        return line + 1, at - line_starts[line] + 1, figure.text if figure else None

    def figure_at(start: int, end: int) -> Figure | None:
        inside = [f for f in figures if f.start < end and f.end > start]
        if inside:
            for figure in inside:
                if agrees(figure, fact, folded[figure.end : figure.end + 10]):
                    return figure
            expected = normalize(fact.value, fact.unit)
            for figure in inside:
                if (
                    figure.normalized is not None
                    and expected is not None
                    and figure.normalized.unit == expected.unit
                    and (
                        expected.unit != "count"
                        or measure_word(figure.unit) == measure_word(fact.unit)
                    )
                ):
                    return figure
            return inside[0]
        after = next((f for f in figures if f.start >= end), None)
        if after is not None and after.start == end:
            return after
        return next((f for f in figures if f.end == start), None)

    anchor = reference_fold(fact.anchor or "")[0]
    spans = [(s, s + len(anchor)) for s in occurrences(folded, anchor)]
    if not spans:
        parts = _ARABIC.split(anchor)
        if len(parts) >= 2 and sum(len(p) for p in parts) >= 2:
            pattern = _ANY.join(re.escape(p) for p in parts)
            spans = [m.span() for m in re.finditer(pattern, folded)]
    places = [where(s, figure_at(s, e)) for s, e in spans]
    elsewhere = []
    if not spans:
        elsewhere = [
            where(f.start, f)
            for f in figures
            if f.unit and agrees(f, fact, folded[f.end : f.end + 10])
        ]
    return places, elsewhere


# --------------------------------------------------------------------------- texts

_ODD = [
    " ", "\n", "\r\n", "\t", "\u3000", "\u00a0", "\u2028", "\u200b", "\u00ad", "\ufeff",
    "\u0301", "\u3099", "e\u0301", "か", "カ", "가", "\u11a8", "㎡", "①", "ﬁ", "…", "Ａ",
    "，", "：", "（", "）", "９", "８", "％", "、", "。", "“", "”", "—", "·",
]  # fmt: skip
_TOKENS = [
    "研发投入达", "24.24亿元", "24.24", "亿元", "5个", "5", "个", "12%", "近", "约", "最近",
    "翻倍", "翻两番", "第一", "1/3", "三分之一", "合作", "139次", "万", "9.8", "突破", "以上",
    "98%", "65%", "名", "家", "61", "倍", "1.19倍", "百分之十二", "10000万元",
]  # fmt: skip

texts = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.sampled_from(_ODD), st.characters()), max_size=40
).map("".join)

FACTS = [
    (24.24, "亿元"),
    (5, "个"),
    (12, "%"),
    (2, "倍"),
    (1, "名次"),
    (0.3333, "占比"),
    (1, "亿元"),
    (98, "%"),
    (139, "次"),
    (5, "吨"),
]


def _framework(*facts: Fact) -> Framework:
    node = Node("1", Bilingual("甲", "A"), Bilingual("甲", "A"), facts=facts)
    return Framework(1, "t", Bilingual("t", "t"), Bilingual("t", "t"), (), (node,))


def _source(text: str) -> TextFile:
    return TextFile("doc.txt", text, hashlib.sha256(text.encode()).hexdigest())


BOUNDED = settings(max_examples=examples(400), deadline=None, derandomize=True, database=None)

# --------------------------------------------------------------------------- folding


@BOUNDED
@given(texts, st.sampled_from([1, 3, 8, 1 << 20]))
def test_fold_is_the_one_character_at_a_time_fold(text: str, stretch: int) -> None:
    # Short stretches put their ends everywhere: before a combining mark, inside a run of spaces.
    saved = verify_module._STRETCH
    verify_module._STRETCH = stretch
    try:
        folded = fold_source(text)
    finally:
        verify_module._STRETCH = saved
    expected_text, expected_origin = reference_fold(text)
    assert folded.text == expected_text
    assert len(folded.origin) == len(expected_origin)
    assert list(folded.origin) == expected_origin


def test_the_plain_characters_are_what_nfkc_leaves_or_makes_ascii() -> None:
    # The characters folded a stretch at a time must fold alone as they do in the stretch.
    plain = re.compile(f"[{PLAIN_CHARACTERS}]")
    for code in range(0x10000):
        char = chr(code)
        if plain.fullmatch(char) is None:
            continue
        folded = unicodedata.normalize("NFKC", char)
        assert not unicodedata.combining(char) and not char.isspace(), hex(code)
        if 0xFF01 <= code <= 0xFF5E:
            assert folded == chr(code - 0xFEE0), hex(code)
        else:
            assert folded == char, hex(code)


def test_origins_index_like_a_list() -> None:
    folded = fold_source("ab cd\n\u3000e")
    assert folded.text == "abcde"
    assert folded.origin[-1] == 7 and folded.origin[1:3] == [1, 3]
    with pytest.raises(IndexError):
        folded.origin[5]


# --------------------------------------------------------------------------- figures


def test_the_look_ahead_changes_no_match() -> None:
    from hxq_cli.zh.figures import _figure_pattern

    pattern = _figure_pattern()
    plain = re.compile(pattern.pattern.replace("(?=[0-9", "(?=[\\s\\S", 1), pattern.flags)
    assert plain.pattern != pattern.pattern

    @BOUNDED
    @given(texts)
    def same(text: str) -> None:
        text = fold_source(text).text
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in figure_matches(text)] == expected

    same()


def _fact(value: float, unit: str, anchor: str, fact_id: str = "1.x") -> Fact:
    return Fact(fact_id, Bilingual("事实", "fact"), value, unit, anchor=anchor)


# --------------------------------------------------------------------------- places


@BOUNDED
@given(
    texts,
    st.sampled_from(FACTS),
    st.one_of(st.sampled_from(_TOKENS), st.text(min_size=1, max_size=6)),
    st.booleans(),
)
def test_places_are_the_first_of_every_place(
    text: str, figure: tuple[float, str], anchor: str, repeat: bool
) -> None:
    # Repeated, the text has each place many times over: more than are listed.
    assume(reference_fold(anchor)[0])  # an anchor of spaces is no anchor (unanchored)
    if repeat:
        text = (text + "\n") * (MAX_PLACES + 3)
    fact = _fact(*figure, anchor)
    (check,) = verify(_framework(fact), _source(text)).facts
    places, elsewhere = reference_places(text, fact)
    listed = [(p.line, p.column, p.figure.text if p.figure else None) for p in check.places]
    assert listed == places[:MAX_PLACES]
    assert check.places_total == len(places)
    listed = [(p.line, p.column, p.figure.text if p.figure else None) for p in check.elsewhere]
    assert listed == elsewhere[:MAX_PLACES]
    assert check.elsewhere_total == len(elsewhere)


def test_a_place_a_thousand_times_is_listed_ten_times_and_counted() -> None:
    text = "研发投入达24.24亿元。\n" * 2000
    facts = (
        _fact(24.24, "亿元", "研发投入达", "1.rd"),
        _fact(24.24, "亿元", "科研经费", "1.funds"),
        _fact(24.24, "亿元", "研发投入达24.24亿元。研发", "1.pair"),
    )
    rd, funds, pair = verify(_framework(*facts), _source(text)).facts
    assert rd.status == "ambiguous" and rd.places_total == 2000
    assert [(p.line, p.column) for p in rd.places] == [(n, 1) for n in range(1, 11)]
    assert rd.message.startswith("anchor not unique, found 2000 times: 24.24亿元 at 1:1, ")
    assert rd.message.endswith(", 24.24亿元 at 10:1 and 1990 more")
    assert funds.status == "missing" and funds.elsewhere_total == 2000
    assert len(funds.elsewhere) == MAX_PLACES
    assert funds.message == (
        "anchor not in the source; its figure appears at "
        + ", ".join(f"{line}:6" for line in range(1, 11))
        + " and 1990 more places"
    )
    # Occurrences that overlap are counted too.
    assert pair.places_total == 1999


def test_the_view_says_how_many_more(tmp_path: Path) -> None:
    from conftest import environment
    from hxq_cli.cli import main

    framework = tmp_path / "case.yaml"
    source = tmp_path / "source.txt"
    write_framework(framework, 4)
    write_source(source, 4, 0.02)
    import io

    out = io.StringIO()
    code = main(
        ["verify", "--data", str(framework), "--source", str(source), "--lang", "en"],
        env=environment(120, stdout=out, stderr=io.StringIO()),
    )
    assert code == 1
    shown = out.getvalue()
    # Each check lists ten places and says how many more there are, in the view's language.
    assert re.search(r"\b[0-9,]+ more\b", shown), shown
    assert "ambiguous" in shown and "missing" in shown


# --------------------------------------------------------------------------- bounds


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_source_full_of_the_facts_figures_takes_little_memory_and_output(
    tmp_path: Path,
) -> None:
    # 200 facts sharing three figures, half their anchors absent, in a 1 MB text that repeats
    # them: the old report listed every figure under every fact (118 MB of JSON, 750 MB of
    # memory, a minute).
    framework, source = tmp_path / "case.yaml", tmp_path / "source.txt"
    write_framework(framework, 200)
    write_source(source, 200, 1)
    done, peak = run_measured(
        ["verify", "--json", "--data", str(framework), "--source", str(source)],
        {"HXQ_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["summary"]["missing"] == 100 and report["summary"]["ambiguous"] == 100
    assert len(done.stdout) < 1_000_000
    assert all(len(check["places"]) <= MAX_PLACES for check in report["facts"])
    assert max(check["elsewhere_total"] for check in report["facts"]) > 5_000
    assert peak < 120, f"peak {peak:.0f} MiB"
