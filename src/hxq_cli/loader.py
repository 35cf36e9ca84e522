"""Read a framework file (path or stdin) safely and turn it into a `Framework`.

Only YAML's safe subset is read, with YAML 1.2 scalars (no `no`→False, no `1:30`→90,
no implicit dates), no anchors/aliases (refused before anything can expand them),
no duplicate keys, a size limit and a nesting limit. The structure is checked against
the JSON Schema shipped beside this module; a failure names the file, line and column.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from hxq_cli import cache as parsed_cache
from hxq_cli.errors import DataError
from hxq_cli.model import Bilingual, Fact, Framework, LazyFramework, Source
from hxq_cli.model import Node as FrameworkNode
from hxq_cli.record import frozen_record

#: Refuse framework files larger than this (bytes); `HXQ_MAX_BYTES` overrides it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a node level is about two).
MAX_NESTING = 64
#: Longer lines or more flow brackets than this send the text to the pure-Python
#: parser, whose recursion limit turns hostile nesting into a clean error: libyaml's
#: C composer recurses on the C stack and crashes the process at ~30,000 levels.
_C_PARSER_SAFE_BRACKETS = 2000
# Anchored at line starts: unanchored, the search retried at every position of every shorter
# line, 0.56 s on a 24 MB file; anchored it reads each line once (0.11 s), with the same verdict.
_LONG_LINE = re.compile(r"(?m)^[^\n]{20000}")
_FLOW_BRACKET = re.compile(r"[\[\]{}]")

STDIN = "-"
SCHEMA_FILE = "framework.schema.json"


@frozen_record
class Document:
    """The raw text of a framework file and the name to use for it in messages."""

    name: str
    text: str


# --------------------------------------------------------------------------- reading


def default_data_path() -> Path:
    """The framework shipped with hxq (inside the wheel, or data/ in a checkout)."""
    # The wheel puts it beside this module. A plain path, not importlib.resources: hxq is
    # installed as files, and importing the resources machinery costs start-up time.
    packaged = Path(__file__).with_name("data") / "framework.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "framework.yaml"


def max_bytes() -> int:
    raw = os.environ.get("HXQ_MAX_BYTES")
    if raw is None:
        return DEFAULT_MAX_BYTES
    try:
        return int(raw)
    except ValueError:
        raise DataError(f"HXQ_MAX_BYTES={raw!r} is not a whole number of bytes") from None


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


def decode(name: str, data: bytes) -> str:
    """UTF-8 text (a leading BOM is dropped); a clear error with the byte offset otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not valid UTF-8 at byte {exc.start}") from None
    if not text.strip():
        raise DataError(f"{name}: file is empty")
    return text


def read_document(path: str) -> Document:
    name, data = read_bytes(path)
    return Document(name, decode(name, data))


# --------------------------------------------------------------------------- YAML


def _loader(c_parser: bool) -> type:
    # PyYAML is imported on the first parse only: a run served from the cache never pays for it.
    from hxq_cli.yamlsafe import loader_class

    return loader_class(c_parser)


def _needs_python_parser(text: str) -> bool:
    if _LONG_LINE.search(text):
        return True
    if text.count("[") + text.count("{") < _C_PARSER_SAFE_BRACKETS:
        return False
    depth = deepest = 0
    for match in _FLOW_BRACKET.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest > MAX_NESTING


def parse_yaml(doc: Document) -> Any:
    """The YAML value of a document, or a DataError saying where it went wrong."""
    import yaml

    c_parser = not _needs_python_parser(doc.text)
    if c_parser:
        from hxq_cli.yamlsafe import UNSUPPORTED, parse_plain

        plain = parse_plain(doc.text, MAX_NESTING)
        if plain is not UNSUPPORTED:
            return plain
    loader_class = _loader(c_parser=c_parser)
    loader = loader_class(doc.text)
    try:
        value = loader.get_single_node()
        if value is None:
            raise DataError(f"{doc.name}: file holds no YAML document")
        return loader.construct_document(value)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{doc.name}:{mark.line + 1}:{mark.column + 1}" if mark else doc.name
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"{where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{doc.name}: invalid YAML ({exc})") from None
    except RecursionError:
        raise DataError(f"{doc.name}: nested more than {MAX_NESTING} levels deep") from None
    finally:
        loader.dispose()


def _nesting_depth(value: Any) -> int:
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_NESTING:
            stack.extend((child, depth + 1) for child in children)
    return deepest


# --------------------------------------------------------------------------- schema


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a framework file."""
    from importlib import resources

    text = resources.files("hxq_cli").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def yaml_position(doc: Document, path: list[str | int]) -> tuple[int, int] | None:
    """Line and column (1-based) of the YAML node at a JSON path, if it can be found."""
    import yaml

    loader = _loader(c_parser=not _needs_python_parser(doc.text))(doc.text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    for step in path:
        if node is None:
            return None
        if isinstance(step, int) and isinstance(node, yaml.SequenceNode):
            node = node.value[step] if step < len(node.value) else None
        elif isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        else:
            return None
    if node is None:
        return None
    return node.start_mark.line + 1, node.start_mark.column + 1


def format_path(path: list[str | int]) -> str:
    """A JSON path as people read it: nodes[3].children[1].title."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


def check_schema(doc: Document, value: Any) -> None:
    """Raise a DataError for the first place where `value` breaks the schema."""
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else f"a single {type(value).__name__} value"
        raise DataError(f"{doc.name}: expected a framework (a YAML mapping), found {kind}")
    if _nesting_depth(value) > MAX_NESTING:
        raise DataError(f"{doc.name}: nested more than {MAX_NESTING} levels deep")
    if _schema_accepts(value):
        return
    from jsonschema import Draft7Validator

    error = next(iter(Draft7Validator(schema()).iter_errors(value)), None)
    if error is None:
        return
    error = _most_relevant(error)
    path = list(error.absolute_path)
    position = yaml_position(doc, path)
    where = f"{doc.name}:{position[0]}:{position[1]}" if position else doc.name
    raise DataError(f"{where}: {format_path(path)}: {error.message}")


@cache
def _compiled_schema() -> Callable[[Any], Any]:
    import fastjsonschema

    # use_default=False: checking must never fill defaults into the document.
    check: Callable[[Any], Any] = fastjsonschema.compile(schema(), use_default=False)
    return check


def _schema_accepts(value: Any) -> bool:
    """Whether the schema accepts `value`, by the schema compiled to Python (fast).

    jsonschema takes ~10 s on a 10,000-node framework, the compiled schema ~0.4 s; jsonschema
    is still what explains a failure (best match, path), and tests hold the two to one verdict.
    """
    from fastjsonschema import JsonSchemaValueException

    try:
        _compiled_schema()(value)
    except JsonSchemaValueException:
        return False
    return True


def _most_relevant(error: Any) -> Any:
    from jsonschema.exceptions import best_match

    return best_match([error])


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


def _checked(path: str) -> parsed_cache.SplitDocument:
    """The checked document of a file: from the cache when it holds this exact file, else parsed,
    checked against the schema, and cached (files only, never stdin)."""
    name, data = read_bytes(path)
    key = None if path == STDIN else parsed_cache.key_for(path, data)
    if key is not None and (cached := parsed_cache.load(key)) is not None:
        return cached
    doc = Document(name, decode(name, data))
    del data  # the text is all that is needed now: a large file's bytes need not stay alive
    value = parse_yaml(doc)
    check_schema(doc, value)
    checked = parsed_cache.SplitDocument.of(value)
    if key is not None:
        parsed_cache.store(key, checked)
    return checked


def load_raw(path: str) -> dict[str, Any]:
    """The checked document of a framework file, as plain JSON-like data (cached for files)."""
    return _checked(path).document()


def build_lazily(document: parsed_cache.SplitDocument) -> Framework:
    """The model of a checked document, each top-level subtree built when first needed."""
    head = document.head
    return LazyFramework(
        schema_version=head["schema_version"],
        id=head["id"],
        title=Bilingual(head["title"]["zh"], head["title"]["en"]),
        description=Bilingual(head["description"]["zh"], head["description"]["en"]),
        sources=tuple(_source(s) for s in head["sources"]),
        count=len(document),
        build=lambda index: _node(document.node(index)),
        owners=document.owners if document.unique else None,
    )


def load_framework(path: str | None = None) -> Framework:
    """Load, check and build the framework at `path` ("-" for stdin; None for the shipped one)."""
    return build_lazily(_checked(str(default_data_path()) if path is None else path))
