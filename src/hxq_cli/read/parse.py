"""YAML in: PyYAML (libyaml where installed) set up for framework files.

YAML 1.2 core-schema scalars, no aliases, no duplicate keys, only finite numbers that fit 64
bits, bounded nesting and size. Two roads read a document: `parse_plain` builds plain
documents (every framework file hxq knows of) straight from libyaml's events; everything else,
and every error, goes through the strict loader, which composes nodes (they know their line
and column) and words each problem. Both resolve and construct scalars with the same classes,
so a document reads the same either way. Imported only on a cache miss.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from hxq_cli.errors import DataError, DocumentError
from hxq_cli.read.limits import MAX_NESTING, TextFile, line_column, max_bytes, max_yaml_nodes
from hxq_cli.text import shorten

#: Numbers must be finite 64-bit floats (JSON has no NaN or infinity); longer integer
#: literals than this are refused before Python converts them (which is quadratic).
_MAX_INT_DIGITS = 400
#: Integers must fit 64 bits (signed, or unsigned when positive), as JSON encoders require.
_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Yaml12Resolver(BaseResolver):
    """YAML 1.2 core-schema scalars: only true/false are booleans, no sexagesimal, no dates."""


#: The text each YAML 1.2 core-schema tag accepts: what a plain scalar must look like to be
#: read as one, and what an explicitly tagged scalar (`!!int 12`) must look like to be read.
#: Each ends at `\Z`: a `$` would also end before a final newline, and `!!int "98\n"` is no
#: integer (PyYAML's resolver and constructors call `match`).
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)\Z")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)\Z")
_Yaml12Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Yaml12Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Yaml12Resolver.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
_Yaml12Resolver.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])

#: Characters refused anywhere in a file, before it is parsed: C1 controls (NEL included,
#: which YAML would read as a line break, even inside a comment), the line and paragraph
#: separators (the same), lone surrogates (no UTF-8 output can hold them), and two that
#: libyaml and PyYAML's own reader read differently: a tab (after a value, in a flow
#: collection) and a byte-order mark after the first character.
_REFUSED_CHARACTER = re.compile("[\t\x80-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def refuse_characters(doc: TextFile) -> None:
    """DocumentError at the first character YAML readers disagree on or no output can hold."""
    found = _REFUSED_CHARACTER.search(doc.text)
    if found is None:
        return
    line, column = line_column(doc.text, found.start())
    problem = (
        "a tab is not allowed (YAML indents with spaces only; inside a string write \\t)"
        if found.group() == "\t"
        else f"character U+{ord(found.group()):04X} is not allowed in YAML text "
        "(write it as an escape inside double quotes)"
    )
    raise DocumentError(doc.name, problem, line=line, column=column)


class _BoundedComposer(Composer):
    """PyYAML's composer, refusing aliases and too deep or too many nodes as it meets them.

    It runs in Python on top of either parser: libyaml's own composer recurses on the
    C stack and, in libyaml builds without a nesting limit, crashes the process on a
    few kilobytes of "[[[[…". Here depth is counted before each collection is entered.
    """

    # Provided by the parser (libyaml's or PyYAML's) that the loader class mixes in.
    peek_event: Callable[[], Event]

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._depth = 0
        self._nodes = 0
        self._max_nodes = max_yaml_nodes()

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        mark: Any = event.start_mark
        if isinstance(event, AliasEvent):
            # Refused where it is written, before it can be expanded ("billion laughs")
            # or make the document refer to itself.
            raise ComposerError(None, None, "anchors and aliases (&, *) are not allowed", mark)
        _refuse_read_two_ways(event, self._text)
        self._nodes += 1
        if self._nodes > self._max_nodes:
            raise ComposerError(None, None, too_many_values(self._max_nodes), mark)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise ComposerError(None, None, f"nested more than {MAX_NESTING} levels deep", mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


#: A block scalar's header with a comment right after it (`|#`, `>-#`): libyaml reads the
#: comment, PyYAML's own scanner refuses it.
_COMMENTED_HEADER = re.compile(r"[|>][-+0-9]*#")


def _refuse_read_two_ways(event: Event, text: str) -> None:
    """ComposerError for what libyaml and PyYAML's own reader read differently: the
    non-specific tag `!` (an empty `a: !` is "" to one and null to the other; `[!, 1]` is a
    list to one and an unknown tag to the other) and a comment right after `|` or `>`."""
    mark: Any = event.start_mark
    if getattr(event, "tag", None) == "!":
        raise ComposerError(
            None, None, "the tag '!' is not allowed (YAML readers read it differently)", mark
        )
    style = getattr(event, "style", None)
    if style in ("|", ">") and _COMMENTED_HEADER.match(text, mark.index):
        raise ComposerError(None, None, f"a comment after '{style}' needs a space before '#'", mark)


class _StrictConstructor(SafeConstructor):
    """Safe construction that refuses duplicate keys and numbers JSON cannot hold."""

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Hashable, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(
                None, None, f"expected a mapping, found a {type(node).__name__}", node.start_mark
            )
        mapping: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise ConstructorError(None, None, "unhashable mapping key", key_node.start_mark)
            if key in mapping:
                raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _scalar_text(loader: SafeConstructor, node: Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


def _not_finite(node: Node) -> ConstructorError:
    return ConstructorError(
        None,
        None,
        f"{shorten(str(node.value))!r} is not a finite number "
        "(JSON has no NaN or infinity, and numbers must fit 64 bits)",
        node.start_mark,
    )


def _not_a(kind: str, node: Node) -> ConstructorError:
    return ConstructorError(
        None, None, f"{shorten(str(node.value))!r} is not {kind}", node.start_mark
    )


def _strict_text(loader: SafeConstructor, node: Node, pattern: re.Pattern[str], kind: str) -> str:
    # An explicit tag (`!!int abc`) is read only when the text is what the tag means in YAML
    # 1.2; PyYAML's constructors would read it leniently, or fail with a traceback.
    text = _scalar_text(loader, node)
    if not pattern.fullmatch(text):  # fullmatch: PyYAML's timestamp pattern ends with `$`
        raise _not_a(kind, node)
    return text


# YAML 1.2 integers: "017" is seventeen (1.1 read it as octal), "0o17" is octal.
def _construct_int(loader: SafeConstructor, node: Node) -> int:
    text = _strict_text(loader, node, _INT, "an integer")
    if len(text) > _MAX_INT_DIGITS:
        raise _not_finite(node)
    if text.startswith("0o"):
        value = int(text[2:], 8)
    else:
        value = int(text, 0) if text.startswith("0x") else int(text)
    if not _INT_MIN <= value <= _INT_MAX:
        raise _not_finite(node)
    return value


#: Spellings of NaN and infinity that YAML 1.2 does not have, refused as such all the same.
_NOT_FINITE = re.compile(r"^[-+]?\.?(?:nan|inf|infinity)\Z", re.IGNORECASE)


def _construct_float(loader: SafeConstructor, node: Node) -> float:
    if _NOT_FINITE.match(_scalar_text(loader, node)):
        raise _not_finite(node)
    _strict_text(loader, node, _FLOAT, "a number")
    value = loader.construct_yaml_float(node)  # type: ignore[arg-type]
    if not math.isfinite(value):
        raise _not_finite(node)
    return value


# libyaml refuses \ud800-style escapes; the pure-Python scanner turns them into lone
# surrogates, which no UTF-8 output can hold. Refuse them either way.
def _construct_str(loader: SafeConstructor, node: Node) -> str:
    value = _scalar_text(loader, node)
    found = _SURROGATE.search(value)
    if found:
        raise ConstructorError(
            None,
            None,
            f"\\u{ord(found.group()):04x} is half of a UTF-16 surrogate pair, not a character",
            node.start_mark,
        )
    return value


def _construct_bool(loader: SafeConstructor, node: Node) -> bool:
    return _strict_text(loader, node, _BOOL, "true or false").lower() == "true"


def _construct_null(loader: SafeConstructor, node: Node) -> None:
    _strict_text(loader, node, _NULL, "null")


def _construct_timestamp(loader: SafeConstructor, node: Node) -> Any:
    _strict_text(loader, node, SafeConstructor.timestamp_regexp, "a date or time")
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
    except ValueError:  # 2025-02-30
        raise _not_a("a date or time", node) from None


_StrictConstructor.add_constructor("tag:yaml.org,2002:bool", _construct_bool)  # type: ignore[type-var]
_StrictConstructor.add_constructor("tag:yaml.org,2002:null", _construct_null)  # type: ignore[type-var]
_StrictConstructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)  # type: ignore[type-var]
_StrictConstructor.add_constructor("tag:yaml.org,2002:int", _construct_int)  # type: ignore[type-var]
_StrictConstructor.add_constructor("tag:yaml.org,2002:float", _construct_float)  # type: ignore[type-var]
_StrictConstructor.add_constructor("tag:yaml.org,2002:str", _construct_str)  # type: ignore[type-var]


def _make_loader() -> tuple[type, bool]:
    """The loader class, and whether it reads with libyaml (which counts bytes, not characters)."""
    if getattr(yaml, "__with_libyaml__", False):
        # libyaml scans and parses (fast, iteratively); composing stays in Python. libyaml's
        # parser is reached through `yaml.CBaseLoader`, the public class that is that parser
        # (libyaml's CParser, which PyYAML does not export by itself) with the base
        # constructor and resolver, which the strict ones below come before.
        class _CLoader(_BoundedComposer, yaml.CBaseLoader, _StrictConstructor, _Yaml12Resolver):
            def __init__(self, stream: str) -> None:
                yaml.CBaseLoader.__init__(self, stream)
                _BoundedComposer.__init__(self, stream)
                _StrictConstructor.__init__(self)
                _Yaml12Resolver.__init__(self)

        return _CLoader, True

    class _PyLoader(
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        _BoundedComposer,
        _StrictConstructor,
        _Yaml12Resolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            _BoundedComposer.__init__(self, stream)
            _StrictConstructor.__init__(self)
            _Yaml12Resolver.__init__(self)

        def scan_directive(self) -> Any:
            # libyaml refuses a %YAML version other than 1.1 and 1.2 and a directive it does
            # not know; PyYAML's own scanner reads on (it warns, or ignores the line). Refused
            # here too, where libyaml refuses them, so that a file reads one way.
            token = super().scan_directive()
            if token.name not in ("YAML", "TAG"):
                raise yaml.scanner.ScannerError(
                    None, None, "found unknown directive name", token.end_mark
                )
            if token.name == "YAML" and tuple(token.value) not in ((1, 1), (1, 2)):
                raise yaml.parser.ParserError(
                    None, None, "found incompatible YAML document", token.start_mark
                )
            return token

        def scan_flow_scalar_non_spaces(self, double: bool, start_mark: Any) -> Any:
            # An escape beyond Unicode ("\U00110000", "\UFFFFFFFF") reaches chr() in
            # PyYAML's scanner, which raises ValueError or OverflowError; libyaml refuses it.
            try:
                return super().scan_flow_scalar_non_spaces(double, start_mark)
            except (ValueError, OverflowError):
                raise yaml.scanner.ScannerError(
                    "while scanning a double-quoted scalar",
                    start_mark,
                    "found invalid Unicode character escape code",
                    self.get_mark(),
                ) from None

        def fetch_key(self) -> None:
            # Inside [ ] or { }, PyYAML's own scanner ends a plain scalar at "?" and reads it
            # as a key ("[a?b]", "[?:x]"), where libyaml reads text or refuses: so that a file
            # never reads as different data without libyaml, such a "?" is refused here.
            if self.flow_level:
                raise yaml.scanner.ScannerError(
                    None,
                    None,
                    "'?' inside [ ] or { } reads differently in YAML readers "
                    "(put the text in quotes)",
                    self.get_mark(),
                )
            super().fetch_key()

    return _PyLoader, False


@cache
def _loader() -> tuple[type, bool]:
    return _make_loader()


def _yaml_error(doc: TextFile, exc: yaml.YAMLError) -> DocumentError:
    """A YAML error as one line with the position of the problem."""
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if _loader()[1]:  # libyaml reports a byte offset into the UTF-8 text
            index = len(doc.text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, column = line_column(doc.text, index)
        what = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return DocumentError(
            doc.name,
            f"character U+{what:04X} is not allowed in YAML text "
            "(write it as an escape inside double quotes)",
            line=line,
            column=column,
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and problem.startswith("but "):  # "expected …, but found …"
            problem = f"{exc.context}, {problem}"
        problem = problem.replace("\n", " ")
        if problem == "exceeded maximum nesting depth":  # libyaml's own, far deeper, limit
            problem = f"nested more than {MAX_NESTING} levels deep"
        problem = _DIRECTIVE_PROBLEMS.get(problem, problem)
        if mark is None:
            return DocumentError(doc.name, problem)
        line, column = mark.line + 1, mark.column + 1
        if "cannot start any token" in problem and _char_at(doc.text, line, column) == "\t":
            problem += " (a tab: YAML indents with spaces only)"
        return DocumentError(doc.name, problem, line=line, column=column)
    return DocumentError(doc.name, f"invalid YAML ({str(exc).replace(chr(10), ' ')})")


#: libyaml's and PyYAML's words for a directive they refuse, as one message each.
_DIRECTIVE_PROBLEMS = {
    "found incompatible YAML document": "found incompatible YAML document "
    "(hxq reads %YAML 1.1 and 1.2)",
    "found unknown directive name": "found unknown directive name (hxq knows %YAML and %TAG)",
    "found duplicate YAML directive": "found duplicate %YAML directive",
}


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][column - 1 : column] if len(lines) >= line else ""


def parse_nodes(doc: TextFile) -> tuple[Any, Node]:
    """The YAML value of a document and its node tree (which knows every value's position)."""
    refuse_characters(doc)
    loader_class, _ = _loader()
    try:
        loader = loader_class(doc.text)  # PyYAML's own reader checks characters right here
    except yaml.YAMLError as exc:
        raise _yaml_error(doc, exc) from None
    try:
        root = loader.get_single_node()
        if root is None:
            raise DocumentError(doc.name, "file holds no YAML document")
        return loader.construct_document(root), root
    except yaml.YAMLError as exc:
        raise _yaml_error(doc, exc) from None
    finally:
        loader.dispose()


def node_at(root: Node | None, path: list[str | int]) -> Node | None:
    """The YAML node at a JSON path (keys and list indexes), if there is one."""
    node: Node | None = root
    for step in path:
        if isinstance(node, SequenceNode) and isinstance(step, int):
            node = node.value[step] if 0 <= step < len(node.value) else None
        elif isinstance(node, MappingNode):
            node = next((v for k, v in node.value if _key_matches(k, step)), None)
        else:
            return None
    return node


def key_at(root: Node | None, path: list[str | int], key: object) -> Node | None:
    """The key node of `key` in the mapping at `path` (where an unexpected key was written)."""
    mapping = node_at(root, path)
    if not isinstance(mapping, MappingNode):
        return None
    return next((k for k, _ in mapping.value if _key_matches(k, key)), None)


def _key_matches(key_node: Node, step: object) -> bool:
    if not isinstance(key_node, ScalarNode):
        return False
    return bool(key_node.value == step or key_node.value == str(step))


def node_position(node: Node | None) -> tuple[int, int] | None:
    """1-based line and column where a YAML node starts."""
    if node is None:
        return None
    return node.start_mark.line + 1, node.start_mark.column + 1


#: What `parse_plain` returns for a document it leaves to the strict loader.
UNSUPPORTED: Any = object()
_UNSEEN: Any = object()
_STR = "tag:yaml.org,2002:str"
#: Plain scalars remembered once resolved (mapping keys, mostly).
_MEMO_LIMIT = 4096


def parse_plain(text: str, max_depth: int, max_values: int) -> Any:
    """The value of a plain YAML document, built straight from libyaml's events; or UNSUPPORTED.

    Plain: one document with no tags, anchors or aliases, only scalar keys, no key twice,
    nested at most `max_depth` deep and holding at most `max_values` values, and no character
    that `refuse_characters` refuses; every framework file is. Anything else, errors included,
    is UNSUPPORTED and left to the strict loader, so that one path decides and words every
    problem. Scalars are resolved and constructed by the strict loader's own resolver and
    constructors, so a plain document reads the same either way. Without the node graph that
    PyYAML composes first, a large framework reads in a fraction of the time and memory
    (BENCHMARKS.md); and nothing here recurses, whatever the nesting.
    """
    if not getattr(yaml, "__with_libyaml__", False) or _REFUSED_CHARACTER.search(text):
        return UNSUPPORTED
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    # libyaml's parser (see _make_loader); only its events are read.
    get_event = yaml.CBaseLoader(text).get_event
    plain = PlainScalars()
    resolve = plain.value
    seen = plain.seen
    # One frame per open collection: [the collection, the pending key, whether a key is pending].
    stack: list[list[Any]] = []
    root: Any = UNSUPPORTED
    documents = values = 0
    try:
        while True:
            event: Any = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                values += 1
                if values > max_values:
                    # Refused here, where it is counted: the strict loader would compose as
                    # many nodes again (each with two marks) only to refuse them too.
                    return _too_many(event)
                if event.anchor is not None or event.tag is not None:
                    return UNSUPPORTED
                if event.style in ("|", ">") and _COMMENTED_HEADER.match(
                    text, event.start_mark.index
                ):
                    return UNSUPPORTED  # the strict loader refuses it
                value = event.value
                if event.implicit[0]:
                    found = seen.get(value, _UNSEEN)
                    value = resolve(value) if found is _UNSEEN else found
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                values += 1
                if values > max_values:
                    return _too_many(event)
                if event.anchor is not None or event.tag is not None or len(stack) >= max_depth:
                    return UNSUPPORTED
                stack.append([{} if kind is MappingStartEvent else [], None, False])
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = stack.pop()[0]
                if stack and not stack[-1][2] and type(stack[-1][0]) is dict:
                    return UNSUPPORTED  # a collection as a mapping key
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return UNSUPPORTED
                continue
            elif kind is StreamEndEvent:
                return root
            elif kind is AliasEvent:
                return UNSUPPORTED
            else:
                continue
            if not stack:
                root = value
                continue
            frame = stack[-1]
            collection = frame[0]
            if type(collection) is list:
                collection.append(value)
            elif not frame[2]:
                frame[1] = value
                frame[2] = True
            else:
                if frame[1] in collection:
                    return UNSUPPORTED
                collection[frame[1]] = value
                frame[2] = False
    except yaml.YAMLError:
        return UNSUPPORTED


def _too_many(event: Any) -> TooManyValues:
    mark = event.start_mark
    return TooManyValues(mark.line + 1, mark.column + 1)


class PlainScalars:
    """Plain (unquoted) scalars resolved and constructed as the strict loader does.

    The value of a plain scalar depends only on its text, so each text is resolved once
    (mapping keys, units and words repeat); decimal numbers, which mostly do not repeat, take
    a shortcut that gives what the int and float constructors give for such text.
    """

    __slots__ = ("_resolver", "_constructor", "seen")

    def __init__(self) -> None:
        self._resolver = _Yaml12Resolver()
        self._constructor = _StrictConstructor()
        self.seen: dict[str, Any] = {}

    def value(self, text: str) -> Any:
        """The value of a plain scalar."""
        found = self.seen.get(text, _UNSEEN)
        if found is not _UNSEEN:
            return found
        if _SHORT_INT.fullmatch(text):
            return int(text)
        if _SHORT_FLOAT.fullmatch(text):
            return float(text)
        found = self._resolve(text)
        # Keys and words repeat; numbers mostly do not, and need not fill memory.
        if len(self.seen) < _MEMO_LIMIT:
            self.seen[text] = found
        return found

    def _resolve(self, text: str) -> Any:
        tag = self._resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        if tag == _STR:
            return text
        node = yaml.ScalarNode(tag, text)
        return self._constructor.yaml_constructors[tag](self._constructor, node)


# Decimal numbers short enough that int() and float() give exactly what the YAML 1.2 int and
# float constructors give (they fit, and are finite); anything longer takes the long road.
_SHORT_INT = re.compile(r"[-+]?[0-9]{1,15}")
_SHORT_FLOAT = re.compile(r"[-+]?[0-9]{1,15}\.[0-9]{1,15}")


def too_many_values(limit: int) -> str:
    return (
        f"more than {limit:,} YAML values, the most a file may hold while "
        f"HXQ_MAX_BYTES is {max_bytes():,} (raise it to allow more)"
    )


@dataclass(frozen=True, slots=True)
class TooManyValues:
    """What `parse_plain` returns when a document holds more values than it may: where the
    first value over the budget starts."""

    line: int
    column: int


def parse(doc: TextFile) -> Any:
    """The YAML value of a document: from libyaml's events when it is plain, else by the strict
    loader (which raises a DocumentError saying where it went wrong)."""
    budget = max_yaml_nodes()
    value = parse_plain(doc.text, MAX_NESTING, budget)
    if isinstance(value, TooManyValues):
        raise DocumentError(doc.name, too_many_values(budget), line=value.line, column=value.column)
    return parse_nodes(doc)[0] if value is UNSUPPORTED else value


def position(doc: TextFile, path: list[str | int], key: object = None) -> tuple[int, int] | None:
    """Line and column (1-based) of the value at a JSON path (or of `key` in the mapping
    there), if it can be found; the document is composed again to find it."""
    try:
        _, root = parse_nodes(doc)
    except DataError:
        return None
    return root_position(root, path, key)


def root_position(
    root: Node | None, path: list[str | int], key: object = None
) -> tuple[int, int] | None:
    """Line and column of the value at a JSON path in a composed node tree (or of `key` in
    the mapping there, falling back to the mapping)."""
    found = node_position(key_at(root, path, key)) if key is not None else None
    return found or node_position(node_at(root, path))
