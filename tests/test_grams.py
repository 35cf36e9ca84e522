"""`zh.grams.search_grams`: the runs of Chinese characters a full-text index needs to find a
Chinese word of any length, checked alone and through SQLite's own FTS5 tokenizer."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from hxq_cli.formats.sqlite import TOKENIZER, search_text
from hxq_cli.zh.grams import LONGEST, search_grams

# Chinese characters, and what stands beside them in the data: digits (full-width too), Latin
# letters, punctuation of both scripts, spaces, an underscore, a combining accent.
_HAN = st.sampled_from("研发投入创新科技亿元年底的")
_OTHER = st.sampled_from(list("24aZ，。、.&%（）“” _\u0301２") + ["R&D", "CNY"])
_TEXT = st.lists(st.one_of(_HAN, _HAN, _OTHER), max_size=30).map("".join)
_WORD = st.lists(_HAN, min_size=1, max_size=LONGEST).map("".join)


def test_every_run_of_a_clause_once_per_place() -> None:
    assert list(search_grams("研发投入")) == [
        *("研", "研发", "研发投", "研发投入"),
        *("发", "发投", "发投入"),
        *("投", "投入"),
        "入",
    ]


def test_a_number_or_latin_word_inside_chinese_counts_as_one_character() -> None:
    grams = set(search_grams("研发投入达24.24亿元，R&D投入"))
    assert {"达24", "24亿元", "24", "D投入", "投入"} <= grams
    assert not {"4亿", "2", "R&D"} & grams
    # Words without Chinese give none: an English word is a word to any tokenizer already.
    assert list(search_grams("R&D investment 2025")) == []


def test_runs_stop_at_the_longest() -> None:
    clause = "一二三四五六七八九十" * 3
    grams = list(search_grams(clause))
    assert max(len(gram) for gram in grams) == LONGEST
    assert len(grams) == sum(min(LONGEST, len(clause) - i) for i in range(len(clause)))


@settings(max_examples=examples(400), deadline=None)
@given(_TEXT, _WORD)
def test_a_chinese_word_is_listed_exactly_when_the_text_holds_it(text: str, word: str) -> None:
    assert (word in set(search_grams(text))) == (word in text)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4), _WORD)
def test_fts5_finds_a_chinese_word_exactly_where_it_stands(texts: list[str], word: str) -> None:
    """Through the tokenizer the SQLite export uses, quoted as Datasette's search box quotes it."""
    connection = sqlite3.connect(":memory:")
    connection.execute(
        f"CREATE VIRTUAL TABLE t USING fts5(text, grams, content='', tokenize='{TOKENIZER}')"
    )
    connection.executemany(
        "INSERT INTO t(rowid, text, grams) VALUES (?, ?, ?)",
        [(i, *search_text([text])) for i, text in enumerate(texts, start=1)],
    )
    found = {
        row[0] for row in connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (f'"{word}"',))
    }
    assert found == {i for i, text in enumerate(texts, start=1) if word in text}
    connection.close()
