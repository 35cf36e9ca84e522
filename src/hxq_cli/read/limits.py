"""Bytes in: a framework file or a source text read whole, within the size limit, as UTF-8."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO

from hxq_cli.errors import DataError, DocumentError
from hxq_cli.text import shorten

#: Refuse framework files larger than this (bytes); `HXQ_MAX_BYTES` overrides it.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: The highest `HXQ_MAX_BYTES` accepted: beyond it, memory, not the limit, would stop a read.
MAX_BYTES_CAP = 1024 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a node level is about two).
MAX_NESTING = 64
#: At most one YAML value (scalar, list or mapping) per this many bytes of the size limit:
#: 2 million at the default. Each composed value costs a few hundred bytes of memory, so
#: without a budget a file within the size limit could take gigabytes and minutes.
BYTES_PER_NODE_BUDGET = 32

#: The path that means standard input.
STDIN = "-"


@dataclass(frozen=True, slots=True)
class TextFile:
    """A file's text (UTF-8, BOM dropped), the name to use for it in messages, and the
    SHA-256 of its bytes when asked for."""

    name: str
    text: str
    sha256: str | None = None


def max_bytes() -> int:
    """The size limit in bytes: `HXQ_MAX_BYTES`, or 64 MiB."""
    raw = os.environ.get("HXQ_MAX_BYTES")
    if raw is None:
        return DEFAULT_MAX_BYTES
    digits = raw.removeprefix("-")
    # ASCII digits only: int() would also take "１２", "1_000" and spaces around.
    if not (digits.isascii() and digits.isdigit()):
        raise DataError(f"HXQ_MAX_BYTES={shorten(raw)!r} is not a whole number of bytes")
    limit = int(raw) if len(digits) <= 20 else MAX_BYTES_CAP + 1
    if limit < 1:
        raise DataError(f"HXQ_MAX_BYTES={raw!r} must be a positive number of bytes")
    if limit > MAX_BYTES_CAP:
        raise DataError(f"HXQ_MAX_BYTES={shorten(raw)!r} is above the {MAX_BYTES_CAP:,}-byte cap")
    return limit


def max_yaml_nodes() -> int:
    """How many YAML values a file may hold: one per `BYTES_PER_NODE_BUDGET` bytes of the limit."""
    return max(max_bytes() // BYTES_PER_NODE_BUDGET, 1000)


def display_name(path: str) -> str:
    """How a path is named in messages and reports: "<stdin>" for "-"."""
    return "<stdin>" if path == STDIN else path


def read_bytes(path: str) -> tuple[str, bytes]:
    """The bytes of a file (or of stdin for "-"), refusing what is too large to be a framework."""
    limit = max_bytes()
    name = display_name(path)
    if path == STDIN:
        if sys.stdin is None:  # started with it closed (`<&-`)
            raise DataError(f"{name}: standard input is closed")
        data = _read_up_to(sys.stdin.buffer, limit + 1)
    else:
        try:
            with open(path, "rb") as handle:
                data = _read_up_to(handle, limit + 1)
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


def _read_up_to(handle: BinaryIO, most: int) -> bytes:
    # Never read(most): it would allocate `most` bytes up front, whatever the file's size. A
    # regular file is read in one piece of its size (and a byte more, to see it grow); anything
    # else, or what a growing file adds, in chunks.
    chunks: list[bytes] = []
    try:
        known = os.fstat(handle.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        known = 0
    if known > 0:
        chunks.append(handle.read(min(known + 1, most)))
    size = sum(len(chunk) for chunk in chunks)
    while size < most and (chunk := handle.read(min(1 << 20, most - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


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
    if not text or text.isspace():  # not `text.strip()`, which copies a large file's text
        raise DocumentError(name, "file is empty")
    return text


def read_text(path: str, *, digest: bool = False) -> TextFile:
    """The decoded text of a file ("-" for stdin), with the SHA-256 of its bytes if `digest`."""
    name, data = read_bytes(path)
    sha256 = None
    if digest:
        import hashlib

        sha256 = hashlib.sha256(data).hexdigest()
    return TextFile(name, decode(name, data), sha256)
