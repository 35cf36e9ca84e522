"""The JSON Schema of framework files: the fast check, and the reference validator that
explains a failure with its path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hxq_cli.text import short_repr, shorten

#: The schema file, at the top of the package, where editors' `$schema` lines point.
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "framework.schema.json"


#: The schemas of the `--json` outputs, package data beside it: schemas/NAME.schema.json.
OUTPUT_SCHEMAS_PATH = SCHEMA_PATH.parent / "schemas"
#: The commands whose `--json` output has a schema, in the order `hxq schema --help` lists.
OUTPUT_SCHEMAS = ("show", "facts", "search", "verify", "diff", "validate", "terms", "draft")


def output_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft-07) of the `--json` output of command `name` (one of
    OUTPUT_SCHEMAS)."""
    text = (OUTPUT_SCHEMAS_PATH / f"{name}.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a framework file."""
    text = SCHEMA_PATH.read_text(encoding="utf-8")
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


def schema_message(error: Any) -> str:
    """A jsonschema error as people read it: long values shortened, patterns explained.

    A pattern's meaning is the `description` of the schema that holds it.
    """
    if error.validator in ("oneOf", "anyOf") and error.context:
        # The branch that comes closest says more than "not valid under any of the schemas".
        # best_match of the error itself descends into its branches as `first_schema_error`
        # does (the least relevant type mismatch last), so validate and load say the same.
        from jsonschema.exceptions import best_match

        closest = best_match([error])
        if closest is not None and closest is not error:
            return schema_message(closest)
    shown = short_repr(error.instance)
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


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One place where a document breaks the schema: its JSON path, what is wrong, and for an
    unexpected key, the key (so that a message can point at it rather than at its mapping)."""

    path: list[str | int]
    message: str
    key: str | None = None
    #: For an unexpected key, the keys that are allowed there; for a missing one, that key.
    allowed: tuple[str, ...] = ()
    missing: str | None = None


def _schema_error(error: Any) -> SchemaError:
    key = None
    allowed: tuple[str, ...] = ()
    missing = None
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        properties = error.schema.get("properties", {})
        key = next((k for k in error.instance if k not in properties), None)
        allowed = tuple(properties)
    elif error.validator == "required" and isinstance(error.instance, dict):
        missing = next((k for k in error.validator_value if k not in error.instance), None)
    return SchemaError(list(error.absolute_path), schema_message(error), key, allowed, missing)


def schema_errors(value: Any) -> Iterator[SchemaError]:
    """Every place where `value` breaks the schema (none when the compiled schema accepts it)."""
    if schema_accepts(value):
        return
    for error in reference_validator().iter_errors(value):
        yield _schema_error(error)


def first_schema_error(value: Any) -> SchemaError | None:
    """The error that best explains why `value` is not a framework, or None when it is one."""
    if schema_accepts(value):
        return None
    from jsonschema.exceptions import best_match

    error = best_match(reference_validator().iter_errors(value))
    return None if error is None else _schema_error(error)


#: An unescaped "$": the end of the text in a JSON Schema pattern (ECMA-262), but in Python's
#: `re` also the place before a final newline.
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


#: The characters Python's `re` reads as `\s` (those of `str.isspace`): the reference validator's
#: meaning of `\S`, written out for the fast check, whose Rust regexes read `\s` as Unicode's
#: White_Space, without U+001C-U+001F (tests/test_schema_agreement.py pins the list).
PYTHON_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _as_python_reads_it(value: Any) -> Any:
    """A copy of a schema whose "\\S" patterns mean what they mean to Python's `re`."""
    if isinstance(value, dict):
        return {
            key: f"[^{PYTHON_SPACES}]"
            if key == "pattern" and item == "\\S"
            else _as_python_reads_it(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_as_python_reads_it(item) for item in value]
    return value


@cache
def _fast_validator() -> Any:
    # jsonschema-rs (Rust): on a 10,000-node framework it checks in about a twentieth of the
    # time fastjsonschema's generated Python took (BENCHMARKS.md). "$" ends the text in its
    # regexes, as in the reference validator.
    import jsonschema_rs

    return jsonschema_rs.Draft7Validator(_as_python_reads_it(schema()))


def schema_accepts(value: Any) -> bool:
    """Whether the schema accepts `value`, by jsonschema-rs (fast).

    jsonschema is still what explains a failure (best match, path) and decides when the two
    differ; tests hold them to one verdict on fuzzed documents, except for NaN and infinity,
    which only jsonschema-rs refuses and no framework file can hold (the reader refuses them).
    """
    try:
        return bool(_fast_validator().is_valid(value))
    except (ValueError, TypeError, OverflowError):
        # What JSON cannot hold (a key that is not text, NaN): never a framework; the
        # reference validator says why.
        return False
