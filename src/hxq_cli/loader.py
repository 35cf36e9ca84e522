"""Read a framework file (path or stdin) safely and turn it into a `Framework`.

Only YAML's safe subset is read, with YAML 1.2 scalars (no `no`→False, no `1:30`→90,
no implicit dates), no anchors/aliases (refused before anything can expand them),
no duplicate keys, only finite numbers, a size limit, a nesting limit and a limit on
the number of YAML nodes. The structure is checked against the JSON Schema shipped
beside this module; a failure names the file, line and column.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from hxq_cli.errors import DataError, DocumentError
from hxq_cli.model import Bilingual, Fact, Framework, Source
from hxq_cli.model import Node as FrameworkNode

#: Refuse framework files larger than this (bytes); `HXQ_MAX_BYTES` overrides it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a node level is about two).
MAX_NESTING = 64
#: At most one YAML value (scalar, list or mapping) per this many bytes of the size
#: limit: 2 million at the default. The shipped framework spends 21 bytes per value;
#: "[1,1,1,…]" spends 2, and each composed value costs a few hundred bytes of memory,
#: so without a budget a file within the size limit could take gigabytes and minutes.
BYTES_PER_NODE_BUDGET = 32
#: Numbers must be finite 64-bit floats (JSON has no NaN or infinity); longer integer
#: literals than this are refused before Python converts them (which is quadratic).
_MAX_INT_DIGITS = 400
_SURROGATE = re.compile("[\ud800-\udfff]")

STDIN = "-"
SCHEMA_FILE = "framework.schema.json"


@dataclass(frozen=True, slots=True)
class Document:
    """The raw text of a framework file and the name to use for it in messages."""

    name: str
    text: str


# --------------------------------------------------------------------------- reading


def default_data_path() -> Path:
    """The framework shipped with hxq (inside the wheel, or data/ in a checkout)."""
    packaged = resources.files("hxq_cli") / "data" / "framework.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data" / "framework.yaml"


def max_bytes() -> int:
    """The size limit in bytes: `HXQ_MAX_BYTES`, or 64 MiB."""
    raw = os.environ.get("HXQ_MAX_BYTES")
    if raw is None:
        return DEFAULT_MAX_BYTES
    try:
        limit = int(raw)
    except ValueError:
        raise DataError(f"HXQ_MAX_BYTES={raw!r} is not a whole number of bytes") from None
    if limit < 1:
        raise DataError(f"HXQ_MAX_BYTES={raw!r} must be a positive number of bytes")
    return limit


def max_yaml_nodes() -> int:
    """How many YAML nodes a file may hold: one per `BYTES_PER_NODE_BUDGET` bytes of the limit."""
    return max(max_bytes() // BYTES_PER_NODE_BUDGET, 1000)


def read_bytes(path: str) -> tuple[str, bytes]:
    """The bytes of a file (or of stdin for "-"), refusing what is too large to be a framework."""
    limit = max_bytes()
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        name = "<stdin>"
    else:
        name = path
        try:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise DataError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise DataError(f"{name}: is a directory, not a file") from None
        except PermissionError:
            raise DataError(f"{name}: permission denied") from None
        except OSError as exc:
            raise DataError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise DataError(
            f"{name}: larger than the {limit:,}-byte limit (set HXQ_MAX_BYTES to raise it)"
        )
    return name, data


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(name: str, data: bytes) -> str:
    """UTF-8 text (a leading BOM is dropped); a clear error with the byte offset otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig")
        line, column = _line_column(good, len(good))
        raise DocumentError(
            name, f"not valid UTF-8 at byte {exc.start}", line=line, column=column
        ) from None
    if not text.strip():
        raise DocumentError(name, "file is empty")
    return text


def read_document(path: str) -> Document:
    """The decoded text of a framework file ("-" for stdin)."""
    name, data = read_bytes(path)
    return Document(name, decode(name, data))


# --------------------------------------------------------------------------- YAML


class _Yaml12Resolver(BaseResolver):
    """YAML 1.2 core-schema scalars: only true/false are booleans, no sexagesimal, no dates."""


_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Yaml12Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def yaml12_implicit_resolvers() -> list[tuple[list[str] | None, str, re.Pattern[str]]]:
    """(first characters, tag, pattern) of every plain scalar YAML 1.2 does not read as a string.

    A dumper that registers these quotes such strings, so hxq reads them back as strings.
    """
    found = []
    for first, resolvers in _Yaml12Resolver.yaml_implicit_resolvers.items():
        for tag, pattern in resolvers:
            found.append(([first] if first is not None else None, tag, pattern))
    return found


class _BoundedComposer(Composer):
    """PyYAML's composer, refusing aliases and too deep or too many nodes as it meets them.

    It runs in Python on top of either parser: libyaml's own composer recurses on the
    C stack and, in libyaml builds without a nesting limit, crashes the process on a
    few kilobytes of "[[[[…". Here depth is counted before each collection is entered.
    """

    # Provided by the parser (libyaml's or PyYAML's) that the loader class mixes in.
    peek_event: Callable[[], Event]

    def __init__(self) -> None:
        super().__init__()
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
        self._nodes += 1
        if self._nodes > self._max_nodes:
            problem = (
                f"more than {self._max_nodes:,} YAML values, the most a file may hold while "
                f"HXQ_MAX_BYTES is {max_bytes():,} (raise it to allow more)"
            )
            raise ComposerError(None, None, problem, mark)
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise ComposerError(None, None, f"nested more than {MAX_NESTING} levels deep", mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


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


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _not_finite(node: Node) -> ConstructorError:
    return ConstructorError(
        None,
        None,
        f"{_shorten(str(node.value))!r} is not a finite number "
        "(JSON has no NaN or infinity, and numbers must fit a 64-bit float)",
        node.start_mark,
    )


# YAML 1.2 integers: "017" is seventeen (1.1 read it as octal), "0o17" is octal.
def _construct_int(loader: SafeConstructor, node: Node) -> int:
    text = _scalar_text(loader, node)
    if len(text) > _MAX_INT_DIGITS:
        raise _not_finite(node)
    if text.startswith("0o"):
        value = int(text[2:], 8)
    else:
        value = int(text, 0) if text.startswith("0x") else int(text)
    try:
        float(value)
    except OverflowError:
        raise _not_finite(node) from None
    return value


def _construct_float(loader: SafeConstructor, node: Node) -> float:
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


_StrictConstructor.add_constructor("tag:yaml.org,2002:int", _construct_int)  # type: ignore[type-var]
_StrictConstructor.add_constructor("tag:yaml.org,2002:float", _construct_float)  # type: ignore[type-var]
_StrictConstructor.add_constructor("tag:yaml.org,2002:str", _construct_str)  # type: ignore[type-var]


def _make_loader() -> tuple[type, bool]:
    """The loader class, and whether it reads with libyaml (which counts bytes, not characters)."""
    if getattr(yaml, "__with_libyaml__", False):
        from yaml._yaml import CParser

        # libyaml scans and parses (fast, iteratively); composing stays in Python.
        class _CLoader(_BoundedComposer, CParser, _StrictConstructor, _Yaml12Resolver):
            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                _BoundedComposer.__init__(self)
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
            _BoundedComposer.__init__(self)
            _StrictConstructor.__init__(self)
            _Yaml12Resolver.__init__(self)

    return _PyLoader, False


@cache
def _loader() -> tuple[type, bool]:
    return _make_loader()


def _yaml_error(doc: Document, exc: yaml.YAMLError) -> DocumentError:
    """A YAML error as one line with the position of the problem."""
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        if _loader()[1]:  # libyaml reports a byte offset into the UTF-8 text
            index = len(doc.text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, column = _line_column(doc.text, index)
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
        if mark is None:
            return DocumentError(doc.name, problem)
        line, column = mark.line + 1, mark.column + 1
        if "cannot start any token" in problem and _char_at(doc.text, line, column) == "\t":
            problem += " (a tab: YAML indents with spaces only)"
        return DocumentError(doc.name, problem, line=line, column=column)
    return DocumentError(doc.name, f"invalid YAML ({str(exc).replace(chr(10), ' ')})")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][column - 1 : column] if len(lines) >= line else ""


def parse_nodes(doc: Document) -> tuple[Any, Node]:
    """The YAML value of a document and its node tree (which knows every value's position)."""
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


def parse_yaml(doc: Document) -> Any:
    """The YAML value of a document, or a DocumentError saying where it went wrong."""
    return parse_nodes(doc)[0]


# --------------------------------------------------------------------------- schema


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a framework file."""
    text = resources.files("hxq_cli").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def node_at(root: Node, path: list[str | int]) -> Node | None:
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


def key_at(root: Node, path: list[str | int], key: object) -> Node | None:
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


def yaml_position(doc: Document, path: list[str | int]) -> tuple[int, int] | None:
    """Line and column (1-based) of the YAML node at a JSON path, if it can be found."""
    try:
        _, root = parse_nodes(doc)
    except DataError:
        return None
    return node_position(node_at(root, path))


def format_path(path: list[str | int]) -> str:
    """A JSON path as people read it: nodes[3].children[1].title."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


#: Longest message a schema error is shortened to (data can be 10,000 characters long).
MAX_MESSAGE = 300


def _short_repr(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def schema_message(error: Any) -> str:
    """A jsonschema error as people read it: long values shortened, patterns explained.

    A pattern's meaning is the `description` of the schema that holds it.
    """
    shown = _short_repr(error.instance)
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and isinstance(described, str):
        message = f"{shown} is not {described}"
    else:
        message = str(error.message).replace(repr(error.instance), shown)
    return _shorten(message.replace("\n", " "), MAX_MESSAGE)


def not_a_framework(value: Any) -> str | None:
    """Why a parsed document cannot be a framework at all (not a mapping), or None."""
    if isinstance(value, dict):
        return None
    if isinstance(value, list):
        kind = "a list"
    else:
        kind = f"a single {'null' if value is None else type(value).__name__} value"
    return f"expected a framework (a YAML mapping), found {kind}"


def check_schema(doc: Document, value: Any, root: Node | None = None) -> None:
    """Raise a DocumentError for the first place where `value` breaks the schema."""
    wrong = not_a_framework(value)
    if wrong is not None:
        raise DocumentError(doc.name, wrong)
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import best_match

    error = best_match(Draft7Validator(schema()).iter_errors(value))
    if error is None:
        return
    path = list(error.absolute_path)
    position = yaml_position(doc, path) if root is None else node_position(node_at(root, path))
    line, column = position if position else (None, None)
    raise DocumentError(
        doc.name, schema_message(error), line=line, column=column, path=format_path(path)
    )


# --------------------------------------------------------------------------- model


def _bi(raw: dict[str, str] | None) -> Bilingual | None:
    return None if raw is None else Bilingual(raw["zh"], raw["en"])


def _fact(raw: dict[str, Any]) -> Fact:
    return Fact(
        id=raw["id"],
        statement=Bilingual(raw["statement"]["zh"], raw["statement"]["en"]),
        value=raw["value"],
        unit=raw["unit"],
        anchor=raw.get("anchor"),
        source=raw.get("source"),
        qualifier=raw.get("qualifier"),
        compared_with=_bi(raw.get("compared_with")),
        as_of=raw.get("as_of"),
    )


def _node(raw: dict[str, Any]) -> FrameworkNode:
    return FrameworkNode(
        id=raw["id"],
        title=Bilingual(raw["title"]["zh"], raw["title"]["en"]),
        description=Bilingual(raw["description"]["zh"], raw["description"]["en"]),
        aliases=tuple(raw.get("aliases", ())),
        role=_bi(raw.get("role")),
        action=_bi(raw.get("action")),
        target=_bi(raw.get("target")),
        facts=tuple(_fact(f) for f in raw.get("facts", ())),
        children=tuple(_node(c) for c in raw.get("children", ())),
    )


def _source(raw: dict[str, Any]) -> Source:
    return Source(
        id=raw["id"],
        title=Bilingual(raw["title"]["zh"], raw["title"]["en"]),
        year=raw.get("year"),
        subtitle=_bi(raw.get("subtitle")),
        outlet=_bi(raw.get("outlet")),
        interviewer=_bi(raw.get("interviewer")),
        interviewee=_bi(raw.get("interviewee")),
        interviewee_role=_bi(raw.get("interviewee_role")),
        file=raw.get("file"),
        sha256=raw.get("sha256"),
    )


def build_framework(raw: dict[str, Any]) -> Framework:
    """The model of a document that has passed the schema."""
    return Framework(
        schema_version=raw["schema_version"],
        id=raw["id"],
        title=Bilingual(raw["title"]["zh"], raw["title"]["en"]),
        description=Bilingual(raw["description"]["zh"], raw["description"]["en"]),
        sources=tuple(_source(s) for s in raw["sources"]),
        nodes=tuple(_node(n) for n in raw["nodes"]),
    )


def load_raw(path: str) -> dict[str, Any]:
    """The checked document of a framework file, as plain JSON-like data."""
    doc = read_document(path)
    value, root = parse_nodes(doc)
    check_schema(doc, value, root)
    checked: dict[str, Any] = value
    return checked


def load_framework(path: str | None = None) -> Framework:
    """Load, check and build the framework at `path` ("-" for stdin; None for the shipped one)."""
    return build_framework(load_raw(str(default_data_path()) if path is None else path))
