"""Reading a framework file: bytes within limits, YAML through PyYAML/libyaml with the safety
rules, the schema check, the cache, and the model built from the one `CheckedDocument` that
every read returns.

The public API is what this module defines; the rest of hxq imports nothing else from `read`.
`load_framework` is the one way to load a framework (`load` gives its checked document);
`inspect` serves `hxq validate`, which reports every problem of a file rather than stopping at
the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hxq_cli.errors import DocumentError
from hxq_cli.read import cache
from hxq_cli.read.build import build_framework
from hxq_cli.read.document import CheckedDocument
from hxq_cli.read.limits import STDIN, TextFile, decode, display_name, read_bytes, read_text
from hxq_cli.read.schema import (
    OUTPUT_SCHEMAS,
    SchemaError,
    first_schema_error,
    format_path,
    not_a_framework,
    output_schema,
    schema_errors,
)
from hxq_cli.read.schema import schema as framework_schema

if TYPE_CHECKING:
    from yaml.nodes import Node as YamlNode

    from hxq_cli.model import Framework

__all__ = [
    "STDIN",
    "CheckedDocument",
    "Inspected",
    "SchemaError",
    "build_framework",
    "TextFile",
    "default_data_path",
    "display_name",
    "format_path",
    "inspect",
    "load",
    "load_at_revision",
    "load_bytes",
    "load_framework",
    "not_a_framework",
    "framework_schema",
    "OUTPUT_SCHEMAS",
    "output_schema",
    "read_text",
    "schema_errors",
]


def default_data_path() -> Path:
    """The framework shipped with hxq (inside the wheel, or data/ in a checkout)."""
    # A plain path, not importlib.resources: hxq is installed as files, and importing the
    # resources machinery costs start-up time.
    package = Path(__file__).resolve().parent.parent
    packaged = package / "data" / "framework.yaml"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / "framework.yaml"


def load(path: str | None = None) -> CheckedDocument:
    """The checked document of the framework file at `path` ("-" for stdin, None for the shipped
    one): from the cache when it holds this exact file, else parsed, checked against the schema
    and cached (files only, never stdin). Raises DataError or DocumentError."""
    path = str(default_data_path()) if path is None else path
    name, data = read_bytes(path)
    key = None if path == STDIN else cache.key_for(path, data)
    if key is not None and (cached := cache.load(key)) is not None:
        return cached
    doc = TextFile(name, decode(name, data))
    del data  # the text is all that is needed now: a large file's bytes need not stay alive
    return _checked(doc, key)


def load_bytes(name: str, data: bytes) -> Framework:
    """The framework of a file's bytes read elsewhere (a file at a git revision), named `name`
    in messages; checked as `load` checks a file, never cached."""
    return build_framework(_checked(TextFile(name, decode(name, data)), None))


def load_at_revision(path: str | None, revision: str) -> tuple[str, str, str, Framework]:
    """The framework file `path` as it was at git `revision` (see `git.read_at_revision`; None:
    data/framework.yaml of the current git work tree): the file's path now and its name in a
    report, the name of the old edition (REV:PATH), and that edition's framework. Raises
    UsageError, DataError."""
    from hxq_cli.read.git import read_at_revision

    found = read_at_revision(path, revision)
    return found.path, found.now, found.name, load_bytes(found.name, found.data)


def _checked(doc: TextFile, key: cache.CacheKey | None) -> CheckedDocument:
    """The document parsed and checked against the schema; cached under `key` when given."""
    from hxq_cli.read.parse import parse, position

    value = parse(doc)
    wrong = not_a_framework(value)
    if wrong is not None:
        raise DocumentError(doc.name, wrong)
    error = first_schema_error(value)
    if error is not None:
        line, column = position(doc, error.path) or (None, None)
        raise DocumentError(
            doc.name, error.message, line=line, column=column, path=format_path(error.path)
        )
    checked = CheckedDocument.of(value)
    if key is not None:
        cache.store(key, checked)
    return checked


def load_framework(path: str | None = None) -> Framework:
    """The framework of the file at `path` ("-" for stdin, None for the shipped one), read and
    checked by `load`, its nodes built as they are needed. Raises DataError or DocumentError."""
    return build_framework(load(path))


@dataclass(slots=True)
class Inspected:
    """A framework file as `hxq validate` sees it: its YAML value (unchecked), or the problem
    that kept it from being read; and the place in the file of any value in it."""

    file: TextFile | None
    value: Any = None
    problem: DocumentError | None = None
    _root: YamlNode | None = field(default=None, repr=False)

    def position(self, path: list[str | int], key: object = None) -> tuple[int, int] | None:
        """Line and column (1-based) of the value at a JSON path (or of `key` in the mapping
        there). The YAML node tree is composed on the first call only: a valid file is read by
        the fast road alone."""
        if self.file is None:
            return None
        from hxq_cli.read.parse import parse_nodes, root_position

        if self._root is None:
            try:
                self._root = parse_nodes(self.file)[1]
            except DocumentError:
                return None
        return root_position(self._root, path, key)


def inspect(path: str) -> tuple[str, Inspected]:
    """The name and YAML value of the file at `path` ("-" for stdin), or the problem that kept it
    from being read. A file that cannot be opened raises DataError."""
    name, data = read_bytes(path)
    try:
        doc = TextFile(name, decode(name, data))
    except DocumentError as exc:
        return name, Inspected(None, problem=exc)
    from hxq_cli.read.parse import parse

    try:
        return name, Inspected(doc, parse(doc))
    except DocumentError as exc:
        return name, Inspected(doc, problem=exc)
