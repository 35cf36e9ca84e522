"""One self-contained, offline HTML page for a framework: tree, details, facts and search.

The page's CSS, JavaScript and template are package files beside this module
(`html_assets/`); the framework goes in as one JSON block that the script reads. A
Content-Security-Policy allows only the page's own style and script, by SHA-256 hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from importlib import resources
from typing import Any

from hxq_cli.labels import table
from hxq_cli.model import Bilingual, Framework, Lang, Node, Source
from hxq_cli.queries.facts import fact_rows
from hxq_cli.zh.display import amount

#: Version of the JSON block the page's script reads; bumped when its shape changes.
PAGE_DATA_VERSION = 2

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Characters that must not appear raw inside <script type="application/json">: "<" (so no
# "</script>" or "<!--"), ">" and "&" for good measure, and the two line separators.
# (str.replace per character: on a 20 MB document, 50 times faster than str.translate.)
_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _asset(name: str) -> str:
    return (resources.files(__package__) / "html_assets" / name).read_text(encoding="utf-8")


def _pair(text: Bilingual | None) -> list[str] | None:
    """A text as the page's script reads it: [Chinese, English], the English the Chinese again
    where it is still to write (the page then shows it once, as `Bilingual.texts` does)."""
    if text is None:
        return None
    return [text.zh, text.en if text.translated else text.zh]


def _finite(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (OverflowError, TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _source(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {"id": source.id, "title": _pair(source.title)}
    for name in ("subtitle", "outlet", "interviewer", "interviewee", "interviewee_role"):
        out[name] = _pair(getattr(source, name))
    out["year"] = source.year
    out["file"] = source.file
    return out


def page_data(framework: Framework, lang: Lang) -> dict[str, Any]:
    """The framework as the page's script reads it: flat lists of nodes (in document order,
    each with its parent, children, subtree end and facts by index) and facts."""
    nodes: list[dict[str, Any]] = []
    index: dict[int, int] = {}
    # Node objects, not IDs: a file with a duplicate ID still shows every node.
    stack: list[tuple[Node, int, int]] = [(n, -1, 0) for n in reversed(framework.nodes)]
    while stack:
        node, parent, depth = stack.pop()
        index[id(node)] = len(nodes)
        entry: dict[str, Any] = {
            "id": node.id,
            "t": _pair(node.title),
            "d": _pair(node.description),
            "p": parent,
            "l": depth,
            "c": [],
            "f": [],
        }
        # Fields a node may lack are left out, not written as null (a smaller page).
        for key, text in (("r", node.role), ("a", node.action), ("g", node.target)):
            if text is not None:
                entry[key] = _pair(text)
        if node.aliases:
            entry["al"] = list(node.aliases)
        nodes.append(entry)
        if parent >= 0:
            nodes[parent]["c"].append(len(nodes) - 1)
        me = len(nodes) - 1
        stack.extend((child, me, depth + 1) for child in reversed(node.children))
    # The end of each subtree: nodes are in document order, so a subtree is a range.
    for i in range(len(nodes) - 1, -1, -1):
        children = nodes[i]["c"]
        nodes[i]["e"] = nodes[children[-1]]["e"] if children else i + 1

    # One pass over the facts, in value order (the page's "sort by value"), then put back in
    # document order: by node, then by place among the node's facts.
    by_value = fact_rows(framework, sort="value")
    place = {id(fact): k for node in framework.walk() for k, fact in enumerate(node.facts)}
    rows = sorted(
        enumerate(by_value), key=lambda pair: (index[id(pair[1].node)], place[id(pair[1].fact)])
    )
    facts: list[dict[str, Any]] = []
    for rank, row in rows:
        fact, normalized = row.fact, row.normalized
        owner = index[id(row.node)]
        nodes[owner]["f"].append(len(facts))
        # The figure in each language; "en" and "both" only where they differ from "zh".
        shown = {"zh": amount(fact, "zh")}
        for lang_ in ("en", "both"):
            figure = amount(fact, lang_)
            if figure != shown["zh"]:
                shown[lang_] = figure
        entry = {"id": fact.id, "n": owner, "s": _pair(fact.statement), "k": rank, "v": shown}
        optional: tuple[tuple[str, list[str] | str | None], ...] = (
            ("cw", _pair(fact.compared_with)),
            ("d", fact.as_of),
            ("q", fact.anchor),
            ("src", fact.source),
        )
        for key, given in optional:
            if given is not None:
                entry[key] = given
        # Shares (fraction) and ratios get a bar, as in `hxq facts --chart`.
        if row.chartable and normalized is not None:
            drawn = _finite(normalized.value)
            if drawn is not None:
                entry["u"], entry["x"] = normalized.unit, drawn
        facts.append(entry)
    return {
        "version": PAGE_DATA_VERSION,
        "lang": lang,
        "id": framework.id,
        "title": _pair(framework.title),
        "description": _pair(framework.description),
        "sources": [_source(source) for source in framework.sources],
        "nodes": nodes,
        "facts": facts,
        # The page's words: the one table of labels every view takes its words from.
        "labels": {name: [text.zh, text.en] for name, text in table().items()},
    }


def script_json(document: Any) -> str:
    """JSON that is safe inside <script type="application/json">: no "<", ">", "&", U+2028
    or U+2029 appears raw (each is written as a \\u escape, which JSON reads back the same)."""
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def csp_hash(text: str) -> str:
    """The CSP source expression that allows an inline block with exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def html_page(framework: Framework, lang: Lang) -> str:
    """The whole page: HTML with its CSS, script and the framework's data inline."""
    style, script = _asset("page.css"), _asset("page.js")
    for name, text, closing in (("page.css", style, "</style"), ("page.js", script, "</script")):
        if closing in text.lower() or "<!--" in text:
            raise ValueError(f"{name} must not contain {closing} or <!--")
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    title = framework.title.pick(lang)
    values = {
        "html_lang": {"zh": "zh-Hans", "en": "en", "both": "zh-Hans"}[lang],
        "csp": html.escape(csp, quote=False),  # no " in it; its quotes stay
        "title": html.escape(title),
        "style": style,
        "script": script,
        "data": script_json(page_data(framework, lang)),
    }
    # One pass, so that nothing substituted is read again as a placeholder.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("page.html"))


def export(framework: Framework, lang: Lang = "both") -> str:
    """The page (its default language `lang`)."""
    return html_page(framework, lang)
