"""A framework file as it was at a git revision, read with `git show REV:PATH` (for `hxq diff REV`)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hxq_cli.errors import DataError, UsageError
from hxq_cli.read.limits import STDIN, max_bytes
from hxq_cli.text import shorten

#: Where a framework file stands in a git work tree when --data does not name one.
DEFAULT_IN_WORK_TREE = Path("data") / "framework.yaml"


@dataclass(frozen=True, slots=True)
class AtRevision:
    """The framework file now (`path`, named `now` in reports) and its bytes at `revision`
    (named `name`: REV:PATH)."""

    path: str
    now: str
    name: str
    data: bytes


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(directory), *args],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
            # git's own pager and prompts have no place here.
            env={**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise UsageError("git is not installed (needed to read a file at a git revision)") from None
    except OSError as exc:
        raise UsageError(f"cannot run git: {exc.strerror or exc}") from None


def _work_tree(directory: Path) -> Path:
    """The top of the git work tree `directory` is in."""
    found = _git(directory, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise UsageError(
            f"{directory} is not in a git work tree (a revision needs one; "
            "to compare two files, give both)"
        )
    return Path(os.fsdecode(found.stdout.rstrip(b"\n")))


def read_at_revision(path: str | None, revision: str) -> AtRevision:
    """The framework file `path` (None: data/framework.yaml at the top of the git work tree of
    the current folder) and its bytes at `revision`. Raises UsageError when git is missing,
    the file is not in a work tree, the revision is unknown or does not hold the file."""
    shown = shorten(revision)
    if path == STDIN:
        raise UsageError("a revision is compared with a framework file, not with stdin")
    if path is None:
        top = _work_tree(Path.cwd())
        file = top / DEFAULT_IN_WORK_TREE
    else:
        file = Path(path).absolute()
        top = _work_tree(file.parent if file.parent.is_dir() else Path.cwd())
    # A revision that starts with '-' would be read by git as an option.
    if revision.startswith("-") or not revision.strip():
        raise UsageError(f"unknown revision {shown!r}")
    known = _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if known.returncode != 0:
        raise UsageError(f"unknown revision {shown!r} (not a commit of {top})")
    commit = known.stdout.decode("ascii").strip()
    try:
        inside = file.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{file} is not in the git work tree {top}") from None
    name = f"{revision}:{inside}"
    # --no-textconv: the blob as committed, even where hxq is git's textconv for the file.
    kind = _git(top, "cat-file", "-t", f"{commit}:{inside}")
    if kind.returncode != 0 or kind.stdout.strip() != b"blob":
        raise UsageError(f"{inside} is not a file in revision {shown!r}")
    blob = _git(top, "show", "--no-textconv", f"{commit}:{inside}")
    if blob.returncode != 0:
        raise UsageError(f"git cannot show {inside} at revision {shown!r}")
    limit = max_bytes()
    if len(blob.stdout) > limit:
        raise DataError(
            f"{name}: larger than the {limit:,}-byte limit (set HXQ_MAX_BYTES to raise it)"
        )
    # The file found by default is named as within its work tree, as the revision's side is.
    now = inside if path is None else path
    return AtRevision(str(file) if path is None else path, now, name, blob.stdout)
