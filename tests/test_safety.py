"""Issue 16: writes that cannot tear, a cache that trusts only its owner, one reading of YAML,
one-line output failures, limits that hold, and a linear `verify`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED, Run, environment, examples
from hxq_cli.read import cache

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
        # Under the size limit, a module compiled afresh would leave a cut .pyc for every
        # later run (importlib does not check for a short write).
        env={**os.environ, "HXQ_NO_CACHE": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
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
    from hxq_cli.cli.files import write_folder
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
    assert result.code == 2
    assert "no such folder to write into" in result.err


# --- 2. A cache that trusts only its owner ----------------------------------------------------

MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the minimal framework, read once with the cache on: (file, entry)."""
    from hxq_cli import read

    monkeypatch.delenv("HXQ_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source = tmp_path / "framework.yaml"
    source.write_bytes(MINIMAL.read_bytes())
    read.load(str(source))
    (entry,) = (tmp_path / "xdg" / "hxq").glob("*.json")
    return source, entry


def _reads_yaml(source: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether loading `source` parses its YAML (the cache entry was not used)."""
    from hxq_cli import read
    from hxq_cli.read import parse as yaml_parse

    seen: list[str] = []
    real = yaml_parse.parse

    def spy(doc: Any) -> Any:
        seen.append(doc.name)
        return real(doc)

    monkeypatch.setattr(yaml_parse, "parse", spy)
    document = read.load(str(source))
    assert document.document()["nodes"][0]["title"] != "PLANTED"
    return bool(seen)


def test_the_cache_is_private_and_used(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, entry = cached
    assert entry.parent.stat().st_mode & 0o777 == 0o700
    assert entry.stat().st_mode & 0o777 == 0o600
    assert not _reads_yaml(source, monkeypatch)


def test_a_planted_entry_is_not_used(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, entry = cached
    header, body = entry.read_bytes().split(b"\n", 1)
    edited = body.replace(b'"title":{', b'"title":"PLANTED","x":{', 1)
    assert edited != body
    entry.write_bytes(header + b"\n" + edited)  # the right key, a body edited after the fact
    assert _reads_yaml(source, monkeypatch)


def test_an_entry_of_another_user_is_not_used(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.getuid() != 0:
        pytest.skip("only root can give a file to another user")
    source, entry = cached
    os.chown(entry, 65534, 65534)
    assert _reads_yaml(source, monkeypatch)


@pytest.mark.parametrize("which", ["entry", "directory"])
def test_a_group_writable_cache_is_not_used(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    source, entry = cached
    target = entry if which == "entry" else entry.parent
    target.chmod(target.stat().st_mode | 0o020)
    assert _reads_yaml(source, monkeypatch)


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_an_entry_that_is_no_regular_file_is_ignored(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    source, entry = cached
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry, 0o600)  # opening it for reading would wait for a writer forever
    else:
        entry.symlink_to("/dev/zero")  # endless
    assert _reads_yaml(source, monkeypatch)


def test_a_node_of_the_wrong_shape_is_one_line(
    cached: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hxq_cli import read
    from hxq_cli.errors import DataError

    source, entry = cached
    first, body = entry.read_bytes().split(b"\n", 1)
    head, index, *_nodes = body.split(b"\n")
    forged = b"\n".join([head, index, b"[1, 2]"])
    header = json.loads(first)
    header["digest"] = cache.digest(forged)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    document = read.load(str(source))
    with pytest.raises(DataError, match="cache entry"):
        document.node(0)
    assert not entry.exists()


#: JSON values a hand-edited entry may hold in place of any part of a node.
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every part of a JSON value."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


@settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_edit_of_an_entry_that_keeps_its_hash_is_data_or_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Any
) -> None:
    """The owner edits a node of an entry and fixes its hash: whatever the edit, each command
    prints the (edited) data or stops with one line that removes the entry; never a traceback."""
    from hxq_cli import read
    from hxq_cli.cli import main

    monkeypatch.delenv("HXQ_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    source = tmp_path / "framework.yaml"
    if not source.exists():
        source.write_bytes(SHIPPED.read_bytes())
    for entry in (tmp_path / "xdg" / "hxq").glob("*.json"):
        entry.unlink()
    read.load(str(source))
    (entry,) = (tmp_path / "xdg" / "hxq").glob("*.json")
    first, body = entry.read_bytes().split(b"\n", 1)
    head, index, *nodes = body.split(b"\n")
    which = data.draw(st.integers(0, len(nodes) - 1))
    node = json.loads(nodes[which])
    place = data.draw(st.sampled_from(_places(node)[1:]))
    nodes[which] = json.dumps(_replaced(node, place, data.draw(_JSON))).encode()
    forged = b"\n".join([head, index, *nodes])
    header = json.loads(first)
    header["digest"] = cache.digest(forged)
    command = data.draw(
        st.sampled_from(
            [
                ["show", "--json"],
                ["show"],
                ["facts"],
                ["search", "名片"],
                ["export", "--format", "csv"],
                ["export", "--format", "md"],
            ]
        )
    )
    entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    code = main([*command, "--data", str(source)], env=environment(100))
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (command, place, err)
    if code == 2:
        assert err.count("\n") == 1 and "cache entry" in err, err
        assert out == ""
        assert not entry.exists()


@pytest.mark.parametrize(
    "lie",
    [
        {"id": "1", "title": 5, "description": {"zh": "甲", "en": "A"}},
        {"id": "1", "title": {"zh": "甲", "en": "A"}},
        {
            "id": "1",
            "title": {"zh": "甲", "en": "A"},
            "description": {"zh": "甲", "en": "A"},
            "facts": [{"id": "1.x"}],
        },
    ],
    ids=["title-a-number", "no-description", "fact-without-fields"],
)
def test_a_lying_node_is_one_line_and_the_entry_goes(
    cached: tuple[Path, Path], hxq: Run, monkeypatch: pytest.MonkeyPatch, lie: dict[str, Any]
) -> None:
    source, entry = cached
    first, body = entry.read_bytes().split(b"\n", 1)
    head, index, *nodes = body.split(b"\n")
    forged = b"\n".join([head, index, json.dumps(lie).encode(), *nodes[1:]])
    header = json.loads(first)
    header["digest"] = cache.digest(forged)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    result = hxq("show", "--json", "--data", str(source))
    assert result.code != 0 and result.out == ""
    assert result.err.count("\n") == 1 and "cache entry" in result.err
    assert not entry.exists()


@pytest.mark.parametrize(
    "children",
    [5, [[1, 2], {"id": "1.2"}], "1.2"],
    ids=["children-a-number", "a-child-a-list", "children-a-text"],
)
def test_showing_one_node_under_a_lying_child_is_one_line(
    cached: tuple[Path, Path], hxq: Run, children: Any
) -> None:
    """`show ID` finds the node in the entry's mappings before building anything: a lie deep in
    them is the same one line as one found while building."""
    source, entry = cached
    first, body = entry.read_bytes().split(b"\n", 1)
    head, index, *nodes = body.split(b"\n")
    top = json.loads(nodes[0])
    top["children"] = children
    forged = b"\n".join([head, index, json.dumps(top).encode(), *nodes[1:]])
    header = json.loads(first)
    header["digest"] = cache.digest(forged)
    entry.write_bytes(json.dumps(header).encode() + b"\n" + forged)
    result = hxq("show", "1.2", "--data", str(source))
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "cache entry" in result.err, result.err
    assert not entry.exists()


# --- 3. One reading of the YAML, refused where ambiguous ---------------------------------------

_REFUSED = [
    ("a: 1 # note\x85b: 2\n", 1, 12, "U+0085"),  # NEL in a comment is no line break
    ("a: x\x85y\n", 1, 5, "U+0085"),
    ("a: x\x9by\n", 1, 5, "U+009B"),
    ("a: 1\nb: x\u2028y\n", 2, 5, "U+2028"),
    ("a: 1 #\u2029b: 2\n", 1, 7, "U+2029"),
    ("a: x\udc00\n", 1, 5, "U+DC00"),
    ("a: x\ud800\n", 1, 5, "U+D800"),
]


@pytest.mark.parametrize(("text", "line", "column", "code"), _REFUSED)
def test_ambiguous_characters_are_refused_on_every_road(
    text: str, line: int, column: int, code: str
) -> None:
    from hxq_cli.errors import DocumentError
    from hxq_cli.read import TextFile
    from hxq_cli.read.parse import UNSUPPORTED, parse, parse_nodes, parse_plain

    assert parse_plain(text, 64, 1000) is UNSUPPORTED
    for road in (parse, lambda doc: parse_nodes(doc)[0]):
        with pytest.raises(DocumentError) as caught:
            road(TextFile("f.yaml", text))
        assert str(caught.value).startswith(f"f.yaml:{line}:{column}: character {code} ")


@pytest.mark.parametrize("escape", ["\\udc00", "\\ud800", "\\udfff", "\\ud800\\udc00"])
def test_surrogate_escapes_are_refused(escape: str) -> None:
    from conftest import parse_text
    from hxq_cli.errors import DocumentError

    with pytest.raises(DocumentError, match=r"^<test>:1:\d+: "):
        parse_text(f'a: "x{escape}"\n')


def test_escaped_separators_stay_data() -> None:
    from conftest import parse_text

    assert parse_text('a: "x\\x85\\u2028y"\n') == {"a": "x\x85\u2028y"}


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("!!int abc", "'abc' is not an integer"),
        ('!!int "١٢٣"', "'١٢٣' is not an integer"),
        ("!!int 1:30", "'1:30' is not an integer"),
        ('!!float ""', "'' is not a number"),
        ("!!float 1:30", "'1:30' is not a number"),
        ("!!bool maybe", "'maybe' is not true or false"),
        ("!!bool yes", "'yes' is not true or false"),
        ("!!null x", "'x' is not null"),
        ("!!timestamp xyz", "'xyz' is not a date or time"),
        ("!!timestamp 2025-02-30", "'2025-02-30' is not a date or time"),
    ],
)
def test_explicit_tags_are_read_strictly(value: str, problem: str) -> None:
    from conftest import parse_text
    from hxq_cli.errors import DocumentError

    with pytest.raises(DocumentError) as caught:
        parse_text(f"a: {value}\n")
    assert str(caught.value) == f"<test>:1:4: {problem}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("!!int 12", 12), ("!!float 1.5", 1.5), ("!!bool true", True), ("!!null ~", None)],
)
def test_explicit_tags_on_fitting_text_are_read(value: str, expected: object) -> None:
    from conftest import parse_text

    assert parse_text(f"a: {value}\n") == {"a": expected}


def test_a_tagged_value_in_a_framework_is_one_line(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("schema_version: !!int abc\n", encoding="utf-8")
    result = hxq("show", "--data", str(path))
    assert result.code == 2
    assert result.err == f"hxq: error: {path}:1:17: 'abc' is not an integer\n"


# --- 4. Every output failure is one line ------------------------------------------------------


def _run_with_stdout(args: list[str], stdout: IO[str]) -> subprocess.CompletedProcess[str]:
    from conftest import installed_hxq

    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    return subprocess.run(
        [installed_hxq(), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "HXQ_NO_CACHE": "1", "COLUMNS": "80"},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("args", [["show", "--json"], ["--help"], ["show", "4"]])
def test_a_full_disk_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = _run_with_stdout(args, full)
    assert done.returncode == 2
    assert done.stderr == (
        "hxq: error: cannot write to standard output (No space left on device)\n"
    )


@pytest.mark.parametrize("args", [["show", "--json"], ["--help"]])
def test_a_closed_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    from conftest import installed_hxq

    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    done = subprocess.run(
        ["/bin/sh", "-c", '"$0" "$@" >&-', installed_hxq(), *args],
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "HXQ_NO_CACHE": "1"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "hxq: error: cannot write to standard output (standard output is closed)\n"
    )


def test_a_command_that_writes_nothing_runs_with_stdout_closed(tmp_path: Path) -> None:
    from conftest import installed_hxq

    out = tmp_path / "out.json"
    done = subprocess.run(
        ["/bin/sh", "-c", '"$0" "$@" >&-', installed_hxq(), "export", "-f", "json", "-o", str(out)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert out.stat().st_size > 0


@pytest.fixture(scope="module")
def big_framework(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from make_framework import make_file

    path = tmp_path_factory.mktemp("big") / "big.yaml"
    make_file(path, 100, 2, seed=11)  # about 140 KB of JSON
    return path


def test_more_than_64_kib_into_a_reader_that_leaves_exits_141(big_framework: Path) -> None:
    from conftest import installed_hxq

    env = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    with subprocess.Popen(
        [installed_hxq(), "show", "--json", "--data", str(big_framework)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "HXQ_NO_CACHE": "1"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()  # `| head -1`
        process.stdout.close()
        err = process.stderr.read()
        code = process.wait(timeout=60)
    assert (code, err) == (141, b"")


# --- 5. Limits that hold; 7. smaller ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2000000000", "is above the 1,073,741,824-byte cap"),
        ("9" * 5000, "is above the 1,073,741,824-byte cap"),
        ("abc", "is not a whole number of bytes"),
        ("0", "must be a positive number of bytes"),
    ],
)
def test_max_bytes_is_checked_and_capped(
    hxq: Run, monkeypatch: pytest.MonkeyPatch, value: str, problem: str
) -> None:
    monkeypatch.setenv("HXQ_MAX_BYTES", value)
    result = hxq("show", "4")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert problem in result.err
    assert len(result.err) < 200


def test_an_unknown_id_is_echoed_shortened(hxq: Run) -> None:
    result = hxq("show", "x" * 5000)
    assert result.code == 2
    assert "x" * 79 + "…" in result.err
    assert "x" * 81 not in result.err


#: Runs hxq and prints its peak resident memory in KiB. VmHWM, not getrusage's ru_maxrss:
#: Linux carries ru_maxrss across exec, so a child of a large pytest worker would report the
#: worker's size (313 MB seen in CI for a run that peaked at 74 MB).
_PEAK = textwrap.dedent(
    """
    import re, resource, sys
    from hxq_cli.cli.app import main
    code = main(sys.argv[1:])
    try:
        with open("/proc/self/status") as status:
            print(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1))
    except OSError:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    sys.exit(code)
    """
)


@pytest.mark.slow
def test_a_long_flow_collection_is_refused_as_it_is_read(tmp_path: Path) -> None:
    # 12 MB of "[1,1,1,…]" is within the size limit but over the value budget: it is refused
    # where the budget runs out, without composing a node for every value first.
    path = tmp_path / "flow.yaml"
    path.write_text("a: [" + ",".join(["1"] * 6_000_000) + "]\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, "show", "--data", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
        timeout=300,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "more than 2,097,152 YAML values" in done.stderr
    peak_kib = int(done.stdout.strip())
    assert peak_kib < 250 * 1024, f"peak {peak_kib} KiB"


def test_a_newline_in_a_file_name_keeps_the_diff_header_one_line(hxq: Run, tmp_path: Path) -> None:
    odd = tmp_path / "new\nname.yaml"
    odd.write_text(
        SHIPPED.read_text(encoding="utf-8").replace(
            'id: "pingdingshan-hitech-123456"', 'id: "another-edition"', 1
        ),
        encoding="utf-8",
    )
    result = hxq("diff", str(SHIPPED), str(odd))
    assert result.code == 1
    # The name is shown with its newline as an escape (a long one may still wrap at the width).
    assert "new\\nname.yaml" in result.out.replace("\n", "")
    assert not any(line.startswith("name.yaml") for line in result.out.splitlines())
