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
from bisect import bisect_right
from collections.abc import Iterator
from enum import IntEnum

from hxq_cli.errors import UsageError
from hxq_cli.model import Bilingual, Fact, Framework, Located, Node, NodePath, record, walk_paths
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
    path: NodePath
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


#: (field, lang, text, rank, fact) of one searchable text; fact is None for a node's own.
_Field = tuple[str, str | None, str, Rank, Fact | None]


def _fields(node: Node) -> list[_Field]:
    """Every searchable text of a node and of its facts, in the order hits are listed: each
    bilingual text in Chinese, then in English. (Written out rather than through a helper per
    text: a search of a large framework makes hundreds of thousands of these.)"""
    title, text, fact_rank = Rank.TITLE, Rank.TEXT, Rank.FACT
    fields: list[_Field] = [
        ("title", "zh", node.title.zh, title, None),
        ("title", "en", node.title.en, title, None),
    ]
    if node.aliases:
        fields += [("aliases", None, alias, title, None) for alias in node.aliases]
    for name in ("role", "action", "target"):
        value: Bilingual | None = getattr(node, name)
        if value is not None:
            fields += ((name, "zh", value.zh, text, None), (name, "en", value.en, text, None))
    description = node.description
    fields += (
        ("description", "zh", description.zh, text, None),
        ("description", "en", description.en, text, None),
    )
    for fact in node.facts:
        said, compared = fact.statement, fact.compared_with
        fields += (
            ("statement", "zh", said.zh, fact_rank, fact),
            ("statement", "en", said.en, fact_rank, fact),
        )
        if compared is not None:
            fields += (
                ("compared_with", "zh", compared.zh, fact_rank, fact),
                ("compared_with", "en", compared.en, fact_rank, fact),
            )
        if fact.anchor is not None:
            fields.append(("anchor", None, fact.anchor, fact_rank, fact))
    return fields


#: Joins a node's texts so that they are searched at once: no command-line argument holds it
#: (a match across it, from a query given to `search` that does, is dropped), so no match runs
#: from one text into the next; and a word just after it starts a word, as at the start of a
#: text.
_SEPARATOR = "\x00"


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
        fields = _fields(path[-1])
        joined = _SEPARATOR.join([field[2] for field in fields])
        # The plain probe first: most nodes of a large framework are skipped by it alone.
        if probe.search(joined) is None:
            continue
        starts: list[int] = []
        offset = 0
        for field in fields:
            starts.append(offset)
            offset += len(field[2]) + 1
        found: dict[int, list[tuple[int, int]]] = {}
        for start, end in _matches(pattern, probe, joined):
            index = bisect_right(starts, start) - 1
            if end - starts[index] > len(fields[index][2]):
                continue  # a query holding the separator (NUL) matched across two texts
            found.setdefault(index, []).append((start - starts[index], end - starts[index]))
        for index, spans in found.items():
            name, lang, text, rank, fact = fields[index]
            hits.append(SearchHit(path, name, lang, text, tuple(spans), rank, fact))
    return sorted(hits, key=lambda hit: hit.rank)  # stable: document order within a rank


def _matches(
    pattern: re.Pattern[str], probe: re.Pattern[str], text: str
) -> Iterator[tuple[int, int]]:
    """The spans `pattern.finditer(text)` gives (empty ones left out), trying the pattern only
    where `probe` (its first word, literally) matches: the look-behinds of a word start make
    the pattern itself try every position of the text."""
    position = 0
    while (candidate := probe.search(text, position)) is not None:
        start = candidate.start()
        match = pattern.match(text, start)
        if match is not None and match.end() > start:
            yield start, match.end()
            position = match.end()
        else:
            position = start + 1
