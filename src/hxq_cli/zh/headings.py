"""The headings of a Chinese policy text: 一、… (a part), （一）… or 第一，… (a section of it), and
the unnumbered headings that interviews, news reports and some reports set between paragraphs
(a short line of its own: “四张名片”协同发力: 打出高质量发展的“王牌”组合; 关于劳动就业问题).

A draft framework's tree follows them. No I/O, no terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hxq_cli.zh.numerals import chinese_integer

_NUMERAL = "[一二三四五六七八九十]{1,3}"
# 一、 at the start of a line; （一） or (一); 第一， or 第一、 standing alone as a line's start.
_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"[ \t\u3000]*(?P<n>{_NUMERAL})、[ \t\u3000]*(?P<title>\S.*)")),
    (2, re.compile(rf"[ \t\u3000]*[（(](?P<n>{_NUMERAL})[)）](?P<title>\S.*)")),
    (2, re.compile(rf"[ \t\u3000]*第(?P<n>{_NUMERAL})[，、,](?P<title>\S.*)")),
)
#: An unnumbered heading is a block of at most this many characters (markup and spaces aside)…
MAX_UNNUMBERED = 30
#: … between paragraphs of at least this many (a caption or a byline stands among short lines).
MIN_PARAGRAPH = 40
#: Characters an unnumbered heading does not end with: it is no sentence or clause.
_SENTENCE_END = frozenset("。！？；，、：…,.;:!?")
#: Markdown emphasis and heading marks around a heading (**展望“十五五”**, ## 结束语).
_MARKUP = re.compile(r"^[#>\s]+|\*\*|__")
_HAN = re.compile("[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the text: its level (1 a part, 2 a section), number (as the text numbers
    it, or its place among unnumbered headings) and title, and where its line starts (a
    character offset and a 1-based line number)."""

    level: int
    number: int
    title: str
    offset: int
    line: int
    #: Whether the text numbers it (一、, （一）); an unnumbered heading is a line of its own.
    numbered: bool = True
    #: Its first sentence, where the title is cut from one (第一，认真地有步骤地改革…。); else "".
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the text (or a heading): its lines up to a blank line or a line that
    ends a sentence, joined; where it starts (a character offset and a 1-based line)."""

    text: str
    offset: int
    line: int


def _title(rest: str) -> tuple[str, str]:
    """A heading's title, and the sentence it is cut from where it is one ("" if not): a
    heading that is a whole sentence (（一）坚持稳中求进工作总基调，着力…。) is titled by its
    opening, cut at a clause."""
    rest = " ".join(rest.split())
    stop = min((i for i in (rest.find("。"), rest.find("；")) if i > 0), default=len(rest))
    title = rest[:stop].rstrip("，,：:")
    if len(title) <= MAX_UNNUMBERED:
        return title, ""
    return paragraph_title(title), first_sentence(rest)


#: The marks a line that ends a paragraph ends with (a text without blank lines between its
#: paragraphs, or one that breaks its lines around a title, as older reports do).
_PARAGRAPH_END = ("。", "！", "？", "!", "?", "。”", "！”", "？”")


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of `text` in order: lines up to a blank line or a line that ends a
    sentence, so that a paragraph whose lines are broken around a title stays one."""
    found: list[Paragraph] = []
    lines: list[str] = []
    start = first = 0
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.strip()
        if body:
            if not lines:
                start, first = offset, number
            lines.append(body)
        if lines and (not body or body.endswith(_PARAGRAPH_END)):
            found.append(Paragraph("".join(lines), start, first))
            lines = []
        offset += len(line)
    if lines:
        found.append(Paragraph("".join(lines), start, first))
    return found


def _bare(text: str) -> str:
    """A block without markup, its runs of spaces made one."""
    return " ".join(_MARKUP.sub("", text).split())


def _unnumbered(blocks: list[Paragraph]) -> list[Paragraph]:
    """Blocks that are headings of their own: short, not a sentence, not numbered, and set
    between two paragraphs (the text's title, a byline or a photo caption stands next to
    other short lines, or first)."""
    found = []
    for index in range(1, len(blocks) - 1):
        text = _bare(blocks[index].text)
        if not text or len(text.replace(" ", "")) > MAX_UNNUMBERED or text[-1] in _SENTENCE_END:
            continue
        if len(_HAN.findall(text)) < 2 or any(p.match(text) for _, p in _PATTERNS):
            continue
        before, after = blocks[index - 1].text, blocks[index + 1].text
        if len(_bare(before)) >= MIN_PARAGRAPH and len(_bare(after)) >= MIN_PARAGRAPH:
            found.append(blocks[index])
    return found


def _numbered(text: str) -> list[Heading]:
    """Headings the text numbers. A numbered line counts only where its numbers run on from
    the heading before it at its level (一、 二、 三、 …), so that a list inside a paragraph
    (一、二、三 written inline) is not read as a part."""
    found: list[Heading] = []
    expected = {1: 1, 2: 1}
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        for level, pattern in _PATTERNS:
            match = pattern.match(line)
            if match is None:
                continue
            value = chinese_integer(match["n"])
            if value is None:
                continue
            if value == 1 or value == expected[level]:
                title, sentence = _title(match["title"])
                if not title:
                    break
                found.append(Heading(level, value, title, offset, number, True, sentence))
                expected[level] = value + 1
                if level == 1:
                    expected[2] = 1
            break
        offset += len(line)
    return found


def headings(text: str) -> list[Heading]:
    """The headings of `text` in order: those it numbers, and its unnumbered headings, as
    parts where it numbers none (an interview's sub-headings), else as sections of a numbered
    part that numbers none of its own (关于劳动就业问题 under 三、关于人民生活)."""
    numbered = _numbered(text)
    loose = _unnumbered(paragraphs(text))
    if not loose:
        return numbered
    # Parts that number their own sections take no unnumbered ones (the two would clash).
    numbering: set[int] = set()
    part = -1
    for heading in numbered:
        if heading.level == 1:
            part = heading.offset
        else:
            numbering.add(part)
    found = [*numbered]
    found += [Heading(0, 0, _title(_bare(b.text))[0], b.offset, b.line, False) for b in loose]
    found.sort(key=lambda h: h.offset)
    out: list[Heading] = []
    count = 0  # unnumbered headings so far, in the text or in the current part
    part = -1
    for heading in found:
        if heading.numbered:
            if heading.level == 1:
                part, count = heading.offset, 0
            out.append(heading)
        elif not numbered:
            count += 1
            out.append(Heading(1, count, heading.title, heading.offset, heading.line, False))
        elif part >= 0 and part not in numbering:
            count += 1
            out.append(Heading(2, count, heading.title, heading.offset, heading.line, False))
    return out


#: A paragraph's title is at most this long, and grows clause by clause until it is this long.
MAX_PARAGRAPH_TITLE = 30
MIN_PARAGRAPH_TITLE = 8
_CLAUSE_STOPS = frozenset("，,；;：:、")
_SENTENCE_STOPS = frozenset("。！？!?")
#: Where a clause too long for a title may be cut without cutting a word: after 的 or a closing
#: mark, before a conjunction.
_WORD_END = re.compile("[的”’」》)）](?=.)|.(?=[和与及并或])")


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, with the mark that ends it."""
    text = " ".join(text.split())
    for index, char in enumerate(text):
        if char in _SENTENCE_STOPS:
            return text[: index + 1]
    return text


def paragraph_title(text: str) -> str:
    """A title a person recognises for a paragraph that has no heading: its first sentence, cut
    at a clause boundary once it is long enough to say something (其中，破解债务困境, not 其中),
    and never inside a word."""
    sentence = first_sentence(text).rstrip("。！？!?")
    if len(sentence) <= MIN_PARAGRAPH_TITLE:
        return sentence
    title = ""
    for index, char in enumerate(sentence):
        if char not in _CLAUSE_STOPS or not index:
            continue
        if index > MAX_PARAGRAPH_TITLE:
            break
        title = sentence[:index]
        if len(title) >= MIN_PARAGRAPH_TITLE:
            return title
    if len(sentence) <= MAX_PARAGRAPH_TITLE:
        return sentence
    if title:
        return title
    cuts = [m.end() for m in _WORD_END.finditer(sentence, 0, MAX_PARAGRAPH_TITLE)]
    cut = max((c for c in cuts if c >= MIN_PARAGRAPH_TITLE), default=MAX_PARAGRAPH_TITLE)
    return sentence[:cut] + "…"


#: A quotation of the source in a draft (a description to rewrite) is at most this long.
MAX_QUOTATION = 80


def quotation(text: str, limit: int = MAX_QUOTATION) -> str:
    """`text` (a sentence or clause of the source) as a draft quotes it: whole when it is short,
    else cut at the last clause boundary within `limit` and marked with …; never inside a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = max((i for i, c in enumerate(text[: limit + 1]) if c in _CLAUSE_STOPS and i), default=0)
    if cut < MIN_PARAGRAPH_TITLE:
        cuts = [m.end() for m in _WORD_END.finditer(text, 0, limit)]
        cut = max((c for c in cuts if c >= MIN_PARAGRAPH_TITLE), default=limit)
    return text[:cut] + "…"
