"""The adversarial review's findings (issue 26), each pinned where it was found: what is refused
is refused by `validate` too, in one line with its exit code; nothing is shown that was not
asked for; nothing is written before the checks pass."""

from __future__ import annotations

import errno
import io
import json
import os
import shlex
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import (
    FIXTURES,
    Run,
    environment,
    examples,
    installed_hxq,
    one_error_line,
    run_installed,
)
from hxq_cli.cli import main
from hxq_cli.errors import ExitCode
from hxq_cli.zh.figures import normalize, parse_figures

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def edited(tmp_path: Path, *edits: tuple[str, str], name: str = "edited.yaml") -> Path:
    """The minimal framework with each (old, new) edit applied once, written to a file."""
    text = MINIMAL
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- huge values

#: Every command that reads a framework and shows its figures.
FIGURE_COMMANDS = [
    ["show"],
    ["show", "1"],
    ["show", "1", "--lang", "en"],
    ["show", "--json"],
    ["show", "1.budget", "--json"],
    ["facts"],
    ["facts", "--json"],
    ["facts", "--csv"],
    *(["export", "--format", name] for name in ("md", "csv", "json", "yaml", "mermaid", "dot")),
    ["export", "--format", "opml"],
    ["export", "--format", "html"],
]


def test_a_value_beyond_any_base_unit_is_refused_by_every_command(hxq: Run, tmp_path: Path) -> None:
    path = edited(tmp_path, ("value: 9.8", "value: 1e301"))
    checked = hxq("validate", str(path))
    assert checked.code == ExitCode.NO
    assert f"{path}:18:16: error: nodes[0].facts[0].value: 1e+301 is greater than the maximum" in (
        checked.out
    )
    for args in FIGURE_COMMANDS:
        one_error_line(hxq(*args, "--data", str(path)), "1e+301 is greater than the maximum")
    for name in ("sqlite", "xlsx"):
        target = tmp_path / f"out.{name}"
        result = hxq("export", "--format", name, "-o", str(target), "--data", str(path))
        one_error_line(result, "1e+301")
        assert not target.exists()


#: The units a figure is normalised by, the largest factor (10^18) first.
UNITS = ["万亿平方公里", "亿元", "%", "倍", "名次", "个月", "万"]


def test_the_largest_value_shows_in_any_unit(hxq: Run, tmp_path: Path) -> None:
    facts = "".join(
        f'      - {{id: "1.f{n}", statement: {{zh: "数", en: "Figure"}}, '
        f'value: {sign}1e290, unit: "{unit}"}}\n'
        for n, (sign, unit) in enumerate((s, u) for s in ("", "-") for u in UNITS)
    )
    path = edited(tmp_path, ("    facts:\n", f"    facts:\n{facts}"))
    assert hxq("validate", str(path)).code == ExitCode.OK
    for args in FIGURE_COMMANDS:
        result = hxq(*args, "--data", str(path))
        assert result.code == ExitCode.OK, (args, result.err)
    document = json.loads(hxq("facts", "--json", "--data", str(path)).out)
    assert len(document["facts"]) == 2 * len(UNITS) + 2
    for fact in document["facts"]:
        assert fact["normalized"] is None or abs(fact["normalized"]["value"]) < float("inf")
    for name in ("sqlite", "xlsx"):
        target = tmp_path / f"out.{name}"
        result = hxq("export", "--format", name, "-o", str(target), "--data", str(path))
        assert result.code == ExitCode.OK, result.err


def test_a_figure_beyond_any_float_in_a_source_text_is_no_figure() -> None:
    # verify reads figures out of any text: hundreds or thousands of digits are no figure.
    assert normalize(10**400, "亿元") is None
    assert normalize(1e300, "万亿平方公里") is None
    assert normalize(1e290, "万亿平方公里") is not None
    for digits in (400, 5000):
        assert parse_figures("预算" + "9" * digits + "亿元，占比" + "9" * digits + "%。") == []
    [figure] = parse_figures("预算" + "9" * 290 + "亿元")
    assert figure.normalized is not None and figure.normalized.value > 1e297


@pytest.mark.parametrize(
    "text",
    [
        "翻" + "9" * 13 + "番",  # 2 to the power of ten trillion: computed forever
        "第" + "9" * 5000 + "名",  # int() refuses 4,300 digits and more
        "9" * 5000 + "/" + "9" * 5000,
    ],
    ids=["doublings", "rank", "slash"],
)
def test_verify_reads_any_figure_of_a_source_in_a_moment(tmp_path: Path, text: str) -> None:
    source = tmp_path / "source.txt"
    source.write_text(f"预算9.8亿元。{text}。", encoding="utf-8")
    done = subprocess.run(
        [installed_hxq(), "verify", "--data", str(FIXTURES / "minimal.yaml")]
        + ["--source", str(source), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
        timeout=30,
        check=False,
    )
    assert done.returncode == ExitCode.OK, done.stderr
    assert json.loads(done.stdout)["facts"][0]["status"] == "found"


def test_verify_reads_a_source_with_huge_numbers(hxq: Run, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(
        "预算" + "9" * 400 + "亿元，" + "9" * 5000 + "亿元，百分之" + "9" * 400 + "。",
        encoding="utf-8",
    )
    result = hxq("verify", "--data", str(FIXTURES / "minimal.yaml"), "--source", str(source))
    assert result.code == ExitCode.NO, result.err
    assert "Traceback" not in result.err


# --------------------------------------------------------------------------- names once folded


def test_a_title_typed_exactly_names_its_node_not_one_that_folds_to_it(
    hxq: Run, tmp_path: Path
) -> None:
    path = edited(tmp_path, ('en: "Task B"', 'en: "Task Ａ"'))
    shown = hxq("show", "Task A", "--json", "--data", str(path))
    assert json.loads(shown.out)["node"]["id"] == "1.1"
    shown = hxq("show", "Task Ａ", "--json", "--data", str(path))
    assert json.loads(shown.out)["node"]["id"] == "1.2"
    # Typed neither way, the name names two nodes: no node is picked silently.
    for args in (
        ["show", "task a"],
        ["facts", "--under", "TASK A"],
        ["export", "-f", "md", "task a"],
    ):
        one_error_line(
            hxq(*args, "--data", str(path)),
            "names 2 nodes: 1.1 (任务甲 · Task A), 1.2 (任务乙 · Task Ａ); give one of their IDs",
        )
    checked = hxq("validate", str(path))
    assert checked.code == ExitCode.NO
    assert "title 'Task Ａ' is the title 'Task A' of node '1.1' (line 25)" in checked.out


def test_a_title_two_nodes_share_names_neither(hxq: Run, tmp_path: Path) -> None:
    path = edited(tmp_path, ('en: "Task B"', 'en: "Task A"'))
    one_error_line(hxq("show", "Task A", "--data", str(path)), "'Task A' names 2 nodes")
    checked = hxq("validate", str(path))
    assert checked.code == ExitCode.OK
    assert checked.out.startswith(f"{path}:28:32: warning: nodes[0].children[1].title.en: ")
    # An alias is a name given on purpose: it still wins over a title.
    assert json.loads(hxq("show", "first", "--json", "--data", str(path)).out)["node"]["id"] == "1"


# --------------------------------------------------------------------------- closed streams


class _FullStream(io.TextIOBase):
    """A stream every write to fails, as a write to /dev/full or a closed pipe does."""

    def __init__(self, error: int) -> None:
        self.error = error

    def write(self, text: str) -> int:
        raise OSError(self.error, os.strerror(self.error))

    def flush(self) -> None:
        raise OSError(self.error, os.strerror(self.error))


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EPIPE, errno.EBADF])
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["show", "nosuch"], ExitCode.TROUBLE),
        (["show", "--data", "/nonexistent/framework.yaml"], ExitCode.TROUBLE),
        (["search", "zzzqqq"], ExitCode.NO),
        (["validate", str(FIXTURES / "minimal.yaml")], ExitCode.OK),
    ],
)
def test_a_failing_stderr_keeps_the_exit_code(
    capsys: pytest.CaptureFixture[str], error: int, args: list[str], code: ExitCode
) -> None:
    env = environment(stderr=_FullStream(error))
    assert main(args, env=env) == code
    capsys.readouterr()


def _in_shell(command: str, *args: str) -> subprocess.CompletedProcess[str]:
    """hxq run by a shell with the redirections in `command` ("hxq" stands for it)."""
    line = command.replace("hxq", " ".join(shlex.quote(a) for a in [installed_hxq(), *args]))
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    environ["HXQ_NO_CACHE"] = "1"
    return subprocess.run(
        ["sh", "-c", line], capture_output=True, text=True, env=environ, timeout=60, check=False
    )


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full", ">&- 2>&-"])
def test_an_error_with_stderr_closed_or_full_exits_2(redirect: str) -> None:
    assert _in_shell(f"hxq {redirect}", "show", "nosuch").returncode == ExitCode.TROUBLE


def test_stdin_closed_is_one_line(tmp_path: Path) -> None:
    for args in (["show", "--data", "-"], ["validate", "-"]):
        result = _in_shell("hxq <&-", *args)
        assert result.returncode == ExitCode.TROUBLE, result.stderr
        assert result.stderr == "hxq: error: <stdin>: standard input is closed\n"


def test_no_file_hxq_opens_takes_a_closed_standard_descriptor(tmp_path: Path) -> None:
    # With stderr closed, the first file hxq opens would be descriptor 2, and whatever writes
    # to "stderr" (the interpreter's own fatal errors, a browser or pager it starts) would
    # land in it: hxq opens /dev/null there first.
    probe = (
        "import os, sys; from hxq_cli.cli.stdout import keep_standard_fds_open; "
        "keep_standard_fds_open(); fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT); "
        "print(fd, file=open(sys.argv[1] + '.fd', 'w'))"
    )
    target = tmp_path / "out"
    line = f"{shlex.quote(sys.executable)} -c {shlex.quote(probe)} {shlex.quote(str(target))}"
    subprocess.run(["sh", "-c", f"{line} <&- >&- 2>&-"], check=True, timeout=60)
    assert int((tmp_path / "out.fd").read_text()) > 2


# --------------------------------------------------------------------------- files written


def test_sqlite_writes_nothing_when_its_metadata_file_is_refused(hxq: Run, tmp_path: Path) -> None:
    database = tmp_path / "x.db"
    (tmp_path / "x.db.metadata.json").mkdir()
    result = hxq("export", "--format", "sqlite", "-o", str(database))
    one_error_line(result, "x.db.metadata.json: is a folder, not a file")
    assert not database.exists()
    # An old database stays whole too.
    database.write_bytes(b"old")
    one_error_line(hxq("export", "--format", "sqlite", "-o", str(database)), "is a folder")
    assert database.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db", "x.db.metadata.json"]


def test_sqlite_writes_nothing_when_its_metadata_file_is_the_input(
    hxq: Run, tmp_path: Path
) -> None:
    data = tmp_path / "x.db.metadata.json"
    data.write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    result = hxq("export", "-f", "sqlite", "-o", str(tmp_path / "x.db"), "--data", str(data))
    one_error_line(result, "is the input file")
    assert not (tmp_path / "x.db").exists()


root_only = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (to give files away)")
NOBODY = 65534


@root_only
def test_a_file_of_another_user_keeps_its_owner_and_loses_its_set_id_bits(
    hxq: Run, tmp_path: Path
) -> None:
    target = tmp_path / "facts.csv"
    target.write_text("old", encoding="utf-8")
    os.chown(target, NOBODY, NOBODY)
    target.chmod(0o6755)
    assert hxq("export", "-f", "csv", "-o", str(target)).code == ExitCode.OK
    after = target.stat()
    assert (after.st_uid, after.st_gid) == (NOBODY, NOBODY)
    assert after.st_mode & 0o7777 == 0o755
    assert target.read_text(encoding="utf-8").startswith("node_id,")


def test_a_file_of_another_user_is_not_replaced_by_one_of_yours(
    hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a user who is not root (uid 4242) and may write the folder but cannot give a file away.
    theirs = tmp_path / "facts.csv"
    theirs.write_text("someone else's", encoding="utf-8")
    owner = theirs.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 4242)
    result = hxq("export", "-f", "csv", "-o", str(theirs))
    one_error_line(
        result,
        f"{theirs}: belongs to another user, and the file hxq writes in its place would be "
        "yours; remove it first or write elsewhere",
    )
    assert theirs.read_text(encoding="utf-8") == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]


@root_only
def test_a_link_planted_in_a_shared_folder_is_not_followed(hxq: Run, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    precious = tmp_path / "precious"
    precious.write_text("keep", encoding="utf-8")
    planted = shared / "out.csv"
    planted.symlink_to(precious)
    os.lchown(planted, NOBODY, NOBODY)
    result = hxq("export", "-f", "csv", "-o", str(planted))
    one_error_line(result, "is a link another user made in a shared folder")
    assert precious.read_text(encoding="utf-8") == "keep"
    # The user's own link there is followed, as the kernel follows it.
    os.lchown(planted, 0, 0)
    assert hxq("export", "-f", "csv", "-o", str(planted)).code == ExitCode.OK
    assert precious.read_text(encoding="utf-8").startswith("node_id,")


_SIGNAL_DURING_WRITE = """
import os, signal, sys
from hxq_cli.cli.app import main
real = os.fsync
def fsync(fd):
    # The signal arrives while the export is being written (its temporary file exists).
    os.kill(os.getpid(), int(sys.argv[1]))
    real(fd)
os.fsync = fsync
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_an_export_ended_by_a_signal_leaves_no_temporary_file(
    tmp_path: Path, signum: signal.Signals
) -> None:
    target = tmp_path / "facts.csv"
    target.write_text("old", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _SIGNAL_DURING_WRITE, str(int(signum))]
        + ["export", "-f", "csv", "-o", str(target)],
        capture_output=True,
        text=True,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
        timeout=60,
        check=False,
    )
    if signum == signal.SIGINT:  # Ctrl-C: "interrupted", exit 130
        assert done.returncode == ExitCode.INTERRUPTED, done.stderr
    else:  # ended by the signal, as its parent sees
        assert done.returncode == -signum, done.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.csv"]


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(child.stdout)


def test_a_temporary_file_a_killed_export_left_is_removed_by_the_next(
    hxq: Run, tmp_path: Path
) -> None:
    target = tmp_path / "facts.csv"
    left = tmp_path / f".facts.csv.hxq-{_dead_pid()}-a1b2c3.tmp"
    running = tmp_path / f".facts.csv.hxq-{os.getpid()}-d4e5f6.tmp"  # a run in progress
    other = tmp_path / ".other.csv.hxq-1-x.tmp"  # another file's
    for path in (left, running, other):
        path.write_text("partial", encoding="utf-8")
    assert hxq("export", "-f", "csv", "-o", str(target)).code == ExitCode.OK
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["facts.csv", running.name, other.name]
    )


def test_a_fifo_no_process_reads_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = subprocess.run(
        [installed_hxq(), "export", "-f", "csv", "-o", str(fifo)],
        capture_output=True,
        text=True,
        env={**os.environ, "HXQ_NO_CACHE": "1"},
        timeout=30,
        check=False,
    )
    assert done.returncode == ExitCode.TROUBLE
    assert done.stderr == f"hxq: error: {fifo}: is a FIFO that no process is reading\n"


def test_a_fifo_with_a_reader_and_dev_stdout_are_written_into(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    line = f"cat {shlex.quote(str(fifo))} > {shlex.quote(str(tmp_path / 'read'))} & hxq; wait"
    assert _in_shell(line, "export", "-f", "csv", "-o", str(fifo)).returncode == 0
    assert (tmp_path / "read").read_text(encoding="utf-8").startswith("node_id,")
    # /dev/stdout into a pipe: a link to the pipe, written into (it was "no such file").
    piped = _in_shell("hxq | head -1", "export", "-f", "csv", "-o", "/dev/stdout")
    assert piped.stdout.startswith("node_id,"), piped.stderr
    assert piped.stderr == ""


def test_a_block_device_or_a_socket_is_refused(hxq: Run, tmp_path: Path) -> None:
    import socket

    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        one_error_line(hxq("export", "-f", "csv", "-o", str(sock_path)), "is a socket, not a file")
    device = tmp_path / "disk"
    try:
        os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(0, 0))  # no such device
    except PermissionError:
        pytest.skip("cannot make a device node here")
    one_error_line(hxq("export", "-f", "csv", "-o", str(device)), "is a block device, not a file")


# --------------------------------------------------------------------------- invisible characters

INVISIBLE = {
    "zero-width-space": ("\u200b", "\\u200b"),
    "zero-width-joiner": ("\u200d", "\\u200d"),
    "line-separator": ("\u2028", "\\u2028"),
    "word-joiner": ("\u2060", "\\u2060"),
    "zero-width-no-break-space": ("\ufeff", "\\ufeff"),
    "soft-hyphen": ("\u00ad", "\\xad"),
    "variation-selector": ("\U000e0100", "\\U000e0100"),
}


@pytest.mark.parametrize(("raw", "shown"), INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_is_shown_as_an_escape_and_warned_of(
    hxq: Run, tmp_path: Path, raw: str, shown: str
) -> None:
    # Task B's title gets the character in the middle: it looked exactly like "Task B".
    path = edited(tmp_path, ('en: "Task B"', f'en: "Tas\\U{ord(raw):08x}k B"'))
    for args in (["show"], ["show", "1"], ["search", "Task"], ["facts", "--under", "1.2"]):
        result = hxq(*args, "--lang", "en", "--data", str(path), width=120)
        assert result.code == ExitCode.OK, (args, result.err)
        assert raw not in result.out, args
    tree = hxq("show", "--lang", "en", "--data", str(path)).out
    assert f"1.2  Tas{shown}k B  (1 figure)\n" in tree
    # An error that echoes the data escapes it too.
    missing = hxq("show", f"Tas{raw}k C", "--data", str(path))
    assert missing.code == ExitCode.TROUBLE and raw not in missing.err
    checked = hxq("validate", str(path))
    assert checked.code == ExitCode.OK
    assert checked.out.startswith(f"{path}:28:32: warning: nodes[0].children[1].title.en: ")
    assert f"holds U+{ord(raw):04X}" in checked.out
    # The data formats keep the text as it is (JSON and YAML write it losslessly).
    document = json.loads(hxq("show", "1.2", "--json", "--data", str(path)).out)
    assert document["node"]["title"]["en"] == f"Tas{raw}k B"


# --------------------------------------------------------------------------- one reading of YAML


def _read_both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """What the reader makes of `text` with libyaml, and with PyYAML's own reader."""
    import yaml

    from hxq_cli.errors import DocumentError
    from hxq_cli.read import TextFile
    from hxq_cli.read import parse as yaml_parse

    def reading() -> object:
        try:
            return yaml_parse.parse(TextFile("q.yaml", text))
        except DocumentError as exc:
            return ("refused", exc.line, exc.column, exc.problem)

    with_libyaml = reading()
    with monkeypatch.context() as patched:
        patched.setattr(yaml, "__with_libyaml__", False)
        yaml_parse._loader.cache_clear()
        try:
            without = reading()
        finally:
            yaml_parse._loader.cache_clear()
    return with_libyaml, without


ONE_READING = {
    "yaml-1.3": ("%YAML 1.3\n---\na: 1\n", "found incompatible YAML document"),
    "yaml-1.0": ("%YAML 1.0\n---\na: 1\n", "found incompatible YAML document"),
    "yaml-2.0": ("%YAML 2.0\n---\na: 1\n", "found incompatible YAML document"),
    "unknown-directive": ("%FOO bar\n---\na: 1\n", "found unknown directive name"),
    "reserved-directive": ("%RESERVED\n---\na: 1\n", "found unknown directive name"),
    "duplicate-yaml": ("%YAML 1.2\n%YAML 1.2\n---\na: 1\n", "found duplicate %YAML directive"),
    "escape-past-unicode": ('a: "\\U00110000"\n', "found invalid Unicode character escape"),
    "escape-past-c-int": ('a: "\\UFFFFFFFF"\n', "found invalid Unicode character escape"),
    "yaml-1.1": ("%YAML 1.1\n---\na: 1\n", None),
    "yaml-1.2": ("%YAML 1.2\n---\na: 1\n", None),
    "tag-directive": ("%TAG !e! tag:example.com,2000:\n---\na: 1\n", None),
    "escape-in-unicode": ('a: "\\U0001F600 \\U0010FFFF"\n', None),
}


@pytest.mark.parametrize(("text", "needle"), ONE_READING.values(), ids=ONE_READING.keys())
def test_both_yaml_readers_read_a_document_one_way(
    monkeypatch: pytest.MonkeyPatch, text: str, needle: str | None
) -> None:
    with_libyaml, without = _read_both_ways(text, monkeypatch)
    assert with_libyaml == without
    if needle is None:
        assert isinstance(with_libyaml, dict)
    else:
        assert isinstance(with_libyaml, tuple) and needle in with_libyaml[3]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        # An empty scalar tagged "!" was "" to libyaml and null to PyYAML's reader.
        ("a: !\nb: 1\n", "the tag '!' is not allowed"),
        ("a: !<!> 5\n", "the tag '!' is not allowed"),
        # A list to libyaml, an unknown tag "!," to PyYAML's reader.
        ("a: [!, 1]\n", "the tag '!' is not allowed"),
        # A comment right after a block scalar's header: read by libyaml, refused by PyYAML's.
        ("a: |#x\n  t\n", "a comment after '|' needs a space before '#'"),
        ("a: >-#x\n  t\n", "a comment after '>' needs a space before '#'"),
    ],
)
def test_what_the_yaml_readers_read_differently_is_refused_by_both(
    monkeypatch: pytest.MonkeyPatch, text: str, needle: str
) -> None:
    with_libyaml, without = _read_both_ways(text, monkeypatch)
    assert isinstance(with_libyaml, tuple) and needle in str(with_libyaml[3])
    assert isinstance(without, tuple), without


#: Pieces of YAML that the two readers have read differently, or might.
_YAML_PIECES = [
    *("a", "b", ":", " ", "\n", "\n  ", "\n- ", "key: ", "- ", "[", "]", "{", "}", ","),
    *("'", '"', "\\", "#", "&x", "*x", "!!int", "!!str", "!!float", "!!bool", "!", "!e!"),
    *("%YAML 1.2\n", "%YAML 1.3\n", "%FOO\n", "%TAG !e! tag:x,2000:\n", "---\n", "...\n"),
    *("|", ">", "|-", ">+", "|2", "1", "0x1F", "0o7", "1e3", ".inf", "-", "~", "null", "true"),
    *("\\u00e9", "\\x41", "\\U0001F600", "\\U00110000", "\\N", "\\_", "\\L", "\\e"),
    *("中", "\u3000", "\xa0", "\r\n", "\r", "@", "`", "%", "<<", "=", "98\\n"),
]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(_YAML_PIECES), min_size=1, max_size=14).map("".join))
def test_both_yaml_readers_agree_on_any_text(text: str) -> None:
    # "?" inside [ ] or { } is refused without libyaml on purpose (README, Safety).
    assume("?" not in text)
    with pytest.MonkeyPatch.context() as monkeypatch:
        with_libyaml, without = _read_both_ways(text, monkeypatch)
    assert isinstance(with_libyaml, tuple) == isinstance(without, tuple), (with_libyaml, without)
    if not isinstance(with_libyaml, tuple):
        assert with_libyaml == without


def test_a_refused_directive_is_one_line_everywhere(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "directive.yaml"
    path.write_text("%YAML 1.3\n---\n" + MINIMAL, encoding="utf-8")
    one_error_line(
        hxq("show", "--data", str(path)),
        f"{path}:1:1: found incompatible YAML document (hxq reads %YAML 1.1 and 1.2)",
    )
    assert hxq("validate", str(path)).code == ExitCode.NO


# --------------------------------------------------------------------------- environment, locale


@pytest.mark.parametrize(
    "value", ["１２３４５６７", "1_000_000", " 100000", "100000\n", "+100000", "٣٠٠٠٠٠"]
)
def test_max_bytes_takes_ascii_digits_only(
    hxq: Run, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("HXQ_MAX_BYTES", value)
    one_error_line(hxq("show", "--data", str(FIXTURES / "minimal.yaml")), "HXQ_MAX_BYTES=")
    assert "is not a whole number of bytes" in hxq("validate", str(FIXTURES / "minimal.yaml")).err


def _in_c_locale(*args: str) -> subprocess.CompletedProcess[bytes]:
    """hxq with the C locale and without Python's UTF-8 mode: argv decoded as ASCII."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("HXQ_", "LC_", "LANG"))}
    environ.update({"LC_ALL": "C", "PYTHONUTF8": "0", "HXQ_NO_CACHE": "1"})
    return subprocess.run(
        [installed_hxq(), *args], capture_output=True, env=environ, timeout=60, check=False
    )


def test_a_chinese_argument_in_the_c_locale_is_read_as_utf8() -> None:
    found = _in_c_locale("search", "创新", "--json")
    assert found.returncode == ExitCode.OK, found.stderr
    assert json.loads(found.stdout)["query"] == "创新"
    shown = _in_c_locale("show", "科创赋能", "--json")
    assert json.loads(shown.stdout)["node"]["id"] == "4.2"
    under = _in_c_locale("facts", "--under", "科创赋能", "--json")
    assert under.returncode == ExitCode.OK, under.stderr


def test_an_argument_that_is_not_utf8_is_one_line() -> None:
    for args in (
        ["search", "\udcff", "--json"],
        ["show", "ab\udcff"],
        ["facts", "--under", "\udcff"],
    ):
        result = run_bytes(*args)
        assert result.returncode == ExitCode.TROUBLE
        assert result.stdout == b""
        assert result.stderr.endswith(b"\\udcff' is not UTF-8 text\n"), result.stderr


def run_bytes(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The installed hxq given arguments as bytes (surrogate escapes turned back into bytes)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HXQ_")}
    environ["HXQ_NO_CACHE"] = "1"
    argv = [os.fsencode(installed_hxq()), *(os.fsencode(arg) for arg in args)]
    return subprocess.run(argv, capture_output=True, env=environ, timeout=60, check=False)


@pytest.mark.parametrize(
    ("name", "value", "args"),
    [
        ("COLUMNS", "²", ["show", "4"]),
        ("COLUMNS", "²", ["--help"]),
        ("COLUMNS", "9" * 5000, ["show", "--help"]),
        ("LINES", "²", ["show", "4"]),
        ("TERMINAL_WIDTH", "abc", ["--help"]),
        ("TERMINAL_WIDTH", "²", ["show", "--help"]),
    ],
)
def test_a_terminal_size_that_is_no_number_is_ignored(
    name: str, value: str, args: list[str]
) -> None:
    # Rich and Typer read these for themselves too, and ended in int()'s ValueError.
    result = run_installed(*args, env={name: value})
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stderr == ""


def test_a_huge_width_is_drawn_at_1000_columns() -> None:
    # COLUMNS=10000000 made `hxq facts` take minutes and gigabytes, and `hxq --help` a minute.
    for args in (["facts", "--under", "4.2"], ["--help"]):
        result = run_installed(*args, env={"COLUMNS": "10000000"})
        assert result.returncode == ExitCode.OK, result.stderr
        assert max(len(line) for line in result.stdout.splitlines()) <= 1000
    assert environment(width=10**7).width == 1000


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("²", "is not a whole number of seconds since 1970"),
        ("1e9", "is not a whole number of seconds since 1970"),
        ("-1", "is not a whole number of seconds since 1970"),
        ("99999999999999999999", "is past the year 9999"),
    ],
)
def test_a_malformed_source_date_epoch_is_one_line(
    hxq: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, problem: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    one_error_line(hxq("export", "-f", "md"), f"SOURCE_DATE_EPOCH={value!r} {problem}")
    one_error_line(hxq("export", "-f", "datapackage", "-o", str(tmp_path / "pkg")), problem)
    assert not (tmp_path / "pkg").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert hxq("export", "-f", "md").code == ExitCode.OK


# --------------------------------------------------------------------------- beyond the list


def _same_titles(count: int) -> str:
    """A framework of `count` top-level nodes, every one titled 同名 / Same, each text holding
    a zero-width space."""
    nodes = "".join(
        f'  - id: "{n}"\n'
        '    title: {zh: "同名", en: "Same"}\n'
        '    description: {zh: "同\\u200b名。", en: "Sa\\u200bme."}\n'
        for n in range(1, count + 1)
    )
    return (
        'schema_version: 1\nid: "same"\ntitle: {zh: "同名框架", en: "Same framework"}\n'
        'description: {zh: "同名。", en: "Same."}\nsources: []\nnodes:\n' + nodes
    )


def test_a_name_of_thousands_of_nodes_is_one_short_line(hxq: Run, tmp_path: Path) -> None:
    path = tmp_path / "same.yaml"
    path.write_text(_same_titles(2000), encoding="utf-8")
    result = hxq("show", "Same", "--data", str(path))
    one_error_line(result, "'Same' names 2,000 nodes: 1 (同名 · Same), 2 (同名 · Same), 3 (同名 · ")
    assert "and 1,997 more; give one of their IDs" in result.err
    assert len(result.err) < 200
    # validate lists at most 1,000 warnings, as it lists problems.
    document = json.loads(hxq("validate", str(path), "--json").out)
    assert document["valid"] is True
    assert len(document["warnings"]) == 1000


@pytest.mark.parametrize("name", ["a" * 250 + ".csv", "数" * 80 + ".csv"])
def test_an_output_name_as_long_as_the_file_system_allows_is_written(
    hxq: Run, tmp_path: Path, name: str
) -> None:
    # The temporary file's name (target, mark, process, random letters) was too long for it.
    target = tmp_path / name
    assert hxq("export", "-f", "csv", "-o", str(target)).code == ExitCode.OK
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
