"""A cache of checked framework documents, so that a repeated run skips YAML and the schema.

An entry holds a file's checked document (after the YAML parse and the schema check) as JSON, never pickle: reading an entry runs no code. One entry per
framework file, in the user's cache directory (`$XDG_CACHE_HOME/hxq`, else `~/.cache/hxq`;
`~/Library/Caches/hxq` on macOS; `%LOCALAPPDATA%\\hxq\\Cache` on Windows).

What the cache trusts, and why: an entry is read instead of the framework file, so whoever
can write an entry decides what hxq prints. Only the current user is trusted. The cache
directory is used only when it is a real directory (not a link) owned by the user and not
writable by group or others (it is created 0700); an entry only when it is a regular file
(opened with O_NOFOLLOW and checked on the open descriptor, so a link, FIFO or device is never
read), owned by the user, not group- or other-writable, and no larger than 4 × HXQ_MAX_BYTES.

An entry is used only when its key matches the file exactly: resolved path, size, modification
time (ns) and a cryptographic hash of the bytes just read (`digest`), plus a fingerprint of this
hxq (its version, the reader's source and the schema), so a new hxq never trusts an old entry.
The content hash is always computed, never skipped on a matching size and mtime: tools that copy
or restore files keep mtimes (`cp -p`, `rsync -t`, `tar`). A cryptographic hash rather than a
CRC: a CRC can be matched on purpose, a SHA-256 digest cannot. The header also
carries the hash of the entry's body, so an edited or torn entry is a miss. An entry is not checked
against the schema again when it is read (on a large framework that costs more than the whole
cached run): whoever could write a consistent entry is the user, who could as well edit the
framework file. The shape is still checked, where it costs little: the head is a mapping, the
ID index points at nodes that exist, each node is a mapping with an ID when it is parsed, NaN is
refused, and the model's builders check the type of every field they read (`model.ShapeError`);
a node that fails is one line of error that removes the entry (`CheckedDocument.damaged`),
never printed and never a traceback. What is not checked again is what only the schema's
patterns and lengths say (an ID's spelling, an empty text).
Anything wrong (untrusted, unreadable, not JSON, another key, another format, a bad hash) is
a miss: the file is parsed again and the entry rewritten. Entries are written to a temporary
file in the same directory, flushed to disk and renamed into place (readers see a whole entry
or none), with mode 0600. A cache that cannot be written (read-only home, full disk) is
skipped silently: it never fails a command. `HXQ_NO_CACHE=1` turns the cache off; stdin is
never cached.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
import zlib
from functools import cache

# hashlib loads OpenSSL, which costs a cached run about 3 ms of CPU and 3 MiB (BENCHMARKS.md);
# its SHA-256 is then the fastest hash at any size.
from hashlib import blake2b, sha256
from pathlib import Path
from typing import Any

from hxq_cli import __version__
from hxq_cli.read.document import CheckedDocument, Span, parse_span
from hxq_cli.read.limits import max_bytes
from hxq_cli.read.schema import SCHEMA_PATH

#: Version of the entry layout; part of every key.
FORMAT = 3
#: An entry may be at most this many times the size limit of a framework file.
ENTRY_SIZE_FACTOR = 4
DISABLE_ENV = "HXQ_NO_CACHE"
#: Temporary files older than this (seconds) were left by a killed hxq and are removed.
_STALE_TEMP_SECONDS = 3600


#: What an entry must match to be used: resolved path, size, mtime_ns, digest (of the bytes),
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
        "digest": digest(data),
        "hxq": fingerprint(),
    }


def _named(hasher: Any) -> str:
    """The digest with the name of its algorithm: "sha256:HEX"."""
    return f"{hasher.name}:{hasher.hexdigest()}"


def digest(data: bytes | memoryview) -> str:
    """The hash of `data` as "ALGORITHM:HEX"."""
    return _named(sha256(data))


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)
    return None if getuid is None else int(getuid())


def _owned_and_private(info: os.stat_result) -> bool:
    """Owned by the current user and not writable by group or others."""
    uid = _uid()
    if uid is not None and info.st_uid != uid:
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted_directory(base: Path, *, create: bool) -> bool:
    if create:
        with contextlib.suppress(OSError):
            base.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        info = os.lstat(base)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _owned_and_private(info)


def entry_path(key: CacheKey, *, create: bool = False) -> Path | None:
    """The one file that may hold the entry for the key's path, in a directory only this user
    can write (None when there is none; created when `create`)."""
    base = directory()
    if base is None or not _trusted_directory(base, create=create):
        return None
    name = key["path"].encode("utf-8", "surrogateescape")
    # The name earlier versions gave it too: their entry is overwritten, not left beside.
    return base / f"{blake2b(name, digest_size=8).hexdigest()}.json"


def _read_entry(entry: Path) -> bytes | None:
    """The bytes of an entry that only this user could have written, or None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(entry, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        limit = ENTRY_SIZE_FACTOR * max_bytes()
        if not stat.S_ISREG(info.st_mode) or not _owned_and_private(info) or info.st_size > limit:
            return None
        # One read of the entry's size (a byte more, to see it grow), then chunks if it did.
        chunks = [os.read(handle, info.st_size + 1)] if info.st_size else []
        size = sum(len(chunk) for chunk in chunks)
        while size <= limit and (chunk := os.read(handle, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def _dumps(value: Any) -> bytes:
    # Compact JSON never holds a raw newline (it escapes it in strings): one value per line.
    import orjson

    return orjson.dumps(value)


def load(key: CacheKey) -> CheckedDocument | None:
    """The cached document for `key`, or None (no entry, or one that must not be trusted).

    An entry is JSON lines: a header (format, key, SHA-256 of the rest), the document's head,
    the ID index, then one line per top-level node.
    """
    entry = entry_path(key)
    if entry is None:
        return None
    data = _read_entry(entry)
    if data is None:
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
        or header.get("digest") != digest(body)
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
    if not isinstance(head, dict) or not isinstance(index, dict) or "nodes" in head:
        return None
    owners, unique = index.get("owners"), index.get("unique")
    if not isinstance(owners, dict) or not isinstance(unique, bool):
        return None
    count = len(lines) - 2
    if not all(type(top) is int and 0 <= top < count for top in owners.values()):
        return None
    nodes: list[dict[str, Any] | bytes | str | Span] = [*lines[2:]]
    return CheckedDocument(head, owners, unique, nodes, discard=lambda: _unlink_quietly(entry))


def _lines(data: bytes, start: int) -> list[Span]:
    spans: list[Span] = []
    while (stop := data.find(b"\n", start)) >= 0:
        spans.append((data, start, stop))
        start = stop + 1
    spans.append((data, start, len(data)))
    return spans


def store(key: CacheKey, document: CheckedDocument) -> None:
    """Write the entry for `key`; silently does nothing when the cache cannot be written."""
    entry = entry_path(key, create=True)
    if entry is None:
        return
    parts = [_dumps(document.head), _dumps({"owners": document.owners, "unique": document.unique})]
    parts.extend(_dumps(document.node(i)) for i in range(len(document)))
    # The hash of the lines joined by newlines, without joining them (a large copy).
    body_hash = sha256()
    for number, part in enumerate(parts):
        if number:
            body_hash.update(b"\n")
        body_hash.update(part)
    header = {"format": FORMAT, "key": key, "digest": _named(body_hash)}
    import tempfile

    temp: str | None = None
    try:
        # mkstemp creates the file with mode 0600.
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(json.dumps(header).encode("ascii"))
            for part in parts:
                out.write(b"\n")
                out.write(part)
            out.flush()
            os.fsync(out.fileno())
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


def _unlink_quietly(path: str | Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
