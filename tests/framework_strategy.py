"""A Hypothesis strategy for valid framework documents of any shape and text.

`frameworks()` draws a document that `hxq validate` accepts: a tree of nodes of any depth and
width, numbered parts and named supplements, aliases, facts with every optional field, sources,
a glossary, and texts of any characters (Chinese, Latin, full-width forms, spaces and line
breaks, control and bidi characters, zero-width marks). `write(document, path)` writes it as
YAML. The structure follows the framework schema and `hxq validate`'s rules; a test holds the
strategy to `hxq validate`, so a rule it breaks shows up there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from hxq_cli.text import fold

# Chinese characters that start no count (四张名片 announces 4 parts): a Chinese text starts
# with one, so that only the titles given a count on purpose announce one.
_HANZI = "框架任务创新产业名片底线目标人才平台生态金融改革协同质量"
_NUMERALS = "一二三四五六七八九"
_ODD = "\t\n \u3000\u00a0\u200b\u200d\u202e\u2066\x1b\x85\u2028，。：（）“”％１２ＡＢ①㎡é\u0301"
_UNITS = ["亿元", "万元", "%", "倍", "个", "家", "项", "名次", "平方米", "分钟", "年", "吨", "MW"]
_QUALIFIERS = ["nearly", "about", "more_than", "passed", "at_least", "at_most", "as_little_as"]
_WORD = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)

#: Any character a text may hold (no lone surrogates, which no UTF-8 file can).
_CHARACTERS = st.one_of(
    st.sampled_from(_ODD),
    st.sampled_from(_HANZI),
    st.characters(codec="utf-8", exclude_categories=["Cs"]),
)
_FREE = st.text(_CHARACTERS, max_size=12)


@st.composite
def _bilingual(draw: st.DrawFn) -> dict[str, str]:
    """A Chinese text (with a Chinese character first) and an English one (with a Latin
    letter), or one text that serves both."""
    if draw(st.integers(0, 9)) == 0:
        same = draw(st.from_regex(r"[A-Z][A-Za-z0-9]{0,5}", fullmatch=True))
        return {"zh": same, "en": same}
    zh = draw(st.sampled_from(_HANZI)) + draw(_FREE)
    en = draw(st.sampled_from("ABCDEFGHabcdefgh")) + draw(_FREE)
    return {"zh": zh, "en": en}


def _value() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(-(10**12), 10**12),
        st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False),
        st.tuples(st.integers(0, 999), st.integers(1, 999)).map(lambda f: f"{f[0]}/{f[1]}"),
    )


@st.composite
def _fact(draw: st.DrawFn, fact_id: str, sources: list[str]) -> dict[str, Any]:
    fact: dict[str, Any] = {
        "id": fact_id,
        "statement": draw(_bilingual()),
        "value": draw(_value()),
        # A unit of our own starts with a Chinese character: PyYAML writes "4e68" unquoted, and
        # a YAML 1.2 reader (as hxq's is) reads that back as a number.
        "unit": draw(
            st.one_of(
                st.sampled_from(_UNITS),
                st.builds(
                    str.__add__,
                    st.sampled_from(_HANZI),
                    st.from_regex(r"\S{0,7}", fullmatch=True),
                ),
            )
        ),
    }
    if draw(st.booleans()):
        fact["qualifier"] = draw(st.sampled_from(_QUALIFIERS))
    if draw(st.integers(0, 3)) == 0:
        fact["display"] = draw(_bilingual())
    if draw(st.booleans()):
        fact["compared_with"] = draw(_bilingual())
    if draw(st.booleans()):
        fact["as_of"] = draw(st.sampled_from(["2025", "2025-12", "2025-12-31", "2019/2026"]))
    if draw(st.integers(0, 4)):
        anchor = draw(st.sampled_from(_HANZI)) + draw(st.text(_CHARACTERS, max_size=20))
        fact["anchor"] = anchor[:60]
    cited: bool = draw(st.booleans())
    if sources and cited:
        fact["source"] = draw(st.sampled_from(sources))
    return fact


class _Serial:
    """Unique aliases across one document, and titles that do not look alike."""

    def __init__(self) -> None:
        self.count = 0
        self.titles: dict[str, str] = {}

    def alias(self) -> str:
        self.count += 1
        return f"alias-{self.count}"

    def title(self, written: str) -> str:
        """`written`, or it with a number after it when it would look like another node's
        title once folded (`Task A` and `Task Ａ`), which `hxq validate` refuses."""
        while self.titles.setdefault(fold(written), written) != written:
            self.count += 1
            written = f"{written} {self.count}"
        return written


@st.composite
def _node(
    draw: st.DrawFn, node_id: str, depth: int, sources: list[str], serial: _Serial
) -> dict[str, Any]:
    numbered = draw(st.integers(0, 3)) if depth > 0 else 0
    named = draw(st.lists(_WORD, max_size=1)) if depth > 0 else []
    title = draw(_bilingual())
    # Now and then a title that announces its count of parts, as 四张名片 does.
    if 0 < numbered < 10 and draw(st.booleans()):
        title["zh"] = f"{_NUMERALS[numbered - 1]}大{title['zh']}"
    if title["zh"] == title["en"]:
        # One text for both languages stays one text (else its zh would hold no Chinese).
        title["zh"] = title["en"] = serial.title(title["zh"])
    else:
        title = {lang: serial.title(text) for lang, text in title.items()}
    node: dict[str, Any] = {"id": node_id}
    if draw(st.integers(0, 3)) == 0:
        node["aliases"] = [serial.alias() for _ in range(draw(st.integers(1, 2)))]
    node["title"] = title
    for key in ("role", "action", "target"):
        if draw(st.integers(0, 3)) == 0:
            node[key] = draw(_bilingual())
    node["description"] = draw(_bilingual())
    # A fact's ID and a named part's share their node's ID space.
    fact_words = draw(st.lists(_WORD.filter(lambda w: w not in named), max_size=3, unique=True))
    if fact_words:
        node["facts"] = [draw(_fact(f"{node_id}.{word}", sources)) for word in fact_words]
    child_ids = [f"{node_id}.{n}" for n in range(1, numbered + 1)]
    child_ids += [f"{node_id}.{word}" for word in named]
    if child_ids:
        node["children"] = [draw(_node(child, depth - 1, sources, serial)) for child in child_ids]
    return node


@st.composite
def frameworks(draw: st.DrawFn, max_depth: int = 2) -> dict[str, Any]:
    """A valid framework document (plain data, as YAML would give it)."""
    # With an underscore, which no node's ID holds: sources and nodes share one space of IDs.
    source_ids = draw(st.lists(_WORD.map(lambda w: f"src_{w}"), max_size=2, unique=True))
    sources = []
    for source_id in source_ids:
        source: dict[str, Any] = {"id": source_id, "title": draw(_bilingual())}
        if draw(st.booleans()):
            source["year"] = draw(st.integers(1900, 2200))
        sources.append(source)
    serial = _Serial()
    tops = draw(st.integers(1, 4))
    top_ids = [str(n) for n in range(1, tops + 1)]
    top_ids += draw(st.lists(_WORD.filter(lambda w: not w.isdigit()), max_size=1))
    document: dict[str, Any] = {
        "schema_version": 1,
        "id": draw(st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True)),
        "title": draw(_bilingual()),
        "description": draw(_bilingual()),
        "sources": sources,
    }
    if draw(st.booleans()):
        term = draw(st.sampled_from(_HANZI)) * 2
        document["glossary"] = [{"zh": term, "en": "term", "variants": ["terms"], "note": "n"}]
    depth = draw(st.integers(0, max_depth))
    document["nodes"] = [
        draw(_node(top_id, depth, [s["id"] for s in sources], serial)) for top_id in top_ids
    ]
    return document


#: Characters a YAML file may not hold raw (PyYAML's emitter writes some of them raw).
_NOT_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def write(document: dict[str, Any], path: Path) -> Path:
    """The document as a framework file: block YAML as PyYAML writes it or, when that would
    hold a character YAML may not hold raw, JSON (a form of YAML) with those characters as
    escapes."""
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10_000)
    if _NOT_RAW.search(text) is not None:
        text = json.dumps(document, ensure_ascii=False, indent=1)
        text = _NOT_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
