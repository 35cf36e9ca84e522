"""Look a glossary term up and list where the framework uses it (`hxq terms QUERY`), for
translators: the nodes and facts whose texts hold the term, in either language.

A query names a term when it matches the term's Chinese, its English or one of its variants by
search's rules (`queries.search.compile_query`: Chinese anywhere, other text at the start of a
word; case and full-width forms aside). A term is used where search finds one of its forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hxq_cli.model import Bilingual, Framework, Term, walk_paths
from hxq_cli.queries.search import _fields as searchable_fields
from hxq_cli.queries.search import compile_query
from hxq_cli.text import fold


@dataclass(frozen=True, slots=True)
class TermUse:
    """One text of a node or a fact that holds the term."""

    #: The node's ID, or the fact's.
    id: str
    #: "node" or "fact".
    kind: str
    #: The node's title, or the fact's statement.
    title: Bilingual
    #: The field, as the framework file names it (title, description, statement …).
    field: str
    #: "zh" or "en"; None for a field that is not translated (aliases, anchors).
    lang: str | None


@dataclass(frozen=True, slots=True)
class TermUses:
    """A glossary term and every text that uses it, in document order."""

    term: Term
    uses: tuple[TermUse, ...]


def matching_terms(framework: Framework, query: str) -> list[Term]:
    """The glossary terms whose Chinese, English or a variant the query matches (UsageError
    for an empty query), in the order of the glossary."""
    pattern = compile_query(query)
    return [
        term
        for term in framework.glossary
        if any(pattern.search(fold(form)) for form in (term.zh, term.en, *term.variants))
    ]


def uses_of(framework: Framework, terms: list[Term]) -> list[TermUses]:
    """Where the framework uses each of `terms`: each text that holds one of its forms, once,
    in document order. One walk over the nodes for all the terms (the glossary of a large
    framework is looked up in one pass, not one search per form)."""
    probes: list[tuple[int, re.Pattern[str], re.Pattern[str]]] = []
    for index, term in enumerate(terms):
        for form in dict.fromkeys((term.zh, term.en, *term.variants)):
            words = fold(form).split()
            if words:
                # As search: a literal probe for the first word, then the query's own pattern.
                probe = re.compile(re.escape(words[0]), re.IGNORECASE)
                probes.append((index, probe, compile_query(form)))
    found: list[list[TermUse]] = [[] for _ in terms]
    for path in walk_paths(framework.nodes):
        node = path[-1]
        fields = searchable_fields(node)
        joined = "\x00".join(field[2] for field in fields)
        held: dict[int, set[int]] = {}  # term → the fields of this node that hold it
        for index, probe, pattern in probes:
            if probe.search(joined) is None:
                continue
            for number, field in enumerate(fields):
                if any(m.end() > m.start() for m in pattern.finditer(field[2])):
                    held.setdefault(index, set()).add(number)
        for index, numbers in held.items():
            seen: set[tuple[str, str, str | None]] = set()
            for number in sorted(numbers):  # in the order of the node's fields
                name, lang, _, _, fact = fields[number]
                if fact is None:
                    use = TermUse(node.id, "node", node.title, name, lang)
                else:
                    use = TermUse(fact.id, "fact", fact.statement, name, lang)
                if (use.id, name, lang) not in seen:  # an alias field per alias: one use
                    seen.add((use.id, name, lang))
                    found[index].append(use)
    return [TermUses(term, tuple(uses)) for term, uses in zip(terms, found, strict=True)]


def look_up(framework: Framework, query: str | None) -> list[TermUses]:
    """Every glossary term the query names (every term when None), with its uses."""
    terms = list(framework.glossary) if query is None else matching_terms(framework, query)
    return uses_of(framework, terms)
