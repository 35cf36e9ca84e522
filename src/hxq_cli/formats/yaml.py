"""YAML output: a framework document written the way framework files are written.

One value per line, two spaces an indent, a short `zh`/`en` pair as one flow mapping
(`title: {zh: "…", en: "…"}`) and a long one as two lines, as in the shipped file. Every string is double-quoted with
JSON's escapes, which YAML's double quotes share, so no text reads back as a number, a
boolean or a date in any YAML version. Control and bidi characters, and the characters YAML
reads as line breaks, are written as escapes: the file shows no invisible characters and a
terminal shows no control sequences. Any YAML reader reads the result as the same document,
and hxq reads it by its fastest road.

Laid out here rather than by PyYAML's emitter, which cannot write the one-line `{zh, en}`
pairs of framework files and is many times slower (BENCHMARKS.md); every scalar is written by
the json module, whose output YAML reads as the same value.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from hxq_cli.formats.json import PIECE_SIZE, Items, framework_json
from hxq_cli.text import escape_for_json

if TYPE_CHECKING:
    from hxq_cli.model import Framework, Lang

INDENT = 2
#: A zh/en pair longer than this on one line is written as two lines below its key.
WIDTH = 120
# Keys written without quotes: words, which YAML 1.2 reads as these very strings (not
# true, false or null).
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_NOT_TEXT = re.compile(r"(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)")
# Characters JSON leaves raw that YAML reads as line breaks or refuses.
_YAML_BREAKS = re.compile("[\u2028\u2029\ufeff\ufffe\uffff]")


def dumps_yaml(document: dict[str, Any]) -> str:
    """`document` as YAML, keys in their order, a value per line, Chinese as UTF-8."""
    return "".join(_mapping(document, 0, ""))


def _mapping(mapping: dict[Any, Any], indent: int, lead: str) -> Iterator[str]:
    """The lines of a block mapping whose keys start at `indent`; `lead` opens its first line
    ("- ")."""
    pad = " " * indent
    first = lead.rjust(indent) if lead else pad
    for key, value in mapping.items():
        name = _key(key)
        line = None if _is_block(value) else f"{first}{name}: {_inline(value)}\n"
        if line is not None and (len(line) <= WIDTH or not _is_pair(value)):
            yield line
        elif isinstance(value, dict):
            yield f"{first}{name}:\n"
            yield from _mapping(value, indent + INDENT, "")
        else:
            yield f"{first}{name}:\n"
            yield from _sequence(value, indent + INDENT)
        first = pad


def _sequence(items: Iterable[Any], indent: int) -> Iterator[str]:
    for item in items:
        if isinstance(item, dict) and _is_block(item):
            yield from _mapping(item, indent + INDENT, "- ")
        else:
            yield f"{' ' * indent}- {_inline(item)}\n"


def _is_pair(value: Any) -> bool:
    """A zh/en pair of texts: one flow mapping on its key's line, unless that is too long."""
    return isinstance(value, dict) and set(value) == {"zh", "en"}


def _is_block(value: Any) -> bool:
    """Whether a value is written as a block below its key (else on the key's line): a
    non-empty mapping other than a zh/en pair, or a list that holds a collection."""
    if isinstance(value, dict):
        return bool(value) and not _is_pair(value)
    if isinstance(value, list):
        return any(isinstance(item, dict | list) for item in value)
    # A list made item by item as it is written (the nodes of `formats.json.framework_json`).
    return isinstance(value, Items)


def _inline(value: Any) -> str:
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        written = repr(value)
        if "e" in written and "." not in written:
            # YAML 1.1 readers (PyYAML's safe_load) take a float only with a dot: 1.0e+300.
            written = written.replace("e", ".0e", 1)
        return written
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    return json.dumps(value)  # true, false, null and integers are written as in JSON


def _key(key: Any) -> str:
    if isinstance(key, str) and _WORD.fullmatch(key) and not _NOT_TEXT.fullmatch(key):
        return key
    return _inline(key)


def _quoted(text: str) -> str:
    quoted = escape_for_json(json.dumps(text, ensure_ascii=False))
    return _YAML_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def export(framework: Framework, lang: Lang = "both") -> str:
    """The framework as a framework file (both languages always)."""
    return dumps_yaml(framework_json(framework))


def pieces(framework: Framework, lang: Lang = "both") -> Iterator[str]:
    """`export`'s text in pieces of about `PIECE_SIZE` characters, node by node."""
    held: list[str] = []
    size = 0
    for line in _mapping(framework_json(framework), 0, ""):
        held.append(line)
        size += len(line)
        if size >= PIECE_SIZE:
            yield "".join(held)
            held.clear()
            size = 0
    yield "".join(held)
