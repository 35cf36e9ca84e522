"""A cache of checked framework documents, so that a repeated run skips YAML and the schema.

An entry holds a file's checked document (after the YAML parse and the schema check) as JSON, never pickle: reading an entry runs no code. One entry per
framework file, in the user's cache directory (`$XDG_CACHE_HOME/hxq`, else `~/.cache/hxq`;
`~/Library/Caches/hxq` on macOS; `%LOCALAPPDATA%\\hxq\\Cache` on Windows).

An entry is used only when its key matches the file exactly: resolved path, size, modification
time (ns) and a CRC-32 of the bytes just read, plus a fingerprint of this hxq (its version, the
reader's source and the schema), so a new hxq never trusts an old entry. The content checksum is
always computed, never skipped on a matching size and mtime: tools that copy or restore files
keep mtimes (`cp -p`, `rsync -t`, `tar`), some filesystems count mtime in whole seconds, and the
checksum costs about 0.4 ms per MB, small beside the parse it saves. CRC-32 rather than SHA-256:
the key guards against accidents (a change that keeps size and mtime and the CRC is a 1 in 4
billion chance), not against an attacker, who could as well edit the file or this private
cache; zlib is already loaded by Typer, while hashlib's OpenSSL cost every run 3.8 ms, a third
of what hxq may add to Typer's start-up. An entry also carries the CRC-32 of its own text, so a
torn or corrupted entry is detected before any of it is used.
Anything wrong (unreadable, not JSON, another key, another format, a bad checksum) is a miss:
the file is parsed again and the entry rewritten. Entries are written to a temporary file in
the same directory and renamed into place (readers see a whole entry or none), with mode 0600 in
a 0700 directory. A cache that cannot be written (read-only home, full disk) is skipped
silently: it never fails a command. `HXQ_NO_CACHE=1` turns the cache off; stdin is never cached.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hxq_cli import __version__
from hxq_cli.read.document import CheckedDocument, Span, parse_span
from hxq_cli.read.schema import SCHEMA_PATH

if TYPE_CHECKING:
    pass

#: Version of the entry layout; part of every key.
FORMAT = 1
DISABLE_ENV = "HXQ_NO_CACHE"
#: Temporary files older than this (seconds) were left by a killed hxq and are removed.
_STALE_TEMP_SECONDS = 3600


#: What an entry must match to be used: resolved path, size, mtime_ns, crc32 (of the bytes),
#: and hxq (the fingerprint of this hxq's reader). A plain dict, stored as the entry's "key".
CacheKey = dict[str, Any]


def enabled() -> bool:
    """False when `HXQ_NO_CACHE` is set to anything but "" or "0"."""
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def directory() -> Path | None:
    """Where entries live, or None when there is no home to put them in."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "hxq"
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "hxq"
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "hxq" / "Cache" if local else None
    return home / ".cache" / "hxq"


#: The files beside this module that decide what a framework file reads as.
_READER_FILES = ("__init__.py", "limits.py", "parse.py", "schema.py", "document.py", "cache.py")


@cache
def fingerprint() -> str:
    """hxq's version and a checksum of the reader's sources and the schema."""
    digest = zlib.crc32(f"hxq {__version__} cache {FORMAT}\n".encode())
    here = Path(__file__).parent
    for path in [*(here / name for name in _READER_FILES), SCHEMA_PATH]:
        try:
            digest = zlib.crc32(path.read_bytes(), digest)
        except OSError:
            # An install without sources still changes version whenever they change.
            digest = zlib.crc32(f"{path.name} unavailable".encode(), digest)
    return f"{__version__}+{digest:08x}"


def key_for(path: str, data: bytes) -> CacheKey | None:
    """The key of the file at `path` whose bytes are `data`; None when the cache is off."""
    if not enabled():
        return None
    try:
        resolved = os.path.realpath(path)
        stat = os.stat(resolved)
    except (OSError, ValueError):
        return None
    return {
        "path": resolved,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "crc32": zlib.crc32(data),
        "hxq": fingerprint(),
    }


def entry_path(key: CacheKey) -> Path | None:
    """The one file that may hold the entry for the key's path."""
    base = directory()
    if base is None:
        return None
    name = key["path"].encode("utf-8", "surrogateescape")
    return base / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}.json"


def _dumps(value: Any) -> bytes:
    # Compact JSON never holds a raw newline (json escapes it in strings): one value per line.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def load(key: CacheKey) -> CheckedDocument | None:
    """The cached document for `key`, or None (no entry, or one that must not be trusted).

    An entry is JSON lines: a header (format, key, CRC-32 of the rest), the document's head,
    the ID index, then one line per top-level node.
    """
    entry = entry_path(key)
    if entry is None:
        return None
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    end = data.find(b"\n")
    if end < 0:
        return None
    try:
        header = json.loads(data[:end])
    except ValueError:
        return None
    # A view, not a slice: the body can be tens of megabytes, and copying it is a cost.
    body = memoryview(data)[end + 1 :]
    if (
        not isinstance(header, dict)
        or header.get("format") != FORMAT
        or header.get("key") != key
        or header.get("crc32") != zlib.crc32(body)
    ):
        return None
    lines = _lines(data, end + 1)
    if len(lines) < 2:
        return None
    try:
        head = parse_span(lines[0])
        index = parse_span(lines[1])
    except ValueError:
        return None
    if not isinstance(head, dict) or not isinstance(index, dict):
        return None
    owners, unique = index.get("owners"), index.get("unique")
    if not isinstance(owners, dict) or not isinstance(unique, bool):
        return None
    nodes: list[dict[str, Any] | bytes | str | Span] = [*lines[2:]]
    return CheckedDocument(head, owners, unique, nodes)


def _lines(data: bytes, start: int) -> list[Span]:
    spans: list[Span] = []
    while (stop := data.find(b"\n", start)) >= 0:
        spans.append((data, start, stop))
        start = stop + 1
    spans.append((data, start, len(data)))
    return spans


def store(key: CacheKey, document: CheckedDocument) -> None:
    """Write the entry for `key`; silently does nothing when the cache cannot be written."""
    entry = entry_path(key)
    if entry is None:
        return
    parts = [_dumps(document.head), _dumps({"owners": document.owners, "unique": document.unique})]
    parts.extend(_dumps(document.node(i)) for i in range(len(document)))
    # The checksum of the lines joined by newlines, without joining them (a large copy).
    crc = 0
    for number, part in enumerate(parts):
        crc = zlib.crc32(part, zlib.crc32(b"\n", crc) if number else crc)
    header = {"format": FORMAT, "key": key, "crc32": crc}
    import tempfile

    temp: str | None = None
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # mkstemp creates the file with mode 0600.
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(json.dumps(header).encode("ascii"))
            for part in parts:
                out.write(b"\n")
                out.write(part)
        os.replace(temp, entry)
        temp = None
        _remove_stale_temps(entry.parent)
    except OSError:
        pass
    finally:
        if temp is not None:
            _unlink_quietly(temp)


def _remove_stale_temps(folder: Path) -> None:
    cutoff = time.time() - _STALE_TEMP_SECONDS
    with contextlib.suppress(OSError), os.scandir(folder) as items:
        for item in items:
            if item.name.startswith(".") and item.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if item.stat().st_mtime < cutoff:
                        os.unlink(item.path)


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
