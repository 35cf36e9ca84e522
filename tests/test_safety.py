"""Issue 16: writes that cannot tear, a cache that trusts only its owner, one reading of YAML,
one-line output failures, limits that hold, and a linear `verify`."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SHIPPED, Run

# --- 1. Writes are atomic ---------------------------------------------------------------------

_FSIZE_EXPORT = textwrap.dedent(
    """
    import resource, signal, sys
    from hxq_cli.cli.app import main
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit raises EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_failed_export_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    old = "the old export\n" * 10
    target.write_text(old, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _FSIZE_EXPORT, "export", "-f", "json", "-o", str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"hxq: error: {target}: cannot write")
    assert done.stderr.count("\n") == 1
    assert target.read_text(encoding="utf-8") == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary left


def test_an_export_replaces_the_file_and_keeps_its_mode(hxq: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert hxq("export", "-f", "md", "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("#")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_output_equal_to_data_is_refused(hxq: Run, tmp_path: Path) -> None:
    data = tmp_path / "framework.yaml"
    original = SHIPPED.read_bytes()
    data.write_bytes(original)
    link = tmp_path / "link.yaml"
    link.symlink_to(data)
    for output in (str(data), str(link), str(tmp_path / "." / "framework.yaml")):
        result = hxq("export", "-f", "yaml", "-o", output, "--data", str(data))
        assert result.code == 2
        assert result.err == f"hxq: error: {output}: is the input file; refusing to write over it\n"
    assert data.read_bytes() == original


def test_a_datapackage_file_equal_to_data_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "out" / "framework.json"
    data.parent.mkdir()
    # Any file a datapackage writes may be the input; none is written over it.
    from hxq_cli.cli.output import write_folder
    from hxq_cli.errors import UsageError

    data.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError):
        write_folder(str(data.parent), {"framework.json": "y"}, force=True, protected=data)
    assert data.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("", "hxq: error: an empty output path names no file\n"),
        (
            "/proc/hxq-x",
            "hxq: error: /proc/hxq-x: cannot write there (No such file or directory)\n",
        ),
    ],
)
def test_odd_output_paths_say_what_is_wrong(hxq: Run, output: str, expected: str) -> None:
    result = hxq("export", "-f", "json", "-o", output)
    assert result.code in (1, 2)
    assert result.err == expected
    assert "no such folder" not in result.err


def test_a_missing_folder_is_named(hxq: Run, tmp_path: Path) -> None:
    result = hxq("export", "-f", "json", "-o", str(tmp_path / "nope" / "x.json"))
    assert result.code == 1
    assert "no such folder to write into" in result.err
