"""The terminal view of `hxq search`: each hit with its ID, path and the matched part highlighted."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text

from hxq_cli.labels import Labels, label, named
from hxq_cli.model import Bilingual, Lang
from hxq_cli.queries.search import SearchHit
from hxq_cli.render.stream import Block, Stream, batches
from hxq_cli.render.whole_text import WholeText
from hxq_cli.text import visible
from hxq_cli.zh.display import amount

MATCH_STYLE = "bold reverse"
INDENT = 4

#: The language a matched text is in, as the Chinese view names it (the others give its code).
_LANGUAGES = {"zh": Labels.chinese, "en": Labels.english}


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = MATCH_STYLE) -> Text:
    """`text` as plain `Text` (never markup) with each span styled.

    Control characters are shown as escapes first, so the spans are moved to stay on the
    same characters.
    """
    pieces: list[tuple[str, str]] = []
    position = 0
    for start, end in spans:
        pieces += [(visible(text[position:start]), ""), (visible(text[start:end]), style)]
        position = end
    pieces.append((visible(text[position:]), ""))
    return _joined(pieces)


def _joined(pieces: Sequence[tuple[str, str]]) -> WholeText:
    """The pieces one after another, each in its style: what `Text.append` piece by piece
    makes (an empty piece adds nothing), in one call (a view of thousands of hits)."""
    out = WholeText()
    out.append_tokens((piece, style) for piece, style in pieces if piece)
    return out


def _where(hit: SearchHit, lang: Lang) -> Text:
    pieces = [(visible(hit.node.id), "bold cyan"), ("  ", "")]
    # The path speaks the hit's language: English titles above an English match.
    pick: Lang = "en" if lang == "en" or (lang == "both" and hit.lang == "en") else "zh"
    titles = [visible(getattr(node.title, pick)) for node in hit.path]
    pieces.append((" › ".join(titles[:-1]), "dim"))
    if len(titles) > 1:
        pieces.append((" › ", "dim"))
    pieces.append((titles[-1], "bold"))
    if hit.fact is not None:
        pieces += [("  ", ""), (visible(hit.fact.id), "cyan"), ("  ", "")]
        pieces.append((amount(hit.fact, pick), "bold"))
    return _joined(pieces)


def _label(hit: SearchHit, lang: Lang) -> str:
    words = named(hit.field)
    name = label(words, lang) if words is not None else hit.field
    if hit.lang is None:
        return name
    # In both languages the field is named twice; the language of the text once, as a code.
    language = _LANGUAGES[hit.lang].zh if lang == "zh" else hit.lang
    return f"{name} ({language})"


def _groups(hits: Sequence[SearchHit]) -> list[list[SearchHit]]:
    """The hits in runs that share a node (or a fact), in order."""
    groups: list[list[SearchHit]] = []
    previous: tuple[str, str | None] | None = None
    for hit in hits:
        key = (hit.node.id, hit.fact.id if hit.fact else None)
        if key != previous:
            groups.append([])
            previous = key
        groups[-1].append(hit)
    return groups


def _group_block(groups: Sequence[list[SearchHit]], lang: Lang) -> Block:
    """Each group: where it is, then each hit's field and text beside it, then a blank line."""
    block = Block()
    for group in groups:
        # A path too long for a line goes on under the ID, not back at the margin.
        block.add(_where(group[0], lang), hang=INDENT)
        labels = [_label(hit, lang) for hit in group]
        indent = INDENT + max(cell_len(name) for name in labels) + 2
        for hit, name in zip(group, labels, strict=True):
            lead = _joined([(" " * INDENT, ""), (name, "dim")])
            block.add(highlighted(hit.text, hit.spans), indent, lead)
        block.add(WholeText(""))
    return block


def search_view(hits: Sequence[SearchHit], lang: Lang) -> Stream:
    """Hits grouped under a heading per node (or fact), best rank first; a count at the end."""

    def parts() -> Iterator[RenderableType]:
        for batch in batches(_groups(hits)):
            yield _group_block(batch, lang)
        nodes = len({hit.node.id for hit in hits})
        count = Bilingual(
            f"{len(hits)} 处匹配，在 {nodes} 个节点中",
            f"{len(hits)} {'match' if len(hits) == 1 else 'matches'} in "
            f"{nodes} {'node' if nodes == 1 else 'nodes'}",
        )
        yield WholeText(count.pick(lang, " · "), style="dim")

    # Blocks and a wrapped count: every line within the width.
    return Stream(parts, lines_fit=True)
