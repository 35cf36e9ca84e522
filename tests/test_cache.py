"""The parsed-document cache: used only when it matches the file exactly, never a reason to fail."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import time
from collections.abc import Iterator
from fractions import Fraction
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest

from conftest import (
    FIXTURES,
    REPO,
    SHIPPED,
    Run,
    framework_of,
    load_framework,
    load_raw,
    run_installed,
)
from hxq_cli import __version__, read
from hxq_cli.errors import DataError
from hxq_cli.read import CheckedDocument, TextFile, cache
from hxq_cli.read import parse as yaml_parse

MINIMAL = FIXTURES / "minimal.yaml"


@pytest.fixture
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The cache switched on (conftest switches it off), in a directory of this test's own."""
    monkeypatch.delenv("HXQ_NO_CACHE", raising=False)
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "hxq"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Names of the documents that were really parsed as YAML (a cache miss) during the test."""
    seen: list[str] = []
    real = yaml_parse.parse

    def spy(doc: TextFile) -> Any:
        seen.append(doc.name)
        return real(doc)

    monkeypatch.setattr(yaml_parse, "parse", spy)
    yield seen


@pytest.fixture
def framework_file(tmp_path: Path) -> Path:
    """A private copy of the minimal framework, free to be edited by the test."""
    path = tmp_path / "framework.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def entries(home: Path) -> list[Path]:
    return sorted(home.glob("*.json")) if home.exists() else []


def only_entry(home: Path) -> Path:
    found = entries(home)
    assert len(found) == 1, found
    return found[0]


def fresh(path: Path) -> dict[str, Any]:
    """The document parsed without any cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HXQ_NO_CACHE", "1")
        return load_raw(str(path))


# --------------------------------------------------------------------------- hits


def test_second_load_is_served_from_the_cache(
    cache_home: Path, parses: list[str], framework_file: Path
) -> None:
    first = load_raw(str(framework_file))
    entry = only_entry(cache_home)
    second = load_raw(str(framework_file))
    assert parses == [str(framework_file)]
    assert second == first == fresh(framework_file)
    assert entry == only_entry(cache_home)


def test_cached_document_builds_the_same_framework(cache_home: Path, parses: list[str]) -> None:
    uncached = framework_of(fresh(SHIPPED))
    parses.clear()
    load_framework(str(SHIPPED))
    cached = load_framework(str(SHIPPED))
    assert len(parses) == 1
    assert cached.to_dict() == uncached.to_dict()
    # Integers stay integers, floats stay floats and fractions stay exact through JSON.
    values = {fact.id: fact.value for _, fact in cached.facts()}
    assert values == {fact.id: fact.value for _, fact in uncached.facts()}
    assert {type(v) for v in values.values()} == {int, float, Fraction}
    assert values["4.outcomes.tech-firm-share"] == Fraction(1, 3)


def test_a_refused_file_is_never_cached(
    cache_home: Path, parses: list[str], framework_file: Path
) -> None:
    text = framework_file.read_text(encoding="utf-8")
    framework_file.write_text(text.replace("value: ", "value: -.inf #", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataError, match="not a finite number"):
            load_framework(str(framework_file))
    assert len(parses) == 2
    assert entries(cache_home) == []


def test_each_file_has_its_own_entry(cache_home: Path, parses: list[str], tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_bytes(MINIMAL.read_bytes())
    b.write_bytes(MINIMAL.read_bytes().replace(b'id: "mini"', b'id: "other"', 1))
    expected = {a: fresh(a), b: fresh(b)}
    parses.clear()
    for _ in range(2):
        assert load_raw(str(a)) == expected[a]
        assert load_raw(str(b)) == expected[b]
    assert parses == [str(a), str(b)]
    assert len(entries(cache_home)) == 2


def test_a_path_is_resolved_before_it_keys_an_entry(
    cache_home: Path, parses: list[str], framework_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = framework_file.with_name("link.yaml")
    link.symlink_to(framework_file)
    load_raw(str(framework_file))
    monkeypatch.chdir(framework_file.parent)
    load_raw("link.yaml")
    load_raw("./framework.yaml")
    assert len(parses) == 1
    assert len(entries(cache_home)) == 1


def test_entry_is_json_lines_with_the_key(cache_home: Path, framework_file: Path) -> None:
    load_raw(str(framework_file))
    first, *lines = only_entry(cache_home).read_bytes().split(b"\n")
    header = json.loads(first)
    assert header["format"] == cache.FORMAT
    assert header["key"]["path"] == str(framework_file.resolve())
    assert header["key"]["size"] == framework_file.stat().st_size
    assert header["key"]["mtime_ns"] == framework_file.stat().st_mtime_ns
    expected_key = sha256(framework_file.read_bytes()).hexdigest()
    assert header["key"]["digest"] == f"sha256:{expected_key}"
    assert header["key"]["hxq"].startswith(__version__ + "+")
    body = b"\n".join(lines)
    assert header["digest"] == f"sha256:{sha256(body).hexdigest()}"
    head, index, *nodes = (json.loads(line) for line in lines)
    expected = fresh(framework_file)
    assert {**head, "nodes": nodes} == expected
    assert index == {"owners": {"1": 0, "1.1": 0, "1.2": 0}, "unique": True}


def test_data_is_hashed_with_sha256() -> None:
    data = b"x" * (1 << 20)
    assert cache.digest(data) == f"sha256:{sha256(data).hexdigest()}"
    assert cache.digest(memoryview(data)) == cache.digest(data)


def test_a_large_file_is_cached_and_read_back(cache_home: Path, tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from make_framework import make_file

    path = tmp_path / "large.yaml"
    make_file(path, nodes=1000, facts_per_node=5)
    assert path.stat().st_size >= 1 << 20
    fresh_document = load_raw(str(path))
    first = json.loads(only_entry(cache_home).read_bytes().split(b"\n", 1)[0])
    assert first["key"]["digest"].startswith("sha256:")
    assert first["digest"].startswith("sha256:")
    assert load_raw(str(path)) == fresh_document


def test_may_contain_tests_the_text_of_a_node_not_yet_parsed(
    cache_home: Path, framework_file: Path
) -> None:
    read.load(str(framework_file))
    key = cache.key_for(str(framework_file), framework_file.read_bytes())
    assert key is not None
    document = cache.load(key)
    assert document is not None
    assert not document.may_contain(0, re.compile("zzz"))
    assert document.may_contain(0, re.compile("task b", re.IGNORECASE))
    assert document.node(0) == fresh(framework_file)["nodes"][0]
    # Once parsed, the text is gone: the answer is always "maybe".
    assert document.may_contain(0, re.compile("zzz"))
    # Nor is there text in a document that never came from an entry (stdin, a cache miss).
    assert CheckedDocument.of(fresh(framework_file)).may_contain(0, re.compile("zzz"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_entry_is_private(cache_home: Path, framework_file: Path) -> None:
    load_raw(str(framework_file))
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(only_entry(cache_home).stat().st_mode) == 0o600
    # No temporary file is left behind.
    assert [p.name for p in cache_home.iterdir()] == [only_entry(cache_home).name]


# --------------------------------------------------------------------------- never used


def test_stale_entry_is_not_used_when_the_file_changes(
    cache_home: Path, parses: list[str], framework_file: Path
) -> None:
    load_raw(str(framework_file))
    text = framework_file.read_text(encoding="utf-8")
    framework_file.write_text(text.replace('id: "mini"', 'id: "changed"', 1), encoding="utf-8")
    assert load_raw(str(framework_file))["id"] == "changed"
    assert len(parses) == 2


def test_stale_entry_is_not_used_when_size_and_mtime_are_restored(
    cache_home: Path, parses: list[str], framework_file: Path
) -> None:
    before = framework_file.stat()
    load_raw(str(framework_file))
    data = framework_file.read_bytes()
    assert b'id: "mini"' in data
    # Same length, same modification time: only the content hash can tell.
    edited = data.replace(b'id: "mini"', b'id: "mino"', 1)
    assert len(edited) == len(data)
    framework_file.write_bytes(edited)
    os.utime(framework_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert framework_file.stat().st_mtime_ns == before.st_mtime_ns
    assert framework_file.stat().st_size == before.st_size
    assert load_raw(str(framework_file))["id"] == "mino"
    assert len(parses) == 2
    # The entry now describes the new content, and serves it.
    assert load_raw(str(framework_file))["id"] == "mino"
    assert len(parses) == 2


def test_stale_entry_is_not_used_when_only_mtime_changes(
    cache_home: Path, parses: list[str], framework_file: Path
) -> None:
    load_raw(str(framework_file))
    later = framework_file.stat().st_mtime_ns + 5_000_000_000
    os.utime(framework_file, ns=(later, later))
    load_raw(str(framework_file))
    assert len(parses) == 2


def _write_entry(path: Path, header: Any, body: bytes) -> None:
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)


def _forged(header: dict[str, Any], lines: list[bytes]) -> bytes:
    """An entry for the right key whose checksum matches a body of the wrong shape."""
    body = b"\n".join(lines)
    return json.dumps({**header, "digest": cache.digest(body)}).encode() + b"\n" + body


def _corruptions(entry: bytes) -> dict[str, bytes]:
    first, body = entry.split(b"\n", 1)
    header = json.loads(first)
    head, index, *nodes = body.split(b"\n")
    return {
        "empty": b"",
        "not JSON": b"\x00\xff garbage \x89PNG",
        "header only": first,
        "truncated body": entry[: len(entry) - 40],
        "one byte flipped": entry[:-10] + bytes([entry[-10] ^ 0x01]) + entry[-9:],
        "body edited": first + b"\n" + body.replace(b"mini", b"MINI"),
        "header not an object": b"[]\n" + body,
        "other format": json.dumps({**header, "format": 999}).encode() + b"\n" + body,
        "head not an object": _forged(header, [b"[1, 2]", index, *nodes]),
        "index not an object": _forged(header, [head, b"null", *nodes]),
        "index without owners": _forged(header, [head, b'{"unique": true}', *nodes]),
        "no index": _forged(header, [head]),
        "pickle": b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00N.\n",
    }


@pytest.mark.parametrize(
    "kind", list(_corruptions(b'{"k": 1}\n{"id": "mini"}\n{}\n{}' + b" " * 64))
)
def test_corrupt_entry_is_never_used(
    kind: str, cache_home: Path, parses: list[str], framework_file: Path
) -> None:
    expected = fresh(framework_file)
    parses.clear()
    load_raw(str(framework_file))
    entry = only_entry(cache_home)
    entry.write_bytes(_corruptions(entry.read_bytes())[kind])
    assert load_raw(str(framework_file)) == expected
    assert len(parses) == 2
    # The bad entry was replaced by a good one, which is used next time.
    assert load_raw(str(framework_file)) == expected
    assert len(parses) == 2


def test_entry_of_another_file_is_never_used(
    cache_home: Path, parses: list[str], tmp_path: Path
) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_bytes(MINIMAL.read_bytes())
    b.write_bytes(MINIMAL.read_bytes().replace(b'id: "mini"', b'id: "mini-b"', 1))
    load_raw(str(a))
    a_entry = only_entry(cache_home)
    load_raw(str(b))
    b_entry = next(p for p in entries(cache_home) if p != a_entry)
    # Put a's entry where b's belongs: its key names another path.
    b_entry.write_bytes(a_entry.read_bytes())
    assert load_raw(str(b))["id"] == "mini-b"
    assert parses == [str(a), str(b), str(b)]


def test_entry_of_another_hxq_is_never_used(
    cache_home: Path, parses: list[str], framework_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(cache, "fingerprint", lambda: "0.0.1+0000000000000000")
        load_raw(str(framework_file))
        load_raw(str(framework_file))
    assert len(parses) == 1
    load_raw(str(framework_file))
    assert len(parses) == 2


def test_fingerprint_follows_the_version_and_the_reader_sources() -> None:
    print_ = cache.fingerprint()
    assert print_.startswith(__version__ + "+")
    assert print_ == cache.fingerprint()
    assert set(cache._READER_FILES) <= {p.name for p in Path(cache.__file__).parent.iterdir()}


# --------------------------------------------------------------------------- off, or unwritable


def test_cache_is_off_with_hxq_no_cache(
    cache_home: Path, parses: list[str], framework_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_raw(str(framework_file))
    monkeypatch.setenv("HXQ_NO_CACHE", "1")
    entry = only_entry(cache_home)
    entry.unlink()
    load_raw(str(framework_file))
    load_raw(str(framework_file))
    assert len(parses) == 3
    assert entries(cache_home) == []


@pytest.mark.parametrize("value", ["", "0"])
def test_empty_or_zero_hxq_no_cache_leaves_it_on(
    value: str,
    cache_home: Path,
    parses: list[str],
    framework_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HXQ_NO_CACHE", value)
    load_raw(str(framework_file))
    load_raw(str(framework_file))
    assert len(parses) == 1


def test_stdin_is_never_cached(cache_home: Path, parses: list[str], hxq: Run) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    for _ in range(2):
        result = hxq("show", "--json", "--data", "-", stdin=text)
        assert result.code == 0, result.err
    assert len(parses) == 2
    assert entries(cache_home) == []


def test_unwritable_cache_never_fails_a_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parses: list[str], hxq: Run
) -> None:
    monkeypatch.delenv("HXQ_NO_CACHE", raising=False)
    # A file where the cache directory should be: nothing can be created under it.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    for _ in range(2):
        result = hxq("show", "4", "--json")
        assert result.code == 0, result.err
        assert result.err == ""
        assert json.loads(result.out)["node"]["id"] == "4"
    assert len(parses) == 2


def test_read_only_cache_directory_never_fails_a_command(
    cache_home: Path, parses: list[str], hxq: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o500)
    if os.access(cache_home, os.W_OK):  # root writes anywhere: refuse as the kernel would

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("tempfile.mkstemp", refuse)
    try:
        result = hxq("show", "4", "--json")
    finally:
        cache_home.chmod(0o700)
    assert result.code == 0, result.err
    assert result.err == ""


def test_relative_xdg_cache_home_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, framework_file: Path
) -> None:
    monkeypatch.delenv("HXQ_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    directory = cache.directory()
    assert directory is not None
    assert directory.is_absolute()
    if sys.platform not in ("darwin", "win32"):
        assert directory == tmp_path / "home" / ".cache" / "hxq"
        load_raw(str(framework_file))
        assert len(entries(directory)) == 1
    assert not (tmp_path / "relative").exists()


def test_stale_temporary_files_are_cleared(cache_home: Path, framework_file: Path) -> None:
    cache_home.mkdir(parents=True)
    old = cache_home / ".left-by-a-killed-run.tmp"
    new = cache_home / ".being-written-now.tmp"
    for path in (old, new):
        path.write_text("partial", encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    load_raw(str(framework_file))
    assert not old.exists()
    assert new.exists()


# --------------------------------------------------------------------------- end to end


def test_installed_hxq_uses_and_reuses_the_cache(tmp_path: Path) -> None:
    env = {"HXQ_NO_CACHE": "", "XDG_CACHE_HOME": str(tmp_path)}
    first = run_installed("show", "4.2", "--json", env=env)
    second = run_installed("show", "4.2", "--json", env=env)
    uncached = run_installed("show", "4.2", "--json")
    assert first.returncode == second.returncode == uncached.returncode == 0, first.stderr
    assert first.stdout == second.stdout == uncached.stdout
    assert len(list((tmp_path / "hxq").glob("*.json"))) == 1
