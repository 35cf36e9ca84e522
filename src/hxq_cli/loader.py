"""Read a framework file (path or stdin) safely and turn it into a `Framework`.

Only YAML's safe subset is read, with YAML 1.2 scalars (no `no`→False, no `1:30`→90,
no implicit dates), no anchors/aliases (refused before anything can expand them),
no duplicate keys, only finite numbers, a size limit, a nesting limit and a limit on
the number of YAML nodes. The structure is checked against the JSON Schema shipped
beside this module; a failure names the file, line and column.
"""

from __future__ import annotations

import copy
import json
import os
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from hxq_cli import cache as parsed_cache
from hxq_cli.errors import DataError, DocumentError
from hxq_cli.model import Bilingual, Fact, Framework, LazyFramework, Source
from hxq_cli.model import Node as FrameworkNode
from hxq_cli.record import frozen_record

#: Refuse framework files larger than this (bytes); `HXQ_MAX_BYTES` overrides it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a node level is about two).
MAX_NESTING = 64
#: At most one YAML value (scalar, list or mapping) per this many bytes of the size
#: limit: 2 million at the default. The shipped framework spends 21 bytes per value;
#: "[1,1,1,…]" spends 2, and each composed value costs a few hundred bytes of memory,
#: so without a budget a file within the size limit could take gigabytes and minutes.
BYTES_PER_NODE_BUDGET = 32

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


def display_name(path: str) -> str:
    """How a path is named in messages and reports: "<stdin>" for "-"."""
    return "<stdin>" if path == STDIN else path


def read_bytes(path: str) -> tuple[str, bytes]:
    """The bytes of a file (or of stdin for "-"), refusing what is too large to be a framework."""
    limit = max_bytes()
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        name = display_name(path)
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


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(name: str, data: bytes) -> str:
    """UTF-8 text (a leading BOM is dropped); a clear error with the byte offset otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig")
        line, column = line_column(good, len(good))
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


def parse_yaml(doc: Document) -> Any:
    """The YAML value of a document, or a DocumentError saying where it went wrong."""
    # PyYAML is imported on the first parse only: a run served from the cache never pays for it.
    from hxq_cli.yamlsafe import parse_yaml as parse

    return parse(doc)


# --------------------------------------------------------------------------- schema


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a framework file."""
    from importlib import resources

    text = resources.files("hxq_cli").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def format_path(path: list[str | int]) -> str:
    """A JSON path as people read it: nodes[3].children[1].title."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


#: Longest message a schema error is shortened to (data can be 10,000 characters long).
MAX_MESSAGE = 300


def shorten(text: str, limit: int = 40) -> str:
    """`text`, cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    return shorten(message.replace("\n", " "), MAX_MESSAGE)


def not_a_framework(value: Any) -> str | None:
    """Why a parsed document cannot be a framework at all (not a mapping), or None."""
    if isinstance(value, dict):
        return None
    if isinstance(value, list):
        kind = "a list"
    else:
        kind = f"a single {'null' if value is None else type(value).__name__} value"
    return f"expected a framework (a YAML mapping), found {kind}"


def check_schema(doc: Document, value: Any, root: Any = None) -> None:
    """Raise a DocumentError for the first place where `value` breaks the schema.

    `root` is the document's YAML node tree, if the caller has it (else it is composed again
    to find the position of an error).
    """
    wrong = not_a_framework(value)
    if wrong is not None:
        raise DocumentError(doc.name, wrong)
    if schema_accepts(value):
        return
    from jsonschema.exceptions import best_match

    from hxq_cli.yamlsafe import node_at, node_position, yaml_position

    error = best_match(reference_validator().iter_errors(value))
    if error is None:
        return
    path = list(error.absolute_path)
    position = yaml_position(doc, path) if root is None else node_position(node_at(root, path))
    line, column = position if position else (None, None)
    raise DocumentError(
        doc.name, schema_message(error), line=line, column=column, path=format_path(path)
    )


#: An unescaped "$": the end of the text in a JSON Schema pattern (ECMA-262), but in Python's
#: `re` also the place before a final newline. The same finder fastjsonschema uses.
_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def reference_validator() -> Any:
    """jsonschema's draft-07 validator for the schema, with patterns read as JSON Schema reads
    them: "$" ends the text, so the ID "1\n" breaks "^[0-9]+$" here as in editors and in the
    compiled schema (plain jsonschema would let it through, as Python's `re` does)."""
    from jsonschema import Draft7Validator, validators
    from jsonschema.exceptions import ValidationError

    def pattern(validator: Any, written: str, instance: Any, _schema: Any) -> Any:
        if validator.is_type(instance, "string") and not re.search(
            _DOLLAR.sub(r"\\Z", written), instance
        ):
            yield ValidationError(f"{instance!r} does not match {written!r}")

    checker = validators.extend(Draft7Validator, {"pattern": pattern})  # type: ignore[no-untyped-call]
    return checker(schema())


@cache
def _compiled_schema() -> Callable[[Any], Any]:
    import fastjsonschema

    # A copy: fastjsonschema rewrites every $ref of the schema it is given into an absolute
    # URI, and `hxq schema` must print the schema as shipped. use_default=False: checking
    # must never fill defaults into the document.
    check: Callable[[Any], Any] = fastjsonschema.compile(copy.deepcopy(schema()), use_default=False)
    return check


def schema_accepts(value: Any) -> bool:
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


# --------------------------------------------------------------------------- model


def _bi(raw: dict[str, str] | None) -> Bilingual | None:
    return None if raw is None else Bilingual(raw["zh"], raw["en"])


def build_fact(raw: dict[str, Any]) -> Fact:
    """The model of one fact of a document that has passed the schema."""
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
        facts=tuple(build_fact(f) for f in raw.get("facts", ())),
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


def load_document(path: str | None = None) -> parsed_cache.SplitDocument:
    """The checked document of the framework file at `path` ("-" for stdin; None for the shipped
    one) as plain data, its top-level subtrees parsed when asked for (cached for files)."""
    return _checked(str(default_data_path()) if path is None else path)


def load_framework(path: str | None = None) -> Framework:
    """Load, check and build the framework at `path` ("-" for stdin; None for the shipped one)."""
    return build_lazily(load_document(path))
