"""Find a term in a framework: titles, aliases, descriptions and facts, in both languages.

A query that contains Chinese (CJK) characters matches as a substring, anywhere. Any other
query matches case-insensitively at the start of a word, so "card" finds "cards" but "ard"
finds nothing; several words match as a phrase ("name card" finds "name cards"). Hits rank
by where they are found: titles and aliases first, then descriptive text (description, role,
action, target), then facts; within a rank they keep document order.

A top-level subtree whose stored text cannot hold the query's first word is skipped before
it is built (`Framework.tops_that_may_contain`), so a search of a large framework builds only
the parts that can match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import IntEnum

from hxq_cli.errors import UsageError
from hxq_cli.model import Bilingual, Fact, Framework, Located, Node, Path, record, walk_paths
from hxq_cli.text import fold

#: Longest query accepted; a search term, not a document.
MAX_QUERY_LENGTH = 200

# CJK punctuation, kana, ideographs (with extensions and compatibility forms), Hangul and
# full-width forms: a query holding any of these is written the Chinese way, without spaces.
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
# A word starts where no Latin letter or digit stands just before, nor a decimal point:
# "24" matches in "研发投入达24.24亿元" (once) and "D" in "R&D", but "ard" not in "cards".
_WORD_START = "(?<![0-9A-Za-z\u00c0-\u024f])(?<![0-9][.,])"


class Rank(IntEnum):
    """Where a hit was found; lower ranks first."""

    TITLE = 0
    TEXT = 1
    FACT = 2


@record  # built in bulk: see model.record
class SearchHit:
    """One field of one node (or of one of its facts) that matches the query."""

    #: The node that holds the field, after its ancestors (root first).
    path: Path
    #: "title", "aliases", "role", "action", "target", "description", or for a fact
    #: "statement", "compared_with", "anchor".
    field: str
    #: "zh" or "en" for bilingual fields; None for aliases and anchors (not translated).
    lang: str | None
    text: str
    #: Matched parts of `text` as [start, end) offsets in code points, in order.
    spans: tuple[tuple[int, int], ...]
    rank: Rank
    fact: Fact | None = None

    @property
    def node(self) -> Node:
        return self.path[-1]


def compile_query(query: str) -> re.Pattern[str]:
    """The pattern that implements the matching rules above; UsageError for an empty query."""
    query = fold(query)
    words = query.split()
    if not words:
        raise UsageError("search text is empty")
    if len(query) > MAX_QUERY_LENGTH:
        raise UsageError(f"search text is longer than {MAX_QUERY_LENGTH} characters")
    body = r"\s+".join(re.escape(word) for word in words)
    if _CJK.search(query):
        return re.compile(body, re.IGNORECASE)
    return re.compile(_WORD_START + body, re.IGNORECASE)


#: (field, lang, text, rank) of one searchable text.
_Field = tuple[str, str | None, str, Rank]


def _node_fields(node: Node) -> Iterator[_Field]:
    """Every searchable text of a node, facts excluded, in the order hits are listed."""
    yield from _bilingual("title", node.title, Rank.TITLE)
    for alias in node.aliases:
        yield "aliases", None, alias, Rank.TITLE
    for name in ("role", "action", "target"):
        value: Bilingual | None = getattr(node, name)
        if value is not None:
            yield from _bilingual(name, value, Rank.TEXT)
    yield from _bilingual("description", node.description, Rank.TEXT)


def _fact_fields(fact: Fact) -> Iterator[_Field]:
    yield from _bilingual("statement", fact.statement, Rank.FACT)
    if fact.compared_with is not None:
        yield from _bilingual("compared_with", fact.compared_with, Rank.FACT)
    if fact.anchor is not None:
        yield "anchor", None, fact.anchor, Rank.FACT


def _texts(node: Node) -> Iterator[str]:
    """Every text `_node_fields` and `_fact_fields` give for a node and its facts."""
    for _field, _lang, text, _rank in _node_fields(node):
        yield text
    for fact in node.facts:
        for _field, _lang, text, _rank in _fact_fields(fact):
            yield text


def _bilingual(name: str, value: Bilingual, rank: Rank) -> Iterator[_Field]:
    yield name, "zh", value.zh, rank
    yield name, "en", value.en, rank


#: Characters that JSON text writes as escapes: a word holding one may be in a string
#: although the stored text of the node that holds it does not show the word verbatim.
_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def search(framework: Framework, query: str, under: Located | None = None) -> list[SearchHit]:
    """Every field that matches `query`, best rank first, in document order within a rank;
    only in the subtree of `under` when it is given."""
    pattern = compile_query(query)
    # The word-start look-behinds make the regex try every position of every text; a plain
    # search for the first word (same case rules, so it never misses a match) skips most
    # texts at the speed of a literal scan.
    first_word = fold(query).split()[0]
    probe = re.compile(re.escape(first_word), re.IGNORECASE)
    if under is not None:
        paths = walk_paths((under.node,), under.path[:-1])
    elif _JSON_ESCAPED.search(first_word) is None:
        paths = walk_paths(framework.tops_that_may_contain(probe))
    else:
        paths = walk_paths(framework.nodes)
    hits: list[SearchHit] = []
    for path in paths:
        node = path[-1]
        # One probe of all the node's texts at once (joined by a newline, which no query word
        # holds) skips most nodes without looking at their fields one by one.
        if probe.search("\n".join(_texts(node))) is None:
            continue
        for field, lang, text, rank in _node_fields(node):
            _add(hits, pattern, probe, path, field, lang, text, rank, None)
        for fact in node.facts:
            for field, lang, text, rank in _fact_fields(fact):
                _add(hits, pattern, probe, path, field, lang, text, rank, fact)
    return sorted(hits, key=lambda hit: hit.rank)  # stable: document order within a rank


def _add(
    hits: list[SearchHit],
    pattern: re.Pattern[str],
    probe: re.Pattern[str],
    path: Path,
    field: str,
    lang: str | None,
    text: str,
    rank: Rank,
    fact: Fact | None,
) -> None:
    if probe.search(text) is None:
        return
    spans = tuple(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    if spans:
        hits.append(SearchHit(path, field, lang, text, spans, rank, fact))
