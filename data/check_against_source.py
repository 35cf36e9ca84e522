"""Review checks for a framework file against its source text (a data reviewer's tool).

    python3 data/check_against_source.py [FRAMEWORK] [--source PATH]

Prints one line per problem and exits 1 if there is any:
- copied runs: a Chinese text (not a title, not an anchor) that shares 15 or more
  consecutive characters with the source, both folded as `hxq verify` folds them (no
  whitespace, NFKC: a full-width comma is the source's ASCII one); a name in 《》 is the
  source's own and does not count;
- anchors: an anchor that is longer than 30 characters, is not in the source
  (whitespace removed), is in it more than once (also after NFKC, as `hxq verify`
  folds full and half width), or does not hold the figure as written;
- glossary: a text whose Chinese holds a glossary term while its English holds
  neither the term's rendering nor one of its variants (case-insensitive);
- qualifiers: a qualifier outside the current list;
- whitespace: a text with a line break or a space at either end (a slip of editing).
The source checks run only when the framework's source names a file and it is found.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"
MAX_RUN = 14  # a shared run of 15 characters or more is a copy
MAX_ANCHOR = 30
QUALIFIERS = {"nearly", "about", "more_than", "passed", "at_least", "at_most", "as_little_as"}
# Keys whose texts are names taken from the source, where copying is the point.
TITLE_KEYS = {"title", "subtitle"}
# Figures the source writes in words: the value, and the words that carry it.
WORD_FIGURES = {
    (1, "亿元"): ("近亿",),
    (2, "倍"): ("翻倍",),
    (1, "名次"): ("第一",),
    (1, "年"): ("一年",),
    (2, "年"): ("两年",),
}
WHITESPACE = re.compile(r"\s+")
# The title of a publication, quoted as the source writes it.
BOOK_TITLE = re.compile(r"《[^《》]*》")


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def bilingual_texts(value: Any, path: str = "") -> Iterator[tuple[str, str, dict[str, str]]]:
    """Every {zh, en} pair below `value`, with its path and the key that holds it."""
    if isinstance(value, dict):
        if "zh" in value and "en" in value:
            yield path, path.rsplit(".", 1)[-1], value
            return
        for key, item in value.items():
            yield from bilingual_texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            label = item.get("id", index) if isinstance(item, dict) else index
            yield from bilingual_texts(item, f"{path}[{label}]")


def facts(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield from node.get("facts", [])
        yield from facts(node.get("children", []))


def occurrences(needle: str, haystack: str) -> int:
    """How many times `needle` is in `haystack`, overlapping occurrences included."""
    count, start = 0, haystack.find(needle)
    while needle and start != -1:
        count += 1
        start = haystack.find(needle, start + 1)
    return count


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def longest_shared_run(text: str, source: str) -> str:
    """The longest run of `text` that also occurs in `source`."""
    best = ""
    for start in range(len(text)):
        length = len(best) + 1
        while start + length <= len(text) and text[start : start + length] in source:
            best = text[start : start + length]
            length += 1
    return best


def written_forms(value: Any, unit: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    number = f"{value:g}" if isinstance(value, float) else str(value)
    return (number, *WORD_FIGURES.get((value, unit), ()))


def check(document: dict[str, Any], source: str | None) -> list[str]:
    problems = []
    glossary = document.get("glossary", [])
    folded = nfkc(source) if source is not None else ""
    for path, key, text in bilingual_texts({k: v for k, v in document.items() if k != "glossary"}):
        for language in ("zh", "en"):
            if text[language] != text[language].strip() or "\n" in text[language]:
                problems.append(f"whitespace: {path}.{language}: a line break or an edge space")
        if source is not None and key not in TITLE_KEYS:
            # A quoted name is cut out, and the text on either side of it checked apart.
            unquoted = BOOK_TITLE.sub("\0", nfkc(squeeze(text["zh"])))
            run = longest_shared_run(unquoted, folded)
            if len(run) > MAX_RUN:
                problems.append(f"copied run of {len(run)}: {path}: {run}")
        english = text["en"].casefold()
        for term in glossary:
            if term["zh"] in text["zh"]:
                renderings = [term["en"], *term.get("variants", [])]
                if not any(r.casefold() in english for r in renderings):
                    problems.append(
                        f"glossary: {path}: {term['zh']} is not rendered {term['en']!r}"
                    )
    for fact in facts(document["nodes"]):
        qualifier = fact.get("qualifier")
        if qualifier is not None and qualifier not in QUALIFIERS:
            problems.append(f"qualifier: {fact['id']}: {qualifier}")
        anchor = fact.get("anchor")
        if source is None or anchor is None:
            continue
        if len(anchor) > MAX_ANCHOR:
            problems.append(f"anchor: {fact['id']}: longer than {MAX_ANCHOR}")
        if squeeze(anchor) not in source:
            problems.append(f"anchor: {fact['id']}: not in the source: {anchor}")
        else:
            times = occurrences(nfkc(squeeze(anchor)), folded)
            if times > 1:
                problems.append(f"anchor: {fact['id']}: not unique, {times} times: {anchor}")
        if not any(form in anchor for form in written_forms(fact["value"], fact["unit"])):
            problems.append(f"anchor: {fact['id']}: does not hold {fact['value']} {fact['unit']}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("framework", nargs="?", default=str(REPO / "data" / "framework.yaml"))
    parser.add_argument(
        "--source", help="the source text (default: its `file` in ../shared/sources)"
    )
    args = parser.parse_args()
    with open(args.framework, encoding="utf-8") as stream:
        document = yaml.safe_load(stream)
    source = None
    names = [s["file"] for s in document["sources"] if "file" in s]
    path = Path(
        args.source or os.environ.get("HXQ_SOURCE") or SOURCES / (names[0] if names else "")
    )
    if names and path.is_file():
        source = squeeze(path.read_text(encoding="utf-8"))
    problems = check(document, source)
    for problem in problems:
        print(problem)
    checked = "with" if source is not None else "without"
    glossary = len(document.get("glossary", []))
    print(
        f"{args.framework}: {len(problems)} problems ({checked} source text, {glossary} glossary terms)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
