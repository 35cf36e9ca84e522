"""Find a term in a framework: titles, aliases, descriptions and facts, in both languages.

A query that contains Chinese (CJK) characters matches as a substring, anywhere. Any other
query matches case-insensitively at the start of a word, so "card" finds "cards" but "ard"
finds nothing; several words match as a phrase ("name card" finds "name cards"). Hits rank
by where they are found: titles and aliases first, then descriptive text (description, role,
action, target), then facts; within a rank they keep document order.

The search reads the checked document as plain data (`loader.load_document`), not the model:
it parses only the top-level subtrees that can hold the query, and builds model objects only
for what the hits show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from hxq_cli.errors import UsageError
from hxq_cli.loader import build_fact
from hxq_cli.model import Bilingual, Fact
from hxq_cli.record import frozen_record

if TYPE_CHECKING:
    from hxq_cli.cache import SplitDocument
    from hxq_cli.model import Node

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


@frozen_record
class NodeRef:
    """A node as a hit's path shows it: its ID and title."""

    id: str
    title: Bilingual


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One field of one node (or of one of its facts) that matches the query."""

    #: The node that holds the field, after its ancestors (root first).
    path: tuple[NodeRef, ...]
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
    def node(self) -> NodeRef:
        return self.path[-1]


def compile_query(query: str) -> re.Pattern[str]:
    """The pattern that implements the matching rules above; UsageError for an empty query."""
    words = query.split()
    if not words:
        raise UsageError("search text is empty")
    if len(query) > MAX_QUERY_LENGTH:
        raise UsageError(f"search text is longer than {MAX_QUERY_LENGTH} characters")
    body = r"\s+".join(re.escape(word) for word in words)
    if _CJK.search(query):
        return re.compile(body, re.IGNORECASE)
    return re.compile(_WORD_START + body, re.IGNORECASE)


#: A raw node or fact, as the checked document holds it.
_Raw = dict[str, Any]
#: (field, lang, text, rank) of one searchable text.
_Field = tuple[str, str | None, str, Rank]


def _node_fields(node: _Raw) -> Iterator[_Field]:
    """Every searchable text of a raw node, facts excluded, in the order hits are listed."""
    yield from _bilingual("title", node["title"], Rank.TITLE)
    for alias in node.get("aliases", ()):
        yield "aliases", None, alias, Rank.TITLE
    for name in ("role", "action", "target"):
        value = node.get(name)
        if value is not None:
            yield from _bilingual(name, value, Rank.TEXT)
    yield from _bilingual("description", node["description"], Rank.TEXT)


def _fact_fields(fact: _Raw) -> Iterator[_Field]:
    yield from _bilingual("statement", fact["statement"], Rank.FACT)
    compared_with = fact.get("compared_with")
    if compared_with is not None:
        yield from _bilingual("compared_with", compared_with, Rank.FACT)
    anchor = fact.get("anchor")
    if anchor is not None:
        yield "anchor", None, anchor, Rank.FACT


def _bilingual(name: str, value: dict[str, str], rank: Rank) -> Iterator[_Field]:
    yield name, "zh", value["zh"], rank
    yield name, "en", value["en"], rank


def _walk_with_paths(root: _Raw) -> Iterator[tuple[_Raw, ...]]:
    """The path (from `root`) of every raw node under `root`, depth first, in document order."""
    stack: list[tuple[_Raw, ...]] = [(root,)]
    while stack:
        path = stack.pop()
        yield path
        stack.extend((*path, child) for child in reversed(path[-1].get("children", ())))


def _first(node: _Raw, node_id: str) -> _Raw:
    """The first raw node with this ID in `node`'s subtree, depth first, in document order."""
    stack = [node]
    while stack:
        item = stack.pop()
        if item["id"] == node_id:
            return item
        stack.extend(reversed(item.get("children", ())))
    raise KeyError(node_id)


#: Characters that JSON text writes as escapes: a word holding one may be in a string
#: although the text of the node that holds it does not show the word verbatim.
_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def search(document: SplitDocument, query: str, under: tuple[Node, ...] = ()) -> list[SearchHit]:
    """Every field that matches `query`, best rank first, in document order within a rank.

    `under` is the path to a node (root first, as `resolve_id` finds it in the framework of
    `document`) whose subtree alone is searched; KeyError if `document` has no such ID.
    """
    pattern = compile_query(query)
    # The word-start look-behinds make the regex try every position of every text; a plain
    # search for the first word (same case rules, so it never misses a match) skips most
    # texts at the speed of a literal scan.
    first_word = query.split()[0]
    probe = re.compile(re.escape(first_word), re.IGNORECASE)
    found = _Hits(pattern, probe)
    if under:
        # The first occurrence of the ID, as the framework's `locate` finds it.
        root = _first(document.node(document.owners[under[-1].id]), under[-1].id)
        above = tuple(NodeRef(node.id, node.title) for node in under[:-1])
        found.collect(root, above)
    else:
        # Skip a top-level subtree whose JSON text lacks the first word: never parsed, never
        # walked. Only when the word is written verbatim in JSON (see `may_contain`).
        verbatim = _JSON_ESCAPED.search(first_word) is None
        for index in range(len(document)):
            if not verbatim or document.may_contain(index, probe):
                found.collect(document.node(index), ())
    return sorted(found.hits, key=lambda hit: hit.rank)  # stable: document order within a rank


class _Hits:
    """The hits found so far, with the model of what they show built once each."""

    def __init__(self, pattern: re.Pattern[str], probe: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.probe = probe
        self.hits: list[SearchHit] = []
        # Keyed by id(): the raw dicts stay alive in the document for the whole search.
        self._refs: dict[int, NodeRef] = {}
        self._facts: dict[int, Fact] = {}

    def collect(self, root: _Raw, above: tuple[NodeRef, ...]) -> None:
        """Add the hits in the subtree of `root`, whose ancestors are `above`."""
        probe = self.probe
        for path in _walk_with_paths(root):
            node = path[-1]
            for field, lang, text, rank in _node_fields(node):
                if probe.search(text) is not None:
                    self._add(path, above, field, lang, text, rank, None)
            for fact in node.get("facts", ()):
                for field, lang, text, rank in _fact_fields(fact):
                    if probe.search(text) is not None:
                        self._add(path, above, field, lang, text, rank, fact)

    def _add(
        self,
        path: tuple[_Raw, ...],
        above: tuple[NodeRef, ...],
        field: str,
        lang: str | None,
        text: str,
        rank: Rank,
        fact: _Raw | None,
    ) -> None:
        spans = tuple(
            match.span() for match in self.pattern.finditer(text) if match.end() > match.start()
        )
        if not spans:
            return
        refs = (*above, *(self._ref(node) for node in path))
        self.hits.append(SearchHit(refs, field, lang, text, spans, rank, self._fact(fact)))

    def _ref(self, node: _Raw) -> NodeRef:
        ref = self._refs.get(id(node))
        if ref is None:
            title = node["title"]
            ref = self._refs[id(node)] = NodeRef(node["id"], Bilingual(title["zh"], title["en"]))
        return ref

    def _fact(self, fact: _Raw | None) -> Fact | None:
        if fact is None:
            return None
        built = self._facts.get(id(fact))
        if built is None:
            built = self._facts[id(fact)] = build_fact(fact)
        return built
