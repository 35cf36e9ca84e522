"""`hxq search`: matching rules, ranking, highlighting on plain Text, JSON, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SHIPPED, Run, examples, framework_of, load_framework, load_raw
from hxq_cli import read
from hxq_cli.errors import ExitCode, UsageError
from hxq_cli.queries.search import Rank, compile_query, search
from hxq_cli.read import CheckedDocument, build_framework, cache

DOCUMENT = load_framework(SHIPPED)
FRAMEWORK = load_framework(str(SHIPPED))
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def matched(query: str, text: str) -> list[str]:
    return [match.group() for match in compile_query(query).finditer(text)]


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("card", "Four calling cards", ["card"]),
        ("CARD", "Four calling cards", ["card"]),
        ("ard", "Four calling cards", []),
        ("calling card", "Four calling  cards", ["calling  card"]),
        ("d", "R&D investment", ["D"]),
        ("24", "研发投入达24.24亿元", ["24"]),
        ("5", "1.5 or 2,5 or 5", ["5"]),
        ("名片", "四张名片", ["名片"]),
        ("张名", "四张名片", ["张名"]),
        ("亿元", "24.24亿元, 9.8亿元", ["亿元", "亿元"]),
        ("a.b", "axb", []),
        ("(", "a (b)", ["("]),
    ],
)
def test_matching_rules(query: str, text: str, expected: list[str]) -> None:
    assert matched(query, text) == expected


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_is_refused(query: str) -> None:
    with pytest.raises(UsageError, match="empty"):
        compile_query(query)


def test_hits_rank_titles_then_text_then_facts() -> None:
    hits = search(DOCUMENT, "innovation")
    ranks = [hit.rank for hit in hits]
    assert ranks == sorted(ranks)
    assert {Rank.TITLE, Rank.TEXT, Rank.FACT} <= set(ranks)
    assert hits[0].node.id == "4.2" and hits[0].field == "title"
    # Within a rank, document order.
    titles = [hit.node.id for hit in hits if hit.rank == Rank.TITLE]
    order = [node.id for node in FRAMEWORK.walk()]
    assert titles == sorted(titles, key=order.index)


def test_aliases_count_with_titles() -> None:
    hits = search(DOCUMENT, "nylon")
    alias = next(hit for hit in hits if hit.field == "aliases")
    assert alias.rank == Rank.TITLE and alias.lang is None
    assert alias.node.id == "4.2.industries.1" and alias.text == "nylon"
    assert hits.index(alias) < min(i for i, hit in enumerate(hits) if hit.rank != Rank.TITLE)


def test_spans_cover_the_matched_text() -> None:
    for query in ("亿元", "patent", "calling card", "高新区"):
        hits = search(DOCUMENT, query)
        assert hits, query
        for hit in hits:
            assert hit.spans
            for start, end in hit.spans:
                assert " ".join(hit.text[start:end].split()).casefold() == query.casefold()


def test_fact_hits_carry_the_fact() -> None:
    hits = [hit for hit in search(DOCUMENT, "研发投入") if hit.fact is not None]
    assert {hit.fact.id for hit in hits if hit.fact} == {"4.2.rd-investment"}
    assert {hit.field for hit in hits} == {"statement", "anchor"}


def test_under_limits_the_search_to_a_subtree() -> None:
    located = FRAMEWORK.locate("4.2")
    path = located.path
    hits = search(DOCUMENT, "亿元", located)
    assert hits
    assert all(hit.node.id == "4.2" or hit.node.id.startswith("4.2.") for hit in hits)
    assert all(
        [(ref.id, ref.title) for ref in hit.path[: len(path)]] == [(n.id, n.title) for n in path]
        for hit in hits
    )
    everywhere = search(DOCUMENT, "亿元")
    assert len(everywhere) > len(hits)


def test_a_query_of_the_separator_finds_nothing() -> None:
    """A node's texts are searched joined by NUL: a query holding NUL (which no argument can,
    but the API and the browser's box may) matched the joint, with a span past its text."""
    assert search(DOCUMENT, "\x00") == []
    assert search(DOCUMENT, "景\x00") == []


@settings(max_examples=examples(200), deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_search_never_crashes_and_spans_are_sound(query: str) -> None:
    try:
        hits = search(DOCUMENT, query)
    except UsageError:
        assert not query.split()
        return
    for hit in hits:
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.text)


# --------------------------------------------------------------------------- skipping subtrees

# Three top-level nodes; their texts hold characters that JSON writes as escapes.
THREE_PARTS = """\
schema_version: 1
id: "three"
title: {zh: "三段", en: "Three parts"}
description: {zh: "三个顶层节点。", en: "Three top-level nodes."}
sources: []
nodes:
  - id: "1"
    title: {zh: "甲", en: "Alpha"}
    description: {zh: "甲。", en: 'Alpha says "quoted words" here.'}
  - id: "2"
    title: {zh: "乙", en: "Beta"}
    description: {zh: "乙。", en: 'Beta keeps C:\\data\\beta here.'}
    children:
      - id: "2.1"
        title: {zh: "乙一", en: "Beta one"}
        description: {zh: "乙一。", en: "Beta one."}
  - id: "3"
    title: {zh: "丙", en: "Gamma"}
    description: {zh: "丙。", en: "Gamma has a ctrl\\x01char."}
"""


@pytest.fixture(scope="module")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(scope="module")
def three_parts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("three") / "three.yaml"
    path.write_text(THREE_PARTS, encoding="utf-8")
    return path


def from_cache(path: Path, home: Path) -> CheckedDocument:
    """The document of `path` as a repeated run reads it: from its cache entry, nothing parsed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("HXQ_NO_CACHE", raising=False)
        patch.setenv("XDG_CACHE_HOME", str(home))
        read.load(str(path))  # writes the entry when there is none
        key = cache.key_for(str(path), path.read_bytes())
        assert key is not None
        document = cache.load(key)
    assert document is not None
    return document


def parsed(path: Path) -> CheckedDocument:
    """The document of `path` with every subtree held as data, none as text (as from stdin)."""
    return CheckedDocument.of(load_raw(str(path)))


def test_search_parses_only_subtrees_whose_text_holds_the_first_word(
    three_parts: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = [from_cache(three_parts, cache_home) for _ in range(2)]
    plain = parsed(three_parts)
    asked: list[int] = []
    real = CheckedDocument.node

    def spy(self: CheckedDocument, index: int, *, keep: bool = True) -> dict[str, Any]:
        asked.append(index)
        return real(self, index, keep=keep)

    monkeypatch.setattr(CheckedDocument, "node", spy)
    # Any case, as the search itself: "GAMMA" is "Gamma" in the text of the third node only.
    hits = search(build_framework(documents[0]), "GAMMA has")
    assert [(hit.node.id, hit.field, hit.lang) for hit in hits] == [("3", "description", "en")]
    assert asked == [2]
    asked.clear()
    assert search(build_framework(documents[1]), "zzzz") == []
    assert asked == []
    # Without the cache there is no text to test: every subtree is searched.
    asked.clear()
    assert search(build_framework(plain), "GAMMA has") == hits
    assert asked == [0, 1, 2]


@pytest.mark.parametrize(
    ("query", "node_id"),
    [('"quoted', "1"), ('words"', "1"), ("C:\\data\\beta", "2"), ("ctrl\x01char", "3")],
)
def test_words_that_json_escapes_are_found_in_cached_subtrees(
    three_parts: Path, cache_home: Path, query: str, node_id: str
) -> None:
    # JSON writes '"', '\\' and U+0001 as escapes, so the word is not verbatim in the text of
    # the subtree that holds it: that subtree must be searched, not skipped.
    hits = search(build_framework(from_cache(three_parts, cache_home)), query)
    assert [hit.node.id for hit in hits] == [node_id]
    assert hits == search(build_framework(parsed(three_parts)), query)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return [text for item in items for text in _strings(item)]


PARSED_SHIPPED = parsed(SHIPPED)
_SHIPPED_STRINGS = _strings(load_raw(str(SHIPPED)))
# Words of the shipped framework ('"123456"' among them), and their last three characters.
_WORDS = sorted({word for text in _SHIPPED_STRINGS for word in text.split()})
# Its characters, in upper case too, and what JSON escapes.
_ALPHABET = sorted({*"".join(_SHIPPED_STRINGS), *"".join(_SHIPPED_STRINGS).upper(), *'"\\\x01'})


@settings(max_examples=examples(200), deadline=None)
@given(
    st.one_of(
        st.sampled_from(_WORDS),
        st.sampled_from(_WORDS).map(lambda word: word[-3:]),
        st.text(alphabet=st.sampled_from(_ALPHABET), min_size=1, max_size=4),
        st.text(min_size=1, max_size=12),
    )
)
def test_a_cached_document_finds_what_a_parsed_one_finds(cache_home: Path, query: str) -> None:
    if not query.split():
        return
    assert search(build_framework(from_cache(SHIPPED, cache_home)), query) == search(
        build_framework(PARSED_SHIPPED), query
    )


# --------------------------------------------------------------------------- CLI


def test_search_view(hxq: Run) -> None:
    result = hxq("search", "名片", width=100)
    assert result.code == 0, result.err
    assert result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "4  四张名片"
    assert lines[1].split() == ["名称", "Title", "(zh)", "四张名片"]
    assert "4.synergy  四张名片 › 组合打法" in result.out
    assert lines[-1] == "9 处匹配，在 7 个节点中 · 9 matches in 7 nodes"


def test_search_view_in_chinese_labels_in_chinese(hxq: Run) -> None:
    result = hxq("search", "名片", "--lang", "zh", width=100)
    lines = result.out.splitlines()
    assert lines[1].split() == ["名称", "(中文)", "四张名片"]
    assert lines[-1] == "9 处匹配，在 7 个节点中"
    # Latin letters only in IDs (4.synergy): no English label.
    without_ids = re.sub(r"(?m)^[0-9a-z.-]+  ", "", result.out)
    assert not re.search("[A-Za-z]", without_ids), without_ids
    anchored = hxq("search", "24.24", "--lang", "zh", width=100).out
    assert "原文  研发投入达24.24亿元" in anchored


def test_search_view_english_and_facts(hxq: Run) -> None:
    result = hxq("search", "R&D", "--lang", "en", width=120)
    assert result.code == 0
    # The hit header shows the figure in its display form: no Chinese unit in English.
    assert result.out.splitlines()[0] == (
        "4.2  Four calling cards › Empowerment through sci-tech innovation"
        "  4.2.rd-investment  CNY 2.424 billion"
    )
    assert "Fact (en)  R&D investment as of the end of 2025" in result.out


def test_no_match_exits_1_like_grep(hxq: Run) -> None:
    result = hxq("search", "zzzz")
    assert result.code == ExitCode.NO
    assert result.out == ""
    assert result.err == "hxq: no match for 'zzzz'\n"


def test_no_match_json_has_the_same_shape(hxq: Run) -> None:
    result = hxq("search", "zzzz", "--json")
    assert result.code == ExitCode.NO
    assert json.loads(result.out) == {
        "schema_version": 1,
        "framework": "pingdingshan-hitech-123456",
        "query": "zzzz",
        "hits": [],
    }


def test_empty_query_is_a_usage_error(hxq: Run) -> None:
    result = hxq("search", " ")
    assert result.code == ExitCode.TROUBLE
    assert result.err == "hxq: error: search text is empty\n"


def test_unknown_under_is_a_usage_error(hxq: Run) -> None:
    result = hxq("search", "x", "--under", "9.9")
    assert result.code == ExitCode.TROUBLE
    assert "unknown ID '9.9'" in result.err


def test_json_shape_is_pinned(hxq: Run) -> None:
    result = hxq("search", "R&D", "--json")
    assert result.code == 0
    doc = json.loads(result.out)
    assert list(doc) == ["schema_version", "framework", "query", "hits"]
    hit = doc["hits"][0]
    assert list(hit) == ["node", "path", "rank", "field", "lang", "fact", "text", "spans"]
    assert hit["node"] == {
        "id": "4.2",
        "title": {"zh": "科创赋能", "en": "Empowerment through sci-tech innovation"},
    }
    assert hit["path"] == [{"id": "4", "title": {"zh": "四张名片", "en": "Four calling cards"}}]
    assert (hit["rank"], hit["field"], hit["lang"]) == ("fact", "statement", "en")
    assert hit["fact"]["id"] == "4.2.rd-investment" and hit["fact"]["value"] == 24.24
    start, end = hit["spans"][0]
    assert hit["text"][start:end] == "R&D"
    title_hit = json.loads(hxq("search", "科创赋能", "--json").out)["hits"][0]
    assert title_hit["fact"] is None and title_hit["rank"] == "title"


def _hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(
        MINIMAL.replace(
            '{zh: "任务甲", en: "Task A"}', '{zh: "任务甲", en: "[bold]Task\\e[31m A"}'
        ),
        encoding="utf-8",
    )
    return path


def test_data_is_never_read_as_markup(hxq: Run, tmp_path: Path) -> None:
    result = hxq("search", "task", "--data", str(_hostile(tmp_path)))
    assert result.code == 0, result.err
    assert "[bold]Task\\x1b[31m A" in result.out
    assert "\x1b" not in result.out


def test_highlight_is_applied_to_plain_text() -> None:
    from hxq_cli.render.search_view import highlighted

    text = highlighted("[b]ab\x1bcab", [(3, 5), (6, 8)], style="underline")
    assert text.plain == "[b]ab\\x1bcab"
    assert [(span.start, span.end, span.style) for span in text.spans] == [
        (3, 5, "underline"),
        (9, 11, "underline"),
    ]


def test_highlight_reaches_a_colour_terminal() -> None:
    import io

    from rich.console import Console

    from hxq_cli.render.search_view import search_view

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", markup=False)
    console.print(search_view(search(DOCUMENT, "科创"), "both"))
    assert "\x1b[1;7m科创\x1b[0m" in buffer.getvalue()


def test_an_english_hit_has_its_path_in_english(hxq: Run) -> None:
    """In both languages, the path above a hit speaks the hit's language (issue 12)."""
    result = hxq("search", "patent")
    assert "Four calling cards › " in result.out
    assert "四张名片 › 协同成效" not in result.out
    chinese = hxq("search", "研发")
    assert "四张名片 › 科创赋能" in chinese.out


_SCAN_ALPHABET = "aAbB名片 .,5\x00-"


@settings(max_examples=examples(2000), deadline=None)
@given(
    query=st.text(alphabet=_SCAN_ALPHABET, min_size=1, max_size=6).filter(lambda q: q.split()),
    text=st.text(alphabet=_SCAN_ALPHABET, max_size=40),
)
def test_matches_are_what_the_pattern_finds_everywhere(query: str, text: str) -> None:
    """The pattern is tried only where its first word is (`_matches`): the spans are those a
    scan of every position gives."""
    from hxq_cli.queries.search import _matches, compile_query
    from hxq_cli.text import fold

    pattern = compile_query(query)
    probe = re.compile(re.escape(fold(query).split()[0]), re.IGNORECASE)
    everywhere = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    assert list(_matches(pattern, probe, text)) == everywhere


def test_a_phrase_never_runs_from_one_field_into_the_next() -> None:
    """A node's texts are searched joined; a match still lies inside one text."""
    node = {
        "id": "1",
        "title": {"zh": "甲名", "en": "Alpha name"},
        "description": {"zh": "片乙", "en": "card beta"},
    }
    text = {"zh": "文", "en": "Text"}
    framework = framework_of(
        {"schema_version": 1, "id": "t", "title": text, "description": text, "sources": [],
         "nodes": [node]}
    )  # fmt: skip
    assert search(framework, "name card") == []
    assert search(framework, "名片") == []
    hits = search(framework, "name")
    assert [(h.field, h.lang, h.spans) for h in hits] == [("title", "en", ((6, 10),))]
