"""Large outputs are written as they are made: `show --json`, `facts --json` and the json, yaml
and csv exports go node by node (or a few hundred facts at a time) to stdout or a file, never
held whole, and read no more of a large framework than one top-level part at a time. What they
write is, byte for byte, what the whole documents gave."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, SHIPPED, Run, environment, load_framework, run_measured
from hxq_cli.formats import export_pieces, export_text, find_format

sys.path.insert(0, str(REPO / "bench"))

from make_framework import make_file  # noqa: E402

RIVERTON = REPO / "examples" / "riverton-321.yaml"
STREAMED = ("json", "yaml", "csv")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("streaming") / "generated.yaml"
    make_file(path, 400, 3, seed=7)
    return path


@pytest.mark.parametrize("name", STREAMED)
def test_pieces_are_the_whole_text(name: str, generated: Path) -> None:
    fmt = find_format(name)
    assert fmt is not None and fmt.streamed
    for path in (SHIPPED, RIVERTON, FIXTURES / "minimal.yaml", generated):
        framework = load_framework(path)
        pieces = list(export_pieces(fmt, framework, "both"))
        assert "".join(pieces) == export_text(fmt, load_framework(path), "both")
        if path == generated:
            assert len(pieces) > 1  # a large framework's text is written in several pieces


def test_a_file_is_written_piece_by_piece(hxq: Run, tmp_path: Path, generated: Path) -> None:
    for name in STREAMED:
        out = tmp_path / f"out.{name}"
        result = hxq("export", "--format", name, "--data", str(generated), "-o", str(out))
        assert result.code == 0, result.err
        piped = hxq("export", "--format", name, "--data", str(generated))
        assert out.read_bytes().decode("utf-8") == piped.out


def test_a_failure_while_writing_leaves_the_old_file_whole(tmp_path: Path) -> None:
    from hxq_cli.cli.files import write_file
    from hxq_cli.errors import DataError

    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "new, "
        raise DataError("a cache entry does not hold a framework node")

    with pytest.raises(DataError):
        write_file(target, pieces())
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_failure_before_much_is_written_leaves_stdout_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The first megabytes are held back: a failure while a usual document is made writes
    # nothing, rather than half a document.
    from hxq_cli.cli.stdout import emit_json
    from hxq_cli.errors import DataError
    from hxq_cli.formats.json import Items, Parts

    def failing() -> Iterator[dict[str, int]]:
        yield {"a": 1}
        raise DataError("damaged")

    out = io.StringIO()
    with pytest.raises(DataError):
        emit_json(environment(stdout=out), Parts(items=Items(failing())))
    assert out.getvalue() == ""


def _peak_mib(args: list[str], env: dict[str, str], out: Path) -> float:
    with out.open("wb") as stdout:
        done, peak = run_measured(args, env, stdout)
    assert done.returncode == 0, done.stderr[-500:]
    return peak


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_large_outputs_take_the_memory_of_one_part(tmp_path: Path) -> None:
    # 10,000 nodes and 50,000 facts (24 MB of YAML; the cache filled by a first run): the whole
    # documents took 281 MB (show --json) and 534 MB (facts --json); written as they are made,
    # about 110 MB, what the largest top-level part takes.
    framework = tmp_path / "big.yaml"
    make_file(framework, 10_000, 5)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HXQ_")},
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HXQ_MAX_BYTES": str(2**30),
    }
    data = ["--data", str(framework)]
    _peak_mib(["show", "1", "--json", *data], env, tmp_path / "first.json")
    commands = {
        "show": ["show", "--json"],
        "facts": ["facts", "--json"],
        "json": ["export", "--format", "json"],
        "yaml": ["export", "--format", "yaml"],
        "csv": ["export", "--format", "csv"],
    }
    for name, args in commands.items():
        out = tmp_path / f"{name}.out"
        peak = _peak_mib([*args, *data], env, out)
        assert peak < 160, f"{name}: {peak:.0f} MiB"
        assert out.stat().st_size > 10_000_000
    facts = (tmp_path / "facts.out").read_text(encoding="utf-8")
    assert len(re.findall(r'^      "id": ', facts, re.M)) == 50_000
