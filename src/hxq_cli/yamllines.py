"""A reader for framework files written one value per line, the way they are written.

Framework files (hand-written, generated, or from `hxq export --format yaml`) are block
mappings and sequences whose lines each hold one key with a one-line value: a quoted string,
a plain scalar, a one-line flow mapping such as `{zh: "…", en: "…"}`, or a one-line flow
sequence. This module reads exactly that shape with one regular expression over the whole
text and a little bookkeeping of indentation, in about half the time of building values from
libyaml's events (most of whose cost is the Python objects PyYAML makes for each event and
its two marks).

It is only a faster road, never a second meaning: anything outside that shape (block
scalars, multi-line strings, anchors, tags, document markers, tabs, unusual escapes or
characters, quoted keys, nested flow collections, and every error) is UNSUPPORTED and left
to `hxq_cli.yamlsafe`, which reads or refuses it and words the problem. Plain scalars are
resolved by the same resolver and constructors as the other roads, so a document reads the
same whichever road takes it; tests hold the roads to that.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import chain, repeat
from typing import Any

from yaml import YAMLError

from hxq_cli.yamlsafe import UNSUPPORTED, PlainScalars

# --------------------------------------------------------------------------- the shape

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
# One-line double-quoted string; its escapes are checked when it is decoded.
_DQ = r'"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"'
_SQ = r"'[^'\n]*(?:''[^'\n]*)*'"
# Plain scalars, narrower than YAML's and never wider. They do not start with an indicator
# (a "-" only before a digit or a dot), hold no ": " and no " #" (a comment), and end with
# no space or ":". In a flow collection they also hold no flow punctuation, no ":" and no "#".
# Only the space is whitespace here (the rest is refused before matching), as in YAML.
_PLAIN_FIRST = r"(?:[^ \n\-?:,\[\]{}#&*!|>'\"%@`]|-(?=[0-9.]))"
_PLAIN_WORD = r"(?:[^ \n:]|:(?=[^ \n]))"
_PLAIN = rf"{_PLAIN_FIRST}{_PLAIN_WORD}*(?: +(?!#){_PLAIN_WORD}+)*"
_FLOW_PLAIN = rf"{_PLAIN_FIRST}[^ \n:#,\[\]{{}}]*(?: +[^ \n:#,\[\]{{}}]+)*"
_SCALAR = rf"(?:{_DQ}|{_SQ}|{_FLOW_PLAIN})"

# One line. Groups: indent, dash (with the spaces after it), the spaces after the dash, key,
# the spaces after the key, double-quoted, single-quoted, the two entries of the common two-key
# flow mapping (key, value, key, value), another flow collection (to the line's last bracket),
# plain, and `other` (any line not of the shape). A comment must follow a space or start the
# line. The spaces after a dash or a key are matched once and never given back (a lookahead and
# a backreference: an atomic group that Python 3.10 can write), so that a line that does not
# match costs time in proportion to its length, not to its length squared.
_LINE = re.compile(
    "( *)(?:"
    r"(-(?:(?=(?P<dash_gap> +))(?P=dash_gap)|(?=\n)))?"
    rf"(?:({_KEY}):(?:(?=(?P<key_gap> +))(?P=key_gap)|(?=\n)))?"
    rf"(?:({_DQ})|({_SQ})"
    rf"|\{{ *({_KEY}): +({_DQ}) *, *({_KEY}): +({_DQ}) *\}}"
    r"|([\[{][^\n]*[\]}])"
    rf"|({_PLAIN}))?"
    r" *(?:(?<![^ \n])#[^\n]*)?\n"
    r"|([^\n]*)\n)"
)

_FLOW_SEQUENCE = re.compile(rf"\[ *(?:{_SCALAR}(?: *, *{_SCALAR})*)? *\]")
_FLOW_MAPPING = re.compile(rf"\{{ *(?:{_KEY}: +{_SCALAR}(?: *, *{_KEY}: +{_SCALAR})*)? *\}}")
_FLOW_ITEM = re.compile(rf"(?:({_KEY}): +)?(?:({_DQ})|({_SQ})|({_FLOW_PLAIN}))")

# The escapes double-quoted YAML and JSON share and read alike; \/ and the escapes only YAML
# has are left to libyaml, and so are surrogate halves (JSON would pair them; YAML refuses).
_JSON_ESCAPES = re.compile(r'(?:[^\\]|\\["\\bfnrt]|\\u(?![dD][89abAB])[0-9a-fA-F]{4})*')

# Characters libyaml refuses, or reads as a line break (NEL, U+2028, U+2029), or that this
# reader does not take on (tab, a lone CR, a BOM inside the text).
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")

_MAP, _SEQ, _INDENTLESS = 0, 1, 2
#: The value of a key that has none on its line: the block on the lines below (or a null).
_BELOW: Any = object()


def parse_lines(text: str, max_depth: int, max_values: int) -> Any:
    """The value of a framework file written one value per line; UNSUPPORTED for anything else.

    `max_depth` and `max_values` bound nesting and the number of values as the other roads do
    (counted the same way: every key, scalar and collection is a value).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _UNUSUAL.search(text):
        return UNSUPPORTED
    if not text.endswith("\n"):
        text += "\n"
    plain = PlainScalars()
    try:
        return _build(text, plain, max_depth, max_values)
    except YAMLError:  # a plain scalar the constructors refuse: the full reader words it
        return UNSUPPORTED


def _build(text: str, plain: PlainScalars, max_depth: int, max_values: int) -> Any:
    plain_value, plain_key = plain.value, plain.key
    # Keys as read, looked up here before asking `plain` (the same answer, fewer calls).
    keys: dict[str, Any] = {}
    # The innermost open block collection, kept in locals (the loop runs once per line):
    # its indent, the collection, its kind, and the key whose block value may start on the
    # next line (None when there is none). `outer` holds the same for the ones around it.
    indent_of, kind = -1, _MAP
    current: Any = None
    pending: Any = None
    outer: list[tuple[int, Any, int]] = []
    root: Any = UNSUPPORTED
    values = 0
    for indent, dash, _, key, _, dq, sq, k1, v1, k2, v2, flow, bare, other in _rows(text):
        # The value written on the line; `nested` when it is a (flow) collection.
        nested = False
        value: Any
        if dq:
            value = dq[1:-1]  # _double_quoted, inline
            if "\\" in value:
                value = _escaped(dq)
                if value is UNSUPPORTED:
                    return UNSUPPORTED
            values += 1
        elif k1:
            first = keys.get(k1, _BELOW)
            if first is _BELOW:
                first = keys[k1] = plain_key(k1)
            second = keys.get(k2, _BELOW)
            if second is _BELOW:
                second = keys[k2] = plain_key(k2)
            one, two = v1[1:-1], v2[1:-1]
            if "\\" in one:
                one = _escaped(v1)
            if "\\" in two:
                two = _escaped(v2)
            if first == second or one is UNSUPPORTED or two is UNSUPPORTED:
                return UNSUPPORTED
            value, nested = {first: one, second: two}, True
            values += 5
        elif bare:
            value = plain_value(bare)
            values += 1
        elif sq:
            value = sq[1:-1].replace("''", "'")
            values += 1
        elif flow:
            found = _flow(flow, plain)
            if found is UNSUPPORTED:
                return UNSUPPORTED
            value, count = found
            nested = True
            values += count
        elif other:
            return UNSUPPORTED
        elif key:
            value = _BELOW
            values += 1  # the null it is, unless a block follows (which is counted instead)
        elif dash:
            return UNSUPPORTED  # "-" alone: an entry whose value is on the lines below
        else:
            continue  # a blank line or a comment
        column = len(indent)

        if column != indent_of or dash or not key or pending is not None or kind != _MAP:
            # Anything but one more key of the current mapping: open or close blocks.
            if not key and not dash:
                return UNSUPPORTED  # a value on a line of its own
            if current is None:
                if dash:
                    return UNSUPPORTED  # the document must be a block mapping
                root = current = {}
                indent_of, kind = column, _MAP
                values += 1
            while indent_of > column:
                if not outer:
                    return UNSUPPORTED
                indent_of, current, kind = outer.pop()
                pending = None
            if pending is not None:
                if column > indent_of or (column == indent_of and dash):
                    # The pending key's value is the block that starts on this line.
                    if len(outer) + 1 >= max_depth:
                        return UNSUPPORTED
                    block: Any = [] if dash else {}
                    current[pending] = block
                    outer.append((indent_of, current, kind))
                    current = block
                    kind = (_SEQ if column > indent_of else _INDENTLESS) if dash else _MAP
                    indent_of = column
                pending = None
            if column != indent_of:
                return UNSUPPORTED  # deeper than the block it would belong to
            if kind != _MAP:
                if dash:
                    if not key:
                        if nested and len(outer) + 1 >= max_depth:
                            return UNSUPPORTED
                        current.append(value)
                        continue
                    # "- key: …": a mapping starts in the entry, its keys at this column.
                    if len(outer) + 1 >= max_depth:
                        return UNSUPPORTED
                    entry: dict[Any, Any] = {}
                    current.append(entry)
                    outer.append((indent_of, current, kind))
                    indent_of, current, kind = column + len(dash), entry, _MAP
                    values += 1
                elif kind == _INDENTLESS:
                    # A key of the mapping that holds the indentless sequence.
                    indent_of, current, kind = outer.pop()
                else:
                    return UNSUPPORTED
            elif dash:
                return UNSUPPORTED  # an entry where a key should be

        # One more key of the current mapping.
        name = keys.get(key, _BELOW)
        if name is _BELOW:
            name = keys[key] = plain_key(key)
        if name in current:
            return UNSUPPORTED
        values += 1
        if value is _BELOW:
            current[name] = None
            pending = name
        else:
            if nested and len(outer) + 1 >= max_depth:
                return UNSUPPORTED
            current[name] = value
    if values > max_values:
        return UNSUPPORTED
    return root


#: Lines are matched a slice of about this many characters at a time: all at once, the
#: matches of a 24 MB file would hold 100 MB.
_CHUNK = 1 << 18


def _rows(text: str) -> Iterator[tuple[str, ...]]:
    """The groups of `_LINE` for each line of `text` (which ends with a newline)."""
    return chain.from_iterable(map(_LINE.findall, repeat(text), *_chunks(text)))


def _chunks(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of slices of `text` that each end just after a newline."""
    starts, ends = [], []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _CHUNK) + 1 or len(text)
        starts.append(start)
        ends.append(end)
        start = end
    return starts, ends


def _double_quoted(quoted: str) -> Any:
    """The value of a one-line double-quoted string (UNSUPPORTED: escapes left to libyaml).
    The loop over lines does the same inline, where a call per line would show."""
    body = quoted[1:-1]
    return body if "\\" not in body else _escaped(quoted)


def _escaped(quoted: str) -> Any:
    """A double-quoted string with escapes, when JSON reads them as YAML does."""
    if _JSON_ESCAPES.fullmatch(quoted, 1, len(quoted) - 1) is None:
        return UNSUPPORTED
    try:
        return json.loads(quoted)
    except ValueError:
        return UNSUPPORTED


def _flow(text: str, plain: PlainScalars) -> Any:
    """(value, number of values) of a one-line flow sequence or mapping of scalars."""
    is_sequence = text.startswith("[")
    shape = _FLOW_SEQUENCE if is_sequence else _FLOW_MAPPING
    if shape.fullmatch(text) is None:
        return UNSUPPORTED
    items: list[Any] = []
    keys: list[Any] = []
    for key, dq, sq, bare in _FLOW_ITEM.findall(text):
        if dq:
            item = _double_quoted(dq)
            if item is UNSUPPORTED:
                return UNSUPPORTED
        elif sq:
            item = sq[1:-1].replace("''", "'")
        else:
            item = plain.value(bare)
        items.append(item)
        if not is_sequence:
            keys.append(plain.key(key))
    if is_sequence:
        return items, len(items) + 1
    mapping = dict(zip(keys, items, strict=True))
    if len(mapping) != len(keys):
        return UNSUPPORTED
    return mapping, 2 * len(keys) + 1
