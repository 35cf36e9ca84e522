"""The pager and --color (issue 12): like git and gh, only on a terminal, only when needed."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import Run, environment, installed_hxq
from hxq_cli.cli.environment import DEFAULT_PAGER, Environment
from hxq_cli.cli.pager import pager_for


def decide(environ: dict[str, str], **kw: object) -> str | None:
    """The pager for a view of `lines` lines, in the environment of a process with `environ`
    whose stdout is (`is_tty`) a terminal `height` lines high; `enabled`: --pager."""
    settings: dict[str, object] = {"enabled": True, "is_tty": True, "lines": 100, "height": 40}
    settings.update(kw)
    env = Environment.from_process(environ, stdout=sys.stdout, stderr=sys.stderr)
    env = replace(env, stdout_isatty=bool(settings["is_tty"]), height=int(str(settings["height"])))
    return pager_for(env.for_view(pager=bool(settings["enabled"])), int(str(settings["lines"])))


def test_default_is_less_frx() -> None:
    assert decide({}) == DEFAULT_PAGER == "less -FRX"


def test_hxq_pager_before_pager() -> None:
    assert decide({"PAGER": "more"}) == "more"
    assert decide({"PAGER": "more", "HXQ_PAGER": "most"}) == "most"


@pytest.mark.parametrize(
    ("environ", "kw"),
    [
        ({"HXQ_PAGER": ""}, {}),
        ({"HXQ_PAGER": "", "PAGER": "more"}, {}),
        ({"PAGER": " "}, {}),
        ({}, {"enabled": False}),
        ({}, {"is_tty": False}),
        ({}, {"lines": 40}),
        ({}, {"lines": 3}),
    ],
)
def test_no_pager(environ: dict[str, str], kw: dict[str, object]) -> None:
    assert decide(environ, **kw) is None


def _run_in_pty(args: list[str], env: dict[str, str]) -> str:
    """Run the installed hxq with stdout and stderr on a pseudo-terminal of 80x24; what it
    printed."""
    return _run_on_terminal(args, env, stderr_apart=False)[0]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_a_tall_view_goes_through_the_pager_in_a_real_terminal(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    shown = _run_in_pty(["show"], {"HXQ_PAGER": f"cat > {paged}"})
    text = paged.read_text(encoding="utf-8")
    assert "4.2" in text and "\x1b[" in text  # the whole view, colour kept
    assert "4.2" not in shown


def test_no_pager_and_a_short_view_print_directly(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    shown = _run_in_pty(["show", "--no-pager"], {"HXQ_PAGER": f"cat > {paged}"})
    assert not paged.exists() and "4.2" in shown
    short = _run_in_pty(["show", "1"], {"HXQ_PAGER": f"cat > {paged}"})
    assert not paged.exists() and "发展愿景" in short
    empty = _run_in_pty(["show"], {"HXQ_PAGER": ""})
    assert "4.2" in empty


def test_a_missing_pager_prints_directly() -> None:
    shown = _run_in_pty(["show"], {"PAGER": "no-such-pager-program"})
    assert "4.2" in shown


def test_color_option(hxq: Run) -> None:
    assert "\x1b[" in hxq("show", "4", "--color", "always").out
    assert "\x1b[" not in hxq("show", "4", "--color", "never").out
    assert "\x1b[" not in hxq("show", "4").out  # not a terminal


def test_color_never_in_a_terminal() -> None:
    assert "\x1b[1" not in _run_in_pty(["show", "1", "--color", "never"], {})
    assert "\x1b[1" in _run_in_pty(["show", "1"], {})
    assert "\x1b[1" not in _run_in_pty(["show", "1"], {"NO_COLOR": "1"})


def test_the_pager_gets_the_first_screen_before_the_rest_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long view goes to the pager part by part: the first screenful is written before the
    last part has been laid out (issue 12: the first screen in about a second)."""
    from rich.text import Text

    from hxq_cli.cli import pager, stdout
    from hxq_cli.render.stream import Stream

    made: list[int] = []
    written: list[tuple[int, str]] = []

    class FakePager:
        failure = None

        def write(self, text: str) -> bool:
            written.append((len(made), text))
            return True

        def finish(self) -> None:
            pass

    def parts():  # type: ignore[no-untyped-def]
        for index in range(50):
            made.append(index)
            yield Text("\n".join(f"line {index}.{n}" for n in range(5)))

    monkeypatch.setattr(pager.Pager, "start", classmethod(lambda cls, command, env: FakePager()))
    screen = environment(stdout=io.StringIO(), stdout_isatty=True, height=24, pager="fake")
    stdout.emit_view(screen, Stream(parts))
    assert written[0][0] < 10  # five lines a part: the screen was full after five parts
    assert "line 0.0" in written[0][1]
    assert "line 49.4" in written[-1][1]
    assert len(made) == 50


# --------------------------------------------------------------------------- a pager that fails


def _run_in_pty_apart(args: list[str], env: dict[str, str]) -> tuple[str, str, int]:
    """Run the installed hxq with stdout (and the keyboard) on an 80x24 pseudo-terminal and
    stderr on a pipe: (what the terminal showed, stderr, exit code)."""
    return _run_on_terminal(args, env, stderr_apart=True)


def _run_on_terminal(
    args: list[str], env: dict[str, str], *, stderr_apart: bool
) -> tuple[str, str, int]:
    """Run the installed hxq with stdout (and the keyboard) on an 80x24 pseudo-terminal, and
    stderr there too or on a pipe: (what the terminal showed, stderr, exit code). A pager left
    waiting for a key fails the test at the timeout rather than hang it."""
    import fcntl
    import select
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    full = {k: v for k, v in os.environ.items() if not k.startswith(("HXQ_", "PAGER"))}
    full.pop("COLUMNS", None)
    full.update({"HXQ_NO_CACHE": "1", "TERM": "xterm-256color", **env})
    process = subprocess.Popen(
        [installed_hxq(), *args],
        stdout=child,
        stderr=subprocess.PIPE if stderr_apart else child,
        stdin=child,
        env=full,
        start_new_session=True,
    )
    os.close(child)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            process.kill()
            pytest.fail("hxq (or its pager) waited for a key")
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    err = ""
    if process.stderr is not None:
        with process.stderr:
            err = process.stderr.read().decode("utf-8", "replace")
    code = process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace"), err, code


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
@pytest.mark.parametrize(
    ("pager", "why"),
    [
        ("/nonexistent", "'/nonexistent' not found"),
        ("less --bad-option", "There is no bad-option option"),
        ("true", "it ended without reading anything"),
        ("false", "exit status 1"),
        ("cat > /nonexistent/folder/file", "/nonexistent/folder/file"),
    ],
    ids=["missing", "bad-option", "exits-at-once", "fails-at-once", "shell-error"],
)
@pytest.mark.parametrize("args", [["show"], ["validate", "--data", "-"]], ids=["view", "text"])
def test_a_pager_that_cannot_show_the_output_is_one_warning(
    pager: str, why: str, args: list[str], tmp_path: Path
) -> None:
    if pager.startswith("less") and shutil.which("less") is None:
        pytest.skip("needs less")
    if args[0] == "validate":
        # A text taller than the screen: a problem for each of 40 facts (an unknown source).
        text = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
        fact = text[text.index('      - id: "1.budget"') : text.index("    children:")]
        facts = "".join(
            fact.replace('"1.budget"', f'"1.budget{n}"').replace('"doc"', '"elsewhere"')
            for n in range(40)
        )
        broken = tmp_path / "broken.yaml"
        broken.write_text(text.replace(fact, facts, 1), encoding="utf-8")
        args = ["validate", str(broken)]
    shown, err, code = _run_in_pty_apart(args, {"PAGER": pager})
    warnings = err.splitlines()
    assert len(warnings) == 1, err
    assert warnings[0].startswith(f"hxq: warning: the pager {pager!r} could not show the output (")
    assert why in warnings[0]
    assert warnings[0].endswith("); printed here")
    if args[0] == "show":
        assert code == 0
        # The whole view, on the terminal itself.
        assert "4.2" in shown and "6.6" in shown
    else:
        assert code == 1
        assert shown.count("is not among the framework's sources") == 40
