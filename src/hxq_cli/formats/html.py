"""One self-contained, offline HTML page for a framework: tree, details, facts and search.

The page is a document first: the whole framework as nested lists, every figure with its value,
the source's words and date, rendered here by Jinja2 with autoescape (so text from the data is
always escaped), readable with no script, and printed as it is. Its script (`page.js`) turns it
into the interactive view from one JSON block of the same data. The CSS, script and template
are package files beside this module (`html_assets/`). A Content-Security-Policy allows only
the page's own style and script, by SHA-256 hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from hxq_cli.labels import Labels, table
from hxq_cli.model import Bilingual, Framework, Lang, Node, Source
from hxq_cli.queries.facts import fact_rows
from hxq_cli.zh.display import amount

if TYPE_CHECKING:
    import jinja2

#: Version of the JSON block the page's script reads; bumped when its shape changes.
PAGE_DATA_VERSION = 4
#: The texts of nodes and facts, which the page's script reads from the document (where they
#: are already, escaped) rather than from a second copy in the JSON block.
_DOCUMENT_TEXTS = {"nodes": ("t", "d", "r", "a", "g"), "facts": ("s", "v", "cw", "q")}

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


#: The page's first script, in <head>: with JavaScript on, the document is hidden before the
#: browser lays it out (on a large framework, laying out a document the interactive view then
#: replaces costs seconds); should the page's script fail before it has drawn the view, the
#: document shows again.
EARLY_SCRIPT = (
    'var r=document.documentElement;r.classList.add("js");'
    'addEventListener("error",function(){'
    'if(!document.body||!document.body.classList.contains("ready"))r.classList.remove("js")})'
)


#: Nodes above which the document lays out only the parts near the screen (page.css, .large).
LARGE_DOCUMENT = 1000


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
        # The figure in each language, "en" only where it differs from "zh"; both languages
        # are the two joined by " / ", as `zh.display.display` joins them.
        shown = {"zh": amount(fact, "zh")}
        english = amount(fact, "en")
        if english != shown["zh"]:
            shown["en"] = english
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


def script_data(data: dict[str, Any]) -> dict[str, Any]:
    """`page_data` as the JSON block carries it: without the texts the document holds."""
    out = dict(data)
    for part, keys in _DOCUMENT_TEXTS.items():
        out[part] = [{k: v for k, v in entry.items() if k not in keys} for entry in data[part]]
    return out


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


@cache
def _template() -> jinja2.Template:
    import jinja2  # here: only this format needs it (start-up time is benchmarked)

    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.from_string(_asset("page.html"))


def _count(count: int, one: Bilingual, many: Bilingual) -> list[str]:
    """How many of a thing, in both languages: 1,234个节点, 1,234 nodes, 1 node."""
    number = f"{count:,}"
    return [many.zh.format(n=number), (one if count == 1 else many).en.format(n=number)]


def _link_targets(data: dict[str, Any]) -> tuple[list[dict[str, Any]], set[int]]:
    """Which element carries each ID of the framework, as the page's links find them: a node's
    ID, else a fact's, else an alias (as `hxq show` resolves one); each once, the first in
    document order, so that no two elements share an ID. Returns, per node, whether it carries
    its ID and the aliases it carries; and the facts (by index) that carry theirs."""
    taken: set[str] = set()
    nodes: list[dict[str, Any]] = [{"anchor": False, "aliases": []} for _ in data["nodes"]]
    for entry, node in zip(nodes, data["nodes"], strict=True):
        if node["id"] not in taken:
            taken.add(node["id"])
            entry["anchor"] = True
    facts = set()
    for k, fact in enumerate(data["facts"]):
        if fact["id"] not in taken:
            taken.add(fact["id"])
            facts.add(k)
    for entry, node in zip(nodes, data["nodes"], strict=True):
        for alias in node.get("al", ()):
            if alias not in taken:
                taken.add(alias)
                entry["aliases"].append(alias)
    return nodes, facts


def _document(data: dict[str, Any]) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], set[int]]:
    """The nodes as the template draws them, each with how it is drawn: its heading level, the
    IDs it carries, and how many lists close after it (the tree as nested lists, in one loop)."""
    targets, facts = _link_targets(data)
    nodes = data["nodes"]
    drawn = []
    for i, (node, extra) in enumerate(zip(nodes, targets, strict=True)):
        depth = node["l"]
        following = nodes[i + 1]["l"] if i + 1 < len(nodes) else 0
        # A leaf closes its own item; then each list it ends closes with its parent's item.
        extra["closes"] = 0 if node["c"] else depth - following
        extra["h"] = min(depth + 2, 6)
        drawn.append((node, extra))
    return drawn, facts


def html_page(framework: Framework, lang: Lang) -> str:
    """The whole page: the framework as a document, with its CSS, script and data inline."""
    style, script = _asset("page.css"), _asset("page.js")
    for name, text, closing in (("page.css", style, "</style"), ("page.js", script, "</script")):
        if closing in text.lower() or "<!--" in text:
            raise ValueError(f"{name} must not contain {closing} or <!--")
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src {csp_hash(EARLY_SCRIPT)} {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    data = page_data(framework, lang)
    nodes, fact_anchors = _document(data)
    counts = (
        _count(len(data["nodes"]), Labels.count_node, Labels.count_nodes),
        _count(len(data["facts"]), Labels.count_figure, Labels.count_figures),
    )
    from markupsafe import Markup  # Jinja2's own: the page's CSS, script and JSON go in as they are

    return _template().render(
        lang=lang,
        html_lang="en" if lang == "en" else "zh-Hans",
        locale="en_GB" if lang == "en" else "zh_CN",
        locale_alternate="zh_CN" if lang == "en" else "en_GB",
        csp=csp,
        title=framework.title.pick(lang, " · "),
        description=framework.description.pick(lang),
        summary=[" · ".join(count[0] for count in counts), " · ".join(c[1] for c in counts)],
        labels=data["labels"],
        data=data,
        nodes=nodes,
        fact_anchors=fact_anchors,
        large=LARGE_DOCUMENT,
        style=Markup(style),
        script=Markup(script),
        early_script=Markup(EARLY_SCRIPT),
        json=Markup(script_json(script_data(data))),
    )


def export(framework: Framework, lang: Lang = "both") -> str:
    """The page (its default language `lang`)."""
    return html_page(framework, lang)
