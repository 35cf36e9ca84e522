"""Look a glossary term up and list where the framework uses it (`hxq terms QUERY`), for
translators: the nodes and facts whose texts hold the term, in either language.

A query names a term when it matches the term's Chinese, its English or one of its variants by
search's rules (`queries.search.compile_query`: Chinese anywhere, other text at the start of a
word; case and full-width forms aside). A term is used where search finds one of its forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from hxq_cli.model import Bilingual, Framework, Term
from hxq_cli.queries.search import compile_query, search
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


def term_uses(framework: Framework, term: Term) -> TermUses:
    """Where the framework uses `term`: each text that holds one of its forms, once."""
    order = {node.id: index for index, node in enumerate(framework.walk())}
    found: dict[tuple[str, str, str | None], tuple[tuple[int, int, int], TermUse]] = {}
    for form in dict.fromkeys((term.zh, term.en, *term.variants)):
        if not fold(form).split():
            continue
        for hit in search(framework, form):
            node = hit.node
            if hit.fact is None:
                use = TermUse(node.id, "node", node.title, hit.field, hit.lang)
                place = (order[node.id], -1, 0)
            else:
                fact_index = next(i for i, fact in enumerate(node.facts) if fact is hit.fact)
                use = TermUse(hit.fact.id, "fact", hit.fact.statement, hit.field, hit.lang)
                place = (order[node.id], fact_index, 0)
            key = (use.id, use.field, use.lang)
            found.setdefault(key, (place, use))
    # Document order: a node's own texts, then its facts'; within one, as search lists fields.
    ranked = sorted(found.values(), key=lambda item: item[0][:2])
    return TermUses(term, tuple(use for _, use in ranked))


def look_up(framework: Framework, query: str | None) -> list[TermUses]:
    """Every glossary term the query names (every term when None), with its uses."""
    terms = list(framework.glossary) if query is None else matching_terms(framework, query)
    return [term_uses(framework, term) for term in terms]
